"""Plain text for attributes, meta tags and JSON-LD, made from the visible text of HTML.

Pelican fields (summary, title) are HTML: typogrify wraps capitals in ``<span class="caps">``,
glues words with ``&nbsp;`` and turns quotes into entities. Meta tags and JSON-LD need the text
a reader sees: tags removed (the text inside them kept), entities decoded, every run of white
space (no-break spaces included) folded to one space, and nothing from ``script``, ``style``,
``code``, ``pre`` or ``template`` elements. Autoescaping (templates) or ``tojson`` (JSON-LD)
then escape quotes and ampersands for their context.
"""

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


def visible_text(html_text):
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


def shorten(text, max_length):
    """Cut ``text`` to at most ``max_length`` characters at a word boundary, ending with "…".

    Args:
        text: plain text (one line).
        max_length: int, or None for no limit.
    Returns:
        ``text`` unchanged when short enough; otherwise the longest run of whole words that,
        with a trailing "…", fits (a single overlong word is cut inside).
    """
    if max_length is None or len(text) <= max_length:
        return text
    cut = text[: max_length - 1]
    if " " in cut and not text[max_length - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:–—-") + "…"
