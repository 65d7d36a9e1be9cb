"""news_images settings: defaults in one place (the Pelican DEFAULT_CONFIG habit).

Quality values come from the measured table in this plugin's README (PSNR of the luma channel
against the resized source, Pillow-only; ``python -m news_images.quality``).
"""

import logging
import os

logger = logging.getLogger(__name__)

FORMATS = ("avif", "webp", "jpeg")

DEFAULTS = {
    # Widths (px) made of every content image; never above the source's own width.
    "NEWS_IMAGES_WIDTHS": [360, 480, 720, 1080, 1600],
    # Listing-card thumbnails: a 3:2 crop at these widths.
    "NEWS_IMAGES_THUMBNAIL_WIDTHS": [160, 320],
    # Encoder quality per format (0-100), chosen from the README's size/quality table.
    "NEWS_IMAGES_QUALITY": {"avif": 50, "webp": 70, "jpeg": 78},
    # libavif speed (0 slowest .. 10 fastest); 8 encodes about as fast as WebP.
    "NEWS_IMAGES_AVIF_SPEED": 8,
    # `sizes` of images in the article column and of card thumbnails (theme/static/css:
    # .wrap is 38rem wide with 1rem padding on each side; .card-thumb 6.5rem, 10rem from 40em).
    "NEWS_IMAGES_SIZES": "(min-width: 40rem) 38rem, calc(100vw - 2rem)",
    "NEWS_IMAGES_THUMBNAIL_SIZES": "(min-width: 40em) 10rem, 6.5rem",
    # Quality (JPEG, WebP, AVIF) of an image published as its own file (a static file, e.g.
    # linked for download) that had metadata to remove: the full-size original, so kept high.
    "NEWS_IMAGES_STATIC_QUALITY": 90,
    # Limits of a source file: larger files or more pixels are a content error.
    "NEWS_IMAGES_MAX_BYTES": 20_000_000,
    "NEWS_IMAGES_MAX_PIXELS": 40_000_000,
    # Derived files, relative to the output folder.
    "NEWS_IMAGES_OUTPUT_DIR": "images/r",
    # The persistent cache of derived files; None means CACHE_PATH/news_images.
    "NEWS_IMAGES_CACHE_PATH": None,
    # Share image (og:image): JPEG of this size, quality lowered until under the byte limit.
    "NEWS_IMAGES_SHARE_SIZE": (1200, 630),
    "NEWS_IMAGES_SHARE_QUALITY": 82,
    "NEWS_IMAGES_SHARE_MAX_BYTES": 200_000,
    # Generated share card for content without a featured image: colours (hex).
    "NEWS_IMAGES_CARD_BACKGROUND": "#7a1020",
    "NEWS_IMAGES_CARD_FOREGROUND": "#ffffff",
    # Feed enclosure: the JPEG of the largest width not above this (px).
    "NEWS_IMAGES_FEED_WIDTH": 720,
    "NEWS_IMAGES_AUTHOR_PHOTO_WIDTH": 360,
    # Hosts (and their subdomains) whose images may stay linked where they are: Blogger's image
    # CDN, so a migrated archive keeps its pictures (plugins/newsroom_cli/blogger_import:
    # DOWNLOAD=1 copies them in). Images from any other site are a content error.
    "NEWS_IMAGES_REMOTE_HOSTS": ["blogger.googleusercontent.com", "bp.blogspot.com"],
    # True (set by `make check`): sources are opened and checked, nothing is made or written.
    "NEWS_IMAGES_VALIDATE_ONLY": False,
}


def apply_defaults(settings) -> None:
    """Fill in missing NEWS_IMAGES_* settings of ``settings`` (Pelican's dict) in place.

    ``NEWS_IMAGES_CACHE_PATH`` None becomes ``CACHE_PATH/news_images`` (absolute paths are kept;
    relative ones are relative to the working directory, like Pelican's CACHE_PATH). Widths are
    sorted and de-duplicated; a bad quality value falls back to the default with a warning.
    """
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)
    if not settings["NEWS_IMAGES_CACHE_PATH"]:
        settings["NEWS_IMAGES_CACHE_PATH"] = os.path.join(
            settings.get("CACHE_PATH", "cache"), "news_images"
        )
    for name in ("NEWS_IMAGES_WIDTHS", "NEWS_IMAGES_THUMBNAIL_WIDTHS"):
        widths = settings[name]
        if not widths or not all(isinstance(w, int) and w > 0 for w in widths):
            logger.warning("%s must be a list of widths in px; using %r", name, DEFAULTS[name])
            widths = DEFAULTS[name]
        settings[name] = sorted(set(widths))
    quality = dict(DEFAULTS["NEWS_IMAGES_QUALITY"])
    for key, value in (settings["NEWS_IMAGES_QUALITY"] or {}).items():
        if key in quality and isinstance(value, int) and 0 < value <= 100:
            quality[key] = value
        else:
            logger.warning("NEWS_IMAGES_QUALITY: %r: %r ignored (1-100 per format)", key, value)
    settings["NEWS_IMAGES_QUALITY"] = quality
