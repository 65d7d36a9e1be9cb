"""The text-only edition (``/teks/``), a small generator from ``get_generators`` that also
writes the root files of :mod:`.site_files` (404 page, favicon, manifest).

The text edition is what a reader can still load when bandwidth collapses (floods, outages):
every published article and a home page of the newest headlines, no images, no stylesheet file,
no script, a few hundred bytes of inline CSS, each page one request. Articles keep their URL
under the edition's folder (``/teks/2024/12/slug.html``), point ``rel=canonical`` at the full
article and are linked from it (``rel=alternate``, "Versi teks"). A translation (``Lang: en``)
of such an article has its text page as well, in its own language (``<html lang>``).

A hidden article (``Status: hidden``: written at its URL, listed nowhere) has its text page too,
unlisted like the article and ``noindex`` like it, since a reader who has its link gets the
"Versi teks" link on it; a withdrawn one (hidden, with ``withdrawn``: plugins/corrections) has
none, as its text is no longer published.

Pages are rendered here, not by Pelican's writer: its ``content_written`` signal would put them
in sitemap.xml, where none belongs (a text page is a copy of a canonical page, the 404 an error).
"""

import logging
import os

import nh3
from markupsafe import Markup
from pelican.generators import Generator
from pelican.utils import get_relative_path, path_to_url, sanitised_join

from .site_files import write_root_files

logger = logging.getLogger(__name__)

# What the text edition keeps of an article's HTML: text structure, links, tables, footnote
# anchors. Images, pictures, video, embeds and scripts are dropped with their content.
TEXT_TAGS = nh3.ALLOWED_TAGS - {"img", "map", "area", "figure"}
TEXT_ATTRIBUTES = {
    **nh3.ALLOWED_ATTRIBUTES,
    "*": {"id", "title", "lang", "dir"},
    "a": {"href", "hreflang", "rel"},
    "time": {"datetime"},
}
# Removed together with everything inside them (nh3 keeps the text of other dropped tags).
DROP_WITH_CONTENT = {"script", "style", "picture", "video", "audio", "iframe", "object", "svg"}


def text_only(html):
    """Return ``html`` (an article body) without images, media, embeds or scripts.

    Figures keep their caption as text. Uses nh3 (ammonia), the project's HTML sanitizer.
    Returns ``Markup`` (safe to render unescaped: only the tags above are left).
    """
    return Markup(
        nh3.clean(
            html,
            tags=TEXT_TAGS,
            clean_content_tags=DROP_WITH_CONTENT,
            attributes=TEXT_ATTRIBUTES,
            link_rel=None,
            strip_comments=True,
        )
    )


def lite_url(settings, url) -> str:
    """The text-edition URL (relative to SITEURL) of a page at ``url``; "" for the home page."""
    folder = settings.get("FRONT_PAGE_LITE_PATH")
    return f"{folder}/{url}" if url else f"{folder}/"


class LiteGenerator(Generator):
    """Writes ``<FRONT_PAGE_LITE_PATH>/index.html``, one text page per published or hidden
    article (:meth:`text_articles`), and
    the root files (templates ``lite/index.html``, ``lite/article.html``, ``404.html``).

    Templates get the filter ``text_only`` (:func:`text_only`):
    ``{{ article.get_content(SITEURL)|text_only }}``.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.env.filters["text_only"] = text_only

    def generate_context(self) -> None:
        """Give every article with a text page (:meth:`text_articles`) ``lite_url`` (None when
        the edition is off) for the templates.
        """
        enabled = bool(self.settings.get("FRONT_PAGE_LITE_PATH"))
        self.context["lite_home_url"] = lite_url(self.settings, "") if enabled else None
        for article in self.text_articles():
            article.lite_url = lite_url(self.settings, article.url) if enabled else None

    def text_articles(self) -> list:
        """The articles that get a text page: every published one, then every hidden one that
        is not withdrawn (see the module doc).
        """
        hidden = [
            article
            for article in self.context.get("hidden_articles", [])
            if not getattr(article, "withdrawn", False)
        ]
        originals = [*self.context.get("articles", []), *hidden]
        # A translation (Lang: en) is published with its story (Pelican keeps it in the
        # story's ``translations``, not in ``articles``): it gets its text page too.
        translations = [
            translation
            for article in originals
            for translation in getattr(article, "translations", [])
            if translation.status in ("published", "hidden")
        ]
        return [*originals, *translations]

    def render(self, name, template, **values) -> None:
        """Render ``template`` with the shared context plus ``values`` into ``name`` (a path
        relative to the output folder); relative ``SITEURL`` in a development build.
        """
        context = self.context.copy()
        if self.settings.get("RELATIVE_URLS"):
            context["SITEURL"] = path_to_url(get_relative_path(name))
        context["output_file"] = name
        context.update(values)
        path = sanitised_join(self.output_path, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(self.get_template(template).render(context))
        logger.debug('Writing "%s"', path)

    def generate_output(self, writer) -> None:
        """Write the root files (:mod:`.site_files`) and the text edition (when
        ``FRONT_PAGE_LITE_PATH`` is set).
        """
        articles = self.context.get("articles", [])
        write_root_files(self)
        if not self.settings.get("FRONT_PAGE_LITE_PATH"):
            return
        index = lite_url(self.settings, "") + "index.html"
        self.render(
            index,
            "lite/index",
            page_name="lite",
            articles=articles[: self.settings["FRONT_PAGE_LITE_ITEMS"]],
        )
        written = self.text_articles()
        for article in written:
            self.render(article.lite_url, "lite/article", page_name="lite", article=article)
        logger.info("front_page: %d text-edition article(s) under %s", len(written), index)
