"""The rules of breaking_news and news_seo that need no build: the news sitemap's limit and
window, visible text, shortening, commentCount, and settings that fall back."""

import logging
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from breaking_news.settings import apply_defaults as breaking_defaults
from news_metadata.text import visible_text
from news_seo.seo import SeoData, site_url
from news_seo.settings import apply_defaults as seo_defaults
from news_seo.sitemaps import news_items, news_sitemap_xml
from news_seo.text import shorten

NOW = datetime(2024, 12, 5, 2, 15, tzinfo=UTC)  # 5 Desember 2024 10.15 WITA


def fake_article(minutes_ago, number=0):
    return SimpleNamespace(
        date=NOW - timedelta(minutes=minutes_ago),
        url=f"2024/12/a{number}.html",
        title_plain=f"Berita {number} & <lain>",
        lang="id",
    )


def test_news_sitemap_keeps_at_most_1000_newest_first():
    articles = [fake_article(minutes, minutes) for minutes in range(1005)]
    items = news_items(articles, NOW, timedelta(hours=48), 1000)
    assert len(items) == 1000
    assert items[0].date == NOW and items[-1].date == NOW - timedelta(minutes=999)


def test_news_sitemap_window_edges():
    inside = fake_article(48 * 60, 1)  # exactly two days ago: in
    outside = fake_article(48 * 60 + 1, 2)  # a minute older: out
    future = fake_article(-1, 3)  # a minute from now: not published yet
    assert news_items([outside, future, inside], NOW, timedelta(hours=48), 1000) == [inside]


def test_news_sitemap_escapes_titles():
    xml = news_sitemap_xml([fake_article(5, 7)], "https://x.example", "Kabar & Co", "id")
    assert "<news:title>Berita 7 &amp; &lt;lain&gt;</news:title>" in xml
    assert "<news:name>Kabar &amp; Co</news:name>" in xml
    assert "<news:publication_date>2024-12-05T10:10:00+08:00</news:publication_date>" in xml


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ('<span class="caps">KPK</span> periksa', "KPK periksa"),
        ("satu&nbsp;dua &amp; tiga", "satu dua & tiga"),
        ("&#8220;kutip&#8221; &lt;b&gt;", "“kutip” <b>"),
        ("<p>a</p><p>b</p>", "a b"),
        ("kata<em>nya</em> <a href='#'>tautan</a>", "katanya tautan"),
        ("x <code>rm -rf</code> y <script>var a = 1;</script>z", "x y z"),
        ("<pre><code>kode</code></pre>teks<style>p{}</style>", "teks"),
        ("baris<br>baru", "baris baru"),
        ("", ""),
        (None, ""),
    ],
)
def test_visible_text(html, text):
    assert visible_text(html) == text


@pytest.mark.parametrize(
    ("text", "limit", "result"),
    [
        ("pendek saja", 20, "pendek saja"),
        ("satu dua tiga empat", 12, "satu dua…"),
        ("satu dua tiga empat", 14, "satu dua tiga…"),  # "satu dua tiga" ends at a space
        ("satu, dua tiga", 8, "satu…"),
        ("supercalifragilistik", 6, "super…"),
        ("apa saja", None, "apa saja"),
    ],
)
def test_shorten(text, limit, result):
    assert shorten(text, limit) == result
    assert limit is None or len(result) <= limit


def test_site_url_drops_index_html():
    assert site_url("https://x.example", "kategori/opini/index.html") == (
        "https://x.example/kategori/opini/"
    )
    assert site_url("https://x.example", "index.html") == "https://x.example/"
    assert site_url("https://x.example", "2024/12/a.html") == "https://x.example/2024/12/a.html"


def seo_with(content, enabled):
    return SeoData(
        "u", "t", "d", _json_ld={"@type": "NewsArticle"}, _content=content,
        _comments_enabled=enabled,
    )  # fmt: skip


def test_comment_count_only_with_comments_plugin_and_open_comments():
    counted = SimpleNamespace(comment_count=3, comments="open")
    assert seo_with(counted, True).json_ld == {"@type": "NewsArticle", "commentCount": 3}
    assert "commentCount" not in seo_with(counted, False).json_ld
    off = SimpleNamespace(comment_count=0, comments="off")
    assert "commentCount" not in seo_with(off, True).json_ld
    uncounted = SimpleNamespace(comments="open")
    assert "commentCount" not in seo_with(uncounted, True).json_ld


def test_bad_settings_fall_back_with_a_warning(caplog):
    settings = {
        "BREAKING_NEWS_MAX_AGE": "dua hari",
        "BREAKING_NEWS_MAX_ITEMS": 0,
        "NEWS_SEO_SHARE": ["whatsapp", "myspace"],
        "NEWS_SEO_NEWS_SITEMAP_MAX_ITEMS": 5000,
        "NEWS_METADATA_EXTRA_KEYS": ["Lain"],
    }
    with caplog.at_level(logging.WARNING):
        breaking_defaults(settings)
        seo_defaults(settings)
    assert settings["BREAKING_NEWS_MAX_AGE"] == timedelta(hours=48)
    assert settings["BREAKING_NEWS_MAX_ITEMS"] == 5
    assert settings["NEWS_SEO_SHARE"] == ["whatsapp"]
    assert settings["NEWS_SEO_NEWS_SITEMAP_MAX_ITEMS"] == 1000
    assert settings["NEWS_METADATA_EXTRA_KEYS"] == ["Lain", "Breaking_until"]
    messages = caplog.text
    assert "BREAKING_NEWS_MAX_AGE must be a number of hours" in messages
    assert "BREAKING_NEWS_MAX_ITEMS must be a whole number of at least 1, got 0" in messages
    assert "NEWS_SEO_SHARE: unknown network 'myspace' left out" in messages
    assert "NEWS_SEO_NEWS_SITEMAP_MAX_ITEMS must be a whole number from 1 to 1000" in messages


def test_max_age_in_hours_or_timedelta():
    settings = {"BREAKING_NEWS_MAX_AGE": 6}
    breaking_defaults(settings)
    assert settings["BREAKING_NEWS_MAX_AGE"] == timedelta(hours=6)
    settings = {"BREAKING_NEWS_MAX_AGE": timedelta(days=1)}
    breaking_defaults(settings)
    assert settings["BREAKING_NEWS_MAX_AGE"] == timedelta(days=1)
