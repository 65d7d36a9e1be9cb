"""``make devserver``: build, serve on localhost, rebuild on every change, reload the browser.

Usage: ``python -m newsroom_cli.devserver CONTENT -o OUTPUT -s pelicanconf.py [-p PORT]
[--bind 127.0.0.1] [pelican options]``.

One long-running process keeps the site in memory (:mod:`.livebuild`): a saved article is read
again alone, its page and the listings and feeds that show it are rewritten first (a body edit:
from last build's site at once, then exactly) and the browser reloads; the rest of the site
follows in the background (a newer save interrupts it).
A change to the settings or the theme rebuilds everything in the same process; a change to
plugin code restarts the process (same arguments, same port), since Python code cannot be
swapped in a running interpreter safely. A content error is printed in the terminal and shown
on the page and under ``galat/``; an exception in a build is printed in one paragraph and the
server stays up with the last good pages: fix the file and save.
Changes are seen through the operating system's notifications (watchfiles: inotify on Linux),
not by polling the tree.
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
import logging
import os
import queue
import sys
import threading
import time
import traceback

LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]")


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


def _editor_prefix(site):
    """``/<CMS_SAVE_AS>/`` of ``site``'s loaded settings (the cms plugin fills in its default
    when it is enabled), or None: no web editor, or the settings did not load.

    Read from the loaded settings, not by importing the cms plugin here: a syntax error in its
    code then ended the server at its restart, outside the build that reports it.
    """
    settings = site.pelican.settings if site.pelican is not None else {}
    folder = settings.get("CMS_SAVE_AS")
    return f"/{folder.strip('/')}/" if folder else None


def _editor_without_reload(site) -> None:
    """:func:`no_reload_under` the web editor's folder of ``site``'s current settings."""
    editor = _editor_prefix(site)
    no_reload_under((editor,) if editor else ())


def classify(changes, settings_files, theme, plugins) -> str:
    """What a batch of changed paths asks for: ``"restart"`` (plugin code), ``"reload"``
    (settings or theme: a new ``Pelican``, nothing reused), ``"build"`` (content).

    Args:
        changes: absolute paths (str).
        settings_files, theme, plugins: absolute paths of what is watched besides content.
    """

    def under(path, folder):
        return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)

    if any(under(path, plugins) and path.endswith(".py") for path in changes):
        return "restart"
    if any(path in settings_files or under(path, theme) for path in changes):
        return "reload"
    return "build"


class Builder:
    """The build thread: waits for changes, builds, reloads the browser, finishes in the
    background (:class:`newsroom_cli.livebuild.LiveSite`).

    Args:
        site: the LiveSite.
        notify: called with a path once the first pages are written (reloads the browser;
            thread-safe).
        settings_files, theme, plugins: for :func:`classify`.
    """

    def __init__(self, site, notify, settings_files, theme, plugins):
        self.site, self.notify = site, notify
        self.where = (settings_files, theme, plugins)
        self.changes = queue.Queue()

    def changed(self, paths) -> None:
        """From the watcher thread: queue a batch and stop a background pass."""
        self.changes.put(set(paths))
        self.site.cancel.set()

    def run(self, first=True) -> None:
        """The thread's loop (never returns)."""
        if first:
            self.build("reload", "the site")
        while True:
            paths = self.changes.get()
            while not self.changes.empty():  # saves during the last build: one build for all
                paths |= self.changes.get()
            kind = classify(paths, *self.where)
            if kind == "restart":
                restart()
            self.build(kind, ", ".join(sorted(os.path.relpath(p) for p in paths)[:3]))

    def preview(self, what, started, cpu) -> bool:
        """The changed article in last build's site (:meth:`LiveSite.preview`), if it can be;
        True when it was written. A failure here only means no preview: the exact build runs.
        """
        try:
            written = self.site.preview()
        except Exception as exc:  # the build that follows reports the problem, if it is one
            say(f"no preview ({type(exc).__name__}: {exc})")
            return False
        if written is None:
            return False
        self.notify("*")
        say(
            f"{what}: {len(written)} page(s) previewed in {time.perf_counter() - started:.2f} s, "
            f"CPU {time.process_time() - cpu:.2f} s"
        )
        return True

    def build(self, kind, what) -> None:
        """One build; never raises (an error is printed and the server goes on)."""
        from newsroom_cli.livebuild import Cancelled

        started, cpu = time.perf_counter(), time.process_time()
        self.site.cancel.clear()
        try:
            previewed = kind == "build" and self.preview(what, started, cpu)
            report = self.site.build(reload_settings=kind == "reload")
            if kind == "reload":  # the editor's folder may have changed, or loaded at last
                _editor_without_reload(self.site)
            if report.full:
                self.site.finish()
                self.notify("*")
                say(f"built {what} in {time.perf_counter() - started:.1f} s (everything)")
                return
            if report.first_written or not previewed:  # the preview was not exact
                self.notify("*")
            seconds, used = time.perf_counter() - started, time.process_time() - cpu
            say(
                f"{what}: {len(report.first_written)} page(s) rewritten in {seconds:.2f} s, "
                f"CPU {used:.2f} s ({report.read} file(s) read, {report.reused} kept)"
            )
            # No second reload: the page being edited is in the first pass, and a reload a
            # minute later (5,000 articles) would throw the reader's place away.
            changed = self.site.finish()
            seconds = time.perf_counter() - started
            say(
                f"the rest of the site in {seconds:.1f} s, CPU {time.process_time() - cpu:.1f} s "
                f"({len(changed)} files changed)"
            )
        except Cancelled:
            say("a newer change: building that instead")
        # SystemExit too: a strict build's ContentErrors and search's SearchIndexError are
        # SystemExits; uncaught, they ended the build thread and the server went on serving
        # without ever building again.
        except (Exception, SystemExit) as exc:  # any build failure: report it, keep serving
            self.site.kept.clear()
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            say(
                f"the build failed: {type(exc).__name__}: {exc} (at {frame.filename}:"
                f"{frame.lineno}); still serving the last good pages. Save a file to try again."
            )


def say(message) -> None:
    """One line in the terminal, prefixed like every message of this tool."""
    print(f"make devserver: {message}", flush=True)


def restart() -> None:
    """Run this program again in this process (same PID and arguments): new plugin code."""
    say("plugin code changed: restarting")
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(sys.executable, [sys.executable, "-m", "newsroom_cli.devserver", *sys.argv[1:]])


def watch(paths, on_change) -> None:
    """Call ``on_change(set of absolute paths)`` for every batch of file changes under ``paths``
    (watchfiles: the OS's notifications, 50 ms to group a save's writes). Runs forever.
    """
    import watchfiles

    for changes in watchfiles.watch(*paths, step=50, debounce=400, raise_interrupt=False):
        on_change({os.path.abspath(path) for _, path in changes})


def quiet_watcher():
    """A python-livereload watcher that watches nothing (the Builder tells it when to reload);
    livereload's own would poll the tree every 0.8 s.
    """
    from livereload.watcher import Watcher

    class Quiet(Watcher):
        def start(self, callback):
            return True  # "started": livereload then does not poll

        def examine(self):
            return None, None

    return Quiet()


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
    from livereload.handlers import LiveReloadHandler
    from pelican import parse_arguments
    from pelican.log import init as init_logging
    from tornado.ioloop import IOLoop

    from newsroom_cli.livebuild import LiveSite

    pelican_argv = [args.content, "-o", args.output, "-s", args.settings, *extra]
    init_logging(level=parse_arguments(pelican_argv).verbosity, name="pelican")
    for name in ("livereload", "tornado"):  # they print through their own handler
        logging.getLogger(name).propagate = False
    site = LiveSite(pelican_argv)
    loop = IOLoop.current()
    builder = Builder(
        site,
        lambda path: loop.add_callback(LiveReloadHandler.reload_waiters, path),
        {os.path.abspath(args.settings), os.path.abspath("pelicanconf.py")},
        os.path.abspath("theme"),
        os.path.abspath("plugins"),
    )
    watched = [args.content, "theme", "plugins", args.settings, "pelicanconf.py", *args.watch]
    watched = [os.path.abspath(p) for p in dict.fromkeys(watched) if os.path.exists(p)]
    # Watching before the first build: a save during it (a minute at 5,000 articles, and after
    # every restart) is queued and built next; it was lost, the page stayed stale.
    threading.Thread(target=watch, args=(watched, builder.changed), daemon=True).start()
    builder.build("reload", "the site")
    threading.Thread(target=builder.run, args=(False,), daemon=True).start()
    server = Server(watcher=quiet_watcher())
    os.makedirs(args.output, exist_ok=True)
    install_host_check(args.port, () if args.bind in ("0.0.0.0", "::") else (args.bind,))
    _editor_without_reload(site)
    say(f"serving {args.output}/ on http://{args.bind}:{args.port}/ (Ctrl+C stops)")
    server.serve(host=args.bind, port=args.port, root=args.output, restart_delay=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
