"""YAML front matter (``---`` … ``---``), read into the same metadata as a ``Key: value`` header.

Git-based web editors (Decap CMS, plugins/cms) write the header as YAML between two ``---``
lines: quoted strings, lists (``tags:`` then ``- banjir`` lines), block scalars (``summary: |-``).
Python-Markdown's ``meta`` extension reads none of those. :func:`read` turns such a header into
what the reader gets from :func:`.header.scan` plus Python-Markdown's ``meta``: each key's line
(the key's own line in the file, so errors point where the editor looks), the raw text of each
value (never YAML's types: ``breaking: yes please`` stays the text ``yes please``, so the reader's
own checks give the same message as for a ``Key: value`` file) and the body with the header lines
blanked (same line numbers for everything below it).

A ``---`` header whose lines are all plain ``Key: value`` lines is left to :func:`.header.scan`
(it always read those), so nothing that built before reads differently now.
"""

import re
from dataclasses import dataclass

import yaml

from . import header as header_scan
from . import yamlfile

_OPEN = re.compile(r"^-{3}\s*$")
_CLOSE = re.compile(r"^(-{3}|\.{3})\s*$")
# A line header.scan and Python-Markdown read the same way YAML does: "Key: value" with a plain
# value, or an indented continuation. Anything else (quotes, "- item", "|", "[a, b]") is YAML.
_PLAIN = re.compile(r"^(?:[A-Za-z0-9_-]+:(?:[ \t]+[^\s\"'|>\[{&*!#%@`][^#]*)?[ \t]*|[ ]{4,}\S.*)$")
_KEY = re.compile(r"^([A-Za-z0-9_-]+):")
YAML_FIX = (
    "check the header between the '---' lines: one 'key: value' per line, list items as "
    "'  - item' under the key, and a value with ': ' or '#' in double quotes"
)


@dataclass
class FrontMatter(header_scan.Header):
    """A :class:`.header.Header` read from YAML front matter.

    Extra attribute ``meta``: lowercased key -> list of text lines, the shape of Python-Markdown's
    ``Markdown.Meta`` (a list value is one line, its items joined with ``"; "``, which Pelican's
    ``ensure_metadata_list`` splits again for Tags and Authors).
    """

    meta: dict = None
    # True when the YAML could not be parsed: no value of the header is known.
    unreadable: bool = False


# The keys Pelican splits into lists (pelican.readers.METADATA_PROCESSORS: ensure_metadata_list).
LIST_KEYS = frozenset({"tags", "authors"})


def _closing_row(rows):
    for index in range(1, len(rows)):
        if _CLOSE.match(rows[index]):
            return index
    return None


def read(text, known_keys):
    """Read ``text`` (a whole Markdown file) when it starts with YAML front matter.

    Args:
        text: the file as read (BOM removed).
        known_keys: lowercased metadata keys the site knows (for the lines after the header).
    Returns:
        a :class:`FrontMatter`, or None when the file has no ``---`` header or one that
        :func:`.header.scan` reads the same way (plain ``Key: value`` lines only).
    Problems (malformed YAML, a nested value, a key written twice) are in ``.problems`` as
    ``(line, message, fix)``; they are never raised.
    """
    rows = text.split("\n")
    if not rows or not _OPEN.match(rows[0]):
        return None
    closing = _closing_row(rows)
    if closing is None:
        return None
    block = rows[1:closing]
    if all(_PLAIN.match(row) for row in block if row.strip()):
        return None
    body = [""] * (closing + 1) + rows[closing + 1 :]
    result = FrontMatter(end=closing + 1, text="\n".join(body), meta={})
    # The lines right after the header that look like a key: header.scan finds them the same
    # way when given a header of the same length (its one rule for them, not a copy of it).
    stand_in = ["---"] + ["x-front-matter: x"] * (closing - 1) + ["---"] + rows[closing + 1 :]
    result.stray = header_scan.scan("\n".join(stand_in), known_keys).stray
    try:
        node = yaml.compose("\n".join(block), Loader=yamlfile.Loader)
    except yaml.YAMLError as exc:
        # Where the construct began (an opening quote), else where YAML gave up.
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc)
        result.problems.append(
            (line, f"the header is not valid YAML ({problem})", yamlfile.fix_of(exc, YAML_FIX))
        )
        result.unreadable = True
        # The keys that are there are not missing: one error, not one per required key.
        for number, row in enumerate(block, start=2):
            key = _KEY.match(row)
            if key:
                result.lines.setdefault(key.group(1).lower(), number)
        return result
    if node is None:
        return result
    if not isinstance(node, yaml.MappingNode):
        result.problems.append(
            (node.start_mark.line + 2, "the header is not a list of 'key: value' lines", YAML_FIX)
        )
        return result
    for key_node, value_node in node.value:
        _add(result, key_node, value_node, known_keys)
    return result


def _add(result, key_node, value_node, known_keys):
    line = key_node.start_mark.line + 2  # +1: 1-based, +1: the opening '---'
    name, lookalike = header_scan.lookalike_field(str(key_node.value).strip(), known_keys, line)
    if lookalike:
        result.problems.append(lookalike)
    if name in result.lines:
        first = result.lines[name]
        result.problems.append(
            (
                line,
                f"{name.capitalize()} is written twice in the header (lines {first} and {line})",
                "keep one line; several tags or authors go in one list under the key",
            )
        )
        return
    result.lines[name] = line
    if isinstance(value_node, yaml.SequenceNode) and name not in LIST_KEYS:
        result.problems.append(
            (
                line,
                f"{name.capitalize()} takes one value, got a list of {len(value_node.value)}",
                f"write '{name}: value' on one line (only tags and authors take a list)",
            )
        )
        return
    value = _text(value_node)
    if value is None:
        result.problems.append(
            (
                line,
                f"{name.capitalize()} must be one value or a list of values",
                f"write '{name}: value', or a list of '  - value' lines under '{name}:'",
            )
        )
        return
    result.meta[name] = value


def _text(node):
    """Return the value of ``node`` as lines of text, or None for a nested mapping."""
    if isinstance(node, yaml.ScalarNode):
        if node.style is None and node.tag.endswith(":null"):
            return [""]  # `summary:` or `summary: ~` with nothing after it
        return str(node.value).split("\n")
    if isinstance(node, yaml.SequenceNode):
        items = [_text(item) for item in node.value]
        if any(item is None or len(item) != 1 for item in items):
            return None
        names = [item[0] for item in items]
        # ';' between the names, and at the end when a name has a comma: Pelican splits on ','
        # when there is no ';' ("Bima, NTB" alone would be two tags), and a ';' list with a
        # comma and no final ';' is the reader's mixed-separator error.
        return ["; ".join(names) + (";" if any("," in name for name in names) else "")]
    return None


def split_fields(text):
    """Split a data file with YAML front matter (a comment written by the web editor) the way
    :func:`.header.split_fields` splits a plain ``Key: value`` header.

    Args:
        text: the file's text, starting with a ``---`` line.
    Returns:
        ``(fields, body, problems)``, or None when ``text`` has no closed ``---`` header:
        ``fields`` is a list of ``(key lowercased, key as written, value, line)`` in file
        order (a key written twice is there twice, for the caller's own message), the value
        as one line of text; ``body`` the text after the closing line; ``problems``
        ``(line, message, fix)`` for YAML that cannot be read, a list, a nested or a
        multi-line value (never raised).
    """
    rows = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not rows or not _OPEN.match(rows[0]):
        return None
    closing = _closing_row(rows)
    if closing is None:
        return None
    body = "\n".join(rows[closing + 1 :])
    try:
        node = yaml.compose("\n".join(rows[1:closing]), Loader=yamlfile.Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        line = mark.line + 2 if mark else 1
        return (
            [],
            body,
            [(line, f"the header is not valid YAML ({problem})", yamlfile.fix_of(exc, YAML_FIX))],
        )
    if node is None:
        return [], body, []
    if not isinstance(node, yaml.MappingNode):
        line = node.start_mark.line + 2
        return [], body, [(line, "the header is not a list of 'key: value' lines", YAML_FIX)]
    fields, problems = [], []
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 2  # +1: 1-based, +1: the opening '---'
        written = str(key_node.value).strip()
        value = _text(value_node) if isinstance(value_node, yaml.ScalarNode) else None
        if value is None or len(value) != 1:
            problems.append(
                (line, f"{written} must be one value", f"write '{written}: value' on one line")
            )
            continue
        fields.append((written.lower(), written, value[0].strip(), line))
    return fields, body, problems
