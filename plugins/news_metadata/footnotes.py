"""A footnote reference (``dan[^dua].``) needs its footnote (a line ``[^dua]: ...``).

Python-Markdown's ``footnotes`` extension (enabled in pelicanconf.py) turns a reference into a
numbered link only when the article defines it; otherwise ``[^dua]`` is published as it was
typed, on the page, in the text edition and in the feed. Code (fenced, indented, spans) is
masked first, as for the raw HTML check (:func:`.balance.mask`).

A header field Pelican formats as Markdown (``Summary``, ``FORMATTED_FIELDS``) is converted on
its own, after a reset: no footnote reaches it, so any reference in it is published as typed on
listings, in feeds and in the meta description (:func:`field_problem`).
"""

import re

from .balance import mask

# Python-Markdown's footnotes extension: a definition starts a line ("[^label]: text", up to 3
# spaces of indent); a reference is "[^label]" anywhere else. Labels have no "]" or space.
_DEFINITION = re.compile(r"^[ ]{0,3}\[\^([^\]\s]+)\]:", re.MULTILINE)
_REFERENCE = re.compile(r"\[\^([^\]\s]+)\](?!:)")


def problems(text: str, header_end: int = 0) -> list[tuple[int, str, str]]:
    """References to footnotes the article does not define.

    Args:
        text: the whole file (header and body), as the reader has it.
        header_end: 1-based number of the last header line; the header is not searched.
    Returns:
        list of ``(line, message, fix)``, one per undefined label (at its first reference),
        line 1-based in the file.
    """
    if "[^" not in text:
        return []  # most articles: no footnote at all, no second masking pass over the body
    rows = text.split("\n")
    body = mask("\n".join([""] * header_end + rows[header_end:]))
    defined = set(_DEFINITION.findall(body))
    found, seen = [], set()
    for match in _REFERENCE.finditer(body):
        label = match.group(1)
        if label in defined or label in seen:
            continue
        seen.add(label)
        found.append(
            (
                body.count("\n", 0, match.start()) + 1,
                f"footnote [^{label}] has no text: the article has no line '[^{label}]: ...', "
                "so the reference would be published as typed",
                f"add the footnote on a line of its own after the text, e.g. '[^{label}]: "
                "Sumber: ...', or remove the reference",
            )
        )
    return found


def field_problem(label: str, text: str) -> tuple[str, str] | None:
    """The ``(message, fix)`` for a footnote reference in the header field ``label``
    (``Summary``) whose value is ``text``, or None when it has none (code masked).

    Args:
        label: the key as the message names it (``Summary``).
        text: the field's Markdown, its lines joined.
    """
    if "[^" not in text:
        return None
    references = _REFERENCE.findall(mask(text))
    if not references:
        return None
    return (
        f"{label} holds the footnote reference [^{references[0]}]: footnotes work only in the "
        f"text, so the {label.lower()} would show it as typed on listings and in feeds",
        f"remove [^{references[0]}] from the {label} line; put the reference in the text, with "
        f"its line '[^{references[0]}]: ...'",
    )
