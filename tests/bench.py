"""Build benchmark (``make bench``): a synthetic corpus, a cold build and a cached rebuild.

Generates N articles (default 1000) of realistic length with the full content model (title,
date, author from a profile, category, tags, summary, breaking flag), then builds them with the
site's publish settings (strict) twice into a temporary folder:

1. cold: empty content cache (Pelican writes it);
2. warm: the same build reading the content cache.

Prints wall-clock seconds, seconds per 1000 articles and the peak resident memory (MiB) of each
Pelican process. A benchmark, not a test: nothing is asserted; record its figures in the README.
Usage: ``python tests/bench.py [--articles N] [--keep]``.

``--workflow [--repeat R]`` (newsroom_tools) times instead, R rounds interleaved, no content
cache: ``make check``, ``make publish`` (atomic, into a fresh folder), a plain ``pelican`` build
with the same settings, and one without the newsroom_tools plugin (its checks' overhead); prints
medians and the raw numbers, and whether all publish trees were byte-identical.
"""

import argparse
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


def timed_build(conf, output):
    """Run one Pelican build. Returns (seconds, peak RSS in MiB); raises on a failed build."""
    command = [sys.executable, "-m", "pelican", "-q", "-s", str(conf), "-o", str(output)]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"build failed with exit code {process.returncode}")
    return seconds, usage.ru_maxrss / 1024  # ru_maxrss is KiB on Linux


def timed_command(command, env=None):
    """Run ``command`` in ROOT; return (wall seconds, CPU seconds user+system, peak RSS in MiB);
    raise on a non-zero exit. CPU time suffers less than wall time from other loads."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"{command} failed")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def workflow(conf, root, repeat):
    """Time make check / make publish / plain builds on the corpus (see the module doc)."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from newsroom_tools.publish import tree_digest

    env = {"PYTHONPATH": str(ROOT / "plugins"), "SOURCE_DATE_EPOCH": "1780272000"}
    no_cache = ["-e", "CACHE_CONTENT=false", "LOAD_CONTENT_CACHE=false"]
    pelican = [sys.executable, "-m", "pelican", "-q", "-s", str(conf)]
    publish = [sys.executable, "-m", "newsroom_tools.publish", "-q", "-s", str(conf)]
    only_news_metadata = 'PLUGINS=["news_metadata"]'
    variants = {
        "make check": [sys.executable, "-m", "newsroom_tools.check", "-s", str(conf)],
        "make publish": [*publish, "-o", str(root / "published"), *no_cache],
        "pelican (same settings)": [*pelican, "-o", str(root / "plain"), *no_cache],
        "pelican without newsroom_tools": [
            *pelican,
            "-o",
            str(root / "bare"),
            *no_cache,
            only_news_metadata,
        ],
    }
    times = {name: [] for name in variants}
    cpu = {name: [] for name in variants}
    digests = set()
    for _ in range(repeat):
        for name, command in variants.items():
            wall, used, _ = timed_command(command, env)
            times[name].append(wall)
            cpu[name].append(used)
            if name == "make publish":
                digests.add(tree_digest(root / "published"))
    for name, values in times.items():
        raw = ", ".join(f"{v:.2f}" for v in values)
        raw_cpu = ", ".join(f"{v:.2f}" for v in cpu[name])
        print(
            f"{name:32s} wall median {statistics.median(values):6.2f} s [{raw}]   "
            f"CPU median {statistics.median(cpu[name]):6.2f} s [{raw_cpu}]"
        )
    print(f"publish trees byte-identical across runs: {len(digests) == 1}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="corpus size (default 1000)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument(
        "--workflow", action="store_true", help="time make check and make publish (see above)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="rounds for --workflow")
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="kabar-bench-"))
    try:
        conf = make_corpus(root, args.articles)
        per = 1000 / args.articles
        print(f"corpus: {args.articles} articles in {root}")
        if args.workflow:
            workflow(conf, root, args.repeat)
            return
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
