"""What each article and page gets from news_images (attributes the theme and news_seo read):

- ``news_image``: :class:`news_images.images.Derived` of the featured image, or None;
- ``news_image_lead``: its ``<picture>`` for the article page (``fetchpriority="high"``), or "";
- ``news_thumbnail``: the listing card's ``<picture>`` (lazy), or "";
- ``share_image``: :class:`ShareImage` (og:image), from the featured image or a generated card;
  None only for content that is not written (a draft in the publish build);
- ``news_embeds``: number of click-to-load embeds in the body (the theme loads embeds.js);
- on each author, ``photo`` (``authors.yml``'s path) becomes a derived JPEG's path: the
  original is not published once an article shows the same file, and a camera photo is far
  too heavy for an 80 px picture.

Markup holds :data:`news_images.markup.ROOT`; templates apply ``|image_root(SITEURL)``.
"""

import functools
import os
from dataclasses import dataclass

from news_metadata.compat import body_html, forget_memoized, replace_body, replace_summary
from news_metadata.errors import report

from .body import BodyImages
from .markup import ROOT
from .process import ImageProblem


@dataclass(frozen=True)
class ShareImage:
    """The og:image of one page.

    Attributes:
        url: output path of the JPEG (relative to the site root).
        width, height: px (1200×630 by default).
        type: media type, "image/jpeg".
        alt: text for og:image:alt.
        generated: True for a generated card (no photo): not the article's own image, so it is
            left out of the JSON-LD ``image``.
    """

    url: str
    width: int
    height: int
    type: str
    alt: str
    generated: bool = False


def _rooted_content(content):
    """``Content._get_content`` of a rewritten body: ROOT becomes the page's site URL (the
    same value Pelican passes to ``_update_content`` for ``{static}`` links).
    """
    return body_html(content).replace(ROOT, content.get_siteurl())


class ContentImages:
    """Attaches images to content objects (see the module doc)."""

    def __init__(self, build, settings):
        self.build = build
        self.settings = settings
        self.site_name = settings.get("SITENAME", "")

    def attach(self, content) -> None:
        """Set the module doc's attributes on ``content`` (an Article or Page)."""
        content.news_image = None
        content.news_image_lead = ""
        content.news_thumbnail = ""
        content.share_image = None
        content.news_embeds = 0
        self._featured(content)
        self._body(content)
        self._summary(content)
        self._author_photos(content)
        if content.share_image is None and getattr(content, "save_as", ""):
            self._card(content)

    def _featured(self, content):
        image = getattr(content, "image", "") or ""
        if not image:
            return
        path = os.path.join(self.settings["PATH"], image)
        if not os.path.isfile(path):
            return  # news_metadata reports a featured image that does not exist
        try:
            derived = self.build.featured(path)
        except ImageProblem as problem:
            line = getattr(content, "news_lines", {}).get("image")
            report(content.source_path, line, problem.message, problem.fix)
            return
        alt = getattr(content, "image_alt", "") or ""
        content.news_image = derived
        content.news_image_lead = derived.picture(alt, self.settings["NEWS_IMAGES_SIZES"], True)
        content.news_thumbnail = derived.thumbnail(self.settings["NEWS_IMAGES_THUMBNAIL_SIZES"])
        share = derived.share
        if share:
            content.share_image = ShareImage(
                share["url"], share["width"], share["height"], "image/jpeg", alt
            )

    def _body(self, content):
        text = body_html(content)
        if not text:
            return
        body = BodyImages(content, self.build, self.settings)
        rewritten = body.rewrite(text)
        content.news_embeds = body.embeds
        if rewritten == text:
            return
        rooted = functools.partial(_rooted_content, content) if ROOT in rewritten else None
        replace_body(content, rewritten, rooted)

    def _summary(self, content):
        # A Summary: header, or the summary the citations extension made from the body before
        # it was rewritten: its <img> still named the original, which is not published (404 on
        # every listing and in the feeds). Pelican resolves a summary's links once, with the
        # content's own site URL, so the same value replaces ROOT here.
        summary = getattr(content, "_summary", None)
        if not summary or "<img" not in summary:
            return
        rewritten = BodyImages(content, self.build, self.settings).rewrite_images(summary)
        if rewritten != summary:
            replace_summary(content, rewritten.replace(ROOT, content.get_siteurl()))
            forget_memoized(content)

    def _author_photos(self, content):
        root = self.settings["PATH"]
        for author in getattr(content, "authors", None) or []:
            photo = getattr(author, "photo", "") or ""
            path = os.path.join(root, photo)
            if not photo or not os.path.isfile(path):
                continue  # none, made already (the same Author on another article), or reported
            try:
                derived = self.build.body(path)
            except ImageProblem as problem:
                profiles = os.path.join(root, self.settings["NEWS_METADATA_AUTHORS_FILE"])
                report(profiles, None, f"photo {photo!r}: {problem.message}", problem.fix)
                author.photo = ""
                continue
            small = derived.jpeg(self.settings["NEWS_IMAGES_AUTHOR_PHOTO_WIDTH"])
            if small is not None:  # None with NEWS_IMAGES_VALIDATE_ONLY (make check)
                author.photo = small["url"]

    def _card(self, content):
        title = getattr(content, "title_plain", "") or getattr(content, "title", "")
        category = getattr(content, "category", None)
        section = category.name if category is not None and hasattr(content, "date") else ""
        derived = self.build.card(self.site_name, section, title, content.slug or "halaman")
        if derived is None:
            return
        share = derived.share
        content.share_image = ShareImage(
            share["url"],
            share["width"],
            share["height"],
            "image/jpeg",
            f"{self.site_name}: {title}",
            generated=True,
        )
