"""Which old Blogger URLs lead where, and the three forms a host can serve them in.

Imported posts and pages need no redirect: they are written at their exact Blogger path
(``Save_as``). Blogger's other URLs (docs/research-2026-12.md, section 5):

- ``/search/label/<Label>``: the section (``/kategori/<slug>/``) or tag (``/label/<slug>/``)
  the label became;
- ``/feeds/posts/default`` (``?alt=rss``), ``/feeds/posts/summary``: the main feed;
- ``/feeds/posts/default/-/<Label>``: the section's feed if the label became one, else the
  main feed;
- ``/YYYY/MM/`` and ``/YYYY/`` (monthly archives): the archive page (``ARCHIVES_URL``);
- ``/search`` (``?q=``, ``?updated-max=``): the home page.

Query strings (``?m=1``, ``?alt=rss``, ``?max-results=``) are ignored by static hosts, so the
same file answers; nothing is needed for them.

Forms: static HTML pages (instant meta refresh plus ``rel=canonical``, WCAG H76; Google treats
an instant refresh as a permanent redirect) at ``<old path>/index.html``, for any host; an S3
website configuration with ``RoutingRules`` (real 301s; S3 allows 50 rules, the rest are served
by the pages); and an nginx ``location`` file to ``include`` in the ``server`` block.
"""

import html
import json
import os
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

# A label becomes a folder name: no slash, backslash, control character, or dot at the start.
_UNSAFE_LABEL = re.compile(r"[/\\\x00-\x1f\x7f]|^\.|^$")


@dataclass(frozen=True)
class Redirect:
    """One old URL. ``old``: its path without the leading slash, decoded (``search/label/Kota
    Bima``); ``target``: the new URL relative to SITEURL (``label/kota-bima/``); ``rule``:
    whether a server rule may send it (month archives are prefixes of every post's path, so
    they are served by their page only).
    """

    old: str
    target: str
    rule: bool = True
    weight: int = 0


def label_target(label, destination, categories, tags, settings):
    """The URL a Blogger label now leads to.

    Args:
        label: the Blogger label.
        destination: ``{"category": name}`` or ``{"tag": name}`` from the labels file.
        categories, tags: ``{name: Category/Tag}`` of this build.
        settings: Pelican settings (``TAGS_URL``, ``CATEGORIES_URL`` as fallbacks).

    Returns:
        ``(url, problem)``: the URL relative to SITEURL, and "" or a phrase saying why the
        fallback (the tags or sections index) was used.
    """
    if "category" in destination:
        found = categories.get(destination["category"]) or tags.get(label)
        if found is not None:
            return found.url, ""
        return settings.get(
            "CATEGORIES_URL", ""
        ), f"no article is in section {destination['category']!r}"
    found = tags.get(destination.get("tag", ""))
    if found is not None:
        return found.url, ""
    return settings.get("TAGS_URL", ""), f"no article has tag {destination.get('tag')!r}"


def collect(labels, categories, tags, article_paths, settings):
    """Every redirect of the site.

    Args:
        labels: ``{label: destination}`` from the labels file.
        categories, tags: ``{name: Category/Tag}``.
        article_paths: ``save_as`` of every published article (for the month archives).
        settings: Pelican settings.

    Returns:
        ``(redirects, warnings)``: list of :class:`Redirect` sorted by ``old``, list of str.
    """
    warnings = []
    main_feed = settings.get("FEED_ALL_ATOM") or ""
    home = ""
    found = {}

    def add(old, target, rule=True, weight=0):
        found.setdefault(old, Redirect(old, target, rule, weight))

    if main_feed:
        add("feeds/posts/default", main_feed, weight=3)
        add("feeds/posts/summary", main_feed, weight=3)
    add("search", home, rule=False)
    for label, destination in sorted(labels.items()):
        if _UNSAFE_LABEL.search(label):
            warnings.append(
                f"label {label!r} cannot be a path on a static host; no redirect for it"
            )
            continue
        target, problem = label_target(label, destination, categories, tags, settings)
        if problem:
            warnings.append(
                f"/search/label/{label} leads to {target or 'the home page'}: {problem}"
            )
        add(f"search/label/{label}", target, weight=1)
        feed = main_feed
        pattern = settings.get("CATEGORY_FEED_ATOM")
        if "category" in destination and pattern and destination["category"] in categories:
            feed = pattern.format(slug=categories[destination["category"]].slug)
        if feed:
            add(f"feeds/posts/default/-/{label}", feed)
    archives = settings.get("ARCHIVES_URL", "")
    month = re.compile(r"^(\d{4})/(\d{2})/[^/]+\.html$")
    for path in sorted(article_paths):
        match = month.match(path or "")
        if match:
            add(f"{match.group(1)}/{match.group(2)}", archives, rule=False)
            add(match.group(1), archives, rule=False)
    return [found[key] for key in sorted(found)], warnings


def absolute(siteurl, target) -> str:
    """``target`` (relative to SITEURL) as an absolute URL, or root-relative without SITEURL."""
    return f"{siteurl.rstrip('/')}/{target}" if siteurl else f"/{target}"


def redirect_page(old, target, siteurl, strings) -> str:
    """The HTML of one redirect page.

    Args:
        old: the old path (folder of the page).
        target: the new URL relative to SITEURL.
        siteurl: ``SITEURL`` ("" in development: the link is then relative to the page).
        strings: the theme's UI strings (``redirect_title``, ``redirect_text``).

    Returns:
        str: a tiny HTML5 page, instant refresh, canonical, noindex.
    """
    if siteurl:
        url = absolute(siteurl, target)
    else:
        url = os.path.relpath(target or ".", old).replace(os.sep, "/")
        url += "/" if (target.endswith("/") or not target) and not url.endswith("/") else ""
    link = html.escape(url, quote=True)
    title = html.escape(strings.get("redirect_title", "Halaman ini pindah"))
    text = html.escape(strings.get("redirect_text", "Halaman ini sekarang ada di"))
    return (
        '<!DOCTYPE html>\n<html lang="id">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n"
        f'<link rel="canonical" href="{link}">\n'
        '<meta name="robots" content="noindex">\n'
        f'<meta http-equiv="refresh" content="0; url={link}">\n'
        "</head>\n<body>\n"
        f'<p>{text} <a href="{link}">{link}</a>.</p>\n'
        "</body>\n</html>\n"
    )


def s3_configuration(redirects, siteurl, max_rules):
    """An S3 website configuration (``aws s3api put-bucket-website --website-configuration
    file://...``) whose RoutingRules send the most used old URLs with a 301.

    Returns:
        ``(json text, number of redirects left to the static pages)``.
    """
    parts = urlsplit(siteurl or "")
    prefix = parts.path.strip("/")
    rules = [r for r in redirects if r.rule]
    rules.sort(key=lambda r: (-r.weight, r.old))
    kept = rules[:max_rules]
    # S3 matches key prefixes in order: a longer old path first, so "search/label/Kota Bima"
    # is not taken by "search/label/Kota".
    kept.sort(key=lambda r: (-len(r.old), r.old))
    routing = []
    for item in kept:
        redirect = {
            "HttpRedirectCode": "301",
            "ReplaceKeyWith": "/".join(p for p in (prefix, item.target) if p),
        }
        if parts.hostname:
            redirect["HostName"] = parts.netloc
            redirect["Protocol"] = parts.scheme
        key = "/".join(p for p in (prefix, item.old) if p)
        routing.append({"Condition": {"KeyPrefixEquals": key}, "Redirect": redirect})
    config = {"IndexDocument": {"Suffix": "index.html"}, "RoutingRules": routing}
    return json.dumps(config, indent=1, ensure_ascii=False) + "\n", len(rules) - len(kept)


def nginx_rules(redirects, siteurl):
    """Nginx ``location`` blocks (one exact match per old URL, with and without the trailing
    slash) for ``include`` inside the site's ``server { }``.
    """
    prefix = urlsplit(siteurl or "").path.rstrip("/")
    lines = [
        "# Blogger's old URLs, 301 to their new place. Written by the build (blogger_redirects);",
        "# include this file inside the site's server { } block.",
    ]
    for item in redirects:
        target = f"{prefix}/{item.target}"
        for old in dict.fromkeys((f"{prefix}/{item.old}", f"{prefix}/{item.old}/")):
            quoted = old.replace("\\", "\\\\").replace('"', '\\"')
            lines.append(f'location = "{quoted}" {{ return 301 {_nginx_uri(target)}; }}')
    return "\n".join(lines) + "\n"


def _nginx_uri(target):
    # Targets are slugs and setting paths; quote anything nginx would read as syntax.
    if re.search(r"[\s;{}\"'\\]", target):
        return '"' + target.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return target
