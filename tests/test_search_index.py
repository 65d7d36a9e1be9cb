"""search.index: the index files come from Pagefind's answer and are written whole by us.

Pagefind 1.5.2's own ``write_files`` can leave a file cut short (its last write still in flight
when the service exits on the end of its input), so build_index takes the files from
``get_files`` and writes them itself (index.write_index).
"""

import gzip
import random

import pytest
from search.index import build_index, write_index
from search.settings import UNUSED_BUNDLE_FILES

PAGEFIND = b"pagefind_dcd"


def _gz(data):
    return gzip.compress(PAGEFIND + data, 6, mtime=0)


def test_files_are_written_whole_first_search_ones_smaller_unused_left_out(tmp_path):
    chunk = b"".join(b"%d:kata%d;" % (n, n % 97) for n in range(20000))
    files = [
        {"path": "index/id_a.pf_index", "content": _gz(chunk)},
        {"path": "fragment/id_b.pf_fragment", "content": _gz(b'{"url": "/a.html"}')},
        {"path": "pagefind.js", "content": b"const pagefind_version = 1;"},
        {"path": "wasm.unknown.pagefind", "content": b""},
        {"path": UNUSED_BUNDLE_FILES[0], "content": b"ui"},
    ]
    written, total = write_index(files, str(tmp_path / "pagefind"))
    index = tmp_path / "pagefind"
    stored = (index / "index" / "id_a.pf_index").read_bytes()
    assert gzip.decompress(stored) == PAGEFIND + chunk
    assert len(stored) < len(files[0]["content"])  # recompressed with libdeflate
    assert (index / "fragment" / "id_b.pf_fragment").read_bytes() == files[1]["content"]
    assert (index / "pagefind.js").read_bytes() == files[2]["content"]
    assert (index / "wasm.unknown.pagefind").read_bytes() == b""
    assert not (index / UNUSED_BUNDLE_FILES[0]).exists()
    assert (written, total) == (4, sum(p.stat().st_size for p in index.rglob("*") if p.is_file()))


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([{"path": "../x.js", "content": b""}], r"outside its folder: '\.\./x\.js'"),
        ([{"path": "/etc/x.js", "content": b""}], r"outside its folder: '/etc/x\.js'"),
        ([{"path": "a.js", "content": b""}] * 2, r"the file 'a\.js' twice"),
        (
            [{"path": "pagefind.id_1.pf_meta", "content": _gz(b"meta")[:-6]}],
            r"pagefind\.id_1\.pf_meta is not a gzip stream",
        ),
    ],
)
def test_a_path_outside_a_repeated_path_or_a_cut_stream_is_refused(tmp_path, files, message):
    with pytest.raises(ValueError, match=message):
        write_index(files, str(tmp_path / "pagefind"))


def test_an_index_larger_than_the_apis_2_mib_answer_is_read_and_written(tmp_path):
    """The get_files answer holds the whole index; the API reads at most 2 MiB per answer
    unless compat.pagefind_read_limit raises it (without it this test waits for the timeout)."""
    rng = random.Random(4)
    (tmp_path / "a").mkdir()
    for page in range(20):
        # A metadata value is stored in the page's fragment but not indexed word by word:
        # a large index that is quick to build.
        blob = rng.randbytes(70_000).hex()
        body = f'<main data-pagefind-body><h1 data-pagefind-meta="isi:{blob}">Judul {page}</h1>'
        (tmp_path / "a" / f"{page}.html").write_text(
            f'<html lang="id"><body>{body}</main></body></html>'
        )
    options = {"output_path": "pagefind", "language": "id", "exclude_selectors": [], "timeout": 120}
    report = build_index(str(tmp_path), ["a/*.html"], 20, **options)
    assert report.bytes > 2 * 2**20 / 1.8  # the answer (base64 in base64) exceeded 2 MiB
    fragments = sorted((tmp_path / "pagefind" / "fragment").iterdir())
    assert len(fragments) == 20
    for path in [*fragments, *(tmp_path / "pagefind" / "index").iterdir()]:
        assert gzip.decompress(path.read_bytes()).startswith(PAGEFIND)
