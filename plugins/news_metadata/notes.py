"""HTML comments in an article (``<!-- catatan redaksi: ... -->``) are notes for the newsroom:
they are removed from the published text.

Python-Markdown passes a comment through as raw HTML, so it reached the page source (readers
see it with "view source"), and typogrify then broke it: smartypants made the ``--`` of
``<!-- ... -->`` an em dash when the comment held a tag (``<!-- <script>x</script> -->``),
which ended the comment early and showed the rest of the note on the page. Removing comments
after Markdown has restored raw HTML (:class:`DropComments`, before typogrify) keeps them out of
the page, the feeds, the text edition, the search index and the summary; what is inside one
is then no content at all, so the active-content and balance checks do not look at it. Comments
inside ``<script>``/``<style>`` (an old way of hiding a script, ``Scripts: allowed``) are part of
that element and stay.

A ``<!--`` that is never closed would hide everything after it in a browser (the rest of the
article and the page around it): an error at its line (:func:`problems`).
"""

import re

from markdown.postprocessors import Postprocessor

from .balance import mask

# A comment (HTML's "<!-->" and "<!--->" are complete, empty ones: WHATWG HTML 13.2.5.43-44),
# or a script/style element, kept whole.
_COMMENT_OR_SCRIPT = re.compile(
    r"(<(script|style)\b.*?</\2\s*>)|<!--(?:>|->|.*?-->)", re.DOTALL | re.IGNORECASE
)


def drop_comments(html: str) -> str:
    """``html`` without its HTML comments (those inside ``<script>``/``<style>`` are kept)."""
    if "<!--" not in html:
        return html
    return _COMMENT_OR_SCRIPT.sub(lambda match: match.group(1) or "", html)


class DropComments(Postprocessor):
    """Removes HTML comments from the converted text (see the module doc)."""

    def run(self, text):
        return drop_comments(text)


def install(md) -> None:
    """Register :class:`DropComments` on ``md`` at priority 25: after ``raw_html`` (30), which
    puts raw HTML back, before ``amp_substitute`` (20)."""
    md.postprocessors.register(DropComments(md), "news_drop_comments", 25)


def problems(text: str, header_end: int = 0) -> list[tuple[int, str, str]]:
    """A ``<!--`` in the body that no ``-->`` closes (code is not looked at).

    Args:
        text: the whole file (header and body), as the reader has it.
        header_end: 1-based number of the last header line; the header is not searched.
    Returns:
        ``[(line, message, fix)]`` for the first unclosed comment, line 1-based in the file;
        ``[]`` when there is none.
    """
    if "<!--" not in text:
        return []
    rows = text.split("\n")
    masked = mask("\n".join([""] * header_end + rows[header_end:]))  # closed ones are blanked
    position = masked.find("<!--")
    if position < 0:
        return []
    return [
        (
            masked.count("\n", 0, position) + 1,
            "<!-- opens a comment that is never closed: everything after it (the rest of the "
            "text and of the page) would be hidden from readers",
            "end the note with --> (a note for the newsroom is written <!-- like this --> and "
            "is not published), or delete the <!--",
        )
    ]
