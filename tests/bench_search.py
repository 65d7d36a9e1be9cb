"""``python tests/bench.py --search``: the search plugin's cost on the synthetic corpus.

1. One cold publish-settings build with the index (``SEARCH_INDEX`` on, as in ``make publish``),
   the site's ``SITEURL`` pointing at a local server; then the indexing step alone, timed
   in-process on the written site (the same call the plugin makes).
2. In Debian's chromium (Playwright): /cari/ loaded, then a first query and a second one typed
   by the reader; the bytes each query fetched, as served (``.pf_*`` files are gzip already)
   and as a compressing host would serve the text files (pagefind.js, the worker, JSON).
Prints the figures; asserts nothing.
"""

import gzip
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))

from browser import chromium_path, serve_folder

QUERIES = ("pelayanan publik", "banjir bantuan")


def _kind(path):
    """The part of the index a fetched file is (for the breakdown of a query's bytes)."""
    name = path.name
    for prefix, kind in (
        ("pagefind-entry", "entry"), ("pagefind.js", "pagefind.js"), ("pagefind-worker", "worker"),
        ("wasm.", "wasm"),
    ):  # fmt: skip
        if name.startswith(prefix):
            return kind
    return {".pf_meta": "meta", ".pf_filter": "filter", ".pf_index": "index"}.get(
        path.suffix, "fragment" if path.suffix == ".pf_fragment" else "page"
    )


def _bytes(paths, output, base, kinds=None):
    raw = served = 0
    for url in paths:
        path = output / url[len(base) :].split("?")[0]
        if path.is_dir():
            path /= "index.html"
        if not path.is_file():
            continue  # a 404 (favicon.ico)
        data = path.read_bytes()
        raw += len(data)
        compressible = path.suffix in (".js", ".json", ".css", ".html")
        size = len(gzip.compress(data)) if compressible else len(data)
        served += size
        if kinds is not None:
            count, total = kinds.get(_kind(path), (0, 0))
            kinds[_kind(path)] = (count + 1, total + size)
    return raw, served


def measure(root, count, conf, cold_build):
    """Run the search benchmark on the corpus under ``root``; print the figures."""
    from playwright.sync_api import sync_playwright
    from search.index import build_index
    from search.selection import globs_for

    with serve_folder(root) as server:
        base = server + "output/"
        seconds, cpu, _ = cold_build(conf, root, {"SITEURL": base.rstrip("/")})
        output = root / "output"
        paths = sorted(str(p.relative_to(output)) for p in output.glob("20*/*/*.html")) + sorted(
            str(p.relative_to(output)) for p in output.glob("p/*.html")
        )
        started = time.perf_counter()
        report = build_index(
            str(output), globs_for(paths), len(paths), output_path="pagefind", language="id",
            exclude_selectors=[".references"], timeout=1800,
        )  # fmt: skip
        index_seconds = time.perf_counter() - started
        print(f"cold publish-settings build with the index: {seconds:.1f} s wall, {cpu:.1f} s CPU")
        print(
            f"indexing alone: {index_seconds:.1f} s ({100 * index_seconds / seconds:.0f}% of the "
            f"build); {report.pages} pages, {report.files} files, {report.bytes / 1e6:.1f} MB"
        )
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), args=["--no-sandbox"]
            )
            page = browser.new_page()
            fetched = []
            page.on("requestfinished", lambda request: fetched.append(request.url))
            page.goto(base + "cari/")
            page.wait_for_load_state("networkidle")
            loaded = len(fetched)
            print(f"/cari/ before a search: {_bytes(fetched, output, base)[1] / 1000:.1f} KB")
            for number, query in enumerate(QUERIES, 1):
                page.fill("#cari-q", query)
                page.wait_for_function(
                    "q => document.getElementById('cari-status').textContent.includes(q)",
                    arg=query,
                )
                page.wait_for_load_state("networkidle")
                kinds = {}
                raw, served = _bytes(fetched[loaded:], output, base, kinds)
                results = page.locator("#cari-hasil li").count()
                print(
                    f"query {number} {query!r}: {len(fetched) - loaded} requests, {raw / 1000:.1f}"
                    f" KB as stored, {served / 1000:.1f} KB gzip-served ({results} shown)"
                )
                parts = sorted(kinds.items(), key=lambda item: -item[1][1])
                print("  " + ", ".join(f"{k} {n}× {b / 1000:.1f} KB" for k, (n, b) in parts))
                loaded = len(fetched)
            browser.close()
