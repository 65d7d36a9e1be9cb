"""The web editor's config.yml and the content model agree (plugins/cms/config.py)."""

import json
import re
from datetime import UTC, datetime

import pytest
import yaml
from cms import config as cms_config
from cms.config import DATE_KEYS
from cms.plugin import config_for
from conftest import GOOD_HEADER, ROOT
from news_metadata import clock
from news_metadata.profiles import load_profiles
from news_metadata.reader import COMMENT_MODES, LIST_KEYS, REQUIRED, STATUS_WORDS, TRUE_WORDS
from news_metadata.settings import known_keys
from pelican import Pelican
from pelican.settings import read_settings


@pytest.fixture(scope="module")
def settings():
    """The site's settings after every plugin registered its keys (``initialized``)."""
    return Pelican(read_settings(str(ROOT / "pelicanconf.py"))).settings


@pytest.fixture(scope="module")
def config(settings):
    return config_for(settings)


def article_collections(config):
    return [c for c in config["collections"] if c["name"].startswith("artikel-")]


def fields(collection):
    return {field["name"]: field for field in collection["fields"]}


def test_every_known_key_is_a_field_or_left_out_with_a_reason(settings, config):
    for collection in article_collections(config):
        names = set(fields(collection)) - {"body"}
        edited = {cms_config.EDITED_AS.get(key, key) for key in known_keys(settings)}
        assert names == edited - set(cms_config.NOT_EDITED)
    # what the site registers beyond the design's table is in too: Id, Breaking_until, ...
    assert {"id", "breaking_until", "type"} <= names


def test_required_fields_are_the_readers_required_keys(config):
    article = article_collections(config)[0]
    required = {name for name, field in fields(article).items() if field.get("required", True)} - {
        "body"
    }
    # The reader's required keys, Author|Authors edited as the Authors list.
    assert REQUIRED["article"] == ("title", "date", "author|authors", "category")
    assert required == {"title", "date", "authors", "category"}
    assert fields(article)["title"]["empty_message"] == cms_config.TITLE_EMPTY
    page = next(c for c in config["collections"] if c["name"] == "halaman")
    assert {n for n, f in fields(page).items() if f.get("required", True)} - {"body"} == {
        *REQUIRED["page"]
    }


def test_select_lists_come_from_settings_and_authors_file(settings, config):
    article = fields(article_collections(config)[0])
    assert article["category"]["options"] == settings["NEWS_METADATA_CATEGORIES"]
    profiles = load_profiles(str(ROOT / "content" / "data" / "authors.yml"))
    assert article["authors"]["options"] == list(profiles)
    assert article["comments"]["options"] == list(COMMENT_MODES)
    assert {option["value"] for option in article["status"]["options"]} == {
        *STATUS_WORDS.values(),
        *settings["NEWS_METADATA_EXTRA_STATUSES"],
    }


def test_every_status_the_build_takes_is_offered_and_another_said_in_its_words(
    settings, config, tmp_path
):
    """A withdrawn story (make withdraw) opened with an empty Status and a preview as if it
    were live: the list offered draft and published only."""
    from news_metadata.reader import NewsMarkdownReader

    status = fields(article_collections(config)[0])["status"]
    assert status["widget"] == "news-select"
    assert "withdrawn" in [option["value"] for option in status["options"]]
    path = tmp_path / "x.md"
    path.write_text(GOOD_HEADER + "Status: terbit\n\nIsi.\n", encoding="utf-8")
    _html, metadata = NewsMarkdownReader({**settings, "PATH": str(tmp_path)}).read(str(path))
    (_line, message, fix) = metadata["news_problems"][0]
    assert message.startswith(status["unknown_message"] + " 'terbit'"), message
    assert fix == status["unknown_fix"]


def test_widgets_fit_the_readers_types(config):
    article = fields(article_collections(config)[0])
    # header-format.js shows exactly these as the build reads them (header_options' dateKeys).
    assert sorted(n for n, f in article.items() if f["widget"] == "datetime") == sorted(DATE_KEYS)
    for name in DATE_KEYS:
        assert article[name]["widget"] == "datetime"
        assert article[name]["format"] == "YYYY-MM-DD HH:mm"  # what parse_date takes as WITA
        assert article[name]["picker_utc"] is False
    assert article["breaking"]["widget"] == "boolean"
    # typed as the header's text, shown split as the build splits it (admin.js)
    assert article["tags"]["widget"] == "news-tags"
    assert cms_config.TYPED_LIST_KEYS == ("tags",)
    assert article["image"]["widget"] == "news-image"  # Decap's image widget, wrapped
    assert article["id"]["widget"] == "news-id"
    # Decap's select, which also shows the build's error for a value it does not offer
    assert article["authors"]["widget"] == article["category"]["widget"] == "news-select"


def test_the_forms_unknown_value_errors_are_the_builds(config, make_site):
    """admin.js shows "<unknown_message> '<value>' — <unknown_fix>" over a select list with a
    value it does not offer; the build says the same of that file (news_metadata.model)."""
    article = fields(article_collections(config)[0])
    built = make_site(
        {
            "articles/2024/x.md": "Title: X\nDate: 2024-05-01 08:00\nAuthor: Munir Husein\n"
            "Category: Beritaa\n\nIsi.\n"
        }
    )
    assert built.result.returncode == 1
    for name, value in (("authors", "Munir Husein"), ("category", "Beritaa")):
        field = article[name]
        assert f"x.md:3: {field['unknown_message']} '{value}'" in built.result.stderr or (
            f"x.md:4: {field['unknown_message']} '{value}'" in built.result.stderr
        ), built.result.stderr
        assert f"— {field['unknown_fix']}" in built.result.stderr


def test_a_draft_may_be_saved_without_text(config):
    """The build accepts a header-only draft; the form must not refuse to save one."""
    assert fields(article_collections(config)[0])["body"]["required"] is False


def test_one_collection_per_year_and_media_into_that_years_folder(config):
    years = [c["name"] for c in article_collections(config)]
    assert "artikel-2024" in years and "artikel-2025" in years
    for collection in article_collections(config):
        year = collection["name"].split("-")[1]
        assert collection["folder"] == f"content/articles/{year}"
        assert collection["media_folder"] == f"/content/images/{year}"
        assert collection["public_folder"] == f"images/{year}"
        assert collection["format"] == cms_config.HEADER_FORMAT
    assert [c["create"] for c in article_collections(config)].count(True) == 1


def test_the_new_year_in_wita_is_a_moment_the_config_changes(settings, monkeypatch):
    # 2026-12-31 15:59:59 UTC is 23:59:59 WITA: the config names 2026, next 2027.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798732799")
    clock.start_moments()
    config_for(settings)
    assert clock.next_moment(clock.build_now()) == datetime(2026, 12, 31, 16, 0, tzinfo=UTC)


def test_articles_and_pages_use_the_header_format_the_script_registers(config):
    """config.yml names the format header-format.js registers (Decap refuses an unknown one)."""
    script = (ROOT / "plugins/cms/admin/header-format.js").read_text(encoding="utf-8")
    assert f'var NAME = "{cms_config.HEADER_FORMAT}";' in script
    assert 'COMMENT_NAME: "news-comment"' in script
    assert collection(config, "halaman")["format"] == cms_config.HEADER_FORMAT


def test_the_build_writes_the_generated_config(make_site):
    script = ROOT / "tools/cms/node_modules/decap-cms/dist/decap-cms.js"
    if not script.exists():
        pytest.skip(f"{script} missing: run make cms-tools")
    built = make_site({"articles/2024/berita.md": GOOD_HEADER + "\nIsi.\n"}, "pelicanconf.py")
    assert built.result.returncode == 0, built.result.output_text
    admin = built.output / "admin"
    written = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert written["local_backend"]["url"].startswith("http://127.0.0.1:")
    assert [c["name"] for c in written["collections"]][-3:] == ["halaman", "komentar", "koreksi"]
    page = (admin / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in page
    # Decap starts only after admin.js registered the header format (manual init)
    scripts = re.findall(r'<script src="([^"]+)">', page)
    assert scripts == ["decap-cms.js", "header-format.js", "admin.js"]
    assert page.index("window.CMS_MANUAL_INIT = true") < page.index('src="decap-cms.js"')
    assert (admin / "header-format.js").read_bytes() == (
        ROOT / "plugins/cms/admin/header-format.js"
    ).read_bytes()
    setup = json.loads(re.search(r'id="km-cms">(.*?)</script>', page).group(1))
    assert setup["header"]["listKeys"] == sorted(set(LIST_KEYS) - {"tags"})
    assert setup["header"]["categories"]["berita"] == "Berita"
    assert setup["commentHeader"]["spellings"]["reply-to"] == "Reply-To"
    assert setup["siteRoot"] == "../"
    assert set(setup["header"]["trueWords"]) == TRUE_WORDS
    assert "breaking_until" in setup["header"]["knownKeys"]  # registered by breaking_news
    assert (admin / "decap-cms.js").stat().st_size > 1_000_000
    assert "https://" not in page  # nothing from a CDN
    home = (built.output / "index.html").read_text(encoding="utf-8")
    assert "admin/" not in home  # not linked from public pages


def test_build_without_the_package_warns_and_leaves_admin_out(make_site, tmp_path):
    built = make_site(
        {"articles/2024/berita.md": GOOD_HEADER + "\nIsi.\n"},
        "pelicanconf.py",
        "-e",
        f'CMS_SCRIPT_DIR="{tmp_path}/nothing"',
    )
    assert built.result.returncode == 0, built.result.output_text
    assert "the web editor (/admin/) is left out: Decap CMS is not installed" in (
        built.result.output_text
    )
    assert "make cms-tools" in built.result.output_text
    assert not (built.output / "admin").exists()


def test_required_publish_build_without_the_package_fails(make_site, tmp_path):
    built = make_site(
        {"articles/2024/berita.md": GOOD_HEADER + "\nIsi.\n"},
        "publishconf.py",
        "-e",
        f'CMS_SCRIPT_DIR="{tmp_path}/nothing"',
        env={"CMS_REQUIRED": "1"},
    )
    assert built.result.returncode == 1
    assert "Decap CMS is not installed — run 'make cms-tools'" in built.result.stderr


def collection(config, name):
    return next(c for c in config["collections"] if c["name"] == name)


def test_comment_fields_are_the_comment_readers_keys(config):
    from comments.storage import EDITOR_KEY, KEYS
    from comments.storage import REQUIRED as COMMENT_REQUIRED

    komentar = collection(config, "komentar")
    named = fields(komentar)
    assert set(named) == {*KEYS, EDITOR_KEY, "body"}
    required = {n for n, f in named.items() if f.get("required", True)} - {"body", EDITOR_KEY}
    assert required == set(COMMENT_REQUIRED)
    assert named["date"]["widget"] == "datetime"
    assert named[EDITOR_KEY]["widget"] == "news-comment-article"  # the folder, never written
    # the comment's own Key: value header, as make comment writes it (header-format.js)
    assert komentar["format"] == "news-comment"
    assert komentar["summary"] == "{{author}} ({{date}}) – {{dirname}}"
    assert komentar["folder"] == "content/comments"
    assert komentar["path"] == "{{article}}/{{slug}}"  # <article-id>/<comment-id>.md


def test_correction_fields_are_the_correction_readers_fields(config):
    from corrections.entries import FIELDS, MAPPING_KEYS
    from corrections.entries import REQUIRED as ENTRY_REQUIRED
    from corrections.settings import KINDS

    koreksi = collection(config, "koreksi")
    assert [f["name"] for f in koreksi["fields"]] == list(MAPPING_KEYS)
    entry = fields(fields(koreksi)["entries"])
    assert list(entry) == list(FIELDS)
    assert {n for n, f in entry.items() if f.get("required", True)} == set(ENTRY_REQUIRED)
    assert entry["kind"]["options"] == list(KINDS)
    assert entry["date"]["widget"] == "datetime"
    assert (koreksi["folder"], koreksi["format"], koreksi["slug"]) == (
        "content/corrections",
        "yml",
        "{{fields.article}}",
    )


def test_a_photo_over_the_builds_limit_is_refused_with_the_builds_words(settings, config, tmp_path):
    """Decap's photo dialog refuses a file larger than NEWS_IMAGES_MAX_BYTES before uploading
    it (it was committed to the repository, then refused by the build), in the build's words."""
    from cms.config import photo_limit
    from news_images import process

    limit = settings["NEWS_IMAGES_MAX_BYTES"]
    for collection in article_collections(config):
        assert fields(collection)["image"]["media_library"] == {"config": {"max_file_size": limit}}
    path = tmp_path / "besar.jpg"
    path.write_bytes(b"\xff\xd8" + b"\0" * 3000)
    with pytest.raises(process.ImageProblem) as caught:
        process.open_source(str(path), 2000, 40_000_000)
    _, message = photo_limit({**settings, "NEWS_IMAGES_MAX_BYTES": 2000})
    said = message.removeprefix("the photo is ")
    assert said == caught.value.message.split(", ", 1)[1] + " — " + caught.value.fix
