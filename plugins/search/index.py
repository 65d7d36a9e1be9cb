"""Run Pagefind (its Python API, ``pagefind[bin]``) on a written site folder."""

import asyncio
import contextlib
import os
import re
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from .recompress import first_search_file, smaller_stream
from .settings import UNUSED_BUNDLE_FILES

# Pagefind writes each filter's values in hash-map order, different in every run (Pagefind
# issue #638): the filter files, the metadata file naming them and the entry file naming that
# change from build to build (README, "Determinism"). Paths relative to the output folder.
UNSTABLE_FILES = re.compile(
    r"^pagefind/(filter/[^/]+\.pf_filter|pagefind\.[^/]+\.pf_meta|pagefind-entry\.json)$"
)


class SearchIndexError(SystemExit):
    """The index could not be built. A ``SystemExit`` with the message as its code, like
    news_metadata's ``ContentErrors``: ``make publish`` prints it, publishes nothing and
    leaves ``output/`` as it was; a plain ``pelican`` run exits 1 with the message."""

    def __init__(self, message):
        super().__init__(f"search: {message}")


@dataclass(frozen=True)
class IndexReport:
    """What one indexing run did: ``pages`` indexed, ``files`` and ``bytes`` written under the
    index folder, ``seconds`` of wall-clock time."""

    pages: int
    files: int
    bytes: int
    seconds: float


async def _until_exit(work, process):
    """Await ``work`` unless the Pagefind ``process`` exits first (the Python API would then
    wait for an answer that never comes)."""
    task = asyncio.ensure_future(work)
    exited = asyncio.ensure_future(process.wait())
    done, _ = await asyncio.wait({task, exited}, return_when=asyncio.FIRST_COMPLETED)
    if task not in done:
        task.cancel()
        raise RuntimeError(f"the pagefind process exited with status {process.returncode}")
    exited.cancel()
    return task.result()


# Bytes one answer of the Pagefind service may hold (the index, in memory; see _index).
READ_LIMIT = 2**31


async def _index(site, globs, config):
    """Index ``site`` and return ``(pages indexed, [{"path": relative, "content": bytes}])``.

    The files come from ``get_files``, not ``write_files``: Pagefind 1.5.2 writes each file
    with tokio's ``File::write_all`` and no flush, answers, and on the end of its input calls
    ``process::exit`` while the last write of a file can still be in flight, so a file could
    be cut short (seen as "wasm.unknown.pagefind is not a gzip stream" under load) or left
    empty. Files written here are whole or the build fails.
    """
    from news_metadata.compat import (
        pagefind_poll_task,
        pagefind_process,
        pagefind_prompt_reader,
        pagefind_read_limit,
    )
    from pagefind.service import PagefindService

    pagefind_prompt_reader()
    service = await PagefindService().launch()
    pagefind_read_limit(service, READ_LIMIT)
    # The API has no public handle on its subprocess; watch it so a crash fails at once.
    process = pagefind_process(service)
    try:
        index = await _until_exit(service.create_index(config), process)
        pages = 0
        for glob in globs:
            response = await _until_exit(index.add_directory(site, glob=glob), process)
            pages += response["page_count"]
        files = await _until_exit(index.get_files(), process)
    finally:
        await _shut_down(pagefind_poll_task(service), process)
    return pages, files


def write_index(files: list[dict], target: str) -> tuple[int, int]:
    """Write Pagefind's files into the index folder ``target``, the first-search ones
    recompressed (recompress.smaller_stream), the UI bundles the site does not use left out.

    Args:
        files: ``get_files``' list of ``{"path": path relative to the index, "content": bytes}``.
        target: absolute path of the index folder (created).
    Returns:
        (files written, bytes written).
    Raises:
        ValueError: a path leaves the folder or comes twice, or a first-search file is not a
            whole gzip stream.
        OSError: a file cannot be written.
    """
    written = total = 0
    seen = set()
    for file in files:
        relative = os.path.normpath(file["path"])
        if os.path.isabs(relative) or relative.split(os.sep)[0] in ("..", ""):
            raise ValueError(f"Pagefind named a file outside its folder: {file['path']!r}")
        if relative in seen:
            raise ValueError(f"Pagefind gave the file {file['path']!r} twice")
        seen.add(relative)
        if relative in UNUSED_BUNDLE_FILES:
            continue
        data = file["content"]
        if first_search_file(relative):
            data = smaller_stream(relative, data)
        path = os.path.join(target, relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(data)
        written += 1
        total += len(data)
    return written, total


# Seconds a Pagefind service gets to exit once its input is closed, before it is killed.
SHUTDOWN_GRACE = 5


async def _shut_down(poll, process):
    """Stop the service: its reader task ``poll`` and its ``process``; never raises, so the
    reason the indexing stopped is the one reported.

    Not ``PagefindService.close``: after a failure it waits 5 s for answers that never come,
    then signals the process, which raised ``ProcessLookupError`` (replacing the real reason)
    when the process had died and been reaped before asyncio set ``returncode``. Both depended
    on timing: the publish fault test failed under load only. Closing the service's input ends
    it (or it has ended); only one that does not end within ``SHUTDOWN_GRACE`` is killed. The
    reader fails on the closed pipe (``IncompleteReadError``) once its 0.1 s poll comes round;
    its error is taken here, or asyncio prints it with a traceback ("Task exception was never
    retrieved")."""
    if not poll.done():
        poll.cancel()
    elif not poll.cancelled():
        poll.exception()
    if process.returncode is not None:
        return
    if process.stdin is not None:
        process.stdin.close()
    try:
        await asyncio.wait_for(process.wait(), SHUTDOWN_GRACE)
    except TimeoutError:
        with contextlib.suppress(ProcessLookupError):
            process.kill()
        await process.wait()


def _run(coroutine):
    """``asyncio.run`` here, or in a worker thread when this thread already runs a loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def build_index(site, globs, expected, *, output_path, language, exclude_selectors, timeout):
    """Index the HTML files of ``site`` that match ``globs`` into ``site/output_path``.

    Args:
        site: absolute path of the written site (the publish build's temporary folder).
        globs: wax globs relative to ``site``, each file matching at most one of them (see
            ``selection.globs_for``).
        expected: how many pages the build marked for search; Pagefind must index exactly as
            many (more would mean an unmarked page slipped in, fewer a marked one went missing).
        output_path: index folder relative to ``site`` (``SEARCH_OUTPUT_PATH``).
        language: ISO 639-1 code for the one index (``SEARCH_LANGUAGE``).
        exclude_selectors: CSS selectors Pagefind skips inside the marked body.
        timeout: seconds before giving up.
    Returns:
        an :class:`IndexReport`.
    Raises:
        SearchIndexError: Pagefind is missing, failed, took longer than ``timeout``, or indexed
            another number of pages than ``expected``.
    """
    started = time.perf_counter()
    target = os.path.join(site, output_path)
    config = {
        "output_path": target,
        "force_language": language,
        "exclude_selectors": list(exclude_selectors),
    }
    if os.path.isdir(target):  # a dev build's folder keeps files; a stale index must go
        shutil.rmtree(target)
    try:
        pages, written = _run(asyncio.wait_for(_index(site, globs, config), timeout))
    except TimeoutError:
        raise SearchIndexError(
            f"Pagefind did not finish within SEARCH_TIMEOUT = {timeout} s; nothing was published"
        ) from None
    except FileNotFoundError as exc:
        raise SearchIndexError(
            f"the Pagefind program was not found ({exc}); run `make` to reinstall .venv from "
            "requirements.txt (pagefind[bin]), or check PAGEFIND_BINARY_PATH"
        ) from None
    except (ConnectionError, asyncio.IncompleteReadError) as exc:
        raise SearchIndexError(
            f"Pagefind failed (the pagefind process stopped: {type(exc).__name__}); nothing "
            "was published"
        ) from None
    except Exception as exc:  # the service reports its errors as bare Exceptions
        reason = str(exc) or type(exc).__name__
        raise SearchIndexError(f"Pagefind failed ({reason}); nothing was published") from None
    if pages != expected:
        raise SearchIndexError(
            f"Pagefind indexed {pages} pages but the build marked {expected} for search; a "
            "template puts data-pagefind-body on a page it should not (or leaves it off one)"
        )
    try:
        files, total = write_index(written, target)
    except (OSError, ValueError) as exc:
        raise SearchIndexError(
            f"could not write the index ({exc}); nothing was published"
        ) from None
    return IndexReport(pages, files, total, time.perf_counter() - started)
