"""Raw HTML in an article body: every element that is opened is closed, and nothing is closed
that was not opened.

Python-Markdown passes raw HTML through as written. An unclosed ``<div>`` or ``<b>`` swallows
the rest of the page (the byline, the comments, the footer) on the article, and the rest of the
listing page or feed reader it is shown in; a stray ``</div>`` closes one of the theme's own
elements. Browsers repair both silently and differently, so the editor sees nothing wrong in
the preview of the article alone.

What is checked: tags whose name is an HTML element (WHATWG HTML, "Elements" index), outside
fenced and indented code blocks, inline code spans, HTML comments and backslash-escaped ``<``.
Not checked: void elements (``<br>``, ``<img>``, ...), ``<x/>``, and the elements whose end tag
HTML itself lets an author leave out (``<p>``, ``<li>``, ``<td>``, ...; WHATWG HTML
§13.1.2.4 "Optional tags"): an unclosed one of those is valid HTML. ``<https://...>`` (a
Markdown autolink) and ``a < b`` are text, not tags.

:func:`problems` returns ``(line, message, fix)`` tuples for the reader's error list.
"""

import re

# WHATWG HTML, index of elements (non-void, non-obsolete), plus the SVG/MathML roots.
ELEMENTS = frozenset(
    [
        "a",
        "abbr",
        "address",
        "article",
        "aside",
        "audio",
        "b",
        "bdi",
        "bdo",
        "blockquote",
        "body",
        "button",
        "canvas",
        "caption",
        "cite",
        "code",
        "colgroup",
        "data",
        "datalist",
        "dd",
        "del",
        "details",
        "dfn",
        "dialog",
        "div",
        "dl",
        "dt",
        "em",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "header",
        "hgroup",
        "html",
        "i",
        "iframe",
        "ins",
        "kbd",
        "label",
        "legend",
        "li",
        "main",
        "map",
        "mark",
        "math",
        "menu",
        "meter",
        "nav",
        "noscript",
        "object",
        "ol",
        "optgroup",
        "option",
        "output",
        "p",
        "picture",
        "pre",
        "progress",
        "q",
        "rp",
        "rt",
        "ruby",
        "s",
        "samp",
        "script",
        "search",
        "section",
        "select",
        "slot",
        "small",
        "span",
        "strong",
        "style",
        "sub",
        "summary",
        "sup",
        "svg",
        "table",
        "tbody",
        "td",
        "template",
        "textarea",
        "tfoot",
        "th",
        "thead",
        "time",
        "title",
        "tr",
        "u",
        "ul",
        "var",
        "video",
        "center",
        "font",
        "big",
        "strike",
        "tt",
    ]
)
VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    ]
)
# End tag may be omitted (WHATWG HTML §13.1.2.4).
OPTIONAL_END = frozenset(
    [
        "p",
        "li",
        "dt",
        "dd",
        "rt",
        "rp",
        "optgroup",
        "option",
        "colgroup",
        "caption",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
    ]
)

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)((?:\"[^\"]*\"|'[^']*'|[^'\"<>])*)>")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:.|\n)*?(?<!`)\1(?!`)")
_COMMENT = re.compile(r"<!--(?:.|\n)*?-->")


def mask(text: str) -> str:
    """``text`` with code, comments and escaped ``<`` replaced by spaces (newlines kept)."""

    def blank(match):
        return re.sub(r"[^\n]", " ", match.group(0))

    rows = text.split("\n")
    fence = None
    previous_blank = True
    in_indented = False
    for index, row in enumerate(rows):
        if fence:
            if row.strip().startswith(fence):
                fence = None
            rows[index] = ""
            continue
        opening = _FENCE.match(row)
        if opening:
            fence = opening.group(1)[0] * 3
            rows[index] = ""
            continue
        indented = row.startswith(("    ", "\t"))
        if indented and (previous_blank or in_indented):
            in_indented = True
            rows[index] = ""
            continue
        in_indented = False
        previous_blank = not row.strip()
    masked = "\n".join(rows)
    masked = _COMMENT.sub(blank, masked)
    masked = _CODE_SPAN.sub(blank, masked)
    return masked.replace("\\<", "  ")


def problems(text: str, header_end: int = 0) -> list[tuple[int, str, str]]:
    """Unbalanced raw HTML in the body of ``text``.

    Args:
        text: the whole file (header and body), as the reader has it.
        header_end: 1-based number of the last header line; lines up to it are not checked
            (a Title is shown as text, and Summary has its own checks).
    Returns:
        list of ``(line, message, fix)``, line 1-based in the file.
    """
    rows = text.split("\n")
    body = "\n".join([""] * header_end + rows[header_end:])
    masked = mask(body)
    found = []
    stack = []  # (name, line)
    # Lines counted from the previous tag on, not from the file's start: one pass per body.
    line, counted_to = 1, 0
    for match in _TAG.finditer(masked):
        closing, name, rest = match.group(1), match.group(2).lower(), match.group(3)
        if name not in ELEMENTS or name in VOID:
            continue
        line += masked.count("\n", counted_to, match.start())
        counted_to = match.start()
        if not closing:
            if not rest.rstrip().endswith("/"):
                stack.append((name, line))
            continue
        if not any(open_name == name for open_name, _ in stack):
            found.append(
                (
                    line,
                    f"</{name}> closes nothing: no <{name}> is open before it",
                    f"delete the </{name}>, or add the <{name}> where that part begins",
                )
            )
            continue
        while stack:
            open_name, open_line = stack.pop()
            if open_name == name:
                break
            if open_name not in OPTIONAL_END:
                found.append(_unclosed(open_name, open_line, f" before </{name}> on line {line}"))
    for open_name, open_line in stack:
        if open_name not in OPTIONAL_END:
            found.append(_unclosed(open_name, open_line, ""))
    return sorted(found)


def _unclosed(name: str, line: int, where: str) -> tuple[int, str, str]:
    return (
        line,
        f"<{name}> is opened here and never closed{where}: the rest of the page would be inside it",
        f"add </{name}> where that part ends (tags close in the reverse order they open)",
    )
