"""The web editor's header format (plugins/cms/admin/header-format.js) under Node's test runner.

tests/node/test_header_format.mjs gets what the Python side knows: the reader's options as the
build hands them to the page (cms.plugin.header_options) and, for every Markdown file of
content/, the header keys news_metadata.header.scan finds, so the script and the reader cannot
drift apart unnoticed. Node comes with npm (make node-tools / make cms-tools need it); without
it the test is skipped outside CI and fails in CI, as the browser tests do.
"""

import json
import os
import shutil
import subprocess

import pytest
from cms.plugin import comment_header_options, header_options
from conftest import GOOD_HEADER, ROOT
from news_metadata.dates import parse_date
from news_metadata.header import scan
from news_metadata.reader import NewsMarkdownReader
from news_metadata.settings import known_keys
from news_metadata.slugs import make_slug
from newsroom_cli.comment import new_comment
from pelican import Pelican
from pelican.settings import read_settings
from pelican.urlwrappers import Category

NODE_TEST = ROOT / "tests" / "node" / "test_header_format.mjs"
DATE_FORMS = (
    "2024-03-12 09:30",
    "12/03/2024 09.30",
    "12-03-2024 09:30",
    "2024-3-5 9:05",
    "2024-12-04, 10:00",
    "2024-03-11 10:00 WIB",
    "2024-03-11 23:30 WIB",
    "2024-03-11 10:00 WIT",
    "2024-03-11T10:00:30+07:00",
    "2024-03-11 02:00 UTC",
    "2024-03-11T02:00Z",
    "2024-03-12",
)
# Categories as editors type them; the form must show the section the build resolves each to.
CATEGORY_FORMS = ("berita", "BERITA", " Pendidikan", "hukum!", "Ekonomi")
# Statuses as editors type them; the form must show the status the reader makes of each.
STATUS_FORMS = ("Draf", "draft", "PUBLISHED", "hidden", "withdrawn", " Published ")
NODE_CASES = 20  # the test() calls in test_header_format.mjs


def _section(text, settings):
    """The section news_metadata.model._check_category makes of ``Category: text``."""
    slug = Category(text.strip(), settings).slug
    return next(n for n in settings["NEWS_METADATA_CATEGORIES"] if make_slug(n, settings) == slug)


def _status(text, settings, folder):
    """The status news_metadata.reader makes of ``Status: text`` (a problem is a failure)."""
    path = folder / "status.md"
    settings = {**settings, "PATH": str(folder)}
    path.write_text(GOOD_HEADER + f"Status: {text}\n\nIsi.\n", encoding="utf-8")
    _html, metadata = NewsMarkdownReader(settings).read(str(path))
    assert not metadata.get("news_problems"), (text, metadata.get("news_problems"))
    return metadata["status"]


def _made_comment(tmp_path):
    """The text of a comment file as `make comment` writes it (newsroom_cli.comment)."""
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "articles" / "a.md").write_text(GOOD_HEADER + "Id: 20240501-a\n\nIsi.\n", "utf-8")
    path, _ = new_comment(str(content), "comments", ["articles"], "20240501-a")
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def _node():
    node = shutil.which("node")
    if node:
        return node
    message = "Node.js not installed: apt-get install nodejs npm (make node-tools needs it too)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def test_the_header_format_passes_its_node_tests(tmp_path):
    node = _node()
    settings = Pelican(read_settings(str(ROOT / "pelicanconf.py"))).settings
    known = known_keys(settings)
    files = []
    for path in sorted((ROOT / "content").rglob("*.md")):
        text = path.read_text(encoding="utf-8").lstrip("\ufeff")
        files.append({"path": str(path), "keys": sorted(scan(text, known).lines)})
    assert len(files) >= 10
    fixture = tmp_path / "fixture.json"
    # Each date form the build reads, and how the form must show it (parse_date, in WITA).
    dates = [[text, parse_date(text).strftime("%Y-%m-%d %H:%M")] for text in DATE_FORMS]
    categories = [[text, _section(text, settings)] for text in CATEGORY_FORMS]
    statuses = [[text.strip(), _status(text, settings, tmp_path)] for text in STATUS_FORMS]
    fixture.write_text(
        json.dumps(
            {
                "options": header_options(settings),
                "files": files,
                "dates": dates,
                "categories": categories,
                "statuses": statuses,
                "commentOptions": comment_header_options(),
                "madeComment": _made_comment(tmp_path),
            }
        ),
        encoding="utf-8",
    )
    run = subprocess.run(
        [node, "--test", str(NODE_TEST)],
        env={**os.environ, "KM_HEADER_FIXTURE": str(fixture)},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert f"# pass {NODE_CASES}" in run.stdout and "# fail 0" in run.stdout, run.stdout
