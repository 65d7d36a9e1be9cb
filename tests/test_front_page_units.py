"""front_page in-process: related articles, neighbours, lead story, section blocks, card dates,
the Featured key, the text-only filter, the compacted stylesheet, the favicon set."""

import json
import re
import sys
from datetime import datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "plugins"))

from front_page import assets, reading, selection, site_files
from front_page.icons import make_icons
from front_page.lite import text_only
from news_metadata.errors import collector

WITA = ZoneInfo("Asia/Makassar")
START = datetime(2025, 1, 1, 8, 0, tzinfo=WITA)


class Stub(SimpleNamespace):
    """A stand-in article, hashable by identity like Pelican's Article."""

    __hash__ = object.__hash__
    __eq__ = object.__eq__


CATEGORIES = {}


def make(n, tags, category):
    """A stand-in article: ``a<n>``, dated n hours after START (higher n = newer)."""
    return Stub(
        title=f"a{n}",
        date=START + timedelta(hours=n),
        tags=[f"tag:{t}" for t in tags],
        category=CATEGORIES.setdefault(category, Stub(name=f"cat:{category}")),
        featured=False,
    )


def newest_first(articles):
    return sorted(articles, key=lambda a: a.date, reverse=True)


def titles(articles):
    return [a.title for a in articles]


def test_related_ranks_shared_tags_then_section_newest_first():
    arts = newest_first(
        [
            make(1, ["x", "y"], "A"),  # shares x and y with a9
            make(2, ["x"], "B"),
            make(3, ["z"], "A"),  # same section only
            make(4, ["x"], "C"),
            make(5, [], "A"),
            make(6, ["q"], "D"),  # nothing in common
            make(9, ["x", "y"], "A"),
        ]
    )
    by_tag, by_category = reading.index_by(arts)
    me = next(a for a in arts if a.title == "a9")
    assert titles(reading.related(me, by_tag, by_category, 5)) == ["a1", "a4", "a2", "a5", "a3"]
    assert titles(reading.related(me, by_tag, by_category, 2)) == ["a1", "a4"]
    assert reading.related(me, by_tag, by_category, 0) == []
    # What the page offers already (previous/next in the section) is not offered again.
    a4 = next(a for a in arts if a.title == "a4")
    assert titles(reading.related(me, by_tag, by_category, 5, exclude={a4})) == [
        "a1",
        "a2",
        "a5",
        "a3",
    ]


def test_related_never_lists_the_article_itself_or_twice():
    arts = newest_first([make(n, ["x", "y"], "A") for n in range(12)])
    by_tag, by_category = reading.index_by(arts)
    for article in arts:
        shown = reading.related(article, by_tag, by_category, 5)
        assert article not in shown
        assert len(shown) == len(set(map(id, shown))) == 5


class CountingList(list):
    """A list that records the largest slice taken from it."""

    largest = 0

    def __getitem__(self, key):
        if isinstance(key, slice):
            CountingList.largest = max(CountingList.largest, len(range(*key.indices(len(self)))))
        return super().__getitem__(key)


def test_related_looks_at_a_bounded_number_of_articles_per_tag():
    # 3000 articles in one tag and one section: a pairwise rule would compare 9 million pairs;
    # this one looks at the first 3 × limit + 1 of each tag (2 × limit + 1 of the section).
    arts = newest_first([make(n, ["x"], "A") for n in range(3000)])
    by_tag, by_category = reading.index_by(arts)
    by_tag = {tag: CountingList(items) for tag, items in by_tag.items()}
    by_category = {cat: CountingList(items) for cat, items in by_category.items()}
    CountingList.largest = 0
    for article in arts:
        reading.related(article, by_tag, by_category, 5)
    assert CountingList.largest == 3 * 5 + 1  # the section fill looks at 2 × 5 + 1 at most


def test_neighbours_in_the_section():
    arts = newest_first([make(1, [], "A"), make(2, [], "B"), make(3, [], "A"), make(4, [], "A")])
    _, by_category = reading.index_by(arts)
    reading.set_neighbours(by_category)
    a1, a2, a3, a4 = sorted(arts, key=lambda a: a.date)
    assert (a3.section_newer, a3.section_older) == (a4, a1)
    assert (a4.section_newer, a1.section_older) == (None, None)
    assert (a2.section_newer, a2.section_older) == (None, None)  # alone in B


def test_latest_leaves_out_the_article_and_what_is_offered():
    arts = newest_first([make(n, [], "A") for n in range(10)])
    me, offered = arts[1], {arts[0], arts[3]}
    assert titles(reading.latest_for(me, arts, offered, 3)) == ["a7", "a5", "a4"]


def test_lead_story_is_the_newest_featured_else_the_newest():
    arts = newest_first([make(n, [], "A") for n in range(5)])
    assert selection.lead_story(arts).title == "a4"
    arts[3].featured = arts[2].featured = True
    assert selection.lead_story(arts).title == "a2"
    assert selection.lead_story([]) is None


def test_section_blocks_in_order_without_repeats():
    arts = newest_first([make(n, [], "AB"[n % 2]) for n in range(10)] + [make(20, [], "C")])
    _, by_category = reading.index_by(arts)
    shown_above = set(arts[:3])  # a20, a9, a8
    blocks = selection.section_blocks(
        by_category, ["cat:B", "cat:X", "cat:A", "cat:C"], shown_above, 2
    )
    assert [(b["category"].name, titles(b["articles"])) for b in blocks] == [
        ("cat:B", ["a7", "a5"]),
        ("cat:A", ["a6", "a4"]),
    ]  # cat:X has no articles, cat:C only the lead: no block


@pytest.mark.parametrize(
    "moment, text",
    [
        (datetime(2025, 8, 14, 10, 30), "14 Agu 2025, 10.30 WITA"),  # naive means WITA
        (datetime(2025, 8, 14, 2, 30, tzinfo=ZoneInfo("UTC")), "14 Agu 2025, 10.30 WITA"),
        (datetime(2024, 12, 31, 23, 59, 59, tzinfo=WITA), "31 Des 2024, 23.59 WITA"),
    ],
)
def test_card_dates_show_date_and_time_in_wita(moment, text):
    assert selection.CardDates()(moment) == text


@pytest.mark.parametrize("value, expected", [("true", True), ("ya", True), ("tidak", False)])
def test_featured_accepts_booleans(value, expected):
    article = SimpleNamespace(featured=value, source_path="x.md", news_lines={})
    selection.read_featured(article)
    assert article.featured is expected


def test_featured_that_is_not_a_boolean_is_an_error_with_line_and_fix():
    collector.reset()
    article = SimpleNamespace(
        featured="utama",
        source_path=str(ROOT / "content/articles/2025/x.md"),
        news_lines={"featured": 7},
    )
    selection.read_featured(article)
    assert article.featured is False
    (error,) = collector.errors
    assert str(error) == (
        "content/articles/2025/x.md:7: Featured must be true or false, got 'utama' — "
        "write 'Featured: true' to make it the home page's lead story, or remove the line"
    )
    collector.reset()


def test_text_only_drops_images_media_and_scripts_keeps_text_and_links():
    html = (
        '<p>Satu <a href="/x.html" class="c">dua</a><img src="a.jpg" alt="foto"></p>'
        '<figure><picture><source srcset="a.avif"><img src="a.jpg" alt=""></picture>'
        "<figcaption>Keterangan</figcaption></figure>"
        '<script>alert(1)</script><iframe src="https://video.example/"></iframe>'
        '<p><sup id="fnref:1"><a href="#fn:1">1</a></sup></p>'
    )
    text = str(text_only(html))
    assert "<img" not in text and "<picture" not in text and "source" not in text
    assert "<script" not in text and "alert" not in text and "iframe" not in text
    assert '<a href="/x.html">dua</a>' in text and "Keterangan" in text
    assert '<sup id="fnref:1"><a href="#fn:1">1</a></sup>' in text


def test_compacted_stylesheet_keeps_every_rule_and_has_a_content_hash():
    source = (ROOT / "theme/static/css/style.css").read_text(encoding="utf-8")
    # compact_css is safe only while no CSS string holds "/*" or { } ; , > :
    for string in re.findall(r'"[^"]*"|\'[^\']*\'', re.sub(r"/\*.*?\*/", "", source, flags=re.S)):
        assert not re.search(r"[{};,>:]|/\*", string), string
    compact = assets.compact_css(source)
    assert "/*" not in compact and "\n" not in compact.rstrip("\n")
    without_comments = re.sub(r"/\*.*?\*/", "", source, flags=re.S)
    assert compact.count("{") == without_comments.count("{")
    assert compact.count("}") == without_comments.count("}")
    assert '.card-byline::after{content:" · "}' in compact
    assert "@media (min-width:64em){" in compact and ".a :hover" not in source
    assert "calc(100vh - 4rem)" in compact  # spaces around - are kept
    name = assets.hashed_name("css/style.css", compact.encode())
    assert re.fullmatch(r"css/style\.[0-9a-f]{10}\.css", name)
    assert name != assets.hashed_name("css/style.css", compact.encode() + b" ")


def test_favicon_set_from_the_logo(tmp_path):
    from PIL import Image

    images = ROOT / "theme/static/images"
    written = make_icons(images / "logo.png", images / "logo.svg", tmp_path)
    assert sorted(p.name for p in written) == sorted(
        ["apple-touch-icon.png", "icon-192.png", "icon-512.png", "favicon.ico", "icon.svg"]
    )
    for name, size in [("apple-touch-icon.png", 180), ("icon-192.png", 192), ("icon-512.png", 512)]:
        assert Image.open(tmp_path / name).size == (size, size)
    assert Image.open(tmp_path / "favicon.ico").info["sizes"] == {(16, 16), (32, 32), (48, 48)}
    # The committed set is this output (re-run `make icons` after changing the logo).
    committed = ROOT / "theme/static/icons"
    for path in written:
        assert (committed / path.name).read_bytes() == path.read_bytes(), path.name


def test_manifest_names_the_site_and_its_icons():
    data = site_files.manifest(
        {"SITENAME": "Kabar Mbojo", "SITESUBTITLE": "Berita", "THEME_STATIC_DIR": "theme"}
    )
    assert data["name"] == "Kabar Mbojo" and data["lang"] == "id"
    assert data["theme_color"] == "#7a1020" and data["start_url"] == "./"
    assert {icon["sizes"] for icon in data["icons"]} == {"192x192", "512x512", "any"}
    for icon in data["icons"]:
        assert (ROOT / "theme/static" / Path(icon["src"]).relative_to("theme")).is_file()
    json.dumps(data)
