"""Signal wiring for corrections. Receivers are module-level: blinker keeps weak references.

Order within a build (README, "How it works"):

1. ``initialized``: defaults, the article keys for news_metadata, the Markdown extension that
   marks an advertorial's outbound links ``rel="sponsored"``.
2. ``article_generator_context`` (each file, before its Article exists): ``Status: withdrawn``
   becomes Pelican's ``hidden`` (written at its URL, in no listing, feed or sitemap) with
   ``withdrawn = True`` and the ``withdrawn`` template.
3. ``article_generator_finalized`` (after the comments plugin set ``article.id``): read
   ``content/corrections/``, check and join (:func:`.model.join`); ``corrections_log`` goes
   into the shared context. Errors fail a strict build at news_metadata's
   ``all_generators_finalized`` receiver, before any page is written.
4. ``all_generators_finalized``: the corrections page and the policy page for the templates.
5. ``feed_generated``: feed titles of labelled types get their label ("Advertorial: ...").
6. ``get_generators``: the feed of the corrections log (:mod:`.feed`).
"""

import logging
import os

from news_metadata.clock import build_now
from news_metadata.collect import all_contents
from news_metadata.state import build_state
from pelican import signals

from . import entries, model
from .feed import CorrectionsFeedGenerator
from .settings import WITHDRAWN_STATUS, apply_defaults

logger = logging.getLogger(__name__)

EXTENSION = "corrections.markdown_ext"
WITHDRAWN_TEMPLATE = "withdrawn"

# Build-state part: article URL -> label, for the feeds of this build (feed_generated has
# only the feed).
FEED_LABELS = "corrections.feed_labels"


def initialize(pelican) -> None:
    """``initialized``: settings, keys, and the sponsored-links Markdown extension."""
    settings = pelican.settings
    apply_defaults(settings)
    markdown = settings.setdefault("MARKDOWN", {})
    configs = markdown.setdefault("extension_configs", {})
    configs.setdefault(EXTENSION, {"siteurl": settings.get("SITEURL", "")})
    extensions = markdown.setdefault("extensions", [])
    if EXTENSION not in extensions:
        extensions.append(EXTENSION)


def mark_withdrawn(generator, metadata) -> None:
    """``article_generator_context``: ``Status: withdrawn`` -> ``hidden`` + ``withdrawn``."""
    status = metadata.get("status")
    if isinstance(status, str) and status.strip().lower() == WITHDRAWN_STATUS:
        metadata["status"] = "hidden"
        metadata["withdrawn"] = True
        metadata["template"] = WITHDRAWN_TEMPLATE


def type_labels(settings):
    """Dict type -> label: ``CORRECTIONS_TYPE_LABELS``, None filled from the UI strings."""
    ui = settings.get("UI") or {}
    return {
        name: label or ui.get(f"type_{name.replace('-', '_')}", name.capitalize())
        for name, label in settings["CORRECTIONS_TYPE_LABELS"].items()
    }


def join_articles(generator) -> None:
    """``article_generator_finalized``: corrections, replies, withdrawals (module doc)."""
    settings = generator.settings
    root = os.path.join(settings["PATH"], settings["CORRECTIONS_PATH"])
    found = entries.scan(root, settings.get("IGNORE_FILES", ()))
    articles = all_contents(generator)
    log = model.join(articles, found, settings, type_labels(settings), build_now(), root)
    generator.context["corrections_log"] = log
    labels = {a.url: a.type_label for a in articles if a.type_label}
    build_state().set(FEED_LABELS, labels)


def find_pages(generators) -> None:
    """``all_generators_finalized``: ``corrections_page`` and ``corrections_policy_page`` in
    the template context (Pages, or None with a warning).
    """
    if not generators:
        return
    context = generators[0].context
    settings = generators[0].settings
    pages = {p.slug: p for p in context.get("pages", [])}
    for name, setting, what in (
        ("corrections_page", "CORRECTIONS_PAGE", "the footer links to no corrections page"),
        ("corrections_policy_page", "CORRECTIONS_POLICY_PAGE", "notices link to no policy"),
    ):
        slug = settings.get(setting)
        context[name] = pages.get(slug)
        if slug and context[name] is None:
            logger.warning(
                "corrections: no page has Slug %r (%s), so %s; add content/pages/%s.md",
                slug,
                setting,
                what,
                slug,
            )


def label_feed_items(context, feed) -> None:
    """``feed_generated``: prefix the titles of labelled articles ("Advertorial: ...")."""
    labels = build_state().get(FEED_LABELS)
    if not labels:
        return
    siteurl = str(context.get("SITEURL") or "").rstrip("/")
    for item in feed.items:
        link = item["link"].split("?", 1)[0]
        if siteurl and link.startswith(siteurl):
            link = link[len(siteurl) :]
        label = labels.get(link.lstrip("/"))
        if label and not item["title"].casefold().startswith(label.casefold()):
            item["title"] = f"{label}: {item['title']}"


def get_generators(pelican):
    """``get_generators``: the corrections feed."""
    return CorrectionsFeedGenerator


def register() -> None:
    """Connect the receivers (Pelican plugin entry point). Needs news_metadata (and, for
    article ids, comments) listed before it in ``PLUGINS``.
    """
    signals.initialized.connect(initialize)
    signals.article_generator_context.connect(mark_withdrawn)
    signals.article_generator_finalized.connect(join_articles)
    signals.all_generators_finalized.connect(find_pages)
    signals.feed_generated.connect(label_feed_items)
    signals.get_generators.connect(get_generators)
