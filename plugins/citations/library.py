"""The bibliography and the CSL engine of one build, and each document's view of them.

A :class:`Library` is the plugin's whole per-build state: ``plugin.start_build``
(``article_generator_init``, once per build) reads the site-wide files in ``CITATIONS_PATH``
and loads the style into a new one and hands it to the Markdown extension through its config
(nothing is kept at module level, so a second build in one process, as ``make devserver``
runs them, starts from scratch). The extension asks :meth:`Library.document` for the entries
one file may cite (the site-wide ones plus the files its ``Bibliography:`` header names).
Problems with the bibliography files themselves are kept in :attr:`Library.problems` and
reported at ``article_generator_finalized``; problems of one article go back to the article
(see ``markdown_ext``).
"""

import functools
import logging
import os
from dataclasses import dataclass, field

from news_metadata.containment import refused
from news_metadata.errors import display_path, report

from . import bibliography
from .csl import FALLBACK_LOCALE, CslError, Engine
from .settings import resolve_csl_file

logger = logging.getLogger(__name__)


@dataclass
class Document:
    """What one Markdown file may cite.

    Attributes:
        entries: lowercase key -> :class:`bibliography.Entry` (site-wide and own files).
        own_keys: keys that come from the file's own ``Bibliography:`` files.
        own_files: those files (absolute paths), in header order.
        problems: ``(line, message, fix)`` for the article (a missing file, a duplicate key).
        source: the citeproc-py source for ``entries``.
    """

    entries: dict
    own_keys: set = field(default_factory=set)
    own_files: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    source: object = None


class Library:
    """Bibliography entries, the CSL engine and the locator terms for one build.

    Args:
        settings: Pelican's settings (``PATH`` and the ``CITATIONS_*`` settings).

    Attributes:
        engine: :class:`csl.Engine`, or None when the style or locale cannot be used (then
            :attr:`problems` says why and citations stay as written).
        site_entries: lowercase key -> Entry from ``CITATIONS_PATH``.
        problems: ``(path, line, message, fix)`` found in the bibliography and CSL files.
        labels: ``{locator term: CSL locator type}``.
    """

    def __init__(self, settings):
        self.settings = settings
        self.content_path = os.path.abspath(settings["PATH"])
        self.item_language = settings.get("CITATIONS_ITEM_LANGUAGE")
        self.problems = []
        self.engine = self._load_engine(settings)
        self.site_folder = os.path.join(self.content_path, settings["CITATIONS_PATH"])
        self.site_files = bibliography.list_files(self.site_folder)
        self.site_entries = {}
        self._files = {}
        for path in self.site_files:
            self._add_file(path, self.site_entries, self.problems)
        self._site_source = None

    @functools.cached_property
    def labels(self) -> dict:
        """``{locator term: CSL locator type}`` of the style's locales.

        Read when the first citation that can carry a locator is parsed (a bracket, or a
        narrative citation with one): a build without citations skips the term look-ups
        (about 13 ms a build).
        """
        return self.engine.locator_labels() if self.engine else {}

    def _load_engine(self, settings):
        style = resolve_csl_file(settings["CITATIONS_STYLE"], "", ".csl")
        locale = resolve_csl_file(settings["CITATIONS_LOCALE"], "locales-", ".xml")
        fallback = resolve_csl_file(FALLBACK_LOCALE, "locales-", ".xml")
        try:
            return Engine(style, locale, fallback)
        except CslError as exc:
            self.problems.append(
                (
                    style if str(exc).startswith(style) else locale,
                    None,
                    f"cannot use the citation style or locale: {exc}",
                    "set CITATIONS_STYLE / CITATIONS_LOCALE to a file in plugins/citations/csl/ "
                    "(see plugins/citations/README.md)",
                )
            )
            return None

    def _read(self, path):
        """Read a bibliography file once per build; return ``(entries, problems)``."""
        if path not in self._files:
            self._files[path] = bibliography.load_file(path, self.item_language)
        return self._files[path]

    def _add_file(self, path, entries, problems):
        """Add the entries of ``path`` to ``entries``; a key already there is a problem."""
        found, file_problems = self._read(path)
        problems.extend(file_problems)
        added = []
        for entry in found:
            earlier = entries.get(entry.key)
            if earlier is not None and earlier.uid != entry.uid:
                problems.append(
                    (
                        path,
                        entry.line,
                        f"duplicate key {entry.key!r}: already defined in "
                        f"{display_path(earlier.path)}:{earlier.line}",
                        "give one of the two entries another key (keys must be unique across "
                        "the site's bibliography and the article's own files)",
                    )
                )
                continue
            entries[entry.key] = entry
            added.append(entry)
        return added

    def site_source(self):
        """The citeproc-py source of the site-wide entries (built on first use)."""
        if self._site_source is None:
            self._site_source = self.engine.source([e.item for e in self.site_entries.values()])
        return self._site_source

    def document(self, source_path, header_values, header_line):
        """Return the :class:`Document` for one Markdown file.

        Args:
            source_path: the file (absolute), or None.
            header_values: the ``Bibliography:`` header values (a list of strings, each one or
                more paths separated by ``;`` or ``,``); paths are relative to the file's
                folder, or to ``PATH`` when they start with ``/``.
            header_line: line of the ``Bibliography:`` header (for problems), or None.
        """
        paths = []
        for value in header_values or []:
            paths.extend(part.strip() for part in value.replace(",", ";").split(";"))
        paths = [path for path in paths if path]
        if not paths:
            return Document(entries=self.site_entries, source=self.engine and self.site_source())
        document = Document(entries=dict(self.site_entries))
        folder = os.path.dirname(source_path) if source_path else self.content_path
        file_problems = []
        own = []
        for written in paths:
            if written.startswith("/"):
                path = os.path.join(self.content_path, written.lstrip("/"))
            else:
                path = os.path.join(folder, written)
            path = os.path.normpath(path)
            reason = refused(path, self.content_path)
            if reason == "is outside content/":
                document.problems.append(
                    (
                        header_line,
                        f"Bibliography file {written!r} is outside content/, so it was not read",
                        "put the file in content/bibliography/ (or next to the article) and "
                        "give its path from there, e.g. 'Bibliography: sumber.json'",
                    )
                )
                continue
            if not os.path.isfile(path):
                document.problems.append(
                    (
                        header_line,
                        f"Bibliography file {written!r} does not exist",
                        "give the path relative to this article's folder (or starting with / "
                        "from content/), e.g. 'Bibliography: sumber.json'",
                    )
                )
                continue
            if path in self.site_files:
                continue  # already site-wide
            document.own_files.append(path)
            own.extend(self._add_file(path, document.entries, file_problems))
        for path, line, message, fix in file_problems:
            report(path, line, message, fix)
        document.own_keys = {entry.key for entry in own}
        if self.engine:
            document.source = self.engine.merged_source(
                self.site_source(), self.engine.source([entry.item for entry in own])
            )
        return document
