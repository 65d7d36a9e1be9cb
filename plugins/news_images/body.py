"""The article's HTML after reading: ``<img>`` becomes ``<picture>``, embeds become click-to-load
placeholders, other iframes are content errors.

This works on the HTML the reader produced (``content._content``), once per build and
article, before any page is written; an article without ``<img``, ``<iframe`` or a provider's
address is left untouched after a few substring tests. Recognised in the HTML:

- ``<img src=...>`` with a ``{static}``/``{attach}`` path, a path from ``content/``
  (``/images/x.jpg``) or relative to the file: replaced by its ``<picture>``; an empty or
  missing ``alt``, an image from another site or a source that cannot be used is a content
  error. An SVG stays an ``<img>`` of the file itself, published when it holds no active
  content (:func:`.static.svg_acceptable`, as for an SVG no article shows).
- ``<iframe src=...>`` of YouTube, Vimeo, Instagram or X (pasted "embed" code): a placeholder
  titled with the iframe's ``title``; any other iframe is a content error.
- Instagram's and X's pasted embed code (``<blockquote class="instagram-media">`` /
  ``class="twitter-tweet"`` and their ``embed.js``/``widgets.js`` script): a placeholder.
- The documented Markdown form, a paragraph holding only a link to a supported address,
  ``[Title](https://www.youtube.com/watch?v=ID)``, optionally ``{: poster="images/x.jpg"}``
  (attr_list), or only the bare address: a placeholder.
"""

import html
import os
import posixpath
import re
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from news_metadata.errors import report
from news_metadata.sources import SourceTexts

from . import embeds
from .process import ImageProblem
from .static import svg_acceptable

IMG = re.compile(r"<img\b[^>]*>", re.I)
IFRAME = re.compile(r"<iframe\b[^>]*>.*?</iframe\s*>", re.I | re.S)
SOCIAL = re.compile(
    r"<blockquote\b[^>]*\bclass=\"[^\"]*\b(?:instagram-media|twitter-tweet)\b[^\"]*\"[^>]*>"
    r".*?</blockquote\s*>",
    re.I | re.S,
)
SOCIAL_SCRIPT = re.compile(
    r"<script\b[^>]*\bsrc=\"(?:https?:)?//(?:www\.instagram\.com/embed\.js|"
    r"platform\.twitter\.com/widgets\.js)\"[^>]*>\s*</script\s*>",
    re.I,
)
LINK_PARAGRAPH = re.compile(
    r"<p>\s*(?:<a\b([^>]*)>(.*?)</a>|(https?://[^\s<>\"]+))\s*</p>", re.I | re.S
)
HINTS = ("<img", "<iframe", "youtu", "vimeo.com", "instagram.com", "twitter.com", "x.com/")
LINK_KINDS = ("{static}", "{attach}", "|static|", "|attach|")


class _Attributes(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.attrs = {}

    def handle_starttag(self, tag, attrs):
        if not self.attrs:
            self.attrs = {name: value or "" for name, value in attrs}

    handle_startendtag = handle_starttag


def attributes(tag):
    """The attributes (dict, entities decoded) of the first start tag in ``tag`` (str)."""
    parser = _Attributes()
    parser.feed(tag)
    parser.close()
    return parser.attrs


def visible(fragment):
    """Text of an HTML fragment (tags dropped, entities decoded, spaces folded)."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


class BodyImages:
    """Rewrites one article's HTML; reports its problems against the article's source file.

    Args:
        content: the Pelican Article or Page.
        build: :class:`news_images.images.ImageBuild`.
        settings: Pelican's settings.
    """

    def __init__(self, content, build, settings):
        self.content = content
        self.build = build
        self.settings = settings
        self.source_path = content.source_path
        self._sources = SourceTexts()
        self.embeds = 0

    def line_of(self, needle):
        """1-based line of the first occurrence of ``needle`` (as written, unescaped or
        escaped) in the source file, or None.
        """
        found = self._sources.line_of(
            self.source_path, needle, html.unescape(needle), html.escape(needle)
        )
        if found is None and needle.startswith(LINK_KINDS):
            # news_metadata.links wrote a plain path (../../images/x.jpg) as {static}/images/x.jpg:
            # the editor's line holds the file name.
            name = posixpath.basename(unquote(needle.split("?")[0].split("#")[0]))
            found = self._sources.line_matching(
                self.source_path,
                rf"\]\([^)\s]*{re.escape(name)}|=[\"']?[^\"'\s>]*{re.escape(name)}",
            )
        return found

    def error(self, needle, message, fix) -> None:
        report(self.source_path, self.line_of(needle), message, fix)

    def rewrite(self, text):
        """Return ``text`` (the article's HTML) rewritten (see the module doc)."""
        if not any(hint in text for hint in HINTS):
            return text
        if "<iframe" in text:
            text = IFRAME.sub(self._iframe, text)
        if "<blockquote" in text:
            text = SOCIAL.sub(self._social, text)
            text = SOCIAL_SCRIPT.sub("", text)
        if "<p>" in text:
            text = LINK_PARAGRAPH.sub(self._link_paragraph, text)
        if "<img" in text:
            text = IMG.sub(self._img, text)
        return text

    def rewrite_images(self, text):
        """Return ``text`` (a ``Summary:``, shown on listings and in feeds) with each content
        image's ``<img>`` made the ``<picture>`` an image in the body gets; nothing else.
        """
        return IMG.sub(self._img, text) if "<img" in text else text

    # --- images ---
    def source_file(self, src):
        """The content file an ``<img src>`` names (absolute path), or None for a URL of
        another site / a data: URL. Follows Pelican's ``{static}`` rules: a leading ``/`` is
        relative to ``content/``, anything else to the file's folder.
        """
        value = src
        for kind in LINK_KINDS:
            if value.startswith(kind):
                value = value[len(kind) :]
                break
        else:
            if re.match(r"^[a-z][a-z0-9+.-]*:|^//", value, re.I):
                return None
        value = unquote(value.split("?")[0].split("#")[0])
        root = self.settings["PATH"]
        if value.startswith("/"):
            relative = value.lstrip("/")
        else:
            relative = posixpath.join(self.content.relative_dir, value)
        return os.path.join(root, posixpath.normpath(relative))

    def _img(self, match):
        tag = match.group(0)
        attrs = attributes(tag)
        src = attrs.get("src", "")
        if not src or src.startswith("data:"):
            return tag
        path = self.source_file(src)
        if path is None and remote_host_allowed(src, self.settings["NEWS_IMAGES_REMOTE_HOSTS"]):
            return tag
        if path is None:
            self.error(
                src,
                f"image {src} is loaded from another site (a request to a third party, and "
                "it may vanish)",
                "save it into content/images/ (with permission) and write "
                "![what it shows]({static}/images/<file name>)",
            )
            return tag
        if not os.path.isfile(path):
            return tag  # newsroom_tools reports links that lead nowhere
        alt = attrs.get("alt", "").strip()
        if not alt:
            self.error(
                src,
                f"image {src} has no alternative text",
                "describe what the picture shows between the brackets: ![Warga antre di "
                "kantor Dukcapil]({static}/images/...)",
            )
        return self._picture(src, path, alt, tag)

    def _picture(self, src, path, alt, tag):
        """The ``<picture>`` of the image file ``path`` shown by ``tag``; ``tag`` itself for
        an SVG or a file that cannot be used (reported).
        """
        if path.lower().endswith(".svg"):
            # A drawing: shown as the file itself (no raster set), when safe; the same rule as
            # for an SVG no article shows (static.py), reported at the SVG's line once.
            svg_acceptable(path, self.build)
            return tag
        try:
            derived = self.build.body(path)
        except ImageProblem as problem:
            self.error(src, problem.message, problem.fix)
            return tag
        return derived.picture(alt, self.settings["NEWS_IMAGES_SIZES"])

    # --- embeds ---
    def _placeholder(self, embed, title, poster=""):
        poster_html = ""
        if poster:
            path = self.source_file(poster if poster.startswith(LINK_KINDS) else "/" + poster)
            if path is None or not os.path.isfile(path):
                self.error(
                    poster,
                    f"embed poster {poster} does not exist",
                    'put the picture in content/images/ and write poster="images/<file name>"',
                )
            else:
                try:
                    poster_html = self.build.body(path).picture(
                        "", self.settings["NEWS_IMAGES_SIZES"]
                    )
                except ImageProblem as problem:
                    self.error(poster, problem.message, problem.fix)
        self.embeds += 1
        return embeds.placeholder(embed, title, poster_html, self.settings.get("UI") or {})

    def _iframe(self, match):
        attrs = attributes(match.group(0))
        src = attrs.get("src", "")
        embed = embeds.recognise(src)
        if embed is None:
            self.error(
                src or "<iframe",
                f"iframe from {src or '(no src)'} is not allowed: it loads another site "
                "before the reader asks",
                "paste the YouTube, Vimeo, Instagram or X address alone on its own line "
                "instead, or link to the page: [what it shows](https://...)",
            )
            return ""
        return self._placeholder(embed, attrs.get("title", ""))

    def _social(self, match):
        block = match.group(0)
        links = re.findall(r"(?:href|data-instgrm-permalink)=\"([^\"]+)\"", block)
        for link in links:
            embed = embeds.recognise(html.unescape(link))
            if embed is not None:
                return self._placeholder(embed, "")
        return block

    def _link_paragraph(self, match):
        if match.group(3):
            embed = embeds.recognise(html.unescape(match.group(3)))
            return self._placeholder(embed, "") if embed else match.group(0)
        attrs = attributes(f"<a {match.group(1)}>")
        embed = embeds.recognise(attrs.get("href", ""))
        if embed is None:
            return match.group(0)
        title = visible(match.group(2))
        if title == attrs.get("href"):
            title = ""
        return self._placeholder(embed, title, attrs.get("poster", ""))


def remote_host_allowed(src: str, hosts: list[str]) -> bool:
    """True if the URL ``src`` is on one of ``hosts`` or a subdomain of one
    (``NEWS_IMAGES_REMOTE_HOSTS``; e.g. ``1.bp.blogspot.com`` matches ``bp.blogspot.com``).
    """
    host = (urlsplit(src if "://" in src else "https:" + src).hostname or "").lower()
    return any(host == allowed or host.endswith("." + allowed) for allowed in hosts)
