"""The articles generator's pages rendered on several cores, written by the main process.

Rendering the theme's templates is about 40% of a cold build's CPU and runs on one core. When
the articles generator writes its output (``generate_output``: article pages, term pages,
archives, the home page; every context complete), this module forks
``BUILD_SPEED_WORKERS - 1`` children (:mod:`.workers`). Each process runs the same
``generate_output`` over the same forked state, so each makes the same sequence of
``template.render`` calls; the articles' own pages are rendered by the children in turn, every
other page by the main process (:class:`_Turns`). A child renders its pages, sends each text
with the page's name and writes nothing. The main process does everything else exactly as a serial
build does: for a child's page it takes the child's text in place of rendering it, and writes
every file, logs, sends ``content_written`` (news_seo's sitemap listens) and reports errors
itself. So the output and the order of every signal are those of a serial build.

A child's page is rendered again by the main process whenever its rendering was not clean: it
raised, logged anything or reported a content error. The message or error then comes from the
main process, with its file, line and fix as in a serial build, and the exit status is the
same. A child that crashes, hangs (``BUILD_SPEED_WORKER_TIMEOUT``) or whose page names differ
from the main process's is a content error of its own (the build fails); its pages and every
later child page are rendered by the main process, so the site is still complete.

Nothing is forked while other threads run (``make devserver`` builds beside its server:
:func:`.workers.can_fork_now`); the pages are then rendered in one process. The theme's
templates are compiled (or loaded from the bytecode cache) once before the fork, so
the processes do not each compile them. Feeds, the pages generator and the plugins' own
generators stay serial: they write few files.
"""

import logging
import os

from news_metadata import errors
from pelican.generators import ArticlesGenerator

from . import workers

logger = logging.getLogger(__name__)

FIX = (
    "build again; if it happens again, set BUILD_SPEED_WORKERS = 1 in the settings (one "
    "process, the same site) and tell the developers this message"
)


class _Turns:
    """Page numbers in the order rendering asks for them, and whose turn each is.

    An article's own page (its context has ``article``) goes to the workers in turn; every
    other page (home, sections, tags, authors, archives) to the main process. Each article's
    listing card is then rendered in one process only (cards.py keeps it per process), and
    the two halves cost about the same: the article pages about 60% of the rendering, the
    listings 40% and the main process's writing, feeds and bookkeeping the rest.
    """

    def __init__(self, count):
        self.count = count
        self.number = -1
        self.articles = -1

    def next(self, context):
        """Number the next page; return the process (0..count-1) that renders it."""
        self.number += 1
        if "article" not in context:
            return 0
        self.articles += 1
        return 1 + self.articles % (self.count - 1)


class MainShare:
    """The main process's side: renders its own pages, takes the children's texts."""

    discards = False

    def __init__(self, count, pool, output_path):
        self.turns = _Turns(count)
        self.pool = pool
        self.output_path = output_path
        self.rendered = self.taken = 0

    def render(self, template, context):
        """``template.render(context)``, or the child's text for a child's page."""
        owner = self.turns.next(context)
        if owner and not self.pool.broken:
            name = context.get("output_file")
            try:
                number, page, text = self.pool.next_result(owner)
            except workers.WorkerFailed as exc:
                errors.report(
                    os.path.join(self.output_path, str(name)),
                    None,
                    f"building on several cores failed: {exc}; the main process rendered "
                    "this page and the rest of the worker's pages itself",
                    FIX,
                )
            else:
                if (number, page) != (self.turns.number, name):
                    self.pool.broken = f"page {page!r} came back where {name!r} was expected"
                    errors.report(
                        os.path.join(self.output_path, str(name)),
                        None,
                        f"building on several cores failed: {self.pool.broken}",
                        FIX,
                    )
                elif text is not None:
                    self.taken += 1
                    return text
        self.rendered += 1
        return template.render(context)


class WorkerShare:
    """A child's side: renders its own pages and sends them; every other page is skipped."""

    discards = True

    def __init__(self, number, count, send):
        self.me = number
        self.turns = _Turns(count)
        self.send = send
        self.records = []
        workers.quiet_logging(self.records)

    def render(self, template, context):
        """Render and send this process's pages; return "" (the writer discards it)."""
        if self.turns.next(context) != self.me:
            return ""
        records, reported = len(self.records), len(errors.collector.errors)
        try:
            text = template.render(context)
        except Exception:  # the main process renders it again and reports it
            text = None
        if len(self.records) != records or len(errors.collector.errors) != reported:
            text = None  # a message: the main process renders it again and says it
        self.send((self.turns.number, context.get("output_file"), text))
        return ""


class SharedTemplate:
    """A Jinja template whose ``render`` goes through a share (main or worker)."""

    def __init__(self, template, share):
        self._template = template
        self._share = share

    def render(self, context):
        """Pelican's ``Writer.write_file`` calls this with the page's local context."""
        return self._share.render(self._template, context)

    def __getattr__(self, name):
        return getattr(self._template, name)


class SharingWriter:
    """A Pelican ``Writer`` whose pages are rendered through ``share``; in a child, feeds
    and files are not written."""

    def __init__(self, writer, share):
        self._writer = writer
        self._share = share

    def write_file(self, name, template, context, *args, **kwargs):
        """Pelican's ``write_file`` with the template's rendering shared."""
        shared = SharedTemplate(template, self._share)
        return self._writer.write_file(name, shared, context, *args, **kwargs)

    def write_feed(self, *args, **kwargs):
        """Pelican's ``write_feed`` in the main process; nothing in a child."""
        if self._share.discards:
            return None
        return self._writer.write_feed(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._writer, name)


class _Discarded:
    """A file opened for writing that keeps nothing (a child's pages are written by the main
    process)."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def write(self, text):
        return len(text)


def _discard(*args, **kwargs):
    return _Discarded()


def compile_templates(environment):
    """Load (compile, or take from the bytecode cache) every ``.html`` template of
    ``environment``'s loader into its template cache. A template that does not compile is
    left for its first use to report, as without this."""
    for name in environment.list_templates(extensions=["html"]):
        if not name.startswith("!"):  # Pelican's "!simple/..." aliases of the simple theme
            try:
                environment.get_template(name)
            except Exception:  # reported where it is used, with its page
                continue


def install(generators, settings):
    """``all_generators_finalized`` (after news_metadata's writer guard): the articles
    generator's ``generate_output`` renders on ``BUILD_SPEED_WORKERS`` processes.

    Nothing changes with 1 worker or where the system cannot fork. Returns the number of
    processes the articles' pages will be rendered on.
    """
    count = settings.get("BUILD_SPEED_WORKERS", 1)
    if count < 2 or not workers.fork_available():
        return 1
    timeout = settings.get("BUILD_SPEED_WORKER_TIMEOUT", 300)
    for generator in generators:
        if isinstance(generator, ArticlesGenerator) and not hasattr(
            generator.generate_output, "build_speed_workers"
        ):
            generator.generate_output = shared_output(
                generator.generate_output, count, timeout, generator.env
            )
    return count


def shared_output(method, count, timeout, environment=None):
    """Return ``method`` (a generator's ``generate_output(writer)``) with its pages rendered
    on ``count`` processes (see the module doc); ``timeout``: seconds to wait for one page of
    a worker before it counts as hung; ``environment``: the generator's Jinja environment,
    whose templates are compiled before the fork (else every process compiles them)."""

    def generate_output(writer):
        if not workers.can_fork_now():
            logger.debug("build_speed: pages rendered in one process (threads running)")
            return method(writer)
        if environment is not None:
            compile_templates(environment)

        def work(number, send):  # in a child: its copy of the writer renders, never writes
            writer._open_w = _discard
            method(SharingWriter(writer, WorkerShare(number, count, send)))

        pool = workers.Pool(count, work, timeout)
        share = MainShare(count, pool, writer.output_path)
        try:
            result = method(SharingWriter(writer, share))
            if not pool.broken:
                try:
                    pool.finish()
                except workers.WorkerFailed as exc:
                    message = f"building on several cores failed: {exc}"
                    errors.report(writer.output_path, None, message, FIX)
        finally:
            pool.stop()
        logger.info(
            "build_speed: %d pages rendered in the main process, %d by %d worker(s)",
            share.rendered,
            share.taken,
            count - 1,
        )
        return result

    generate_output.build_speed_workers = count
    return generate_output
