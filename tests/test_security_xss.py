"""Stored XSS: every vector of tests/xss_vectors.py in every field an outsider can fill, built
with the publish settings, then opened in a real Chromium with ``alert``/``confirm``/``prompt``
hooked, plus a static scan of every output file.

One site holds the whole corpus (one article per vector, each field of it, its comment and its
bibliography entries carrying that vector), so the build and the browser run once. The build is
not strict: most vectors are also content errors (a ``javascript:`` Url, an unknown key), and
the point here is what reaches a page when an editor builds anyway (``make html``) or a field
is accepted. That those vectors are errors is checked at the end.
"""

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser import DEAD_PROXY, serve_folder
from bs4 import BeautifulSoup
from conftest import ROOT, run_pelican
from front_page.assets import icon_data_url
from xss_vectors import VECTORS

# Field name -> number range of its vectors (field index * 1000 + vector index).
FIELDS = (
    "Title",
    "Tags",
    "Summary",
    "Image_alt",
    "Image_caption",
    "comment body",
    "comment Author",
    "comment Url",
    "CSL title",
    "CSL container-title",
    "CSL author",
    "CSL URL",
    "CSL DOI",
    "BibTeX title",
    "BibTeX journal",
    "BibTeX author",
    "BibTeX url",
    "BibTeX doi",
    "author link url",
    "author link label",
)
FIELD = {name: index + 1 for index, name in enumerate(FIELDS)}
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


def vector(field, index):
    """Vector ``index`` with its number for ``field`` filled in."""
    return VECTORS[index].replace("{n}", str(FIELD[field] * 1000 + index))


def where(number):
    """``'Title #3: <script>...'`` for an execution's number."""
    field, index = divmod(int(number), 1000)
    if not 1 <= field <= len(FIELDS) or index >= len(VECTORS):
        return f"unknown ({number})"
    return f"{FIELDS[field - 1]} #{index}: {VECTORS[index]!r}"


def _header_value(text):
    return text.replace("\n", " ")


def write_corpus(content):
    """Write the corpus site below ``content`` (a Path)."""
    files = {"images/p.png": PNG}
    csl, bibtex = [], []
    for i in range(len(VECTORS)):
        cites = []
        for field, key in (
            ("CSL title", "title"),
            ("CSL container-title", "container-title"),
            ("CSL author", "author"),
            ("CSL URL", "URL"),
            ("CSL DOI", "DOI"),
        ):
            item = {"id": f"csl-{key.lower()}-{i}", "type": "article-journal", "title": "Judul"}
            item["author"] = [{"family": "Penulis"}]
            item["issued"] = {"date-parts": [[2020]]}
            if key == "author":
                item["author"] = [{"family": vector(field, i), "given": vector(field, i)}]
            else:
                item[key] = vector(field, i)
            csl.append(item)
            cites.append(f"[@{item['id']}]")
        for field, key in (
            ("BibTeX title", "title"),
            ("BibTeX journal", "journal"),
            ("BibTeX author", "author"),
            ("BibTeX url", "url"),
            ("BibTeX doi", "doi"),
        ):
            fields = {"title": "Judul", "author": "Penulis, Anon", "year": "2020"}
            fields[key] = vector(field, i)
            body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
            bibtex.append(f"@article{{bib-{key}-{i},\n{body}\n}}\n")
            cites.append(f"[@bib-{key}-{i}]")
        header = [
            f"Title: {_header_value(vector('Title', i))}",
            "Date: 2024-05-01 08:00",
            f"Id: 20240501-a{i}",
            "Author: Nurhayati",
            "Category: Berita",
            f"Tags: {_header_value(vector('Tags', i))}",
            f"Summary: {_header_value(vector('Summary', i))}",
            "Image: images/p.png",
            f"Image_alt: {_header_value(vector('Image_alt', i))}",
            f"Image_caption: {_header_value(vector('Image_caption', i))}",
            f"Slug: artikel-{i}",
        ]
        files[f"articles/a{i}.md"] = "\n".join(header) + "\n\nParagraf. " + " ".join(cites) + "\n"
        files[f"comments/20240501-a{i}/c{i}.md"] = (
            f"Author: {_header_value(vector('comment Author', i))}\n"
            "Date: 2024-05-02 08:00\n"
            f"Url: {_header_value(vector('comment Url', i))}\n\n"
            f"{vector('comment body', i)}\n"
        )
    files["bibliography/corpus.json"] = json.dumps(csl, indent=1)
    files["bibliography/corpus.bib"] = "\n".join(bibtex)
    links = [
        {"label": vector("author link label", i), "url": vector("author link url", i)}
        for i in range(len(VECTORS))
    ]
    authors = [{"name": "Nurhayati", "affiliation": "Wartawan", "bio": "Meliput.", "links": links}]
    files["data/authors.yml"] = json.dumps(authors, indent=1)  # JSON is YAML
    for relative, text in files.items():
        target = content / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8")


# --- static scan ------------------------------------------------------------------------------

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcdoc"}
ACTIVE_ELEMENTS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet"}
_SCHEME_JUNK = re.compile(r"[\x00-\x20\x7f]+")
# The theme's own scripts: JSON-LD/JSON data blocks, the inline scripts written in the theme's
# templates (recognised by their first 40 characters, read from the templates themselves), and
# files under the theme's js/ folder. A vector from content can be none of these.
THEME_INLINE = {
    match.group(1)[:40]
    for template in (ROOT / "theme" / "templates").rglob("*.html")
    for match in re.finditer(r"<script>([^<]{40})", template.read_text(encoding="utf-8"))
}
THEME_SRC = re.compile(
    r"^(https?://127\.0\.0\.1:\d+|https://kabarmbojo\.example)?/?theme/js/\w+\.js$"
)


# The text edition's <link rel="icon" href="data:,">: an empty data URL that stops the browser's
# /favicon.ico request (one request per page); it has no content to run.
EMPTY_ICON = "data:,"
# The full pages' <link rel="icon">: the theme's own icons/icon.svg as a data: URL (front_page,
# FRONT_PAGE_ICON_URL), exactly these bytes; an SVG used as an icon runs no script.
THEME_ICON = str(icon_data_url((ROOT / "theme/static/icons/icon.svg").read_text(encoding="utf-8")))


def dangerous_url(value, element_name=""):
    """True for a ``javascript:``, ``vbscript:`` or ``data:`` URL however it is disguised
    (except, on a ``<link>``, the empty ``data:,`` (:data:`EMPTY_ICON`) and the theme's icon
    (:data:`THEME_ICON`), byte for byte)."""
    if value == THEME_ICON and element_name == "link":
        return False
    value = _SCHEME_JUNK.sub("", value).lower()
    if value == EMPTY_ICON and element_name == "link":
        return False
    return value.startswith(("javascript:", "vbscript:", "data:"))


def scan_html(text, where):
    """Return a list of active-content findings in an HTML document or fragment."""
    found = []
    soup = BeautifulSoup(text, "html.parser")
    for element in soup.find_all(True):
        name = element.name.lower()
        if name == "script":
            kind = (element.get("type") or "").lower()
            body = element.string or ""
            if kind in ("application/ld+json", "application/json"):
                if "</" in body.lower() or "<!--" in body:
                    found.append(f"{where}: JSON-LD holds '</' or '<!--'")
                continue
            if not element.get("src") and body[:40] in THEME_INLINE:
                continue
            if THEME_SRC.match(element.get("src") or ""):
                continue
            found.append(f"{where}: <script> {str(element)[:80]!r}")
        elif name in ACTIVE_ELEMENTS or (
            name == "meta" and (element.get("http-equiv") or "").lower() == "refresh"
        ):
            found.append(f"{where}: <{name}> {str(element)[:80]!r}")
        for attribute, value in element.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            if attribute.lower().startswith("on"):
                found.append(f"{where}: {attribute}= on <{name}>: {value[:60]!r}")
            elif attribute.lower() in URL_ATTRIBUTES and dangerous_url(value, name):
                found.append(f"{where}: {attribute}={value[:60]!r} on <{name}>")
            elif attribute.lower() == "style" and "javascript:" in value.lower():
                found.append(f"{where}: style with javascript: on <{name}>")
    return found


ATOM = "{http://www.w3.org/2005/Atom}"


def feed_fragments(path):
    """The HTML a feed reader renders from an Atom/RSS file: ``[(label, html)]``."""
    tree = ET.parse(path)  # also proves the feed is well-formed XML
    fragments = []
    for element in tree.iter():
        tag = element.tag
        if tag in (f"{ATOM}content", f"{ATOM}summary") and element.get("type") == "html":
            fragments.append((f"{path.name} {tag[len(ATOM) :]}", element.text or ""))
        elif tag == "description":
            fragments.append((f"{path.name} description", element.text or ""))
    return fragments


def static_scan(output):
    """Every finding in every output file (HTML pages, feed contents, other XML)."""
    found = []
    for path in sorted(output.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(output)
        if path.suffix == ".html":
            found += scan_html(path.read_text(encoding="utf-8"), str(relative))
        elif path.suffix == ".xml":
            try:
                fragments = feed_fragments(path)
            except ET.ParseError as exc:
                found.append(f"{relative}: not well-formed XML ({exc})")
                continue
            for label, fragment in fragments:
                found += scan_html(fragment, f"{relative} {label}")
        elif path.suffix in (".json", ".txt", ".js") and re.search(
            r"<script|javascript:", path.read_text(encoding="utf-8"), re.I
        ):
            found.append(f"{relative}: holds <script or javascript:")
    return found


# --- the browser ------------------------------------------------------------------------------

HOOKS = """
window.__executions = [];
for (const name of ["alert", "confirm", "prompt"]) {
  window[name] = (value) => { window.__executions.push(String(value)); return null; };
}
"""
# Every URL-bearing attribute in the document whose value the browser would run.
JS_URLS = """
() => {
  const THEME_ICON = THEME_ICON_JSON;
  const found = [];
  const names = ["href", "src", "action", "formaction", "data", "xlink:href", "poster"];
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      if (!names.includes(name)) continue;
      const value = attribute.value.replace(/[\\u0000-\\u0020\\u007f]+/g, "").toLowerCase();
      if (value === "data:," && element.localName === "link") continue;  // EMPTY_ICON
      if (attribute.value === THEME_ICON && element.localName === "link") continue;
      if (/^(javascript|vbscript|data):/.test(value)) found.push(name + "=" + attribute.value);
    }
  }
  return found;
}
""".replace("THEME_ICON_JSON", json.dumps(THEME_ICON))
# One round trip per page: the hooked calls so far (then forgotten: set_content keeps the
# window, so the next fragment's would be added to them) and the URLs above.
FINDINGS = """() => {
  const calls = window.__executions || [];
  window.__executions = [];
  return [calls, (JS_URLS)()];
}""".replace("JS_URLS", JS_URLS)
# ontoggle, onbegin and autofocus's onfocus run just after load (the next rendering update):
# a page is read this long after its load event (test_the_scan_and_the_browser_can_fail).
SETTLE_MS = 30

TABS = 4


def run_pages(browser, urls, html_fragments):
    """Open each URL and each ``(label, html)`` fragment; return (executions, js_urls)."""
    # Nothing may leave the machine: only the local server answers.
    context = browser.new_context(java_script_enabled=True, proxy=DEAD_PROXY)
    context.add_init_script(HOOKS)
    executions, js_urls = [], []
    # TABS pages load at once (each a top-level page of its own, so autofocus and onfocus
    # behave as for a reader): the browser renders one while the test reads another.
    pages = [context.new_page() for _ in range(TABS)]
    for page in pages:
        page.on("dialog", lambda dialog: (executions.append(dialog.message), dialog.dismiss()))

    def collect(page, label):
        numbers, found = page.evaluate(FINDINGS)
        executions.extend(f"{label}: {where(number)}" for number in numbers)
        js_urls.extend(f"{label}: {url}" for url in found)

    for start in range(0, len(urls), TABS):
        batch = list(zip(pages, urls[start : start + TABS], strict=False))
        for page, url in batch:
            page.goto(url, wait_until="commit")
        for page, _url in batch:
            page.wait_for_load_state("load")
        pages[0].wait_for_timeout(SETTLE_MS)  # once for the batch: each tab settles meanwhile
        for page, url in batch:
            collect(page, urlsplit(url).path)
    page = pages[0]
    for label, fragment in html_fragments:
        page.set_content(f"<!doctype html><meta charset=utf-8><body>{fragment}</body>")
        page.wait_for_timeout(SETTLE_MS)
        collect(page, label)
    context.close()
    return executions, js_urls


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory):
    """The corpus built with publishconf.py (not strict), served on 127.0.0.1."""
    root = tmp_path_factory.mktemp("xss")
    content, output = root / "content", root / "output"
    write_corpus(content)
    output.mkdir()
    with serve_folder(output) as base:
        result = run_pelican(
            content,
            output,
            ROOT / "publishconf.py",
            "-e",
            "NEWS_METADATA_STRICT=false",
            # /admin/ is the vendored editor (our scripts, no content text): tests/test_cms_*
            'CMS_SAVE_AS=""',
            env={"SITEURL": base.rstrip("/")},
        )
        result.output_text = result.stdout + result.stderr
        assert result.returncode == 0, result.output_text[-3000:]
        yield base, output, result


def test_corpus_is_large_enough():
    assert len(VECTORS) >= 60
    assert len(FIELDS) * len(VECTORS) >= 1000


def test_static_scan_finds_no_active_content(corpus_site):
    _, output, _ = corpus_site
    assert len(list(output.rglob("*.html"))) > len(VECTORS)
    findings = static_scan(output)
    assert findings == [], f"{len(findings)} finding(s):\n" + "\n".join(findings[:60])


def test_no_vector_executes_in_chromium(corpus_site, browser):
    base, output, _ = corpus_site
    urls = [base + str(path.relative_to(output)) for path in sorted(output.rglob("*.html"))]
    # An entry is in several feeds (all, category, tag, author) with the same HTML: each distinct
    # fragment is opened once, labelled with the first feed it is in.
    fragments = {}
    for path in sorted(output.rglob("*.xml")):
        for label, fragment in feed_fragments(path):
            fragments.setdefault(fragment, label)
    executions, js_urls = run_pages(browser, urls, [(lb, html) for html, lb in fragments.items()])
    report = [*executions, *js_urls]
    distinct = sorted({line.split(": ", 1)[1] for line in executions})
    by_field = {}
    for line in distinct:
        field = line.split(" #")[0]
        by_field[field] = by_field.get(field, 0) + 1
    assert report == [], (
        f"{len(executions)} execution(s) of {len(distinct)} distinct vector x field pairs "
        f"{by_field}, {len(js_urls)} javascript: URL(s):\n" + "\n".join(report[:80])
    )


# Vectors that run only after the load event (a rendering update later): the harness must
# wait for them in every tab of a batch, and after each fragment.
LATE = (20, 21, 31)


def test_the_scan_and_the_browser_can_fail(browser, tmp_path):
    """The harness itself: a page with one vector is caught by both the scan and the browser;
    so is each vector that runs after the load event, on a page in any tab or as a fragment,
    and a request to another host fails."""
    (tmp_path / "bad.html").write_text(
        '<p><img src=x onerror=alert(1007)><a href=" java&#9;script:alert(1)">x</a></p>'
        '<img src="https://example.org/x.png" onload=alert(1001) onerror=alert(1003)>',
        encoding="utf-8",
    )
    assert len(static_scan(tmp_path)) == 4  # onerror, javascript:, onload, onerror
    late = [vector("Title", index) for index in LATE]
    for index, text in enumerate(late * 2):
        (tmp_path / f"late{index}.html").write_text(f"<p>{text}</p>", encoding="utf-8")
    names = ["bad.html", *(f"late{index}.html" for index in range(len(late) * 2))]
    with serve_folder(tmp_path) as base:
        executions, js_urls = run_pages(
            browser,
            [base + name for name in names],
            [(f"f{i}", text) for i, text in enumerate(late)],
        )
    expected = [
        "/bad.html: Title #7: " + repr(VECTORS[7]),
        "/bad.html: Title #3: " + repr(VECTORS[3]),
    ]
    expected += [f"/late{i}.html: {where(1000 + index)}" for i, index in enumerate(LATE * 2)]
    expected += [f"f{i}: {where(1000 + index)}" for i, index in enumerate(LATE)]
    assert sorted(set(executions)) == sorted(expected)
    assert len(js_urls) == 1


def test_url_vectors_are_content_errors(corpus_site):
    """What cannot be a web address is reported, not silently dropped."""
    _, _, result = corpus_site
    text = result.output_text
    for field in ("comment Url", "CSL URL", "CSL DOI", "author link url"):
        number = FIELD[field] * 1000 + 40  # "javascript:alert({n})"
        assert f"alert({number})" in text, field


def test_write_corpus_paths(tmp_path):
    write_corpus(tmp_path)
    assert len(list(Path(tmp_path).rglob("*.md"))) == 2 * len(VECTORS)
