"""make import-blogger (plugins/blogger_import): both export formats, comments, re-imports, bad
input, image downloads from a local server, and the imported site built with old URLs kept.

The fixtures (tests/fixtures/blogger/) were written by the team; see their README.
"""

import hashlib
import http.server
import locale
import re
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, SITEURL, run_pelican
from newsroom_cli.blogger_import.cli import format_report, main, read_settings, run_import
from newsroom_cli.blogger_import.export import ExportError
from workflow import run_recipe, run_tool

FIXTURES = Path(__file__).parent / "fixtures" / "blogger"
TAKEOUT = FIXTURES / "takeout-feed.atom"
CLASSIC = FIXTURES / "classic-export.xml"


@pytest.fixture(autouse=True)
def keep_locale():
    """Pelican's settings (``LOCALE = ("C",)``) set the process locale when read in-process;
    restore it, or later subprocess output is decoded as ASCII."""
    saved = locale.setlocale(locale.LC_ALL)
    yield
    locale.setlocale(locale.LC_ALL, saved)


@pytest.fixture
def content(tmp_path):
    """An empty site: the real authors.yml and pages, nothing else."""
    folder = tmp_path / "content"
    (folder / "data").mkdir(parents=True)
    shutil.copy(ROOT / "content" / "data" / "authors.yml", folder / "data")
    shutil.copytree(ROOT / "content" / "pages", folder / "pages")
    return folder


def settings_for(content):
    return read_settings(str(ROOT / "pelicanconf.py"), str(content))


def tree(folder):
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def header(path):
    text = Path(path).read_text(encoding="utf-8")
    head, _, body = text.partition("\n\n")
    return dict(line.split(": ", 1) for line in head.splitlines()), body


def test_takeout_posts_pages_and_headers(content):
    report = run_import(str(TAKEOUT), settings_for(content))
    articles = sorted(str(p.relative_to(content)) for p in (content / "articles").rglob("*.md"))
    assert len(articles) == 15  # 14 published + 1 draft
    assert (content / "pages" / "tentang-kami.md").exists()
    assert (content / "pages" / "kontak-redaksi.md").exists()
    seed, body = header(content / "articles/2024/pemkot-bima-raih-penghargaan-menpan-rb.md")
    assert seed == {
        "Title": "Pemkot Bima Raih Penghargaan Menpan RB Pelayanan Publik Inovasi Kaki Si Intens",
        "Date": "2024-12-05 09:15",  # 08:15 +07:00 is 09:15 WITA
        "Id": "blogger-1001",
        "Author": "Munir Husen",  # typed byline, not the Blogger account "Admin Kabar Mbojo"
        "Category": "Opini",
        "Tags": "Kota Bima, Pelayanan Publik",
        "Summary": "Inovasi, gagasan jawara ASN dalam bentuk baru.",
        "Slug": "pemkot-bima-raih-penghargaan-menpan-rb",
        "Save_as": "2024/12/pemkot-bima-raih-penghargaan-menpan-rb.html",
        "Url": "2024/12/pemkot-bima-raih-penghargaan-menpan-rb.html",
    }
    assert body.startswith("Inovasi, gagasan jawara ASN")
    for furniture in ("Breaking News", "Oleh :", "Dosen Universitas", "Tidak ada komentar"):
        assert furniture not in body
    assert body.rstrip().endswith("Allahul Musta’an")
    # 23:30 +07:00 on 30 November is 00:30 WITA on 1 December; the URL keeps November.
    late, _ = header(content / "articles/2024/harga-bawang-merah-turun.md")
    assert late["Date"] == "2024-12-01 00:30"
    assert late["Save_as"] == "2024/11/harga-bawang-merah-turun.html"
    draft, _ = header(content / "articles/2025/rencana-pelebaran-jalan.md")
    assert draft["Status"] == "draft" and "Save_as" not in draft
    untitled, _ = header(content / "articles/2025/blog-post.md")
    assert untitled["Title"].startswith("Listrik padam di sebagian Kota Bima")
    _, flood = header(content / "articles/2024/banjir-rendam-tiga-kelurahan.md")
    assert "[posko]({filename}/articles/2024/harga-bawang-merah-turun.md)" in flood
    skipped = {what: reason for _, what, reason in report.skipped}
    assert skipped["post 'Berita yang Sudah Dibuang'"] == "trashed on Blogger"
    assert "no date" in skipped["post 'Entri Tanpa Tanggal'"]
    assert "already the address" in skipped["post 'Gelombang Tinggi (salinan)'"]
    assert report.new_profiles == [("Rahmat Hidayat", "Guru SMAN 1 Woha")]
    authors = (content / "data/authors.yml").read_text(encoding="utf-8")
    assert authors.endswith(
        '- name: "Rahmat Hidayat"\n  affiliation: "Guru SMAN 1 Woha"\n  confirmed: false\n'
    )
    mapping = (content / "data/blogger-mapping.yml").read_text(encoding="utf-8")
    assert '"Kota Bima": ""  # 4 post(s)' in mapping and '"Opini": "Opini"' in mapping


def test_takeout_comments_threaded_and_filtered(content):
    report = run_import(str(TAKEOUT), settings_for(content))
    comments = sorted(
        p.relative_to(content / "comments") for p in (content / "comments").rglob("*.md")
    )
    assert len(comments) == 10 and report.counts["comments"] == 10
    assert report.counts["of them replies"] == 3
    reply, text = header(content / "comments/blogger-1001/blogger-3004.md")
    # blogger:parent names another comment: a reply to the reply of 3001.
    assert reply == {"Author": "Siti", "Date": "2024-12-05 14:00", "Reply-To": "blogger-3002"}
    andi, _ = header(content / "comments/blogger-1001/blogger-3001.md")
    assert andi["Url"] == "https://andi.example"
    anonymous, text = header(content / "comments/blogger-1001/blogger-3003.md")
    assert anonymous["Author"] == "Anonim"
    assert "javascript" not in text and "**tebal**" in text
    reasons = {reason for _, what, reason in report.skipped if what.startswith("comment")}
    assert reasons == {
        "marked as spam on Blogger",
        "deleted on Blogger",
        "its post was not imported (see the skipped posts)",
    }


def test_classic_export(content):
    report = run_import(str(CLASSIC), settings_for(content))
    # 23:30 +07:00 on 31 December 2023 is 2024 in WITA: the file is in 2024, the URL in 2023/12.
    post, body = header(content / "articles/2024/warga-sambut-tahun-baru.md")
    assert post["Date"] == "2024-01-01 00:30"
    assert post["Save_as"] == "2023/12/warga-sambut-tahun-baru.html"
    assert post["Category"] == "Berita" and post["Tags"] == "Tahun Baru"
    assert "https://1.bp.blogspot.com/-abc/XYZ/AAAA/def/s1600/amahami.jpg" in body
    opinion, _ = header(content / "articles/2024/merawat-bahasa-mbojo.md")
    assert opinion["Author"] == "Rosdiana" and opinion["Category"] == "Opini"
    draft, _ = header(content / "articles/2024/draf-liputan-panen.md")
    assert draft["Status"] == "draft"
    assert (content / "pages/redaksi-lama.md").exists()
    reply, _ = header(content / "comments/blogger-5001/blogger-7002.md")
    assert reply["Reply-To"] == "blogger-7001"
    assert not (content / "comments/blogger-5001/blogger-7003.md").exists()  # removed by author
    assert report.counts["other entries (settings)"] == 1
    assert report.counts["other entries (template)"] == 1
    assert any("Namespace prefix app" in w for w in report.warnings["(export)"])
    # thr:total says 1 comment on this post, the export holds none: the editor is told.
    assert report.warnings["articles/2024/merawat-bahasa-mbojo.md"] == [
        "Blogger counted 1 comment(s) on this post but the export holds 0: export again "
        "(comments may have been pending)"
    ]


def test_reimport_is_idempotent_and_keeps_editors_work(content):
    settings = settings_for(content)
    run_import(str(TAKEOUT), settings)
    first = tree(content)
    report = run_import(str(TAKEOUT), settings)
    assert tree(content) == first
    assert report.counts["files written"] == 0
    edited = content / "articles/2024/dukcapil-buka-layanan-malam.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nKoreksi redaksi.\n", encoding="utf-8")
    removed = content / "comments/blogger-1001/blogger-3003.md"
    removed.unlink()
    report = run_import(str(TAKEOUT), settings)
    assert "Koreksi redaksi." in edited.read_text(encoding="utf-8")
    assert not removed.exists()
    notes = {path: messages for path, messages in report.warnings.items()}
    assert (
        "edited since the last import" in notes["articles/2024/dukcapil-buka-layanan-malam.md"][0]
    )
    assert "deleted by an editor" in notes["comments/blogger-1001/blogger-3003.md"][0]
    assert len(list((content / "articles").rglob("*.md"))) == 15
    assert (content / "data/authors.yml").read_text(encoding="utf-8").count("Rahmat Hidayat") == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "is empty"),
        (
            "<!DOCTYPE html><html><head><title>Kabar Mbojo</title></head><body>x</body></html>",
            "web page saved from the browser",
        ),
        ('{"posts": []}', "not a Blogger export"),
        (
            '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>x</id><title>a</title></entry></feed>',
            "public feed holds only recent posts",
        ),
        (TAKEOUT.read_text(encoding="utf-8")[:4000], "ends in the middle of the entry on line 23"),
    ],
    ids=["empty", "html-page", "json", "plain-atom", "truncated"],
)
def test_bad_input_writes_nothing(content, tmp_path, capsys, text, message):
    export = tmp_path / "export.xml"
    export.write_text(text, encoding="utf-8")
    before = tree(content)
    status = main(
        [
            "-s",
            str(ROOT / "pelicanconf.py"),
            "--content",
            str(content),
            str(export),
            "--no-check",
            "--report",
            "",
        ]
    )
    err = capsys.readouterr().err
    assert status == 1
    assert message in err and "nothing was written" in err
    assert "Traceback" not in err
    assert tree(content) == before
    assert not list(content.parent.glob(".blogger-import-*"))


def test_missing_file(content, tmp_path):
    with pytest.raises(ExportError, match="cannot read"):
        run_import(str(tmp_path / "tidak-ada.xml"), settings_for(content))


JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64 + b"\xff\xd9"


@pytest.fixture
def image_server():
    """A local HTTP server on 127.0.0.1 serving one JPEG at any path ending in kaki-si-intens.jpg
    (at /s1600/ only: the importer must ask for the largest size) and 404 for the rest."""
    requests = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            if self.path.endswith("/s1600/kaki-si-intens.jpg"):
                self.send_response(200)
                self.send_header("Content-Type", "image/jpeg")
                self.end_headers()
                self.wfile.write(JPEG)
            else:
                self.send_error(404)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], requests
    server.shutdown()
    server.server_close()


def test_download_images_from_local_server(content, tmp_path, image_server):
    port, requests = image_server
    host = f"127.0.0.1:{port}"
    text = TAKEOUT.read_text(encoding="utf-8")
    text = text.replace("https://blogger.googleusercontent.com", f"http://{host}")
    export = tmp_path / "feed.atom"
    export.write_text(text, encoding="utf-8")
    report = run_import(str(export), settings_for(content), download=True, image_hosts=(host,))
    image = content / "images/2024/kaki-si-intens.jpg"
    assert image.read_bytes() == JPEG
    assert requests == ["/img/b/R29vZ2xl/AVvXsEiKaki/s1600/kaki-si-intens.jpg"]
    _, body = header(content / "articles/2024/pemkot-bima-raih-penghargaan-menpan-rb.md")
    assert "]({static}/images/2024/kaki-si-intens.jpg)" in body
    assert report.counts["images downloaded"] == 1 and report.images == []


def test_download_failure_keeps_the_remote_link(content, tmp_path, image_server):
    port, _ = image_server
    host = f"127.0.0.1:{port}"
    text = TAKEOUT.read_text(encoding="utf-8").replace("kaki-si-intens.jpg", "hilang.jpg")
    text = text.replace("https://blogger.googleusercontent.com", f"http://{host}")
    export = tmp_path / "feed.atom"
    export.write_text(text, encoding="utf-8")
    report = run_import(str(export), settings_for(content), download=True, image_hosts=(host,))
    _, body = header(content / "articles/2024/pemkot-bima-raih-penghargaan-menpan-rb.md")
    assert f"](http://{host}/img/b/R29vZ2xl/AVvXsEiKaki/s1600/hilang.jpg)" in body
    warnings = report.warnings["articles/2024/pemkot-bima-raih-penghargaan-menpan-rb.md"]
    assert any("image left on Blogger" in w and "404" in w for w in warnings)


def test_check_reports_unconfirmed_profile(content, capsys):
    status = main(
        [
            "-s",
            str(ROOT / "pelicanconf.py"),
            "--content",
            str(content),
            str(TAKEOUT),
            "--report",
            "",
        ]
    )
    out = capsys.readouterr().out
    assert status == 0
    assert "make check found 1 problem(s)" in out
    assert "author profile 'Rahmat Hidayat' was created by the Blogger import" in out
    assert "What to do:" in out and "Kota Bima (4)" in out


def confirm_profiles(content):
    """What the editor does after reading the report: check the new profiles, confirm them."""
    authors = content / "data/authors.yml"
    text = authors.read_text(encoding="utf-8").replace("  confirmed: false\n", "")
    authors.write_text(text, encoding="utf-8")


def _old_urls():
    """Every Blogger URL of the takeout fixture a reader may have: posts, pages, labels, feeds,
    months, the mobile form."""
    text = TAKEOUT.read_text(encoding="utf-8")
    entries = re.findall(r"<entry>(.*?)</entry>", text, re.S)
    paths, labels = [], set()
    for entry in entries:
        live = "<blogger:status>LIVE</blogger:status>" in entry
        kind = re.search(r"<blogger:type>(\w+)</blogger:type>", entry).group(1)
        if kind == "COMMENT" or not live or "<published>" not in entry:
            continue
        filename = re.search(r"<blogger:filename>(.*?)</blogger:filename>", entry).group(1)
        if "(salinan)" not in entry:
            paths.append(filename)
        labels.update(re.findall(r'<category term="(.*?)"/>', entry))
    urls = paths + [p + "?m=1" for p in paths]
    urls += [f"/search/label/{label}" for label in sorted(labels)]
    urls += ["/feeds/posts/default", "/feeds/posts/default?alt=rss", "/2024/12/", "/search?q=x"]
    return urls


def _resolve(output, url, hops=0):
    """The file a static host serves for ``url``, following meta refreshes; None if none."""
    path = url.split("?")[0].split("#")[0]
    if path.startswith(SITEURL):
        path = path[len(SITEURL) :]
    candidate = output / path.lstrip("/")
    if candidate.is_dir():
        candidate = candidate / "index.html"
    if not candidate.is_file():
        return None
    if candidate.suffix == ".html" and hops < 3:
        soup = BeautifulSoup(candidate.read_text(encoding="utf-8"), "lxml")
        refresh = soup.find("meta", attrs={"http-equiv": "refresh"})
        if refresh is not None:
            target = refresh["content"].split("url=", 1)[1]
            assert soup.find("link", rel="canonical")["href"] == target
            return _resolve(output, target, hops + 1)
    return candidate


def test_imported_site_publishes_and_every_old_url_resolves(content, tmp_path):
    settings = settings_for(content)
    run_import(str(TAKEOUT), settings)
    confirm_profiles(content)
    output = tmp_path / "output"
    publishconf = ROOT / "publishconf.py"
    result = run_tool("publish", content, "-o", output, "-s", publishconf, env={"SITEURL": SITEURL})
    assert result.returncode == 0, result.output_text
    for url in _old_urls():
        assert _resolve(output, url) is not None, url
    assert _resolve(output, "/search/label/Kota Bima") == output / "label/kota-bima/index.html"
    assert _resolve(output, "/search/label/Opini") == output / "kategori/opini/index.html"
    assert _resolve(output, "/feeds/posts/default") == output / "feeds/semua.atom.xml"
    assert _resolve(output, "/2024/11/") == output / "arsip/index.html"
    page = BeautifulSoup(
        (output / "2024/12/pemkot-bima-raih-penghargaan-menpan-rb.html").read_text(
            encoding="utf-8"
        ),
        "lxml",
    )
    assert "Munir Husen" in page.select_one(".byline").get_text()
    section = page.find(id="komentar")
    assert len(section.select("[id^=komentar-blogger-]")) == 4
    assert section.find("script") is None and "<script>" in section.get_text()
    reply = section.find(id="komentar-blogger-3004")
    assert reply.find_parent(id="komentar-blogger-3002") is not None
    s3 = (output / "_redirects/s3-website.json").read_text(encoding="utf-8")
    assert '"KeyPrefixEquals": "search/label/Kota Bima"' in s3
    nginx = (output / "_redirects/nginx.conf").read_text(encoding="utf-8")
    assert 'location = "/search/label/Kota Bima" { return 301 /label/kota-bima/; }' in nginx


def test_mapping_change_rewrites_unedited_articles(content):
    settings = settings_for(content)
    run_import(str(TAKEOUT), settings)
    mapping = content / "data/blogger-mapping.yml"
    text = mapping.read_text(encoding="utf-8")
    text = text.replace('"Kota Bima": ""', '"Kota Bima": "Pemerintahan"')
    text = text.replace('"Rahmat Hidayat": ""', '"Rahmat Hidayat": "Rosdiana"')
    mapping.write_text(text, encoding="utf-8")
    report = run_import(str(TAKEOUT), settings)
    debate, _ = header(content / "articles/2024/siswa-sman-1-woha-juara-debat.md")
    assert debate["Author"] == "Rosdiana"
    prices, _ = header(content / "articles/2024/harga-bawang-merah-turun.md")
    # The first label that is a section wins (Ekonomi comes first here); the others are Tags.
    assert prices["Category"] == "Ekonomi" and prices["Tags"] == "Kota Bima"
    final, _ = header(content / "articles/2025/final-liga-kampung-adu-penalti.md")
    assert final["Category"] == "Olahraga"
    assert mapping.read_text(encoding="utf-8") == text  # the editor's file is never rewritten
    assert report.new_profiles == []
    assert "Kota Bima" not in report.unmapped_labels
    assert report.unused_profiles == ["Rahmat Hidayat"]
    assert (
        "the profile 'Rahmat Hidayat' in content/data/authors.yml (confirmed: false) is no "
        "longer used" in format_report(report, 1.0)
    )


def test_make_target_quotes_the_file_name(content, tmp_path):
    """``make import-blogger FILE=...`` passes a path with spaces and a quote through intact
    (exit code and message only: the import itself is tested in-process above)."""
    export = tmp_path / "ekspor Kabar's blog.xml"
    report = f"REPORT={tmp_path / 'laporan.txt'}"
    shutil.copy(CLASSIC, export)
    good = subprocess.run(
        ["make", "-s", "import-blogger", f"FILE={export}", f"INPUTDIR={content}", report],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=300,
    )  # fmt: skip
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Blogger import report" in good.stdout
    assert (
        (tmp_path / "laporan.txt").read_text(encoding="utf-8").startswith("Blogger import report")
    )
    assert (content / "articles/2024/merawat-bahasa-mbojo.md").exists()
    missing = tmp_path / "tidak ada.xml"
    # The same make and shell quoting, the import in this process (workflow.run_recipe).
    bad = run_recipe("import-blogger", f"FILE={missing}", f"INPUTDIR={content}", report)
    assert bad.returncode != 0
    assert "cannot read" in bad.stderr and "tidak ada.xml" in bad.stderr


def test_synthetic_export_of_the_benchmark_imports_cleanly(content, tmp_path):
    """tests/bench_blogger_import.py times 5,000 posts of this shape; 40 must import with
    nothing skipped, every comment kept, every byline found."""
    from bench_blogger_import import synthetic_export

    export = tmp_path / "feed.atom"
    export.write_text(synthetic_export(40), encoding="utf-8")
    report = run_import(str(export), settings_for(content))
    assert report.counts["posts"] == 40 and not report.skipped
    in_export = synthetic_export(40).count("<blogger:type>COMMENT")
    assert report.counts["comments"] == in_export > 0
    bylines = [
        p for p in (content / "articles").rglob("*.md") if "Author: Munir Husen" in p.read_text()
    ]
    assert len(bylines) == 8  # every fifth post


def test_ids_the_site_would_reject_are_not_imported(content):
    """The import checks its ids with the comments plugin's rules before writing."""
    from datetime import datetime, timedelta, timezone

    from newsroom_cli.blogger_import.cli import options_from
    from newsroom_cli.blogger_import.export import Entry, Export
    from newsroom_cli.blogger_import.plan import plan

    when = datetime(2024, 5, 1, 9, 0, tzinfo=timezone(timedelta(hours=7)))
    entry = Entry("post", "9" * 80, 12, "Judul", "<p>Isi.</p>", when, "Nurhayati",
                  path="/2024/05/judul.html")  # fmt: skip
    files, report, _ = plan(Export("takeout", [entry]), {"authors": {}, "sections": {}},
                            options_from(settings_for(content)))  # fmt: skip
    assert files == []
    assert report.skipped == [
        (12, "post 'Judul'", f"Id 'blogger-{'9' * 80}' is longer than 80 characters, so it "
         "cannot be imported as it is")
    ]  # fmt: skip


def test_reader_following_an_old_blogger_link_lands_on_the_new_page(content, tmp_path, browser):
    """A reader's old bookmarks, in a real Chromium: a label page, the mobile form of a post, a
    monthly archive. The dev build (relative URLs) is served on 127.0.0.1."""
    from browser import serve_folder

    run_import(str(TAKEOUT), settings_for(content))
    confirm_profiles(content)
    output = tmp_path / "dev"
    result = run_pelican(content, output, ROOT / "pelicanconf.py")
    assert result.returncode == 0, result.stdout + result.stderr
    with serve_folder(output) as base:
        page = browser.new_page(viewport={"width": 360, "height": 800})
        page.goto(base + "search/label/Kota%20Bima")
        page.wait_for_url("**/label/kota-bima/")
        assert "Kota Bima" in page.inner_text("h1")
        page.goto(base + "search/label/Opini?max-results=8")
        page.wait_for_url("**/kategori/opini/")
        page.goto(base + "2024/11/harga-bawang-merah-turun.html?m=1")
        assert page.inner_text("h1") == "Harga Bawang Merah di Pasar Amahami Turun"
        page.goto(base + "2024/12/")
        page.wait_for_url("**/arsip/")
        page.close()


def test_post_without_a_blogger_address_is_imported_with_a_warning(content):
    from datetime import datetime, timedelta, timezone

    from newsroom_cli.blogger_import.cli import options_from
    from newsroom_cli.blogger_import.export import Entry, Export
    from newsroom_cli.blogger_import.plan import plan

    when = datetime(2024, 5, 1, 23, 30, tzinfo=timezone(timedelta(hours=7)))
    entry = Entry("post", "42", 7, "Tanpa Alamat", "<p>Isi.</p>", when, "Nurhayati")
    files, report, _ = plan(Export("takeout", [entry]), {"authors": {}, "sections": {}},
                            options_from(settings_for(content)))  # fmt: skip
    assert [f.relative for f in files] == ["articles/2024/tanpa-alamat.md"]
    assert "Save_as" not in files[0].text and "Date: 2024-05-02 00:30" in files[0].text
    assert "no Blogger address" in report.warnings["articles/2024/tanpa-alamat.md"][0]


def test_plain_reimport_keeps_downloaded_images(content, tmp_path, image_server):
    port, requests = image_server
    host = f"127.0.0.1:{port}"
    text = TAKEOUT.read_text(encoding="utf-8")
    text = text.replace("https://blogger.googleusercontent.com", f"http://{host}")
    export = tmp_path / "feed.atom"
    export.write_text(text, encoding="utf-8")
    settings = settings_for(content)
    run_import(str(export), settings, download=True, image_hosts=(host,))
    again = run_import(str(export), settings, image_hosts=(host,))  # without DOWNLOAD=1
    _, body = header(content / "articles/2024/pemkot-bima-raih-penghargaan-menpan-rb.md")
    assert "]({static}/images/2024/kaki-si-intens.jpg)" in body
    assert again.counts["files written"] == 0 and again.images == []
    run_import(str(export), settings, download=True, image_hosts=(host,))
    assert len(requests) == 1  # already here: not fetched again
