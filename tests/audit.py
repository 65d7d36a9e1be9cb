"""Lighthouse audit (``make audit``; not part of ``make test``): scores, LCP and CLS per page type.

Builds content/ with publishconf.py into a temporary folder (SITEURL = a local server, search
index off), serves it the way the hosts do (gzip for text, the Cache-Control of
``newsroom_cli.deploy.headers_for``), and runs the pinned Lighthouse (tests/node,
``make node-tools``) with Debian's chromium on the home page, an article, an article with a
photo, a section page and a text-edition page, RUNS times each (default 3), Lighthouse's
default mobile settings (Moto G Power viewport, simulated slow 4G, 4x CPU slowdown).

Prints, per page type, the median of the runs for each category (performance, accessibility,
best-practices, seo; 0-100), LCP (ms), CLS and TBT (ms), then every run. Exits 1 when a median
score is below ``--min-score`` (100), 2 when Lighthouse or the build cannot run. TBT and so the
performance score depend on how busy the machine is: on a shared 2-core machine compare
medians, not single runs. Usage: ``python tests/audit.py [--runs N] [--min-score S] [--keep]``.
"""

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from newsroom_cli.deploy import headers_for  # noqa: E402

LIGHTHOUSE = ROOT / "tests" / "node" / "node_modules" / ".bin" / "lighthouse"
SEED = "2024/12/pemkot-bima-raih-penghargaan-menpan-rb-inovasi-kaki-si-intens.html"
PAGES = {
    "home": "",
    "article": SEED,
    "article with photo": "2025/08/petani-garam-bolo-panen-lebih-awal.html",
    "section": "kategori/opini/",
    "text edition": f"teks/{SEED}",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
COMPRESSIBLE = (".html", ".css", ".js", ".xml", ".json", ".svg", ".txt", ".webmanifest")


class HostLikeHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with gzip for text and the deploy targets' Cache-Control, quietly."""

    def log_message(self, format, *args):
        pass

    def end_headers(self):
        path = self.translate_path(self.path)
        relative = os.path.relpath(path, self.directory).replace(os.sep, "/")
        if os.path.isdir(path):
            relative = relative.rstrip("/") + "/index.html"
        self.send_header("Cache-Control", headers_for(relative)[1])
        super().end_headers()

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.endswith(COMPRESSIBLE) and os.path.isfile(path)):
            return super().send_head()
        with open(path, "rb") as handle:
            body = gzip.compress(handle.read(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    """A file-like object over bytes, for SimpleHTTPRequestHandler.copyfile."""

    def __init__(self, data):
        self.data = data

    def read(self, size=-1):
        data, self.data = (self.data, b"") if size < 0 else (self.data[:size], self.data[size:])
        return data

    def close(self):
        pass


def build(output, base_url):
    """Publish build of content/ into ``output`` for ``base_url``; SystemExit on failure."""
    env = {**os.environ, "SITEURL": base_url.rstrip("/")}
    command = [
        sys.executable,
        "-m",
        "pelican",
        "content",
        "-o",
        str(output),
        "-s",
        "publishconf.py",
    ]
    result = subprocess.run(
        [*command, "-e", "SEARCH_INDEX=false"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        print(result.stdout + result.stderr, file=sys.stderr)
        print("audit: the publish build failed", file=sys.stderr)
        raise SystemExit(2)


def lighthouse(url, report, chromium):
    """One Lighthouse run of ``url``; returns {category: 0-100, "lcp", "cls", "tbt"}."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        "--only-categories=" + ",".join(CATEGORIES),
        "--chrome-flags=--headless=new --no-sandbox",
    ]
    result = subprocess.run(
        command, env={**os.environ, "CHROME_PATH": chromium}, capture_output=True, text=True
    )
    if result.returncode:
        print(result.stderr[-2000:], file=sys.stderr)
        raise SystemExit(2)
    data = json.loads(Path(report).read_text(encoding="utf-8"))
    audits = data["audits"]
    scores = {name: round(100 * (data["categories"][name]["score"] or 0)) for name in CATEGORIES}
    return {
        **scores,
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "version": data["lighthouseVersion"],
    }


def row(name, result):
    scores = " ".join(f"{result[c]:>5.0f}" for c in CATEGORIES)
    return f"{name:<20} {scores}  {result['lcp']:>7.0f} {result['cls']:>6.3f} {result['tbt']:>6.0f}"


def main(argv=None):
    """Run the audit; returns the exit status (0 all medians at least min-score, 1 not, 2 error)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (3)")
    parser.add_argument("--min-score", type=int, default=100, help="lowest median score (100)")
    parser.add_argument("--keep", action="store_true", help="keep the build and the reports")
    args = parser.parse_args(argv)
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not LIGHTHOUSE.exists() or not chromium:
        print("audit: needs the pinned Lighthouse (make node-tools) and chromium", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="audit-"))
    output = work / "output"
    handler = functools.partial(HostLikeHandler, directory=str(output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        build(output, base)
        results = {name: [] for name in PAGES}
        for run in range(args.runs):  # interleaved, so a busy moment falls on every page type
            for name, path in PAGES.items():
                report = work / f"{name.replace(' ', '-')}-{run + 1}.json"
                results[name].append(lighthouse(base + path, report, chromium))
    finally:
        server.shutdown()
        server.server_close()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    version = results["home"][0]["version"]
    head = " ".join(f"{c[:5]:>5}" for c in CATEGORIES)
    print(f"Lighthouse {version}, mobile, median of {args.runs} runs (LCP/TBT ms)")
    print(f"{'page':<20} {head}  {'LCP':>7} {'CLS':>6} {'TBT':>6}")
    failed = []
    for name, runs in results.items():
        median = {key: statistics.median(r[key] for r in runs) for key in (*CATEGORIES, "lcp")}
        median.update(
            cls=statistics.median(r["cls"] for r in runs),
            tbt=statistics.median(r["tbt"] for r in runs),
        )
        print(row(name, median))
        failed += [f"{name} {c} {median[c]:.0f}" for c in CATEGORIES if median[c] < args.min_score]
    print("\nEvery run:")
    for name, runs in results.items():
        for number, result in enumerate(runs, 1):
            print(row(f"{name} #{number}", result))
    if args.keep:
        print(f"\nBuild and reports kept in {work}")
    if failed:
        print(f"\naudit: median below {args.min_score}: " + "; ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
