"""Deploy targets: ``make rsync_upload``, ``make github``, ``make s3_upload``.

Usage: ``python -m newsroom_cli.deploy {rsync,github,s3,verify} [OUTPUT] [--dry-run]``
(``verify`` only checks the stamp: CI runs it before uploading the Pages artifact). The Makefile
runs ``make publish`` first, so what is deployed is always a complete publish build. Hosts,
buckets and credentials come from environment variables only, never from the repository
(README, "Deploying"); ``--dry-run`` (or ``DRY_RUN=1``) prints the commands without running them.

Every target first checks the stamp ``make publish`` leaves beside the folder
(``.output.published.json``: commit, ``SOURCE_DATE_EPOCH``, tree digest) and refuses a tree
that does not match it (a dev build, a hand edit). Every command line and every message of a
tool is printed with the user-info of any URL in it replaced by ``***``
(``https://***@github.com/...``): CI logs are often public. Keep credentials out of URLs
anyway (README, "Deploying": SSH keys, a Git credential helper, the AWS CLI's own variables).

``rsync``  ``RSYNC_DEST`` (``user@host:/srv/www/kabarmbojo/`` or a local folder), optional
           ``SSH_PORT`` (22). ``--checksum`` so only changed files move (a fresh build has new
           times on every file), ``--delay-updates``/``--delete-after`` so the server switches
           to the new files at the end of the transfer, nearly at once.
``github`` ghp-import commits OUTPUT as the only commit of ``GITHUB_PAGES_BRANCH`` (gh-pages)
           with a ``.nojekyll`` file and force-pushes it to ``GITHUB_PAGES_REMOTE`` (origin; a
           remote name or URL); optional ``GITHUB_PAGES_CNAME`` writes a CNAME file. The branch
           is a build product: its history is the source branch's.
``s3``     ``aws s3 sync`` to ``s3://$S3_BUCKET/$S3_PREFIX``; ``S3_ENDPOINT_URL`` for an
           S3-compatible service (``--endpoint-url``). Credentials: the AWS CLI's own variables
           (``AWS_ACCESS_KEY_ID``, ``AWS_SECRET_ACCESS_KEY``, ``AWS_DEFAULT_REGION`` or
           ``AWS_PROFILE``). The CLI guesses content types from the machine's mime.types (and
           sends no charset); the text types are therefore uploaded in one pass each with an
           explicit ``--content-type`` (:data:`CONTENT_TYPES`, most specific pattern last wins),
           then a last pass uploads the rest and deletes what the site no longer has (it skips
           the files just uploaded: their copies are newer). Every pass also sets the files'
           ``Cache-Control`` (:func:`cache_control`): a year (immutable) for files whose name
           carries a hash of their content (the stylesheet, news_images' derivatives,
           Pagefind's index files: :data:`HASHED_PICTURE`, :data:`HASHED_SEARCH`), revalidate
           for pages, feeds and data, an hour for the rest; a CDN in front keeps to it.
"""

import argparse
import fnmatch
import json
import os
import re
import shlex
import subprocess
import sys

from .publish import stamp_path, tree_digest

# Cache-Control values (RFC 9111; README "Cache headers" of plugins/front_page). A file whose
# name carries the hash of its bytes never changes under that name: a year, immutable. Pages,
# feeds and data change under the same name: cached, but revalidated on every use (a 304 when
# unchanged). Anything else (icons, theme scripts, pictures): an hour.
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
SHORT = "public, max-age=3600"
# front_page's stylesheet: style.<first 10 hex digits of its SHA-256>.css
HASHED_CSS = "*." + "[0-9a-f]" * 10 + ".css"
# news_images' derivatives (NEWS_IMAGES_OUTPUT_DIR, default images/r):
# <slug>-<first 10 hex of the cache key>-<width|t160|og>.<ext>. The key is the SHA-256 of the
# source's own SHA-256, the recipe (sizes, qualities, card text), the plugin's code version and
# Pillow's version (news_images.cache.cache_key): anything that can change the bytes changes
# the name, so a name never serves other bytes.
HASHED_PICTURE = "images/r/*-" + "[0-9a-f]" * 10 + "-*"
# Pagefind's bundle (SEARCH_OUTPUT_PATH, default pagefind): the meta, index, filter and
# fragment files are named <language>_<hash of their bytes> (pagefind.id_b7479dcd8c.pf_meta,
# fragment/id_1337982.pf_fragment) and found only through pagefind-entry.json (data:
# revalidated) and the meta; pagefind.js, the worker and wasm.<lang>.pagefind keep fixed
# names across releases and stay at an hour.
HASHED_SEARCH = (
    "pagefind/pagefind.*.pf_meta",
    "pagefind/index/*.pf_index",
    "pagefind/filter/*.pf_filter",
    "pagefind/fragment/*.pf_fragment",
)

# (include pattern, excluded more specific patterns, Content-Type, Cache-Control). Sources:
# WHATWG/IANA media types; Atom RFC 4287 (application/atom+xml); sitemaps.org
# (application/xml); W3C Web App Manifest (application/manifest+json).
CONTENT_TYPES = (
    ("*.html", (), "text/html; charset=utf-8", REVALIDATE),
    (HASHED_CSS, (), "text/css; charset=utf-8", IMMUTABLE),
    ("*.css", (HASHED_CSS,), "text/css; charset=utf-8", SHORT),
    (HASHED_PICTURE + ".avif", (), "image/avif", IMMUTABLE),
    (HASHED_PICTURE + ".webp", (), "image/webp", IMMUTABLE),
    (HASHED_PICTURE + ".jpg", (), "image/jpeg", IMMUTABLE),
    *((pattern, (), "application/octet-stream", IMMUTABLE) for pattern in HASHED_SEARCH),
    ("*.js", (), "text/javascript; charset=utf-8", SHORT),
    ("*.atom.xml", (), "application/atom+xml; charset=utf-8", REVALIDATE),
    ("*.rss.xml", (), "application/rss+xml; charset=utf-8", REVALIDATE),
    ("*.xml", ("*.atom.xml", "*.rss.xml"), "application/xml; charset=utf-8", REVALIDATE),
    ("*.json", (), "application/json", REVALIDATE),
    ("*.webmanifest", (), "application/manifest+json", REVALIDATE),
    ("*.txt", (), "text/plain; charset=utf-8", REVALIDATE),
    ("*.svg", (), "image/svg+xml", SHORT),
    ("*.webp", (HASHED_PICTURE + ".webp",), "image/webp", SHORT),
    ("*.woff2", (), "font/woff2", SHORT),
)


def headers_for(path):
    """Return (Content-Type or None, Cache-Control) for ``path`` (relative to the output
    folder, ``/`` separators), as the S3 passes upload it: the first row of
    :data:`CONTENT_TYPES` whose pattern matches and no excluded pattern does; else
    (None, :data:`SHORT`) (the last pass; the AWS CLI guesses the type).
    """
    for pattern, more_specific, content_type, cache in CONTENT_TYPES:
        if fnmatch.fnmatchcase(path, pattern) and not any(
            fnmatch.fnmatchcase(path, other) for other in more_specific
        ):
            return content_type, cache
    return None, SHORT


def cache_control(path):
    """Return the Cache-Control value for ``path`` (relative to the output folder)."""
    return headers_for(path)[1]


class MissingSetting(Exception):
    """A required environment variable is not set; the message names it."""


def _need(environ, name, example):
    value = environ.get(name, "").strip()
    if not value:
        raise MissingSetting(f"set {name} (e.g. {name}={example}); see README, 'Deploying'")
    return value


def rsync_commands(output, environ):
    """Return the rsync command (a list of argv lists) for ``output`` (a folder)."""
    dest = _need(environ, "RSYNC_DEST", "user@example.org:/srv/www/kabarmbojo/")
    port = environ.get("SSH_PORT", "").strip() or "22"
    return [
        [
            "rsync",
            "--recursive",
            "--links",
            "--checksum",
            "--compress",
            "--delete-after",
            "--delay-updates",
            "--itemize-changes",
            "-e",
            f"ssh -p {port}",
            output.rstrip("/") + "/",
            dest,
        ]
    ]


def github_commands(output, environ, message=None):
    """Return the ghp-import command (a list of argv lists) for ``output``."""
    branch = environ.get("GITHUB_PAGES_BRANCH", "").strip() or "gh-pages"
    remote = environ.get("GITHUB_PAGES_REMOTE", "").strip() or "origin"
    command = [
        sys.executable,
        "-m",
        "ghp_import",
        "--no-jekyll",
        "--push",
        "--force",
        "--no-history",
        "--remote",
        remote,
        "--branch",
        branch,
        "--message",
        message or "Publish the site",
    ]
    cname = environ.get("GITHUB_PAGES_CNAME", "").strip()
    if cname:
        command += ["--cname", cname]
    return [[*command, output]]


def s3_commands(output, environ):
    """Return the ``aws s3 sync`` commands (a list of argv lists), in the order to run them."""
    bucket = _need(environ, "S3_BUCKET", "kabarmbojo-www")
    prefix = environ.get("S3_PREFIX", "").strip().strip("/")
    target = f"s3://{bucket}/{prefix + '/' if prefix else ''}"
    source = output.rstrip("/") + "/"
    common = []
    endpoint = environ.get("S3_ENDPOINT_URL", "").strip()
    if endpoint:
        common += ["--endpoint-url", endpoint]
    commands = []
    for pattern, more_specific, content_type, cache in CONTENT_TYPES:
        command = ["aws", "s3", "sync", source, target, "--exclude", "*", "--include", pattern]
        for other in more_specific:
            command += ["--exclude", other]
        commands.append(
            [*command, "--content-type", content_type, "--cache-control", cache, *common]
        )
    commands.append(
        ["aws", "s3", "sync", source, target, "--cache-control", SHORT, "--delete", *common]
    )
    return commands


# scheme://user:password@host or scheme://token@host: the part before "@" is a credential.
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s@'\"]+@")


_URL = re.compile(r"(?i)\b[a-z][a-z0-9+.-]*://[^\s'\"]+")


def redact(text):
    """Return ``text`` with the user-info of every URL replaced by ``***``.

    ``https://user:token@github.com/x.git`` -> ``https://***@github.com/x.git``; ``user@host:``
    rsync/SSH destinations have no secret in them and stay as written.
    """
    return _USERINFO.sub(r"\1***@", text)


def check_stamp(output) -> str | None:
    """Return None when ``output`` is the tree the last ``make publish`` stamped; else the
    reason to refuse it (a sentence for the user).
    """
    path = stamp_path(output)
    try:
        with open(path, encoding="utf-8") as handle:
            stamp = json.load(handle)
    except (OSError, ValueError):
        return (
            f"{output} has no publish stamp ({os.path.basename(path)}): only a tree built by "
            "make publish is deployed; run make publish"
        )
    if stamp.get("tree") != tree_digest(output):
        return (
            f"{output} is not the tree make publish stamped (it changed since, or a dev build "
            "wrote into it); run make publish"
        )
    return None


def run(command):
    """Run one command; its output goes through :func:`redact`. Returns the exit status."""
    try:
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace"
        )
    except OSError as exc:
        print(f"deploy: cannot run {command[0]}: {redact(str(exc))}", file=sys.stderr)
        return 127
    name = command[2] if command[1:2] == ["-m"] else os.path.basename(command[0])
    traceback = False
    for line in process.stdout:
        traceback = traceback or line.startswith("Traceback (most recent call last)")
        if not traceback:  # ghp-import's traceback repeats the remote URL in its frames
            print(redact(line), end="", flush=True)
        elif not line.startswith((" ", "Traceback")):  # the exception itself, URLs left out
            print(f"{name}: {_URL.sub('<remote URL>', line.strip())}", flush=True)
    return process.wait()


def _source_revision():
    try:
        result = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""


def commands_for(target, output, environ):
    """Return the commands that deploy ``output`` to ``target`` ("rsync", "github" or "s3")."""
    if target == "rsync":
        return rsync_commands(output, environ)
    if target == "github":
        revision = _source_revision()
        message = f"Publish the site from {revision}" if revision else None
        return github_commands(output, environ, message)
    return s3_commands(output, environ)


def main(argv=None, environ=None):
    """Command-line entry point; returns the exit status (that of the first failing command)."""
    environ = os.environ if environ is None else environ
    parser = argparse.ArgumentParser(prog="deploy", description=__doc__.split("\n")[0])
    parser.add_argument("target", choices=("rsync", "github", "s3", "verify"))
    parser.add_argument("output", nargs="?", default="output")
    parser.add_argument("--dry-run", action="store_true", help="print the commands only")
    args = parser.parse_args(argv)
    dry_run = args.dry_run or environ.get("DRY_RUN", "").strip() not in ("", "0")
    if not os.path.isfile(os.path.join(args.output, "index.html")):
        print(f"deploy: {args.output}/index.html is missing; run make publish first.")
        return 1
    refusal = check_stamp(args.output)
    if refusal:
        print(f"deploy: {refusal}.", file=sys.stderr)
        return 1
    if args.target == "verify":
        print(f"deploy: {args.output} is the tree make publish stamped.")
        return 0
    try:
        commands = commands_for(args.target, args.output, environ)
    except MissingSetting as exc:
        print(f"deploy: {exc}", file=sys.stderr)
        return 2
    for command in commands:
        print(("(dry run) " if dry_run else "+ ") + redact(shlex.join(command)), flush=True)
        if dry_run:
            continue
        status = run(command)
        if status:
            print(f"deploy: {command[0]} failed with exit status {status}", file=sys.stderr)
            return status
    return 0


if __name__ == "__main__":
    sys.exit(main())
