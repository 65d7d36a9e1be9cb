"""The development build shows content errors where the editor looks.

A non-strict build (``make html``, ``make devserver``) reports its content errors and goes on.
:func:`attach` (before any page is written) gives each article and page with errors a
``news_errors`` list of messages, which the theme shows as a banner at the top of that page
(``partials/content_errors.html``); :class:`ErrorPageGenerator` writes every error of the
build to ``NEWS_METADATA_ERRORS_SAVE_AS`` (``galat/index.html``), each linked to its page when
the file has one. The strict (publish) build sets neither: it fails instead, and
publishconf.py sets ``NEWS_METADATA_ERRORS_SAVE_AS = ""``.
"""

import os

from pelican.contents import Article, Page
from pelican.generators import Generator

from . import errors

ERRORS_TEMPLATE = "content_errors"  # the error index page (galat/), not for an article


def attach(context, settings):
    """Set ``news_errors`` on each content object with errors; store the build's errors for
    the error page as ``context["content_errors"]`` (list of dicts ``text``, ``url``)."""
    if settings.get("NEWS_METADATA_STRICT"):
        return
    by_path = {}
    for error in errors.collector.errors:
        by_path.setdefault(os.path.abspath(error.path), []).append(str(error))
    urls = {}
    for content in context.get("generated_content", {}).values():
        if isinstance(content, Article | Page):
            path = os.path.abspath(content.source_path)
            content.news_errors = by_path.get(path, [])
            if content.save_as:
                urls[path] = content.url
    context["content_errors"] = [
        {"text": str(error), "url": urls.get(os.path.abspath(error.path), "")}
        for error in sorted(
            errors.collector.errors, key=lambda e: (errors.display_path(e.path), e.line or 0)
        )
    ]


class ErrorPageGenerator(Generator):
    """Writes ``NEWS_METADATA_ERRORS_SAVE_AS`` with the theme's ``content_errors.html``; a
    Pelican ``Generator``, so the template sees the same filters and globals as every page."""

    def generate_context(self):
        self.context.setdefault("content_errors", [])

    def generate_output(self, writer):
        save_as = self.settings.get("NEWS_METADATA_ERRORS_SAVE_AS")
        if not save_as or self.settings.get("NEWS_METADATA_STRICT"):
            return
        writer.write_file(
            save_as,
            self.get_template(ERRORS_TEMPLATE),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
        )


def get_generators(pelican):
    """``get_generators`` receiver."""
    return ErrorPageGenerator
