"""Python-Markdown extension: pandoc-style citations and the reference list.

Built like ``markdown.extensions.footnotes``:

- a **preprocessor** keeps the source lines (to give a problem its line number);
- an **inline processor** (priority 85: after code spans, escapes, links and autolinks, before
  raw inline HTML) turns ``[@key]``, ``[@key, hlm. 12]``, ``[@a; @b]``, ``[-@key]`` into
  placeholders. Code spans and escapes were taken out of the text by then; raw HTML never
  reaches it; a citation that ends up inside a link's text is put back as text;
- a **tree processor** (priority 15, after inline processing) finds narrative ``@key`` in the
  text nodes (never inside ``a``, ``code``, ``pre``, ``kbd``, ``samp``), formats every citation
  with the build's CSL engine, numbers them and appends the reference list.

Because the citations are final HTML before typogrify runs, and keys only appear in ``href`` and
``id`` attributes (which typogrify does not touch), typogrify cannot alter a key. A citation's
text is inside ``<a>``, and the plugin puts ``.references`` in ``TYPOGRIFY_IGNORE_TAGS``:
typogrify's ``caps`` filter eats the space in "Fajriati, C. E. (2011)" (it wraps "C. E." and
drops the space before "("), and citeproc's output is typeset already.

Per-document state: Pelican's reader (``news_metadata.reader.NewsMarkdownReader``) creates one
``Markdown`` per file and sets ``md.source_path`` (the file) and ``md.news_problems`` (a list
that problems ``(line, message, fix)`` go into, reported with the file's other content errors,
also from the content cache). The ``Bibliography:`` header is read from ``md.Meta``. Pelican
converts the ``Summary:`` header with the same ``Markdown`` after ``md.reset()``: that second
pass keeps the document's bibliography and renders citations without ids and without a list.

Output (``uid``: 6 hex digits of the file's path, so ids never clash on a listing page)::

    <span class="citation">(<a class="citation-ref" href="#ref-UID-key"
      id="cite-UID-key-1" title="Fajriati, C. E. (2011). Ruang publik.">Fajriati, 2011</a>)</span>
    ...
    <section class="references" aria-labelledby="daftar-pustaka-UID">
    <h2 id="daftar-pustaka-UID">Daftar Pustaka</h2>
    <ul class="reference-list"><li class="reference" id="ref-UID-key">Fajriati, C. E.
      (2011). <i>Ruang publik</i>. <a class="reference-backlink" href="#cite-UID-key-1"
      aria-label="Kembali ke kutipan">↩︎</a></li></ul></section>

Links inside the article are fragments, as Markdown's footnotes are (feeds carry them so).
A summary is shown on listing pages, so there a citation links to ``{filename}/<file>#ref-...``
(Pelican's link to the article): the Summary: header pass writes it, and
``plugin.summary_without_references`` rewrites the summary it takes from the content.
"""

import hashlib
import logging
import os
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass

from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markupsafe import escape
from news_metadata.errors import display_path, report
from news_metadata.reader import suggest

from . import library as library_module
from .csl import Cite
from .settings import ui_string
from .syntax import BRACKET_RE, NARRATIVE_RE, Item, parse_bracket, parse_locator

logger = logging.getLogger(__name__)

PENDING = "citation-pending"
# Never look for narrative citations inside these (links, code, raw text).
EXCLUDED_TAGS = frozenset({"a", "code", "pre", "kbd", "samp", "script", "style", "math"})
BACKLINK_TEXT = "\u21a9\ufe0e"  # ↩ as text, not as an emoji
_HEADER_KEY = re.compile(r"^[ ]{0,3}bibliography\s*:", re.IGNORECASE)
_SUMMARY_KEY = re.compile(r"^[ ]{0,3}summary\s*:", re.IGNORECASE)


@dataclass
class Pending:
    """A citation found in the text, not yet formatted."""

    raw: str
    items: list
    narrative: bool = False


class CitationsExtension(Extension):
    """The extension. Config: ``library`` (a :class:`citations.library.Library`; default: the
    one of the build in progress)."""

    def __init__(self, **kwargs):
        self.config = {
            "library": [None, "citations.library.Library; default: the current build's"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        md.registerExtension(self)
        self.md = md
        self.document = None
        self.path = getattr(md, "source_path", None)
        self.body_done = False
        self.file_lines = []
        self.counts = {}
        self.reset()
        self.bracket_processor = BracketProcessor(BRACKET_RE, self)
        md.preprocessors.register(SourcePreprocessor(md, self), "citations-source", 29)
        md.inlinePatterns.register(self.bracket_processor, "citation", 85)
        md.treeprocessors.register(CitationTreeprocessor(md, self), "citations", 15)

    def reset(self):
        """Per conversion: forget the placeholders. The document (bibliography, ids) stays:
        Pelican resets before converting the Summary header of the same file."""
        self.pending = []
        self.lines = []
        self.cursor = 0

    def library(self):
        return self.getConfig("library") or library_module.current()

    # --- the document -----------------------------------------------------------------------

    def begin_document(self, lib):
        self.path = getattr(self.md, "source_path", None)
        content_path = lib.content_path if lib else None
        relative = None
        if self.path and content_path:
            relative = os.path.relpath(os.path.abspath(self.path), content_path)
            relative = None if relative.startswith("..") else relative.replace(os.sep, "/")
        # Links inside the article are fragments (like Markdown's footnotes); a citation in the
        # Summary: header, shown on listing pages, links to the article's URL.
        self.summary_link = f"{{filename}}/{relative}" if relative else ""
        self.uid = hashlib.sha1((relative or self.path or "").encode("utf-8")).hexdigest()[:6]
        self.slugs = {}
        meta = getattr(self.md, "Meta", {}) or {}
        self.bibliography_line = _header_line(self.file_lines, _HEADER_KEY)
        self.summary_line = _header_line(self.file_lines, _SUMMARY_KEY)
        if lib is None or lib.engine is None:
            self.document = None
            return
        self.document = lib.document(self.path, meta.get("bibliography"), self.bibliography_line)
        for line, message, fix in self.document.problems:
            self.problem(line, message, fix)

    def problem(self, line, message, fix):
        """Record a problem of this file (reported with its other content errors)."""
        problems = getattr(self.md, "news_problems", None)
        if problems is not None:
            problems.append((line, message, fix))
        else:
            report(self.path or "<markdown>", line, message, fix)

    def line_of(self, raw, key, body_pass):
        """Line of the next occurrence of ``raw`` (or of ``@key``) in the source, or None."""
        if not body_pass:
            return self.summary_line
        text = self.source_text
        position = text.find(raw, self.cursor)
        if position < 0:
            position = text.find("@" + key, self.cursor)
        if position < 0:
            return None
        self.cursor = position + 1
        return text.count("\n", 0, position) + 1

    def slug(self, key):
        """A key as it appears in ids: lowercase, [a-z0-9_-], unique within the document."""
        slug = re.sub(r"[^a-z0-9_-]+", "-", key).strip("-") or "ref"
        base, number = slug, 1
        while self.slugs.get(slug, key) != key:
            number += 1
            slug = f"{base}-{number}"
        self.slugs[slug] = key
        return slug


class SourcePreprocessor(Preprocessor):
    """Keeps the source lines of the conversion (the whole file on the first one)."""

    def __init__(self, md, extension):
        super().__init__(md)
        self.extension = extension

    def run(self, lines):
        extension = self.extension
        extension.lines = lines
        extension.source_text = "\n".join(lines)
        if not extension.body_done:
            extension.file_lines = list(lines)
        # Most articles cite nothing: then the inline pattern need not be tried on their text.
        patterns = self.md.inlinePatterns
        if "@" not in extension.source_text:
            if "citation" in patterns:
                patterns.deregister("citation")
        elif "citation" not in patterns:
            patterns.register(extension.bracket_processor, "citation", 85)
        return lines


class BracketProcessor(InlineProcessor):
    """``[@key ...]`` -> a placeholder element, formatted by :class:`CitationTreeprocessor`."""

    def __init__(self, pattern, extension):
        super().__init__(pattern, extension.md)
        self.extension = extension

    def handleMatch(self, m, data):
        lib = self.extension.library()
        items = parse_bracket(m.group("body"), lib.labels if lib else {})
        if items is None:
            return None, None, None
        return _placeholder(self.extension, Pending(m.group(0), items)), m.start(0), m.end(0)


def _placeholder(extension, pending):
    element = etree.Element(PENDING)
    element.set("n", str(len(extension.pending)))
    extension.pending.append(pending)
    return element


class CitationTreeprocessor(Treeprocessor):
    """Finds narrative citations, formats all citations, appends the reference list."""

    def __init__(self, md, extension):
        super().__init__(md)
        self.extension = extension

    def run(self, root):
        ext = self.extension
        lib = ext.library()
        body_pass = not ext.body_done
        ext.body_done = True
        meta = getattr(self.md, "Meta", None) or {}
        if "@" not in ext.source_text and not (body_pass and meta.get("bibliography")):
            return  # most files: no citation, no bibliography of their own
        if body_pass:
            ext.begin_document(lib)
        found = []
        self._collect(root, False, found)
        document = ext.document
        cited = []
        for element, parent in found:
            pending = ext.pending[int(element.get("n"))]
            first_key = pending.items[0].key
            line = ext.line_of(pending.raw, first_key, body_pass)
            if document is None:
                _revert(parent, element, pending.raw)
                continue
            if not pending.narrative and not document.entries:
                ext.problem(
                    line,
                    f"{pending.raw} is a citation, but there is no bibliography for this file",
                    "add the source to a file in content/bibliography/ or name a file in the "
                    "header: 'Bibliography: sumber.json'",
                )
                _revert(parent, element, pending.raw)
                continue
            unknown = [
                item.key for item in pending.items if item.key.lower() not in document.entries
            ]
            if unknown:
                for key in unknown:
                    ext.problem(
                        line,
                        f"unknown citation key {key!r} in {pending.raw}"
                        f"{suggest(key, sorted(document.entries))}",
                        "use a key from content/bibliography/ or from this article's "
                        "Bibliography: files; if it is not a citation, write \\[ instead of [",
                    )
                _revert(parent, element, pending.raw)
                continue
            _replace(parent, element, self._citation(pending, body_pass, lib))
            cited.extend(item.key.lower() for item in pending.items)
        if body_pass and document is not None:
            self._references(root, lib, list(dict.fromkeys(cited)))

    def _collect(self, element, excluded, found):
        """Walk ``element`` in document order: placeholders, and narrative citations in text."""
        children = list(element)  # before the text's narrative citations join them
        if not excluded:
            self._split(element, None, found)
        for child in children:
            if child.tag == PENDING:
                if excluded:
                    _revert(element, child, self.extension.pending[int(child.get("n"))].raw)
                    continue
                found.append((child, element))
            else:
                self._collect(child, excluded or child.tag in EXCLUDED_TAGS, found)
            if not excluded:
                self._split(element, child, found)

    def _split(self, parent, child, found):
        """Turn narrative ``@key`` in ``parent.text`` (child None) or ``child.tail`` into
        placeholders inserted in ``parent``."""
        text = parent.text if child is None else child.tail
        document = self.extension.document
        if not text or "@" not in text or document is None:
            return
        pieces = []
        start = 0
        for match in NARRATIVE_RE.finditer(text):
            if match.group("key").lower() not in document.entries:
                continue
            label, locator, suffix = "", "", ""
            if match.group("locator"):
                labels = self.extension.library().labels
                label, locator, suffix = parse_locator(match.group("inside"), labels, False)
                suffix = f", {suffix.strip()}" if suffix.strip() else ""
            item = Item(match.group("key"), suffix=suffix, label=label, locator=locator)
            pending = Pending(match.group(0), [item], narrative=True)
            pieces.append((text[start : match.start()], _placeholder(self.extension, pending)))
            start = match.end()
        if not pieces:
            return
        rest = text[start:]
        index = 0 if child is None else list(parent).index(child) + 1
        if child is None:
            parent.text = pieces[0][0]
        else:
            child.tail = pieces[0][0]
        for number, (_, element) in enumerate(pieces):
            following = pieces[number + 1][0] if number + 1 < len(pieces) else rest
            element.tail = following
            parent.insert(index + number, element)
            found.append((element, parent))

    def _citation(self, pending, body_pass, lib):
        ext = self.extension
        document = ext.document
        mode = "narrative" if pending.narrative else None
        cites = tuple(
            Cite(
                key=item.key.lower(),
                uid=document.entries[item.key.lower()].uid,
                label=item.label,
                locator=item.locator,
                prefix=item.prefix,
                suffix=item.suffix,
                mode=mode or ("suppress" if item.suppress_author else "normal"),
            )
            for item in pending.items
        )
        parts = lib.engine.citation(document.source, cites)
        html = ['<span class="citation">']
        for part in parts:
            if isinstance(part, str):
                html.append(part)
                continue
            index, inner = part
            cite = cites[index]
            title = lib.engine.reference_text(document.source, cite.key, cite.uid)
            if title is None:
                html.append(inner)
                continue
            slug = ext.slug(cite.key)
            attributes = {
                "class": "citation-ref",
                "href": f"{'' if body_pass else ext.summary_link}#ref-{ext.uid}-{slug}",
                "title": title,
            }
            if body_pass:
                count = ext.counts[cite.key] = ext.counts.get(cite.key, 0) + 1
                attributes["id"] = f"cite-{ext.uid}-{slug}-{count}"
            html.append(f"<a{_attributes(attributes)}>{inner}</a>")
        html.append("</span>")
        return _element("".join(html))

    def _references(self, root, lib, cited):
        ext = self.extension
        document = ext.document
        for key in sorted(document.own_keys - set(cited)):
            entry = document.entries[key]
            logger.warning(
                "%s:%s: entry %r is never cited in %s — cite it or remove it from the file",
                display_path(entry.path),
                entry.line,
                key,
                display_path(ext.path or "<markdown>"),
                extra={"limit_msg": "more bibliography entries are never cited"},
            )
        if not cited:
            return
        heading = lib.settings.get("CITATIONS_HEADING") or ui_string(lib.settings, "references")
        back = ui_string(lib.settings, "back_to_citation")
        entries = []
        for key in lib.engine.order(document.source, cited):
            entry = document.entries[key]
            reference = lib.engine.reference(document.source, key, entry.uid)
            if reference is None:
                continue
            slug = ext.slug(key)
            backlink = _attributes(
                {
                    "class": "reference-backlink",
                    "href": f"#cite-{ext.uid}-{slug}-1",
                    "aria-label": back,
                    "title": back,
                }
            )
            entries.append(
                f'<li class="reference" id="ref-{ext.uid}-{slug}">{reference} '
                f"<a{backlink}>{BACKLINK_TEXT}</a></li>"
            )
        if not entries:
            return
        section_id = f"daftar-pustaka-{ext.uid}"
        html = (
            f'<section class="references" aria-labelledby="{section_id}">'
            f'<h2 id="{section_id}">{escape(heading)}</h2>'
            f'<ul class="reference-list">{"".join(entries)}</ul></section>'
        )
        root.append(_element(html))


def _element(html):
    """Parse the HTML built here (citeproc-py's output is well-formed: it escapes text). A
    character XML does not allow (a control character in an entry) is dropped, not fatal."""
    try:
        return etree.fromstring(html)
    except etree.ParseError:
        cleaned = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", html)
        return etree.fromstring(cleaned)


def _attributes(attributes):
    return "".join(f' {name}="{escape(value)}"' for name, value in attributes.items())


def _header_line(lines, pattern):
    """1-based line of the header key matching ``pattern`` (the header ends at a blank line)."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            return None
        if pattern.match(line):
            return number
    return None


def _replace(parent, old, new):
    index = list(parent).index(old)
    new.tail = old.tail
    parent.remove(old)
    parent.insert(index, new)


def _revert(parent, element, text):
    """Put ``text`` back where ``element`` was (a citation that is not one)."""
    index = list(parent).index(element)
    text = text + (element.tail or "")
    if index:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    parent.remove(element)


def makeExtension(**kwargs):
    """Entry point for ``Markdown(extensions=["citations.markdown_ext"])``."""
    return CitationsExtension(**kwargs)
