"""Bibliography files: CSL-JSON (preferred) and BibTeX, read into checked CSL items.

Every entry becomes an :class:`Entry` holding a CSL-JSON item (the input format of the CSL
processor). Problems are returned, not raised, as ``(path, line, message, fix)`` tuples so that
the caller reports all of them through ``news_metadata.errors.report``.

Rules (CSL-JSON schema, https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html, and
what citeproc-py understands):

- a CSL-JSON file is an array of objects; each has ``id`` and ``type`` (a CSL type);
- every other field is a CSL variable citeproc-py knows (``citeproc.VARIABLES``); a field the
  processor would ignore is an error, so nothing an editor wrote disappears silently;
- names are lists of ``{"family", "given", ...}`` or ``{"literal": "Humas ..."}`` objects;
- dates are ``{"date-parts": [[2009, 7, 18]]}`` (one or two dates: a range) or
  ``{"literal": "..."}``;
- keys compare case-insensitively (citeproc-py lowercases them): ``Fajriati2011`` and
  ``fajriati2011`` are the same key.

Values are untrusted text (pasted from Zotero, Google Scholar, a contributor's e-mail), and
citeproc-py puts a string variable into its HTML as it is. :func:`sanitize_item` therefore
turns every value into safe HTML as it is loaded: text is escaped; CSL's rich-text subset
(``<i> <b> <sup> <sub> <span style="font-variant:small-caps">`` and ``<span class="nocase">``,
citeproc-js "Rich text markup") passes, balanced by nh3 with exactly that allow-list; any
other tag is a problem (shown as text in a dev build). ``URL`` must be an ``http(s)`` address,
``DOI`` a DOI (``10.1234/abc``, or the ``https://doi.org/...`` form), and a character XML
forbids is a problem too. Name parts are plain text.
"""

import json
import os
import re
from dataclasses import dataclass

import nh3
from citeproc import DATES, NAMES, VARIABLES
from markupsafe import escape
from news_metadata.containment import symlink_fix
from news_metadata.encoding import NotUtf8, read_text
from news_metadata.safety import check_url, describe_character, xml_forbidden

# CSL 1.0.2 item types (https://docs.citationstyles.org/en/stable/specification.html#appendix-iii-types).
CSL_TYPES = frozenset(
    [
        "article",
        "article-journal",
        "article-magazine",
        "article-newspaper",
        "bill",
        "book",
        "broadcast",
        "chapter",
        "classic",
        "collection",
        "dataset",
        "document",
        "entry",
        "entry-dictionary",
        "entry-encyclopedia",
        "event",
        "figure",
        "graphic",
        "hearing",
        "interview",
        "legal_case",
        "legislation",
        "manuscript",
        "map",
        "motion_picture",
        "musical_score",
        "pamphlet",
        "paper-conference",
        "patent",
        "performance",
        "periodical",
        "personal_communication",
        "post",
        "post-weblog",
        "regulation",
        "report",
        "review",
        "review-book",
        "software",
        "song",
        "speech",
        "standard",
        "thesis",
        "treaty",
        "webpage",
    ]
)


def _csl_name(python_name):
    """citeproc-py's variable names use ``_``; CSL-JSON uses ``-`` (``container-title``)."""
    return python_name.replace("_", "-")


NAME_FIELDS = frozenset(_csl_name(name) for name in NAMES)
DATE_FIELDS = frozenset(_csl_name(name) for name in DATES)
KNOWN_FIELDS = frozenset({"id", "type"} | {_csl_name(name) for name in VARIABLES})
NAME_PARTS = frozenset({"family", "given", "literal", "suffix", "dropping-particle",
                        "non-dropping-particle"})  # fmt: skip
DATE_PARTS_KEYS = frozenset({"date-parts", "literal", "circa", "season"})

CSL_JSON_FIX = "see plugins/citations/README.md, 'Bibliography files'"


@dataclass(frozen=True)
class Entry:
    """One bibliography entry.

    Attributes:
        key: the citation key, lowercased.
        item: the CSL-JSON item (``id`` is ``key``), ready for the CSL processor.
        path: absolute path of the file it came from.
        line: 1-based line of the entry in that file.
    """

    key: str
    item: dict
    path: str
    line: int

    @property
    def uid(self) -> str:
        """``path#key``: the same key may name different entries in two articles' own files."""
        return f"{self.path}#{self.key}"


def load_file(path, item_language=None):
    """Read one bibliography file.

    Args:
        path: a ``.json`` (CSL-JSON) or ``.bib`` (BibTeX) file.
        item_language: language code given to entries without ``language`` (``"id"``), or None.

    Returns:
        ``(entries, problems)``: a list of :class:`Entry` in file order (entries with problems
        left out) and a list of ``(path, line, message, fix)``. A duplicate key inside the file
        is a problem; duplicates across files are the caller's to find.
    """
    if os.path.islink(path):  # refused unread: nothing of the file it points to is echoed
        return [], [(path, None, "this bibliography file is a symbolic link, so it was not read",
                     symlink_fix(path))]  # fmt: skip
    try:
        text = read_text(path)
    except NotUtf8 as exc:
        return [], [(path, exc.line, exc.message, exc.fix)]
    except OSError as exc:
        return [], [(path, None, f"cannot read bibliography file: {exc}", "save it as UTF-8")]
    if path.lower().endswith(".bib"):
        entries, problems = _load_bibtex(path, text)
    else:
        entries, problems = _load_csl_json(path, text)
    seen = {}
    unique = []
    for entry in entries:
        if entry.key in seen:
            problems.append(
                (
                    path,
                    entry.line,
                    f"duplicate key {entry.key!r} (first at line {seen[entry.key]})",
                    "give every entry its own key",
                )
            )
            continue
        seen[entry.key] = entry.line
        if item_language and "language" not in entry.item:
            entry.item["language"] = item_language
        unique.append(entry)
    return unique, problems


def list_files(folder):
    """Return the ``*.json`` and ``*.bib`` files under ``folder``, sorted ([] if none)."""
    if not os.path.isdir(folder):
        return []
    found = []
    for directory, _, names in os.walk(folder):
        found.extend(
            os.path.join(directory, name)
            for name in names
            if name.lower().endswith((".json", ".bib"))
        )
    return sorted(found)


# --- CSL-JSON -------------------------------------------------------------------------------


def _load_csl_json(path, text):
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return [], [
            (path, exc.lineno, f"invalid JSON: {exc.msg} (column {exc.colno})", CSL_JSON_FIX)
        ]
    if not isinstance(data, list):
        return [], [
            (path, 1, "a CSL-JSON file must be a list of entries: [ {...}, {...} ]", CSL_JSON_FIX)
        ]
    lines = _id_lines(text)
    entries, problems = [], []
    for position, item in enumerate(data, 1):
        if not isinstance(item, dict):
            problems.append((path, None, f"entry {position} is not an object", CSL_JSON_FIX))
            continue
        key = str(item.get("id", "")).strip()
        line = lines.get(key, [None])[0] if key else None
        if key in lines and len(lines[key]) > 1:
            lines[key].pop(0)  # a duplicated id: the next one is on the next line found
        label = f"entry {key!r}" if key else f"entry {position}"
        messages = check_csl_item(item)
        csl = dict(item)
        messages += sanitize_item(csl) if not messages else []
        if messages:
            problems.extend((path, line, f"{label}: {message}", fix) for message, fix in messages)
            continue
        csl["id"] = key.lower()
        entries.append(Entry(key.lower(), csl, path, line or 1))
    return entries, problems


_ID_LINE = re.compile(r'"id"\s*:\s*"?([^",}\s]+)')


def _id_lines(text):
    """Map each ``"id": "key"`` in a JSON text to the 1-based lines it appears on."""
    lines = {}
    for number, row in enumerate(text.splitlines(), 1):
        for match in _ID_LINE.finditer(row):
            lines.setdefault(match.group(1), []).append(number)
    return lines


def check_csl_item(item):
    """Check one CSL-JSON item.

    Args:
        item: a dict as read from JSON.

    Returns:
        A list of ``(message, fix)``; empty when the item is usable.
    """
    problems = []
    key = item.get("id")
    if key is None or not str(key).strip():
        problems.append(('has no "id"', 'add "id": "a-short-key" (the key you cite with @)'))
    elif not re.fullmatch(r"[\w][\w:.#$%&+?<>~/-]*", str(key)):
        problems.append(
            (
                f"id {key!r} cannot be cited",
                "use letters, digits and _ - : . / only, starting with a letter or digit",
            )
        )
    kind = item.get("type")
    if kind is None:
        problems.append(('has no "type"', 'add "type": "book" (or article, webpage, ...)'))
    elif kind not in CSL_TYPES:
        problems.append(
            (
                f"unknown type {kind!r}",
                "use a CSL type: book, article, article-journal, article-newspaper, webpage, "
                "report, thesis, legislation, ...",
            )
        )
    for field, value in item.items():
        if field not in KNOWN_FIELDS:
            problems.append(
                (
                    f"unknown field {field!r}",
                    "use CSL variable names (container-title, publisher, URL, ...); "
                    "citeproc-py ignores any other",
                )
            )
        elif field in NAME_FIELDS:
            problems.extend(_check_names(field, value))
        elif field in DATE_FIELDS:
            problems.extend(_check_date(field, value))
        elif field not in ("id",) and not isinstance(value, str | int | float):
            problems.append((f"{field!r} must be text or a number", f'write "{field}": "..."'))
    return problems


def _check_names(field, value):
    fix = (
        f'write "{field}": [{{"family": "Fajriati", "given": "Cindy Elik"}}] '
        f'or [{{"literal": "Humas ..."}}]'
    )
    if not isinstance(value, list) or not value:
        return [(f"{field!r} must be a list of names", fix)]
    problems = []
    for name in value:
        if not isinstance(name, dict):
            problems.append((f"{field!r} has a name that is not an object", fix))
            continue
        unknown = set(name) - NAME_PARTS
        if unknown:
            problems.append((f"{field!r} has unknown name parts {sorted(unknown)}", fix))
        elif not (name.get("family") or name.get("literal")):
            problems.append((f'{field!r} has a name without "family" or "literal"', fix))
    return problems


def _check_date(field, value):
    fix = f'write "{field}": {{"date-parts": [[2009, 7, 18]]}} (year, month, day)'
    if not isinstance(value, dict) or not value or set(value) - DATE_PARTS_KEYS:
        return [(f"{field!r} is not a CSL date", fix)]
    if "date-parts" not in value:
        if isinstance(value.get("literal"), str) and value["literal"].strip():
            return []
        return [(f"{field!r} has neither date-parts nor literal", fix)]
    parts = value["date-parts"]
    if not isinstance(parts, list) or not 1 <= len(parts) <= 2:
        return [(f"{field!r}: date-parts must hold one date or two (a range)", fix)]
    for date in parts:
        if not isinstance(date, list) or not 1 <= len(date) <= 3:
            return [(f"{field!r}: each date is [year], [year, month] or [year, month, day]", fix)]
        try:
            numbers = [int(part) for part in date]
        except (TypeError, ValueError):
            return [(f"{field!r}: {date} is not made of numbers", fix)]
        if len(numbers) > 1 and not 1 <= numbers[1] <= 12:
            return [(f"{field!r}: month {numbers[1]} is not 1–12", fix)]
        if len(numbers) > 2 and not 1 <= numbers[2] <= 31:
            return [(f"{field!r}: day {numbers[2]} is not 1–31", fix)]
    return []


# --- values to safe HTML ---------------------------------------------------------------------

# CSL-JSON rich text (citeproc-js documentation, "Rich text markup within fields").
RICH_TEXT = re.compile(
    r"</?(?:i|b|sup|sub)>|<span\s+style=\"font-variant:\s*small-caps;?\"\s*>"
    r"|<span\s+class=\"nocase\"\s*>|</span>",
    re.I,
)
RICH_TEXT_TAGS = {"i", "b", "sup", "sub", "span"}
RICH_TEXT_FIX = (
    "remove the markup: a reference holds plain text, with only <i>, <b>, <sup>, <sub> and <span "
    'style="font-variant:small-caps"> for formatting'
)
_TAG_LIKE = re.compile(r"<[A-Za-z/!?]")
DOI = re.compile(r"10\.\d{4,9}/[^\s\"<>]+")
DOI_PREFIXES = ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:")


def rich_text(value):
    """Return ``(html, markup)`` for one field value.

    Args:
        value: the value as written (str).

    Returns:
        ``html``: the value as HTML: text escaped, the rich-text tags of :data:`RICH_TEXT` kept
        and balanced (nh3, :data:`RICH_TEXT_TAGS`); ``markup``: the first other tag-like text
        found (``"<script>"``), or "" when there is none.
    """
    parts, markup, end = [], "", 0
    for match in RICH_TEXT.finditer(value):
        text = value[end : match.start()]
        parts.append(str(escape(text)))
        markup = markup or _first_tag(text)
        parts.append(match.group().lower())
        end = match.end()
    rest = value[end:]
    parts.append(str(escape(rest)))
    markup = markup or _first_tag(rest)
    joined = "".join(parts)
    if "<" not in joined:
        return joined, markup
    cleaned = nh3.clean(
        joined,
        tags=RICH_TEXT_TAGS,
        attributes={"span": {"style"}},
        filter_style_properties={"font-variant"},
        allowed_classes={"span": {"nocase"}},
        link_rel=None,
    )
    return cleaned, markup


def _first_tag(text):
    match = _TAG_LIKE.search(text)
    if not match:
        return ""
    close = text.find(">", match.start())
    return text[match.start() : close + 1 if close > 0 else match.start() + 20]


def sanitize_item(item):
    """Make every value of a checked CSL item safe HTML, in place (see the module doc).

    Args:
        item: a CSL-JSON item that :func:`check_csl_item` accepted (a dict).

    Returns:
        a list of ``(message, fix)``, each naming the field; empty when the item is clean.
    """
    problems = []
    for field, value in list(item.items()):
        if field in ("id", "type", "language"):
            continue
        if field in NAME_FIELDS:
            for name in value:
                for part, text in list(name.items()):
                    problems += _forbidden(f"{field}.{part}", str(text))
                    name[part] = str(escape(str(text)))
            continue
        if field in DATE_FIELDS:
            if isinstance(value.get("literal"), str):
                problems += _forbidden(field, value["literal"])
                value["literal"] = str(escape(value["literal"]))
            continue
        if not isinstance(value, str):
            continue
        problems += _forbidden(field, value)
        if field == "URL":
            try:
                check_url(value.strip(), "URL")
            except ValueError as exc:
                problems.append((f"field 'URL': {exc}", URL_ENTRY_FIX))
                continue
            item[field] = str(escape(value.strip()))
            continue
        if field == "DOI":
            doi = value.strip()
            for prefix in DOI_PREFIXES:
                if doi.lower().startswith(prefix):
                    doi = doi[len(prefix) :]
                    break
            if not DOI.fullmatch(doi):
                problems.append(
                    (
                        f"field 'DOI': {value!r} is not a DOI",
                        'write the DOI itself, e.g. "DOI": "10.1234/abcd.5678"',
                    )
                )
                continue
            item[field] = str(escape(doi))
            continue
        item[field], markup = rich_text(value)
        if markup:
            problems.append((f"field {field!r} holds HTML markup {markup!r}", RICH_TEXT_FIX))
    return problems


URL_ENTRY_FIX = 'write the address in full, e.g. "URL": "https://example.org/laporan.pdf"'


def _forbidden(field, text):
    found = xml_forbidden(text)
    if not found:
        return []
    index, char = found
    return [
        (
            f"field {field!r} holds the invisible character {describe_character(char)} "
            f"(position {index + 1}), which XML forbids",
            "delete it; retype the text around it",
        )
    ]


# --- BibTeX ---------------------------------------------------------------------------------

# BibTeX/BibLaTeX entry types -> CSL types (as pandoc and citeproc-py map them).
BIBTEX_TYPES = {
    "article": "article-journal",
    "book": "book",
    "booklet": "pamphlet",
    "inbook": "chapter",
    "incollection": "chapter",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "manual": "report",
    "mastersthesis": "thesis",
    "phdthesis": "thesis",
    "thesis": "thesis",
    "misc": "article",
    "online": "webpage",
    "electronic": "webpage",
    "www": "webpage",
    "proceedings": "book",
    "techreport": "report",
    "report": "report",
    "unpublished": "manuscript",
    "legislation": "legislation",
    "law": "legislation",
    "legal": "legislation",
    "jurisdiction": "legal_case",
    "newspaper": "article-newspaper",
}
# BibTeX fields -> CSL variables. "journal"/"booktitle" both name the container.
BIBTEX_FIELDS = {
    "title": "title",
    "shorttitle": "title-short",
    "journal": "container-title",
    "journaltitle": "container-title",
    "booktitle": "container-title",
    "publisher": "publisher",
    "institution": "publisher",
    "organization": "publisher",
    "school": "publisher",
    "address": "publisher-place",
    "location": "publisher-place",
    "volume": "volume",
    "edition": "edition",
    "pages": "page",
    "series": "collection-title",
    "doi": "DOI",
    "url": "URL",
    "isbn": "ISBN",
    "issn": "ISSN",
    "note": "note",
    "type": "genre",
    "howpublished": "medium",
    "chapter": "chapter-number",
}
BIBTEX_NAMES = {"author": "author", "editor": "editor", "translator": "translator"}
# Fields reference managers add that have no place in a reference list: dropped quietly.
BIBTEX_IGNORED = frozenset(
    [
        "abstract",
        "keywords",
        "file",
        "annote",
        "annotation",
        "timestamp",
        "owner",
        "groups",
        "mendeley-tags",
        "mendeley-groups",
        "comment",
        "urldate-accessed",
        "eprinttype",
        "eprint",
        "archiveprefix",
        "primaryclass",
        "langid",
        "language",
    ]
)
LANGUAGES = {"indonesian": "id", "bahasa": "id", "english": "en", "american": "en-US",
             "british": "en-GB"}  # fmt: skip
MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MONTHS = {name: number for number, name in enumerate(MONTH_NAMES, 1)}

_latex = []  # LatexNodes2Text, made on first use (most sites have no BibTeX file)
BIBTEX_FIX = "see plugins/citations/README.md, 'Bibliography files'"


def _load_bibtex(path, text):
    import bibtexparser  # imported here: a site without .bib files never pays for it
    from bibtexparser import middlewares
    from bibtexparser.model import DuplicateBlockKeyBlock

    library = bibtexparser.parse_string(
        text,
        append_middleware=[middlewares.SeparateCoAuthors(), middlewares.SplitNameParts()],
    )
    problems = []
    for block in library.failed_blocks:
        line = (block.start_line or 0) + 1
        reason = getattr(block.error, "abort_reason", "") or str(block.error)
        if isinstance(block, DuplicateBlockKeyBlock):
            continue  # reported with the entries (case-insensitive check in load_file)
        head = (block.raw or "").strip().split("\n", 1)[0][:60]
        problems.append(
            (path, line, f"cannot read the BibTeX entry {head!r}: {reason.strip()}", BIBTEX_FIX)
        )
    entries = []
    for entry in library.entries:
        line = (entry.start_line or 0) + 1
        item, messages = _bibtex_to_csl(entry)
        messages += check_csl_item(item) if item else []
        messages += sanitize_item(item) if item and not messages else []
        if messages:
            problems.extend(
                (path, line, f"entry {entry.key!r}: {message}", fix) for message, fix in messages
            )
            continue
        entries.append(Entry(item["id"], item, path, line))
    for block in library.failed_blocks:
        if isinstance(block, DuplicateBlockKeyBlock):
            entries.append(_duplicate_marker(block, path))
    return [e for e in entries if e is not None], problems


def _duplicate_marker(block, path):
    """A duplicate key in a .bib file: keep it so load_file reports it with its line."""
    key = getattr(block, "key", None)
    if not key:
        return None
    return Entry(key.lower(), {"id": key.lower(), "type": "article"}, path,
                 (block.start_line or 0) + 1)  # fmt: skip


def _text(value):
    """Decode LaTeX (``M{\\"u}ller`` -> ``Müller``) and fold whitespace."""
    if not _latex:
        from pylatexenc.latex2text import LatexNodes2Text

        _latex.append(LatexNodes2Text())
    return " ".join(_latex[0].latex_to_text(str(value)).split())


def _bibtex_to_csl(entry):
    """Return ``(csl_item, [(message, fix)])`` for one bibtexparser entry."""
    kind = BIBTEX_TYPES.get(entry.entry_type.lower())
    if kind is None:
        return None, [
            (
                f"unknown BibTeX entry type @{entry.entry_type}",
                "use @book, @article, @online, @misc, @techreport, @legislation, ...",
            )
        ]
    item = {"id": entry.key.lower(), "type": kind}
    messages = []
    fields = {field.key.lower(): field.value for field in entry.fields}
    for name, value in fields.items():
        if name in BIBTEX_NAMES:
            item[BIBTEX_NAMES[name]] = [_bibtex_name(parts) for parts in value]
        elif name == "number":
            item["issue" if kind == "article-journal" else "number"] = _text(value)
        elif name in BIBTEX_FIELDS:
            item.setdefault(BIBTEX_FIELDS[name], _text(value))
        elif name in ("year", "month", "day", "date", "urldate"):
            continue
        elif name in ("langid", "language"):
            word = _text(value).lower()
            item["language"] = LANGUAGES.get(word, word)
        elif name not in BIBTEX_IGNORED:
            messages.append(
                (
                    f"unknown BibTeX field {name!r}",
                    "use title, author, year, journal, publisher, url, doi, pages, note, ...",
                )
            )
    issued, problem = _bibtex_date(fields)
    if problem:
        messages.append(problem)
    elif issued:
        item["issued"] = issued
    if "urldate" in fields:
        accessed = _iso_date(_text(fields["urldate"]))
        if accessed is None:
            messages.append(("urldate must be YYYY-MM-DD", "write urldate = {2024-12-05}"))
        else:
            item["accessed"] = accessed
    return item, messages


def _bibtex_name(parts):
    """A bibtexparser NameParts -> a CSL name. ``{Humas Kementerian PANRB}`` -> literal."""
    if not parts.first and not parts.von and not parts.jr and len(parts.last) == 1:
        last = parts.last[0]
        if last.startswith("{") and last.endswith("}"):
            return {"literal": _text(last[1:-1])}
    name = {"family": _text(" ".join(parts.last))}
    if parts.first:
        name["given"] = _text(" ".join(parts.first))
    if parts.von:
        name["non-dropping-particle"] = _text(" ".join(parts.von))
    if parts.jr:
        name["suffix"] = _text(" ".join(parts.jr))
    return name


def _bibtex_date(fields):
    """``date = {2009-07-18}`` or ``year``/``month``/``day`` -> ``({"date-parts": ...}, None)``."""
    if "date" in fields:
        date = _iso_date(_text(fields["date"]))
        if date is None:
            return None, ("date must be YYYY, YYYY-MM or YYYY-MM-DD", "write date = {2009-07-18}")
        return date, None
    if "year" not in fields:
        return None, None
    year = _text(fields["year"])
    if not year.isdigit():
        return None, (f"year {year!r} is not a number", "write year = {2011}")
    parts = [int(year)]
    if "month" in fields:
        month = _text(fields["month"]).lower()
        number = int(month) if month.isdigit() else MONTHS.get(month[:3])
        if not number or not 1 <= number <= 12:
            return None, (f"month {month!r} is not a month", "write month = {7} or month = jul")
        parts.append(number)
        if "day" in fields and _text(fields["day"]).isdigit():
            parts.append(int(_text(fields["day"])))
    return {"date-parts": [parts]}, None


def _iso_date(text):
    match = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", text.strip())
    if not match:
        return None
    return {"date-parts": [[int(part) for part in match.groups() if part]]}
