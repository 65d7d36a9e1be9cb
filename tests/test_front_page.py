"""front_page on the published site: the front page, section pages, what to read next, share
rows, feeds, the text edition, the 404 page, icons and the hashed stylesheet."""

import json
import re
from urllib.parse import unquote

import pytest
from conftest import ROOT, SEED_URL, SITEURL
from lxml import etree

ATOM = "{http://www.w3.org/2005/Atom}"
FEATURED = "2025/08/petani-garam-bolo-panen-lebih-awal.html"
ARTICLE_GLOB = "[0-9][0-9][0-9][0-9]/[0-9][0-9]/*.html"


def hrefs(nodes):
    return [a["href"] for a in nodes]


def card_links(soup, selector):
    return hrefs(soup.select(f"{selector} .card-title a"))


@pytest.fixture(scope="module")
def home(site):
    return site.soup("index.html")


def articles_newest_first(site):
    """Absolute URLs of every published article, newest first (from the site-wide feed)."""
    root = etree.parse(str(site.path("feeds/semua.atom.xml"))).getroot()
    entries = root.findall(f"{ATOM}entry")
    dated = [(e.findtext(f"{ATOM}published"), e.find(f"{ATOM}link").get("href")) for e in entries]
    return [url for _, url in sorted(dated, reverse=True)]


# --- Front page ------------------------------------------------------------------------------


def test_lead_story_is_the_featured_article_with_its_picture(home):
    lead = home.select_one(".front-lead .card-lead")
    assert hrefs(lead.select(".card-title a")) == [f"{SITEURL}/{FEATURED}"]
    img = lead.select_one(".lead-image picture img")  # news_images' responsive picture
    assert re.fullmatch(rf"{SITEURL}/images/r/panen-garam-bolo-[0-9a-f]+-\d+\.jpg", img["src"])
    assert img["alt"] and img["width"] and img["height"]
    assert lead.select(".lead-image picture source")
    assert lead.select_one(".card-summary") is not None


def test_terbaru_then_the_plain_list_goes_on_where_page_one_ends(site, home):
    newest = articles_newest_first(site)
    lead = f"{SITEURL}/{FEATURED}"
    # Page 1 holds the 7 newest: the lead story (featured, among them) and 6 in "Terbaru".
    assert home.select_one("#terbaru").get_text(strip=True) == "Terbaru"
    assert card_links(home, ".front-latest") == [u for u in newest[:7] if u != lead]
    page2 = site.soup("page/2/index.html")
    assert card_links(page2, "main") == newest[7:14]
    assert page2.select_one(".front-lead") is None  # page 2+: the plain list


def test_section_blocks_in_configured_order_with_links_and_no_repeats(home):
    blocks = home.select(".section-block")
    names = [b.select_one("h2").get_text(strip=True) for b in blocks]
    order = [
        "Berita",
        "Opini",
        "Pemerintahan",
        "Pendidikan",
        "Ekonomi",
        "Budaya",
        "Olahraga",
        "Hukum",
    ]
    assert names == [n for n in order if n in names] and len(names) >= 3
    above = set(card_links(home, ".front"))
    seen = set()
    for block, name in zip(blocks, names, strict=True):
        slug = name.lower()
        assert block.select_one("h2 a")["href"] == f"{SITEURL}/kategori/{slug}/"
        assert block.select_one(".section-more a")["href"] == f"{SITEURL}/kategori/{slug}/"
        links = card_links(block, "")
        assert 1 <= len(links) <= 4
        assert not (set(links) & above) and not (set(links) & seen)
        seen |= set(links)
        assert block.select(".kicker .category") == []  # the block's heading names the section
    assert f"{SITEURL}/{SEED_URL}" in seen  # December 2024, in the Opini block


def test_cards_show_date_and_time_and_no_empty_comment_link(site, home):
    times = [t.get_text(strip=True) for t in home.select(".card time")]
    assert times and all(re.fullmatch(r"\d{1,2} \w{3} \d{4}, \d{2}\.\d{2} WITA", t) for t in times)
    for page in ("index.html", "kategori/opini/index.html", "label/kota-bima/index.html"):
        assert "Tidak ada komentar" not in site.soup(page).select_one("main").get_text(), page


def test_section_page_has_a_lead_story_and_author_page_keeps_the_profile_on_top(site):
    opini = site.soup("kategori/opini/index.html")
    cards = opini.select(".card-list > .card")
    assert "card-lead" in cards[0]["class"] and all("card-card" in c["class"] for c in cards[1:])
    author = site.soup("penulis/munir-husen/index.html")
    first = author.select_one("main").find(True)
    assert "author-profile" in first["class"]
    assert author.select(".card-lead") == []


# --- After the article --------------------------------------------------------------------------


def test_every_article_offers_what_to_read_next_never_itself(site):
    for path in sorted(site.output.glob(ARTICLE_GLOB)):
        soup = site.soup(path.relative_to(site.output))
        own = f"{SITEURL}/{path.relative_to(site.output)}"
        related = card_links(soup, ".read-next")
        latest = card_links(soup, ".latest-aside")
        neighbours = hrefs(soup.select(".section-neighbours a"))
        # Always the latest; "Baca juga" or the section's neighbours unless the article shares
        # no tag and is alone in its section (Hukum has one article).
        assert 3 <= len(latest) <= 4, path
        assert related or neighbours or "memahami-gugatan" in path.name, path
        assert len(related) <= 5
        offered = related + latest + neighbours
        assert own not in offered, path
        assert len(offered) == len(set(offered)), path  # nothing offered twice


def test_baca_juga_of_the_seed_shares_its_tags(site):
    soup = site.soup(SEED_URL)
    assert soup.select_one("#baca-juga").get_text(strip=True) == "Baca juga"
    related = card_links(soup, ".read-next")
    # The seed's tags: Kota Bima, pelayanan publik, inovasi, reformasi birokrasi. Two articles
    # share both "Kota Bima" and "pelayanan publik": layanan-digital is the next Opini piece
    # (offered as "Berikutnya"), so dukcapil comes first, then those sharing "Kota Bima".
    assert related[0] == f"{SITEURL}/2025/02/dukcapil-kota-bima-antrean-whatsapp.html"
    assert f"{SITEURL}/2025/03/layanan-digital-tidak-meninggalkan-warga.html" not in related
    # The other four with "Kota Bima" (membaca-belum-tentu-paham is "Sebelumnya"); the Opini
    # section has nothing left to add.
    assert len(related) == 4


def test_previous_and_next_in_the_section(site):
    # Opini, oldest to newest: membaca-belum-tentu-paham (Oct 2024), the seed (Dec 2024),
    # layanan-digital (Mar 2025).
    nav = site.soup(SEED_URL).select_one(".section-neighbours")
    assert nav["aria-label"] == "Tulisan lain di Opini"
    assert (
        nav.select_one("[rel=prev]")["href"] == f"{SITEURL}/2024/10/membaca-belum-tentu-paham.html"
    )
    assert (
        nav.select_one("[rel=next]")["href"]
        == f"{SITEURL}/2025/03/layanan-digital-tidak-meninggalkan-warga.html"
    )
    assert "Sebelumnya di Opini" in nav.select_one("[rel=prev]").get_text()


def test_share_rows_under_the_byline_and_at_the_end_whatsapp_first(site):
    soup = site.soup(SEED_URL)
    top, bottom = soup.select_one(".article-header .share-top"), soup.select_one(".share-bottom")
    assert top is not None and bottom is not None
    top_links = top.select(".share-links a")
    assert [a["class"][0] for a in top_links] == [
        "share-whatsapp",
        "share-facebook",
        "share-telegram",
        "share-copy",
    ]
    # Icons are decoration; every link has its network in text.
    for a in top_links + bottom.select(".share-links a"):
        assert a.svg["aria-hidden"] == "true" and a.get_text(strip=True), a
    assert top_links[1].get_text(strip=True) == "Bagikan ke Facebook"
    whatsapp = top_links[0]["href"]
    assert (
        whatsapp.startswith("https://wa.me/?text=Pemkot%20Bima")
        and "Intens%0Ahttps%3A%2F%2F" in whatsapp
    )
    assert soup.select_one("script").string is None or True
    assert "data-copy" in str(top_links[-1]) and "navigator.clipboard" in str(soup)


# --- Head, assets, root files -------------------------------------------------------------------


def test_head_has_icons_manifest_theme_color_and_a_hashed_stylesheet(site):
    for page in ("index.html", SEED_URL, "404.html", "p/tentang.html"):
        head = site.soup(page).head
        (sheet,) = head.find_all("link", rel="stylesheet")
        assert re.fullmatch(rf"{SITEURL}/theme/css/style\.[0-9a-f]{{10}}\.css", sheet["href"]), page
        assert head.find("meta", attrs={"name": "theme-color"})["content"] == "#7a1020"
        assert head.find("link", rel="manifest")["href"] == f"{SITEURL}/manifest.webmanifest"
        assert head.find("link", rel="apple-touch-icon") is not None
        # The SVG icon is in the page: no request for it (issue 14: 3 requests a photo article).
        svg_icon = head.find("link", rel="icon", type="image/svg+xml")["href"]
        assert svg_icon.startswith("data:image/svg+xml,"), page
        assert unquote(svg_icon.partition(",")[2]).replace("'", '"') == " ".join(
            line.strip()
            for line in (ROOT / "theme/static/icons/icon.svg").read_text().splitlines()
            if line.strip()
        )
    assert site.path("favicon.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"  # an ICO file
    manifest = json.loads(site.path("manifest.webmanifest").read_text(encoding="utf-8"))
    for icon in manifest["icons"]:
        assert site.path(icon["src"]).is_file(), icon


def test_404_page_in_indonesian_with_latest_articles(site):
    soup = site.soup("404.html")
    assert soup.h1.get_text(strip=True) == "Halaman tidak ditemukan"
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert len(card_links(soup, "main")) == 4
    assert soup.find("a", string="Kembali ke beranda")["href"] == f"{SITEURL}/"
    assert "404.html" not in site.path("sitemap.xml").read_text(encoding="utf-8")


def test_menu_pages_come_from_the_setting(site):
    soup = site.soup("index.html")
    labels = [a.get_text(strip=True) for a in soup.select(".menu-pages a")]
    assert labels == ["Tentang", "Redaksi", "Kontak", "Pedoman Pemberitaan Media Siber"]
    summary = soup.select_one("details.menu > summary")
    assert summary.get_text(strip=True) == "Menu"
    sections = [a.get_text(strip=True) for a in soup.select(".menu-sections a")]
    assert sections[0] == "Beranda" and sections[-1] == "Arsip" and "Opini" in sections


# --- Feeds ---------------------------------------------------------------------------------------


def test_every_feed_has_its_own_id_alternate_page_and_language(site):
    feeds = sorted(site.output.glob("feeds/**/*.atom.xml"))
    ids = {}
    for path in feeds:
        root = etree.parse(str(path)).getroot()
        relative = path.relative_to(site.output).as_posix()
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "id", relative
        feed_id = root.findtext(f"{ATOM}id")
        assert feed_id == f"{SITEURL}/{relative}", relative
        ids[feed_id] = relative
        alternate = [
            link.get("href")
            for link in root.findall(f"{ATOM}link")
            if link.get("rel") == "alternate"
        ]
        kind, _, slug = relative.removesuffix(".atom.xml").partition("/")[2].partition("/")
        expected = {
            "kategori": f"{SITEURL}/kategori/{slug}/",
            "penulis": f"{SITEURL}/penulis/{slug}/",
            "label": f"{SITEURL}/label/{slug}/",
        }.get(kind, f"{SITEURL}/")
        assert alternate == [expected], relative
    assert len(ids) == len(feeds) >= 20
    # Per-tag feeds, the Blogger habit, linked from the tag page.
    assert site.path("feeds/label/kota-bima.atom.xml").is_file()
    tag_page = site.soup("label/kota-bima/index.html")
    assert tag_page.find(
        "link", type="application/atom+xml", href=f"{SITEURL}/feeds/label/kota-bima.atom.xml"
    )


# --- Text edition -------------------------------------------------------------------------------


def test_text_edition_of_every_article_small_one_request_canonical_to_the_full_article(site):
    articles = sorted(site.output.glob(ARTICLE_GLOB))
    assert len(articles) >= 12
    for path in articles:
        relative = path.relative_to(site.output).as_posix()
        lite = site.path(f"teks/{relative}")
        assert lite.stat().st_size < 10 * 1024, relative
        soup = site.soup(f"teks/{relative}")
        # One request: no stylesheet file, script, image or favicon fetch.
        assert soup.find_all(["img", "picture", "script", "iframe", "video"]) == [], relative
        assert [
            link.get("href") for link in soup.find_all("link") if link.get("rel") != ["canonical"]
        ] == ["data:,"]
        assert soup.find("link", rel="canonical")["href"] == f"{SITEURL}/{relative}"
        full = site.soup(relative)
        assert (
            full.find("link", rel="alternate", type="text/html")["href"]
            == f"{SITEURL}/teks/{relative}"
        )
        assert full.select_one(".lite-link")["href"] == f"{SITEURL}/teks/{relative}"
        assert soup.h1.get_text() == full.h1.get_text()
    # The featured article's photo is not in its text page; its text is.
    soup = site.soup(f"teks/{FEATURED}")
    assert "Petani garam di pesisir Kecamatan Bolo" in soup.get_text()


def test_text_edition_home_and_footer_link(site):
    soup = site.soup("teks/index.html")
    assert site.path("teks/index.html").stat().st_size < 10 * 1024
    links = hrefs(soup.select("main li a"))
    assert len(links) == 12 and all(link.startswith(f"{SITEURL}/teks/20") for link in links)
    assert soup.find("link", rel="canonical")["href"] == f"{SITEURL}/"
    footer = site.soup("index.html").select_one(".site-footer")
    assert (
        footer.find("a", href=f"{SITEURL}/teks/").get_text(strip=True) == "Versi teks (hemat kuota)"
    )
    assert "teks/" not in site.path("sitemap.xml").read_text(encoding="utf-8")


def test_listing_style_only_on_listing_pages(site):
    """The front page's and listings' CSS (theme/styles/listing.css) is inline on the pages
    that show listings, once, and not in the shared stylesheet every article downloads."""
    listing = ".pagination{"
    for page in (
        "index.html",
        "page/2/index.html",
        "kategori/opini/index.html",
        "arsip/index.html",
        "label/index.html",
    ):
        styles = [s.string or "" for s in site.soup(page).head.find_all("style")]
        assert sum(listing in css for css in styles) == 1, page
    for page in (SEED_URL, "404.html", "p/tentang.html"):
        assert listing not in str(site.soup(page).head), page
    (sheet,) = site.path("theme/css").glob("style.*.css")
    assert listing not in sheet.read_text(encoding="utf-8")


def test_hidden_article_has_its_unlisted_text_page_a_withdrawn_one_none(tmp_path):
    """A hidden article is reachable by its link, so its "Versi teks" link must lead somewhere:
    its text page exists, noindex like the article, in no text listing; a withdrawn article
    (hidden by the corrections plugin) has no text page, its text being withdrawn."""
    from bs4 import BeautifulSoup
    from conftest import header, run_pelican, write_site

    files = {
        "articles/2024/terbit.md": header("Terbit", "2024-05-01 08:00") + "Isi.\n",
        "articles/2024/tersembunyi.md": header("Tersembunyi", "2024-05-02 08:00", "Status: hidden")
        + "Isi rahasia umum.\n",
        "articles/2024/ditarik.md": header(
            "Ditarik",
            "2024-05-03 08:00",
            "Status: withdrawn",
            "Withdrawn_reason: sara",
            "Withdrawn_date: 2024-05-04 08:00",
        )
        + "Isi yang ditarik.\n",
    }
    content = write_site(tmp_path / "content", files)
    result = run_pelican(content, tmp_path / "out", ROOT / "tests" / "fixtures" / "testconf.py")
    assert result.returncode == 0, result.stdout + result.stderr
    out = tmp_path / "out"
    full = BeautifulSoup((out / "2024/05/tersembunyi.html").read_text("utf-8"), "lxml")
    link = full.select_one(".lite-link")["href"]
    assert link == f"{SITEURL}/teks/2024/05/tersembunyi.html"
    text = BeautifulSoup((out / "teks/2024/05/tersembunyi.html").read_text("utf-8"), "lxml")
    assert "Isi rahasia" in text.get_text()
    assert text.select_one('meta[name="robots"]')["content"] == "noindex"
    home = (out / "teks/index.html").read_text("utf-8")
    assert "tersembunyi" not in home and "terbit.html" in home
    plain = BeautifulSoup((out / "teks/2024/05/terbit.html").read_text("utf-8"), "lxml")
    assert plain.select_one('meta[name="robots"]') is None
    assert not (out / "teks/2024/05/ditarik.html").exists()
    withdrawn = (out / "2024/05/ditarik.html").read_text("utf-8")
    assert "teks/2024/05/ditarik.html" not in withdrawn
