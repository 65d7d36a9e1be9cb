"""Is an SVG file safe to publish as it is? Opened from the site (a link, a new tab), an SVG is
a document with the site's origin: a script in it runs with the readers' cookies (stored XSS).

Refused: what :func:`news_metadata.safety.active_content` finds in any HTML (``<script>``,
``on*=`` event handlers, ``javascript:``/``vbscript:`` in ``href``/``src``), and what only SVG
and XML add: the same URLs in ``xlink:href`` or in an animation's ``values``/``to``/``from``
(``<set attributeName="href" to="javascript:...">``), ``<foreignObject>`` (holds HTML),
``<iframe>``/``<embed>``/``<object>``, and entity declarations (``<!ENTITY``), which the
browser's XML parser expands into markup a text check cannot see.
"""

import re
from html.parser import HTMLParser

from news_metadata.safety import active_content

EMBEDDING = {"foreignobject", "iframe", "embed", "object"}
URL_VALUES = {"xlink:href", "values", "to", "from", "by"}
# WHATWG URL: tab, newline and C0 controls inside a scheme are skipped by the browser.
_RUNS = re.compile(r"^[\x00-\x20]*(?:j\W*a\W*v\W*a\W*s\W*c\W*r\W*i\W*p\W*t|vbscript)\s*:", re.I)


class _SvgOnly(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        if tag in EMBEDDING:
            self.found.append((line, f"<{tag}>"))
        for name, value in attrs:
            if name in URL_VALUES and any(_RUNS.match(part) for part in (value or "").split(";")):
                self.found.append((line, f"{name}={value[:40]!r} on <{tag}>"))

    handle_startendtag = handle_starttag

    def unknown_decl(self, data):
        self._entity(data)

    def handle_decl(self, decl):
        self._entity(decl)

    def _entity(self, text):
        if "ENTITY" in text.upper():
            self.found.append((self.getpos()[0], "an entity declaration (<!ENTITY>)"))


def svg_problems(text: str) -> list[tuple[int, str]]:
    """The active content of an SVG document (see the module doc).

    Args:
        text: the file's text.

    Returns:
        ``(line, description)`` pairs in file order; [] when the file is safe to publish.
    """
    parser = _SvgOnly()
    parser.feed(text)
    parser.close()
    return sorted({*active_content(text), *parser.found})
