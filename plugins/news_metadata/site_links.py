"""Root-relative links (``/p/tentang.html``, ``![f](/images/x.jpg)``) must lead to a page or
file the build writes.

:mod:`.links` rewrites a root-relative link to a content file into ``{filename}``/``{static}``
and leaves the others, which may be URLs of the site (a tag page, ``/cari/``). Those are checked
here against the output-path registry (:mod:`.outputs`: every file the build writes, and the
folders plugins fill), once every output is known (``all_generators_finalized``), so a dead one
is an error in ``make check`` and ``make publish`` alike instead of a 404 on the page, the
listings and the feed.
"""

import html
import os
import re
from urllib.parse import unquote, urlsplit

from .compat import body_html
from .errors import report
from .outputs import normalize
from .sources import SourceTexts

# href="..." and src="..." as Python-Markdown writes them (double quotes), and as editors write
# raw HTML (single quotes too); a scheme-relative //host link is another site.
_ATTRIBUTE = re.compile(r"""\b(?:href|src)\s*=\s*(?:"(/(?!/)[^"]*)"|'(/(?!/)[^']*)')""")


def root_links(text: str) -> list[str]:
    """The root-relative link values in an HTML ``text``, unescaped, in order, each once."""
    found = []
    for match in _ATTRIBUTE.finditer(text):
        value = html.unescape(match.group(1) or match.group(2))
        if value not in found:
            found.append(value)
    return found


def _output_path(value, prefix):
    """The output path a root-relative link asks for (``/cari/?q=x`` -> ``cari/index.html``),
    or None when it leaves the output folder."""
    path = unquote(urlsplit(value).path)
    if prefix and (path == prefix or path.startswith(prefix + "/")):
        path = path[len(prefix) :]
    relative = path.lstrip("/")
    if relative == "" or relative.endswith("/"):
        relative += "index.html"
    return normalize(relative)


def _written(path, registry):
    if path is None:
        return False
    if path in registry.claims or registry.folder_of(path) is not None:
        return True
    # A folder without its slash (/cari): servers redirect it to its index.html.
    return os.path.join(path, "index.html") in registry.claims


def check_root_links(contents, registry, settings) -> None:
    """Report each root-relative link in a body or ``Summary`` that no output answers.

    Args:
        contents: Articles and Pages of the build (any status; drafts too, whose links must
            work once they are published).
        registry: the build's :class:`.outputs.Registry` (``claims`` and reserved folders).
        settings: Pelican's settings; a path in ``SITEURL`` (a GitHub Pages project site,
            ``https://x.github.io/kabar``) may lead the link and is removed first.
    Reports through :func:`.errors.report` with the line where the link is written.
    """
    prefix = urlsplit(settings.get("SITEURL") or "").path.rstrip("/")
    sources = SourceTexts()
    for content in sorted(contents, key=lambda c: c.source_path):
        texts = [body_html(content)]
        summary = getattr(content, "metadata", {}).get("summary")
        if isinstance(summary, str):
            texts.append(summary)
        checked = set()
        for value in (v for text in texts for v in root_links(text)):
            if value in checked:
                continue
            checked.add(value)
            path = _output_path(value, prefix)
            if _written(path, registry):
                continue
            report(
                content.source_path,
                sources.line_of(content.source_path, value, html.escape(value)),
                f"link {value} leads to no page or file of the site (the build writes nothing "
                f"at {path or value})",
                "link an article or page as {filename}path/to/file.md and a file under "
                "content/ as {static}/images/photo.jpg, or write the full address (https://...) "
                "of a page elsewhere",
            )
