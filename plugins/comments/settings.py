"""comments settings: defaults in one place (the Pelican DEFAULT_CONFIG habit)."""

from news_metadata.inventory import register_content_folder

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


def apply_defaults(settings):
    """Fill in every missing COMMENTS_* setting of ``settings`` (Pelican's dict) in place, and
    register the comments folder with news_metadata's inventory (``Id`` is a key of
    news_metadata's content model)."""
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)
    # Every file below comments/ is this plugin's (storage.scan reports the misplaced ones).
    register_content_folder(settings, settings["COMMENTS_PATH"], "comment")
