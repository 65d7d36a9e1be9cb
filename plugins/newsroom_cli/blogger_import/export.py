"""Reading a Blogger export: both formats, leniently, into one list of :class:`Entry`.

Formats (facts from issue 17 and docs/research-2026-12.md, section 5):

- **Classic** ("Settings → Back up content", GData 2008): one Atom feed; an entry's kind is a
  ``<category scheme="http://schemas.google.com/g/2005#kind" term="...kind#post">`` (``#page``,
  ``#comment``, ``#settings``, ``#template``); labels are categories with scheme
  ``http://www.blogger.com/atom/ns#``; drafts have ``<app:control><app:draft>yes``; the
  permalink is ``<link rel="alternate">``; a comment names its post in ``thr:in-reply-to
  ref=...`` and the comment it answers in ``<link rel="related" href=".../comments/default/<id>">``.
- **Takeout** ``feed.atom`` (2018 schema, ``http://schemas.google.com/blogger/2018``):
  ``blogger:type`` POST/PAGE/COMMENT, ``blogger:status`` LIVE/DRAFT/SOFT_TRASHED/...,
  ``blogger:filename`` the exact path, ``blogger:parent`` (a comment's post, or for a reply the
  comment it answers) and ``blogger:inReplyTo``; labels are plain ``<category term>``.

Real exports are not always well-formed (an undeclared ``app:`` prefix is common): the file is
parsed with lxml's ``recover=True`` and every problem the parser recovered from is kept as a
warning. A file that is not an export at all, a web page saved from the browser, or an export
that ends in the middle (a broken download) raises :class:`ExportError` before anything is
written.
"""

import html.entities
import re
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

from lxml import etree

ATOM = "http://www.w3.org/2005/Atom"
KIND_SCHEME = "http://schemas.google.com/g/2005#kind"
LABEL_SCHEME = "http://www.blogger.com/atom/ns#"
BLOGGER_2018 = "http://schemas.google.com/blogger/2018"
THREAD = "http://purl.org/syndication/thread/1.0"

# The numeric id at the end of "tag:blogger.com,1999:blog-123.post-456" (or ".page-456").
_ID = re.compile(r"[.-](?:post|page|comment)-?(\d+)$|(\d+)$")
_RELATED_COMMENT = re.compile(r"/comments/default/(\d+)$")
# "&" that starts no XML reference, and HTML's named entities XML does not know (&nbsp;):
# lxml's recovery drops every later entity once it meets one, so they are fixed first.
_AMPERSAND = re.compile(rb"&(?!#\d+;|#x[0-9a-fA-F]+;)(?:(?P<name>[A-Za-z][A-Za-z0-9]*);)?")
_XML_ENTITIES = {b"amp", b"lt", b"gt", b"quot", b"apos"}


class ExportError(Exception):
    """The file cannot be imported at all; the message says why and what to do instead."""


@dataclass
class Entry:
    """One post, page or comment of the export, format-independent.

    Attributes:
        kind: ``"post"``, ``"page"``, ``"comment"`` (other kinds are not kept).
        blogger_id: the numeric Blogger id (str of digits), "" when the entry has none.
        line: 1-based line of the ``<entry>`` in the export.
        title: plain text ("" when missing).
        html: the body, Blogger's HTML as in the export (unescaped once by the XML parser).
        published: aware ``datetime`` with the export's own offset, or None.
        author: the Blogger display name ("" when missing).
        author_uri: the author's profile address ("" when missing).
        labels: label names in export order.
        status: ``"live"``, ``"draft"``, or Blogger's other status lowercased
            (``"soft_trashed"``, ``"spam"``, ...).
        path: the Blogger path, ``/2024/12/slug.html`` or ``/p/slug.html`` ("" when none).
        parent: for a comment, the Blogger id of its post (or of the comment it answers, in
            Takeout's ``blogger:parent``).
        reply_to: for a reply, the Blogger id of the comment it answers ("" otherwise).
        comment_total: for a classic post, Blogger's own count (``thr:total``), or None.
    """

    kind: str
    blogger_id: str
    line: int
    title: str = ""
    html: str = ""
    published: datetime | None = None
    author: str = ""
    author_uri: str = ""
    labels: list = field(default_factory=list)
    status: str = "live"
    path: str = ""
    parent: str = ""
    reply_to: str = ""
    comment_total: int | None = None


@dataclass
class Export:
    """Result of :func:`read_export`.

    Attributes:
        format: ``"classic"`` or ``"takeout"``.
        entries: posts, pages and comments in file order.
        blog_url: the blog's address from the feed's alternate link ("" when absent).
        warnings: ``(line or None, message)`` for everything recovered from or left out.
        skipped_kinds: count of entries of other kinds (settings, template) by kind.
    """

    format: str
    entries: list
    blog_url: str = ""
    warnings: list = field(default_factory=list)
    skipped_kinds: dict = field(default_factory=dict)


def _local(tag):
    """The local name of an element, also for a prefix the file never declared
    (lxml's recovery keeps ``app:draft`` as the literal tag name).
    """
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def _children(element, name):
    return [child for child in element if _local(child.tag) == name]


def _child(element, name):
    for child in element:
        if _local(child.tag) == name:
            return child
    return None


def _text(element, name):
    child = _child(element, name)
    return (child.text or "").strip() if child is not None else ""


def numeric_id(value):
    """The numeric Blogger id in an Atom id or URL (``...blog-1.post-42`` -> ``"42"``)."""
    match = _ID.search((value or "").strip())
    if not match:
        return ""
    return match.group(1) or match.group(2)


def parse_timestamp(text):
    """Parse an Atom timestamp (``2024-12-05T09:15:00.000+07:00`` or ``...Z``).

    Returns:
        aware ``datetime`` (the offset as written), or None for empty or unreadable text.
    """
    value = (text or "").strip()
    if not value:
        return None
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else None


def read_export(path):
    """Read a Blogger export file.

    Args:
        path: the file (classic backup ``.xml`` or Takeout ``feed.atom``).

    Returns:
        :class:`Export`.

    Raises:
        ExportError: no such file, empty, not XML, a web page, an Atom feed that is not a
            Blogger export, or an export cut off before its end.
    """
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as exc:
        raise ExportError(f"cannot read {path}: {exc.strerror or exc}") from None
    head = raw[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not head:
        raise ExportError(f"{path} is empty — download the export again")
    if head.startswith((b"<!doctype html", b"<html")) or (
        b"<html" in head and b"<feed" not in head
    ):
        raise ExportError(
            f"{path} is a web page saved from the browser, not a Blogger export — in Blogger "
            "open Settings → Back up content → Download (or Google Takeout → Blogger) and "
            "import the .xml or feed.atom file it gives"
        )
    raw, fixed = _fix_ampersands(raw)
    parser = etree.XMLParser(recover=True, huge_tree=True, resolve_entities=False, no_network=True)
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as exc:
        root = None
        reason = str(exc)
    else:
        reason = ""
    if root is None or _local(root.tag) != "feed":
        raise ExportError(
            f"{path} is not a Blogger export (no Atom <feed>{': ' + reason if reason else ''}) "
            "— import the .xml file from Blogger's Settings → Back up content, or feed.atom "
            "from Google Takeout"
        )
    if not raw.rstrip().endswith(b"</feed>"):
        entries = list(root.iter(f"{{{ATOM}}}entry", "entry"))
        where = f" of the entry on line {entries[-1].sourceline}" if entries else ""
        raise ExportError(
            f"{path} ends in the middle{where}: the export is incomplete, probably a broken "
            "download — download it again; nothing was imported"
        )
    warnings = [(line, message) for line, message in fixed]
    for error in parser.error_log:
        if error.level_name in ("ERROR", "FATAL"):
            warnings.append((error.line, f"XML problem recovered from: {error.message}"))
    takeout = BLOGGER_2018 in (root.nsmap or {}).values() or any(
        _child(entry, "type") is not None for entry in _children(root, "entry")
    )
    export = Export("takeout" if takeout else "classic", [], warnings=warnings)
    for link in _children(root, "link"):
        if link.get("rel") == "alternate" and link.get("href"):
            export.blog_url = link.get("href")
    reader = _takeout_entry if takeout else _classic_entry
    seen_kind = False
    for element in _children(root, "entry"):
        kind, entry = reader(element, export)
        seen_kind = seen_kind or bool(kind)
        if entry is not None:
            export.entries.append(entry)
        elif kind:
            export.skipped_kinds[kind] = export.skipped_kinds.get(kind, 0) + 1
    if not seen_kind:
        raise ExportError(
            f"{path} is an Atom feed but not a Blogger export (its entries have no Blogger "
            "type): a blog's public feed holds only recent posts and no comments — import "
            "the backup from Settings → Back up content, or feed.atom from Google Takeout"
        )
    return export


def _fix_ampersands(raw):
    """Escape stray ``&`` and turn HTML-only named entities into numeric ones.

    Returns:
        ``(bytes, warnings)``: the repaired text and one ``(line, message)`` per repair.
    """
    warnings = []

    def repair(match):
        name = match.group("name")
        if name in _XML_ENTITIES:
            return match.group()
        line = raw.count(b"\n", 0, match.start()) + 1
        if name is not None and name.decode() in html.entities.name2codepoint:
            code = html.entities.name2codepoint[name.decode()]
            warnings.append((line, f"HTML entity &{name.decode()}; read as character U+{code:04X}"))
            return b"&#%d;" % code
        warnings.append((line, "a bare '&' (not written as &amp;) read as the character '&'"))
        return b"&amp;" + (name + b";" if name is not None else b"")

    if b"&" not in raw:
        return raw, warnings
    return _AMPERSAND.sub(repair, raw), warnings


def _common(element, kind, export):
    entry = Entry(kind=kind, blogger_id=numeric_id(_text(element, "id")), line=element.sourceline)
    title = _child(element, "title")
    entry.title = " ".join("".join(title.itertext()).split()) if title is not None else ""
    content = _child(element, "content")
    entry.html = "".join(content.itertext()) if content is not None else ""
    if content is not None and len(content) and content.get("type") != "html":
        # XHTML content (rare): keep the markup itself.
        entry.html = "".join(etree.tostring(child, encoding="unicode") for child in content)
    published_text = _text(element, "published")
    entry.published = parse_timestamp(published_text)
    if published_text and entry.published is None:
        export.warnings.append(
            (entry.line, f"unreadable date {published_text!r} (needs an offset or Z)")
        )
    author = _child(element, "author")
    if author is not None:
        entry.author = " ".join(_text(author, "name").split())
        entry.author_uri = _text(author, "uri")
    return entry


def _classic_entry(element, export):
    kind = ""
    labels = []
    for category in _children(element, "category"):
        scheme, term = category.get("scheme", ""), category.get("term", "")
        if scheme == KIND_SCHEME:
            kind = term.rsplit("#", 1)[-1]
        elif scheme == LABEL_SCHEME and term.strip():
            labels.append(term.strip())
    if kind not in ("post", "page", "comment"):
        return kind, None
    entry = _common(element, kind, export)
    entry.labels = labels
    control = _child(element, "control")
    if control is not None and _text(control, "draft").lower() == "yes":
        entry.status = "draft"
    for link in _children(element, "link"):
        rel, href = link.get("rel", ""), link.get("href", "")
        if rel == "alternate" and kind != "comment":
            entry.path = urlsplit(href).path
        elif rel == "related" and kind == "comment":
            match = _RELATED_COMMENT.search(urlsplit(href).path)
            if match:
                entry.reply_to = match.group(1)
    total = _text(element, "total")
    if kind == "post" and total.isdigit():
        entry.comment_total = int(total)
    if kind == "comment":
        reply = _child(element, "in-reply-to")
        if reply is not None:
            entry.parent = numeric_id(reply.get("ref", ""))
    return kind, entry


_TAKEOUT_KINDS = {"POST": "post", "PAGE": "page", "COMMENT": "comment"}


def _takeout_entry(element, export):
    written = _text(element, "type").upper()
    kind = _TAKEOUT_KINDS.get(written, written.lower() or "unknown")
    if kind not in ("post", "page", "comment"):
        return kind, None
    entry = _common(element, kind, export)
    entry.status = (_text(element, "status") or "LIVE").lower()
    entry.labels = [
        c.get("term", "").strip() for c in _children(element, "category") if c.get("term", "")
    ]
    entry.path = _text(element, "filename")
    if not entry.path:
        for link in _children(element, "link"):
            if link.get("rel") == "alternate" and link.get("href"):
                entry.path = urlsplit(link.get("href")).path
    if kind == "comment":
        entry.parent = numeric_id(_text(element, "parent"))
        entry.reply_to = numeric_id(_text(element, "inReplyTo"))
    return kind, entry
