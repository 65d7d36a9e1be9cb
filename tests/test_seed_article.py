"""The seed opinion piece, as published: faithful text, byline, date, labels."""

import re
from pathlib import Path

import pytest
from conftest import SEED_URL

SEED_DUMP = Path(__file__).parent / "fixtures" / "seed_blogger_dump.txt"


def normalize(text):
    """Fold whitespace (incl. typogrify's no-break spaces) so text compares as a reader sees it."""
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def seed_parts():
    """Split the Blogger dump as shared/seeds/README.md describes it."""
    lines = [line.strip() for line in SEED_DUMP.read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line]
    assert lines[0] == "• Breaking News" and lines[-1] == "Tidak ada komentar"
    headline, byline, affiliation = lines[1], lines[2], lines[3]
    return headline, byline, affiliation.strip("()"), lines[4:-1]


@pytest.fixture(scope="module")
def page(site):
    return site.soup(SEED_URL)


def test_headline(page):
    headline = seed_parts()[0]
    assert normalize(page.h1.get_text()) == headline
    assert normalize(page.title.get_text()).startswith(headline)


def test_byline_has_name_and_affiliation_from_profile(page):
    _, byline, affiliation, _ = seed_parts()
    name = byline.split(":", 1)[1].strip()
    assert normalize(page.select_one(".byline").get_text()) == f"Oleh: {name} ({affiliation})"
    link = page.select_one(".byline a")
    assert link["href"].endswith("/penulis/munir-husen/")


# The writer's own citations, as they read in the Blogger dump, and what the page shows in their
# place now that they are [@key] citations formatted with APA 7th and the Indonesian locale
# (plugins/citations/README.md, "The seed article"). Each applies exactly once; every other word
# of the writer's prose is compared as it was. The statute the writer names in the sentence is
# not a citation: its name is linked to its entry ([words](@key)), and no word is added.
WRITER_CITATIONS = [
    ("(Cindy Elik Fajriati ruang publiki :2011)", "(Fajriati, 2011)"),
    ("(Humas MenpanRB)", "(Humas Kementerian PANRB, t.t.)"),
]
STATUTE = "Undang-Undang No. 25/2009 tentang Pelayanan Publik"


def with_citations_formatted(paragraph):
    for written, formatted in WRITER_CITATIONS:
        paragraph = paragraph.replace(written, formatted)
    return paragraph


def test_every_body_paragraph_is_present_verbatim(page):
    body = page.select_one(".entry-content")
    rendered = [normalize(p.get_text()) for p in body.find_all("p")]
    paragraphs = seed_parts()[3]
    assert len(paragraphs) == 14  # 13 prose paragraphs and the closing prayer
    dump = "\n".join(paragraphs)
    for written, _ in WRITER_CITATIONS:
        assert dump.count(written) == 1, written
    for paragraph in paragraphs:
        assert normalize(with_citations_formatted(paragraph)) in rendered, paragraph
    # The statute's own words link to its entry in the Daftar Pustaka, and nothing is added.
    link = body.find("a", string=STATUTE)
    assert link is not None and link["href"].startswith("#ref-")
    assert normalize(body.find(id=link["href"][1:]).get_text()).startswith(
        "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik (2009)."
    )
    assert f"{STATUTE} mengamanatkan" in dump
    # The closing prayer is the last paragraph of the body; no stray ticker or byline text.
    assert rendered[-1] == "Allahul Musta’an"
    assert "Oleh :" not in body.get_text() and "Breaking News" not in body.get_text()


def test_date_in_indonesian_with_wita(page):
    time = page.select_one("article time")
    assert normalize(time.get_text()) == "Kamis, 5 Desember 2024 09.15 WITA"
    assert time["datetime"] == "2024-12-05T09:15:00+08:00"


def test_category_tags_and_breaking_label(page):
    category = page.select_one("article a.category")
    assert category.get_text(strip=True) == "Opini"
    assert category["href"].endswith("/kategori/opini/")
    tags = {a.get_text(strip=True) for a in page.select("article .tags a")}
    assert {"Kota Bima", "pelayanan publik"} <= tags
    # Breaking news in December 2024: the label expired with the ticker (test_breaking_news
    # pins the build's time inside the window).
    assert page.select_one(".breaking-label") is None


def test_language_is_indonesian(page):
    assert page.html["lang"] == "id"


def test_no_javascript_or_third_party_requests(site):
    for path in site.html_files():
        soup = site.soup(path.relative_to(site.output))
        if path.relative_to(site.output).as_posix() != "cari/index.html":  # search's own page
            assert not soup.find("script", src=True), path
        for tag in soup.find_all(["link", "img", "script", "iframe"]):
            url = tag.get("href") or tag.get("src") or ""
            if tag.name == "link" and tag.get("rel") != ["stylesheet"]:
                continue
            assert not url.startswith(("http://", "https://", "//")) or url.startswith(
                "https://kabarmbojo.example"
            ), (path, url)
