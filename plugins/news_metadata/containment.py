"""Containment: every file the build or a tool reads resolves inside the project's folders.

Rule (issue 9, "Containment"): a symbolic link anywhere under ``content/`` is refused, whatever
it points to, and nothing is read from it (so no line of the file it points to can appear in an
error message or a CI log); a path written in a file (``Bibliography:``, ``Image:``) must
resolve (``os.path.realpath``) inside ``content/``. Links are refused rather than followed
inside ``content/`` because a link that points inside today can be re-pointed tomorrow, and a
copy costs an editor nothing.
"""

import os

from .errors import report

SYMLINK_FIX = (
    "replace the link with a copy of the file (cp --remove-destination TARGET LINK); "
    "nothing is read from a symbolic link under content/"
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


def refused(path, root):
    """Return why ``path`` must not be read (a phrase), or None when it may be.

    Args:
        path: a file found or named under ``root``.
        root: the content folder.
    Returns:
        ``"is a symbolic link"`` when ``path`` or a folder between ``root`` and it is a link;
        ``"is outside content/"`` when it resolves outside ``root``; else None.
    """
    absolute = os.path.abspath(path)
    base = os.path.abspath(root)
    if absolute.startswith(base + os.sep):
        current = absolute
        while current != base and len(current) > len(base):
            if os.path.islink(current):
                return "is a symbolic link"
            current = os.path.dirname(current)
    elif os.path.islink(absolute):
        return "is a symbolic link"
    if not is_inside(absolute, base):
        return "is outside content/"
    return None


def report_refused(path, reason, what="file"):
    """Report a refused ``path`` (never its contents) as a content error."""
    report(path, None, f"this {what} {reason}, so it was not read", SYMLINK_FIX)
