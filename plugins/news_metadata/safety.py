"""One rule for every value that reaches HTML, XML or JSON-LD: URLs, characters, active markup.

Used where a value enters the build (readers, profiles, bibliography and comment loaders), never
patched per template:

- :func:`check_url`: a link a page will carry must be an absolute ``http``/``https`` address
  with a host (``mailto:`` where a field allows it), or a site-relative path where the field
  allows one. ``javascript:``, ``data:``, ``vbscript:`` and every other scheme are refused,
  however they are disguised (case, entities, white space or control characters inside).
- :func:`xml_forbidden`: the characters XML 1.0 forbids (section 2.2, ``Char``): C0 controls
  but tab, newline and carriage return, U+FFFE, U+FFFF and lone surrogates. One of them in a
  title makes every feed and sitemap that carries it invalid XML.
- :func:`clean_fragment`: editor HTML (Summary, body) for places that must not carry active
  content (feeds, listing cards), through nh3 with :data:`FRAGMENT_TAGS` and
  :data:`FRAGMENT_ATTRIBUTES`.
- :func:`active_content`: the scripts, event handlers and script links in an article's own
  HTML, and the elements that act on the whole page (``<base>``, ``<meta http-equiv>``,
  ``<style>``, ``<form>``, ``<object>``, ...), for the check that reports them unless the
  article opts in (``Scripts: allowed``).
"""

import html
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import nh3

# XML 1.0 section 2.2 (https://www.w3.org/TR/xml/#charsets): Char excludes these.
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
XML_FIX = (
    "delete it: it is invisible and XML (feeds, sitemaps) forbids it; retype the text around "
    "it or paste it as plain text (Ctrl+Shift+V)"
)
# Characters a browser strips from a URL before it reads the scheme (WHATWG URL: C0 controls
# and space at the ends, tab and newline anywhere).
_URL_JUNK = re.compile(r"[\x00-\x20\x7f]")
URL_FIX = "write the address in full, starting with https:// (or http://)"


def xml_forbidden(text):
    """Return ``(index, character)`` of the first character XML 1.0 forbids in ``text``, or None.

    Args:
        text: a str (a field value, a body).
    """
    match = XML_FORBIDDEN.search(text or "")
    return (match.start(), match.group()) if match else None


def describe_character(char):
    """``'U+FFFE'`` (a surrogate as ``'U+D800'``): how an error names an invisible character."""
    return f"U+{ord(char):04X}"


def check_url(value, label="Url", schemes=("http", "https"), relative=False):
    """Return ``value`` if it is a link a page may carry; raise ValueError otherwise.

    Args:
        value: the URL as written (entities are decoded first: ``&#106;avascript:`` is
            ``javascript:`` to a browser).
        label: the field's name for the message (``"Url"``, ``"links url"``).
        schemes: the allowed schemes, lowercase (default ``http``/``https``; a scheme without
            ``//`` such as ``mailto`` needs no host).
        relative: True where a site-relative path (``/p/kontak.html``, ``images/x.jpg``) is
            meaningful; ``//host/x`` (another site) never is.
    Returns:
        ``value`` unchanged (str).
    Raises:
        ValueError: the message says what is wrong, e.g. ``links url 'javascript:alert(1)' is not
        an http:// or https:// address``.
    """
    text = str(value)
    decoded = html.unescape(text)
    if _URL_JUNK.search(decoded.strip()) or _URL_JUNK.search(text.strip()):
        raise ValueError(f"{label} {text!r} contains spaces or control characters")
    try:
        parts = urlsplit(decoded.strip())
        host = parts.hostname
    except ValueError:
        raise ValueError(f"{label} {text!r} is not a valid address") from None
    scheme = parts.scheme.lower()
    if not scheme and relative and not decoded.strip().startswith("//"):
        return text
    if not schemes:
        raise ValueError(f"{label} {text!r} is not a path inside the site")
    if scheme not in schemes:
        names = [f"{s}://" if s in ("http", "https") else f"{s}:" for s in schemes]
        wanted = " or ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
        raise ValueError(f"{label} {text!r} is not an {wanted} address")
    if scheme in ("http", "https") and not host:
        raise ValueError(f"{label} {text!r} has no host name")
    return text


# Feeds and listing cards: the editor's formatting and links, nothing that runs or loads a
# document (nh3 removes <script>/<style> with their content, every on* attribute, and any URL
# whose scheme is not in FRAGMENT_URL_SCHEMES). Images stay: a card may show the one in a summary.
FRAGMENT_TAGS = {
    "a", "abbr", "aside", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del",
    "details", "dfn", "div", "dl", "dt", "em", "section", "summary",
    "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li",
    "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
}  # fmt: skip
FRAGMENT_ATTRIBUTES = {
    "*": {"class", "id", "lang", "title"},
    "a": {"href", "rel"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "abbr": {"title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "time": {"datetime"},
    "q": {"cite"},
    "blockquote": {"cite"},
}
FRAGMENT_URL_SCHEMES = {"http", "https", "mailto"}


def clean_fragment(fragment):
    """Editor HTML without active content, for feeds and listing cards.

    Args:
        fragment: an HTML fragment (str); relative URLs are kept (the site's own links).
    Returns:
        str: the fragment through nh3 with :data:`FRAGMENT_TAGS`, :data:`FRAGMENT_ATTRIBUTES`
        and :data:`FRAGMENT_URL_SCHEMES`; ``rel`` is kept as written (no ``noopener`` added).
    """
    return nh3.clean(
        fragment or "",
        tags=FRAGMENT_TAGS,
        attributes=FRAGMENT_ATTRIBUTES,
        url_schemes=FRAGMENT_URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


# Elements that act on the whole page or load another document wherever they stand in the body
# (HTML's processing model does not confine them to the article): what each would do, for the
# message. <iframe> is not here: embeds have their own rules (news_images).
PAGE_ELEMENTS = {
    "base": "it would change where every link and picture of the page leads",
    "meta http-equiv": "it would act on every reader's page (a refresh sends them elsewhere)",
    "link": "it would load another stylesheet or document into every reader's page",
    "style": "it would restyle the whole page, the site's header and notices included",
    "form": "it would send what readers type to another address",
    "object": "it would load another site or a plug-in into every reader's page",
    "embed": "it would load another site or a plug-in into every reader's page",
    "applet": "it would load another site or a plug-in into every reader's page",
    "frame": "it would load another site into every reader's page",
    "frameset": "it would load another site into every reader's page",
}
RUN_EFFECT = "it would run in every reader's browser"
# Attributes a browser follows as a URL (SVG and MathML links are xlink:href; <object data>).
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background"}


def effect(what):
    """What a finding of :func:`active_content` would do, for the message
    (``'it would run in every reader's browser'`` for scripts, handlers and links)."""
    return PAGE_ELEMENTS.get(what.strip("<>"), RUN_EFFECT)


class _ActiveContent(HTMLParser):
    """Collects ``(line, what)`` for each script element, event-handler attribute, script link
    and :data:`PAGE_ELEMENTS` element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        if tag == "script" and not _is_data_block(attrs):
            self.found.append((line, "<script>"))
        element = _page_element(tag, attrs)
        if element:
            self.found.append((line, f"<{element}>"))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append((line, f"event handler {name}= on <{tag}>"))
            elif (name in URL_ATTRIBUTES or name.endswith(":href")) and _runs(value):
                self.found.append((line, f"{name}={value[:40]!r} on <{tag}>"))

    handle_startendtag = handle_starttag


def _page_element(tag, attrs):
    """The :data:`PAGE_ELEMENTS` key of a start tag, or None. A ``<meta>`` or ``<link>`` that
    only carries microdata (``itemprop``, no ``http-equiv``/``rel``) changes nothing."""
    names = {name for name, _ in attrs}
    if tag == "meta":
        return "meta http-equiv" if "http-equiv" in names else None
    if tag == "link":
        return "link" if "rel" in names or "itemprop" not in names else None
    return tag if tag in PAGE_ELEMENTS else None


def _runs(url):
    return _URL_JUNK.sub("", url or "").lower().startswith(("javascript:", "vbscript:"))


def _is_data_block(attrs):
    kind = dict(attrs).get("type") or ""
    return kind.lower() in ("application/ld+json", "application/json")


def active_content(fragment):
    """The scripts, event handlers, ``javascript:`` links (``href``, ``xlink:href``, ``src``,
    ``data``, ...) and :data:`PAGE_ELEMENTS` elements in an HTML fragment.

    Args:
        fragment: HTML (an article's converted body).
    Returns:
        a list of ``(line within the fragment, description)``; ``<iframe>`` is not included
        (embeds have their own rules).
    """
    if "<" not in (fragment or ""):
        return []
    parser = _ActiveContent()
    parser.feed(fragment)
    parser.close()
    return parser.found


# A link to a place in the same page (citations, Markdown's footnotes): in a feed or on a
# listing it would resolve against that page's own address. nh3 writes every attribute value
# in double quotes, and text can hold no unescaped '"', so these match attributes only.
_FRAGMENT_HREF = re.compile(r'(<a\b[^>]*?\shref=")#')
_ID = re.compile(r'(<[a-zA-Z][^>]*?)\sid="[^"]*"')


def absolute_fragments(fragment: str, link: str) -> str:
    """``fragment`` (HTML cleaned by nh3) with every ``href="#x"`` made ``href="<link>#x"``:
    a feed entry or a listing card is read away from its page, so an in-page link must name
    the page (``link``, the content's URL as the page's links write it)."""
    target = html.escape(link.split("#", 1)[0], quote=True)
    return _FRAGMENT_HREF.sub(lambda match: f"{match.group(1)}{target}#", fragment)


# A start tag and, inside it, an attribute holding a URL (nh3's allow-list: a href, img src,
# blockquote/q cite), written by nh3 in double quotes; tags only, so text is never touched.
_TAG = re.compile(r"<[a-zA-Z][^>]*>")
_URL_ATTRIBUTE = re.compile(r'(\s(?:href|src|cite)=")([^"]*)(")')


def absolute_links(fragment: str, link: str) -> str:
    """``fragment`` (HTML cleaned by nh3) with every relative URL in ``href``, ``src`` and
    ``cite`` resolved against ``link`` (RFC 3986 section 5, ``urllib.parse.urljoin``):
    ``/p/tentang.html`` -> ``https://site/p/tentang.html``, ``#x`` -> ``<link>#x``.

    A feed entry is read away from the site, and Atom resolves a relative URL against the
    feed's own address (RFC 4287 section 4.2.7 via xml:base), so feed items must hold
    absolute URLs only (issue 11: "feeds are self-contained"). ``link`` is the entry's
    absolute URL; an absolute URL or another scheme (``mailto:``) is left as written.
    """
    if "=" not in fragment:
        return fragment

    def resolve(attribute):
        value = html.unescape(attribute.group(2))
        if urlsplit(value).scheme or value.startswith("//") or not value.strip():
            return attribute.group(0)
        resolved = html.escape(urljoin(link, value), quote=True)
        return f"{attribute.group(1)}{resolved}{attribute.group(3)}"

    return _TAG.sub(lambda tag: _URL_ATTRIBUTE.sub(resolve, tag.group(0)), fragment)


def without_ids(fragment: str) -> str:
    """``fragment`` (HTML cleaned by nh3) without ``id`` attributes: a summary is shown on
    listings beside other summaries, where its ``id="fnref:1"`` would be one of several."""
    return _ID.sub(r"\1", fragment) if ' id="' in fragment else fragment
