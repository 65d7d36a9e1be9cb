"""Decap CMS's ``config.yml``, generated from the content model (never written by hand).

Every metadata key news_metadata knows (``known_keys``: the design's content model, Pelican's
keys and the ones other plugins register) becomes a field of the article collections, with the
widget its type needs; a key registered later by a plugin gets a plain text field, so the
editor can never lack a key the build accepts. Keys left out on purpose are in
:data:`NOT_EDITED`, with the reason. ``tests/test_cms_config.py`` fails when the two disagree.
"""

import os

from news_metadata.reader import COMMENT_MODES
from news_metadata.settings import known_keys

from .data_collections import data_collections
from .fields import WITA_HINT, datetime_field

# The article header's keys edited with a datetime widget (below; header-format.js shows them
# as the build reads them).
DATE_KEYS = ("date", "modified", "breaking_until")
# List keys (news_metadata.reader.LIST_KEYS) typed as the header's text, not as a list widget:
# Decap's list widget split a tag with a comma and ate a typed ", " (admin.js: news-tags).
TYPED_LIST_KEYS = ("tags",)

# Pelican's technical keys: set by developers in a text editor, never by a journalist.
NOT_EDITED = {
    "lang": "one language (id); translations are not used",
    "translation": "translations are not used",
    "template": "page templates are chosen by developers",
    "save_as": "the address comes from Date and the title",
    "url": "the address comes from Date and the title",
    "scripts": "a developer's opt-in to <script> in the body (README, typography)",
}
# Keys the CMS writes under another name of the model: Author is one name, Authors a list.
EDITED_AS = {"author": "authors"}

# admin/header-format.js, registered by admin/admin.js: the "Key: value" header, untouched
# lines kept as written (a hand-written article changes only where it was edited).
HEADER_FORMAT = "news-header"
REQUIRED_HINT = "Wajib diisi."
# The Status select list's words for the reader's statuses; another registered status is
# shown as written.
STATUS_LABELS = {
    "draft": "Draf, belum tayang",
    "published": "Terbit",
    "hidden": "Tersembunyi (terbit, tidak tampil di daftar)",
    "withdrawn": "Dicabut (make withdraw)",
}
# The reader's error for an empty Title (news_metadata.reader); tests/test_cms_browser.py
# checks that the build still says exactly this.
TITLE_EMPTY = "Title is empty — write the headline after 'Title: '"


def status_words(settings):
    """Return the statuses the reader takes, in its order: ``draft``, ``published``,
    ``hidden`` and every status a plugin registered (``NEWS_METADATA_EXTRA_STATUSES``:
    corrections' ``withdrawn``), as ``news_metadata.reader``'s ``_status`` lists them."""
    return ["draft", "published", "hidden", *(settings.get("NEWS_METADATA_EXTRA_STATUSES") or [])]


def status_field(settings):
    """Return the Status field: a select list of every status the build takes (a withdrawn
    story opened as an empty Status, the preview as if it were live); a word the build does
    not take is shown over the field with the build's message (admin.js: news-select)."""
    words = status_words(settings)
    return {
        "name": "status",
        "label": "Status",
        "widget": "news-select",
        "options": [{"label": STATUS_LABELS.get(word, word), "value": word} for word in words],
        "default": "draft",  # new entries; a file without Status is published
        "required": False,
        # news_metadata.reader's words (_status), without its spelling suggestion.
        "unknown_message": f"Status must be {', '.join(words[:-1])} or {words[-1]}, got",
        "unknown_fix": "write 'Status: draft' (or 'Status: draf') to keep it unpublished, or "
        "delete the line to publish; until then it is treated as a draft",
    }


def photo_limit(settings):
    """Return ``(bytes, message)``: the largest photo the build takes (``NEWS_IMAGES_MAX_BYTES``)
    and the build's words for a larger one (``news_images.process``), or None without a limit.
    """
    max_bytes = settings.get("NEWS_IMAGES_MAX_BYTES")
    if not max_bytes:
        return None
    from news_images.process import TOO_LARGE_FIX, over_limit

    return max_bytes, f"the photo is {over_limit(max_bytes)} — {TOO_LARGE_FIX}"


def image_field(settings):
    """Return the Image field: Decap's photo dialog refuses a file over the build's limit
    before it is uploaded (``max_file_size``, decap-cms-core MediaLibrary.js; admin.js shows the
    build's words), where it would have been committed and then refused by the build."""
    field = {"name": "image", "label": "Foto utama", "widget": "news-image", "required": False}
    limit = photo_limit(settings)
    if limit:
        field["media_library"] = {"config": {"max_file_size": limit[0]}}
    return field


def article_fields(settings, authors):
    """Return the Decap field list of an article, in the order of ``make new``'s header.

    Args:
        settings: Pelican settings (``NEWS_METADATA_CATEGORIES``, registered keys).
        authors: author names as written in ``content/data/authors.yml``.
    Returns:
        list of Decap field dicts; ``name`` is the lowercased metadata key (the header format
        writes a new key capitalised, ``image_alt`` as ``Image_alt``; the reader lowercases keys).
    """
    categories = list(settings.get("NEWS_METADATA_CATEGORIES") or [])
    fields = [
        {
            "name": "title",
            "label": "Judul",
            "widget": "news-title",
            "hint": REQUIRED_HINT,
            # Empty: Decap's "Judul wajib diisi." and, from the widget, the build's own words.
            "empty_message": TITLE_EMPTY,
        },
        datetime_field("date", "Tanggal dan jam terbit", True),
        {
            "name": "authors",
            "label": "Penulis",
            "widget": "news-select",
            "multiple": True,
            "min": 1,
            "options": list(authors),
            "hint": "Nama seperti di content/data/authors.yml.",
            # news_metadata.model._join_authors' words for a name the form has no option for
            # (admin.js shows them over the field and refuses to save).
            "unknown_message": "unknown author",
            "unknown_fix": "write the name exactly as in content/data/authors.yml, or add a "
            "profile there",
        },
        {
            "name": "category",
            "label": "Rubrik",
            "widget": "news-select",
            "options": categories,
            "default": categories[0] if categories else "",
            # news_metadata.model._check_category's words.
            "unknown_message": "unknown category",
            "unknown_fix": f"use one of: {', '.join(categories)} (NEWS_METADATA_CATEGORIES in "
            "pelicanconf.py)",
        },
        {
            "name": "id",
            "label": "Id",
            "widget": "news-id",
            "required": False,  # new entries get one; an old article without Id stays so
            "hint": "Dibuat otomatis; jangan diubah.",
        },
        status_field(settings),
        {"name": "summary", "label": "Ringkasan", "widget": "text", "required": False},
        {
            "name": "tags",
            "label": "Label",
            "widget": "news-tags",
            "required": False,
            "hint": "Pisahkan dengan koma. Bila satu label berisi koma, pisahkan semua label "
            "dengan titik koma (;), mis. Bima, NTB; banjir.",
        },
        {
            "name": "breaking",
            "label": "Breaking news",
            "widget": "boolean",
            "default": False,
            "required": False,
        },
        # Decap's image widget, shown from where the build takes the file (admin.js).
        image_field(settings),
        {
            "name": "image_alt",
            "label": "Teks alternatif foto",
            "widget": "string",
            "required": False,
            "hint": "Wajib bila ada foto: apa yang terlihat di foto.",
        },
        {
            "name": "image_caption",
            "label": "Keterangan foto",
            "widget": "string",
            "required": False,
        },
        {
            "name": "comments",
            "label": "Komentar",
            "widget": "select",
            "options": list(COMMENT_MODES),
            "default": "open",
            "required": False,
        },
        datetime_field("modified", "Diperbarui", False, "Hanya untuk pembaruan isi. " + WITA_HINT),
        datetime_field("breaking_until", "Breaking sampai", False),
        {"name": "slug", "label": "Slug", "widget": "string", "required": False},
        {
            "name": "bibliography",
            "label": "Daftar pustaka",
            "widget": "string",
            "required": False,
        },
    ]
    named = {field["name"] for field in fields}
    for key in sorted(known_keys(settings)):
        if key in named or key in NOT_EDITED or EDITED_AS.get(key) in named:
            continue
        # A key another plugin registered: text, so the editor can still write it.
        fields.append(
            {"name": key, "label": key.capitalize(), "widget": "string", "required": False}
        )
    # Not required in the form: a draft may be a header only (the build accepts it); a published
    # article without text is the build's error (news_metadata.model), in the pull request.
    fields.append(
        {
            "name": "body",
            "label": "Isi berita",
            "widget": "markdown",
            "required": False,
            "hint": "Boleh kosong selama masih draf; artikel yang terbit harus berisi.",
        }
    )
    return fields


def page_fields():
    """Return the Decap field list of a page (only Title is required, design card)."""
    return [
        # The article's title widget: the build's words when empty, and the notice over it when
        # the file is YAML front matter (admin.js).
        {
            "name": "title",
            "label": "Judul",
            "widget": "news-title",
            "hint": REQUIRED_HINT,
            "empty_message": TITLE_EMPTY,
        },
        {"name": "summary", "label": "Ringkasan", "widget": "text", "required": False},
        {"name": "slug", "label": "Slug", "widget": "string", "required": False},
        {"name": "body", "label": "Isi", "widget": "markdown"},
    ]


def years(settings, now_year):
    """Return the years with an article collection, newest first (``CMS_YEARS`` or the
    folders under content/articles/ plus ``now_year``)."""
    if settings.get("CMS_YEARS"):
        first, last = settings["CMS_YEARS"]
        return list(range(last, first - 1, -1))
    found = {now_year}
    for path in settings.get("ARTICLE_PATHS") or []:
        folder = os.path.join(settings["PATH"], path)
        if os.path.isdir(folder):
            found.update(int(name) for name in os.listdir(folder) if name.isdigit())
    return sorted(found, reverse=True)


def build_config(settings, authors, now_year, content_folder="content"):
    """Return Decap's configuration (a dict to dump as YAML).

    Args:
        settings: Pelican settings with the CMS_* defaults applied.
        authors: author names from ``content/data/authors.yml``.
        now_year: the current year in WITA (new articles go to its collection).
        content_folder: the content folder relative to the repository root (Decap's paths).
    """
    articles = (settings.get("ARTICLE_PATHS") or ["articles"])[0]
    pages = (settings.get("PAGE_PATHS") or ["pages"])[0]
    images = (settings.get("STATIC_PATHS") or ["images"])[0]
    fields = article_fields(settings, authors)
    collections = []
    for year in years(settings, now_year):
        collections.append(
            {
                "name": f"artikel-{year}",
                "label": f"Artikel {year}",
                "label_singular": "Artikel",
                "folder": f"{content_folder}/{articles}/{year}",
                "create": year == now_year,
                "extension": "md",
                "format": HEADER_FORMAT,
                "slug": "{{slug}}",
                "summary": "{{title}} ({{date}})",
                "sortable_fields": ["date", "title"],
                "media_folder": f"/{content_folder}/{images}/{year}",
                "public_folder": f"{images}/{year}",
                "preview_path": None,
                "fields": fields,
            }
        )
    collections.append(
        {
            "name": "halaman",
            "label": "Halaman",
            "label_singular": "Halaman",
            "folder": f"{content_folder}/{pages}",
            "create": True,
            "extension": "md",
            "format": HEADER_FORMAT,
            "slug": "{{slug}}",
            "fields": page_fields(),
        }
    )
    collections.extend(data_collections(settings, content_folder))
    for collection in collections:
        if collection.get("preview_path") is None:
            collection.pop("preview_path", None)
    config = {
        "backend": dict(settings["CMS_BACKEND"]),
        "local_backend": {"url": settings["CMS_LOCAL_BACKEND_URL"]},
        "media_folder": f"{content_folder}/{images}/{now_year}",
        "public_folder": f"{images}/{now_year}",
        "locale": "id",  # plugins/cms/admin/admin.js registers it
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": collections,
    }
    if settings.get("CMS_EDITORIAL_WORKFLOW"):
        config["publish_mode"] = "editorial_workflow"
    return config
