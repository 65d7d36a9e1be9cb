"""Ids in an article's text never take an id the page around it uses.

Python-Markdown's ``toc`` extension gives every heading an id from its words: "## Baca Juga"
becomes ``id="baca-juga"``, the id of the theme's related-stories section, "## Komentar" that of
the comments section, "## Isi" the skip link's target. With two elements of one id the page's
``aria-labelledby`` names the wrong heading and ``#komentar`` (the comment count on every card)
jumps to the article's heading instead of the comments. Headings are common words in a news
story, so:

- :func:`install` wraps the ``toc`` extension's slugify: a heading whose id is taken becomes
  ``bagian-<id>`` ("bagian": section), read as meant, no error;
- :func:`taken` lists the ids the editor wrote himself (``{: #komentar }``, ``<div id=...>``)
  that are taken, for an error at their line.

The taken ids are the literal ``id="..."`` of the theme's templates plus
``NEWS_METADATA_PAGE_IDS`` (patterns of the ids plugins write through template variables:
comments, share headings, correction entries). They are read once per build, not once per
process: ``make devserver`` builds again in the same process after a theme edit, and an id
added to a template then counts from that build on.
"""

import os
import re

from .state import build_state

PREFIX = "bagian-"
_LITERAL_ID = re.compile(r"""\bid=["']([A-Za-z][\w-]*)["']""")
_HTML_ID = re.compile(r"""<[a-zA-Z][^>]*?\sid=["']?([^"'\s>]+)""")
# Build state part (news_metadata.state): (settings, templates folder, predicate) of this build.
PAGE_IDS = "news_metadata.page_ids"


def _template_ids(templates):
    found = set()
    for folder, _, names in os.walk(templates):
        for name in names:
            if name.endswith(".html"):
                with open(os.path.join(folder, name), encoding="utf-8") as handle:
                    found.update(_LITERAL_ID.findall(handle.read()))
    return frozenset(found)


def page_ids(settings):
    """A predicate ``id -> bool``: True for an id the page around the article text uses.

    Made once per build (every file's reading asks) and kept with the settings object it was
    made for, so another settings object or the next build reads the templates again.

    Args:
        settings: Pelican settings (``THEME``, ``NEWS_METADATA_PAGE_IDS``: regular expressions
            matched against the whole id).
    """
    templates = os.path.join(settings.get("THEME") or "", "templates")
    kept = build_state().get(PAGE_IDS)
    if kept is not None and kept[0] is settings and kept[1] == templates:
        return kept[2]
    literal = _template_ids(templates)
    patterns = settings.get("NEWS_METADATA_PAGE_IDS") or ()
    pattern = re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None

    def used(value):
        return value in literal or bool(pattern and pattern.fullmatch(value))

    build_state().set(PAGE_IDS, (settings, templates, used))
    return used


def install(md, settings):
    """Make the ``toc`` extension of ``md`` (if loaded) give a heading whose id the page uses
    ``bagian-<id>`` instead."""
    if "toc" not in md.treeprocessors:
        return
    toc = md.treeprocessors["toc"]
    used = page_ids(settings)
    # The reader keeps one Markdown for all its files and installs this per file: wrap the
    # toc's own slugify each time, never the previous wrapper (a chain one deeper per file
    # ended in a RecursionError after about 980 articles).
    original = getattr(toc, "news_original_slugify", None)
    if original is None:
        original = toc.news_original_slugify = toc.slugify

    def slugify(value, separator):
        slug = original(value, separator)
        return PREFIX + slug if used(slug) else slug

    toc.slugify = slugify


def taken(html, settings):
    """The ids in ``html`` (an article's converted text) that the page around it uses, in order
    (each once); the ``toc`` ids are already renamed, so these are the editor's own."""
    used = page_ids(settings)
    return list(dict.fromkeys(value for value in _HTML_ID.findall(html or "") if used(value)))
