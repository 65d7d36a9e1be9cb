"""One document's citations, rendered together once all of them are known.

CSL computes several things over the whole document, not per citation (CSL 1.0.2,
https://docs.citationstyles.org/en/stable/specification.html):

- **citation numbers** ("citation-number"): the order of first citation, or the position in the
  sorted bibliography when the bibliography is sorted by something else;
- **positions** ("Positions"): first, subsequent, ibid, ibid-with-locator, near-note;
- **disambiguation** ("Disambiguation"): cites of different items that render the same are told
  apart by, in this order, ``disambiguate-add-names``, ``disambiguate-add-givenname`` (with the
  ``givenname-disambiguation-rule``), ``<if disambiguate="true">`` and
  ``disambiguate-add-year-suffix`` (suffixes "a", "b"... in bibliography order);
- **collapsing** (``collapse="citation-number"``: "[1–3]"; ``collapse="year"``:
  "(Fajriati, 2011a, 2011b)").

citeproc-py renders one cite at a time and implements none of this; this module computes it and
hands each cite its :class:`citations.csl.ItemState`, which the engine's element classes read.
The engine memoises renderings by ``(cites, states)``, so a document that needs no
disambiguation (most of them) costs what it cost before: one rendering per distinct citation
per build.
"""

import re
from dataclasses import dataclass, replace

from markupsafe import Markup

from .csl import FIRST, Cite, Engine

_TAG = re.compile(r"<[^>]+>")


@dataclass
class Rendered:
    """The rendered document.

    Attributes:
        citations: one list of parts per citation, in the order added (parts as
            :meth:`Engine.citation` returns them; collapsed items are left out).
        bibliography: ``[(key, html)]`` in the style's order (entries the style omits left out).
        states: lowercase key -> the :class:`ItemState` of its entry (number, year suffix).
        texts: lowercase key -> the entry as plain text (for ``title`` attributes), or None.
    """

    citations: list
    bibliography: list
    states: dict
    texts: dict


class Registry:
    """Collects the citations of one document and renders them together.

    Args:
        engine: the build's :class:`Engine`.
        source: the citeproc-py source holding every key the document may cite.
        uids: lowercase key -> identity of the entry (``Entry.uid``), for the memos.
    """

    def __init__(self, engine: Engine, source, uids: dict):
        self.engine = engine
        self.source = source
        self.uids = uids
        self.citations = []  # (cites, note number or 0)
        self.mentions = []  # keys linked from the writer's words: listed, never rendered

    def add(self, cites: tuple, note: int = 0) -> int:
        """Add a citation (a tuple of :class:`Cite`; ``note``: its note number in a note
        style, else 0); return its index in :attr:`Rendered.citations`.
        """
        self.citations.append((cites, note))
        return len(self.citations) - 1

    def mention(self, key: str) -> None:
        """List ``key`` in the bibliography without a citation (``[words](@key)``)."""
        self.mentions.append(key)

    # --- the whole document -------------------------------------------------------------------

    def render(self) -> Rendered:
        """Render every citation and the bibliography (CSL over the whole document)."""
        engine = self.engine
        keys = [c.key for cites, _ in self.citations for c in cites]
        keys = list(dict.fromkeys(keys + self.mentions))
        keys = [key for key in keys if key in self.source]
        order = engine.order(self.source, keys) if keys else []
        if engine.numbers_follow_citations:
            numbers = {key: number for number, key in enumerate(keys, 1)}
        else:
            numbers = {key: number for number, key in enumerate(order, 1)}
        disambiguation = self._disambiguate(keys, order, numbers)
        states = self._positions(numbers, disambiguation)
        citations = [
            self._collapse(cites, item_states, engine.citation(self.source, cites, item_states))
            for (cites, _), item_states in zip(self.citations, states, strict=True)
        ]
        bibliography, texts, entry_states = [], {}, {}
        for key in order:
            base = disambiguation.get(key, FIRST)
            state = entry_states[key] = replace(base, number=numbers[key])
            uid = self.uids.get(key, key)
            html = engine.reference(self.source, key, uid, numbers[key], state.year_suffix)
            texts[key] = engine.reference_text(
                self.source, key, uid, numbers[key], state.year_suffix
            )
            if html is not None:
                bibliography.append((key, html))
        return Rendered(citations, bibliography, entry_states, texts)

    def _positions(self, numbers, disambiguation):
        """The :class:`ItemState` of every cite, in document order (CSL 1.0.2 "Positions")."""
        distance = int(self.engine.options.get("near-note-distance") or 5)
        first_note, last_note = {}, {}
        previous = None  # the cites of the previous citation
        result = []
        for cites, note in self.citations:
            states = []
            for index, cite in enumerate(cites):
                key = cite.key
                if key not in first_note:
                    position = "first"
                else:
                    before = cites[index - 1] if index else None
                    if before is None and previous is not None and len(previous) == 1:
                        before = previous[0]
                    if before is not None and before.key == key:
                        position = _ibid(cite, before)
                    else:
                        position = "subsequent"
                near = key in last_note and note - last_note[key] <= distance and note > 0
                base = disambiguation.get(key, FIRST)
                states.append(
                    replace(
                        base,
                        position=position,
                        near_note=near,
                        number=numbers.get(key, 0),
                        first_note=first_note.get(key, note),
                    )
                )
                first_note.setdefault(key, note)
                last_note[key] = note
            previous = cites
            result.append(tuple(states))
        return result

    # --- disambiguation -----------------------------------------------------------------------

    def _disambiguate(self, keys, order, numbers):
        """Lowercase key -> :class:`ItemState` with the disambiguation a key needs (only keys
        that need some).
        """
        options = self.engine.options
        add_names = options.get("disambiguate-add-names") == "true"
        add_given = options.get("disambiguate-add-givenname") == "true"
        year_suffix = options.get("disambiguate-add-year-suffix") == "true"
        condition = self.engine.uses_disambiguate_condition
        if len(keys) < 2 or not (add_names or add_given or year_suffix or condition):
            return {}
        rule = options.get("givenname-disambiguation-rule") or "by-cite"
        max_level = 1 if rule.endswith("with-initials") else 2
        states = {key: FIRST for key in keys}
        if add_given and rule != "by-cite":
            self._global_names(keys, states, max_level)
        for group in self._ambiguous(keys, states, numbers):
            if add_names:
                group = self._try(group, states, numbers, self._more_names)
            if add_given and group:
                for level in range(1, max_level + 1):
                    group = self._try(
                        group, states, numbers, lambda s, level=level: replace(s, given_level=level)
                    )
            if condition and group:
                group = self._try(
                    group, states, numbers, lambda s: replace(s, disambiguate=True), keep=True
                )
            if year_suffix and group:
                ranked = sorted(group, key=order.index)
                for number, key in enumerate(ranked):
                    states[key] = replace(states[key], year_suffix=_suffix(number))
        return {key: state for key, state in states.items() if state != FIRST}

    def _global_names(self, keys, states, max_level):
        """``givenname-disambiguation-rule`` other than "by-cite": a family name that two
        different people cited in the document share is written with initials (or full given
        names when the initials are the same too) in every cite.
        """
        people = {}
        for key in keys:
            for name in _names(self.source[key]):
                people.setdefault(name[0], set()).add(name[1])
        for key in keys:
            names = _names(self.source[key])
            if self.engine.options.get("givenname-disambiguation-rule", "").startswith("primary"):
                names = names[:1]
            level = 0
            for family, _ in names:
                givens = people.get(family, set())
                if len(givens) < 2:
                    continue
                initials = {_initials(other) for other in givens}
                level = max(level, 1 if len(initials) == len(givens) else max_level)
            if level:
                states[key] = replace(states[key], given_level=min(level, max_level))

    def _text(self, key, state, numbers):
        """The cite of ``key`` as plain text, as it renders alone in first position."""
        cite = (Cite(key, self.uids.get(key, key)),)
        state = replace(state, number=numbers.get(key, 0))
        parts = self.engine.citation(self.source, cite, (state,))
        html = "".join(str(part if isinstance(part, str) else part[1]) for part in parts)
        return _TAG.sub("", html)

    def _ambiguous(self, keys, states, numbers):
        """Groups (lists of keys) whose cites render the same."""
        texts = {}
        for key in keys:
            texts.setdefault(self._text(key, states[key], numbers), []).append(key)
        return [group for group in texts.values() if len(group) > 1]

    def _try(self, group, states, numbers, change, keep=False):
        """Apply ``change`` to the states of ``group``; keep it for the keys it made unique (or
        for all with ``keep``); return the keys still ambiguous.
        """
        trial = dict(states)
        for key in group:
            trial[key] = change(states[key])
            if trial[key] == states[key]:
                return group  # nothing to add
        texts = {}
        for key in group:
            texts.setdefault(self._text(key, trial[key], numbers), []).append(key)
        still = [key for keys in texts.values() if len(keys) > 1 for key in keys]
        for key in group:
            if keep or key not in still:
                states[key] = trial[key]
        return still

    def _more_names(self, state):
        return (
            replace(state, names_extra=state.names_extra + 1) if state.names_extra < 20 else state
        )

    # --- collapsing ---------------------------------------------------------------------------

    def _collapse(self, cites, states, parts):
        collapse = self.engine.options.get("collapse")
        items = [part for part in parts if not isinstance(part, str)]
        if len(items) < 2 or not collapse:
            return parts
        if collapse == "citation-number":
            return _collapse_numbers(parts, self.engine.options.get("after-collapse-delimiter"))
        if collapse == "year":
            return self._collapse_year(cites, states, parts)
        return parts

    def _collapse_year(self, cites, states, parts):
        """``collapse="year"``: cites with the same names are grouped, the names printed once:
        "(Fajriati, 2011a, 2011b; Rahma dkk., 2019)" (CSL 1.0.2 "Cite Grouping" and
        "Cite Collapsing").
        """
        engine = self.engine
        prefix = parts[0] if isinstance(parts[0], str) else ""
        suffix = parts[-1] if isinstance(parts[-1], str) else ""
        separators = [
            part
            for part in parts[1 if prefix else 0 : len(parts) - (1 if suffix else 0)]
            if isinstance(part, str)
        ]
        delimiter = separators[0] if separators else "; "
        items = [part for part in parts if not isinstance(part, str)]
        authors = []
        for index, _ in items:
            cite = replace(cites[index], mode="author", prefix="", suffix="")
            author = engine.citation(self.source, (cite,), (states[index],))[0][1]
            authors.append(_TAG.sub("", str(author)).strip())
        groups = {}
        for (index, html), author in zip(items, authors, strict=True):
            groups.setdefault(author or f"\0{index}", []).append((index, html))
        if all(len(group) == 1 for group in groups.values()):
            return parts
        group_delimiter = engine.options.get("cite-group-delimiter") or ", "
        after = engine.options.get("after-collapse-delimiter") or delimiter
        result = [prefix] if prefix else []
        previous = None
        for group in groups.values():
            if previous is not None:
                result.append(after if len(previous) > 1 else delimiter)
            for position, (index, html) in enumerate(group):
                if position:
                    result.append(group_delimiter)
                    cite = replace(cites[index], mode="suppress")
                    rendered = engine.citation(self.source, (cite,), (states[index],))
                    html = next((p[1] for p in rendered if not isinstance(p, str)), html)
                result.append((index, html))
            previous = group
        if suffix:
            result.append(suffix)
        return result


def _ibid(cite, before):
    """Position of a cite that follows a cite of the same item (CSL 1.0.2 "ibid")."""
    if not before.locator:
        return "ibid-with-locator" if cite.locator else "ibid"
    if not cite.locator:
        return "subsequent"
    if (cite.label, cite.locator) == (before.label, before.locator):
        return "ibid"
    return "ibid-with-locator"


def _collapse_numbers(parts, after_delimiter):
    """``collapse="citation-number"``: three or more consecutive numbers become a range
    ("[1–3, 5]"); the items inside a range are left out (their entries stay in the list).
    """
    numbers = []
    for part in parts:
        if isinstance(part, str):
            continue
        text = _TAG.sub("", str(part[1])).strip()
        if not text.isdigit():
            return parts
        numbers.append(int(text))
    prefix = parts[0] if isinstance(parts[0], str) else ""
    suffix = parts[-1] if isinstance(parts[-1], str) else ""
    items = [part for part in parts if not isinstance(part, str)]
    separators = [part for part in parts[1 if prefix else 0 :] if isinstance(part, str)]
    delimiter = separators[0] if len(separators) > (1 if suffix else 0) else ", "
    runs = []
    for item, number in zip(items, numbers, strict=True):
        if runs and number == runs[-1][-1][1] + 1:
            runs[-1].append((item, number))
        else:
            runs.append([(item, number)])
    if all(len(run) < 3 for run in runs):
        return parts
    result = [prefix] if prefix else []
    for index, run in enumerate(runs):
        if index:
            result.append(after_delimiter or delimiter)
        if len(run) >= 3:
            result.extend([run[0][0], "\N{EN DASH}", run[-1][0]])
        else:
            for position, (item, _) in enumerate(run):
                if position:
                    result.append(delimiter)
                result.append(item)
    if suffix:
        result.append(suffix)
    return result


def _names(reference):
    """``[(family, given)]`` of the first name variable of an entry (author, else editor...)."""
    for variable in ("author", "editor", "translator", "composer", "director"):
        names = reference.get(variable)
        if names:
            return [
                (str(name.get("family") or name.get("literal") or ""), str(name.get("given") or ""))
                for name in names
            ]
    return []


def _initials(given):
    return "".join(part[0] for part in re.split(r"[\s.\-]+", given) if part)


def _suffix(number):
    """0 -> "a", 25 -> "z", 26 -> "aa" (CSL 1.0.2 "year-suffix")."""
    letters = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def plain(html):
    """``html`` as plain text."""
    return str(Markup(html).striptags())
