"""Content errors: one message format, one collector per build, a strict mode that fails it.

Every plugin of this site reports unusable input through :func:`report`, so that an editor sees
``content/articles/2024/x.md:3: Breaking must be true or false, got 'yes please' — write ...``
whatever plugin found it, and the publish build (``NEWS_METADATA_STRICT = True``) exits
non-zero on any of them whatever the log level: Pelican's ``-q`` hides ERROR records, so the
strict build ends with :class:`ContentErrors`, which prints them all and exits 1.
"""

import logging
import os
from dataclasses import dataclass

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ContentError:
    """One problem in one input file.

    Attributes:
        path: the file, absolute or relative (shown relative to the working directory).
        line: 1-based line number, or None when the problem is not on one line.
        message: what is wrong.
        fix: what to write instead.
    """

    path: str
    line: int | None
    message: str
    fix: str = ""

    def __str__(self):
        where = display_path(self.path)
        if self.line:
            where = f"{where}:{self.line}"
        text = f"{where}: {self.message}"
        return f"{text} — {self.fix}" if self.fix else text


class ContentErrors(SystemExit):
    """Raised by a strict build that collected content errors.

    A ``SystemExit`` on purpose: Pelican's ``main`` catches ``Exception`` and logs it with a
    traceback; this passes through, and Python prints the message (every error, one per line,
    sorted by file and line) to stderr and exits with status 1, whatever the log level.
    """

    def __init__(self, errors):
        self.errors = sorted(errors, key=lambda e: (display_path(e.path), e.line or 0))
        lines = "\n".join(f"  {error}" for error in self.errors)
        super().__init__(
            f"{len(self.errors)} content error(s); the site was not published:\n{lines}"
        )


def display_path(path):
    """Return ``path`` relative to the working directory when it lies below it."""
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute)
    return absolute if relative.startswith("..") else relative


class AlreadyReported(ValueError):
    """Raised by a reader that has reported why it cannot use a file (through :func:`report`)
    and wants Pelican to skip it; the reading guard then adds no second, "internal" error."""


class ErrorCollector:
    """The content errors of one build, in the order they were found."""

    def __init__(self):
        self.errors = []
        self._seen = set()

    def reset(self):
        """Forget earlier builds' errors (``make devserver`` builds many times per process)."""
        self.errors.clear()
        self._seen.clear()

    def report(self, error):
        """Record ``error`` (a :class:`ContentError`) and log it at ERROR, once per build."""
        key = str(error)
        if key in self._seen:
            return
        self._seen.add(key)
        self.errors.append(error)
        logger.error("%s", key)

    def paths(self):
        """Return the set of absolute paths that have at least one error."""
        return {os.path.abspath(error.path) for error in self.errors}

    def raise_if_strict(self, settings):
        """End the build with :class:`ContentErrors` if ``NEWS_METADATA_STRICT`` and errors exist.

        In a non-strict (development) build, log a one-line summary instead and go on.
        """
        if not self.errors:
            return
        errors = list(self.errors)
        self.reset()
        if settings.get("NEWS_METADATA_STRICT"):
            raise ContentErrors(errors)
        logger.warning(
            "%d content error(s) above; the publish build would fail on them", len(errors)
        )


collector = ErrorCollector()


def report(path, line, message, fix=""):
    """Record one content error for this build. Arguments as in :class:`ContentError`."""
    collector.report(ContentError(path, line, message, fix))


class ReportedSkips(logging.Filter):
    """Drops Pelican's "Skipping <file>: could not find information about 'date'" (contents.py,
    logged when a content object lacks a mandatory property) for a file that already has an
    error here: the reader reported the missing ``Title:``/``Date:`` with its line and fix, and
    the editor should see that message once. A skip for a file without one stays visible."""

    PREFIX = "Skipping %s: could not find information about"

    def filter(self, record):
        if not str(record.msg).startswith(self.PREFIX) or not record.args:
            return True
        return os.path.abspath(str(record.args[0])) not in collector.paths()


class SameSlugWarnings(logging.Filter):
    """Drops Pelican's "There are 2 items ... with lang", "There are 2 original (not
    translated) items" and "All items ... are translations" (``pelican.utils.
    get_original_items``): every such pair of files is a content error of
    ``outputs._same_slugs`` or of the output-path registry, and a ``Translation: true`` without
    its story one of ``translations.check_translations``, with the file names, the line and the
    fix; the raw warning would say it a second time, without a fix."""

    PREFIXES = (
        "There are %s items",
        "There are %s original (not translated) items",
        'All items ("%s")',
    )

    def filter(self, record):
        return not str(record.msg).startswith(self.PREFIXES)


class MissingLinkStamps(logging.Filter):
    """Drops Pelican's "Cannot get modification stamp for <file>" (``pelican.cache``) for a file
    that does not exist: the static generator asks for the stamp of every file an article links
    with ``{static}``/``{attach}``, and a link to a missing file is already a content error of
    ``newsroom_tools.site_checks`` with the link as written, its line and the fix. A stamp that
    fails for another reason (permissions) stays visible."""

    PREFIX = "Cannot get modification stamp for %s"

    def filter(self, record):
        if not str(record.msg).startswith(self.PREFIX) or not record.args:
            return True
        return not isinstance(record.args[-1], FileNotFoundError)


def quiet_reported_skips():
    """Install :class:`ReportedSkips` on Pelican's ``pelican.contents`` logger,
    :class:`SameSlugWarnings` on ``pelican.utils`` and :class:`MissingLinkStamps` on
    ``pelican.cache`` (once each)."""
    for name, kind in (
        ("pelican.contents", ReportedSkips),
        ("pelican.utils", SameSlugWarnings),
        ("pelican.cache", MissingLinkStamps),
    ):
        pelican_logger = logging.getLogger(name)
        if not any(isinstance(f, kind) for f in pelican_logger.filters):
            pelican_logger.addFilter(kind())
