"""breaking_news settings: defaults in one place (the Pelican DEFAULT_CONFIG habit)."""

import logging
from datetime import timedelta

from news_metadata.settings import register_keys

logger = logging.getLogger(__name__)

DEFAULTS = {
    # Ticker heading; None means the theme's UI string "breaking_label" ("Breaking News").
    "BREAKING_NEWS_LABEL": None,
    # At most this many headlines in the ticker, newest first.
    "BREAKING_NEWS_MAX_ITEMS": 5,
    # Hours after its Date that an item leaves the ticker (unless it has Breaking_until).
    "BREAKING_NEWS_MAX_AGE": 48,
    # Atom feed of breaking articles only, relative to the output folder; None: no feed.
    "BREAKING_NEWS_FEED_ATOM": "feeds/breaking-news.atom.xml",
    # The few lines of inline script that hide expired items (and labels) in the browser.
    "BREAKING_NEWS_SCRIPT": True,
    # After the window: False shows no label on the article and its cards; True shows the
    # quiet mark UI["breaking_expired"] ("Berita terkini") instead of the red label.
    "BREAKING_NEWS_EXPIRED_MARK": False,
}

# The metadata key this plugin owns (the design's content model has Breaking already).
METADATA_KEY = "Breaking_until"


def apply_defaults(settings) -> None:
    """Fill in missing BREAKING_NEWS_* settings, validate them and register ``Breaking_until``.

    Args:
        settings: Pelican's settings dict, changed in place.
    Bad values are logged as warnings and replaced by the default (Pelican's habit); only the
    normalized values are left in ``settings``: ``BREAKING_NEWS_MAX_AGE`` becomes a
    ``timedelta``.
    """
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)
    settings["BREAKING_NEWS_MAX_AGE"] = max_age(settings["BREAKING_NEWS_MAX_AGE"])
    items = settings["BREAKING_NEWS_MAX_ITEMS"]
    if isinstance(items, bool) or not isinstance(items, int) or items < 1:
        logger.warning(
            "BREAKING_NEWS_MAX_ITEMS must be a whole number of at least 1, got %r; using %d",
            items,
            DEFAULTS["BREAKING_NEWS_MAX_ITEMS"],
        )
        settings["BREAKING_NEWS_MAX_ITEMS"] = DEFAULTS["BREAKING_NEWS_MAX_ITEMS"]
    register_keys(settings, [METADATA_KEY])


def max_age(value):
    """Return ``BREAKING_NEWS_MAX_AGE`` as a ``timedelta``.

    Args:
        value: hours (int or float, > 0) or a positive ``timedelta``.

    Returns:
        ``timedelta``; the default (48 hours) with a warning for anything else.
    """
    if isinstance(value, timedelta) and value > timedelta(0):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        return timedelta(hours=value)
    default = DEFAULTS["BREAKING_NEWS_MAX_AGE"]
    logger.warning(
        "BREAKING_NEWS_MAX_AGE must be a number of hours (or a timedelta) above 0, got %r; "
        "using %d hours",
        value,
        default,
    )
    return timedelta(hours=default)
