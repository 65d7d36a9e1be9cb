"""``make check``: build the site as the publish build does, into a folder deleted afterwards.

Usage: ``python -m newsroom_cli.check [-s publishconf.py] [CONTENT]`` (the Makefile sets
``PYTHONPATH=plugins``). Loads the settings and the plugins they list, then runs
:meth:`pelican.Pelican.run` itself, the publish build's code from the first file read to the
last ``finalized`` receiver: every file through the site's ``NewsMarkdownReader`` and every
plugin's checks while reading (:mod:`newsroom_tools.site_checks` included), then, when
reading found nothing, every page, feed and sitemap written (templates, feeds, output paths,
front_page's stylesheet, every plugin's ``finalized`` step). So an error that fails
``make publish`` fails ``make check`` with the same message, by construction: both stop at
the same places (news_metadata's ``stop_before_writing``, then ``finish_build``).

What differs is what is not a check: the pages go into a temporary folder (``OUTPUT_PATH``,
and ``CACHE_PATH`` beside it: Jinja's compiled templates) that is deleted afterwards, also
after an error, Ctrl+C or SIGTERM; ``output/`` and ``cache/`` are never touched. Images are
opened and checked but no derived file is made (``NEWS_IMAGES_VALIDATE_ONLY``); no Pagefind
index is built (``SEARCH_INDEX``); no content or reading cache is read or written. Every
content error reported through :func:`news_metadata.errors.report`, by any plugin, is printed
once, sorted by file and line, as ``path:line: what is wrong — how to fix it``, then a
one-line inventory of the files under content/.

Exit status: 0 when there is nothing to fix, 1 when there are content errors, 2 when the check
itself could not run (bad settings, a crash; the traceback is shown), 130 when interrupted.
"""

import argparse
import logging
import os
import shutil
import signal
import sys
import tempfile
import time

from news_metadata import errors, state
from news_metadata.plugin import CONTEXT
from pelican.log import console
from pelican.log import init as init_logging
from pelican.settings import read_settings

# Pelican.run's last line (console.print, not a log record): its counts and seconds are
# not make check's; the inventory line says what was read.
PELICAN_DONE = "Done: Processed "


def run_check(settings_file, content=None):
    """Build the whole site into a temporary folder and delete it (see the module doc).

    Args:
        settings_file: path of the settings module (publishconf.py for the publish rules).
        content: the content folder, overriding the settings' ``PATH`` (optional).

    Returns:
        ``(errors, counts)``: the list of :class:`news_metadata.errors.ContentError` (sorted by
        file and line) and a dict of counts (``articles``, ``drafts``, ``pages``, ``files``;
        ``scheduled``: sorted ``(date, path)``; ``inventory``: kind -> number of files).

    Raises:
        KeyboardInterrupt: Ctrl+C (or SIGTERM, see :func:`main`); the folder is deleted.
    """
    scratch = tempfile.mkdtemp(prefix="make-check-")
    try:
        return _build(settings_file, content, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _build(settings_file, content, scratch):
    override = {
        # Strict: errors are collected and handed over (a non-strict build logs and forgets).
        "NEWS_METADATA_STRICT": True,
        "OUTPUT_PATH": os.path.join(scratch, "output"),
        # Every cache a plugin keeps under CACHE_PATH (build_speed's compiled templates) is
        # made in the scratch folder; the content cache and the reading cache not at all.
        "CACHE_PATH": os.path.join(scratch, "cache"),
        "CACHE_CONTENT": False,
        "LOAD_CONTENT_CACHE": False,
        "BUILD_SPEED_READING_CACHE": "",
        # news_images: open and check every image, make no derived file.
        "NEWS_IMAGES_VALIDATE_ONLY": True,
        # search: the /cari/ page is written, no Pagefind index (seconds, and not a content check).
        "SEARCH_INDEX": False,
    }
    if content:
        override["PATH"] = os.path.abspath(content)
    settings = read_settings(settings_file, override=override)
    cls = settings["PELICAN_CLASS"]
    if isinstance(cls, str):
        module, name = cls.rsplit(".", 1)
        cls = getattr(__import__(module, fromlist=[name]), name)
    pelican = cls(settings)  # loads the plugins, sends `initialized`
    found = []
    captured = console.capture()
    try:
        with captured:
            pelican.run()
    except errors.ContentErrors as exc:  # news_metadata ends a strict build (module doc)
        found = exc.errors
    finally:
        sys.stdout.write(_without_done(captured.get()))
    found = sorted(
        [*found, *errors.collector.errors],
        key=lambda e: (errors.display_path(e.path), e.line or 0),
    )
    errors.collector.reset()
    return found, _counts(state.build_state().get(CONTEXT) or {})


def _without_done(text):
    """``text`` (what Pelican's console printed: the log records too) up to Pelican's "Done"
    line, the last thing ``run`` prints (rich wraps it over several lines).
    """
    if text.startswith(PELICAN_DONE):
        return ""
    return text.rsplit("\n" + PELICAN_DONE, 1)[0] + "\n" if PELICAN_DONE in text else text


def _counts(context):
    """The inventory of one build's ``context`` (see :func:`run_check`)."""
    # Scheduled pages are draft pages until their Date (newsroom_tools.schedule), like articles.
    drafts = [*context.get("drafts", []), *context.get("draft_pages", [])]
    return {
        "files": len(context.get("generated_content", {})),
        "articles": len(context.get("articles", [])),
        # Translations (Lang: en) are articles of their own files, published with their story.
        "translations": sum(len(a.translations) for a in context.get("articles", [])),
        # Pages held back count as drafts, hidden pages as pages: every file is in the line.
        "drafts": len([d for d in drafts if not getattr(d, "scheduled", False)]),
        "pages": len(context.get("pages", [])) + len(context.get("hidden_pages", [])),
        # Hidden articles are written but listed nowhere (a withdrawn one is hidden too): in the
        # line as well, so the counts add up to the files.
        "hidden": [
            errors.display_path(a.source_path)
            for a in context.get("hidden_articles", [])
            if not getattr(a, "withdrawn", False)
        ],
        "withdrawn": len(
            [a for a in context.get("hidden_articles", []) if getattr(a, "withdrawn", False)]
        ),
        "scheduled": sorted(
            (d.date, errors.display_path(d.source_path))
            for d in drafts
            if getattr(d, "scheduled", False)
        ),
        "inventory": context.get("news_inventory", {}),
    }


def inventory_line(counts):
    """The one-line inventory ``make check`` prints: articles, drafts, pages, scheduled (with
    their times, WITA), then every other kind of file under content/ (comments, static, ...).
    """
    parts = [
        f"{counts['articles']} published article(s)",
        f"{counts['drafts']} draft(s)",
        f"{counts['pages']} page(s)",
    ]
    if counts.get("translations"):
        parts.insert(1, f"{counts['translations']} translation(s)")
    hidden = counts.get("hidden") or []
    if hidden:
        parts.append(f"{len(hidden)} hidden article(s), listed nowhere ({', '.join(hidden)})")
    if counts.get("withdrawn"):
        parts.append(f"{counts['withdrawn']} withdrawn article(s)")
    scheduled = counts.get("scheduled") or []
    if scheduled:
        times = ", ".join(f"{path} at {date:%Y-%m-%d %H:%M} WITA" for date, path in scheduled)
        parts.append(f"{len(scheduled)} scheduled ({times})")
    else:
        parts.append("0 scheduled")
    labels = {"comment": "comment(s)", "static": "static file(s)", "ignored": "ignored file(s)"}
    for kind, number in sorted((counts.get("inventory") or {}).items()):
        if kind != "content":
            parts.append(f"{number} {labels.get(kind, kind + ' file(s)')}")
    return ", ".join(parts)


def _interrupt(signum, frame):
    raise KeyboardInterrupt(signal.Signals(signum).name)


def main(argv=None) -> int:
    """Command-line entry point; returns the exit status (see the module doc)."""
    parser = argparse.ArgumentParser(
        prog="make check",
        description="Check all content: build the site into a temporary folder, then delete it.",
    )
    parser.add_argument("content", nargs="?", help="content folder (default: the settings' PATH)")
    parser.add_argument("-s", "--settings", default="publishconf.py", help="settings file")
    args = parser.parse_args(argv)

    init_logging(level=logging.WARNING)
    # Errors are printed once, sorted, at the end; not also as log records while reading.
    logging.getLogger(errors.__name__).setLevel(logging.CRITICAL)
    started = time.perf_counter()
    # SIGTERM ends the check as Ctrl+C does, so the temporary folder is deleted too.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        found, counts = run_check(args.settings, args.content)
    except KeyboardInterrupt:
        print("make check: interrupted; nothing was checked to the end.", file=sys.stderr)
        return 130
    except Exception:
        logging.getLogger(__name__).exception("make check could not run")
        return 2
    finally:
        signal.signal(signal.SIGTERM, previous)
    seconds = time.perf_counter() - started
    summary = f"{inventory_line(counts)}; checked in {seconds:.1f} s"
    if found:
        print(f"make check: {len(found)} content error(s):")
        for error in found:
            print(f"  {error}")
        print(f"make check: {summary}; fix the error(s) above, the publish build would fail.")
        return 1
    print(f"make check: no problems found ({summary}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
