"""The editor's commands: correct, clarify or update, withdraw, and answer (hak jawab).

``python -m newsroom_cli.correction`` (with ``plugins/`` on the path; the Makefile targets run it):

- ``correction --article=<id> --kind=koreksi|klarifikasi|pembaruan`` (``make correction``):
  appends an entry with the time now in WITA (:func:`news_metadata.clock.build_now`, so
  ``SOURCE_DATE_EPOCH`` fixes it) and a placeholder text to
  ``content/corrections/<id>.yml``, creating the file; prints ``path:line`` of the entry.
- ``withdraw --article=<id> --reason=<reason> [--note=TEXT]`` (``make withdraw``): sets
  ``Status: withdrawn``, ``Withdrawn_reason``, ``Withdrawn_date`` (now, WITA) and optionally
  ``Withdrawn_note`` in the article's header.
- ``hak-jawab --article=<id> [--author=NAME]`` (``make hak-jawab``): writes a new draft article
  (``make new``'s rules) titled "Hak Jawab: <original title>", in the original's section, with
  ``Type: hak-jawab`` and ``Replies_to: <id>``.
- ``list``: every article id, newest first.

Every id, value and path is checked before anything is written; an existing file is only
ever appended to (corrections) or rewritten whole through a temporary file (withdraw).
Exit status: 0 done; 2 a value cannot be used (the message says what to write instead).
"""

import argparse
import logging
import os
import sys

import yaml
from corrections.entries import EXTENSION, PLACEHOLDER
from corrections.settings import KINDS, REPLY_TYPE, WITHDRAWN_STATUS, apply_defaults
from news_metadata import header as header_scan
from news_metadata.clock import build_now
from news_metadata.dates import parse_date, to_wita
from news_metadata.encoding import NotUtf8, read_text
from news_metadata.errors import display_path
from news_metadata.header import split_fields
from news_metadata.ids import article_id_problem
from news_metadata.settings import known_keys
from news_metadata.text import suggest

from .comment import UnreadableArticle, article_index

# A new file is the web editor's form (the list under `entries:`, plugins/cms): the editor reads
# only that form (Decap reads a top-level list as no fields), and this command appends to both.
NEW_FILE = (
    "# Koreksi, klarifikasi dan pembaruan untuk {id} (plugins/corrections/README.md)\n"
    "article: {id}\n"
    "entries:\n"
)
NEW_FILE_INDENT = "  "
ENTRY = (
    "- date: {date}\n"
    "  kind: {kind}\n"
    "  text: >-\n"
    "    {placeholder}\n"
    "  # part: paragraf kedua   (opsional: bagian tulisan yang dikoreksi)\n"
)


class UsageError(Exception):
    """A value the editor gave cannot be used; the message says what to do instead."""


def read_settings(path, content=None):
    """Pelican's settings from ``path`` with the CORRECTIONS_* defaults (and ``PATH`` =
    ``content`` when given).
    """
    from pelican.settings import read_settings as pelican_settings

    logging.getLogger("pelican.settings").setLevel(logging.ERROR)  # feed hints: noise here
    override = {"PATH": os.path.abspath(content)} if content else {}
    settings = pelican_settings(path, override=override)
    apply_defaults(settings)
    return settings


def find_article(settings, article_id):
    """Return the :func:`newsroom_cli.comment.article_index` entry of ``article_id``.

    Raises:
        UsageError: no id given, no such article, or an id that is not a safe file name.
    """
    articles = {a["id"]: a for a in article_index(settings["PATH"], settings["ARTICLE_PATHS"])}
    if not article_id:
        raise UsageError("which article? write ARTICLE=<id>; 'make correction' lists the ids")
    article = articles.get(article_id)
    if article is None:
        raise UsageError(
            f"no article has Id {article_id!r}{suggest(article_id, list(articles))}; "
            "'make correction' without ARTICLE lists every article id"
        )
    problem = article_id_problem(article_id)
    if problem:
        raise UsageError(f"{problem}: give {display_path(article['path'])} a valid 'Id:' first")
    return article


def _now_text(now):
    return f"{to_wita(now):%Y-%m-%d %H:%M}"


def _check_published_before(article, now):
    try:
        date = to_wita(parse_date(article["date"]))
    except ValueError:
        raise UsageError(
            f"{display_path(article['path'])} has no usable Date; fix it first (make check)"
        ) from None
    if date > to_wita(now):
        raise UsageError(
            f"{display_path(article['path'])} is not published yet (Date {article['date']}): "
            "edit the article itself, a correction is for what readers have already seen"
        )


def add_correction(settings, article_id, kind, now=None):
    """Append a new entry for ``article_id`` to its correction file.

    Args:
        settings: Pelican's settings (``PATH``, ``ARTICLE_PATHS``, ``CORRECTIONS_PATH``).
        article_id: an article's ``Id``.
        kind: one of :data:`corrections.settings.KINDS` (any case).
        now: aware ``datetime`` (default :func:`build_now`).

    Returns:
        ``(path, line, article)``: the file, the 1-based line of the new entry, the article's
        index entry.

    Raises:
        UsageError: unknown article or kind, an unpublished article, or an existing file that
        is not a YAML list (fix it first: nothing is appended to a broken file).
    """
    kind_name = (kind or "").strip().lower()
    if kind_name not in KINDS:
        got = f"unknown KIND {kind!r}{suggest(kind_name, list(KINDS))}" if kind else "no KIND"
        raise UsageError(f"{got}; write KIND= and one of: {', '.join(KINDS)}")
    article = find_article(settings, article_id)
    now = now or build_now()
    _check_published_before(article, now)
    root = os.path.join(settings["PATH"], settings["CORRECTIONS_PATH"])
    path = os.path.join(root, article_id + EXTENSION)
    text = ""
    if os.path.exists(path):
        try:
            text = read_text(path)
        except NotUtf8 as exc:
            raise UsageError(f"{display_path(path)}: {exc.message} — {exc.fix}") from None
        try:
            existing = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise UsageError(
                f"{display_path(path)} is not valid YAML ({exc}); fix it first (make check)"
            ) from None
        indent = _entries_indent(path, text, existing)
    else:
        text = NEW_FILE.format(id=article_id)
        existing, indent = {"entries": []}, NEW_FILE_INDENT
    prefix = "" if text == "" or text.endswith("\n") else "\n"
    line = text.count("\n") + 1 + len(prefix)
    entry = ENTRY.format(date=_now_text(now), kind=kind_name, placeholder=PLACEHOLDER)
    entry = "".join(indent + row for row in entry.splitlines(True))
    _check_appended(path, existing, text + prefix + entry)
    os.makedirs(root, exist_ok=True)
    mode = "a" if os.path.exists(path) else "x"
    with open(path, mode, encoding="utf-8") as handle:
        handle.write((prefix + entry) if mode == "a" else text + entry)
    return path, line, article


def _entries_indent(path, text, existing):
    """The indent of a new entry in an existing correction file: none in the hand-written form
    (a top-level list), that of the items under ``entries:`` in the web editor's form (which
    must be the file's last key, so the entry can be appended to the file's end).

    Raises:
        UsageError: neither form, or ``entries:`` is not the last key.
    """
    if existing is None or isinstance(existing, list):
        return ""
    if not isinstance(existing, dict) or not isinstance(existing.get("entries", []), list):
        raise UsageError(f"{display_path(path)} is not a list of entries; fix it first")
    rows = text.splitlines()
    keys = [i for i, row in enumerate(rows) if row[:1] not in ("", " ", "\t", "#", "-")]
    if not keys or rows[keys[-1]].rstrip() != "entries:":
        raise UsageError(
            f"{display_path(path)}: 'entries:' is not the file's last key, so a new entry "
            "cannot be added at its end; add it in the web editor (Koreksi) or by hand"
        )
    items = [row for row in rows[keys[-1] + 1 :] if row.lstrip().startswith("- ")]
    return items[0][: len(items[0]) - len(items[0].lstrip())] if items else NEW_FILE_INDENT


def _check_appended(path, existing, text):
    """Refuse to write ``text`` unless it reads as ``existing`` plus one entry at the end.

    Raises:
        UsageError: the file would read otherwise (a form this command does not know).
    """
    try:
        after = yaml.safe_load(text)
    except yaml.YAMLError:
        after = None
    before = existing if isinstance(existing, list) else (existing or {}).get("entries") or []
    entries = after if isinstance(after, list) else (after or {}).get("entries")
    if not isinstance(entries, list) or entries[:-1] != before or len(entries) != len(before) + 1:
        raise UsageError(
            f"{display_path(path)}: a new entry cannot be added at the file's end; add it in "
            "the web editor (Koreksi) or by hand"
        )


def withdraw(settings, article_id, reason, note="", now=None):
    """Withdraw ``article_id``: rewrite its header with the withdrawal keys.

    Args:
        reason: a key of ``CORRECTIONS_WITHDRAWAL_REASONS`` (any case).
        note: one line of explanation for readers, or "".

    Returns:
        ``(path, article)``.

    Raises:
        UsageError: unknown article or reason, a draft, an article already withdrawn or with
        ``Withdrawn_*`` lines, or a file whose header cannot be found.
    """
    reasons = settings["CORRECTIONS_WITHDRAWAL_REASONS"]
    reason_name = (reason or "").strip().lower()
    if reason_name not in reasons:
        listed = "; ".join(f"{name} ({words})" for name, words in reasons.items())
        got = (
            f"unknown REASON {reason!r}{suggest(reason_name, list(reasons))}"
            if reason
            else ("no REASON")
        )
        raise UsageError(
            f"{got}; a story is withdrawn only for one of the guideline's reasons "
            f"(Pedoman Pemberitaan Media Siber point 5): {listed}"
        )
    note = " ".join((note or "").split())
    article = find_article(settings, article_id)
    now = now or build_now()
    _check_published_before(article, now)
    path = article["path"]
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    fields, _ = split_fields(text)
    values = {key: (value.strip(), line) for key, _, value, line in fields}
    status = values.get("status", ("", None))[0].lower()
    where = display_path(path)
    if status == WITHDRAWN_STATUS:
        raise UsageError(f"{where} is already withdrawn")
    if status == "draft":
        raise UsageError(f"{where} is a draft, never published: delete it instead")
    for key in ("withdrawn_reason", "withdrawn_date", "withdrawn_note"):
        if key in values:
            raise UsageError(f"{where}:{values[key][1]} already has a {key.capitalize()} line")
    scanned = header_scan.scan(text.lstrip("\ufeff"), known_keys(settings))
    rows = text.split("\n")
    end = scanned.end
    if not end:
        raise UsageError(f"{where} has no header; fix it first (make check)")
    if rows[end - 1].strip().startswith(("---", "...")):
        end -= 1  # before a closing '---'
    added = [f"Withdrawn_reason: {reason_name}", f"Withdrawn_date: {_now_text(now)}"]
    if note:
        added.append(f"Withdrawn_note: {note}")
    if "status" in scanned.lines:
        rows[scanned.lines["status"] - 1] = f"Status: {WITHDRAWN_STATUS}"
    else:
        added.insert(0, f"Status: {WITHDRAWN_STATUS}")
    rows[end:end] = added
    temporary = f"{path}.tmp-withdraw"
    with open(temporary, "x", encoding="utf-8") as handle:
        handle.write("\n".join(rows))
    os.replace(temporary, path)
    return path, article


def new_reply(settings, article_id, author=None, now=None, token=None):
    """Write a draft hak jawab for ``article_id`` (see the module doc).

    Returns:
        ``(path, article)``: the new file and the original's index entry.

    Raises:
        UsageError: unknown article, an original that is itself a reply or already has one,
        or anything :func:`newsroom_cli.new.create_article` refuses (author, existing file).
    """
    from .new import UsageError as NewUsageError
    from .new import create_article

    article = find_article(settings, article_id)
    index = article_index(settings["PATH"], settings["ARTICLE_PATHS"])
    headers = {}
    for entry in index:
        with open(entry["path"], encoding="utf-8") as handle:
            fields, _ = split_fields(handle.read())
        headers[entry["path"]] = {key: value.strip() for key, _, value, _ in fields}
    original = headers[article["path"]]
    if original.get("type", "").lower() == REPLY_TYPE:
        raise UsageError(
            f"{display_path(article['path'])} is itself a hak jawab; give the Id of the article "
            "it answers"
        )
    for path, values in headers.items():
        if values.get("replies_to") == article_id:
            raise UsageError(
                f"{display_path(article['path'])} already has a hak jawab: {display_path(path)} "
                "(published once per news item, Pedoman Hak Jawab 13.e); edit that file"
            )
    try:
        path = create_article(
            settings,
            f"Hak Jawab: {article['title']}",
            author,
            original.get("category"),
            now=now,
            token=token,
            extra=[f"Type: {REPLY_TYPE}", f"Replies_to: {article_id}"],
        )
    except NewUsageError as exc:
        raise UsageError(str(exc)) from None
    return path, article


def main(argv=None) -> int:
    """Entry point of ``python -m newsroom_cli.correction``; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m newsroom_cli.correction", description="Corrections, withdrawals, hak jawab."
    )
    parser.add_argument("--settings", default="pelicanconf.py", help="Pelican settings file")
    parser.add_argument("--content", help="content folder (default: PATH from the settings)")
    commands = parser.add_subparsers(dest="command", required=True)
    correction = commands.add_parser("correction", help="add a correction entry")
    correction.add_argument("--article", default="")
    correction.add_argument("--kind", default="")
    withdrawal = commands.add_parser("withdraw", help="withdraw an article")
    withdrawal.add_argument("--article", default="")
    withdrawal.add_argument("--reason", default="")
    withdrawal.add_argument("--note", default="")
    reply = commands.add_parser("hak-jawab", help="scaffold a hak jawab for an article")
    reply.add_argument("--article", default="")
    reply.add_argument("--author", default="")
    commands.add_parser("list", help="list article ids, newest first")
    args = parser.parse_args(argv)
    settings = read_settings(args.settings, args.content)

    try:
        if args.command == "list" or not args.article:
            if args.command != "list":
                print(f"Which article? make {args.command} ARTICLE=<id> ...\n", file=sys.stderr)
            for article in article_index(settings["PATH"], settings["ARTICLE_PATHS"]):
                print(f"{article['id']:32s} {article['date'][:10]:10s}  {article['title']}")
            return 0 if args.command == "list" else 2
        if args.command == "correction":
            path, line, article = add_correction(settings, args.article, args.kind)
            print(f"{display_path(path)}:{line}")
            print(
                f"  for: {article['title']}\n  next: replace the placeholder after 'text:' with "
                "what was wrong and what is right (add 'part:' if it helps), fix the article's "
                "text itself, then publish. The article's Modified follows by itself.",
                file=sys.stderr,
            )
            with open(article["path"], encoding="utf-8") as handle:
                fields, _ = split_fields(handle.read())
            if any(key == "modified" for key, *_ in fields):
                print(
                    f"  note: {display_path(article['path'])} has a Modified line older than "
                    "this entry: delete it (it would be an error).",
                    file=sys.stderr,
                )
        elif args.command == "withdraw":
            path, article = withdraw(settings, args.article, args.reason, args.note)
            print(display_path(path))
            print(
                f"  withdrawn: {article['title']}\n  next: publish; the page becomes the "
                "withdrawal notice and the story leaves every listing, feed and sitemap.",
                file=sys.stderr,
            )
        else:
            path, article = new_reply(settings, args.article, args.author or None)
            print(display_path(path))
            print(
                f"  hak jawab for: {article['title']}\n  next: paste the reply's text (only "
                "technical edits), check Title and Author, delete 'Status: draft', publish.",
                file=sys.stderr,
            )
    except (UsageError, UnreadableArticle) as exc:
        print(f"make {args.command}: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
