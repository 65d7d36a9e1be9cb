"""Untrusted comment text to safe HTML: Markdown with raw HTML escaped, then nh3 (ammonia).

Two layers, so that neither alone has to be perfect:

1. Python-Markdown renders the comment with its raw-HTML processors removed (the documented
   replacement for the old ``safe_mode``): ``<script>`` typed by a reader becomes the visible
   text ``&lt;script&gt;``, never an element. The parser also leaves out the syntax whose
   result the sanitizer would drop anyway (:data:`UNUSED_SYNTAX`: headings, rules, images,
   reference links), so such text stays readable as typed, and parsing is ~25% quicker.
2. nh3 then keeps only :data:`ALLOWED_TAGS` and ``href`` on links, allows only the
   :data:`URL_SCHEMES` (``javascript:`` and ``data:`` links lose their ``href``), drops relative
   URLs, would remove ``<img>`` (nothing may load from elsewhere), and gives every link
   ``rel="nofollow ugc noopener"`` (Google's markup for user-generated links).
"""

import re

import markdown
import nh3
from markupsafe import Markup
from news_metadata import safety

ALLOWED_TAGS = {"p", "br", "em", "strong", "a", "blockquote", "ul", "ol", "li", "code", "pre"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"
# nl2br: readers' line breaks are kept (comments arrive from email and forms, not from writers
# who know Markdown); sane_lists: a numbered line does not swallow the next paragraph.
MARKDOWN_EXTENSIONS = ["nl2br", "sane_lists"]
# Python-Markdown processors removed for comments: raw HTML (must never pass), and syntax that
# makes tags outside ALLOWED_TAGS (h1-h6, hr, img) or depends on definitions elsewhere in the
# text (reference links): such text stays as typed (``![x](url)`` is shown, not loaded).
RAW_HTML = {"preprocessors": ["html_block"], "inlinePatterns": ["html"]}
UNUSED_SYNTAX = {
    "inlinePatterns": [
        "image_link",
        "image_reference",
        "short_image_ref",
        "reference",
        "short_reference",
    ],
    "blockprocessors": ["reference", "hashheader", "setextheader", "hr"],
}


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
        self._md = comment_markdown()
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
        return Markup(self._cleaner.clean(html))


def comment_markdown():
    """A ``markdown.Markdown`` for comment bodies: :data:`MARKDOWN_EXTENSIONS`, HTML5 output,
    without :data:`RAW_HTML` and :data:`UNUSED_SYNTAX`. Call ``reset()`` between texts."""
    md = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS, output_format="html5")
    registries = {
        "preprocessors": md.preprocessors,
        "inlinePatterns": md.inlinePatterns,
        "blockprocessors": md.parser.blockprocessors,
    }
    for removed in (RAW_HTML, UNUSED_SYNTAX):
        for registry, names in removed.items():
            for name in names:
                registries[registry].deregister(name)
    return md


def plain_paragraphs(text):
    """Python-Markdown's HTML for a comment that uses no Markdown syntax; None for any other.

    Most reader comments are plain sentences. For those, Python-Markdown (as configured by
    :func:`comment_markdown`) makes ``<p>`` per blank-line-separated block and ``<br>``
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

    The site-wide rule (:func:`news_metadata.safety.check_url`) with the label ``Url``.

    Args:
        value: the text after ``Url:``.
    Returns:
        str, unchanged: an absolute ``http``/``https`` URL with a host name.
    Raises:
        ValueError: another scheme (``javascript:``, ``data:``, ``mailto:``), no host, or
        spaces/control characters in it; the message says which.
    """
    return safety.check_url(value, "Url")
