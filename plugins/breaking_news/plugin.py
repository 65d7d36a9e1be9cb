"""Signal wiring for breaking_news. Receivers are module-level: blinker keeps weak references."""

from news_metadata.clock import add_moment, build_now
from news_metadata.outputs import register_output_settings
from pelican import signals

from .feed import BreakingFeedGenerator
from .settings import apply_defaults
from .ticker import set_expiry, set_live, ticker_entries, ticker_items


def initialize(pelican) -> None:
    """``initialized``: default settings; ``Breaking_until`` becomes a known metadata key."""
    apply_defaults(pelican.settings)
    register_output_settings(pelican.settings, ["BREAKING_NEWS_FEED_ATOM"])


def build_ticker(generator) -> None:
    """``article_generator_finalized``: expiry of every article, then the ticker.

    Sets ``breaking_live`` on every article (the label follows the ticker's window), and records
    each breaking article's start and expiry (:func:`news_metadata.clock.add_moment`): the ticker
    and the labels change then.
    Puts ``breaking_news`` (list of dicts from :func:`.ticker.ticker_entries`, newest first)
    into the shared template context, so every page rendered afterwards (articles, pages,
    listings) shows it without recomputing URLs or dates per page.
    """
    settings = generator.settings
    max_age = settings["BREAKING_NEWS_MAX_AGE"]
    now = build_now()
    for article in [*generator.articles, *generator.translations, *generator.drafts]:
        set_expiry(article, max_age)
        set_live(article, now)
        if article.breaking_expires is not None:
            add_moment(article.date)
            add_moment(article.breaking_expires)
    items = ticker_items(generator.articles, now, settings["BREAKING_NEWS_MAX_ITEMS"])
    generator.context["breaking_news"] = ticker_entries(items)


def get_generators(pelican):
    """``get_generators``: the breaking-news feed."""
    return BreakingFeedGenerator


def register() -> None:
    """Connect the receivers (Pelican plugin entry point)."""
    signals.initialized.connect(initialize)
    signals.article_generator_finalized.connect(build_ticker)
    signals.get_generators.connect(get_generators)
