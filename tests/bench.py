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

Plugin overhead (``--ab RUNS --without PLUGIN[,PLUGIN...]``): cold builds of the same corpus
with the publish settings and with the named plugins removed from PLUGINS, interleaved
(with/without, then without/with, ...) after one untimed warm-up build, so that the noise of a
shared 2-core machine falls on both; prints every run, the medians and the overhead in percent.
Builds run with ``SOURCE_DATE_EPOCH`` an hour after the newest article (nothing scheduled for
later, the news sitemap not empty) and the ticker keeps breaking items of any age (full ticker).
``--instructions`` adds one build of each under valgrind and compares the instructions
executed, a figure other loads on the machine do not disturb.
``--comments N`` adds N moderated comments (``content/comments/``) to the corpus, and an
``Id:`` to every article, for the comments plugin.
``--search``: the search plugin's index time, size, files and the bytes of a first and second
query in a real browser (tests/bench_search.py).
``--citations PERCENT`` gives that share of the articles three citations each (``[@key]``,
``[@key, hlm. N]``, a narrative ``@key`` or ``[@a; @b]``) of a 40-entry site bibliography;
measure the plugin with ``--ab``, e.g. (the figure in plugins/citations/README.md):
``python tests/bench.py --citations 20 --ab 5 --without citations``.
``--images N`` (news_images) gives the first N articles a featured photo of 12 MP (synthetic,
tests/imagegen.py), times the image step in-process with an empty image cache (cold) and again
with the filled cache (warm), prints the cache's size, then (with ``--ab RUNS``) compares
builds with and without news_images, the image cache warm (kept outside the content cache).
"""

import argparse
import json
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


def article_text(rng, number, realistic=None):
    """Return the Markdown source of synthetic article ``number`` (about 500–800 words).

    ``realistic``: a ``bench_corpus_id.Corpus`` to draw the title, summary and body from
    (``--corpus realistic``) instead of the ~100-word list.
    """
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

    def header(title, summary):
        return "\n".join(
            [f"Title: {title} {number}", *fields, f"Summary: {summary}", f"Breaking: {breaking}"]
        )

    title = None if realistic else sentence(rng, 5, 10).rstrip(".")  # the draws' old order
    fields = [
        f"Date: {year}-{month:02d}-{day:02d} {rng.randint(6, 21):02d}:{rng.choice((0, 30)):02d}",
        f"Author: {author}",
        f"Category: {rng.choice(CATEGORIES)}",
        f"Tags: {tags}",
    ]
    breaking = "true" if number % 50 == 0 else "false"
    if realistic:
        return realistic.article(number, header)
    return header(title, sentence(rng, 12, 24)) + "\n\n" + "\n\n".join(body) + "\n"


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


def make_corpus(root, count, seed=2024, comments=0, citations=0, corpus="uniform"):
    """Write a synthetic site source under ``root`` (a Path): content/ and bench_conf.py.

    ``comments`` > 0 also gives every article an ``Id:`` and writes that many comments
    (:func:`write_comments`). ``citations``: percentage of articles that cite the site
    bibliography (see :func:`cite`). ``corpus``: "uniform" (the ~100-word list) or
    "realistic" (tests/bench_corpus_id.py). Returns the path of the settings file to build it
    with.
    """
    rng = random.Random(seed)
    realistic = None
    if corpus == "realistic":
        from bench_corpus_id import Corpus

        realistic = Corpus(seed)
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
        text = article_text(rng, number, realistic)
        if number * citations % 100 + citations > 99:  # evenly spread: citations% of them
            header, body = text.split("\n\n", 1)
            text = header + "\n\n" + cite(body, number)
        if comments:
            text = f"Id: {article_id(number)}\n" + text
        (folder / f"artikel-{number:05d}.md").write_text(text, encoding="utf-8")
    if comments:
        write_comments(content / "comments", count, comments, seed)
    conf = root / "bench_conf.py"
    conf.write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from publishconf import *  # noqa\n"
        f"PATH = {str(content)!r}\n"
        f"THEME = {str(ROOT / 'theme')!r}\n"
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
        f"CACHE_PATH = {str(root / 'cache')!r}\n"
        "CACHE_CONTENT = False\nLOAD_CONTENT_CACHE = False\n"
        "BREAKING_NEWS_MAX_AGE = 24 * 365 * 10  # hours: a full ticker on every page\n"
        # Outside CACHE_PATH: cold builds (which empty it) keep a warm image cache.
        f"NEWS_IMAGES_CACHE_PATH = {str(root / 'image-cache')!r}\n",
        encoding="utf-8",
    )
    return conf


def add_photos(root, count):
    """Write ``count`` synthetic 12 MP JPEGs into content/images/ and make them the featured
    image of the first ``count`` articles. Returns the list of photo paths."""
    sys.path.insert(0, str(ROOT / "tests"))
    import imagegen

    folder = root / "content" / "images"
    folder.mkdir(parents=True, exist_ok=True)
    articles = sorted((root / "content" / "articles").rglob("*.md"))[:count]
    photos = []
    for number, article in enumerate(articles):
        path = folder / f"foto-{number:03d}.jpg"
        path.write_bytes(imagegen.jpeg_bytes(imagegen.photo(4000, 3000, seed=number)))
        photos.append(path)
        text = article.read_text(encoding="utf-8")
        header = f"Image: images/{path.name}\nImage_alt: Foto {number}\n"
        article.write_text(header + text, encoding="utf-8")
    return photos


def image_step(conf, photos):
    """Time news_images' work on ``photos`` in-process: cold (empty cache), then warm.

    Uses the bench settings (``conf``); prints seconds and the cache's size in MB.
    """
    sys.path.insert(0, str(ROOT / "plugins"))
    from news_images.images import ImageBuild
    from news_images.settings import apply_defaults
    from pelican.settings import read_settings

    settings = read_settings(str(conf))
    apply_defaults(settings)
    shutil.rmtree(settings["NEWS_IMAGES_CACHE_PATH"], ignore_errors=True)
    for label in ("cold (empty image cache)", "warm (image cache filled)"):
        started = time.perf_counter()
        build = ImageBuild(settings)
        for photo in photos:
            build.featured(str(photo))
        build.digests.save()
        seconds = time.perf_counter() - started
        print(
            f"image step, {len(photos)} photos of 12 MP, {label}: {seconds:7.2f} s "
            f"({build.made} made, {len(build.used)} files)",
            flush=True,
        )
    size = build.cache.size()
    print(f"image cache: {size / 1e6:.1f} MB ({size / len(photos) / 1e3:.0f} KB per photo)")


def article_id(number):
    """The ``Id:`` of synthetic article ``number`` (when the corpus has comments)."""
    return f"b{number:05d}"


COMMENTERS = ["Budi", "Siti Aminah", "Andi Rahman", "Nur", "Rahmawati", "Yusuf", "Hasanah"]


def write_comments(folder, articles, count, seed):
    """Write ``count`` comments over ``articles`` articles below ``folder`` (a Path).

    Skewed like a news site: most comments go to a few articles (``random() ** 3``), about a
    third are replies to an earlier comment on the same article; bodies have 1-4 sentences, some
    Markdown emphasis, links and raw HTML (escaped by the plugin).
    """
    rng = random.Random(seed + 1)
    per_article = {}
    for number in range(count):
        target = int(articles * rng.random() ** 3)
        earlier = per_article.setdefault(target, [])
        comment_id = f"k{number:05d}"
        lines = [
            f"Author: {rng.choice(COMMENTERS)}",
            f"Date: 2026-{1 + number % 12:02d}-{1 + number % 28:02d} "
            f"{rng.randint(6, 22):02d}:{rng.randint(0, 59):02d}",
        ]
        if earlier and rng.random() < 0.35:
            lines.append(f"Reply-To: {rng.choice(earlier)}")
        if rng.random() < 0.2:
            lines.append("Url: https://contoh.example/pembaca")
        body = [sentence(rng) for _ in range(rng.randint(1, 4))]
        if number % 3 == 0:
            body[0] = body[0].replace(" ", " *", 1).replace(" ", "* ", 2)
        if number % 10 == 0:
            body.append("Sumber: [data](https://data.example/) <b>penting</b>")
        path = folder / article_id(target) / f"{comment_id}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n\n" + "\n\n".join(body) + "\n", encoding="utf-8")
        earlier.append(comment_id)


# Metadata keys a plugin registers that the corpus uses: kept known when the plugin is off.
PLUGIN_KEYS = {"comments": ["id"]}
# Content folders a plugin registers with news_metadata's inventory: without the plugin they
# must be ignored, or every file in them is "not part of the site" and the build fails.
PLUGIN_FOLDERS = {"citations": ["bibliography"], "comments": ["comments"]}


def write_conf_without(conf, plugins):
    """Write settings next to ``conf`` that are ``conf`` with ``plugins`` (a comma-separated
    string of names) left out of PLUGINS. Returns the new settings file's path.
    """
    names = sorted(name.strip() for name in plugins.split(",") if name.strip())
    keys = [key for name in names for key in PLUGIN_KEYS.get(name, [])]
    folders = [folder for name in names for folder in PLUGIN_FOLDERS.get(name, [])]
    path = conf.with_name("bench_conf_without.py")
    path.write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(conf.parent)!r})\n"
        f"from {conf.stem} import *  # noqa\n"
        f"PLUGINS = [p for p in PLUGINS if p not in {names!r}]  # noqa: F405\n"
        "NEWS_METADATA_EXTRA_KEYS = [*globals().get('NEWS_METADATA_EXTRA_KEYS', []), "
        f"*{keys!r}]\n"
        f"IGNORE_FILES = [*IGNORE_FILES, *{folders!r}]  # noqa: F405\n",
        encoding="utf-8",
    )
    return path


def build_epoch(root):
    """SOURCE_DATE_EPOCH (str) one hour after the newest article's or comment's Date.

    Every article of the corpus is published (none is scheduled for later) and no comment is
    dated in the future, which the comments plugin refuses.
    """
    newest = None
    content = root / "content"
    for path in [*(content / "articles").rglob("*.md"), *(content / "comments").rglob("*.md")]:
        text = path.read_text(encoding="utf-8")
        date = datetime.strptime(re.search(r"^Date: (.+)$", text, re.M)[1], "%Y-%m-%d %H:%M")
        newest = max(newest or date, date)
    moment = newest.replace(tzinfo=ZoneInfo("Asia/Makassar")) + timedelta(hours=1)
    return str(int(moment.timestamp()))


def instructions(conf, root):
    """Instructions executed by one cold build (valgrind's cachegrind, no cache simulation).

    Unlike seconds, the count does not depend on what else runs on the machine; it leaves out
    the kernel's work (file reads and writes). Returns an int, or None without valgrind.
    """
    if not shutil.which("valgrind"):
        return None
    shutil.rmtree(root / "cache", ignore_errors=True)
    shutil.rmtree(root / "output", ignore_errors=True)
    command = [
        "valgrind",
        "--tool=cachegrind",
        "--cache-sim=no",
        "--cachegrind-out-file=/dev/null",
        *[sys.executable, "-m", "pelican", "-q", "-s", str(conf), "-o", str(root / "output")],
    ]
    env = {**os.environ, "SOURCE_DATE_EPOCH": build_epoch(root)}
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8", check=True
    )
    match = re.search(r"I\s+refs:\s+([\d,]+)", result.stderr)
    return int(match.group(1).replace(",", "")) if match else None


def cold_build(conf, root, env=None):
    """A build with an empty content cache and output folder.

    Returns (wall seconds, CPU seconds, peak MiB). CPU time (user + system of the Pelican
    process) is reported too: on a machine shared with other builds, wall time also counts the
    time the build waited for a core, CPU time much less so.
    """
    shutil.rmtree(root / "cache", ignore_errors=True)
    shutil.rmtree(root / "output", ignore_errors=True)
    usage = []
    env = {"SOURCE_DATE_EPOCH": build_epoch(root), **(env or {})}
    seconds, peak = timed_build(conf, root / "output", usage, env)
    return seconds, usage[0].ru_utime + usage[0].ru_stime, peak


def overhead(conf, plugin, runs, root, count_instructions=False):
    """Interleaved cold builds with and without ``plugin``; print runs, medians, overhead.

    With ``count_instructions``, also one build of each under valgrind (:func:`instructions`).
    Returns a dict: "wall", "cpu" (and "instructions") -> overhead as a fraction of the figure
    without the plugin.
    """
    without = write_conf_without(conf, plugin)
    cold_build(conf, root)  # warm-up: file cache, bytecode; not timed
    times = {(label, kind): [] for label in ("with", "without") for kind in ("wall", "cpu")}
    for run in range(runs):
        order = ("with", "without") if run % 2 == 0 else ("without", "with")
        for label in order:
            wall, cpu, peak = cold_build(conf if label == "with" else without, root)
            times[label, "wall"].append(wall)
            times[label, "cpu"].append(cpu)
            print(
                f"run {run + 1} {label:7s} {plugin}: wall {wall:6.2f} s   cpu {cpu:6.2f} s   "
                f"peak RSS {peak:4.0f} MiB",
                flush=True,
            )
    share = {}
    for kind in ("wall", "cpu"):
        with_median = statistics.median(times["with", kind])
        without_median = statistics.median(times["without", kind])
        share[kind] = (with_median - without_median) / without_median
        print(
            f"{kind:4s} median with {plugin}: {with_median:.2f} s, without: "
            f"{without_median:.2f} s  -> overhead {share[kind] * 100:+.1f}%"
        )
    # Each round's two builds ran back to back, under much the same load: the median of the
    # per-round overheads is less moved by load that changes between rounds.
    pairs = [
        (w - o) / o for w, o in zip(times["with", "wall"], times["without", "wall"], strict=True)
    ]
    share["paired"] = statistics.median(pairs)
    print(
        f"wall, median of the {runs} per-round overheads: {share['paired'] * 100:+.1f}%  ("
        + ", ".join(f"{p * 100:+.1f}%" for p in pairs)
        + ")"
    )
    for key, values in times.items():
        print(f"raw {key[1]:4s} {key[0]:7s}: " + ", ".join(f"{t:.2f}" for t in values))
    if count_instructions:
        counts = {"with": instructions(conf, root), "without": instructions(without, root)}
        if None in counts.values():
            print("instructions: valgrind not found (apt-get install valgrind)")
        else:
            share["instructions"] = (counts["with"] - counts["without"]) / counts["without"]
            print(
                f"instructions with {plugin}: {counts['with']:,}, without: "
                f"{counts['without']:,}  -> overhead {share['instructions'] * 100:+.1f}%"
            )
    return share


def timed_build(conf, output, usage=None, env=None):
    """Run one Pelican build. Returns (seconds, peak RSS in MiB); raises on a failed build.

    ``usage``: a list to append the process's ``resource.struct_rusage`` to (CPU times).
    ``env``: extra environment variables for the Pelican process (e.g. SOURCE_DATE_EPOCH).
    """
    command = [sys.executable, "-m", "pelican", "-q", "-s", str(conf), "-o", str(output)]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **(env or {})})
    _, status, rusage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"build failed with exit code {process.returncode}")
    if usage is not None:
        usage.append(rusage)
    return seconds, rusage.ru_maxrss / 1024  # ru_maxrss is KiB on Linux


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
    from newsroom_cli.publish import tree_digest

    env = {"PYTHONPATH": str(ROOT / "plugins"), "SOURCE_DATE_EPOCH": "1780272000"}
    no_cache = ["-e", "CACHE_CONTENT=false", "LOAD_CONTENT_CACHE=false"]
    pelican = [sys.executable, "-m", "pelican", "-q", "-s", str(conf)]
    publish = [sys.executable, "-m", "newsroom_cli.publish", "-q", "-s", str(conf)]
    only_news_metadata = 'PLUGINS=["news_metadata"]'
    variants = {
        "make check": [sys.executable, "-m", "newsroom_cli.check", "-s", str(conf)],
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
    parser.add_argument("--comments", type=int, default=0, help="moderated comments to add")
    parser.add_argument("--ab", type=int, default=0, help="interleaved runs with/without")
    parser.add_argument(
        "--without", default="comments", help="the plugin(s) --ab leaves out, comma-separated"
    )
    parser.add_argument("--citations", type=int, default=0, help="%% of articles with citations")
    parser.add_argument(
        "--instructions", action="store_true", help="--ab: also count instructions (valgrind)"
    )
    parser.add_argument("--images", type=int, default=0, help="articles with a 12 MP photo")
    parser.add_argument(
        "--search", action="store_true", help="search index cost (tests/bench_search.py)"
    )
    parser.add_argument(
        "--corpus", choices=("uniform", "realistic"), default="uniform",
        help="article text: the ~100-word list, or Zipf over the seed articles' words",
    )  # fmt: skip
    parser.add_argument(
        "--budget", type=float, default=0,
        help="--search: exit 1 if a first query transfers more KB (gzip-served) than this",
    )  # fmt: skip
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="kabar-bench-"))
    try:
        conf = make_corpus(
            root, args.articles, comments=args.comments, citations=args.citations,
            corpus=args.corpus,
        )  # fmt: skip
        per = 1000 / args.articles
        print(f"corpus: {args.articles} articles, {args.comments} comments in {root}")
        if args.images:
            image_step(conf, add_photos(root, args.images))
            if not args.ab:
                return
        if args.workflow:
            workflow(conf, root, args.repeat)
            return
        if args.search:
            from bench_search import measure

            if not measure(root, args.articles, conf, cold_build, args.corpus, args.budget):
                raise SystemExit(1)
            return
        if args.ab:
            overhead(conf, args.without, args.ab, root, args.instructions)
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
