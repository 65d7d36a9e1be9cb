"""The ``Template:`` header key, checked against the templates the theme has.

Pelican renders an article or page with ``Template: x`` through ``Generator.get_template("x")``,
which tries ``x`` plus each of ``TEMPLATE_EXTENSIONS`` in ``THEME_TEMPLATES_OVERRIDES`` and the
theme's ``templates/`` folder; a name that is not there raises ``PelicanTemplateNotFound`` in
the middle of writing, after ``make check`` said nothing. :func:`check_template` reports it on
the header line, in every build and in ``make check``, with the names that exist.

Which names count (:func:`available_templates`):

- ``NEWS_METADATA_TEMPLATES`` a list: exactly those names (a site that wants to allow only a
  few);
- ``None`` (the default): every template file at the top of those folders, less the ones that
  render another kind of page and need its context: ``base`` (the frame every page extends),
  the ``DIRECT_TEMPLATES`` (``index``, ``tags``, ...) and Pelican's listing templates
  (``tag``, ``category``, ``author``, ``period_archives``), and the dev build's error page
  (``content_errors``). Templates a plugin ships in the
  theme (corrections' ``withdrawn``, ``corrections``) are found this way.

Pelican's implicit fallback to its ``simple`` theme is not counted: a name that only the
``simple`` theme has would render an unstyled page of another site.
"""

import os
from collections.abc import Mapping

from . import errors
from .error_page import ERRORS_TEMPLATE
from .state import build_state
from .text import suggest

# Pelican's templates for listings (ArticlesGenerator.generate_*): they need a listing's
# context (articles_page, tag, category, ...), not an article's; and the dev error page's.
LISTING_TEMPLATES = frozenset(
    {"base", "tag", "category", "author", "period_archives", ERRORS_TEMPLATE}
)
_STATE = "news_metadata.templates"


def available_templates(settings: Mapping) -> list[str]:
    """The names a ``Template:`` line may give (see the module doc), sorted.

    Args:
        settings: Pelican settings (``THEME``, ``THEME_TEMPLATES_OVERRIDES``,
            ``TEMPLATE_EXTENSIONS``, ``DIRECT_TEMPLATES``, ``NEWS_METADATA_TEMPLATES``).
    Returns:
        Template names without extension (``article``, ``page``, ``withdrawn``).
    """
    configured = settings.get("NEWS_METADATA_TEMPLATES")
    if configured is not None:
        return sorted(set(configured))
    extensions = tuple(settings.get("TEMPLATE_EXTENSIONS") or [".html"])
    folders = [
        *(settings.get("THEME_TEMPLATES_OVERRIDES") or []),
        os.path.join(os.path.expanduser(settings.get("THEME") or ""), "templates"),
    ]
    names = set()
    for folder in folders:
        try:
            entries = os.listdir(folder)
        except OSError:
            continue
        for entry in entries:
            name, extension = os.path.splitext(entry)
            if extension in extensions and os.path.isfile(os.path.join(folder, entry)):
                names.add(name)
    return sorted(names - not_for_content(settings))


def not_for_content(settings: Mapping) -> set[str]:
    """Template names that render another kind of page (listings, the frame, the error page)."""
    return LISTING_TEMPLATES | set(settings.get("DIRECT_TEMPLATES") or [])


def check_template(instance) -> None:
    """Report a ``Template:`` the editor wrote that names no available template.

    Args:
        instance: an Article or Page; its ``news_lines`` says whether the header has the key
            (a template a plugin sets, such as corrections' ``withdrawn``, is not the
            editor's and is not checked here).
    The names are listed once per build (kept in the build state). Nothing is raised; the
    problem goes to :func:`.errors.report`, and the file falls back to its kind's usual
    template so a dev build still writes it.
    """
    line = getattr(instance, "news_lines", {}).get("template")
    if line is None:
        return
    written = str(getattr(instance, "template", "") or "").strip()
    names = build_state().part(_STATE, lambda: available_templates(instance.settings))
    if written in names:
        return
    extension = os.path.splitext(written)[1]
    if written in not_for_content(instance.settings):
        what = f"Template {written!r} is the theme's template for another kind of page"
    elif extension and written[: -len(extension)] in names:
        what = f"Template {written!r} is not a template name (write it without {extension!r})"
    else:
        what = f"Template {written!r} is not a template of the theme{suggest(written, names)}"
    errors.report(
        instance.source_path,
        line,
        what,
        "write one of " + ", ".join(names) + ", or delete the line to use the usual one",
    )
    instance.template = instance.default_template
