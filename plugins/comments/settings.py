"""comments settings: defaults in one place (the Pelican DEFAULT_CONFIG habit)."""

from news_metadata.inventory import register_content_folder
from news_metadata.settings import register_keys

DEFAULTS = {
    # Folder of moderated comments, relative to PATH: <COMMENTS_PATH>/<article-id>/<comment-id>.md
    "COMMENTS_PATH": "comments",
    # Where the comment form posts (a form-to-email service or a self-hosted endpoint).
    # Empty: no form; readers get a mailto: link to COMMENTS_EMAIL instead.
    "COMMENTS_FORM_ACTION": "",
    # The editors' address for mailto: submissions and "Laporkan" (report) links.
    "COMMENTS_EMAIL": "",
    # Slug of the page with the comment terms (Dewan Pers: terms must be published).
    "COMMENTS_TERMS_PAGE": "aturan-komentar",
}

# Metadata keys this plugin owns on articles (registered with news_metadata at `initialized`).
ARTICLE_KEYS = ("id",)


def apply_defaults(settings):
    """Fill in every missing COMMENTS_* setting of ``settings`` (Pelican's dict) in place, and
    register the ``Id`` article key with news_metadata (``NEWS_METADATA_EXTRA_KEYS``).

    The extra-keys list is replaced, never appended to in place: the default list object may
    be shared with news_metadata's own defaults.
    """
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)
    register_keys(settings, ARTICLE_KEYS)
    # Every file below comments/ is this plugin's (storage.scan reports the misplaced ones).
    register_content_folder(settings, settings["COMMENTS_PATH"], "comment")
