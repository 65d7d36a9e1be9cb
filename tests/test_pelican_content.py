"""Pelican's own test content (``pelican/tests/content/`` of the installed Pelican 4.12, none
of it written here) dropped into ``content/articles/`` and built with the project's settings,
as an editor copying files from elsewhere would: no traceback, no internal error, ``make check``
and ``make publish`` report the same errors, each naming its file and giving a fix, and every
file is either built (dev build) or reported.

The files are copied from the installed package at run time, so nothing of Pelican is vendored.
"""

import json
import re
import shutil
import textwrap
from pathlib import Path

import pelican
import pytest
from workflow import ROOT, TESTCONF, run_tool, write_site

SOURCE = Path(pelican.__file__).parent / "tests" / "content"
FOLDER = "articles/pelican"
# "  <path>[:<line>]: <what> — <fix>": one error line of make check and make publish.
ERROR_LINE = re.compile(r"^  (?P<path>/\S.*?|content/\S.*?)(?::\d+)?: (?P<what>.+?) — (?P<fix>.+)$")

RECORDER = '''
"""Test plugin: writes every source file the build turned into a page or copied."""
import json, os
from pelican import signals

_generators = []


def _keep(generators):
    _generators[:] = generators


def _record(pelican):
    done = []
    for generator in _generators:
        for name in ("articles", "drafts", "hidden_articles", "translations", "pages",
                     "hidden_pages", "draft_pages", "staticfiles"):
            for item in getattr(generator, name, []) or []:
                saved = os.path.join(pelican.output_path, item.save_as)
                done.append([item.source_path, os.path.isfile(saved)])
    with open(os.environ["RECORD_SOURCES"], "w", encoding="utf-8") as handle:
        json.dump(done, handle)


def register():
    signals.all_generators_finalized.connect(_keep)
    signals.finalized.connect(_record)
'''


@pytest.fixture(scope="module")
def pelican_site(tmp_path_factory):
    if not SOURCE.is_dir():
        pytest.fail(f"Pelican's test content is missing from the installed package: {SOURCE}")
    root = tmp_path_factory.mktemp("pelican-content")
    content = write_site(root / "content", {})
    shutil.copytree(SOURCE, content / FOLDER)
    files = sorted(p.relative_to(content).as_posix() for p in (content / FOLDER).rglob("*"))
    return root, content, [f for f in files if (content / f).is_file()]


def _errors(text):
    """{(path relative to content/, what, fix)} of a check or publish report."""
    found = set()
    for line in text.splitlines():
        match = ERROR_LINE.match(line)
        if match:
            path = match["path"].split("/content/", 1)[-1].removeprefix("content/")
            found.add((path, match["what"], match["fix"]))
    return found


def test_check_and_publish_report_every_refused_file_with_its_fix(pelican_site):
    root, content, files = pelican_site
    check = run_tool("check", "-s", TESTCONF, content)
    published = run_tool("publish", content, "-o", root / "out", "-s", TESTCONF)
    for result in (check, published):
        assert "Traceback" not in result.output_text, result.output_text
        assert "internal error" not in result.output_text, result.output_text
        # Pelican's own "Skipping <file>: could not find information about 'date'" repeats,
        # without the fix, what the reader reported (news_metadata.errors.ReportedSkips)
        assert "could not find information" not in result.output_text
    assert check.returncode == 1, check.output_text
    assert published.returncode == 1, published.output_text
    assert "the site was not published" in published.stderr
    errors = _errors(check.stdout)
    assert errors == _errors(published.stderr)
    assert all(fix.strip() for _, _, fix in errors)
    reported = {path for path, _, _ in errors}
    assert reported <= set(files) | {"data/authors.yml"}
    # Pelican's samples have no Author/Category of this site, or are formats it does not read:
    # every one of them is refused, each with a reason and a fix.
    assert set(files) - reported == set(), sorted(set(files) - reported)
    assert len(files) >= 50
    # a few reasons read once by a person against the file
    rst = "this file is not part of the site: reStructuredText is not read (articles and pages"
    assert any(p == f"{FOLDER}/article.rst" and w.startswith(rst) for p, w, _ in errors)
    assert any(p == f"{FOLDER}/article_skip.md" and "got 'skip'" in w for p, w, _ in errors)
    assert any(p == f"{FOLDER}/empty_with_bom.md" and "no Title" in w for p, w, _ in errors)
    assert any(p == f"{FOLDER}/wordpressexport.xml" and "IGNORE_FILES" in f for p, _, f in errors)
    assert not (root / "out").exists()


def test_dev_build_builds_or_reports_every_file(pelican_site, tmp_path):
    _, content, files = pelican_site
    (tmp_path / "plugins").mkdir()
    (tmp_path / "plugins" / "record_sources.py").write_text(RECORDER, encoding="utf-8")
    conf = tmp_path / "conf.py"
    conf.write_text(
        textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from pelicanconf import *  # noqa: F403
        THEME = {str(ROOT / "theme")!r}
        PLUGIN_PATHS = [{str(ROOT / "plugins")!r}, {str(tmp_path / "plugins")!r}]
        PLUGINS = [*PLUGINS, "record_sources"]  # noqa: F405
        """),
        encoding="utf-8",
    )
    record = tmp_path / "sources.json"
    from conftest import run_pelican

    result = run_pelican(content, tmp_path / "dev", conf, env={"RECORD_SOURCES": str(record)})
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Traceback" not in output and "internal error" not in output
    built = {
        Path(source).relative_to(content).as_posix()
        for source, written in json.loads(record.read_text(encoding="utf-8"))
        if written
    }
    page = (tmp_path / "dev" / "galat" / "index.html").read_text(encoding="utf-8")
    unaccounted = [f for f in files if f not in built and f not in page]
    assert unaccounted == []
    # what the dev build did show: Pelican's Markdown samples, each with the error banner
    assert f"{FOLDER}/article_with_markdown_and_footnote.md" in built
    assert len(built & set(files)) == 10, sorted(built & set(files))  # 7 + 2 drafts + hidden


def test_a_skip_without_a_reported_error_stays_visible(tmp_path):
    import logging

    from news_metadata import errors

    skip = errors.ReportedSkips()
    reported, other = str(tmp_path / "a.md"), str(tmp_path / "b.md")
    errors.collector.reset()
    try:
        errors.report(reported, 1, "the header has no Date:", "add the line 'Date: ...'")

        def record(path):
            return logging.LogRecord(
                "pelican.contents", logging.ERROR, "", 0, errors.ReportedSkips.PREFIX + " '%s'",
                (path, "date"), None,
            )  # fmt: skip

        assert skip.filter(record(reported)) is False
        assert skip.filter(record(other)) is True
    finally:
        errors.collector.reset()
