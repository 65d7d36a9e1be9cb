"""Citations plugin: every syntax form on one small real build, the seed article's references,
and each error path with the message the editor sees.

Expected strings are written by hand from APA 7th (Publication Manual, 7th ed., ch. 8–11) with
the Indonesian CSL locale's terms: "dkk." (et al.), "dan" (and), "hlm." (page), "t.t." (no date).
"""

import re
from collections import Counter

import pytest
from conftest import AUTHORS_YML, GOOD_HEADER, ROOT, SEED_URL, SITEURL, BuiltSite, run_pelican
from lxml import etree

ATOM = "{http://www.w3.org/2005/Atom}"

SOURCES_JSON = """\
[
  {"id": "fajriati2011", "type": "article", "title": "Ruang publik",
   "author": [{"family": "Fajriati", "given": "Cindy Elik"}], "issued": {"date-parts": [[2011]]}},
  {"id": "rahma2019", "type": "article-journal", "title": "Inovasi pelayanan di daerah",
   "author": [{"family": "Rahma", "given": "Siti"}, {"family": "Hakim", "given": "Abdul"},
              {"family": "Yusuf", "given": "Muhammad"}],
   "container-title": "Jurnal Administrasi Publik", "volume": "7", "issue": "2",
   "page": "10-20", "issued": {"date-parts": [[2019]]}},
  {"id": "smith2011", "type": "book", "language": "en", "title": "Public service reform",
   "author": [{"family": "Smith", "given": "John"}, {"family": "Jones", "given": "Mary"}],
   "publisher": "Routledge", "issued": {"date-parts": [[2011]]}},
  {"id": "PANRB2024", "type": "article", "genre": "Siaran pers",
   "author": [{"literal": "Humas Kementerian PANRB"}]},
  {"id": "uu-25-2009", "type": "legislation",
   "title": "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
   "issued": {"date-parts": [[2009]]}},
  {"id": "tidak-dikutip", "type": "book", "title": "Tidak dikutip di mana pun",
   "author": [{"family": "Lain", "given": "Orang"}], "issued": {"date-parts": [[2020]]}}
]
"""

SOURCES_BIB = """\
@book{nasution2015,
  author    = {Nasution, Ahmad},
  title     = {Birokrasi daerah},
  year      = {2015},
  publisher = {Penerbit Bima}
}
"""

OWN_JSON = """\
[
  {"id": "wawancara-lurah", "type": "interview", "title": "Wawancara dengan Lurah Paruga",
   "author": [{"family": "Ramli", "given": "Ahmad"}], "issued": {"date-parts": [[2024, 3, 2]]},
   "URL": "https://contoh.id/wawancara"},
  {"id": "catatan-lapangan", "type": "manuscript", "title": "Catatan lapangan",
   "author": [{"family": "Nurhayati"}], "issued": {"date-parts": [[2024]]}}
]
"""


def header(title, day, extra=""):
    return (
        f"Title: {title}\nDate: 2024-05-{day:02d} 08:00\nAuthor: Nurhayati\nCategory: Berita\n"
        f"{extra}\n"
    )


ARTICLES = {
    "dasar": header("Dasar", 1) + "Pelayanan publik terus berubah [@fajriati2011].\n\nPenutup.\n",
    "lokator": header("Lokator", 2)
    + "Dengan halaman [@fajriati2011, hlm. 12]. Angka saja [@fajriati2011, 15-17].\n\n"
    + "Awalan [lihat @fajriati2011] dan akhiran [@uu-25-2009, Pasal 5].\n",
    "beberapa": header("Beberapa", 3) + "Dua sumber [@smith2011; @rahma2019].\n",
    "tahun": header("Tahun", 4) + "Fajriati [-@fajriati2011] menulis tentang ruang publik.\n",
    "naratif": header("Naratif", 5)
    + "@fajriati2011 menyatakan hal itu. @rahma2019 [hlm. 3] menulis pula.\n",
    "pengecualian": header("Pengecualian", 6)
    + """Kode `[@fajriati2011]` dan tautan [lihat @fajriati2011](https://contoh.id/a) dan
<abbr title="[@fajriati2011] @fajriati2011">singkatan</abbr> tetap.

    [@fajriati2011] dalam blok kode

<div>[@fajriati2011] dalam HTML mentah</div>

Ikuti @pemkotbima atau tulis ke redaksi@contoh.id dan <redaksi@contoh.id>. Lalu \\[cc @pemkotbima].
""",
    "undang-undang": header("Undang Undang", 7)
    + "Undang-Undang Nomor 25 Tahun 2009 [-@uu-25-2009] mengatur pelayanan [@PANRB2024].\n",
    "bibtex": header("Bibtex", 8) + "Menurut sumber BibTeX [@nasution2015, bab 2].\n",
    "ringkasan": header("Ringkasan", 10, "Summary: Ringkasan yang mengutip [@smith2011].")
    + "Isi yang mengutip [@smith2011].\n",
    "sendiri": header("Sendiri", 9, "Bibliography: sendiri.json")
    + "Lurah berkata [@wawancara-lurah]. Juga [@fajriati2011].\n",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One small publish build (strict) with every syntax form, one article per form."""
    root = tmp_path_factory.mktemp("citations")
    content = root / "content"
    files = {
        "data/authors.yml": AUTHORS_YML,
        "bibliography/sumber.json": SOURCES_JSON,
        "bibliography/lain.bib": SOURCES_BIB,
        "articles/2024/sendiri.json": OWN_JSON,
        **{f"articles/2024/{slug}.md": text for slug, text in ARTICLES.items()},
    }
    for relative, text in files.items():
        target = content / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    result = run_pelican(content, root / "output", ROOT / "publishconf.py")
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(root / "output", result)


def article(built, slug):
    return built.soup(f"2024/05/{slug}.html").select_one(".entry-content")


def citations(body):
    return [" ".join(span.get_text().split()) for span in body.select("span.citation")]


def references(body):
    """The reference list entries as text (back-link arrow removed)."""
    entries = []
    for li in body.select("section.references li"):
        text = li.get_text().replace(li.select_one("a.reference-backlink").get_text(), "")
        entries.append(" ".join(text.split()))
    return entries


# --- syntax -> HTML ---------------------------------------------------------------------------


def test_basic_citation_links_to_its_entry(built):
    body = article(built, "dasar")
    assert citations(body) == ["(Fajriati, 2011)"]
    link = body.select_one("span.citation a")
    assert link["href"].startswith("#ref-")  # in-page, like Markdown's footnotes
    entry = body.find(id=link["href"][1:])
    assert entry.name == "li"
    text = entry.get_text().replace(entry.select_one("a.reference-backlink").get_text(), "")
    assert " ".join(text.split()) == "Fajriati, C. E. (2011). Ruang publik."
    # hover/focus title: the full reference, plain text
    assert link["title"] == "Fajriati, C. E. (2011). Ruang publik."


def test_locator_with_label_and_bare_page_number_prefix_and_suffix(built):
    assert citations(article(built, "lokator")) == [
        "(Fajriati, 2011, hlm. 12)",
        "(Fajriati, 2011, hlm. 15–17)",
        "(lihat Fajriati, 2011)",
        "(Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik, 2009, Pasal 5)",
    ]


def test_several_sources_in_one_citation_each_linked(built):
    body = article(built, "beberapa")
    # APA 8.12: several works in one parenthesis, in reference-list order, separated by ";"
    assert citations(body) == ["(Rahma dkk., 2019; Smith dan Jones, 2011)"]
    links = body.select("span.citation a")
    assert [link.get_text() for link in links] == ["Rahma dkk., 2019", "Smith dan Jones, 2011"]
    assert all(body.find(id=link["href"].split("#")[1]) for link in links)


def test_year_only_citation(built):
    text = " ".join(article(built, "tahun").p.get_text().split())
    assert text == "Fajriati (2011) menulis tentang ruang publik."


def test_narrative_citations(built):
    text = " ".join(article(built, "naratif").p.get_text().split())
    assert text == "Fajriati (2011) menyatakan hal itu. Rahma dkk. (2019, hlm. 3) menulis pula."


def test_code_links_raw_html_handles_and_emails_are_untouched(built):
    body = article(built, "pengecualian")
    assert not body.select("span.citation")
    assert body.select_one("p code").get_text() == "[@fajriati2011]"
    link = body.find("a", href="https://contoh.id/a")
    assert link.get_text() == "lihat @fajriati2011"
    assert body.find("abbr")["title"] == "[@fajriati2011] @fajriati2011"
    assert body.pre.get_text() == "[@fajriati2011] dalam blok kode\n"
    assert body.div.get_text() == "[@fajriati2011] dalam HTML mentah"
    text = body.get_text()
    assert "Ikuti @pemkotbima atau tulis ke redaksi@contoh.id dan" in text
    assert "Lalu [cc @pemkotbima]." in text.replace("\xa0", " ")  # escaped bracket: no error
    assert body.find("a", href=re.compile("^mailto:"))  # Markdown's own e-mail autolink
    assert not body.select("section.references")  # nothing was cited


def test_statute_and_organisation_without_date(built):
    body = article(built, "undang-undang")
    text = " ".join(body.p.get_text().split())
    assert text == (
        "Undang-Undang Nomor 25 Tahun 2009 (2009) mengatur pelayanan "
        "(Humas Kementerian PANRB, t.t.)."
    )
    # APA 11.4 (statutes): Name of Act (Year). Indonesian title case is kept ("tentang").
    assert references(body) == [
        "Humas Kementerian PANRB. (t.t.). [Siaran pers].",
        "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik (2009).",
    ]


def test_typogrify_cannot_alter_keys_or_references(built):
    body = article(built, "undang-undang")
    link = body.select("span.citation a")[1]
    # The link points at this key's own entry in the reference list, on the same page.
    # (ids are "ref-<article prefix>-<key>"), whose back-link returns to this citation.
    assert link["href"].startswith("#ref-") and link["href"].endswith("-panrb2024")
    entry = body.find(id=link["href"][1:])
    assert entry is not None and entry in body.select("section.references li")
    assert link["id"].startswith("cite-")
    assert entry.select_one("a.reference-backlink")["href"] == "#" + link["id"]
    # Text inside the citation link is left alone (no typogrify caps span around PANRB) ...
    assert link.find("span") is None
    # ... and the reference entries keep citeproc's spacing ("C. E. (2011)", not "C. E.(2011)").
    assert references(article(built, "dasar")) == ["Fajriati, C. E. (2011). Ruang publik."]


def test_bibtex_entries_and_chapter_locator(built):
    body = article(built, "bibtex")
    # APA 8.13: labels other than page and paragraph are written out, capitalized
    assert citations(body) == ["(Nasution, 2015, Bab 2)"]
    assert references(body) == ["Nasution, A. (2015). Birokrasi daerah. Penerbit Bima."]


def test_reference_list_only_cited_entries_in_apa_order_with_backlinks(built):
    body = article(built, "beberapa")
    section = body.select_one("section.references")
    assert section.h2.get_text(" ", strip=True).replace("\xa0", " ") == "Daftar Pustaka"
    assert section.find_previous_sibling() is not None  # it ends the article body
    assert body.find_all(recursive=False)[-1] is section
    assert references(body) == [
        "Rahma, S., Hakim, A., dan Yusuf, M. (2019). Inovasi pelayanan di daerah. "
        "Jurnal Administrasi Publik, 7(2), 10–20.",
        "Smith, J., dan Jones, M. (2011). Public service reform. Routledge.",
    ]
    for li in section.select("li"):
        back = li.select_one("a.reference-backlink")
        cite_id = back["href"].split("#")[1]
        first = body.find(id=cite_id)
        assert first is not None and first.find_parent("span", class_="citation")
        assert back["aria-label"] == "Kembali ke kutipan"


def test_own_bibliography_file_and_unused_entry_warning(built):
    body = article(built, "sendiri")
    assert citations(body) == ["(Ramli, 2024)", "(Fajriati, 2011)"]
    assert [ref.split(" (")[0] for ref in references(body)] == ["Fajriati, C. E.", "Ramli, A."]
    output = built.result.stdout + built.result.stderr
    assert (
        "content/articles/2024/sendiri.json:5: entry 'catatan-lapangan' is never cited in "
        in output
    )
    # an unused entry of the site-wide bibliography is not a warning
    assert "tidak-dikutip" not in output


def test_two_articles_on_one_listing_page_have_no_duplicate_ids(built):
    # The section page: every card has its summary (the home page's compact cards have none).
    home = built.soup("kategori/berita/index.html")
    ids = [tag["id"] for tag in home.find_all(id=True)]
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]
    summary_links = home.select(".card-summary span.citation a")
    assert len({a["href"].split("#")[0] for a in summary_links}) >= 2
    for link in summary_links:  # a citation in a summary leads to the article's reference
        page, target = link["href"].removeprefix(SITEURL + "/").split("#")
        assert built.soup(page).find(id=target).name == "li"


def test_citation_in_the_summary_header(built):
    card = next(
        card
        for card in built.soup("index.html").select("article.card")
        if card.select_one(".card-title").get_text(strip=True) == "Ringkasan"
    )
    summary = card.select_one(".card-summary")
    assert (
        " ".join(summary.get_text().split()) == "Ringkasan yang mengutip (Smith dan Jones, 2011)."
    )
    link = summary.select_one("span.citation a")
    assert link["href"] == f"{SITEURL}/2024/05/ringkasan.html#" + link["href"].split("#")[1]
    assert not link.has_attr("id")  # ids belong to the article page's own citations
    page = built.soup("2024/05/ringkasan.html")
    assert page.find(id=link["href"].split("#")[1]).name == "li"


def test_reference_list_is_not_in_summaries_but_is_in_feeds(built):
    home = built.soup("index.html")
    assert not home.select(".references") and "Daftar" not in home.get_text()
    feed = etree.parse(str(built.path("feeds/semua.atom.xml"))).getroot()
    contents = {
        entry.find(f"{ATOM}link").get("href"): entry.find(f"{ATOM}content").text
        for entry in feed.findall(f"{ATOM}entry")
    }
    content = contents[f"{SITEURL}/2024/05/dasar.html"]
    assert 'class="citation"' in content and 'class="references"' in content
    assert "Fajriati, C. E. (2011)." in content
    # In a feed an in-page link would resolve against the feed's address: each one names the
    # article's page (news_metadata.safety.absolute_links), both ways, ids intact.
    assert 'href="#' not in content
    page = f"{SITEURL}/2024/05/dasar.html#"
    entry = etree.HTML(content)
    citation = entry.xpath("//a[contains(@class, 'citation-ref')]")[0]
    backlink = entry.xpath("//a[contains(@class, 'reference-backlink')]")[0]
    assert citation.get("href").startswith(page + "ref-")
    assert backlink.get("href") == page + citation.get("id")


def test_absolute_fragments_leaves_other_links_alone():
    from news_metadata.safety import absolute_fragments

    html = '<p><a class="x" href="#fn:1">1</a> <a href="https://a.example/#b">b</a> href="#t"</p>'
    assert absolute_fragments(html, "https://kabar.example/2024/05/x.html") == (
        '<p><a class="x" href="https://kabar.example/2024/05/x.html#fn:1">1</a> '
        '<a href="https://a.example/#b">b</a> href="#t"</p>'
    )


# --- the seed article -------------------------------------------------------------------------


def test_seed_article_cites_its_three_sources(site):
    body = site.soup(SEED_URL).select_one(".entry-content")
    assert citations(body) == ["(Fajriati, 2011)", "(Humas Kementerian PANRB, t.t.)"]
    link = body.select_one("a.entry-link")  # the statute's name, linked: [words](@uu-25-2009)
    assert link.get_text() == "Undang-Undang No. 25/2009 tentang Pelayanan Publik"
    assert body.find(id=link["href"][1:]).name == "li"


def test_seed_article_ends_with_daftar_pustaka(site):
    body = site.soup(SEED_URL).select_one(".entry-content")
    # APA 7th, Indonesian locale; written by hand from the rules (9.7 author initials, 9.17
    # group author, 9.17 "n.d." -> "t.t.", 9.29 untitled work described in brackets, 11.4 statute).
    assert references(body) == [
        "Fajriati, C. E. (2011). Ruang publik.",
        "Humas Kementerian PANRB. (t.t.). [Siaran pers].",
        "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik (2009).",
    ]
    assert body.select("section.references li")[0].find("i").get_text() == "Ruang publik"
    assert body.find_all(recursive=False)[-1].name == "section"


# --- errors -----------------------------------------------------------------------------------

ARTICLE = "articles/2024/berita.md"


def cited(body, extra_header=""):
    return {ARTICLE: GOOD_HEADER + extra_header + "\n" + body}


ERROR_CASES = [
    pytest.param(
        {
            **cited("Satu.\n\nDua [@fajriati201] dan [cc @pemkotbima].\n"),
            "bibliography/a.json": SOURCES_JSON,
        },
        [
            f"content/{ARTICLE}:8: unknown citation key 'fajriati201' in [@fajriati201] "
            "(did you mean 'fajriati2011'?) — use a key from content/bibliography/",
            f"content/{ARTICLE}:8: unknown citation key 'pemkotbima' in [cc @pemkotbima]",
        ],
        id="unknown-key-in-brackets",
    ),
    pytest.param(
        cited("Teks [@fajriati2011].\n"),
        [
            f"content/{ARTICLE}:6: [@fajriati2011] is a citation, but there is no bibliography "
            "for this file — add the source to a file in content/bibliography/"
        ],
        id="no-bibliography",
    ),
    pytest.param(
        {**cited("Teks.\n"), "bibliography/a.json": '[\n  {"id": "x", "title": "T"}\n]\n'},
        ['content/bibliography/a.json:2: entry \'x\': has no "type" — add "type": "book"'],
        id="entry-without-type",
    ),
    pytest.param(
        {
            **cited("Teks.\n"),
            "bibliography/a.json": '[\n  {"id": "x", "type": "book",\n   "issued": "2011"}\n]\n',
        },
        ["content/bibliography/a.json:2: entry 'x': 'issued' is not a CSL date"],
        id="entry-with-bad-date",
    ),
    pytest.param(
        {**cited("Teks.\n"), "bibliography/a.json": '[\n  {"id": "x", "type": "book",}\n]\n'},
        ["content/bibliography/a.json:2: invalid JSON: Expecting property name"],
        id="invalid-json",
    ),
    pytest.param(
        {
            **cited("Teks.\n"),
            "bibliography/a.bib": "@book{ok, title = {Baik}, year = 2020}\n\n"
            "@book{rusak,\n  title = {Tidak ditutup,\n  year = 2020\n",
        },
        ["content/bibliography/a.bib:3: cannot read the BibTeX entry '@book{rusak,'"],
        id="malformed-bibtex",
    ),
    pytest.param(
        {
            **cited("Teks.\n"),
            "bibliography/a.bib": "@book{ok, title = {Baik}, year = {dua ribu}}\n",
        },
        ["content/bibliography/a.bib:1: entry 'ok': year 'dua ribu' is not a number"],
        id="bibtex-bad-year",
    ),
    pytest.param(
        {
            **cited("Teks.\n"),
            "bibliography/a.bib": "@book{ok, title = {Satu}, year = 2020}\n\n"
            "@book{ok, title = {Dua}, year = 2021}\n",
        },
        ["content/bibliography/a.bib:3: duplicate key 'ok' (first at line 1)"],
        id="duplicate-key-in-bibtex-file",
    ),
    pytest.param(
        {
            **cited("Teks.\n"),
            "bibliography/a.json": SOURCES_JSON,
            "bibliography/b.bib": "@book{Fajriati2011, title = {Lain}, year = 2011}\n",
        },
        [
            "content/bibliography/b.bib:1: duplicate key 'fajriati2011': already defined in ",
            "content/bibliography/a.json:2 — give one of the two entries another key",
        ],
        id="duplicate-key-across-files",
    ),
    pytest.param(
        cited("Teks.\n", "Bibliography: tidak-ada.json\n"),
        [f"content/{ARTICLE}:5: Bibliography file 'tidak-ada.json' does not exist"],
        id="missing-bibliography-file",
    ),
]


@pytest.mark.parametrize(("files", "messages"), ERROR_CASES)
def test_publish_build_fails_with_message(make_site, files, messages):
    result = make_site(files).result
    assert result.returncode == 1, result.output_text
    assert "the site was not published" in result.stderr
    for message in messages:
        assert message in result.stderr, result.stderr


def test_dev_build_shows_citation_errors_and_goes_on(make_site):
    files = {**cited("Teks [@tidak-ada].\n"), "bibliography/a.json": SOURCES_JSON}
    built = make_site(files, "pelicanconf.py")
    assert built.result.returncode == 0, built.result.output_text
    assert "unknown citation key 'tidak-ada'" in built.result.output_text
    # the citation is shown as written, not dropped
    page = built.soup("2024/05/judul-baik.html").select_one(".entry-content")
    assert page.get_text(strip=True).replace("\xa0", " ") == "Teks [@tidak-ada]."


@pytest.mark.parametrize("paragraphs", ["null", "5"])
def test_reference_list_stays_out_of_summaries_whatever_the_summary_settings(make_site, paragraphs):
    """SUMMARY_MAX_PARAGRAPHS None (whole content) or larger than the article: still no list."""
    files = {
        **cited("Satu-satunya paragraf [@fajriati2011].\n"),
        "bibliography/a.json": SOURCES_JSON,
    }
    built = make_site(files, "publishconf.py", "-e", f"SUMMARY_MAX_PARAGRAPHS={paragraphs}")
    assert built.result.returncode == 0, built.result.output_text
    summary = built.soup("index.html").select_one(".card-summary")
    assert " ".join(summary.get_text().split()) == "Satu-satunya paragraf (Fajriati, 2011)."
    assert built.soup("2024/05/judul-baik.html").select("section.references li")
