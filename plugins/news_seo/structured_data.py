"""JSON-LD as Python dicts (schema.org), rendered by the theme with Jinja's ``tojson``.

Types and properties from schema.org (NewsArticle, OpinionNewsArticle, NewsMediaOrganization,
WebSite, Person, Organization, ImageObject) and Google's Article structured-data guidelines
(headline, image, datePublished/dateModified with a time-zone offset, author with name and url,
publisher with logo). Every text value is plain text (see :mod:`.text`); ``tojson`` escapes
``<``, ``>``, ``&`` and ``'`` so nothing can end the ``<script>`` element.
"""

import logging

from news_metadata.dates import format_iso

logger = logging.getLogger(__name__)

CONTEXT = "https://schema.org"
# Entry kinds of the corrections plugin that are corrections (the others are updates).
CORRECTION_KINDS = ("koreksi", "klarifikasi")


def organization(site):
    """Return the publisher (``NewsMediaOrganization``) as an embedded node (no @context).

    Args:
        site: :class:`news_seo.seo.SiteInfo`.
    """
    node = {
        "@type": "NewsMediaOrganization",
        "@id": site.home_url + "#organization",
        "name": site.publisher_name,
        "url": site.home_url,
    }
    if site.logo_url:
        node["logo"] = {"@type": "ImageObject", "url": site.logo_url}
    return node


def home_blocks(site, settings, pages):
    """Return the home page's two JSON-LD blocks: ``[NewsMediaOrganization, WebSite]``.

    Args:
        site: :class:`news_seo.seo.SiteInfo`.
        settings: Pelican's settings (``SITESUBTITLE``, ``DEFAULT_LANG``, ``NEWS_SEO_*``).
        pages: dict page slug -> absolute URL of the published pages, for
            ``NEWS_SEO_ORGANIZATION_PAGES``.
    """
    org = {"@context": CONTEXT, **organization(site)}
    if settings.get("SITESUBTITLE"):
        org["description"] = settings["SITESUBTITLE"]
    for prop, slug in (settings.get("NEWS_SEO_ORGANIZATION_PAGES") or {}).items():
        if slug in pages:
            org[prop] = pages[slug]
        else:
            logger.warning(
                "NEWS_SEO_ORGANIZATION_PAGES: no published page with slug %r for %s; left out",
                slug,
                prop,
            )
    if settings.get("NEWS_SEO_SAME_AS"):
        org["sameAs"] = list(settings["NEWS_SEO_SAME_AS"])
    website = {
        "@context": CONTEXT,
        "@type": "WebSite",
        "@id": site.home_url + "#website",
        "name": settings["SITENAME"],
        "url": site.home_url,
        "inLanguage": settings.get("DEFAULT_LANG", "id"),
        "publisher": {"@id": org["@id"]},
    }
    if settings.get("SITESUBTITLE"):
        website["description"] = settings["SITESUBTITLE"]
    return [org, website]


def person(author, site):
    """Return a byline author as a ``Person``: name, author page, affiliation, profiles.

    Args:
        author: Pelican ``Author`` with news_metadata's ``affiliation`` and ``links``.
        site: :class:`news_seo.seo.SiteInfo`.
    ``name`` is the name only (the affiliation is its own ``Organization``); ``sameAs`` lists
    the profile's http(s) links (mail addresses are not profiles).
    """
    node = {"@type": "Person", "name": author.name, "url": site.url(author.url)}
    affiliation = getattr(author, "affiliation", "")
    if affiliation:
        node["affiliation"] = {"@type": "Organization", "name": affiliation}
    same_as = [
        link["url"]
        for link in getattr(author, "links", None) or []
        if str(link.get("url", "")).startswith(("https://", "http://"))
    ]
    if same_as:
        node["sameAs"] = same_as
    return node


def article_block(article, seo, site):
    """Return the JSON-LD of one article: ``NewsArticle`` or ``OpinionNewsArticle``.

    Args:
        article: Pelican ``Article`` (news_metadata attributes set).
        seo: its :class:`news_seo.seo.SeoData` (title, description, canonical URL, image).
        site: :class:`news_seo.seo.SiteInfo`.

    Returns:
        dict. Dates are ISO 8601 in WITA with ``+08:00``; ``dateModified`` is ``Modified`` or,
        without one, ``Date`` (the corrections plugin moves ``Modified`` to the newest entry);
        ``correction`` lists the corrections (:func:`correction_nodes`). ``commentCount`` is
        added when rendered (see :attr:`news_seo.seo.SeoData.json_ld`).
    """
    category = getattr(article, "category", None)
    opinion = category is not None and category.name in site.opinion_categories
    data = {
        "@context": CONTEXT,
        "@type": _article_type(article, opinion),
        "headline": seo.title,
        "url": seo.canonical_url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": seo.canonical_url},
        "datePublished": format_iso(article.date),
        "dateModified": format_iso(getattr(article, "modified", None) or article.date),
        "author": [person(author, site) for author in getattr(article, "authors", [])],
        "publisher": organization(site),
        "inLanguage": getattr(article, "lang", None) or site.language,
    }
    if seo.description:
        data["description"] = seo.description
    if seo.image and not seo.image_generated:
        data["image"] = [seo.image]
    if category is not None:
        data["articleSection"] = category.name
    tags = [tag.name for tag in getattr(article, "tags", None) or []]
    if tags:
        data["keywords"] = tags
    corrections = correction_nodes(article)
    if corrections:
        data["correction"] = corrections
    return data


# --- corrections plugin (plugins/corrections/README.md): its attributes, when it is enabled ---


def _article_type(article, opinion):
    """``AdvertiserContentArticle`` for an advertorial (``article.sponsored``), else the
    opinion or news type.
    """
    if getattr(article, "sponsored", False):
        return "AdvertiserContentArticle"
    return "OpinionNewsArticle" if opinion else "NewsArticle"


def correction_nodes(article):
    """schema.org ``correction``: a ``CorrectionComment`` (``text``, ``datePublished``) for
    each koreksi and klarifikasi of ``article.corrections`` (oldest first); updates
    (pembaruan) only move ``dateModified``. Empty without the corrections plugin.
    """
    return [
        {
            "@type": "CorrectionComment",
            "text": entry.text_plain,
            "datePublished": format_iso(entry.date),
        }
        for entry in getattr(article, "corrections", None) or ()
        if entry.kind in CORRECTION_KINDS
    ]
