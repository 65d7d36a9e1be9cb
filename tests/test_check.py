"""`make check`: every rule has a failing fixture and the message the editor sees; clean content
passes; nothing is written; the publish build reports the same problems."""

import re

import imagegen
import pytest
from conftest import GOOD_HEADER
from workflow import TESTCONF, header, run_make, run_tool, write_site

A = "articles/2024/berita.md"
LINE = 6  # first body line: four header lines, a blank line


def expected(message, tmp_path):
    """Messages name other files by their path; "@" stands for the test's temporary folder."""
    return message.replace("@", f"{tmp_path}/")


def check(tmp_path, files):
    content = write_site(tmp_path / "content", files)
    return run_tool("check", "-s", TESTCONF, content)


CASES = [
    pytest.param(
        {A: GOOD_HEADER.replace("Category: Berita", "Category: Berrita") + "\nIsi.\n"},
        f"content/{A}:4: unknown category 'Berrita' (did you mean 'Berita'?) — use one of:",
        id="metadata-rule-from-news_metadata",
    ),
    pytest.param(
        {A: header("Judul Baik") + "Lihat [berita lain]({filename}tidak-ada.md).\n"},
        f"content/{A}:{LINE}: link {{filename}}tidak-ada.md points to a file that does not "
        "exist — write the path of an existing article or page relative to this file",
        id="filename-link-unresolved",
    ),
    pytest.param(
        {A: header("Judul Baik") + "![Foto banjir]({static}/images/hilang.jpg)\n"},
        f"content/{A}:{LINE}: link {{static}}/images/hilang.jpg points to a file that does not "
        "exist — put the file under content/",
        id="static-image-unresolved",
    ),
    pytest.param(
        {A: header("Judul Baik") + "Unduh [laporan]({attach}dokumen/laporan.pdf).\n"},
        f"content/{A}:{LINE}: link {{attach}}dokumen/laporan.pdf points to a file that does not "
        "exist",
        id="attach-unresolved",
    ),
    pytest.param(
        {
            A: header("Judul Baik") + "Baca juga [draf]({filename}draf.md).\n",
            "articles/2024/draf.md": header("Belum Siap", "2024-05-02 08:00", "Status: draft")
            + "Isi.\n",
        },
        f"content/{A}:{LINE}: link {{filename}}draf.md points to @content/articles/2024/draf.md, "
        "which is a draft (Status: draft) and is not published — remove the link, or publish "
        "that article first",
        id="link-to-draft",
    ),
    pytest.param(
        {
            A: header("Judul Baik") + "Baca juga [besok]({filename}embargo.md).\n",
            "articles/2024/embargo.md": header("Hasil Pemilu", "2099-01-01 08:00") + "Isi.\n",
        },
        f"content/{A}:{LINE}: link {{filename}}embargo.md points to "
        "@content/articles/2024/embargo.md, which is scheduled for 2099-01-01 08:00 WITA and not "
        "published yet — remove the link until that article is out",
        id="link-to-embargoed-article",
    ),
    pytest.param(
        {A: header("Judul Baik") + "Isi\x0bberita dari Word.\n"},
        f"content/{A}:{LINE}: invisible control character U+000B (vertical tab: Word's manual "
        "line break, Shift+Enter) in column 4 — delete it",
        id="control-character-vertical-tab",
    ),
    pytest.param(
        {A: header("Judul Baik") + "Teks biasa.\n\nKata ber\x1fsuku dan\x00 lagi.\n"},
        f"content/{A}:{LINE + 2}: invisible control character U+001F (Word's optional hyphen) in "
        "column 9 (and 1 more on this line)",
        id="control-character-optional-hyphen",
    ),
    pytest.param(
        {
            "articles/2024/a.md": header("Judul Kembar") + "Isi pertama.\n",
            "articles/2024/b.md": header("Judul Kembar", "2024-05-20 10:00") + "Isi kedua.\n",
        },
        "content/articles/2024/b.md:1: this article would be written to "
        "2024/05/judul-kembar.html, like @content/articles/2024/a.md (same slug 'judul-kembar') — "
        "give one of them a different Title, or add a line 'Slug: another-slug'",
        id="duplicate-url",
    ),
    pytest.param(
        {
            "articles/2024/a.md": header("Satu", "2024-05-01 08:00", "Id: 20240501-abcdef") + "I\n",
            "articles/2024/b.md": header("Dua", "2024-05-02 08:00", "Id: 20240501-abcdef") + "I\n",
        },
        "content/articles/2024/b.md:5: Id '20240501-abcdef' is also the Id of "
        "@content/articles/2024/a.md — every article needs its own Id",
        id="duplicate-id",
    ),
    pytest.param(
        {A: header("Judul Baik") + "Isi.\n\nPROBE-ERROR di sini.\n"},
        f"content/{A}:{LINE + 2}: probe plugin: bad input — fix it",
        id="other-plugin-error",
    ),
]


@pytest.mark.parametrize(("files", "message"), CASES)
def test_check_reports_rule(tmp_path, files, message):
    result = check(tmp_path, files)
    assert result.returncode == 1, result.output_text
    assert expected(message, tmp_path) in result.stdout
    assert "make check: 1 content error(s):" in result.stdout


def test_clean_content_passes_through_make():
    result = run_make("check")
    assert result.returncode == 0, result.output_text
    assert "make check: no problems found (12 published article(s)" in result.stdout


def test_valid_links_of_every_kind_pass(tmp_path):
    files = {
        A: header("Judul Baik")
        + "[Relatif]({filename}lain.md), [dari akar]({filename}/articles/2024/lain.md), "
        "[halaman]({filename}../../pages/tentang.md), ![foto]({static}../../images/a.jpg), "
        "[pdf]({attach}/images/laporan.pdf), [dengan jangkar]({filename}lain.md#isi)\n",
        "articles/2024/lain.md": header("Berita Lain") + "Isi.\n",
        "pages/tentang.md": "Title: Tentang\n\nKami.\n",
        "images/a.jpg": imagegen.jpeg_bytes(imagegen.photo(64, 48)),  # news_images opens it
        "images/laporan.pdf": imagegen.pdf_document(),  # news_images publishes a clean copy
    }
    result = check(tmp_path, files)
    assert result.returncode == 0, result.output_text
    assert "no problems found (2 published article(s), 0 draft(s), 1 page(s)" in result.stdout


def test_hidden_and_withdrawn_articles_are_in_the_inventory(tmp_path):
    files = {
        A: header("Judul Baik") + "Isi.\n",
        "articles/2024/sembunyi.md": header("Sembunyi", "2024-05-02 08:00", "Status: hidden")
        + "Isi.\n",
        "articles/2024/ditarik.md": header(
            "Ditarik",
            "2024-05-03 08:00",
            "Status: withdrawn",
            "Withdrawn_reason: sara",
            "Withdrawn_date: 2024-05-04 08:00",
        )
        + "Isi.\n",
    }
    result = check(tmp_path, files)
    assert result.returncode == 0, result.output_text
    assert (
        "(1 published article(s), 0 draft(s), 0 page(s), 1 hidden article(s), listed nowhere "
        "(content/articles/2024/sembunyi.md), 1 withdrawn article(s), 0 scheduled"
    ) in result.stdout.replace(str(tmp_path) + "/", ""), result.stdout


def test_a_translation_is_counted_and_written_next_to_its_story(tmp_path, make_site):
    files = {
        A: header("Judul Baik") + "Isi.\n",
        "articles/2024/berita-en.md": header("Good Title", "2024-05-01 08:00", "Lang: en",
                                             "Slug: judul-baik") + "Text.\n",
    }  # fmt: skip
    result = check(tmp_path, files)
    assert result.returncode == 0, result.output_text
    assert "(1 published article(s), 1 translation(s), 0 draft(s)" in result.stdout
    site = make_site(files)
    assert site.result.returncode == 0, site.result.output_text
    assert site.path("2024/05/judul-baik-en.html").is_file()  # was judul-baik-en.html at the root
    assert not site.path("judul-baik-en.html").exists()


def test_a_hidden_article_is_not_for_search_engines(make_site):
    site = make_site({A: header("Judul Baik", "2024-05-01 08:00", "Status: hidden") + "Isi.\n"})
    assert site.result.returncode == 0, site.result.output_text
    assert (
        site.soup("2024/05/judul-baik.html").find("meta", attrs={"name": "robots"})["content"]
        == "noindex"
    )


# One problem of each kind, one file each (also used by test_publish: same checks there).
ALL_PROBLEMS = {
    "articles/2024/a.md": header("Kategori Salah").replace("Berita", "Berrita") + "I.\n",
    "articles/2024/b.md": header("Tautan Rusak") + "[x]({filename}hilang.md)\n",
    "articles/2024/c.md": header("Gambar Hilang") + "![x]({static}/images/x.jpg)\n",
    "articles/2024/d.md": header("Ke Draf") + "[x]({filename}e.md)\n",
    "articles/2024/e.md": header("Draf", "2024-05-01 08:00", "Status: draft") + "I.\n",
    "articles/2024/f.md": header("Tanda Word") + "Satu\x0bdua.\n",
    "articles/2024/g.md": header("Kembar") + "I.\n",
    "articles/2024/h.md": header("Kembar") + "I.\n",
    "articles/2024/i.md": header("Penguji") + "PROBE-ERROR\n",
}
# (file, the start of its message after the path)
ALL_MESSAGES = [
    ("a", ":4: unknown category 'Berrita'"),
    ("b", ":6: link {filename}hilang.md points to a file that does not exist"),
    ("c", ":6: link {static}/images/x.jpg points to a file that does not exist"),
    ("d", ":6: link {filename}e.md points to"),
    ("f", ":6: invisible control character U+000B"),
    ("h", ":1: this article would be written to 2024/05/kembar.html"),
    ("i", ":6: probe plugin: bad input"),
]


def test_every_problem_at_once_and_nothing_written(tmp_path):
    """One site with one problem of each kind: all reported in one run, nothing written."""
    content = write_site(tmp_path / "content", ALL_PROBLEMS)
    conf = tmp_path / "checkconf.py"
    conf.write_text(
        f"import sys\nsys.path.insert(0, {str(TESTCONF.parent)!r})\n"
        "from testconf import *  # noqa\n"
        f"OUTPUT_PATH = {str(tmp_path / 'out')!r}\nCACHE_PATH = {str(tmp_path / 'cache')!r}\n"
        "CACHE_CONTENT = True\n",
        encoding="utf-8",
    )
    result = run_tool("check", "-s", conf, content)
    assert result.returncode == 1
    assert "make check: 7 content error(s):" in result.stdout
    for name, text in ALL_MESSAGES:
        assert f"content/articles/2024/{name}.md{text}" in result.stdout, name
    assert not (tmp_path / "out").exists() and not (tmp_path / "cache").exists()


def test_shared_id_stays_with_the_older_article_and_the_fix_is_stable(tmp_path):
    """The copy sorts first by name (a.md) but is newer: the original keeps its Id (its
    comments are filed under it); the same suggestion in every run."""
    content = write_site(
        tmp_path,
        {
            "articles/2024/z-original.md": header("Asli", "2024-05-01 08:00", "Id: 20240501-abcdef")
            + "I\n",
            "articles/2024/a-salinan.md": header("Salin", "2024-05-03 08:00", "Id: 20240501-abcdef")
            + "I\n",
        },
    )
    first = run_tool("check", "-s", TESTCONF, content)
    assert first.returncode == 1
    assert (
        "articles/2024/a-salinan.md:5: Id '20240501-abcdef' is also the Id of "
        "articles/2024/z-original.md — every article needs its own Id: keep it on the "
        "older one and write 'Id: 20240503-"
    ) in first.stdout.replace(str(tmp_path) + "/", ""), first.stdout
    assert "z-original.md:5" not in first.stdout
    timing = re.compile(r"checked in [0-9.]+ s")
    again = run_tool("check", "-s", TESTCONF, content).stdout
    assert timing.sub("", again) == timing.sub("", first.stdout)


def test_shared_id_on_the_same_date_asks_for_the_copy(tmp_path):
    same = header("Salin", "2024-05-01 08:00", "Id: 20240501-abcdef") + "I\n"
    content = write_site(tmp_path, {"articles/2024/a.md": same, "articles/2024/b.md": same})
    result = run_tool("check", "-s", TESTCONF, content)
    assert result.returncode == 1
    assert "both have the same Date, so write 'Id: 20240501-" in result.stdout, result.stdout
    assert "in whichever of the two is the copy" in result.stdout


def _error_lines(text):
    """The summary's error lines (``  path:line: what — fix``), without the log's copies."""
    return sorted(line.strip() for line in text.splitlines() if re.match(r"  /\S+\.md:\d+: ", line))


def test_errors_of_every_receiver_of_the_reading_half_come_in_one_run(tmp_path):
    """A header error (news_metadata's own all_generators_finalized receiver, first in
    PLUGINS) and an error of a later receiver of the same signal: both in one publish and in
    make check, the same lines; before, the strict build stopped at the first receiver."""
    content = write_site(
        tmp_path / "content",
        {
            "articles/2024/a.md": GOOD_HEADER.replace("Category: Berita", "Category: Berrita")
            + "\nIsi.\n",
            "articles/2024/b.md": header("Penguji Lambat") + "PROBE-LATE-ERROR\n",
        },
    )
    checked = run_tool("check", "-s", TESTCONF, content)
    published = run_tool("publish", content, "-o", tmp_path / "out", "-s", TESTCONF)
    assert (checked.returncode, published.returncode) == (1, 1)
    lines = _error_lines(checked.stdout)
    assert [line.split(": ", 1)[0].rsplit("/", 1)[1] for line in lines] == ["a.md:4", "b.md:6"]
    assert "found after reading" in lines[1]
    assert _error_lines(published.stderr) == lines
    assert not (tmp_path / "out").exists()


def test_an_error_found_only_while_writing_fails_check_as_it_fails_publish(tmp_path):
    """A plugin that finds a problem only when a page is written (a template, a feed, a
    sitemap would): make check writes the site too (into a folder it deletes), so it
    reports the same line publish does."""
    content = write_site(
        tmp_path / "content",
        {"articles/2024/c.md": header("Penguji Tulis") + "PROBE-WRITE-ERROR\n"},
    )
    checked = run_tool("check", "-s", TESTCONF, content)
    published = run_tool("publish", content, "-o", tmp_path / "out", "-s", TESTCONF)
    assert (checked.returncode, published.returncode) == (1, 1), checked.output_text
    lines = _error_lines(checked.stdout)
    assert len(lines) == 1 and "c.md:6: probe plugin: bad input, found while writing" in lines[0]
    assert _error_lines(published.stderr) == lines
