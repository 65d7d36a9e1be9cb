"""Every text file an editor writes (articles, pages, comments, bibliography, author profiles,
corrections) is read as UTF-8 through :func:`decode`, so a file saved in another encoding gets
one message everywhere: the line of the first bad byte, or what the file is instead.

Windows editors produce the two common mistakes: "ANSI" (Windows-1252/Latin-1: a byte such as
0xe9 for é is not valid UTF-8) and Notepad's "Unicode" (UTF-16, every other byte 0x00 for Latin
text, with or without a byte-order mark). A UTF-16 file of plain ASCII is valid UTF-8 full of
NUL characters, so without the check here it would be reported line by line as "invisible
control characters" instead of as a file to save again.
"""

import codecs

FIX = "save it again as UTF-8 in your editor (in Notepad: Save As, Encoding: UTF-8)"

# Byte-order marks, longest first (UTF-32 LE starts with the UTF-16 LE mark).
_MARKS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
# UTF-16 without a mark: at least this share of the even or of the odd bytes is 0x00 (Latin
# text in UTF-16 has a zero in every other byte; UTF-8 text has none but pasted NULs).
_ZERO_SHARE = 0.3


class NotUtf8(ValueError):
    """A file that is not UTF-8 text.

    Attributes:
        line: 1-based line of the first bad byte, or None when the whole file is in another
            encoding (UTF-16, UTF-32).
        message: what is wrong, e.g. ``the file is not UTF-8 text (byte 0xe9)``.
        fix: :data:`FIX`.
    """

    def __init__(self, line, message):
        super().__init__(message)
        self.line = line
        self.message = message
        self.fix = FIX


def decode(raw):
    """Return the text of ``raw`` (bytes), without a UTF-8 byte-order mark.

    Raises:
        NotUtf8: ``raw`` starts with a UTF-16/UTF-32 byte-order mark, looks like UTF-16 without
            one (:data:`_ZERO_SHARE`), or is not valid UTF-8 (then with the line of the first
            bad byte).
    """
    for mark, name in _MARKS:
        if raw.startswith(mark):
            raise NotUtf8(None, f"the file is {name} text, not UTF-8")
    if _looks_utf16(raw):
        raise NotUtf8(None, "the file is UTF-16 text, not UTF-8 (every other byte is 0x00)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise NotUtf8(line, f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x})") from None
    return text.removeprefix("\ufeff")


def read_text(path):
    """The text of the file ``path`` through :func:`decode`.

    Raises:
        NotUtf8: as :func:`decode`.
        OSError: the file cannot be read.
    """
    with open(path, "rb") as handle:
        return decode(handle.read())


def _looks_utf16(raw):
    if len(raw) < 4 or b"\x00" not in raw:
        return False
    half = len(raw) // 2
    even = raw[0::2].count(0) / half
    odd = raw[1::2].count(0) / half
    return max(even, odd) >= _ZERO_SHARE and min(even, odd) < _ZERO_SHARE
