"""Reading moderated comments from ``content/comments/<article-id>/<comment-id>.md``.

A comment file is a small header of ``Key: value`` lines, a blank line, and the comment's text
in Markdown::

    Author: Budi Santoso
    Date: 2024-12-06 10:15
    Reply-To: 20241206-0930-1c2d
    Url: https://budi.example

    Semoga inovasi ini *berlanjut*.

``Author`` and ``Date`` (WITA, the forms of :mod:`news_metadata.dates`) are required,
``Reply-To`` (another comment's id on the same article) and ``Url`` (the commenter's web
address) are optional; an empty optional value counts as absent. The web editor (plugins/cms)
writes this header too; its earlier versions wrote the same keys as YAML front matter between
``---`` lines, plus ``article:`` (the folder), still read: both forms give the same comment and
the same errors. Every problem is reported
with :func:`news_metadata.errors.report` and the comment is kept (a missing author is shown as
"Tanpa nama", a comment without a usable date sorts last), so a development build still shows
everything; the publish build fails on the reports.
"""

import fnmatch
import functools
import os
import re
from dataclasses import dataclass, field
from datetime import datetime

from babel.dates import format_date, get_timezone_name
from markupsafe import Markup
from news_metadata import front_matter
from news_metadata.containment import report_refused
from news_metadata.dates import DATE_FIX, WITA, parse_date, to_wita
from news_metadata.encoding import NotUtf8, read_text
from news_metadata.errors import display_path, report
from news_metadata.header import lookalike_field, split_fields
from news_metadata.text import suggest

from .ids import COMMENT_ID, COMMENT_ID_FIX
from .render import check_url

# Header keys (lowercased) -> how editors write them.
KEYS = {"author": "Author", "date": "Date", "reply-to": "Reply-To", "url": "Url"}
REQUIRED = ("author", "date")
# The web editor's front matter also names the article (the folder); checked, then dropped.
EDITOR_KEY = "article"
# What the CLI puts where the comment's text goes; a build that still finds it reports it.
PLACEHOLDER = "(Tempel teks komentar di sini, lalu hapus baris ini.)"
ANCHOR_PREFIX = "komentar-"


@dataclass(eq=False, slots=True)
class Comment:
    """One moderated reader comment, as templates see it.

    Attributes:
        id: the file name without ``.md`` (unique across the site).
        article_id: the folder name, i.e. the ``Id`` of the article it belongs to.
        source_path: the file's path.
        author: the commenter's name as plain text ("" if missing; templates escape it).
        date: aware ``datetime`` in WITA, or None when the file has no usable date.
        author_url: the commenter's ``Url``, checked (``http(s)`` only), or "".
        reply_to: the id of the comment this one answers, or "" (as written in the file).
        content: the body as sanitized HTML (``Markup``; see :mod:`.render`).
        replies: direct replies, oldest first (filled by :func:`.threads.build_threads`).
        parent: the comment this one is nested under, or None.
        permalink: the comment's URL relative to SITEURL, ``<article url>#komentar-<id>``
            (set with the article's other comment attributes).
        lines: lowercased header key -> 1-based line number, for error messages.
    """

    id: str
    article_id: str
    source_path: str
    author: str = ""
    date: datetime | None = None
    author_url: str = ""
    reply_to: str = ""
    content: Markup = field(default_factory=Markup)
    replies: list = field(default_factory=list)
    parent: "Comment | None" = None
    permalink: str = ""
    lines: dict = field(default_factory=dict)

    @property
    def anchor(self):
        """The HTML id / URL fragment of the comment on its article page: ``komentar-<id>``."""
        return ANCHOR_PREFIX + self.id

    @property
    def date_text(self):
        """The date as news_metadata's ``wita`` filter shows it (``Jumat, 6 Desember 2024
        08.00 WITA``), or "" without a date. See :func:`wita_text`."""
        return wita_text(self.date) if self.date else ""

    @property
    def text(self):
        """The body as plain text (tags removed, entities decoded), e.g. for structured data."""
        return " ".join(self.content.striptags().split())

    @property
    def sort_key(self):
        """Oldest first; comments without a date last; ties broken by id."""
        if self.date is None:
            return (1, 0.0, self.id)
        return (0, self.date.timestamp(), self.id)


@functools.lru_cache(maxsize=1024)
def _day_text(day):
    return format_date(day, "EEEE, d MMMM y", locale="id")


@functools.lru_cache(maxsize=16)
def _zone_text(offset):
    return get_timezone_name(datetime(2000, 1, 1, tzinfo=WITA), width="short", locale="id")


def wita_text(value):
    """``news_metadata.dates.format_wita(value)``, with Babel called once per day, not per call.

    Babel's ``format_datetime`` with a zone name costs ~0.2 ms; 3000 comments on a site make
    that 5% of a build. The day part (``EEEE, d MMMM y``) is cached per calendar day, the zone's
    short name once; the time is ``HH.mm``. tests/test_comment_render.py checks that this equals
    ``format_wita`` for every hour of a year.

    Args:
        value: an aware ``datetime`` (or naive, meaning WITA).
    Returns:
        str, e.g. ``"Jumat, 6 Desember 2024 08.00 WITA"``.
    """
    local = to_wita(value)
    return f"{_day_text(local.date())} {local:%H.%M} {_zone_text(local.utcoffset())}"


def _read(path):
    """The text of the comment file ``path``, or None when it cannot be read (reported)."""
    try:
        return read_text(path)  # bytes, then decode: quicker than a text reader
    except NotUtf8 as exc:
        report(path, exc.line, exc.message, exc.fix)
    except OSError as exc:
        report(path, None, f"cannot read this comment ({exc})", "save it as UTF-8 text")
    return None


def read_comment(path, article_id, renderer):
    """Read one comment file, reporting every problem in it.

    Args:
        path: the ``.md`` file.
        article_id: the name of the folder it is in.
        renderer: a :class:`.render.CommentRenderer`.
    Returns:
        :class:`Comment` (always; problems are reported, not raised).
    """
    comment_id = os.path.splitext(os.path.basename(path))[0]
    comment = Comment(id=comment_id, article_id=article_id, source_path=path)
    if not COMMENT_ID.match(comment_id):
        report(path, None, f"comment id {comment_id!r} is not a valid file name", COMMENT_ID_FIX)
    text = _read(path)
    if text is None:
        return comment
    fields, body, readable = _fields(path, text)
    values = {}
    for _, written, value, line in fields:
        key, lookalike = lookalike_field(written, KEYS, line)
        if lookalike:
            report(path, *lookalike)
        if key not in KEYS:
            report(
                path,
                line,
                f"unknown comment key {written!r}{suggest(written, list(KEYS.values()))}",
                "a comment header has only Author, Date, Reply-To and Url; put a blank line "
                "between the header and the comment's text",
            )
            continue
        if key in values:
            report(
                path,
                line,
                f"{KEYS[key]} is given twice (first on line {comment.lines[key]})",
                "keep one of the two lines",
            )
            continue
        values[key] = value
        comment.lines[key] = line
    if readable:  # YAML that cannot be used is the header's one error (as in an article)
        _check_required(comment, values)
    _read_date(comment, values.get("date", ""))
    comment.author = values.get("author", "")
    comment.reply_to = values.get("reply-to", "")
    url = values.get("url", "")
    if url:
        try:
            comment.author_url = check_url(url)
        except ValueError as exc:
            report(
                path,
                comment.lines["url"],
                str(exc),
                "write the commenter's web address in full (https://...) or remove the Url line",
            )
    if not body.strip():
        report(path, None, "the comment has no text", "paste the comment below the header")
    elif PLACEHOLDER in body:
        report(
            path,
            None,
            "the comment still has the placeholder text from 'make comment'",
            "replace the placeholder line with the reader's comment",
        )
    comment.content = renderer.render(body)
    return comment


def _fields(path, text):
    """The header of a comment file: ``Key: value`` lines, or YAML front matter between
    ``---`` lines (what the web editor wrote before, plugins/cms) with the same keys; an
    ``article:`` key there is the folder's id (Decap names the folder from it).

    Returns ``(fields, body, readable)``; ``readable`` is False when the YAML could not be
    parsed or a value was not one line (then no key is reported missing besides).
    """
    front = front_matter.split_fields(text)
    if front is None:
        return (*split_fields(text), True)
    fields, body, problems = front
    for line, message, fix in problems:
        report(path, line, message, fix)
    _check_second_header(path, text, body)
    folder = os.path.basename(os.path.dirname(path))
    kept = []
    for key, written, value, line in fields:
        if key != EDITOR_KEY:
            kept.append((key, written, value, line))
        elif value != folder:
            report(
                path,
                line,
                f"article {value!r} is not the id of this comment's folder ({folder!r})",
                f"write 'article: {folder}', or move the file to the folder {value}/",
            )
    return kept, body, not problems


def _check_second_header(path, text, body):
    """A comment written as ``Key: value`` (``make comment``) and then saved by an earlier web
    editor has YAML front matter above its old header, which is now the first lines of the comment's
    text: readers would see "Author: ..." as the comment. Report the first such line."""
    leading = body.lstrip("\n")
    fields, _ = split_fields(leading)
    keys = [(written, line) for key, written, _, line in fields if key in KEYS]
    if not keys:
        return
    offset = text[: len(text) - len(body)].count("\n") + (len(body) - len(leading))
    written, line = keys[0]
    report(
        path,
        offset + line,
        f"the comment's text starts with a header line ({written}: ...) below the YAML front "
        "matter; it would be shown to readers as the comment",
        "delete the 'Key: value' lines from the comment's text (the header between the '---' "
        "lines already holds Author and Date), or write the file again with 'make comment'",
    )


def _check_required(comment, values):
    fixes = {
        "author": (
            "add a line 'Author: <the commenter's name>' to the header",
            "write the commenter's name after 'Author:'",
        ),
        "date": (
            "add a line 'Date: YYYY-MM-DD HH:MM' (WITA, when the comment was sent) to the header",
            DATE_FIX,
        ),
    }
    for key in REQUIRED:
        label = KEYS[key]
        if key not in values:
            report(comment.source_path, 1, f"the comment has no {label}:", fixes[key][0])
        elif not values[key]:
            report(comment.source_path, comment.lines[key], f"{label} is empty", fixes[key][1])


def _read_date(comment, value):
    if not value:
        return
    try:
        comment.date = to_wita(parse_date(value))
    except ValueError as exc:
        report(comment.source_path, comment.lines["date"], f"Date {exc}", DATE_FIX)


def scan(root, renderer, ignore=()):
    """Read every comment below ``root``.

    Args:
        root: the comments folder (``content/comments``); a missing folder means no comments.
        renderer: a :class:`.render.CommentRenderer`.
        ignore: file-name patterns to skip (Pelican's ``IGNORE_FILES``); dot files are skipped.
    Returns:
        dict: folder name (article id) -> list of :class:`Comment`, in file-name order.
        A folder's path is ``os.path.join(root, name)``.
    Reports:
        files that are not in an article folder or are not ``.md``, nested folders, and
        comment ids used twice (the second file in path order is named).
    """
    found = {}
    if not os.path.isdir(root):
        return found
    skipped = re.compile("|".join([r"\.", *(fnmatch.translate(p) for p in ignore)])).match
    seen = {}
    for folder in _entries(root):
        if skipped(folder.name):
            continue
        if folder.is_symlink():
            report_refused(folder.path, "is a symbolic link", "comment folder")
            continue
        if not folder.is_dir():
            report(
                folder.path,
                None,
                "a comment file must be inside its article's folder",
                f"move it to {os.path.join(root, '<article-id>', folder.name)}",
            )
            continue
        comments = found.setdefault(folder.name, [])
        for entry in _entries(folder.path):
            if skipped(entry.name):
                continue
            if entry.is_symlink():
                report_refused(entry.path, "is a symbolic link", "comment file")
                continue
            if not entry.name.endswith(".md") or entry.is_dir():
                report(
                    entry.path,
                    None,
                    "not a comment file (a comment is one .md file in the article's folder)",
                    "rename it to <comment-id>.md or move it out of the comments folder",
                )
                continue
            comment = read_comment(entry.path, folder.name, renderer)
            key = comment.id.lower()  # two names differing only in case clash on some disks
            if key in seen:
                report(
                    entry.path,
                    None,
                    f"comment id {comment.id!r} is already used by {display_path(seen[key])}",
                    "give one of the two files a new name (make comment ARTICLE=<article-id> "
                    "shows a fresh id); comment ids must be unique across the site",
                )
            else:
                seen[key] = entry.path
            comments.append(comment)
    return found


def _entries(path):
    """The entries of folder ``path`` (``os.DirEntry``), sorted by name."""
    with os.scandir(path) as entries:
        return sorted(entries, key=lambda entry: entry.name)
