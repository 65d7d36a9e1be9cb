"""breaking_news: the breaking-news ticker on every page, item expiry, the breaking Atom feed.

See README.md in this folder for the metadata it reads, the settings and the template snippet.
"""

from .plugin import register

__all__ = ["register"]
