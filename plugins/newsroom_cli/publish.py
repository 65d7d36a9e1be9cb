"""``make publish``: build the site into a fresh folder, then swap it in for ``output/`` at once.

Usage: ``python -m newsroom_cli.publish CONTENT -o OUTPUT -s publishconf.py [pelican options]
[--force]`` (the same arguments as ``pelican``; the Makefile passes them, and ``--force`` for
``make publish FORCE=1``).

0. **Nothing changed, nothing built.** Before importing Pelican, under the lock of step 1: when
   the stamp (step 5) holds the fingerprint of this build's inputs (:mod:`.inputs`: content,
   theme, plugins, settings, versions, environment) and it is unchanged, "now" is before the
   stamp's ``changes_at`` (the first moment the output would change by itself: a scheduled
   article's time, a breaking label's expiry, an article leaving the news sitemap, a new year;
   :func:`news_metadata.clock.add_moment`) and ``OUTPUT`` is still the stamped tree (the file
   listing's names, sizes and modification times), the publish prints one line saying so and
   exits 0 without building (when only the times differ, the bytes are compared: a copied tree
   or a restored CI cache counts as the same). ``--force`` always builds. The site's feeds
   keep the ``<updated>`` time of the build that wrote them, which is when they last changed.
1. Takes an exclusive lock (``.OUTPUT.lock`` beside ``OUTPUT``), so two publishes never race, and
   removes build folders left by a publish that was killed (their process is gone).
2. Builds with Pelican in this process into ``.OUTPUT-build-<pid>-<random>/`` beside ``OUTPUT``
   (same folder, so the same file system and a rename is possible). Everything runs there: the
   checks (news_metadata and newsroom_tools, strict with publishconf.py), pages, feeds, and every
   plugin's ``finalized`` post-build step.
3. Only when :meth:`pelican.Pelican.run` returned normally, swaps the new tree in: on Linux one
   ``renameat2(RENAME_EXCHANGE)`` call exchanges the two folders atomically (a reader or an
   rsync sees the old tree or the new one, never a mix or nothing); elsewhere two renames
   (``OUTPUT`` aside as ``.OUTPUT-build-...-old``, the new tree in) leave ``OUTPUT`` missing for
   a moment only; a publish killed between the two renames leaves the old tree aside, and the
   next publish puts it back as ``OUTPUT`` before anything else. The old tree is deleted only
   after the new one is in place (Ctrl+C during that clean-up still exits 0: the site is
   published). Files whose bytes did not change keep their previous modification time, so
   ``rsync`` and ``aws s3 sync`` move only what changed.
5. Writes the stamp ``.OUTPUT.published.json`` beside ``OUTPUT``: the commit, the
   ``SOURCE_DATE_EPOCH`` and the tree digest it was built from. Every deploy target refuses a
   tree whose digest is not the stamp's (a dev build, a hand edit, a half-swapped tree). For
   step 0 it also holds ``inputs`` (the fingerprint taken before the build, so an edit during
   the build is seen next time), ``built_at`` and ``changes_at`` (ISO 8601 UTC, or null) and
   ``listing`` (digest of the tree's names, sizes and modification times).
4. Otherwise (content errors, a crash, SIGINT or SIGTERM) the build folder is deleted and
   ``OUTPUT`` is untouched. A SIGKILL cannot be caught: the half-built folder stays behind, is
   never renamed, and the next publish deletes it.

Pelican's own ``main`` swallows Ctrl+C and exits 0 with a half-written site; running
``Pelican.run`` here instead lets an interruption abort the publish.

Exit status: 0 published (or up to date, step 0); 1 content errors or a failed build (the
reasons are printed); 130 interrupted; 2 another publish holds the lock.
"""

import ctypes
import ctypes.util
import errno
import fcntl
import hashlib
import json
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from typing import NamedTuple

from build_speed.digests import listing_digest
from news_metadata import clock

from . import inputs

logger = logging.getLogger(__name__)

RENAME_EXCHANGE = 2  # linux/fs.h
AT_FDCWD = -100


class Interrupted(BaseException):
    """SIGINT or SIGTERM arrived during the build.

    A ``BaseException``, like ``KeyboardInterrupt``: Pelican catches ``Exception`` around each
    file it reads and would otherwise take the interruption for a broken file and go on.
    """


def tree_digest(root, exclude=None):
    """Return a SHA-256 hex digest of a folder tree: every file's relative path and bytes.

    Args:
        root: folder path. Modification times and permissions are not part of the digest.
        exclude: optional compiled regex; files whose ``/``-separated relative path it
            matches (``re.match``) are left out.

    Returns:
        64 hex digits; two trees with the same files and bytes have the same digest.
    """
    digest = hashlib.sha256()
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, root).replace(os.sep, "/")
            if exclude is not None and exclude.match(relative):
                continue
            digest.update(relative.encode() + b"\0")
            with open(path, "rb") as handle:
                digest.update(hashlib.sha256(handle.read()).digest())
    return digest.hexdigest()


def exchange(new, old) -> bool:
    """Atomically exchange two folders (``renameat2(RENAME_EXCHANGE)``, Linux 3.15+, glibc 2.28+).

    Returns:
        True when exchanged; False when the call or the file system does not support it.

    Raises:
        OSError: the exchange was attempted and failed for another reason.
    """
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    renameat2.argtypes += [ctypes.c_uint]
    if renameat2(AT_FDCWD, os.fsencode(new), AT_FDCWD, os.fsencode(old), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), old)


def swap_in(new, final):
    """Put the finished tree ``new`` at ``final``; return the path of the old tree to delete
    (or None when there was none).
    """
    if not os.path.exists(final):
        os.rename(new, final)
        return None
    if exchange(new, final):
        return new  # `new` now holds the previous tree
    aside = f"{new}-old"
    os.rename(final, aside)
    try:
        os.rename(new, final)
    except OSError:
        os.rename(aside, final)  # put the published site back before giving up
        raise
    return aside


def keep_unchanged_mtimes(new, old) -> None:
    """Give each file of ``new`` whose bytes equal the same file in ``old`` the old file's
    access and modification times, so size-and-time syncs (rsync, aws s3 sync) skip it.
    """
    if not os.path.isdir(old):
        return
    for folder, _, files in os.walk(new):
        for name in files:
            path = os.path.join(folder, name)
            previous = os.path.join(old, os.path.relpath(path, new))
            try:
                before = os.stat(previous)
                if before.st_size != os.path.getsize(path):
                    continue
                with open(path, "rb") as a, open(previous, "rb") as b:
                    if a.read() != b.read():
                        continue
                os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
            except OSError:
                continue


def restore_aside(parent, name):
    """Put back the published tree a publish killed between its two renames left aside.

    When ``parent/name`` is missing and a ``.NAME-build-<pid>-*-old`` folder of a dead process
    exists, the newest such folder is renamed to ``parent/name``. Returns its old name or None.
    """
    final = os.path.join(parent, name)
    if os.path.exists(final):
        return None
    pattern = re.compile(rf"^\.{re.escape(name)}-build-(\d+)-.*-old$")
    aside = [
        entry
        for entry in os.listdir(parent)
        if (match := pattern.match(entry)) and not _alive(int(match.group(1)))
    ]
    if not aside:
        return None
    newest = max(aside, key=lambda entry: os.stat(os.path.join(parent, entry)).st_mtime)
    os.rename(os.path.join(parent, newest), final)
    logger.warning("restored %s from %s, left aside by an interrupted publish", final, newest)
    return newest


def stamp_path(output):
    """The stamp of a published tree: ``.NAME.published.json`` beside ``output``."""
    parent, name = os.path.split(os.path.abspath(output))
    return os.path.join(parent, f".{name}.published.json")


def read_stamp(output) -> dict | None:
    """The stamp of ``output`` as a dict, or None when there is none or it is not valid JSON."""
    try:
        with open(stamp_path(output), encoding="utf-8") as handle:
            stamp = json.load(handle)
    except (OSError, ValueError):
        return None
    return stamp if isinstance(stamp, dict) else None


def _iso(moment) -> str | None:
    return None if moment is None else moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def write_stamp(output, digest, fingerprint=None, built_at=None, changes_at=None):
    """Record that ``output`` (tree digest ``digest``) is a complete publish build.

    Args:
        output: the published folder.
        digest: its :func:`tree_digest`.
        fingerprint: the build's inputs (:func:`.inputs.fingerprint`), or None when the
            command had options :func:`.inputs.parse_arguments` does not know (never skipped).
        built_at, changes_at: aware datetimes, the build's "now" and the first later moment
            its output changes by itself (None: never).

    Returns:
        the stamp (dict), as written.
    """
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"], capture_output=True, text=True, timeout=10
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = ""
    stamp = {
        "commit": commit,
        "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH", ""),
        "tree": digest,
        "inputs": fingerprint,
        "built_at": _iso(built_at),
        "changes_at": _iso(changes_at),
        "listing": listing_digest(output),
    }
    _write_json(stamp_path(output), stamp)
    return stamp


def _moment(text):
    try:
        return datetime.fromisoformat(text) if text else None
    except (TypeError, ValueError):
        return None


def reason_to_build(output, fingerprint, now) -> str | None:
    """Why ``output`` must be built again, or None when it is up to date (module doc, step 0).

    Args:
        output: the published folder.
        fingerprint: this build's :func:`.inputs.fingerprint`.
        now: aware datetime, the build's "now" (:func:`news_metadata.clock.build_now`).

    Returns:
        a short reason ("content, theme changed", "a scheduled article or an expiry is due",
        ...), or None.
    """
    stamp = read_stamp(output)
    if stamp is None or not isinstance(stamp.get("inputs"), dict):
        return "no stamp of an earlier publish with its inputs"
    changed = [kind for kind, value in fingerprint.items() if stamp["inputs"].get(kind) != value]
    if changed:
        return f"{', '.join(changed)} changed"
    built_at, changes_at = _moment(stamp.get("built_at")), _moment(stamp.get("changes_at"))
    if built_at is None or now < built_at:
        return "the clock is before the last publish"
    if changes_at is not None and now >= changes_at:
        return f"the output changes at {stamp['changes_at']} (a scheduled article or an expiry)"
    if not os.path.isdir(output):
        return f"{output} is missing"
    if listing_digest(output) != stamp.get("listing") and not _same_bytes(output, stamp):
        return f"{output} is not the tree the last publish wrote"
    return None


def _same_bytes(output, stamp) -> bool:
    """True when ``output``'s files have the stamped bytes though not the stamped times (a copy,
    a restored CI cache); the stamp then records the new listing, so the next check is cheap.
    """
    if tree_digest(output) != stamp.get("tree"):
        return False
    stamp["listing"] = listing_digest(output)
    _write_json(stamp_path(output), stamp)
    return True


def _write_json(path, data) -> None:
    with open(f"{path}.tmp", "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=1)
    os.replace(f"{path}.tmp", path)


def take_lock(final):
    """Take the exclusive lock ``.NAME.lock`` beside ``final`` (creating the parent folder).

    Returns:
        the open lock file (the lock lasts until it is closed), or None when another publish
        holds it.
    """
    parent, name = os.path.split(final)
    os.makedirs(parent, exist_ok=True)
    lock = open(os.path.join(parent, f".{name}.lock"), "w")  # noqa: SIM115 (held until closed)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        lock.close()
        return None
    return lock


def remove_stale_builds(parent, name) -> None:
    """Delete ``.NAME-build-<pid>-*`` folders whose process no longer runs (a killed publish);
    first :func:`restore_aside`, so a published tree left aside is never deleted.
    """
    restore_aside(parent, name)
    pattern = re.compile(rf"^\.{re.escape(name)}-build-(\d+)-")
    for entry in os.listdir(parent):
        match = pattern.match(entry)
        if not match:
            continue
        pid = int(match.group(1))
        if pid != os.getpid() and _alive(pid):
            continue
        logger.warning("removing %s, left behind by an interrupted publish", entry)
        shutil.rmtree(os.path.join(parent, entry), ignore_errors=True)


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _interrupt(signum, frame):
    raise Interrupted(signal.Signals(signum).name)


def _busy(final) -> int:
    print(f"make publish: another publish of {final} is running; try again later.")
    return 2


def publish(args, checked=None) -> int:
    """Build and swap in (see the module doc). ``args`` are Pelican's parsed arguments.

    Args:
        checked: a :class:`Checked` when :func:`check_unchanged` already took the lock and
            fingerprinted the inputs (step 0); else None.

    Returns:
        the exit status.
    """
    from pelican import get_instance
    from pelican.settings import read_settings

    settings = read_settings(args.settings, override={"PATH": args.path} if args.path else {})
    final = os.path.abspath(args.output or settings["OUTPUT_PATH"])
    fingerprint, reason = None, "no fingerprint of these arguments"
    if checked is not None and checked.final == final:
        lock, fingerprint, reason = checked.lock, checked.fingerprint, checked.reason
    else:
        if checked is not None:
            checked.lock.close()
        lock = take_lock(final)
        if lock is None:
            return _busy(final)
    parent, name = os.path.split(final)
    remove_stale_builds(parent, name)
    build = tempfile.mkdtemp(prefix=f".{name}-build-{os.getpid()}-", dir=parent)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(build, 0o777 & ~umask)  # mkdtemp makes it private; the site is for everyone
    previous = {s: signal.signal(s, _interrupt) for s in (signal.SIGINT, signal.SIGTERM)}
    old = None
    started = time.perf_counter()
    try:
        args.output = build
        pelican, _ = get_instance(args)
        built_at = clock.build_now()  # every plugin's "now" is this or later
        pelican.run()
        for s in previous:  # from here on, finish what was started
            signal.signal(s, signal.SIG_IGN)
        keep_unchanged_mtimes(build, final)
        old = swap_in(build, final)
        changes_at = clock.next_moment(built_at)
        digest = write_stamp(final, tree_digest(final), fingerprint, built_at, changes_at)["tree"]
    except SystemExit as exc:  # news_metadata's ContentErrors: the list is in the message
        if isinstance(exc.code, str):
            print(exc.code, file=sys.stderr)
        print(f"make publish: not published; {final} was not changed.", file=sys.stderr)
        return 1
    except (Interrupted, KeyboardInterrupt) as exc:
        print(f"make publish: interrupted ({exc}); {final} was not changed.", file=sys.stderr)
        return 130
    except Exception:
        logger.exception("make publish: the build failed")
        print(f"make publish: not published; {final} was not changed.", file=sys.stderr)
        return 1
    finally:
        for s in previous:  # the clean-up is not interrupted half-way
            signal.signal(s, signal.SIG_IGN)
        try:
            for leftover in (build, old):
                if leftover and os.path.exists(leftover):
                    shutil.rmtree(leftover, ignore_errors=True)
        except KeyboardInterrupt:
            pass  # the swap (if any) happened: what is left is removed by the next publish
        for s, handler in previous.items():
            signal.signal(s, handler)
        lock.close()
    seconds = time.perf_counter() - started
    print(
        f"make publish: published {final} in {seconds:.1f} s (tree {digest[:16]}; "
        f"built because {reason})"
    )
    return 0


class Checked(NamedTuple):
    """What step 0 found when it decided to build: the output folder, its lock (held), the
    fingerprint of the inputs and why it builds.
    """

    final: str
    lock: object
    fingerprint: dict
    reason: str


def check_unchanged(argv, force):
    """Step 0 of the module doc, before Pelican is imported.

    Returns:
        ``(status, checked)``: status 0 when the site is up to date (the line saying so is
        printed) or 2 when another publish holds the lock, else None and ``checked`` for
        :func:`publish` (a :class:`Checked`, or None when the arguments or the
        settings file are not understood here: Pelican reads them and reports any mistake).
    """
    request = inputs.parse_arguments(argv)
    if request is None:
        return None, None
    try:
        settings, files = inputs.load_settings(request.settings)
        now = clock.build_now()
    except (inputs.SettingsFileError, ValueError):  # Pelican reads both next and reports them
        return None, None
    final = inputs.output_folder(request, settings)
    lock = take_lock(final)
    if lock is None:
        return _busy(final), None
    fingerprint = inputs.fingerprint(request, settings, files)
    reason = None if force else reason_to_build(final, fingerprint, now)
    if force or reason:
        return None, Checked(final, lock, fingerprint, "--force" if force else reason)
    stamp = read_stamp(final)
    due = f"nothing is due before {stamp['changes_at']}" if stamp["changes_at"] else "no date due"
    print(
        f"make publish: {final} is up to date, nothing was built: no input changed since the "
        f"publish of {stamp['built_at']} (content, theme, plugins, settings, versions, "
        f"environment) and {due}; FORCE=1 builds anyway."
    )
    lock.close()
    return 0, None


def main(argv=None):
    """Command-line entry point: Pelican's arguments and ``--force``; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    force = "--force" in argv
    argv = [word for word in argv if word != "--force"]
    status, checked = check_unchanged(argv, force)
    if status is not None:
        return status
    from pelican import parse_arguments
    from pelican.log import init as init_logging

    args = parse_arguments(argv)
    if args.autoreload or args.listen:
        print("make publish builds once; use make devserver to preview.", file=sys.stderr)
        return 2
    init_logging(
        level=args.verbosity,
        fatal=args.fatal,
        name="pelican",
        logs_dedup_min_level=getattr(logging, args.logs_dedup_min_level),
    )
    return publish(args, checked)


if __name__ == "__main__":
    sys.exit(main())
