"""Stock Pelican 4.12 against the project on one synthetic corpus (``make bench``, issue 12).

Both builds read the same corpus (:func:`bench.make_corpus`). **Stock** is Pelican 4.12 as
installed in ``.venv``: its default theme, ``TYPOGRIFY = True``, ``DEFAULT_PAGINATION = 10``,
no plugins, absolute URLs like a publish build, no content cache. **Project** is ``make
publish`` (``newsroom_cli.publish`` with the site's publish settings: strict checks, search
index, the atomic swap) keeping its build cache between builds, as CI keeps it.

After one untimed warm-up build of each (the OS file cache, Python's bytecode), every round runs
stock and the project's cold publish back to back, in alternating order (A B, then B A, ...), so
load that changes over the minutes falls on both; the project's warm rows follow in the same
round. Rows, each a median over the rounds, and the ratio to stock's cold build of the same
round (the median of the per-round ratios):

- cold publish: empty cache and output; wall seconds and CPU seconds (user + system of the build
  process and the processes it waited for, e.g. Pagefind);
- one article changed: a sentence appended to one article, publish again with the cache;
- no change: publish again with the cache, nothing edited (make publish finds its inputs
  unchanged and builds nothing: newsroom_cli/inputs.py);
- dev loop: ``make devserver`` itself (newsroom_cli.devserver, one long-running process with
  the dev settings, the site in memory: newsroom_cli/livebuild.py), started once per run; each
  edit appends a sentence to the newest article and times, from the write, until the article's
  page on disk holds the sentence (the watcher's notification included), then waits for the
  server to finish the rest of the site (timed too); after the edits, the server's resident
  memory (VmRSS) — :func:`dev_loop`;
- peak RSS of the build process (MiB).

The 1-minute load average is printed before and after each build: the machine is shared.
A benchmark, not a test: nothing is asserted.
"""

import os
import statistics
import sys
import time
from pathlib import Path

from bench import ROOT, build_epoch

STOCK_SETTINGS = """\
# Stock Pelican 4.12 for the benchmark: default theme, typogrify, pagination 10, no plugins.
PATH = {content!r}
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
SITENAME = "Kabar Mbojo"
SITEURL = "https://kabarmbojo.example"
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
TIMEZONE = "Asia/Makassar"
DEFAULT_LANG = "id"
TYPOGRIFY = True
DEFAULT_PAGINATION = 10
PLUGINS = []
PLUGIN_PATHS = []
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
DELETE_OUTPUT_DIRECTORY = True
"""

DEV_SETTINGS = """\
import sys
sys.path.insert(0, {root!r})
from pelicanconf import *  # noqa
PATH = {content!r}
THEME = {theme!r}
PLUGIN_PATHS = [{plugins!r}]
NEWS_IMAGES_CACHE_PATH = {images!r}
"""


def write_settings(root):
    """Write ``stock_conf.py`` and ``dev_conf.py`` under ``root``; return their paths."""
    content = str(root / "content")
    stock = root / "stock_conf.py"
    stock.write_text(STOCK_SETTINGS.format(content=content), encoding="utf-8")
    dev = root / "dev_conf.py"
    dev.write_text(
        DEV_SETTINGS.format(
            root=str(ROOT),
            content=content,
            theme=str(ROOT / "theme"),
            plugins=str(ROOT / "plugins"),
            images=str(root / "image-cache"),
        ),
        encoding="utf-8",
    )
    return stock, dev


def run(command, env):
    """Run ``command`` (argv) in ROOT. Returns a dict: wall and cpu (seconds), rss (MiB),
    load (1-minute load average before, after). Raises SystemExit on a non-zero exit."""
    import subprocess

    before = os.getloadavg()[0]
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"benchmark build failed: {command}")
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss": usage.ru_maxrss / 1024,  # KiB on Linux
        "load": (before, os.getloadavg()[0]),
    }


def clear(*paths):
    """Delete folders (build output, caches) if present."""
    import shutil

    for path in paths:
        shutil.rmtree(path, ignore_errors=True)


def edit_one_article(root, round_number):
    """Append a sentence to one article (the newest, so it is on the front page and in its
    listings and feeds). Returns the article's path."""
    articles = sorted((root / "content" / "articles").rglob("*.md"))
    path = articles[-1]
    with path.open("a", encoding="utf-8") as stream:
        stream.write(f"\nKalimat tambahan nomor {round_number} untuk pengukuran.\n")
    return path


def page_of(output, marker):
    """The HTML file under ``output`` (not the text edition) whose text holds ``marker``."""
    for path in sorted(output.glob("20*/*/*.html")):
        if marker in path.read_text(encoding="utf-8"):
            return path
    raise SystemExit(f"benchmark: no page in {output} shows {marker!r}")


def first_page_cpu(log):
    """The server's CPU seconds to each edit's first written page, from its log (``log``, str):
    the preview's when there was one, else the exact first pass's."""
    import re

    found = re.findall(r"(previewed|rewritten) in [\d.]+ s, CPU ([\d.]+) s", log)
    previous = [("", ""), *found]
    return [
        float(cpu)
        for (kind, cpu), (before, _) in zip(found, previous[:-1], strict=True)
        if kind == "previewed" or before != "previewed"
    ]


def dev_loop(root, dev_conf, env, edits=5, timeout=600):
    """Time ``make devserver``'s edit loop on the corpus under ``root`` (see the module doc).

    Returns a dict: ``page`` and ``rest`` (lists of seconds per edit: write → page on disk,
    write → the whole site written), ``cpu`` (list: :func:`first_page_cpu`), ``rss`` (list of
    MiB: after the first build, then after each edit), ``first`` (seconds of the server's
    first, full build), ``load`` (1-minute load average before, after).
    """
    import re
    import signal
    import socket
    import subprocess

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    output = root / "output-dev"
    log = root / "devserver.log"
    command = [sys.executable, "-m", "newsroom_cli.devserver", str(root / "content")]
    command += ["-o", str(output), "-s", str(dev_conf), "-p", str(port)]
    before = os.getloadavg()[0]
    started = time.perf_counter()
    with log.open("w") as stream:
        process = subprocess.Popen(
            command, cwd=ROOT, env={**os.environ, **env}, stdout=stream, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip

    def wait(predicate, what):
        deadline = time.perf_counter() + timeout
        while not predicate():
            if process.poll() is not None or time.perf_counter() > deadline:
                raise SystemExit(f"benchmark: devserver {what} (see {log})")
            time.sleep(0.005)
        return time.perf_counter()

    def rss():
        status = Path(f"/proc/{process.pid}/status").read_text()
        return int(re.search(r"VmRSS:\s+(\d+)", status)[1]) / 1024

    def finished():
        return len(re.findall(r"the rest of the site|built the site", log.read_text("utf-8")))

    try:
        wait(lambda: finished() >= 1, "never finished its first build")
        first = time.perf_counter() - started
        article = sorted((root / "content" / "articles").rglob("*.md"))[-1]
        summary = re.search(r"^Summary: (.+)$", article.read_text("utf-8"), re.M)[1]
        page = page_of(output, f'<meta name="description" content="{summary}"')  # its own page
        figures = {"page": [], "rest": [], "first": first, "rss": [rss()]}
        for number in range(edits):
            done = finished()
            token = f"ukur{number:03d}"  # one word: typogrify joins a sentence's last two
            written = time.perf_counter()
            with article.open("a", encoding="utf-8") as stream:
                stream.write(f"\nKalimat {token} untuk pengukuran dari bench.\n")
            shown = wait(lambda t=token: t in page.read_text("utf-8"), "did not rewrite")
            rest = wait(lambda d=done: finished() > d, "did not finish the site")
            figures["page"].append(shown - written)
            figures["rest"].append(rest - written)
            figures["rss"].append(rss())
            time.sleep(0.3)
        figures["cpu"] = first_page_cpu(log.read_text("utf-8"))
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    figures["load"] = (before, os.getloadavg()[0])
    return figures


def compare(conf, root, rounds):
    """The stock-versus-project benchmark on the corpus under ``root`` (see the module doc).

    ``conf``: the project's publish settings for the corpus (:func:`bench.make_corpus`).
    Prints every build, then the table; returns the table as a list of (row, median, ratio)
    with seconds or MiB, ratio None where there is no stock figure to divide by.
    """
    stock_conf, dev_conf = write_settings(root)
    python = sys.executable
    env = {"SOURCE_DATE_EPOCH": build_epoch(root), "PYTHONPATH": str(ROOT / "plugins")}
    cache = [root / "cache"]
    stock = [python, "-m", "pelican", "-q", "-s", str(stock_conf), "-o", str(root / "stock")]
    publish = [python, "-m", "newsroom_cli.publish", "-q", "-s", str(conf)]
    publish += ["-o", str(root / "output")]

    def project_cold():
        clear(*cache, root / "output")
        return run(publish, env)

    def stock_cold():
        clear(root / "stock")
        return run(stock, env)

    print("warm-up (not timed): stock, project", flush=True)
    stock_cold(), project_cold()
    rows = {}
    for number in range(rounds):
        order = (("stock", stock_cold), ("cold", project_cold))
        if number % 2:
            order = order[::-1]
        figures = {label: build() for label, build in order}
        edit_one_article(root, number)
        figures["one changed"] = run(publish, env)
        figures["no change"] = run(publish, env)
        for label, figure in figures.items():
            rows.setdefault(label, []).append(figure)
            print(
                f"round {number + 1} {label:12s} wall {figure['wall']:6.2f} s  "
                f"cpu {figure['cpu']:6.2f} s  peak RSS {figure['rss']:5.0f} MiB  "
                "load {:.2f} -> {:.2f}".format(*figure["load"]),
                flush=True,
            )
    loop = dev_loop(root, dev_conf, env, edits=max(5, rounds))
    print_dev_loop(loop)
    return table(rows, loop)


def print_dev_loop(loop):
    """Print :func:`dev_loop`'s figures, each edit and the medians."""
    rows = zip(loop["page"], loop["rest"], loop["cpu"], loop["rss"][1:], strict=True)
    for number, (page, rest, cpu, rss) in enumerate(rows):
        print(
            f"dev loop edit {number + 1}: page on disk {page:6.2f} s (server CPU {cpu:.2f} s), "
            f"whole site {rest:6.2f} s, RSS {rss:.0f} MiB"
        )
    page, cpu = statistics.median(loop["page"]), statistics.median(loop["cpu"])
    print(
        f"dev loop: first build {loop['first']:.1f} s; median page {page:.2f} s (CPU {cpu:.2f} s), "
        f"whole site {statistics.median(loop['rest']):.2f} s; RSS {loop['rss'][0]:.0f} MiB after "
        f"the first build, {loop['rss'][-1]:.0f} MiB after {len(loop['page'])} rebuilds; "
        f"load {loop['load'][0]:.2f} -> {loop['load'][1]:.2f}",
        flush=True,
    )


def table(rows, loop):
    """Medians and per-round ratios to stock's cold build; prints and returns the rows."""

    def median(label, key):
        return statistics.median(figure[key] for figure in rows[label])

    def ratio(label, key):
        pairs = zip(rows[label], rows["stock"], strict=True)
        return statistics.median(a[key] / b[key] for a, b in pairs)

    result = [
        ("stock cold publish, wall (s)", median("stock", "wall"), None),
        ("stock cold publish, CPU (s)", median("stock", "cpu"), None),
        ("cold publish, wall / stock", median("cold", "wall"), ratio("cold", "wall")),
        ("cold publish, CPU / stock", median("cold", "cpu"), ratio("cold", "cpu")),
        (
            "one article changed, wall / stock cold",
            median("one changed", "wall"),
            ratio("one changed", "wall"),
        ),
        (
            "no-change publish, wall / stock cold",
            median("no change", "wall"),
            ratio("no change", "wall"),
        ),
        ("dev loop, save -> page on disk (s)", statistics.median(loop["page"]), None),
        ("dev loop, save -> whole site (s)", statistics.median(loop["rest"]), None),
        ("dev loop, server CPU to the page (s)", statistics.median(loop["cpu"]), None),
        ("dev server RSS after the edits (MiB)", loop["rss"][-1], None),
        ("peak RSS (MiB) / stock", median("cold", "rss"), ratio("cold", "rss")),
        ("stock peak RSS (MiB)", median("stock", "rss"), None),
    ]
    print(f"\n{'figure':42s} {'median':>9s} {'ratio':>7s}")
    for name, value, share in result:
        print(f"{name:42s} {value:9.2f} " + (f"{share:7.2f}" if share is not None else ""))
    loads = [load for figures in rows.values() for figure in figures for load in figure["load"]]
    print(f"1-minute load average during the timed builds: {min(loads):.2f} to {max(loads):.2f}")
    return result


def term_lists(sizes=(1000, 5000, 20000, 50000), quadratic_up_to=5000):
    """CPU seconds to build every term's ``dates`` list (14 tags, 3 per article; 7 sections;
    5 authors), Pelican 4.12's expression against build_speed's (plugins/build_speed/terms.py),
    in-process on placeholder objects: the step alone, without rendering. Prints one line per
    size; Pelican's is timed only up to ``quadratic_up_to`` articles (it grows with N²)."""
    import random
    from types import SimpleNamespace

    from build_speed.terms import dates_order

    for size in sizes:
        rng = random.Random(size)
        articles = [object() for _ in range(size)]
        lists = {}
        for article in articles:
            for term in [*rng.sample(range(14), 3), 14 + rng.randrange(7), 21 + rng.randrange(5)]:
                lists.setdefault(term, []).append(article)
        started = time.process_time()
        ordered = dates_order(SimpleNamespace(dates=articles))
        for members in lists.values():
            ordered(members)
        ours = time.process_time() - started
        pelican = "not timed"
        if size <= quadratic_up_to:
            started = time.process_time()
            for members in lists.values():
                [article for article in articles if article in members]  # generators.py
            pelican = f"{time.process_time() - started:.3f} s"
        print(f"term lists, {size:6d} articles: build_speed {ours:.3f} s, Pelican {pelican}")


def main(argv=None):
    """``python tests/bench_stock.py [--articles N] [--rounds R] [--keep] [--terms]
    [--dev-loop EDITS]``."""
    import argparse
    import shutil
    import tempfile

    from bench import make_corpus

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--terms", action="store_true", help="only time the term lists step")
    parser.add_argument("--dev-loop", type=int, metavar="EDITS", help="only time make devserver")
    args = parser.parse_args(argv)
    if args.terms:
        sys.path.insert(0, str(ROOT / "plugins"))
        term_lists()
        return
    root = Path(tempfile.mkdtemp(prefix="kabar-bench-stock-"))
    try:
        conf = make_corpus(root, args.articles)
        print(f"corpus: {args.articles} articles in {root}; {os.cpu_count()} CPUs", flush=True)
        if args.dev_loop:
            _, dev_conf = write_settings(root)
            env = {"SOURCE_DATE_EPOCH": build_epoch(root), "PYTHONPATH": str(ROOT / "plugins")}
            print_dev_loop(dev_loop(root, dev_conf, env, edits=args.dev_loop))
        else:
            compare(conf, root, args.rounds)
    finally:
        if args.keep:
            print(f"kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
