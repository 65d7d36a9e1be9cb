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
from citeproc.frontend import CitationStylesStyle
from citeproc.source import BibliographySource
from citeproc.source.json import CiteProcJSON
from lxml import etree
from markupsafe import Markup
from news_metadata.compat import csl_model

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
_citation_layouts = weakref.WeakSet()
_first_fields = (
    weakref.WeakSet()
)  # first child of a second-field-align bibliography layout  # see _CachedItemOutput
_item_output_cache = {}
_calls_variable_cache = {}
_sort_key_cache = {}


class CslError(Exception):
    """A style or locale file that cannot be used (missing, not XML, not CSL)."""


class UnsupportedStyle(CslError):
    """A style that needs a CSL feature this engine does not render (named in the message)."""


@dataclass(frozen=True)
class ItemState:
    """What the document adds to one cite (CSL 1.0.2 "Positions", "Disambiguation",
    ``citation-number``), computed by :class:`citations.registry.Registry`.

    Attributes:
        position: ``"first"``, ``"subsequent"``, ``"ibid"`` or ``"ibid-with-locator"``.
        near_note: the item was cited within ``near-note-distance`` notes before.
        number: the item's ``citation-number`` (1-based; 0 when the style prints none).
        first_note: ``first-reference-note-number`` (0 outside note styles).
        year_suffix: ``"a"``, ``"b"``... or ``""``.
        names_extra: names shown beyond ``et-al-use-first`` (``disambiguate-add-names``).
        given_level: 0 as the style says, 1 initials, 2 full given names
            (``disambiguate-add-givenname``).
        disambiguate: ``<if disambiguate="true">`` holds for this cite.
    """

    position: str = "first"
    near_note: bool = False
    number: int = 0
    first_note: int = 0
    year_suffix: str = ""
    names_extra: int = 0
    given_level: int = 0
    disambiguate: bool = False


FIRST = ItemState()


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
        if self in _first_fields and args and dict.get(args[0], "_bib_state") is not None:
            text = super().render(*args, **kwargs)
            dict.__setitem__(args[0], "first_field", text)
            return text
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
    entry, locator, author mode and :class:`ItemState`), so ``[@a; @b]`` reuses what ``[@a]``
    and ``[@b]`` rendered.
    """

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
            item.get("_state"),
        )
        cached = _item_output_cache.get(key)
        if cached is None or cached[0] is not item.reference:
            cached = _item_output_cache[key] = (item.reference, super().render_children(item))
        return cached[1]


class _DisambiguatedName:
    """Mixin for ``cs:name``: in a citation, the names a cite's :class:`ItemState` asks for.

    ``disambiguate-add-names`` shows more names than ``et-al-use-first``;
    ``disambiguate-add-givenname`` writes them in the long form, with initials (level 1, when
    the style initialises) or full given names (level 2); a subsequent cite uses
    ``et-al-subsequent-min``/``-use-first``. citeproc-py reads every name option through
    ``get_option``, which takes a dict of overrides (meant for sort keys): the overrides go in
    there. They apply to every name of the cite (CSL's "primary-name" rules expand the first
    name only: a known difference, see README).
    """

    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        state = item.get("_state")
        if sort_options is None and state is not None and state is not FIRST:
            overrides = self._overrides(state, context)
            if overrides:
                sort_options = overrides
        return super().process(item, variable, context=context, sort_options=sort_options,
                               **kwargs)  # fmt: skip

    def _inherited(self, name):
        value = self.get(name)
        if value is None:
            citation = self.xpath_search("./ancestor::cs:citation[1]")
            for holder in (*citation, self.get_root()):
                value = holder.get(name)
                if value is not None:
                    break
        return value

    def _overrides(self, state, context):
        overrides = {}
        if state.position != "first" and self._inherited("et-al-subsequent-min"):
            overrides["et-al-min"] = self._inherited("et-al-subsequent-min")
            overrides["et-al-use-first"] = self._inherited("et-al-subsequent-use-first") or (
                self.get_option("et-al-use-first", context)
            )
        if state.names_extra:
            first = int(
                overrides.get("et-al-use-first") or self.get_option("et-al-use-first", context) or 1
            )
            overrides["et-al-use-first"] = first + state.names_extra  # fmt: skip
        if state.given_level:
            overrides["form"] = "long"
            if state.given_level > 1:
                overrides["initialize-with"] = None
        return overrides


class _QuickSort:
    """Mixin for ``cs:sort``: one item needs no sorting (citeproc-py sorts every citation)."""

    def sort(self, items, context):
        if len(items) < 2:
            return list(items)
        return super().sort(items, context)


class _Conditions:
    """Mixin for ``cs:if``/``cs:else-if``: the tests citeproc-py 0.11.1 gets wrong or lacks.

    - ``position`` is read from the cite's :class:`ItemState` (computed over the whole
      document), never from citeproc-py's list of earlier cites, which holds only the cites of
      one rendering; CSL 1.0.2: "ibid-with-locator" implies "ibid", and "ibid" and "near-note"
      imply "subsequent". In the bibliography every position test is false.
    - ``disambiguate="true"`` (ignored by citeproc-py, so such branches always rendered) holds
      when the registry found the cite still ambiguous after adding names and given names.
    - ``is-numeric="locator"``: see below.

    ``is-numeric="locator"`` tests the cite's locator.

    citeproc-py 0.11.1 looks for every ``is-numeric`` variable in the entry, where the locator
    never is, so APA's "(Nasution, 2015, Bab 2)" lost its label: "(Nasution, 2015, 2)". Numeric
    as CSL 1.0.2 defines it ("Conditions"): numbers with optional letter affixes, separated by
    ``-``, ``,`` or ``&`` ("2", "2-4", "12a").
    """

    _csl_numeric = re.compile(r"^[A-Za-z]*\d+[A-Za-z]*(?:\s*[-–,&]\s*[A-Za-z]*\d+[A-Za-z]*)*$")

    def render(self, item, context=None, delimiter="", **kwargs):
        if "disambiguate" not in self.attrib:
            return super().render(item, context=context, delimiter=delimiter, **kwargs)
        state = item.get("_state")
        results = [state is not None and state.disambiguate]
        others = {name: value for name, value in self.attrib.items() if name != "disambiguate"}
        if others:
            try:
                # the other tests, by citeproc-py, with "match" applied to all of them
                results.append(self._other_tests(item, context))
            except csl_model.ConditionFailed:
                results.append(False)
        match = self.get("match", "all")
        passed = any(results) if match == "any" else (
            not any(results) if match == "none" else all(results))  # fmt: skip
        if not passed:
            raise csl_model.ConditionFailed
        return self.render_children(item, context=context, delimiter=delimiter, **kwargs)

    def _other_tests(self, item, context):
        results = []
        if "type" in self.attrib:
            results += self._type(item)
        if "variable" in self.attrib:
            results += self._variable(item)
        if "is-numeric" in self.attrib:
            results += self._is_numeric(item)
        if "is-uncertain-date" in self.attrib:
            results += self._is_uncertain_date(item)
        if "locator" in self.attrib:
            results += self._locator(item)
        if "position" in self.attrib:
            results += self._position(item, context)
        match = self.get("match", "all")
        return any(results) if match != "all" else all(results)

    def _position(self, item, context):
        state = item.get("_state")
        if state is None:
            return [False]  # the bibliography, or a sort key
        position = state.position
        tests = {
            "first": position == "first",
            "subsequent": position != "first",
            "ibid": position in ("ibid", "ibid-with-locator"),
            "ibid-with-locator": position == "ibid-with-locator",
            "near-note": state.near_note,
        }
        return [tests.get(name, False) for name in self.get("position").split()]

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
            bases = (_Conditions, _Memoised, cls)
        elif cls is csl_model.Name:
            bases = (_DisambiguatedName, _Memoised, cls)
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
        self.author_parts = _mark_author_part(self.root)  # held: lxml keeps their proxies
        bibliography = self.root.bibliography
        self.first_field = None
        if bibliography is not None and bibliography.get("second-field-align"):
            layout = bibliography.layout
            self.first_field = next((c for c in layout if isinstance(c.tag, str)), None)
            if self.first_field is not None:
                _first_fields.add(self.first_field)
        self.citation_layout = self.root.citation.layout
        _citation_layouts.add(self.citation_layout)


# Elements of CSL 1.0.2 that carry no rendering of their own, or that this module handles.
_KNOWN_TAGS = {"style", "info", "locale", "terms", "term", "single", "multiple", "style-options",
               "date-part", "date-format"}  # fmt: skip
# Attribute values citeproc-py would ignore, so the text would come out wrong.
_REFUSED = (
    ("./cs:citation[@collapse='year-suffix' or @collapse='year-suffix-ranged']",
     "collapse=\"year-suffix\" (year-suffix collapsing: \"2011a, b\")"),
    ("./cs:bibliography[@subsequent-author-substitute]",
     "subsequent-author-substitute (\"———\" for a repeated author in the reference list)"),
    ("./cs:citation/cs:intext", "cs:intext (in-text citations of a note style)"),
    ("(./cs:citation | ./cs:bibliography | ./cs:macro)//*[@display]",
     "display (block, left-margin, right-inline or indent layout of a reference)"),
)  # fmt: skip


def unsupported_features(root):
    """Return what a style needs that this engine does not render, as readable phrases.

    A style is refused rather than rendered wrongly (README, "Any style works or is
    refused"): elements citeproc-py has no class for, and the attribute values in
    :data:`_REFUSED`. Returns [] for a usable style.
    """
    problems = []
    version = root.get("version", "1.0")
    if not version.startswith("1.0"):
        problems.append(f"CSL version {version} (1.0.x only)")
    for expression, feature in _REFUSED:
        if root.xpath_search(expression):
            problems.append(feature)
    unknown = set()
    for element in root.iter():
        if not isinstance(element.tag, str) or not element.tag.startswith(f"{{{CSL_NS}}}"):
            continue
        tag = element.tag.split("}", 1)[1]
        if tag in _KNOWN_TAGS or tag in _CLASSES:
            continue
        # iterancestors, not an XPath per element: a quarter of the time, the same elements
        if next(element.iterancestors(f"{{{CSL_NS}}}info"), None) is not None:
            continue
        unknown.add(tag)
    problems.extend(f"the element cs:{tag}" for tag in sorted(unknown))
    return problems


def _mark_author_part(root):
    """Mark the author part of the citation layout (see the module docstring); return the
    elements marked.

    The first child of the layout, or of its first group (APA: the ``author-short`` macro).
    When that is a choose, each branch's first child, a group standing for its first child and
    a macro call whose macro holds one element for that element (Chicago author-date:
    ``author-inline`` in each branch).
    """
    marked = []

    def mark(element, depth=0):
        children = [child for child in element if isinstance(child.tag, str)]
        tag = element.tag.split("}", 1)[-1]
        if depth > 12:
            return
        if tag in ("group", "layout") and children:
            mark(children[0], depth + 1)
        elif tag == "choose":
            for branch in children:
                inner = [child for child in branch if isinstance(child.tag, str)]
                if inner:
                    mark(inner[0], depth + 1)
        elif tag == "text" and element.get("macro"):
            macro = root.xpath_search(f'./cs:macro[@name="{element.get("macro")}"]')
            inner = [c for c in macro[0] if isinstance(c.tag, str)] if macro else []
            if len(inner) == 1 and inner[0].tag.split("}", 1)[-1] == "group":
                mark(inner[0], depth + 1)
            else:
                marked.append(element)
        else:
            marked.append(element)

    layout = root.citation.layout
    first = next((child for child in layout if isinstance(child.tag, str)), None)
    if first is not None and first.tag == f"{{{CSL_NS}}}group":
        first = next((child for child in first if isinstance(child.tag, str)), None)
    if first is not None and first.tag == f"{{{CSL_NS}}}choose":
        mark(first)  # the author is one level further in
    elif first is not None:
        marked.append(first)
    for element in marked:
        _author_parts.add(element)
    return marked


class _Item(CitationItem):
    """A CitationItem whose entry is looked up once (citeproc-py looks it up through two
    attribute chains some sixty times per citation).
    """

    @property
    def bibliography(self):
        return dict.__getitem__(dict.__getitem__(self, "citation"), "bibliography")

    @property
    def reference(self):
        reference = dict.get(self, "_reference")
        if reference is None:
            reference = self.bibliography.source[self.key]
            state = dict.get(self, "_state") or dict.get(self, "_bib_state")
            if state is not None and (state.year_suffix or state.first_note):
                reference = _with_generated(reference, state)
            dict.__setitem__(self, "_reference", reference)
        return reference

    @property
    def number(self):
        state = dict.get(self, "_state") or dict.get(self, "_bib_state")
        return state.number if state is not None and state.number else 1


_generated_cache = {}


def _with_generated(reference, state):
    """A copy of ``reference`` with the variables the document generates (``year-suffix``,
    ``first-reference-note-number``), memoised so the memos keyed by ``id(reference)`` hold.
    """
    key = (id(reference), state.year_suffix, state.first_note)
    cached = _generated_cache.get(key)
    if cached is None or cached[0] is not reference:
        copy = type(reference).__new__(type(reference))
        dict.update(copy, reference)
        copy.__dict__.update(reference.__dict__)
        if state.year_suffix:
            dict.__setitem__(copy, "year_suffix", state.year_suffix)
        if state.first_note:
            dict.__setitem__(copy, "first_reference_note_number", str(state.first_note))
        cached = _generated_cache[key] = (reference, copy)
    return cached[1]


@dataclass(frozen=True)
class Cite:
    """One item of a citation.

    Attributes:
        key: citation key (lowercase).
        uid: identity of the entry (``Entry.uid``), for the memo.
        label: CSL locator type (``"page"``, ``"chapter"``...) or ``""``.
        locator: the locator value (``"12"``, ``"12-15"``) or ``""``.
        prefix, suffix: the editor's text before / after the item, as HTML.
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
        problems = unsupported_features(self.style.root)
        if problems:
            raise UnsupportedStyle(
                f"{style_path} needs CSL features this engine does not render: "
                + "; ".join(problems)
            )
        root = self.style.root
        citation = root.citation
        self.note_style = root.get("class") == "note"
        self.has_bibliography = root.bibliography is not None
        #: what the style's citations depend on besides the items (see ItemState)
        self.uses_number = bool(root.xpath_search('.//*[@variable="citation-number"]'))
        self.uses_position = bool(root.xpath_search("./cs:citation//*[@position]")) or any(
            citation.get(name) or root.get(name)
            for name in ("et-al-subsequent-min", "et-al-subsequent-use-first")
        )
        self.uses_near_note = bool(root.xpath_search('.//*[contains(@position, "near-note")]'))
        self.uses_first_note = bool(
            root.xpath_search('.//*[@variable="first-reference-note-number"]')
        )
        self.options = {
            name: citation.get(name)
            for name in (
                "disambiguate-add-names",
                "disambiguate-add-givenname",
                "givenname-disambiguation-rule",
                "disambiguate-add-year-suffix",
                "collapse",
                "cite-group-delimiter",
                "after-collapse-delimiter",
                "near-note-distance",
            )
        }
        self.uses_disambiguate_condition = bool(
            root.xpath_search("./cs:citation//*[@disambiguate]")
            or root.xpath_search("./cs:macro//*[@disambiguate]")
        )
        sort = root.bibliography.sort if self.has_bibliography else None
        self.bibliography_sorted = sort is not None
        self.numbers_follow_citations = sort is None or bool(
            root.xpath_search('./cs:bibliography/cs:sort/cs:key[@variable="citation-number"]')
        )
        self._citations = {}
        self._references = {}
        self._reference_texts = {}

    def state(self, state):
        """``state`` with what this style cannot print reset, so equal renderings share a
        memo entry (APA prints no number and tests no position).
        """
        if state is None:
            return FIRST
        changes = {}
        if not self.uses_number and state.number:
            changes["number"] = 0
        if not self.uses_position and state.position != "first":
            changes["position"] = "first"
        if not self.uses_near_note and state.near_note:
            changes["near_note"] = False
        if not self.uses_first_note and state.first_note:
            changes["first_note"] = 0
        if changes:
            state = replace(state, **changes)
        return FIRST if state == FIRST else state

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

    def citation(self, source, cites, states=None):
        """Render one citation.

        Args:
            source: the citeproc-py source holding every cited key.
            cites: a tuple of :class:`Cite`, in the order written.
            states: a tuple of :class:`ItemState`, one per cite (None: all first cites,
                no number, as a citation rendered on its own).

        Returns:
            A list of parts: ``str`` (HTML between items, e.g. ``"("``, ``"; "``) and
            ``(index, html)`` tuples, ``index`` being the position of the item in ``cites``.
            A narrative citation is one part ``(0, "Fajriati (2011)")``.
        """
        states = tuple(self.state(state) for state in states) if states else (FIRST,) * len(cites)
        key = (cites, states)
        parts = self._citations.get(key)
        if parts is None:
            parts = self._from_template(source, cites, states)
            if parts is None:
                parts = self._render_citation(source, cites, states)
            self._citations[key] = parts
        return parts

    def _from_template(self, source, cites, states):
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
        shaped = (tuple(shaped), states)
        template = self._citations.get(shaped)
        if template is None:
            template = self._citations[shaped] = self._render_citation(source, *shaped)
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

    def _render_citation(self, source, cites, states):
        if len(cites) == 1 and cites[0].mode in ("narrative", "author"):
            cite, state = cites[0], states[0]
            author_item = self._item(cite, "only", state, with_markers=False)
            self._cite(source, [author_item])
            author = author_item.get("author_text")
            if cite.mode == "author":
                return [(0, author or "")]
            rest = self._cite(source, [self._item(cite, "suppress", state, with_markers=False)])
            text = f"{author} {rest}" if author else rest
            return [(0, text)]
        items = [
            self._item(cite, {"suppress": "suppress"}.get(cite.mode), state, index=index)
            for index, (cite, state) in enumerate(zip(cites, states, strict=True))
        ]
        return _split_items(self._cite(source, items))

    def _item(self, cite, mode, state=FIRST, index=0, with_markers=True):
        arguments = {}
        if cite.locator:
            arguments["locator"] = Locator(cite.label or "page", cite.locator)
        prefix = cite.prefix  # HTML (the Markdown extension renders the editor's Markdown)
        suffix = cite.suffix
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
        dict.__setitem__(item, "_state", state)
        return item

    def _cite(self, source, items):
        bibliography = CitationStylesBibliography(self.style, source, formatter.html)
        citation = Citation(items)
        bibliography.register(citation)
        return str(bibliography.cite(citation, lambda item: None))

    def reference(self, source, key, uid, number=0, year_suffix=""):
        """Return the reference list entry of ``key`` as HTML, or None if the style omits it
        (APA leaves unpublished personal communications out of the list) or has no
        bibliography. ``number``: its ``citation-number``; ``year_suffix``: "a", "b"...
        """
        if not self.has_bibliography:
            return None
        number = number if self.uses_number else 0
        memo = (uid, number, year_suffix)
        if memo not in self._references:
            bibliography = CitationStylesBibliography(self.style, source, formatter.html)
            item = _Item(key)
            # the bibliography reads the state for the number and year-suffix only
            dict.__setitem__(item, "_bib_state", ItemState(number=number, year_suffix=year_suffix))
            bibliography.register(Citation([item]))
            rendered = bibliography.bibliography()
            html = str(rendered[0]) if rendered else None
            first = item.get("first_field")
            if html and first and html.startswith(str(first)):
                # second-field-align: the number in a column of its own, as citeproc-js does
                html = (
                    f'<span class="csl-left-margin">{first}</span> '
                    f'<span class="csl-right-inline">{html[len(str(first)) :].lstrip()}</span>'
                )
            self._references[memo] = html
        return self._references[memo]

    def reference_text(self, source, key, uid, number=0, year_suffix=""):
        """Return the reference of ``key`` as plain text (for a ``title`` attribute), or None."""
        memo = (uid, number if self.uses_number else 0, year_suffix)
        if memo not in self._reference_texts:
            html = self.reference(source, key, uid, number, year_suffix)
            self._reference_texts[memo] = None if html is None else str(Markup(html).striptags())
        return self._reference_texts[memo]

    def order(self, source, keys):
        """Return ``keys`` (in order of first citation) in the style's bibliography order (APA:
        author, date, title; a numeric style: as cited).
        """
        if not self.bibliography_sorted:
            return list(keys)
        items = []
        for number, key in enumerate(keys, 1):
            item = _Item(key)
            dict.__setitem__(item, "_bib_state", ItemState(number=number))
            items.append(item)
        bibliography = CitationStylesBibliography(self.style, source, formatter.html)
        bibliography.register(Citation(items))
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
