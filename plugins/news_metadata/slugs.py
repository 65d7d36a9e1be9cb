"""URL slugs the file system and the reader's phone can live with.

Pelican's ``slugify`` (Unidecode to ASCII, lower case, hyphens; ``*_REGEX_SUBSTITUTIONS``) gives
the form; this adds a length limit cut at a word boundary. Linux file systems (ext4, XFS, btrfs)
allow 255 bytes per file name; the longest name a slug ends up in is the feed
``{slug}.atom.xml`` (9 bytes more), and a short URL is easier to share on WhatsApp, so the
default limit (``NEWS_METADATA_SLUG_MAX_LENGTH``) is 80 characters, far below that.
"""

from pelican.utils import slugify

NAME_MAX_BYTES = 255  # NAME_MAX of ext4/XFS/btrfs/tmpfs


def make_slug(text, settings, regex_key="SLUG_REGEX_SUBSTITUTIONS"):
    """Return the site's slug for ``text`` ("" when it has no usable letter or digit).

    Args:
        text: a title, tag, category or a ``Slug:`` value (plain text; tags are stripped).
        settings: Pelican settings (``SLUGIFY_PRESERVE_CASE``, ``SLUGIFY_USE_UNICODE``, the
            substitution list named by ``regex_key``, ``NEWS_METADATA_SLUG_MAX_LENGTH``).
        regex_key: ``SLUG_REGEX_SUBSTITUTIONS`` (articles, pages) or ``TAG_REGEX_SUBSTITUTIONS``
            / ``CATEGORY_REGEX_SUBSTITUTIONS`` (taxonomies).
    Returns:
        at most ``NEWS_METADATA_SLUG_MAX_LENGTH`` characters, cut after the last whole word that
        fits (a single longer word is cut hard); no leading or trailing hyphen.
    """
    slug = slugify(
        text or "",
        regex_subs=settings.get(regex_key) or settings.get("SLUG_REGEX_SUBSTITUTIONS", []),
        preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
        use_unicode=settings.get("SLUGIFY_USE_UNICODE", False),
    ).strip("-")
    limit = int(settings.get("NEWS_METADATA_SLUG_MAX_LENGTH") or 80)
    if len(slug.encode()) <= limit:
        return slug
    cut = slug.encode()[: limit + 1].decode(errors="ignore")
    words = cut.rsplit("-", 1)[0] if "-" in cut[:-1] else cut[:limit]
    return words[:limit].strip("-")
