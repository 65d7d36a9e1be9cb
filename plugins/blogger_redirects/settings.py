"""blogger_redirects settings: defaults in one place (the Pelican DEFAULT_CONFIG habit)."""

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


def apply_defaults(settings):
    """Fill in every missing BLOGGER_REDIRECTS_* setting of ``settings`` (a dict) in place."""
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)
