"""Typogrify on body text only; headlines as plain text in <title>, attributes and feeds;
markup typed in a title or author name is shown as text."""

import re

import pytest
from bs4 import BeautifulSoup
from conftest import SITEURL
from lxml import etree

TITLE = '<script>alert(1)</script> "KPK" Periksa 3 Saksi & Ahli'
BODY = """\
Kata "kutip" -- dan KPK & Polri di paragraf.

Kode `"jangan" -- diubah` di baris.

```
"tetap" -- sama & utuh
```

<script>var s = "x" -- 1;</script>

Tautan <https://contoh.example/a--b>.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from conftest import AUTHORS_YML, run_pelican

    root = tmp_path_factory.mktemp("typo")
    article = root / "content/articles/2024/a.md"
    article.parent.mkdir(parents=True)
    authors = AUTHORS_YML + "- name: <b>Bold</b> Writer\n  affiliation: Tamu & Kontributor\n"
    (root / "content/data").mkdir()
    (root / "content/data/authors.yml").write_text(authors, encoding="utf-8")
    header = (
        f"Title: {TITLE}\nDate: 2024-05-01 08:00\nAuthor: <b>Bold</b> Writer\n"
        'Category: Berita\nSlug: kpk\nSummary: Ringkasan "kutip" & <em>miring</em>.\n'
        "Scripts: allowed\n"  # the body's <script> is deliberate: typogrify must leave it alone
    )
    article.write_text(header + "\n" + BODY, encoding="utf-8")
    result = run_pelican(root / "content", root / "output", "publishconf.py")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "output"


def test_markup_in_title_and_author_is_text(built):
    html = (built / "2024/05/kpk.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "<b>Bold</b>" not in html
    soup = BeautifulSoup(html, "lxml")
    assert "<script>alert(1)</script>" in soup.h1.get_text()
    assert "<b>Bold</b> Writer" in soup.select_one(".byline").get_text()


def test_title_tag_is_plain_text(built):
    html = (built / "2024/05/kpk.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "span" not in title and "&nbsp;" not in title
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in title


def test_body_is_typogrified_but_code_pre_script_and_urls_are_not(built):
    html = (built / "2024/05/kpk.html").read_text(encoding="utf-8")
    assert "&#8220;kutip&#8221;" in html or "“kutip”" in html
    assert '<code>"jangan" -- diubah</code>' in html
    assert '<script>var s = "x" -- 1;</script>' in html
    soup = BeautifulSoup(html, "lxml")
    assert soup.select_one(".entry-content pre").get_text() == '"tetap" -- sama & utuh\n'
    link = soup.select_one(".entry-content a[href='https://contoh.example/a--b']")
    assert link.get_text() == "https://contoh.example/a--b"


def test_feed_title_is_plain_text(built):
    root = etree.parse(str(built / "feeds/semua.atom.xml")).getroot()
    title = root.findtext("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}title")
    assert title == "<script>alert(1)</script> “KPK” Periksa 3 Saksi & Ahli"
    link = root.find("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}link")
    assert link.get("href") == f"{SITEURL}/2024/05/kpk.html"


def test_meta_description_is_visible_text_only(built):
    soup = BeautifulSoup((built / "2024/05/kpk.html").read_text(encoding="utf-8"), "lxml")
    description = soup.find("meta", attrs={"name": "description"})["content"]
    assert description.startswith("Ringkasan “kutip” & miring")
    assert "kode" not in description and "<" not in description
