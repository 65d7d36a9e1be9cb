"""blogger_redirects settings: defaults in one place (the Pelican DEFAULT_CONFIG habit)."""

from news_metadata.inventory import register_content_folder

# make import-blogger's own files in content/ (newsroom_cli/blogger_import/settings.py, same
# defaults).
IMPORT_FILES = {
    "BLOGGER_IMPORT_MAPPING_FILE": "data/blogger-mapping.yml",
    "BLOGGER_IMPORT_MANIFEST_FILE": "data/blogger-import.json",
}

DEFAULTS = {
    # Written by make import-blogger, relative to PATH: Blogger label -> category or tag.
    "BLOGGER_REDIRECTS_LABELS_FILE": "data/blogger-labels.json",
    # Rules files for servers that can send real 301s, relative to the output folder;
    # "" writes none.
    "BLOGGER_REDIRECTS_S3_RULES": "_redirects/s3-website.json",
    "BLOGGER_REDIRECTS_NGINX_RULES": "_redirects/nginx.conf",
    # S3 accepts at most 50 routing rules per bucket (AWS PutBucketWebsite); the rest are
    # served by the static redirect pages.
    "BLOGGER_REDIRECTS_S3_MAX_RULES": 50,
}


def apply_defaults(settings) -> None:
    """Fill in every missing BLOGGER_REDIRECTS_* setting of ``settings`` (a dict) in place."""
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)
    # The files make import-blogger keeps in content/data/ are accounted for (news_metadata
    # inventory): the labels this plugin reads, the importer's mapping and manifest.
    register_content_folder(settings, settings["BLOGGER_REDIRECTS_LABELS_FILE"], "data")
    for name, default in IMPORT_FILES.items():
        register_content_folder(settings, settings.get(name, default), "data")
