"""corrections plugin on built pages: tests/fixtures/corrections_site (README there) built
with the publish settings at a fixed "now", and the policy pages of the real site."""

import json
import re
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from conftest import ROOT, SITEURL, BuiltSite, run_pelican

FIXTURE = Path(__file__).parent / "fixtures" / "corrections_site"
NOW = int(datetime.fromisoformat("2024-12-10T12:00:00+08:00").timestamp())
ORIGINAL = "2024/12/jembatan-sape-rusak-diterjang-banjir.html"
REPLY = "2024/12/hak-jawab-dinas-pupr-atas-berita-jembatan-sape.html"
ADVERTORIAL = "2024/12/madu-hutan-tambora-kini-dijual-daring.html"
WITHDRAWN = "2024/12/identitas-pelajar-dalam-kasus-perundungan-di-woha.html"
OPINION = "2024/11/menjaga-sungai-padolo.html"
SECRETS = ("ISI-RAHASIA", "RINGKASAN-RAHASIA", "KOMENTAR-RAHASIA")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("corrections")
    shutil.copytree(FIXTURE / "content", root / "content")
    conf = root / "conf.py"
    conf.write_text(
        "from publishconf import *  # noqa\n"
        f"THEME = {str(ROOT / 'theme')!r}\n"
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n",
        encoding="utf-8",
    )
    result = run_pelican(
        root / "content", root / "output", conf, env={"SOURCE_DATE_EPOCH": str(NOW)}
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(root / "output", result)


def json_ld(soup):
    return [json.loads(s.string) for s in soup.select('script[type="application/ld+json"]')]


def text(node):
    return " ".join(node.get_text(" ").split())


# --- Corrections on the article ---------------------------------------------------------


def test_serious_entries_above_the_body_updates_below_oldest_first(built):
    article = built.soup(ORIGINAL).select_one("article.article")
    parts = [
        el.get("class")[0] if el.name != "aside" else " ".join(el["class"])
        for el in article.find_all(["aside", "div"], recursive=False)
    ]
    assert parts == [
        "hak-jawab-notice",
        "corrections corrections-top",
        "entry-content",
        "corrections corrections-bottom",
    ]
    top = article.select_one(".corrections-top")
    assert top.h2.get_text() == "Koreksi dan klarifikasi"
    items = top.select("li.correction")
    assert [li["id"] for li in items] == ["klarifikasi-1", "koreksi-1"]
    assert [li.time["datetime"] for li in items] == [
        "2024-12-01T09:00:00+08:00",
        "2024-12-01T10:15:00+08:00",
    ]
    assert text(items[0].select_one(".correction-meta")) == (
        "Klarifikasi , Minggu, 1 Desember 2024 09.00 WITA"
    )
    assert text(items[1].select_one(".correction-meta")) == (
        "Koreksi , Minggu, 1 Desember 2024 10.15 WITA (Bagian: paragraf pertama)"
    )
    # The Markdown of the text is rendered; what was wrong and what is right are both there.
    assert items[1].select_one(".correction-text em").get_text() == "Lamere"
    assert "Yang benar: Desa Naru dan Desa Bugis." in text(items[1])
    bottom = article.select_one(".corrections-bottom")
    assert bottom.h2.get_text() == "Pembaruan"
    (update,) = bottom.select("li.correction")
    assert update["id"] == "pembaruan-1"
    assert update.time.get_text() == "Senin, 2 Desember 2024 09.30 WITA"
    policy = top.select_one(".corrections-policy a")["href"]
    assert policy == f"{SITEURL}/p/kebijakan-koreksi.html"


def test_modified_follows_the_newest_entry(built):
    soup = built.soup(ORIGINAL)
    assert soup.select_one(".dateline .updated time")["datetime"] == "2024-12-02T09:30:00+08:00"
    (data,) = json_ld(soup)
    assert data["dateModified"] == "2024-12-02T09:30:00+08:00"
    assert soup.find("meta", property="article:modified_time")["content"] == (
        "2024-12-02T09:30:00+08:00"
    )


def test_json_ld_lists_corrections_not_updates(built):
    (data,) = json_ld(built.soup(ORIGINAL))
    assert data["@type"] == "NewsArticle"
    assert data["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": 'Kerusakan yang disebut "berat" adalah penilaian BPBD, bukan penilaian '
            "redaksi.",
            "datePublished": "2024-12-01T09:00:00+08:00",
        },
        {
            "@type": "CorrectionComment",
            "text": "Versi sebelumnya menyebut jembatan itu menghubungkan Desa Naru dan Desa "
            "Lamere. Yang benar: Desa Naru dan Desa Bugis.",
            "datePublished": "2024-12-01T10:15:00+08:00",
        },
    ]
    (plain,) = json_ld(built.soup("2024/12/harga-bawang-di-pasar-raba-turun.html"))
    assert "correction" not in plain
    assert plain["dateModified"] == plain["datePublished"]


# --- Hak jawab ----------------------------------------------------------------------------


def test_hak_jawab_linked_both_ways_with_its_label(built):
    notice = built.soup(ORIGINAL).select_one(".hak-jawab-notice")
    assert notice.a["href"] == f"{SITEURL}/{REPLY}"
    assert text(notice).startswith(
        "Hak jawab atas berita ini telah dimuat pada Selasa, 3 Desember 2024 14.00 WITA:"
    )
    reply = built.soup(REPLY)
    assert reply.select_one(".article-header .kicker .type-label").get_text() == "Hak Jawab"
    back = reply.select_one(".hak-jawab-notice.is-reply")
    assert back.a["href"] == f"{SITEURL}/{ORIGINAL}"
    assert back.time["datetime"] == "2024-12-01T08:00:00+08:00"
    # Same section as the original, and listed with its label like any article.
    assert reply.select_one(".article-header .kicker .category").get_text() == "Berita"
    card = next(
        c
        for c in built.soup("kategori/berita/index.html").select("article.card")
        if c.select_one(".card-title a")["href"].endswith(REPLY)
    )
    assert card.select_one(".type-label").get_text() == "Hak Jawab"


# --- Advertorial and opinion labels ------------------------------------------------------


def test_advertorial_label_on_page_card_and_feed(built):
    soup = built.soup(ADVERTORIAL)
    assert soup.select_one(".article-header .kicker .type-label").get_text() == "Advertorial"
    cards = built.soup("index.html").select("article.card")
    labelled = {
        c.select_one(".card-title a")["href"].removeprefix(SITEURL + "/"): c.select_one(
            ".type-label"
        )
        for c in cards
    }
    assert labelled[ADVERTORIAL].get_text() == "Advertorial"
    assert labelled["2024/12/harga-bawang-di-pasar-raba-turun.html"] is None
    for feed in ("feeds/semua.atom.xml", "feeds/kategori/ekonomi.atom.xml"):
        titles = re.findall(r"<entry><title>([^<]*)</title>", built.path(feed).read_text())
        assert "Advertorial: Madu Hutan Tambora Kini Dijual Daring" in titles
        assert "Harga Bawang di Pasar Raba Turun" in titles  # news keeps its title
    (data,) = json_ld(soup)
    assert data["@type"] == "AdvertiserContentArticle"


def test_advertorial_outbound_links_are_sponsored(built):
    links = {a["href"]: a.get("rel") for a in built.soup(ADVERTORIAL).select(".entry-content a")}
    assert links["https://madu-tambora.example/toko"] == ["sponsored", "noopener"]
    assert links["https://madu-tambora.example/katalog"] == ["sponsored", "noopener"]
    assert links["https://ulasan.example/madu"] == ["nofollow", "sponsored", "noopener"]
    assert links[f"{SITEURL}/2024/12/harga-bawang-di-pasar-raba-turun.html"] is None
    # Code is not a link; news articles' links stay as written.
    assert "https://tidak-diubah.example" not in links
    news = built.soup("2024/12/harga-bawang-di-pasar-raba-turun.html")
    assert news.select_one(".entry-content a").get("rel") is None


def test_advertorial_left_out_of_the_news_sitemap_only(built):
    news = built.path("sitemap-news.xml").read_text()
    assert f"{SITEURL}/2024/12/harga-bawang-di-pasar-raba-turun.html" in news
    assert "madu" not in news
    assert f"{SITEURL}/{ADVERTORIAL}" in built.path("sitemap.xml").read_text()


def test_opinion_keeps_its_label(built):
    soup = built.soup(OPINION)
    assert soup.select_one(".article-header .kicker .category").get_text() == "Opini"
    assert soup.select_one(".article-header .kicker .type-label") is None
    (data,) = json_ld(soup)
    assert data["@type"] == "OpinionNewsArticle"


# --- Withdrawal --------------------------------------------------------------------------


def test_withdrawn_url_shows_the_notice(built):
    soup = built.soup(WITHDRAWN)
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    notice = soup.select_one("article.withdrawn")
    assert notice.select_one(".withdrawn-label").get_text() == "Berita ini telah dicabut"
    assert notice.h1.get_text() == "Identitas Pelajar dalam Kasus Perundungan di Woha"
    facts = [text(x) for x in notice.select(".withdrawn-facts dt, .withdrawn-facts dd")]
    assert facts == [
        "Semula terbit:",
        "Kamis, 5 Desember 2024 07.00 WITA",
        "Dicabut:",
        "Jumat, 6 Desember 2024 16.30 WITA",
    ]
    assert text(notice.select_one(".withdrawn-reason")) == (
        "Alasan: berita ini dicabut karena menyangkut masa depan anak, sesuai Pedoman "
        "Pemberitaan Media Siber yang ditetapkan Dewan Pers."
    )
    assert text(notice.select_one(".withdrawn-note")) == (
        "Berita memuat identitas anak yang seharusnya dilindungi."
    )
    hrefs = [a["href"] for a in notice.select(".withdrawn-links a")]
    assert hrefs == [f"{SITEURL}/p/kebijakan-koreksi.html", f"{SITEURL}/koreksi/"]
    assert json_ld(soup) == []  # no NewsArticle for a story that is gone
    assert soup.find("link", rel="canonical")["href"] == f"{SITEURL}/{WITHDRAWN}"


def test_withdrawn_text_summary_and_comments_are_nowhere(built):
    for path in built.output.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".txt"):
            body = path.read_text(encoding="utf-8")
            for secret in SECRETS:
                assert secret not in body, f"{secret} in {path}"


def test_withdrawn_is_out_of_listings_feeds_and_sitemaps(built):
    slug = "identitas-pelajar"
    for path in built.output.rglob("*"):
        if not path.is_file() or path.suffix not in (".html", ".xml"):
            continue
        relative = path.relative_to(built.output).as_posix()
        if relative in (WITHDRAWN, "koreksi/index.html", "feeds/koreksi.atom.xml"):
            continue
        assert slug not in path.read_text(encoding="utf-8"), relative
    assert not built.path("kategori/hukum/index.html").exists()  # its only article


# --- The corrections page and feed ------------------------------------------------------


def test_corrections_page_lists_everything_newest_first(built):
    soup = built.soup("koreksi/index.html")
    # An ordinary page (content/pages/koreksi.md, Template: corrections): its text first.
    assert soup.select_one("h1.page-title").get_text() == "Koreksi"
    assert text(soup.select_one(".entry-content")) == "Semua koreksi, yang terbaru di atas."
    items = soup.select("ol.corrections-log > li")
    assert [li["class"][1] for li in items] == [
        "log-pencabutan",
        "log-hak-jawab",
        "log-pembaruan",
        "log-koreksi",
        "log-klarifikasi",
    ]
    times = [li.time["datetime"] for li in items]
    assert times == sorted(times, reverse=True)
    links = [li.select_one(".log-article a")["href"] for li in items]
    assert links == [
        f"{SITEURL}/{WITHDRAWN}",
        f"{SITEURL}/{ORIGINAL}",
        f"{SITEURL}/{ORIGINAL}#pembaruan-1",
        f"{SITEURL}/{ORIGINAL}#koreksi-1",
        f"{SITEURL}/{ORIGINAL}#klarifikasi-1",
    ]
    assert items[1].select_one(".log-text a")["href"] == f"{SITEURL}/{REPLY}"
    assert "masa depan anak" in text(items[0])
    alternate = soup.find("link", rel="alternate", href=f"{SITEURL}/feeds/koreksi.atom.xml")
    assert alternate is not None


def test_corrections_feed(built):
    feed = built.path("feeds/koreksi.atom.xml").read_text()
    entries = re.findall(
        r'<entry><title>([^<]*)</title><link href="([^"]*)" rel="alternate"/>'
        r"<published>([^<]*)</published>",
        feed,
    )
    assert entries == [
        ("Pencabutan: Identitas Pelajar dalam Kasus Perundungan di Woha", f"{SITEURL}/{WITHDRAWN}",
         "2024-12-06T16:30:00+08:00"),
        ("Hak jawab: Jembatan Sape Rusak Diterjang Banjir", f"{SITEURL}/{REPLY}",
         "2024-12-03T14:00:00+08:00"),
        ("Pembaruan: Jembatan Sape Rusak Diterjang Banjir", f"{SITEURL}/{ORIGINAL}#pembaruan-1",
         "2024-12-02T09:30:00+08:00"),
        ("Koreksi: Jembatan Sape Rusak Diterjang Banjir", f"{SITEURL}/{ORIGINAL}#koreksi-1",
         "2024-12-01T10:15:00+08:00"),
        ("Klarifikasi: Jembatan Sape Rusak Diterjang Banjir",
         f"{SITEURL}/{ORIGINAL}#klarifikasi-1", "2024-12-01T09:00:00+08:00"),
    ]  # fmt: skip
    assert "Desa &lt;em&gt;Lamere&lt;/em&gt;" in feed  # the entry's text, as HTML
    assert "<name>Redaksi Kabar Mbojo</name>" in feed


def test_footer_links_to_the_corrections_page_everywhere(built):
    for page in ("index.html", ORIGINAL, WITHDRAWN, "koreksi/index.html"):
        footer = built.soup(page).select_one("footer.site-footer")
        assert footer.find("a", href=f"{SITEURL}/koreksi/").get_text() == "Koreksi"


# --- The real site: policy pages and the publisher's policies ---------------------------


def test_publisher_policies_point_at_real_pages(site):
    org = next(b for b in json_ld(site.soup("index.html")) if b["@type"] == "NewsMediaOrganization")
    expected = {
        "correctionsPolicy": "p/kebijakan-koreksi.html",
        "ethicsPolicy": "p/pedoman-pemberitaan-media-siber.html",
        "verificationFactCheckingPolicy": "p/pedoman-pemberitaan-media-siber.html",
        "masthead": "p/redaksi.html",
    }
    for prop, path in expected.items():
        assert org[prop] == f"{SITEURL}/{path}"
        assert site.path(path).is_file()


def test_policy_page_explains_how_to_ask_and_the_first_response_time(site):
    page = text(site.soup("p/kebijakan-koreksi.html").select_one("article.page"))
    for words in ("hak jawab", "paling lambat 2 x 24 jam", "Pencabutan berita", "Advertorial"):
        assert words in page
    assert site.soup("p/kebijakan-koreksi.html").find("a", href="mailto:redaksi@kabarmbojo.example")


def test_guideline_page_and_footer_link_the_corrections_page(site):
    guideline = site.soup("p/pedoman-pemberitaan-media-siber.html").select_one("article.page")
    hrefs = {a["href"] for a in guideline.select("a")}
    assert f"{SITEURL}/koreksi/" in hrefs
    assert f"{SITEURL}/p/kebijakan-koreksi.html" in hrefs
    assert site.path("koreksi/index.html").is_file()
    assert site.path("feeds/koreksi.atom.xml").is_file()
    assert site.soup("index.html").select_one("footer").find("a", href=f"{SITEURL}/koreksi/")
