"""Where a value sits in a content file: each source read once, a value's 1-based line.

Checks that run after reading (links in the HTML Pelican made, placeholders) know a value but
not its line; they find it again in the source as typed. One reader of the files for all of
them (:mod:`.site_links`, ``newsroom_tools.site_checks``), so each file is read once per check
and the lines are counted one way.
"""

import re


class SourceTexts:
    """Each source file's text, read once (UTF-8, BOM removed, universal newlines; a byte
    that is not UTF-8 becomes U+FFFD, the encoding itself being :mod:`.reader`'s error; a file
    that cannot be opened is "")."""

    def __init__(self):
        self._text = {}

    def text(self, path: str) -> str:
        """The text of the file at ``path`` (see the class doc)."""
        if path not in self._text:
            try:
                with open(path, encoding="utf-8-sig", errors="replace") as handle:
                    self._text[path] = handle.read()
            except OSError:
                self._text[path] = ""
        return self._text[path]

    def line_of(self, path: str, *candidates: str) -> int | None:
        """1-based line of the earliest occurrence of any of ``candidates`` (literal strings,
        e.g. a link as Pelican wrote it and as the editor typed it) in ``path``, or None."""
        text = self.text(path)
        found = [text.find(c) for c in dict.fromkeys(candidates) if c]
        found = [position for position in found if position >= 0]
        return line_at(text, min(found)) if found else None

    def line_matching(self, path: str, pattern: str) -> int | None:
        """1-based line where the regular expression ``pattern`` first matches in ``path``,
        or None."""
        text = self.text(path)
        match = re.search(pattern, text)
        return line_at(text, match.start()) if match else None


def line_at(text: str, position: int) -> int:
    """The 1-based line of character ``position`` in ``text``."""
    return text.count("\n", 0, position) + 1
