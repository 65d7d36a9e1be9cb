"""The web editor's collections of comments and corrections, from those plugins' key lists.

Moderation (issue 19): a reader's comment is pasted into a comment entry; a correction is an
entry of the article's correction file. The fields come from ``comments.storage`` (``KEYS``,
``REQUIRED``) and ``corrections.entries`` (``FIELDS``, ``REQUIRED``; kinds from
``corrections.settings.KINDS``), so a key added there appears here; tests/test_cms_config.py
checks they agree. A comment is read and written in its own ``Key: value`` header (the
``news-comment`` format of admin/header-format.js, as ``make comment`` writes it); its article
is the folder, typed for a new comment (Decap makes the folder from it) and never written
into the file, whose header has no such key. A correction file is a mapping with the list
under ``entries:`` and ``article:`` (its file name); the corrections reader accepts that form
next to the hand-written one (its README).
"""

from .fields import datetime_field

ARTICLE_HINT = "Id artikel (baris Id: di artikelnya, mis. 20241201-jembatan)."
COMMENT_ARTICLE_HINT = (
    "Wajib untuk komentar baru: Id artikel (baris Id: di artikelnya, mis. 20241201-jembatan). "
    "Komentar yang sudah ada: folder filenya."
)
# admin/header-format.js, registered by admin/admin.js: the comment's "Key: value" header.
COMMENT_FORMAT = "news-comment"
# Widgets of comment keys; a key without one here is a text field.
COMMENT_WIDGETS = {"date": "datetime", "url": "string"}
CORRECTION_LABELS = {"date": "Waktu terbit", "kind": "Jenis", "text": "Isi", "part": "Bagian"}
COMMENT_LABELS = {"author": "Nama pembaca", "date": "Waktu kirim", "reply-to": "Membalas komentar"}


# A correction file in the hand-written form (a top-level list): Decap reads it as no fields,
# an empty form that cannot be edited; admin.js (news-correction-article) says so instead.
LIST_FORM = (
    "This correction file is a YAML list (the hand-written form): the web editor reads only "
    "its own form, 'article: <id>' and the list under 'entries:', so it shows none of its "
    "entries and cannot save it. Edit it in a text editor, or rewrite it in that form (indent "
    "the list under a line 'entries:' after 'article: <id>') to edit it here."
)


def _article_field():
    return {
        "name": "article",
        "label": "Artikel",
        "widget": "news-correction-article",
        "hint": ARTICLE_HINT,
        "list_message": LIST_FORM,
    }


def comment_collection(settings, content_folder):
    """Return the Decap collection of ``<COMMENTS_PATH>/<article-id>/<comment-id>.md``.

    The file name is ``YYYYMMDD-HHmm-<author>`` (the comment's date and the commenter's name as
    an ASCII slug: a valid comment id, ``comments.ids.COMMENT_ID``).
    """
    from comments.storage import KEYS, REQUIRED

    # Not required for Decap: an existing comment's article is its folder, not a value of the
    # form (admin.js: news-comment-article requires it of a new comment).
    fields = [
        {
            "name": "article",
            "label": "Artikel",
            "widget": "news-comment-article",
            "required": False,
            "hint": COMMENT_ARTICLE_HINT,
        }
    ]
    for key, written in KEYS.items():
        required = key in REQUIRED
        label = COMMENT_LABELS.get(key, written)
        if COMMENT_WIDGETS.get(key) == "datetime":
            fields.append(datetime_field(key, label, required))
        else:
            fields.append({"name": key, "label": label, "widget": "string", "required": required})
    fields.append(
        {"name": "body", "label": "Teks komentar", "widget": "text", "hint": "Tempel di sini."}
    )
    return {
        "name": "komentar",
        "label": "Komentar",
        "label_singular": "Komentar",
        "folder": f"{content_folder}/{settings.get('COMMENTS_PATH', 'comments')}",
        "path": "{{article}}/{{slug}}",  # no "fields.": Decap turns dots into dashes here
        "create": True,
        "extension": "md",
        "format": COMMENT_FORMAT,
        "identifier_field": "author",
        "slug": "{{year}}{{month}}{{day}}-{{hour}}{{minute}}-{{slug}}",
        "summary": "{{author}} ({{date}}) – {{dirname}}",
        "fields": fields,
    }


def correction_collection(settings, content_folder):
    """Return the Decap collection of ``<CORRECTIONS_PATH>/<article-id>.yml`` (editor form)."""
    from corrections.entries import FIELDS, REQUIRED
    from corrections.settings import KINDS

    entry = []
    for name in FIELDS:
        label = CORRECTION_LABELS.get(name, name.capitalize())
        required = name in REQUIRED
        if name == "date":
            entry.append(datetime_field(name, label, required))
        elif name == "kind":
            entry.append({"name": name, "label": label, "widget": "select", "options": list(KINDS)})
        elif name == "text":
            entry.append({"name": name, "label": label, "widget": "text", "required": required})
        else:
            entry.append({"name": name, "label": label, "widget": "string", "required": required})
    return {
        "name": "koreksi",
        "label": "Koreksi",
        "label_singular": "Koreksi",
        "folder": f"{content_folder}/{settings.get('CORRECTIONS_PATH', 'corrections')}",
        "create": True,
        "extension": "yml",
        "format": "yml",
        "identifier_field": "article",
        "slug": "{{fields.article}}",
        "fields": [
            _article_field(),
            {
                "name": "entries",
                "label": "Koreksi, klarifikasi, pembaruan",
                "label_singular": "Entri",
                "widget": "list",
                "summary": "{{fields.kind}} {{fields.date}}",
                "fields": entry,
            },
        ],
    }


def data_collections(settings, content_folder):
    """Return the collections of the enabled plugins among comments and corrections."""
    plugins = {str(name).rsplit(".", 1)[-1] for name in settings.get("PLUGINS") or []}
    found = []
    if "comments" in plugins:
        found.append(comment_collection(settings, content_folder))
    if "corrections" in plugins:
        found.append(correction_collection(settings, content_folder))
    return found
