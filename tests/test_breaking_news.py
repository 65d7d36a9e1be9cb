"""Breaking news: the ticker on every page, its expiry, Breaking_until, the breaking feed, and
the Google News sitemap window, with the build's "now" pinned by SOURCE_DATE_EPOCH."""

import re
import shutil
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from conftest import GOOD_HEADER, ROOT, SEED_URL, SITEURL, BuiltSite, run_pelican, write_site
from golden import FIXTURE_CONTENT
from lxml import etree

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
SEED_TITLE = "Pemkot Bima Raih Penghargaan Menpan RB Pelayanan Publik Inovasi Kaki Si Intens"


def epoch(wita):
    """SOURCE_DATE_EPOCH for a WITA wall-clock time written 'YYYY-MM-DD HH:MM'."""
    moment = datetime.strptime(wita, "%Y-%m-%d %H:%M").replace(tzinfo=ZoneInfo("Asia/Makassar"))
    return str(int(moment.timestamp()))


def build(root, files, now, *extra, conf="publishconf.py"):
    """Build ``files`` (paths under content/ -> text) at WITA time ``now`` into root/output."""
    content = write_site(root / "content", files)
    output = root / "output"
    result = run_pelican(
        content, output, ROOT / conf, *extra, env={"SOURCE_DATE_EPOCH": epoch(now)}
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(output, result)


def ticker(soup):
    """(label, [(headline, href, data-expires)]) of the page's ticker, or None."""
    region = soup.find(id="breaking-ticker")
    if region is None:
        return None
    label = region.find(id=region["aria-labelledby"])
    items = [
        (" ".join(li.a.get_text().split()), li.a["href"], li["data-expires"])
        for li in region.select("ul > li")
    ]
    return label.get_text(strip=True), items


# --- The fixture site with "now" pinned: the seed opinion piece is Breaking -------------------

SEED_NOW = {"hour-after": "2024-12-05 10:15", "three-days-after": "2024-12-08 09:15"}


@pytest.fixture(scope="module")
def pinned(tmp_path_factory):
    """The fixture site (tests/fixtures/site/) built with publishconf.py at an hour and at three
    days after the seed's Date (Kamis, 5 Desember 2024 09.15 WITA)."""
    # At those times the later articles are scheduled, so Nurhayati and Syamsuddin Ahmad have
    # no author page yet and the masthead's {author} links to them are errors: here the
    # masthead names them without links.
    content = tmp_path_factory.mktemp("content") / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    masthead = content / "pages" / "redaksi.md"
    text = masthead.read_text(encoding="utf-8")
    masthead.write_text(re.sub(r"\[([^]]+)\]\(\{author\}[^)]*\)", r"\1", text), encoding="utf-8")
    sites = {}
    for name, now in SEED_NOW.items():
        output = tmp_path_factory.mktemp(name) / "output"
        result = run_pelican(
            content, output, ROOT / "publishconf.py", env={"SOURCE_DATE_EPOCH": epoch(now)}
        )
        assert result.returncode == 0, result.stdout + result.stderr
        sites[name] = BuiltSite(output, result)
    return sites


def test_seed_is_in_the_ticker_of_every_page_an_hour_after_its_date(pinned):
    site = pinned["hour-after"]
    expected = (
        "Breaking News",
        [(SEED_TITLE, f"{SITEURL}/{SEED_URL}", "2024-12-07T09:15:00+08:00")],
    )
    pages = site.full_pages()
    assert len(pages) > 30
    for path in pages:
        soup = site.soup(path.relative_to(site.output))
        if path == site.path(SEED_URL):
            # Never the article the reader is on: its own label says it (issue 14).
            assert soup.find(id="breaking-ticker") is None
            label = soup.select_one("article .breaking-label")
            assert label.get_text(strip=True) == "Breaking News"
            assert label["data-expires"] == "2024-12-07T09:15:00+08:00"  # the ticker's window
        else:
            assert ticker(soup) == expected, path


def test_seed_has_left_the_ticker_three_days_after_its_date(pinned):
    site = pinned["three-days-after"]
    pages = site.html_files()
    assert len(pages) > 30  # the loop below proves nothing about an empty site
    for path in pages:
        soup = site.soup(path.relative_to(site.output))
        assert soup.find(id="breaking-ticker") is None, path
    # The label expires with the ticker, on the article and on its cards (issue 14).
    assert site.soup(SEED_URL).select_one(".breaking-label") is None
    assert site.soup("index.html").select_one(".breaking-label") is None


def news_entries(site):
    root = etree.parse(str(site.path("sitemap-news.xml"))).getroot()
    return [
        {
            "loc": url.findtext(f"{SITEMAP}loc"),
            "name": url.findtext(f"{NEWS}news/{NEWS}publication/{NEWS}name"),
            "language": url.findtext(f"{NEWS}news/{NEWS}publication/{NEWS}language"),
            "date": url.findtext(f"{NEWS}news/{NEWS}publication_date"),
            "title": url.findtext(f"{NEWS}news/{NEWS}title"),
        }
        for url in root.findall(f"{SITEMAP}url")
    ]


def test_news_sitemap_follows_the_same_window(pinned):
    assert news_entries(pinned["hour-after"]) == [
        {
            "loc": f"{SITEURL}/{SEED_URL}",
            "name": "Kabar Mbojo",
            "language": "id",
            "date": "2024-12-05T09:15:00+08:00",
            "title": SEED_TITLE,
        }
    ]
    assert news_entries(pinned["three-days-after"]) == []


def test_ticker_is_a_labelled_list_and_its_script_is_inline_and_optional(pinned):
    soup = pinned["hour-after"].soup("index.html")
    region = soup.find(id="breaking-ticker")
    assert region.name == "section"  # a region landmark, named by its heading
    heading = region.find(id=region["aria-labelledby"])
    assert heading.name == "h2"
    assert region.find("ul").find("li")
    script = region.find_next_sibling("script")
    assert script is not None and not script.get("src")
    assert "data-expires" in script.string and len(script.string) < 400
    # It does not move, so there is nothing to pause (WCAG 2.2.2): no animation, transition or
    # marquee in the ticker's CSS rules or markup.
    css = (ROOT / "theme/static/css/style.css").read_text(encoding="utf-8")
    rules = re.findall(r"\.ticker[^{]*\{[^}]*\}", css)
    assert rules and not [r for r in rules if re.search(r"animation|transition|marquee", r)]
    assert region.find("marquee") is None


# --- Small sites: expiry rules, Breaking_until, the limit, drafts, the feed --------------------


def header(title, date, breaking="true", extra=""):
    text = GOOD_HEADER.replace("Judul Baik", title).replace("2024-05-01 08:00", date)
    return text + f"Breaking: {breaking}\n" + extra + "\nIsi berita.\n"


SMALL = {
    "articles/a1.md": header("Satu", "2024-05-01 08:00"),
    "articles/a2.md": header("Dua", "2024-05-01 10:00", extra="Breaking_until: 2024-05-10 08:00\n"),
    "articles/a3.md": header("Tiga", "2024-05-02 09:00"),
    "articles/a4.md": header("Empat", "2024-05-02 10:00", breaking="false"),
    "articles/a5.md": header(
        "Lima", "2024-05-02 08:00", extra="Breaking_until: 2024-05-02 11:00\n"
    ),
    "articles/a6.md": header("Enam", "2024-05-02 11:00", extra="Status: draft\n"),
    "articles/a7.md": header("Tujuh", "2024-04-29 11:00"),
    "articles/a8.md": header("Delapan", "2024-05-03 09:00"),
}


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """The SMALL site at 2 May 2024 12.00 WITA (ticker limited to 2 items) and at 6 May 2024
    12.00 WITA (with a configured label)."""
    return {
        "may2": build(
            tmp_path_factory.mktemp("may2"),
            SMALL,
            "2024-05-02 12:00",
            "-e",
            "BREAKING_NEWS_MAX_ITEMS=2",
        ),
        "may6": build(
            tmp_path_factory.mktemp("may6"),
            SMALL,
            "2024-05-06 12:00",
            "-e",
            'BREAKING_NEWS_LABEL="Berita Terkini"',
        ),
    }


def test_ticker_newest_first_limited_and_expiring(small):
    label, items = ticker(small["may2"].soup("index.html"))
    assert label == "Breaking News"
    # Live at 2 May 12.00: Tiga (2 May 09.00), Dua (1 May 10.00), Satu (1 May 08.00); Lima
    # ended at its Breaking_until (11.00), Tujuh (29 April) is older than 48 hours, Delapan
    # is dated tomorrow, Enam is a draft, Empat is not breaking. At most 2, newest first.
    assert [(title, expires) for title, _, expires in items] == [
        ("Tiga", "2024-05-04T09:00:00+08:00"),
        ("Dua", "2024-05-10T08:00:00+08:00"),
    ]
    assert items[0][1] == f"{SITEURL}/2024/05/tiga.html"


def test_breaking_until_keeps_an_item_past_the_default_age(small):
    label, items = ticker(small["may6"].soup("index.html"))
    assert label == "Berita Terkini"
    assert [title for title, _, _ in items] == ["Dua"]


def test_breaking_feed_lists_breaking_articles_only_newest_first(small):
    root = etree.parse(str(small["may2"].path("feeds/breaking-news.atom.xml"))).getroot()
    assert root.findtext(f"{ATOM}title") == "Kabar Mbojo - Breaking News"
    titles = [entry.findtext(f"{ATOM}title") for entry in root.findall(f"{ATOM}entry")]
    # Every published breaking article, expired ones too; no draft, nothing not breaking, and
    # not Delapan, dated tomorrow: scheduled (newsroom_tools), so not published yet.
    assert titles == ["Tiga", "Lima", "Dua", "Satu", "Tujuh"]
    link = (
        small["may2"]
        .soup("index.html")
        .find("link", rel="alternate", href=f"{SITEURL}/feeds/breaking-news.atom.xml")
    )
    assert link is not None


def test_news_sitemap_window_two_days_no_future_no_drafts(small):
    titles = [entry["title"] for entry in news_entries(small["may2"])]
    # 30 April 12.00 <= Date <= 2 May 12.00, newest first; Enam is a draft, Delapan tomorrow.
    assert titles == ["Empat", "Tiga", "Lima", "Dua", "Satu"]


def label(soup):
    """(text, data-expires) of the breaking label in the article, or None."""
    found = soup.select_one(".article-header .breaking-label")
    return (found.get_text(strip=True), found["data-expires"]) if found else None


def test_label_follows_the_ticker_window_not_its_limit(small):
    may2, may6 = small["may2"], small["may6"]
    # 2 May 12.00: Satu is live (1 May 08.00 + 48 h) though the 2-item ticker has no room.
    assert label(may2.soup("2024/05/satu.html")) == ("Breaking News", "2024-05-03T08:00:00+08:00")
    # Lima ended at its Breaking_until (11.00), an hour before the build.
    assert label(may2.soup("2024/05/lima.html")) is None
    # 6 May: Tiga expired on 4 May, Dua (Breaking_until 10 May) keeps the configured label.
    assert label(may6.soup("2024/05/tiga.html")) is None
    assert label(may6.soup("2024/05/dua.html")) == ("Berita Terkini", "2024-05-10T08:00:00+08:00")
    assert label(may6.soup("2024/05/empat.html")) is None  # never breaking
    # Cards follow the same window: on the home page only Dua is labelled.
    cards = may6.soup("index.html").select(".card")
    labelled = [
        c.select_one(".card-title").get_text(strip=True)
        for c in cards
        if c.select_one(".breaking-label")
    ]
    assert labelled == ["Dua"]


def test_article_is_not_in_its_own_ticker(small):
    soup = small["may2"].soup("2024/05/tiga.html")
    assert [title for title, _, _ in ticker(soup)[1]] == ["Dua"]  # Tiga itself is left out
    assert small["may6"].soup("2024/05/dua.html").find(id="breaking-ticker") is None


# --- Errors in Breaking_until ------------------------------------------------------------------

ARTICLE = "articles/2024/berita.md"

UNTIL_CASES = [
    pytest.param(
        GOOD_HEADER + "Breaking: true\nBreaking_until: besok sore\n",
        f"content/{ARTICLE}:6: Breaking_until 'besok sore' is not a date this site accepts — "
        "write it as YYYY-MM-DD HH:MM in WITA, e.g. Breaking_until: 2024-03-12 21:00",
        id="not-a-date",
    ),
    pytest.param(
        GOOD_HEADER + "Breaking_until: 2024-05-02 08:00\n",
        f"content/{ARTICLE}:5: Breaking_until is set but the article is not breaking news — "
        "add 'Breaking: true' to the header, or remove the Breaking_until line",
        id="not-breaking",
    ),
    pytest.param(
        GOOD_HEADER + "Breaking: true\nBreaking_until: 2024-04-30 08:00\n",
        f"content/{ARTICLE}:6: Breaking_until (2024-04-30 08:00) is not after the article's "
        "Date (2024-05-01 08:00) — write a time after Date, or remove the Breaking_until line",
        id="before-date",
    ),
]


@pytest.mark.parametrize(("text", "message"), UNTIL_CASES)
def test_bad_breaking_until_fails_the_publish_build(make_site, text, message):
    built = make_site({ARTICLE: text + "\nIsi.\n"})
    assert built.result.returncode == 1, built.result.output_text
    assert message in built.result.stderr
    assert "the site was not published" in built.result.stderr


def test_bad_breaking_until_is_reported_by_the_dev_build(make_site):
    built = make_site(
        {ARTICLE: GOOD_HEADER + "Breaking: true\nBreaking_until: 31/02/2024\n\nIsi.\n"},
        "pelicanconf.py",
    )
    assert built.result.returncode == 0, built.result.output_text
    assert (
        f"content/{ARTICLE}:6: Breaking_until '31/02/2024' is not a real date (read day first)"
        in built.result.output_text
    )
    assert (built.output / "2024/05/judul-baik.html").exists()


# --- After the build: the page's script swaps an expired label (a real browser) ---------------

LATER = {
    "articles/banjir.md": header(
        "Banjir Wawo", "2024-05-01 08:00", extra="Breaking_until: 2024-05-01 10:00\n"
    ),
}
WITA = ZoneInfo("Asia/Makassar")


@pytest.fixture(scope="module", params=[True, False], ids=["quiet-mark", "no-mark"])
def built_while_breaking(request, tmp_path_factory):
    """(site, mark setting): the label is live at the build (09:00), its window ends 10:00."""
    mark = request.param
    site = build(
        tmp_path_factory.mktemp("later"),
        LATER,
        "2024-05-01 09:00",
        "-e",
        f"BREAKING_NEWS_EXPIRED_MARK={'true' if mark else 'false'}",
    )
    return site, mark


@pytest.mark.parametrize("page_path", ["index.html", "2024/05/banjir-wawo.html"])
def test_a_label_that_expires_after_the_build_becomes_the_quiet_mark_or_goes(
    browser, built_while_breaking, page_path
):
    from browser import serve_folder

    site, mark = built_while_breaking
    built = site.soup(page_path).select_one(".breaking-label")
    assert built is not None and built["data-expires"].startswith("2024-05-01T10:00")
    assert (built.get("data-mark") == "Berita terkini") is mark
    with serve_folder(site.output) as base:
        for clock, expired in (("2024-05-01 09:30", False), ("2024-05-01 11:00", True)):
            context = browser.new_context()
            context.clock.install(
                time=datetime.strptime(clock, "%Y-%m-%d %H:%M").replace(tzinfo=WITA)
            )
            page = context.new_page()
            page.route(
                "**/*", lambda r: r.continue_() if "127.0.0.1" in r.request.url else r.abort()
            )
            page.goto(base + page_path)
            label = page.locator(".kicker [data-expires]").first
            if not expired:
                assert label.get_attribute("class") == "breaking-label" and label.is_visible()
            elif mark:
                assert label.get_attribute("class") == "breaking-mark"
                assert label.inner_text() == "Berita terkini" and label.is_visible()
            else:
                assert label.is_hidden()
            context.close()
