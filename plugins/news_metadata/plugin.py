"""Signal wiring for news_metadata. Receivers are module-level: blinker keeps weak references."""

import os

from pelican import signals
from pelican.contents import Article, Page

from . import error_page, errors, guard, outputs, safety, state
from .clock import newest_update, start_moments
from .collect import all_contents
from .containment import refusal, report_refused
from .dates import format_iso, format_wita, format_wita_date
from .guard import guard_readers, guard_writers
from .ids import check_duplicate_ids
from .inventory import register_content_folder
from .inventory import take as take_inventory
from .model import check_content, load_site_data
from .reader import NewsMarkdownReader
from .settings import apply_defaults
from .site_links import check_root_links
from .taxonomy import check_category_slugs, unify_tags
from .text import visible_text
from .translations import check_translations

# The build state's part holding the build's context (generators' shared dict), kept at
# all_generators_finalized for stop_before_writing and for make check's inventory.
CONTEXT = "news_metadata.context"


def initialize(pelican):
    """``initialized``: fill in default settings; a new build has no time-dependent moments yet
    (:func:`.clock.add_moment`)."""
    start_moments()
    settings = pelican.settings
    apply_defaults(settings)
    register_content_folder(settings, settings["NEWS_METADATA_AUTHORS_FILE"], "data")
    register_content_folder(settings, settings["NEWS_METADATA_ARCHIVE_PATH"], "archived")
    errors.quiet_reported_skips()


def add_reader(readers):
    """``readers_init``: read Markdown with :class:`NewsMarkdownReader`."""
    for extension in NewsMarkdownReader.file_extensions:
        readers.reader_classes[extension] = NewsMarkdownReader
    guard_readers(readers)


def start_build(generator):
    """``article_generator_init``: runs once per build before any file is read, after the
    build state's reset (:mod:`.state`, connected first)."""
    load_site_data(generator.settings)


def add_filters(generator):
    """``generator_init``: Jinja filters ``wita``, ``wita_date``, ``isoformat`` and ``plain``
    (visible text of HTML, for attributes and meta tags: ``article.summary|plain``)."""
    generator.env.filters.update(
        {
            "wita": format_wita,
            "wita_date": format_wita_date,
            "isoformat": format_iso,
            "plain": visible_text,
        }
    )


def check_ids(generator):
    """``page_generator_finalized`` (every article and page read, nothing written): no two
    articles or pages share an id (:func:`.ids.check_duplicate_ids`)."""
    contents = [
        content
        for content in generator.context.get("generated_content", {}).values()
        if isinstance(content, Article | Page)
    ]
    check_duplicate_ids(sorted(contents, key=lambda c: c.source_path), generator.settings)


def check_generated(generators):
    """``all_generators_finalized``: files Pelican itself could not use are errors too, and so
    are two writers of one output path (:mod:`.outputs`). The strict stop is not here but in
    :func:`stop_before_writing`, once every plugin's receiver of this signal has run."""
    if not generators:
        return
    context = generators[0].context
    settings = generators[0].settings
    reported = errors.collector.paths()
    for relative, content in context.get("generated_content", {}).items():
        path = os.path.abspath(os.path.join(settings["PATH"], relative))
        if content is None and path not in reported:
            # Every known reason is reported where it happens (guard.py); this is a gap.
            errors.report(
                path,
                None,
                "internal error: Pelican skipped this file and no check said why",
                guard.INTERNAL_FIX + " (pelican --debug shows Pelican's reason)",
            )
    registry = outputs.check_outputs(context, settings, generators)
    # Each generator's contents gathered (and sorted) once for the checks that need them all.
    contents = [(generator, all_contents(generator)) for generator in generators]
    check_root_links([c for _, read in contents for c in read], registry, settings)
    check_translations(contents, settings)
    for generator, read in contents:
        if hasattr(generator, "articles"):
            check_category_slugs(read, settings)
    readers = next((g.readers for g in generators if hasattr(g, "readers")), None)
    take_inventory(context, settings, readers.extensions if readers else ())
    guard_writers(generators)
    state.build_state().set(CONTEXT, context)


def stop_before_writing(pelican):
    """``get_writer``: the one stop of a strict build with errors found while reading.

    Pelican's ``run`` sends ``get_writer`` (``Pelican._get_writer``) after the whole reading
    half, every receiver of ``all_generators_finalized`` of every plugin included, and before
    any generator's ``generate_output``. A stop at news_metadata's own
    ``all_generators_finalized`` receiver (connected first: news_metadata comes first in
    ``PLUGINS``, and blinker calls receivers in connection order) would end the build before
    front_page, corrections, news_seo, cms, build_speed ... had checked anything: their
    errors would show only in the next publish, once these were fixed. Here every error of the
    reading half is listed at once, and nothing is written (the output folder is not even
    made). The dev build's error banners and page (:mod:`.error_page`) get them all too.

    Also moves :func:`finish_build` to the end of ``finalized``'s receivers (see there).
    Returns None: no writer class of its own, so Pelican's ``Writer`` (or another plugin's).
    """
    context = state.build_state().get(CONTEXT)
    if context is not None:
        error_page.attach(context, pelican.settings)
    # Connected here, not in register(): every plugin (and any receiver an `initialized`
    # receiver connected) is connected by now, so it runs after all of them.
    signals.finalized.disconnect(finish_build)
    signals.finalized.connect(finish_build)
    errors.collector.raise_if_strict(pelican.settings)


def finish_build(pelican):
    """``finalized``, the last receiver (:func:`stop_before_writing` connects it): the errors
    found while writing (pages, feeds, and every plugin's ``finalized`` step: front_page's
    stylesheet, news_seo's sitemaps, ...) fail a strict build too, all at once."""
    errors.collector.raise_if_strict(pelican.settings)


def refuse_linked_static(generator):
    """``static_generator_finalized``: a static file (an image) that is a symbolic link or
    resolves outside ``content/`` is reported and not copied into the site."""
    kept = []
    for static in generator.staticfiles:
        found = refusal(static.source_path, generator.settings["PATH"])
        if found is None:
            kept.append(static)
            continue
        report_refused(static.source_path, found[0], fix=found[1])
        generator.context.get("static_content", {}).pop(static.get_relative_source_path(), None)
    generator.staticfiles = kept
    generator.context["staticfiles"] = kept  # what StaticGenerator.generate_output copies


def clean_feed(context, feed):
    """``feed_generated``: every feed item's content and summary without active content
    (:func:`safety.clean_fragment`) and with absolute URLs only (:func:`safety.absolute_links`:
    a root-relative ``/p/tentang.html`` or an in-page ``#fn:1`` would resolve against the
    feed's address), whichever generator or plugin made the feed. An empty
    feed's ``<updated>`` is the site's newest article's (:func:`clock.newest_update`), not
    feedgenerator's wall clock, so two builds of the same input stay byte-identical."""
    if not feed.items:
        updated = newest_update(context.get("articles") or ())
        feed.latest_post_date = lambda: updated
    for item in feed.items:
        for key in ("description", "content"):
            if item.get(key):
                item[key] = safety.clean_fragment(item[key])
                if item.get("link"):
                    item[key] = safety.absolute_links(item[key], item["link"])


def register():
    """Connect the receivers (Pelican plugin entry point)."""
    # First, so the per-build state is reset before any plugin's receiver of the same signal
    # (news_metadata comes first in PLUGINS); also connected on import (state.py), and again
    # here for a process whose signals were cleared between builds (a no-op otherwise).
    signals.article_generator_init.connect(state.reset)
    signals.initialized.connect(initialize)
    signals.readers_init.connect(add_reader)
    signals.article_generator_init.connect(start_build)
    signals.generator_init.connect(add_filters)
    signals.content_object_init.connect(check_content)
    signals.article_generator_pretaxonomy.connect(unify_tags)
    signals.page_generator_finalized.connect(check_ids)
    signals.all_generators_finalized.connect(check_generated)
    signals.get_writer.connect(stop_before_writing)
    signals.feed_generated.connect(clean_feed)
    signals.static_generator_finalized.connect(refuse_linked_static)
    signals.get_generators.connect(error_page.get_generators)
