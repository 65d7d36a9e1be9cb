"""news_metadata settings: defaults in one place (the Pelican DEFAULT_CONFIG habit)."""

DEFAULTS = {
    # Author profiles, relative to PATH (content/).
    "NEWS_METADATA_AUTHORS_FILE": "data/authors.yml",
    # Allowed values of Category:; empty means any.
    "NEWS_METADATA_CATEGORIES": [],
    # True: any content error fails the build (publishconf.py). False: report and go on.
    "NEWS_METADATA_STRICT": False,
    # Metadata keys other plugins own (each plugin appends its own at `initialized`).
    "NEWS_METADATA_EXTRA_KEYS": [],
    # Status words other plugins give a meaning to (corrections: "withdrawn"); see register_status.
    "NEWS_METADATA_EXTRA_STATUSES": [],
    # Longest slug (characters, ASCII) made from a title, tag or Slug:, cut at a word boundary.
    "NEWS_METADATA_SLUG_MAX_LENGTH": 80,
    # Folder under PATH the build never reads: taken-down articles and their comments
    # (`make takedown`), kept for the record.
    "NEWS_METADATA_ARCHIVE_PATH": "_arsip",
    # (folder, kind, patterns) of content files other plugins read: news_metadata.inventory.
    "NEWS_METADATA_CONTENT_OWNERS": [],
    # Preferred display names of tags ("Kota Bima", "NTB"): a tag with the same slug is shown so.
    "NEWS_METADATA_TAG_NAMES": [],
    # Names a Template: line may give; None: the theme's templates folder (news_metadata.templates).
    "NEWS_METADATA_TEMPLATES": None,
    # Ids the page around an article's text writes through template variables (regular
    # expressions, whole id), besides the templates' literal id="...": news_metadata.anchors.
    "NEWS_METADATA_PAGE_IDS": [
        r"komentar(-judul)?",  # comments: the section and its heading
        r"komentar-\d.*",  # each comment (make comment's ids start with the date)
        r"share-.*",  # the share headings
        r"(koreksi|klarifikasi|pembaruan)-\d+",  # correction entries
    ],
    # Development builds: every content error on one page (empty: none; publishconf.py).
    "NEWS_METADATA_ERRORS_SAVE_AS": "galat/index.html",
}

# Keys of the design card's content model, plus Pelican's own that editors may use.
CONTENT_MODEL_KEYS = {
    "title",
    "date",
    "modified",
    "author",
    "authors",
    "category",
    "tags",
    "summary",
    "breaking",
    "image",
    "image_alt",
    "image_caption",
    "comments",
    "bibliography",
    "scripts",
    # the stable article id (news_metadata.ids), written by `make new`
    "id",
}
PELICAN_KEYS = {"slug", "status", "lang", "translation", "template", "save_as", "url"}


def apply_defaults(settings):
    """Fill in every missing NEWS_METADATA_* setting of ``settings`` (a dict) in place."""
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)


def known_keys(settings):
    """Return the set of lowercased metadata keys an article or page may use."""
    extra = {key.lower() for key in settings.get("NEWS_METADATA_EXTRA_KEYS", [])}
    return CONTENT_MODEL_KEYS | PELICAN_KEYS | extra


def register_status(settings, word):
    """Accept ``Status: <word>`` (lower case) in headers, for a plugin that handles that status.

    Replaces ``settings["NEWS_METADATA_EXTRA_STATUSES"]`` with a new list (the default list
    object may be shared). The reader passes the word through unchanged.
    """
    extra = list(settings.get("NEWS_METADATA_EXTRA_STATUSES") or [])
    if word not in extra:
        extra.append(word)
    settings["NEWS_METADATA_EXTRA_STATUSES"] = extra


def register_keys(settings, keys):
    """Make metadata ``keys`` (iterable of str) known to the reader, for another plugin.

    Replaces ``settings["NEWS_METADATA_EXTRA_KEYS"]`` with a new list (the default list object
    may be shared), adding each key not already there (compared lowercased).
    """
    extra = list(settings.get("NEWS_METADATA_EXTRA_KEYS") or [])
    for key in keys:
        if key.lower() not in {known.lower() for known in extra}:
            extra.append(key)
    settings["NEWS_METADATA_EXTRA_KEYS"] = extra
