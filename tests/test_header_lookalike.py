"""Header keys spelled with letters that only look Latin (Cyrillic, Greek, full-width).

Unit level: news_metadata.lookalike (the skeleton of UTS #39, limited to its table) and
header.scan (the key is read, and reported with its line). Build level: the page gets the tags
the editor meant, and the publish build fails with the message.
"""

import pytest
from bs4 import BeautifulSoup
from conftest import run_pelican, write_site
from news_metadata import front_matter, header, lookalike
from workflow import TESTCONF, run_tool

KEYS = {"title", "date", "author", "category", "tags", "summary", "slug", "image", "image_alt"}
HEAD = "Title: Judul Baik\nDate: 2024-05-01 08:00\nAuthor: Nurhayati\nCategory: Berita\n"


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("T\u0430gs", "tags"),  # Cyrillic small a
        ("\u0422ags", "tags"),  # Cyrillic capital Te
        ("\u03a4itle", "title"),  # Greek capital Tau
        ("\u03a4\u0406TLE", "title"),  # Greek Tau, Cyrillic capital I (confusable with l and I)
        ("Summ\u0430r\u0443", "summary"),  # Cyrillic a and u (looks like y)
        ("\u0421\u0430t\u0435g\u043er\u0443", "category"),  # five Cyrillic letters
        ("\uff34\uff41\uff47\uff53", "tags"),  # full-width: NFKC
        ("\U0001d413\U0001d41a\U0001d420\U0001d42c", "tags"),  # mathematical bold
        ("Im\u0430ge_\u0430lt", "image_alt"),
    ],
)
def test_lookalike_keys_are_found(typed, key):
    assert lookalike.latin_key(typed, KEYS) == key


@pytest.mark.parametrize(
    "typed",
    [
        "Tags",  # plain ASCII: not a lookalike (an ASCII typo keeps its own message)
        "Tltle",  # ASCII l for i: the unknown-key message with "did you mean", not this one
        "\u0422\u0430\u0433\u0438",  # Russian "Таги": Cyrillic g (г) is confusable with r only
        "Catatan",
        "\u65e5\u4ed8",  # Japanese "date"
    ],
)
def test_other_words_are_not_keys(typed):
    assert lookalike.latin_key(typed, KEYS) is None


def test_the_table_maps_to_latin_letters_only():
    assert all(
        len(latin) == 1 and latin.isascii() and latin.isalpha()
        for latin in lookalike.CONFUSABLES.values()
    )
    # Spot checks against confusables.txt (UTS #39, 14.0.0).
    assert lookalike.CONFUSABLES["\u0430"] == "a"  # 0430 ; 0061 ; MA
    assert lookalike.CONFUSABLES["\u03bf"] == "o"  # 03BF ; 006F ; MA
    assert lookalike.CONFUSABLES["\u0406"] == "l"  # 0406 ; 006C ; MA
    assert lookalike.CONFUSABLES["I"] == "l"  # 0049 ; 006C ; MA


def test_scan_reads_the_key_and_reports_the_line():
    scanned = header.scan(HEAD + "T\u0430gs: banjir, bima\n\nIsi.\n", KEYS)
    assert scanned.lines["tags"] == 5
    assert scanned.text.splitlines()[4] == "tags: banjir, bima"
    assert scanned.end == 5
    [(line, message, fix)] = scanned.problems
    assert line == 5
    assert message == (
        "the key 'Tаgs' is written with 'а' (U+0430 CYRILLIC SMALL LETTER A): it only looks "
        "like 'Tags' (read as that key until it is retyped)"
    )
    assert fix.startswith("type the key again with Latin letters: 'Tags: ...'")


def test_full_width_letters_are_named_two_at_most():
    scanned = header.scan(HEAD + "\uff34\uff41\uff47\uff53\uff1a banjir\n\nIsi.\n", KEYS)
    [(line, message, _)] = scanned.problems
    assert line == 5
    assert "'Ｔ' (U+FF34 FULLWIDTH LATIN CAPITAL LETTER T), 'ａ' (U+FF41 " in message
    assert "and 2 more: it only looks like 'Tags'" in message


def test_a_lookalike_key_in_the_middle_keeps_the_rest_of_the_header():
    text = "T\u0456tle: Judul\nDate: 2024-05-01 08:00\nAuthor: Nurhayati\n\nIsi.\n"
    scanned = header.scan(text, KEYS)
    assert scanned.lines == {"title": 1, "date": 2, "author": 3}
    assert [line for line, _, _ in scanned.problems] == [1]


def test_full_width_colon_and_smart_quotes_stay_silent():
    """What header.py already read as meant (ASCII letters) is not reported as a lookalike."""
    for row in ("Tags\uff1a banjir", "\u201cTags\u201d: banjir", "Slug: Caf\u00e9 \u0414"):
        scanned = header.scan(HEAD + row + "\n\nIsi.\n", KEYS)
        assert scanned.problems == [], row


def test_lookalike_key_after_the_header_is_reported_as_stray_with_the_latin_key():
    scanned = header.scan(HEAD + "\nT\u0430gs: banjir\n\nIsi.\n", KEYS)
    assert scanned.stray == [(6, "Tags")]
    assert [line for line, _, _ in scanned.problems] == [6]


def test_yaml_front_matter_key():
    text = '---\ntitle: "Judul"\nt\u0430gs:\n  - banjir\n---\n\nIsi.\n'
    read = front_matter.read(text, KEYS)
    assert read.meta["tags"] == ["banjir"]
    [(line, message, _)] = read.problems
    assert line == 3
    assert message.startswith("the key 'tаgs' is written with 'а' (U+0430")


def test_the_page_gets_the_tags_and_publish_fails(tmp_path):
    files = {"articles/2024/berita.md": HEAD + "T\u0430gs: banjir\n\nIsi.\n"}
    content = write_site(tmp_path / "content", files)
    dev = run_pelican(content, tmp_path / "dev", TESTCONF.parent.parent.parent / "pelicanconf.py")
    assert dev.returncode == 0, dev.stdout + dev.stderr
    page = BeautifulSoup(
        (tmp_path / "dev" / "2024" / "05" / "judul-baik.html").read_text(encoding="utf-8"), "lxml"
    )
    assert [a.get_text() for a in page.select('a[rel="tag"]')] == ["banjir"]
    published = run_tool("publish", content, "-o", tmp_path / "out", "-s", TESTCONF)
    assert published.returncode == 1
    assert "berita.md:5: the key 'Tаgs' is written with 'а'" in published.stderr


def test_plain_data_file_header_passes_lookalike_keys_on():
    """split_fields (comment files) keeps a non-ASCII key for the caller's check."""
    fields, body = header.split_fields("\u0410uthor: Budi\nDate: 2024-05-02\n\nBagus.\n")
    assert [(key, line) for key, _, _, line in fields] == [("\u0430uthor", 1), ("date", 2)]
    assert body == "Bagus.\n"
    key, problem = header.lookalike_field("\u0410uthor", {"author", "date"}, 1)
    assert key == "author"
    assert problem[0] == 1 and "only looks like 'Author'" in problem[1]
    assert header.lookalike_field("Date", {"author", "date"}, 2) == ("date", None)
    assert header.lookalike_field("Catatan", {"author", "date"}, 3) == ("catatan", None)
