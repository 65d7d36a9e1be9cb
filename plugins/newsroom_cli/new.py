"""``make new TITLE="..." [CATEGORY=...] [AUTHOR=...]``: write a new article file, print its path.

Usage: ``python -m newsroom_cli.new --title TITLE [--category C] [--author A]
[-s pelicanconf.py] [--content content]``.

The file goes to ``NEWSROOM_TOOLS_NEW_ARTICLE_PATH`` (``articles/<yyyy>/<slug>.md``) with every
required key of the content model filled in: ``Title``; ``Date`` = now in WITA
(:func:`news_metadata.clock.build_now`, so ``SOURCE_DATE_EPOCH`` fixes it); ``Author`` (checked
against ``content/data/authors.yml``; default: ``git config user.name`` when that is a known
author); ``Category`` (checked against ``NEWS_METADATA_CATEGORIES``; default: the first one);
``Id``, a stable identifier (:func:`news_metadata.ids.new_id`); and ``Status: draft`` unless
``NEWSROOM_TOOLS_NEW_STATUS = "published"``. The slug is news_metadata's ``make_slug`` of the
title (Pelican's ``slugify``, cut at a word boundary to ``NEWS_METADATA_SLUG_MAX_LENGTH``), the
reader's own rule. An existing file is never overwritten.

Exit status: 0 written (the path is the only line on stdout); 1 a wrong value (the message says
what to write instead).
"""

import argparse
import logging
import os
import subprocess
import sys

from news_metadata.clock import build_now
from news_metadata.dates import WITA
from news_metadata.ids import new_id
from news_metadata.profiles import load_profiles
from news_metadata.settings import apply_defaults as news_defaults
from news_metadata.slugs import make_slug
from news_metadata.text import suggest
from newsroom_tools.settings import SCAFFOLD_BODY, apply_defaults
from pelican.settings import read_settings

BODY = SCAFFOLD_BODY + "\n"


class UsageError(Exception):
    """A value the editor gave (or did not give) cannot be used; the message says why."""


def article_source(title, date, author, category, article_id, status, extra=()):
    """Return the Markdown text of a new article (header, blank line, placeholder body).

    Args:
        title: headline, one line of plain text.
        date: aware ``datetime``; written in WITA as ``YYYY-MM-DD HH:MM``.
        author, category: as they must appear in the header.
        article_id: the stable Id.
        status: "draft" (adds ``Status: draft``) or "published".
        extra: more header lines (``"Key: value"`` strings) after ``Id``, e.g. the
            corrections plugin's ``Type: hak-jawab``.
    """
    lines = [
        f"Title: {title}",
        f"Date: {date.astimezone(WITA):%Y-%m-%d %H:%M}",
        f"Author: {author}",
        f"Category: {category}",
        f"Id: {article_id}",
        *extra,
    ]
    if status == "draft":
        lines.append("Status: draft")
    return "\n".join(lines) + "\n\n" + BODY


def _git_user():
    try:
        result = subprocess.run(
            ["git", "config", "user.name"], capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return result.stdout.strip()


def _pick_author(wanted, profiles):
    # Any case is accepted here; the header gets the name exactly as authors.yml writes it.
    profiles = {p["name"].casefold(): p for p in profiles.values()}
    names = [p["name"] for p in profiles.values()]
    listed = ", ".join(names) or "(none: add profiles to content/data/authors.yml)"
    if not wanted:
        git_name = _git_user()
        if git_name.casefold() in profiles:
            return profiles[git_name.casefold()]["name"]
        raise UsageError(
            f'no AUTHOR given — write make new TITLE="..." AUTHOR="<name>" with one of: {listed}'
        )
    profile = profiles.get(wanted.strip().casefold())
    if profile is None:
        raise UsageError(
            f"unknown author {wanted!r}{suggest(wanted, names)} — use one of: {listed} "
            "(or add a profile to content/data/authors.yml)"
        )
    return profile["name"]


def _pick_category(wanted, allowed):
    if not wanted:
        if not allowed:
            raise UsageError('no CATEGORY given — write make new TITLE="..." CATEGORY="..."')
        return allowed[0]
    for name in allowed:
        if name.casefold() == wanted.strip().casefold():
            return name
    if not allowed:
        return wanted.strip()
    raise UsageError(
        f"unknown category {wanted!r}{suggest(wanted, allowed)} — use one of: {', '.join(allowed)}"
    )


def create_article(settings, title, author=None, category=None, now=None, token=None, extra=()):
    """Write a new article file.

    Args:
        settings: Pelican settings dict (``PATH``, ``NEWS_METADATA_*``, ``SLUG*``).
        title: the headline.
        author, category: as given by the editor, or None for the defaults (module doc).
        now: aware ``datetime`` to use instead of :func:`build_now` (tests).
        token: fixed Id suffix (tests).
        extra: more header lines, see :func:`article_source`.

    Returns:
        the absolute path of the new file.

    Raises:
        UsageError: empty title, unknown author or category, or the file exists already.
    """
    apply_defaults(settings)
    title = " ".join((title or "").split())
    if not title:
        raise UsageError('no TITLE given — write make new TITLE="Judul berita"')
    content = settings["PATH"]
    profiles_file = os.path.join(content, settings.get("NEWS_METADATA_AUTHORS_FILE", ""))
    author = _pick_author(author, load_profiles(profiles_file))
    category = _pick_category(category, list(settings.get("NEWS_METADATA_CATEGORIES") or []))
    now = now or build_now()
    news_defaults(settings)
    slug = make_slug(title, settings)  # the reader's own rule: same file name, same URL
    if not slug:
        raise UsageError(f"the title {title!r} has no letters or digits for the URL — reword it")
    date = now.astimezone(WITA)
    relative = settings["NEWSROOM_TOOLS_NEW_ARTICLE_PATH"].format(date=date, slug=slug)
    path = os.path.join(content, relative)
    if os.path.exists(path):
        raise UsageError(
            f"{os.path.relpath(path)} already exists — edit that file, or choose another TITLE"
        )
    text = article_source(
        title,
        date,
        author,
        category,
        new_id(date, token),
        settings["NEWSROOM_TOOLS_NEW_STATUS"],
        extra,
    )
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "x", encoding="utf-8") as handle:
        handle.write(text)
    return os.path.abspath(path)


def main(argv=None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(prog="make new", description=__doc__.splitlines()[0])
    parser.add_argument("--title", default="")
    parser.add_argument("--category", default="")
    parser.add_argument("--author", default="")
    parser.add_argument("-s", "--settings", default="pelicanconf.py")
    parser.add_argument("--content", help="content folder (default: the settings' PATH)")
    args = parser.parse_args(argv)
    override = {"PATH": os.path.abspath(args.content)} if args.content else {}
    logging.basicConfig(format="%(message)s")
    logging.getLogger("pelican.settings").setLevel(logging.ERROR)  # feed/SITEURL hints: noise here
    settings = read_settings(args.settings, override=override)
    try:
        path = create_article(settings, args.title, args.author, args.category)
    except UsageError as exc:
        print(f"make new: {exc}", file=sys.stderr)
        return 1
    print(os.path.relpath(path))
    if settings["NEWSROOM_TOOLS_NEW_STATUS"] == "draft":
        print(
            "make new: written as a draft (make devserver shows it under draf/); delete the "
            "'Status: draft' line when it is ready to publish.",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
