"""build_speed: the same output with less work (issue 12).

Units for each piece (term order, Jinja settings and bytecode invalidation, URL memo), and one
pair of builds of a synthetic corpus with and without the plugin whose trees must be equal.
The build "without" runs in a new process: build_speed changes Pelican's classes for the whole
process (the URL memo, the term pages), so an in-process build "without" after any build "with"
would still use its code; the build "with" runs in this process (tests/inprocess.py).
"""

import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import bench
import inprocess
import pytest
from build_speed import cards, chrome, filters, jinja, terms, urls
from conftest import ROOT
from jinja2 import Environment, FileSystemLoader
from newsroom_cli.publish import tree_digest
from pelican.contents import Article, Static
from pelican.settings import DEFAULT_CONFIG
from search.index import UNSTABLE_FILES


def pelican_dates(dates, articles):
    """Pelican 4.12's own expression (generators.py, generate_tags)."""
    return [article for article in dates if article in articles]


def test_term_dates_are_pelicans_lists():
    items = [object() for _ in range(50)]
    generator = SimpleNamespace(dates=items[:40])  # 40..49: not in dates (e.g. hidden)
    ordered = terms.dates_order(generator)
    cases = [
        items[::3],
        list(reversed(items)),
        [items[5], items[5], items[2]],  # a duplicate is listed once, as Pelican's scan does
        items[40:],
        [],
    ]
    for articles in cases:
        assert ordered(articles) == pelican_dates(generator.dates, articles)
    assert ordered([items[7], items[3]]) == [items[3], items[7]]


@pytest.mark.own_bytecode_cache
def test_jinja_settings_keep_the_sites_own(tmp_path):
    settings = {"CACHE_PATH": str(tmp_path), "BUILD_SPEED_JINJA_CACHE": "jinja"}
    settings["JINJA_ENVIRONMENT"] = {"trim_blocks": True}
    environment = jinja.configure(settings)
    assert environment["auto_reload"] is False
    assert environment["trim_blocks"] is True
    assert environment["cache_size"] == -1  # a dict: Jinja's LRU bookkeeping left out
    assert Environment(cache_size=environment["cache_size"]).cache == {}
    assert (
        jinja.configure({**settings, "JINJA_ENVIRONMENT": {"cache_size": 50}})["cache_size"] == 50
    )
    assert environment["bytecode_cache"].directory == str(tmp_path / "jinja")
    assert not (tmp_path / "jinja").exists()  # made when a template is stored, not before
    assert settings["JINJA_ENVIRONMENT"] == {"trim_blocks": True}  # not changed in place
    own = jinja.configure({**settings, "JINJA_ENVIRONMENT": {"auto_reload": True}})
    assert own["auto_reload"] is True
    assert "bytecode_cache" not in jinja.configure({**settings, "BUILD_SPEED_JINJA_CACHE": ""})


@pytest.mark.own_bytecode_cache
def test_bytecode_cache_never_serves_an_edited_template(tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    page = templates / "page.html"
    settings = {"CACHE_PATH": str(tmp_path / "cache"), "BUILD_SPEED_JINJA_CACHE": "jinja"}

    def render():  # a fresh environment, as each build has
        options = jinja.configure(settings)
        return Environment(loader=FileSystemLoader(templates), **options).get_template("page.html")

    page.write_text("lama {{ x }}", encoding="utf-8")
    assert render().render(x=1) == "lama 1"
    assert list((tmp_path / "cache" / "jinja").iterdir()), "no bytecode written"
    assert render().render(x=2) == "lama 2"
    page.write_text("baru {{ x }}", encoding="utf-8")  # same size class, same second
    assert render().render(x=3) == "baru 3"


def article(slug, settings):
    metadata = {"title": slug, "slug": slug, "date": datetime(2026, 1, 2)}
    return Article("isi", metadata=metadata, settings=settings, source_path=f"{slug}.md")


def test_urls_are_kept_once_computed_and_equal(monkeypatch):
    settings = {**DEFAULT_CONFIG, "ARTICLE_URL": "{date:%Y}/{slug}.html"}
    settings["ARTICLE_SAVE_AS"] = settings["ARTICLE_URL"]
    first, second = article("satu", settings), article("dua", settings)
    static = Static("", metadata={"title": "f"}, settings=settings, source_path="images/f.jpg")
    expected = [(first.url, first.save_as), (second.url, second.save_as)]
    generator = SimpleNamespace(articles=[first, second], pages=[static])
    assert urls.memoize([generator]) == 2
    assert urls.memoize([generator]) == 0  # already done
    assert type(first).__name__ == "Article" and isinstance(first, Article)
    assert type(static) is Static
    calls = []
    real = Article.get_url_setting

    def counted(self, key):
        calls.append(key)
        return real(self, key)

    monkeypatch.setattr(Article, "get_url_setting", counted)
    assert [(first.url, first.save_as), (second.url, second.save_as)] == expected
    assert calls == ["url", "save_as", "url", "save_as"]
    assert [(first.url, first.save_as), (second.url, second.save_as)] == expected
    assert len(calls) == 4  # read again: the kept values, nothing computed


def build(settings, output, env, process, *overrides):
    """``pelican`` on the corpus: in a new process, or (not ``process``) in this one;
    ``overrides``: more ``-e`` settings (``NAME=json``)."""
    argv = ["-q", "-s", str(settings), "-o", str(output)]
    argv += ["-e", "SEARCH_INDEX=false", "CACHE_CONTENT=false", "LOAD_CONTENT_CACHE=false"]
    argv += overrides
    if process:
        subprocess.run([sys.executable, "-m", "pelican", *argv], cwd=ROOT, env=env, check=True)
        return
    result = inprocess.build(argv, env={"SOURCE_DATE_EPOCH": env["SOURCE_DATE_EPOCH"]})
    assert result.returncode == 0, result.output_text


@pytest.mark.own_bytecode_cache
def test_output_is_byte_identical_without_the_plugin(tmp_path):
    # 24 articles: index pagination (7 a page), every tag, category and author page, as 60 had.
    conf = bench.make_corpus(tmp_path, 24)
    without = tmp_path / "without_conf.py"
    without.write_text(
        f"import sys\nsys.path.insert(0, {str(tmp_path)!r})\nfrom bench_conf import *  # noqa\n"
        "PLUGINS = [p for p in PLUGINS if p != 'build_speed']  # noqa: F405\n",
        encoding="utf-8",
    )
    env = {**os.environ, "SOURCE_DATE_EPOCH": bench.build_epoch(tmp_path)}
    env["PYTHONPATH"] = str(ROOT / "plugins")
    # On two processes (read ahead, pages rendered by a worker): the serial site all the same
    # (tests/test_build_workers.py compares two processes with one, the plugin on).
    build(conf, tmp_path / "with", env, False, "BUILD_SPEED_WORKERS=2")
    build(without, tmp_path / "without", env, True)
    tags = sorted(p.name for p in (tmp_path / "with" / "label").iterdir() if p.is_dir())
    assert len(tags) == len(bench.TAGS), tags  # every term page was written
    assert (tmp_path / "with" / "page" / "4" / "index.html").is_file()  # the index paginates
    assert list((tmp_path / "cache" / "jinja").iterdir())
    digests = [tree_digest(tmp_path / name, UNSTABLE_FILES) for name in ("with", "without")]
    assert digests[0] == digests[1]
    assert Path(tmp_path / "with" / "index.html").stat().st_size > 1000


def test_date_filters_are_remembered_and_equal():
    from news_metadata.dates import format_wita_date, to_wita

    calls = []

    def counted(value, locale="id"):
        calls.append(value)
        return format_wita_date(value, locale)

    environment = Environment()
    environment.filters["wita_date"] = counted
    filters.install(environment)
    filters.install(environment)  # once only
    remembered = environment.filters["wita_date"]
    moment = datetime(2026, 11, 29, 23, 30)
    assert remembered(moment) == format_wita_date(moment) == remembered(moment)
    assert remembered(to_wita(moment)) == format_wita_date(to_wita(moment))
    assert remembered(moment, locale="en") == format_wita_date(moment, "en")
    assert len(calls) == 3  # the repeated call was looked up
    assert remembered.__wrapped__ is counted
    assert filters.memo(len)([1, 2]) == 2  # unhashable: computed, not cached


class CountedArticle:
    """Enough of an article for the theme's card; counts how often its title is read."""

    def __init__(self, title):
        self._title, self.reads = title, 0
        self.url, self.summary, self.authors = "2026/x.html", "<p>ringkas</p>", []
        self.category = SimpleNamespace(name="Berita", url="kategori/berita/")
        self.date, self.card_date, self.breaking = datetime(2026, 1, 2), "2 Jan 2026", False

    @property
    def title(self):
        self.reads += 1
        return self._title


def test_the_theme_card_is_rendered_once_per_article_arguments_and_siteurl():
    environment = Environment(loader=FileSystemLoader(ROOT / "theme" / "templates"))
    environment.filters["isoformat"] = environment.filters["wita_date"] = str
    environment.tests["plugin_enabled"] = lambda name: False
    page = environment.from_string(
        '{% from "partials/article_card.html" import article_card with context %}'
        '{{ article_card(a) }}|{{ article_card(a, 3, "compact", kicker=False) }}'
    )
    context = {"a": CountedArticle("Satu"), "UI": {"byline_prefix": "Oleh"}, "SITEURL": "."}
    plain = page.render(**context)  # without the plugin: the theme renders directly
    assert context["a"].reads == 2 and "Satu" in plain and "card-compact" in plain
    cards.install(environment)
    context["a"] = CountedArticle("Satu")
    assert page.render(**context) == plain  # same text with the plugin
    assert page.render(**context) == plain and context["a"].reads == 2  # second page: reused
    assert page.render(**{**context, "SITEURL": ".."}) != plain  # the key holds SITEURL
    assert context["a"].reads == 4


def test_the_frame_partials_are_rendered_once_per_key_as_the_include_would():
    environment = Environment(
        loader=FileSystemLoader(ROOT / "theme" / "templates"), trim_blocks=True, autoescape=True
    )
    environment.tests["plugin_enabled"] = lambda name: False
    calls = []
    environment.globals["count"] = lambda: calls.append(1) or ""
    environment.globals["UI"] = {"search": "Cari"}
    page = environment.from_string(
        '{% set local = "not seen by the partial" %}'
        '{% if include_once is defined %}{{ include_once("partials/site_header.html", SITEURL) }}'
        '{% else %}{% include "partials/site_header.html" %}{% endif %}{{ count() }}'
    )
    context = {"SITEURL": "https://a.example", "SITENAME": "Kabar <Mbojo>"}
    plain = page.render(**context)  # without the plugin: {% include %}
    assert 'href="https://a.example/"' in plain and "Kabar &lt;Mbojo&gt;" in plain
    chrome.install(environment)
    header = environment.get_template("partials/site_header.html")
    renders = []
    original = header.root_render_func
    header.root_render_func = lambda context: renders.append(1) or original(context)
    assert page.render(**context) == plain == page.render(**context)
    assert len(renders) == 1  # the second page reused the text
    other = page.render(**{**context, "SITEURL": ".."})
    assert 'href="../"' in other and len(renders) == 2  # the key holds SITEURL
    assert page.render(**{**context, "SITENAME": "Lain"}) == plain  # build-wide: not keyed
    fresh = Environment(loader=environment.loader, trim_blocks=True, autoescape=True)
    fresh.globals.update(environment.globals)
    fresh.tests.update(environment.tests)
    again = fresh.from_string('{{ include_once("partials/site_header.html", SITEURL) }}')
    assert "Lain" in again.render(**{**context, "SITENAME": "Lain"})  # the next build: empty


def test_a_title_edit_shows_on_every_listing_of_a_warm_build(tmp_path):
    # The cards (one per article and arguments) and the frame's partials are kept for one
    # build only: a warm build (reading cache and compiled templates kept) after a title edit
    # shows the new title wherever the old one was, and equals a cold build.
    conf = bench.make_corpus(tmp_path, 24)
    env = {**os.environ, "SOURCE_DATE_EPOCH": bench.build_epoch(tmp_path)}
    build(conf, tmp_path / "first", env, False, "BUILD_SPEED_WORKERS=1")
    path = sorted((tmp_path / "content" / "articles").rglob("*.md"))[-1]
    text = path.read_text(encoding="utf-8")
    old = text.split("\n", 1)[0].removeprefix("Title: ")
    showed = {
        str(p.relative_to(tmp_path / "first"))
        for p in (tmp_path / "first").rglob("*.html")
        if old in p.read_text(encoding="utf-8")
    }
    assert "index.html" in showed, showed
    assert any(name.startswith("label/") for name in showed), showed  # its tags' pages
    page = next(
        p
        for p in (tmp_path / "first").glob("20*/*/*.html")
        if f">{old}</h1>" in p.read_text("utf-8")
    )
    new = "Judul Baru Sekali"  # at the same address (its slug kept): only the title changes
    path.write_text(text.replace(f"Title: {old}", f"Title: {new}\nSlug: {page.stem}", 1), "utf-8")
    assert list((tmp_path / "cache" / "reading").iterdir())  # the next build is a warm one
    build(conf, tmp_path / "warm", env, False, "BUILD_SPEED_WORKERS=1")
    warm = {
        str(p.relative_to(tmp_path / "warm"))
        for p in (tmp_path / "warm").rglob("*.html")
        if new in p.read_text(encoding="utf-8")
    }
    stale = [p for p in (tmp_path / "warm").rglob("*.html") if old in p.read_text("utf-8")]
    assert stale == []
    listings = {name for name in showed if not name.startswith(("20", "teks/"))}
    assert listings and listings <= warm  # every listing that showed it shows the new card
    shutil.rmtree(tmp_path / "cache")
    build(conf, tmp_path / "cold", env, False, "BUILD_SPEED_WORKERS=1")
    digests = [tree_digest(tmp_path / name, UNSTABLE_FILES) for name in ("warm", "cold")]
    assert digests[0] == digests[1]


def test_one_markdown_for_many_files_reads_each_as_a_fresh_one(tmp_path):
    """news_metadata's reader reuses one Markdown (reset between files): footnotes, headings'
    ids, abbreviations and the header of one file never reach the next."""
    from news_metadata.reader import NewsMarkdownReader
    from pelican.settings import read_settings

    header = "Title: {t}\nDate: 2026-01-0{n} 08:00\nCategory: Berita\nAuthor: Redaksi\n"
    header += "Summary: Ringkas *{t}*\n\n"
    bodies = [
        "## Awal\n\nSatu[^a] dan HTML.\n\n[^a]: Catatan satu.\n\n*[HTML]: Hyper Text\n",
        "## Awal\n\nDua tanpa catatan, HTML saja.\n",
        "Tiga[^a].\n\n[^a]: Catatan tiga.\n",
    ]
    paths = []
    for number, body in enumerate(bodies, 1):
        path = tmp_path / f"a{number}.md"
        path.write_text(header.format(t=f"Judul {number}", n=number) + body, encoding="utf-8")
        paths.append(str(path))
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(tmp_path)})
    shared = NewsMarkdownReader(settings)
    reused = [shared.read(path) for path in paths]
    fresh = [NewsMarkdownReader(settings).read(path) for path in paths]
    assert [(html, meta["title"], meta["summary"]) for html, meta in reused] == [
        (html, meta["title"], meta["summary"]) for html, meta in fresh
    ]
    assert "Catatan satu" in reused[0][0] and "<abbr" in reused[0][0]
    assert "footnote" not in reused[1][0] and "<abbr" not in reused[1][0]
    assert "Catatan tiga" in reused[2][0] and "Catatan satu" not in reused[2][0]
    assert reused[2][1]["title"] == "Judul 3"


def test_the_code_is_hashed_once_per_build_and_again_in_the_next(tmp_path, monkeypatch):
    """reading.code_digest: the generators of one build (one settings object) share one hash
    of PLUGIN_PATHS and THEME; the next build (a new settings object) hashes again and sees
    an edited plugin, whether or not the build state was reset in between."""
    from build_speed import reading
    from news_metadata import state

    plugin = tmp_path / "plugins" / "p.py"
    plugin.parent.mkdir()
    plugin.write_text("A = 1\n", encoding="utf-8")
    hashed = []
    real = reading.tree_digest
    monkeypatch.setattr(reading, "tree_digest", lambda f: hashed.append(f) or real(f))
    state.reset()
    settings = {"PLUGIN_PATHS": [str(plugin.parent)], "THEME": str(tmp_path / "theme")}
    first = reading.code_digest(settings)
    assert reading.code_digest(settings) == first and len(hashed) == 1
    plugin.write_text("A = 2\n", encoding="utf-8")
    second = reading.code_digest(dict(settings))  # the next build, no reset
    assert second != first and len(hashed) == 2
    state.reset()
    assert reading.code_digest(settings) == second and len(hashed) == 3


def test_one_markdown_reads_thousands_of_files(tmp_path):
    """news_metadata's heading-id guard (anchors.py) is installed on the reader's one Markdown
    per file: it must not wrap its own wrapper (a RecursionError after ~980 articles)."""
    import markdown
    from news_metadata import anchors

    md = markdown.Markdown(extensions=["toc"])
    settings = {"THEME": str(ROOT / "theme")}
    for _ in range(2000):
        md.reset()
        anchors.install(md, settings)
    assert 'id="bagian-baca-juga"' in md.convert("## Baca juga")
    assert 'id="harga-bawang"' in md.reset().convert("## Harga bawang")


def test_an_id_added_to_a_template_counts_from_the_next_build(tmp_path):
    """anchors.py reads the theme's ids once per build, not once per process: make devserver
    builds again in the same process after a theme edit (s28 review)."""
    import markdown
    from news_metadata import anchors, state

    templates = tmp_path / "theme" / "templates"
    templates.mkdir(parents=True)
    (templates / "base.html").write_text('<main id="isi"></main>', encoding="utf-8")
    settings = {"THEME": str(tmp_path / "theme")}
    state.reset()
    md = markdown.Markdown(extensions=["toc"])
    anchors.install(md, settings)
    assert 'id="harga-bawang"' in md.convert("## Harga bawang")
    assert anchors.page_ids(settings) is anchors.page_ids(settings)  # once per build
    (templates / "base.html").write_text('<main id="isi"><b id="harga-bawang">', encoding="utf-8")
    state.reset()  # the next build (article_generator_init)
    anchors.install(md.reset(), settings)
    assert 'id="bagian-harga-bawang"' in md.convert("## Harga bawang")
    assert anchors.taken('<p id="harga-bawang">', settings) == ["harga-bawang"]
