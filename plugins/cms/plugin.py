"""Write the web editor into the build: ``<output>/admin/`` (``CMS_SAVE_AS``).

``index.html`` (noindex, linked from no page), ``config.yml`` from :mod:`.config`, ``admin.js``
(preview and Id widget), ``header-format.js`` (the ``Key: value`` header format) and Decap
CMS's bundled script with its chunks, copied from the npm package in ``tools/cms/node_modules``
(``make cms-tools``); nothing is loaded from a CDN.
"""

import glob
import html
import json
import logging
import os
import shutil
from datetime import datetime

import yaml
from news_metadata.clock import add_moment, build_now
from news_metadata.dates import WITA
from news_metadata.errors import report
from news_metadata.outputs import register_output_folders
from news_metadata.profiles import load_profiles
from news_metadata.reader import FALSE_WORDS, LIST_KEYS, STATUS_WORDS, TRUE_WORDS
from news_metadata.settings import known_keys
from news_metadata.slugs import make_slug
from pelican import signals

from .config import DATE_KEYS, TYPED_LIST_KEYS, build_config, photo_limit, status_words
from .settings import ROOT, apply_defaults

logger = logging.getLogger(__name__)
HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = "decap-cms.js"
MISSING_FIX = "run 'make cms-tools' (needs npm: apt-get install npm) and build again"
# Our scripts in admin/, loaded by index.html in this order after decap-cms.js.
ADMIN_SCRIPTS = ("header-format.js", "admin.js")


def initialize(pelican):
    """``initialized``: the CMS_* defaults; the editor's folder reserved (no content there)."""
    apply_defaults(pelican.settings)
    register_output_folders(pelican.settings, ["CMS_SAVE_AS"])


def config_for(settings):
    """Return Decap's configuration dict for ``settings`` (authors read from the profiles
    file, the current year in WITA from :func:`news_metadata.clock.build_now`); the next new
    year in WITA is recorded with :func:`news_metadata.clock.add_moment`."""
    apply_defaults(settings)
    year = build_now().astimezone(WITA).year
    add_moment(datetime(year + 1, 1, 1, tzinfo=WITA))
    profiles = os.path.join(settings["PATH"], settings.get("NEWS_METADATA_AUTHORS_FILE", ""))
    authors = list(load_profiles(profiles))
    content = os.path.relpath(settings["PATH"], ROOT).replace(os.sep, "/")
    if content.startswith(".."):
        content = "content"  # a site outside the repository (tests): Decap's default layout
    return build_config(settings, authors, year, content)


def header_options(settings):
    """Return what ``admin/header-format.js`` must know of the reader, from the reader itself.

    Returns:
        dict of lowercased key lists: ``knownKeys`` (:func:`news_metadata.settings.known_keys`:
        loosely written lines of these count as header lines, as in ``header.scan``),
        ``listKeys`` (split on ``;`` or ``,`` into a list widget; ``Tags`` is typed as text,
        ``config.TYPED_LIST_KEYS``), ``booleanKeys`` with ``trueWords`` and ``falseWords``,
        ``formattedKeys`` (Pelican's ``FORMATTED_FIELDS``: continuation lines joined by a line
        break, not a space), ``dateKeys`` (the datetime fields); and ``categories``, the
        sections of ``NEWS_METADATA_CATEGORIES`` by their slug (the form shows ``berita`` as
        the section the build resolves it to, ``news_metadata.model``); ``statuses``, the
        reader's status words (lowercased) -> the status (``draf`` -> ``draft``).
    """
    sections = settings.get("NEWS_METADATA_CATEGORIES") or []
    return {
        "knownKeys": sorted(known_keys(settings)),
        "listKeys": sorted(set(LIST_KEYS) - set(TYPED_LIST_KEYS)),
        "booleanKeys": ["breaking"],
        "trueWords": sorted(TRUE_WORDS),
        "falseWords": sorted(FALSE_WORDS),
        "formattedKeys": sorted(key.lower() for key in settings.get("FORMATTED_FIELDS", [])),
        # The header keys edited with a datetime widget (config.py): shown as the build reads
        # them (news_metadata.dates.parse_date, in WITA), so a save never moves the story.
        "dateKeys": list(DATE_KEYS),
        "categories": {make_slug(name, settings): name for name in sections},
        # Status as the reader reads it (lowercased; 'draf' is draft): the form's select list
        # shows 'Status: Draf' as draft, not as a word it does not know.
        "statuses": {
            **{word: word for word in status_words(settings)},
            **STATUS_WORDS,
        },
    }


def comment_header_options():
    """Return ``admin/header-format.js``'s options for a comment file (the Komentar
    collection): the plain header of ``comments.storage`` (``header.split_fields``).

    Returns:
        dict: ``strict`` (no continuation lines or loose keys), ``knownKeys`` and
        ``spellings`` from ``comments.storage.KEYS`` (a new line is written ``Reply-To:``),
        ``dateKeys`` (``date``, shown in WITA as the build reads it), ``derivedKeys``
        (``article``: the folder, a key the comment header refuses, never written), no list
        or yes/no keys.
    """
    from comments.storage import EDITOR_KEY, KEYS

    return {
        "strict": True,
        "knownKeys": sorted(KEYS),
        "spellings": dict(KEYS),
        "dateKeys": ["date"],
        "derivedKeys": [EDITOR_KEY],
        "listKeys": [],
        "booleanKeys": [],
        "formattedKeys": [],
    }


def _ui_strings(settings):
    theme = settings.get("THEME", "")
    path = os.path.join(theme, "strings", "id.json")
    try:
        with open(path, encoding="utf-8") as handle:
            strings = json.load(handle)
    except (OSError, ValueError):
        strings = {}
    keys = (
        "draft",
        "breaking_label",
        "byline_prefix",
        "withdrawn_title",
        "withdrawn_published",
        "withdrawn_date",
    )
    fallback = {
        "draft": "DRAF",
        "breaking_label": "Breaking News",
        "byline_prefix": "Oleh:",
        "withdrawn_title": "Berita ini telah dicabut",
        "withdrawn_published": "Semula terbit:",
        "withdrawn_date": "Dicabut:",
    }
    found = {key: strings.get(key, fallback[key]) for key in keys}
    # the date fields' "now" button (admin.js: the datetime widget)
    found["now_wita"] = "Sekarang (WITA)"
    return found


def write_admin(generators):
    """``all_generators_finalized``: write the editor's folder into the output folder."""
    settings = generators[0].settings
    folder = settings.get("CMS_SAVE_AS")
    if not folder:
        return
    target = os.path.join(generators[0].output_path, folder)
    script_dir = settings["CMS_SCRIPT_DIR"]
    if not os.path.isfile(os.path.join(script_dir, SCRIPT)):
        message = f"the web editor (/{folder}/) is left out: Decap CMS is not installed"
        if settings.get("CMS_REQUIRED"):
            report(os.path.join(ROOT, "tools", "cms", "package.json"), None, message, MISSING_FIX)
        else:
            logger.warning("%s — %s", message, MISSING_FIX)
        return
    config = config_for(settings)
    os.makedirs(target, exist_ok=True)
    with open(os.path.join(target, "config.yml"), "w", encoding="utf-8") as handle:
        yaml.safe_dump(config, handle, allow_unicode=True, sort_keys=False)
    theme_static = settings.get("THEME_STATIC_DIR", "theme")
    setup = {
        "stylesheet": f"../{theme_static}/css/style.css",
        "articleCollections": [c["name"] for c in config["collections"] if "artikel" in c["name"]],
        "pageCollections": [c["name"] for c in config["collections"] if c["name"] == "halaman"],
        "ui": _ui_strings(settings),
        "header": header_options(settings),
        "commentHeader": comment_header_options(),
        # The site's root from /admin/: an Image outside the year's photo folder is shown
        # from the site's copy (admin.js: news-image)
        "siteRoot": "../" * len(folder.strip("/").split("/")),
        # The build's words for a photo over its size limit (Decap's photo dialog refuses it)
        "photoTooLarge": (photo_limit(settings) or (None, None))[1],
    }
    # JSON in <script> is data; "</" escaped so no value can close the element.
    data = json.dumps(setup, ensure_ascii=False).replace("</", "<\\/")
    with open(os.path.join(HERE, "admin", "index.html"), encoding="utf-8") as handle:
        page = handle.read()
    page = page.replace("{{SITENAME}}", html.escape(settings.get("SITENAME", ""))).replace(
        "{{SETUP}}", data
    )
    with open(os.path.join(target, "index.html"), "w", encoding="utf-8") as handle:
        handle.write(page)
    for name in ADMIN_SCRIPTS:
        shutil.copyfile(os.path.join(HERE, "admin", name), os.path.join(target, name))
    # The bundle loads its chunks (and two .wasm files) from its own folder; no source maps.
    for path in glob.glob(os.path.join(script_dir, "*")):
        name = os.path.basename(path)
        if name == SCRIPT or name.endswith((".decap-cms.js", ".wasm")):
            shutil.copyfile(path, os.path.join(target, name))


def register():
    """Connect the receivers (Pelican plugin entry point)."""
    signals.initialized.connect(initialize)
    signals.all_generators_finalized.connect(write_admin)
