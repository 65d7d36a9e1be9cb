"""``make devserver``: build, serve on localhost, rebuild on every change, reload the browser.

Usage: ``python -m newsroom_tools.devserver CONTENT -o OUTPUT -s pelicanconf.py [-p PORT]
[--bind 127.0.0.1] [pelican options]``.

Each build is a separate ``pelican`` process (the settings file, templates and plugin code are
read afresh every time), so a content error, or even a crash, is printed in the terminal and the
server stays up with the last good pages; fix the file and save, and the page reloads.
Serving and reloading is python-livereload (the pattern of Pelican's quickstart ``tasks.py``):
it injects its ``livereload.js``, served by itself, into the pages it serves, nothing from
elsewhere. It listens on ``127.0.0.1`` only unless ``--bind`` says otherwise: drafts and
scheduled articles are visible in a dev build and are not for the network.

Watched: the content folder, the theme, ``plugins/`` and the settings files. Stop with Ctrl+C.
"""

import argparse
import os
import subprocess
import sys
import time


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


def main(argv=None):
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
    print(
        f"make devserver: serving {args.output}/ on http://{args.bind}:{args.port}/ (Ctrl+C stops)",
        flush=True,
    )
    server.serve(host=args.bind, port=args.port, root=args.output, restart_delay=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
