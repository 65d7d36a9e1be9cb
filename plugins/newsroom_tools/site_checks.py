"""Checks that need the whole site: links between files, drafts and embargoes, pasted control
characters, two files on one URL.

They run in every build (``page_generator_finalized``: articles and pages are read, nothing is
written yet) and in ``make check``, and report through :func:`news_metadata.errors.report`, so
the publish build fails on them like on any content error and the dev build shows them and goes
on. Rules and their sources:

- ``{filename}``, ``{static}`` and ``{attach}`` links (and Pelican's older spelling
  ``|filename|``, ``|static|``, which its ``INTRASITE_LINK_REGEX`` reads the same way; messages
  quote the link as written) are resolved the way Pelican's ``Content._link_replacer`` does
  (path relative to the file, or to ``content/`` with a leading ``/``; tried as written,
  URL-unquoted, HTML-unescaped). Pelican only warns and leaves
  ``href="{filename}x.md"`` in the page; here it is an error.
- ``{category}``, ``{tag}`` and ``{author}`` links must lead to a page the build writes, and
  a link kind Pelican does not know (``{filenme}``) is an error: :mod:`.taxonomy_links`.
- A page that is published (status ``published`` or ``hidden``) must not link to a draft or to a
  scheduled article (see :mod:`.schedule`): the link would be dead until, or unless, it appears.
- Two files that would be written to the same ``save_as`` (two articles titled the same in the
  same month, a ``Save_as`` equal to the home page or a feed) are reported by the output-path
  registry, ``news_metadata.outputs``, which knows every file the build writes.
- Two articles with the same ``Id`` are reported by :mod:`news_metadata.ids`.
"""

import html
import os
import re
from functools import partial
from urllib.parse import unquote, urlparse

from news_metadata import filenames
from news_metadata.compat import body_html
from news_metadata.errors import display_path, report
from news_metadata.safety import xml_forbidden
from news_metadata.slugs import NAME_MAX_BYTES
from news_metadata.sources import SourceTexts, line_at
from pelican.contents import Article, Page

from . import taxonomy_links

LINK_KINDS = ("filename", "static", "attach")

# A character reference (&#xFFFE;, &#55296;) to a character XML 1.0 forbids: Python-Markdown
# passes it through, and the feed that carries it is invalid XML.
CHARACTER_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")


def check_site(generator) -> None:
    """``page_generator_finalized`` receiver: run every check on the articles and pages read.

    Args:
        generator: the PagesGenerator; its ``context["generated_content"]`` maps each content
            file (path relative to ``PATH``) to its Article/Page (or None if unreadable).
    """
    settings = generator.settings
    contents = [
        content
        for content in generator.context.get("generated_content", {}).values()
        if isinstance(content, Article | Page)
    ]
    contents.sort(key=lambda c: c.source_path)
    sources = SourceTexts()
    for content in contents:
        check_character_references(content.source_path, sources.text(content.source_path))
    check_links(contents, generator.context, settings, sources)
    check_placeholders(contents, settings, sources)
    check_output_names(contents)


def _line_of(sources, path, what, value):
    """1-based line of the first ``{what}value`` (or ``|what|value``) in ``path``."""
    for candidate in dict.fromkeys((value, html.unescape(value))):
        pattern = r"[{|]" + re.escape(what) + r"[|}]" + re.escape(candidate)
        line = sources.line_matching(path, pattern)
        if line:
            return line
    # A plain link news_metadata rewrote: find it by its file name, in a link's "(...)".
    name = re.escape(os.path.basename(urlparse(value).path))
    return sources.line_matching(path, r"\([^)\s]*" + name) if name else None


def check_character_references(path, text) -> None:
    """Report each ``&#...;`` reference to a character XML 1.0 forbids (with its line)."""
    if "&#" not in text:
        return
    for match in CHARACTER_REFERENCE.finditer(text):
        number = int(match.group(1), 16) if match.group(1) else int(match.group(2))
        char = chr(number) if number <= 0x10FFFF else "\ufffe"
        if number <= 0x10FFFF and not xml_forbidden(char):
            continue
        report(
            path,
            line_at(text, match.start()),
            f"the character reference {match.group()} names U+{number:04X}, which XML forbids "
            "(feeds and sitemaps with it are invalid)",
            "delete it",
        )


def check_links(contents, context, settings, sources) -> None:
    """Report unresolved ``{filename}``/``{static}``/``{attach}`` links, links from
    published content to drafts or scheduled articles, and (:mod:`.taxonomy_links`) links to
    category, tag or author pages that are not built and link kinds Pelican does not know.
    """
    if not contents:
        return
    link_regex = contents[0]._get_intrasite_link_regex()
    generated = context.get("generated_content", {})
    base = os.path.abspath(settings["PATH"])
    static_paths = settings.get("STATIC_PATHS") or []
    owned = [folder for folder, _, _ in settings.get("NEWS_METADATA_CONTENT_OWNERS") or []]
    for content in contents:
        texts = [body_html(content)]
        summary = content.metadata.get("summary")
        if isinstance(summary, str):
            texts.append(summary)
        seen = set()
        for text in texts:
            for match in link_regex.finditer(text):
                # match "path" is the link as written: {filename}x.md, or Pelican's legacy
                # |filename|x.md, which it resolves the same way.
                link = (match.group("what"), match.group("value"), match.group("path"))
                if link[:2] in seen:
                    continue
                seen.add(link[:2])
                if link[0] in LINK_KINDS:
                    _check_link(content, link, generated, base, sources, static_paths, owned)
                    continue
                taxonomy_links.check_link(
                    content,
                    link,
                    context,
                    settings,
                    partial(_line_of, sources, content.source_path, *link[:2]),
                )


def _candidates(content, value):
    """The relative paths Pelican tries for a link value (``Content._link_replacer``)."""
    url = urlparse(value)
    for path in (url.path, unquote(url.path), urlparse(html.unescape(value)).path):
        if path.startswith("/"):
            yield path[1:]
        else:
            yield content.get_relative_source_path(os.path.join(content.relative_dir, path))


def _check_link(content, link, generated, base, sources, static_paths, owned):
    path = content.source_path
    what, value, written = link
    target = None
    for relative in _candidates(content, value):
        if relative is None:
            continue
        if what == "filename" and relative in generated:
            target = generated[relative] or "unreadable"
            break
        if relative not in generated and os.path.isfile(os.path.join(base, relative)):
            target = _unpublished(relative, what, static_paths, owned) or "static"
            break
    line = None
    if target is None or not isinstance(target, str) or target.startswith("not "):
        line = _line_of(sources, path, what, value)
    if target is None:
        message, fix = f"link {written} points to a file that does not exist", _link_fix(what)
        missed = _near_miss(content, value, base)
        if missed:
            why, fix = filenames.explain(*missed)
            message += f" ({why})"
        report(path, line, message, fix)
        return
    if isinstance(target, str) and target.startswith("not "):
        report(
            path,
            line,
            f"link {written} points to a file that is {target}",
            "link to an article or page ({filename}), or to a file in "
            + ", ".join(f"content/{p}/" for p in static_paths)
            + " ({static})",
        )
        return
    if not isinstance(target, Article | Page) or content.status == "draft":
        return
    shown = display_path(target.source_path)
    if getattr(target, "scheduled", False):
        report(
            path,
            line,
            f"link {written} points to {shown}, which is scheduled for "
            f"{target.date:%Y-%m-%d %H:%M} WITA and not published yet",
            "remove the link until that article is out, or give this article a later Date",
        )
    elif target.status == "draft":
        report(
            path,
            line,
            f"link {written} points to {shown}, which is a draft (Status: draft) and is not "
            "published",
            "remove the link, or publish that article first (delete its 'Status: draft' line)",
        )


def _near_miss(content, value, base):
    """``(path as linked, existing file)`` when the link ``value`` missed a file only by
    capitals, Unicode form or a ``#``/``?`` in its name (``news_metadata.filenames``).
    """
    cut = min((value.find(c) for c in "#?" if c in value), default=len(value))
    for candidate in _candidates(content, value):
        relative = (candidate or "").replace(os.sep, "/")
        found = relative and filenames.near_miss(base, relative, value[cut:])
        if found:
            return relative, found
    return None


def _unpublished(relative, what, static_paths, owned):
    """Why the content file ``relative`` (not an article or page) is not on the site, or None."""
    for folder in owned:
        if relative == folder or relative.startswith(folder + "/"):
            return "not published (the site reads it, it is not a page of its own)"
    extension = os.path.splitext(relative)[1][1:].lower()
    if extension in ("md", "markdown", "mkd", "mdown", "rst", "html", "htm", "txt"):
        return "not published (not an article or page the site builds)"
    inside = any(relative.startswith(p.rstrip("/") + "/") for p in static_paths)
    if what == "filename" and not inside:
        return "not published ({filename} copies no file; only static paths are published)"
    return None


def _link_fix(what):
    if what == "filename":
        return (
            "write the path of an existing article or page relative to this file, e.g. "
            "{filename}../2024/other-article.md, or from content/ with a leading slash"
        )
    return (
        f"put the file under content/ and write its path relative to this file or from "
        f"content/ with a leading slash, e.g. {{{what}}}/images/photo.jpg"
    )


def check_placeholders(contents, settings, sources) -> None:
    """Report scaffold text (``NEWSROOM_TOOLS_PLACEHOLDERS``) left in content that will be
    published (published, hidden or scheduled; a draft may keep it).
    """
    placeholders = [p for p in settings.get("NEWSROOM_TOOLS_PLACEHOLDERS") or [] if p]
    for content in contents:
        if content.status == "draft" and not getattr(content, "scheduled", False):
            continue
        text = sources.text(content.source_path)
        for placeholder in placeholders:
            index = text.find(placeholder)
            if index >= 0:
                report(
                    content.source_path,
                    line_at(text, index),
                    f"the placeholder text {placeholder[:40]!r}... is still in the article",
                    "replace it with your own text (or keep 'Status: draft' until it is written)",
                )


def check_output_names(contents) -> None:
    """Report an output path with a file or folder name longer than the file system allows
    (255 bytes), before the writer fails on it (``OSError: File name too long``).
    """
    for content in contents:
        save_as = content.save_as or ""
        too_long = [part for part in save_as.split("/") if len(part.encode()) > NAME_MAX_BYTES]
        if too_long:
            lines = getattr(content, "news_lines", {})
            report(
                content.source_path,
                lines.get("save_as") or lines.get("slug") or lines.get("title"),
                f"the output file name {too_long[0][:40]!r}... is {len(too_long[0].encode())} "
                f"bytes; file systems allow {NAME_MAX_BYTES}",
                "write a shorter 'Slug: ...' (or Save_as) in the header",
            )


def _kind(content):
    return "page" if isinstance(content, Page) else "article"
