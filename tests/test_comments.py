"""Comments plugin on built pages: the stub on the real site, a fixture article with five
threaded and hostile comments, counts on listings, closed/off modes, the form and mailto paths.

Expected texts come from issue 3 and the Dewan Pers guideline, not from the plugin's output.
"""

import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from conftest import ROOT, SEED_URL, SITEURL, BuiltSite, run_pelican

FIXTURE = Path(__file__).parent / "fixtures" / "comments_site"
FORM_ACTION = "https://formulir.example/kirim-komentar"
DISKUSI = "2024/12/diskusi.html"


def normalize(text):
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def mailto(href):
    """Split a mailto: link into (address, {field: value}) with the values decoded."""
    parts = urlsplit(href)
    assert parts.scheme == "mailto", href
    fields = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
    return unquote(parts.path), fields


# --- The real site: the seed article has no comments -------------------------------------


@pytest.fixture(scope="module")
def seed(site):
    return site.soup(SEED_URL)


def test_seed_article_shows_the_stub(seed):
    section = seed.select_one("section#komentar")
    assert section is not None
    assert normalize(section.h2.get_text()) == "Komentar"
    assert normalize(section.select_one(".comments-empty").get_text()) == "Tidak ada komentar"
    assert not section.select("li.comment")


def test_seed_article_offers_mailto_with_article_id_and_terms(site, seed):
    section = seed.select_one("section#komentar")
    assert not section.find("form")  # COMMENTS_FORM_ACTION is empty in pelicanconf.py
    address, fields = mailto(section.select_one("a.comment-mailto")["href"])
    assert address == "redaksi@kabarmbojo.example"
    assert fields["subject"] == "Komentar untuk tulisan 20241205-kaki-si-intens"
    terms = section.find("a", href=f"{SITEURL}/p/aturan-komentar.html")
    assert terms is not None
    assert "Aturan Komentar" in site.soup("p/aturan-komentar.html").h1.get_text()


def test_terms_page_follows_dewan_pers_on_user_generated_content(site):
    text = normalize(site.soup("p/aturan-komentar.html").select_one(".entry-content").get_text())
    for rule in ("dibaca redaksi", "SARA", "Laporkan", "2 x 24 jam"):
        assert rule in text, rule


def test_listings_show_no_comment_link_for_the_seed_without_comments(site):
    # Issue 14: "Tidak ada komentar" repeated on every card was noise; a card names the count
    # only when there are comments (test_counts_on_listing_pages).
    for listing in ("index.html", "kategori/opini/index.html", "label/kota-bima/index.html"):
        card = next(
            c
            for c in site.soup(listing).select("article.card")
            if c.find("a", href=f"{SITEURL}/{SEED_URL}")
        )
        assert card.select_one(".card-comments") is None, listing
        assert "komentar" not in normalize(card.get_text()).lower(), listing


def test_every_article_has_a_unique_well_formed_id():
    ids = {}
    for path in sorted((ROOT / "content" / "articles").rglob("*.md")):
        header = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
        match = re.search(r"^Id: (\S+)$", header, re.M)
        assert match, f"{path} has no Id: line"
        assert re.fullmatch(r"[0-9]{8}-[a-z0-9]+(-[a-z0-9]+)*", match.group(1)), path
        assert match.group(1) not in ids, (path, ids.get(match.group(1)))
        ids[match.group(1)] = path


# --- The fixture site: five comments, closed and off modes, a form ------------------------


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    """tests/fixtures/comments_site built with the publish settings plus a form endpoint and
    another wording for the empty stub."""
    root = tmp_path_factory.mktemp("comments")
    shutil.copytree(FIXTURE / "content", root / "content")
    conf = root / "conf.py"
    conf.write_text(
        "from publishconf import *  # noqa\n"
        f"THEME = {str(ROOT / 'theme')!r}\n"
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
        f"COMMENTS_FORM_ACTION = {FORM_ACTION!r}\n"
        'UI = {**UI, "comments_none": "Belum ada komentar"}\n',
        encoding="utf-8",
    )
    result = run_pelican(root / "content", root / "output", conf)
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(root / "output", result)


@pytest.fixture(scope="module")
def diskusi(fixture_site):
    return fixture_site.soup(DISKUSI).select_one("section#komentar")


def comment_ids(ol):
    """Ids of the comments directly in an <ol> (not in nested replies)."""
    return [li["id"] for li in ol.find_all("li", class_="comment", recursive=False)]


def test_comments_are_threaded_oldest_first(diskusi):
    top = diskusi.select_one("ol.comment-list")
    assert comment_ids(top) == ["komentar-c-awal", "komentar-c-budi", "komentar-c-andi"]
    budi = diskusi.select_one("li#komentar-c-budi")
    level1 = budi.find("ol", class_="comment-replies", recursive=False)
    assert comment_ids(level1) == ["komentar-c-siti-balas"]
    siti = level1.select_one("li#komentar-c-siti-balas")
    level2 = siti.find("ol", class_="comment-replies", recursive=False)
    assert comment_ids(level2) == ["komentar-c-xss"]
    assert normalize(diskusi.h2.get_text()) == "Komentar (5)"


def test_each_comment_has_author_indonesian_date_and_permalink(diskusi):
    budi = diskusi.select_one("li#komentar-c-budi > article")
    assert normalize(budi.select_one(".comment-author").get_text()) == "Budi Santoso"
    time = budi.find("time")
    # 06/12/2024 is read day first: 6 December, WITA.
    assert normalize(time.get_text()) == "Jumat, 6 Desember 2024 08.00 WITA"
    assert time["datetime"] == "2024-12-06T08:00:00+08:00"
    permalink = f"{SITEURL}/{DISKUSI}#komentar-c-budi"
    assert budi.select_one("a.comment-permalink")["href"] == permalink
    for li in diskusi.select("li.comment"):
        assert li.select_one("a.comment-permalink")["href"] == f"{SITEURL}/{DISKUSI}#{li['id']}"


def test_commenter_url_is_a_nofollow_link_and_author_markup_is_text(diskusi):
    link = diskusi.select_one("li#komentar-c-budi .comment-author a")
    assert link["href"] == "https://budi.example/profil"
    assert link["rel"] == ["nofollow", "ugc", "noopener"]
    siti = diskusi.select_one("li#komentar-c-siti-balas .comment-author")
    assert normalize(siti.get_text()) == "Siti <b>Aminah</b>"
    assert siti.find("b") is None


def test_markdown_emphasis_is_rendered(diskusi):
    body = diskusi.select_one("li#komentar-c-budi .comment-body")
    assert body.find("em").get_text() == "sangat"
    assert body.find("strong").get_text() == "tolong"


def test_nothing_executable_survives(fixture_site):
    page = fixture_site.soup(DISKUSI)
    section = page.select_one("section#komentar")
    # The page's own JSON-LD <script> (news_seo) is not reader input: look inside the section.
    assert not section.find_all(["script", "iframe", "style", "img", "object", "embed"])
    for element in section.find_all(True):
        for name, value in element.attrs.items():
            assert not name.lower().startswith("on"), (element.name, name)
            if name in ("href", "src", "action", "formaction"):
                url = re.sub(r"[\s\x00-\x1f]", "", value).lower()
                assert not url.startswith(("javascript:", "data:", "vbscript:")), value
    hostile = section.select_one("li#komentar-c-xss .comment-body")
    # The reader's text is kept, as text: nothing is lost, nothing runs.
    text = hostile.get_text()
    assert '<script>alert("xss")</script>' in text
    assert '<img src="x" onerror="alert(1)">' in text
    links = hostile.find_all("a")
    assert [a.get_text() for a in links] == ["klik di sini", "ini"]
    assert all(not a.has_attr("href") for a in links)


def test_links_in_comments_are_marked_user_generated(diskusi):
    links = diskusi.select("li#komentar-c-andi .comment-body a")
    assert [a["href"] for a in links] == [
        "https://data.example/jalan",
        "https://data.example/laporan",
    ]
    for a in diskusi.select(".comment-body a"):
        assert a["rel"] == ["nofollow", "ugc", "noopener"]


def test_report_link_mails_the_comment_id(diskusi):
    report = diskusi.select_one("li#komentar-c-xss > article .comment-actions").find(
        "a", string="Laporkan"
    )
    address, fields = mailto(report["href"])
    assert address == "redaksi@kabarmbojo.example"
    assert fields["subject"] == "Laporan komentar c-xss pada tulisan 20241205-diskusi"
    assert fields["body"].startswith("Komentar yang saya laporkan melanggar Aturan Komentar")
    assert "%0D%0A" in report["href"]  # RFC 6068: line breaks in a mailto: body are CRLF
    assert len(diskusi.find_all("a", string="Laporkan")) == 5


def test_form_posts_to_the_configured_action(diskusi):
    form = diskusi.find("form")
    assert form["action"] == FORM_ACTION and form["method"] == "post"
    assert form.find("input", attrs={"name": "article"})["value"] == "20241205-diskusi"
    for name in ("name", "email", "comment", "terms"):
        assert form.find(attrs={"name": name}).has_attr("required"), name
    replies = [
        o["value"] for o in form.find("select", attrs={"name": "reply_to"}).find_all("option")
    ]
    assert replies == ["", "c-awal", "c-budi", "c-siti-balas", "c-xss", "c-andi"]
    assert not diskusi.select("a.comment-mailto")  # the form replaces the mailto link
    assert diskusi.find("a", href=f"{SITEURL}/p/aturan-komentar.html")


@pytest.mark.parametrize(
    "listing",
    [
        "index.html",
        "kategori/berita/index.html",
        "label/kota-bima/index.html",
        "penulis/nurhayati/index.html",
    ],
)
def test_counts_on_listing_pages(fixture_site, listing):
    counts = {}
    for card in fixture_site.soup(listing).select("article.card"):
        title = normalize(card.select_one(".card-title").get_text())
        count = card.select_one(".card-comments")
        counts[title] = normalize(count.get_text()) if count else None
    assert counts == {
        "Warga Membahas Jalan Rusak": "5 komentar",
        "Pasar Raya Dibuka Lagi": "1 komentar",
        "Tulisan Tanpa Komentar": None,  # no comments: no count on the card (issue 14)
        "Komentar Sudah Ditutup": "1 komentar",
        "Tanpa Kolom Komentar": None,  # Comments: off shows no count
    }


def test_article_without_id_uses_its_source_path_and_configured_stub(fixture_site):
    section = fixture_site.soup("2024/11/sepi.html").select_one("section#komentar")
    assert normalize(section.select_one(".comments-empty").get_text()) == "Belum ada komentar"
    assert section.find("input", attrs={"name": "article"})["value"] == "2024-sepi"


def test_closed_shows_comments_and_no_way_to_send(fixture_site):
    section = fixture_site.soup("2024/11/ditutup.html").select_one("section#komentar")
    assert comment_ids(section.select_one("ol.comment-list")) == ["komentar-c-lama"]
    assert not section.find("form") and not section.select("a.comment-mailto")
    assert not section.find("a", string="Balas")
    assert section.find("a", string="Laporkan")  # complaints stay possible
    assert "ditutup" in normalize(section.select_one(".comments-closed").get_text())


def test_off_hides_the_section(fixture_site):
    page = fixture_site.soup("2024/10/tanpa-kolom.html")
    assert page.select_one("section#komentar") is None
    assert "Komentar yang tidak ditampilkan" not in page.get_text()


def test_comment_files_are_not_articles_or_pages(fixture_site):
    assert "Processed 5 articles" in normalize(fixture_site.result.stdout)
    outputs = [p.name for p in fixture_site.output.rglob("*.html")]
    assert not [name for name in outputs if name.startswith("c-")]
