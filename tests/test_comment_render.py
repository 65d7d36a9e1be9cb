"""Comment bodies and commenter URLs (plugins/comments/render.py), without a site build."""

import random
from urllib.parse import quote

import markdown
import pytest
from comments.plugin import mailto
from comments.render import MARKDOWN_EXTENSIONS, CommentRenderer, check_url, plain_paragraphs


@pytest.fixture(scope="module")
def renderer():
    return CommentRenderer()


@pytest.fixture(scope="module")
def python_markdown():
    """The parser the shortcut must agree with: Python-Markdown as the plugin configures it."""
    md = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS, output_format="html5")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("Mantap!", "<p>Mantap!</p>"),
        ("Baris satu\nbaris dua", "<p>Baris satu<br>\nbaris dua</p>"),
        ("Satu.\n\nDua.", "<p>Satu.</p>\n<p>Dua.</p>"),
        ("Ini *tebal*", None),  # emphasis
        ("1. daftar", None),  # ordered list
        ("2024. Tahun", None),  # would be a list item too
        ("- butir", None),
        ("# judul", None),
        ("Judul\n===", None),  # setext heading
        ("    kode", None),  # indented code
        ("akhir dengan dua spasi  \nlalu", None),  # hard break
        ("a & b", None),  # escaped by Markdown
        ("lihat [tautan](https://contoh.example)", None),
    ],
)
def test_plain_paragraphs_takes_only_plain_text(text, html):
    assert plain_paragraphs(text) == html


ALPHABET = [
    *"abcXYZ  ..,,!!??::;;''\"\"()/-%#=+@$~^{}|]0123456789\u00e9\u00a0\u3000",
    *["\n", "\n", "\n\n", "\n\n\n", " \n", "\n  ", "\n\t", "1. ", "\n2024. ", "\n- ", "\n+ "],
    *["\n# ", "\n==", "\n--", "\n***", "\u2028", "\x85", "\r", "*", "_", "`", "<", "&", "["],
]


def test_plain_paragraphs_agrees_with_python_markdown(python_markdown):
    """Whenever the shortcut answers, its HTML is byte for byte Python-Markdown's."""
    rng = random.Random(2024)
    answered = 0
    for _ in range(20000):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 60)))
        html = plain_paragraphs(text)
        if html is None:
            continue
        answered += 1
        assert html == python_markdown.reset().convert(text), repr(text)
    assert answered > 1000  # the generator does reach the shortcut


def test_plain_paragraphs_agrees_on_sentences(python_markdown):
    words = ["warga", "kota", "Bima", "jalan", "rusak", "2024", "Rp12.000", "(kemarin)"]
    words += ["benar!", "kapan?", "50%", "hari-hari", "Dompu;", "ya:", "'kata'", '"kutip"']
    rng = random.Random(7)
    for _ in range(2000):
        paragraphs = [
            "\n".join(
                " ".join(rng.choice(words) for _ in range(rng.randint(1, 12)))
                for _ in range(rng.randint(1, 3))
            )
            for _ in range(rng.randint(1, 3))
        ]
        text = "\n\n".join(paragraphs)
        html = plain_paragraphs(text)
        assert html is not None, repr(text)
        assert html == python_markdown.reset().convert(text), repr(text)


def test_render_escapes_raw_html_and_strips_dangerous_links(renderer):
    html = renderer.render(
        '<script>alert(1)</script> <b onclick="x()">b</b>\n\n'
        "[a](javascript:alert(1)) [b](data:text/html,x) [c](/p/x.html) [d](https://ok.example)\n\n"
        "![gambar](https://tracker.example/p.png)"
    )
    assert "<script" not in html and "<b" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<a rel="nofollow ugc noopener">a</a>' in html
    assert '<a rel="nofollow ugc noopener">b</a>' in html
    assert '<a rel="nofollow ugc noopener">c</a>' in html  # relative URLs are denied
    assert '<a href="https://ok.example" rel="nofollow ugc noopener">d</a>' in html
    assert "<img" not in html and "tracker" not in html and "<p></p>" not in html


def test_render_keeps_markdown_emphasis_lists_and_quotes(renderer):
    html = renderer.render("*miring* dan **tebal**\n\n- satu\n- dua\n\n> kutipan")
    assert "<em>miring</em>" in html and "<strong>tebal</strong>" in html
    assert "<ul>\n<li>satu</li>" in html and "<blockquote>" in html


@pytest.mark.parametrize(
    "url", ["https://budi.example", "http://budi.example/profil?a=1", "HTTPS://Budi.Example"]
)
def test_check_url_accepts_web_addresses(url):
    assert check_url(url) == url


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("javascript:alert(1)", "Url 'javascript:alert(1)' is not an http:// or https:// address"),
        ("data:text/html,x", "is not an http:// or https:// address"),
        ("budi.example", "is not an http:// or https:// address"),
        ("https://", "Url 'https://' has no host name"),
        ("https://budi example", "contains spaces or control characters"),
        ("https://[::1", "is not a valid address"),
    ],
)
def test_check_url_rejects_with_reason(url, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        check_url(url)


@pytest.mark.parametrize(
    "subject", ["Laporan komentar 20241206-1015-a3f2 pada tulisan 20241205-kaki", "ü/?&#", ""]
)
def test_mailto_encodes_subject_and_crlf_body(subject):
    href = mailto("redaksi@contoh.example", subject, "Nama:\nKomentar:")
    assert href == (
        f"mailto:redaksi@contoh.example?subject={quote(subject, safe='')}"
        "&body=Nama%3A%0D%0AKomentar%3A"
    )
