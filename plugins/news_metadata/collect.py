"""Every article or page a generator read, whatever its status: one list of the attributes.

Pelican 4.12 keeps what a generator read in separate lists by status and language
(``ArticlesGenerator``: ``articles``, ``translations``, ``drafts``, ``drafts_translations``,
``hidden_articles``, ``hidden_translations``; ``PagesGenerator``: ``pages``, ``translations``,
``hidden_pages``, ``hidden_translations``, ``draft_pages``, ``draft_translations``). A plugin that
must see every content object (to give it an id, comments, corrections or head data) uses
:func:`all_contents` instead of naming the lists itself.
"""

from collections.abc import Iterable

from pelican.contents import Content

CONTENT_LISTS = (
    "articles",
    "translations",
    "drafts",
    "drafts_translations",
    "hidden_articles",
    "hidden_translations",
    "pages",
    "hidden_pages",
    "draft_pages",
    "draft_translations",
)


def all_contents(generator: object) -> list[Content]:
    """Every Article or Page ``generator`` read (any status, any language), in source-path order.

    Args:
        generator: a Pelican generator; one without these lists (StaticGenerator) gives ``[]``.
    Returns:
        list of content objects, each once, sorted by ``source_path``.
    """
    return _unique_sorted(
        content for name in CONTENT_LISTS for content in getattr(generator, name, None) or []
    )


def _unique_sorted(contents: Iterable[Content]) -> list[Content]:
    unique = {id(content): content for content in contents}
    return sorted(unique.values(), key=lambda content: content.source_path)
