"""``python tests/bench.py --search``: the search plugin's cost on a synthetic corpus.

1. One cold publish-settings build with the index (``SEARCH_INDEX`` on, as in ``make publish``),
   the site's ``SITEURL`` pointing at a local server; then the indexing step alone, timed
   in-process on the written site (the same call the plugin makes).
2. In Debian's chromium (Playwright), served by a local server that compresses as a static
   host does (gzip for HTML, CSS, JS, JSON; Pagefind's ``.pf_*`` and wasm files are gzip
   already and go as stored): the bytes of each query, summed from the browser's own record
   of every response (``request.sizes()``: the body as transferred, and the headers), and the
   decoded bodies (what a host that does not compress would send).

**First query** (the budget): a reader on /cari/ (page, CSS and cari.js loaded, nothing of
the index yet) types a query; everything fetched from then until the results are shown and
the network is idle (pagefind.js, its entry file, metadata, wasm, the index chunks of the
query's words, the first batch of result fragments). Each kind of query is measured as a first
query in a fresh browser context (empty cache); then a second query in the same page.

With ``--corpus realistic`` (tests/bench_corpus_id.py) the kinds are a common word, a rare
word, two words and a name; with the uniform corpus, the two queries of the earlier figures.
``--budget KB``: print whether every first query is within it; ``measure`` returns False
(``bench.py`` exits 1) if one is not.
"""

import gzip
import http.server
import re
import sys
import threading
import time
from contextlib import contextmanager
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))

from browser import chromium_path

UNIFORM_QUERIES = (("uniform 1", "pelayanan publik"), ("uniform 2", "banjir bantuan"))
COMPRESSED_TYPES = (".html", ".css", ".js", ".json", ".svg", ".xml")


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder as a static host does: text compressed when the client accepts gzip."""

    def log_message(self, format, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path /= "index.html"
        gzip_ok = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (path.is_file() and path.suffix in COMPRESSED_TYPES and gzip_ok):
            return super().send_head()
        data = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        import io

        return io.BytesIO(data)


@contextmanager
def serve_gzip(folder, port=0):
    """Serve ``folder`` on 127.0.0.1 with gzip (see ``_GzipHandler``) on ``port`` (0: a free
    one); yield the base URL."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), partial(_GzipHandler, directory=str(folder))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _kind(url):
    """The part of the index a fetched URL is (for the breakdown of a query's bytes)."""
    name = url.split("?")[0].rsplit("/", 1)[-1]
    if "/icons/" in url or name == "favicon.ico":
        return "icon"  # the browser's tab icon, fetched late, not by the search
    for prefix, kind in (
        ("pagefind-entry", "entry"), ("pagefind.js", "pagefind.js"), ("pagefind-worker", "worker"),
        ("wasm.", "wasm"),
    ):  # fmt: skip
        if name.startswith(prefix):
            return kind
    suffix = name.rsplit(".", 1)[-1]
    return {"pf_meta": "meta", "pf_filter": "filter", "pf_index": "index"}.get(
        suffix, "fragment" if suffix == "pf_fragment" else "page"
    )


def transfer(requests):
    """Bytes of finished ``requests`` (Playwright): (body as transferred, headers, decoded
    body, {kind: (count, transferred bytes)}). Responses other than 200 (a missing
    favicon.ico) are left out."""
    body = headers = decoded = 0
    kinds = {}
    for request in requests:
        response = request.response()
        if response is None or response.status != 200:
            continue  # a 404 (favicon.ico)
        sizes = request.sizes()
        size = sizes["responseBodySize"]
        if not size:  # Chromium reports 0 for a worker's script: the server's Content-Length
            size = int(response.headers.get("content-length", 0))
        body += size
        headers += sizes["responseHeadersSize"]
        decoded += len(response.body())
        count, total = kinds.get(_kind(request.url), (0, 0))
        kinds[_kind(request.url)] = (count + 1, total + size)
    return body, headers, decoded, kinds


def document_counts(root, queries):
    """Articles of the corpus containing every word of each query (case folded, surface forms)."""
    texts = [
        set(re.findall(r"\w+", path.read_text(encoding="utf-8").lower()))
        for path in (root / "content" / "articles").rglob("*.md")
    ]
    return {q: sum(all(w in t for w in q.lower().split()) for t in texts) for q in queries}


def realistic_queries(root):
    """(kind, query) of the realistic corpus: fixed words, a rare word and a name picked from
    the corpus by their document count (rare: in 3–8 articles per 1000; name: in 5–25 per
    1000; the first such in rank order). Zipf's tail makes even the rarest word of 5000
    articles appear in a dozen or more of them."""
    from bench_corpus_id import QUERIES, Corpus

    corpus = Corpus()
    counts = {}
    for path in sorted((root / "content" / "articles").rglob("*.md")):
        for word in set(re.findall(r"[a-z]{6,}", path.read_text(encoding="utf-8").lower())):
            counts[word] = counts.get(word, 0) + 1
    scale = len(list((root / "content" / "articles").rglob("*.md"))) / 1000
    rare = next(w for w in corpus.words[1500:] if 3 <= counts.get(w, 0) <= 8 * scale)
    people = document_counts(root, corpus.people[:200])
    name = next(p for p in corpus.people[:200] if 5 <= people[p] <= 25 * scale)
    picked = {"jarang (rare word)": rare, "nama (a name)": name}
    return tuple((kind, query or picked[kind]) for kind, query in QUERIES)


def _type_query(page, query):
    page.fill("#cari-q", query)
    page.wait_for_function(
        "q => document.getElementById('cari-status').textContent.includes(q)", arg=query
    )
    page.wait_for_load_state("networkidle")


def _report(label, query, requests, page):
    body, headers, decoded, kinds = transfer(requests)
    shown = page.locator("#cari-hasil li").count()
    print(
        f"{label:22s} {query!r:24s} {len(requests):3d} requests  {body / 1000:6.1f} KB "
        f"gzip-served (+{headers / 1000:.1f} KB headers)  {decoded / 1000:6.1f} KB uncompressed"
        f"  ({shown} shown)"
    )
    parts = sorted(kinds.items(), key=lambda item: -item[1][1])
    print("    " + ", ".join(f"{k} {n}× {b / 1000:.1f} KB" for k, (n, b) in parts))
    return body


def browse(base, queries, second=UNIFORM_QUERIES[1][1]):
    """Measure each query of ``queries`` ((kind, text) pairs) as a first query in chromium;
    then ``second`` after the last one. Returns {kind: gzip-served body bytes of the first
    query}."""
    from playwright.sync_api import sync_playwright

    firsts = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox"])
        for kind, query in queries:
            context = browser.new_context()  # empty cache: a reader's first search
            page = context.new_page()
            fetched = []
            page.on("requestfinished", lambda request, into=fetched: into.append(request))
            page.goto(base + "cari/")
            page.wait_for_load_state("networkidle")
            if not firsts:
                body, _, decoded, _ = transfer(fetched)
                print(f"/cari/ before a search: {body / 1000:.1f} KB ({decoded / 1000:.1f} KB)")
            loaded = len(fetched)
            _type_query(page, query)
            firsts[kind] = _report(f"first: {kind}", query, fetched[loaded:], page)
            context.close() if kind != queries[-1][0] else None
        loaded = len(fetched)
        _type_query(page, second)
        _report("second query", second, fetched[loaded:], page)
        browser.close()
    return firsts


def measure(root, count, conf, cold_build, corpus="uniform", budget=0):
    """Run the search benchmark on the corpus under ``root``; print the figures.

    Returns False if ``budget`` (KB, 0: none) is exceeded by a first query, else True.
    """
    from search.index import build_index
    from search.selection import globs_for

    with serve_gzip(root) as server:
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
        queries = realistic_queries(root) if corpus == "realistic" else UNIFORM_QUERIES
        counts = document_counts(root, [q for _, q in queries])
        print(f"{corpus} corpus, {count} articles; articles with every word of the query:")
        print("    " + ", ".join(f"{q!r} {n}" for q, n in counts.items()))
        firsts = browse(base, queries)
    return check_budget(firsts, budget)


def check_budget(firsts, budget):
    """Print whether every first query ({kind: bytes}) is within ``budget`` KB (0: none);
    return False if one is over."""
    if not budget:
        return True
    over = {kind: size for kind, size in firsts.items() if size > budget * 1000}
    verdict = "met" if not over else "NOT met by " + ", ".join(over)
    print(f"budget: first query ≤ {budget:g} KB gzip-served: {verdict}", flush=True)
    return not over


def main(argv=None):
    """``python tests/bench_search.py FOLDER [--corpus realistic] [--budget KB]``: the browser
    measurement alone, on a corpus kept by ``bench.py --search --keep`` (FOLDER holds
    content/ and output/), served again on the port its SITEURL names."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--corpus", choices=("uniform", "realistic"), default="realistic")
    parser.add_argument("--budget", type=float, default=0)
    args = parser.parse_args(argv)
    queries = realistic_queries(args.folder) if args.corpus == "realistic" else UNIFORM_QUERIES
    counts = document_counts(args.folder, [q for _, q in queries])
    print("    " + ", ".join(f"{q!r} {n}" for q, n in counts.items()))
    page = (args.folder / "output/cari/index.html").read_text(encoding="utf-8")
    port = int(re.search(r'data-index="http://127\.0\.0\.1:(\d+)/', page)[1])
    with serve_gzip(args.folder, port) as server:
        firsts = browse(server + "output/", queries)
    return check_budget(firsts, args.budget)


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
