"""Each content-model error path: a small bad site, the exit code, the message the editor sees."""

import pytest
from conftest import GOOD_HEADER

ARTICLE = "articles/2024/berita.md"


def article(header, body="Isi berita.\n"):
    return {ARTICLE: header + "\n" + body}


CASES = [
    pytest.param(
        GOOD_HEADER.replace("Author: Nurhayati", "Author: Nurhayatii"),
        f"content/{ARTICLE}:3: unknown author 'Nurhayatii' (did you mean 'Nurhayati'?)",
        id="unknown-author",
    ),
    pytest.param(
        GOOD_HEADER.replace("Category: Berita", "Category: Berrita"),
        f"content/{ARTICLE}:4: unknown category 'Berrita' (did you mean 'Berita'?) — use one of:",
        id="unknown-category",
    ),
    pytest.param(
        GOOD_HEADER.replace("2024-05-01 08:00", "kemarin sore"),
        f"content/{ARTICLE}:2: Date 'kemarin sore' is not a date this site accepts — write it "
        "as YYYY-MM-DD HH:MM in WITA",
        id="invalid-date",
    ),
    pytest.param(
        GOOD_HEADER.replace("2024-05-01 08:00", "31/02/2024"),
        f"content/{ARTICLE}:2: Date '31/02/2024' is not a real date (read day first)",
        id="impossible-day-first-date",
    ),
    pytest.param(
        GOOD_HEADER.replace("Title: Judul Baik\n", ""),
        f"content/{ARTICLE}:1: the header has no Title: — add the line 'Title: ...' to the header",
        id="missing-title",
    ),
    pytest.param(
        GOOD_HEADER.replace("Title: Judul Baik", "Title:   "),
        f"content/{ARTICLE}:1: Title is empty — write the headline after 'Title: '",
        id="empty-title",
    ),
    pytest.param(
        GOOD_HEADER.replace("Author: Nurhayati", "Author: nurhayati"),
        f"content/{ARTICLE}:3: unknown author 'nurhayati' (did you mean 'Nurhayati'?)",
        id="author-case-differs",
    ),
    pytest.param(
        GOOD_HEADER + "Breaking: yes please\n",
        f"content/{ARTICLE}:5: Breaking must be true or false, got 'yes please' — write "
        "'Breaking: true' or 'Breaking: false'",
        id="bad-breaking",
    ),
    pytest.param(
        GOOD_HEADER + "Tag: banjir\n",
        f"content/{ARTICLE}:5: unknown metadata key 'tag' (did you mean 'tags'?)",
        id="unknown-key",
    ),
    pytest.param(
        GOOD_HEADER + "\nTags: banjir, Kota Bima\n",
        f"content/{ARTICLE}:6: 'Tags:' is in the article body, not in the header (the header "
        "ends at line 4) — move it up into the header",
        id="key-slipped-into-body",
    ),
    pytest.param(
        GOOD_HEADER + "Image: images/tidak-ada.jpg\nImage_alt: Foto\n",
        f"content/{ARTICLE}:5: featured image 'images/tidak-ada.jpg' does not exist",
        id="missing-image",
    ),
]


@pytest.mark.parametrize(("header", "message"), CASES)
def test_publish_build_fails_with_message(make_site, header, message):
    built = make_site(article(header))
    assert built.result.returncode == 1, built.result.output_text
    assert message in built.result.stderr
    assert "the site was not published" in built.result.stderr


def test_quiet_publish_build_still_fails_and_says_why(make_site):
    """`pelican -q` hides ERROR records; the strict build must still exit 1 and list them (in
    this process, printed as Python prints the SystemExit; the next test runs a real one)."""
    header = GOOD_HEADER.replace("Category: Berita", "Category: Berrita")
    built = make_site(article(header), "publishconf.py", "-q")
    assert built.result.returncode == 1
    assert f"content/{ARTICLE}:4: unknown category 'Berrita'" in built.result.stderr


def test_fatal_errors_flag_with_quiet_still_fails(make_site):
    """A real ``python -m pelican -q --fatal errors``: its exit status and its message."""
    header = GOOD_HEADER.replace("Title: Judul Baik\n", "")
    built = make_site(article(header), "publishconf.py", "-q", "--fatal", "errors", process=True)
    assert built.result.returncode == 1
    assert "the header has no Title:" in built.result.stderr


def test_every_error_is_reported_at_once(make_site):
    header = (
        GOOD_HEADER.replace("Nurhayati", "Siapa")
        .replace("Berita", "Gosip")
        .replace("2024-05-01 08:00", "2024-02-30")
    )
    built = make_site(article(header))
    assert built.result.returncode == 1
    assert "3 content error(s)" in built.result.stderr
    for text in ("unknown author 'Siapa'", "unknown category 'Gosip'", "Date '2024-02-30'"):
        assert text in built.result.stderr


def test_dev_build_reports_errors_and_goes_on(make_site):
    header = GOOD_HEADER.replace("Category: Berita", "Category: Berrita")
    built = make_site(
        {
            **article(header),
            "articles/2024/lain.md": GOOD_HEADER.replace("Judul Baik", "Judul Lain") + "\nIsi.\n",
        },
        "pelicanconf.py",
    )
    assert built.result.returncode == 0, built.result.output_text
    assert "unknown category 'Berrita'" in built.result.output_text
    assert "the publish build would fail" in built.result.output_text
    assert (built.output / "2024/05/judul-lain.html").exists()


def test_file_pelican_cannot_read_is_an_error(make_site):
    built = make_site({ARTICLE: b"\xff\xfeTitle: x".decode("latin-1")})
    assert built.result.returncode == 1
    assert f"content/{ARTICLE}" in built.result.stderr


def test_broken_authors_file_names_file_and_line(make_site):
    built = make_site(
        {
            "data/authors.yml": "- name: Nurhayati\n  affiliaton: Wartawan\n",
            ARTICLE: GOOD_HEADER + "\nIsi.\n",
        }
    )
    assert built.result.returncode == 1
    assert "content/data/authors.yml:2: unknown author field 'affiliaton'" in built.result.stderr


@pytest.mark.parametrize(
    ("removed", "expected"),
    [("Category: Berita\n", "Category"), ("Author: Nurhayati\n", "Author")],
)
def test_missing_key_is_one_error_not_a_fallback_value(make_site, removed, expected):
    """Pelican's fallbacks (folder name, AUTHOR) must not produce misleading extra errors."""
    built = make_site(article(GOOD_HEADER.replace(removed, "")))
    assert built.result.returncode == 1
    assert "1 content error(s)" in built.result.stderr
    assert f"content/{ARTICLE}:1: the header has no {expected}:" in built.result.stderr


def test_non_utf8_file_names_line_and_encoding(make_site, tmp_path):
    bad = tmp_path / "content" / ARTICLE
    bad.parent.mkdir(parents=True)
    bad.write_bytes((GOOD_HEADER + "\nKafe caf\xe9 di Bima.\n").encode("latin-1"))
    built = make_site({})
    assert built.result.returncode == 1
    assert (
        f"content/{ARTICLE}:6: the file is not UTF-8 text (byte 0xe9) — save it again as UTF-8"
        in built.result.stderr
    )


def test_broken_authors_file_is_one_error_not_one_per_article(make_site):
    built = make_site(
        {
            "data/authors.yml": "- name: Nurhayati\n  bio: tanpa afiliasi\n",
            ARTICLE: GOOD_HEADER + "\nIsi.\n",
        }
    )
    assert built.result.returncode == 1
    assert "1 content error(s)" in built.result.stderr
    assert "content/data/authors.yml:1: author entry has no 'affiliation'" in built.result.stderr


def test_offset_date_is_filed_under_its_wita_month(make_site):
    header = GOOD_HEADER.replace("2024-05-01 08:00", "2024-03-31T20:00:00Z")
    built = make_site(article(header))
    assert built.result.returncode == 0, built.result.output_text
    page = built.soup("2024/04/judul-baik.html")
    assert page.select_one("article time")["datetime"] == "2024-04-01T04:00:00+08:00"
