"""Signal wiring for citations. Receivers are module-level: blinker keeps weak references."""

from news_metadata import errors
from news_metadata.compat import body_html, replace_summary
from pelican import signals
from pelican.contents import Article, Page
from pelican.utils import (
    strip_toc_elements_from_html,
    truncate_html_paragraphs,
    truncate_html_words,
)

from . import library
from .settings import apply_defaults

EXTENSION = "citations.markdown_ext"
# The reference list the Markdown extension appends (markdown_ext.py): the last <section> of
# the content, with this class (the serializer may write its attributes in any order).
REFERENCES_CLASS = 'class="references"'
# The reference list (markdown_ext.py) for TYPOGRIFY_IGNORE_TAGS. One class selector only:
# typogrify 2.1.0 numbers the regex groups of several selectors wrongly (re.error).
TYPOGRIFY_SKIP = (".references",)


def initialize(pelican):
    """``initialized``: default settings; the Markdown extension joins ``MARKDOWN``."""
    settings = pelican.settings
    apply_defaults(settings)
    markdown = settings.setdefault("MARKDOWN", {})
    markdown.setdefault("extension_configs", {}).setdefault(EXTENSION, {})
    extensions = markdown.setdefault("extensions", [])
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


def start_build(generator):
    """``article_generator_init``: once per build, before any file is read: read the
    site-wide bibliography and the CSL style."""
    library.start_build(generator.settings)


def report_bibliography_problems(generator):
    """``article_generator_finalized``: report the problems of the bibliography and CSL files
    (after news_metadata has reset the error list for this build)."""
    current = library.current()
    if current is None:
        return
    for path, line, message, fix in current.problems:
        errors.report(path, line, message, fix)


def summary_without_references(instance):
    """``content_object_init``: an article or page without a ``Summary:`` header gets Pelican's
    default summary (``SUMMARY_MAX_PARAGRAPHS``, ``SUMMARY_MAX_LENGTH``) computed from its
    content *before* the reference list, so listings and excerpts never show the list, whatever
    those settings say; its citations link to the article's URL (they are ``#ref-...``
    fragments in the content)."""
    if not isinstance(instance, Article | Page) or "summary" in instance.metadata:
        return
    content = body_html(instance)
    start = content.rfind("<section ")
    if start < 0 or REFERENCES_CLASS not in content[start : content.find(">", start)]:
        return
    summary = content[:start]
    settings = instance.settings
    if settings.get("SUMMARY_MAX_PARAGRAPHS") is not None:
        summary = truncate_html_paragraphs(summary, settings["SUMMARY_MAX_PARAGRAPHS"])
    if settings.get("SUMMARY_MAX_LENGTH") is not None:
        summary = truncate_html_words(
            summary, settings["SUMMARY_MAX_LENGTH"], settings["SUMMARY_END_SUFFIX"]
        )
    summary = strip_toc_elements_from_html(summary)
    # On a listing page, a citation must lead to the article's reference list.
    article = f"{{filename}}/{instance.relative_source_path}"
    summary = summary.replace('href="#ref-', f'href="{article}#ref-')
    replace_summary(instance, summary)


def register():
    """Connect the receivers (Pelican plugin entry point)."""
    signals.initialized.connect(initialize)
    signals.article_generator_init.connect(start_build)
    signals.article_generator_finalized.connect(report_bibliography_problems)
    signals.content_object_init.connect(summary_without_references)
