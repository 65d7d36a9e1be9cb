"""front_page settings: defaults in one place (the Pelican DEFAULT_CONFIG habit)."""

import logging

from news_metadata.settings import register_keys

logger = logging.getLogger(__name__)

DEFAULTS = {
    # Section blocks on the home page, in this order (category names); None: the order of
    # NEWS_METADATA_CATEGORIES. A name with no published article gives no block.
    "FRONT_PAGE_SECTIONS": None,
    # Headlines per section block on the home page.
    "FRONT_PAGE_SECTION_ITEMS": 4,
    # "Baca juga" under each article: at most this many related articles.
    "FRONT_PAGE_RELATED_ITEMS": 5,
    # "Terbaru" under each article: at most this many of the site's newest articles.
    "FRONT_PAGE_LATEST_ITEMS": 4,
    # Pages in the menu and the footer, in this order (page slugs); a slug with no page is left
    # out with a warning.
    "FRONT_PAGE_MENU_PAGES": ["tentang", "redaksi", "kontak", "pedoman-pemberitaan-media-siber"],
    # Text-only edition: folder under the output folder ("teks" -> /teks/...); "" or None: none.
    "FRONT_PAGE_LITE_PATH": "teks",
    # Articles listed on the text-only home page.
    "FRONT_PAGE_LITE_ITEMS": 30,
    # The theme stylesheet (under THEME_STATIC_DIR) written again under a name that carries a
    # hash of its bytes (css/style.<hash>.css), so it can be cached for a year; None: no copy.
    "FRONT_PAGE_STYLESHEET": "css/style.css",
    # CSS that one kind of page alone uses, written inline there (FRONT_PAGE_INLINE_CSS[name]):
    # a folder of the theme, beside static/ (never copied to the output); None: none.
    "FRONT_PAGE_INLINE_CSS_DIR": "styles",
}

# The metadata key this plugin owns: the lead story of the home page.
METADATA_KEY = "Featured"

_WHOLE_NUMBERS = (
    "FRONT_PAGE_SECTION_ITEMS",
    "FRONT_PAGE_RELATED_ITEMS",
    "FRONT_PAGE_LATEST_ITEMS",
    "FRONT_PAGE_LITE_ITEMS",
)


def apply_defaults(settings) -> None:
    """Fill in missing FRONT_PAGE_* settings of ``settings`` (Pelican's dict) and validate them.

    A count that is not a whole number ≥ 0 is logged as a warning and the default is used
    (Pelican's habit). ``FRONT_PAGE_SECTIONS`` None becomes ``NEWS_METADATA_CATEGORIES``.
    Registers the ``Featured`` metadata key with news_metadata.
    """
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)
    for name in _WHOLE_NUMBERS:
        value = settings[name]
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            logger.warning(
                "%s must be a whole number of at least 0, got %r; using %d",
                name,
                value,
                DEFAULTS[name],
            )
            settings[name] = DEFAULTS[name]
    if settings["FRONT_PAGE_SECTIONS"] is None:
        settings["FRONT_PAGE_SECTIONS"] = list(settings.get("NEWS_METADATA_CATEGORIES") or [])
    settings["FRONT_PAGE_LITE_PATH"] = (settings["FRONT_PAGE_LITE_PATH"] or "").strip("/")
    register_keys(settings, [METADATA_KEY])
