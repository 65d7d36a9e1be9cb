"""Files every host expects at the site root: ``404.html``, ``favicon.ico``, the web manifest.

- ``404.html`` (template ``404.html``): GitHub Pages serves it for any missing path, and it is
  the error document to name in S3 website hosting (README, "Deploying").
- ``favicon.ico``: browsers request ``/favicon.ico`` whatever a page links; without it every
  first visit costs a 404 (the icons themselves are in ``theme/static/icons/``, ``make icons``).
- ``manifest.webmanifest`` (W3C Web Application Manifest): name, colours and the icons for a
  phone's home screen.
"""

import json
import logging
import os
import shutil
from pathlib import Path

from pelican.utils import sanitised_join

from .assets import theme_file

logger = logging.getLogger(__name__)

THEME_COLOR = "#7a1020"  # the logo's red, as in the theme's --brand and <meta name=theme-color>


def manifest(settings):
    """Return the web manifest (dict) for ``settings`` (SITENAME, SITEURL, THEME_STATIC_DIR).

    URLs are relative to the manifest's own URL (the site root), so the file is the same in the
    development and the publish build.
    """
    static = settings.get("THEME_STATIC_DIR", "theme")
    return {
        "name": settings["SITENAME"],
        "short_name": settings["SITENAME"],
        "description": settings.get("SITESUBTITLE") or settings["SITENAME"],
        "lang": settings.get("DEFAULT_LANG", "id"),
        "start_url": "./",
        "scope": "./",
        "display": "browser",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOR,
        "icons": [
            {"src": f"{static}/icons/icon-192.png", "sizes": "192x192", "type": "image/png"},
            {"src": f"{static}/icons/icon-512.png", "sizes": "512x512", "type": "image/png"},
            {"src": f"{static}/icons/icon.svg", "sizes": "any", "type": "image/svg+xml"},
        ],
    }


def _write_404(generator, name):
    generator.render(name, "404", page_name="404")


def _write_favicon(generator, name):
    icon = theme_file(generator.settings, "icons/favicon.ico")
    if icon.is_file():
        shutil.copyfile(icon, Path(generator.output_path) / name)
    else:
        logger.warning("front_page: %s is missing; run make icons", icon)


def _write_manifest(generator, name):
    path = sanitised_join(str(generator.output_path), name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(
            manifest(generator.settings), handle, ensure_ascii=False, indent=2, sort_keys=True
        )
        handle.write("\n")


# Each root file once: its output path, what it is (for the output registry's messages,
# plugin.initialize) and its writer.
_ROOT = (
    ("404.html", "the 404 page", _write_404),
    ("favicon.ico", "the site's favicon.ico", _write_favicon),
    ("manifest.webmanifest", "the web manifest", _write_manifest),
)
ROOT_FILES = {name: f"{label} (front_page)" for name, label, _ in _ROOT}


def write_root_files(generator) -> None:
    """Write the files of ``ROOT_FILES`` (``404.html``, ``favicon.ico``,
    ``manifest.webmanifest``) into the output folder.

    Args:
        generator: the :class:`.lite.LiteGenerator` (it renders the 404 template).
    """
    for name, _, write in _ROOT:
        write(generator, name)
