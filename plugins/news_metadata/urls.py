"""``Save_as`` and ``Url`` in an article's header: where Pelican writes it and links to it.

The Blogger import sets both to the post's old path (``2024/12/slug.html``) so every old link
keeps working; editors may set them too. Pelican takes them as they are, so a slip is a broken
or dangerous page: ``/2024/x.html`` or ``../x.html`` writes outside the site's folder on some
setups, a ``Url`` that differs from ``Save_as`` links to a page that does not exist, and a draft
with ``Save_as`` is written (and so published) even by the publish build, whose empty
``DRAFT_SAVE_AS`` only applies when there is no override (``Content.get_url_setting``).

``Save_as`` names a file: ``label/garam/`` made the writer open a folder as a file
(``FileExistsError``, naming nothing), ``2025/09/rubrik`` wrote a file with no extension (served
as a download), and ``a%20b.html`` a file literally named ``a%20b.html``, which no server finds,
since it decodes the address first (RFC 3986, 2.4: ``%20`` is the space). ``Url`` is the
address of that file: the same path, or its folder (``x/``) for ``x/index.html``.
"""

import posixpath
import re

# Unreserved characters of RFC 3986 (2.3) in each segment: nothing a server decodes.
_SEGMENTS = re.compile(r"^[A-Za-z0-9_.~-]+(?:/[A-Za-z0-9_.~-]+)*/?$")
FIX = "write a path below the site without a leading slash, e.g. 'Save_as: 2024/12/slug.html'"
FILE_FIX = (
    "write the file's path ending in .html, e.g. 'Save_as: {example}' (and the same in Url, "
    "or its folder with a trailing slash)"
)


def _served_at(path):
    """The URL a server answers for an output path: ``x/index.html`` is served as ``x/`` (the
    site's own listings use ``kategori/x/`` + ``kategori/x/index.html``; so does /koreksi/)."""
    return path[: -len("index.html")] if path.endswith("/index.html") else path


def _path_problem(label, text):
    """``(message, fix)`` when ``text`` (a ``Save_as``/``Url`` value, stripped) is not a path
    this site writes or links to, else None."""
    if "%" in text:
        return (
            f"{label} {text!r} holds a %-escape: the file would be named with it as typed, and "
            "a server, which decodes the address first, would not find it",
            "write the path with letters, digits and hyphens only, e.g. 'Save_as: "
            "2025/09/nama-berita.html'",
        )
    if not _SEGMENTS.match(text) or ".." in text.split("/"):
        return f"{label} {text!r} is not a path inside the site", FIX
    if label == "Save_as" and text.endswith("/"):
        return (
            f"Save_as {text!r} names a folder, not a file: the page would not be written",
            FILE_FIX.format(example=f"{text}index.html"),
        )
    if label == "Save_as" and not text.endswith(".html"):
        stem = posixpath.splitext(text)[0] if "." in text.rsplit("/", 1)[-1] else text
        return (
            f"Save_as {text!r} does not end in .html: it would be written, and served, as "
            "something other than a web page",
            FILE_FIX.format(example=f"{stem}.html"),
        )
    if label == "Url" and not text.endswith((".html", "/")):
        return (
            f"Url {text!r} names no page: a page's address ends in .html, or in / for a "
            "folder's index.html",
            "write the Save_as path, e.g. 'Url: 2024/12/slug.html'",
        )
    return None


def url_problems(metadata, lines):
    """Check ``save_as``/``url`` of one file's metadata; drop the values it refuses.

    A refused ``Save_as``/``Url`` is removed from ``metadata`` together with its partner (the
    file is then written at its usual path in a dev build, never at a broken one).

    Args:
        metadata: the reader's metadata dict (lowercased keys; ``status`` as written).
        lines: lowercased key -> line number, for the messages.
    Returns:
        list of ``(line or None, message, fix)``.
    """
    problems = []
    for key in ("save_as", "url"):
        if metadata.get(key) is None:
            continue
        problem = _path_problem(key.capitalize(), str(metadata[key]).strip())
        if problem:
            problems.append((lines.get(key), *problem))
    if problems:
        metadata.pop("save_as", None)
        metadata.pop("url", None)
        return problems
    save_as = metadata.get("save_as")
    url = metadata.get("url")
    if (save_as is None) != (url is None):
        have, missing = ("Save_as", "Url") if url is None else ("Url", "Save_as")
        problems.append(
            (
                lines.get("save_as" if url is None else "url"),
                f"{have} is set but {missing} is not, so links would not lead to the page",
                f"add '{missing}:' with the same path (or remove {have})",
            )
        )
    elif save_as is not None and _served_at(str(save_as).strip()) != _served_at(str(url).strip()):
        problems.append(
            (
                lines.get("url"),
                f"Url {str(url).strip()!r} differs from Save_as {str(save_as).strip()!r}: "
                "links would lead where the page is not",
                "write the same path in both",
            )
        )
    if save_as is not None and str(metadata.get("status", "")).strip().lower() == "draft":
        problems.append(
            (
                lines.get("save_as"),
                "a draft with Save_as is written to that path even by the publish build",
                "remove the Save_as and Url lines until the article is published, or remove "
                "'Status: draft'",
            )
        )
    return problems
