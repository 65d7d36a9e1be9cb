"""blogger_import settings: defaults in one place (the Pelican DEFAULT_CONFIG habit)."""

from .images import DEFAULT_HOSTS

DEFAULTS = {
    # The editor's mapping (authors, label -> section), relative to PATH; written on first run.
    "BLOGGER_IMPORT_MAPPING_FILE": "data/blogger-mapping.yml",
    # What the last import wrote (path -> SHA-256), relative to PATH: re-imports use it.
    "BLOGGER_IMPORT_MANIFEST_FILE": "data/blogger-import.json",
    # Section for posts with no label mapped to one; "" means the first NEWS_METADATA_CATEGORIES.
    "BLOGGER_IMPORT_DEFAULT_CATEGORY": "",
    # Host name suffixes of Blogger's image CDN (largest size, DOWNLOAD=1).
    "BLOGGER_IMPORT_IMAGE_HOSTS": list(DEFAULT_HOSTS),
}


def apply_defaults(settings) -> None:
    """Fill in every missing BLOGGER_IMPORT_* setting of ``settings`` (a dict) in place."""
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)
