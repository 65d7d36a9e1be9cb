"""news_seo on real builds: JSON-LD, Open Graph / Twitter cards, canonical links, descriptions,
share links, sitemap.xml and robots.txt; plain text in every meta tag of every page."""

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, SEED_URL, SITEURL, BuiltSite, run_pelican, write_site
from lxml import etree
from test_seed_article import seed_parts

SEED_TITLE = "Pemkot Bima Raih Penghargaan Menpan RB Pelayanan Publik Inovasi Kaki Si Intens"
SEED_SUMMARY = (
    "Inovasi Kaki Si Intens membawa Pemkot Bima meraih penghargaan Kemenpan RB. Munir Husen "
    "menilai inovasi pelayanan publik bukan pilihan, melainkan kewajiban."
)
SEED_CANONICAL = f"{SITEURL}/{SEED_URL}"
REPORTAGE_URL = "2025/08/petani-garam-bolo-panen-lebih-awal.html"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def json_ld(soup):
    """Every JSON-LD block of a page, parsed."""
    return [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]


def meta(soup, key):
    """The content of <meta property=key> or <meta name=key>."""
    tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def public_url(site, path):
    relative = path.relative_to(site.output).as_posix()
    return f"{SITEURL}/{relative.removesuffix('index.html')}"


# --- The seed opinion piece -------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed(site):
    return site.soup(SEED_URL)


def test_seed_json_ld_every_property_by_value(seed, site):
    blocks = json_ld(seed)
    assert len(blocks) == 1
    data = blocks[0]
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "OpinionNewsArticle"
    assert data["headline"] == SEED_TITLE
    assert data["datePublished"] == "2024-12-05T09:15:00+08:00"
    assert data["dateModified"] == "2024-12-05T09:15:00+08:00"  # no Modified: the Date
    assert data["author"] == [
        {
            "@type": "Person",
            "name": "Munir Husen",
            "affiliation": {"@type": "Organization", "name": "Dosen Universitas Muhammadiyah Bima"},
            "url": f"{SITEURL}/penulis/munir-husen/",
        }
    ]
    publisher = data["publisher"]
    assert publisher["@type"] == "NewsMediaOrganization"
    assert publisher["name"] == "Kabar Mbojo"
    assert publisher["url"] == f"{SITEURL}/"
    assert publisher["logo"]["@type"] == "ImageObject"
    assert publisher["logo"]["url"] == f"{SITEURL}/theme/images/logo.png"
    assert site.path("theme/images/logo.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": SEED_CANONICAL}
    assert data["url"] == SEED_CANONICAL
    assert data["articleSection"] == "Opini"
    assert data["keywords"] == ["Kota Bima", "pelayanan publik", "inovasi", "reformasi birokrasi"]
    assert data["inLanguage"] == "id"
    assert data["description"] == SEED_SUMMARY
    assert "image" not in data  # the seed has no featured image


def test_seed_json_ld_matches_the_original_blogger_byline(seed):
    """Headline, writer's name and affiliation as the seed was published on Blogger."""
    headline, byline, affiliation, _ = seed_parts()
    (data,) = json_ld(seed)
    assert data["headline"] == headline
    assert [a["name"] for a in data["author"]] == [byline.split(":", 1)[1].strip()]
    assert data["author"][0]["affiliation"]["name"] == affiliation


def test_seed_social_cards_canonical_and_description(seed):
    assert seed.find("link", rel="canonical")["href"] == SEED_CANONICAL
    assert meta(seed, "description") == SEED_SUMMARY
    assert meta(seed, "og:type") == "article"
    assert meta(seed, "og:title") == SEED_TITLE
    assert meta(seed, "og:description") == SEED_SUMMARY
    assert meta(seed, "og:url") == SEED_CANONICAL
    assert meta(seed, "og:site_name") == "Kabar Mbojo"
    assert meta(seed, "og:locale") == "id_ID"
    # no photo: the generated share card of news_images (1200x630), not the logo
    assert re.fullmatch(
        rf"{SITEURL}/images/r/pemkot-bima-raih-[a-z0-9-]+-[0-9a-f]{{10}}-og\.jpg",
        meta(seed, "og:image"),
    )
    assert (meta(seed, "og:image:width"), meta(seed, "og:image:height")) == ("1200", "630")
    assert meta(seed, "og:image:alt") == f"Kabar Mbojo: {SEED_TITLE}"
    assert meta(seed, "twitter:card") == "summary_large_image"
    assert meta(seed, "twitter:title") == SEED_TITLE
    assert meta(seed, "article:published_time") == "2024-12-05T09:15:00+08:00"
    assert meta(seed, "article:section") == "Opini"


def test_seed_share_links(seed):
    # The full row at the end of the article (the compact one under the byline: test_front_page).
    row = seed.select(".share-bottom .share-links a")
    links = {a.get_text(strip=True): a["href"] for a in row}
    assert list(links) == ["WhatsApp", "Facebook", "X", "Telegram", "Surel", "Salin tautan"]
    assert links["WhatsApp"] == (
        "https://wa.me/?text=Pemkot%20Bima%20Raih%20Penghargaan%20Menpan%20RB%20Pelayanan%20"
        "Publik%20Inovasi%20Kaki%20Si%20Intens%0Ahttps%3A%2F%2Fkabarmbojo.example%2F2024%2F12%2F"
        "pemkot-bima-raih-penghargaan-menpan-rb-inovasi-kaki-si-intens.html"
    )
    expected = {
        "Facebook": ("https://www.facebook.com/sharer/sharer.php", {"u": [SEED_CANONICAL]}),
        "X": ("https://x.com/intent/tweet", {"text": [SEED_TITLE], "url": [SEED_CANONICAL]}),
        "Telegram": ("https://t.me/share/url", {"url": [SEED_CANONICAL], "text": [SEED_TITLE]}),
        "Surel": ("mailto:", {"subject": [SEED_TITLE], "body": [SEED_CANONICAL]}),
    }
    for label, (base, query) in expected.items():
        parts = urlsplit(links[label])
        assert links[label].startswith(base + "?"), label
        assert parse_qs(parts.query) == query, label
    assert "+" not in links["Surel"]  # RFC 6068: spaces are %20 in mailto
    assert links["Salin tautan"] == SEED_CANONICAL  # the copy button's no-JavaScript fallback
    assert not seed.find("script", src=True) and not seed.find("iframe")


def test_reportage_article_is_news_article_with_image(site):
    soup = site.soup(REPORTAGE_URL)
    (data,) = json_ld(soup)
    image = meta(soup, "og:image")  # news_images: the 1200x630 JPEG made from Image:
    assert re.fullmatch(rf"{SITEURL}/images/r/panen-garam-bolo-[0-9a-f]{{10}}-og\.jpg", image)
    assert data["@type"] == "NewsArticle"
    assert data["articleSection"] == "Ekonomi"
    assert data["image"] == [image]
    assert data["author"][0]["name"] == "Nurhayati"
    assert data["author"][0]["affiliation"] == {
        "@type": "Organization",
        "name": "Wartawan Kabar Mbojo",
    }
    assert meta(soup, "og:image") == image
    assert meta(soup, "twitter:card") == "summary_large_image"
    assert meta(soup, "og:image:alt").startswith("Ilustrasi hamparan tambak garam")


def test_home_page_has_organization_and_website(site):
    blocks = json_ld(site.soup("index.html"))
    assert [b["@type"] for b in blocks] == ["NewsMediaOrganization", "WebSite"]
    org, website = blocks
    assert org["name"] == "Kabar Mbojo" and org["url"] == f"{SITEURL}/"
    assert org["logo"]["url"] == f"{SITEURL}/theme/images/logo.png"
    assert org["publishingPrinciples"] == f"{SITEURL}/p/pedoman-pemberitaan-media-siber.html"
    assert org["masthead"] == f"{SITEURL}/p/redaksi.html"
    assert website["url"] == f"{SITEURL}/" and website["inLanguage"] == "id"
    assert website["publisher"] == {"@id": org["@id"]}
    assert json_ld(site.soup("page/2/index.html")) == []


# --- Every page of the site -------------------------------------------------------------------


def test_every_meta_content_on_every_page_is_plain_text(site):
    """No `<`, `&nbsp;`, no-break space or span markup in any meta content, raw or decoded."""
    checked = 0
    for path in site.full_pages():
        raw = path.read_text(encoding="utf-8")
        soup = BeautifulSoup(raw, "lxml")
        for tag in soup.find_all("meta", content=True):
            value = tag["content"]
            assert "<" not in value and "span" not in value, (path, value)
            assert "&nbsp;" not in value and "\xa0" not in value, (path, value)
            assert value == " ".join(value.split()), (path, value)
            checked += 1
        for value in re.findall(r'<meta [^>]*content="([^"]*)"', raw):
            assert "<" not in value and "&nbsp;" not in value and "&lt;span" not in value
    assert checked >= 12 * len(site.full_pages())  # description, og:*, twitter:* on each


def test_every_page_has_one_canonical_link_to_itself(site):
    for path in site.full_pages():
        soup = site.soup(path.relative_to(site.output))
        canonical = soup.find_all("link", rel="canonical")
        assert len(canonical) == 1, path
        assert canonical[0]["href"] == public_url(site, path), path
        assert meta(soup, "og:url") == canonical[0]["href"], path
        assert meta(soup, "og:title") and meta(soup, "og:description"), path


def test_every_article_has_one_json_ld_matching_its_page(site):
    articles = sorted(site.output.glob("[0-9][0-9][0-9][0-9]/[0-9][0-9]/*.html"))
    assert len(articles) >= 12
    for path in articles:
        soup = site.soup(path.relative_to(site.output))
        (data,) = json_ld(soup)
        assert data["headline"] == " ".join(soup.h1.get_text().replace("\xa0", " ").split())
        category = soup.select_one("article a.category").get_text(strip=True)
        expected = "OpinionNewsArticle" if category == "Opini" else "NewsArticle"
        assert data["@type"] == expected, path
        assert data["datePublished"] == soup.select_one("article time")["datetime"]


def test_sitemap_lists_every_page_once_with_lastmod(site):
    root = etree.parse(str(site.path("sitemap.xml"))).getroot()
    entries = {u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod") for u in root}
    assert len(entries) == len(root)  # each URL once
    assert set(entries) == {public_url(site, path) for path in site.full_pages()}
    assert entries[SEED_CANONICAL] == "2024-12-05T09:15:00+08:00"
    # A listing's lastmod is its newest article: the site's newest is 21 September 2025, the
    # newest Opini piece 3 March 2025.
    assert entries[f"{SITEURL}/"] == "2025-09-21T19:30:00+08:00"
    assert entries[f"{SITEURL}/kategori/opini/"] == "2025-03-03T08:00:00+08:00"


def test_robots_txt_names_both_sitemaps(site):
    assert site.path("robots.txt").read_text(encoding="utf-8") == (
        "User-agent: *\n"
        "Allow: /\n"
        "\n"
        f"Sitemap: {SITEURL}/sitemap.xml\n"
        f"Sitemap: {SITEURL}/sitemap-news.xml\n"
    )
    assert site.path("sitemap-news.xml").exists()


# --- A small site: markup and quotes in titles and summaries, long default summaries ---------

KPK_TITLE = '<script>alert(1)</script> "KPK" Periksa 3 Saksi & Ahli'
FILES = {
    "articles/kpk.md": f"""\
        Title: {KPK_TITLE}
        Date: 2024-05-01 08:00
        Author: Nurhayati
        Category: Hukum
        Tags: KPK, hukum
        Summary: Ringkasan "kutip" & <em>miring</em>, kode `rm -rf` tidak ikut.
        Slug: kpk

        Isi berita.
        """,
    "articles/opini.md": (
        "Title: Opini Panjang\nDate: 2024-05-02 08:00\nModified: 2024-05-03 10:30\n"
        "Authors: Munir Husen; Nurhayati\nCategory: Opini\nComments: off\nSlug: opini-panjang\n\n"
        + " ".join(["Kalimat pembuka yang cukup panjang untuk ringkasan bawaan."] * 7)
        + " Perintah `sudo` tidak ikut.\n\nParagraf kedua.\n"
    ),
    "pages/tentang.md": "Title: Tentang & Kami\nSlug: tentang\n\nHalaman tentang.\n",
}


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """FILES built with publishconf.py (absolute URLs) and with pelicanconf.py (development)."""
    root = tmp_path_factory.mktemp("seo")
    content = write_site(root / "content", FILES)
    sites = {}
    for name, conf in (("publish", "publishconf.py"), ("dev", "pelicanconf.py")):
        result = run_pelican(content, root / name, ROOT / conf)
        assert result.returncode == 0, result.stdout + result.stderr
        sites[name] = BuiltSite(root / name, result)
    return sites


def test_headline_with_markup_quotes_and_ampersand_is_plain_text(small):
    html = small["publish"].path("2024/05/kpk.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "lxml")
    headline = "<script>alert(1)</script> “KPK” Periksa 3 Saksi & Ahli"  # typogrify's quotes
    (data,) = json_ld(soup)
    assert data["headline"] == headline
    assert meta(soup, "og:title") == headline
    assert meta(soup, "twitter:title") == headline
    # The JSON-LD text cannot end its <script> element, and attributes escape their quotes.
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    assert "<" not in script and "&" not in script
    assert '<meta property="og:title" content="&lt;script&gt;' in html
    assert "<script>alert(1)" not in html


def test_description_is_visible_text_without_code(small):
    soup = small["publish"].soup("2024/05/kpk.html")
    expected = "Ringkasan “kutip” & miring, kode tidak ikut."
    assert meta(soup, "description") == expected
    assert meta(soup, "og:description") == expected
    assert json_ld(soup)[0]["description"] == expected


def test_long_default_summary_is_cut_at_a_word(small):
    soup = small["publish"].soup("2024/05/opini-panjang.html")
    description = meta(soup, "description")
    assert len(description) <= 300 and description.endswith("…")
    first = soup.select_one(".entry-content p").get_text()
    assert first.startswith(description[:-1])
    assert first[len(description) - 1] == " "  # cut between words
    assert "sudo" not in description


def test_opinion_with_two_authors_and_modified(small):
    (data,) = json_ld(small["publish"].soup("2024/05/opini-panjang.html"))
    assert data["@type"] == "OpinionNewsArticle"
    assert data["datePublished"] == "2024-05-02T08:00:00+08:00"
    assert data["dateModified"] == "2024-05-03T10:30:00+08:00"
    assert [(a["name"], a["affiliation"]["name"]) for a in data["author"]] == [
        ("Munir Husen", "Dosen Universitas Muhammadiyah Bima"),
        ("Nurhayati", "Wartawan Kabar Mbojo"),
    ]
    assert "keywords" not in data  # no tags
    assert "commentCount" not in data  # Comments: off


def test_page_has_cards_but_no_article_json_ld(small):
    soup = small["publish"].soup("p/tentang.html")
    assert meta(soup, "og:type") == "website"
    assert meta(soup, "og:title") == "Tentang & Kami"
    assert soup.find("link", rel="canonical")["href"] == f"{SITEURL}/p/tentang.html"
    assert json_ld(soup) == []
    assert soup.select(".share-links") == []


def test_dev_build_has_no_sitemaps_and_relative_canonical(small):
    dev = small["dev"]
    for name in ("sitemap.xml", "sitemap-news.xml", "robots.txt"):
        assert not dev.path(name).exists(), name
    assert small["publish"].path("sitemap.xml").exists()
    canonical = dev.soup("2024/05/kpk.html").find("link", rel="canonical")["href"]
    assert canonical == "/2024/05/kpk.html"
