"""build_speed settings: defaults in one place (the Pelican DEFAULT_CONFIG habit)."""

import logging
import os

logger = logging.getLogger(__name__)

# More processes than this gain little: the main process writes every file and does the
# serial rest of the build (feeds, other generators, search index).
MAX_WORKERS = 4

DEFAULTS = {
    # Folder of Jinja's compiled templates (bytecode), relative to CACHE_PATH; "" keeps none.
    "BUILD_SPEED_JINJA_CACHE": "jinja",
    # Term pages (tags, categories, authors) in one pass over the articles instead of Pelican
    # 4.12's scan of every article per term.
    "BUILD_SPEED_LINEAR_TERMS": True,
    # Article and page URLs computed once per build, after every plugin has set them.
    "BUILD_SPEED_MEMO_URLS": True,
    # Listing cards rendered once per (article, card arguments, SITEURL) and reused.
    "BUILD_SPEED_CARDS_ONCE": True,
    # The page frame's site header, menu and footer rendered once per (partial, SITEURL,
    # current page) and reused on every page.
    "BUILD_SPEED_FRAME_ONCE": True,
    # Folder under CACHE_PATH of the persistent reading cache (reading.py); "" keeps none.
    "BUILD_SPEED_READING_CACHE": "reading",
    # Processes that read and render (the main one included); 1 builds in one process.
    # Default: the cores this process may use, at most MAX_WORKERS (apply_defaults).
    "BUILD_SPEED_WORKERS": None,
    # Seconds the main process waits for one result of a worker before it declares it hung.
    "BUILD_SPEED_WORKER_TIMEOUT": 300,
}


def default_workers() -> int:
    """The cores this process may run on (``os.sched_getaffinity``, else ``os.cpu_count``),
    at most :data:`MAX_WORKERS`; 1 when unknown."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_WORKERS))


def apply_defaults(settings):
    """Fill in every missing BUILD_SPEED_* setting of ``settings`` (a dict) in place; a
    BUILD_SPEED_WORKERS that is not a whole number of 1 or more is warned about and replaced
    by :func:`default_workers`."""
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)
    workers = settings["BUILD_SPEED_WORKERS"]
    if workers is not None and (type(workers) is not int or workers < 1):
        logger.warning(
            "BUILD_SPEED_WORKERS must be a whole number of processes, 1 or more (1 builds in "
            "one process), not %r; using the default",
            workers,
        )
        workers = None
    if workers is None:
        settings["BUILD_SPEED_WORKERS"] = default_workers()
