"""Writing an import: every file into a staging folder first, then moved into ``content/``.

Nothing is half-written: files are made in ``.blogger-import-<pid>/`` beside ``content/`` (the
same file system, so each move is a rename), and only when all are there are they moved in. A
failure before that removes the staging folder and leaves ``content/`` as it was.

Re-importing never duplicates and never destroys an editor's work. The manifest
(``BLOGGER_IMPORT_MANIFEST_FILE``, JSON: path below content/ -> SHA-256 of what the import
wrote) tells, for each file of the new import:

- absent and not in the manifest: new, written;
- unchanged since the last import (same hash): replaced by the new version;
- edited by an editor since (another hash): kept, listed in the report;
- deleted by an editor since (in the manifest, absent): not written again, listed;
- present but never written by the import: not touched, listed as a conflict.
"""

import hashlib
import json
import os
import shutil
import tempfile

MANIFEST_VERSION = 1


def digest(data):
    """SHA-256 hex digest of ``data`` (bytes)."""
    return hashlib.sha256(data).hexdigest()


def load_manifest(path):
    """The manifest's ``{relative path: sha256}``; empty when the file does not exist.

    Raises:
        ValueError: the file exists but is not a manifest (message names it).
    """
    if not os.path.exists(path):
        return {}
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        files = data["files"]
        if not isinstance(files, dict):
            raise TypeError
    except (ValueError, KeyError, TypeError):
        raise ValueError(
            f"{path} is not a Blogger import manifest — restore it from git, or delete it to "
            "import as if for the first time (files already there are then not replaced)"
        ) from None
    return {str(k): str(v) for k, v in files.items()}


def decide(files, content, manifest):
    """Sort the planned files by what happens to each (module doc).

    Args:
        files: list of :class:`.plan.OutputFile`.
        content: the content folder.
        manifest: from :func:`load_manifest`.

    Returns:
        ``(write, notes, hashes)``: the files to write, ``notes`` = list of
        ``(relative, what happened)`` for the report, ``hashes`` = the new manifest entries of
        every planned file the import owns.
    """
    write, notes, hashes = [], [], {}
    for item in files:
        data = item.data if item.data is not None else item.text.encode("utf-8")
        new_hash = digest(data)
        target = os.path.join(content, item.relative)
        known = manifest.get(item.relative)
        if not os.path.exists(target):
            if known:
                notes.append(
                    (item.relative, "deleted by an editor since the last import: not written again")
                )
                hashes[item.relative] = known
                continue
            write.append((item, data))
            hashes[item.relative] = new_hash
            continue
        with open(target, "rb") as handle:
            current = digest(handle.read())
        if current == new_hash:
            hashes[item.relative] = new_hash
            continue
        if known is None:
            notes.append(
                (
                    item.relative,
                    "already exists and was not written by the import: not "
                    "touched — rename or remove one of them and import again",
                )
            )
            continue
        if current != known:
            notes.append(
                (
                    item.relative,
                    "edited since the last import: kept as it is (the "
                    "Blogger version was not written)",
                )
            )
            hashes[item.relative] = known
            continue
        write.append((item, data))
        hashes[item.relative] = new_hash
    return write, notes, hashes


def commit(content, writes) -> None:
    """Write ``writes`` (list of ``(relative path, bytes)``) into ``content`` via staging.

    Every path is checked to stay inside ``content`` before anything is written.

    Raises:
        ValueError: a path would leave ``content`` (nothing is written).
        OSError: a write failed (the staging folder is removed; nothing was moved).
    """
    root = os.path.abspath(content)
    for relative, _ in writes:
        target = os.path.abspath(os.path.join(root, relative))
        if (
            os.path.isabs(relative)
            or not target.startswith(root + os.sep)
            or ".." in relative.split("/")
        ):
            raise ValueError(f"refusing to write outside {content}: {relative!r}")
    parent = os.path.dirname(root)
    staging = tempfile.mkdtemp(prefix=".blogger-import-", dir=parent)
    try:
        for relative, data in writes:
            path = os.path.join(staging, relative)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as handle:
                handle.write(data)
        for relative, _ in writes:
            target = os.path.join(root, relative)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.replace(os.path.join(staging, relative), target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
