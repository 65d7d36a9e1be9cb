"""Run the CSL processor test-suite fixtures vendored in tests/csl-suite/ (``make test-csl``).

Each fixture (https://github.com/citation-style-language/test-suite, ``processor-tests/humans``;
format in its README) gives a style, CSL-JSON items, the citations and the expected output. It
is rendered twice: by the citations plugin's engine (``citations.csl.Engine`` and
``citations.registry.Registry``, as articles are rendered) and by bare citeproc-py (one
``CitationStylesBibliography``, citations in order: what citeproc-py offers). Both outputs go
through the same normalisation (entities, whitespace between tags) before the comparison.

Usage: ``python tests/csl_suite.py [--verbose] [--write-known] [PATTERN]``. Prints both pass
rates; exits non-zero when a fixture outside ``known-failures.txt`` fails or a known failure
passes (then update the list with ``--write-known``). Nothing is fetched.
"""

import argparse
import html
import json
import re
import sys
import tempfile
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from citations.csl import Cite, CslError, Engine  # noqa: E402
from citations.registry import Registry  # noqa: E402
from citations.settings import CSL_DIR  # noqa: E402
from citeproc import (  # noqa: E402
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    Locator,
    formatter,
)
from citeproc.source.json import CiteProcJSON  # noqa: E402

SUITE = Path(__file__).resolve().parent / "csl-suite"
FIXTURES = SUITE / "fixtures"
KNOWN = SUITE / "known-failures.txt"
LOCALE = f"{CSL_DIR}/locales-en-US.xml"
_SECTION = re.compile(r">>=+ ([A-Z-]+) =+>>\n(.*?)\n<<=+ \1 =+<<", re.S)


def parse(path):
    """Return ``{section name: text}`` of one fixture file."""
    return {name: body for name, body in _SECTION.findall(path.read_text(encoding="utf-8"))}


def citations_of(fixture, items):
    """``[(citation items, note number)]`` from CITATIONS, CITATION-ITEMS or all items."""
    if "CITATIONS" in fixture:
        result = []
        for entry in json.loads(fixture["CITATIONS"]):
            citation = entry[0]
            note = int((citation.get("properties") or {}).get("noteIndex") or 0)
            result.append((citation["citationItems"], note))
        return result
    if "CITATION-ITEMS" in fixture:
        return [(cites, 0) for cites in json.loads(fixture["CITATION-ITEMS"])]
    return [([{"id": item["id"]} for item in items], 0)]


def normalise(text):
    text = html.unescape(text)
    # second-field-align: citeproc-js writes <div>s, the plugin <span>s (inside an <li>)
    text = re.sub(r'<div class="(csl-left-margin|csl-right-inline)">(.*?)</div>',
                  r'<span class="\1">\2</span>', text)  # fmt: skip
    text = re.sub(r">\s+<", "><", text.strip())
    text = re.sub(r"^(\.\.|>>)\[\d+\] ", "", text, flags=re.M)
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def bib_html(entries):
    return (
        '<div class="csl-bib-body">'
        + "".join(f'<div class="csl-entry">{entry}</div>' for entry in entries)
        + "</div>"
    )


def _cite_fields(cite):
    label = cite.get("label") or "page"
    return {
        "key": str(cite["id"]).lower(),
        "label": label,
        "locator": str(cite["locator"]) if cite.get("locator") not in (None, "") else "",
        "prefix": cite.get("prefix", ""),
        "suffix": cite.get("suffix", ""),
        "suppress": bool(cite.get("suppress-author")),
        "author_only": bool(cite.get("author-only")),
    }


def run_ours(fixture, style_path):
    items = json.loads(fixture["INPUT"])
    engine = Engine(style_path, LOCALE, LOCALE)
    source = engine.source(items)
    registry = Registry(engine, source, {})
    for cites, note in citations_of(fixture, items):
        fields = [_cite_fields(cite) for cite in cites]
        registry.add(
            tuple(
                Cite(
                    key=f["key"],
                    uid=f["key"],
                    label=f["label"] if f["locator"] else "",
                    locator=f["locator"],
                    prefix=f["prefix"],
                    suffix=f["suffix"],
                    mode="suppress"
                    if f["suppress"]
                    else ("author" if f["author_only"] else "normal"),
                )
                for f in fields
                if f["key"] in source
            ),
            note,
        )
    if fixture["MODE"].strip() == "bibliography":
        registry.citations = registry.citations or []
        keys = [str(item["id"]).lower() for item in items]
        if "CITATIONS" not in fixture and "CITATION-ITEMS" not in fixture:
            registry.citations = [(tuple(Cite(k, k) for k in keys), 0)]
        rendered = registry.render()
        return bib_html(entry for _, entry in rendered.bibliography)
    rendered = registry.render()
    return "\n".join(
        "".join(part if isinstance(part, str) else part[1] for part in parts)
        for parts in rendered.citations
    )


def run_bare(fixture, style_path):
    items = json.loads(fixture["INPUT"])
    style = CitationStylesStyle(style_path, locale="en-US")
    source = CiteProcJSON(items)
    bibliography = CitationStylesBibliography(style, source, formatter.html)
    citations = []
    for cites, _ in citations_of(fixture, items):
        citation_items = []
        for cite in cites:
            f = _cite_fields(cite)
            arguments = {}
            if f["locator"]:
                arguments["locator"] = Locator(f["label"], f["locator"])
            if f["prefix"]:
                arguments["prefix"] = f["prefix"]
            if f["suffix"]:
                arguments["suffix"] = f["suffix"]
            citation_items.append(CitationItem(f["key"], **arguments))
        citation = Citation(citation_items)
        bibliography.register(citation)
        citations.append(citation)
    if fixture["MODE"].strip() == "bibliography":
        for item in items:
            bibliography.register(Citation([CitationItem(str(item["id"]))]))
        if style.has_bibliography():
            bibliography.sort()
        return bib_html(str(entry) for entry in bibliography.bibliography())
    return "\n".join(str(bibliography.cite(c, lambda item: None)) for c in citations)


def outcome(runner, fixture, style_path):
    """(passed, output or error)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            output = runner(fixture, style_path)
    except CslError as exc:
        return False, f"refused: {exc}"
    except Exception as exc:  # a crash is a failure of that fixture, reported as such
        return False, f"error: {type(exc).__name__}: {exc}"
    return normalise(output) == normalise(fixture["RESULT"]), output


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pattern", nargs="?", default="")
    parser.add_argument("--verbose", action="store_true", help="show each failure of ours")
    parser.add_argument("--write-known", action="store_true", help="rewrite known-failures.txt")
    args = parser.parse_args(argv)
    paths = sorted(p for p in FIXTURES.glob("*.txt") if args.pattern in p.name)
    ours_failed, bare_passed, refused = [], 0, 0
    with tempfile.TemporaryDirectory() as folder:
        for path in paths:
            fixture = parse(path)
            style_path = Path(folder) / "style.csl"
            style_path.write_text(fixture["CSL"], encoding="utf-8")
            passed, output = outcome(run_ours, fixture, str(style_path))
            if not passed:
                ours_failed.append(path.stem)
                refused += output.startswith("refused:")
                if args.verbose:
                    print(f"--- {path.stem}\nexpected: {normalise(fixture['RESULT'])}\n"
                          f"got:      {normalise(output)}\n")  # fmt: skip
            bare_passed += outcome(run_bare, fixture, str(style_path))[0]
    total = len(paths)
    ours = total - len(ours_failed)
    print(f"{total} fixtures: citations plugin {ours} passed ({100 * ours / total:.1f}%), "
          f"bare citeproc-py {bare_passed} ({100 * bare_passed / total:.1f}%); "
          f"{refused} of the failures are styles refused with a message")  # fmt: skip
    if args.pattern:
        return 0
    if args.write_known:
        KNOWN.write_text("".join(f"{name}\n" for name in ours_failed), encoding="utf-8")
        return 0
    known = set(KNOWN.read_text(encoding="utf-8").split()) if KNOWN.exists() else set()
    new = sorted(set(ours_failed) - known)
    fixed = sorted(known - set(ours_failed))
    for name in new:
        print(f"FAIL (not a known failure): {name}")
    for name in fixed:
        print(f"PASS (listed as a known failure; run with --write-known): {name}")
    return 1 if new or fixed else 0


if __name__ == "__main__":
    sys.exit(main())
