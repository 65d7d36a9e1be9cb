"""Signal wiring for blogger_redirects. Receivers are module-level: blinker keeps weak
references.

``initialized`` fills in the defaults and declares :func:`claim_outputs` to the output-path
registry (news_metadata.outputs), which calls it once every file is read, in ``make check`` too:
a redirect page on the path of an article, page or static file is then a content error like
any other conflict; ``get_generators`` adds :class:`RedirectsGenerator`, which writes after every
other generator has read its content (so the site's sections, tags and articles are known) and
before the static files are copied.
"""

import json
import logging
import os

from news_metadata.errors import report
from news_metadata.outputs import register_output_claimer
from news_metadata.state import build_state
from pelican import signals

from .rules import collect, nginx_rules, redirect_page, s3_configuration
from .settings import apply_defaults

logger = logging.getLogger(__name__)


def initialize(pelican) -> None:
    """``initialized``: fill in the BLOGGER_REDIRECTS_* defaults; declare the redirect pages."""
    apply_defaults(pelican.settings)
    register_output_claimer(pelican.settings, claim_outputs)


def site_redirects(context, settings):
    """This build's redirects (:func:`.rules.collect`), worked out once (the labels file read
    and its problems reported once), or None for a site that was never imported (no labels
    file).

    Args:
        context: Pelican's context after reading (``categories``, ``tags``, ``articles``).
        settings: Pelican's settings (``PATH``, ``BLOGGER_REDIRECTS_*``).
    """
    state = build_state()
    if state.get("blogger_redirects.redirects", False) is not False:
        return state.get("blogger_redirects.redirects")
    labels_file = os.path.join(settings["PATH"], settings["BLOGGER_REDIRECTS_LABELS_FILE"])
    labels = read_labels(labels_file)
    if not labels and not os.path.exists(labels_file):
        return state.set("blogger_redirects.redirects", None)  # not a migrated site
    categories = {c.name: c for c, _ in context.get("categories", [])}
    tags = {t.name: t for t, _ in context.get("tags", [])}
    paths = [a.save_as for a in context.get("articles", [])]
    redirects, warnings = collect(labels, categories, tags, paths, settings)
    for warning in warnings:
        logger.warning(
            "blogger_redirects: %s",
            warning,
            extra={"limit_msg": "more label redirects fell back"},
        )
    return state.set("blogger_redirects.redirects", redirects)


def page_path(redirect) -> str:
    """The output path of ``redirect``'s page: ``<old path>/index.html``."""
    return f"{redirect.old}/index.html"


def claim_outputs(context, settings) -> dict:
    """The output-path registry's claimer (news_metadata.outputs.register_output_claimer):
    {path: what it is} of every redirect page and rules file this build writes.
    """
    redirects = site_redirects(context, settings)
    if redirects is None:
        return {}
    claims = {
        page_path(item): f"the redirect page of Blogger's old address /{item.old} "
        "(blogger_redirects)"
        for item in redirects
    }
    for name in ("BLOGGER_REDIRECTS_S3_RULES", "BLOGGER_REDIRECTS_NGINX_RULES"):
        if settings.get(name):
            claims[settings[name]] = f"{name} ({settings[name]})"
    return claims


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
        redirects = site_redirects(self.context, settings)
        if redirects is None:
            return  # not a migrated site
        siteurl = settings.get("SITEURL", "")
        strings = settings.get("UI") or {}
        count = 0
        for item in redirects:
            # A content file on this path is an error of the output registry (claim_outputs),
            # which withdrew that file's claim.
            relative = page_path(item)
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
