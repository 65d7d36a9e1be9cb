"""news_metadata.encoding: one reading of every editor text file, with what it is instead."""

import pytest
from news_metadata import encoding


def _problem(raw):
    with pytest.raises(encoding.NotUtf8) as caught:
        encoding.decode(raw)
    return caught.value.line, caught.value.message


def test_utf8_with_or_without_mark_is_read_and_a_pasted_nul_is_left_to_hygiene():
    assert encoding.decode("Judul: Kafé\n".encode()) == "Judul: Kafé\n"
    assert encoding.decode(b"\xef\xbb\xbfA\n") == "A\n"
    # One NUL in UTF-8 text is an invisible character (hygiene.py reports it), not UTF-16.
    assert encoding.decode(b"Title: Nul\x00 Dua\nIsi.\n") == "Title: Nul\x00 Dua\nIsi.\n"


def test_other_encodings_name_themselves_or_the_line_of_the_first_bad_byte():
    text = "Title: A\nIsi kafé.\n"
    assert _problem(text.encode("utf-16")) == (None, "the file is UTF-16 text, not UTF-8")
    assert _problem(text.encode("utf-32")) == (None, "the file is UTF-32 text, not UTF-8")
    for codec in ("utf-16-le", "utf-16-be"):
        assert _problem(text.encode(codec))[1].startswith("the file is UTF-16 text, not UTF-8")
    assert _problem(text.encode("latin-1")) == (2, "the file is not UTF-8 text (byte 0xe9)")
