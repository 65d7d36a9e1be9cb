"""Where each metadata key sits in a Markdown file, read the way an editor means it.

Python-Markdown's ``meta`` extension (which Pelican's reader uses) reads the header; it keeps no
line numbers, and it ends the header silently at the first line that is not exactly
``Key: value`` (``markdown/extensions/meta.py``: BEGIN_RE, META_RE, META_MORE_RE, END_RE). Editors
type headers that are meant as header lines but miss those patterns: a key in smart quotes
(``“Tags”: banjir``, pasted from Word), a full-width colon (``Tags： banjir``, Asian input
methods), a space before the colon (``Tags : banjir``), a known key indented by a tab or spaces
(Python-Markdown expands the tab and takes the line as the previous value's continuation), a
key spelled with letters that only look Latin (``Tаgs`` with a Cyrillic ``а``, full-width
``Ｔａｇｓ``: read as the key and reported, :mod:`.lookalike`). This
module recognises those, returns a *canonical* copy of the text in which each such line is
rewritten as ``key: value`` (same number of lines, so every later line number still holds) for
the ``meta`` extension to read, and records:

- each key's line;
- problems the editor must fix: a key written twice (``meta`` would join the two values);
- the lines right after the header that look like a known key (a blank line inside the header).

Continuation lines (indented 4+ spaces, not a known key) stay continuation lines; the reader
joins them with a space (a ``Title`` or ``Date`` wrapped onto a second line).

The one header scanner of the site: the reader, the citations extension (the ``Bibliography``
and ``Summary`` lines) and ``make takedown``/``make correction`` use :func:`scan`; comment files
(and the tools that read them) use :func:`split_fields`, the plain ``Key: value`` header.
"""

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field

from .lookalike import foreign_letters
from .lookalike import latin_key as lookalike_key

# Same patterns as markdown.extensions.meta.
_BEGIN = re.compile(r"^-{3}(\s.*)?")
_META = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_MORE = re.compile(r"^[ ]{4,}(?P<value>.*)")
_END = re.compile(r"^(-{3}|\.{3})(\s.*)?")

# Quotes an editor's word processor puts around a key, and colons other than ':'.
QUOTES = "\"'`\u201c\u201d\u201e\u2018\u2019\u201a\u00ab\u00bb\u2039\u203a"
COLONS = ":\uff1a\ufe55\ufe13\ua789\u2236"
# A line meant as "Key: value": any indentation, optional quotes or asterisks (bold) around
# the key, spaces before the colon, any of the colons above.
_LOOSE = re.compile(
    rf"^\s*[{QUOTES}*]*(?P<key>[A-Za-z][A-Za-z0-9_-]*)[{QUOTES}*]*\s*[{COLONS}]\s*(?P<value>.*)$"
)
# The same for a line that is not ASCII, after NFKC: a key of any letters (Cyrillic, Greek),
# looked up by its skeleton (lookalike.py).
_LOOSE_ANY = re.compile(
    rf"^\s*[{QUOTES}*]*(?P<key>[^\W\d_][\w-]*)[{QUOTES}*]*\s*[{COLONS}]\s*(?P<value>.*)$"
)
# One "Key: value" line of a plain header (split_fields); a key of any letters, so that one
# typed with lookalike letters reaches the caller's key check (lookalike_field).
_FIELD = re.compile(r"^(?P<key>[^\W\d_][\w-]*)[ \t]*:[ \t]*(?P<value>.*?)\s*$")
TAB_LENGTH = 4  # Python-Markdown's default tab_length: tabs are expanded before `meta` runs
# What a header line with a key in other letters (not a lookalike) becomes in the canonical
# text, so `meta` reads on past it; the reader drops the key (reported by scan).
FOREIGN_KEY = "news-foreign-key"


@dataclass
class Header:
    """Result of :func:`scan`.

    Attributes:
        lines: lowercased key -> 1-based line number of its first occurrence.
        end: 1-based number of the last header line (0 when there is no header).
        stray: (line number, key as written) for the lines right after the header that look
            like a known key; a "Key: value" deep inside the body text is prose, not a slip.
        text: the canonical text for Python-Markdown (same lines as the input).
        problems: (line, message, fix) for header lines the editor must change.
    """

    lines: dict = field(default_factory=dict)
    end: int = 0
    stray: list = field(default_factory=list)
    text: str = ""
    problems: list = field(default_factory=list)


def loose_key(row, known_keys):
    """Return ``(key lowercased, value, lookalike)`` when ``row`` is meant as a header line of a
    key in ``known_keys`` (see the module doc for the forms), else None.

    ``lookalike`` is the key as typed when it was spelled with letters that only look Latin
    (Cyrillic, Greek, full-width: :mod:`.lookalike`), else None."""
    if row.isascii():
        match = _LOOSE.match(row)
        key = match.group("key").lower() if match else None
        return (key, match.group("value").strip(), None) if key in known_keys else None
    normal = _LOOSE_ANY.match(unicodedata.normalize("NFKC", row))
    if not normal:
        return None
    key = normal.group("key").lower()
    if key not in known_keys:
        key = lookalike_key(normal.group("key"), known_keys)
        if key is None:
            return None
    # As typed, before NFKC: full-width letters fold to ASCII but are not what was meant either.
    typed = _LOOSE_ANY.match(row)
    typed_key = typed.group("key") if typed else row.strip()
    return key, normal.group("value").strip(), None if typed_key.isascii() else typed_key


def lookalike_problem(line: int, written: str, key: str) -> tuple[int, str, str]:
    """The ``(line, message, fix)`` for the key ``key`` typed as ``written`` with lookalike
    letters (:mod:`.lookalike`); the YAML front matter reports it the same way."""
    return (
        line,
        f"the key {written!r} is written with {_letters(written)}: it only looks like "
        f"{key.capitalize()!r} (read as that key until it is retyped)",
        f"type the key again with Latin letters: '{key.capitalize()}: ...' (switch the "
        "keyboard to English/Indonesian, or delete the line and write it anew)",
    )


def lookalike_field(
    written: str, known_keys: Collection[str], line: int
) -> tuple[str, tuple[int, str, str] | None]:
    """The key of a data-file or YAML header line, and the problem when it was typed with
    lookalike letters.

    Args:
        written: the key as typed (``Аuthor`` with a Cyrillic ``А``).
        known_keys: the keys the caller accepts, lowercased.
        line: the line of the key, for the problem.
    Returns:
        ``(key, problem)``: the key lowercased (the Latin one when ``written`` is a lookalike
        of it) and :func:`lookalike_problem`'s tuple, or None when there is nothing to fix.
    """
    key = written.lower()
    latin = None if key in known_keys else lookalike_key(written, known_keys)
    if latin is None:
        return key, None
    return latin, lookalike_problem(line, written, latin)


def _foreign_key(row):
    """``(key as typed, value)`` for a header line whose key is a word in letters other than
    Latin that is no lookalike of a known key (``Таги: x``), else None."""
    if row.isascii():
        return None
    match = _LOOSE_ANY.match(unicodedata.normalize("NFKC", row))
    if not match or match.group("key").isascii():
        return None
    typed = _LOOSE_ANY.match(row)
    return (typed.group("key") if typed else match.group("key")), match.group("value").strip()


def _foreign_problem(line, written, known_keys):
    keys = ", ".join(k.capitalize() for k in ("title", "date", "author", "category", "tags")
                     if k in known_keys)  # fmt: skip
    return (
        line,
        f"unknown metadata key {written!r}: the header's keys are English words in Latin "
        "letters (this line was left out of the header)",
        f"write the key in English ({keys}, ...; plugins/news_metadata/README.md lists them) "
        "or remove the line",
    )


def _letters(written):
    """The letters of ``written`` that are not ASCII, the first two described by name."""
    described = foreign_letters(written)
    more = f" and {len(described) - 2} more" if len(described) > 2 else ""
    return ", ".join(described[:2]) + more


def scan(text: str, known_keys: Collection[str]) -> Header:
    """Scan a Markdown source.

    Args:
        text: the whole file, as read (BOM already removed).
        known_keys: lowercased metadata keys the site knows.
    Returns:
        :class:`Header`.
    """
    rows = text.split("\n")
    header = Header()
    out = list(rows)
    index = 0
    if rows and _BEGIN.match(rows[0]):
        index = 1
    key = None
    while index < len(rows):
        row = rows[index].expandtabs(TAB_LENGTH)
        if row.strip() == "" or _END.match(row):
            if row.strip():
                index += 1  # the closing '---' belongs to the header
            break
        known = loose_key(row, known_keys)
        match = _META.match(row)
        if known:
            name, value, lookalike = known
            out[index] = f"{name}: {value}"
            if lookalike:
                header.problems.append(lookalike_problem(index + 1, lookalike, name))
        elif match:
            name = match.group("key").lower()
        elif foreign := _foreign_key(row):
            # "Таги: x": Python-Markdown's meta would end the header here (its keys are
            # ASCII) and publish the rest of the header as the first paragraph.
            out[index] = f"{FOREIGN_KEY}: {foreign[1]}"
            header.problems.append(_foreign_problem(index + 1, foreign[0], known_keys))
            key = FOREIGN_KEY
            index += 1
            continue
        elif key and _MORE.match(row):
            index += 1
            continue
        else:
            break
        if name in header.lines:
            first = header.lines[name]
            header.problems.append(
                (
                    index + 1,
                    f"{name.capitalize()} is written twice in the header (lines {first} and "
                    f"{index + 1})",
                    "keep one line; several tags go on one line separated by commas, several "
                    "authors on one 'Authors:' line separated by ';'",
                )
            )
        header.lines.setdefault(name, index + 1)
        key = name
        index += 1
    header.end = index
    header.text = "\n".join(out)
    _find_stray(header, rows, index, known_keys)
    return header


def _find_stray(header, rows, index, known_keys):
    """Lines lost from the header sit right after it (from ``index``): keep reading while the
    body still looks like "Key: value" lines (blank lines between them included)."""
    for number in range(index, len(rows)):
        row = rows[number]
        if not row.strip():
            continue
        known = loose_key(row, known_keys)
        if known is None:
            if _LOOSE.match(row):
                continue  # "Catatan: ..." an unknown word and a colon: keep looking
            break
        name, _, lookalike = known
        if lookalike:
            header.problems.append(lookalike_problem(number + 1, lookalike, name))
        written = _LOOSE_ANY.match(unicodedata.normalize("NFKC", row))["key"]
        header.stray.append((number + 1, written if written.isascii() else name.capitalize()))


def split_fields(text: str) -> tuple[list[tuple[str, str, str, int]], str]:
    """Split a data file with a plain ``Key: value`` header (a comment file) into header and body.

    Stricter than :func:`scan` on purpose: no Markdown reader follows, so no canonical text,
    continuation lines or loose keys; the caller checks the keys it gets.

    Args:
        text: the file's text.
    Returns:
        ``(fields, body)``: ``fields`` is a list of ``(key lowercased, key as written, value,
        line number)`` for each ``Key: value`` line at the top (up to the first blank line or
        the first line that is not ``Key: value``); ``body`` is the rest.
    """
    rows = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    fields = []
    index = 0
    while index < len(rows):
        row = rows[index]
        if not row.strip():
            index += 1
            break
        match = _FIELD.match(row)
        if not match:
            break
        key = match.group("key")
        fields.append((key.lower(), key, match.group("value"), index + 1))
        index += 1
    return fields, "\n".join(rows[index:])
