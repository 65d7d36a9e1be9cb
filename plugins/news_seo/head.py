"""The ``<head>`` tags of a page: canonical link, Open Graph and Twitter card meta tags.

Rendered in Python once per article or page (at ``all_generators_finalized``) and once per
listing page, into one ``Markup`` string: about twenty tags on every one of thousands of pages
cost a build several percent when each tag is a template expression, and nothing in them is
theme design. Every value goes through MarkupSafe's ``escape`` (``&``, ``<``, ``>``, quotes;
the C speedups, where ``Markup.format`` would run Python's ``string.Formatter``), so values are
plain text in, safe attributes out; the tag and property names are this module's constants.
Tags and properties: the Open Graph protocol (ogp.me: ``og:*``, ``article:*``) and X's card
markup (``twitter:*``).
"""

from markupsafe import Markup, escape


def _canonical(url):
    return f'<link rel="canonical" href="{escape(url)}">'


def _property(name, value):
    return f'<meta property="{name}" content="{escape(value)}">'


def _name(name, value):
    return f'<meta name="{name}" content="{escape(value)}">'


def head_tags(
    site, canonical, title, description, og_type="website", image="", image_alt="", image_size=None
):
    """Return the canonical link and the Open Graph / Twitter card tags of one page.

    Args:
        site: :class:`news_seo.seo.SiteInfo` (publisher name, og:locale, default image,
            twitter:site).
        canonical: the page's absolute URL.
        title, description: plain text.
        og_type: "article" or "website".
        image: absolute URL of the featured image, or "" (then the site's default image and a
            ``summary`` card).
        image_alt: the image's alternative text, or "".
        image_size: (width, height, media type) of ``image``, or None: ``og:image:width``,
            ``og:image:height`` and ``og:image:type`` (WhatsApp and Facebook show a large
            preview at once when they know the size).

    Returns:
        ``Markup``, one tag per line, no trailing newline.
    """
    shown = image or site.default_image
    tags = [
        _canonical(canonical),
        _property("og:site_name", site.publisher_name),
        _property("og:locale", site.og_locale),
        _property("og:type", og_type),
        _property("og:title", title),
        _property("og:description", description),
        _property("og:url", canonical),
        _property("og:image", shown),
    ]
    if image and image_size:
        tags += [
            _property("og:image:width", str(image_size[0])),
            _property("og:image:height", str(image_size[1])),
            _property("og:image:type", image_size[2]),
        ]
    if image and image_alt:
        tags.append(_property("og:image:alt", image_alt))
    tags.append(_name("twitter:card", "summary_large_image" if image else "summary"))
    if site.twitter_site:
        tags.append(_name("twitter:site", site.twitter_site))
    tags += [
        _name("twitter:title", title),
        _name("twitter:description", description),
        _name("twitter:image", shown),
    ]
    if image and image_alt:
        tags.append(_name("twitter:image:alt", image_alt))
    return Markup("\n".join(tags))


def article_tags(published, modified, section, tags):
    """Return the ``article:*`` Open Graph tags.

    Args:
        published, modified: ISO 8601 strings.
        section: the category name, or "".
        tags: list of tag names.

    Returns:
        ``Markup``, one tag per line.
    """
    lines = [
        _property("article:published_time", published),
        _property("article:modified_time", modified),
    ]
    if section:
        lines.append(_property("article:section", section))
    lines += [_property("article:tag", tag) for tag in tags]
    return Markup("\n".join(lines))
