"""Build benchmark (``make bench``): a synthetic corpus, a cold build and a cached rebuild.

Generates N articles (default 1000) of realistic length with the full content model (title,
date, author from a profile, category, tags, summary, breaking flag), then builds them with the
site's publish settings (strict) twice into a temporary folder:

1. cold: empty content cache (Pelican writes it);
2. warm: the same build reading the content cache.

Prints wall-clock seconds, seconds per 1000 articles and the peak resident memory (MiB) of each
Pelican process. A benchmark, not a test: nothing is asserted; record its figures in the README.
Usage: ``python tests/bench.py [--articles N] [--keep]``.

``--citations PERCENT`` gives that share of the articles three citations each (``[@key]``,
``[@key, hlm. N]``, a narrative ``@key`` or ``[@a; @b]``) of a 40-entry site bibliography;
``--compare-plugin NAME [--runs N]`` then times cold builds with and without plugin NAME,
alternating (A, B, A, B, ...), and prints every run, the medians and the overhead. Example
(the figure in plugins/citations/README.md):
``python tests/bench.py --citations 20 --compare-plugin citations --runs 5``.
"""

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

WORDS = (  # noqa: SIM905 (a word list reads better as text)
    "pemerintah kota bima warga pelayanan publik dinas kabupaten desa kecamatan pasar harga "
    "bawang merah petani nelayan garam sekolah guru siswa jalan banjir bantuan program "
    "anggaran daerah kepala rapat masyarakat pembangunan kesehatan puskesmas air bersih "
    "listrik pantai festival budaya rimpu pacuan kuda sepak bola turnamen hukum pengadilan "
    "jaksa laporan data tahun bulan minggu hari ini kemarin menurut mengatakan menjelaskan "
    "bahwa untuk dengan dari dalam pada akan telah sudah belum masih juga tetapi karena "
    "sehingga agar yang dan di ke "
).split()
AUTHORS = [
    ("Munir Husen", "Dosen Universitas Muhammadiyah Bima"),
    ("Nurhayati", "Wartawan Kabar Mbojo"),
    ("Arif Rahman", "Redaktur Kabar Mbojo"),
    ("Siti Maryam", "Guru SMA di Kota Bima"),
    ("Fajrin Ahmad", "Wartawan Olahraga Kabar Mbojo"),
]
CATEGORIES = ["Berita", "Opini", "Pemerintahan", "Pendidikan", "Ekonomi", "Budaya", "Olahraga"]
TAGS = [
    "Kota Bima",
    "Kabupaten Bima",
    "Dompu",
    "pelayanan publik",
    "pendidikan",
    "pertanian",
    "banjir",
    "pemilu",
    "kesehatan",
    "budaya",
    "sepak bola",
    "hukum",
    "ekonomi",
    "nelayan",
]


def sentence(rng, low=8, high=20):
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def paragraph(rng):
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 5)))


def article_text(rng, number):
    """Return the Markdown source of synthetic article ``number`` (about 500–800 words)."""
    author, _ = rng.choice(AUTHORS)
    day = 1 + number % 28
    month = 1 + (number // 28) % 12
    year = 2020 + (number // 336) % 6
    tags = ", ".join(rng.sample(TAGS, 3))
    body = [paragraph(rng) for _ in range(rng.randint(6, 9))]
    body.insert(3, "## " + sentence(rng, 3, 6).rstrip("."))
    if number % 4 == 0:
        body.insert(5, "\n".join(f"- {sentence(rng, 4, 9)}" for _ in range(4)))
    if number % 7 == 0:
        body.insert(2, "> " + sentence(rng))
    header = [
        f"Title: {sentence(rng, 5, 10).rstrip('.')} {number}",
        f"Date: {year}-{month:02d}-{day:02d} {rng.randint(6, 21):02d}:{rng.choice((0, 30)):02d}",
        f"Author: {author}",
        f"Category: {rng.choice(CATEGORIES)}",
        f"Tags: {tags}",
        f"Summary: {sentence(rng, 12, 24)}",
        f"Breaking: {'true' if number % 50 == 0 else 'false'}",
    ]
    return "\n".join(header) + "\n\n" + "\n\n".join(body) + "\n"


BIB_TYPES = ("book", "article-journal", "article", "webpage", "legislation", "report")


def bibliography_json(size=40):
    """A site bibliography of ``size`` CSL-JSON entries, keys ``sumber00``... (for --citations)."""
    rng = random.Random(7)
    items = []
    for number in range(size):
        kind = BIB_TYPES[number % len(BIB_TYPES)]
        item = {"id": f"sumber{number:02d}", "type": kind, "title": sentence(rng, 3, 8)[:-1]}
        item["issued"] = {"date-parts": [[2000 + number % 25]]}
        if kind != "legislation":
            names = rng.sample(AUTHORS, 1 + number % 3)
            item["author"] = [
                {"family": name.split()[-1], "given": " ".join(name.split()[:-1]) or "A."}
                for name, _ in names
            ]
        if kind == "article-journal":
            item.update({"container-title": "Jurnal Bima", "volume": "3", "page": "1-9"})
        if kind in ("book", "report"):
            item["publisher"] = "Penerbit Mbojo"
        items.append(item)
    return json.dumps(items, indent=1)


def cite(text, number, size=40):
    """Insert three citations into the Markdown body ``text`` of article ``number``."""
    rng = random.Random(number)
    keys = [f"sumber{n:02d}" for n in rng.sample(range(size), 3)]
    parts = text.split("\n\n")
    parts[0] = parts[0].rstrip(".") + f" [@{keys[0]}]."
    parts[1] = parts[1].rstrip(".") + f" [@{keys[1]}, hlm. {rng.randint(1, 300)}]."
    if number % 2:
        parts[2] = f"@{keys[2]} menjelaskan hal ini. " + parts[2]
    else:
        parts[2] = parts[2].rstrip(".") + f" [@{keys[2]}; @{keys[0]}]."
    return "\n\n".join(parts)


def make_corpus(root, count, seed=2024, citations=0, without=None):
    """Write a synthetic site source under ``root`` (a Path): content/ and bench_conf.py.

    ``citations``: percentage of articles that cite the site bibliography (see :func:`cite`).
    ``without``: also write bench_conf_without.py, the same settings without that plugin.
    Returns the path of the settings file to build it with.
    """
    rng = random.Random(seed)
    content = root / "content"
    (content / "data").mkdir(parents=True)
    profiles = "".join(
        f"- name: {name}\n  affiliation: {affiliation}\n  bio: Penulis Kabar Mbojo.\n"
        for name, affiliation in AUTHORS
    )
    (content / "data" / "authors.yml").write_text(profiles, encoding="utf-8")
    if citations:
        (content / "bibliography").mkdir()
        (content / "bibliography" / "bench.json").write_text(bibliography_json(), "utf-8")
    for number in range(count):
        folder = content / "articles" / str(2020 + (number // 336) % 6)
        folder.mkdir(parents=True, exist_ok=True)
        text = article_text(rng, number)
        if number * citations % 100 + citations > 99:  # evenly spread: citations% of them
            header, body = text.split("\n\n", 1)
            text = header + "\n\n" + cite(body, number)
        (folder / f"artikel-{number:05d}.md").write_text(text, encoding="utf-8")
    conf = root / "bench_conf.py"
    conf.write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from publishconf import *  # noqa\n"
        f"PATH = {str(content)!r}\n"
        f"THEME = {str(ROOT / 'theme')!r}\n"
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
        f"CACHE_PATH = {str(root / 'cache')!r}\n"
        "CACHE_CONTENT = True\nLOAD_CONTENT_CACHE = True\n",
        encoding="utf-8",
    )
    if without:
        (root / "bench_conf_without.py").write_text(
            conf.read_text(encoding="utf-8")
            + f"PLUGINS = [name for name in PLUGINS if name != {without!r}]\n",
            encoding="utf-8",
        )
    return conf


def timed_build(conf, output):
    """Run one Pelican build. Returns (seconds, peak RSS in MiB); raises on a failed build.

    The CPU seconds (user + system) of the build are kept in ``timed_build.cpu``: on a shared
    machine they vary far less than wall-clock seconds.
    """
    command = [sys.executable, "-m", "pelican", "-q", "-s", str(conf), "-o", str(output)]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"build failed with exit code {process.returncode}")
    timed_build.cpu = usage.ru_utime + usage.ru_stime
    return seconds, usage.ru_maxrss / 1024  # ru_maxrss is KiB on Linux


def compare(root, conf, plugin, runs, articles, citations):
    """Interleaved cold builds with and without ``plugin``; print runs, medians, overhead."""
    without = root / "bench_conf_without.py"
    times = {("wall", "with"): [], ("wall", "without"): [], ("cpu", "with"): [],
             ("cpu", "without"): []}  # fmt: skip
    print(f"corpus: {articles} articles, {citations}% with citations, in {root}")
    for run in range(runs):
        for label, settings in (("with", conf), ("without", without)):
            shutil.rmtree(root / "cache", ignore_errors=True)  # cold: empty content cache
            shutil.rmtree(root / "output", ignore_errors=True)
            seconds, peak = timed_build(settings, root / "output")
            times["wall", label].append(round(seconds, 2))
            times["cpu", label].append(round(timed_build.cpu, 2))
            print(
                f"run {run + 1} {label:7s} {plugin}: {seconds:6.2f} s wall  "
                f"{timed_build.cpu:6.2f} s CPU  peak RSS {peak:5.0f} MiB"
            )
    for clock in ("wall", "cpu"):
        with_median = statistics.median(times[clock, "with"])
        without_median = statistics.median(times[clock, "without"])
        for label, median in (("with", with_median), ("without", without_median)):
            print(f"{clock:4s} median {label:7s} {plugin}: {median:6.2f} s  {times[clock, label]}")
        print(f"{clock:4s} overhead: {(with_median / without_median - 1) * 100:+.1f}%")
        # Each A/B pair ran back to back: its ratio is less sensitive to load that drifts.
        runs = zip(times[clock, "with"], times[clock, "without"], strict=True)
        pairs = [with_run / without_run - 1 for with_run, without_run in runs]
        print(f"{clock:4s} median overhead of the pairs: {statistics.median(pairs) * 100:+.1f}%")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="corpus size (default 1000)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--citations", type=int, default=0, help="%% of articles with citations")
    parser.add_argument("--compare-plugin", metavar="NAME", help="cold builds with/without NAME")
    parser.add_argument("--runs", type=int, default=3, help="runs each for --compare-plugin")
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="kabar-bench-"))
    try:
        conf = make_corpus(root, args.articles, citations=args.citations,
                           without=args.compare_plugin)  # fmt: skip
        if args.compare_plugin:
            compare(root, conf, args.compare_plugin, args.runs, args.articles, args.citations)
            return
        per = 1000 / args.articles
        print(f"corpus: {args.articles} articles in {root}")
        for label in ("cold build (empty cache)", "warm build (content cache)"):
            seconds, peak = timed_build(conf, root / "output")
            print(
                f"{label:28s} {seconds:7.2f} s   {seconds * per:7.2f} s/1000 articles   "
                f"peak RSS {peak:6.0f} MiB"
            )
    finally:
        if args.keep:
            print(f"kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
