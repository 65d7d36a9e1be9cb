"""The site kept in memory for ``make devserver``: one process, a rebuild per save (issue 12).

:class:`LiveSite` owns one ``Pelican`` object (settings read once, plugins registered once) and
builds the dev site as ``Pelican.run`` does, with three differences:

1. **Content objects kept between builds.** Each build makes fresh generators (every plugin
   signal fires as in a cold build: ``article_generator_init`` resets the build state, the
   finalized hooks recompute the ticker, front page, comments, SEO data...), but an article or
   page whose file is unchanged is not read again: the generator's ``get_cached_data`` (Pelican's
   own content-cache hook, here in memory) returns last build's object. What reading it did
   besides making the object is done again: the content errors reported while it was read are
   reported again (the terminal, the banners and ``galat/`` show them as a cold build would).
   The objects are reused only while everything else a file's reading depends on is unchanged:
   when a file is created or deleted anywhere in ``content/``, or a file that is not an article
   or page changes (author profiles, bibliography, comments, images), nothing is reused. An
   article held back as scheduled is always read again (its status depends on "now").
2. **The changed page first.** After the context is built, a first pass renders only the outputs
   that show a content object read in this build (its page, the listing pages it is on, the home
   page, the feeds it is in, the text edition, the error page) and writes them: the browser can
   reload. A second pass (:meth:`LiveSite.finish`) then renders every output as a cold build
   would, writes the files whose bytes changed and removes the ones this build no longer makes;
   a new save interrupts it (the next build renders everything again anyway).
3. **Atomic writes of changed files only**, so the server never serves a half-written page.
4. **A preview before all that** (:meth:`LiveSite.preview`) when the edit leaves the article
   where it was listed and at its address (body text, summary; not its date, slug, status,
   section, tags or authors): the file is read into last build's site, the new object takes
   the old one's places and the attributes only the hooks set, and the first pass is written
   from there, in the time of one reading and a few pages. The exact build above follows and
   rewrites whatever the preview got differently (the hooks' view of the new text).

Settings or theme changed: a new ``Pelican`` object, nothing reused. Plugin code cannot be
reloaded into a running interpreter safely (module state, signal receivers held by identity), so
the dev server restarts its process for that (``devserver.py``).

Pelican's ``memoized`` caches of ``get_content``/``get_summary`` are module-level dicts keyed by
content object; they are emptied after every build, or every rebuild would keep the previous
objects alive (Pelican's own ``--autoreload`` grows that way).
"""

import contextlib
import fnmatch
import gc
import logging
import os
import tempfile
import threading
import time
from dataclasses import dataclass, field

logger = logging.getLogger(__name__)

# Generators whose pages go through the Writer and can show one article (the first pass); the
# others (text edition, images, static files, sitemaps) write in the second pass only.
FIRST_PASS_GENERATORS = (
    "ArticlesGenerator",
    "PagesGenerator",
    "ErrorPageGenerator",
    "BreakingFeedGenerator",
)
# Always in the first pass: the home page (its blocks pick articles by more than the listing).
FIRST_PASS_ALWAYS = ("index.html",)
# build_speed's per-article card cache (cards.py) holds text that depends on build-wide state
# (ticker, comment counts, the front page's choice): a reused article starts each build without
# it. Its URL memo (urls.py) stays: URLs are made of the object's own metadata and settings.
PER_BUILD_ATTRIBUTES = ("_build_speed_cards",)
# Generators that write some files themselves, by the method that does (``render(name, ...)``,
# ``name`` relative to the output folder): the text edition. Their paths are recorded like the
# Writer's, so a renamed article's text page is removed too.
DIRECT_WRITERS = {"LiteGenerator": "render"}
# What decides where an article is listed and under which address: when one of these changed,
# last build's lists do not hold the article where it now belongs, so there is no preview.
PLACEMENT = ("date", "slug", "status", "category", "tags", "author", "authors", "lang",
             "translation", "save_as", "template", "breaking")  # fmt: skip
# Attributes of a generator that hold no content object (skipped when replacing one).
NOT_CONTENT = frozenset({"env", "readers", "settings", "context", "_templates", "theme"})
SKIP = object()  # what a page left out of the first pass "renders" to


class Cancelled(BaseException):
    """A newer change arrived: the pass stops where it is. A BaseException, so that the
    guards that report a page's failure and go on (news_metadata/guard.py) let it through.
    """


@dataclass
class Kept:
    """A content object of an earlier build, its file's stamp and the errors its reading
    reported (:class:`news_metadata.errors.ContentError`).
    """

    content: object
    stamp: tuple
    errors: list


@dataclass
class BuildReport:
    """What one :meth:`LiveSite.build` did; seconds are wall time."""

    full: bool
    read: int = 0
    reused: int = 0
    first_written: list = field(default_factory=list)
    seconds: float = 0.0


def content_listing(path: str, ignores: tuple[str, ...] = (".*",)) -> dict[str, tuple]:
    """Every file under ``path``: ``{path relative to it: (mtime_ns, size, inode)}``.

    Files and folders whose name matches one of ``ignores`` (``IGNORE_FILES`` patterns, as
    Pelican matches them) are left out: an editor's backup or swap file (``x.md~``, ``.x.swp``)
    appearing and going is no reason to read the whole site again.
    """
    found = {}
    start = len(os.path.join(path, ""))

    def ignored(name):
        return any(fnmatch.fnmatch(name, pattern) for pattern in ignores)

    for folder, dirs, files in os.walk(path):
        dirs[:] = [d for d in dirs if not ignored(d)]
        for name in files:
            if ignored(name):
                continue
            full = os.path.join(folder, name)
            try:
                stat = os.stat(full)
            except OSError:
                continue  # deleted while listing: the watcher reports it next
            found[full[start:]] = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
    return found


def reusable(before: dict, after: dict, content_paths: list[str]) -> bool:
    """True when kept content objects may be reused: the same files exist as before
    (:func:`content_listing`) and every changed one is a ``.md`` file under one of
    ``content_paths`` (``ARTICLE_PATHS`` + ``PAGE_PATHS``, relative to ``PATH``).
    """
    if not before or before.keys() != after.keys():
        return False
    folders = tuple(folder.rstrip("/") + os.sep for folder in content_paths)
    return all(
        name.startswith(folders) and name.endswith(".md")
        for name, stamp in after.items()
        if before[name] != stamp
    )


def write_if_changed(path: str, text: str | bytes) -> bool:
    """Write ``text`` (a str as UTF-8) to ``path`` through a temporary file and a rename (a
    reader never sees half a page), unless the file already holds exactly these bytes (its
    modification time then stays). Returns True when it wrote.
    """
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        with open(path, "rb") as stream:
            if stream.read() == data:
                return False
    except OSError:
        pass
    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".live-")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)  # mkstemp's file is private; a page is not
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return True


def _remove_empty_folders(folder: str, top: str) -> None:
    """Remove ``folder`` and its parents while they are empty, up to (not including) ``top``.

    A cold build never makes an empty folder; an article moved to another month (its Date
    edited) leaves its old ``2025/02/`` behind otherwise, and the tree differs from a cold one.
    """
    top = os.path.abspath(top)
    folder = os.path.abspath(folder)
    while folder.startswith(top + os.sep):
        try:
            os.rmdir(folder)
        except OSError:  # not empty (or gone): its parents are not empty either
            return
        folder = os.path.dirname(folder)


class _Buffer:
    """What the live writer's ``_open_w`` returns: the text, written on close if it changed."""

    def __init__(self, writer, path):
        self.writer, self.path, self.parts = writer, path, []

    def write(self, text):
        if text is SKIP or self.parts is None:
            self.parts = None
        else:
            self.parts.append(text)

    def __enter__(self):
        return self

    def __exit__(self, kind, value, trace):
        if kind is None and self.parts is not None and self.path is not None:
            self.writer.written.add(self.path)
            if self.parts and isinstance(self.parts[0], bytes):  # feedgenerator's feeds
                text = b"".join(self.parts)
            else:
                text = "".join(self.parts)
            if write_if_changed(self.path, text):
                self.writer.changed.append(self.path)
        return False


class _Selected:
    """A Jinja template that renders only the pages ``select(localcontext)`` accepts."""

    def __init__(self, template, select, writer):
        self.template, self.select, self.writer = template, select, writer

    def render(self, localcontext):
        if self.select(localcontext):
            return self.template.render(localcontext)
        self.writer.skipped += 1
        return SKIP

    def __getattr__(self, name):
        return getattr(self.template, name)


def live_writer(
    output_path, settings, select=None, select_feed=None, cancel=None, select_call=None
):
    """A Pelican ``Writer`` for one pass of :class:`LiveSite`.

    Args:
        output_path, settings: as for Pelican's ``Writer``.
        select: ``select(localcontext) -> bool`` per rendered page (None: every page).
        select_call: ``select_call(name, kwargs) -> bool`` per ``write_file`` call, before
            Pelican makes a page's context (None: every call).
        select_feed: ``select_feed(elements) -> bool`` per feed with a path (None: every feed).
        cancel: a ``threading.Event``; once set, the next page or feed raises
            :class:`Cancelled`.

    Returns:
        the writer; its ``written`` (set of absolute paths), ``changed`` (list, the files whose
        bytes changed) and ``skipped`` (int) say what it did. Pelican's rule that two outputs
        never write one path (unless one overrides) is kept.
    """
    from pelican.writers import FileOverwriteFailedError, Writer

    class LiveWriter(Writer):
        def __init__(self):
            super().__init__(output_path, settings=settings)
            self.written, self.changed, self.skipped = set(), [], 0

        def _open_w(self, filename, encoding, override=False):
            if filename in self._overridden_files:
                if override:
                    raise FileOverwriteFailedError(f'"{filename}" overwritten twice')
                return _Buffer(self, None)  # the overriding output wins, as in Pelican
            if filename in self._written_files and not override:
                raise FileOverwriteFailedError(f'"{filename}" written twice')
            if override:
                self._overridden_files.add(filename)
            self._written_files.add(filename)
            return _Buffer(self, filename)

        def write_file(self, name, template, context, *args: object, **kwargs: object):
            if cancel is not None and cancel.is_set():
                raise Cancelled
            if select_call is not None and not select_call(name, kwargs):
                self.skipped += 1
                return None
            if select is not None:
                template = _Selected(template, select, self)
            return super().write_file(name, template, context, *args, **kwargs)

        def write_feed(self, elements, context, path=None, *args: object, **kwargs: object):
            if cancel is not None and cancel.is_set():
                raise Cancelled
            if select_feed is not None and path and not select_feed(elements):
                self.skipped += 1
                return None
            return super().write_feed(elements, context, path, *args, **kwargs)

    return LiveWriter()


def clear_memoized() -> None:
    """Empty Pelican's ``memoized`` caches of ``Content.get_content`` and ``get_summary``
    (module-level dicts keyed by content object: they would keep every build's objects).
    """
    from pelican.contents import Content

    for name in ("get_content", "get_summary"):
        cache = getattr(Content.__dict__.get(name), "cache", None)
        if cache is not None:
            cache.clear()


def moved(old, new) -> bool:
    """True when ``new`` (an article read again) is not listed where ``old`` was
    (:data:`PLACEMENT`).
    """
    return any(getattr(old, name, None) != getattr(new, name, None) for name in PLACEMENT)


def replace_references(roots, swaps: dict) -> int:
    """Put ``swaps[id(old)]`` wherever an old content object is held in ``roots`` (a context
    dict, generators): in lists, dict values, sets and the attributes of other content objects
    and of the generators (not their Jinja environment, readers or settings), however deep.
    Returns the number of places changed. A tuple holding an object directly cannot be
    changed and is left as it is.
    """
    from pelican.contents import Content

    replaced = 0
    seen = set()
    stack = list(roots)
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, Content):
            values = vars(item)
            keys = [key for key in values if key not in ("_context", "settings", "metadata")]
        elif isinstance(item, dict):
            values, keys = item, list(item)
        elif isinstance(item, list):
            values, keys = item, range(len(item))
        elif isinstance(item, tuple):
            stack.extend(item)
            continue
        elif isinstance(item, set):
            found = [value for value in item if id(value) in swaps]
            for value in found:
                item.discard(value)
                item.add(swaps[id(value)])
            replaced += len(found)
            continue
        elif hasattr(item, "__dict__") and hasattr(item, "generate_context"):
            values = vars(item)
            keys = [key for key in values if key not in NOT_CONTENT]
        else:
            continue
        for key in keys:
            value = values[key]
            if id(value) in swaps:
                values[key] = swaps[id(value)]
                replaced += 1
            elif isinstance(value, (list, dict, tuple, set, Content)):
                stack.append(value)
    return replaced


def _record_direct_writes(generator, written: set) -> None:
    """Add the files ``generator`` writes itself (:data:`DIRECT_WRITERS`) to ``written``."""
    method = DIRECT_WRITERS.get(type(generator).__name__)
    if method is None or not hasattr(generator, method):
        return
    from pelican.utils import sanitised_join

    original = getattr(generator, method)

    def render(name, *args: object, **kwargs: object):
        written.add(sanitised_join(generator.output_path, name))
        return original(name, *args, **kwargs)

    setattr(generator, method, render)


class LiveSite:
    """The dev site in memory (see the module doc).

    Args:
        argv: ``pelican``'s arguments (``[CONTENT, "-o", OUTPUT, "-s", SETTINGS, ...]``).
    """

    def __init__(self, argv: list[str]):
        self.argv = list(argv)
        self.pelican = None
        self.kept: dict[tuple[str, str], Kept] = {}
        self.listing: dict[str, tuple] = {}
        self.pending = None  # (generators, fresh) awaiting finish()
        self.last = None  # the generators of the last build whose context was complete
        self.written: set[str] = set()  # what the last complete pass wrote
        self.partial: set[str] = set()  # written since then by first or cancelled passes
        self.cancel = threading.Event()

    def load(self) -> None:
        """Read the settings (again) and make a new ``Pelican``; nothing is reused after it."""
        from pelican import get_instance, parse_arguments

        self.kept.clear()
        self.listing = {}
        self.pelican = None  # a settings file that fails to load is read again next build
        self.pelican, _ = get_instance(parse_arguments(self.argv))

    def build(self, reload_settings: bool = False) -> BuildReport:
        """Build the context and, when content objects were reused, write the first pass.

        Args:
            reload_settings: the settings or theme changed: :meth:`load` first.

        Returns:
            a :class:`BuildReport`; ``full`` when nothing was reused (the caller then runs
            :meth:`finish` before reloading the browser).

        Raises:
            whatever a plugin or Pelican raises; the kept objects are dropped first, so the
            next build starts from nothing.
        """
        from news_metadata.compat import new_generators
        from pelican import signals

        started = time.perf_counter()
        self.pending = None
        if reload_settings or self.pelican is None:
            self.load()
        pelican = self.pelican
        settings = pelican.settings
        listing = content_listing(pelican.path, tuple(settings.get("IGNORE_FILES") or ()))
        folders = [*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"]]
        if not reusable(self.listing, listing, folders):
            self.kept.clear()
        self.listing = listing
        clear_memoized()
        report = BuildReport(full=not self.kept)
        kept, self.kept = self.kept, {}
        try:
            _, generators = new_generators(pelican, settings)
            fresh = []
            for generator in generators:
                self._keep_contents(generator, kept, listing, fresh, report)
            for generator in generators:
                if hasattr(generator, "generate_context"):
                    generator.generate_context()
                if hasattr(generator, "check_disabled_readers"):
                    generator.check_disabled_readers()
            signals.all_generators_finalized.send(generators)
            for generator in generators:
                if hasattr(generator, "refresh_metadata_intersite_links"):
                    generator.refresh_metadata_intersite_links()
            # Pelican.run sends get_writer here, before any page is written; news_metadata
            # ends the reading half there (error page and banners, its error summary).
            signals.get_writer.send(pelican)
            report.read = len(fresh)
            self.pending = (generators, fresh)
            self.last = generators
            if not report.full:
                report.first_written = self._first_pass(generators, fresh)
        except Cancelled:  # in the first pass: the context, and so what was kept, is whole
            self.pending = None
            raise
        except BaseException:
            self.kept.clear()
            self.pending = self.last = None
            raise
        report.seconds = time.perf_counter() - started
        return report

    def _keep_contents(self, generator, kept, listing, fresh, report) -> None:
        """Make ``generator`` (one with readers and Pelican's content-cache hooks) return the
        kept object of an unchanged file, and keep what it reads.
        """
        from news_metadata import errors

        if not hasattr(generator, "get_cached_data") or not hasattr(generator, "readers"):
            return
        kind = type(generator).__name__
        read_file = generator.readers.read_file
        reported = {}

        def read(base_path, path, *args: object, **kwargs: object):
            before = len(errors.collector.errors)
            try:
                return read_file(base_path, path, *args, **kwargs)
            finally:
                reported[path] = errors.collector.errors[before:]

        def get_cached_data(path, default=None):
            old = kept.get((kind, path))
            if old is None or old.stamp != listing.get(path):
                return default
            content = old.content
            content._context = generator.context  # links resolve against this build
            for name in PER_BUILD_ATTRIBUTES:
                content.__dict__.pop(name, None)
            for error in old.errors:  # as reading it again would
                errors.collector.report(error)
            self.kept[(kind, path)] = old
            report.reused += 1
            return content

        def cache_data(path, content):
            fresh.append(content)
            if not getattr(content, "scheduled", False):  # held back until "now": read again
                self.kept[(kind, path)] = Kept(content, listing.get(path), reported.get(path, []))

        generator.readers.read_file = read
        generator.get_cached_data = get_cached_data
        generator.cache_data = cache_data

    def preview(self) -> list[str] | None:
        """Before :meth:`build`: the changed articles read again into last build's site and its
        first pass written, in the time of one file's reading and a few pages' rendering.

        Each changed article's new object takes the old one's place in last build's lists,
        listings, front page and asides (:func:`replace_references`) and gets the old one's
        attributes that only the plugins' hooks set (related articles, comments, structured
        data: recomputed by the exact build that follows) and its own content errors for the
        banner. Only when every change is an edit of an article whose placement
        (:data:`PLACEMENT`) did not change; otherwise, or before a first build, nothing is
        done.

        Returns:
            the files written (their bytes changed), or None when there is no preview.
        """
        from news_metadata import errors
        from pelican import signals
        from pelican.contents import Article
        from pelican.readers import SkipStub

        if self.last is None or self.pelican is None:
            return None
        settings = self.pelican.settings
        listing = content_listing(self.pelican.path, tuple(settings.get("IGNORE_FILES") or ()))
        if not reusable(self.listing, listing, [*settings["ARTICLE_PATHS"]]):
            return None
        changed = [path for path, stamp in listing.items() if self.listing[path] != stamp]
        articles = next((g for g in self.last if type(g).__name__ == "ArticlesGenerator"), None)
        if not changed or articles is None:
            return None
        swaps = {}
        for path in changed:
            kept = self.kept.get(("ArticlesGenerator", path))
            if kept is None:
                return None
            before = len(errors.collector.errors)
            new = articles.readers.read_file(
                base_path=articles.path,
                path=path,
                content_class=Article,
                context=articles.context,
                preread_signal=signals.article_generator_preread,
                preread_sender=articles,
                context_signal=signals.article_generator_context,
                context_sender=articles,
            )
            old = kept.content
            if isinstance(new, SkipStub) or not new.is_valid() or moved(old, new):
                return None
            for name in ("category", "tags", "author", "authors"):  # last build's, unified
                if hasattr(old, name):
                    setattr(new, name, getattr(old, name))
            for name, value in vars(old).items():  # what the hooks set on the old one
                new.__dict__.setdefault(name, value)
            for name in PER_BUILD_ATTRIBUTES:
                new.__dict__.pop(name, None)
            if hasattr(old, "news_errors"):
                new.news_errors = [
                    str(error)
                    for error in errors.collector.errors[before:]
                    if os.path.abspath(error.path) == os.path.abspath(new.source_path)
                ]
            swaps[id(old)] = new
        replace_references([articles.context, *self.last], swaps)
        return self._first_pass(self.last, list(swaps.values()))

    def _first_pass(self, generators, fresh) -> list[str]:
        """Render and write the outputs that show one of ``fresh``; return the files changed."""
        from pelican import signals

        shown = {id(content) for content in fresh}
        settings = self.pelican.settings
        limit = settings.get("FEED_MAX_ITEMS")
        always = {*FIRST_PASS_ALWAYS, settings.get("NEWS_METADATA_ERRORS_SAVE_AS")}

        def select_call(name, kwargs):
            if name in always:
                return True
            for key in ("article", "page"):
                if key in kwargs:
                    return id(kwargs[key]) in shown
            return any(
                id(content) in shown
                for key in ("articles", "dates")
                for content in kwargs.get(key) or ()
            )

        def select(localcontext):
            if localcontext.get("output_file") in always:
                return True
            for key in ("article", "page"):
                if id(localcontext.get(key)) in shown:
                    return True
            for key in ("articles_page", "dates_page"):
                page = localcontext.get(key)
                if page is not None and any(id(c) in shown for c in page.object_list):
                    return True
            return False

        def select_feed(elements):
            return any(id(element) in shown for element in elements[:limit])

        writer = live_writer(
            self.pelican.output_path, settings, select, select_feed, self.cancel, select_call
        )
        # The second pass sends content_written for every page (news_seo's sitemap list).
        try:
            with signals.content_written.muted():
                for generator in generators:
                    if type(generator).__name__ in FIRST_PASS_GENERATORS:
                        generator.generate_output(writer)
        finally:  # a cancelled pass wrote files too (a renamed article's page): removed later
            self.partial |= writer.written
        return writer.changed

    def finish(self) -> list[str]:
        """The second pass: every output, as a cold build writes it; files changed are
        rewritten, files the last complete pass (or a first pass since) wrote and this one did
        not are removed. Returns the files changed and removed.

        Raises:
            Cancelled: :attr:`cancel` was set (a newer change); nothing is left to finish.
        """
        from pelican import signals

        if self.pending is None:
            return []
        generators, _ = self.pending
        self.pending = None
        writer = live_writer(self.pelican.output_path, self.pelican.settings, cancel=self.cancel)
        try:
            for generator in generators:
                _record_direct_writes(generator, writer.written)
                if hasattr(generator, "generate_output"):
                    generator.generate_output(writer)
            signals.finalized.send(self.pelican)
        except BaseException:
            self.partial |= writer.written
            raise
        removed = []
        for path in sorted((self.written | self.partial) - writer.written):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
                removed.append(path)
            _remove_empty_folders(os.path.dirname(path), self.pelican.output_path)
        self.written, self.partial = writer.written, set()
        del generators
        gc.collect()
        return writer.changed + removed
