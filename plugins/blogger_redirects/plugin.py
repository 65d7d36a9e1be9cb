"""Signal wiring for blogger_redirects. Receivers are module-level: blinker keeps weak
references.

``initialized`` fills in the defaults; ``get_generators`` adds :class:`RedirectsGenerator`,
which writes after every other generator has read its content (so the site's sections, tags and
articles are known) and before the static files are copied.
"""

import json
import logging
import os

from news_metadata.errors import report
from pelican import signals

from .rules import collect, nginx_rules, redirect_page, s3_configuration
from .settings import apply_defaults

logger = logging.getLogger(__name__)


def initialize(pelican) -> None:
    """``initialized``: fill in the BLOGGER_REDIRECTS_* defaults."""
    apply_defaults(pelican.settings)


def read_labels(path):
    """The labels file (written by make import-blogger): ``{label: {"category"|"tag": name}}``.

    A missing file means no labels (a site that was never imported). A broken one is a content
    error naming the file, and no label redirects.
    """
    if not os.path.exists(path):
        return {}
    try:
        with open(path, encoding="utf-8") as handle:
            labels = json.load(handle)["labels"]
        if not isinstance(labels, dict) or not all(
            isinstance(v, dict) and ({"category"} == set(v) or {"tag"} == set(v))
            for v in labels.values()
        ):
            raise TypeError
    except (OSError, ValueError, KeyError, TypeError):
        report(
            path,
            None,
            "is not a Blogger labels file",
            "run make import-blogger again to rewrite it, or restore it from git",
        )
        return {}
    return labels


class RedirectsGenerator:
    """Writes the redirect pages and rules files (a generator from ``get_generators``)."""

    def __init__(self, context, settings, path, theme, output_path, *args, **kwargs):
        self.context = context
        self.settings = settings
        self.path = path
        self.output_path = output_path

    def generate_context(self) -> None:
        """Nothing to add to the context."""

    def generate_output(self, writer) -> None:
        """Write ``<old path>/index.html`` per redirect and the S3 and nginx rules files."""
        settings = self.settings
        labels = read_labels(os.path.join(self.path, settings["BLOGGER_REDIRECTS_LABELS_FILE"]))
        if not labels and not os.path.exists(
            os.path.join(self.path, settings["BLOGGER_REDIRECTS_LABELS_FILE"])
        ):
            return  # not a migrated site
        categories = {c.name: c for c, _ in self.context.get("categories", [])}
        tags = {t.name: t for t, _ in self.context.get("tags", [])}
        paths = [a.save_as for a in self.context.get("articles", [])]
        redirects, warnings = collect(labels, categories, tags, paths, settings)
        for warning in warnings:
            logger.warning(
                "blogger_redirects: %s",
                warning,
                extra={"limit_msg": "more label redirects fell back"},
            )
        siteurl = settings.get("SITEURL", "")
        strings = settings.get("UI") or {}
        written = set(self.context.get("generated_content", {}))
        taken = {
            c.save_as
            for c in self.context.get("generated_content", {}).values()
            if c is not None and hasattr(c, "save_as")
        }
        count = 0
        for item in redirects:
            relative = f"{item.old}/index.html"
            if relative in taken or relative in written:
                logger.warning(
                    "blogger_redirects: %s is a page of the site; no redirect written", relative
                )
                continue
            _write(
                self.output_path, relative, redirect_page(item.old, item.target, siteurl, strings)
            )
            count += 1
        s3_path = settings.get("BLOGGER_REDIRECTS_S3_RULES")
        if s3_path:
            text, left = s3_configuration(
                redirects, siteurl, settings["BLOGGER_REDIRECTS_S3_MAX_RULES"]
            )
            _write(self.output_path, s3_path, text)
            if left:
                logger.info(
                    "blogger_redirects: %d redirect(s) over S3's rule limit are served by "
                    "their pages",
                    left,
                )
        nginx_path = settings.get("BLOGGER_REDIRECTS_NGINX_RULES")
        if nginx_path:
            _write(self.output_path, nginx_path, nginx_rules(redirects, siteurl))
        logger.info("blogger_redirects: %d redirect page(s) written", count)


def _write(output_path, relative, text):
    path = os.path.join(output_path, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def get_generators(pelican):
    """``get_generators``: the redirects generator."""
    return RedirectsGenerator


def register() -> None:
    """Connect the receivers (Pelican plugin entry point)."""
    signals.initialized.connect(initialize)
    signals.get_generators.connect(get_generators)
