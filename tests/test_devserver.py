"""`make devserver`: serves on localhost only, injects live reload, rebuilds on change, and a
content error is shown in the terminal without stopping the server."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import GOOD_HEADER, ROOT
from workflow import header, tool_env, write_site


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(port, path=""):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, what, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except OSError:
            pass
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}")


def listening_addresses(port):
    """Local IPv4/IPv6 addresses (hex, as in /proc/net/tcp*) listening on ``port``."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        for row in Path(table).read_text().splitlines()[1:]:
            local, state = row.split()[1], row.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.add(address)
    return found


@contextmanager
def _devserver(tmp_path, settings=ROOT / "pelicanconf.py"):
    """`make devserver`'s tool on a one-article site in ``tmp_path``, on a free port; yields
    (content folder, port, log file) once the first page is served."""
    content = write_site(
        tmp_path / "content", {"articles/2024/a.md": header("Judul Pertama") + "Isi.\n"}
    )
    port = free_port()
    log = open(tmp_path / "devserver.log", "w")  # noqa: SIM115 (closed below)
    command = [sys.executable, "-m", "newsroom_cli.devserver", content, "-o", tmp_path / "output"]
    process = subprocess.Popen(
        [*command, "-s", settings, "-p", str(port)],
        cwd=ROOT,
        env=tool_env(),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_for(lambda: "Judul Pertama" in fetch(port), "the first page")
        yield content, port, tmp_path / "devserver.log"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        log.close()


@pytest.fixture(scope="module")
def devserver(tmp_path_factory):
    """One server for the tests that only read from it."""
    with _devserver(tmp_path_factory.mktemp("devserver")) as running:
        yield running


@pytest.fixture
def own_devserver(tmp_path):
    """A server of the test's own, for a test that changes the content."""
    with _devserver(tmp_path) as running:
        yield running


def test_serves_on_localhost_only_with_live_reload(devserver):
    _, port, _ = devserver
    page = fetch(port)
    head = page.split("</head>")[0]
    # The injected loader takes livereload.js from this same server (window.location.hostname).
    assert 's.src="//"+window.location.hostname+":"+port+ "/livereload.js?port=" + port' in head
    assert "livereload" in fetch(port, "livereload.js").lower()
    assert listening_addresses(port) == {"0100007F"}  # 127.0.0.1, nothing else


def test_the_web_editor_is_served_without_live_reload(devserver):
    """/admin/ must not reload when content/ changes: the editor's unsaved text would be lost."""
    _, port, _ = devserver
    try:
        page = fetch(port, "admin/index.html")
    except urllib.error.HTTPError:
        if os.environ.get("CI") == "true":  # .ci/run installs it: there, this must run
            raise
        pytest.skip("the web editor is not built here (make cms-tools)")
    assert "<head>" in page or "</head>" in page
    assert "livereload.js" not in page
    assert "livereload.js" in fetch(port)  # the site's pages still reload


def status_with_host(port, host, path=""):
    request = urllib.request.Request(f"http://127.0.0.1:{port}/{path}", headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_answers_only_local_host_names(devserver):
    """DNS rebinding: a page on evil.example whose name now resolves to 127.0.0.1 gets 403 for
    the pages, livereload.js and the reload socket; localhost and 127.0.0.1 are served."""
    _, port, _ = devserver
    for host in ("evil.example", f"evil.example:{port}", f"127.0.0.1.nip.example:{port}"):
        for path in ("", "draf/", "livereload.js", "livereload"):
            assert status_with_host(port, host, path) == 403, (host, path)
    assert status_with_host(port, f"localhost:{port}") == 200
    assert status_with_host(port, f"127.0.0.1:{port}") == 200
    assert status_with_host(port, "localhost") == 200


def test_rebuilds_on_change_and_survives_content_errors(own_devserver):
    content, port, log = own_devserver
    (content / "articles/2024/a.md").write_text(header("Judul Diganti") + "Isi.\n")
    wait_for(lambda: "Judul Diganti" in fetch(port), "the rebuilt page")
    (content / "articles/2024/b.md").write_text(
        GOOD_HEADER.replace("Category: Berita", "Category: Berrita") + "\nIsi.\n"
    )
    wait_for(lambda: "unknown category 'Berrita'" in log.read_text(), "the error in the terminal")
    assert "Judul Diganti" in fetch(port)  # still serving
    (content / "articles/2024/a.md").write_text(header("Judul Ketiga") + "Isi.\n")
    wait_for(lambda: "Judul Ketiga" in fetch(port), "a rebuild after the error")


def test_an_edit_rewrites_its_page_first_and_a_settings_change_rebuilds_in_process(tmp_path):
    """One process: a saved article is read alone (the other kept), and a changed settings file
    is read again and everything rebuilt without a restart."""
    settings = tmp_path / "conf.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\n"
        'SITESUBTITLE = "Subjudul Satu"\n',
        encoding="utf-8",
    )
    with _devserver(tmp_path, settings) as (content, port, log):
        write_site(content, {"articles/2024/b.md": header("Judul Kedua") + "Isi.\n"})
        wait_for(lambda: "Judul Kedua" in fetch(port), "the new article")
        (content / "articles/2024/a.md").write_text(header("Judul Diganti") + "Isi.\n")
        wait_for(lambda: "Judul Diganti" in fetch(port), "the edited article")
        wait_for(lambda: "1 file(s) read, 1 kept" in log.read_text(), "the kept article")
        assert "Subjudul Satu" in fetch(port)
        settings.write_text(settings.read_text().replace("Satu", "Dua"), encoding="utf-8")
        wait_for(lambda: "Subjudul Dua" in fetch(port), "the new settings")
        assert "restarting" not in log.read_text()


def test_a_build_that_raises_system_exit_leaves_the_build_thread_running(capsys):
    """A strict build (NEWS_METADATA_STRICT) ends with ContentErrors, search with
    SearchIndexError: both SystemExits, which used to end the build thread (s28 break test)."""
    import threading

    from news_metadata.errors import ContentError, ContentErrors
    from newsroom_cli.devserver import Builder

    class Site:
        cancel, kept = threading.Event(), {"x": 1}

        def preview(self):
            return None

        def build(self, reload_settings):
            error = ContentError("content/articles/a.md", 3, "unknown category 'Berrita'", "")
            raise ContentErrors([error])

    site = Site()
    Builder(site, lambda path: None, set(), "/t", "/p").build("build", "a.md")
    out = capsys.readouterr().out
    assert "the build failed: ContentErrors: 1 content error(s)" in out
    assert "a.md:3: unknown category 'Berrita'" in out and site.kept == {}


def test_the_editor_folder_comes_from_the_loaded_settings_not_an_import_of_cms():
    """A syntax error in plugins/cms ended make devserver at its restart: the server imported
    the plugin itself, outside the build that reports errors (s28 break test)."""
    from types import SimpleNamespace

    from newsroom_cli.devserver import _editor_prefix

    loaded = SimpleNamespace(pelican=SimpleNamespace(settings={"CMS_SAVE_AS": "redaksi/"}))
    assert _editor_prefix(loaded) == "/redaksi/"
    assert _editor_prefix(SimpleNamespace(pelican=None)) is None  # the settings did not load
    assert _editor_prefix(SimpleNamespace(pelican=SimpleNamespace(settings={}))) is None


SLOW_PLUGIN = """# Sleeps once, after the articles are read: a save then falls in the first build.
import os, time
from pelican import signals

def slow(generator):
    marker = os.path.join(os.path.dirname(__file__), "read")
    if not os.path.exists(marker):
        open(marker, "w").close()
        time.sleep(4)

def register():
    signals.article_generator_finalized.connect(slow)
"""


def test_a_save_during_the_first_build_is_built_next(tmp_path):
    """The watcher started after the first build: a save during it was never built (s28)."""
    plugin = tmp_path / "slowplugin"
    plugin.mkdir()
    (plugin / "lambat.py").write_text(SLOW_PLUGIN, encoding="utf-8")
    settings = tmp_path / "conf.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\n"
        f"PLUGIN_PATHS = [*PLUGIN_PATHS, {str(plugin)!r}]\nPLUGINS = [*PLUGINS, 'lambat']\n",
        encoding="utf-8",
    )
    content = write_site(
        tmp_path / "content", {"articles/2024/a.md": header("Judul Pertama") + "Isi.\n"}
    )
    port = free_port()
    command = [sys.executable, "-m", "newsroom_cli.devserver", content, "-o", tmp_path / "out"]
    with open(tmp_path / "log", "w") as log:
        process = subprocess.Popen(
            [*command, "-s", settings, "-p", str(port)],
            cwd=ROOT, env=tool_env(), stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        try:
            wait_for((plugin / "read").exists, "the first build's reading")
            (content / "articles/2024/a.md").write_text(header("Judul Kedua") + "Isi.\n")
            wait_for(lambda: "Judul Kedua" in fetch(port), "the save built", seconds=40)
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
