"""Every file under ``content/`` is accounted for, or it is an error.

Pelican reads the files of ``ARTICLE_PATHS``/``PAGE_PATHS`` whose extension has an enabled
reader and copies ``STATIC_PATHS``; everything else is skipped without a word (``a.MD``,
``berita.docx``, a Markdown file in ``content/`` itself or in ``images/``). After the generators
have run (``all_generators_finalized``), :func:`take` walks ``PATH`` and puts each file in one
kind:

- ``article``/``page``: a source Pelican read (``context["generated_content"]``);
- ``static``: copied as is (``context["static_content"]``);
- a kind registered by a plugin with :func:`register_content_folder` (comments, bibliography,
  author profiles, the archive folder, ...): that plugin reads and checks the files itself;
- ``ignored``: the file name (or a folder on its path) matches ``IGNORE_FILES``;

and reports any other file with where it should go. Two files whose paths differ only in
capitals or in how an accent is encoded (``Foto.jpg``, ``foto.jpg``) are an error naming both
(:func:`_same_names`), and so are two folders (``Images/``, ``images/``:
:func:`_same_folders`, whatever the names of the files in them): macOS and Windows see one
file there, so a checkout keeps only one, and so does hosting that ignores case. Plugins
declare what they own at ``initialized``::

    from news_metadata.inventory import register_content_folder
    register_content_folder(settings, "comments", "comment")            # every file below
    register_content_folder(settings, "bibliography", "bibliography", ("*.json", "*.bib"))
"""

import fnmatch
import os
import unicodedata
from collections import Counter

from . import errors

SETTING = "NEWS_METADATA_CONTENT_OWNERS"
WORD_FILES = (".docx", ".doc", ".odt", ".rtf", ".pages", ".wps")
IMAGE_FILES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg", ".pdf", ".mp3", ".mp4")


def register_content_folder(settings, folder, kind, patterns=("*",)):
    """Declare that the files below ``PATH/folder`` (or the file ``PATH/folder`` itself) whose
    name matches one of ``patterns`` (``fnmatch``, case-insensitive) are read by a plugin.

    Args:
        settings: Pelican's settings dict; ``NEWS_METADATA_CONTENT_OWNERS`` is replaced by a new
            list with ``(folder, kind, patterns)`` added (the default list may be shared).
        folder: path relative to ``PATH``, ``/``-separated (``"comments"``, ``"data/authors.yml"``).
        kind: the word the inventory line uses (``"comment"``, ``"bibliography"``).
        patterns: file-name patterns; other files in the folder are errors.
    """
    entry = (folder.strip("/"), kind, tuple(patterns))
    owners = list(settings.get(SETTING) or [])
    if entry not in owners:
        owners.append(entry)
    settings[SETTING] = owners


def _owner(relative, owners, content_folders):
    """The kind of the first owner whose folder and patterns match; else ``(folder, patterns)``
    of an owner whose folder holds the file (misplaced there), unless that folder is an
    article or page folder (where other rules say more); else None."""
    name = os.path.basename(relative).lower()
    misplaced = None
    for folder, kind, patterns in owners:
        if relative == folder or relative.startswith(folder + "/"):
            if relative == folder or any(fnmatch.fnmatch(name, p.lower()) for p in patterns):
                return kind
            if misplaced is None and folder not in content_folders:
                misplaced = (folder, patterns)
    return misplaced


def _ignored(relative, ignores):
    return any(any(fnmatch.fnmatch(part, rule) for rule in ignores) for part in relative.split("/"))


def take(context, settings, readers):
    """Classify every file under ``settings["PATH"]`` and report the unaccounted ones.

    Args:
        context: Pelican's shared context after ``generate_context``.
        settings: Pelican's settings.
        readers: the set of enabled reader extensions (``Readers.extensions``).
    Returns:
        ``Counter`` of kinds (``article`` and ``page`` as files read; ``comment``, ``static``,
        ``ignored``, ...); also stored as ``context["news_inventory"]``.
    """
    base = os.path.abspath(settings["PATH"])
    generated = context.get("generated_content", {})
    static = context.get("static_content", {})
    owners = settings.get(SETTING) or []
    ignores = settings.get("IGNORE_FILES") or []
    folders = {p.strip("/") for p in [*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"]]}
    counts = Counter()
    reported = errors.collector.paths()  # refused (symlinks, unreadable): already said why
    names = {}  # folded relative path (file or folder) -> the first path with it
    merged = set()  # folders (and all below them) another folder's name differs from in case
    for folder, dirs, files in os.walk(base):
        dirs.sort()
        here = os.path.relpath(folder, base).replace(os.sep, "/")
        if (here != "." and not _ignored(here, ignores)) and (
            os.path.dirname(here) in merged or _same_folders(base, here, names)
        ):
            merged.add(here)
        for name in sorted(files):
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, base).replace(os.sep, "/")
            if here not in merged and not _ignored(relative, ignores):
                _same_names(path, relative, names)
            if relative in generated:
                counts["content"] += 1
            elif relative in static and _extension(relative) not in readers:
                counts["static"] += 1
            elif _ignored(relative, ignores):
                counts["ignored"] += 1
            elif path in reported:
                counts["reported"] += 1
            else:
                kind = _owner(relative, owners, folders)
                if isinstance(kind, str):
                    counts[kind] += 1
                else:
                    _report(path, relative, kind, settings, readers)
    context["news_inventory"] = counts
    return counts


def fold(relative: str) -> str:
    """``relative`` as a file system that ignores case and Unicode form sees it (macOS APFS and
    HFS+, Windows NTFS): NFC, then case-folded (``Foto.JPG`` and ``foto.jpg`` are one name)."""
    return unicodedata.normalize("NFC", relative).casefold()


def _same_names(path, relative, names):
    """Report ``path`` when an earlier file's path folds to the same name (:func:`fold`)."""
    first = names.setdefault(fold(relative), relative)
    if first == relative:
        return
    errors.report(
        path,
        None,
        f"this file and content/{first} differ only in capitals or in how a letter is encoded: "
        "macOS and Windows see one file there (a checkout keeps only one of them), and so does "
        "hosting that ignores case, so one would replace the other",
        "rename one of them to a name of its own (lower case, e.g. "
        f"'{os.path.splitext(os.path.basename(relative))[0].lower()}-2"
        f"{os.path.splitext(relative)[1].lower()}') and change the links to it",
    )


def _same_folders(base, relative, names):
    """Report the folder ``relative`` (below ``base``) when an earlier folder's path folds to
    the same name (:func:`fold`): ``content/Images/`` and ``content/images/``, ``articles/2026``
    and ``Articles/2026``. The error is on the one with capitals when the other has none (the
    site's folders are lower case). True when reported: the files below are then not compared
    one by one (moving them into one folder is the fix)."""
    first = names.setdefault(fold(relative) + "/", relative)
    if first == relative:
        return False
    odd, kept = (relative, first)
    if relative == relative.lower() and first != first.lower():
        odd, kept = first, relative
    errors.report(
        os.path.join(base, odd),
        None,
        f"this folder and content/{kept}/ differ only in capitals or in how a letter is "
        "encoded: macOS and Windows see one folder there (a checkout mixes their files, and "
        "files with the same name replace each other), and so does hosting that ignores case",
        f"move its files into content/{kept}/ (git mv) and delete it, and change the links to them",
    )
    return True


def _extension(relative):
    return os.path.splitext(relative)[1][1:].lower()


def _report(path, relative, misplaced, settings, readers):
    extension = os.path.splitext(relative)[1]
    lower = extension.lower()[1:]
    articles = ", ".join(f"content/{p}/" for p in settings.get("ARTICLE_PATHS", []))
    pages = ", ".join(f"content/{p}/" for p in settings.get("PAGE_PATHS", []))
    static = ", ".join(f"content/{p}/" for p in settings.get("STATIC_PATHS", []))
    where = "this file is not part of the site"
    if misplaced:
        folder, patterns = misplaced
        message = f"{where}: content/{folder}/ holds only {' or '.join(patterns)} files"
        fix = f"rename it to one of those forms or move it out of content/{folder}/"
    elif lower in readers and extension[1:] != lower:
        message = f"{where}: the extension {extension!r} is not lower case"
        fix = f"rename it to {os.path.basename(relative)[: -len(extension)]}.{lower}"
    elif lower in readers:
        message = f"{where}: a Markdown file is only read in {articles} or {pages}"
        fix = f"move it to {articles}<year>/ (an article) or {pages} (a page)"
    elif lower in ("rst", "txt", "html", "htm") or extension.lower() in WORD_FILES:
        kind = {"rst": "reStructuredText", "txt": "a text file", "html": "HTML", "htm": "HTML"}
        label = kind.get(lower, "a word-processor document")
        message = f"{where}: {label} is not read (articles and pages are Markdown)"
        fix = (
            'copy the text into a Markdown file: make new TITLE="..." writes one in '
            f"{articles}<year>/ with the header filled in"
        )
    elif extension.lower() in IMAGE_FILES:
        message = f"{where}: images and documents are only published from {static}"
        first = (settings.get("STATIC_PATHS") or ["images"])[0]
        fix = f"move it to {static} and link it as {{static}}/{first}/{os.path.basename(relative)}"
    else:
        message = f"{where}: no part of the site reads it"
        fix = "move it out of content/, or add a pattern for it to IGNORE_FILES in pelicanconf.py"
    errors.report(path, None, message, fix)
