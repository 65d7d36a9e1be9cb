"""Where each metadata key sits in a Markdown file, and `Key: value` lines lost in the body.

Python-Markdown's ``meta`` extension (which Pelican's reader uses) reads the header; it keeps no
line numbers, and it ends the header silently at the first blank line or at the first line that
is not ``Key: value``, so a stray blank line turns the rest of the header into body text. This
module scans the same text with the same rules (``markdown/extensions/meta.py``: BEGIN_RE,
META_RE, META_MORE_RE, END_RE) to give every key its line, and finds body lines that look like a
known key, so the editor is told instead of seeing "Tags: ..." printed in the article.
"""

import re
from dataclasses import dataclass, field

# Same patterns as markdown.extensions.meta.
_BEGIN = re.compile(r"^-{3}(\s.*)?")
_META = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_MORE = re.compile(r"^[ ]{4,}(?P<value>.*)")
_END = re.compile(r"^(-{3}|\.{3})(\s.*)?")
# A body line that looks like a header line; looser than _META (editors type "Tags :").
_LOOKS_LIKE_KEY = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z_-]+)\s*:\s*\S")


@dataclass
class Header:
    """Result of :func:`scan`.

    Attributes:
        lines: lowercased key -> 1-based line number of its first occurrence.
        end: 1-based number of the last header line (0 when there is no header).
        stray: (line number, key as written) for the lines right after the header that look
            like a known key; a "Key: value" deep inside the body text is prose, not a slip.
    """

    lines: dict = field(default_factory=dict)
    end: int = 0
    stray: list = field(default_factory=list)


def scan(text, known_keys):
    """Scan a Markdown source.

    Args:
        text: the whole file, as read (BOM already removed).
        known_keys: lowercased metadata keys the site knows; only these count as stray.
    Returns:
        :class:`Header`.
    """
    rows = text.split("\n")
    header = Header()
    index = 0
    if rows and _BEGIN.match(rows[0]):
        index = 1
    key = None
    while index < len(rows):
        row = rows[index]
        if row.strip() == "" or _END.match(row):
            if row.strip():
                index += 1  # the closing '---' belongs to the header
            break
        match = _META.match(row)
        if match:
            key = match.group("key").lower()
            header.lines.setdefault(key, index + 1)
        elif not (key and _MORE.match(row)):
            break
        index += 1
    header.end = index
    # Lines lost from the header sit right after it: keep reading while the body still
    # looks like "Key: value" lines (blank lines between them included).
    for number in range(index, len(rows)):
        row = rows[number]
        if not row.strip():
            continue
        match = _LOOKS_LIKE_KEY.match(row)
        if not match:
            break
        if match.group("key").lower() in known_keys:
            header.stray.append((number + 1, match.group("key")))
    return header
