"""Per-build site facts and per-page data for the theme, computed before any page is written.

:func:`attach` runs at ``all_generators_finalized`` (every article and page read, every other
plugin's data in place) and gives each article and page a ``seo`` attribute
(:class:`SeoData`); :class:`SiteInfo` goes into the template context as ``news_seo_site``.
"""

from dataclasses import dataclass, field

from markupsafe import Markup
from news_metadata.collect import all_contents
from news_metadata.compat import plugin_enabled
from news_metadata.text import visible_text
from pelican.contents import Article

from . import structured_data
from .head import article_tags, head_tags
from .share import share_links
from .text import shorten


def site_url(siteurl, path) -> str:
    """Return the public URL of an output path.

    Args:
        siteurl: ``SITEURL`` (absolute in the publish build, "" in development).
        path: a URL or output path relative to the site root, e.g. ``2024/12/x.html`` or
            ``kategori/opini/index.html``; a final ``index.html`` is dropped (the server
            serves the folder).

    Returns:
        str, ``siteurl + "/" + path``.
    """
    path = path or ""
    if path == "index.html" or path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return f"{siteurl}/{path}"


@dataclass
class SiteInfo:
    """Facts about the site, the same for every page of one build.

    Attributes:
        siteurl: ``SITEURL``.
        home_url: absolute URL of the home page (``SITEURL + "/"``).
        publisher_name: ``NEWS_SEO_PUBLISHER_NAME`` or ``SITENAME``.
        logo_url: absolute URL of the publisher logo.
        default_image: og:image for pages without a featured image.
        description: ``SITESUBTITLE``, the description of pages that have none.
        og_locale: ``NEWS_SEO_OG_LOCALE``.
        twitter_site: ``NEWS_SEO_TWITTER_SITE`` or "".
        language: ``DEFAULT_LANG``.
        opinion_categories: frozenset of category names (``NEWS_SEO_OPINION_CATEGORIES``).
        home_json_ld: the home page's JSON-LD blocks (list of dicts).
    """

    siteurl: str
    home_url: str
    publisher_name: str
    logo_url: str
    default_image: str
    description: str
    og_locale: str
    twitter_site: str
    language: str
    opinion_categories: frozenset
    home_json_ld: list = field(default_factory=list)

    def url(self, path):
        """Public URL of ``path`` (see :func:`site_url`)."""
        return site_url(self.siteurl, path)

    def listing_head(self, output_file, title, description):
        """The ``<head>`` tags of a listing page (home, section, tag, author, archive).

        Args:
            output_file: the page's output path (Pelican's ``output_file``).
            title, description: the page's title and description, plain text.

        Returns:
            ``Markup`` (see :func:`news_seo.head.head_tags`).
        """
        return head_tags(self, self.url(output_file), title, description)

    @classmethod
    def from_settings(cls, settings):
        """Build from Pelican's ``settings`` (NEWS_SEO_* defaults applied)."""
        siteurl = settings.get("SITEURL", "")
        logo = settings.get("NEWS_SEO_LOGO") or (
            settings.get("THEME_STATIC_DIR", "theme") + "/images/logo.png"
        )
        logo_url = site_url(siteurl, logo)
        default = settings.get("NEWS_SEO_DEFAULT_IMAGE")
        return cls(
            siteurl=siteurl,
            home_url=site_url(siteurl, ""),
            publisher_name=settings.get("NEWS_SEO_PUBLISHER_NAME") or settings["SITENAME"],
            logo_url=logo_url,
            default_image=site_url(siteurl, default) if default else logo_url,
            description=settings.get("SITESUBTITLE") or "",
            og_locale=settings.get("NEWS_SEO_OG_LOCALE") or "id_ID",
            twitter_site=settings.get("NEWS_SEO_TWITTER_SITE") or "",
            language=settings.get("DEFAULT_LANG", "id"),
            opinion_categories=frozenset(settings.get("NEWS_SEO_OPINION_CATEGORIES") or ()),
        )


@dataclass
class SeoData:
    """What the theme's meta tags, JSON-LD and share links need for one article or page.

    Attributes:
        canonical_url: absolute URL of the page.
        title: headline as plain text (``title_plain``).
        description: plain text of the summary (see :mod:`.text`), at most
            ``NEWS_SEO_DESCRIPTION_MAX_LENGTH`` characters; "" when there is none.
        image: absolute URL of the featured image, or "".
        image_alt: its ``Image_alt`` text, or "".
        image_size: (width, height, media type) of the image when known (news_images'
            ``share_image``), else None.
        image_generated: True when the image is a generated card, not the article's photo
            (left out of the JSON-LD).
        og_type: "article" for articles, "website" otherwise.
        published, modified: ISO 8601 in WITA of Date and of Modified (or Date); articles only.
        share_links: list of ``{"network", "url"}`` (articles only).
        head: ``Markup``, the canonical link and Open Graph / Twitter card tags
            (:mod:`news_seo.head`), rendered once.
    """

    canonical_url: str
    title: str
    description: str
    image: str = ""
    image_alt: str = ""
    image_size: tuple | None = None
    image_generated: bool = False
    og_type: str = "website"
    published: str = ""
    modified: str = ""
    share_links: list = field(default_factory=list)
    head: str = ""
    _json_ld: dict | None = field(default=None, repr=False)
    _content: object = field(default=None, repr=False)
    _comments_enabled: bool = field(default=False, repr=False)

    @property
    def json_ld(self):
        """The article's JSON-LD dict, or None for pages.

        ``commentCount`` is added here, when the page is rendered, so that the comments
        plugin (``article.comment_count``, an int) has counted by then whatever signal it
        uses; only when that plugin is enabled and the article's comments are not ``off``.
        """
        if self._json_ld is None:
            return None
        count = getattr(self._content, "comment_count", None)
        if (
            self._comments_enabled
            and isinstance(count, int)
            and not isinstance(count, bool)
            and getattr(self._content, "comments", "open") != "off"
        ):
            return {**self._json_ld, "commentCount": count}
        return self._json_ld


def describe(content, settings):
    """Return the plain-text description of ``content`` (its summary's visible text).

    Pelican resolves ``{filename}`` links in a ``Summary:`` only after
    ``all_generators_finalized`` (``refresh_metadata_intersite_links``), and ``summary`` is
    memoized on first read: resolve them first, or the page would keep the raw links.
    """
    content.refresh_metadata_intersite_links()
    text = visible_text(getattr(content, "summary", "") or "")
    return shorten(text, settings.get("NEWS_SEO_DESCRIPTION_MAX_LENGTH"))


def seo_data(content, site, settings, comments_enabled):
    """Return the :class:`SeoData` of one article or page."""
    seo = SeoData(
        canonical_url=site.url(content.url),
        title=getattr(content, "title_plain", None) or visible_text(content.title),
        description=describe(content, settings),
    )
    image = getattr(content, "image", "") or ""
    share = getattr(content, "share_image", None)  # news_images: the 1200x630 JPEG or card
    if share is not None:
        seo.image = site.url(share.url)
        seo.image_alt = share.alt
        seo.image_size = (share.width, share.height, share.type)
        seo.image_generated = share.generated
    elif image:
        seo.image = site.url(image)
        seo.image_alt = getattr(content, "image_alt", "") or ""
    if isinstance(content, Article):
        seo.og_type = "article"
        seo.share_links = share_links(settings["NEWS_SEO_SHARE"], seo.canonical_url, seo.title)
        seo._json_ld = structured_data.article_block(content, seo, site)
        seo.published = seo._json_ld["datePublished"]
        seo.modified = seo._json_ld["dateModified"]
    seo.head = head_tags(
        site, seo.canonical_url, seo.title, seo.description or site.description, seo.og_type,
        seo.image, seo.image_alt, seo.image_size,
    )  # fmt: skip
    if isinstance(content, Article):
        category = getattr(content, "category", None)
        seo.head += Markup("\n") + article_tags(
            seo.published,
            seo.modified,
            category.name if category is not None else "",
            [tag.name for tag in getattr(content, "tags", None) or []],
        )
        seo._content = content
        seo._comments_enabled = comments_enabled
    return seo


def attach(generators):
    """Give every article and page its ``seo``; put ``news_seo_site`` into the context.

    Args:
        generators: Pelican's generators (``all_generators_finalized``).

    Returns:
        :class:`SiteInfo`, or None when there is no generator.
    """
    if not generators:
        return None
    settings = generators[0].settings
    context = generators[0].context
    site = SiteInfo.from_settings(settings)
    comments_enabled = plugin_enabled("comments", settings.get("PLUGINS"))
    published_pages = {}
    for generator in generators:
        contents = all_contents(generator)
        for content in contents:
            if getattr(content, "withdrawn", False):
                continue  # corrections plugin: the notice page gets the listing head, no JSON-LD
            content.seo = seo_data(content, site, settings, comments_enabled)
        for page in getattr(generator, "pages", None) or []:
            published_pages[page.slug] = site.url(page.url)
    site.home_json_ld = structured_data.home_blocks(site, settings, published_pages)
    context["news_seo_site"] = site
    return site
