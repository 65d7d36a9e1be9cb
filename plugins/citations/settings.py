"""citations settings: defaults in one place (the Pelican DEFAULT_CONFIG habit)."""

import os

from news_metadata.inventory import register_content_folder

CSL_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "csl")

DEFAULTS = {
    # Site-wide bibliography files (*.json CSL-JSON, *.bib BibTeX), relative to PATH.
    "CITATIONS_PATH": "bibliography",
    # CSL style: a file name in plugins/citations/csl/ without ".csl", or a path to a .csl file
    # (relative to the folder Pelican runs in). APA 7th with "and" spelled out ("dan").
    "CITATIONS_STYLE": "apa-no-ampersand",
    # CSL locale: plugins/citations/csl/locales-<CITATIONS_LOCALE>.xml, or a path to one.
    "CITATIONS_LOCALE": "id-ID",
    # Language assumed for entries without a "language" field. CSL applies title case only to
    # English entries, so Indonesian titles keep the writer's capitalisation ("tentang").
    "CITATIONS_ITEM_LANGUAGE": "id",
    # Heading of the reference list; None: UI["references"] (theme/strings/id.json).
    "CITATIONS_HEADING": None,
}

# Used when the theme has no UI strings (small test sites, other themes).
FALLBACK_UI = {
    "references": "Daftar Pustaka",
    "back_to_citation": "Kembali ke kutipan",
    "notes": "Catatan",
}


def apply_defaults(settings) -> None:
    """Fill in every missing CITATIONS_* setting of ``settings`` (a dict) in place."""
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)
    # The inventory (news_metadata) reports any other file in the bibliography folder.
    patterns = ("*.json", "*.bib")
    register_content_folder(settings, settings["CITATIONS_PATH"], "bibliography", patterns)
    # An article's own files (its Bibliography: header) may sit beside it.
    for folder in settings.get("ARTICLE_PATHS") or []:
        register_content_folder(settings, folder, "bibliography", patterns)


def ui_string(settings, name):
    """Return the UI string ``name`` from ``settings["UI"]``, else the built-in Indonesian one."""
    ui = settings.get("UI") or {}
    return ui.get(name) or FALLBACK_UI[name]


def resolve_csl_file(value, prefix, suffix):
    """Return the path of a shipped CSL file or of a user path.

    Args:
        value: a bare name (``"apa"``, ``"id-ID"``) or a path (contains a separator or ends
            with ``suffix``).
        prefix, suffix: how a bare name becomes a file name in ``csl/``
            (``"" + name + ".csl"``, ``"locales-" + name + ".xml"``).

    Returns:
        An absolute path (it may not exist; the caller reports that).
    """
    if os.sep in value or "/" in value or value.endswith(suffix):
        return os.path.abspath(value)
    return os.path.join(CSL_DIR, f"{prefix}{value}{suffix}")
