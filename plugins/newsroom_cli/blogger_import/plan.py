"""From a read export to the files of the site: articles, pages, comments, profiles, data.

Nothing here touches the disk except to read ``authors.yml`` and the existing content's file
names; :mod:`.staging` writes. Every decision an editor may need to know about is kept in the
:class:`Report` (skipped entries with their reason, names and labels to map, per-file warnings).

Rules (issue 17; docs/research-2026-12.md, section 5):

- Only posts and pages whose status is live or draft are imported; trashed ones are skipped and
  listed. ``Id: blogger-<post id>`` makes a re-import find the same article.
- A live post keeps its Blogger path exactly (``Save_as``/``Url``, checked by news_metadata);
  two entries on one path: the older keeps it, the other is skipped and listed. A draft gets no
  ``Save_as`` (Pelican would write it there even in the publish build).
- ``Date`` is the entry's ``published`` converted from its own offset to WITA.
- Author: the byline typed in the body if any, else the Blogger display name; through the
  mapping file; a name in neither the mapping nor authors.yml becomes a new profile marked
  ``confirmed: false`` (the build reports it until an editor confirms it).
- Category: the first label that the mapping (or the name itself) makes a section; the other
  labels are Tags; without one, ``BLOGGER_IMPORT_DEFAULT_CATEGORY``.
- Comments: live ones on imported articles, in ``content/comments/<article Id>/blogger-<id>.md``
  with Reply-To for threads; deleted and spam comments are skipped.
"""

import contextlib
import json
import os
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from comments.ids import COMMENT_ID
from comments.render import CommentRenderer, check_url
from news_metadata.dates import WITA
from news_metadata.ids import article_id_problem
from news_metadata.profiles import load_profiles
from news_metadata.urls import url_problems
from pelican.utils import slugify

from .body import convert, escape_markdown

POST_PATH = re.compile(
    r"^/(?P<year>\d{4})/(?P<month>\d{2})/(?P<slug>[A-Za-z0-9][A-Za-z0-9._~-]*)\.html$"
)
PAGE_PATH = re.compile(r"^/p/(?P<slug>[A-Za-z0-9][A-Za-z0-9._~-]*)\.html$")
DELETED_COMMENT = re.compile(
    r"^(this (comment|post) has been removed|(komentar|postingan) ini telah dihapus)",
    re.I,
)
ANONYMOUS = {"", "anonymous", "anonim", "unknown", "tanpa nama"}
SUMMARY_MAX = 200  # characters
PLACEHOLDER_AFFILIATION = "Penulis Kabar Mbojo"
_STATUS_REASONS = {
    "soft_trashed": "trashed on Blogger",
    "trashed": "trashed on Blogger",
    "deleted": "deleted on Blogger",
    "spam": "marked as spam on Blogger",
    "pending": "never approved on Blogger (awaiting moderation)",
    "scheduled": "scheduled on Blogger, never published",
}


@dataclass
class OutputFile:
    """One file to write. ``relative``: path below ``content/``; ``text`` or ``data`` (bytes)."""

    relative: str
    text: str = ""
    data: bytes | None = None
    kind: str = ""
    line: int | None = None


@dataclass
class Report:
    """What the import did and what the editor must do (printed by :mod:`.cli`)."""

    counts: Counter = field(default_factory=Counter)
    skipped: list = field(default_factory=list)  # (line, what, reason)
    warnings: dict = field(default_factory=lambda: defaultdict(list))  # file -> [message]
    new_profiles: list = field(default_factory=list)  # (name, affiliation)
    unmapped_labels: Counter = field(default_factory=Counter)
    default_category: list = field(default_factory=list)  # files
    affiliations: list = field(default_factory=list)  # (name, typed, in profile)
    mapping_errors: list = field(default_factory=list)
    images: list = field(default_factory=list)  # remote image URLs left linked
    actions: list = field(default_factory=list)  # filled by staging
    unused_profiles: list = field(default_factory=list)  # filled by the command


@dataclass
class Options:
    """The settings of one import (from ``BLOGGER_IMPORT_*`` and the command line)."""

    content: str
    article_folder: str = "articles"
    page_folder: str = "pages"
    comments_folder: str = "comments"
    authors_file: str = "data/authors.yml"
    categories: tuple = ()
    default_category: str = ""
    image_hosts: tuple = ()
    slug_settings: dict = field(default_factory=dict)


def _wita(entry):
    return entry.published.astimezone(WITA)


def _summary(text):
    text = " ".join(text.split())
    if len(text) <= SUMMARY_MAX:
        return text
    sentences = re.split(r"(?<=[.!?])\s+", text)
    summary = ""
    for sentence in sentences:
        if len(summary) + len(sentence) + 1 > SUMMARY_MAX:
            break
        summary = f"{summary} {sentence}".strip()
    return summary or text[:SUMMARY_MAX].rsplit(" ", 1)[0] + " …"


def _header_value(text):
    """One header line's value: one line, no control characters."""
    return " ".join(re.sub(r"[\x00-\x1f\x7f-\x9f]", " ", text).split())


def plan(export, mapping, options):
    """Decide every file of the import.

    Args:
        export: :class:`.export.Export`.
        mapping: from :func:`.mapping.load_mapping`.
        options: :class:`Options`.

    Returns:
        ``(files, report, found)``: list of :class:`OutputFile` (articles, pages, comments),
        the :class:`Report`, and ``found`` = ``{"authors": {name: (count, note)}, "labels":
        {label: count}, "label_targets": {label: {"category"|"tag": name}}}`` for the
        mapping proposal and the redirects data file.
    """
    report = Report()
    for line, message in export.warnings:
        report.warnings["(export)"].append(f"line {line}: {message}" if line else message)
    for kind, count in sorted(export.skipped_kinds.items()):
        report.counts[f"other entries ({kind})"] += count
    profiles = load_profiles(os.path.join(options.content, options.authors_file))
    state = _State(options, mapping, profiles, report)
    posts = [e for e in export.entries if e.kind in ("post", "page")]
    posts.sort(
        key=lambda e: (e.published is None, e.published and e.published.timestamp(), e.blogger_id)
    )
    files = []
    for entry in posts:
        item = state.content_file(entry)
        if item is not None:
            files.append(item)
    _link_internally(files, state.paths_to_files, export.blog_url)
    files.extend(state.comment_files([e for e in export.entries if e.kind == "comment"]))
    found = {
        "authors": state.authors_found,
        "labels": dict(state.labels_found),
        "label_targets": state.label_targets,
        "used_authors": state.used_authors,
    }
    return files, report, found


class _State:
    def __init__(self, options, mapping, profiles, report):
        self.options = options
        self.mapping = mapping
        self.profiles = profiles
        self.report = report
        self.by_fold = {name.casefold(): name for name in profiles}
        self.categories = {c.casefold(): c for c in options.categories}
        self.paths = {}  # Blogger path -> entry line
        self.paths_to_files = {}  # Blogger path of a published post or page -> its file
        self.files = set()
        self.articles = {}  # blogger post id -> article Id (imported, published or draft)
        self.totals = {}  # blogger post id -> (Blogger's comment count, article file)
        self.pages = set()
        self.authors_found = {}
        self.labels_found = Counter()
        self.label_targets = {}
        self.created = {}  # new profile name -> affiliation
        self.used_authors = set()
        self.renderer = CommentRenderer()
        self._check_mapping()

    def _check_mapping(self):
        for source, target in self.mapping["authors"].items():
            if target not in self.profiles and target not in self.created:
                self.report.mapping_errors.append(
                    f"authors: {source!r} -> {target!r}, but {target!r} is not in "
                    f"content/{self.options.authors_file} — add that profile or fix the name"
                )
        for label, target in self.mapping["sections"].items():
            if self.options.categories and target not in self.options.categories:
                self.report.mapping_errors.append(
                    f"sections: {label!r} -> {target!r} is not a section — use one of: "
                    f"{', '.join(self.options.categories)}"
                )

    def skip(self, entry, what, reason):
        self.report.skipped.append((entry.line, what, reason))
        self.report.counts[f"skipped {entry.kind}s"] += 1

    # --- posts and pages ---------------------------------------------------------------

    def content_file(self, entry):
        what = f"{entry.kind} {entry.title or entry.path or entry.blogger_id!r}"
        if entry.status not in ("live", "draft"):
            self.skip(entry, what, _STATUS_REASONS.get(entry.status, f"status {entry.status}"))
            return None
        if not entry.blogger_id:
            self.skip(entry, what, "the entry has no Blogger id (<id>), so it cannot be kept apart")
            return None
        if entry.published is None:
            self.skip(
                entry,
                what,
                "the entry has no date (<published>) — publish it on Blogger "
                "or add the date there, then export again",
            )
            return None
        body = convert(entry.html, entry.title, self.options.image_hosts)
        title = _header_value(entry.title)
        warnings = list(body.warnings)
        if not title:
            words = (body.first_paragraph or "").split()
            if not words:
                self.skip(entry, what, "the entry has no title and no text")
                return None
            title = " ".join(words[:10]) + (" …" if len(words) > 10 else "")
            warnings.append(
                "the post had no title on Blogger: the Title is its first words — "
                "write a real headline"
            )
        match = (POST_PATH if entry.kind == "post" else PAGE_PATH).match(entry.path or "")
        draft = entry.status == "draft"
        if entry.path and not match:
            expected = "/YYYY/MM/slug.html" if entry.kind == "post" else "/p/slug.html"
            if not draft:
                self.skip(
                    entry,
                    what,
                    f"its Blogger address {entry.path!r} is not of the form "
                    f"{expected}, so it cannot be kept",
                )
                return None
        if not entry.path and not draft:
            warnings.append(
                "the export gives no Blogger address for it: it is published at the site's own "
                "address (from the date and title), so an old link to it will not work"
            )
        if match and not draft:
            if entry.path in self.paths:
                self.skip(
                    entry,
                    what,
                    f"its address {entry.path} is already the address of the "
                    f"entry on line {self.paths[entry.path]} (kept: the older one)",
                )
                return None
            self.paths[entry.path] = entry.line
        slug = unquote(match.group("slug")) if match else self._slug(title)
        if not slug:
            slug = f"blogger-{entry.blogger_id}"
        article_id = f"blogger-{entry.blogger_id}"
        # The site's own rules, checked before anything is written (comments.ids,
        # news_metadata.urls): an id the build would reject is never imported.
        problem = article_id_problem(article_id)
        if match and not draft:
            saved = entry.path.lstrip("/")
            problems = url_problems({"save_as": saved, "url": saved}, {})
            problem = problem or (problems[0][1] if problems else None)
        if problem:
            self.skip(entry, what, f"{problem}, so it cannot be imported as it is")
            return None
        date = _wita(entry)
        if entry.kind == "page":
            relative = self._free(f"{self.options.page_folder}/{slug}", article_id)
            self.pages.add(entry.blogger_id)
        else:
            month = match.group("month") if match else f"{date:%m}"
            relative = self._free(
                f"{self.options.article_folder}/{date:%Y}/{slug}", article_id, month
            )
            self.articles[entry.blogger_id] = article_id
            if entry.comment_total is not None:
                self.totals[entry.blogger_id] = (entry.comment_total, relative)
        if match and not draft:
            self.paths_to_files[entry.path] = relative
        lines = [f"Title: {title}"]
        if entry.kind == "post":
            lines.append(f"Date: {date:%Y-%m-%d %H:%M}")
        lines.append(f"Id: {article_id}")
        if entry.kind == "post":
            authors = self._authors(entry, body, relative, warnings)
            lines.append(f"{'Authors' if len(authors) > 1 else 'Author'}: {'; '.join(authors)}")
            category, tags = self._labels(entry, relative)
            lines.append(f"Category: {category}")
            if tags:
                lines.append(f"Tags: {', '.join(tags)}")
            if body.first_paragraph:
                lines.append(
                    f"Summary: {escape_markdown(_header_value(_summary(body.first_paragraph)))}"
                )
        lines.append(f"Slug: {slug}")
        if match and not draft:
            lines.append(f"Save_as: {entry.path.lstrip('/')}")
            lines.append(f"Url: {entry.path.lstrip('/')}")
        if draft:
            lines.append("Status: draft")
        remote = [url for url in body.images if url.startswith(("http://", "https://"))]
        self.report.images.extend((relative, url, date.year) for url in remote)
        for warning in warnings:
            self.report.warnings[relative].append(warning)
        kind = f"{'draft ' if draft else ''}{entry.kind}s"
        self.report.counts[kind] += 1
        text = "\n".join(lines) + "\n\n" + (body.markdown or "") + "\n"
        return OutputFile(relative, text=text, kind=entry.kind, line=entry.line)

    def _slug(self, title):
        settings = self.options.slug_settings
        return slugify(
            title,
            regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []),
            preserve_case=False,
            use_unicode=False,
        )

    def _free(self, stem, article_id, month=""):
        for candidate in (stem, f"{stem}-{month}" if month else None, f"{stem}-{article_id}"):
            if candidate and candidate + ".md" not in self.files:
                self.files.add(candidate + ".md")
                return candidate + ".md"
        raise AssertionError("blogger ids are unique")  # pragma: no cover

    def _authors(self, entry, body, relative, warnings):
        names = body.byline or [entry.author or "Redaksi"]
        resolved = []
        for name in names:
            note = " (typed in the post)" if body.byline else ""
            count, _ = self.authors_found.get(name, (0, note))
            self.authors_found[name] = (count + 1, note)
            resolved.append(self._author(name, body.affiliation if body.byline else "", warnings))
        self.used_authors.update(resolved)
        return list(dict.fromkeys(resolved))

    def _author(self, name, affiliation, warnings):
        mapped = self.mapping["authors"].get(name)
        if mapped:
            return mapped
        known = self.by_fold.get(name.casefold())
        if known:
            profile_affiliation = self.profiles[known]["affiliation"]
            if affiliation and affiliation != profile_affiliation:
                self.report.affiliations.append((known, affiliation, profile_affiliation))
            return known
        if name not in self.created:
            self.created[name] = affiliation or PLACEHOLDER_AFFILIATION
            self.report.new_profiles.append((name, self.created[name]))
        return name

    def _labels(self, entry, relative):
        category = ""
        tags = []
        for label in entry.labels:
            label = _header_value(label)
            if not label:
                continue
            self.labels_found[label] += 1
            section = self.mapping["sections"].get(label) or self.categories.get(label.casefold())
            if section and section in (self.options.categories or (section,)):
                self.label_targets[label] = {"category": section}
                if not category:
                    category = section
                    continue
            elif label not in self.mapping["sections"]:
                self.report.unmapped_labels[label] += 1
            tag = label.replace(",", " ").strip()
            if tag and tag not in tags:
                tags.append(tag)
                self.label_targets.setdefault(label, {"tag": tag})
        if not category:
            category = self.options.default_category
            self.report.default_category.append(relative)
        return category, tags

    # --- comments ----------------------------------------------------------------------

    def comment_files(self, comments):
        by_id = {c.blogger_id: c for c in comments if c.blogger_id}
        imported = {}
        files = []
        in_export = Counter(self._comment_post(c, by_id)[0] for c in comments)
        for post, (total, relative) in sorted(self.totals.items()):
            if in_export[post] < total:
                self.report.warnings[relative].append(
                    f"Blogger counted {total} comment(s) on this post but the export holds "
                    f"{in_export[post]}: export again (comments may have been pending)"
                )
        ordered = sorted(
            comments,
            key=lambda c: (
                c.published is None,
                c.published and c.published.timestamp(),
                c.blogger_id,
            ),
        )
        for comment in ordered:
            post, reply_to = self._comment_post(comment, by_id)
            what = f"comment by {comment.author or 'Anonim'} (id {comment.blogger_id or '?'})"
            if comment.status not in ("live",):
                self.skip(
                    comment, what, _STATUS_REASONS.get(comment.status, f"status {comment.status}")
                )
                continue
            if not comment.blogger_id or comment.published is None:
                self.skip(comment, what, "the comment has no id or no date")
                continue
            if post in self.pages:
                self.skip(
                    comment,
                    what,
                    "comments on pages are not kept (the site has comments on articles only)",
                )
                continue
            if post not in self.articles:
                self.skip(comment, what, "its post was not imported (see the skipped posts)")
                continue
            body = convert(comment.html, "", self.options.image_hosts, furniture=False).markdown
            plain = self.renderer.render(body).striptags().strip()
            if DELETED_COMMENT.match(plain):
                self.skip(comment, what, "deleted on Blogger")
                continue
            if not plain:
                self.skip(comment, what, "no text is left once sanitized as reader comments are")
                continue
            article_id = self.articles[post]
            comment_id = f"blogger-{comment.blogger_id}"
            if not COMMENT_ID.match(comment_id):
                self.skip(comment, what, f"{comment_id!r} cannot be a comment id")
                continue
            relative = f"{self.options.comments_folder}/{article_id}/{comment_id}.md"
            author = _header_value(comment.author)
            lines = [
                f"Author: {'Anonim' if author.casefold() in ANONYMOUS else author}",
                f"Date: {_wita(comment):%Y-%m-%d %H:%M}",
            ]
            if reply_to:
                if imported.get(reply_to) == article_id:
                    lines.append(f"Reply-To: blogger-{reply_to}")
                else:
                    self.report.warnings[relative].append(
                        f"it answered comment {reply_to}, which was not imported: shown at "
                        "the top level"
                    )
            url = comment.author_uri.strip()
            if url:
                with contextlib.suppress(ValueError):  # a Blogger profile address may be odd
                    lines.append(f"Url: {check_url(url)}")
            imported[comment.blogger_id] = article_id
            self.report.counts["comments"] += 1
            if reply_to and imported.get(reply_to) == article_id:
                self.report.counts["of them replies"] += 1
            files.append(
                OutputFile(
                    relative,
                    "\n".join(lines) + "\n\n" + body.strip() + "\n",
                    kind="comment",
                    line=comment.line,
                )
            )
        return files

    def _comment_post(self, comment, by_id):
        """The Blogger id of the comment's post and of the comment it answers ("")."""
        parent = comment.parent
        reply_to = comment.reply_to
        seen = set()
        while parent in by_id and parent not in seen:  # Takeout: parent is another comment
            seen.add(parent)
            reply_to = reply_to or parent
            parent = by_id[parent].parent
        return parent, reply_to


def _link_internally(files, paths_to_files, blog_url):
    """Links from one imported post to another on the old blog become ``{filename}`` links,
    so they follow the post to the new site (and ``make check`` checks them).
    """
    host = (urlsplit(blog_url).hostname or "").lower()
    if not host:
        return
    name = host.split(".")[0]
    # The blog's own host, and Blogger's country forms of it (kabarmbojo.blogspot.co.id).
    pattern = re.compile(
        r"\]\((?:https?:)?//(?:"
        + re.escape(host)
        + "|"
        + re.escape(name)
        + r"\.blogspot\.[a-z.]+)(?P<path>/[^)\s?#]+)(?:\?[^)\s#]*)?\)"
    )

    def replace(match):
        target = paths_to_files.get(match.group("path"))
        return f"]({{filename}}/{target})" if target else match.group()

    for item in files:
        if host in item.text or ".blogspot." in item.text:
            item.text = pattern.sub(replace, item.text)


def profiles_text(created):
    """YAML to append to authors.yml for new profiles: ``[(name, affiliation)]``."""
    blocks = [
        "",
        "# Dibuat oleh impor Blogger (make import-blogger): periksa nama dan afiliasi, lalu",
        "# hapus baris 'confirmed: false'. Sampai itu, build menandainya sebagai kesalahan.",
    ]
    for name, affiliation in created:
        blocks += [
            f"- name: {json.dumps(name, ensure_ascii=False)}",
            f"  affiliation: {json.dumps(affiliation, ensure_ascii=False)}",
            "  confirmed: false",
        ]
    return "\n".join(blocks) + "\n"
