"""The persistent cache of derived images: one folder per (source bytes, recipe) key.

A recipe is a plain dict of everything that changes the derived files (widths, formats,
qualities, crop, the card's text and fonts); :func:`cache_key` is the only place a key is made,
so a later general build cache can take it over. Entries are written once and never modified
(a folder is complete when its ``info.json`` exists; it is written last), so a build may link
them into its output folder instead of copying.

Reading a 12 MP photo to hash it costs ~10 ms; :class:`DigestIndex` remembers each source's
digest by (path, size, mtime in ns) in ``digests.json`` so a warm build hashes nothing. A
restored cache with new mtimes (a fresh CI checkout) only re-hashes.
"""

import hashlib
import json
import os
import shutil
import tempfile

import PIL

# Bump when the code changes what a recipe produces.
CODE_VERSION = "1"


def cache_key(digest, recipe):
    """Return the cache key (64 hex digits) of ``recipe`` (a JSON-able dict) applied to the
    source whose SHA-256 is ``digest`` (hex str, or "" for images made from text alone).

    The key also covers :data:`CODE_VERSION` and Pillow's version (its encoders' output).
    """
    text = json.dumps(
        {"source": digest, "recipe": recipe, "code": CODE_VERSION, "pillow": PIL.__version__},
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(text.encode()).hexdigest()


def file_digest(path):
    """SHA-256 (hex) of the bytes of the file at ``path``."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


class DigestIndex:
    """Source digests remembered by (absolute path, size, mtime_ns), stored in the cache."""

    def __init__(self, folder):
        self.path = os.path.join(folder, "digests.json")
        self.changed = False
        try:
            with open(self.path, encoding="utf-8") as handle:
                self.entries = json.load(handle)
        except (OSError, ValueError):
            self.entries = {}

    def digest(self, path):
        """SHA-256 (hex) of ``path``, from the index when the file's size and mtime match."""
        absolute = os.path.abspath(path)
        status = os.stat(absolute)
        stamp = [status.st_size, status.st_mtime_ns]
        entry = self.entries.get(absolute)
        if entry and entry[:2] == stamp:
            return entry[2]
        digest = file_digest(absolute)
        self.entries[absolute] = [*stamp, digest]
        self.changed = True
        return digest

    def save(self) -> None:
        """Write the index if it changed (atomically: a temp file renamed over it)."""
        if not self.changed:
            return
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=os.path.dirname(self.path), suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(self.entries, out, sort_keys=True)
        os.replace(temporary, self.path)
        self.changed = False


class ImageCache:
    """Cache entries under ``folder``: ``<key[:2]>/<key>/`` holding the files and ``info.json``."""

    def __init__(self, folder):
        self.folder = folder

    def entry(self, key):
        """Folder of the entry ``key`` (may not exist)."""
        return os.path.join(self.folder, key[:2], key)

    def load(self, key):
        """Return the entry's ``info.json`` (dict), or None when it is not (completely) there."""
        try:
            with open(os.path.join(self.entry(key), "info.json"), encoding="utf-8") as handle:
                return json.load(handle)
        except (OSError, ValueError):
            return None

    def store(self, key, files, info):
        """Store ``files`` (dict name -> bytes) and ``info`` (JSON-able dict) as entry ``key``.

        Written into a temporary folder renamed into place, so a killed build never leaves a
        half entry that looks complete. Returns ``info``.
        """
        final = self.entry(key)
        os.makedirs(os.path.dirname(final), exist_ok=True)
        temporary = tempfile.mkdtemp(dir=os.path.dirname(final), prefix=".tmp-")
        try:
            for name, data in files.items():
                with open(os.path.join(temporary, name), "wb") as out:
                    out.write(data)
            with open(os.path.join(temporary, "info.json"), "w", encoding="utf-8") as out:
                json.dump(info, out, sort_keys=True)
            try:
                os.rename(temporary, final)
            except OSError:  # another build stored it first: same key, same bytes
                shutil.rmtree(temporary, ignore_errors=True)
        except BaseException:
            shutil.rmtree(temporary, ignore_errors=True)
            raise
        return info

    def size(self):
        """Total bytes of all files in the cache (for ``make bench``)."""
        total = 0
        for folder, _, names in os.walk(self.folder):
            total += sum(os.path.getsize(os.path.join(folder, name)) for name in names)
        return total
