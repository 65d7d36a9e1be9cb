"""A Blogger post's HTML to the site's Markdown: cleaned, sanitized, byline taken out.

Steps, each for a habit of Blogger's editor (issue 17):

1. Parse the fragment (Beautiful Soup, lxml). Blogger writes one ``<div>`` per line, blank
   lines as ``<div><br></div>`` and ``<br><br>`` runs, inline ``style``/``dir``/``trbidi``
   attributes, ``<span style>`` for fonts, ``separator`` divs around images that link to their
   own larger copy, and ``tr-caption-container`` tables for captioned images. These become
   paragraphs, plain images at their largest size (``/s1600/``, :mod:`.images`) and a caption
   line; ``<span style="font-weight: bold">`` becomes ``<strong>``, italic ``<em>``.
2. The gadget text at the top (``Breaking News``), a copy of the headline, Blogger's comment
   stub at the bottom (``Tidak ada komentar``) are dropped; the byline typed into the body
   (``Oleh : <name>`` and an ``(<affiliation>)`` line, as in the seed article) is taken out and
   returned (:class:`Body`).
3. nh3 (ammonia) sanitizes the rest with :data:`ALLOWED_TAGS`: imported posts are untrusted
   text, and Python-Markdown passes raw HTML through, so nothing may survive that could run.
   Embeds (``<iframe>``) become a link to the video; scripts are dropped; both are reported.
4. markdownify converts to Markdown, escaping every character that Markdown (and the site's
   extensions: ``{`` for attr_list, ``[@`` for citations) would read as syntax. A table that
   Markdown cannot hold (merged cells, block content in a cell) stays as sanitized HTML.

markdownify was chosen over html2text by converting the same Blogger-shaped markup with both
(the markup is in tests/test_blogger_body.py): html2text left ``<script>`` typed as text
unescaped (it would run once Python-Markdown passed it through), read literal ``*stars*`` as
emphasis, turned ``<div><br></div>`` runs into lines of two spaces, and flattened captioned
image tables; markdownify escapes text and has per-tag hooks for the rest.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

import nh3
from bs4 import BeautifulSoup, NavigableString, Tag
from markdownify import MarkdownConverter

from .images import largest_url

ALLOWED_TAGS = {
    "p",
    "br",
    "a",
    "img",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "blockquote",
    "ul",
    "ol",
    "li",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "code",
    "hr",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "caption",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}
URL_SCHEMES = {"http", "https", "mailto"}

# The byline typed into the body: "Oleh : Munir Husen", "Penulis: ...", then "(affiliation)".
BYLINE = re.compile(
    r"^(?:oleh|penulis|ditulis oleh|by)\s*(?P<colon>:?)\s*(?P<name>[^():]+?)\s*"
    r"(?:\((?P<aff>[^()]+)\))?\s*$",
    re.I,
)
BYLINE_MAX_WORDS = 5  # "Oleh Munir Husen" without a colon; "Oleh sebab itu, ..." is prose
AFFILIATION = re.compile(r"^\((?P<aff>[^()]+)\)$")
# Old-site furniture that is not the writer's text.
GADGETS = {"breaking news", "• breaking news", "berita terkini"}
STUBS = {"tidak ada komentar", "no comments", "0 komentar", "belum ada komentar"}
BLOCK_TAGS = {
    "div",
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "table",
    "blockquote",
    "pre",
    "hr",
    "figure",
    "center",
}
_BOLD = re.compile(r"font-weight\s*:\s*(bold|[6-9]00)", re.I)
_ITALIC = re.compile(r"font-style\s*:\s*italic", re.I)
# Escaping text for Python-Markdown with the site's extensions (markdownify's own escape_misc
# writes "\\<" and "\\=", which Python-Markdown shows with the backslash): a backslash before
# each character Python-Markdown can escape and reads as syntax anywhere in a line ("{" is
# attr_list's and "[@" the citations'), entities for "&" and "<" (never raw HTML), and entities
# for what starts a block only at the start of a line ("=" and "-" setext rules, "~" fences,
# ":" definitions, "|" tables).
_INLINE_SYNTAX = re.compile(r"([\\`*_{}\[\]!])")
_LINE_START = re.compile(r"(^|\n)([ \t\xa0]*)([#>+\-=~:|]|\d+(?=[.)]))")
_LINE_ENTITIES = {"=": "&#61;", "~": "&#126;", ":": "&#58;", "|": "&#124;"}


@dataclass
class Body:
    """Result of :func:`convert`.

    Attributes:
        markdown: the body in Markdown ("" when nothing is left).
        byline: author names typed in the body (``Oleh : X``), in order; empty when none.
        affiliation: the ``(...)`` line under the byline, or "".
        images: the image URLs the Markdown refers to (largest size), in order.
        warnings: what was changed or left out, one phrase each (for the report).
        first_paragraph: plain text of the first paragraph (for the Summary).
    """

    markdown: str
    byline: list = field(default_factory=list)
    affiliation: str = ""
    images: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    first_paragraph: str = ""


class _Converter(MarkdownConverter):
    """markdownify with the site's extra escapes and tables kept as HTML when lossy."""

    def escape(self, text, parent_tags):
        if not text or "pre" in parent_tags or "_noformat" in parent_tags:
            return text
        return escape_markdown(text)

    def convert_table(self, el, text, parent_tags):
        if _lossy_table(el):
            return "\n\n" + str(el) + "\n\n"
        return super().convert_table(el, text, parent_tags)


def escape_markdown(text):
    """Return ``text`` written so that the site's Markdown shows it as typed (module doc)."""
    text = _INLINE_SYNTAX.sub(r"\\\1", text).replace("&", "&amp;").replace("<", "&lt;")
    return _LINE_START.sub(_escape_line_start, text)


def _escape_line_start(match):
    start, indent, mark = match.groups()
    if mark.isdigit():
        return f"{start}{indent}{mark}\\"  # "1." -> "1\\." : not a list item
    return start + indent + _LINE_ENTITIES.get(mark, "\\" + mark)


def _lossy_table(table):
    if table.find(["table", "ul", "ol", "blockquote", "pre", "img"], recursive=True):
        return True
    return any(cell.get("colspan") or cell.get("rowspan") for cell in table.find_all(["td", "th"]))


# Plain text with line breaks only: no element but <br>, no entity.
_PLAIN = re.compile(r"^(?:[^<>&]|<br\s*/?>)*$", re.I)
_BR = re.compile(r"<br\s*/?>", re.I)
_SPACES = re.compile(r"[ \t\r\n]+")  # not U+00A0: a no-break space is the writer's
_DOUBLE_BR = re.compile(r"(?:<br\s*/?>\s*){2,}", re.I)

_CLEANER = None


def _cleaner():
    global _CLEANER
    if _CLEANER is None:
        _CLEANER = nh3.Cleaner(
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel=None,
            clean_content_tags={"script", "style"},
        )
    return _CLEANER


def convert(html, title="", image_hosts=(), furniture=True):
    """Convert one post's Blogger HTML.

    Args:
        html: the post body as in the export.
        title: the post's title (a copy of it at the top of the body is dropped).
        image_hosts: host name suffixes of Blogger's image CDN (``bp.blogspot.com``, ...):
            images there are switched to their largest size (``/s1600/``).
        furniture: take out the old site's furniture and the typed byline (posts; not for
            readers' comments, whose words are kept as written).

    Returns:
        :class:`Body`.
    """
    body = Body(markdown="")
    plain = _plain_text(html, title, furniture)
    if plain is not None:
        return plain
    soup = BeautifulSoup(f"<div id='blogger-body'>{html}</div>", "lxml")
    root = soup.find(id="blogger-body")
    # One walk over the tree; each step below works on the elements it needs.
    tags = defaultdict(list)
    for element in root.find_all(True):
        tags[element.name].append(element)
    _embeds(tags, soup, body)
    for heading in tags["h1"]:
        heading.name = "h2"  # the page's <h1> is the headline
    _styles(tags["span"] + tags["font"], soup)
    _captions([t for t in tags["table"] if "tr-caption-container" in t.get("class", ())], soup)
    _images(tags["img"], image_hosts, body, title)
    blocks = _paragraphs(root, soup)
    if furniture:
        blocks = _strip_furniture(blocks, title, body)
    fragment = "".join(str(block) for block in blocks)
    clean = _cleaner().clean(fragment)
    clean_soup = BeautifulSoup(clean, "lxml")
    container = clean_soup.body or clean_soup
    markdown = _Converter(heading_style="ATX", bullets="-", escape_misc=False).convert_soup(
        container
    )
    body.markdown = re.sub(r"\n{3,}", "\n\n", markdown).strip()
    first = container.find("p")
    if first is not None:
        body.first_paragraph = " ".join(first.get_text(" ").split())
    body.images = [img.get("src") for img in container.find_all("img") if img.get("src")]
    return body


def _plain_text(html, title, furniture):
    """The :class:`Body` of a body that is plain text with ``<br>`` at most (most reader
    comments), without parsing HTML; None for anything else. Same result as the full path
    (tests/test_blogger_body.py compares them).
    """
    if not _PLAIN.match(html):
        return None
    paragraphs = []
    for chunk in _DOUBLE_BR.split(html):
        lines = [_SPACES.sub(" ", line).strip(" ") for line in _BR.split(chunk)]
        lines = [line for line in lines if line.replace("\xa0", "").strip()]
        if lines:
            paragraphs.append(lines)
    texts = [" ".join(" ".join(lines).split()) for lines in paragraphs]
    if furniture and any(_furniture(t, title) for t in texts[:3] + texts[-1:]):
        return None  # furniture or a byline to take out: the full path knows how
    text = texts[0] if texts else ""
    markdown = "\n\n".join("  \n".join(escape_markdown(x) for x in lines) for lines in paragraphs)
    return Body(markdown=markdown, first_paragraph=text)


def _furniture(text, title):
    folded = text.casefold()
    return folded in GADGETS or folded in STUBS or folded == title.casefold() or BYLINE.match(text)


def _embeds(tags, soup, body):
    for script in tags["script"] + tags["noscript"] + tags["style"]:
        body.warnings.append(f"dropped a <{script.name}> element")
        script.decompose()
    for frame in tags["iframe"] + tags["embed"] + tags["object"]:
        src = frame.get("src") or frame.get("data") or ""
        url = _video_page(src)
        if url:
            paragraph = soup.new_tag("p")
            link = soup.new_tag("a", href=url)
            link.string = f"Video: {url}"
            paragraph.append(link)
            frame.replace_with(paragraph)
            body.warnings.append(f"an embedded video became a link to {url}")
        else:
            body.warnings.append(f"dropped an embedded <{frame.name}> ({src or 'no address'})")
            frame.decompose()


def _video_page(src):
    """The watch page of an embedded YouTube video, or the embed's own http(s) address."""
    parts = urlsplit(src if "//" in src else "")
    if parts.scheme not in ("http", "https", ""):
        return ""
    host = (parts.hostname or "").lower()
    if host.endswith(("youtube.com", "youtube-nocookie.com")) and "/embed/" in parts.path:
        video = parts.path.rsplit("/", 1)[-1]
        return f"https://www.youtube.com/watch?v={video}" if video else ""
    if host.endswith("blogger.com") and "video.g" in parts.path:
        token = parse_qs(parts.query).get("token", [""])[0]
        return f"https://www.blogger.com/video.g?token={token}" if token else ""
    return f"https:{src}" if src.startswith("//") else (src if host else "")


def _styles(spans, soup):
    for span in spans:
        style = span.get("style", "")
        wrappers = []
        if _BOLD.search(style):
            wrappers.append("strong")
        if _ITALIC.search(style):
            wrappers.append("em")
        for name in wrappers:
            span.wrap(soup.new_tag(name))
        span.unwrap()


def _captions(tables, soup):
    for table in tables:
        image = table.find("img")
        caption = table.find(class_="tr-caption")
        replacement = soup.new_tag("div")
        if image is not None:
            text = caption.get_text(" ", strip=True) if caption else ""
            if text and not image.get("alt"):
                image["alt"] = text
            holder = soup.new_tag("p")
            holder.append(image.extract())
            replacement.append(holder)
            if text:
                line = soup.new_tag("p")
                emphasis = soup.new_tag("em")
                emphasis.string = text
                line.append(emphasis)
                replacement.append(line)
        table.replace_with(replacement)


def _images(images, image_hosts, body, title):
    for image in images:
        src = image.get("src", "")
        link = image.parent if image.parent is not None and image.parent.name == "a" else None
        if link is not None and _same_picture(link.get("href", ""), src, image_hosts):
            link.unwrap()
        bigger = largest_url(src, image_hosts)
        if bigger != src:
            image["src"] = bigger
            for attribute in ("width", "height"):
                image.attrs.pop(attribute, None)
        if not image.get("alt", "").strip():
            # Blogger's editor writes no description; the headline is the nearest one (and
            # Pelican warns about an empty alt). The report asks for a real one.
            image["alt"] = title or "Gambar"
            body.warnings.append(
                f"an image had no description (alt): the headline is used for {bigger}"
            )


def _same_picture(href, src, image_hosts):
    return bool(href) and largest_url(href, image_hosts) == largest_url(src, image_hosts)


def _paragraphs(root, soup):
    """Flatten Blogger's div/br soup into a list of block elements (``<p>`` and real blocks).

    A run of inline content ends at a block element, at ``<br><br>`` and at a ``<div>`` edge;
    a single ``<br>`` inside a run stays a line break.
    """
    blocks = []
    current = []

    def flush():
        while current and _is_br(current[-1]):
            current.pop()
        while current and _is_br(current[0]):
            current.pop(0)
        if current and any(_has_content(node) for node in current):
            paragraph = soup.new_tag("p")
            for node in current:
                paragraph.append(node)
            blocks.append(paragraph)
        current.clear()

    def walk(parent):
        for node in list(parent.children):
            node = node.extract()
            if isinstance(node, Tag) and node.name in ("div", "center", "figure", "p"):
                flush()
                walk(node)
                flush()
            elif isinstance(node, Tag) and node.name in BLOCK_TAGS:
                flush()
                blocks.append(node)
            elif _is_br(node) and current and _is_br(current[-1]):
                flush()
            elif (
                isinstance(node, NavigableString)
                and not node.strip()
                and current
                and _is_br(current[-1])
            ):
                continue  # "<br> <br>" is a paragraph break too
            else:
                current.append(node)

    walk(root)
    flush()
    return blocks


def _is_br(node):
    return isinstance(node, Tag) and node.name == "br"


def _has_content(node):
    if isinstance(node, NavigableString):
        return bool(node.strip().replace("\xa0", ""))
    return node.name == "img" or bool(node.find("img")) or bool(node.get_text().strip())


def _text_of(block):
    return " ".join(block.get_text(" ").replace("\xa0", " ").split())


def _strip_furniture(blocks, title, body):
    while blocks and _text_of(blocks[0]).casefold() in GADGETS:
        blocks.pop(0)
        body.warnings.append("dropped the 'Breaking News' gadget text at the top")
    if blocks and title and _text_of(blocks[0]).casefold() == title.casefold():
        blocks.pop(0)
        body.warnings.append("dropped a copy of the headline at the top of the body")
    while blocks and _text_of(blocks[-1]).casefold() in STUBS:
        blocks.pop()
        body.warnings.append("dropped Blogger's 'Tidak ada komentar' stub")
    for index, block in enumerate(blocks[:3]):
        match = BYLINE.match(_text_of(block))
        if not match or block.find("img"):
            continue
        if not match.group("colon") and len(_text_of(block).split()) > BYLINE_MAX_WORDS:
            continue
        body.byline = split_names(match.group("name"))
        body.affiliation = (match.group("aff") or "").strip()
        taken = [index]
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if not body.affiliation and following is not None:
            affiliation = AFFILIATION.match(_text_of(following))
            if affiliation:
                body.affiliation = affiliation.group("aff").strip()
                taken.append(index + 1)
        for position in reversed(taken):
            blocks.pop(position)
        break
    return blocks


def split_names(text):
    """Names in a typed byline: split at ``;``, `` & `` and `` dan `` (never at commas:
    ``Munir Husen, S.H., M.H.`` is one name with its degrees).
    """
    parts = re.split(r"\s*;\s*|\s+&\s+|\s+dan\s+", text.strip().rstrip(".:"))
    return [" ".join(part.split()) for part in parts if part.strip()]
