"""Links to taxonomy pages (``{category}x``, ``{tag}x``, ``{author}x``) and unknown link kinds.

Pelican's ``Content._link_replacer`` turns ``{tag}banjir`` into the URL of
``Tag("banjir").url`` without asking whether that page exists: a tag no published article
carries, a misspelt author or a category with no article is published as a link to a 404. A
kind it does not know (``{filenme}x.md``, a typo) is left in the page as a literal href with
only a warning. :func:`check_link` reports both, at the link's line, from
:func:`.site_checks.check_links`, which finds every intrasite link (``{what}`` and the legacy
``|what|`` form alike) and hands the kinds it does not resolve itself to this module.

"Built" means: the term is in the context Pelican's ``ArticlesGenerator`` made (``categories``,
``tags``, ``authors``: published articles only, so a tag only a draft carries has no page) and
the kind's ``*_SAVE_AS`` is not empty. A term only scheduled articles carry gets its own
message (the link works from the build that publishes the first of them), as a ``{filename}``
link to a scheduled article does. The link's URL is computed the way Pelican computes it
(``Category(value, settings).url``), so a slug cut by ``news_metadata.slugs`` or an author
``slug`` from ``authors.yml`` is compared as it will be written.
"""

from collections.abc import Callable, Mapping
from urllib.parse import unquote, urlparse

from news_metadata.errors import display_path, report
from news_metadata.text import suggest
from pelican.contents import Content
from pelican.urlwrappers import Author, Category, Tag

# The kinds Pelican 4.12's Content._link_replacer knows; anything else is left unreplaced.
PELICAN_LINK_KINDS = ("filename", "static", "attach", "category", "tag", "author", "index")
TAXONOMY = {
    # kind: (Pelican's URL wrapper, context key, *_SAVE_AS setting, the content's own
    # attribute, word for the message)
    "category": (Category, "categories", "CATEGORY_SAVE_AS", "category", "section"),
    "tag": (Tag, "tags", "TAG_SAVE_AS", "tags", "tag"),
    "author": (Author, "authors", "AUTHOR_SAVE_AS", "authors", "author"),
}


def check_link(
    content: Content,
    link: tuple[str, str, str],
    context: Mapping,
    settings: Mapping,
    line_of: Callable[[], int | None],
) -> None:
    """Report a taxonomy link to a page that is not built, or a link kind Pelican does not know.

    Args:
        content: the article or page holding the link. Its own categories, tags and authors
            count as built: a draft may link to the tag it introduces, which has a page from
            the build that publishes it.
        link: ``(what, value, written)``: the kind (``tag`` for ``{tag}x`` or ``|tag|x``),
            what follows it (``banjir``, ``banjir#foto``) and the whole link as written.
        context: Pelican's shared context after the articles were read (``categories``,
            ``tags``, ``authors``: lists of ``(term, articles)`` pairs, or a mapping;
            ``drafts``, scheduled articles among them).
        settings: Pelican settings.
        line_of: returns the link's 1-based line in the source (called only to report).
    Kinds this module does not own (``filename``, ``static``, ``attach``, ``index``) are
    ignored. Nothing is raised; problems go to :func:`news_metadata.errors.report`.
    """
    source_path = content.source_path
    what, value, written = link
    if what not in PELICAN_LINK_KINDS:
        kinds = [f"{{{kind}}}" for kind in PELICAN_LINK_KINDS]
        report(
            source_path,
            line_of(),
            f"link {written} has the kind {{{what}}}, which Pelican does not know "
            f"(it would be published as it is, a dead link){suggest(f'{{{what}}}', kinds)}",
            "write one of " + ", ".join(kinds) + ", e.g. {filename}../2024/other-article.md",
        )
        return
    if what not in TAXONOMY:
        return
    wrapper, key, save_as, own, word = TAXONOMY[what]
    path = urlparse(value).path  # what Pelican makes the URL from (not unquoted)
    name = unquote(path)
    terms = _terms(context.get(key))
    article = "an" if word[0] in "aeiou" else "a"
    if not settings.get(save_as):
        report(
            source_path,
            line_of(),
            f"link {written} points to {article} {word} page, and this site builds none "
            f"({save_as} is empty)",
            "remove the link, or link to an article or page with {filename}",
        )
        return
    target = wrapper(path, settings) if path.strip() else None
    built = {term.url for term in [*terms, *_own_terms(content, own)]}
    if target is not None and target.url in built:
        return
    waiting = _first_scheduled(context.get("drafts") or [], own, target)
    if waiting is not None:
        report(
            source_path,
            line_of(),
            f"link {written} points to the {word} page ({target.url}), which is not "
            f"built yet: the only articles with the {word} {name!r} are scheduled (the first: "
            f"{display_path(waiting.source_path)}, {waiting.date:%Y-%m-%d %H:%M} WITA)",
            "remove the link until that article is out, or give this file a later Date",
        )
        return
    choices = sorted({term.name for term in terms} | {term.slug for term in terms})
    shown = f" ({target.url})" if target is not None else ""
    example = f"{{{what}}}{terms[0].slug}" if terms else None
    report(
        source_path,
        line_of(),
        f"link {written} points to the {word} page{shown}, which is not built: no "
        f"published article has the {word} {name!r}{suggest(name, choices)}",
        f"write the name or slug of {article} {word} that published articles have"
        + (f", e.g. {example}" if example else "")
        + ", or remove the link",
    )


def _own_terms(content, attribute):
    """The categories, tags or authors of one article (``category`` is a single value)."""
    terms = getattr(content, attribute, None) or []
    return terms if isinstance(terms, list) else [terms]


def _first_scheduled(drafts, attribute, target):
    """The earliest scheduled draft carrying ``target`` (a URL wrapper), or None."""
    if target is None:
        return None
    carrying = [
        draft
        for draft in drafts
        if getattr(draft, "scheduled", False)
        and target.url in {term.url for term in _own_terms(draft, attribute)}
    ]
    return min(carrying, key=lambda draft: draft.date, default=None)


def _terms(entries):
    """The URL wrappers of a context entry: ``[(term, articles), ...]`` or ``{term: articles}``."""
    if not entries:
        return []
    if isinstance(entries, Mapping):
        return sorted(entries, key=lambda term: term.slug)
    return sorted((term for term, _ in entries), key=lambda term: term.slug)
