"""Typogrify's failure modes in Indonesian text (issue 11, item 11): what smartypants and
typogrify do to quotes, apostrophes, dashes, initials, numbers, short lines and addresses, with
the site's settings and news_metadata.typography in front of it.

Each expected string was written by hand. "Before" (typogrify 2.1.0 / smartypants 2.0.2 alone,
with the site's old settings) is noted per case; the cases marked "kept" were right already.
"""

import markdown
import pytest
import smartypants
from news_metadata import typography
from typogrify.filters import typogrify

SETTINGS = {}
exec((__import__("pathlib").Path(__file__).parent.parent / "pelicanconf.py").read_text(),
     {"__file__": "pelicanconf.py"}, SETTINGS)  # fmt: skip


def render(text):
    """Markdown with news_metadata's typography pass, then typogrify as Pelican 4.12's reader
    calls it (readers.py: dashes set1 plus &quot;, the site's ignore tags and omitted filters)."""
    md = markdown.Markdown(output_format="html5")
    typography.install(md)
    smartypants.Attr.default = smartypants.Attr.set1 | smartypants.Attr.w
    omit = dict.fromkeys(SETTINGS["TYPOGRIFY_OMIT_FILTERS"], False)
    return typogrify(md.convert(text), SETTINGS["TYPOGRIFY_IGNORE_TAGS"], **omit)


CASES = [
    # apostrophes inside words: kept (’ is the apostrophe)
    ("Salat Jum'at di masjid.", "<p>Salat Jum&#8217;at di&nbsp;masjid.</p>"),
    ("Al-Qur'an, do'a dan ma'af.", "<p>Al-Qur&#8217;an, do&#8217;a dan&nbsp;ma&#8217;af.</p>"),
    # quotes: kept
    ('Ia berkata, "Kami siap." Lalu pergi.',
     "<p>Ia berkata, &#8220;Kami siap.&#8221; Lalu&nbsp;pergi.</p>"),
    ("'Kami siap,' katanya.",
     '<p><span class="quo">&#8216;</span>Kami siap,&#8217;&nbsp;katanya.</p>'),
    # elided years: before, ‘98 and ‘90-an (an opening quote)
    ("Krisis '98 dan era '90-an.", "<p>Krisis \u201998 dan era&nbsp;\u201990-an.</p>"),
    # numeric ranges: before, an em dash (12—15); now the en dash
    ("Halaman 12--15, pukul 08.00--10.00 WITA.",
     "<p>Halaman 12\u201315, pukul 08.00\u201310.00&nbsp;WITA.</p>"),
    ("Tanggal 17--18 Agustus, skor 3--0.",
     "<p>Tanggal 17\u201318 Agustus, skor&nbsp;3\u20130.</p>"),
    # -- between words: the em dash (tanda pisah), kept
    ("Bima -- Banjir melanda.", "<p>Bima &#8212; Banjir&nbsp;melanda.</p>"),
    # single hyphens, numbers with dots and commas, times: untouched (kept)
    ("Tahun 2020-2024, Rp1.000.000,00 dan pukul 09.15 WITA.",
     "<p>Tahun 2020-2024, Rp1.000.000,00 dan pukul 09.15&nbsp;WITA.</p>"),
    ("HP 0812-3456-7890, NIK 5206.", "<p>HP 0812-3456-7890, NIK&nbsp;5206.</p>"),
    # initials: before, the caps filter ate the space ("A. B.(2011)")
    ("Ditulis A. B. (2011) dan H. M. Lutfi.", "<p>Ditulis A. B. (2011) dan H. M.&nbsp;Lutfi.</p>"),
    # acronyms: before, <span class="caps">KPK</span>; now plain text (the theme never styled it)
    ("KPK dan BPBD NTB tiba.", "<p>KPK dan BPBD NTB&nbsp;tiba.</p>"),
    # bare addresses: before, https://bima.go.id/berita—terbaru and it’s (the address broke)
    ("Lihat https://bima.go.id/berita--terbaru sekarang.",
     "<p>Lihat https://bima.go.id/berita&#45;&#45;terbaru&nbsp;sekarang.</p>"),
    ("Buka www.bima.go.id/it's/a...b ya.",
     "<p>Buka www.bima.go.id/it&#39;s/a&#46;&#46;&#46;b&nbsp;ya.</p>"),
    # e-mail addresses typed without a link: before, o’neil@ and budi—x@ (s28 break test)
    ("Surel o'neil@bima.go.id atau budi--x@contoh.example.",
     "<p>Surel o&#39;neil@bima.go.id atau&nbsp;budi&#45;&#45;x@contoh.example.</p>"),
    ("Kirim ke 'redaksi@kabar.example' ya.",
     "<p>Kirim ke &#8216;redaksi@kabar.example&#8217;&nbsp;ya.</p>"),
    # ellipsis: kept
    ("Dia bilang... lalu pergi.", "<p>Dia bilang&#8230; lalu&nbsp;pergi.</p>"),
    # widont on short lines: one word alone is left alone; two words are joined (kept: the
    # theme's overflow-wrap lets a long joined pair break on a 360 px screen)
    ("# Banjir", "<h1>Banjir</h1>"),
    ("## Banjir di Wawo", "<h2>Banjir di&nbsp;Wawo</h2>"),
    ("Ya.", "<p>Ya.</p>"),
    # code and links: never touched (kept)
    ("Kode `12--15 'x'` dan [a--b](https://x.example/a--b).",
     '<p>Kode <code>12--15 \'x\'</code> dan <a href="https://x.example/a--b">a--b</a>.</p>'),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:30] for c in CASES])
def test_indonesian_text_keeps_its_meaning(text, expected):
    assert render(text) == expected


def test_protected_address_reads_and_copies_the_same():
    """A browser shows the character references as the characters themselves."""
    from bs4 import BeautifulSoup

    page = BeautifulSoup(render('Buka https://bima.go.id/a--b/it\'s?q="x"&r=1 ya.'), "html.parser")
    assert page.get_text() == 'Buka https://bima.go.id/a--b/it\'s?q="x"&r=1\xa0ya.'


def test_the_site_build_uses_it(make_site):
    from workflow import header

    text = "Halaman 12--15 dan '98, A. B. (2011).\n"
    files = {"articles/2024/a.md": header("Judul 12--15 Mei") + text}
    built = make_site(files, "publishconf.py")
    assert built.result.returncode == 0, built.result.output_text
    page = built.soup("2024/05/judul-12-15-mei.html")
    assert page.select_one("h1").get_text(strip=True) == "Judul 12\u201315 Mei"
    body = page.select_one(".entry-content")
    assert body.get_text().strip() == "Halaman 12\u201315 dan \u201998, A. B.\xa0(2011)."
    assert not body.select("span.caps")


def test_title_gets_the_same_fixes():
    assert typography.fix_plain("Banjir '98 dan Jadwal 12--15 Mei -- Bima") == (
        "Banjir \u201998 dan Jadwal 12\u201315 Mei -- Bima"
    )
