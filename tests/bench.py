"""Build benchmark (``make bench``): a synthetic corpus, a cold build and a cached rebuild.

Generates N articles (default 1000) of realistic length with the full content model (title,
date, author from a profile, category, tags, summary, breaking flag), then builds them with the
site's publish settings (strict) twice into a temporary folder:

1. cold: empty content cache (Pelican writes it);
2. warm: the same build reading the content cache.

Prints wall-clock seconds, seconds per 1000 articles and the peak resident memory (MiB) of each
Pelican process. A benchmark, not a test: nothing is asserted; record its figures in the README.
Usage: ``python tests/bench.py [--articles N] [--keep]``.

``--without-plugins a,b [--runs R]`` measures the cost of plugins instead: R cold builds with
the publish settings and R without the named plugins, interleaved (the order alternates each
round, after one untimed warm-up build), each with an empty content cache and output folder and
with ``SOURCE_DATE_EPOCH`` an hour after the newest breaking article (so the ticker and the
news sitemap are not empty). Prints the raw timings, the medians and the overhead in percent,
of wall-clock time and of CPU time (steadier when other work shares the machine).
"""

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

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


def make_corpus(root, count, seed=2024):
    """Write a synthetic site source under ``root`` (a Path): content/ and bench_conf.py.

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
    for number in range(count):
        folder = content / "articles" / str(2020 + (number // 336) % 6)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"artikel-{number:05d}.md").write_text(
            article_text(rng, number), encoding="utf-8"
        )
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
    return conf


def timed_build(conf, output, env=None):
    """Run one Pelican build. Returns (seconds, peak RSS in MiB, CPU seconds); raises on a
    failed build.

    ``env``: extra environment variables for the Pelican process (e.g. SOURCE_DATE_EPOCH).
    CPU seconds (user + system of the Pelican process) vary less than wall-clock seconds when
    other builds share the machine's two cores.
    """
    command = [sys.executable, "-m", "pelican", "-q", "-s", str(conf), "-o", str(output)]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **(env or {})})
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"build failed with exit code {process.returncode}")
    cpu = usage.ru_utime + usage.ru_stime
    return seconds, usage.ru_maxrss / 1024, cpu  # ru_maxrss is KiB on Linux


def newest_breaking_epoch(root):
    """SOURCE_DATE_EPOCH (str) one hour after the newest ``Breaking: true`` article's Date."""
    newest = None
    for path in (root / "content" / "articles").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        if "\nBreaking: true\n" in text:
            date = datetime.strptime(re.search(r"^Date: (.+)$", text, re.M)[1], "%Y-%m-%d %H:%M")
            newest = max(newest or date, date)
    moment = newest.replace(tzinfo=ZoneInfo("Asia/Makassar")) + timedelta(hours=1)
    return str(int(moment.timestamp()))


def compare_plugins(root, conf, plugins, runs):
    """Interleaved cold builds with and without ``plugins`` (list of names); print the result.

    Returns ``{"with": [(wall seconds, CPU seconds)...], "without": [...]}``.
    """
    without = root / "bench_conf_without.py"
    without.write_text(
        conf.read_text(encoding="utf-8")
        + f"PLUGINS = [p for p in PLUGINS if p not in {sorted(plugins)!r}]\n",
        encoding="utf-8",
    )
    confs = {"with": conf, "without": without}
    env = {"SOURCE_DATE_EPOCH": newest_breaking_epoch(root)}
    times = {"with": [], "without": []}

    def cold(label):
        shutil.rmtree(root / "cache", ignore_errors=True)
        shutil.rmtree(root / "output", ignore_errors=True)
        seconds, _, cpu = timed_build(confs[label], root / "output", env)
        return seconds, cpu

    cold("with")  # warm-up: Python bytecode and the OS file cache, not timed
    for number in range(runs):
        order = ("with", "without") if number % 2 == 0 else ("without", "with")
        for label in order:
            times[label].append(cold(label))
    print(f"cold builds, interleaved, {runs} each; plugins compared: {', '.join(plugins)}")
    for index, kind in ((0, "wall-clock"), (1, "CPU (user+sys)")):
        medians = {
            label: statistics.median(value[index] for value in values)
            for label, values in times.items()
        }
        for label in ("with", "without"):
            raw = " ".join(f"{value[index]:.2f}" for value in times[label])
            print(f"  {kind:15s} {label:8s} median {medians[label]:6.2f} s   raw: {raw}")
        overhead = (medians["with"] - medians["without"]) / medians["without"] * 100
        print(f"  {kind:15s} overhead {overhead:+.1f}% of the cold build without them")
    return times


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="corpus size (default 1000)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument(
        "--without-plugins",
        metavar="A,B",
        help="compare cold builds with and without these plugins (comma-separated)",
    )
    parser.add_argument(
        "--runs", type=int, default=3, help="builds of each kind with --without-plugins (3)"
    )
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="kabar-bench-"))
    try:
        conf = make_corpus(root, args.articles)
        per = 1000 / args.articles
        print(f"corpus: {args.articles} articles in {root}")
        if args.without_plugins:
            plugins = [name.strip() for name in args.without_plugins.split(",") if name.strip()]
            compare_plugins(root, conf, plugins, args.runs)
            return
        for label in ("cold build (empty cache)", "warm build (content cache)"):
            seconds, peak, _ = timed_build(conf, root / "output")
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
