"""Signal wiring for news_images. Receivers are module-level: blinker keeps weak references.

Stages: ``initialized`` (defaults); ``generator_init`` (the ``image_root`` filter); the
:class:`ImagesGenerator` from ``get_generators``, whose ``generate_context`` runs after every
article and page is read (and before news_seo's ``all_generators_finalized``) and whose
``generate_output`` puts the derived files into the output folder; ``static_generator_finalized``
(sources published only as derived files are not copied: originals carry EXIF and GPS; every
other image file is checked and published without metadata, :mod:`news_images.static`);
``feed_generated`` (the featured image as each feed entry's enclosure).
"""

import logging
import os
import time

from feedgenerator import Enclosure
from news_metadata.state import build_state
from pelican import signals

from .content import ContentImages
from .images import ImageBuild
from .markup import with_root
from .settings import apply_defaults
from .static import check_static_images, publish_originals

logger = logging.getLogger(__name__)


# Build-state parts: the ImageBuild of the running build; article URL -> (path, bytes).
BUILD = "news_images.build"
ENCLOSURES = "news_images.enclosures"


def initialize(pelican) -> None:
    """``initialized``: fill in the NEWS_IMAGES_* settings."""
    apply_defaults(pelican.settings)


def add_filter(generator) -> None:
    """``generator_init``: ``image_root`` (see :func:`news_images.markup.with_root`)."""
    generator.env.filters["image_root"] = with_root


class ImagesGenerator:
    """Derives every image of the build's content, then writes the files that are used."""

    def __init__(self, context, settings, path, theme, output_path, *args, **kwargs):
        self.context = context
        self.settings = settings
        self.output_path = output_path

    def generate_context(self) -> None:
        """Give each article and page its images (see :mod:`news_images.content`)."""
        started = time.perf_counter()
        build = ImageBuild(self.settings)
        build_state().set(BUILD, build)
        enclosures = build_state().set(ENCLOSURES, {})
        images = ContentImages(build, self.settings)
        for content in _contents(self.context):
            images.attach(content)
            if content.news_image is not None and hasattr(content, "url"):
                feed = content.news_image.jpeg(self.settings["NEWS_IMAGES_FEED_WIDTH"])
                if feed:
                    enclosures[content.url] = (feed["url"], feed["bytes"])
        logger.info(
            "news_images: %d derived files (%d made, the rest from %s) in %.2f s",
            len(build.used),
            build.made,
            self.settings["NEWS_IMAGES_CACHE_PATH"],
            time.perf_counter() - started,
        )

    def generate_output(self, writer) -> None:
        """Link or copy the used derived files into the output folder; drop stale ones."""
        build = build_state().get(BUILD)
        if build is not None:
            publish_originals(self.context)
            build.write(self.output_path)


def _contents(context):
    seen = set()
    for name in (
        "articles", "drafts", "hidden_articles", "pages", "hidden_pages", "draft_pages",
    ):  # fmt: skip
        for content in context.get(name) or []:
            if id(content) not in seen:
                seen.add(id(content))
                yield content
        # translations sit on their originals
        for content in list(context.get(name) or []):
            for translation in getattr(content, "translations", []):
                if id(translation) not in seen:
                    seen.add(id(translation))
                    yield translation


def get_generators(pelican):
    """``get_generators``: :class:`ImagesGenerator`."""
    return ImagesGenerator


def skip_converted_sources(generator) -> None:
    """``static_generator_finalized``: do not copy sources that are published as derived
    files only (the original may be 12 MB and hold GPS coordinates in its EXIF); check every
    other image file (:func:`news_images.static.check_static_images`).
    """
    build = build_state().get(BUILD)
    if build is None:
        return
    generator.staticfiles[:] = [  # in place: the context holds the same list
        static
        for static in generator.staticfiles
        if os.path.abspath(static.source_path) not in build.converted
    ]
    check_static_images(generator, build)


def add_enclosures(context, feed) -> None:
    """``feed_generated``: the featured image's mid-size JPEG as each entry's enclosure
    (absolute URL, byte length, ``image/jpeg``).
    """
    enclosures = build_state().get(ENCLOSURES)
    if not enclosures:
        return
    domain = (context.get("FEED_DOMAIN") or context.get("SITEURL") or "").rstrip("/")
    prefix = domain + "/"
    for item in feed.items:
        link = item.get("link") or ""
        path = link[len(prefix) :] if link.startswith(prefix) else link
        found = enclosures.get(path)
        if found and not item.get("enclosures"):
            item["enclosures"] = [Enclosure(f"{domain}/{found[0]}", str(found[1]), "image/jpeg")]


def register() -> None:
    """Connect the receivers (Pelican plugin entry point)."""
    signals.initialized.connect(initialize)
    signals.generator_init.connect(add_filter)
    signals.get_generators.connect(get_generators)
    signals.static_generator_finalized.connect(skip_converted_sources)
    signals.feed_generated.connect(add_enclosures)
