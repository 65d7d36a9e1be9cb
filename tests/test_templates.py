"""news_metadata.templates: which names a Template: line may give, and the report."""

from news_metadata import templates
from news_metadata.state import reset
from pelican.contents import Article
from workflow import ROOT

THEME = {"THEME": str(ROOT / "theme"), "TEMPLATE_EXTENSIONS": [".html"]}


def test_discovered_from_the_theme_without_listing_templates():
    names = templates.available_templates({**THEME, "DIRECT_TEMPLATES": ["index", "tags"]})
    assert {"article", "page", "withdrawn", "corrections"} <= set(names)
    assert not {"base", "index", "tags", "tag", "category", "content_errors"} & set(names)
    assert "partials" not in names and "lite" not in names  # folders are not templates


def test_overrides_folder_counts_and_the_setting_wins(tmp_path):
    (tmp_path / "longform.html").write_text("{% extends 'article.html' %}", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a template", encoding="utf-8")
    found = templates.available_templates({**THEME, "THEME_TEMPLATES_OVERRIDES": [tmp_path]})
    assert "longform" in found and "notes" not in found
    only = templates.available_templates({**THEME, "NEWS_METADATA_TEMPLATES": ["article"]})
    assert only == ["article"]


def test_unknown_template_is_reported_and_falls_back(monkeypatch):
    reported = []
    monkeypatch.setattr(templates.errors, "report", lambda *args: reported.append(args))
    reset()
    listings = ["index", "categories", "tags", "authors", "archives", "search"]
    settings = {**THEME, "DIRECT_TEMPLATES": listings}
    article = Article(
        "Isi.",
        {"title": "T", "template": "artcle", "news_lines": {"template": 5}},
        settings=_settings(settings),
        source_path="content/articles/2024/a.md",
    )
    templates.check_template(article)
    [(path, line, message, fix)] = reported
    assert (path, line) == ("content/articles/2024/a.md", 5)
    assert message == "Template 'artcle' is not a template of the theme (did you mean 'article'?)"
    assert fix.startswith("write one of 404, article, corrections, page, withdrawn")
    assert article.template == "article"


def test_a_template_set_by_a_plugin_is_not_checked(monkeypatch):
    monkeypatch.setattr(templates.errors, "report", lambda *args: 1 / 0)
    reset()
    article = Article(
        "Isi.", {"title": "T", "template": "nowhere"}, settings=_settings(THEME), source_path="a.md"
    )
    templates.check_template(article)
    assert article.template == "nowhere"


def _settings(extra):
    from pelican.settings import DEFAULT_CONFIG

    return {**DEFAULT_CONFIG, **extra}
