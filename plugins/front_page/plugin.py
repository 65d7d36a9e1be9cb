"""Signal wiring for front_page. Receivers are module-level: blinker keeps weak references."""

import logging

from news_metadata.outputs import register_output_files, register_output_folders
from pelican import signals

from . import assets, feeds, reading, selection
from .lite import LiteGenerator
from .settings import apply_defaults
from .site_files import ROOT_FILES

logger = logging.getLogger(__name__)


def initialize(pelican) -> None:
    """``initialized``: default settings, the ``Featured`` key, the stylesheet's hashed name;
    the files this plugin writes made known to the output registry (news_metadata.outputs),
    so a ``Save_as`` cannot overwrite them silently.
    """
    apply_defaults(pelican.settings)
    register_output_files(pelican.settings, ROOT_FILES)
    # The text edition mirrors every article's URL below its folder: all of it is its own.
    register_output_folders(pelican.settings, ["FRONT_PAGE_LITE_PATH"])
    assets.name_stylesheet(pelican.settings)
    assets.load_inline_css(pelican.settings)
    assets.load_icon(pelican.settings)


def index_page_size(settings):
    """Articles on page 1 of the home page: ``PAGINATED_TEMPLATES["index"]``, else
    ``DEFAULT_PAGINATION`` (None or False: all of them).
    """
    size = (settings.get("PAGINATED_TEMPLATES") or {}).get("index")
    if size is None:
        size = settings.get("DEFAULT_PAGINATION")
    return size or None


def plan_articles(generator) -> None:
    """``article_generator_finalized``: everything the front page and the article pages show.

    Sets on every published article ``featured``, ``card_date``, ``related`` (list),
    ``section_newer``/``section_older`` and ``latest`` (list); puts ``front_page`` (dict:
    ``lead``, ``latest``, ``sections``) into the shared template context. Drafts get
    ``card_date`` and empty lists (a dev build shows them).
    """
    settings = generator.settings
    card_date = selection.CardDates(settings.get("DEFAULT_LANG") or "id")
    articles = generator.articles  # published, newest first
    for article in [*articles, *generator.translations, *generator.drafts]:
        selection.read_featured(article)
        article.card_date = card_date(article.date)
        article.related, article.latest = [], []
        article.section_newer = article.section_older = None
    by_tag, by_category = reading.index_by(articles)
    reading.set_neighbours(by_category)
    related_limit = settings["FRONT_PAGE_RELATED_ITEMS"]
    latest_limit = settings["FRONT_PAGE_LATEST_ITEMS"]
    newest = articles[: latest_limit + related_limit + 3]
    for article in articles:
        neighbours = {article.section_newer, article.section_older} - {None}
        article.related = reading.related(
            article, by_tag, by_category, related_limit, exclude=neighbours
        )
        offered = {*article.related, *neighbours}
        article.latest = reading.latest_for(article, newest, offered, latest_limit)

    lead = selection.lead_story(articles)
    first_page = articles[: index_page_size(settings)]
    latest = [a for a in first_page if a is not lead]
    generator.context["front_page"] = {
        "lead": lead,
        "latest": latest,
        "sections": selection.section_blocks(
            by_category,
            settings["FRONT_PAGE_SECTIONS"],
            {lead, *latest},
            settings["FRONT_PAGE_SECTION_ITEMS"],
        ),
    }


def plan_site(generators) -> None:
    """``all_generators_finalized``: the menu's pages and each feed's alternate page."""
    context = generators[0].context
    settings = generators[0].settings
    context["menu_pages"] = menu_pages(context.get("pages", []), settings["FRONT_PAGE_MENU_PAGES"])
    feeds.plan(context, settings)


def menu_pages(pages, slugs):
    """Return the published pages named by ``slugs`` (``FRONT_PAGE_MENU_PAGES``), in that order.

    A slug with no published page is left out with a warning.
    """
    by_slug = {page.slug: page for page in pages}
    found = []
    for slug in slugs:
        page = by_slug.get(slug)
        if page is None:
            logger.warning(
                "FRONT_PAGE_MENU_PAGES: no page with Slug: %s; left out of the menu", slug
            )
        else:
            found.append(page)
    return found


def get_generators(pelican):
    """``get_generators``: the text-only edition."""
    return LiteGenerator


def register() -> None:
    """Connect the receivers (Pelican plugin entry point)."""
    signals.initialized.connect(initialize)
    signals.article_generator_finalized.connect(plan_articles)
    signals.all_generators_finalized.connect(plan_site)
    signals.feed_generated.connect(feeds.adjust)
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(assets.write_stylesheet)
