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
from cms.plugin import header_options
from conftest import ROOT
from news_metadata.dates import parse_date
from news_metadata.header import scan
from news_metadata.settings import known_keys
from pelican import Pelican
from pelican.settings import read_settings

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
    fixture.write_text(
        json.dumps({"options": header_options(settings), "files": files, "dates": dates}),
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
    assert "# pass 14" in run.stdout and "# fail 0" in run.stdout, run.stdout
