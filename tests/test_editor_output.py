"""What the published site holds for inputs the corpus (test_editor_corpus.py) only sees as exit
codes and messages: an editor's HTML comments reach no output, and a translation has its
text-edition page and its own language. One publish build for the module."""

import pytest
from bs4 import BeautifulSoup
from workflow import TESTCONF, header, run_tool, write_site

NOTES = (
    "Isi berita.\n\n<!-- catatan redaksi: <script>alert(1)</script> sumber minta anonim -->\n\n"
    "Kalimat <!-- rahasia kecil --> berikutnya.\n\n```\n<!-- kode tetap -->\n```\n"
)
FILES = {
    "articles/2024/berita.md": header("Judul Baik", "2024-05-01 08:00") + NOTES,
    "articles/2024/berita-en.md": header(
        "Good Title", "2024-05-01 08:00", "Lang: en", "Slug: judul-baik"
    )
    + "English text.\n",
}


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    root = tmp_path_factory.mktemp("editor-output")
    content = write_site(root / "content", FILES)
    result = run_tool("publish", content, "-o", root / "out", "-s", TESTCONF)
    assert result.returncode == 0, result.output_text
    return root / "out"


def test_html_comments_reach_no_page_feed_or_text_edition(out):
    """The notes were in the page source, and smartypants made the first one's '--' dashes,
    so its end showed on the page ('sumber minta anonim —>')."""
    everything = "".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in out.rglob("*")
        if p.suffix in (".html", ".xml", ".json", ".txt")
    )
    for secret in ("catatan redaksi", "sumber minta anonim", "rahasia kecil", "alert(1)"):
        assert secret not in everything, secret
    page = BeautifulSoup((out / "2024/05/judul-baik.html").read_text("utf-8"), "lxml")
    words = " ".join(page.select_one(".entry-content").get_text(" ").replace("\xa0", " ").split())
    assert "Kalimat berikutnya." in words
    assert "<!-- kode tetap -->" in words  # code shows the comment as typed


def test_a_translation_has_its_text_edition_page_in_its_language(out):
    story = BeautifulSoup((out / "2024/05/judul-baik.html").read_text("utf-8"), "lxml")
    translation = BeautifulSoup((out / "2024/05/judul-baik-en.html").read_text("utf-8"), "lxml")
    assert story.html["lang"] == "id" and translation.html["lang"] == "en"
    link = translation.select_one("a.lite-link")["href"]
    assert link.endswith("/teks/2024/05/judul-baik-en.html")
    text = BeautifulSoup((out / "teks/2024/05/judul-baik-en.html").read_text("utf-8"), "lxml")
    assert text.html["lang"] == "en"
    assert "English text." in text.get_text(" ").replace("\xa0", " ")
