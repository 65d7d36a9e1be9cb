"""Signal wiring for search. Receivers are module-level: blinker keeps weak references."""

import logging
import os
import shutil

from news_metadata.outputs import register_output_folders
from pelican import signals

from .index import SearchIndexError, build_index
from .order import ORDER_FILE, write_order
from .selection import filter_choices, globs_for, mark_searchable, publication_dates
from .settings import apply_defaults

logger = logging.getLogger(__name__)

# (output paths to index, their articles' dates) per output folder, from
# all_generators_finalized to finalized.
_pending = {}


def initialize(pelican):
    """``initialized``: default settings and the search page."""
    apply_defaults(pelican.settings)
    # The index folder is replaced by every indexing build: no content may be written there.
    register_output_folders(pelican.settings, ["SEARCH_OUTPUT_PATH"])


def select(generators):
    """``all_generators_finalized``: mark the searchable articles and pages (before writing,
    so the theme can render ``data-pagefind-body``), give the search page its filter menus
    (``SEARCH_FILTER_CHOICES`` in the shared context) and remember the paths."""
    if not generators:
        return
    settings = generators[0].settings
    paths = mark_searchable(generators, settings["SEARCH_EXCLUDE_PATHS"])
    generators[0].context["SEARCH_FILTER_CHOICES"] = filter_choices(generators)
    dates = publication_dates(generators)
    _pending[os.path.abspath(generators[0].output_path)] = paths, dates


def index(pelican):
    """``finalized``: run Pagefind on the written site (publish: inside the build folder,
    before the swap, so a failure publishes nothing)."""
    settings = pelican.settings
    site = os.path.abspath(pelican.output_path)
    paths, dates = _pending.pop(site, ([], {}))
    if not settings["SEARCH_INDEX"]:
        _remove_stale_index(os.path.join(site, settings["SEARCH_OUTPUT_PATH"]))
        return
    globs = globs_for(paths)
    if not globs:
        logger.warning("search: nothing to index (no published article or page)")
        return
    report = build_index(
        site,
        globs,
        len(paths),
        output_path=settings["SEARCH_OUTPUT_PATH"],
        language=settings["SEARCH_LANGUAGE"],
        exclude_selectors=settings["SEARCH_EXCLUDE_SELECTORS"],
        timeout=settings["SEARCH_TIMEOUT"],
    )
    folder = os.path.join(site, settings["SEARCH_OUTPUT_PATH"])
    try:
        write_order(folder, dates)
    except (OSError, ValueError) as exc:
        raise SearchIndexError(
            f"could not write {ORDER_FILE} ({exc}); nothing was published"
        ) from None
    logger.info(
        "search: indexed %d pages in %.1f s (%d files, %.1f MB in %s/)",
        report.pages,
        report.seconds,
        report.files,
        report.bytes / 1e6,
        settings["SEARCH_OUTPUT_PATH"],
    )


def _remove_stale_index(folder):
    """A dev build without the index must not keep the one an earlier ``make devserver
    SEARCH=1`` wrote: /cari/ would search an old site. Only a folder holding Pagefind's entry
    file is removed (the registry keeps content out of it)."""
    if os.path.isfile(os.path.join(folder, "pagefind-entry.json")):
        shutil.rmtree(folder)


def register():
    """Connect the receivers (Pelican plugin entry point)."""
    signals.initialized.connect(initialize)
    signals.all_generators_finalized.connect(select)
    signals.finalized.connect(index)
