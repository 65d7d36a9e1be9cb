"""``make devserver``: build, serve on localhost, rebuild on every change, reload the browser.

Usage: ``python -m newsroom_cli.devserver CONTENT -o OUTPUT -s pelicanconf.py [-p PORT]
[--bind 127.0.0.1] [pelican options]``.

Each build is a separate ``pelican`` process (the settings file, templates and plugin code are
read afresh every time), so a content error, or even a crash, is printed in the terminal and the
server stays up with the last good pages; fix the file and save, and the page reloads.
Serving and reloading is python-livereload (the pattern of Pelican's quickstart ``tasks.py``):
it injects its ``livereload.js``, served by itself, into the pages it serves, nothing from
elsewhere. It listens on ``127.0.0.1`` only unless ``--bind`` says otherwise: drafts and
scheduled articles are visible in a dev build and are not for the network. It answers only
requests whose ``Host`` header is ``localhost``, ``127.0.0.1`` or ``[::1]`` (with or without the
port; the ``--bind`` address too); any other host gets 403, so a web page the editor visits
cannot read embargoed drafts through DNS rebinding (a hostile name re-pointed at 127.0.0.1).

Watched: the content folder, the theme, ``plugins/`` and the settings files. Stop with Ctrl+C.
"""

import argparse
import os
import subprocess
import sys
import time

LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]")


def build_command(content, output, settings, extra=()):
    """Return the argv of one dev build (a list of str)."""
    return [sys.executable, "-m", "pelican", content, "-o", output, "-s", settings, *extra]


def make_builder(command):
    """Return a function that runs one build and reports its outcome (never raises)."""

    def build():
        started = time.perf_counter()
        try:
            status = subprocess.run(command, check=False).returncode
        except OSError as exc:
            print(f"make devserver: could not start the build: {exc}", flush=True)
            return
        seconds = time.perf_counter() - started
        if status:
            print(
                f"make devserver: the build failed (exit {status}, see above); still serving "
                "the last good pages. Save a file to try again.",
                flush=True,
            )
        else:
            print(f"make devserver: rebuilt in {seconds:.1f} s", flush=True)

    build.__name__ = "pelican"
    return build


def allowed_host(host, port, extra=()):
    """True when a request's ``Host`` header names this machine.

    Args:
        host: the header's value (``"localhost:8000"``), or "" when absent (HTTP/1.0).
        port: the port the server listens on (int).
        extra: other host names to accept (the ``--bind`` address).
    """
    names = {*LOCAL_HOSTS, *extra}
    host = (host or "").strip().lower()
    return any(host in (name, f"{name}:{port}") for name in names)


def install_host_check(port, extra=()) -> None:
    """Make every tornado handler of this process (pages, livereload.js, the WebSocket) answer
    403 to a request whose Host is not :func:`allowed_host`. python-livereload builds its
    handlers itself, so the check goes on tornado's ``RequestHandler.prepare``, which every
    request passes through before its method runs.
    """
    from tornado import web

    def prepare(handler):
        if not allowed_host(handler.request.headers.get("Host", ""), port, extra):
            raise web.HTTPError(403, "Host not allowed")

    web.RequestHandler.prepare = prepare


def no_reload_under(prefixes: tuple[str, ...]) -> None:
    """Leave python-livereload's script out of the HTML pages whose path starts with one of
    ``prefixes`` (``("/admin/",)``): the web editor is an application of its own, and a reload
    on every change in ``content/`` (saving another entry is one) would throw away what the
    editor is typing. livereload injects its script with one tornado output transform
    (``LiveScriptInjector``) for every response; this makes it pass those paths through.
    """
    from livereload import server

    injector = server.LiveScriptInjector
    if getattr(injector, "news_skipped", None) is not None:
        injector.news_skipped = tuple(prefixes)
        return
    original_init, original_first = injector.__init__, injector.transform_first_chunk

    def init(self, request):
        original_init(self, request)
        self.news_path = request.path

    def transform_first_chunk(self, status_code, headers, chunk, finishing):
        if self.news_path.startswith(injector.news_skipped):
            return status_code, headers, chunk
        return original_first(self, status_code, headers, chunk, finishing)

    injector.news_skipped = tuple(prefixes)
    injector.__init__ = init
    injector.transform_first_chunk = transform_first_chunk


def _editor_prefix(settings_path):
    """``/<CMS_SAVE_AS>/`` of the settings file (the cms plugin's default when unset), or None."""
    from cms.settings import DEFAULTS
    from pelican.settings import read_settings

    folder = read_settings(settings_path).get("CMS_SAVE_AS", DEFAULTS["CMS_SAVE_AS"])
    return f"/{folder.strip('/')}/" if folder else None


def main(argv=None) -> int:
    """Command-line entry point; runs until interrupted."""
    parser = argparse.ArgumentParser(prog="make devserver", description=__doc__.splitlines()[0])
    parser.add_argument("content")
    parser.add_argument("-o", "--output", required=True)
    parser.add_argument("-s", "--settings", required=True)
    parser.add_argument("-p", "--port", type=int, default=8000)
    parser.add_argument("--bind", default="127.0.0.1", help="address to listen on (localhost)")
    parser.add_argument("--watch", action="append", default=[], help="extra path to watch")
    args, extra = parser.parse_known_args(argv)

    from livereload import Server

    build = make_builder(build_command(args.content, args.output, args.settings, extra))
    build()
    server = Server()
    watched = [args.content, "theme", "plugins", args.settings, "pelicanconf.py", *args.watch]
    for path in dict.fromkeys(watched):
        if os.path.exists(path):
            server.watch(path, build)
    os.makedirs(args.output, exist_ok=True)
    install_host_check(args.port, () if args.bind in ("0.0.0.0", "::") else (args.bind,))
    editor = _editor_prefix(args.settings)
    no_reload_under((editor,) if editor else ())
    print(
        f"make devserver: serving {args.output}/ on http://{args.bind}:{args.port}/ (Ctrl+C stops)",
        flush=True,
    )
    server.serve(host=args.bind, port=args.port, root=args.output, restart_delay=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
