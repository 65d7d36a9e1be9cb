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

Per-document state: Pelican's reader (``news_metadata.reader.NewsMarkdownReader``) reuses one
``Markdown`` for its files, calling ``start_file()`` before each, and sets ``md.source_path`` (the
file) and ``md.news_problems`` (a list that problems ``(line, message, fix)`` go into, reported with
the file's other content errors, also from the reading cache). The ``Bibliography:`` header is read
from ``md.Meta``. Pelican converts the ``Summary:`` header with the same ``Markdown`` after
``md.reset()``: that second pass keeps the document's bibliography and renders citations without ids
and without a list.

Output (``uid``: 6 hex digits of the file's path, so ids never clash on a listing page)::

    <span class="citation">(<a class="citation-ref" href="#ref-UID-key"
      id="cite-UID-key-1" title="Fajriati, C. E. (2011). Ruang publik.">Fajriati, 2011</a>)</span>
    ...
    <section class="references" aria-labelledby="daftar-pustaka-UID">
    <h2 id="daftar-pustaka-UID">Daftar Pustaka</h2>
    <ul class="reference-list"><li class="reference" id="ref-UID-key">Fajriati, C. E.
      (2011). <i>Ruang publik</i>. <a class="reference-backlink" href="#cite-UID-key-1"
      aria-label="Kembali ke kutipan">↩︎</a></li></ul></section>

Links inside the article are fragments, as Markdown's footnotes are (in feeds, news_metadata
makes every in-page link name the article's page).
A summary is shown on listing pages, so there a citation links to ``{filename}/<file>#ref-...``
(Pelican's link to the article): the Summary: header pass writes it so. An article that has a
reference list (or citation notes) and no ``Summary:`` header gets its summary from the tree
(:class:`SummaryTreeprocessor`, last of all tree processors): the document without the sections
this extension added, with the citation links pointing at the article, serialised and
post-processed as Markdown does, then shortened by Pelican's summary rule
(:mod:`citations.summary`). It goes into ``md.news_metadata["summary"]``, which
news_metadata's reader adds to the file's metadata (a ``Summary:`` header wins), so it is
typogrified with the content and kept in Pelican's content cache.
"""

import copy
import hashlib
import logging
import os
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, replace

import markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markupsafe import escape
from news_metadata import header as header_scan
from news_metadata.errors import display_path, report
from news_metadata.text import suggest

from .csl import Cite
from .registry import Registry
from .settings import ui_string
from .summary import default_summary
from .syntax import BRACKET_RE, NARRATIVE_RE, Item, parse_bracket, parse_locator

logger = logging.getLogger(__name__)

PENDING = "citation-pending"
# Never look for narrative citations inside these (links, code, raw text).
EXCLUDED_TAGS = frozenset({"a", "code", "pre", "kbd", "samp", "script", "style", "math"})
BACKLINK_TEXT = "\u21a9\ufe0e"  # ↩ as text, not as an emoji
REFS_KEY = "refs"  # [@refs]: where the reference list goes
# Header keys whose lines problems point at (found with news_metadata.header.scan).
_HEADER_KEYS = frozenset({"bibliography", "summary"})


@dataclass
class Pending:
    """A citation found in the text, not yet formatted (``link``: ``[words](@key)``)."""

    raw: str
    items: list
    narrative: bool = False
    link: bool = False


class CitationsExtension(Extension):
    """The extension. Config: ``library``: the build's :class:`citations.library.Library`
    (``plugin.start_build`` sets it for every build; without one, citations stay as written).
    """

    def __init__(self, **kwargs):
        self.config = {
            # "" (not None: Python-Markdown would turn an object default-None into a bool)
            "library": ["", "citations.library.Library of the build"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md) -> None:
        md.registerExtension(self)
        self.md = md
        self.inline_md = None  # a plain Markdown for prefixes and suffixes, made on first use
        self.start_file()
        self.bracket_processor = BracketProcessor(BRACKET_RE, self)
        md.preprocessors.register(SourcePreprocessor(md, self), "citations-source", 29)
        md.inlinePatterns.register(self.bracket_processor, "citation", 85)
        # After attr_list (8) and abbr (7), so "{: title='@key' }" is an attribute by then;
        # before toc (5), which takes a heading's id from its text with the citation in it.
        md.treeprocessors.register(CitationTreeprocessor(md, self), "citations", 6)
        # After every other tree processor (toc 5, unescape 0): the summary is the final tree.
        md.treeprocessors.register(SummaryTreeprocessor(md, self), "citations-summary", -10)

    def start_file(self) -> None:
        """Forget the document: the next conversion is a body pass reading its own bibliography.

        Per file: news_metadata's reader reuses one Markdown for many.
        """
        self.document = None
        self.path = getattr(self.md, "source_path", None)
        self.body_done = False
        self.file_lines = []
        self.counts = {}  # citations of each key so far (their ids: cite-UID-key-N)
        self.reset()

    def reset(self) -> None:
        """Per conversion: forget the placeholders. The document (bibliography, ids) stays:
        Pelican resets before converting the Summary header of the same file.
        """
        self.pending = []
        self.lines = []
        self.cursor = 0
        self.added = []  # the sections this conversion added (notes, reference list)

    def library(self):
        return self.getConfig("library") or None

    # --- the document -----------------------------------------------------------------------

    def begin_document(self, lib) -> None:
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
        self.first_note = {}
        self.references = None
        meta = getattr(self.md, "Meta", {}) or {}
        lines = header_scan.scan("\n".join(self.file_lines), _HEADER_KEYS).lines
        self.bibliography_line = lines.get("bibliography")
        self.summary_line = lines.get("summary")
        if lib is None or lib.engine is None:
            self.document = None
            return
        self.document = lib.document(self.path, meta.get("bibliography"), self.bibliography_line)
        for line, message, fix in self.document.problems:
            self.problem(line, message, fix)

    def problem(self, line, message, fix) -> None:
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
    """Finds narrative citations and entry links, renders the document's citations together
    (:class:`citations.registry.Registry`) and places the reference list.
    """

    def __init__(self, md, extension):
        super().__init__(md)
        self.extension = extension

    def run(self, root) -> None:
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
        self._collect(root, False, False, found)
        document = ext.document
        accepted = []  # (element, parent, pending, in_note)
        marker = None
        for element, parent, in_note in found:
            pending = ext.pending[int(element.get("n"))]
            if pending.link and (document is None or pending.items[0].key.lower()
                                 not in document.entries):  # fmt: skip
                _unlink(element, pending)
                if document is not None:
                    self._unknown(pending, body_pass)
                continue
            if document is None:
                _revert(parent, element, pending.raw)
                continue
            if _is_refs_marker(parent, element, pending, document):
                marker = marker or (parent, element)
                continue
            line = ext.line_of(pending.raw, pending.items[0].key, body_pass)
            if not pending.narrative and not document.entries:
                ext.problem(
                    line,
                    f"{pending.raw} is a citation, but there is no bibliography for this file",
                    "add the source to a file in content/bibliography/ or name a file in the "
                    "header: 'Bibliography: sumber.json'",
                )
                _revert(parent, element, pending.raw)
                continue
            unknown = [k.key for k in pending.items if k.key.lower() not in document.entries]
            if unknown:
                self._unknown(pending, body_pass, unknown, line)
                _revert(parent, element, pending.raw)
                continue
            accepted.append((element, parent, pending, in_note))
        if document is None:
            return
        registry = Registry(
            lib.engine, document.source, {key: entry.uid for key, entry in document.entries.items()}
        )
        notes = lib.engine.note_style
        note = 0
        for _, _, pending, in_note in accepted:
            if pending.link:
                registry.mention(pending.items[0].key.lower())
                continue
            note += 1 if notes and not in_note else 0
            registry.add(self._cites(pending, document), note if notes and not in_note else 0)
        rendered = registry.render()
        cited = [item.key.lower() for *_, pending, _ in accepted for item in pending.items]
        index = 0
        note_items = []
        for element, parent, pending, in_note in accepted:
            if pending.link:
                self._link(element, pending, rendered, body_pass)
                continue
            parts = rendered.citations[index]
            index += 1
            cites = registry.citations[index - 1][0]
            if notes and not in_note:
                note_items.append(self._note(parent, element, pending, parts, cites, rendered,
                                             body_pass, len(note_items) + 1))  # fmt: skip
            else:
                _replace(parent, element,
                         self._citation(parts, cites, rendered, body_pass))  # fmt: skip
        if body_pass:
            self._warn_unused(document, cited)
            if note_items:
                self._notes(root, note_items, lib)
            self._references(root, lib, rendered, marker)
            ext.summary_settings = lib.settings
        if marker is not None:
            _revert(marker[0], marker[1], "")

    def _unknown(self, pending, body_pass, unknown=None, line=None):
        ext = self.extension
        document = ext.document
        line = line or ext.line_of(pending.raw, pending.items[0].key, body_pass)
        for key in unknown or [pending.items[0].key]:
            ext.problem(
                line,
                f"unknown citation key {key!r} in {pending.raw}"
                f"{suggest(key, sorted(document.entries))}",
                "use a key from content/bibliography/ or from this article's "
                "Bibliography: files; if it is not a citation, write \\[ instead of [",
            )

    def _collect(self, element, excluded, in_note, found):
        """Walk ``element`` in document order: placeholders, entry links, and narrative
        citations in text. ``in_note``: inside Markdown's footnotes (``div.footnote``).
        """
        children = list(element)  # before the text's narrative citations join them
        if not excluded:
            self._split(element, None, found, in_note)
        for child in children:
            if child.tag == PENDING:
                if excluded:
                    _revert(element, child, self.extension.pending[int(child.get("n"))].raw)
                    continue
                found.append((child, element, in_note))
            elif child.tag == "a" and (child.get("href") or "").startswith("@") and not excluded:
                found.append((_entry_link(self.extension, child), element, in_note))
            else:
                note = in_note or "footnote" in (child.get("class") or "").split()
                self._collect(child, excluded or child.tag in EXCLUDED_TAGS, note, found)
            if not excluded:
                self._split(element, child, found, in_note)

    def _split(self, parent, child, found, in_note):
        """Turn narrative ``@key`` in ``parent.text`` (child None) or ``child.tail`` into
        placeholders inserted in ``parent``.
        """
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
            found.append((element, parent, in_note))

    def _cites(self, pending, document):
        mode = "narrative" if pending.narrative else None
        return tuple(
            Cite(
                key=item.key.lower(),
                uid=document.entries[item.key.lower()].uid,
                label=item.label,
                locator=item.locator,
                prefix=self._markdown(item.prefix),
                suffix=self._markdown(item.suffix),
                mode=mode or ("suppress" if item.suppress_author else "normal"),
            )
            for item in pending.items
        )

    def _markdown(self, text):
        """A prefix or suffix with its inline Markdown (emphasis, links) as HTML."""
        if not text or not any(mark in text for mark in "*_`[<&"):
            return str(escape(text)) if text else ""
        if self.extension.inline_md is None:
            self.extension.inline_md = markdown.Markdown()
        converter = self.extension.inline_md
        html = converter.reset().convert(text)
        html = html.removeprefix("<p>").removesuffix("</p>")
        # the spaces around the prefix are the editor's ("lihat *juga* @x" keeps its space)
        return text[: len(text) - len(text.lstrip())] + html.strip() + text[len(text.rstrip()) :]

    def _href(self, key, body_pass):
        ext = self.extension
        return f"{'' if body_pass else ext.summary_link}#ref-{ext.uid}-{ext.slug(key)}"

    def _citation(self, parts, cites, rendered, body_pass):
        """``span.citation`` with one link per item; citeproc's HTML goes through the stash."""
        ext = self.extension
        stash = self.md.htmlStash.store
        span = etree.Element("span", {"class": "citation"})
        last = None
        for part in parts:
            if isinstance(part, str):
                if last is None:
                    span.text = (span.text or "") + stash(part)
                else:
                    last.tail = (last.tail or "") + stash(part)
                continue
            index, inner = part
            cite = cites[index]
            title = rendered.texts.get(cite.key)
            if title is None:  # the style lists no entry for it: no link
                target = last if last is not None else None
                if target is None:
                    span.text = (span.text or "") + stash(str(inner))
                else:
                    target.tail = (target.tail or "") + stash(str(inner))
                continue
            link = etree.SubElement(
                span,
                "a",
                {"class": "citation-ref", "href": self._href(cite.key, body_pass), "title": title},
            )
            if body_pass:
                count = ext.counts[cite.key] = ext.counts.get(cite.key, 0) + 1
                link.set("id", f"cite-{ext.uid}-{ext.slug(cite.key)}-{count}")
            link.text = stash(str(inner))
            last = link
        return span

    def _link(self, element, pending, rendered, body_pass):
        """``[words](@key)``: the writer's own words, linked to the entry (nothing added)."""
        ext = self.extension
        key = pending.items[0].key.lower()
        element.set("class", "citation-ref entry-link")
        element.set("href", self._href(key, body_pass))
        title = rendered.texts.get(key)
        if title:
            element.set("title", title)
        if body_pass:
            count = ext.counts[key] = ext.counts.get(key, 0) + 1
            element.set("id", f"cite-{ext.uid}-{ext.slug(key)}-{count}")

    def _note(self, parent, element, pending, parts, cites, rendered, body_pass, number):
        """A note style: the citation becomes a numbered note at the end of the article;
        a narrative ``@key`` keeps the author's name in the sentence.
        """
        ext = self.extension
        sup = etree.Element("sup", {"class": "citation-note"})
        link = etree.SubElement(
            sup, "a", {"href": f"{'' if body_pass else ext.summary_link}#note-{ext.uid}-{number}"}
        )
        if body_pass:
            link.set("id", f"cite-{ext.uid}-note-{number}")
            for cite in cites:
                ext.counts.setdefault(cite.key, 0)
                ext.first_note.setdefault(cite.key, number)
        link.text = str(number)
        if pending.narrative:
            author = self.extension.library().engine.citation(
                ext.document.source, (replace(cites[0], mode="author"),))[0][1]  # fmt: skip
            wrapper = etree.Element("span", {"class": "citation"})
            wrapper.text = self.md.htmlStash.store(str(author))
            wrapper.append(sup)
            _replace(parent, element, wrapper)
        else:
            _replace(parent, element, sup)
        return number, self._citation(parts, cites, rendered, body_pass)

    def _notes(self, root, note_items, lib):
        ext = self.extension
        section = etree.Element(
            "section", {"class": "citation-notes", "aria-label": ui_string(lib.settings, "notes")}
        )
        section.text = "\n"
        items = etree.SubElement(section, "ol")
        back = ui_string(lib.settings, "back_to_citation")
        for number, span in note_items:
            li = etree.SubElement(items, "li", {"id": f"note-{ext.uid}-{number}"})
            li.append(span)
            span.tail = " "
            etree.SubElement(
                li,
                "a",
                {
                    "class": "reference-backlink",
                    "href": f"#cite-{ext.uid}-note-{number}",
                    "aria-label": back,
                    "title": back,
                },
            ).text = BACKLINK_TEXT
        ext.added.append(section)
        _place(root, section, None)

    def _warn_unused(self, document, cited):
        ext = self.extension
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

    def _references(self, root, lib, rendered, marker):
        ext = self.extension
        if not rendered.bibliography:
            return
        heading = lib.settings.get("CITATIONS_HEADING") or ui_string(lib.settings, "references")
        back = ui_string(lib.settings, "back_to_citation")
        section_id = f"daftar-pustaka-{ext.uid}"
        section = etree.Element("section", {"class": "references", "aria-labelledby": section_id})
        etree.SubElement(section, "h2", {"id": section_id}).text = heading
        entries = etree.SubElement(section, "ul", {"class": "reference-list"})
        stash = self.md.htmlStash.store
        for key, html in rendered.bibliography:
            slug = ext.slug(key)
            li = etree.SubElement(
                entries, "li", {"class": "reference", "id": f"ref-{ext.uid}-{slug}"}
            )
            li.text = stash(html) + " "
            if ext.counts.get(key):
                target = f"#cite-{ext.uid}-{slug}-1"
            elif key in ext.first_note:
                target = f"#cite-{ext.uid}-note-{ext.first_note[key]}"
            else:
                continue
            etree.SubElement(
                li,
                "a",
                {"class": "reference-backlink", "href": target, "aria-label": back, "title": back},
            ).text = BACKLINK_TEXT
        ext.references = section
        ext.added.append(section)
        _place(root, section, marker)


class SummaryTreeprocessor(Treeprocessor):
    """The body's summary without the sections :class:`CitationTreeprocessor` added, for an
    article that has them; into ``md.news_metadata["summary"]`` (module docstring).
    """

    def __init__(self, md, extension):
        super().__init__(md)
        self.extension = extension

    def run(self, root) -> None:
        ext = self.extension
        if not ext.added:
            return
        places = []
        for section in ext.added:
            parent = _parent_of(root, section)
            if parent is not None:
                places.append((parent, list(parent).index(section), section))
                parent.remove(section)
        try:
            tree = copy.deepcopy(root)
        finally:
            for parent, index, section in reversed(places):
                parent.insert(index, section)
        ext.added = []
        if ext.summary_link:
            fragments = (f"#ref-{ext.uid}-", f"#note-{ext.uid}-")
            for link in tree.iter("a"):
                if (link.get("href") or "").startswith(fragments):
                    link.set("href", ext.summary_link + link.get("href"))
                    link.attrib.pop("id", None)  # the article's page has these ids
        html = "\n".join(self.md.serializer(child) for child in tree).strip()
        for postprocessor in self.md.postprocessors:
            html = postprocessor.run(html)
        derived = getattr(self.md, "news_metadata", None)
        if derived is None:
            derived = self.md.news_metadata = {}
        derived["summary"] = default_summary(html.strip(), ext.summary_settings)


def _place(root, section, marker):
    """Put ``section`` where the ``[@refs]`` paragraph is, else at the end of the article,
    before Markdown's footnotes.
    """
    if marker is not None:
        paragraph = marker[0]
        parent = _parent_of(root, paragraph)
        if parent is not None:
            parent.insert(list(parent).index(paragraph), section)
            parent.remove(paragraph)
            return
    footnotes = [i for i, child in enumerate(root) if "footnote" in (child.get("class") or "")]
    if footnotes:
        root.insert(footnotes[0], section)
    else:
        root.append(section)


def _parent_of(root, element):
    for parent in root.iter():
        if element in list(parent):
            return parent
    return None


def _is_refs_marker(parent, element, pending, document):
    """``[@refs]`` alone in a paragraph (and no entry is called "refs"): the list goes here."""
    return (
        len(pending.items) == 1
        and pending.items[0].key.lower() == REFS_KEY
        and not pending.narrative
        and REFS_KEY not in document.entries
        and parent.tag == "p"
        and not (parent.text or "").strip()
        and not (element.tail or "").strip()
        and len(parent) == 1
    )


def _entry_link(extension, link):
    """``[words](@key)``: a placeholder-like record for a link to an entry."""
    key = link.get("href")[1:]
    pending = Pending(f"[{''.join(link.itertext())}]({link.get('href')})", [Item(key)],
                      link=True)  # fmt: skip
    link.set("n", str(len(extension.pending)))
    extension.pending.append(pending)
    return link


def _unlink(element, pending):
    """An entry link to an unknown key: leave the words, drop the link target."""
    element.attrib.pop("n", None)
    element.attrib.pop("href", None)
    element.tag = "span"


def _attributes(attributes):
    return "".join(f' {name}="{escape(value)}"' for name, value in attributes.items())


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
