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
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

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
