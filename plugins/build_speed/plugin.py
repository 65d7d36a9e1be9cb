"""build_speed's Pelican hooks (see README.md in this folder).

1. ``initialized``: Jinja without freshness checks and with a bytecode cache (:mod:`.jinja`).
2. ``article_generator_init``: linear-time term pages on the articles generator (:mod:`.terms`),
   its files pre-read on several processes into the reading cache (:mod:`.prereading`).
3. ``generator_init``: news_metadata's date filters remembered per value (:mod:`.filters`),
   listing cards rendered once per article (:mod:`.cards`), the page frame's header, menu
   and footer once per key (:mod:`.chrome`).
4. ``readers_init``: the persistent reading cache, replacing Pelican's content cache
   (:mod:`.reading`).
5. ``all_generators_finalized``: article and page URLs kept once computed (:mod:`.urls`);
   connected when the plugin is registered, so list it last in ``PLUGINS``; the articles'
   pages rendered on several processes (:mod:`.rendering`).
"""

from pelican import signals

from . import cards, chrome, filters, jinja, prereading, reading, rendering, terms, urls
from .settings import apply_defaults


def initialized(pelican):
    """``initialized``: defaults, then the Jinja settings every generator is built with."""
    apply_defaults(pelican.settings)
    pelican.settings["JINJA_ENVIRONMENT"] = jinja.configure(pelican.settings)


def article_generator_init(generator):
    """``article_generator_init``: linear term pages unless BUILD_SPEED_LINEAR_TERMS is off;
    the articles pre-read on BUILD_SPEED_WORKERS processes (:mod:`.prereading`)."""
    if generator.settings.get("BUILD_SPEED_LINEAR_TERMS", True):
        terms.install(generator)
    prereading.install(generator)


def generator_init(generator):
    """``generator_init`` (after news_metadata's, which adds the filters): memo date filters;
    cards once per article unless BUILD_SPEED_CARDS_ONCE is off; the page frame's partials
    once per key unless BUILD_SPEED_FRAME_ONCE is off."""
    filters.install(generator.env)
    if generator.settings.get("BUILD_SPEED_CARDS_ONCE", True):
        cards.install(generator.env)
    if generator.settings.get("BUILD_SPEED_FRAME_ONCE", True):
        chrome.install(generator.env)


def all_generators_finalized(generators):
    """``all_generators_finalized``: keep URLs unless BUILD_SPEED_MEMO_URLS is off; the
    articles' pages rendered on BUILD_SPEED_WORKERS processes (:mod:`.rendering`)."""
    if not generators:
        return
    settings = generators[0].settings
    if settings.get("BUILD_SPEED_MEMO_URLS", True):
        urls.memoize(generators)
    rendering.install(generators, settings)


def readers_init(readers):
    """``readers_init`` (after news_metadata's reader and guard): the persistent reading cache
    unless BUILD_SPEED_READING_CACHE is empty (:mod:`.reading`)."""
    reading.install(readers)


def register():
    """Pelican plugin entry point."""
    signals.initialized.connect(initialized)
    signals.article_generator_init.connect(article_generator_init)
    signals.generator_init.connect(generator_init)
    signals.readers_init.connect(readers_init)
    signals.all_generators_finalized.connect(all_generators_finalized)
