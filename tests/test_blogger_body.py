"""Blogger post HTML to Markdown (plugins/blogger_import/body.py): cleanup, byline, escaping.

The markup is what Blogger's editor writes (div/br soup, separator images, caption tables,
inline styles); each expected Markdown was read by a person once.
"""

import random

import markdown
import pytest
from bs4 import BeautifulSoup
from newsroom_cli.blogger_import.body import convert, escape_markdown
from newsroom_cli.blogger_import.images import largest_url

HOSTS = ("googleusercontent.com", "bp.blogspot.com")

SOUP = (
    '<div dir="ltr" style="text-align: left;" trbidi="on">'
    '<div style="text-align: justify;"><b>Oleh : Munir Husen</b></div>'
    '<div style="text-align: justify;">(Dosen Universitas Muhammadiyah Bima)</div>'
    '<div style="text-align: justify;"><br /></div>'
    '<div><span style="font-family: arial;">Inovasi, gagasan *jawara* ASN_baru.</span></div>'
    "<div><br /></div>"
    '<div class="separator" style="clear: both;"><a href="https://blogger.googleusercontent.com'
    '/img/b/R29/AVv/s1600/kaki.jpg" imageanchor="1"><img border="0" height="180" '
    'src="https://blogger.googleusercontent.com/img/b/R29/AVv/s320/kaki.jpg" width="320" />'
    "</a></div>"
    '<table class="tr-caption-container"><tbody><tr><td><a href="https://1.bp.blogspot.com/-x/Y/A/z'
    '/s1600/foto2.jpg"><img src="https://1.bp.blogspot.com/-x/Y/A/z/s400/foto2.jpg" />'
    "</a></td></tr>"
    '<tr><td class="tr-caption">Wali Kota menerima penghargaan</td></tr></tbody></table>'
    "Semakin banyak inovator,<br />semakin banyak inovasi.<br /><br />"
    '<span style="font-weight: bold;">Penting</span> '
    "&lt;script&gt;alert(1)&lt;/script&gt; 5 &lt; 6 "
    '&amp; {: onclick=x} [@kunci] <a href="javascript:alert(1)">jahat</a> '
    '<a href="https://menpan.go.id">MenpanRB</a>.'
    "<ul><li>Satu</li><li>Dua <i>miring</i></li></ul><h1>Subjudul</h1>"
    '<table border="1"><tr><th>Tahun</th><th>Nilai</th></tr>'
    "<tr><td>2024</td><td>90</td></tr></table>"
    '<iframe src="https://www.youtube.com/embed/abc123" width="320"></iframe>'
    "<script>document.write('iklan')</script>"
    "<div>Allahul Musta’an</div><div><br></div><div>Tidak ada komentar</div></div>"
)

EXPECTED = """\
Inovasi, gagasan \\*jawara\\* ASN\\_baru.

![Judul](https://blogger.googleusercontent.com/img/b/R29/AVv/s1600/kaki.jpg)

![Wali Kota menerima penghargaan](https://1.bp.blogspot.com/-x/Y/A/z/s1600/foto2.jpg)

*Wali Kota menerima penghargaan*

Semakin banyak inovator,  
semakin banyak inovasi.

**Penting** &lt;script>alert(1)&lt;/script> 5 &lt; 6 &amp; \\{: onclick=x\\} \\[@kunci\\] jahat [MenpanRB](https://menpan.go.id).

- Satu
- Dua *miring*

## Subjudul

| Tahun | Nilai |
| --- | --- |
| 2024 | 90 |

[Video: https://www.youtube.com/watch?v=abc123](https://www.youtube.com/watch?v=abc123)

Allahul Musta’an"""  # noqa: W291 (two spaces: a Markdown line break)


def test_blogger_soup_becomes_clean_markdown():
    body = convert(SOUP, title="Judul", image_hosts=HOSTS)
    assert body.markdown == EXPECTED
    assert body.byline == ["Munir Husen"]
    assert body.affiliation == "Dosen Universitas Muhammadiyah Bima"
    assert body.images == [
        "https://blogger.googleusercontent.com/img/b/R29/AVv/s1600/kaki.jpg",
        "https://1.bp.blogspot.com/-x/Y/A/z/s1600/foto2.jpg",
    ]
    assert any("<script>" in w for w in body.warnings)
    assert any("video became a link" in w for w in body.warnings)


def test_rendered_body_runs_nothing():
    html = markdown.markdown(
        convert(SOUP, "Judul", HOSTS).markdown, extensions=["markdown.extensions.extra"]
    )
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find_all(["script", "iframe"])
    assert all(not a["href"].startswith("javascript") for a in soup.find_all("a"))
    assert not any(attr.startswith("on") for tag in soup.find_all(True) for attr in tag.attrs)
    assert "<script>alert(1)</script>" in soup.get_text()


def test_seed_furniture_is_dropped():
    html = (
        "<div>• Breaking News</div><div>Judul Berita</div><div>Oleh : Munir Husen</div>"
        "<div>(Dosen Universitas Muhammadiyah Bima)</div><div>Paragraf.</div>"
        "<div>Tidak ada komentar</div>"
    )
    body = convert(html, "Judul Berita")
    assert body.markdown == "Paragraf."
    assert body.byline == ["Munir Husen"]


@pytest.mark.parametrize(
    ("line", "names", "affiliation"),
    [
        ("Oleh: Rahmat Hidayat (Guru SMAN 1 Woha)", ["Rahmat Hidayat"], "Guru SMAN 1 Woha"),
        ("Penulis : Dr. H. Munir Husen, S.H., M.H.", ["Dr. H. Munir Husen, S.H., M.H"], ""),
        ("Oleh : Nurhayati dan Fajar Ramadhan", ["Nurhayati", "Fajar Ramadhan"], ""),
        ("Oleh Rosdiana", ["Rosdiana"], ""),
    ],
)
def test_typed_bylines(line, names, affiliation):
    body = convert(f"<div>{line}</div><div>Isi berita.</div>")
    assert (body.byline, body.affiliation, body.markdown) == (names, affiliation, "Isi berita.")


def test_prose_starting_with_oleh_is_not_a_byline():
    body = convert("<div>Oleh sebab itu, prestasi keberhasilan bukan hasil akhir.</div>")
    assert body.byline == []
    assert body.markdown.startswith("Oleh sebab itu")


def test_lossy_table_stays_sanitized_html():
    html = (
        '<table><tr><td colspan="2" onclick="x()">Gabung</td></tr>'
        "<tr><td>a</td><td>b</td></tr></table>"
    )
    markdown_text = convert(html).markdown
    assert 'colspan="2"' in markdown_text and "onclick" not in markdown_text
    assert markdown_text.startswith("<table>")


def test_escaping_round_trips_through_the_sites_markdown():
    """Any text, escaped, is shown by Python-Markdown (extra, as the site configures it) exactly
    as typed and makes no element but line breaks."""
    md = markdown.Markdown(extensions=["markdown.extensions.extra", "markdown.extensions.toc"])
    alphabet = "ab \\`*_{}[]()#+-.!<>&=~:|@;1\n"
    rng = random.Random(17)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
        soup = BeautifulSoup(md.reset().convert(escape_markdown(text)), "html.parser")
        assert " ".join(soup.get_text().split()) == " ".join(text.split()), repr(text)
        assert {tag.name for tag in soup.find_all(True)} <= {"p", "br"}, repr(text)


@pytest.mark.parametrize(
    ("url", "largest"),
    [
        ("https://blogger.googleusercontent.com/img/b/R29/AVv/s320/a.jpg", ".../AVv/s1600/a.jpg"),
        (
            "https://blogger.googleusercontent.com/img/b/R29/AVv/w640-h480-rw/a.jpg",
            ".../AVv/s1600/a.jpg",
        ),
        ("https://blogger.googleusercontent.com/img/a/AVvXsE=w400-h300", ".../a/AVvXsE=s1600"),
        ("https://3.bp.blogspot.com/-a/B/C/d/s400/b.png", ".../C/d/s1600/b.png"),
        ("https://example.com/s320/c.jpg", "https://example.com/s320/c.jpg"),
    ],
)
def test_largest_image_size(url, largest):
    got = largest_url(url)
    assert got == largest if not largest.startswith("...") else got.endswith(largest[3:])


def test_plain_text_shortcut_equals_the_full_conversion():
    """Plain bodies (most comments) skip the HTML parser; a reader sees the same text as with
    the full path (a <span> forces the full path and changes nothing else). The full path may
    differ in white space around a <br> written after spaces (markdownify's), so the rendered
    text is compared with white space folded, and typical comments exactly."""
    pieces = ["Bagus", " sekali", "<br />", "<br>", "<BR/>", "  ", "*", "1.", "#", "-", "\n",
              "Oleh : Budi", "Tidak ada komentar", "[@x]", "{", "ä", "\xa0", "&lt;",
              "<"]  # fmt: skip
    md = markdown.Markdown(extensions=["markdown.extensions.extra"])
    rng = random.Random(3)
    seen = set()
    for _ in range(2000):
        html = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
        if html in seen:  # short draws repeat: each distinct body is converted once
            continue
        seen.add(html)
        fast, full = convert(html, "Judul"), convert(html + "<span></span>", "Judul")
        assert (fast.byline, fast.first_paragraph) == (full.byline, full.first_paragraph)
        if fast.markdown == full.markdown:  # the same Markdown shows the same text
            continue
        shown = [
            " ".join(
                BeautifulSoup(md.reset().convert(b.markdown), "html.parser").get_text().split()
            )
            for b in (fast, full)
        ]
        assert shown[0] == shown[1], repr(html)
    for comment in ("Setuju.", "Bagus sekali.<br />Salam dari Rasanae.", "a<br><br>b * c_d"):
        assert convert(comment).markdown == convert(comment + "<span></span>").markdown
