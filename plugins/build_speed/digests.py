"""SHA-256 digests of files, folder trees and settings: the keys of build_speed's caches and of
``make publish``'s no-change check (newsroom_cli/inputs.py).

Standard library only, and nothing here imports Pelican, so ``make publish`` can decide that
nothing changed without paying for Pelican's import (about 0.25 s).
"""

import hashlib
import json
import os


def file_digest(path) -> str | None:
    """Return the sha256 hex digest of a file's bytes, or None when it is not a readable file.

    Args:
        path: a file path (str or ``os.PathLike``).
    """
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def walk_files(folder, skip=("__pycache__",)):
    """Yield ``(relative, entry)`` for every file under ``folder``, in sorted name order.

    Args:
        folder: an existing folder.
        skip: folder names not entered (Python writes ``__pycache__`` as it imports).

    Yields:
        the ``/``-separated path relative to ``folder`` and the ``os.DirEntry`` (its
        ``stat()`` is cached). Symbolic links are not followed into folders.

    ``os.scandir`` with the entry's cached type: about half the time of ``os.walk`` with
    ``os.path.relpath`` per file, which matters for ``make publish``'s no-change check.
    """
    with os.scandir(folder) as scan:
        entries = sorted(scan, key=lambda entry: entry.name)
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            if entry.name not in skip:
                for relative, inner in walk_files(entry.path, skip):
                    yield f"{entry.name}/{relative}", inner
        else:
            yield entry.name, entry


def tree_digest(folders) -> str:
    """Return the sha256 hex digest of the relative names and bytes of every file under
    ``folders`` (an iterable of paths, in the caller's order).

    ``__pycache__`` folders are left out; a missing or empty entry counts as "missing NAME",
    so adding the folder later changes the digest. Modification times and permissions are
    not part of it.
    """
    digest = hashlib.sha256()
    for folder in folders:
        if not folder or not os.path.isdir(folder):
            digest.update(f"missing {folder}\n".encode())
            continue
        for relative, entry in walk_files(folder):
            digest.update(f"{relative}\0{file_digest(entry.path)}\n".encode())
    return digest.hexdigest()


def listing_digest(folder) -> str:
    """Return the sha256 hex digest of a folder's file listing: each file's relative path,
    size and modification time (ns), not its bytes.

    Any write through the file system changes the time, so this tells the tree that was
    stamped from an edited one at the cost of one ``stat`` per file.
    """
    digest = hashlib.sha256()
    for relative, entry in walk_files(folder, skip=()):
        status = entry.stat(follow_symlinks=False)
        digest.update(f"{relative}\0{status.st_size}\0{status.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def settings_digest(settings, leave_out=()) -> str:
    """Return the sha256 hex digest of a settings mapping, as JSON with sorted keys.

    Args:
        settings: name → value; a value JSON cannot write (a function, a class, a Jinja
            extension) counts by its type name only, so the file that defines it should be
            hashed as well.
        leave_out: names not to include (e.g. ``OUTPUT_PATH``, which differs between equal
            builds).
    """
    kept = {name: value for name, value in settings.items() if name not in leave_out}
    text = json.dumps(kept, sort_keys=True, default=lambda value: type(value).__name__)
    return hashlib.sha256(text.encode()).hexdigest()
