"""Real-browser helpers: Playwright for Python driving Debian's chromium (never a downloaded one).

Tests that need a reader's view of a page use the ``browser`` fixture (one Chromium per session)
and ``serve_folder`` (a static HTTP server on 127.0.0.1 for a built site). The browser binary is
``$CHROMIUM`` or ``chromium`` on PATH (Debian's package; ``.ci/run`` installs it in CI).
Outside CI a machine without it skips these tests with that instruction; in CI they fail instead,
so a missing browser can never turn the suite green.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from golden import SITEURL

CHROMIUM_HINT = (
    "install Debian's chromium (apt-get install chromium) or set CHROMIUM=/path/to/chromium"
)


def chromium_path() -> str | None:
    """The Chromium executable to drive: ``$CHROMIUM``, else ``chromium`` on PATH, else None."""
    configured = os.environ.get("CHROMIUM")
    if configured:
        return configured
    return shutil.which("chromium") or shutil.which("chromium-browser")


def require_chromium() -> str:
    """Return the Chromium path; skip the test outside CI, fail it in CI, when there is none."""
    path = chromium_path()
    if path:
        return path
    if os.environ.get("CI") == "true":
        pytest.fail(f"no Chromium for the browser tests: {CHROMIUM_HINT}")
    pytest.skip(f"no Chromium for the browser tests: {CHROMIUM_HINT}")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve ``folder`` over HTTP on 127.0.0.1 (a free port); yield its base URL ``http://127.0.0.1:N/``."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# A proxy that is not there: nothing listens on port 9 (discard) of this machine. A context
# made with ``proxy=DEAD_PROXY`` reaches 127.0.0.1 only; any other request fails at once in
# the browser's network stack, with no round trip through the test for each request.
DEAD_PROXY = {"server": "http://127.0.0.1:9", "bypass": "127.0.0.1"}


def route_site(target, output: Path, delay: float = 0.0) -> tuple[list, list]:
    """Serve ``SITEURL`` (https://kabarmbojo.example/, tests/golden.py) from the folder
    ``output`` to ``target`` (a Playwright Page or BrowserContext); abort every other request.

    Returns ``(foreign, images)``: the aborted URLs, and ``(url, bytes)`` of each image served
    (each image ``delay`` seconds late, so that a missing size would shift the layout).
    """
    foreign, images = [], []

    def handle(route):
        url = route.request.url
        if not url.startswith(SITEURL + "/"):
            foreign.append(url)
            route.abort()
            return
        path = output / url[len(SITEURL) + 1 :].split("?")[0]
        if path.is_dir():
            path = path / "index.html"
        if route.request.resource_type == "image":
            images.append((url, path.stat().st_size))
            time.sleep(delay)
        route.fulfill(path=str(path))

    target.route("**/*", handle)
    return foreign, images
