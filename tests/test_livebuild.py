"""`make devserver`'s site in memory (newsroom_cli/livebuild.py): after any rebuild the output
tree is byte-identical to a cold dev build of the same input, the changed article's page and
listings are written first, and what the incremental path must not trust is built from nothing.
"""

import hashlib
import os
import re
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from bench import build_epoch, make_corpus
from bench_stock import write_settings
from conftest import ROOT, run_pelican
from newsroom_cli.devserver import classify
from newsroom_cli.livebuild import LiveSite, content_listing, replace_references, reusable

ARTICLES = 24  # 3 pages of listings at DEFAULT_PAGINATION = 10


def tree(folder):
    """{relative path: SHA-256} of every file under ``folder``."""
    folder = Path(folder)
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in folder.rglob("*")
        if path.is_file()
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("live")
    make_corpus(root, ARTICLES)
    _, dev_conf = write_settings(root)
    return root, dev_conf


@pytest.fixture
def live(corpus, monkeypatch):
    root, dev_conf = corpus
    monkeypatch.setenv("SOURCE_DATE_EPOCH", build_epoch(root))
    monkeypatch.chdir(ROOT)
    site = LiveSite([str(root / "content"), "-o", str(root / "live"), "-s", str(dev_conf)])
    report = site.build()
    assert report.full and report.read == ARTICLES
    site.finish()
    return site, root, dev_conf


def cold_tree(root, dev_conf, name="cold"):
    """The tree of a cold dev build (a plain Pelican run) of ``root``'s content."""
    output = root / name
    shutil.rmtree(output, ignore_errors=True)  # a dev build keeps what an earlier one wrote
    result = run_pelican(root / "content", output, dev_conf, process=True)
    assert result.returncode == 0, result.stderr
    return tree(output)


def assert_same_tree(live_folder, cold):
    ours = tree(live_folder)
    differ = sorted(name for name in ours.keys() | cold.keys() if ours.get(name) != cold.get(name))
    assert differ == []


def newest_article(root):
    return root / "content" / "articles" / "2020" / f"artikel-{ARTICLES - 1:05d}.md"


def test_each_kind_of_edit_gives_the_cold_build_tree(live):
    site, root, dev_conf = live
    path = newest_article(root)
    original = path.read_text(encoding="utf-8")
    edits = [
        ("body text", original + "\nKalimat tambahan untuk uji.\n"),
        ("title", original.replace("Title: ", "Title: Judul Diganti ", 1)),
        ("tags", original.replace("Tags: ", "Tags: banjir rob, ", 1)),
        ("a content error", original.replace("Category: ", "Category: Berrita", 1)),
        ("its fix", original),
    ]
    previewed = {"body text"}  # placement and address unchanged (the slug follows the title)
    for kind, text in edits:
        path.write_text(text, encoding="utf-8")
        written = site.preview()
        assert (written is not None) == (kind in previewed), kind
        if written is not None:
            page = next(Path(p) for p in written if "/2020/01/" in p and "/teks/" not in p)
            assert ("Kalimat tambahan untuk" in page.read_text(encoding="utf-8")) == (
                kind == "body text"
            )
        report = site.build()
        assert not report.full, kind
        assert (report.read, report.reused) == (1, ARTICLES - 1), kind
        first = {
            os.path.relpath(p, root / "live") for p in [*report.first_written, *(written or ())]
        }
        assert any(name.startswith("2020/01/") for name in first), kind  # its page
        if kind == "title":
            assert {"index.html", "kategori/index.html"} & first  # the listings show titles
        if kind == "a content error":
            page = next(p for p in first if p.startswith("2020/"))
            page = root / "live" / page
            assert "unknown category" in Path(page).read_text(encoding="utf-8")
        site.finish()
        assert_same_tree(root / "live", cold_tree(root, dev_conf))


def test_a_new_file_or_a_profile_change_reuses_nothing(live):
    site, root, dev_conf = live
    new = root / "content" / "articles" / "2020" / "artikel-baru.md"
    new.write_text(
        newest_article(root).read_text(encoding="utf-8").replace("Title: ", "Title: Baru ", 1),
        encoding="utf-8",
    )
    profiles = root / "content" / "data" / "authors.yml"
    try:
        report = site.build()
        assert report.full and report.reused == 0
        site.finish()
        assert_same_tree(root / "live", cold_tree(root, dev_conf, "cold-new"))
        profiles.write_text(
            profiles.read_text(encoding="utf-8").replace("Penulis Kabar", "Jurnalis Kabar"),
            encoding="utf-8",
        )
        report = site.build()
        assert report.full and report.reused == 0
        site.finish()
    finally:
        new.unlink()
    report = site.build()  # a deleted file: nothing reused, its page removed
    assert report.full
    site.finish()
    assert_same_tree(root / "live", cold_tree(root, dev_conf, "cold-after"))


def test_reusable_only_for_edited_articles_and_pages():
    before = {"articles/2024/a.md": (1, 10, 5), "data/authors.yml": (1, 3, 6)}
    edited = {**before, "articles/2024/a.md": (2, 11, 5)}
    assert reusable(before, edited, ["articles", "pages"])
    assert not reusable(before, {**before, "data/authors.yml": (2, 3, 6)}, ["articles", "pages"])
    assert not reusable(before, {**before, "articles/2024/b.md": (1, 1, 7)}, ["articles"])
    assert not reusable({}, before, ["articles"])  # the first build


def test_content_listing_leaves_out_ignored_files(tmp_path):
    """IGNORE_FILES, as Pelican matches it: an editor's backup or swap file is not a change."""
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x").write_text("x")
    for name in ("a.md", "a.md~", ".a.md.swp"):
        (tmp_path / name).write_text("a")
    assert list(content_listing(str(tmp_path), (".*", "*~"))) == ["a.md"]
    assert sorted(content_listing(str(tmp_path), ())) == [".a.md.swp", ".git/x", "a.md", "a.md~"]


def test_what_a_change_asks_for():
    settings, theme, plugins = {"/s/pelicanconf.py"}, "/s/theme", "/s/plugins"
    where = (settings, theme, plugins)
    assert classify({"/s/content/articles/a.md"}, *where) == "build"
    assert classify({"/s/theme/templates/base.html"}, *where) == "reload"
    assert classify({"/s/pelicanconf.py"}, *where) == "reload"
    assert classify({"/s/plugins/front_page/plugin.py", "/s/content/a.md"}, *where) == "restart"
    assert classify({"/s/plugins/front_page/README.md"}, *where) == "build"


def test_replace_references_reaches_lists_dicts_sets_and_other_articles():
    from pelican.contents import Article

    def article(title):
        return Article("<p>x</p>", metadata={"title": title, "date": datetime(2024, 5, 1)})

    old, new, other = article("Lama"), article("Baru"), article("Lain")
    other.related = [old]
    other.section_newer = old
    context = {
        "articles": [other, old],
        "tags": [("banjir", [old, other])],
        "front_page": {"lead": old, "sections": [{"articles": [old]}]},
        "seen": {old},
    }
    count = replace_references([context], {id(old): new})
    assert context["articles"] == [other, new] and context["articles"][1] is new
    assert context["tags"][0][1][0] is new
    assert context["front_page"]["lead"] is new
    assert context["front_page"]["sections"][0]["articles"][0] is new
    assert context["seen"] == {new}
    assert other.related[0] is new and other.section_newer is new
    assert count == 7


def test_an_article_moved_to_another_month_leaves_no_empty_folder(live):
    site, root, _ = live
    path = newest_article(root)
    original = path.read_text(encoding="utf-8")
    moved = re.sub(r"^Date: \d{4}-\d{2}", "Date: 2019-07", original, count=1, flags=re.M)
    for text in (moved, original):  # there and back: 2019/07/ made, then left with nothing
        path.write_text(text, encoding="utf-8")
        site.build()
        site.finish()
    assert not (root / "live" / "2019" / "07").exists()
    empty = [str(p) for p in (root / "live").rglob("*") if p.is_dir() and not any(p.iterdir())]
    assert empty == []


def test_a_first_pass_cut_short_by_a_newer_save_leaves_no_stale_page(live):
    """A title edit writes the article's page at its new address first; when a newer save
    stops that pass, the file was not remembered and outlived the address (s28 review)."""
    from newsroom_cli import livebuild

    site, root, dev_conf = live
    path = newest_article(root)
    original = path.read_text(encoding="utf-8")
    real = livebuild.write_if_changed

    def write_then_a_newer_save(target, text):
        wrote = real(target, text)
        if "judul-sementara" in target:
            site.cancel.set()
        return wrote

    livebuild.write_if_changed = write_then_a_newer_save
    try:
        path.write_text(original.replace("Title: ", "Title: Judul Sementara ", 1), "utf-8")
        with pytest.raises(livebuild.Cancelled):
            site.build()
        assert list((root / "live").rglob("*judul-sementara*"))  # it was written
    finally:
        livebuild.write_if_changed = real
        path.write_text(original, encoding="utf-8")
    site.cancel.clear()
    site.build()
    site.finish()
    assert_same_tree(root / "live", cold_tree(root, dev_conf))
