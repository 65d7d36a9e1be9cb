"""Lighthouse audit (``make audit``; not part of ``make test``): scores, LCP and CLS per page type.

Builds content/ with publishconf.py into a temporary folder (SITEURL = a local server, search
index off), serves it the way the hosts do (gzip for text, the Cache-Control of
``newsroom_cli.deploy.headers_for``), and runs the pinned Lighthouse (tests/node,
``make node-tools``) with Debian's chromium on the home page, an article, an article with a
photo, a section page and a text-edition page, RUNS times each (default 3), with Lighthouse's
default mobile settings (Moto G Power viewport, simulated slow 4G) and a CPU slowdown
calibrated to this machine (below; ``--no-calibrate``: Lighthouse's fixed 4x).

CPU calibration, as Lighthouse documents it (docs/throttling.md, "Calibrating the CPU
slowdown": the default 4x "moves a typical run in the high-end desktop bracket somewhere into
the mid-tier mobile bracket"; on another host compute the multiplier from the report's
``benchmarkIndex`` with the Lighthouse CPU slowdown calculator,
https://lighthouse-cpu-throttling-calculator.vercel.app/): one Lighthouse run of the home page
first reads ``environment.benchmarkIndex``, :func:`cpu_slowdown` turns it into the multiplier
with the calculator's formula, and every audited run uses it
(``--throttling.cpuSlowdownMultiplier``). A slower or busier host gets a smaller multiplier,
so the emulated phone stays the same; the output names the index and the multiplier.

Prints, per page type, the median of the runs for each category (performance, accessibility,
best-practices, seo; 0-100), LCP (ms), CLS and TBT (ms), then every run. Exits 1 when a median
score is below ``--min-score`` (100), 2 when Lighthouse or the build cannot run. TBT and so the
performance score depend on how busy the machine is: on a shared 2-core machine compare
medians, not single runs (each run's own benchmarkIndex is printed beside it). Usage:
``python tests/audit.py [--runs N] [--min-score S] [--keep] [--no-calibrate]``.
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


class TooSlowHost(Exception):
    """The host's benchmarkIndex is below the calculator's range (the calculator's message)."""


def cpu_slowdown(benchmark_index):
    """Return the CPU slowdown multiplier for a host whose Lighthouse ``benchmarkIndex`` is
    ``benchmark_index``, by the formula of the Lighthouse CPU slowdown calculator that
    Lighthouse's docs/throttling.md points to (patrickhulce/lighthouse-cpu-throttling-calculator,
    ``computeMultiplierMessages``): linear between its anchors 150 -> 1x, 800 -> 2x,
    1300 -> 3x, and 233 index points per further 1x above 1300 (1533 -> 4x, 2000 -> 6x).

    Raises:
        TooSlowHost: below 150 the calculator gives no multiplier.
    """
    if benchmark_index >= 1300:
        return 3 + (benchmark_index - 1300) / 233
    if benchmark_index >= 800:
        return 2 + (benchmark_index - 800) / 500
    if benchmark_index >= 150:
        return 1 + (benchmark_index - 150) / 650
    raise TooSlowHost(
        f"benchmarkIndex {benchmark_index:.0f}: this device is too slow to accurately emulate "
        "the target Lighthouse device (Lighthouse CPU slowdown calculator)"
    )


def lighthouse(url, report, chromium, multiplier=None, categories=CATEGORIES):
    """One Lighthouse run of ``url`` with the CPU slowdown ``multiplier`` (None: Lighthouse's
    default 4x); returns {category: 0-100, "lcp", "cls", "tbt" (ms), "benchmark", "version"}."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        "--only-categories=" + ",".join(categories),
        "--chrome-flags=--headless=new --no-sandbox",
    ]
    if multiplier is not None:
        command.append(f"--throttling.cpuSlowdownMultiplier={multiplier:.2f}")
    result = subprocess.run(
        command, env={**os.environ, "CHROME_PATH": chromium}, capture_output=True, text=True
    )
    if result.returncode:
        print(result.stderr[-2000:], file=sys.stderr)
        raise SystemExit(2)
    data = json.loads(Path(report).read_text(encoding="utf-8"))
    audits = data["audits"]
    scores = {name: round(100 * (data["categories"][name]["score"] or 0)) for name in categories}
    return {
        **scores,
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "benchmark": data["environment"]["benchmarkIndex"],
        "version": data["lighthouseVersion"],
    }


def row(name, result):
    scores = " ".join(f"{result[c]:>5.0f}" for c in CATEGORIES)
    return (
        f"{name:<20} {scores}  {result['lcp']:>7.0f} {result['cls']:>6.3f} {result['tbt']:>6.0f}"
        f" {result['benchmark']:>6.0f}"
    )


# One linear script: options, calibration probe, runs, report (splitting it hides the order).
def main(argv=None):  # noqa: PLR0915
    """Run the audit; returns the exit status (0 all medians at least min-score, 1 not, 2 error)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (3)")
    parser.add_argument("--min-score", type=int, default=100, help="lowest median score (100)")
    parser.add_argument("--keep", action="store_true", help="keep the build and the reports")
    parser.add_argument(
        "--no-calibrate",
        dest="calibrate",
        action="store_false",
        help="Lighthouse's fixed 4x CPU slowdown instead of one calibrated to this machine",
    )
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
        multiplier, calibration = None, "Lighthouse's default 4x CPU slowdown (not calibrated)"
        if args.calibrate:
            probe = lighthouse(base, work / "calibration.json", chromium, None, ["performance"])
            try:
                multiplier = cpu_slowdown(probe["benchmark"])
            except TooSlowHost as exc:
                print(f"audit: {exc}", file=sys.stderr)
                return 2
            calibration = (
                f"host benchmarkIndex {probe['benchmark']:.0f} -> CPU slowdown "
                f"{multiplier:.2f}x (Lighthouse docs/throttling.md calculator)"
            )
        results = {name: [] for name in PAGES}
        for run in range(args.runs):  # interleaved, so a busy moment falls on every page type
            for name, path in PAGES.items():
                report = work / f"{name.replace(' ', '-')}-{run + 1}.json"
                results[name].append(lighthouse(base + path, report, chromium, multiplier))
    finally:
        server.shutdown()
        server.server_close()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    version = results["home"][0]["version"]
    head = " ".join(f"{c[:5]:>5}" for c in CATEGORIES)
    print(f"Lighthouse {version}, mobile, median of {args.runs} runs (LCP/TBT ms)")
    print(calibration)
    print(f"{'page':<20} {head}  {'LCP':>7} {'CLS':>6} {'TBT':>6} {'bench':>6}")
    failed = []
    for name, runs in results.items():
        keys = (*CATEGORIES, "lcp", "cls", "tbt", "benchmark")
        median = {key: statistics.median(r[key] for r in runs) for key in keys}
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
