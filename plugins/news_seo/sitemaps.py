"""sitemap.xml, the Google News sitemap and robots.txt (publish build only).

Written only when ``SITEURL`` is an absolute http(s) URL: the sitemap protocol
(sitemaps.org/protocol.html) and robots.txt's ``Sitemap:`` lines need absolute URLs, which the
development build (``SITEURL = ""``) does not have.

- ``sitemap.xml`` (sitemaps.org 0.9): every HTML page the build wrote (articles, pages,
  listings with their pagination), except drafts and hidden content; ``lastmod`` is the
  article's ``Modified`` or ``Date``, for a listing the newest of the articles it lists, so the
  file changes only when the content does. Collected from Pelican's ``content_written`` signal
  (the approach of the pelican-sitemap plugin) and written at ``finalized``, when every page
  is known.
- The Google News sitemap (Google's "News sitemap" format, namespace
  ``http://www.google.com/schemas/sitemap-news/0.9``): a ``news:news`` entry for each published
  article dated within ``NEWS_SEO_NEWS_SITEMAP_MAX_AGE`` before the build's "now"
  (:func:`news_metadata.clock.build_now`), newest first, at most
  ``NEWS_SEO_NEWS_SITEMAP_MAX_ITEMS`` (Google: two days, 1000 entries), with the publication
  name and language, the publication date and the title; advertorials are left out. Each
  article's date + the window is recorded (:func:`news_metadata.clock.add_moment`): it leaves
  the sitemap then, so ``make publish`` builds again after that moment.
- ``robots.txt``: allows everything and names both sitemaps.
"""

import logging
import os
from xml.sax.saxutils import escape

from news_metadata.clock import add_moment, build_now
from news_metadata.dates import format_iso
from news_metadata.state import build_state
from pelican.contents import Article, Page

from .seo import site_url

logger = logging.getLogger(__name__)

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


def is_absolute(siteurl):
    """True when ``siteurl`` is an absolute http(s) URL."""
    return str(siteurl or "").startswith(("https://", "http://"))


def _newest(items):
    dates = [getattr(a, "modified", None) or getattr(a, "date", None) for a in items]
    dates = [d for d in dates if d is not None]
    return max(dates) if dates else None


class WrittenPages:
    """The HTML pages of one build with their last-modified time, for sitemap.xml."""

    def __init__(self):
        self.entries = {}

    def reset(self) -> None:
        """Forget the previous build (``make devserver`` builds many times in one process)."""
        self.entries.clear()

    def add(self, path, context) -> None:
        """Record one written page.

        Args:
            path: absolute path of the written file.
            context: the template context it was rendered with (``content_written``; Pelican's
                writer sets ``output_file``, the path relative to the output folder).
        Skips drafts and hidden articles and pages.
        """
        content = context.get("article") or context.get("page")
        if isinstance(content, Article | Page):
            if getattr(content, "status", "published") != "published":
                return
            seo = getattr(content, "seo", None)  # its canonical URL, computed once
            url = seo.canonical_url if seo is not None else None
            self.entries[path] = (url, context["output_file"], _newest([content]))
            return
        if "articles_page" in context:
            listed = context["articles_page"].object_list
        else:
            listed = context.get("articles") or []
        self.entries[path] = (None, context["output_file"], _newest(listed))


WRITTEN = "news_seo.written_pages"  # build-state part


def written_pages():
    """This build's :class:`WrittenPages` (a part of :func:`news_metadata.state.build_state`)."""
    return build_state().part(WRITTEN, WrittenPages)


def sitemap_xml(entries, siteurl):
    """Return sitemap.xml text.

    Args:
        entries: iterable of ``(url, path, lastmod)``: the page's absolute URL or None, its
            output path (used when url is None), lastmod an aware ``datetime`` or None.
        siteurl: absolute ``SITEURL``.

    Returns:
        str; URLs sorted, each once.
    """
    urls = {}
    for url, path, lastmod in entries:
        urls[url or site_url(siteurl, path)] = lastmod
    lines = ['<?xml version="1.0" encoding="utf-8"?>', f'<urlset xmlns="{SITEMAP_NS}">']
    for url in sorted(urls):
        lastmod = urls[url]
        date = "" if lastmod is None else f"<lastmod>{format_iso(lastmod)}</lastmod>"
        lines.append(f"<url><loc>{escape(url)}</loc>{date}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def news_items(articles, now, max_age, max_items):
    """Return the articles of the Google News sitemap.

    Args:
        articles: published ``Article`` objects.
        now: aware ``datetime``, the build's time.
        max_age: ``timedelta``; an article dated ``now - max_age`` or later is in.
        max_items: int, the most to return.

    Returns:
        list of articles with ``now - max_age <= date <= now``, newest first, at most
        ``max_items`` (an article dated after ``now`` is not published yet). Advertorials
        (``article.sponsored``, corrections plugin) are left out: Google News takes no paid
        content.
    """
    start = now - max_age
    recent = [a for a in articles if start <= a.date <= now and not getattr(a, "sponsored", False)]
    recent.sort(key=lambda a: a.date, reverse=True)
    return recent[:max_items]


def news_sitemap_xml(articles, siteurl, publication, default_language):
    """Return the Google News sitemap text for ``articles`` (see :func:`news_items`).

    Args:
        articles: the articles, in order.
        siteurl: absolute ``SITEURL``.
        publication: the publication name (``news:name``).
        default_language: ``news:language`` for an article without ``lang`` ("id").
    """
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<urlset xmlns="{SITEMAP_NS}" xmlns:news="{NEWS_NS}">',
    ]
    for article in articles:
        language = getattr(article, "lang", None) or default_language
        lines += [
            f"<url><loc>{escape(site_url(siteurl, article.url))}</loc>",
            "<news:news><news:publication>",
            f"<news:name>{escape(publication)}</news:name>",
            f"<news:language>{escape(language)}</news:language>",
            "</news:publication>",
            f"<news:publication_date>{format_iso(article.date)}</news:publication_date>",
            f"<news:title>{escape(article.title_plain)}</news:title>",
            "</news:news></url>",
        ]
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(sitemap_urls):
    """Return robots.txt (RFC 9309) that allows every crawler and names ``sitemap_urls``."""
    lines = ["User-agent: *", "Allow: /", ""]
    lines += [f"Sitemap: {url}" for url in sitemap_urls]
    return "\n".join(lines) + "\n"


def _write(output_path, relative, text):
    path = os.path.join(output_path, relative)
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    logger.info('Writing "%s"', path)


class NewsSitemapGenerator:
    """Writes the Google News sitemap and robots.txt (a generator from ``get_generators``).

    Pelican creates it at the start of every build, which also resets the page list
    sitemap.xml is made from.
    """

    def __init__(self, context, settings, path, theme, output_path, *args, **kwargs):
        self.context = context
        self.settings = settings
        self.output_path = output_path
        written_pages().reset()

    def generate_context(self) -> None:
        """Nothing to add to the context."""

    def generate_output(self, writer) -> None:
        """Write the news sitemap and robots.txt into the output folder."""
        siteurl = self.settings.get("SITEURL", "")
        if not is_absolute(siteurl):
            logger.debug("news_seo: SITEURL is not absolute; no sitemaps or robots.txt")
            return
        news_path = self.settings.get("NEWS_SEO_NEWS_SITEMAP")
        if news_path:
            articles = self.context.get("articles", [])
            max_age = self.settings["NEWS_SEO_NEWS_SITEMAP_MAX_AGE"]
            items = news_items(
                articles, build_now(), max_age, self.settings["NEWS_SEO_NEWS_SITEMAP_MAX_ITEMS"]
            )
            for article in articles:
                add_moment(article.date + max_age)
            publication = self.settings.get("NEWS_SEO_PUBLISHER_NAME") or self.settings["SITENAME"]
            language = self.settings.get("DEFAULT_LANG", "id")
            _write(
                self.output_path,
                news_path,
                news_sitemap_xml(items, siteurl, publication, language),
            )
        robots = self.settings.get("NEWS_SEO_ROBOTS_TXT")
        if robots:
            names = [self.settings.get("NEWS_SEO_SITEMAP"), news_path]
            _write(
                self.output_path,
                robots,
                robots_txt([site_url(siteurl, name) for name in names if name]),
            )


def write_sitemap(pelican) -> None:
    """``finalized``: write sitemap.xml from the pages this build wrote."""
    settings = pelican.settings
    siteurl = settings.get("SITEURL", "")
    path = settings.get("NEWS_SEO_SITEMAP")
    if path and is_absolute(siteurl):
        entries = written_pages().entries.values()
        _write(pelican.output_path, path, sitemap_xml(entries, siteurl))
    written_pages().reset()
