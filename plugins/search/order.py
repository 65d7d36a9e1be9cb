"""The "Terbaru dulu" (newest first) order of search results, a file of our own.

Pagefind's own sort (``data-pagefind-sort``) stores one sort position per page in the
metadata file that ``init()`` loads whole before the first search: 12.9 KB of every first
query at 5000 articles (README, "Performance"). This file holds the same order and is
fetched only when the reader picks "Terbaru dulu"; ``cari.js`` sorts Pagefind's results by it.
"""

import gzip
import json
import os

# Written into the index folder (SEARCH_OUTPUT_PATH), next to pagefind.js.
ORDER_FILE = "urut-terbaru.json"
FRAGMENT_FOLDER = "fragment"
FRAGMENT_SUFFIX = ".pf_fragment"
# Pagefind's files are gzip streams of this signature followed by the data (JSON for a
# fragment); pagefind.js checks it the same way before it parses a fragment.
PAGEFIND_SIGNATURE = b"pagefind_dcd"


def fragment_urls(index_folder: str) -> dict[str, str]:
    """Map each page of a written Pagefind index to its URL.

    Args:
        index_folder: absolute path of the index (``<output>/<SEARCH_OUTPUT_PATH>``).
    Returns:
        ``{page hash: url}``; the hash is the fragment's file name without its suffix, the id
        pagefind.js gives the page's search result; the url is the page's path from the
        site root as Pagefind stores it (``"/2026/05/banjir.html"``).
    Raises:
        ValueError: a fragment is not a Pagefind fragment (another Pagefind version's format).
    """
    folder = os.path.join(index_folder, FRAGMENT_FOLDER)
    urls = {}
    for name in sorted(os.listdir(folder)):
        if not name.endswith(FRAGMENT_SUFFIX):
            continue
        with open(os.path.join(folder, name), "rb") as handle:
            data = gzip.decompress(handle.read())
        if not data.startswith(PAGEFIND_SIGNATURE):
            raise ValueError(f"{name} is not a Pagefind fragment (no {PAGEFIND_SIGNATURE!r})")
        urls[name.removesuffix(FRAGMENT_SUFFIX)] = json.loads(data[len(PAGEFIND_SIGNATURE) :])[
            "url"
        ]
    return urls


def newest_first(urls: dict[str, str], dates: dict[str, str]) -> list[str]:
    """The page hashes of the dated pages, newest first.

    Args:
        urls: ``{page hash: url}`` (:func:`fragment_urls`).
        dates: ``{output path relative to the site ("2026/05/banjir.html"): datePublished as
            an ISO 8601 string in UTC}``; an ``index.html`` path matches Pagefind's folder URL.
            Pages without a date are left out, so ``cari.js`` puts them after the dated ones.
    Returns:
        the hashes, by date descending, then by URL (the order is the same in every build).
    """
    by_url = {_url_key(path): date for path, date in dates.items()}
    dated = [
        (by_url[_url_key(url)], url, page) for page, url in urls.items() if _url_key(url) in by_url
    ]
    dated.sort(key=lambda item: item[1])
    dated.sort(key=lambda item: item[0], reverse=True)
    return [page for _, _, page in dated]


def _url_key(path):
    """One spelling of a page's address: Pagefind stores ``laporan/khusus/index.html`` as
    ``/laporan/khusus/`` (its ``keep_index_url`` is off), a save_as keeps the file name."""
    path = path.lstrip("/")
    return path.removesuffix("index.html")


def write_order(index_folder: str, dates: dict[str, str]) -> int:
    """Write :data:`ORDER_FILE` (a JSON list of page hashes, newest first) into the index.

    Args:
        index_folder: as in :func:`fragment_urls`.
        dates: as in :func:`newest_first`.
    Returns:
        the file's size in bytes.
    Raises:
        ValueError: as :func:`fragment_urls`.
    """
    order = newest_first(fragment_urls(index_folder), dates)
    text = json.dumps(order, separators=(",", ":"))
    path = os.path.join(index_folder, ORDER_FILE)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    return len(text.encode("utf-8"))
