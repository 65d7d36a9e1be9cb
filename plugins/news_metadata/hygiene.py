"""Characters an editor cannot see: reported with line and column, and removed from the text.

Two families (both arrive by pasting from Word, PDFs, WhatsApp or web pages):

- control characters: C0 except tab and newline, DEL, C1 (the trace of Windows-1252 text read
  wrongly). Word pastes them (manual line break U+000B, optional hyphen U+001F, ...); XML feeds
  cannot hold them (feedgenerator's ``UnserializableContentError``).
- invisible format characters (Unicode category Cf and the separators U+2028/U+2029): zero-width
  space, soft hyphen, zero-width (non-)joiner, word joiner, U+FEFF inside the text, and the
  bidirectional controls (U+200E/U+200F, U+202A–U+202E, U+2066–U+2069, U+061C; the "Trojan
  Source" characters, CVE-2021-42574). They split a word for search, the ``<title>`` and the
  JSON-LD keywords while looking identical, or reorder what is displayed.

A zero-width joiner between two emoji (👨‍👩‍👧) is part of the emoji and is kept.
:func:`problems` gives the errors; :func:`scrub` removes every such character, so the dev build
(which goes on after errors) and every output format get clean text.
"""

import html
import re
import unicodedata

from . import balance

# U+FFFE/U+FFFF: noncharacters XML 1.0 forbids (a feed or sitemap holding one is invalid).
CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff"
FORMAT = "\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
INVISIBLE = re.compile(f"[{CONTROL}{FORMAT}]")
NAMES = {
    "\x00": "NUL",
    "\x07": "bell",
    "\x08": "backspace",
    "\x0b": "vertical tab: Word's manual line break, Shift+Enter",
    "\x0c": "form feed: Word's page break",
    "\x0d": "carriage return",
    "\x1e": "Word's non-breaking hyphen",
    "\x1f": "Word's optional hyphen",
    "\x7f": "delete",
    "\u00ad": "soft hyphen",
    "\u200b": "zero-width space",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
    "\u200e": "left-to-right mark",
    "\u200f": "right-to-left mark",
    "\u2028": "line separator",
    "\u2029": "paragraph separator",
    "\u2060": "word joiner",
    "\ufeff": "byte order mark / zero-width no-break space",
    "\ufffe": "a noncharacter XML forbids",
    "\uffff": "a noncharacter XML forbids",
}
FIX = (
    "delete it: it was probably pasted from Word, a PDF or a web page; paste as plain text "
    "(Ctrl+Shift+V) or retype the text around it"
)


def _is_emoji(char):
    return unicodedata.category(char) == "So" or char == "\ufe0f"


def _kept(text, index):
    """True for a zero-width joiner inside an emoji sequence."""
    if text[index] != "\u200d" or index == 0 or index + 1 >= len(text):
        return False
    return _is_emoji(text[index - 1]) and _is_emoji(text[index + 1])


def _found(line):
    return [m for m in INVISIBLE.finditer(line) if not _kept(line, m.start())]


def describe(char):
    """``"invisible character U+200B (zero-width space)"`` for one character."""
    name = NAMES.get(char) or unicodedata.name(char, "control character").lower()
    kind = "control character" if re.match(f"[{CONTROL}]", char) else "character"
    return f"invisible {kind} U+{ord(char):04X} ({name})"


def problems(text):
    """Return ``[(line, message, fix)]``, one per line holding such characters (the first one,
    with its column and how many more), for ``text`` (a whole file, ``\\n`` line ends), then
    one per character reference that names one (:func:`references`)."""
    if not INVISIBLE.search(text):
        return references(text)
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        matches = _found(line)
        if not matches:
            continue
        first = matches[0]
        more = f" (and {len(matches) - 1} more on this line)" if len(matches) > 1 else ""
        found.append(
            (number, f"{describe(first.group())} in column {first.start() + 1}{more}", FIX)
        )
    return found + references(text)


# A character reference as HTML reads it: &#8203; &#x200B; &ZeroWidthSpace; &shy;
REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def references(text):
    """``[(line, message, fix)]`` for each character reference (``&#8203;``, ``&shy;``,
    ``&#x202E;``) outside code that names a character :func:`problems` reports: the browser
    turns it into that character, so typing it as a reference hid it from the check.

    Code (spans, blocks, fences) is left out (:func:`balance.mask`): there the reference is
    shown as typed.
    """
    if "&" not in text:
        return []
    found = []
    for number, line in enumerate(balance.mask(text).split("\n"), start=1):
        for match in REFERENCE.finditer(line) if "&" in line else ():
            char = html.unescape(match.group())
            if len(char) == 1 and INVISIBLE.match(char):
                found.append(
                    (
                        number,
                        f"the character reference {match.group()} in column {match.start() + 1} "
                        f"is an {describe(char)}",
                        "delete it: the browser shows nothing there, yet it splits the word "
                        "for search, the title and the keywords (a bidi control also reorders "
                        "the text around it)",
                    )
                )
    return found


def scrub(text):
    """Return ``text`` without the characters :func:`problems` reports."""
    if not INVISIBLE.search(text):
        return text
    return "".join(
        char
        for index, char in enumerate(text)
        if not (INVISIBLE.match(char) and not _kept(text, index))
    )
