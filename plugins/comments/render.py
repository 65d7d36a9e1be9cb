"""Untrusted comment text to safe HTML: Markdown with raw HTML escaped, then nh3 (ammonia).

Two layers, so that neither alone has to be perfect:

1. Python-Markdown renders the comment with its raw-HTML processors removed (the documented
   replacement for the old ``safe_mode``): ``<script>`` typed by a reader becomes the visible
   text ``&lt;script&gt;``, never an element.
2. nh3 then keeps only :data:`ALLOWED_TAGS` and ``href`` on links, allows only the
   :data:`URL_SCHEMES` (``javascript:`` and ``data:`` links lose their ``href``), drops relative
   URLs, removes ``<img>`` (nothing may load from elsewhere), and gives every link
   ``rel="nofollow ugc noopener"`` (Google's markup for user-generated links).
"""

import re
from urllib.parse import urlsplit

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {"p", "br", "em", "strong", "a", "blockquote", "ul", "ol", "li", "code", "pre"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"
# nl2br: readers' line breaks are kept (comments arrive from email and forms, not from writers
# who know Markdown); sane_lists: a numbered line does not swallow the next paragraph.
MARKDOWN_EXTENSIONS = ["nl2br", "sane_lists"]

_CONTROL = re.compile(r"[\x00-\x20\x7f]")

# Plain text: no character any Markdown syntax of ours starts with, no control character.
_MARKUP_CHAR = re.compile(r"[`\\\[<>&*_\x00-\x09\x0b-\x1f\x7f]")
# A line that could start a block construct (indented code, list, heading, rule, setext
# underline), or that starts or ends with white space (stripped, or a hard break).
_BLOCK_LINE = re.compile(r"^(?:\s|[-+#=]|\d+\.)|\s$")


class CommentRenderer:
    """Renders comment bodies; one instance per build (the Markdown parser is reused).

    ``render(text)`` returns ``markupsafe.Markup`` (sanitized HTML, safe to put in a page).
    """

    def __init__(self):
        self._md = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS, output_format="html5")
        self._md.preprocessors.deregister("html_block")
        self._md.inlinePatterns.deregister("html")
        self._cleaner = nh3.Cleaner(
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            url_relative="deny",
            link_rel=LINK_REL,
        )

    def render(self, text):
        """Markdown ``text`` (str, from the public) -> sanitized ``Markup``."""
        html = plain_paragraphs(text)
        if html is None:
            html = self._md.reset().convert(text)
        # A paragraph that held only a removed image is left empty.
        return Markup(self._cleaner.clean(html).replace("<p></p>", ""))


def plain_paragraphs(text):
    """Python-Markdown's HTML for a comment that uses no Markdown syntax; None for any other.

    Most reader comments are plain sentences. For those, Python-Markdown (with
    :data:`MARKDOWN_EXTENSIONS`) makes ``<p>`` per blank-line-separated block and ``<br>``
    per line break, and escapes nothing (no ``&``, ``<``, ``>`` in the text). Producing that
    directly skips ~0.1 ms of parsing per comment, a third of the plugin's build time with
    3000 comments. Anything that might be syntax (see ``_MARKUP_CHAR`` and ``_BLOCK_LINE``)
    returns None and goes to Python-Markdown; tests/test_comment_render.py checks that the two
    agree on thousands of generated texts.

    Args:
        text: the comment body (``\n`` line ends).
    Returns:
        str (HTML, not yet sanitized) or None.
    """
    if _MARKUP_CHAR.search(text):
        return None
    blocks, lines = [], []
    for line in text.split("\n"):
        if not line:
            if lines:
                blocks.append("<p>" + "<br>\n".join(lines) + "</p>")
                lines = []
            continue
        if _BLOCK_LINE.search(line):
            return None
        lines.append(line)
    if lines:
        blocks.append("<p>" + "<br>\n".join(lines) + "</p>")
    return "\n".join(blocks)


def check_url(value):
    """Return the commenter's ``Url`` if it is a plain web address; raise ValueError otherwise.

    Args:
        value: the text after ``Url:``.
    Returns:
        str, unchanged: an absolute ``http``/``https`` URL with a host name.
    Raises:
        ValueError: another scheme (``javascript:``, ``data:``, ``mailto:``), no host, or
        spaces/control characters in it; the message says which.
    """
    if _CONTROL.search(value):
        raise ValueError(f"Url {value!r} contains spaces or control characters")
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:
        raise ValueError(f"Url {value!r} is not a valid address") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise ValueError(f"Url {value!r} is not an http:// or https:// address")
    if not host:
        raise ValueError(f"Url {value!r} has no host name")
    return value
