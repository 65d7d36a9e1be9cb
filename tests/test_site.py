"""The whole published site: listings, pagination, author pages, feeds, links, plain titles."""

import re

import pytest
from conftest import SEED_URL, SITEURL, broken_links
from lxml import etree

ATOM = "{http://www.w3.org/2005/Atom}"
SEED_TITLE = "Pemkot Bima Raih Penghargaan Menpan RB Pelayanan Publik Inovasi Kaki Si Intens"


def article_links(soup):
    """Hrefs of links to articles (/yyyy/mm/slug.html) on a page."""
    pattern = re.compile(r"/\d{4}/\d{2}/[^/]+\.html$")
    return {a["href"] for a in soup.find_all("a", href=pattern)}


def test_home_lists_latest_articles_newest_first(site):
    home = site.soup("index.html")
    assert f"{SITEURL}/{SEED_URL}" in article_links(home)  # in the Opini block
    times = [t["datetime"] for t in home.select(".front-latest article time")]
    assert len(times) == 6 and times == sorted(times, reverse=True)


def test_category_tag_and_author_listings(site):
    for listing in ("kategori/opini/index.html", "label/kota-bima/index.html"):
        assert f"{SITEURL}/{SEED_URL}" in article_links(site.soup(listing)), listing
    author = site.soup("penulis/munir-husen/index.html")
    text = author.get_text(" ")
    assert "Munir Husen" in text and "Dosen Universitas Muhammadiyah Bima" in text
    assert f"{SITEURL}/{SEED_URL}" in article_links(author)


def test_at_least_four_categories_and_several_authors(site):
    categories = site.soup("kategori/index.html").select("main a[href*='/kategori/']")
    assert len({a["href"] for a in categories}) >= 4
    authors = site.soup("penulis/index.html").select("main a[href*='/penulis/']")
    assert len({a["href"] for a in authors}) >= 3


def test_archives_list_every_article(site):
    archive = article_links(site.soup("arsip/index.html"))
    built = {p for p in site.output.glob("[0-9][0-9][0-9][0-9]/[0-9][0-9]/*.html")}
    assert len(archive) == len(built) >= 9


def test_pages_exist(site):
    for slug in ("tentang", "redaksi", "kontak", "pedoman-pemberitaan-media-siber"):
        assert site.path(f"p/{slug}.html").exists(), slug
    pedoman = site.soup("p/pedoman-pemberitaan-media-siber.html").get_text(" ")
    assert "Dewan Pers" in pedoman


def test_pagination_lives_under_page_n(tmp_path, make_site):
    header = "Title: Berita {n}\nDate: 2024-05-{n:02d} 08:00\nAuthor: Nurhayati\nCategory: Berita\n"
    files = {f"articles/2024/b{n}.md": header.format(n=n) + "\nIsi.\n" for n in range(1, 13)}
    built = make_site(files)
    assert built.result.returncode == 0, built.result.output_text
    assert built.path("page/2/index.html").exists()
    assert built.path("kategori/berita/page/2/index.html").exists()
    assert built.path("penulis/nurhayati/page/2/index.html").exists()
    next_link = built.soup("index.html").find("a", rel="next")
    assert next_link["href"] == f"{SITEURL}/page/2/"


def parse_feed(site, relative):
    return etree.parse(str(site.path(relative))).getroot()


@pytest.mark.parametrize(
    "feed",
    ["feeds/semua.atom.xml", "feeds/kategori/opini.atom.xml", "feeds/penulis/munir-husen.atom.xml"],
)
def test_feeds_have_entries_with_absolute_links(site, feed):
    root = parse_feed(site, feed)
    entries = root.findall(f"{ATOM}entry")
    assert entries
    for link in root.iter(f"{ATOM}link"):
        assert link.get("href").startswith(SITEURL + "/"), link.get("href")
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert all(t and "<span" not in t and "&nbsp;" not in t and "\xa0" not in t for t in titles)


def test_seed_in_site_feed_with_plain_title(site):
    root = parse_feed(site, "feeds/semua.atom.xml")
    entry = next(
        e
        for e in root.findall(f"{ATOM}entry")
        if e.find(f"{ATOM}link").get("href") == f"{SITEURL}/{SEED_URL}"
    )
    assert entry.findtext(f"{ATOM}title") == SEED_TITLE
    assert entry.findtext(f"{ATOM}published") == "2024-12-05T09:15:00+08:00"
    assert entry.find(f"{ATOM}author").findtext(f"{ATOM}name") == "Munir Husen"


def test_every_internal_link_and_asset_resolves(site):
    assert not broken_links(site)


def test_titles_and_attributes_are_plain_text(site):
    """<title>, meta content and alt/title attributes carry no markup, spans or &nbsp;."""
    for path in site.html_files():
        raw = path.read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", raw, re.S).group(1)
        assert "<" not in title and "&nbsp;" not in title, path
        for attr in re.findall(r'(?:content|alt|title|aria-label)="([^"]*)"', raw):
            assert "<" not in attr and "&nbsp;" not in attr and "\xa0" not in attr, (path, attr)
