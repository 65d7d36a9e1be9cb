"""Signal wiring for comments. Receivers are module-level: blinker keeps weak references.

Order within a build:

1. ``initialized``: defaults; ``Id`` becomes a known article key for news_metadata.
2. ``article_generator_finalized`` (every article read, before anything is written): give each
   article its id, read ``content/comments/``, report orphaned folders, thread the comments and
   set ``id``, ``comments_list``, ``comments_all``, ``comment_count`` and ``comments_url`` on
   every article (README: "What templates get").
   Content errors found here fail a strict build in news_metadata's ``all_generators_finalized``
   receiver, before any page is written.
3. ``all_generators_finalized``: find the comment-terms page for the template context.

``generator_init`` adds the ``mailto`` Jinja filter.
"""

import functools
import logging
import os
import re
from urllib.parse import quote

from news_metadata.clock import build_now
from news_metadata.collect import all_contents
from news_metadata.dates import to_wita
from news_metadata.errors import report
from news_metadata.ids import assign_ids
from news_metadata.text import suggest
from pelican import signals

from .render import CommentRenderer
from .settings import apply_defaults
from .storage import scan
from .threads import build_threads

logger = logging.getLogger(__name__)

# The id of the comment section on article pages (theme/templates/partials/comments.html).
SECTION_ANCHOR = "komentar"


def initialize(pelican):
    """``initialized``: fill in COMMENTS_* defaults and register the ``Id`` metadata key."""
    apply_defaults(pelican.settings)


def orphan_fix(name, ids, settings):
    """The fixes for a comment folder whose article is gone, in the order an editor needs
    them: a takedown (archive), a deletion by mistake (restore), a changed Id (rename)."""
    archived = settings.get("NEWS_METADATA_ARCHIVE_PATH", "_arsip")
    archive = f"content/{archived}/{settings['COMMENTS_PATH']}"
    close = suggest(name, ids)
    rename = "rename the folder to the article's new Id"
    if close:
        rename += close.replace(" (did you mean", ", perhaps").replace("?)", "")
    return (
        f"if the article was taken down, archive the comments: move the folder to "
        f"{archive}/{name}/ (never published; make takedown does it for you); if the article "
        f"was deleted by mistake, restore it (git checkout -- <file>); if its Id changed, {rename}"
    )


def attach_comments(generator):
    """``article_generator_finalized``: read, check and thread the comments (module doc)."""
    settings = generator.settings
    articles = all_contents(generator)
    by_id = assign_ids(articles, settings)
    root = os.path.join(settings["PATH"], settings["COMMENTS_PATH"])
    found = scan(root, CommentRenderer(), settings.get("IGNORE_FILES", ()))
    threads = {}
    for name, comments in found.items():
        folder = os.path.join(root, name)
        if name not in by_id:
            report(
                folder,
                None,
                f"comment folder {name!r} belongs to no article: no article has 'Id: {name}'",
                orphan_fix(name, list(by_id), settings),
            )
            continue
        check_dates(comments, by_id[name], build_now())
        threads[name] = (build_threads(comments, folder), comments)
    for article in articles:
        roots, comments = threads.get(article.id, ([], []))
        if by_id.get(article.id) is not article:
            roots, comments = [], []
        # Pelican computes article.url on every access; listings show each card ~6 times.
        url = article.url
        article.comments_anchor = SECTION_ANCHOR
        article.comments_url = f"{url}#{SECTION_ANCHOR}"
        for comment in comments:
            comment.permalink = f"{url}#{comment.anchor}"
        article.comments_list = roots
        article.comments_all = sorted(comments, key=lambda c: c.sort_key)
        article.comment_count = len(comments)


def _wita(value):
    return f"{to_wita(value):%Y-%m-%d %H:%M} WITA"


def check_dates(comments, article, now):
    """Report a comment dated after ``now`` (the build time, UTC; ``SOURCE_DATE_EPOCH`` if set)
    or before its article's own ``Date``: a comment cannot be sent before the article existed
    or in the future, so the date was mistyped (a year, AM/PM, or a time zone other than WITA,
    in which comment and article dates are both written). Both compare as aware datetimes, so
    the zone each was written in does not matter. The comment stays in a dev build."""
    published = getattr(article, "date", None)
    for comment in comments:
        if comment.date is None:
            continue  # reported by the reader
        if comment.date > now:
            what = f"is in the future (the build runs at {_wita(now)})"
        elif published is not None and comment.date < published:
            what = f"is before the article's own Date ({_wita(published)})"
        else:
            continue
        report(
            comment.source_path,
            comment.lines.get("date"),
            f"the comment's Date ({_wita(comment.date)}) {what}",
            "write the date and time (WITA) when the comment was sent, "
            "e.g. 'Date: YYYY-MM-DD HH:MM', after the article's Date and not later than today",
        )


# Letters, digits, space and RFC 3986's other unreserved characters: what ids and the usual
# subject lines are made of. For these, percent-encoding only turns spaces into %20.
_UNRESERVED_OR_SPACE = re.compile(r"[A-Za-z0-9 ._~-]*\Z")


def _quote(text):
    """``urllib.parse.quote(text, safe="")``, without its per-byte loop for plain text."""
    if _UNRESERVED_OR_SPACE.match(text):
        return text.replace(" ", "%20")
    return quote(text, safe="")


@functools.lru_cache(maxsize=64)
def _quote_body(text):
    # RFC 6068, section 5: line breaks in a mailto: body are written %0D%0A.
    return quote(text.replace("\r\n", "\n").replace("\n", "\r\n"), safe="")


def mailto(address, subject, body=""):
    """Jinja filter: a ``mailto:`` URL (RFC 6068) with the subject and body percent-encoded.

    Args:
        address: the editors' address (``COMMENTS_EMAIL``).
        subject: the subject line (plain text).
        body: the text the mail starts with; the same few bodies repeat on every page, so their
            encoding is cached.
    Returns:
        str, e.g. ``mailto:redaksi@x.example?subject=Laporan%20komentar%20...&body=...``
        (templates escape the ``&`` in attributes).
    """
    href = f"mailto:{address}?subject={_quote(subject)}"
    return f"{href}&body={_quote_body(body)}" if body else href


def add_filters(generator):
    """``generator_init``: the ``mailto`` Jinja filter."""
    generator.env.filters["mailto"] = mailto


def find_terms_page(generators):
    """``all_generators_finalized``: put the comment-terms page in the template context as
    ``comments_terms_page`` (a Page, or None with a warning)."""
    if not generators:
        return
    context = generators[0].context
    settings = generators[0].settings
    slug = settings.get("COMMENTS_TERMS_PAGE")
    page = next((p for p in context.get("pages", []) if p.slug == slug), None)
    context["comments_terms_page"] = page
    if slug and page is None:
        logger.warning(
            "comments: no page has Slug %r (COMMENTS_TERMS_PAGE), so the comment section "
            "links to no terms; add content/pages/%s.md",
            slug,
            slug,
        )
    if not settings.get("COMMENTS_FORM_ACTION") and not settings.get("COMMENTS_EMAIL"):
        logger.warning(
            "comments: neither COMMENTS_FORM_ACTION nor COMMENTS_EMAIL is set, so readers "
            "cannot send or report comments; set one in pelicanconf.py"
        )


def register():
    """Connect the receivers (Pelican plugin entry point). Needs news_metadata loaded first."""
    signals.initialized.connect(initialize)
    signals.generator_init.connect(add_filters)
    signals.article_generator_finalized.connect(attach_comments)
    signals.all_generators_finalized.connect(find_terms_page)
