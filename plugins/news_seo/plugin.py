"""Signal wiring for news_seo. Receivers are module-level: blinker keeps weak references."""

from news_metadata.outputs import register_output_settings
from pelican import signals

from . import seo, sitemaps
from .settings import apply_defaults


def initialize(pelican) -> None:
    """``initialized``: fill in and validate the NEWS_SEO_* settings; the files it writes join
    the output-path registry (news_metadata.outputs).
    """
    apply_defaults(pelican.settings)
    register_output_settings(
        pelican.settings, ["NEWS_SEO_SITEMAP", "NEWS_SEO_NEWS_SITEMAP", "NEWS_SEO_ROBOTS_TXT"]
    )


def attach_seo(generators) -> None:
    """``all_generators_finalized``: ``seo`` on every article and page, ``news_seo_site``."""
    seo.attach(generators)


def record_page(path, context) -> None:
    """``content_written``: remember the page for sitemap.xml."""
    sitemaps.written_pages().add(path, context)


def get_generators(pelican):
    """``get_generators``: the Google News sitemap and robots.txt."""
    return sitemaps.NewsSitemapGenerator


def register() -> None:
    """Connect the receivers (Pelican plugin entry point)."""
    signals.initialized.connect(initialize)
    signals.all_generators_finalized.connect(attach_seo)
    signals.content_written.connect(record_page)
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(sitemaps.write_sitemap)
