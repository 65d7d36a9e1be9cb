"""Keep typogrify (smartypants) from changing what Indonesian text says.

Typogrify runs on the finished HTML (Pelican's reader, ``TYPOGRIFY``); this tree processor runs
before it, on the text of the Markdown tree (never inside ``a``, ``code``, ``pre``, ``kbd``,
``samp``, ``script``, ``style``, ``math``), and fixes at the root what smartypants 2.0 gets
wrong in this site's text (the audit is in tests/test_typography_id.py):

- **Numeric ranges**: ``12--15``, ``08.00--10.00`` become an en dash (``12–15``): smartypants
  makes every ``--`` an em dash, and PUEBI (tanda pisah, "s.d.") and every style guide write a
  range with the en dash. ``--`` between words stays smartypants' em dash (tanda pisah).
- **Elided years**: ``'98``, ``'90-an`` get an apostrophe (’), not the opening quote (‘) that
  smartypants writes for any ``'`` before a digit (it knows only English "'80s").
- **Addresses in the text**: a bare ``https://…`` or ``www.…`` address, or an e-mail address
  (``o'neil@contoh.example``, ``budi--x@contoh.example``), keeps its ``--``,
  ``'``, ``"``, backtick and ``...`` (smartypants would turn them into dashes, curly quotes and
  an ellipsis, and the address would no longer work). Those characters are written as character
  references, through Markdown's HTML stash, which smartypants does not read as punctuation; the
  address still reads and copies the same.

What smartypants already gets right here is left to it (tested): apostrophes inside words
(``Jum'at``, ``Qur'an``, ``do'a`` → ’), quotes around words, ``...``, numbers such as
``1.000.000`` and ``09.15``. Typogrify's ``caps`` filter is off (``TYPOGRIFY_OMIT_FILTERS`` in
pelicanconf.py): it ate the space after initials ("A. B. (2011)" → "A. B.(2011)") and the theme
does not style ``span.caps``.
"""

import html
import re

from markdown.treeprocessors import Treeprocessor

SKIPPED = frozenset({"a", "code", "pre", "kbd", "samp", "script", "style", "math"})
RANGE = re.compile(r"(?<=\d)--(?=\d)")
ELIDED_YEAR = re.compile(r"(?<![\w'])'(?=\d\d(?:-an)?\b)")
ADDRESS = re.compile(
    r"(?:https?://|www\.)[^\s<>]*[^\s<>.,;:!?)\]}'\"]"
    # An e-mail address typed without a link (``o'neil@...``, ``budi--x@...``: both legal).
    r"|\b\w[\w.+'-]*@[\w-]+(?:\.[\w-]+)+"
)
# Characters smartypants would change inside an address, as character references.
_PROTECT = {"-": "&#45;", "'": "&#39;", '"': "&#34;", "`": "&#96;", ".": "&#46;"}
_RISKY = re.compile(r"--|'|\"|`|\.\.\.")


class Typography(Treeprocessor):
    """The fixes of the module docstring, on every text and tail outside :data:`SKIPPED`."""

    def run(self, root):
        self._walk(root, False)

    def _walk(self, element, skipped):
        if not skipped:
            element.text = self._fix(element.text)
        for child in element:
            self._walk(child, skipped or child.tag in SKIPPED)
            if not skipped:
                child.tail = self._fix(child.tail)

    def _fix(self, text):
        if not text:
            return text
        text = fix_plain(text)
        if ("://" in text or "www." in text or "@" in text) and _RISKY.search(text):
            text = ADDRESS.sub(self._protect, text)
        return text

    def _protect(self, match):
        address = match.group(0)
        if not _RISKY.search(address):
            return address
        escaped = html.escape(address, quote=False)
        protected = _RISKY.sub(lambda m: "".join(_PROTECT.get(c, c) for c in m.group(0)), escaped)
        return self.md.htmlStash.store(protected)


def fix_plain(text: str) -> str:
    """The range and elided-year fixes on plain text (a ``Title:``, which typogrify sees too
    but Markdown does not); returns the text with those characters replaced."""
    if "--" in text:
        text = RANGE.sub("\u2013", text)
    if "'" in text:
        text = ELIDED_YEAR.sub("\u2019", text)
    return text


def install(md):
    """Register :class:`Typography` on ``md`` (priority 18: after inline parsing and
    news_metadata's links at 19, before attr_list and the other tree processors)."""
    md.treeprocessors.register(Typography(md), "news_typography", 18)
