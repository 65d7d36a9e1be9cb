"""Plain Markdown links and images to content files, made to work on every page and feed.

Pelican rewrites only ``{filename}``, ``{static}`` and ``{attach}`` links (also spelled
``|filename|``, ``|static|``: Pelican's older syntax, which it still reads); a plain relative
link (``[baca](../2025/x.md)``, ``![Foto](images/x.jpg)``) is published as written and is then
resolved by the browser against the article's URL (``/2024/05/``), a 404. A root-relative one
(``/images/x.jpg``) works on the site but not in a feed reader or the dev build's relative
URLs. This Python-Markdown tree processor (it runs on the parsed document, so code is
untouched) resolves each ``<a href>`` and ``<img src>`` that has no scheme, and
:class:`RawLinks` does the same for the raw HTML the editor typed (``<img src="...">``,
``<a href>``, ``<video>``/``<audio>``/``<source>``/``<track>``):

- a path to a file under ``content/`` (relative to the article, or from ``content/`` with a
  leading ``/``; for an image, also relative to ``content/``, the way ``Image:`` is written)
  becomes ``{filename}/<path>`` (a file a reader reads) or ``{static}/<path>`` (any other file),
  so Pelican writes its URL there, on listing pages and in feeds alike;
- a relative path to no file is a problem ``(line, message, fix)`` for the reader's list;
- a root-relative path to no file is left for :mod:`newsroom_tools.site_checks` (it may be a URL of
  the site, such as ``/p/tentang.html``).
"""

import html
import os
import posixpath
import re
import xml.etree.ElementTree as etree
from urllib.parse import unquote, urlsplit, urlunsplit

from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor

from . import filenames

# "@key" is the citations extension's link to a reference-list entry ([words](@key)); it runs
# after this processor and replaces the href.
SKIP_PREFIXES = ("#", "{", "//", "mailto:", "tel:", "data:", "javascript:", "?", "@")


class ContentLinks(Treeprocessor):
    """Rewrites links to content files (see the module doc).

    Args:
        md: the ``Markdown`` instance; ``md.source_path`` is the file being read and
            ``md.news_problems`` the list problems go into (set by the reader).
        base: the content folder (absolute).
        readers: file extensions that are read as content (``md``, ...).
        source: the file's text (to find the line of a link).
        intrasite: Pelican's ``INTRASITE_LINK_REGEX``: a value it matches (``{filename}x``,
            and the older ``|filename|x``) is Pelican's to resolve and
            :mod:`newsroom_tools.site_checks`' to check, never a plain path.
    """

    def __init__(self, md, base, readers, source, intrasite=r"[{|](?P<what>.*?)[|}]"):
        super().__init__(md)
        self.intrasite = re.compile(intrasite)
        self.base = base
        self.readers = set(readers)
        self.source = source

    def run(self, root):
        for element in root.iter():
            attribute = {"a": "href", "img": "src"}.get(element.tag)
            if attribute and element.get(attribute):
                self._resolve(element, attribute)

    def _resolve(self, element: etree.Element, attribute):
        kind = "image" if element.tag == "img" else "link"
        rewritten = self.rewrite(element.get(attribute).strip(), kind)
        if rewritten:
            element.set(attribute, rewritten)

    def rewrite(self, value, kind):
        """The ``{filename}``/``{static}`` form of the link ``value`` (as in the document, no
        entities), or None to leave it as written; a relative path to no file is recorded in
        ``md.news_problems``.

        Args:
            value: the URL of an ``href``/``src``.
            kind: ``"image"`` (also tried relative to ``content/``, the way ``Image:`` is
                written), ``"link"`` or ``"file"`` (a video, an audio track), for the message.
        """
        if value.startswith(SKIP_PREFIXES) or "\x02" in value or self.intrasite.match(value):
            return None  # STX: Python-Markdown's placeholder (an obfuscated <mail@...> autolink)
        parts = urlsplit(value)
        if parts.scheme or parts.netloc or not parts.path:
            return None
        target = self._find(unquote(parts.path), kind == "image")
        if target:
            extension = os.path.splitext(target)[1][1:].lower()
            what = "filename" if extension in self.readers else "static"
            rewritten = urlunsplit(("", "", f"/{target}", parts.query, parts.fragment))
            return f"{{{what}}}{rewritten}"
        if parts.path.startswith("/"):
            return None
        message = (
            f"{kind} {value!r} leads to no file: a plain relative path is resolved from "
            "this page's web address, not from this file"
        )
        fix = (
            "write the path of a file under content/ as {static}/images/<name> (images, "
            "documents) or {filename}../2024/<file>.md (articles), or a full https:// address"
        )
        missed = self._near_miss(value, kind == "image")
        if missed:
            why, fix = filenames.explain(*missed)
            message = f"{kind} {value!r} leads to no file ({why})"
        self.md.news_problems.append((self._line(value), message, fix))
        return None

    def _near_miss(self, value, image):
        """``(path as linked, existing file)`` for a link that missed a file by capitals,
        Unicode form or a ``#``/``?`` in its name (:mod:`.filenames`), or None."""
        cut = min((value.find(c) for c in "#?" if c in value), default=len(value))
        for relative in self._tries(unquote(value[:cut]), image):
            found = filenames.near_miss(self.base, relative, unquote(value[cut:]))
            if found:
                return relative, found
        return None

    def _find(self, path, image):
        """The content-relative path (``/``-separated) of the file ``path`` names, or None."""
        for relative in self._tries(path, image):
            if os.path.isfile(os.path.join(self.base, relative)):
                return relative
        return None

    def _tries(self, path, image):
        """The content-relative paths a link ``path`` may name, in the order they are tried."""
        folder = posixpath.dirname(self._relative(self.md.source_path))
        tries = [path[1:]] if path.startswith("/") else [posixpath.join(folder, path)]
        if image and not path.startswith("/"):
            tries.append(path)
        for relative in tries:
            relative = posixpath.normpath(relative)
            if not (relative.startswith("..") or relative == "."):
                yield relative

    def _relative(self, path):
        return os.path.relpath(os.path.abspath(path), self.base).replace(os.sep, "/")

    def _line(self, value):
        index = self.source.find(value)
        return self.source.count("\n", 0, index) + 1 if index >= 0 else None


# Raw HTML the editor typed (Python-Markdown stashes it, so the tree processor never sees it):
# the tags and attributes that load or link a file.
RAW_TAG = re.compile(r"<(a|img|video|audio|source|track)\b[^>]*>", re.I)
RAW_ATTRIBUTE = re.compile(
    r"""(\s(?:href|src|poster)\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I
)
RAW_KIND = {"a": "link", "img": "image"}


class RawLinks(Postprocessor):
    """The same rewriting as :class:`ContentLinks` for links in raw HTML (``<img src=...>``,
    ``<a href=...>``, ``<video src|poster>``, ``<audio>``, ``<source>``, ``<track>``), run
    after Python-Markdown has put the raw HTML back. Code is escaped by then (``&lt;img``),
    so only real tags match."""

    def __init__(self, md, links):
        super().__init__(md)
        self.links = links

    def run(self, text):
        if "<" not in text:
            return text
        return RAW_TAG.sub(self._tag, text)

    def _tag(self, match):
        kind = RAW_KIND.get(match.group(1).lower(), "file")

        def attribute(found):
            written = next(v for v in found.groups()[1:] if v is not None)
            rewritten = self.links.rewrite(html.unescape(written).strip(), kind)
            if not rewritten:
                return found.group()
            return f'{found.group(1)}"{html.escape(rewritten)}"'

        return RAW_ATTRIBUTE.sub(attribute, match.group())


def install(md, settings, readers, source):
    """Register :class:`ContentLinks` on ``md`` (after inline parsing, before the other
    tree processors that could copy links: priority 19, below 'inline' at 20)."""
    base = os.path.abspath(settings["PATH"])
    intrasite = settings.get("INTRASITE_LINK_REGEX") or r"[{|](?P<what>.*?)[|}]"
    links = ContentLinks(md, base, readers, source, intrasite)
    md.treeprocessors.register(links, "news_links", 19)
    # After 'raw_html' (30) has put the editor's HTML back, before nothing else needs it.
    md.postprocessors.register(RawLinks(md, links), "news_raw_links", 5)
