"""The content model joined with the rest of the site, on every build.

Receives each content object (``content_object_init``), reports the problems its reader stored,
joins author profiles, checks the category against ``NEWS_METADATA_CATEGORIES``, the featured
image against the files in ``content/`` and ``Template:`` against the theme (:mod:`.templates`),
and sets the attributes templates rely on:

- ``breaking`` (bool, default False), ``comments`` ("open" | "closed" | "off", default "open");
- ``title_plain``: the headline as plain text (no typogrify spans, entities decoded) for
  ``<title>``, attributes and structured data;
- on each ``Author``: ``affiliation``, ``bio``, ``photo``, ``links`` from the profile;
- ``summary`` without active content (:func:`guard_summary`): Summary and body are trusted
  editor HTML, but the summary is what listing cards and feeds carry.
"""

import os
import re
from dataclasses import dataclass, field
from functools import partial

from pelican.contents import Article, Page
from pelican.urlwrappers import Category

from . import errors, filenames, safety
from .profiles import check_photos, check_slugs, load_profiles
from .slugs import make_slug
from .state import build_state
from .templates import check_template
from .text import suggest, visible_text


@dataclass
class SiteData:
    """Per-build data the checks join with (the ``news_metadata.profiles`` part of the build
    state): author profiles, and whether the profiles file was usable (a broken file is one
    error, not one "unknown author" per article)."""

    profiles: dict = field(default_factory=dict)
    profiles_usable: bool = True


AUTHOR_SLUGS = "AUTHOR_REGEX_SUBSTITUTIONS"  # Pelican's settings for an author's address


def load_site_data(settings):
    """Per build (after :func:`.state.reset`): (re)read author profiles into the build state.
    ``settings`` is Pelican's dict."""
    path = os.path.join(settings["PATH"], settings["NEWS_METADATA_AUTHORS_FILE"])
    before = len(errors.collector.errors)
    profiles = load_profiles(path)
    usable = len(errors.collector.errors) == before
    check_slugs(path, profiles, partial(make_slug, settings=settings, regex_key=AUTHOR_SLUGS))
    check_photos(path, profiles, settings["PATH"])
    build_state().set("news_metadata.profiles", SiteData(profiles, usable))


def _site_data():
    return build_state().part("news_metadata.profiles", SiteData)


def check_content(instance):
    """``content_object_init`` receiver: report and enrich one Article or Page (see module doc)."""
    if not isinstance(instance, Article | Page):
        return
    path = instance.source_path
    for line, message, fix in getattr(instance, "news_problems", ()):
        errors.report(path, line, message, fix)
    lines = getattr(instance, "news_lines", {})
    if hasattr(instance, "title"):
        # Typogrify's widont glues a headline's last two words with &nbsp;, which Pelican's feed
        # writer keeps as U+00A0 in <title>; the theme balances headlines with CSS instead.
        instance.title = instance.title.replace("&nbsp;", " ")
    instance.title_plain = visible_text(getattr(instance, "title", ""))
    instance.breaking = getattr(instance, "breaking", False) is True
    instance.comments = getattr(instance, "comments", "open")
    if isinstance(instance, Article):
        # Keys missing from the header were reported by the reader; Pelican's fallbacks
        # (AUTHOR, DEFAULT_CATEGORY) are not the editor's words and are not checked again.
        if "author" in lines or "authors" in lines:
            _join_authors(instance, path, lines)
        if "category" in lines:
            _check_category(instance, path, lines)
    _check_image(instance, path, lines)
    check_template(instance)
    _check_active_content(instance, path, lines)
    _check_header_html(instance, path, lines)
    _check_body(instance, path, lines)
    guard_summary(instance)


SCRIPTS_ALLOWED = {"allowed", "true", "ya", "yes"}


def _check_active_content(instance, path, lines):
    """A ``<script>``, an event handler, a ``javascript:`` link or an element that acts on the
    whole page (:data:`safety.PAGE_ELEMENTS`: ``<base>``, ``<meta http-equiv>``, ``<style>``,
    ``<form>``, ``<object>``, ...) in the article's own body is an error unless the header opts
    in with ``Scripts: allowed`` (embeds: the images issue)."""
    found = safety.active_content(getattr(instance, "_content", "") or "")
    if not found:
        return
    opt_in = str(instance.metadata.get("scripts", "")).strip().lower()
    if opt_in in SCRIPTS_ALLOWED:
        return
    source = _source_text(path)
    for _, what in dict((what, (line, what)) for line, what in found).values():
        errors.report(
            path,
            _line_of(source, what),
            f"the text holds active content ({what}): {safety.effect(what)}",
            "remove it, or if the script is meant to be there add the line 'Scripts: allowed' "
            "to the header (an editor's decision, see plugins/news_metadata/README.md)",
        )


def _check_body(instance, path, lines):
    """A published article or page with a header and no text (the editor saved before writing,
    or the body went into the header) would be an empty page, a card without a summary and an
    empty feed entry: an error at the line after the header. Drafts may stay empty."""
    if getattr(instance, "status", "published") not in ("published", "hidden"):
        return
    if visible_text(getattr(instance, "_content", "") or "").strip():
        return
    if re.search(r"<(img|iframe|video|audio|figure|table)\b", instance._content or "", re.I):
        return  # a photo or an embed is content
    errors.report(
        path,
        max(lines.values(), default=0) + 2,
        "the text is empty: there is nothing after the header",
        "write the text below the header (after one blank line), or add 'Status: draft' to keep "
        "it unpublished until it is written",
    )


def _check_header_html(instance, path, lines):
    """A script, event handler or ``javascript:`` link in a header field the reader converts to
    HTML (Pelican's ``FORMATTED_FIELDS``: ``Summary``) is an error at that header line, as in
    the body; ``Scripts: allowed`` does not cover it: the field is shown on listing pages, in
    feeds and in meta descriptions, where :func:`guard_summary` removes it whatever the header
    says, so it would vanish there without a word."""
    for key in instance.settings.get("FORMATTED_FIELDS") or ():
        if key not in lines:
            continue
        found = safety.active_content(str(instance.metadata.get(key) or ""))
        for what in dict.fromkeys(what for _, what in found):
            errors.report(
                path,
                lines[key],
                f"{key.capitalize()} holds active content ({what}): it would be removed from "
                "the listing pages, the feeds and the meta description",
                f"remove it from the '{key.capitalize()}:' line (a script belongs in the body, "
                "with 'Scripts: allowed' in the header)",
            )


def _source_text(path):
    try:
        with open(path, encoding="utf-8-sig") as handle:
            return handle.read()
    except OSError:
        return ""


def _line_of(source, what):
    """The source line of a finding of :func:`safety.active_content`, or None."""
    if what.startswith("<"):  # "<script>", "<meta http-equiv>"
        pattern = "<" + re.escape(what.strip("<>").split()[0]) + r"\b"
    elif what.startswith("event handler "):
        pattern = r"\b" + re.escape(what.split()[2].rstrip("=")) + r"\s*="
    else:
        pattern = r"(?:javascript|vbscript)\s*:"
    match = re.search(pattern, source, re.I)
    return source.count("\n", 0, match.start()) + 1 if match else None


def guard_summary(instance):
    """Make ``instance.summary`` pass through :func:`safety.clean_fragment`.

    Pelican computes the summary lazily (``Content.get_summary``, memoized, after ``{filename}``
    links are resolved), from the ``Summary:`` header or the start of the body; the instance's
    own ``get_summary`` shadows the class's so every reader of ``summary`` (cards, feeds, meta
    descriptions) gets the cleaned one, whichever plugin set ``_summary``. The summary is only
    shown away from its article, so its in-page links (``#fn:1``, ``#bagian``) name the
    article and its ids are dropped (several cards on one listing would repeat them).
    """
    original = instance.get_summary

    def get_summary(siteurl):
        summary = safety.without_ids(safety.clean_fragment(original(siteurl)))
        url = getattr(instance, "url", "")
        if url and 'href="#' in summary:
            # A card's footnote or "see below" link would lead to the listing's own address.
            summary = safety.absolute_fragments(summary, f"{siteurl}/{url}")
        return summary

    instance.get_summary = get_summary


def _join_authors(article, path, lines):
    line = lines.get("author") or lines.get("authors")
    for author in getattr(article, "authors", []):
        site = _site_data()
        profile = site.profiles.get(author.name)
        if profile is None and site.profiles_usable:
            known = list(site.profiles)
            several = _known_parts(author.name, known)
            what, fix = (
                (
                    f": it names {len(several)} authors",
                    f"write them on one line 'Authors: {'; '.join(several)}' (';' between names)",
                )
                if several
                else (
                    suggest(author.name, known),
                    "write the name exactly as in content/data/authors.yml, or add a profile there",
                )
            )
            errors.report(path, line, f"unknown author {author.name!r}{what}", fix)
        if profile is None:
            profile = {"affiliation": "", "bio": "", "photo": "", "links": [], "slug": ""}
        if profile["slug"]:
            author.slug = profile["slug"]
        author.affiliation = profile["affiliation"]
        author.bio = profile["bio"]
        author.photo = profile["photo"]
        author.links = profile["links"]


def _check_category(article, path, lines):
    allowed = article.settings.get("NEWS_METADATA_CATEGORIES") or []
    category = getattr(article, "category", None)
    if not allowed or category is None or category.name in allowed:
        return
    same = [name for name in allowed if make_slug(name, article.settings) == category.slug]
    if same:
        # "berita" or "BERITA": the section as configured, one taxonomy entry and one name.
        article.category = Category(same[0], article.settings)
        return
    several = _known_parts(category.name, allowed)
    if several:
        errors.report(
            path,
            lines.get("category"),
            f"Category {category.name!r} names {len(several)} sections: an article is in one "
            "section (one section page, one feed, one kicker)",
            f"keep the main one, e.g. 'Category: {several[0]}', and write the others as Tags",
        )
        return
    errors.report(
        path,
        lines.get("category"),
        f"unknown category {category.name!r}{suggest(category.name, allowed)}",
        f"use one of: {', '.join(allowed)} (NEWS_METADATA_CATEGORIES in pelicanconf.py)",
    )


def _known_parts(value, known):
    """The parts of ``value`` split at ',', ';', '/', '&' or ' dan ' when there are several and
    each is one of ``known`` (an author or section list), else []: 'Berita, Ekonomi' is two
    sections, not a typo of one."""
    parts = [part.strip() for part in re.split(r"[,;/&]| dan ", value) if part.strip()]
    return parts if len(parts) > 1 and all(part in known for part in parts) else []


def _check_image(instance, path, lines):
    image = getattr(instance, "image", "")
    if not image:
        return
    relative = image.replace("{static}", "").lstrip("/")
    instance.image = relative
    content = os.path.realpath(instance.settings["PATH"])
    target = os.path.realpath(os.path.join(content, relative))
    if "://" in image or ":" in relative.split("/")[0] or not target.startswith(content + os.sep):
        instance.image = ""
        errors.report(
            path,
            lines.get("image"),
            f"featured image {image!r} is not a file inside content/",
            "put the file in content/images/ and write 'Image: images/<file name>'",
        )
        return
    if not os.path.isfile(os.path.join(instance.settings["PATH"], relative)):
        message = f"featured image {image!r} does not exist"
        fix = "put the file in content/images/ and write 'Image: images/<file name>'"
        found = filenames.near_miss(content, relative)  # Image: is a path, '#' is a character
        if found:
            why, fix = filenames.explain(relative, found)
            message += f" ({why})"
        errors.report(path, lines.get("image"), message, fix)
