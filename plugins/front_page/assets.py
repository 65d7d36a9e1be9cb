"""The stylesheet under a name that changes with its bytes, so hosts may cache it for a year.

``style.css`` keeps its name (and its comments) in the theme; the build writes a copy without
comments and runs of whitespace as ``style.<hash>.css`` (the first 10 hex digits of the copy's
SHA-256) and pages link the copy. A changed stylesheet gets a
new name, so a long ``Cache-Control: max-age`` (README, "Cache headers") never serves a stale
one. The hash is taken from the theme's file when the build starts (``initialized``): the name
is known before any page is rendered, and the same bytes always give the same name.

CSS that only one kind of page uses (the search page, click-to-load embeds, the comment form,
the corrections log, withdrawn stories, the development build's error boxes) is not in the
shared stylesheet: each ``<name>.css`` in the theme's ``FRONT_PAGE_INLINE_CSS_DIR`` is
compacted the same way into ``FRONT_PAGE_INLINE_CSS[name]`` and the page that needs it writes
it in a ``<style>`` element. An article page thus downloads none of it (issue 14: article pages
at most 40 KB in 3 requests).
"""

import hashlib
import logging
import os
import re
from pathlib import Path
from urllib.parse import quote

from markupsafe import Markup

logger = logging.getLogger(__name__)


_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_SPACE = re.compile(r"\s+")
# Spaces around these are never significant in CSS outside strings (the theme has no strings
# with them); around "+", "-" and "/" they can be (calc(), grid lines), so those are kept.
_PUNCTUATION = re.compile(r"\s*([{};,>])\s*")
# A space after ":" is not significant either (in a selector, "a: hover" is never written);
# one before it is (".a :hover" differs from ".a:hover"), so only the one after goes.
_COLON = re.compile(r":\s+")


def compact_css(text):
    """Return ``text`` (the theme's hand-written CSS) without comments and needless spaces.

    Not a general minifier: it relies on the theme having no ``/*`` or ``{};,>:`` inside
    strings or ``url()``, which a test checks.
    """
    text = _SPACE.sub(" ", _COMMENT.sub("", text))
    text = _COLON.sub(":", _PUNCTUATION.sub(r"\1", text))
    return text.replace(";}", "}").strip() + "\n"


def hashed_name(relative, data) -> str:
    """Return ``relative`` (``css/style.css``) with the hash of ``data`` (bytes) before the
    suffix: ``css/style.0123456789.css``.
    """
    digest = hashlib.sha256(data).hexdigest()[:10]
    stem, dot, suffix = relative.rpartition(".")
    return f"{stem}.{digest}.{suffix}" if dot else f"{relative}.{digest}"


def theme_file(settings, relative):
    """Path of ``relative`` in the theme's static folder (``THEME``/static/...)."""
    return Path(settings["THEME"]) / "static" / relative


def name_stylesheet(settings) -> None:
    """Set ``FRONT_PAGE_STYLESHEET_URL``: the hashed stylesheet, relative to SITEURL.

    Falls back to the plain name (with a warning) when the file is missing, so a theme without
    it still builds. With ``FRONT_PAGE_STYLESHEET`` None the setting is None.
    """
    relative = settings.get("FRONT_PAGE_STYLESHEET")
    static_dir = settings.get("THEME_STATIC_DIR", "theme")
    if not relative:
        settings["FRONT_PAGE_STYLESHEET_URL"] = None
        settings["_FRONT_PAGE_STYLESHEET_HASHED"] = None
        return
    source = theme_file(settings, relative)
    try:
        name = hashed_name(relative, compact_css(source.read_text(encoding="utf-8")).encode())
    except OSError as exc:
        logger.warning(
            "front_page: cannot read the stylesheet %s (%s); linking it unhashed", source, exc
        )
        name = None
    settings["_FRONT_PAGE_STYLESHEET_HASHED"] = name
    settings["FRONT_PAGE_STYLESHEET_URL"] = f"{static_dir}/{name or relative}"


def load_inline_css(settings) -> None:
    """Set ``FRONT_PAGE_INLINE_CSS``: {name: compacted CSS (str)} for each ``<name>.css`` in
    the theme's ``FRONT_PAGE_INLINE_CSS_DIR`` (a folder beside ``static/``, so Pelican does not
    copy the files to the output). A missing folder gives an empty mapping; an unreadable
    file is a warning and left out (its page renders without those rules).
    """
    styles = {}
    folder = settings.get("FRONT_PAGE_INLINE_CSS_DIR")
    if folder:
        for path in sorted((Path(settings["THEME"]) / folder).glob("*.css")):
            try:
                styles[path.stem] = compact_css(path.read_text(encoding="utf-8")).strip()
            except OSError as exc:
                logger.warning("front_page: cannot read the page style %s (%s)", path, exc)
    settings["FRONT_PAGE_INLINE_CSS"] = styles


def write_stylesheet(pelican) -> None:
    """``finalized``: write the compacted stylesheet under its hashed name in the output folder."""
    settings = pelican.settings
    name = settings.get("_FRONT_PAGE_STYLESHEET_HASHED")
    if not name:
        return
    target = Path(pelican.output_path) / settings.get("THEME_STATIC_DIR", "theme") / name
    os.makedirs(target.parent, exist_ok=True)
    text = theme_file(settings, settings["FRONT_PAGE_STYLESHEET"]).read_text(encoding="utf-8")
    target.write_bytes(compact_css(text).encode())


# The tab icon, written into each page as a data: URL: one request fewer on every page (the
# photo article: HTML, stylesheet and picture, issue 14's 3 requests). icons/icon.svg is 423
# bytes; the favicon.ico and apple-touch-icon links stay for browsers without SVG icons.
ICON_SVG = "icons/icon.svg"


def icon_data_url(svg):
    """Return ``svg`` (the icon's text, whose attributes are in double quotes) as a
    ``data:image/svg+xml`` URL for a double-quoted HTML attribute: lines joined by one space,
    attribute quotes made single, the characters a URL cannot hold percent-encoded (RFC 2397,
    RFC 3986).
    """
    text = " ".join(line.strip() for line in svg.splitlines() if line.strip())
    # Single quotes inside: the page's href="..." holds them as they are (3 bytes less than
    # %22, 5 less than &#39;). Every character left unencoded (letters, digits, _.-~ and the
    # safe set) is plain in a double-quoted attribute ("&", "<", '"' are all encoded), so the
    # URL is Markup: autoescaping would only turn each "'" into "&#39;".
    url = "data:image/svg+xml," + quote(text.replace('"', "'"), safe=" /:=,.-()'")
    return Markup(url)


def load_icon(settings):
    """Set ``FRONT_PAGE_ICON_URL``: the theme's ``static/icons/icon.svg`` as a data: URL, or
    None when the theme has none or it cannot be read (a warning; the page links the file).
    """
    path = theme_file(settings, ICON_SVG)
    try:
        settings["FRONT_PAGE_ICON_URL"] = icon_data_url(path.read_text(encoding="utf-8"))
    except OSError as exc:
        if path.exists():
            logger.warning("front_page: cannot read the icon %s (%s)", path, exc)
        settings["FRONT_PAGE_ICON_URL"] = None
