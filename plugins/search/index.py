"""Run Pagefind (its Python API, ``pagefind[bin]``) on a written site folder."""

import asyncio
import contextlib
import os
import re
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from .recompress import recompress
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


async def _index(site, globs, config):
    from news_metadata.compat import pagefind_poll_task, pagefind_process, pagefind_prompt_reader
    from pagefind.service import PagefindService

    pagefind_prompt_reader()
    service = await PagefindService().launch()
    # The API has no public handle on its subprocess; watch it so a crash fails at once.
    process = pagefind_process(service)
    try:
        index = await _until_exit(service.create_index(config), process)
        pages = 0
        for glob in globs:
            response = await _until_exit(index.add_directory(site, glob=glob), process)
            pages += response["page_count"]
        await _until_exit(index.write_files(), process)
    finally:
        await _shut_down(pagefind_poll_task(service), process)
    return pages


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
        pages = _run(asyncio.wait_for(_index(site, globs, config), timeout))
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
    for name in UNUSED_BUNDLE_FILES:
        path = os.path.join(target, name)
        if os.path.exists(path):
            os.remove(path)
    try:
        recompress(target)
    except (OSError, ValueError) as exc:
        raise SearchIndexError(
            f"could not recompress the index ({exc}); nothing was published"
        ) from None
    files = total = 0
    for folder, _, names in os.walk(target):
        files += len(names)
        total += sum(os.path.getsize(os.path.join(folder, name)) for name in names)
    return IndexReport(pages, files, total, time.perf_counter() - started)
