"""Citations, in-process: every shipped style, disambiguation, numbering, notes with ibid, and
the Markdown extensions the plugin must live with (attr_list, toc, abbr, footnotes,
md_in_html).

Expected strings were written by hand from the style guides: APA 7th (Publication Manual 8.19
year suffixes "2011a", 8.20 initials for authors sharing a surname), Chicago 18th (author-date
15.19 "Fajriati 2011a, 2011b"; notes 14.29 shortened subsequent notes), IEEE Reference Guide
("[1]", "[2], [3]", "[1, p. 5]"), Citing Medicine / Vancouver ("(1–3)", "1. Fajriati CE.").
"""

import json

import markdown
import pytest
from citations.csl import CslError, Engine
from citations.library import Library
from citations.settings import CSL_DIR, apply_defaults

ITEMS = [
    {"id": "fajriati2011a", "type": "book", "title": "Ruang publik", "publisher": "Penerbit Bima",
     "publisher-place": "Bima", "author": [{"family": "Fajriati", "given": "Cindy Elik"}],
     "issued": {"date-parts": [[2011]]}},
    {"id": "fajriati2011b", "type": "article-journal", "title": "Pelayanan publik daerah",
     "container-title": "Jurnal Administrasi Publik", "volume": "3", "issue": "1",
     "page": "10-20", "author": [{"family": "Fajriati", "given": "Cindy Elik"}],
     "issued": {"date-parts": [[2011]]}},
    {"id": "smith-j", "type": "book", "title": "Public service reform", "language": "en",
     "publisher": "Routledge", "publisher-place": "London",
     "author": [{"family": "Smith", "given": "John"}], "issued": {"date-parts": [[2015]]}},
    {"id": "smith-m", "type": "book", "title": "Civil service", "language": "en",
     "publisher": "Routledge", "publisher-place": "London",
     "author": [{"family": "Smith", "given": "Mary"}], "issued": {"date-parts": [[2018]]}},
    {"id": "uu-25-2009", "type": "legislation",
     "title": "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
     "issued": {"date-parts": [[2009]]}},
]  # fmt: skip
EXTENSIONS = ["attr_list", "toc", "footnotes", "abbr", "md_in_html"]


def library(tmp_path, style):
    (tmp_path / "bibliography").mkdir(exist_ok=True)
    (tmp_path / "bibliography" / "a.json").write_text(json.dumps(ITEMS), encoding="utf-8")
    settings = {"PATH": str(tmp_path), "CITATIONS_STYLE": style}
    apply_defaults(settings)
    result = Library(settings)
    assert result.problems == []
    return result


def convert(lib, text, extensions=EXTENSIONS):
    md = markdown.Markdown(
        extensions=["citations.markdown_ext", *extensions],
        extension_configs={"citations.markdown_ext": {"library": lib}},
    )
    md.news_problems = []
    md.source_path = f"{lib.content_path}/articles/x.md"
    html = md.convert(text)
    assert md.news_problems == []
    return html


def soup(html):
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser")


def texts(html, selector):
    return [" ".join(tag.get_text().split()) for tag in soup(html).select(selector)]


def references(html):
    result = []
    for li in soup(html).select("section.references li"):
        back = li.select_one("a.reference-backlink")
        if back is not None:  # an entry whose only citation collapsed into a range has none
            back.decompose()
        result.append(" ".join(li.get_text().split()))
    return result


ARTICLE = (
    "Satu [@fajriati2011a]. Dua [@fajriati2011b, hlm. 5]. "
    "Tiga [@smith-j; @smith-m]. Empat [@fajriati2011a; @fajriati2011b].\n"
)


def test_apa_year_suffixes_and_initials_for_a_shared_surname(tmp_path):
    html = convert(library(tmp_path, "apa-no-ampersand"), ARTICLE)
    assert texts(html, "span.citation") == [
        "(Fajriati, 2011a)",
        "(Fajriati, 2011b, hlm. 5)",
        "(J. Smith, 2015; M. Smith, 2018)",  # APA 8.20
        "(Fajriati, 2011a, 2011b)",  # APA 8.19, collapse="year"
    ]
    assert references(html) == [
        "Fajriati, C. E. (2011a). Ruang publik. Penerbit Bima.",
        "Fajriati, C. E. (2011b). Pelayanan publik daerah. Jurnal Administrasi Publik, 3(1), "
        "10–20.",
        "Smith, J. (2015). Public service reform. Routledge.",
        "Smith, M. (2018). Civil service. Routledge.",
    ]


def test_without_ambiguity_no_suffix(tmp_path):
    html = convert(library(tmp_path, "apa-no-ampersand"), "Satu [@fajriati2011a] [@smith-j].\n")
    assert texts(html, "span.citation") == ["(Fajriati, 2011)", "(Smith, 2015)"]


def test_chicago_author_date(tmp_path):
    html = convert(library(tmp_path, "chicago-author-date"), ARTICLE)
    assert texts(html, "span.citation") == [
        "(Fajriati 2011a)",
        "(Fajriati 2011b, 5)",
        "(J. Smith 2015; M. Smith 2018)",
        "(Fajriati 2011a, 2011b)",
    ]
    assert references(html)[0] == "Fajriati, C. E. 2011a. Ruang publik. Penerbit Bima."


def test_ieee_numbers_in_order_of_first_citation(tmp_path):
    text = "A [@smith-m]. B [@fajriati2011a, hlm. 5]. C [@smith-m; @uu-25-2009]. D [@smith-m].\n"
    html = convert(library(tmp_path, "ieee"), text)
    assert texts(html, "span.citation") == ["[1]", "[2, hlm. 5]", "[1], [3]", "[1]"]
    entries = references(html)
    assert [entry.split(" ", 1)[0] for entry in entries] == ["[1]", "[2]", "[3]"]
    assert entries[0] == "[1] M. Smith, Civil service. London: Routledge, 2018."
    # the number stands in a column of its own (second-field-align)
    assert soup(html).select_one("li .csl-left-margin").get_text() == "[1]"


def test_vancouver_collapses_number_ranges(tmp_path):
    text = "A [@smith-m; @fajriati2011a; @fajriati2011b]. B [@smith-j]. C [@smith-m; @smith-j].\n"
    html = convert(library(tmp_path, "nlm-citation-sequence"), text)
    assert texts(html, "span.citation") == ["(1–3)", "(4)", "(1,4)"]
    assert references(html)[1] == "2. Fajriati CE. Ruang publik. Bima: Penerbit Bima; 2011."


def test_chicago_notes_first_subsequent_and_short_forms(tmp_path):
    text = (
        "Satu [@fajriati2011a, hlm. 12]. Dua [@fajriati2011a, hlm. 14]. "
        "Tiga [@smith-j]. Empat [@fajriati2011a].\n"
    )
    html = convert(library(tmp_path, "chicago-notes-bibliography"), text)
    page = soup(html)
    assert [sup.get_text() for sup in page.select("p sup.citation-note")] == ["1", "2", "3", "4"]
    notes = texts(html, "section.citation-notes li span.citation")
    assert notes == [
        "C. E. Fajriati, Ruang publik (Penerbit Bima, 2011), 12.",  # first: full note
        "Fajriati, Ruang publik, 14.",  # CMOS 18 14.34: a short note, not "Ibid."
        "J. Smith, Public Service Reform (Routledge, 2015).",
        "Fajriati, Ruang publik.",
    ]
    # the note links back to its number in the text; the list follows the notes
    first = page.select_one("section.citation-notes li")
    assert page.find(id=first.select_one("a.reference-backlink")["href"][1:]).name == "a"
    assert references(html)[0] == "Fajriati, C. E. Ruang publik. Penerbit Bima, 2011."


IBID_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
  <info><id>x</id><title>ibid test</title><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout delimiter="; "><choose>
    <if position="ibid-with-locator"><text term="ibid"/><text variable="locator" prefix=", "/></if>
    <else-if position="ibid"><text term="ibid"/></else-if>
    <else-if position="subsequent"><names variable="author"><name form="short"/></names>
      <text variable="locator" prefix=", "/></else-if>
    <else><names variable="author"/><text variable="title" prefix=", "/>
      <text variable="locator" prefix=", "/></else>
  </choose></layout></citation>
</style>
"""


def test_positions_ibid_with_and_without_locator(tmp_path):
    style = tmp_path / "ibid.csl"
    style.write_text(IBID_STYLE, encoding="utf-8")
    text = (
        "A [@smith-j, 3]. B [@smith-j, 3]. C [@smith-j, 7]. D [@smith-m]. E [@smith-j]. "
        "F [@smith-j].\n"
    )
    html = convert(library(tmp_path, str(style)), text)
    assert texts(html, "section.citation-notes li span.citation") == [
        "John Smith, Public service reform, 3",
        "ibid.",  # same item, same locator
        "ibid., 7",  # same item, another locator
        "Mary Smith, Civil service",
        "Smith",  # not the previous note: subsequent
        "ibid.",
    ]


def test_a_style_needing_an_unsupported_feature_is_refused(tmp_path):
    style = tmp_path / "x.csl"
    style.write_text(
        IBID_STYLE.replace("<citation>", '<citation collapse="year-suffix">').replace(
            "</style>", '<bibliography subsequent-author-substitute="---"><layout>'
            '<text variable="title"/></layout></bibliography></style>'
        ),
        encoding="utf-8",
    )  # fmt: skip
    with pytest.raises(CslError) as caught:
        Engine(str(style), f"{CSL_DIR}/locales-id-ID.xml", f"{CSL_DIR}/locales-en-US.xml")
    assert 'collapse="year-suffix"' in str(caught.value)
    assert "subsequent-author-substitute" in str(caught.value)


def test_an_unknown_element_is_refused_except_inside_info(tmp_path):
    style = tmp_path / "x.csl"
    style.write_text(IBID_STYLE.replace("<else><names", "<else><sparkle/><names"), "utf-8")
    with pytest.raises(CslError) as caught:
        Engine(str(style), f"{CSL_DIR}/locales-id-ID.xml", f"{CSL_DIR}/locales-en-US.xml")
    assert str(caught.value).endswith("the element cs:sparkle")
    style.write_text(IBID_STYLE.replace("</info>", "<sparkle/></info>"), "utf-8")
    Engine(str(style), f"{CSL_DIR}/locales-id-ID.xml", f"{CSL_DIR}/locales-en-US.xml")


@pytest.mark.parametrize(
    "style",
    ["apa", "apa-no-ampersand", "chicago-author-date", "chicago-notes-bibliography", "ieee",
     "nlm-citation-sequence"],
)  # fmt: skip
def test_every_shipped_style_loads(style):
    Engine(f"{CSL_DIR}/{style}.csl", f"{CSL_DIR}/locales-id-ID.xml", f"{CSL_DIR}/locales-en-US.xml")


# --- the Markdown extensions around it ------------------------------------------------------


def test_markdown_in_prefix_and_suffix(tmp_path):
    html = convert(library(tmp_path, "apa-no-ampersand"), "X [lihat *juga* @smith-j, hlm. 3].\n")
    span = soup(html).select_one("span.citation")
    assert " ".join(span.get_text().split()) == "(lihat juga Smith, 2015, hlm. 3)"
    assert span.em.get_text() == "juga"


def test_attr_list_and_toc_see_what_they_expect(tmp_path):
    text = '## Judul [@smith-j] {: title="lihat @smith-j" }\n\n[TOC]\n'
    html = convert(library(tmp_path, "apa-no-ampersand"), text)
    heading = soup(html).h2
    assert heading["title"] == "lihat @smith-j"  # attr_list ran before the citations
    assert heading["id"] == "judul-smith-2015"  # toc took the id from the rendered text
    assert " ".join(heading.get_text().split()) == "Judul (Smith, 2015)"
    assert "{:" not in html


def test_abbr_does_not_touch_citations(tmp_path):
    text = "Kata UU di sini [@uu-25-2009].\n\n*[UU]: Undang-Undang\n"
    html = convert(library(tmp_path, "apa-no-ampersand"), text)
    page = soup(html)
    assert page.abbr.get_text() == "UU" and page.abbr.find_parent("span") is None
    assert texts(html, "span.citation") == [
        "(Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik, 2009)"
    ]


def test_footnotes_and_the_reference_list_order(tmp_path):
    text = "Teks[^1] [@smith-j].\n\n[^1]: Catatan yang mengutip [@smith-m].\n"
    html = convert(library(tmp_path, "apa-no-ampersand"), text)
    page = soup(html)
    # two Smiths cited in the article: APA 8.20 initials, in the footnote too
    assert texts(html, "div.footnote span.citation") == ["(M. Smith, 2018)"]
    blocks = [child for child in page.children if getattr(child, "name", None)]
    assert [b.name for b in blocks[-2:]] == ["section", "div"]  # list, then the footnotes
    assert len(references(html)) == 2


def test_md_in_html(tmp_path):
    text = '<div markdown="1">\nDi dalam div [@smith-j].\n</div>\n'
    html = convert(library(tmp_path, "apa-no-ampersand"), text)
    assert texts(html, "div span.citation") == ["(Smith, 2015)"]


def test_refs_marker_places_the_list(tmp_path):
    text = "Awal [@smith-j].\n\n[@refs]\n\nPenutup.\n"
    html = convert(library(tmp_path, "apa-no-ampersand"), text)
    blocks = [child for child in soup(html).children if getattr(child, "name", None)]
    assert [b.name for b in blocks] == ["p", "section", "p"]
    assert "[@refs]" not in html


def test_entry_link_adds_no_words(tmp_path):
    text = "[Undang-Undang No. 25/2009](@uu-25-2009) mengamanatkan.\n"
    html = convert(library(tmp_path, "apa-no-ampersand"), text)
    page = soup(html)
    assert " ".join(page.p.get_text().split()) == "Undang-Undang No. 25/2009 mengamanatkan."
    link = page.select_one("a.entry-link")
    assert page.find(id=link["href"][1:]).name == "li"
    assert references(html) == [
        "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik (2009)."
    ]


def summary_of(lib, text, **settings):
    """The summary the extension derives (``md.news_metadata``), with summary settings."""
    lib.settings.update({"SUMMARY_MAX_PARAGRAPHS": None, "SUMMARY_MAX_LENGTH": None, **settings})
    md = markdown.Markdown(
        extensions=["citations.markdown_ext", *EXTENSIONS],
        extension_configs={"citations.markdown_ext": {"library": lib}},
    )
    md.news_problems = []
    md.news_metadata = {}
    md.source_path = f"{lib.content_path}/articles/x.md"
    html = md.convert(text)
    return html, md.news_metadata.get("summary")


def test_summary_is_the_tree_without_the_reference_list_wherever_it_is(tmp_path):
    """[@refs] mid-article: the text after the list stays in the summary (slicing the HTML at
    the list's <section> lost it); the citation leads to the article, without the page's ids."""
    text = "Awal [@smith-j].\n\n[@refs]\n\nPenutup *tebal*.\n"
    html, summary = summary_of(library(tmp_path, "apa-no-ampersand"), text)
    assert soup(html).select("section.references li")
    page = soup(summary)
    assert not page.select("section")
    assert [" ".join(p.get_text().split()) for p in page.select("p")] == [
        "Awal (Smith, 2015).",
        "Penutup tebal.",
    ]
    assert page.select_one("em").get_text() == "tebal"  # post-processed as Markdown does
    link = page.select_one("span.citation a")
    assert link["href"].startswith("{filename}/articles/x.md#ref-")
    assert not link.get("id")


def test_summary_follows_pelicans_summary_settings(tmp_path):
    text = "Satu dua tiga [@smith-j].\n\nParagraf kedua.\n"
    lib = library(tmp_path, "apa-no-ampersand")
    _, one = summary_of(lib, text, SUMMARY_MAX_PARAGRAPHS=1)
    assert " ".join(soup(one).get_text().split()) == "Satu dua tiga (Smith, 2015)."
    _, words = summary_of(lib, text, SUMMARY_MAX_LENGTH=2, SUMMARY_END_SUFFIX="…")
    assert (
        " ".join(soup(words).get_text().split()) == "Satu dua …"
    )  # Pelican puts a space before the suffix


def test_notes_stay_out_of_the_summary(tmp_path):
    text = "Satu [@smith-j].\n"
    html, summary = summary_of(library(tmp_path, "chicago-notes-bibliography"), text)
    assert soup(html).select("section.citation-notes li")
    assert not soup(summary).select("section")
    note = soup(summary).select_one("sup.citation-note a")
    assert note["href"].startswith("{filename}/articles/x.md#note-") and not note.get("id")


def test_no_citation_no_derived_summary(tmp_path):
    """Pelican's own summary rule applies to articles without a reference list."""
    _, summary = summary_of(library(tmp_path, "apa-no-ampersand"), "Tanpa kutipan @x.\n")
    assert summary is None


def test_each_build_starts_with_a_new_library(tmp_path):
    """The per-build state is reset at article_generator_init, and only there."""
    from types import SimpleNamespace

    from citations import plugin

    settings = {"PATH": str(tmp_path)}
    apply_defaults(settings)
    (tmp_path / "bibliography").mkdir()
    (tmp_path / "bibliography" / "a.json").write_text(json.dumps(ITEMS[:1]), encoding="utf-8")
    generator = SimpleNamespace(settings=settings)
    plugin.start_build(generator)
    first = plugin.build_config(settings)["library"]
    assert sorted(first.site_entries) == ["fajriati2011a"]
    (tmp_path / "bibliography" / "a.json").write_text(json.dumps(ITEMS[2:3]), encoding="utf-8")
    plugin.start_build(generator)  # the next build (make devserver: one process)
    second = plugin.build_config(settings)["library"]
    assert second is not first and sorted(second.site_entries) == ["smith-j"]
    assert settings["MARKDOWN"]["extension_configs"]["citations.markdown_ext"]["library"] is second
