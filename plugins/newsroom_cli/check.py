"""``make check``: read and validate all content as the publish build does, write nothing.

Usage: ``python -m newsroom_cli.check [-s publishconf.py] [CONTENT]`` (the Makefile sets
``PYTHONPATH=plugins``). Loads the settings and the plugins they list, then runs exactly the
reading half of :meth:`pelican.Pelican.run`: every generator's ``generate_context`` (so every
file goes through the site's ``NewsMarkdownReader`` and every plugin's reading-time checks,
including :mod:`newsroom_tools.site_checks`), then ``all_generators_finalized``. No writer is made,
so no page, feed or cache file is written. Every content error reported through
:func:`news_metadata.errors.report`, by any plugin, is printed once, sorted by file and line, as
``path:line: what is wrong — how to fix it``.

Exit status: 0 when there is nothing to fix, 1 when there are content errors, 2 when the check
itself could not run (bad settings, a crash; the traceback is shown).
"""

import argparse
import logging
import os
import sys
import time

from news_metadata import errors
from news_metadata.compat import new_generators
from pelican import signals
from pelican.log import init as init_logging
from pelican.settings import read_settings


def run_check(settings_file, content=None):
    """Read the whole site without writing it.

    Args:
        settings_file: path of the settings module (publishconf.py for the publish rules).
        content: the content folder, overriding the settings' ``PATH`` (optional).

    Returns:
        ``(errors, counts)``: the list of :class:`news_metadata.errors.ContentError` (sorted by
        file and line) and a dict of counts (``articles``, ``drafts``, ``pages``, ``files``;
        ``scheduled``: sorted ``(date, path)``; ``inventory``: kind -> number of files).
    """
    override = {
        # Strict: errors are collected and handed over (a non-strict build logs and forgets).
        "NEWS_METADATA_STRICT": True,
        # Nothing is written: no content cache either.
        "CACHE_CONTENT": False,
        "LOAD_CONTENT_CACHE": False,
        # build_speed's persistent reading cache neither read (check reads every file) nor written.
        "BUILD_SPEED_READING_CACHE": "",
        # news_images: open and check every image, make no derived file.
        "NEWS_IMAGES_VALIDATE_ONLY": True,
    }
    if content:
        override["PATH"] = os.path.abspath(content)
    settings = read_settings(settings_file, override=override)
    cls = settings["PELICAN_CLASS"]
    if isinstance(cls, str):
        module, name = cls.rsplit(".", 1)
        cls = getattr(__import__(module, fromlist=[name]), name)
    pelican = cls(settings)  # loads the plugins, sends `initialized`

    # The reading half of Pelican.run(): the same context, the same generators, in order.
    context, generators = new_generators(pelican, settings)
    found = []
    try:
        for generator in generators:
            if hasattr(generator, "generate_context"):
                generator.generate_context()
            if hasattr(generator, "check_disabled_readers"):
                generator.check_disabled_readers()
        signals.all_generators_finalized.send(generators)
    except errors.ContentErrors as exc:  # news_metadata ends a strict build here
        found = exc.errors
    found = sorted(
        [*found, *errors.collector.errors],
        key=lambda e: (errors.display_path(e.path), e.line or 0),
    )
    errors.collector.reset()
    # Scheduled pages are draft pages until their Date (newsroom_tools.schedule), like articles.
    drafts = [*context.get("drafts", []), *context.get("draft_pages", [])]
    counts = {
        "files": len(context["generated_content"]),
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
    return found, counts


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


def main(argv=None) -> int:
    """Command-line entry point; returns the exit status (see the module doc)."""
    parser = argparse.ArgumentParser(
        prog="make check", description="Check all content without building pages."
    )
    parser.add_argument("content", nargs="?", help="content folder (default: the settings' PATH)")
    parser.add_argument("-s", "--settings", default="publishconf.py", help="settings file")
    args = parser.parse_args(argv)

    init_logging(level=logging.WARNING)
    # Errors are printed once, sorted, at the end; not also as log records while reading.
    logging.getLogger(errors.__name__).setLevel(logging.CRITICAL)
    started = time.perf_counter()
    try:
        found, counts = run_check(args.settings, args.content)
    except Exception:
        logging.getLogger(__name__).exception("make check could not run")
        return 2
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
