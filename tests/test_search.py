"""search plugin: the Pagefind index of a publish build, and /cari/ in a real browser.

The fixture site is published (``make publish``'s tool, strict settings) under a sub-path
(``SITEURL=http://127.0.0.1:N/sub``, as on a GitHub Pages project site) and served locally;
every browser test runs there, so search from a sub-path is covered by all of them.
"""

import asyncio
import gc
import gzip
import json
import logging
import shutil
import time
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from browser import serve_folder
from bs4 import BeautifulSoup
from conftest import ROOT
from newsroom_cli.publish import tree_digest
from search.index import SearchIndexError, _run, _shut_down, build_index
from search.order import ORDER_FILE, newest_first, write_order
from search.recompress import recompress
from search.selection import globs_for, is_searchable
from search.settings import SearchSettingsError, check_output_path
from workflow import run_tool, write_site


def header(title, date, category="Berita", *extra):
    lines = [f"Title: {title}", f"Date: {date}", "Author: Nurhayati", f"Category: {category}"]
    return "\n".join([*lines, *extra]) + "\n\n"


SITE = {
    "articles/2026/banjir.md": header(
        "Banjir Bandang Rendam Tiga Desa di Wawo", "2026-05-20 09:00", "Berita", "Tags: kataunik"
    )
    + "Hujan deras sejak malam merendam rumah warga. Banjir surut menjelang siang.\n",
    "articles/2025/banjir-lama.md": header(
        "Warga Wawo Bersihkan Lumpur", "2025-01-10 08:00", "Berita"
    )
    + "Sisa banjir tahun lalu masih terlihat di jalan desa.\n",
    "articles/2026/melayani.md": header("Puskesmas Melayani Warga Malam Hari", "2026-04-02 10:00")
    + "Petugas melayani pasien hingga pukul sepuluh malam.\n",
    "articles/2026/dilayani.md": header(
        "Antrean Pendek, Pasien Cepat Dilayani", "2026-04-03 10:00", "Opini"
    )
    + "Pasien kini dilayani dalam setengah jam.\n",
    "articles/2026/pelayanan.md": header(
        "Pelayanan Dukcapil Buka Hari Sabtu", "2026-04-04 10:00", "Pemerintahan"
    )
    + "Kantor membuka layanan akhir pekan.\n",
    "articles/2026/kafe.md": header("Kafé Sanggar Rimpu Dibuka", "2026-03-01 10:00", "Budaya")
    + "Sebuah kafé baru di Rasanae menyajikan kopi Tambora.\n",
    "articles/2026/breaking.md": header(
        "Gempa Terasa di Sape", "2026-05-31 20:00", "Berita", "Breaking: true"
    )
    + "Getaran terasa singkat.\n",
    "articles/2026/draf.md": header("Draf Rahasia", "2026-05-30 09:00", "Berita", "Status: draft")
    + "Kata zulfikarahasia hanya ada di draf ini.\n",
    "articles/2026/terjadwal.md": header("Embargo", "2026-07-01 09:00") + "Kata embargounik.\n",
    "pages/tentang.md": "Title: Tentang\nSlug: tentang\n\n"
    + "Kabar Mbojo menulis tentang Bima dan Dompu.\n",
}


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """(base URL of the site, output folder): the fixture site published and served."""
    root = tmp_path_factory.mktemp("search")
    content = write_site(root / "content", SITE)
    with serve_folder(root) as server:
        output = root / "sub"
        result = run_tool(
            "publish", content, "-o", output, "-s", ROOT / "publishconf.py",
            env={"SITEURL": server + "sub"},
        )  # fmt: skip
        assert result.returncode == 0, result.output_text
        yield server + "sub/", output


# Each search has a page of its own, in its own context (``browser``: no cache between
# searches, so the requests a test counts are all the page made) or, where a test counts no
# requests, in the module's ``reader`` context (Pagefind's script and index cached, about a
# fifth faster). A test's pages are closed after it.
_OPEN = []


@pytest.fixture(scope="module")
def reader(browser):
    """One browser context for the searches of tests that do not look at the requests."""
    context = browser.new_context()
    yield context
    context.close()


@pytest.fixture(autouse=True)
def _close_pages():
    yield
    while _OPEN:
        _OPEN.pop().close()


def search(browser, base, query, **choices):
    """Open /cari/?q=query in a new page of ``browser`` (a Browser or a BrowserContext), pick
    the filter ``choices``; return (page, titles, requests)."""
    page = browser.new_page()
    _OPEN.append(page)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(base + "cari/?q=" + query)
    page.wait_for_function("document.getElementById('cari-status').textContent.includes('“')")
    for name, value in choices.items():
        # The change starts a search at once and its status reads "Mencari…" (cari.js) until
        # the new results are complete, so the wait below waits for those.
        page.select_option(f"select[name={name}]", value)
        page.wait_for_function("document.getElementById('cari-status').textContent.includes('“')")
    titles = page.locator("#cari-hasil h2").all_inner_texts()
    return page, titles, requests


def test_query_finds_the_expected_article_first(browser, published):
    base, _ = published
    page, titles, requests = search(browser, base, "banjir wawo")
    assert titles[0] == "Banjir Bandang Rendam Tiga Desa di Wawo"
    first = page.locator("#cari-hasil li").first
    assert (
        first.locator("a").get_attribute("href")
        == "/sub/2026/05/banjir-bandang-rendam-tiga-desa-di-wawo.html"
    )
    assert first.locator(".search-meta").inner_text() == "Berita · Rabu, 20 Mei 2026 09.00 WITA"
    assert "banjir" in [m.lower() for m in first.locator("mark").all_inner_texts()]
    assert page.locator("#cari-status").inner_text().startswith(f"{len(titles)} hasil")
    assert all(url.startswith(base) for url in requests), requests
    # The filter menus come from the page: no filter file is fetched until one is picked.
    assert not [url for url in requests if url.endswith(".pf_filter")], requests
    page.close()


def test_indonesian_stemming(reader, published):
    """Pagefind's Snowball stemmer for "id": pelayanan, melayani, dilayani and layanan share
    the stem "layan"; a prefix of a word (typed half-way) matches too, a typo does not."""
    base, _ = published
    _, titles, _ = search(reader, base, "pelayanan")
    assert set(titles) == {
        "Pelayanan Dukcapil Buka Hari Sabtu",
        "Puskesmas Melayani Warga Malam Hari",
        "Antrean Pendek, Pasien Cepat Dilayani",
    }
    _, titles, _ = search(reader, base, "melayani")
    assert "Antrean Pendek, Pasien Cepat Dilayani" in titles
    _, titles, _ = search(reader, base, "Wa")
    assert {"Banjir Bandang Rendam Tiga Desa di Wawo", "Warga Wawo Bersihkan Lumpur"} <= set(titles)
    _, titles, _ = search(reader, base, "wawu")
    assert titles == []


def test_case_and_diacritics_are_folded(reader, published):
    base, _ = published
    for query in ("KAFE", "kafé", "Kafe"):
        _, titles, _ = search(reader, base, query)
        assert titles == ["Kafé Sanggar Rimpu Dibuka"], query


def test_drafts_scheduled_and_page_furniture_are_not_indexed(reader, published):
    """A draft's or embargoed article's unique word finds nothing; neither do words that
    appear only in a tag list, the author box, the share row or the breaking ticker on every
    page."""
    base, _ = published
    for query in ("zulfikarahasia", "embargounik", "kataunik", "Meliput Kota", "WhatsApp"):
        page, titles, _ = search(reader, base, query)
        assert titles == [], query
        assert "Tidak ada hasil" in page.locator("#cari-status").inner_text()
        page.close()
    _, titles, _ = search(reader, base, "gempa")  # headline of the ticker's breaking item
    assert titles == ["Gempa Terasa di Sape"]
    _, titles, _ = search(reader, base, "Dompu")  # pages are indexed too
    assert titles == ["Tentang"]


def test_filters_and_sort_by_date(browser, published):
    """The menus list exactly the sections and years (WITA) of the indexed articles, written
    by the build (not the draft's or the embargoed article's); a picked value loads the
    filter's file and filters."""
    base, output = published
    soup = BeautifulSoup((output / "cari/index.html").read_text(encoding="utf-8"), "lxml")
    menus = {s["name"]: [o.get_text() for o in s.find_all("option")[1:]] for s in soup("select")}
    assert menus["kategori"] == ["Berita", "Budaya", "Opini", "Pemerintahan"]
    assert menus["tahun"] == ["2026", "2025"]
    _, titles, requests = search(browser, base, "pasien", kategori="Opini")
    assert titles == ["Antrean Pendek, Pasien Cepat Dilayani"]
    assert [url for url in requests if url.endswith(".pf_filter")]
    _, titles, _ = search(browser, base, "wawo", tahun="2025")
    assert titles == ["Warga Wawo Bersihkan Lumpur"]
    page, titles, _ = search(browser, base, "layan", urut="baru")
    assert titles == [
        "Pelayanan Dukcapil Buka Hari Sabtu",
        "Antrean Pendek, Pasien Cepat Dilayani",
        "Puskesmas Melayani Warga Malam Hari",
    ]
    page.close()


def test_newest_first_overrides_relevance(browser, published):
    """ "Terbaru dulu" orders by datePublished even where relevance disagrees (the headline
    weighs more than the body), and its order file is fetched only when picked."""
    base, output = published
    page, titles, requests = search(browser, base, "malam")
    assert titles == [
        "Puskesmas Melayani Warga Malam Hari",
        "Banjir Bandang Rendam Tiga Desa di Wawo",
    ]
    assert not [url for url in requests if url.endswith("urut-terbaru.json")]
    page.close()
    page, titles, requests = search(browser, base, "malam", urut="baru")
    assert titles == [
        "Banjir Bandang Rendam Tiga Desa di Wawo",
        "Puskesmas Melayani Warga Malam Hari",
    ]
    assert [url for url in requests if url.endswith("/sub/pagefind/urut-terbaru.json")]
    page.close()
    # The page (no date) is not in the order: after every article.
    order = json.loads((output / "pagefind" / ORDER_FILE).read_text(encoding="utf-8"))
    assert len(order) == 7 and len(set(order)) == 7
    # Pagefind's own sort would put a position per page into the metadata every search loads.
    assert not [p for p in output.rglob("*.html") if "data-pagefind-sort" in p.read_text("utf-8")]


def test_first_query_loads_only_what_it_shows(browser, published):
    """The first query's budget (README, "Performance"): no web worker (pagefind.js searches
    in the page), no filter file, the fragments of the first four results only; "Muat lagi"
    loads the rest."""
    base, _ = published
    page, titles, requests = search(browser, base, "m")  # a prefix of words in six pages
    fragments = [url for url in requests if url.endswith(".pf_fragment")]
    assert (len(titles), len(fragments)) == (4, 4), requests
    assert not [url for url in requests if "worker" in url or url.endswith(".pf_filter")]
    found = int(page.locator("#cari-status").inner_text().split()[0])
    assert found > 5
    page.click("#cari-lagi")
    page.wait_for_function(
        "n => document.querySelectorAll('#cari-hasil li').length === n", arg=found
    )
    assert page.locator("#cari-lagi").is_hidden()
    assert len([url for url in requests if url.endswith(".pf_fragment")]) == found
    page.close()


def test_reader_input_that_tripped_the_page(reader, published):
    """A double tap on "Muat lagi" shows each result once; "$&" in a query is shown as typed;
    full-width letters and a zero-width space are folded as the index folds them; the menus
    stay in the address, so a reload (or a shared link) gives the same results."""
    base, _ = published
    page, _, _ = search(reader, base, "m")
    found = int(page.locator("#cari-status").inner_text().split()[0])
    page.dblclick("#cari-lagi")
    page.wait_for_function(
        "n => document.querySelectorAll('#cari-hasil li').length >= n", arg=found
    )
    page.wait_for_timeout(300)
    titles = page.locator("#cari-hasil h2").all_inner_texts()
    assert len(titles) == len(set(titles)) == found
    for query, status in (("a$&b", "\u201ca$&b\u201d"), ("x$'y", "\u201cx$'y\u201d")):
        page.fill("#cari-q", query)
        page.wait_for_function("s => document.getElementById('cari-status').textContent"
                               ".includes(s)", arg=status)  # fmt: skip
    page.close()
    for query in ("\uff37\uff41\uff57\uff4f", "Wa\u200bwo"):
        page, titles, _ = search(reader, base, quote(query))
        assert sorted(titles) == ["Banjir Bandang Rendam Tiga Desa di Wawo",
                                  "Warga Wawo Bersihkan Lumpur"], query  # fmt: skip
        page.close()
    page, titles, _ = search(reader, base, "wawo", tahun="2025")
    assert parse_qs(urlsplit(page.url).query)["tahun"] == ["2025"]
    page.reload()
    page.wait_for_function("document.getElementById('cari-status').textContent.includes('“')")
    assert page.locator("#cari-hasil h2").all_inner_texts() == ["Warga Wawo Bersihkan Lumpur"]
    assert page.locator("select[name=tahun]").input_value() == "2025"
    page.close()


def test_header_search_link_leads_to_results(browser, published):
    base, _ = published
    page = browser.new_page()
    page.goto(base + "2026/04/puskesmas-melayani-warga-malam-hari.html")
    page.click(".site-header .search-link")
    assert page.url == base + "cari/"
    # The click returns once the navigation commits; cari.js is a module script, run before
    # DOMContentLoaded. Typing before it runs would race its submit handler against the
    # form's own GET (a flake seen once in a clean-clone CI run, 2026-12-04).
    page.wait_for_load_state("domcontentloaded")
    page.fill("#cari-q", "sabtu")
    page.press("#cari-q", "Enter")
    page.wait_for_selector("#cari-hasil li")
    assert page.locator("#cari-hasil h2").all_inner_texts() == [
        "Pelayanan Dukcapil Buka Hari Sabtu"
    ]
    page.close()


def test_article_pages_load_nothing_for_search(browser, published):
    base, _ = published
    page = browser.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(base + "2026/05/banjir-bandang-rendam-tiga-desa-di-wawo.html")
    page.wait_for_load_state("networkidle")
    page.close()
    assert not [url for url in requests if "pagefind" in url or url.endswith(".js")], requests
    # The search page itself fetches no index before the reader searches.
    page = browser.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(base + "cari/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in requests if "/pagefind/" in url], requests
    page.focus("#cari-q")  # tapping the box starts loading
    page.wait_for_load_state("networkidle")
    assert any(url.endswith("/pagefind/pagefind.js") for url in requests)
    page.close()


def test_search_page_without_javascript_uses_the_fallback_engine(browser, published):
    base, output = published
    soup = BeautifulSoup((output / "cari/index.html").read_text(encoding="utf-8"), "lxml")
    form = soup.find("form", id="cari")
    assert form["action"] == "https://duckduckgo.com/"
    assert form.find("input", attrs={"name": "sites"})["value"] == base.split("://")[1].rstrip("/")
    assert "DuckDuckGo" in soup.find("noscript").get_text()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.route("https://duckduckgo.com/**", lambda route: route.fulfill(body="mesin pencari"))
    page.goto(base + "cari/")
    page.fill("#cari-q", "banjir")
    with page.expect_request("https://duckduckgo.com/**") as request:
        page.click("#cari button[type=submit]")
    url = urlsplit(request.value.url)
    assert url.netloc == "duckduckgo.com"
    assert parse_qs(url.query) == {"q": ["banjir"], "sites": [base.split("://")[1].rstrip("/")]}
    context.close()


def test_only_marked_pages_carry_the_body_attributes(published):
    """Articles and pages are marked; listings and the search page are not, and inside an
    article the body excludes the tags, share links, author box and comments."""
    _, output = published
    article = BeautifulSoup(
        (output / "2026/05/banjir-bandang-rendam-tiga-desa-di-wawo.html").read_text(), "lxml"
    )
    bodies = article.select("[data-pagefind-body]")
    assert [b.name for b in bodies] == ["header", "div"]
    assert not article.select(".article-footer [data-pagefind-body], .tags [data-pagefind-body]")
    assert article.find(attrs={"data-pagefind-filter": "kategori"}).get_text() == "Berita"
    assert article.find(attrs={"data-pagefind-meta": "title"}).name == "h1"
    for listing in ("index.html", "kategori/berita/index.html", "cari/index.html"):
        soup = BeautifulSoup((output / listing).read_text(), "lxml")
        assert not soup.select("[data-pagefind-body]"), listing
    assert (output / "pagefind/pagefind.js").is_file()
    assert not (output / "pagefind/pagefind-ui.js").exists()


def test_failed_indexing_leaves_output_untouched(published, tmp_path):
    """A publish whose Pagefind is missing or dies exits 1 with the reason; output/ keeps
    every byte it had."""
    base, output = published
    content = write_site(tmp_path / "content", SITE)
    before = tree_digest(output)
    for binary, reason in (
        (tmp_path / "no-such-pagefind", "the Pagefind program was not found"),
        ("/bin/false", "Pagefind failed (the pagefind process"),
        (dying_pagefind(tmp_path, 0.3), "Pagefind failed (the pagefind process"),
    ):
        result = run_tool(
            "publish", content, "-o", output, "-s", ROOT / "publishconf.py",
            env={"SITEURL": base.rstrip("/"), "PAGEFIND_BINARY_PATH": str(binary)},
        )  # fmt: skip
        assert result.returncode == 1, result.output_text
        assert f"search: {reason}" in result.output_text
        assert "was not changed" in result.output_text
        assert "Traceback" not in result.output_text
        assert tree_digest(output) == before
    assert not list(output.parent.glob(".sub-build-*"))


def test_dev_build_indexes_only_when_asked(make_site):
    files = {"articles/a.md": header("Satu", "2024-05-01 08:00") + "Isi.\n"}
    site = make_site(files, "pelicanconf.py")
    assert site.result.returncode == 0, site.result.output_text
    assert site.path("cari/index.html").is_file()
    assert not site.path("pagefind").exists()
    site = make_site(files, "pelicanconf.py", "-e", "SEARCH_INDEX=true")
    assert site.result.returncode == 0, site.result.output_text
    assert site.path("pagefind/pagefind-entry.json").is_file()
    # The next build without the index removes it: /cari/ must not search an old site.
    site = make_site({**files, "articles/b.md": header("Dua", "2024-05-02 08:00") + "Isi.\n"},
                     "pelicanconf.py")  # fmt: skip
    assert site.result.returncode == 0, site.result.output_text
    assert not site.path("pagefind").exists()


@pytest.mark.parametrize("value", [".", "", "/srv/pagefind", "../pagefind", "a/../..", None, 3])
def test_an_output_path_that_would_empty_the_site_is_refused(value):
    with pytest.raises(SearchSettingsError, match=r"SEARCH_OUTPUT_PATH = .* write a folder name"):
        check_output_path(value)


@pytest.mark.parametrize("value", ["pagefind", "cari/indeks"])
def test_an_output_path_inside_the_site_is_accepted(value):
    check_output_path(value)


def dying_pagefind(folder, seconds):
    """A stand-in Pagefind binary that exits with status 1 after ``seconds``."""
    binary = folder / "dying-pagefind"
    binary.write_text(f"#!/bin/sh\nsleep {seconds}\nexit 1\n")
    binary.chmod(0o755)
    return binary


@pytest.mark.parametrize("seconds", [0, 0.3], ids=["at-once", "after-the-reader-polls"])
def test_dying_pagefind_fails_with_one_message(tmp_path, monkeypatch, caplog, seconds):
    """A Pagefind that dies before or after the API's reader polls its output (every 0.1 s)
    fails with the same message and leaves no task error behind: unretrieved, asyncio printed
    it with a traceback ("Task exception was never retrieved"), the flake of the publish test
    under load."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a/1.html").write_text('<html lang="id"><body><main data-pagefind-body>x</main>')
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(dying_pagefind(tmp_path, seconds)))
    options = {"output_path": "pagefind", "language": "id", "exclude_selectors": [], "timeout": 60}
    with caplog.at_level(logging.WARNING, logger="asyncio"):
        with pytest.raises(SearchIndexError, match=r"^search: Pagefind failed \(the pagefind pro"):
            build_index(str(tmp_path), ["a/*.html"], 1, **options)
        gc.collect()  # an unretrieved task error is reported when the task is collected
    assert not [r for r in caplog.records if r.name == "asyncio"], caplog.text


def test_shut_down_never_signals_a_dead_process_and_kills_a_stuck_one(monkeypatch, caplog):
    """A process that died while the loop was busy (``returncode`` not yet set) is waited
    for, not signalled (signalling it raised ProcessLookupError or made asyncio warn of an
    unknown child); one that ignores its closed input is killed after the grace period."""
    monkeypatch.setattr("search.index.SHUTDOWN_GRACE", 0.5)

    async def scenario():
        dead = await asyncio.create_subprocess_exec("true", stdin=asyncio.subprocess.PIPE)
        time.sleep(0.5)  # blocks the loop: the process exits unnoticed
        poll = asyncio.ensure_future(asyncio.sleep(10))
        await _shut_down(poll, dead)
        stuck = await asyncio.create_subprocess_exec("sleep", "30", stdin=asyncio.subprocess.PIPE)
        await _shut_down(asyncio.ensure_future(asyncio.sleep(0)), stuck)
        return dead.returncode, poll.cancelled(), stuck.returncode

    with caplog.at_level(logging.WARNING, logger="asyncio"):
        assert _run(scenario()) == (0, True, -9)  # a thread when Playwright runs a loop
    assert not caplog.records, caplog.text


def test_index_count_mismatch_fails(tmp_path):
    (tmp_path / "a").mkdir()
    for name in ("1", "2"):
        body = f"<main data-pagefind-body><h1>Judul {name}</h1></main>"
        (tmp_path / "a" / f"{name}.html").write_text(f'<html lang="id"><body>{body}</body></html>')
    options = {"output_path": "pagefind", "language": "id", "exclude_selectors": [], "timeout": 60}
    report = build_index(str(tmp_path), ["a/**/*.html"], 2, **options)
    assert (report.pages, report.files > 5, report.bytes > 10_000) == (2, True, True)
    with pytest.raises(SearchIndexError, match="indexed 2 pages but the build marked 3"):
        build_index(str(tmp_path), ["a/**/*.html"], 3, **options)


def test_thousands_of_long_paths_are_indexed(tmp_path):
    """Pagefind refuses one glob of 2000 such paths ("did not parse as a valid glob": a
    publish of a site with a few thousand articles failed); in batches they are indexed."""
    folder = tmp_path / "2024" / "05"
    folder.mkdir(parents=True)
    body = '<html lang="id"><body><main data-pagefind-body><h1>Judul</h1></main></body></html>'
    paths = []
    for number in range(2000):
        name = f"pemerintah-kota-bima-pelayanan-publik-dinas-kabupaten-desa-kecamatan-{number}.html"
        (folder / name).write_text(body)
        paths.append(f"2024/05/{name}")
    options = {"output_path": "pagefind", "language": "id", "exclude_selectors": [], "timeout": 120}
    assert build_index(str(tmp_path), globs_for(paths), 2000, **options).pages == 2000


def test_globs_match_exactly_the_indexed_paths():
    assert globs_for(["2024/12/a.html", "p/tentang.html"]) == ["{2024/12/a.html,p/tentang.html}"]
    assert globs_for(["p/tentang.html"]) == ["p/tentang.html"]
    assert globs_for(["2024/12/a,b{c}.html"]) == ["2024/12/a\\,b\\{c\\}.html"]
    assert globs_for(["a.html", "b.html", "c.html"], batch=2) == ["{a.html,b.html}", "c.html"]
    assert globs_for([]) == []


class Content:
    def __init__(self, save_as="2024/05/a.html", status="published", **extra):
        self.save_as, self.status = save_as, status
        self.__dict__.update(extra)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (Content(), True),
        (Content(status="draft"), False),
        (Content(status="hidden"), False),
        (Content(status="withdrawn"), False),
        (Content(withdrawn=True), False),
        (Content(save_as="teks/2024/05/a.html"), False),
        (Content(save_as=""), False),
    ],
    ids=["published", "draft", "hidden", "withdrawn-status", "withdrawn-flag", "lite", "unsaved"],
)
def test_is_searchable(content, expected):
    assert is_searchable(content, ["teks/"]) is expected


def test_newest_first_orders_by_date_then_url_and_leaves_out_undated_pages():
    urls = {
        "a": "/2026/05/x.html",
        "b": "/2026/05/y.html",
        "c": "/p/tentang.html",
        "d": "/2025/01/z.html",
    }
    dates = {
        "2026/05/y.html": "2026-05-20T01:00:00+00:00",
        "2026/05/x.html": "2026-05-20T01:00:00+00:00",
        "2025/01/z.html": "2025-01-10T00:00:00+00:00",
    }
    assert newest_first(urls, dates) == ["a", "b", "d"]


def test_newest_first_matches_a_folder_url_to_its_index_html():
    urls = {"a": "/laporan/khusus/", "b": "/2026/05/x.html"}
    dates = {
        "laporan/khusus/index.html": "2026-12-04T02:00:00+00:00",
        "2026/05/x.html": "2026-05-20T01:00:00+00:00",
    }
    assert newest_first(urls, dates) == ["a", "b"]


def test_a_fragment_of_another_format_fails_the_order(tmp_path):
    (tmp_path / "fragment").mkdir()
    (tmp_path / "fragment" / "id_x.pf_fragment").write_bytes(gzip.compress(b'{"url": "/a.html"}'))
    with pytest.raises(ValueError, match=r"id_x\.pf_fragment is not a Pagefind fragment"):
        write_order(str(tmp_path), {})


def test_first_search_files_are_recompressed_without_changing_their_data(published, tmp_path):
    """The published index was recompressed (a second pass finds nothing to gain); a
    Pagefind-like stream comes out smaller with the same data, the same on every run; an
    empty file is left alone and a file that is not gzip is named in the error."""
    _, output = published
    copy = tmp_path / "published"
    shutil.copytree(output / "pagefind", copy)
    assert recompress(str(copy)) == (0, 0)
    data = b"pagefind_dcd" + b"".join(b"%d:kata%d;" % (n, n % 97) for n in range(20000))
    (tmp_path / "index").mkdir()
    (tmp_path / "index" / "id_a.pf_index").write_bytes(gzip.compress(data, 6, mtime=0))
    (tmp_path / "wasm.unknown.pagefind").write_bytes(b"")
    rewritten, saved = recompress(str(tmp_path))
    stored = (tmp_path / "index" / "id_a.pf_index").read_bytes()
    assert (rewritten, saved > 0) == (1, True)
    assert gzip.decompress(stored) == data
    (tmp_path / "index" / "id_a.pf_index").write_bytes(gzip.compress(data, 6, mtime=0))
    recompress(str(tmp_path))
    assert (tmp_path / "index" / "id_a.pf_index").read_bytes() == stored
    assert (tmp_path / "wasm.unknown.pagefind").read_bytes() == b""
    (tmp_path / "x.pf_meta").write_bytes(b"not gzip")
    with pytest.raises(ValueError, match=r"x\.pf_meta is not a gzip stream"):
        recompress(str(tmp_path))
