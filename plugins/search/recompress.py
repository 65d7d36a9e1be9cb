"""Recompress the Pagefind files a first search downloads, with libdeflate (``deflate``).

Pagefind writes its files as gzip streams that pagefind.js decompresses itself; a static host
sends them as they are. libdeflate at level 11 makes the same streams 5 % (index chunks) to
16 % (the metadata) smaller than Pagefind's own zlib: 13 KB of the two-word first query at
5000 articles (README, "Performance"), for about 3 s of a 5000-article publish. The data
inside is unchanged, so the file names (Pagefind's content hashes) stay true.
"""

import gzip
import os
import zlib

import deflate

# libdeflate's levels go to 12; 11 is 0.1 % larger than 12 on Pagefind's chunks in 60 % of
# the time (measured on the 5000-article bench corpus).
LEVEL = 11
# What a first search fetches (relative to the index folder): the language's wasm, the
# metadata and the index chunks of its words. Fragments (one per result) gain only 3 % and
# are as many as the pages; filter files load only when a filter is picked.
PATTERNS = (("", "wasm."), ("", ".pf_meta"), ("index", ".pf_index"))


def first_search_file(relative: str) -> bool:
    """True for a file a first search downloads (:data:`PATTERNS`), given its path relative to
    the index folder with ``/`` or the OS separator (``"index/id_1a2b.pf_index"``)."""
    folder, name = os.path.split(os.path.normpath(relative))
    return any(folder == where and marker in name for where, marker in PATTERNS)


def smaller_stream(name: str, stored: bytes, level: int = LEVEL) -> bytes:
    """The same gzip data as ``stored``, compressed with libdeflate when that is smaller.

    Args:
        name: the file's name, for the error message.
        stored: the gzip stream Pagefind gave (``b""`` is returned as it is).
        level: libdeflate compression level (1-12).
    Returns:
        the smaller of the two streams; the same bytes for the same input.
    Raises:
        ValueError: ``stored`` is not a whole gzip stream (another Pagefind version's format, or
            a file cut short), naming ``name``.
    """
    if not stored:
        return stored
    try:
        data = gzip.decompress(stored)
    except (OSError, EOFError, zlib.error) as exc:
        raise ValueError(f"{name} is not a gzip stream ({exc})") from None
    smaller = deflate.gzip_compress(data, level)
    return smaller if len(smaller) < len(stored) else stored


def _targets(index_folder):
    for folder, _, names in os.walk(index_folder):
        for name in sorted(names):
            path = os.path.join(folder, name)
            if first_search_file(os.path.relpath(path, index_folder)):
                yield path


def recompress(index_folder: str, level: int = LEVEL) -> tuple[int, int]:
    """Rewrite the first-search files of a Pagefind index folder with :func:`smaller_stream`.

    Args:
        index_folder: absolute path of a written index (``<output>/<SEARCH_OUTPUT_PATH>``).
        level: libdeflate compression level (1-12).
    Returns:
        (files rewritten, bytes saved). The output is the same for the same input.
    Raises:
        ValueError: as :func:`smaller_stream`.
    """
    rewritten = saved = 0
    for path in _targets(index_folder):
        with open(path, "rb") as handle:
            stored = handle.read()
        smaller = smaller_stream(path, stored, level)
        if smaller is not stored:
            with open(path, "wb") as handle:
                handle.write(smaller)
            rewritten += 1
            saved += len(stored) - len(smaller)
    return rewritten, saved
