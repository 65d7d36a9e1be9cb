"""Text helpers of the content model: the visible text of HTML, and "did you mean" hints.

:func:`visible_text` is the one HTML-to-text function of the site (titles for ``<title>`` and
attributes, descriptions, JSON-LD, correction notes, the ``plain`` template filter). Pelican
fields (summary, title) are HTML: typogrify wraps capitals in ``<span class="caps">``, glues
words with ``&nbsp;`` and turns quotes into entities. Plain text needs what a reader sees: tags
removed (the text inside them kept), entities decoded, every run of white space (no-break spaces
included) folded to one space, block elements separating words ("<p>a</p><p>b</p>" -> "a b"), and
nothing from ``script``, ``style``, ``code``, ``pre``, ``template`` or ``noscript`` elements.
Autoescaping (templates) or ``tojson`` (JSON-LD) then escape quotes and ampersands for their
context.

:func:`suggest` is the hint every error message about a misspelt name ends with.
"""

import difflib
from collections.abc import Iterable
from html.parser import HTMLParser

# Elements whose text is never part of a description.
SKIPPED = frozenset({"script", "style", "code", "pre", "template", "noscript"})
# Elements that do not separate words; every other tag counts as a space ("<p>a</p><p>b</p>").
INLINE = frozenset(
    {
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "cite",
        "data",
        "del",
        "dfn",
        "em",
        "i",
        "ins",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
        "var",
    }
)


class _VisibleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skipping = 0

    def reset(self):
        super().reset()
        self.parts = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED:
            self.skipping += 1
        elif tag not in INLINE:
            self.parts.append(" ")

    def handle_startendtag(self, tag, attrs):
        if tag not in INLINE:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag not in INLINE:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def visible_text(html_text: object) -> str:
    """Return the visible text of an HTML fragment as one line of plain text.

    Args:
        html_text: str (HTML) or None.
    Returns:
        str without tags or entities; white space (including U+00A0) folded to single spaces;
        text inside script/style/code/pre/template/noscript left out.
    """
    if not html_text:
        return ""
    text = str(html_text)
    if "<" not in text and "&" not in text:
        return " ".join(text.split())
    parser = _PARSER
    parser.reset()
    parser.feed(text)
    parser.close()
    return " ".join("".join(parser.parts).split())


_PARSER = _VisibleText()  # one parser, reset per call (a build renders in one thread)


def suggest(word: str, choices: Iterable[str]) -> str:
    """Return ``" (did you mean 'X'?)"`` for the closest of ``choices``, or ``""``.

    Args:
        word: what the editor wrote (compared case-insensitively).
        choices: the valid names, in their own spelling (the hint quotes that spelling).
    Returns:
        str, empty when nothing is close (``difflib`` ratio below 0.6).
    """
    choices = list(choices)
    match = difflib.get_close_matches(word.lower(), [c.lower() for c in choices], n=1, cutoff=0.6)
    if not match:
        return ""
    original = next(c for c in choices if c.lower() == match[0])
    return f" (did you mean {original!r}?)"
