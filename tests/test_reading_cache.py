"""build_speed's persistent reading cache (plugins/build_speed/reading.py): a warm build's tree
equals a cold one's, and a change to each kind of input is seen (a stale entry is never used).

Each case builds a small synthetic corpus in this process (tests/inprocess.py) twice with one
cache folder: before and after the change; the page must show the change.
"""

import json
import shutil

import bench
import pytest
from conftest import ROOT
from inprocess import build
from newsroom_cli.publish import tree_digest
from search.index import UNSTABLE_FILES

ARTICLE = "content/articles/2020/artikel-00001.md"


@pytest.fixture
def corpus(tmp_path):
    """A 6-article corpus with a site bibliography and comments, its plugins copied (so a test
    can change their code); returns (root, settings file)."""
    conf = bench.make_corpus(tmp_path, 6, comments=8, citations=100)
    shutil.copytree(
        ROOT / "plugins", tmp_path / "plugins", ignore=shutil.ignore_patterns("__pycache__")
    )
    text = conf.read_text(encoding="utf-8")
    conf.write_text(
        text.replace(repr(str(ROOT / "plugins")), repr(str(tmp_path / "plugins"))), "utf-8"
    )
    return tmp_path, conf


def run(root, conf, output, *overrides):
    env = {"SOURCE_DATE_EPOCH": bench.build_epoch(root)}
    argv = ["-s", conf, "-o", root / output, "-e", "SEARCH_INDEX=false", *overrides]
    result = build(argv, env=env)
    assert result.returncode == 0, result.stderr
    return result


def entries(root):
    return sorted((root / "cache" / "reading").rglob("*.pickle"))


def page(root, output):
    """The text of ARTICLE's page in ``output`` (found by the first words of its body)."""
    body = (root / ARTICLE).read_text(encoding="utf-8").split("\n\n", 1)[1]
    words = " ".join(body.split()[:6])
    pages = [p for p in (root / output / "2020").rglob("*.html") if words in p.read_text("utf-8")]
    assert len(pages) == 1, (words, pages)
    return pages[0].read_text(encoding="utf-8")


def test_warm_tree_equals_cold_and_reads_nothing_again(corpus):
    root, conf = corpus
    run(root, conf, "cold")
    stored = entries(root)
    assert len(stored) == 6
    run(root, conf, "warm")
    assert entries(root) == stored  # every file served from the cache: nothing stored again
    digests = [tree_digest(root / name, UNSTABLE_FILES) for name in ("cold", "warm")]
    assert digests[0] == digests[1]


def change_source(root):
    path = root / ARTICLE
    path.write_text(
        path.read_text(encoding="utf-8") + "\nKalimat tambahan tentang Lambitu.\n", "utf-8"
    )
    return "Kalimat tambahan"  # typogrify joins the last two words with a no-break space


def change_site_bibliography(root):
    path = root / "content" / "bibliography" / "bench.json"
    items = json.loads(path.read_text(encoding="utf-8"))
    for item in items:
        item["title"] = "Judul Sumber Diganti"
    path.write_text(json.dumps(items), "utf-8")
    return "Judul Sumber Diganti"


def change_comment(root):
    # Comments are attached after reading (never cached); the page must show a new one.
    folder = root / "content" / "comments" / bench.article_id(1)
    folder.mkdir(parents=True, exist_ok=True)
    comment = "Author: Pembaca Baru\nDate: 2026-03-04 10:00\n\nKomentar tentang Lambitu.\n"
    (folder / "k99999.md").write_text(comment, "utf-8")
    return "Komentar tentang Lambitu."


@pytest.mark.parametrize("change", [change_source, change_site_bibliography, change_comment])
def test_a_changed_input_is_seen(corpus, change):
    root, conf = corpus
    run(root, conf, "before")
    expected = change(root)
    assert expected not in page(root, "before")
    run(root, conf, "after")
    assert expected in page(root, "after")


def test_changed_plugin_code_or_theme_reads_everything_again(corpus):
    """In one process the changed module is not imported again (Pelican's plugin loader keeps
    the first), so this asserts the cache's side: no entry of the old code is used."""
    root, conf = corpus
    run(root, conf, "first")
    first = entries(root)
    path = root / "plugins" / "news_metadata" / "typography.py"
    path.write_text(path.read_text(encoding="utf-8") + "\n# changed\n", "utf-8")
    run(root, conf, "second")
    assert len(entries(root)) == 2 * len(first)  # all six read again and stored under new keys


def test_a_changed_reading_setting_is_seen(corpus):
    root, conf = corpus
    path = root / ARTICLE
    path.write_text(path.read_text(encoding="utf-8") + "\n## Subjudul Lambitu\n", "utf-8")
    run(root, conf, "plain")
    assert 'class="headerlink"' not in page(root, "plain")
    toc = {"markdown.extensions.toc": {"permalink": True}}
    markdown = json.dumps({"extension_configs": toc, "output_format": "html5"})
    run(root, conf, "permalink", f"MARKDOWN={markdown}")
    assert 'class="headerlink"' in page(root, "permalink")


def test_an_added_bibliography_file_and_link_target_are_seen(corpus, caplog):
    """Files the article names but that do not exist yet: its own bibliography and a linked
    article. Once written, the page cites the entry and the link resolves."""
    root, conf = corpus
    path = root / ARTICLE
    header, body = path.read_text(encoding="utf-8").split("\n\n", 1)
    body += "\nSumber milik [@milik]. Lihat [berita lain]({filename}baru.md).\n"
    path.write_text(f"{header}\nBibliography: sendiri.json\n\n{body}", "utf-8")
    run(root, conf, "before", "NEWS_METADATA_STRICT=false")
    assert "'sendiri.json' does not exist" in caplog.text and "{filename}baru.md" in caplog.text
    caplog.clear()
    item = {"id": "milik", "type": "book", "title": "Sumber Milik Artikel"}
    item["issued"] = {"date-parts": [[2020]]}
    (path.parent / "sendiri.json").write_text(json.dumps([item]), "utf-8")
    other = (root / "content/articles/2020/artikel-00002.md").read_text(encoding="utf-8")
    other = other.replace("Title: ", "Title: Baru ", 1).replace("Id: ", "Id: baru-", 1)
    (path.parent / "baru.md").write_text(other, "utf-8")
    run(root, conf, "after", "NEWS_METADATA_STRICT=false")
    assert "sendiri.json" not in caplog.text and "baru.md" not in caplog.text
    after = page(root, "after")
    assert "Sumber Milik Artikel" in after and "baru.md" not in after


def test_a_warm_read_does_no_typography_again(corpus, monkeypatch):
    """Typogrify's results are kept with the entry: with the cache warm, a typogrify that
    fails on any call is never called, and the tree is the cold one."""
    from typogrify import filters

    root, conf = corpus
    run(root, conf, "cold")

    def refuse(text, *args, **kwargs):
        raise RuntimeError("typogrify called on a cache hit")

    monkeypatch.setattr(filters, "typogrify", refuse)
    run(root, conf, "warm")
    digests = [tree_digest(root / name, UNSTABLE_FILES) for name in ("cold", "warm")]
    assert digests[0] == digests[1]
    (root / ARTICLE).write_text((root / ARTICLE).read_text("utf-8") + "\nBaru.\n", "utf-8")
    result = build(
        ["-s", conf, "-o", root / "edited", "-e", "SEARCH_INDEX=false"],
        env={"SOURCE_DATE_EPOCH": bench.build_epoch(root)},
    )
    assert "typogrify called on a cache hit" in result.stdout + result.stderr  # a miss calls it
