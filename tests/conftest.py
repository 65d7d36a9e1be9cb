"""Shared fixtures: the real site built once per session, and small throwaway sites.

Builds run Pelican in the test process (tests/inprocess.py) with the arguments `make html` /
`make publish` give it, so the exit code and the messages the editor sees are what the tests
check; ``run_pelican(..., process=True)`` starts ``python -m pelican`` for the few tests about
the process itself.
"""

import locale
import logging
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Pelican's console (rich) reads its width once, on import: as wide as the subprocess builds'.
os.environ.setdefault("COLUMNS", "400")

import golden
import inprocess
import pytest
from browser import require_chromium
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
SITEURL = "https://kabarmbojo.example"
SEED_URL = "2024/12/pemkot-bima-raih-penghargaan-menpan-rb-inovasi-kaki-si-intens.html"


def run_pelican(content, output, settings, *extra, env=None, process=False):
    """Build ``content`` with ``settings`` into ``output``; return the CompletedProcess.

    In this process (tests/inprocess.py), or with ``process=True`` as ``python -m pelican``.
    """
    argv = [str(content), "-o", str(output), "-s", str(settings), *map(str, extra)]
    env = {"SITEURL": SITEURL, "COLUMNS": "400", **(env or {})}
    if not process:
        return inprocess.build(argv, env=env, cwd=ROOT)
    return subprocess.run(
        [sys.executable, "-m", "pelican", *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, **env},
        timeout=600,
    )


class BuiltSite:
    """An output folder with helpers to read it."""

    def __init__(self, output, result):
        self.output = Path(output)
        self.result = result

    def path(self, relative):
        return self.output / relative

    def soup(self, relative):
        """Beautiful Soup (lxml) of a built HTML file, e.g. ``soup("index.html")``."""
        return BeautifulSoup(self.path(relative).read_text(encoding="utf-8"), "lxml")

    def html_files(self):
        return sorted(self.output.rglob("*.html"))

    def full_pages(self):
        """The HTML pages of the full site: without the text edition (``teks/``, its own head
        with a canonical link to the full article), ``404.html`` (never in a sitemap) and the
        web editor (``admin/``, plugins/cms: not a reader's page)."""
        return [
            path
            for path in self.html_files()
            if path.relative_to(self.output).parts[0] not in ("teks", "404.html", "admin")
        ]


# The slowest files (make test --durations), started first so that with --dist loadfile no
# long file is left for the end while the other worker idles.
SLOW_FIRST = (
    "test_cms_browser.py",
    "test_security_xss.py",
    "test_editor_corpus.py",
    "test_build_speed.py",
    "test_publish.py",
    "test_reader_browser.py",
    "test_search.py",
    "test_blogger_import.py",
    "test_deploy.py",
    "test_security.py",
)


def pytest_collection_modifyitems(items):
    """Mark every test that drives Chromium (it asks for the ``browser`` fixture, directly or
    through another fixture) ``browser``: ``make test`` leaves them to ``make test-browser``.
    Then order the tests slowest files first (a stable sort: order within a file kept)."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
    rank = {name: index for index, name in enumerate(SLOW_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))


@pytest.fixture(scope="session")
def _template_bytecode_folder(tmp_path_factory):
    return str(tmp_path_factory.mktemp("jinja-bytecode"))


@pytest.fixture(autouse=True)
def _one_template_bytecode_cache(request, monkeypatch, _template_bytecode_folder):
    """Every in-process build of this session (this xdist worker) keeps its compiled templates
    in one folder, not in its own site's ``CACHE_PATH``: compiling the theme's templates was a
    third of a small site's build (cProfile of the suite). Safe for the same reason the
    production cache is: Jinja stores each template's source checksum with its bytecode
    (build_speed/jinja.py), so a test's own theme or an edited template is compiled again.
    A test of the cache itself is marked ``own_bytecode_cache`` and sees the real one."""
    if request.node.get_closest_marker("own_bytecode_cache"):
        return
    from build_speed import jinja

    configure = jinja.configure

    def shared(settings):
        environment = configure(settings)
        if isinstance(environment.get("bytecode_cache"), jinja.LazyBytecodeCache):
            environment["bytecode_cache"] = jinja.LazyBytecodeCache(_template_bytecode_folder)
        return environment

    monkeypatch.setattr(jinja, "configure", shared)


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The fixture site (tests/fixtures/site/, a frozen copy of the content) built once per
    session (per xdist worker) in this process with publishconf.py, SITEURL and a fixed "now"
    (tests/golden.py); tests/test_expected_output.py compares it with the expected tree."""
    output = tmp_path_factory.mktemp("site") / "output"
    result = golden.build(output)
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(output, result)


def broken_links(site):
    """Return (page, url) pairs of ``site`` (a BuiltSite) whose link or asset on SITEURL has no
    file, or which are not absolute (relative, ``{filename}``/``{static}`` left unresolved)."""
    missing = []
    for path in site.html_files() + sorted(site.output.rglob("*.xml")):
        text = path.read_text(encoding="utf-8")
        for url in re.findall(r'(?:href|src)="([^"#]+)', text):
            target = local_target(site, url)
            if target is not None and not target.is_file():
                missing.append((str(path.relative_to(site.output)), url))
            if url.startswith(("/", "..", "./")) or "{filename}" in url or "{static}" in url:
                missing.append((str(path.relative_to(site.output)), url))
    return missing


def local_target(site, url):
    """Map a site URL (absolute on SITEURL) to the file it must resolve to, or None."""
    if not url.startswith(SITEURL):
        return None
    path = unquote(urlsplit(url).path).lstrip("/")
    target = site.output / path
    return target / "index.html" if url.endswith("/") or target.is_dir() else target


@pytest.fixture(autouse=True)
def _keep_locale():
    """Restore the process locale after each test: reading Pelican settings in-process applies
    ``LOCALE = ("C",)``, and later subprocess output would otherwise be decoded as ASCII."""
    saved = locale.setlocale(locale.LC_ALL)
    yield
    locale.setlocale(locale.LC_ALL, saved)


@pytest.fixture(autouse=True)
def _keep_log_levels():
    """Restore every logger's level after each test: tools called directly (``main()``) set
    some (make check and the Blogger import silence news_metadata.errors), and later in-process
    builds in the same worker would lose those messages."""
    loggers = [logging.getLogger(), *logging.root.manager.loggerDict.values()]
    saved = {lg: lg.level for lg in loggers if isinstance(lg, logging.Logger)}
    yield
    for logger in [*logging.root.manager.loggerDict.values(), logging.getLogger()]:
        level = saved.get(logger, logging.NOTSET)
        # setLevel clears every logger's cache: only where a level changed
        if isinstance(logger, logging.Logger) and logger.level != level:
            logger.setLevel(level)


AUTHORS_YML = """\
- name: Munir Husen
  affiliation: Dosen Universitas Muhammadiyah Bima
  bio: Menulis tentang pelayanan publik.
- name: Nurhayati
  affiliation: Wartawan Kabar Mbojo
  bio: Meliput Kota Bima.
"""


def header(title, date="2024-05-01 08:00", *extra):
    """A valid article header (Nurhayati, Berita) plus ``extra`` lines, and the blank line."""
    lines = [f"Title: {title}", f"Date: {date}", "Author: Nurhayati", "Category: Berita", *extra]
    return "\n".join(lines) + "\n\n"


# The same header without its blank line, for tests that edit or extend it.
GOOD_HEADER = header("Judul Baik").removesuffix("\n")


def write_site(content, files):
    """Write ``files`` (path under content/ -> text, dedented, or bytes) below ``content``; adds
    data/authors.yml unless given. Returns ``content`` as a Path."""
    content = Path(content)
    for relative, text in {"data/authors.yml": AUTHORS_YML, **files}.items():
        target = content / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(textwrap.dedent(text), encoding="utf-8")
    return content


@pytest.fixture
def make_site(tmp_path):
    """Return ``build(files, conf="publishconf.py", *extra)`` for a small site in tmp_path.

    ``files`` as for :func:`write_site`. Returns a :class:`BuiltSite` whose ``result`` is the
    CompletedProcess; ``result.output_text`` joins stdout and stderr. ``process=True`` builds
    with ``python -m pelican``.
    """

    def build(files, conf="publishconf.py", *extra, env=None, process=False):
        content = write_site(tmp_path / "content", files)
        output = tmp_path / "output"
        result = run_pelican(content, output, ROOT / conf, *extra, env=env, process=process)
        result.output_text = result.stdout + result.stderr
        return BuiltSite(output, result)

    return build


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium (Debian's, through Playwright) for the whole session.

    New pages come from ``browser.new_page()``; pages that must not reach the network should
    route or record requests themselves (see tests/browser.py).
    """
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield chromium
        chromium.close()
