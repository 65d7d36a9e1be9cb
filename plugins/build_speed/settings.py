"""build_speed settings: defaults in one place (the Pelican DEFAULT_CONFIG habit)."""

DEFAULTS = {
    # Folder of Jinja's compiled templates (bytecode), relative to CACHE_PATH; "" keeps none.
    "BUILD_SPEED_JINJA_CACHE": "jinja",
    # Term pages (tags, categories, authors) in one pass over the articles instead of Pelican
    # 4.12's scan of every article per term.
    "BUILD_SPEED_LINEAR_TERMS": True,
    # Article and page URLs computed once per build, after every plugin has set them.
    "BUILD_SPEED_MEMO_URLS": True,
    # Listing cards rendered once per (article, card arguments, SITEURL) and reused.
    "BUILD_SPEED_CARDS_ONCE": True,
    # Folder under CACHE_PATH of the persistent reading cache (reading.py); "" keeps none.
    "BUILD_SPEED_READING_CACHE": "reading",
}


def apply_defaults(settings):
    """Fill in every missing BUILD_SPEED_* setting of ``settings`` (a dict) in place."""
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)
