"""The editor's command line: scaffold a new comment file, list article ids.

``make comment ARTICLE=<article-id> [REPLY_TO=<comment-id>]`` runs
``python -m newsroom_cli.comment new <article-id> [--reply-to <comment-id>]`` (``plugins/`` on
the path): it writes ``content/comments/<article-id>/<fresh-id>.md`` with the build's "now" as the
date (WITA; ``SOURCE_DATE_EPOCH`` when set) and a placeholder for the text, and prints its path.
Moderating a comment is then: fill in ``Author``, paste the text, save, publish.
``python -m newsroom_cli.comment list`` prints every article id with its date and title, newest
first.

Exit status: 0 on success, 2 when the article or the comment to reply to does not exist (the
message lists close matches) or an id is not a valid id (``../x``, a slash, a backtick): ids are
checked before any folder or file is created, and the comment folder must resolve inside the
content folder.
"""

import argparse
import logging
import os
import sys

from comments.ids import COMMENT_ID, COMMENT_ID_FIX, new_comment_id
from comments.settings import DEFAULTS
from comments.storage import PLACEHOLDER
from news_metadata.clock import build_now
from news_metadata.dates import parse_date, to_wita
from news_metadata.encoding import NotUtf8, read_text
from news_metadata.errors import display_path
from news_metadata.header import split_fields
from news_metadata.ids import article_id_problem, fallback_id
from news_metadata.text import suggest

# The new file: header keys left empty for the editor to fill (an empty Author, and the
# placeholder line, are build errors, so an unfinished comment is never published).
TEMPLATE = ("Author:", "Date: {date}", "Reply-To: {reply_to}", "Url:", "", "{placeholder}", "")


def read_settings(path):
    """Pelican's settings from ``path`` (pelicanconf.py) with the COMMENTS_* defaults added."""
    from pelican.settings import read_settings as pelican_settings

    # Pelican warns about feed settings on every read; the editor needs none of that here.
    logging.getLogger("pelican.settings").setLevel(logging.ERROR)
    settings = pelican_settings(path)
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)
    return settings


class UnreadableArticle(ValueError):
    """An article file that is not UTF-8; the message names it, the line and the fix."""


def _read(path):
    """The text of the article ``path``; :class:`UnreadableArticle` when it is not UTF-8 (one
    such file stopped every tool with Python's codec words or a traceback).
    """
    try:
        return read_text(path)
    except NotUtf8 as exc:
        where = f"{display_path(path)}:{exc.line}" if exc.line else display_path(path)
        raise UnreadableArticle(f"{where}: {exc.message} — {exc.fix}") from None


def article_index(content, article_paths):
    """Every article below ``content``: a list of dicts ``id``, ``title``, ``date`` (str),
    ``path``, ``explicit`` (True when the file has ``Id:``), newest first.

    Args:
        content: the content folder (Pelican's ``PATH``).
        article_paths: Pelican's ``ARTICLE_PATHS``.
    """
    found = []
    for folder in article_paths:
        for directory, _, files in os.walk(os.path.join(content, folder)):
            for name in sorted(files):
                if not name.endswith(".md"):
                    continue
                path = os.path.join(directory, name)
                if os.path.islink(path):
                    continue  # the build refuses it too; never read through a link
                fields, _ = split_fields(_read(path))
                values = {}
                for key, _, value, _ in fields:
                    values.setdefault(key, value)
                explicit = bool(values.get("id"))
                found.append(
                    {
                        "id": values.get("id") or fallback_id(path, content, article_paths),
                        "title": values.get("title", ""),
                        "date": values.get("date", ""),
                        "path": path,
                        "explicit": explicit,
                    }
                )
    return sorted(found, key=lambda a: _date_key(a["date"]), reverse=True)


def _date_key(text):
    try:
        return to_wita(parse_date(text)).timestamp()
    except ValueError:
        return 0.0


def existing_comment_ids(comments_root):
    """Lowercased ids of every comment file below ``comments_root``."""
    ids = set()
    if os.path.isdir(comments_root):
        for _, _, files in os.walk(comments_root):
            ids.update(os.path.splitext(name)[0].lower() for name in files)
    return ids


def new_comment(content, comments_folder, article_paths, article_id, reply_to="", now=None):
    """Write a new comment file for ``article_id``.

    Args:
        content: the content folder.
        comments_folder: ``COMMENTS_PATH`` (below ``content``).
        article_paths: Pelican's ``ARTICLE_PATHS``.
        article_id: the article's ``Id`` (or its source-path fallback id).
        reply_to: id of an existing comment on the same article, or "".
        now: an aware ``datetime`` (default :func:`news_metadata.clock.build_now`).

    Returns:
        ``(path, article)``: the new file and the article's entry from :func:`article_index`.

    Raises:
        LookupError: no such article, or no such comment to reply to (message for the editor).
        ValueError: the article id or the reply id is not a valid id, or the folder would not
            be inside the comments folder; checked before anything is created.
    """
    problem = article_id_problem(article_id)
    if problem:
        raise ValueError(f"{problem}; article ids are lowercase letters, digits and hyphens")
    if reply_to and not COMMENT_ID.match(reply_to):
        raise ValueError(f"comment id {reply_to!r} is not a valid comment id: {COMMENT_ID_FIX}")
    root = os.path.join(content, comments_folder)
    folder = os.path.join(root, article_id)
    inside = os.path.realpath(content) + os.sep
    if not os.path.realpath(folder).startswith(inside):
        raise ValueError(
            f"{display_path(folder)} is not inside {display_path(content)} (a symbolic link?); "
            "comments are written below the content folder only"
        )
    articles = {a["id"]: a for a in article_index(content, article_paths)}
    article = articles.get(article_id)
    if article is None:
        raise LookupError(
            f"no article has Id {article_id!r}{suggest(article_id, list(articles))}; "
            "'make comment' without ARTICLE lists every article id"
        )
    if reply_to and not os.path.isfile(os.path.join(folder, reply_to + ".md")):
        siblings = (
            [os.path.splitext(n)[0] for n in sorted(os.listdir(folder))]
            if (os.path.isdir(folder))
            else []
        )
        raise LookupError(
            f"article {article_id!r} has no comment {reply_to!r}{suggest(reply_to, siblings)}"
        )
    now = now or build_now()
    taken = existing_comment_ids(root)
    comment_id = new_comment_id(now)
    while comment_id.lower() in taken:
        comment_id = new_comment_id(now)
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, comment_id + ".md")
    values = {
        "date": f"{to_wita(now):%Y-%m-%d %H:%M}",
        "reply_to": reply_to,
        "placeholder": PLACEHOLDER,
    }
    text = "\n".join(line.format(**values).rstrip() for line in TEMPLATE)
    with open(path, "x", encoding="utf-8") as handle:
        handle.write(text)
    return path, article


def main(argv=None) -> int:
    """Entry point of ``python -m newsroom_cli.comment``; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m newsroom_cli.comment", description="Moderated comments: editor tools."
    )
    parser.add_argument("--settings", default="pelicanconf.py", help="Pelican settings file")
    parser.add_argument("--content", help="content folder (default: PATH from the settings)")
    commands = parser.add_subparsers(dest="command", required=True)
    new = commands.add_parser("new", help="scaffold a new comment file for an article")
    new.add_argument("article_id", nargs="?", default="", help="the article's Id")
    new.add_argument("--reply-to", default="", help="id of the comment this one answers")
    commands.add_parser("list", help="list article ids, newest first")
    args = parser.parse_args(argv)

    settings = read_settings(args.settings)
    content = args.content or settings["PATH"]
    article_paths = settings["ARTICLE_PATHS"]
    if args.command == "list" or not args.article_id:
        if args.command == "new":
            print("Which article? Give its Id: make comment ARTICLE=<article-id>\n")
        try:
            index = article_index(content, article_paths)
        except UnreadableArticle as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        for article in index:
            note = "" if article["explicit"] else "   (no Id: line; id from the file name)"
            print(f"{article['id']:32s} {article['date'][:10]:10s}  {article['title']}{note}")
        return 0 if args.command == "list" else 2
    try:
        path, article = new_comment(
            content, settings["COMMENTS_PATH"], article_paths, args.article_id, args.reply_to
        )
    except (LookupError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"created {display_path(path)}")
    print(f"  for: {article['title']}")
    print(
        "  next: fill in Author, check Date (when the reader sent it, WITA), replace the "
        "placeholder line with the comment's text, save, then publish."
    )
    if not article["explicit"]:
        print(
            f"  note: {display_path(article['path'])} has no Id: line, so its comments are "
            f"keyed to its file name; add 'Id: {article['id']}' to its header so a rename "
            "keeps them."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
