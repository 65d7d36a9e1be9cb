"""Jinja templates compiled once per build, and the compiled code kept between builds.

Pelican builds its Jinja ``Environment`` from ``JINJA_ENVIRONMENT`` with Jinja's defaults:
``auto_reload`` on, so every ``get_template`` (each page written, each ``{% include %}`` of a
card) checks the template file's modification time, 110,000 ``getmtime`` calls in a 5,000-
article build; and no bytecode cache, so each build compiles all templates again. A build is
one process that never edits its templates, so it needs neither: ``auto_reload`` off, and
Jinja's ``FileSystemBytecodeCache`` under ``CACHE_PATH``. Jinja keys each cached template by
its name and file, and stores the checksum of its source with it: an edited template is
compiled again, never served stale (jinja2.bccache, ``Bucket.load_bytecode``); a cache written
by another Jinja or Python version carries another magic header and is ignored.

Jinja also keeps loaded templates in an LRU cache of 400 (``cache_size``), whose every lookup
(each ``{% include %}`` and ``{% from ... import %}``: 55,000 a 1,000-article build) takes a
lock and reorders a queue; the theme has about 70 templates, so ``cache_size: -1`` (a plain
dict, nothing ever evicted) holds the same templates with a dict lookup.
"""

import os

from jinja2 import FileSystemBytecodeCache


class LazyBytecodeCache(FileSystemBytecodeCache):
    """A ``FileSystemBytecodeCache`` whose folder is made when the first template is stored, so
    a run that renders nothing (``make check``) writes nothing."""

    def dump_bytecode(self, bucket):
        """Store ``bucket``'s bytecode, creating the cache folder first when it is missing."""
        os.makedirs(self.directory, exist_ok=True)
        super().dump_bytecode(bucket)


def configure(settings):
    """Return ``settings["JINJA_ENVIRONMENT"]`` (a new dict; the settings module's own is not
    changed) with ``auto_reload`` False, ``cache_size`` -1 (loaded templates kept in a dict)
    and, when ``BUILD_SPEED_JINJA_CACHE`` is set, a bytecode cache in ``CACHE_PATH``/that folder
    (created when a template is first stored). A site's own ``bytecode_cache``, ``auto_reload``
    or ``cache_size`` in ``JINJA_ENVIRONMENT`` is kept."""
    environment = dict(settings.get("JINJA_ENVIRONMENT") or {})
    environment.setdefault("auto_reload", False)
    environment.setdefault("cache_size", -1)
    folder = settings.get("BUILD_SPEED_JINJA_CACHE")
    if folder and "bytecode_cache" not in environment:
        path = os.path.join(settings["CACHE_PATH"], folder)
        environment["bytecode_cache"] = LazyBytecodeCache(path)
    return environment
