"""news_seo settings: defaults in one place (the Pelican DEFAULT_CONFIG habit)."""

import logging
from datetime import timedelta

from .share import TEMPLATES

logger = logging.getLogger(__name__)

SHARE_NETWORKS = tuple(TEMPLATES)  # whatsapp, facebook, x, telegram, email

DEFAULTS = {
    # Categories whose articles are opinion: OpinionNewsArticle instead of NewsArticle.
    "NEWS_SEO_OPINION_CATEGORIES": ["Opini"],
    # Publisher name in JSON-LD, og:site_name and the news sitemap; None means SITENAME.
    "NEWS_SEO_PUBLISHER_NAME": None,
    # Publisher logo (a raster image, as Google asks), relative to the output folder;
    # None means the theme's images/logo.png (THEME_STATIC_DIR/images/logo.png).
    "NEWS_SEO_LOGO": None,
    # og:image / twitter:image for pages without a featured image; None means the logo.
    "NEWS_SEO_DEFAULT_IMAGE": None,
    # Longest description (characters); longer text is cut at a word and ends with "…".
    "NEWS_SEO_DESCRIPTION_MAX_LENGTH": 300,
    # The site's X account, e.g. "@kabarmbojo" (twitter:site); None leaves it out.
    "NEWS_SEO_TWITTER_SITE": None,
    # og:locale.
    "NEWS_SEO_OG_LOCALE": "id_ID",
    # The publisher's profiles elsewhere (absolute URLs), JSON-LD sameAs on the home page.
    "NEWS_SEO_SAME_AS": [],
    # NewsMediaOrganization properties that point to a page of the site, by page slug;
    # a slug with no page is left out with a warning.
    "NEWS_SEO_ORGANIZATION_PAGES": {
        "publishingPrinciples": "pedoman-pemberitaan-media-siber",
        "masthead": "redaksi",
    },
    # Share links under each article, in this order (any of SHARE_NETWORKS); [] for none.
    "NEWS_SEO_SHARE": list(SHARE_NETWORKS),
    # Output files, relative to the output folder; None disables one. Written only when
    # SITEURL is an absolute http(s) URL (the publish build): sitemaps need absolute URLs.
    "NEWS_SEO_SITEMAP": "sitemap.xml",
    "NEWS_SEO_NEWS_SITEMAP": "sitemap-news.xml",
    "NEWS_SEO_ROBOTS_TXT": "robots.txt",
    # Google News sitemap: articles dated within this many hours before "now" (build_now),
    # at most this many (Google's limits: two days, 1000 news:news entries).
    "NEWS_SEO_NEWS_SITEMAP_MAX_AGE": 48,
    "NEWS_SEO_NEWS_SITEMAP_MAX_ITEMS": 1000,
}


def apply_defaults(settings) -> None:
    """Fill in missing NEWS_SEO_* settings of ``settings`` (Pelican's dict) and validate them.

    Bad values are logged as warnings and replaced by the default (Pelican's habit).
    Normalized: ``NEWS_SEO_NEWS_SITEMAP_MAX_AGE`` becomes a ``timedelta``;
    ``NEWS_SEO_SHARE`` keeps only known networks.
    """
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)
    age = settings["NEWS_SEO_NEWS_SITEMAP_MAX_AGE"]
    if isinstance(age, int | float) and not isinstance(age, bool) and age > 0:
        age = timedelta(hours=age)
    if not isinstance(age, timedelta) or age <= timedelta(0):
        _fallback("NEWS_SEO_NEWS_SITEMAP_MAX_AGE", age, "a number of hours above 0")
        age = timedelta(hours=DEFAULTS["NEWS_SEO_NEWS_SITEMAP_MAX_AGE"])
    settings["NEWS_SEO_NEWS_SITEMAP_MAX_AGE"] = age
    items = settings["NEWS_SEO_NEWS_SITEMAP_MAX_ITEMS"]
    if isinstance(items, bool) or not isinstance(items, int) or not 0 < items <= 1000:
        _fallback("NEWS_SEO_NEWS_SITEMAP_MAX_ITEMS", items, "a whole number from 1 to 1000")
        settings["NEWS_SEO_NEWS_SITEMAP_MAX_ITEMS"] = DEFAULTS["NEWS_SEO_NEWS_SITEMAP_MAX_ITEMS"]
    share = []
    for network in settings["NEWS_SEO_SHARE"] or []:
        if network in SHARE_NETWORKS:
            share.append(network)
        else:
            logger.warning(
                "NEWS_SEO_SHARE: unknown network %r left out; known: %s",
                network,
                ", ".join(SHARE_NETWORKS),
            )
    settings["NEWS_SEO_SHARE"] = share
    length = settings["NEWS_SEO_DESCRIPTION_MAX_LENGTH"]
    if length is not None and (isinstance(length, bool) or not isinstance(length, int)):
        _fallback("NEWS_SEO_DESCRIPTION_MAX_LENGTH", length, "a whole number or None")
        settings["NEWS_SEO_DESCRIPTION_MAX_LENGTH"] = DEFAULTS["NEWS_SEO_DESCRIPTION_MAX_LENGTH"]


def _fallback(name, value, expected):
    logger.warning(
        "%s must be %s, got %r; using the default %r", name, expected, value, DEFAULTS[name]
    )
