"""Tags that differ only in case or punctuation are one tag, with one display name.

Pelican already files ``Banjir`` and ``banjir`` under one tag page (``Tag`` objects compare by
slug), but each article shows the name as its own header wrote it, and the tag page takes
whichever spelling it met first. Here (``article_generator_pretaxonomy``, before Pelican builds
the tag lists) every tag gets one display name: the spelling in ``NEWS_METADATA_TAG_NAMES`` when
one of those has the same slug, else the spelling of the oldest article (date, then path). Each
article that spells it differently is reported as a warning with the line, so the editor can
make it consistent; the build is not failed for it. (Within one article, a tag written twice in
two spellings is an error: :mod:`.reader`.)
"""

import logging

from .errors import display_path
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
