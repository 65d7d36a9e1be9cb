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
- dev loop: what ``make devserver`` runs after a save (one dev build process with
  ``pelicanconf.py``), from writing the file until that process has rewritten the page; the
  watcher's own polling delay (livereload, about 0.5 s) comes on top;
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
    dev = [python, "-m", "pelican", str(root / "content"), "-q", "-s", str(dev_conf)]
    dev += ["-o", str(root / "output-dev")]

    def project_cold():
        clear(*cache, root / "output")
        return run(publish, env)

    def stock_cold():
        clear(root / "stock")
        return run(stock, env)

    print("warm-up (not timed): stock, project, dev", flush=True)
    stock_cold(), project_cold(), run(dev, env)
    rows = {}
    for number in range(rounds):
        order = (("stock", stock_cold), ("cold", project_cold))
        if number % 2:
            order = order[::-1]
        figures = {label: build() for label, build in order}
        edit_one_article(root, number)
        figures["one changed"] = run(publish, env)
        figures["no change"] = run(publish, env)
        edit_one_article(root, number + 1000)
        figures["dev loop"] = run(dev, env)
        for label, figure in figures.items():
            rows.setdefault(label, []).append(figure)
            print(
                f"round {number + 1} {label:12s} wall {figure['wall']:6.2f} s  "
                f"cpu {figure['cpu']:6.2f} s  peak RSS {figure['rss']:5.0f} MiB  "
                "load {:.2f} -> {:.2f}".format(*figure["load"]),
                flush=True,
            )
    return table(rows)


def table(rows):
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
        ("dev loop, one dev build (s)", median("dev loop", "wall"), None),
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
    """``python tests/bench_stock.py [--articles N] [--rounds R] [--keep] [--terms]``."""
    import argparse
    import shutil
    import tempfile

    from bench import make_corpus

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--terms", action="store_true", help="only time the term lists step")
    args = parser.parse_args(argv)
    if args.terms:
        sys.path.insert(0, str(ROOT / "plugins"))
        term_lists()
        return
    root = Path(tempfile.mkdtemp(prefix="kabar-bench-stock-"))
    try:
        conf = make_corpus(root, args.articles)
        print(f"corpus: {args.articles} articles in {root}; {os.cpu_count()} CPUs", flush=True)
        compare(conf, root, args.rounds)
    finally:
        if args.keep:
            print(f"kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
