"""The file a link that leads nowhere was meant to name, so its error can say what differs.

A link checked against the files of ``content/`` can miss a file that is there:

- the name differs in capitals (``foto.jpg`` for the camera's ``Foto.JPG``): Linux, where the
  site is built, tells them apart; macOS and Windows do not, so it worked on the editor's
  computer;
- a letter is encoded differently (``é`` as one character, or as ``e`` and a combining accent,
  the way macOS names files): the two look the same and are different names;
- the file name holds ``#`` or ``?``: in a web address they end the path (a place in the page,
  a query), so ``foto#1.jpg`` is read as ``foto`` plus ``#1.jpg``;
- the path starts with ``content/``, as in the repository: paths are written from there.

:func:`near_miss` finds that file; :func:`explain` words the difference for the message.
"""

import os
import unicodedata

CONTENT = "content/"


def _key(name):
    return unicodedata.normalize("NFC", name).casefold()


def near_miss(base, relative, rest=""):
    """The ``/``-separated path below ``base`` of the file ``relative`` names but for capitals
    or Unicode form, or of the file ``relative + rest`` (``rest``: the ``#...`` or ``?...`` part
    of the link as written), or None.

    Args:
        base: the content folder (absolute path).
        relative: the path the link names, ``/``-separated, relative to ``base``.
        rest: what followed the path in the link (``"#1.jpg"``, ``"?.jpg"``), or ``""``.
    Returns:
        str or None: the existing file's path, never ``relative`` itself.
    """
    wanted = [relative + rest, relative] if rest else [relative]
    if relative.startswith(CONTENT):  # the path in the repository, not from content/
        wanted += [w.removeprefix(CONTENT) for w in wanted]
    for path in wanted:
        found = _matching(base, path)
        if found and found != relative:
            return found
    return None


def _matching(base, relative):
    folder, parts = base, []
    for part in relative.split("/"):
        if part in ("", ".", ".."):
            return None
        try:
            names = os.listdir(folder)
        except OSError:
            return None
        if part not in names:
            part = next((name for name in sorted(names) if _key(name) == _key(part)), None)
            if part is None:
                return None
        folder = os.path.join(folder, part)
        parts.append(part)
    return "/".join(parts) if os.path.isfile(folder) else None


def explain(written, found):
    """``(why, fix)`` for the message of a link ``written`` (the path as the link names it)
    that missed the file ``found`` (from :func:`near_miss`)."""
    if written.startswith(CONTENT) and not found.startswith(CONTENT):
        return (
            f"there is '{found}': paths are written from content/, without 'content/'",
            f"write '{found}'",
        )
    if "#" in found or "?" in found:
        return (
            f"the file is named '{found}': in a web address '#' and '?' end the file name",
            "rename the file without '#' and '?' (letters, digits and hyphens) and link the new "
            "name",
        )
    if written.lower() == found.lower():
        why = "capitals differ (Linux, where the site is built, tells them apart)"
    else:
        why = "it is the same name with its letters encoded differently (as macOS names files)"
    return (
        f"there is '{found}': {why}",
        "write the name exactly as the file's, or rename the file in lower case without "
        "accents (letters, digits and hyphens)",
    )
