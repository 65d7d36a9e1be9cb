"""The articles read on several cores into the reading cache before Pelican reads them.

Reading (Python-Markdown, the site's extensions, typogrify) is about 40% of a cold build's CPU
and Pelican does it file by file on one core. Before the articles generator reads its files
(``generate_context``), this module forks ``BUILD_SPEED_WORKERS`` children (:mod:`.workers`);
child *k* reads every ``BUILD_SPEED_WORKERS``-th file from the *k*-th, through the same
``Readers.read_file`` the build uses, so its results land in the reading cache
(:mod:`.reading`) exactly as the main process's own read would store them. Then Pelican reads
every file in the main process as always, in its order: each read is a cache hit (the entry's
Markdown output and typography), and everything that is not cached (the content object,
``content_object_init`` and every plugin's receiver, errors, warnings) happens there, once, in
the serial build's order. The children build no content object (``SkipStub``: no
``content_object_init``), print nothing and change nothing the main process sees but the cache
folder.

A file whose reading reported a content error is not cached (:mod:`.reading`), so the main
process reads it again and reports the error itself, with its file and line. A child that
crashes or hangs is a content error (the build fails); the files it did not read are read by
the main process as in a serial build, so nothing is missing or stale.

Only the files without an entry for their current bytes are read ahead (a warm build forks
nothing), and nothing is forked when the reading cache is off, with 1 worker, for fewer than
:data:`MIN_FILES` such files, or while other threads run (``make devserver``:
:func:`.workers.can_fork_now`).
"""

import contextlib
import logging
import os

from news_metadata import errors
from pelican.contents import SkipStub
from pelican.generators import ArticlesGenerator

from . import workers
from .rendering import FIX

logger = logging.getLogger(__name__)

# Below this many articles the fork costs more than it saves.
MIN_FILES = 16


def install(generator):
    """``article_generator_init``: pre-read ``generator``'s articles on BUILD_SPEED_WORKERS
    processes before its ``generate_context`` (an instance attribute; the class is not
    touched). Returns True when installed."""
    settings = generator.settings
    count = settings.get("BUILD_SPEED_WORKERS", 1)
    cache = getattr(generator.readers, "build_speed_cache", None)
    if not isinstance(generator, ArticlesGenerator) or cache is None or count < 2:
        return False
    if not workers.fork_available():
        return False
    original = generator.generate_context

    def generate_context():
        paths = settings["ARTICLE_PATHS"]
        files = list(generator.get_files(paths, exclude=settings["ARTICLE_EXCLUDES"]))
        # Pelican's read_file names a file by its absolute path; so does the cache.
        missing = [
            f for f in files if not cache.stored(os.path.abspath(os.path.join(generator.path, f)))
        ]
        ahead = len(missing) >= MIN_FILES and workers.can_fork_now()
        if ahead:
            preread(generator, missing, count, settings.get("BUILD_SPEED_WORKER_TIMEOUT", 300))
        hits, misses = cache.hits, cache.misses
        result = original()
        logger.info(
            "build_speed: %d articles read ahead on %d processes; reading cache %d hits, %d misses",
            len(missing) if ahead else 0,
            count,
            cache.hits - hits,
            cache.misses - misses,
        )
        return result

    generator.generate_context = generate_context
    return True


def preread(generator, files, count, timeout):
    """Read ``files`` (paths relative to ``generator.path``) in ``count`` forked children
    into the reading cache; the main process waits. Returns nothing; a failed child is
    reported as a content error."""
    _ = generator.readers.build_speed_cache.key  # computed once, here, for every child

    def work(number, send):
        workers.quiet_logging([])
        for path in files[number - 1 :: count]:
            # A failure is read again by the main process, which reports it.
            with contextlib.suppress(Exception):
                generator.readers.read_file(
                    base_path=generator.path, path=path, content_class=SkipStub
                )
            send(None)  # progress: the main process's timeout counts from the last file

    pool = workers.Pool(count + 1, work, timeout, ahead=0)
    try:
        pool.finish(progress=True)
    except workers.WorkerFailed as exc:
        errors.report(
            os.path.join(generator.path, *generator.settings["ARTICLE_PATHS"][:1]),
            None,
            f"reading on several cores failed: {exc}; the main process read the articles itself",
            FIX,
        )
    finally:
        pool.stop()
