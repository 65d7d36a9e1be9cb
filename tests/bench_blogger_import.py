"""Import time of a synthetic Blogger export (issue 17 asks for 5,000 posts).

Usage: ``python tests/bench_blogger_import.py [--posts 5000] [--comments 2] [--check]``.

The export is Google Takeout's ``feed.atom`` shape with what real posts carry: Blogger's
div/br soup with inline styles, a separator image in every third post, a typed byline in every
fifth, two or three labels from a pool of 30, and ``--comments`` comments per post on average
(a third of them replies). It is imported into an empty temporary site (the real authors.yml)
with the site's settings, in-process; the figures are wall and CPU seconds of the import alone
(``run_import``: read, convert, plan, write through staging) and, with ``--check``, of the
``make check`` the command runs after it; then a second import of the same export (which
must write nothing). Peak RSS is the process's.
"""

import argparse
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

_VOCABULARY = (
    "pemerintah kota bima warga pasar harga bawang nelayan sape pelayanan publik inovasi "
    "sekolah guru siswa banjir hujan jalan desa kecamatan dinas kepala program anggaran "
    "petani garam bolo panen kemarau pantai amahami budaya pacuan kuda olahraga liga"
)
WORDS = _VOCABULARY.split()
LABELS = ["Berita", "Opini", "Ekonomi", "Pendidikan", "Olahraga", "Budaya", "Hukum"] + [
    f"Topik {n}" for n in range(23)
]
AUTHORS = ["Nurhayati", "Fajar Ramadhan", "Ikhsan Maulana", "Rosdiana", "Syamsuddin Ahmad"]


def _sentence(rng):
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    return " ".join(words).capitalize() + "."


def _body(rng, n):
    parts = ['<div dir="ltr" style="text-align: left;" trbidi="on">']
    if n % 5 == 0:
        parts.append(
            "<div><b>Oleh : Munir Husen</b></div><div>(Dosen Universitas Muhammadiyah Bima)</div>"
        )
    for paragraph in range(rng.randint(6, 12)):
        text = " ".join(_sentence(rng) for _ in range(rng.randint(2, 4)))
        parts.append(
            '<div style="text-align: justify;"><span style="font-family: arial;">'
            f"{text}</span></div>"
        )
        parts.append('<div style="text-align: justify;"><br /></div>')
        if paragraph == 1 and n % 3 == 0:
            url = (
                f"https://blogger.googleusercontent.com/img/b/R29vZ2xl/AVvXsE{n}/s{{}}/foto-{n}.jpg"
            )
            parts.append(
                f'<div class="separator" style="clear: both;"><a href="{url.format(1600)}" '
                f'imageanchor="1"><img border="0" src="{url.format(320)}" width="320" /></a></div>'
            )
    parts.append("</div>")
    return "".join(parts)


def synthetic_export(posts, comments_per_post=2, seed=17):
    """The text of a Takeout ``feed.atom`` with ``posts`` posts and about
    ``comments_per_post * posts`` comments (str)."""
    rng = random.Random(seed)
    start = datetime(2015, 1, 1, tzinfo=UTC)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" '
        'xmlns:blogger="http://schemas.google.com/blogger/2018">\n<id>tag:blogger.com,1999:blog-9</id>\n'
        '<link rel="alternate" type="text/html" href="https://kabarmbojo.blogspot.com/"/>\n'
    ]
    comment_id = 10**9
    for n in range(posts):
        when = start + timedelta(hours=n * 9, minutes=n % 60)
        local = when + timedelta(hours=8)  # the blog in WITA: its paths use the local month
        slug = f"berita-{n}-" + "-".join(rng.choice(WORDS) for _ in range(3))
        labels = rng.sample(LABELS, rng.randint(2, 3))
        post_id = 10**6 + n
        out.append(
            f"<entry><id>tag:blogger.com,1999:blog-9.post-{post_id}</id>"
            "<blogger:type>POST</blogger:type><blogger:status>LIVE</blogger:status>"
            f"<author><name>{AUTHORS[n % len(AUTHORS)]}</name></author>"
            f"<title>{escape(_sentence(rng)[:-1])}</title>"
            f'<content type="html">{escape(_body(rng, n))}</content>'
            f"<published>{when.isoformat()}</published>"
            + "".join(f'<category term="{label}"/>' for label in labels)
            + f"<blogger:filename>/{local:%Y/%m}/{slug}.html</blogger:filename></entry>\n"
        )
        earlier = []
        for c in range(rng.randint(0, 2 * comments_per_post)):
            comment_id += 1
            parent = rng.choice(earlier) if earlier and rng.random() < 1 / 3 else post_id
            out.append(
                f"<entry><id>tag:blogger.com,1999:blog-9.post-{comment_id}</id>"
                "<blogger:type>COMMENT</blogger:type><blogger:status>LIVE</blogger:status>"
                f"<author><name>Pembaca {c}</name></author>"
                f'<content type="html">{escape(_sentence(rng) + "<br />" + _sentence(rng))}'
                "</content>"
                f"<published>{(when + timedelta(minutes=10 * (c + 1))).isoformat()}</published>"
                f"<blogger:parent>tag:blogger.com,1999:blog-9.post-{parent}</blogger:parent></entry>\n"
            )
            earlier.append(comment_id)
    out.append("</feed>\n")
    return "".join(out)


def _cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--comments", type=int, default=2, help="comments per post, on average")
    parser.add_argument("--check", action="store_true", help="also time the make check after it")
    args = parser.parse_args(argv)

    from newsroom_cli.blogger_import.cli import read_settings, run_import

    work = Path(tempfile.mkdtemp(prefix="bench-blogger-"))
    try:
        export = work / "feed.atom"
        export.write_text(synthetic_export(args.posts, args.comments), encoding="utf-8")
        content = work / "content"
        (content / "data").mkdir(parents=True)
        shutil.copy(ROOT / "content/data/authors.yml", content / "data")
        shutil.copytree(ROOT / "content/pages", content / "pages")
        settings = read_settings(str(ROOT / "pelicanconf.py"), str(content))
        wall, cpu = time.perf_counter(), _cpu()
        report = run_import(str(export), settings)
        wall, cpu = time.perf_counter() - wall, _cpu() - cpu
        counts = report.counts
        size = export.stat().st_size / 1e6
        print(
            f"import of {counts['posts']} posts and {counts['comments']} comments "
            f"({size:.1f} MB export, {counts['files written']} files): "
            f"{wall:.1f} s wall, {cpu:.1f} s CPU"
        )
        wall, cpu = time.perf_counter(), _cpu()
        again = run_import(str(export), settings)
        wall, cpu = time.perf_counter() - wall, _cpu() - cpu
        print(
            f"re-import of the same export: {wall:.1f} s wall, {cpu:.1f} s CPU, "
            f"{again.counts['files written']} files written"
        )
        if args.check:
            from newsroom_cli.check import run_check

            wall, cpu = time.perf_counter(), _cpu()
            found, _ = run_check(str(ROOT / "publishconf.py"), str(content))
            wall, cpu = time.perf_counter() - wall, _cpu() - cpu
            print(
                f"make check of the imported site: {wall:.1f} s wall, {cpu:.1f} s CPU, "
                f"{len(found)} problem(s)"
            )
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak RSS {peak:.0f} MiB; load average {os.getloadavg()[0]:.1f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
