"""front_page: the news front page and a reader's journey through the site.

Lead story and section blocks on the home page, "Baca juga" (related articles), the previous and
next article in the section and the latest from the site under every article, the menu's pages,
card dates, feed ids and alternate links, the text-only edition under ``/teks/``, the
fingerprinted stylesheet. All computed once per build; the theme renders it. See README.md.
"""

from .plugin import register

__all__ = ["register"]
