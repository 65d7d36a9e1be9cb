"""One main heading per page: the headline (``Title:``) is the page's ``<h1>``, so the text has
none of its own.

A second ``<h1>`` breaks the page's outline for screen readers (which list the headings to
jump between) and for search engines (Google News reads the ``<h1>`` as the headline), and on a
listing card or in a feed the text's ``<h1>`` is larger than the headline itself. An editor
writes one in several ways, each reported at its line:

- ``# Subjudul`` (Markdown's first level, meant as a sub-heading, or the headline typed again at
  the top of the text);
- ``#BanjirBima`` at the start of a line: Python-Markdown needs no space after ``#``
  (``HashHeaderProcessor``), so a hashtag starting a line is a heading;
- a line underlined with ``===`` (a "Setext" heading, what some editors and converters write);
- ``<h1>`` in raw HTML.

The ``Summary:`` line is converted by the same Markdown, so a ``# `` there is reported too (its
``<h1>`` would be dropped from listings and feeds by :func:`.safety.clean_fragment`). Code is
not looked at (:func:`.balance.mask`). Only what Markdown really made an ``<h1>`` is reported:
the lines found in the source are reported when the converted text has an ``<h1>``.
"""

import re

from .balance import mask

# Python-Markdown 3: a block line starting with one '#' (after quote and list markers), a
# paragraph line underlined with '=', an <h1> tag.
_HASH = re.compile(r"^(?:[ ]{0,3}>[ ]?)*(?:[ ]{0,3}(?:[-*+]|\d+\.)[ ]+)?#(?!#)(\S*)")
_UNDERLINE = re.compile(r"^[ ]{0,3}=+[ ]*$")
_RAW = re.compile(r"<h1[\s>/]", re.IGNORECASE)
SECOND = "a second main heading of the page, after the Title"
FIX = (
    "write '## ' for a sub-heading (the Title is the page's one main heading); if the line "
    "repeats the Title, delete it"
)


def _lines(masked: str) -> list[tuple[int, str, str]]:
    """``(line, message, fix)`` for each line of ``masked`` that makes an ``<h1>``."""
    found = []
    rows = masked.split("\n")
    for number, row in enumerate(rows, 1):
        hashed = _HASH.match(row)
        if hashed and hashed.group(1):
            word = hashed.group(1)
            found.append(
                (
                    number,
                    f"'#{word}' at the start of a line is a heading in Markdown, not a hashtag: "
                    f"it would be {SECOND}",
                    f"write \\#{word} to show the hashtag as typed, or '## ' for a sub-heading",
                )
            )
        elif hashed:
            found.append((number, f"'# ' makes {SECOND}", FIX))
        elif _UNDERLINE.match(row) and number > 1 and rows[number - 2].strip():
            found.append(
                (
                    number,
                    f"a line of '=' under a line makes that line {SECOND}",
                    "write the heading as '## ...' and delete the line of '='; to show a line "
                    "of '=', write it as \\===",
                )
            )
        elif _RAW.search(row):
            found.append(
                (number, f"<h1> makes {SECOND}", "write <h2> (and </h2>) for a sub-heading")
            )
    return found


def problems(html: str, text: str, header_end: int = 0) -> list[tuple[int | None, str, str]]:
    """The ``<h1>`` headings of an article's or page's body.

    Args:
        html: the converted body (Python-Markdown's output).
        text: the whole file (header and body), as the reader has it.
        header_end: 1-based number of the last header line; the header is not searched.
    Returns:
        ``[(line, message, fix)]``, line 1-based in the file (None when the heading's line was
        not found); ``[]`` when ``html`` has no ``<h1>``.
    """
    if not _RAW.search(html):
        return []
    rows = text.split("\n")
    found = _lines(mask("\n".join([""] * header_end + rows[header_end:])))
    return found or [(None, "the text has an <h1>, a second main heading of the page", FIX)]


def field_problem(label: str, html: str) -> tuple[str, str] | None:
    """The ``(message, fix)`` for an ``<h1>`` in the converted header field ``label``
    (``Summary``), or None."""
    if not _RAW.search(html):
        return None
    return (
        f"{label} holds a main heading ('# ' or a line starting with '#'): listings and feeds "
        "drop it, so the summary would lose those words",
        f"write the {label} as one plain sentence; to show a hashtag at its start, write \\#",
    )
