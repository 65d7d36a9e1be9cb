"""``make takedown ARTICLE=content/articles/2024/x.md``: take an article off the site, with its
comments, in one step.

Usage: ``python -m newsroom_cli.takedown [-s pelicanconf.py] [--content content] ARTICLE``.

Moves the article file to ``content/<NEWS_METADATA_ARCHIVE_PATH>/<its path below content/>``
and its comment folder (``content/comments/<Id>/``, the Id from its header or, without one,
the comments plugin's path-based id) to ``content/<NEWS_METADATA_ARCHIVE_PATH>/comments/<Id>/``.
The archive folder is never read by the build (it is registered with news_metadata's
inventory as ``archived``), so nothing of it is published, and the next ``make publish``
removes the pages; git keeps the history. Nothing is overwritten: an existing archived copy is
an error.

Exit status: 0 moved (each move printed); 1 the article does not exist, is not an article, or
the archive already holds a file of that name.
"""

import argparse
import logging
import os
import shutil
import sys

from news_metadata.encoding import NotUtf8, read_text
from news_metadata.errors import display_path
from news_metadata.header import scan
from news_metadata.ids import fallback_id
from news_metadata.settings import apply_defaults as news_defaults
from pelican.settings import read_settings


class TakedownError(Exception):
    """The takedown cannot be done; the message says why and what to do."""


def _article_id(path, settings):
    try:
        text = read_text(path)
    except NotUtf8:
        # A broken file can still be taken down: an Id is ASCII, whatever the rest holds.
        with open(path, "rb") as handle:
            text = handle.read().decode("utf-8", errors="replace")
    header = scan(text, {"id"})
    line = header.lines.get("id")
    if line:
        value = header.text.split("\n")[line - 1].split(":", 1)[1].strip()
        if value:
            return value
    return fallback_id(path, settings["PATH"], settings["ARTICLE_PATHS"])


def take_down(settings, article):
    """Move ``article`` and its comments into the archive folder.

    Args:
        settings: Pelican settings (``PATH``, ``ARTICLE_PATHS``, ``NEWS_METADATA_ARCHIVE_PATH``,
            ``COMMENTS_PATH``).
        article: path of the article file (absolute or relative to the working directory).

    Returns:
        list of ``(from, to)`` absolute paths that were moved.

    Raises:
        TakedownError: see the module doc.
    """
    news_defaults(settings)
    base = os.path.abspath(settings["PATH"])
    source = os.path.abspath(article or "")
    relative = os.path.relpath(source, base).replace(os.sep, "/")
    if not article or not os.path.isfile(source):
        raise TakedownError(
            f"{article!r} is not a file — write ARTICLE=content/articles/<yyyy>/<file>.md"
        )
    in_articles = any(
        relative.startswith(folder.strip("/") + "/") for folder in settings["ARTICLE_PATHS"]
    )
    if relative.startswith("..") or not in_articles:
        raise TakedownError(f"{article} is not an article under {base}")
    archive = os.path.join(base, settings["NEWS_METADATA_ARCHIVE_PATH"])
    moves = [(source, os.path.join(archive, relative))]
    comments = os.path.join(base, settings.get("COMMENTS_PATH", "comments"))
    folder = os.path.join(comments, _article_id(source, settings))
    if os.path.isdir(folder):
        moves.append((folder, os.path.join(archive, os.path.relpath(folder, base))))
    for _, target in moves:
        if os.path.exists(target):
            raise TakedownError(
                f"{display_path(target)} already exists — rename or delete the archived copy first"
            )
    for origin, target in moves:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.move(origin, target)
    return moves


def main(argv=None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(prog="make takedown", description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", default="")
    parser.add_argument("-s", "--settings", default="pelicanconf.py")
    parser.add_argument("--content", help="content folder (default: the settings' PATH)")
    args = parser.parse_args(argv)
    override = {"PATH": os.path.abspath(args.content)} if args.content else {}
    logging.getLogger("pelican.settings").setLevel(logging.ERROR)
    settings = read_settings(args.settings, override=override)
    try:
        moves = take_down(settings, args.article)
    except TakedownError as exc:
        print(f"make takedown: {exc}", file=sys.stderr)
        return 1
    for origin, target in moves:
        print(f"make takedown: moved {display_path(origin)} -> {display_path(target)}")
    print("make takedown: commit and run make publish; the pages disappear from the site.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
