"""``<picture>`` markup, computed once per image use.

URLs in the markup start with :data:`ROOT`, replaced by the page's site URL when the page is
rendered (:func:`with_root`): in the publish build that is the absolute ``SITEURL``, in the
development build (``RELATIVE_URLS``) a relative path that differs per page. One
``str.replace`` per use is all a page pays. The token has no braces or bars, so Pelican's
``{static}`` link regex never sees it.

Element order and attributes: the HTML standard's ``picture`` (``source`` with ``type``,
``srcset`` and ``sizes`` before the ``img`` fallback); ``width``/``height`` of the image as
shown, so the browser reserves its box before it loads (no layout shift).
"""

from markupsafe import Markup, escape

from .process import MIME

ROOT = "@@news-images-root@@"


def srcset(variants):
    """``srcset`` value of ``variants`` (dicts with "url" and "width"), ascending widths."""
    return ", ".join(f"{ROOT}/{v['url']} {v['width']}w" for v in variants)


def picture(variants, width, height, alt, sizes, lead=False, img_class=""):
    """Return the ``<picture>`` of one image (str, with :data:`ROOT` placeholders).

    Args:
        variants: dicts ``{"url", "width", "height", "format"}``, several formats.
        width, height: intrinsic size (px) for the ``img`` attributes.
        alt: alternative text (plain text; escaped here).
        sizes: the ``sizes`` attribute (from the theme's layout).
        lead: the article's lead image: ``fetchpriority="high"``, not lazy, not async.
        img_class: class of the ``img``, or "".
    """
    by_format = {}
    for variant in variants:
        by_format.setdefault(variant["format"], []).append(variant)
    fallback_format = "png" if "png" in by_format else "jpeg"
    fallback = by_format[fallback_format]
    # The fallback src: the largest fallback file not wider than 720 px (a phone's 2x slot).
    src = max((v for v in fallback if v["width"] <= 720), key=lambda v: v["width"], default=None)
    src = src or fallback[0]
    parts = ["<picture>"]
    for fmt in ("avif", "webp"):
        if fmt in by_format:
            parts.append(
                f'<source type="{MIME[fmt]}" srcset="{srcset(by_format[fmt])}" sizes="{sizes}">'
            )
    loading = ' fetchpriority="high"' if lead else ' loading="lazy" decoding="async"'
    css = f' class="{img_class}"' if img_class else ""
    parts.append(
        f'<img{css} src="{ROOT}/{src["url"]}" srcset="{srcset(fallback)}" sizes="{sizes}" '
        f'width="{width}" height="{height}" alt="{escape(alt)}"{loading}>'
    )
    parts.append("</picture>")
    return "".join(parts)


def with_root(markup, root):
    """``markup`` with :data:`ROOT` replaced by ``root`` (the page's SITEURL), as ``Markup``.

    The Jinja filter ``image_root``: ``{{ article.news_image.lead|image_root(SITEURL) }}``.
    ``markup`` "" or None gives "".
    """
    if not markup:
        return ""
    return Markup(markup.replace(ROOT, root))
