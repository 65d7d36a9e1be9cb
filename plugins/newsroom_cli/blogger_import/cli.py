"""``make import-blogger FILE=export.xml [DOWNLOAD=1]``: import a Blogger blog, print a report.

Usage: ``python -m newsroom_cli.blogger_import FILE [--download] [-s pelicanconf.py]
[--content content] [--report PATH] [--no-check]`` (the Makefile sets ``PYTHONPATH=plugins``).

One run: read the export (:mod:`.export`), plan every file (:mod:`.plan`), optionally download
Blogger-hosted images (:mod:`.images`), write through a staging folder (:mod:`.staging`), write
the mapping proposal, new author profiles, the labels file for ``blogger_redirects`` and the
manifest, then check the whole site as ``make check`` does and print the report (also saved to
``--report``, default ``blogger-import-report.txt``).

Exit status: 0 imported (the report may still list things to do), 1 the export or the mapping
file cannot be used (nothing was written), 2 the import itself failed (nothing was moved).
"""

import argparse
import io
import json
import logging
import os
import sys
import time

from news_metadata.errors import display_path

from . import images
from .export import ExportError, read_export
from .mapping import MappingError, load_mapping, proposal
from .plan import Options, OutputFile, plan, profiles_text
from .settings import apply_defaults
from .staging import commit, decide, load_manifest


def read_settings(path, content=None):
    """Pelican's settings from ``path`` with the BLOGGER_* defaults (and ``PATH`` = content)."""
    from blogger_redirects.settings import apply_defaults as redirect_defaults
    from pelican.settings import read_settings as pelican_settings

    logging.getLogger("pelican.settings").setLevel(logging.ERROR)
    override = {"PATH": os.path.abspath(content)} if content else {}
    settings = pelican_settings(path, override=override)
    apply_defaults(settings)
    redirect_defaults(settings)
    return settings


def options_from(settings, image_hosts=None):
    """:class:`.plan.Options` from Pelican settings."""
    categories = tuple(settings.get("NEWS_METADATA_CATEGORIES") or ())
    default = settings["BLOGGER_IMPORT_DEFAULT_CATEGORY"] or (
        categories[0] if categories else "Berita"
    )
    return Options(
        content=settings["PATH"],
        article_folder=settings["ARTICLE_PATHS"][0].strip("/"),
        page_folder=settings["PAGE_PATHS"][0].strip("/"),
        comments_folder=settings.get("COMMENTS_PATH", "comments"),
        authors_file=settings.get("NEWS_METADATA_AUTHORS_FILE", "data/authors.yml"),
        categories=categories,
        default_category=default,
        image_hosts=tuple(image_hosts or settings["BLOGGER_IMPORT_IMAGE_HOSTS"]),
        slug_settings=settings,
    )


def run_import(export_path, settings, download=False, image_hosts=None):
    """Import ``export_path`` into ``settings["PATH"]``.

    Args:
        export_path: the Blogger export file.
        settings: from :func:`read_settings`.
        download: fetch Blogger-hosted images into ``content/images/<yyyy>/``.
        image_hosts: host suffixes to treat as Blogger's CDN (default: the setting).

    Returns:
        :class:`.plan.Report`; its ``actions`` name the extra files the editor should open.

    Raises:
        ExportError, MappingError: unusable input; nothing written.
        ValueError: an unusable manifest; nothing written.
    """
    content = settings["PATH"]
    export = read_export(export_path)
    mapping_path = os.path.join(content, settings["BLOGGER_IMPORT_MAPPING_FILE"])
    mapping = load_mapping(mapping_path)
    manifest_path = os.path.join(content, settings["BLOGGER_IMPORT_MANIFEST_FILE"])
    manifest = load_manifest(manifest_path)
    options = options_from(settings, image_hosts)
    files, report, found = plan(export, mapping, options)
    files += _images(files, report, options, download)
    write, notes, hashes = decide(files, content, manifest)
    for relative, note in notes:
        report.warnings[relative].append(note)
    extra = []
    authors_path = os.path.join(content, options.authors_file)
    if report.new_profiles:
        existing = ""
        if os.path.exists(authors_path):
            with open(authors_path, encoding="utf-8") as handle:
                existing = handle.read()
        text = existing.rstrip("\n") + "\n" + profiles_text(report.new_profiles)
        extra.append((options.authors_file, text.encode("utf-8")))
    if not os.path.exists(mapping_path):
        text = proposal(
            found["authors"], found["labels"], set(_profile_names(authors_path)), options.categories
        )
        extra.append((settings["BLOGGER_IMPORT_MAPPING_FILE"], text.encode("utf-8")))
        report.actions.append(
            f"wrote {settings['BLOGGER_IMPORT_MAPPING_FILE']} (fill it in, then import again)"
        )
    labels = {"labels": dict(sorted(found["label_targets"].items()))}
    extra.append((settings["BLOGGER_REDIRECTS_LABELS_FILE"], _labels_text(labels).encode("utf-8")))
    manifest_data = {
        "version": 1,
        "source": os.path.basename(export_path),
        "files": dict(sorted({**manifest, **hashes}.items())),
    }
    extra.append(
        (
            settings["BLOGGER_IMPORT_MANIFEST_FILE"],
            (json.dumps(manifest_data, indent=1, ensure_ascii=False) + "\n").encode("utf-8"),
        )
    )
    report.unused_profiles = _unused_unconfirmed(authors_path, found["used_authors"])
    commit(content, [(item.relative, data) for item, data in write] + extra)
    written = {item.relative for item, _ in write}
    noted = {relative for relative, _ in notes}
    report.counts["files written"] = len(write)
    report.counts["files not touched"] = len(noted)
    report.counts["files unchanged"] = sum(
        1 for item in files if item.relative not in written and item.relative not in noted
    )
    return report


def _unused_unconfirmed(path, used):
    """Names of ``confirmed: false`` profiles in authors.yml that no imported article uses
    (an earlier import made them, then the mapping sent the name elsewhere).
    """
    import yaml

    try:
        with open(path, encoding="utf-8") as handle:
            entries = yaml.safe_load(handle) or []
    except (OSError, yaml.YAMLError):
        return []
    return sorted(
        str(e.get("name"))
        for e in entries
        if isinstance(e, dict) and e.get("confirmed") is False and e.get("name") not in used
    )


def _profile_names(path):
    from news_metadata.profiles import load_profiles

    return load_profiles(path) if os.path.exists(path) else {}


def _labels_text(data):
    note = (
        "Written by make import-blogger on every import: each Blogger label and where "
        "/search/label/<label> now leads (plugins/blogger_redirects/README.md)."
    )
    return json.dumps({"comment": note, **data}, indent=1, ensure_ascii=False) + "\n"


def _images(files, report, options, download):
    """Point the articles at local copies of their Blogger images: the copies already in
    ``content/`` (an earlier ``DOWNLOAD=1``, so a plain re-import does not undo it) and, with
    ``download``, freshly fetched ones. Returns the new image files; ``report.images`` keeps
    the links left on Blogger.
    """
    wanted = [
        (rel, url, year)
        for rel, url, year in report.images
        if images.is_blogger_image(url, options.image_hosts)
    ]
    taken = {}
    local = {}
    for _, url, year in sorted(wanted, key=lambda w: w[1]):
        if url not in local:
            local[url] = images.local_name(url, year, taken)
    present = {
        url for url, path in local.items() if os.path.isfile(os.path.join(options.content, path))
    }
    missing = [url for url in local if url not in present]
    fetched = images.fetch_all(missing) if download and missing else {}
    by_path = {item.relative: item for item in files}
    out = []
    left = []
    for relative, url, year in wanted:
        if url not in present and fetched.get(url, (None, None))[0] is None:
            if download:
                report.warnings[relative].append(f"image left on Blogger: {fetched[url][1]}")
            left.append((relative, url, year))
            continue
        item = by_path[relative]
        item.text = item.text.replace(f"]({url})", f"]({{static}}/{local[url]})")
    for url in sorted(fetched, key=lambda u: local[u]):
        data, _ = fetched[url]
        if data is not None:
            out.append(OutputFile(local[url], data=data, kind="image"))
            report.counts["images downloaded"] += 1
    report.images = left
    return out


def format_report(report, seconds, check_errors=None):
    """The report as text (also what the command prints)."""
    out = io.StringIO()
    counts = report.counts
    write = out.write
    write("Blogger import report\n=====================\n")
    write(
        f"Imported in {seconds:.1f} s: {counts['posts']} post(s), "
        f"{counts['draft posts']} draft post(s), {counts['pages']} page(s), "
        f"{counts['draft pages']} draft page(s), {counts['comments']} comment(s) "
        f"({counts['of them replies']} of them replies), "
        f"{counts['images downloaded']} image(s) downloaded.\n"
    )
    write(
        f"Files: {counts['files written']} written, "
        f"{counts['files unchanged']} already up to date, "
        f"{counts['files not touched']} left as they are (see the warnings).\n"
    )
    for action in report.actions:
        write(f"  {action}\n")
    if report.skipped:
        write(f"\nSkipped ({len(report.skipped)}):\n")
        for line, what, reason in sorted(report.skipped, key=lambda s: s[0] or 0):
            write(f"  export line {line}: {what}: {reason}\n")
    others = {k: v for k, v in counts.items() if k.startswith("other entries")}
    for key, value in sorted(others.items()):
        write(f"  not imported, as expected: {value} {key}\n")
    todo = []
    if report.mapping_errors:
        todo += [f"fix the mapping file: {e}" for e in report.mapping_errors]
    if report.new_profiles:
        names = ", ".join(f"{n} ({a})" for n, a in report.new_profiles)
        todo.append(
            "new author profiles in content/data/authors.yml, marked 'confirmed: false': "
            f"{names} — "
            "check each name and affiliation and delete its 'confirmed: false' line, or map the "
            "name to an existing profile in content/data/blogger-mapping.yml and import again"
        )
    for name in report.unused_profiles:
        todo.append(
            f"the profile {name!r} in content/data/authors.yml (confirmed: false) is no longer "
            "used by any imported article: delete it"
        )
    for name, typed, profile in sorted(set(report.affiliations)):
        todo.append(
            f"{name}: a post's byline says ({typed}), the profile says ({profile}) — "
            "update the profile if the byline is newer"
        )
    if report.unmapped_labels:
        labels = ", ".join(f"{label} ({n})" for label, n in report.unmapped_labels.most_common())
        todo.append(
            "labels that became Tags (map any that is a section in "
            "content/data/blogger-mapping.yml "
            f"under 'sections:' and import again): {labels}"
        )
    if report.default_category:
        todo.append(
            f"{len(report.default_category)} post(s) have no label mapped to a section and got the "
            f"default section: check their Category (e.g. {report.default_category[0]})"
        )
    if report.images:
        todo.append(
            f"{len(report.images)} image link(s) still point to Blogger's servers "
            "(they keep working "
            "while the Blogger blog exists): run the import again with DOWNLOAD=1 to copy them here"
        )
    if todo:
        write("\nWhat to do:\n")
        for number, item in enumerate(todo, 1):
            write(f"  {number}. {item}\n")
    if report.warnings:
        write("\nWarnings per file:\n")
        for relative in sorted(report.warnings):
            for message in report.warnings[relative]:
                write(f"  {relative}: {message}\n")
    if check_errors is not None:
        if check_errors:
            write(
                f"\nmake check found {len(check_errors)} problem(s) in the imported site "
                "(fix them before make publish):\n"
            )
            for error in check_errors:
                write(f"  {error}\n")
        else:
            write("\nmake check: no problems found; the site can be published.\n")
    return out.getvalue()


def main(argv=None) -> int:
    """Command-line entry point; returns the exit status (module doc)."""
    parser = argparse.ArgumentParser(
        prog="make import-blogger", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "file", nargs="?", default="", help="the Blogger export (.xml or feed.atom)"
    )
    parser.add_argument(
        "--download", action="store_true", help="copy Blogger-hosted images into content/images/"
    )
    parser.add_argument("-s", "--settings", default="pelicanconf.py")
    parser.add_argument(
        "--check-settings", default="publishconf.py", help="settings for the final check"
    )
    parser.add_argument("--content", help="content folder (default: the settings' PATH)")
    parser.add_argument(
        "--report", default="blogger-import-report.txt", help="where to save the report"
    )
    parser.add_argument("--no-check", action="store_true", help="skip the final make check")
    parser.add_argument("--image-host", action="append", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not args.file:
        print(
            "make import-blogger: no FILE given — write make import-blogger FILE=path/to/blog.xml",
            file=sys.stderr,
        )
        return 1
    logging.basicConfig(format="%(message)s")
    settings = read_settings(args.settings, args.content)
    started = time.perf_counter()
    try:
        report = run_import(args.file, settings, args.download, args.image_host)
    except (ExportError, MappingError, ValueError) as exc:
        print(f"make import-blogger: {exc}", file=sys.stderr)
        print("make import-blogger: nothing was written.", file=sys.stderr)
        return 1
    except OSError as exc:
        print(
            f"make import-blogger: the import failed ({exc}); nothing was moved into "
            f"{display_path(settings['PATH'])}.",
            file=sys.stderr,
        )
        return 2
    seconds = time.perf_counter() - started
    check_errors = None
    if not args.no_check:
        from news_metadata import errors

        from newsroom_cli.check import run_check

        logging.getLogger(errors.__name__).setLevel(logging.CRITICAL)
        logging.getLogger("pelican").setLevel(logging.ERROR)
        check_errors, _ = run_check(args.check_settings, settings["PATH"])
    text = format_report(report, seconds, check_errors)
    print(text, end="")
    if args.report:
        with open(args.report, "w", encoding="utf-8") as handle:
            handle.write(text)
        print(f"(saved to {display_path(args.report)})")
    return 0
