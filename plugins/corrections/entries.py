"""Correction files: ``content/corrections/<article-id>.yml``, one YAML list per article.

Each item is one correction, clarification or update of the article whose ``Id`` names the
file (design choice: a sidecar file, not header lines, because an entry has several fields and
text of a paragraph or more, which Python-Markdown's header cannot hold with line numbers)::

    - date: 2024-12-06 10:15          # when it was published, WITA (same forms as Date:)
      kind: koreksi                   # koreksi | klarifikasi | pembaruan
      text: >-                        # what was wrong and what is right (Markdown)
        Versi sebelumnya menulis ... Yang benar ...
      part: paragraf kedua            # optional: the part of the article it concerns

The web editor (plugins/cms) writes the same list under one key, with the article's Id, since
Decap CMS writes a mapping at the top of a YAML file::

    article: 20241206-jembatan        # optional: the file's id (Decap names the file from it)
    entries:
      - date: 2024-12-06 10:15
        ...

Both forms give the same entries and the same errors (an entry's lines are its own either way).

Problems are reported through :func:`news_metadata.errors.report` with the file and the line
(PyYAML node marks); an unusable entry is left out, the others still count.
"""

import os
from dataclasses import dataclass
from datetime import datetime

import yaml
from markdown import Markdown
from markupsafe import Markup
from news_metadata.dates import DATE_FIX, parse_date, to_wita
from news_metadata.errors import report
from news_metadata.text import suggest, visible_text
from news_metadata.yamlfile import compose
from news_metadata.yamlfile import line as _line

from .settings import KINDS

FIELDS = ("date", "kind", "text", "part")
REQUIRED = ("date", "kind", "text")
# The top-level keys of the web editor's form (module doc).
MAPPING_KEYS = ("article", "entries")
# What `make correction` writes for the editor to replace; left as is, it is an error.
PLACEHOLDER = "TULIS DI SINI: apa yang salah dan apa yang benar."
EXTENSION = ".yml"
FILE_FIX = "see plugins/corrections/README.md, 'Correction files'"


@dataclass
class Entry:
    """One correction, clarification or update.

    Attributes:
        kind: one of :data:`corrections.settings.KINDS`.
        date: aware ``datetime`` in WITA.
        text: the editor's Markdown source.
        html: ``Markup``, the text rendered by Python-Markdown.
        text_plain: the visible text, for feeds and structured data.
        part: the part of the article it concerns, plain text, or "".
        path, line: where it is written (for error messages).
        anchor: the HTML id of the entry on the article page (``koreksi-1``), set by the
            plugin once the article's entries are known.
    """

    kind: str
    date: datetime
    text: str
    html: Markup
    text_plain: str
    part: str
    path: str
    line: int
    anchor: str = ""


_markdown = Markdown(output_format="html5")


def render(text):
    """Return ``(html, plain)`` of an entry's Markdown ``text``. Editors' text is trusted as
    the article body is (raw HTML passes, as in articles).
    """
    _markdown.reset()
    html = Markup(_markdown.convert(text))
    return html, visible_text(html)


def scan(root, ignore=()):
    """Read every correction file below ``root``.

    Args:
        root: the corrections folder (``PATH``/``CORRECTIONS_PATH``); absent means none.
        ignore: Pelican's ``IGNORE_FILES`` glob patterns (a README.md in the folder is fine).

    Returns:
        dict article id -> list of :class:`Entry` (file order). Files that are not
        ``<id>.yml`` directly in ``root`` are reported.
    """
    from fnmatch import fnmatch

    found = {}
    if not os.path.isdir(root):
        return found
    for name in sorted(os.listdir(root)):
        path = os.path.join(root, name)
        if any(fnmatch(name, pattern) for pattern in ignore):
            continue
        if os.path.isdir(path) or not name.endswith(EXTENSION):
            report(
                path,
                None,
                "is not a correction file (corrections/ holds only <article-id>.yml files)",
                f"move it out of {os.path.basename(root)}/, or name it <article-id>.yml; "
                + FILE_FIX,
            )
            continue
        found[name[: -len(EXTENSION)]] = load(path)
    return found


def load(path):
    """Read one correction file; return its usable entries (list of :class:`Entry`)."""
    root = compose(
        path,
        "check the indentation: each entry starts with '- date: ...' and its other fields line "
        "up under 'date'",
    )
    if root is None:
        return []
    items = _items(path, root)
    return [entry for node in items if (entry := read_entry(path, node)) is not None]


def _items(path, root):
    """The entry nodes of a file: its top-level list, or the list under ``entries:`` of the
    web editor's mapping (``article:`` there must be the file's id).
    """
    if isinstance(root, yaml.MappingNode):
        keys = {str(key.value).lower(): (key, value) for key, value in root.value}
        if "entries" in keys:
            for name, (key, _value) in keys.items():
                if name not in MAPPING_KEYS:
                    report(
                        path,
                        _line(key),
                        f"unknown key {key.value!r}{suggest(name, list(MAPPING_KEYS))}",
                        "the file has only 'article:' and 'entries:' (or a list of entries)",
                    )
            article = keys.get("article")
            file_id = os.path.splitext(os.path.basename(path))[0]
            if article and str(article[1].value).strip() != file_id:
                report(
                    path,
                    _line(article[1]),
                    f"article {article[1].value!r} is not the id of this file ({file_id!r})",
                    f"write 'article: {file_id}', or move the entries to "
                    f"{article[1].value}{EXTENSION}",
                )
            root = keys["entries"][1]
            if isinstance(root, yaml.ScalarNode) and root.tag.endswith(":null"):
                return []
    if not isinstance(root, yaml.SequenceNode):
        report(path, _line(root), "must be a list of entries", "start each with '- date: ...'")
        return []
    return root.value


def read_entry(path, node):
    """Return the :class:`Entry` of one YAML node, or None (every problem reported)."""
    if not isinstance(node, yaml.MappingNode):
        report(
            path, _line(node), "an entry must have fields", "write '- date: ...' then kind, text"
        )
        return None
    values, lines, ok = {}, {}, True
    for key, value in node.value:
        name = str(key.value).lower()
        lines[name] = _line(key)
        if name not in FIELDS:
            report(
                path,
                _line(key),
                f"unknown field {key.value!r}{suggest(name, list(FIELDS))}",
                f"use only: {', '.join(FIELDS)}",
            )
            ok = False
            continue
        if not isinstance(value, yaml.ScalarNode):
            report(path, _line(value), f"{name} must be text", f"write '{name}: ...' on one line")
            ok = False
            continue
        values[name] = str(value.value).strip()
    for name in REQUIRED:
        if not values.get(name) and name not in lines:
            report(path, _line(node), f"the entry has no {name}", _FIX[name])
            ok = False
        elif not values.get(name) and name in values:
            report(path, lines[name], f"{name} is empty", _FIX[name])
            ok = False
    kind = values.get("kind", "").lower()
    if kind and kind not in KINDS:
        report(
            path,
            lines["kind"],
            f"unknown kind {values['kind']!r}{suggest(kind, list(KINDS))}",
            _FIX["kind"],
        )
        ok = False
    date = None
    if values.get("date"):
        try:
            date = to_wita(parse_date(values["date"]))
        except ValueError as exc:
            report(path, lines["date"], f"date {exc}", DATE_FIX.replace("Date:", "date:"))
            ok = False
    if values.get("text") == PLACEHOLDER:
        report(path, lines["text"], "the text is still the placeholder", _FIX["text"])
        ok = False
    if not ok:
        return None
    html, plain = render(values["text"])
    return Entry(
        kind=kind,
        date=date,
        text=values["text"],
        html=html,
        text_plain=plain,
        part=values.get("part", ""),
        path=path,
        line=_line(node),
    )


_FIX = {
    "date": "write 'date: YYYY-MM-DD HH:MM', when it was published (WITA)",
    "kind": f"write 'kind: ' and one of: {', '.join(KINDS)}",
    "text": "write 'text: ' and what was wrong and what is right, e.g. 'Versi sebelumnya "
    "menyebut ... Yang benar ...'",
}
