"""What is shown away from its article (issue 11, s28 break test): a summary on the listing
cards and in the feeds, an author's profile on the author page and in the byline. Each worked
on the article page and broke elsewhere: every address they carry must lead somewhere in the
published tree, and an id must not repeat across the cards of one listing."""

import json
from collections import Counter
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import AUTHORS_YML, SITEURL, header, write_site
from golden import FIXTURE_CONTENT
from workflow import TESTCONF, run_tool

JPEG = (FIXTURE_CONTENT / "images" / "panen-garam-bolo.jpg").read_bytes()
SOURCES = json.dumps(
    [
        {
            "id": "ali2020",
            "type": "book",
            "title": "Garam",
            "author": [{"family": "Ali"}],
            "issued": {"date-parts": [[2020]]},
        }
    ]
)
FILES = {
    "images/foto.jpg": JPEG,
    "bibliography/sumber.json": SOURCES,
    # The body shows the photo too: the original is then published only as derived files.
    "articles/2024/gambar.md": header(
        "Ringkasan Bergambar",
        "2024-05-03 08:00",
        "Summary: Lihat ![Garam](../../images/foto.jpg) dan [bagian](#bagian).",
    )
    + "![Garam](../../images/foto.jpg)\n\n## Bagian {: #bagian }\n\nIsi.\n",
    # No Summary: the citations extension makes it from the body, before images are rewritten.
    "articles/2024/sitasi.md": header("Ringkasan Bersitasi", "2024-05-02 08:00")
    + "Kata [@ali2020] ![Garam](../../images/foto.jpg) dan catatan[^1].\n\n[^1]: Sumber.\n",
    "articles/2024/catatan.md": header("Ringkasan Bercatatan", "2024-05-01 08:00")
    + "Satu catatan[^1].\n\n[^1]: Sumber.\n",
    "articles/2024/budi.md": header("Tulisan Budi", "2024-04-01 08:00").replace(
        "Author: Nurhayati", "Author: Budi Santoso"
    )
    + "Isi.\n",
    "data/authors.yml": AUTHORS_YML
    + "- name: Budi Santoso\n  slug: Budi Santoso SPd\n  affiliation: Guru\n"
    "  photo: images/foto.jpg\n",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("away")
    content = write_site(root / "content", FILES)
    result = run_tool("publish", content, "-o", root / "out", "-s", TESTCONF)
    assert result.returncode == 0, result.output_text
    return root / "out"


def _soup(site, path, parser="lxml"):
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), parser)


def _published(site, url):
    """The file of the published tree ``url`` (absolute, under SITEURL) leads to."""
    assert url.startswith(SITEURL + "/"), url
    path = urlsplit(url).path.removeprefix(urlsplit(SITEURL).path).lstrip("/")
    target = site / path
    return target / "index.html" if target.is_dir() else target


def test_pictures_in_summaries_exist_on_listings_and_in_the_feed(site):
    cards = _soup(site, "kategori/berita/index.html").select(".card-summary img")
    feed = _soup(site, "feeds/semua.atom.xml", "xml")
    in_feed = [
        img
        for entry in feed.find_all("summary")
        for img in BeautifulSoup(entry.get_text(), "lxml").find_all("img")
    ]
    assert len(cards) == 2 and len(in_feed) == 2
    for img in cards + in_feed:
        assert _published(site, img["src"]).is_file(), img["src"]  # named foto.jpg: a 404


def test_in_page_links_of_a_summary_name_the_article_and_ids_do_not_repeat(site):
    listing = _soup(site, "kategori/berita/index.html")
    links = [a["href"] for a in listing.select(".card-summary a")]
    assert f"{SITEURL}/2024/05/ringkasan-bergambar.html#bagian" in links
    assert f"{SITEURL}/2024/05/ringkasan-bercatatan.html#fn:1" in links
    assert not [href for href in links if href.startswith("#")]
    ids = Counter(element["id"] for element in listing.select("[id]"))
    assert [name for name, count in ids.items() if count > 1] == []  # fnref:1 on two cards


def test_an_author_slug_is_an_address_and_the_photo_is_published(site):
    assert (site / "penulis" / "budi-santoso-spd" / "index.html").is_file()
    assert not (site / "penulis" / "Budi Santoso SPd").exists()
    for page in ("penulis/budi-santoso-spd/index.html", "2024/04/tulisan-budi.html"):
        photo = _soup(site, page).select_one("img.author-photo")
        assert _published(site, photo["src"]).is_file(), photo["src"]
        assert "/images/r/" in photo["src"]  # a small derived JPEG, not the camera original
