"""Pelican's Markdown reader with the site's content model checked as the file is read.

The checks that need only the file itself live here (they are cached with the file by Pelican's
content cache); the ones that depend on other files (author profiles, configured categories,
images) run on every build in :mod:`.model`. Problems are not raised: they are stored in the
metadata as ``news_problems`` (line, message, fix) and reported by :mod:`.model`, so one bad
field never hides the others and a cached file reports its problems again.
"""

import html
import os
import re

from pelican.readers import MarkdownReader, ensure_metadata_list
from pelican.urlwrappers import Tag
from pelican.utils import pelican_open

from . import (
    anchors,
    balance,
    encoding,
    footnotes,
    front_matter,
    headings,
    hygiene,
    links,
    notes,
    typography,
)
from . import header as header_scan
from .containment import refusal, report_refused
from .dates import DATE_FIX, parse_date
from .errors import AlreadyReported, report
from .language import FIX as LANG_FIX
from .language import parse_lang
from .outputs import normalize
from .settings import known_keys
from .slugs import make_slug
from .text import suggest
from .urls import url_problems

TRUE_WORDS = {"true", "ya", "yes"}
FALSE_WORDS = {"false", "tidak", "no"}
COMMENT_MODES = ("open", "closed", "off")
# Status values; "draf" is the site's own word (the dev build labels drafts DRAF).
# Quote marks an editor may put around a tag to group words (straight, curly, guillemets).
QUOTE_MARKS = "\"'\u201c\u201d\u201e\u2018\u2019\u00ab\u00bb"
# Keys Pelican splits into a list (ensure_metadata_list), with an example for the fix.
LIST_KEYS = {"tags": "banjir, Kota Bima", "authors": "Nurhayati, Munir Husen"}
STATUS_WORDS = {"published": "published", "draft": "draft", "draf": "draft", "hidden": "hidden"}

# Required keys per kind of content; design card "Content model".
REQUIRED = {
    "article": ("title", "date", "author|authors", "category"),
    "page": ("title",),
}

# Keys only articles use, with what a page lacks (reader._check_article_keys).
ARTICLE_ONLY = {
    "category": "a page is in no section",
    "tags": "a page is on no tag page",
    "breaking": "a page is never on the breaking-news ticker",
    "breaking_until": "a page is never on the breaking-news ticker",
    "featured": "the home page's lead story is an article",
}

# Keys that do nothing on a hidden article (Status: hidden: written at its address, listed
# nowhere), with why (reader._check_hidden_keys). A draft's keys take effect when it is
# published; a withdrawn story keeps the lines it had while it was up (plugins/corrections).
HIDDEN_INERT = {
    "featured": "the home page's lead story is chosen among listed articles",
    "breaking": "the breaking-news ticker shows only listed articles",
    "breaking_until": "the breaking-news ticker lists only listed articles",
}

_INVALID = object()


def parse_bool(text):
    """Return True/False for ``true/false``, ``ya/tidak`` (any case); raise ValueError else."""
    word = text.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(text)


def _check_encoding(source_path):
    """Report a file that is not UTF-8 (saved as ANSI or as Notepad's "Unicode", UTF-16) with
    the line of the first bad byte (:mod:`.encoding`), then raise AlreadyReported so Pelican
    skips the file."""
    with open(source_path, "rb") as handle:
        raw = handle.read()
    try:
        encoding.decode(raw)
    except encoding.NotUtf8 as exc:
        report(source_path, exc.line, exc.message, exc.fix)
        raise AlreadyReported(f"{source_path}: {exc.message}") from None


class NewsMarkdownReader(MarkdownReader):
    """Markdown reader that records content-model problems with line numbers.

    ``read(path)`` returns ``(html, metadata)`` like Pelican's reader; metadata gains
    ``news_problems`` (list of ``(line or None, message, fix)``) and ``news_lines`` (lowercased
    key -> line number). The title is HTML-escaped before typogrify sees it, so markup an editor
    types in a title is shown as text.
    """

    _reading = False  # process_metadata is also called outside read() (default metadata)

    def read(self, source_path):
        self._problems = []
        found = refusal(source_path, self.settings["PATH"])
        if found:  # nothing of it is read, so nothing of it can be echoed
            report_refused(source_path, found[0], fix=found[1])
            raise AlreadyReported(f"{source_path} {found[0]}; not read")
        _check_encoding(source_path)
        with pelican_open(source_path) as text:
            self._problems.extend(hygiene.problems(text))
            text = hygiene.scrub(text)
            keys = known_keys(self.settings)
            self._header = front_matter.read(text, keys) or header_scan.scan(text, keys)
            self._problems.extend(self._header.problems)
            self._problems.extend(balance.problems(text, self._header.end))
            self._problems.extend(footnotes.problems(text, self._header.end))
            self._problems.extend(notes.problems(text, self._header.end))
            if getattr(self._header, "unreadable", False):
                # No value of the header is known: report why and skip the file, rather than
                # check Pelican's defaults (AUTHOR, DEFAULT_CATEGORY) the editor never wrote.
                for line, message, fix in self._problems:
                    report(source_path, line, message, fix)
                raise AlreadyReported(f"{source_path}: the header is not valid YAML; not read")
            self._reading = True
            try:
                content, metadata = self._convert(source_path, self._header.text)
            finally:
                self._reading = False
        self._check_keys(source_path)
        if "summary" in self._header.lines:
            found = headings.field_problem("Summary", str(metadata.get("summary") or ""))
            if found:
                self._problem("summary", *found)
        metadata.pop(header_scan.FOREIGN_KEY, None)  # reported by header.scan
        for name in [name for name, value in metadata.items() if value is _INVALID]:
            del metadata[name]
        self._check_required(source_path, metadata)
        self._check_article_keys(source_path)
        self._check_hidden_keys(metadata)
        self._check_modified(metadata)
        self._set_slug(source_path, metadata)
        self._problems.extend(url_problems(metadata, self._header.lines))
        if metadata.get("image") and not metadata.get("image_alt"):
            self._problem(
                "image", "Image has no Image_alt", "add 'Image_alt: <what the picture shows>'"
            )
        metadata["news_problems"] = self._problems
        metadata["news_lines"] = dict(self._header.lines)
        return content, metadata

    def _convert(self, source_path, text):
        # Mirrors MarkdownReader.read, which reads the file itself; we already have the text.
        from markdown import Markdown

        self._source_path = source_path
        self._md = self._markdown(Markdown)
        # For Markdown extensions of other plugins (citations): the file being read, and the
        # list their problems (line, message, fix) go into, reported with this file's others.
        self._md.source_path = source_path
        self._md.news_problems = self._problems
        # ... and metadata they derive from the text (citations: the summary without the
        # reference list); a header the editor wrote wins.
        self._md.news_metadata = {}
        links.install(self._md, self.settings, self.file_extensions, text)
        anchors.install(self._md, self.settings)
        typography.install(self._md)
        notes.install(self._md)
        content = self._md.convert(text)
        self._problems.extend(headings.problems(content, text, self._header.end))
        self._check_ids(content, text)
        meta = getattr(self._header, "meta", None)  # YAML front matter: front_matter.read
        if meta is None:
            meta = getattr(self._md, "Meta", None)
        metadata = self._parse_metadata(meta) if meta is not None else {}
        for name, value in self._md.news_metadata.items():
            metadata.setdefault(name, value)
        return content, metadata

    def _markdown(self, factory):
        # One Markdown per reader (per generator), reset between files: building one loads and
        # configures every extension, 4% of a build's CPU when done per file. reset() clears
        # each extension's per-conversion state (footnotes, abbreviations, toc, Meta, the
        # citations' placeholders); an extension with per-file state beyond that (citations:
        # the document and its bibliography, kept across the Summary pass) defines
        # ``start_file()``. Pelican's _parse_metadata deregisters the meta preprocessor (so a
        # Summary's text is not read as a header): it is registered again for each file.
        md = getattr(self, "_shared_md", None)
        if md is None:
            md = self._shared_md = factory(**self.settings["MARKDOWN"])
            self._meta_preprocessor = md.preprocessors["meta"]
        else:
            md.reset()
            if "meta" not in md.preprocessors:
                md.preprocessors.register(self._meta_preprocessor, "meta", 27)
        for extension in md.registeredExtensions:
            start_file = getattr(extension, "start_file", None)
            if start_file is not None:
                start_file()
        return md

    def _parse_metadata(self, meta):
        # A value continued on indented lines reaches here as a list of lines (Python-Markdown's
        # meta); Pelican would take the first line of a Date and crash on a list Title. One
        # value per key (a key written twice is reported by header.scan): join the lines.
        formatted = self.settings["FORMATTED_FIELDS"]
        joined = {
            key: ["\n".join(lines) if key.lower() in formatted else " ".join(lines)]
            for key, lines in meta.items()
        }
        for key, (text,) in joined.items():
            found = footnotes.field_problem(key.capitalize(), text) if key in formatted else None
            if found:
                self._problem(key.lower(), *found)
        return super()._parse_metadata(joined)

    def process_metadata(self, name, value):
        """Pelican's processing, with strict dates, booleans, comment modes and escaped titles."""
        if not self._reading:
            return super().process_metadata(name, value)
        if name in ("date", "modified"):
            try:
                return parse_date(value)
            except ValueError as exc:
                label = name.capitalize()
                self._problem(name, f"{label} {exc}", DATE_FIX.replace("Date:", f"{label}:"))
                return _INVALID
        if name == "breaking":
            try:
                return parse_bool(value)
            except ValueError:
                self._problem(
                    name,
                    f"Breaking must be true or false, got {value.strip()!r}",
                    "write 'Breaking: true' or 'Breaking: false' (ya/tidak also work)",
                )
                return _INVALID
        if name == "translation":
            # Pelican's own key: any value but "false" would make the file a translation
            # (get_original_items compares the string), so "Translation: tidak" would too.
            try:
                return "true" if parse_bool(value) else "false"
            except ValueError:
                self._problem(
                    name,
                    f"Translation must be true or false, got {value.strip()!r}",
                    "write 'Translation: true' on the translation of another story (same "
                    "Slug, its own Lang), or delete the line",
                )
                return _INVALID
        if name == "comments":
            mode = value.strip().lower()
            if mode not in COMMENT_MODES:
                self._problem(
                    name,
                    f"Comments must be open, closed or off, got {value.strip()!r}",
                    "write 'Comments: open', 'Comments: closed' or 'Comments: off'",
                )
                return _INVALID
            return mode
        if name in ("save_as", "url") and normalize(value.strip()) is None:
            label = "Save_as" if name == "save_as" else "Url"
            self._problem(
                name,
                f"{label} {value.strip()!r} is outside the output folder",
                f"write a path inside the site, e.g. '{label}: p/nama-halaman.html', or remove "
                "the line",
            )
            return _INVALID
        if name == "status":
            return self._status(value)
        if name == "lang":
            try:
                return parse_lang(value)
            except ValueError as exc:
                # Left out, so the file is the site's language: never a path or markup.
                self._problem(name, str(exc), LANG_FIX)
                return _INVALID
        if name in LIST_KEYS and isinstance(value, str):
            # "R&amp;D" pasted from HTML is "R&D": unescaped before splitting, or its ';' would
            # make Pelican split the whole list on ';' (ensure_metadata_list).
            value = html.unescape(value)
        if name in LIST_KEYS and isinstance(value, str) and _empty_item(value):
            label = name.capitalize()
            self._problem(
                name,
                f"{label} has an empty item ({value.strip()!r}): two separators with nothing "
                "between them, or no name at all",
                f"write the names separated by single commas, e.g. '{label}: "
                f"{LIST_KEYS[name]}', or delete the line",
            )
            if not ensure_metadata_list(value):
                return _INVALID
        if name == "tags" and isinstance(value, str) and _mixed_separators(value):
            self._problem(name, *_mixed_problem(value))
        if name == "tags":
            return self._tags(value)
        if name == "authors":
            return self._authors(super().process_metadata(name, value))
        if name == "title":
            value = value.strip()
            if not value:
                self._problem(name, "Title is empty", "write the headline after 'Title: '")
                return _INVALID
            # An entity typed or pasted from HTML (Blogger's "Banjir &amp; Longsor") is the
            # character it names; whatever it is, the title is then shown as text.
            return typography.fix_plain(html.escape(html.unescape(value), quote=False))
        return super().process_metadata(name, value)

    def _status(self, value):
        word = value.strip().lower()
        if word in STATUS_WORDS:
            return STATUS_WORDS[word]
        extra = self.settings.get("NEWS_METADATA_EXTRA_STATUSES") or []
        if word in extra:
            return word
        allowed = ["draft", "published", "hidden", *extra]
        self._problem(
            "status",
            f"Status must be {', '.join(allowed[:-1])} or {allowed[-1]}, got {value.strip()!r}"
            f"{suggest(word, sorted([*STATUS_WORDS, *extra]))}",
            "write 'Status: draft' (or 'Status: draf') to keep it unpublished, or delete the "
            "line to publish; until then it is treated as a draft",
        )
        return "draft"  # never publish what the editor may have meant to hold back

    def _tags(self, value):
        tags, seen = [], {}
        for name in ensure_metadata_list(value):
            slug = make_slug(name, self.settings, "TAG_REGEX_SUBSTITUTIONS")
            if name[:1] in QUOTE_MARKS or name[-1:] in QUOTE_MARKS:
                self._problem(
                    "tags",
                    f"tag {name!r} starts or ends with a quote mark: quotes do not group words "
                    "in Tags, the commas still separate the tags",
                    "write the tags without quote marks, separated by commas; a tag that "
                    "itself has a comma needs ';' between all the tags and at the end, e.g. "
                    "'Tags: Bima, NTB; banjir;'",
                )
            if not slug:
                self._problem(
                    "tags",
                    f"tag {name!r} has no letter or digit to make its address from",
                    "write the tag with letters or digits, or remove it",
                )
            elif slug in seen:
                self._problem(
                    "tags",
                    f"tag {name!r} is the same tag as {seen[slug]!r} (tags that differ only in "
                    "case or punctuation are one tag)",
                    f"write it once, as {seen[slug]!r}",
                )
            else:
                seen[slug] = name
                tag = Tag(name, self.settings)
                tag.slug = slug
                tags.append(tag)
        return tags or _INVALID

    def _authors(self, authors):
        # Pelican keeps a name written twice as two authors with one address: the byline would
        # show it twice. Like a tag written twice, it is the editor's to fix.
        unique, seen = [], {}
        for author in authors:
            if author.slug in seen:
                self._problem(
                    "authors",
                    f"author {author.name!r} is named twice (as {seen[author.slug]!r})",
                    f"write {seen[author.slug]!r} once",
                )
                continue
            seen[author.slug] = author.name
            unique.append(author)
        return unique or _INVALID

    def _set_slug(self, source_path, metadata):
        """Normalise ``Slug:`` (or make the slug from the title) with :func:`.make_slug`."""
        if "slug" in metadata:
            slug = make_slug(str(metadata["slug"]), self.settings)
            if not slug:
                self._problem(
                    "slug",
                    f"Slug {metadata['slug']!r} has no letter or digit for the address",
                    "write it with letters, digits and hyphens, e.g. 'Slug: banjir-wawo-2026'",
                )
                metadata["slug"] = self._fallback_slug(source_path)
                return
            metadata["slug"] = slug
            return
        if self.settings.get("SLUGIFY_SOURCE", "title") != "title" or "title" not in metadata:
            return
        slug = make_slug(html.unescape(metadata["title"]), self.settings)
        if slug:
            metadata["slug"] = slug
            return
        self._problem(
            "title",
            f"the title {html.unescape(metadata['title'])!r} has no letter or digit to make the "
            "address (slug) from",
            "add a line 'Slug: words-of-the-title' with Latin letters or digits",
        )
        metadata["slug"] = self._fallback_slug(source_path)

    def _fallback_slug(self, source_path):
        # After the error: the file name, so a dev build can still show the page somewhere.
        name = os.path.splitext(os.path.basename(source_path))[0]
        return make_slug(name, self.settings) or "tanpa-judul"

    def _check_ids(self, content, text):
        """An id the editor wrote (``{: #komentar }``, ``<div id="isi">``) that the page around
        the article uses: an error at its line (:mod:`.anchors`; headings are renamed)."""
        for value in anchors.taken(content, self.settings):
            match = re.search(rf"""(#|\bid=["']?){re.escape(value)}\b""", text)
            self._problems.append(
                (
                    text.count("\n", 0, match.start()) + 1 if match else None,
                    f"the id '{value}' is also the id of a part of the page around the article "
                    "(links to it and its label would lead to the wrong place)",
                    f"choose another id, e.g. '{anchors.PREFIX}{value}'",
                )
            )

    def _check_article_keys(self, source_path):
        """A key only articles use, on a page: Pelican ignores it there without a word (a page
        is never on the ticker, the home page's lead, a section or a tag page)."""
        if self._kind(source_path) != "page":
            return
        for key, line in self._header.lines.items():
            if key in ARTICLE_ONLY:
                self._problems.append(
                    (
                        line,
                        f"{key.capitalize()} is for articles: on a page it does nothing "
                        f"({ARTICLE_ONLY[key]})",
                        "remove the line, or write this text as an article in "
                        "content/articles/<year>/",
                    )
                )

    def _check_hidden_keys(self, metadata):
        """``Featured: true``/``Breaking: true`` on a hidden article: Pelican keeps it off every
        listing, so the line has no effect, without a word (an editor hiding a story while it
        leads the home page would believe it still does, or the reverse)."""
        if metadata.get("status") != "hidden" or self._kind(self._source_path) == "page":
            return  # on a page these keys are reported by _check_article_keys
        for key, why in HIDDEN_INERT.items():
            value = str(metadata.get(key, "")).strip().lower()
            if key not in self._header.lines or value in FALSE_WORDS:
                continue
            self._problem(
                key,
                f"{key.capitalize()} does nothing on a hidden article (Status: hidden is "
                f"written at its address and listed nowhere: {why})",
                f"remove the {key.capitalize()} line, or the 'Status: hidden' line to publish "
                "the article as usual",
            )

    def _check_modified(self, metadata):
        """A ``Modified`` before ``Date`` would show "Diperbarui" before the story was out and
        give search engines a ``dateModified`` older than its ``datePublished``."""
        date, modified = metadata.get("date"), metadata.get("modified")
        if hasattr(date, "tzinfo") and hasattr(modified, "tzinfo") and modified < date:
            self._problem(
                "modified",
                f"Modified ({modified:%Y-%m-%d %H:%M}) is before the article's Date "
                f"({date:%Y-%m-%d %H:%M})",
                "write the time of the update (after Date), or remove the Modified line",
            )

    def _problem(self, key, message, fix):
        self._problems.append((self._header.lines.get(key), message, fix))

    def _check_keys(self, source_path):
        known = known_keys(self.settings)
        for key, line in self._header.lines.items():
            if key not in known:
                self._problems.append(
                    (
                        line,
                        f"unknown metadata key {key!r}{suggest(key, sorted(known))}",
                        "fix the spelling or remove the line; known keys are listed in "
                        "plugins/news_metadata/README.md",
                    )
                )
        for line, key in self._header.stray:
            self._problems.append(
                (
                    line,
                    f"'{key}:' is in the article body, not in the header "
                    f"(the header ends at line {self._header.end})",
                    "move it up into the header: no blank line inside the header, and write "
                    f"'{key.capitalize()}: value' with no space before the colon",
                )
            )

    def _check_required(self, source_path, metadata):
        for requirement in REQUIRED[self._kind(source_path)]:
            names = requirement.split("|")
            if any(metadata.get(name) for name in names):
                continue
            written = [name for name in names if name in self._header.lines]
            if written:
                continue  # already reported as invalid where it was written
            label = names[0].capitalize()
            self._problems.append(
                (1, f"the header has no {label}:", f"add the line '{label}: ...' to the header")
            )

    def _kind(self, source_path):
        relative = os.path.relpath(source_path, self.settings["PATH"]).replace(os.sep, "/")
        for page_path in self.settings["PAGE_PATHS"]:
            if relative.startswith(page_path.rstrip("/") + "/"):
                return "page"
        return "article"


def _mixed_separators(value):
    """True when a list value has both ``;`` and ``,`` and no ``;`` at its end: Pelican splits
    on ``;`` alone (``ensure_metadata_list``), so ``banjir; bima, sape`` is two tags, the
    second ``bima, sape``; a trailing ``;`` (the way to write a single name with a comma,
    ``Bima, NTB;``) says the commas belong to the names."""
    return ";" in value and "," in value and not value.rstrip().endswith(";")


def _mixed_problem(value):
    """The ``(message, fix)`` for :func:`_mixed_separators`' ``value``."""
    joined = next(item.strip() for item in value.split(";") if "," in item)
    names = ", ".join(item.strip() for item in re.split("[;,]", value) if item.strip())
    return (
        f"Tags mixes ';' and ',' ({value.strip()!r}): with a ';' in the line only ';' "
        f"separates tags, so {joined!r} would be one tag",
        f"write commas only, e.g. 'Tags: {names}'; if a tag itself has a comma, end the line "
        "with ';' to say so, e.g. 'Tags: Bima, NTB; banjir;'",
    )


def _empty_item(value):
    """True when the list ``value`` (split as Pelican's ``ensure_metadata_list`` does: on ``;``
    if present, else on ``,``) has an empty item other than one trailing separator
    (``banjir, , bima``, ``, , ,``, or only blanks)."""
    items = [item.strip() for item in value.split(";" if ";" in value else ",")]
    if len(items) > 1 and items[-1] == "":
        items.pop()
    return any(item == "" for item in items)
