"""A persistent cache of what the readers produced, replacing Pelican's content cache.

Pelican's content cache (``CACHE_CONTENT``) keys each file by its modification time (or hash)
only: it serves a stale article after a change of the Markdown settings, a plugin, the theme or a
bibliography file. This cache keeps the same thing, the reader's ``(html, metadata)`` before
typogrify and before any ``content_object_init`` receiver, so everything plugins add later
(comments, author profiles, images, breaking state) is computed again in every build, and keys
it by everything that reading used:

- the file's bytes;
- the settings (all but ``OUTPUT_PATH``, as JSON; an object JSON cannot write counts by its
  type);
- the code: every file under ``PLUGIN_PATHS`` and ``THEME`` (hashed once per build: each
  generator's reader asks, with the build's one settings object), and the versions of Python,
  Pelican, Python-Markdown and typogrify;
- the site-wide bibliography (every file under ``CITATIONS_PATH``, names and bytes);
- every file the reader asked about (``os.path.isfile`` while reading: link targets and the
  article's own bibliography files), by its bytes, or its absence.

The first four make the entry's name; the last is stored in the entry and checked on use, so
an added, removed or edited dependency makes the entry unusable. A file whose reading reported
a content error directly (not through its metadata) is not cached, so the error is reported
again in every build. Entries are pickles under ``CACHE_PATH/BUILD_SPEED_READING_CACHE``,
written to a temporary file and renamed (a build stopped halfway leaves no half entry); the
settings inside the metadata (Pelican's ``Author``/``Category``/``Tag`` keep them) are stored
as a reference and replaced by the current build's on load.

Pelican 4.12 runs typogrify after its cache, on every read (content, title and summary: 20% of
a cold build). Each entry also keeps typogrify's result for each text the file's read gave it
(``typogrify.filters.typogrify`` answers from the entry while the file is read; typogrify's
output depends only on the text and the ``TYPOGRIFY_*`` settings, which are in the key), so a
hit does no typography either. The entry is written when the whole read is over.
"""

import hashlib
import os
import pickle
import sys
import tempfile
from importlib import metadata as package_metadata

from news_metadata import errors
from news_metadata.state import build_state

from .digests import file_digest, settings_digest, tree_digest

# Bump when the entry format changes (2: typogrify's results kept with the reader's).
FORMAT = 2
PACKAGES = ("pelican", "markdown", "typogrify", "smartypants")


# Settings reading never uses that differ between equal builds: make publish writes each build
# to a new temporary folder and swaps it in.
UNREAD_SETTINGS = ("OUTPUT_PATH",)


def build_key(settings):
    """The part of every entry's key shared by all files of one build: settings, code version,
    site-wide bibliography (a sha256 hex string)."""
    versions = [sys.version, str(FORMAT)]
    for name in PACKAGES:
        try:
            versions.append(f"{name} {package_metadata.version(name)}")
        except package_metadata.PackageNotFoundError:
            versions.append(f"{name} none")
    code = code_digest(settings)
    bibliography = os.path.join(settings["PATH"], settings.get("CITATIONS_PATH", "bibliography"))
    values = settings_digest(settings, UNREAD_SETTINGS)
    parts = [*versions, code, tree_digest([bibliography]), values]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


# Build state part (news_metadata.state): (settings, folders, digest) of this build's code.
CODE_DIGEST = "build_speed.code_digest"


def code_digest(settings) -> str:
    """The :func:`tree_digest` of ``PLUGIN_PATHS`` and ``THEME`` (a sha256 hex string), hashed
    once per build: the articles, pages and static generators' readers each ask (about 12 ms
    for this site's 260 files). Kept with the settings object it was made for, so a build
    whose state was not reset (no news_metadata) never gets another build's digest."""
    folders = [*settings.get("PLUGIN_PATHS", []), settings.get("THEME")]
    kept = build_state().get(CODE_DIGEST)
    if kept is not None and kept[0] is settings and kept[1] == folders:
        return kept[2]
    digest = tree_digest(folders)
    build_state().set(CODE_DIGEST, (settings, folders, digest))
    return digest


class _Pickler(pickle.Pickler):
    def __init__(self, handle, settings):
        super().__init__(handle, protocol=pickle.HIGHEST_PROTOCOL)
        self._settings = settings

    def persistent_id(self, obj):
        return "settings" if obj is self._settings else None


class _Unpickler(pickle.Unpickler):
    def __init__(self, handle, settings):
        super().__init__(handle)
        self._settings = settings

    def persistent_load(self, pid):
        if pid != "settings":
            raise pickle.UnpicklingError(f"unknown reference {pid!r}")
        return self._settings


class ReadingCache:
    """Lookup and store of reader results for one build (one ``Readers`` object)."""

    def __init__(self, settings, folder):
        self.settings = settings
        self.folder = folder
        self._key = None
        self.recording = None  # {path: digest or None} while a file is being read
        self.typography = None  # {text: typogrify's result} of the file being read
        self._pending = self._source_digest = None
        self.hits = self.misses = 0

    @property
    def key(self):
        """:func:`build_key`, computed at the first read: the settings are complete only then
        (Pelican's reader adds its Markdown extensions, citations its library)."""
        if self._key is None:
            self._key = build_key(self.settings)
        return self._key

    def _entry_path(self, source_path, source_digest):
        name = hashlib.sha256(f"{self.key}\n{source_path}\n{source_digest}".encode()).hexdigest()
        return os.path.join(self.folder, name[:2], name + ".pickle")

    def stored(self, source_path) -> bool:
        """True when an entry for ``source_path``'s current bytes exists (its dependencies
        are not checked: :meth:`get` does that)."""
        return os.path.exists(self._entry_path(source_path, file_digest(source_path)))

    def get(self, source_path, default):
        """The stored ``(html, metadata)`` of ``source_path`` if every input is unchanged;
        else ``default`` (and start recording the file's dependencies and typography)."""
        self._source_digest = file_digest(source_path)
        self._errors_before = len(errors.collector.errors)
        self.recording, self.typography, self._pending = {}, {}, None
        try:
            with open(self._entry_path(source_path, self._source_digest), "rb") as handle:
                dependencies, data, typography = _Unpickler(handle, self.settings).load()
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
            self.misses += 1
            return default
        if any(file_digest(path) != digest for path, digest in dependencies.items()):
            self.misses += 1
            return default
        self.recording, self.typography = None, typography
        self.hits += 1
        return data

    def put(self, source_path, data):
        """Keep ``data`` for ``source_path``; :meth:`store` writes it once the read is over
        (with the typography Pelican applies after this call)."""
        if self.recording is not None and self._source_digest is not None:
            self._pending = (source_path, data)

    def store(self):
        """Write the entry of the file just read (:meth:`put`) with the dependencies and
        typogrify results recorded while reading it; nothing when it was served from the
        cache or reported a content error outside its metadata."""
        pending, self._pending = self._pending, None
        dependencies, self.recording = self.recording, None
        if pending is None or dependencies is None:
            return
        if len(errors.collector.errors) != self._errors_before:
            return  # reported outside the metadata: read again next time, to report again
        source_path, data = pending
        for path in dependencies:
            dependencies[path] = file_digest(path)
        target = self._entry_path(source_path, self._source_digest)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        handle = tempfile.NamedTemporaryFile(dir=os.path.dirname(target), delete=False)  # noqa: SIM115
        try:
            with handle:
                _Pickler(handle, self.settings).dump((dependencies, data, self.typography))
            os.replace(handle.name, target)
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            os.unlink(handle.name)

    def typogrify(self, real):
        """Return ``real`` (typogrify's function) answering from the entry's results: on a hit
        each text Pelican typogrifies (content, title, summary) was done when it was stored."""

        def typogrify(text, *args, **kwargs):
            done = self.typography.get(text) if self.typography is not None else None
            if done is None:
                done = real(text, *args, **kwargs)
                if self.recording is not None:
                    self.typography[text] = done
            return done

        return typogrify

    def record(self, path):
        """Note that reading asked about ``path`` (called by the ``os.path.isfile`` wrapper)."""
        if self.recording is not None:
            self.recording.setdefault(os.path.abspath(path), None)


def install(readers):
    """``readers_init`` receiver: serve ``readers``' reads from the cache; Pelican's own content
    cache is neither loaded nor saved."""
    settings = readers.settings
    folder = settings.get("BUILD_SPEED_READING_CACHE")
    if not folder or getattr(readers, "build_speed_cache", None):
        return
    cache = readers.build_speed_cache = ReadingCache(
        settings, os.path.join(settings["CACHE_PATH"], folder)
    )
    readers._cache = {}
    readers._cache_data_policy = False
    readers.get_cached_data = cache.get
    readers.cache_data = cache.put
    original = readers.read_file
    real_isfile = os.path.isfile
    filters = _typogrify_module() if settings.get("TYPOGRIFY") else None
    real_typogrify = filters.typogrify if filters else None
    memo_typogrify = cache.typogrify(real_typogrify) if filters else None

    def isfile(path):
        cache.record(path)
        return real_isfile(path)

    def read_file(*args, **kwargs):
        os.path.isfile = isfile
        if filters:
            filters.typogrify = memo_typogrify  # Pelican imports it in each read_file call
        try:
            content = original(*args, **kwargs)
            cache.store()
            return content
        finally:
            os.path.isfile = real_isfile
            if filters:
                filters.typogrify = real_typogrify
            cache.recording = cache.typography = cache._pending = None

    readers.read_file = read_file


def _typogrify_module():
    """``typogrify.filters``, whose ``typogrify`` Pelican's ``read_file`` imports per call;
    None when typogrify is not installed (Pelican then reports it itself)."""
    try:
        from typogrify import filters
    except ImportError:
        return None
    return filters
