"""Blogger's old URLs (plugins/blogger_redirects) and the content-model rules the import relies
on: Save_as/Url checked, unconfirmed profiles reported, a scheduled Save_as never published."""

import json
from types import SimpleNamespace

import pytest
from blogger_redirects.rules import collect, nginx_rules, redirect_page, s3_configuration
from conftest import GOOD_HEADER
from news_metadata import errors
from news_metadata.profiles import load_profiles
from news_metadata.urls import url_problems

SETTINGS = {
    "FEED_ALL_ATOM": "feeds/semua.atom.xml",
    "CATEGORY_FEED_ATOM": "feeds/kategori/{slug}.atom.xml",
    "ARCHIVES_URL": "arsip/",
    "TAGS_URL": "label/",
    "CATEGORIES_URL": "kategori/",
}


def term(name, slug, kind):
    return SimpleNamespace(name=name, slug=slug, url=f"{kind}/{slug}/")


CATEGORIES = {"Opini": term("Opini", "opini", "kategori")}
TAGS = {"Kota Bima": term("Kota Bima", "kota-bima", "label")}


def test_collect_labels_feeds_and_months():
    labels = {"Opini": {"category": "Opini"}, "Kota Bima": {"tag": "Kota Bima"}}
    redirects, warnings = collect(
        labels, CATEGORIES, TAGS, ["2024/11/a.html", "p/x.html"], SETTINGS
    )
    found = {r.old: r.target for r in redirects}
    assert found == {
        "search/label/Opini": "kategori/opini/",
        "search/label/Kota Bima": "label/kota-bima/",
        "feeds/posts/default": "feeds/semua.atom.xml",
        "feeds/posts/summary": "feeds/semua.atom.xml",
        "feeds/posts/default/-/Opini": "feeds/kategori/opini.atom.xml",
        "feeds/posts/default/-/Kota Bima": "feeds/semua.atom.xml",
        "2024/11": "arsip/",
        "2024": "arsip/",
        "search": "",
    }
    assert warnings == []
    # Month archives are prefixes of every post's key: never an S3 or nginx prefix rule.
    assert not next(r for r in redirects if r.old == "2024/11").rule


def test_label_without_articles_and_unsafe_label_are_warned_about():
    labels = {"Budaya": {"category": "Budaya"}, "a/b": {"tag": "a/b"}, "Hilang": {"tag": "Hilang"}}
    redirects, warnings = collect(labels, CATEGORIES, TAGS, [], SETTINGS)
    found = {r.old: r.target for r in redirects}
    assert found["search/label/Budaya"] == "kategori/"
    assert found["search/label/Hilang"] == "label/"
    assert "search/label/a/b" not in found
    assert len(warnings) == 3


def test_s3_rules_longest_prefix_first_and_limited():
    labels = {f"Label {n}": {"tag": "Kota Bima"} for n in range(60)}
    labels["Kota"] = {"tag": "Kota Bima"}
    labels["Kota Bima"] = {"tag": "Kota Bima"}
    redirects, _ = collect(labels, CATEGORIES, TAGS, ["2024/11/a.html"], SETTINGS)
    text, left = s3_configuration(redirects, "https://kabarmbojo.example/berita", 50)
    rules = json.loads(text)["RoutingRules"]
    assert len(rules) == 50 and left > 0
    keys = [r["Condition"]["KeyPrefixEquals"] for r in rules]
    assert keys == sorted(keys, key=lambda k: (-len(k), k))
    assert "berita/feeds/posts/default" in keys  # feeds are kept first
    assert not any(k.startswith("berita/2024") for k in keys)
    first = rules[keys.index("berita/feeds/posts/default")]["Redirect"]
    assert first == {
        "HttpRedirectCode": "301",
        "ReplaceKeyWith": "berita/feeds/semua.atom.xml",
        "HostName": "kabarmbojo.example",
        "Protocol": "https",
    }


def test_nginx_rules_quote_labels():
    labels = {'Kata "Kunci"': {"tag": "Kota Bima"}}
    redirects, _ = collect(labels, CATEGORIES, TAGS, [], SETTINGS)
    text = nginx_rules(redirects, "")
    assert 'location = "/search/label/Kata \\"Kunci\\"" { return 301 /label/kota-bima/; }' in text
    assert 'location = "/search/label/Kata \\"Kunci\\"/" { return 301 /label/kota-bima/; }' in text


def test_redirect_page_absolute_and_relative():
    page = redirect_page("search/label/Opini", "kategori/opini/", "https://k.example", {})
    assert '<meta http-equiv="refresh" content="0; url=https://k.example/kategori/opini/">' in page
    assert '<link rel="canonical" href="https://k.example/kategori/opini/">' in page
    assert '<meta name="robots" content="noindex">' in page
    dev = redirect_page("search/label/Opini", "kategori/opini/", "", {})
    assert 'url=../../../kategori/opini/"' in dev
    home = redirect_page("search", "", "", {})
    assert 'url=../"' in home


@pytest.mark.parametrize(
    ("metadata", "message"),
    [
        ({"save_as": "2024/12/a.html", "url": "2024/12/a.html"}, None),
        ({"save_as": "p/tentang.html", "url": "p/tentang.html"}, None),
        ({"save_as": "/2024/12/a.html", "url": "/2024/12/a.html"}, "is not a path inside the site"),
        ({"save_as": "../a.html", "url": "../a.html"}, "is not a path inside the site"),
        ({"save_as": "2024/12/a.html"}, "Save_as is set but Url is not"),
        ({"save_as": "2024/12/a.html", "url": "2024/12/b.html"}, "differs from Save_as"),
        (
            {"save_as": "2024/12/a.html", "url": "2024/12/a.html", "status": "draft"},
            "a draft with Save_as is written to that path even by the publish build",
        ),
    ],
)
def test_save_as_rules(metadata, message):
    problems = url_problems(metadata, {"save_as": 5, "url": 6})
    if message is None:
        assert problems == []
    else:
        assert problems and all(message in problem[1] for problem in problems)


def test_unconfirmed_profile_is_reported(tmp_path):
    path = tmp_path / "authors.yml"
    path.write_text(
        '- name: Nurhayati\n  affiliation: Wartawan\n- name: "Rahmat Hidayat"\n'
        '  affiliation: "Guru SMAN 1 Woha"\n  confirmed: false\n',
        encoding="utf-8",
    )
    errors.collector.reset()
    profiles = load_profiles(str(path))
    found = [str(e) for e in errors.collector.errors]
    errors.collector.reset()
    assert set(profiles) == {"Nurhayati", "Rahmat Hidayat"}  # still usable by articles
    assert len(found) == 1
    assert found[0].endswith(
        ":5: author profile 'Rahmat Hidayat' was created by the Blogger import and is not "
        "confirmed yet — check the name and affiliation (and add a bio), then delete the line "
        "'confirmed: false'"
    )


def test_draft_with_save_as_fails_the_publish_build(make_site):
    text = GOOD_HEADER + "Status: draft\nSave_as: 2024/05/x.html\nUrl: 2024/05/x.html\n\nIsi.\n"
    built = make_site({"articles/2024/x.md": text})
    assert built.result.returncode == 1
    assert (
        "content/articles/2024/x.md:6: a draft with Save_as is written to that path even by the "
        "publish build" in built.result.output_text
    )


def test_scheduled_article_with_save_as_is_not_published(make_site):
    text = GOOD_HEADER.replace("2024-05-01", "2099-01-01")
    text += "Save_as: 2099/01/embargo.html\nUrl: 2099/01/embargo.html\n\nRahasia.\n"
    built = make_site({"articles/2099/embargo.md": text})
    assert built.result.returncode == 0, built.result.output_text
    assert not built.path("2099/01/embargo.html").exists()
    assert "Rahasia" not in "".join(p.read_text(encoding="utf-8") for p in built.html_files())
