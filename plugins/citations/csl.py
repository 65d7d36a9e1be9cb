"""CSL formatting with citeproc-py: the style and locale files shipped in ``csl/``, memoised.

citeproc-py (https://github.com/citeproc-py/citeproc-py) does the CSL work: names, dates,
terms of the locale, the style's macros and sort keys. This module adds five things around it:

1. **Shipped files.** The style and the locale are read from this plugin's ``csl/`` folder (or
   a path in the settings), never from a package or the network. Locales are searched in the
   order of CSL 1.0.2 "Locale Fallback": the style's own ``<locale>`` for the dialect, for the
   language, without a language; then the locale file; then ``en-US``.
2. **Author modes** citeproc-py lacks (pandoc's ``-@key`` and ``@key``): the *author part* of
   the citation layout is its first rendered child (APA: ``<group><text macro="author-short"/>
   <text macro="date-short"/>...``, the same shape in Chicago author-date and Harvard). A cite
   with ``author_mode="suppress"`` skips it, giving ``(2009)``; ``author_mode="only"`` records
   its text, giving ``Fajriati`` for a narrative ``Fajriati (2011)``. citeproc-js and pandoc
   suppress the first ``cs:names`` instead, which would miss APA's legal items (their author
   part is the title of the act).
3. **Speed.** citeproc-py runs an XPath query for every macro call and term look-up, a find()
   for every child it names, walks whole subtrees to ask whether they call a variable, reaches
   an item's entry through two attribute chains and sorts one-item citations; the style tree
   never changes, so the element classes used here memoise those look-ups and the sort keys,
   and :class:`_Item` keeps its entry (see README, "Performance").
4. **A fix**: ``is-numeric="locator"`` (see :class:`_NumericLocator`), so APA labels a chapter
   locator ("Bab 2").
5. **Per-build memo** of rendered citations and references (:class:`Engine`): in an
   author-date style without year-suffix disambiguation (citeproc-py has none) a citation's text
   depends only on its items, and a reference only on its entry; a citation that differs from
   one already rendered only in its page numbers reuses it (:meth:`Engine._from_template`), and
   an item's text is rendered once (:class:`_CachedItemOutput`).
"""

import os
import re
import weakref
from dataclasses import dataclass, replace

from citeproc import Citation, CitationItem, CitationStylesBibliography, Locator, formatter
from citeproc import model as csl_model
from citeproc.frontend import CitationStylesStyle
from citeproc.source import BibliographySource
from citeproc.source.json import CiteProcJSON
from lxml import etree
from markupsafe import Markup

CSL_NS = "http://purl.org/net/xbiblio/csl"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FALLBACK_LOCALE = "en-US"

# Item markers in citeproc's output, so that each item of "(A, 2011; B, 2019)" becomes its own
# link. Private-use characters: never in an editor's text, kept as they are by citeproc-py.
ITEM_START, ITEM_MID, ITEM_END = "\ue000", "\ue001", "\ue002"

_xpath_cache = {}
_child_cache = {}
# Flags on elements, held strongly by their _Style (so lxml keeps the same proxies).
_author_parts = weakref.WeakSet()  # see _mark_author_part
_citation_layouts = weakref.WeakSet()  # see _CachedItemOutput
_item_output_cache = {}
_calls_variable_cache = {}
_sort_key_cache = {}


class CslError(Exception):
    """A style or locale file that cannot be used (missing, not XML, not CSL)."""


class _Memoised:
    """Mixin for citeproc-py's element classes: static look-ups computed once per element.

    The cache dicts hold the element proxies, so lxml hands out the same proxy for a node
    while the cache lives (identity keys stay valid).
    """

    def xpath_search(self, expression):
        key = (self, expression)
        try:
            return _xpath_cache[key]
        except KeyError:
            result = _xpath_cache[key] = super().xpath_search(expression)
            return result

    def calls_variable(self):
        try:
            return _calls_variable_cache[self]
        except KeyError:
            result = _calls_variable_cache[self] = super().calls_variable()
            return result

    def __getattr__(self, name):
        # citeproc-py's ``element.layout``, ``names.name``, ``citation.sort``: a find() per
        # call. A missing <name> is inserted by Names.process, so that one is never cached.
        key = (self, name)
        try:
            return _child_cache[key]
        except KeyError:
            result = super().__getattr__(name)
            if result is not None or name != "name":
                _child_cache[key] = result
            return result

    def get_formatter(self):
        return formatter.html  # the only output format this plugin uses

    def render(self, *args, **kwargs):
        if self in _author_parts and args:
            mode = args[0].get("author_mode")
            if mode == "suppress":
                return None
            text = super().render(*args, **kwargs)
            if mode == "only":
                args[0]["author_text"] = text
            return text
        return super().render(*args, **kwargs)


class _CachedSortKeys:
    """Mixin for ``cs:key``: a sort key of one entry is computed once per build."""

    def sort_keys(self, items, context):
        if self.get("variable") == "citation-number":
            return super().sort_keys(items, context)  # depends on the list, not the entry
        keys = []
        for item in items:
            reference = item.reference
            cache_key = (self, item.key, id(reference))
            cached = _sort_key_cache.get(cache_key)
            if cached is None or cached[0] is not reference:
                cached = _sort_key_cache[cache_key] = (
                    reference,
                    super().sort_keys([item], context)[0],
                )
            keys.append(cached[1])
        return keys


class _CachedItemOutput:
    """Mixin for ``cs:layout``: in a citation, an item's text depends only on the item (its
    entry, locator and author mode), unless the style tests ``position`` (ibid., subsequent),
    so ``[@a; @b]`` reuses what ``[@a]`` and ``[@b]`` rendered."""

    def render_children(self, item, **kwargs):
        if kwargs or self not in _citation_layouts or item.get("author_mode") == "only":
            return super().render_children(item, **kwargs)
        locator = item.get("locator")
        key = (
            self,
            item.key,
            id(item.reference),
            locator.label if locator else None,
            str(locator.identifier) if locator else None,
            item.get("author_mode"),
        )
        cached = _item_output_cache.get(key)
        if cached is None or cached[0] is not item.reference:
            cached = _item_output_cache[key] = (item.reference, super().render_children(item))
        return cached[1]


class _QuickSort:
    """Mixin for ``cs:sort``: one item needs no sorting (citeproc-py sorts every citation)."""

    def sort(self, items, context):
        if len(items) < 2:
            return list(items)
        return super().sort(items, context)


class _NumericLocator:
    """Mixin for ``cs:if``/``cs:else-if``: ``is-numeric="locator"`` tests the cite's locator.

    citeproc-py 0.11.1 looks for every ``is-numeric`` variable in the entry, where the locator
    never is, so APA's "(Nasution, 2015, Bab 2)" lost its label: "(Nasution, 2015, 2)". Numeric
    as CSL 1.0.2 defines it ("Conditions"): numbers with optional letter affixes, separated by
    ``-``, ``,`` or ``&`` ("2", "2-4", "12a").
    """

    _csl_numeric = re.compile(r"^[A-Za-z]*\d+[A-Za-z]*(?:\s*[-–,&]\s*[A-Za-z]*\d+[A-Za-z]*)*$")

    def _is_numeric(self, item):
        names = self.get("is-numeric").split()
        if "locator" not in names:
            return super()._is_numeric(item)
        results = []
        for name in names:
            if name == "locator":
                value = str(item.locator.identifier) if item.has_locator else ""
                results.append(bool(self._csl_numeric.match(value.strip())))
            else:
                results.extend(self._is_numeric_variable(item, name))
        return results

    def _is_numeric_variable(self, item, name):
        variable = name.replace("-", "_")
        value = item.reference.get(variable)
        return [value is not None and bool(self.re_numeric.match(str(value)))]


def _element_classes():
    """Tag name -> memoising subclass of each citeproc-py element class."""
    classes = {}
    for cls in csl_model.CitationStylesElement.__subclasses__():
        if issubclass(cls, _Memoised):
            continue
        tag = cls.__name__.replace("_", "-").lower()
        if cls is csl_model.Key:
            bases = (_CachedSortKeys, _Memoised, cls)
        elif issubclass(cls, csl_model.If):
            bases = (_NumericLocator, _Memoised, cls)
        elif cls is csl_model.Sort:
            bases = (_QuickSort, _Memoised, cls)
        elif cls is csl_model.Layout:
            bases = (_CachedItemOutput, _Memoised, cls)
        else:
            bases = (_Memoised, cls)
        classes[tag] = type(cls.__name__, bases, {"__module__": __name__})
    return classes


_CLASSES = _element_classes()
_DEFAULT_CLASS = type(
    "CslElement", (_Memoised, csl_model.CitationStylesElement), {"__module__": __name__}
)


def _parse(path):
    lookup = etree.ElementNamespaceClassLookup()
    namespace = lookup.get_namespace(CSL_NS)
    namespace[None] = _DEFAULT_CLASS
    namespace.update(_CLASSES)
    parser = etree.XMLParser(remove_comments=True, encoding="UTF-8", no_network=True)
    parser.set_element_class_lookup(lookup)
    if not os.path.isfile(path):
        raise CslError(f"{path} does not exist")
    try:
        tree = etree.parse(path, parser)
    except etree.XMLSyntaxError as exc:
        raise CslError(f"{path} is not valid XML: {exc}") from exc
    return tree.getroot()


class _Style(CitationStylesStyle):
    """A citeproc-py style read with the memoising element classes and the given locales."""

    def __init__(self, style_path, locale_paths):
        self.root = _parse(style_path)
        if self.root.tag != f"{{{CSL_NS}}}style" or self.root.citation is None:
            raise CslError(f"{style_path} is not a CSL style (no <style> with <citation>)")
        locales = [_parse(path) for path in locale_paths]
        for path, locale in zip(locale_paths, locales, strict=True):
            if locale.tag != f"{{{CSL_NS}}}locale":
                raise CslError(f"{path} is not a CSL locale file")
        language = locales[0].get(XML_LANG, "") if locales else ""
        in_style = []
        for wanted in (language, language.split("-")[0], None):
            expression = (
                f'./cs:locale[@xml:lang="{wanted}"]' if wanted else "./cs:locale[not(@xml:lang)]"
            )
            for found in self.root.xpath_search(expression):
                if found not in in_style:
                    in_style.append(found)
        self.root.locales = [*in_style, *locales]
        for locale in self.root.locales:
            locale.style = self.root
        self.author_part = _mark_author_part(self.root)
        self.citation_layout = self.root.citation.layout
        if not self.root.xpath_search("./cs:citation//*[@position]"):
            _citation_layouts.add(self.citation_layout)


def _mark_author_part(root):
    """Mark the first child of the citation layout (or of its first group); return it."""
    layout = root.citation.layout
    first = next((child for child in layout if isinstance(child.tag, str)), None)
    if first is not None and first.tag == f"{{{CSL_NS}}}group":
        first = next((child for child in first if isinstance(child.tag, str)), None)
    if first is not None:
        _author_parts.add(first)
    return first


class _Item(CitationItem):
    """A CitationItem whose entry is looked up once (citeproc-py looks it up through two
    attribute chains some sixty times per citation)."""

    @property
    def bibliography(self):
        return dict.__getitem__(dict.__getitem__(self, "citation"), "bibliography")

    @property
    def reference(self):
        reference = dict.get(self, "_reference")
        if reference is None:
            reference = self.bibliography.source[self.key]
            dict.__setitem__(self, "_reference", reference)
        return reference


@dataclass(frozen=True)
class Cite:
    """One item of a citation.

    Attributes:
        key: citation key (lowercase).
        uid: identity of the entry (``Entry.uid``), for the memo.
        label: CSL locator type (``"page"``, ``"chapter"``...) or ``""``.
        locator: the locator value (``"12"``, ``"12-15"``) or ``""``.
        prefix, suffix: the editor's text before / after the item (plain text).
        mode: ``"normal"``, ``"suppress"`` (``-@key``: no author) or ``"narrative"`` (``@key``).
    """

    key: str
    uid: str
    label: str = ""
    locator: str = ""
    prefix: str = ""
    suffix: str = ""
    mode: str = "normal"


class Engine:
    """Formats citations and references with one style and locale, memoised for one build.

    Args:
        style_path: a ``.csl`` style file.
        locale_path: a CSL locale file (``locales-id-ID.xml``).
        fallback_locale_path: the ``en-US`` locale file (terms the locale lacks).
    Raises:
        CslError: a file is missing or is not CSL.
    """

    def __init__(self, style_path, locale_path, fallback_locale_path):
        _xpath_cache.clear()
        _child_cache.clear()
        _item_output_cache.clear()
        _calls_variable_cache.clear()
        _sort_key_cache.clear()
        paths = [locale_path]
        if os.path.abspath(fallback_locale_path) != os.path.abspath(locale_path):
            paths.append(fallback_locale_path)
        self.style = _Style(style_path, paths)
        self._citations = {}
        self._references = {}
        self._reference_texts = {}

    @staticmethod
    def source(items):
        """Return a citeproc-py source for CSL-JSON ``items`` (dicts)."""
        return CiteProcJSON(items)

    @staticmethod
    def merged_source(*sources):
        """Return one source holding the entries of all ``sources`` (later ones win)."""
        merged = BibliographySource()
        for source in sources:
            merged.update(source)
        return merged

    def citation(self, source, cites):
        """Render one citation.

        Args:
            source: the citeproc-py source holding every cited key.
            cites: a tuple of :class:`Cite`, in the order written.
        Returns:
            A list of parts: ``str`` (HTML between items, e.g. ``"("``, ``"; "``) and
            ``(index, html)`` tuples, ``index`` being the position of the item in ``cites``.
            A narrative citation is one part ``(0, "Fajriati (2011)")``.
        """
        parts = self._citations.get(cites)
        if parts is None:
            parts = self._from_template(source, cites)
            if parts is None:
                parts = self._render_citation(source, cites)
            self._citations[cites] = parts
        return parts

    def _from_template(self, source, cites):
        """Reuse the rendering of the same citation with other page numbers, or return None.

        citeproc-py uses a locator's value in three ways only: as text (``-`` becomes an en
        dash, then HTML-escaped), in ``is-numeric`` and in the label's plural form. For a
        locator of plain numbers (``12``, ``12-15``, ``3, 7``) the citation is rendered once
        with a stand-in number of the same shape (numeric; plural or not) and the stand-in is
        replaced by the real value. Anything else (letters, periods), or a stand-in the style
        changed, is rendered in full.
        """
        if not any(cite.locator for cite in cites):
            return None
        shaped = []
        swaps = []
        for index, cite in enumerate(cites):
            if not cite.locator:
                shaped.append(cite)
                continue
            if not _PLAIN_LOCATOR.match(cite.locator):
                return None
            plural = bool(csl_model.Label.RE_MULTIPLE_NUMBERS.search(cite.locator))
            stand_in = f"9081726354{index}" + (f"-9081726355{index}" if plural else "")
            shaped.append(replace(cite, locator=stand_in))
            swaps.append((_locator_text(stand_in), _locator_text(cite.locator)))
        shaped = tuple(shaped)
        template = self._citations.get(shaped)
        if template is None:
            template = self._citations[shaped] = self._render_citation(source, shaped)
        joined = "".join(part if isinstance(part, str) else part[1] for part in template)
        if any(joined.count(stand_in) != 1 for stand_in, _ in swaps):
            return None
        parts = []
        for part in template:
            text = part if isinstance(part, str) else part[1]
            for stand_in, value in swaps:
                text = text.replace(stand_in, value)
            parts.append(text if isinstance(part, str) else (part[0], text))
        return parts

    def _render_citation(self, source, cites):
        if len(cites) == 1 and cites[0].mode == "narrative":
            cite = cites[0]
            author_item = self._item(cite, "only", with_markers=False)
            self._cite(source, [author_item])
            author = author_item.get("author_text")
            rest = self._cite(source, [self._item(cite, "suppress", with_markers=False)])
            text = f"{author} {rest}" if author else rest
            return [(0, text)]
        items = [
            self._item(cite, {"suppress": "suppress"}.get(cite.mode), index=index)
            for index, cite in enumerate(cites)
        ]
        return _split_items(self._cite(source, items))

    def _item(self, cite, mode, index=0, with_markers=True):
        arguments = {}
        if cite.locator:
            arguments["locator"] = Locator(cite.label or "page", cite.locator)
        prefix = _escape(cite.prefix)
        suffix = _escape(cite.suffix)
        if with_markers:
            prefix = f"{prefix}{ITEM_START}{index}{ITEM_MID}"
            suffix = f"{ITEM_END}{suffix}"
        if prefix:
            arguments["prefix"] = prefix
        if suffix:
            arguments["suffix"] = suffix
        item = _Item(cite.key, **arguments)
        if mode:
            item.author_mode = mode
        return item

    def _cite(self, source, items):
        bibliography = CitationStylesBibliography(self.style, source, formatter.html)
        citation = Citation(items)
        bibliography.register(citation)
        return str(bibliography.cite(citation, lambda item: None))

    def reference(self, source, key, uid):
        """Return the reference list entry of ``key`` as HTML, or None if the style omits it
        (APA leaves unpublished personal communications out of the list)."""
        if uid not in self._references:
            bibliography = CitationStylesBibliography(self.style, source, formatter.html)
            bibliography.register(Citation([_Item(key)]))
            rendered = bibliography.bibliography()
            self._references[uid] = str(rendered[0]) if rendered else None
        return self._references[uid]

    def reference_text(self, source, key, uid):
        """Return the reference of ``key`` as plain text (for a ``title`` attribute), or None."""
        if uid not in self._reference_texts:
            html = self.reference(source, key, uid)
            self._reference_texts[uid] = None if html is None else str(Markup(html).striptags())
        return self._reference_texts[uid]

    def order(self, source, keys):
        """Return ``keys`` in the style's bibliography order (APA: author, date, title)."""
        bibliography = CitationStylesBibliography(self.style, source, formatter.html)
        bibliography.register(Citation([_Item(key) for key in keys]))
        if self.style.root.bibliography is not None:
            bibliography.sort()
        return list(bibliography.keys)

    def locator_labels(self):
        """Return ``{term text: CSL locator type}`` for the style's locales (long and short
        forms, singular and plural: ``"hlm."``, ``"halaman"``, ``"p."``, ``"pp."``, ``"bab"``).

        A term shared by two locator types goes to the first in :data:`LOCATOR_TYPES`.
        """
        labels = {}
        for locale in self.style.root.locales:
            for locator in LOCATOR_TYPES:
                for form in (None, "short"):
                    try:
                        term = locale.get_term(locator, form)
                    except IndexError:
                        continue
                    for text in _term_texts(term):
                        labels.setdefault(text.lower(), locator)
        return labels


# CSL 1.0.2 locator types, the common ones first (they win a shared term such as "bagian").
LOCATOR_TYPES = (
    "page",
    "chapter",
    "section",
    "paragraph",
    "verse",
    "line",
    "figure",
    "table",
    "volume",
    "issue",
    "part",
    "book",
    "column",
    "folio",
    "note",
    "opus",
    "sub-verbo",
    "appendix",
    "supplement",
    "equation",
    "canon",
    "rule",
    "scene",
)


def _term_texts(term):
    texts = []
    children = [child for child in term if isinstance(child.tag, str)]
    for node in children or [term]:
        text = (node.text or "").strip()
        if text:
            texts.append(text)
    return texts


_PLAIN_LOCATOR = re.compile(r"^\d+(?:\s*[-–,&]\s*\d+)*$")


def _locator_text(value):
    """A locator as citeproc-py 0.11.1 prints it (``Text._variable``: en dash, escaped)."""
    return _escape(value.replace("-", "\N{EN DASH}"))


def _escape(text):
    return str(Markup.escape(text)) if text else ""


def _split_items(html):
    """Split citeproc output with item markers into parts (see :meth:`Engine.citation`)."""
    parts = []
    rest = html
    while ITEM_START in rest:
        before, rest = rest.split(ITEM_START, 1)
        if before:
            parts.append(before)
        index, rest = rest.split(ITEM_MID, 1)
        inner, rest = rest.split(ITEM_END, 1)
        parts.append((int(index), inner))
    if rest:
        parts.append(rest)
    return parts
