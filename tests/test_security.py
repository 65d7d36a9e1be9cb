"""Security hardening (issue 9): containment, the output-path registry, escaping at entry, XML
hygiene, active content, the Makefile's quoting, the comment CLI, dev and publish folders, the
devserver's Host check, deploy redaction and the publish stamp and fallback.

One broken site carries every content-error kind at once (checked by ``make check`` and by the
publish build, which must agree); the tools are tested on small folders of their own.
"""

import json
import os
import re
import shutil
import signal
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, run_pelican
from news_metadata import safety
from newsroom_cli import deploy, devserver, publish
from pelican import parse_arguments
from workflow import (
    TESTCONF,
    header,
    run_make,
    run_module,
    run_recipe,
    run_tool,
    tool_env,
    write_site,
)

SECRET = "RAHASIA-SISTEM"
AUTHORS = """\
- name: Nurhayati
  affiliation: Wartawan Kabar Mbojo
  photo: ../../etc/foto.jpg
  links:
    - {label: Situs, url: "https://nurhayati.example"}
    - {label: Jahat, url: "javascript:alert(1)"}
    - {label: Data, url: "data:text/html,x"}
"""
BIBLIOGRAPHY = [
    {"id": "skrip", "type": "book", "title": "<script>alert(1)</script>Buku"},
    {"id": "tautan", "type": "webpage", "title": "Laman", "URL": "javascript:alert(1)"},
    {"id": "doi", "type": "article-journal", "title": "Artikel", "DOI": "bukan doi"},
    {"id": "aneh", "type": "book", "title": "Buku \ufffe aneh"},
    {
        "id": "baik",
        "type": "book",
        "title": "<i>Ruang</i> publik & <b>kota</b>",
        "URL": "https://example.org/x",
        "DOI": "https://doi.org/10.1234/abc.5",
    },
]
SAVE_AS_FIX = (
    "remove the Save_as line or give a path no other page uses (e.g. "
    "'Save_as: p/nama-halaman.html')"
)
ACTIVE_FIX = (
    "remove it, or if the script is meant to be there add the line 'Scripts: allowed' to the "
    "header (an editor's decision, see plugins/news_metadata/README.md)"
)
BIBLIOGRAPHY_OUTSIDE = (
    "is outside content/, so it was not read — put the file in content/bibliography/ (or next "
    "to the article) and give its path from there, e.g. 'Bibliography: sumber.json'"
)


def link_fix(link, folder=False):
    """containment.symlink_fix's words for ``link`` (an absolute path outside the project)."""
    if folder:
        copy = f"cp -rL {link} {link}.copy && rm {link} && mv {link}.copy {link}"
        return f"replace the link with a real folder holding copies of its files: {copy}; " + (
            "nothing is read from a symbolic link under content/"
        )
    return (
        "replace the link with a copy of the file it points to: cp --remove-destination "
        f'"$(readlink -f {link})" {link}; nothing is read from a symbolic link under content/'
    )


def broken_site(root):
    """Write the site with every error kind below ``root``; return its content folder."""
    (root / "secret.txt").write_text(f"root:x:0:0:{SECRET}\n")
    (root / "secret.json").write_text(f'[{{"id": "bocor", "type": "book", "title": "{SECRET}"}}]')
    files = {
        "data/authors.yml": AUTHORS,
        "articles/beranda.md": header(
            "Beranda Palsu", "2024-05-01 08:00", "Save_as: index.html", "Url: index.html"
        )
        + "Isi.\n",
        "articles/robot.md": header(
            "Robot", "2024-05-02 08:00", "Save_as: robots.txt", "Url: robots.txt"
        )
        + "Isi.\n",
        "articles/gaya.md": header(
            "Gaya", "2024-05-03 08:00", "Save_as: theme/css/style.css", "Url: theme/css/style.css"
        )
        + "Isi.\n",
        "articles/umpan.md": header(
            "Umpan",
            "2024-05-04 08:00",
            "Save_as: feeds/semua.atom.xml",
            "Url: feeds/semua.atom.xml",
        )
        + "Isi.\n",
        "articles/keluar.md": header("Keluar", "2024-05-05 08:00", "Save_as: ../../keluar.html")
        + "Isi.\n",
        "articles/pustaka1.md": header(
            "Pustaka Satu", "2024-05-06 08:00", "Bibliography: ../../../secret.json"
        )
        + "Isi.\n",
        "articles/pustaka2.md": header(
            "Pustaka Dua", "2024-05-07 08:00", "Bibliography: /../secret.json"
        )
        + "Isi.\n",
        "articles/skrip.md": header("Skrip", "2024-05-08 08:00")
        + "Isi.\n\n<script>alert(1)</script>\n",
        "articles/klik.md": header("Klik", "2024-05-09 08:00")
        + 'Isi.\n\n<p onclick="alert(1)">x</p>\n',
        "articles/izin.md": header("Izin", "2024-05-10 08:00", "Scripts: allowed")
        + "Isi.\n\n<script>console.log(1)</script>\n",
        "articles/xml.md": header("Judul \ufffe Aneh", "2024-05-11 08:00") + "Isi &#xFFFF; aneh.\n",
        "articles/gambar.md": header(
            "Gambar", "2024-05-12 08:00", "Image: ../../secret.txt", "Image_alt: x"
        )
        + "Isi.\n",
        "articles/berkomentar.md": header(
            "Berkomentar", "2024-05-13 08:00", "Id: 20240513-komentar"
        )
        + "Isi [@baik].\n",
        "bibliography/sumber.json": json.dumps(BIBLIOGRAPHY, indent=1, ensure_ascii=False),
    }
    content = write_site(root / "content", files)
    (content / "comments/20240513-komentar").mkdir(parents=True)
    os.symlink(root / "secret.txt", content / "comments/20240513-komentar/20240514-0800-abcd.md")
    os.symlink(root, content / "comments/folder-tautan")
    (content / "images").mkdir()
    os.symlink(root / "secret.txt", content / "images/tautan.jpg")
    os.symlink(root / "secret.txt", content / "articles/tautan.md")
    return content


def expected_errors(content):
    a = f"{content}/articles"
    return [
        f"{a}/beranda.md:5: this article would be written to index.html, which is also the home "
        f"page — {SAVE_AS_FIX}",
        f"{a}/gambar.md:5: featured image '../../secret.txt' is not a file inside content/ — "
        "put the file in content/images/ and write 'Image: images/<file name>'",
        f"{a}/keluar.md:5: Save_as '../../keluar.html' is outside the output folder — write a "
        "path inside the site, e.g. 'Save_as: p/nama-halaman.html', or remove the line",
        f"{a}/klik.md:8: the text holds active content (event handler onclick= on <p>): it would "
        f"run in every reader's browser — {ACTIVE_FIX}",
        f"{a}/pustaka1.md:5: Bibliography file '../../../secret.json' {BIBLIOGRAPHY_OUTSIDE}",
        f"{a}/pustaka2.md:5: Bibliography file '/../secret.json' {BIBLIOGRAPHY_OUTSIDE}",
        f"{a}/skrip.md:8: the text holds active content (<script>): it would run in every "
        f"reader's browser — {ACTIVE_FIX}",
        f"{a}/tautan.md: this file is a symbolic link, so it was not read — "
        f"{link_fix(f'{a}/tautan.md')}",
        f"{a}/xml.md:1: invisible control character U+FFFE (a noncharacter XML forbids) in column "
        "14 — delete it: it was probably pasted from Word, a PDF or a web page; paste as plain "
        "text (Ctrl+Shift+V) or retype the text around it",
        f"{a}/xml.md:6: the character reference &#xFFFF; names U+FFFF, which XML forbids (feeds "
        "and sitemaps with it are invalid) — delete it",
        f"{content}/bibliography/sumber.json:3: entry 'skrip': field 'title' holds HTML markup "
        "'<script>' — remove the markup: a reference holds plain text, with only <i>, <b>, <sup>, "
        '<sub> and <span style="font-variant:small-caps"> for formatting',
        f"{content}/bibliography/sumber.json:8: entry 'tautan': field 'URL': URL "
        "'javascript:alert(1)' is not an http:// or https:// address — write the address in "
        'full, e.g. "URL": "https://example.org/laporan.pdf"',
        f"{content}/bibliography/sumber.json:14: entry 'doi': field 'DOI': 'bukan doi' is not a "
        'DOI — write the DOI itself, e.g. "DOI": "10.1234/abcd.5678"',
        f"{content}/bibliography/sumber.json:20: entry 'aneh': field 'title' holds the invisible "
        "character U+FFFE (position 6), which XML forbids — delete it; retype the text around it",
        f"{content}/comments/20240513-komentar/20240514-0800-abcd.md: this comment file is a "
        "symbolic link, so it was not read — "
        + link_fix(f"{content}/comments/20240513-komentar/20240514-0800-abcd.md"),
        f"{content}/comments/folder-tautan: this comment folder is a symbolic link, so it was "
        f"not read — {link_fix(f'{content}/comments/folder-tautan', folder=True)}",
        f"{content}/data/authors.yml:3: photo '../../etc/foto.jpg' leaves content/ — write a path "
        "inside content/, e.g. 'photo: images/penulis/nama.jpg'",
        f"{content}/data/authors.yml:6: links url 'javascript:alert(1)' is not an http://, "
        "https:// or mailto: address — write a web address (https://...) or mailto:name@host",
        f"{content}/data/authors.yml:7: links url 'data:text/html,x' is not an http://, https:// "
        "or mailto: address — write a web address (https://...) or mailto:name@host",
        f"{content}/images/tautan.jpg: this file is a symbolic link, so it was not read — "
        f"{link_fix(f'{content}/images/tautan.jpg')}",
    ]


# Issue 11's header rule: Save_as/Url must be .html pages, so these never reach the output
# registry (the theme's stylesheet, robots.txt and the feed keep their files).
NOT_A_PAGE = (
    "does not end in .html: it would be written, and served, as something other than a web "
    "page — write the file's path ending in .html, e.g. 'Save_as: {stem}.html' (and the same "
    "in Url, or its folder with a trailing slash)"
)
NO_PAGE_URL = (
    "names no page: a page's address ends in .html, or in / for a folder's index.html — write "
    "the Save_as path, e.g. 'Url: 2024/12/slug.html'"
)


def header_rule_errors(content):
    found = []
    for name, path in (
        ("gaya", "theme/css/style.css"),
        ("robot", "robots.txt"),
        ("umpan", "feeds/semua.atom.xml"),
    ):
        stem = path.rsplit(".", 1)[0]
        found.append(
            f"{content}/articles/{name}.md:5: Save_as '{path}' {NOT_A_PAGE.format(stem=stem)}"
        )
        found.append(f"{content}/articles/{name}.md:6: Url '{path}' {NO_PAGE_URL}")
    return found


def error_lines(text):
    return [line[2:] for line in text.splitlines() if line.startswith("  /")]


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    root = tmp_path_factory.mktemp("broken")
    return root, broken_site(root)


def test_make_check_reports_every_security_error_with_file_and_line(broken):
    _, content = broken
    result = run_tool("check", "-s", TESTCONF, content)
    assert result.returncode == 1, result.output_text
    expected = expected_errors(content) + header_rule_errors(content)
    assert sorted(error_lines(result.stdout)) == sorted(expected)
    assert SECRET not in result.output_text  # nothing of a refused file is echoed


def test_publish_fails_on_the_same_errors_and_echoes_nothing_refused(broken):
    root, content = broken
    result = run_tool("publish", content, "-o", root / "output", "-s", TESTCONF)
    assert result.returncode == 1
    expected = expected_errors(content) + header_rule_errors(content)
    assert sorted(error_lines(result.stderr)) == sorted(expected)
    assert SECRET not in result.output_text
    assert not (root / "output").exists()


def test_dev_build_keeps_the_home_page_and_copies_no_link(broken, tmp_path):
    root, content = broken
    output = tmp_path / "dev"
    result = run_pelican(content, output, ROOT / "pelicanconf.py", env=tool_env())
    assert result.returncode == 0, result.stdout + result.stderr
    home = (output / "index.html").read_text(encoding="utf-8")
    assert "<title>Kabar Mbojo" in home  # not the article that claimed index.html
    assert "User-agent" not in (output / "theme/css/style.css").read_text()[:200]
    assert not (output / "images/tautan.jpg").exists()
    assert not (root / "keluar.html").exists()
    everything = "".join(p.read_text(errors="replace") for p in output.rglob("*") if p.is_file())
    assert SECRET not in everything
    page = (output / "2024/05/berkomentar.html").read_text(encoding="utf-8")
    assert "<i>Ruang</i> publik &amp; <b>kota</b>" in page  # CSL rich text passes, & escaped


# --- escaping at entry ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("javascript:alert(1)", "Url 'javascript:alert(1)' is not an http:// or https:// address"),
        ("JaVaScRiPt:alert(1)", "Url 'JaVaScRiPt:alert(1)' is not an http:// or https:// address"),
        ("&#106;avascript:alert(1)", "is not an http:// or https:// address"),
        ("java\tscript:alert(1)", "contains spaces or control characters"),
        ("data:text/html,x", "is not an http:// or https:// address"),
        ("vbscript:msgbox(1)", "is not an http:// or https:// address"),
        ("//evil.example/x", "is not an http:// or https:// address"),
        ("https://", "has no host name"),
    ],
)
def test_check_url_refuses_every_disguise(value, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        safety.check_url(value)


def test_check_url_accepts_web_mail_and_relative_where_allowed():
    assert safety.check_url("https://a.example/x?y=1") == "https://a.example/x?y=1"
    assert safety.check_url("mailto:r@a.example", schemes=("mailto",)) == "mailto:r@a.example"
    assert safety.check_url("images/x.jpg", relative=True) == "images/x.jpg"
    with pytest.raises(ValueError, match="is not a path inside the site"):
        safety.check_url("https://a.example/x.jpg", "photo", schemes=(), relative=True)


def test_clean_fragment_keeps_formatting_and_drops_active_content():
    dirty = (
        '<p onclick="x">Teks <strong>tebal</strong> <a href="javascript:alert(1)">a</a> '
        '<a href="https://a.example/">b</a><script>alert(1)</script>'
        '<iframe src="https://x.example"></iframe><img src="x.jpg" onerror="alert(1)"></p>'
    )
    assert safety.clean_fragment(dirty) == (
        '<p>Teks <strong>tebal</strong> <a>a</a> <a href="https://a.example/">b</a>'
        '<img src="x.jpg"></p>'
    )


def test_active_content_finds_scripts_handlers_and_javascript_links_not_data_blocks():
    found = safety.active_content(
        '<p>a</p>\n<p onmouseover="x">b</p>\n<script type="application/ld+json">{}</script>\n'
        '<a href=" javascript:x">c</a>\n<SCRIPT>1</SCRIPT>'
    )
    assert found == [
        (2, "event handler onmouseover= on <p>"),
        (4, "href=' javascript:x' on <a>"),
        (5, "<script>"),
    ]


def test_active_content_finds_page_elements_and_script_links_in_any_url_attribute():
    found = safety.active_content(
        '<meta http-equiv="refresh" content="0">\n<meta itemprop="x" content="y">\n'
        '<base href="/">\n<link rel="stylesheet" href="x.css">\n<style>p{}</style>\n'
        '<form action="https://a.example"></form>\n<object data="x"></object>\n<embed src="x">\n'
        '<svg><a xlink:href=" JavaScript:x">a</a></svg>\n<object data="javascript:x"></object>'
    )
    assert found == [
        (1, "<meta http-equiv>"),
        (3, "<base>"),
        (4, "<link>"),
        (5, "<style>"),
        (6, "<form>"),
        (7, "<object>"),
        (8, "<embed>"),
        (9, "xlink:href=' JavaScript:x' on <a>"),
        (10, "<object>"),
        (10, "data='javascript:x' on <object>"),
    ]
    assert safety.effect("<base>").startswith("it would change where every link")
    assert safety.effect("<script>") == safety.effect("event handler onclick= on <p>")


def test_xml_forbidden_names_every_class():
    for char in ("\x00", "\x0b", "\x1f", "\ufffe", "\uffff", "\ud800"):
        assert safety.xml_forbidden(f"ab{char}") == (2, char)
    assert safety.xml_forbidden("tab\tnewline\ncr\r and U+FFFD \ufffd") is None


# --- Makefile and the comment CLI -------------------------------------------------------------

# Make variables the recipes may use bare: the tools' own paths, set in the Makefile.
BARE = {"BIN", "VENV", "STAMP", "TOOLS", "CORRECTIONS", "PELICAN", "PELICAN_DEV", "PY", "1", "word"}


def test_every_makefile_variable_reaches_the_shell_through_quote():
    text = (ROOT / "Makefile").read_text()
    recipes = [line for line in text.splitlines() if line.startswith("\t")]
    bare = set()
    for line in recipes:
        for name in re.findall(r"\$\(([A-Za-z_0-9]+)\)", line):
            if name not in BARE:
                bare.add(name)
        bare.update(re.findall(r'"\$\(call', line))  # no double-quoted expansions either
    assert bare == set()
    assert "quote = '$(subst ','\\'',$(value $(1)))'" in text


def test_make_comment_runs_nothing_from_its_arguments(tmp_path):
    content = write_site(tmp_path / "content", {"articles/a.md": header("A")})
    marker = tmp_path / "dijalankan"
    article = f"`touch {marker}`$(touch {marker})$(shell touch {marker});touch {marker}"
    result = run_make("comment", f"INPUTDIR={content}", f"ARTICLE={article}", "REPLY_TO=x'y")
    assert result.returncode != 0
    assert result.stderr.startswith(f"error: Id {article!r} is longer than 80 characters; ")
    assert "article ids are lowercase letters, digits and hyphens" in result.stderr
    assert not marker.exists()
    assert not (content / "comments").exists()


def test_a_value_starting_with_a_dash_is_a_value_not_an_option(tmp_path):
    """TITLE="--help" used to end in argparse's raw "expected one argument"; "-5 ..." lost its
    minus. Every target passes values as --name='value' or after "--" (the real make and
    shell quote them; the tools run in this process, workflow.run_recipe)."""
    content = write_site(tmp_path / "content", {"articles/a.md": header("A")})
    result = run_recipe("new", f"INPUTDIR={content}", "TITLE=--help", "AUTHOR=Nurhayati")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "expected one argument" not in result.stderr
    written = list((content / "articles").rglob("help.md"))
    assert len(written) == 1 and "Title: --help\n" in written[0].read_text(encoding="utf-8")
    result = run_recipe("takedown", f"INPUTDIR={content}", "ARTICLE=--x")
    assert "make takedown: '--x' is not a file" in result.stdout + result.stderr


def test_comment_cli_checks_ids_before_creating_anything(tmp_path):
    content = write_site(
        tmp_path / "content",
        {"articles/a.md": header("A", "2024-05-01 08:00", "Id: ../../keluar")},
    )
    messages = {
        "../../keluar": "error: Id '../../keluar' is not a valid article id; article ids are "
        "lowercase letters, digits and hyphens",
        "a/b": "error: Id 'a/b' is not a valid article id",
        "x" * 81: f"error: Id '{'x' * 81}' is longer than 80 characters",
    }
    for article, message in messages.items():
        result = run_module("newsroom_cli.comment", "--content", content, "new", article)
        assert result.returncode == 2, result.stdout
        assert result.stderr.startswith(message), result.stderr
    assert not (content / "comments").exists()
    assert not (tmp_path / "keluar").exists()


def test_dev_targets_write_output_dev_and_only_publish_writes_output():
    def dry(target):
        return subprocess.run(
            ["make", "-n", target], cwd=ROOT, capture_output=True, text=True, encoding="utf-8"
        ).stdout

    for target in ("html", "regenerate", "serve", "devserver"):
        assert "-o 'output-dev'" in dry(target), target
        assert "-o 'output'" not in dry(target), target
    assert "-o 'output' -s 'publishconf.py'" in dry("publish")


# --- devserver --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "allowed"),
    [
        ("localhost:8000", True),
        ("127.0.0.1:8000", True),
        ("LOCALHOST", True),
        ("[::1]:8000", True),
        ("localhost:9999", False),
        ("evil.example:8000", False),
        ("127.0.0.1.evil.example", False),
        ("", False),
    ],
)
def test_devserver_host_rule(host, allowed):
    assert devserver.allowed_host(host, 8000) is allowed


# --- deploy -----------------------------------------------------------------------------------


def published(tmp_path):
    content = write_site(tmp_path / "content", {"articles/a.md": header("Berita A") + "Isi.\n"})
    output = tmp_path / "output"
    result = run_tool("publish", content, "-o", output, "-s", TESTCONF)
    assert result.returncode == 0, result.output_text
    return output


def test_publish_leaves_a_stamp_and_deploy_refuses_other_trees(tmp_path):
    output = published(tmp_path)
    stamp = json.loads((tmp_path / ".output.published.json").read_text())
    assert stamp["tree"] == publish.tree_digest(output)
    assert stamp["source_date_epoch"] == tool_env()["SOURCE_DATE_EPOCH"]
    keys = {"commit", "source_date_epoch", "tree", "inputs", "built_at", "changes_at", "listing"}
    assert set(stamp) == keys
    # The no-change check's fingerprint holds digests only, never a variable's value.
    assert all(re.fullmatch("[0-9a-f]{64}", value) for value in stamp["inputs"].values())
    assert tool_env()["SITEURL"] not in json.dumps(stamp)
    env = {"S3_BUCKET": "b", "DRY_RUN": "1"}
    assert run_tool("deploy", "s3", output, env=env).returncode == 0
    verified = run_tool("deploy", "verify", output)
    assert verified.stdout == f"deploy: {output} is the tree make publish stamped.\n"
    (output / "draf.html").write_text("a dev page")
    result = run_tool("deploy", "s3", output, env=env)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"deploy: {output} is not the tree make publish stamped (it changed since, or a dev "
        "build wrote into it); run make publish."
    )
    other = tmp_path / "salinan"
    shutil.copytree(output, other)
    result = run_tool("deploy", "s3", other, env=env)
    assert result.stderr.strip() == (
        f"deploy: {other} has no publish stamp (.salinan.published.json): only a tree built by "
        "make publish is deployed; run make publish."
    )


def test_deploy_redacts_credentials_in_every_printed_url(tmp_path):
    output = published(tmp_path)
    env = {
        "GITHUB_PAGES_REMOTE": "https://kabar:ghp_RAHASIA@github.com/kabar/kabar.github.io.git",
        "S3_BUCKET": "b",
        "S3_ENDPOINT_URL": "https://AKIA:RAHASIA2@s3.example.test",
        "DRY_RUN": "1",
    }
    github = run_tool("deploy", "github", output, env=env)
    s3 = run_tool("deploy", "s3", output, env=env)
    assert "--remote https://***@github.com/kabar/kabar.github.io.git" in github.stdout
    assert "--endpoint-url https://***@s3.example.test" in s3.stdout
    assert "RAHASIA" not in github.output_text + s3.output_text


def test_failed_ghp_import_prints_no_traceback_and_no_remote_url(tmp_path):
    output = published(tmp_path)
    work = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", str(work)], check=True)
    env = {
        "GIT_DIR": str(work / ".git"),
        "GITHUB_PAGES_REMOTE": "https://kabar:ghp_RAHASIA@127.0.0.1:9/x.git",
        "GIT_COMMITTER_NAME": "CI",
        "GIT_COMMITTER_EMAIL": "ci@example.invalid",
        "GIT_TERMINAL_PROMPT": "0",
    }
    result = run_tool("deploy", "github", output, env=env, timeout=60)
    assert result.returncode != 0
    assert "RAHASIA" not in result.output_text
    assert "Traceback" not in result.output_text
    assert (
        "ghp_import: subprocess.CalledProcessError: Command '['git', 'push', '<remote URL>',"
        in (result.stdout)
    )


def test_rsync_has_no_cvs_exclude():
    (command,) = deploy.rsync_commands("output", {"RSYNC_DEST": "/srv/www/"})
    assert "--cvs-exclude" not in command and "-C" not in command


def test_redact_leaves_ssh_destinations_alone():
    assert (
        deploy.redact("u@host:/srv https://a:b@h/x s3://b/")
        == "u@host:/srv https://***@h/x s3://b/"
    )


# --- publish fallback -------------------------------------------------------------------------


def test_publish_restores_a_tree_left_aside_before_anything_else(tmp_path):
    content = write_site(tmp_path / "content", {"articles/a.md": header("Rusak", "bukan tanggal")})
    aside = tmp_path / ".output-build-999999-abcdef-old"  # killed between the two renames
    aside.mkdir()
    (aside / "index.html").write_text("situs lama")
    result = run_tool("publish", content, "-o", tmp_path / "output", "-s", TESTCONF)
    assert result.returncode == 1  # this build fails...
    assert (tmp_path / "output/index.html").read_text() == "situs lama"  # ...the old site is back
    assert not aside.exists()


def test_two_rename_swap_and_ctrl_c_during_clean_up(tmp_path, monkeypatch):
    content = write_site(tmp_path / "content", {"articles/a.md": header("Berita A") + "Isi.\n"})
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("situs lama")
    monkeypatch.setattr(publish, "exchange", lambda new, old: False)  # as on macOS
    real_rmtree = shutil.rmtree

    def interrupted_rmtree(path, *args, **kwargs):
        if str(path).endswith("-old"):
            raise KeyboardInterrupt  # Ctrl+C while the old tree is deleted
        return real_rmtree(path, *args, **kwargs)

    monkeypatch.setattr(publish.shutil, "rmtree", interrupted_rmtree)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", tool_env()["SOURCE_DATE_EPOCH"])
    monkeypatch.setenv("SITEURL", tool_env()["SITEURL"])
    monkeypatch.chdir(ROOT)
    args = parse_arguments([str(content), "-o", str(output), "-s", str(TESTCONF)])
    assert publish.publish(args) == 0
    assert "Berita A" in (output / "index.html").read_text(encoding="utf-8")
    (old,) = [p for p in tmp_path.glob(".output-build-*-old")]  # removed by the next publish
    assert (old / "index.html").read_text() == "situs lama"
    signal.signal(signal.SIGINT, signal.default_int_handler)


def test_remove_stale_builds_never_deletes_the_only_copy(tmp_path):
    aside = tmp_path / ".output-build-999999-x-old"
    aside.mkdir()
    (aside / "index.html").write_text("lama")
    publish.remove_stale_builds(str(tmp_path), "output")
    assert (tmp_path / "output/index.html").read_text() == "lama"
    assert list(Path(tmp_path).glob(".output-build-*")) == []
