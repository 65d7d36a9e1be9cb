"""Tags that differ only in case or punctuation are one tag, with one display name.

Pelican already files ``Banjir`` and ``banjir`` under one tag page (``Tag`` objects compare by
slug), but each article shows the name as its own header wrote it, and the tag page takes
whichever spelling it met first. Here (``article_generator_pretaxonomy``, before Pelican builds
the tag lists) every tag gets one display name: the spelling in ``NEWS_METADATA_TAG_NAMES`` when
one of those has the same slug, else the spelling of the oldest article (date, then path). Each
article that spells it differently is reported as a warning with the line, so the editor can
make it consistent; the build is not failed for it. (Within one article, a tag written twice in
two spellings is an error: :mod:`.reader`.)

Sections are another matter: ``C``, ``C#`` and ``C++`` are three sections with one slug
(``c``: the signs are not letters), so Pelican would file them under one section page and one
feed, with whichever name it met first. Names that differ in more than case are an error at the
second article's ``Category`` line naming the first (:func:`check_category_slugs`).
"""

import logging

from .errors import display_path, report
from .slugs import make_slug

logger = logging.getLogger(__name__)


def unify_tags(generator):
    """``article_generator_pretaxonomy`` receiver: one display name per tag slug."""
    settings = generator.settings
    articles = [
        *generator.articles,
        *generator.translations,
        *getattr(generator, "drafts", []),
        *getattr(generator, "hidden_articles", []),
    ]
    articles.sort(key=lambda a: (getattr(a, "date", None) is None, str(a.date), a.source_path))
    names = {
        make_slug(name, settings, "TAG_REGEX_SUBSTITUTIONS"): name
        for name in settings.get("NEWS_METADATA_TAG_NAMES") or []
    }
    for article in articles:
        for tag in getattr(article, "tags", None) or []:
            names.setdefault(tag.slug, tag.name)
    for article in articles:
        for tag in getattr(article, "tags", None) or []:
            chosen = names[tag.slug]
            if tag.name == chosen:
                continue
            line = getattr(article, "news_lines", {}).get("tags")
            path = display_path(article.source_path)
            where = f"{path}:{line}" if line else path
            logger.warning(
                "%s: tag %r is shown as %r, the way the site already writes it — write %r",
                where,
                tag.name,
                chosen,
                chosen,
                extra={"limit_msg": "more tags spelled another way"},
            )
            slug = tag.slug
            tag.name = chosen
            tag.slug = slug


def check_category_slugs(articles, settings) -> None:
    """Report each article whose section shares its slug with a section of another name.

    Args:
        articles: every article read (any status: a draft's section merges once published),
            in source-path order (:func:`.collect.all_contents`).
        settings: Pelican's settings (``CATEGORY_URL``, ``NEWS_METADATA_CATEGORIES``).
    Reports through :func:`.errors.report` at the article's ``Category:`` line; names that
    differ only in case are one section (``Category: berita`` is the configured ``Berita``).
    """
    first = {}
    configured = set(settings.get("NEWS_METADATA_CATEGORIES") or [])
    for article in articles:
        category = getattr(article, "category", None)
        if category is None or not category.slug:
            continue
        lines = getattr(article, "news_lines", {})
        seen = first.setdefault(category.slug, (category.name, article, lines.get("category")))
        name, other, other_line = seen
        if name.casefold() == category.name.casefold():
            continue
        url = settings.get("CATEGORY_URL", "category/{slug}.html").format(slug=category.slug)
        where = display_path(other.source_path) + (f":{other_line}" if other_line else "")
        if {name, category.name} <= configured:
            fix = (
                "give one of them letters or digits of its own in NEWS_METADATA_CATEGORIES "
                "(pelicanconf.py), e.g. 'C Sharp', or spell the sign out in "
                "CATEGORY_REGEX_SUBSTITUTIONS, e.g. (r'#', '-sharp')"
            )
        else:
            fix = (
                f"write 'Category: {name}' if it is the same section, or give the section a "
                "name with letters or digits of its own"
            )
        report(
            article.source_path,
            lines.get("category"),
            f"section {category.name!r} would have the address {url}, like the section "
            f"{name!r} of {where}: the signs in a name are not part of its address, so the two "
            "would be one section page and one feed",
            fix,
        )
