"""Containment: every file the build or a tool reads resolves inside the project's folders.

Rule (issue 9, "Containment"): a symbolic link anywhere under ``content/`` is refused, whatever
it points to, and nothing is read from it (so no line of the file it points to can appear in an
error message or a CI log); a path written in a file (``Bibliography:``, ``Image:``) must
resolve (``os.path.realpath``) inside ``content/``. Links are refused rather than followed
inside ``content/`` because a link that points inside today can be re-pointed tomorrow, and a
copy costs an editor nothing.
"""

import os
import shlex

from .errors import display_path, report

_NOT_READ = "nothing is read from a symbolic link under content/"


def symlink_fix(link: str, folder: bool = False) -> str:
    """The fix for the symbolic link ``link`` (a path): a command an editor can paste that puts
    a copy of what it points to in its place (``folder``: a link to a folder, copied whole with
    the links inside it followed)."""
    shown = shlex.quote(display_path(link))
    if folder:
        return (
            f"replace the link with a real folder holding copies of its files: cp -rL {shown} "
            f"{shown}.copy && rm {shown} && mv {shown}.copy {shown}; {_NOT_READ}"
        )
    return (
        "replace the link with a copy of the file it points to: cp --remove-destination "
        f'"$(readlink -f {shown})" {shown}; {_NOT_READ}'
    )


def is_inside(path, root):
    """True when ``path`` resolves (symbolic links followed) inside folder ``root``.

    Args:
        path: a file or folder path (need not exist).
        root: the folder it must stay in (``content/``, the output folder).
    """
    real_root = os.path.realpath(root)
    real = os.path.realpath(path)
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def refusal(path: str, root: str) -> tuple[str, str] | None:
    """Why ``path`` must not be read and the fix, or None when it may be.

    Args:
        path: a file found or named under ``root``.
        root: the content folder.
    Returns:
        ``(reason, fix)``: ``"is a symbolic link"`` when ``path`` is one; ``"is inside
        <folder>, a symbolic link to a folder"`` when a folder between ``root`` and it is one
        (the fix then copies the folder, not the file); ``"is outside content/"`` when it
        resolves outside ``root``; else None.
    """
    absolute = os.path.abspath(path)
    base = os.path.abspath(root)
    if os.path.islink(absolute):
        return "is a symbolic link", symlink_fix(absolute)
    if absolute.startswith(base + os.sep):
        current = os.path.dirname(absolute)
        while current != base and len(current) > len(base):
            if os.path.islink(current):
                reason = f"is inside {display_path(current)}, a symbolic link to a folder"
                return reason, symlink_fix(current, folder=True)
            current = os.path.dirname(current)
    if not is_inside(absolute, base):
        return "is outside content/", "move the file into content/"
    return None


def refused(path: str, root: str) -> str | None:
    """The reason of :func:`refusal` alone (a phrase), or None when ``path`` may be read."""
    found = refusal(path, root)
    return found[0] if found else None


def report_refused(path, reason, what="file", fix=None):
    """Report a refused ``path`` (never its contents) as a content error; ``fix`` defaults to
    :func:`symlink_fix` for ``path`` itself (a folder when ``what`` ends in "folder")."""
    if fix is None:
        fix = symlink_fix(path, folder=what.endswith("folder"))
    report(path, None, f"this {what} {reason}, so it was not read", fix)
