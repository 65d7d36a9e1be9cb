"""The CSL engine's shortcuts give exactly what a full citeproc-py rendering gives.

``plugins/citations/csl.py`` reuses renderings (a citation with other page numbers, an item
already rendered in another citation). These tests compare the shortcut with a full rendering
and with APA 7th written by hand, in the en-US locale, whose page label has a plural ("p." /
"pp."), unlike Indonesian "hlm.".
"""

import pytest
from citations.csl import FIRST, Cite, Engine
from citations.settings import CSL_DIR

ITEMS = [
    {"id": "fajriati2011", "type": "article", "title": "Ruang publik", "language": "id",
     "author": [{"family": "Fajriati", "given": "Cindy Elik"}], "issued": {"date-parts": [[2011]]}},
    {"id": "smith2011", "type": "book", "title": "Public service", "language": "en",
     "author": [{"family": "Smith", "given": "John"}, {"family": "Jones", "given": "Mary"}],
     "issued": {"date-parts": [[2011]]}, "publisher": "Routledge"},
]  # fmt: skip


@pytest.fixture(scope="module")
def english():
    engine = Engine(
        f"{CSL_DIR}/apa.csl", f"{CSL_DIR}/locales-en-US.xml", f"{CSL_DIR}/locales-en-US.xml"
    )
    return engine, engine.source(ITEMS)


def text(parts):
    """The citation as HTML (citeproc-py escapes "&" as "&amp;")."""
    return "".join(part if isinstance(part, str) else part[1] for part in parts)


@pytest.mark.parametrize(
    ("locator", "expected"),
    [
        ("12", "(Fajriati, 2011, p. 12)"),
        ("12-15", "(Fajriati, 2011, pp. 12–15)"),
        ("3, 7", "(Fajriati, 2011, pp. 3, 7)"),
        ("xii", "(Fajriati, 2011, p. xii)"),
        ("45", "(Fajriati, 2011, p. 45)"),
    ],
)
def test_page_numbers_reuse_a_rendering_and_match_a_full_one(english, locator, expected):
    engine, source = english
    cite = (Cite("fajriati2011", "f", label="page", locator=locator),)
    assert text(engine.citation(source, cite)) == expected  # APA 8.13, by hand
    assert text(engine._render_citation(source, cite, (FIRST,))) == expected  # citeproc-py in full


def test_several_items_reuse_single_renderings(english):
    engine, source = english
    single = text(engine.citation(source, (Cite("smith2011", "s"),)))
    assert single == "(Smith &amp; Jones, 2011)"  # apa.csl: APA 8.17, "&" in parentheses
    both = (Cite("smith2011", "s"), Cite("fajriati2011", "f", label="page", locator="9"))
    assert text(engine.citation(source, both)) == "(Fajriati, 2011, p. 9; Smith &amp; Jones, 2011)"
    fresh = Engine(
        f"{CSL_DIR}/apa.csl", f"{CSL_DIR}/locales-en-US.xml", f"{CSL_DIR}/locales-en-US.xml"
    )
    assert text(fresh.citation(fresh.source(ITEMS), both)) == text(engine.citation(source, both))


def test_narrative_and_year_only(english):
    engine, source = english
    narrative = (Cite("fajriati2011", "f", label="page", locator="4", mode="narrative"),)
    assert text(engine.citation(source, narrative)) == "Fajriati (2011, p. 4)"
    year_only = (Cite("smith2011", "s", mode="suppress"),)
    assert text(engine.citation(source, year_only)) == "(2011)"
