"""The output-path registry: every file a build will write, known before anything is written.

:func:`check_outputs` runs at ``all_generators_finalized`` (every file is read, nothing is
written yet; ``make check`` sends the same signal) and claims, in this order, the path of:
the direct templates (``index``, ``tags``, ...) and their pagination, ``TEMPLATE_PAGES``, the
feeds, the files other plugins declared (:func:`register_output_settings`: sitemaps,
robots.txt, the breaking feed; :func:`register_output_files`: the 404 page, favicon.ico, the
web manifest) and the folders they own (:func:`register_output_folders`: the search index,
the web editor, the text-only edition), the theme's static files, every article, draft and page
(translations too), every category, tag and author page with its pagination and feeds, the
period archives, every static file, and the files plugins write where the content decides
(:func:`register_output_claimer`: the Blogger redirect pages). Two claims of one path, or a
path that leaves the output folder, are content errors naming both sources; the content file's
own claim is withdrawn (``override_save_as = ""``, the static file left out) so a dev build goes
on and the other writer keeps its file (the home page stays the home page).
"""

import os

from pelican.contents import Article, Page, Static
from pelican.paginator import Paginator

from .errors import display_path, report

OUTPUT_SETTINGS_KEY = "NEWS_METADATA_OUTPUT_SETTINGS"
OUTPUT_FOLDERS_KEY = "NEWS_METADATA_OUTPUT_FOLDERS"
OUTPUT_FILES_KEY = "NEWS_METADATA_OUTPUT_FILES"
OUTPUT_CLAIMERS_KEY = "NEWS_METADATA_OUTPUT_CLAIMERS"
FEED_SETTINGS = ("FEED_ATOM", "FEED_RSS", "FEED_ALL_ATOM", "FEED_ALL_RSS")
TAXONOMY_FEEDS = {
    "category": ("CATEGORY_FEED_ATOM", "CATEGORY_FEED_RSS"),
    "tag": ("TAG_FEED_ATOM", "TAG_FEED_RSS"),
    "author": ("AUTHOR_FEED_ATOM", "AUTHOR_FEED_RSS"),
}


def register_output_settings(settings, names):
    """Declare settings whose value is a file another plugin writes (``NEWS_SEO_SITEMAP``).

    Args:
        settings: Pelican's settings (dict), at ``initialized``.
        names: setting names (iterable of str); an empty or missing setting writes nothing.
    """
    _declare(settings, OUTPUT_SETTINGS_KEY, names)


def register_output_folders(settings, names):
    """Declare settings whose value is a folder another plugin fills and replaces as a whole
    (``SEARCH_OUTPUT_PATH``: the search index is rebuilt from scratch): no article, page or
    static file may be written inside it, or the plugin would delete it.

    Args:
        settings: Pelican's settings (dict), at ``initialized``.
        names: setting names (iterable of str); an empty or missing setting reserves nothing.
    """
    _declare(settings, OUTPUT_FOLDERS_KEY, names)


def register_output_files(settings, files):
    """Declare files another plugin writes at a fixed path, not named by a setting
    (front_page: ``404.html``, ``favicon.ico``, ``manifest.webmanifest``).

    Args:
        settings: Pelican's settings (dict), at ``initialized``.
        files: output path (str, relative to the output folder) -> a phrase naming the file
            for the messages (``"the 404 page"``).
    """
    settings[OUTPUT_FILES_KEY] = {**(settings.get(OUTPUT_FILES_KEY) or {}), **files}


def register_output_claimer(settings, claimer):
    """Declare a function naming files a plugin writes at paths the content decides
    (blogger_redirects: a redirect page per old Blogger URL).

    Args:
        settings: Pelican's settings (dict), at ``initialized``.
        claimer: ``claimer(context, settings)`` -> {output path (relative to the output
            folder): a phrase naming the file for the messages}; called by
            :func:`check_outputs` once every content file has claimed its path, so a content
            file on one of those paths is reported like any other conflict (its claim
            withdrawn, the plugin's file kept).
    """
    claimers = list(settings.get(OUTPUT_CLAIMERS_KEY) or [])
    if claimer not in claimers:
        claimers.append(claimer)
    settings[OUTPUT_CLAIMERS_KEY] = claimers


def _declare(settings, key, names):
    declared = list(settings.get(key) or [])
    declared += [name for name in names if name not in declared]
    settings[key] = declared


def normalize(path):
    """The output path as the writer resolves it (``/x//y.html`` -> ``x/y.html``), or None when
    it leaves the output folder (``../x``)."""
    cleaned = os.path.normpath(str(path).lstrip("/"))
    if cleaned == ".." or cleaned.startswith(("../", "/")) or os.path.isabs(cleaned):
        return None
    return cleaned


class _Claim:
    def __init__(self, label, content=None, path=None):
        self.label = label
        self.content = content
        self.path = path


class Registry:
    """Output path -> the first claim; reports conflicts as they are claimed."""

    def __init__(self):
        self.claims = {}
        self.folders = {}
        # folder -> the first claim of a path below it: a file there would be a folder too
        self.parents = {}
        # case-folded path -> its first claim: paths that differ only in capitals
        self.folded = {}

    def reserve(self, folder, label):
        """Reserve ``folder`` (relative to the output folder) and everything below it for
        ``label``; a later claim of a path inside it is a conflict with ``label``."""
        where = normalize(folder) if folder else None
        if where and where != ".":
            self.folders[where] = _Claim(label)

    def claim(self, path, label, content=None):
        """Claim ``path`` (relative to the output folder) for ``label`` (a phrase naming the
        writer), or for ``content`` (an Article, Page or Static). Returns True when kept."""
        if not path:
            return True
        where = normalize(path)
        if where is None:
            self._outside(path, label, content)
            return False
        new = _Claim(label, content, where)
        first = self.claims.get(where) or self.folder_of(where)
        if first is not None:
            if _conflict(where, first, new) and self.claims.get(where) is first:
                self.claims[where] = new  # the first was withdrawn: its Save_as made the path
                return True
            return False
        folders = _folders_above(where)
        other = self.parents.get(where) or next(
            (self.claims[folder] for folder in folders if folder in self.claims), None
        )
        if other is not None:
            _file_and_folder(first=other, new=new)
            return False
        self.claims[where] = new
        folded = self.folded.setdefault(where.casefold(), new)
        if folded is not new:
            _same_but_case(folded, new)
        for folder in folders:
            self.parents.setdefault(folder, new)
        return True

    def folder_of(self, where):
        """The reserved folder's claim that ``where`` (a normalized path) lies in, or None."""
        for folder, claim in self.folders.items():
            if where == folder or where.startswith(folder + "/"):
                return claim
        return None

    def _outside(self, path, label, content):
        if content is not None:
            lines = getattr(content, "news_lines", {})
            report(
                content.source_path,
                lines.get("save_as") or lines.get("url"),
                f"this {_kind(content)} would be written to {path!r}, outside the output folder",
                "write a path inside the site, e.g. 'Save_as: p/nama-halaman.html', or remove "
                "the line",
            )
            _withdraw(content)
        else:
            report("pelicanconf.py", None, f"{label} would be written to {path!r}, outside "
                   "the output folder", "give a path inside the site")  # fmt: skip


def _folders_above(where):
    """``a/b/c.html`` -> ``["a/b", "a"]``."""
    folders = []
    while "/" in where:
        where = where.rsplit("/", 1)[0]
        folders.append(where)
    return folders


def _file_and_folder(first, new):
    """Report a path one claim writes as a file while the other writes below it (the writer
    would fail on the second with ``FileExistsError`` or ``NotADirectoryError``, naming no
    content file); the claim of the content file with a ``Save_as`` line (else the new one)
    is withdrawn."""
    claims = [c for c in (new, first) if c.content is not None]
    if not claims:
        report("pelicanconf.py", None, f"{first.label} would be written to {first.path} and "
               f"{new.label} to {new.path}: one path cannot be a file and a folder",
               "give one of the two settings another path")  # fmt: skip
        return
    mine = next((c for c in claims if "save_as" in getattr(c.content, "news_lines", {})), claims[0])
    other = first if mine is new else new
    other_label = (
        display_path(other.content.source_path) if other.content is not None else other.label
    )
    lines = getattr(mine.content, "news_lines", {})
    report(
        mine.content.source_path,
        lines.get("save_as") or lines.get("slug") or lines.get("title"),
        f"this {_kind(mine.content)} would be written to {mine.path}, and {other_label} to "
        f"{other.path}: one path cannot be a file and a folder",
        "remove the Save_as line or give a path no other page uses (e.g. "
        "'Save_as: p/nama-halaman.html')",
    )
    _withdraw(mine.content)


def _same_but_case(first, new):
    """Report two output paths that differ only in capitals (``2024/05/Banjir.html``,
    ``2024/05/banjir.html``): hosting that ignores case (S3-compatible buckets behind some
    CDNs, Windows and macOS folders an rsync target may be) keeps one of the two files. Two
    static files are left to the inventory (their content files collide the same way)."""
    if isinstance(first.content, Static) and isinstance(new.content, Static):
        return
    claims = [c for c in (new, first) if c.content is not None]
    if not claims:
        report("pelicanconf.py", None, f"{first.label} would be written to {first.path} and "
               f"{new.label} to {new.path}, which differ only in capitals",
               "give one of the two settings another path")  # fmt: skip
        return
    # On the file whose Save_as line made the path, else on the later one.
    mine = next((c for c in claims if "save_as" in getattr(c.content, "news_lines", {})), claims[0])
    other = first if mine is new else new
    other_label = (
        display_path(other.content.source_path) if other.content is not None else other.label
    )
    lines = getattr(mine.content, "news_lines", {})
    report(
        mine.content.source_path,
        lines.get("save_as") or lines.get("slug") or lines.get("title"),
        f"this {_kind(mine.content)} would be written to {mine.path}, and {other_label} to "
        f"{other.path}: the two differ only in capitals, and hosting that ignores case keeps "
        "only one of them",
        "write the Save_as (and Url) in lower case, or give one of them another path",
    )


def _kind(content):
    if isinstance(content, Static):
        return "file"
    return "page" if isinstance(content, Page) else "article"


def _withdraw(content):
    if isinstance(content, Static):
        content.news_refused = True
    else:
        content.override_save_as = ""


def _conflict(where, first, new):
    """Report two writers of ``where``; the content file's claim is withdrawn. Returns True
    when that was ``first``'s (two articles or pages, and only the first has a Save_as line)."""
    if (
        first.content is not None
        and new.content is not None
        and not isinstance(new.content, Static)
    ):
        content, other = new.content, first.content
        if "save_as" in _lines(other) and "save_as" not in _lines(content):
            content, other = other, content
        _same_path(where, content, other)
        _withdraw(content)
        return content is first.content
    content = new.content or first.content
    other = first if new.content is not None or first.content is None else new
    if content is None:
        report("pelicanconf.py", None, f"{first.label} and {new.label} would both be written to "
               f"{where}", "give one of the two settings another path")  # fmt: skip
        return
    other_label = (
        display_path(other.content.source_path) if other.content is not None else other.label
    )
    lines = getattr(content, "news_lines", {})
    report(
        content.source_path,
        lines.get("save_as") or lines.get("slug") or lines.get("title"),
        f"this {_kind(content)} would be written to {where}, which is also {other_label}",
        "remove the Save_as line or give a path no other page uses (e.g. "
        "'Save_as: p/nama-halaman.html')",
    )
    _withdraw(content)


def _lines(content):
    return getattr(content, "news_lines", {})


def _same_path(where, content, other):
    """Report ``content`` written to ``where`` like ``other``: by the Save_as line when it has
    one (its slug is not what made the path then), else by the slug the two share."""
    lines = _lines(content)
    if "save_as" in lines:
        also = " (by its Save_as line too)" if "save_as" in _lines(other) else ""
        report(
            content.source_path,
            lines["save_as"],
            f"this {_kind(content)} would be written to {where} by its Save_as line, where "
            f"{display_path(other.source_path)} is written{also}",
            "change the Save_as line (and the Url line) to a path no other file uses, or delete "
            "both to use the address made from the Title",
        )
        return
    report(
        content.source_path,
        lines.get("slug") or lines.get("title"),
        f"this {_kind(content)} would be written to {where}, like "
        f"{display_path(other.source_path)} (same slug '{getattr(content, 'slug', '')}')",
        "give one of them a different Title, or add a line 'Slug: another-slug' to its header",
    )


def check_outputs(context, settings, generators=()):
    """Claim every output path of the build (see the module doc); report the conflicts.

    Args:
        context: Pelican's shared context after every generator's ``generate_context``.
        settings: Pelican's settings.
        generators: the build's generators (the static generator's list is filtered).
    Returns:
        the :class:`Registry` (``claims``: normalized path -> claim).
    """
    registry = Registry()
    articles = context.get("articles", [])
    _direct_templates(registry, context, settings, articles)
    for source, dest in (settings.get("TEMPLATE_PAGES") or {}).items():
        registry.claim(dest, f"TEMPLATE_PAGES {source!r}")
    for name in FEED_SETTINGS:
        registry.claim(settings.get(name), f"the feed {name}")
    for name in settings.get(OUTPUT_SETTINGS_KEY) or []:
        registry.claim(settings.get(name), f"{name} ({settings.get(name)})")
    for path, label in (settings.get(OUTPUT_FILES_KEY) or {}).items():
        registry.claim(path, label)
    for name in settings.get(OUTPUT_FOLDERS_KEY) or []:
        registry.reserve(
            settings.get(name), f"inside the folder {settings.get(name)}/, which {name} reserves"
        )
    _theme_static(registry, settings)
    contents = []
    for key in ("articles", "hidden_articles", "drafts", "pages", "hidden_pages", "draft_pages"):
        for content in context.get(key, []):
            contents.append(content)
            contents.extend(getattr(content, "translations", []))
    seen = set()
    for content in sorted(contents, key=lambda c: c.source_path):
        if id(content) in seen or not isinstance(content, Article | Page):
            continue
        seen.add(id(content))
        registry.claim(content.save_as, "", content)
    _same_slugs([c for c in contents if id(c) in seen])
    _taxonomies(registry, context, settings)
    _period_archives(registry, settings, articles)
    for static in sorted(context.get("staticfiles", []), key=lambda s: s.source_path):
        registry.claim(static.save_as, "", static)
    for claimer in settings.get(OUTPUT_CLAIMERS_KEY) or []:
        for path, label in claimer(context, settings).items():
            registry.claim(path, label)
    kept = [s for s in context.get("staticfiles", []) if not getattr(s, "news_refused", False)]
    if "staticfiles" in context:
        context["staticfiles"] = kept  # what StaticGenerator.generate_output copies
    for generator in generators:
        if hasattr(generator, "staticfiles"):
            generator.staticfiles = kept
    return registry


def _same_slugs(contents):
    """Report a second article (or page) with the slug and language of another one, written to a
    different path (``2024/05/banjir.html`` and ``2025/05/banjir.html``): Pelican treats items
    with one slug as translations of each other and only warns (``There are 2 original items``,
    silenced by :class:`errors.SameSlugWarnings`), and the slug no longer names one story. The
    file that sorts second (by source path) gets the error; one already refused for a shared
    output path is not reported twice."""
    first = {}
    for content in sorted(contents, key=lambda c: c.source_path):
        key = (_kind(content), getattr(content, "slug", None), getattr(content, "lang", None))
        if not key[1]:
            continue
        if key not in first:
            first[key] = content
            continue
        other = first[key]
        if getattr(content, "override_save_as", None) == "" or (
            other.source_path == content.source_path
        ):
            continue  # already reported as a shared output path; or one file read twice
        lines = getattr(content, "news_lines", {})
        report(
            content.source_path,
            lines.get("slug") or lines.get("title"),
            f"this {_kind(content)} has the slug '{key[1]}', like "
            f"{display_path(other.source_path)} (the same Title or Slug twice; Pelican would "
            "treat one as a translation of the other)",
            "give one of them a different Title, or add a line 'Slug: another-slug' to its header",
        )


def _paginated(registry, name, save_as, url, items, settings, label):
    if not save_as:
        return
    per_page = settings.get("DEFAULT_PAGINATION") if name in (
        settings.get("PAGINATED_TEMPLATES") or {}
    ) else None  # fmt: skip
    override = (settings.get("PAGINATED_TEMPLATES") or {}).get(name)
    paginator = Paginator(save_as, url, list(items), settings, override or per_page)
    for number in paginator.page_range:
        registry.claim(paginator.page(number).save_as, label if number == 1 else
                       f"{label}, page {number}")  # fmt: skip


def _direct_templates(registry, context, settings, articles):
    for name in settings.get("DIRECT_TEMPLATES", []):
        upper = name.upper()
        save_as = settings.get(f"{upper}_SAVE_AS", f"{name}.html")
        url = settings.get(f"{upper}_URL", f"{name}.html")
        label = "the home page" if name == "index" else f"the {name} page"
        _paginated(registry, name, save_as, url, articles, settings, label)


def _theme_static(registry, settings):
    theme = settings.get("THEME", "")
    destination = settings.get("THEME_STATIC_DIR", "theme")
    for folder in settings.get("THEME_STATIC_PATHS", ["static"]):
        root = os.path.join(theme, folder)
        for directory, _, files in os.walk(root):
            for name in files:
                relative = os.path.relpath(os.path.join(directory, name), root)
                registry.claim(
                    os.path.join(destination, relative), f"the theme file {folder}/{relative}"
                )


def _taxonomies(registry, context, settings):
    for kind, key in (("category", "categories"), ("tag", "tags"), ("author", "authors")):
        items = context.get(key, [])
        for wrapper, wrapped_articles in items:
            label = f"the {kind} page of '{wrapper.name}'"
            _paginated(registry, kind, wrapper.save_as, wrapper.url, wrapped_articles, settings,
                       label)  # fmt: skip
            for feed in TAXONOMY_FEEDS[kind]:
                if settings.get(feed):
                    registry.claim(
                        str(settings[feed]).format(slug=wrapper.slug),
                        f"the {kind} feed of '{wrapper.name}'",
                    )


def _period_archives(registry, settings, articles):
    for period, fmt in (("year", "YEAR"), ("month", "MONTH"), ("day", "DAY")):
        pattern = settings.get(f"{fmt}_ARCHIVE_SAVE_AS")
        if not pattern:
            continue
        for path in sorted({pattern.format(date=a.date) for a in articles}):
            registry.claim(path, f"the {period} archive")
