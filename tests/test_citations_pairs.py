"""The citations Markdown extension as Markdown input -> expected HTML pairs, the way
Python-Markdown's own tests use ``assertMarkdownRenders``: the whole output, not a fragment.

The expected HTML was read by hand: APA 7th parenthetical citation with an Indonesian page
locator ("hlm."), the reference entry with the book title in italics (Publication Manual
10.2), and the ids that tie a citation and its entry (prefix: a hash of the article's path
under content/, so two articles on one page never share an id).
"""

import pytest
from test_citations_styles import convert, library

PAIRS = {
    "no-citation": ("Tanpa kutipan.\n", "<p>Tanpa kutipan.</p>"),
    "page-locator": (
        "Ruang publik [@fajriati2011a, hlm. 5].\n",
        '<p>Ruang publik <span class="citation">(<a class="citation-ref"'
        ' href="#ref-5d30cb-fajriati2011a" id="cite-5d30cb-fajriati2011a-1"'
        ' title="Fajriati, C. E. (2011). Ruang publik. Penerbit Bima.">'
        "Fajriati, 2011, hlm. 5</a>)</span>.</p>\n"
        '<section aria-labelledby="daftar-pustaka-5d30cb" class="references">'
        '<h2 id="daftar-pustaka-5d30cb">Daftar Pustaka</h2><ul class="reference-list">'
        '<li class="reference" id="ref-5d30cb-fajriati2011a">Fajriati, C. E. (2011).'
        " <i>Ruang publik</i>. Penerbit Bima."
        ' <a aria-label="Kembali ke kutipan" class="reference-backlink"'
        ' href="#cite-5d30cb-fajriati2011a-1" title="Kembali ke kutipan">↩︎</a></li>'
        "</ul></section>",
    ),
}


@pytest.mark.parametrize("name", PAIRS)
def test_markdown_renders(tmp_path, name):
    source, expected = PAIRS[name]
    assert convert(library(tmp_path, "apa"), source) == expected
