"""Signal wiring for citations. Receivers are module-level: blinker keeps weak references."""

from news_metadata import errors
from pelican import signals

from .library import Library
from .settings import apply_defaults

EXTENSION = "citations.markdown_ext"
# The reference list (markdown_ext.py) for TYPOGRIFY_IGNORE_TAGS. One class selector only:
# typogrify 2.1.0 numbers the regex groups of several selectors wrongly (re.error).
TYPOGRIFY_SKIP = (".references",)


def initialize(pelican) -> None:
    """``initialized``: default settings; the Markdown extension joins ``MARKDOWN``."""
    settings = pelican.settings
    apply_defaults(settings)
    build_config(settings)
    extensions = settings["MARKDOWN"].setdefault("extensions", [])
    if EXTENSION not in extensions:
        extensions.append(EXTENSION)
    # Typogrify leaves the reference list as citeproc wrote it (typogrify's "caps" filter eats
    # the space in "Fajriati, C. E. (2011)"); a citation's text is inside <a>, ignored already.
    # A bare class selector: typogrify drops a "tag.class" entry whose text contains the name
    # of another ignored tag (any entry with an "a" in it, since "a" is ignored).
    ignored = list(settings.setdefault("TYPOGRIFY_IGNORE_TAGS", []))
    for selector in TYPOGRIFY_SKIP:
        if selector not in ignored:
            ignored.append(selector)
    settings["TYPOGRIFY_IGNORE_TAGS"] = ignored


def start_build(generator) -> None:
    """``article_generator_init``, once per build before any file is read: a new
    :class:`~citations.library.Library` (the site-wide bibliography and the CSL style) becomes
    the build's state, handed to the Markdown extension through its config.

    This is the one place the plugin's per-build state is reset (it is the same dict the readers
    of both generators build their ``Markdown`` from); it is small and local on purpose, to fold
    into news_metadata's per-build state object when that exists.
    """
    build_config(generator.settings)["library"] = Library(generator.settings)


def build_config(settings):
    """The extension's config in Pelican's ``MARKDOWN`` setting (a dict, created if needed)."""
    configs = settings.setdefault("MARKDOWN", {}).setdefault("extension_configs", {})
    return configs.setdefault(EXTENSION, {})


def report_bibliography_problems(generator) -> None:
    """``article_generator_finalized``: report the problems of the bibliography and CSL files
    (after news_metadata has reset the error list for this build).
    """
    current = build_config(generator.settings).get("library")
    if not current:
        return
    for path, line, message, fix in current.problems:
        errors.report(path, line, message, fix)


def register() -> None:
    """Connect the receivers (Pelican plugin entry point)."""
    signals.initialized.connect(initialize)
    signals.article_generator_init.connect(start_build)
    signals.article_generator_finalized.connect(report_bibliography_problems)
