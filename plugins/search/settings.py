"""search settings: defaults in one place (the Pelican DEFAULT_CONFIG habit)."""

import logging

logger = logging.getLogger(__name__)

DEFAULTS = {
    # Build the Pagefind index in this build (publishconf.py: True; the dev build: False unless
    # `make devserver SEARCH=1`).
    "SEARCH_INDEX": True,
    # Folder of the index and pagefind.js, relative to the output folder.
    "SEARCH_OUTPUT_PATH": "pagefind",
    # One index in this language (ISO 639-1; Pagefind's Snowball stemmer for "id").
    "SEARCH_LANGUAGE": "id",
    # Output paths (prefixes, relative to the output folder) never indexed, whatever the theme
    # marks: the text-only edition.
    "SEARCH_EXCLUDE_PATHS": ["teks/"],
    # CSS selectors inside the marked article body that are not indexed: the citations' list.
    "SEARCH_EXCLUDE_SELECTORS": [".references"],
    # The search page: a Pelican direct template ("search"), written to SEARCH_SAVE_AS.
    "SEARCH_URL": "cari/",
    "SEARCH_SAVE_AS": "cari/index.html",
    # Without JavaScript the search page's form goes to this search engine, restricted to the
    # site with SEARCH_FALLBACK_SITE_PARAM=<SITEURL's host and path>
    # (DuckDuckGo's documented search-box parameter); "" turns the fallback off.
    "SEARCH_FALLBACK_URL": "https://duckduckgo.com/",
    "SEARCH_FALLBACK_SITE_PARAM": "sites",
    # The engine's name in the page's no-JavaScript note.
    "SEARCH_FALLBACK_NAME": "DuckDuckGo",
    # Seconds Pagefind may take before the build fails (a stuck indexer must not hang CI).
    "SEARCH_TIMEOUT": 600,
}

# Pagefind writes these UI bundles next to pagefind.js; the site uses its own small UI
# (theme/static/js/cari.js), so they are deleted rather than deployed.
UNUSED_BUNDLE_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


class SearchSettingsError(SystemExit):
    """A search setting that would damage the build; the message names it and the fix. A
    ``SystemExit`` like ``index.SearchIndexError``: printed without a traceback, exit 1."""

    def __init__(self, message):
        super().__init__(f"search: {message}")


def check_output_path(value):
    """Refuse a ``SEARCH_OUTPUT_PATH`` that is not one folder inside the output folder.

    The index folder is deleted and written anew by every indexing build, so ``"."``, ``""``,
    an absolute path or one with ``..`` would delete the site's pages (or files outside it).

    Args:
        value: the setting's value.
    Raises:
        SearchSettingsError: naming the value and what to write instead.
    """
    text = value if isinstance(value, str) else ""
    parts = text.replace("\\", "/").split("/")
    if not text or text.startswith("/") or any(part in ("", ".", "..") for part in parts):
        raise SearchSettingsError(
            f"SEARCH_OUTPUT_PATH = {value!r} is not a folder inside the output folder (the "
            "index folder is emptied by every indexing build) — write a folder name such as "
            "'pagefind'"
        )


def apply_defaults(settings):
    """Fill in missing SEARCH_* settings and register the /cari/ direct template.

    Args:
        settings: Pelican's settings dict, changed in place. ``DIRECT_TEMPLATES`` gets
            ``"search"`` (so Pelican writes ``search.html`` to ``SEARCH_SAVE_AS``), and
        ``SEARCH_FALLBACK_SITE`` is derived from ``SITEURL`` unless set.
    A bad ``SEARCH_TIMEOUT`` is logged as a warning and replaced by the default.
    """
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)
    timeout = settings["SEARCH_TIMEOUT"]
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0:
        logger.warning(
            "SEARCH_TIMEOUT must be a number of seconds above 0, got %r; using %d",
            timeout,
            DEFAULTS["SEARCH_TIMEOUT"],
        )
        settings["SEARCH_TIMEOUT"] = DEFAULTS["SEARCH_TIMEOUT"]
    check_output_path(settings["SEARCH_OUTPUT_PATH"])
    # The site as the engine knows it: SITEURL without the scheme ("example.org/news").
    siteurl = settings.get("SITEURL") or ""
    settings.setdefault("SEARCH_FALLBACK_SITE", siteurl.split("://", 1)[-1].rstrip("/"))
    templates = list(settings.get("DIRECT_TEMPLATES") or [])
    if "search" not in templates:
        settings["DIRECT_TEMPLATES"] = [*templates, "search"]
