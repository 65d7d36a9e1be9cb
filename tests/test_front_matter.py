"""YAML front matter (what the web editor writes) reads like a ``Key: value`` header.

Every content-error case of test_content_errors.py runs again with its header written as YAML
front matter: the same message, at the line of the same key in the YAML file.
"""

import re

import pytest
from conftest import GOOD_HEADER
from test_content_errors import ARTICLE, CASES, article


def yaml_header(header):
    """``header`` (Key: value lines, maybe a blank line and body lines after) as YAML front
    matter: ``---`` lines around the header, the title double-quoted, tags as a flow list.
    The YAML keeps one line per key, so a key on line N is on line N + 1 (the opening ---)."""
    head, blank, rest = header.partition("\n\n")
    lines = []
    for row in head.splitlines():
        key, _, value = row.partition(":")
        value = value.strip()
        if key == "Title" and value:
            value = '"' + value.replace('"', '\\"') + '"'
        elif key == "Tags":
            value = "[" + value + "]"
        elif value.startswith(("[", "{", "'", '"', "|", ">", "*", "&", "!", "%", "@", "`")):
            value = f"'{value}'"
        lines.append(f"{key.lower()}: {value}".rstrip())
    return "---\n" + "\n".join(lines) + "\n---\n" + ("\n" + rest if blank else "")


def yaml_message(message, header):
    """The expected message for the YAML form: line numbers moved by the two '---' lines."""
    length = len(header.partition("\n\n")[0].splitlines())

    def moved(match):
        line = int(match.group(1))
        if "the header has no" in message:
            return match.group(0)
        return f":{line + 1 if line <= length else line + 2}:"

    message = re.sub(r":(\d+):", moved, message, count=1)
    return message.replace(
        f"the header ends at line {length})", f"the header ends at line {length + 2})"
    )


@pytest.mark.parametrize(("header", "message"), CASES)
def test_yaml_front_matter_fails_with_the_same_message(make_site, header, message):
    built = make_site(article(yaml_header(header)))
    assert built.result.returncode == 1, built.result.output_text
    assert yaml_message(message, header) in built.result.stderr, built.result.stderr
    assert "the site was not published" in built.result.stderr


def test_the_mirror_really_writes_yaml():
    """The conversion above must produce what YAML readers (and Decap CMS) read as YAML."""
    import yaml

    text = yaml_header(GOOD_HEADER + "Tags: banjir, Kota Bima\n")
    assert text.splitlines()[1] == 'title: "Judul Baik"'
    data = yaml.safe_load(text.split("---\n")[1])
    assert data["tags"] == ["banjir", "Kota Bima"]


FULL_HEADER = """\
Title: Banjir: Wawo terendam
Date: 2024-05-01 08:00
Authors: Nurhayati
Category: Berita
Tags: banjir, Kota Bima
Breaking: true
Summary: Air naik *dua meter* di Wawo.
Comments: closed
"""

FULL_YAML = """\
---
title: "Banjir: Wawo terendam"
date: 2024-05-01 08:00
authors:
  - Nurhayati
category: Berita
tags:
  - banjir
  - Kota Bima
breaking: true
summary: |-
  Air naik *dua meter* di Wawo.
comments: closed
---
"""

BODY = "\nIsi berita pertama.\n\nParagraf kedua.\n"


def _article_html(built):
    page = built.soup("2024/05/banjir-wawo-terendam.html")
    return str(page.select_one("main")) + page.select_one('meta[name="description"]')["content"]


def test_yaml_and_key_value_headers_build_the_same_page(make_site, tmp_path):
    """Same metadata, same page: lists, quoting and block scalars read as the header does."""
    plain = make_site({ARTICLE: FULL_HEADER + BODY})
    assert plain.result.returncode == 0, plain.result.output_text
    expected = _article_html(plain)
    for path in plain.output.rglob("*"):  # the next build writes the same folder
        if path.is_file():
            path.unlink()
    front = make_site({ARTICLE: FULL_YAML + BODY})
    assert front.result.returncode == 0, front.result.output_text
    assert _article_html(front) == expected
    assert expected.endswith("Air naik dua meter di Wawo.")  # the Summary, as text
    assert "Kota Bima" in expected and "sudah ditutup" in expected


@pytest.mark.parametrize(
    ("header", "message"),
    [
        pytest.param(
            'title: "Judul\ndate: 2024-05-01 08:00\n',
            ":2: the header is not valid YAML",
            id="unclosed-quote",
        ),
        pytest.param(
            'title: "Judul"\ntitle: "Lagi"\n',
            ":3: Title is written twice in the header (lines 2 and 3)",
            id="key-twice",
        ),
        pytest.param(
            'title: "Judul"\nimage:\n  src: a.jpg\n',
            ":3: Image must be one value or a list of values",
            id="nested-value",
        ),
        pytest.param(
            "date: 2024-05-01 08:00\ntitle:\n  - Uji Judul\n  - Daftar Delapan\n",
            ":3: Title takes one value, got a list of 2 — write 'title: value' on one line",
            id="list-for-one-value",
        ),
        pytest.param(
            "category: [Berita, Opini]\n",
            ":2: Category takes one value, got a list of 2",
            id="flow-list-for-one-value",
        ),
    ],
)
def test_malformed_yaml_names_the_line(make_site, header, message):
    built = make_site({ARTICLE: "---\n" + header + "---\n\nIsi.\n"})
    assert built.result.returncode == 1, built.result.output_text
    assert f"content/{ARTICLE}{message}" in built.result.stderr, built.result.stderr


def test_unreadable_yaml_is_the_only_error_of_its_file(make_site):
    """No checks of the values Pelican fills in for a header it could not read (its default
    author and category): the editor wrote Nurhayati and Berita."""
    header = "title: Judul\ndate: 2024-05-01 08:00\nauthor: Nurhayati\ncategory: Berita\n"
    header += "tags:\n\t- banjir\n"
    built = make_site({ARTICLE: "---\n" + header + "---\n\nIsi.\n"})
    assert built.result.returncode == 1, built.result.output_text
    assert f"content/{ARTICLE}:7: the header is not valid YAML" in built.result.stderr
    assert "1 content error(s)" in built.result.stderr, built.result.stderr
    assert "internal error" not in built.result.stderr


def test_plain_key_value_lines_between_dashes_still_read_as_before(make_site):
    built = make_site({ARTICLE: "---\n" + GOOD_HEADER + "---\n\nIsi.\n"})
    assert built.result.returncode == 0, built.result.output_text
    assert (built.output / "2024/05/judul-baik.html").exists()


def test_an_alias_bomb_is_one_error_at_once_not_a_hang():
    """'Billion laughs': 9 levels of 9 aliases would be 387 million tags to walk."""
    import time

    from news_metadata import front_matter

    rows = ["---", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    rows += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    rows += ["title: Tawa", "tags: *a8", "---", "", "Isi."]
    started = time.process_time()
    result = front_matter.read("\n".join(rows), {"title", "tags"})
    assert time.process_time() - started < 1
    assert result.unreadable
    assert [(line, message[:60]) for line, message, _ in result.problems] == [
        (3, "the header is not valid YAML (an alias (*name) repeats an an")
    ]


@pytest.mark.parametrize(
    ("items", "tags"),
    [
        (["Bima, NTB"], ["Bima, NTB"]),  # was two tags, Bima and NTB
        (["Bima, NTB", "banjir"], ["Bima, NTB", "banjir"]),  # was the mixed-separator error
        (["banjir", "Kota Bima"], ["banjir", "Kota Bima"]),
    ],
)
def test_a_yaml_list_item_with_a_comma_stays_one_tag(items, tags):
    from news_metadata.front_matter import read
    from pelican.readers import ensure_metadata_list

    text = "---\ntitle: A\ntags:\n" + "".join(f"  - '{item}'\n" for item in items) + "---\n\nI.\n"
    (value,) = read(text, {"title", "tags"}).meta["tags"]
    assert ensure_metadata_list(value) == tags
