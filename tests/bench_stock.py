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
- peak memory (MiB): ``ru_maxrss``, the largest single process, and the peak sums over the
  live process tree (the forked workers, Pagefind), RSS and PSS, sampled from ``/proc``
  (tests/bench_memory.py).

``--scale 1000,5000,20000 [--stock-up-to N]`` builds instead a fresh corpus of each size, one
cold publish and one cold stock build each, and prints the CPU per 1,000 articles, its growth
against the smallest size (1.00: linear) and the peak memory against stock (:func:`scale`).

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
    """Run ``command`` (argv) in ROOT. Returns a dict: wall and cpu (seconds; CPU is user +
    system of the process and the children it waited for), rss (MiB: ``ru_maxrss``, the
    largest single process of the tree), tree_rss and tree_pss (MiB: the peak sums over the
    live process tree, sampled: :class:`bench_memory.TreeMemory`), load (1-minute load average
    before, after). Raises SystemExit on a non-zero exit."""
    import subprocess

    from bench_memory import TreeMemory

    before = os.getloadavg()[0]
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.DEVNULL
    )
    memory = TreeMemory(process.pid).start()
    os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOWAIT)  # exited, not yet reaped
    wall = time.perf_counter() - started
    memory.stop()
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"benchmark build failed: {command}")
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        # KiB on Linux. Never below this benchmark process's own RSS when it spawned the build
        # (Linux keeps the spawner's high-water mark across exec): it stays far below the builds'.
        "rss": usage.ru_maxrss / 1024,
        "tree_rss": memory.rss,
        "tree_pss": memory.pss,
        "by_name": memory.by_name,
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


def builds(conf, root):
    """The builds of the corpus under ``root`` (``conf``: its publish settings). Returns
    (stock_cold, project_cold, publish, env, dev_conf): two functions that empty the output
    (and the project's cache) and :func:`run` the build, the publish argv, the environment
    for every build and the dev settings' path."""
    stock_conf, dev_conf = write_settings(root)
    python = sys.executable
    env = {"SOURCE_DATE_EPOCH": build_epoch(root), "PYTHONPATH": str(ROOT / "plugins")}
    stock = [python, "-m", "pelican", "-q", "-s", str(stock_conf), "-o", str(root / "stock")]
    publish = [python, "-m", "newsroom_cli.publish", "-q", "-s", str(conf)]
    publish += ["-o", str(root / "output")]

    def project_cold():
        clear(root / "cache", root / "output")
        return run(publish, env)

    def stock_cold():
        clear(root / "stock")
        return run(stock, env)

    return stock_cold, project_cold, publish, env, dev_conf


def describe(label, figure, articles=None):
    """One build's line: wall, CPU (and CPU per 1,000 articles when ``articles`` is given),
    the peak RSS of the largest process and of the process tree, the three largest processes
    by name (sampled peak RSS, MiB), the load."""
    per = f" ({figure['cpu'] / articles * 1000:5.2f} s/1k)" if articles else ""
    largest = sorted(figure["by_name"].items(), key=lambda item: -item[1])[:3]
    names = ", ".join(f"{command} {rss:.0f}" for command, rss in largest)
    return (
        f"{label:12s} wall {figure['wall']:7.2f} s  cpu {figure['cpu']:7.2f} s{per}  "
        f"peak RSS {figure['rss']:5.0f} MiB (tree: RSS {figure['tree_rss']:5.0f}, "
        f"PSS {figure['tree_pss']:5.0f}; largest: {names})  "
        f"load {figure['load'][0]:.2f} -> {figure['load'][1]:.2f}"
    )


def scale(sizes, stock_up_to=None, keep=False):
    """Cost per article as the site grows (issue 12 item 7): for each size in ``sizes``, a
    fresh corpus (:func:`bench.make_corpus`, under the temporary folder, deleted after unless
    ``keep``), one cold publish of the project and one cold stock build (skipped above
    ``stock_up_to`` articles), no warm-up (the corpus was just written: its files are in the
    OS cache). Prints every build (:func:`describe`) and a table: CPU per 1,000 articles, its
    growth against the smallest size (1.00 is linear), peak memory (:func:`print_scale`) and
    the ratios to stock. Returns
    {size: {"project": figure, "stock": figure or None}} (figures as :func:`run`'s)."""
    import shutil
    import tempfile

    from bench import make_corpus

    results = {}
    for size in sizes:
        root = Path(tempfile.mkdtemp(prefix=f"kabar-bench-scale-{size}-"))
        try:
            conf = make_corpus(root, size)
            stock_cold, project_cold, *_ = builds(conf, root)
            print(f"corpus: {size} articles in {root}; {os.cpu_count()} CPUs", flush=True)
            figures = {"project": project_cold(), "stock": None}
            print(describe(f"{size} project", figures["project"], size), flush=True)
            clear(root / "output", root / "cache")  # disk: 50,000 articles' output is large
            if stock_up_to is None or size <= stock_up_to:
                figures["stock"] = stock_cold()
                print(describe(f"{size} stock", figures["stock"], size), flush=True)
            results[size] = figures
        finally:
            if keep:
                print(f"kept {root}")
            else:
                shutil.rmtree(root, ignore_errors=True)
    print_scale(results)
    return results


def print_scale(results):
    """Print :func:`scale`'s table: peak memory compared like with like, the trees' PSS sums
    (the fair footprint of forked workers) and the largest single process (``ru_maxrss``)."""
    base = min(results)

    def per(size, kind):
        return results[size][kind]["cpu"] / size * 1000

    print(
        f"\n{'articles':>8s} | {'project CPU':>11s} {'s/1k':>6s} {'growth':>6s} | "
        f"{'stock CPU':>10s} {'s/1k':>6s} {'growth':>6s} | {'CPU ratio':>9s} | "
        f"{'tree PSS MiB: project, stock, ratio':>35s} | "
        f"{'largest RSS: project, stock, ratio':>34s}"
    )
    for size, figures in sorted(results.items()):
        project, stock = figures["project"], figures["stock"]
        line = (
            f"{size:8d} | {project['cpu']:9.1f} s {per(size, 'project'):6.2f} "
            f"{per(size, 'project') / per(base, 'project'):6.2f} | "
        )
        if stock and results[base]["stock"]:
            line += (
                f"{stock['cpu']:8.1f} s {per(size, 'stock'):6.2f} "
                f"{per(size, 'stock') / per(base, 'stock'):6.2f} | "
                f"{project['cpu'] / stock['cpu']:9.2f} | "
                f"{project['tree_pss']:17.0f} {stock['tree_pss']:8.0f} "
                f"{project['tree_pss'] / stock['tree_pss']:8.2f} | "
                f"{project['rss']:16.0f} {stock['rss']:8.0f} {project['rss'] / stock['rss']:8.2f}"
            )
        else:
            line += f"{'stock not built':>25s} | {'':9s} | {project['tree_pss']:17.0f} {'':17s} | "
            line += f"{project['rss']:16.0f}"
        print(line)
    builds = [figure for figures in results.values() for figure in figures.values() if figure]
    loads = [load for figure in builds for load in figure["load"]]
    print(f"1-minute load average during the builds: {min(loads):.2f} to {max(loads):.2f}")


def compare(conf, root, rounds):
    """The stock-versus-project benchmark on the corpus under ``root`` (see the module doc).

    ``conf``: the project's publish settings for the corpus (:func:`bench.make_corpus`).
    Prints every build, then the table; returns the table as a list of (row, median, ratio)
    with seconds or MiB, ratio None where there is no stock figure to divide by.
    """
    stock_cold, project_cold, publish, env, dev_conf = builds(conf, root)
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
            print(f"round {number + 1} " + describe(label, figure), flush=True)
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
        ("peak RSS, largest process (MiB) / stock", median("cold", "rss"), ratio("cold", "rss")),
        ("stock peak RSS (MiB)", median("stock", "rss"), None),
        ("peak tree PSS (MiB) / stock's", median("cold", "tree_pss"), ratio("cold", "tree_pss")),
    ]
    print(f"\n{'figure':44s} {'median':>9s} {'ratio':>7s}")
    for name, value, share in result:
        print(f"{name:44s} {value:9.2f} " + (f"{share:7.2f}" if share is not None else ""))
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
    [--dev-loop EDITS] [--scale N,N,... [--stock-up-to N]]``."""
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
    parser.add_argument(
        "--scale", metavar="N,N,...", help="only the cold builds at these sizes (CPU per article)"
    )
    parser.add_argument(
        "--stock-up-to", type=int, metavar="N", help="with --scale: no stock build above N"
    )
    args = parser.parse_args(argv)
    if args.scale:
        scale([int(size) for size in args.scale.split(",")], args.stock_up_to, args.keep)
        return
    if args.terms:
        sys.path.insert(0, str(ROOT / "plugins"))
        term_lists()
        return
    root = Path(tempfile.mkdtemp(prefix="kabar-bench-stock-"))
    try:
        conf = make_corpus(root, args.articles)
        print(f"corpus: {args.articles} articles in {root}; {os.cpu_count()} CPUs", flush=True)
        if args.dev_loop:
            *_, env, dev_conf = builds(conf, root)
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
