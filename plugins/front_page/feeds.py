"""Each Atom/RSS feed gets its own id, its alternate page and the site's language.

Pelican gives every feed the same ``<id>`` and ``<link rel="alternate">`` (the site's home
page) and no language. RFC 4287 §4.2.6 wants an id that identifies *this* feed, and §4.2.7.2 an
alternate link to the page the feed is a version of. Just before each feed is written
(``feed_generated``, which hands over feedgenerator's feed object) this module sets:
``id`` = the feed's own URL, ``link`` = the section, author or tag page (the home page for the
site-wide and breaking-news feeds), ``language`` = ``DEFAULT_LANG`` (``xml:lang="id"`` on the
Atom root, ``<language>`` in RSS).
"""

import logging

from news_metadata.state import build_state

logger = logging.getLogger(__name__)

# Build-state part: feed URL relative to FEED_DOMAIN -> the alternate page's URL relative to
# SITEURL (plan() fills it at the start of each build's output phase).
ALTERNATES = "front_page.feedalternates"

_SITE_WIDE = ("FEED_ALL_ATOM", "FEED_ALL_RSS", "FEED_ATOM", "FEED_RSS", "BREAKING_NEWS_FEED_ATOM")
_PER_ITEM = (
    ("categories", "CATEGORY_FEED_ATOM"),
    ("categories", "CATEGORY_FEED_RSS"),
    ("authors", "AUTHOR_FEED_ATOM"),
    ("authors", "AUTHOR_FEED_RSS"),
    ("tags", "TAG_FEED_ATOM"),
    ("tags", "TAG_FEED_RSS"),
)


def _feed_url(settings, name, slug=None):
    """The feed's URL relative to FEED_DOMAIN, as Pelican's generators compute it."""
    template = str(settings.get(f"{name}_URL", settings[name]))
    return template.format(slug=slug) if slug is not None else template


def plan(context, settings) -> None:
    """Record the alternate page of every feed this build writes.

    Args:
        context: the shared template context (``categories``, ``authors``: lists of
            ``(item, articles)``; ``tags``: the same list or a dict).
        settings: Pelican's settings.
    """
    alternates = build_state().set(ALTERNATES, {})
    for name in _SITE_WIDE:
        if settings.get(name):
            alternates[_feed_url(settings, name).lstrip("/")] = ""
    for key, name in _PER_ITEM:
        if not settings.get(name):
            continue
        items = context.get(key) or []
        pairs = items.items() if isinstance(items, dict) else items
        for item, _articles in pairs:
            alternates[_feed_url(settings, name, item.slug).lstrip("/")] = item.url


def adjust(context, feed) -> None:
    """``feed_generated``: set the feed's ``id``, ``link`` and ``language`` (see module doc).

    Args:
        context: the generator's context (settings included).
        feed: ``feedgenerator.SyndicationFeed``; its ``feed`` dict is changed in place.
    A feed this module does not know keeps Pelican's link, and still gets its id and language.
    """
    data = feed.feed
    feed_url = data.get("feed_url") or ""
    domain = (context.get("FEED_DOMAIN") or context.get("SITEURL") or "").rstrip("/")
    relative = feed_url[len(domain) :].lstrip("/") if feed_url.startswith(domain) else feed_url
    data["id"] = feed_url or data.get("id")
    data["language"] = context.get("DEFAULT_LANG") or data.get("language")
    alternate = build_state().part(ALTERNATES, dict).get(relative)
    if alternate is None:
        logger.debug("front_page: no alternate page known for feed %s", feed_url)
        return
    base = (context.get("SITEURL") or domain).rstrip("/")
    data["link"] = f"{base}/{alternate}"
