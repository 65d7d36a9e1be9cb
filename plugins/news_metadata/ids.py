"""Article ids: the rule, the fallback, fresh ids, and the one check that no two articles share one.

An article's ``Id:`` is the stable name other data refers to (its comments live in
``content/comments/<article-id>/``, corrections and ``make takedown`` name it): it must survive a
change of the article's title, slug or file name, so it is written once (``make new`` writes e.g.
``Id: 20250814-3fa9c2``: the publication date and a random token). An article without ``Id:``
falls back to its source path below the article folder (``articles/2024/banjir.md`` ->
``2024-banjir``): nothing breaks for an article nothing refers to, and if such a file is renamed
after it got comments, the orphaned folder is a reported content error whose fix is to add
``Id: <old id>`` to the article, so nothing is lost.

``id`` is a key of the content model (:data:`news_metadata.settings.CONTENT_MODEL_KEYS`); no plugin
needs to register it.
"""

import hashlib
import os
import re
import secrets
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import datetime

from pelican.contents import Article, Content

from .errors import display_path, report

ARTICLE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ARTICLE_ID_MAX = 80
ARTICLE_ID_FIX = (
    "use lowercase letters, digits and hyphens only, e.g. 'Id: 20241205-kaki-si-intens' "
    "(the date and a word or two); never change it once the article has comments"
)


def article_id_problem(value: str) -> str | None:
    """Return what is wrong with an ``Id:`` value (an English phrase), or None when it is valid.

    Args:
        value: the text after ``Id:``.
    """
    if not value:
        return "Id is empty"
    if len(value) > ARTICLE_ID_MAX:
        return f"Id {value!r} is longer than {ARTICLE_ID_MAX} characters"
    if not ARTICLE_ID.match(value):
        return f"Id {value!r} is not a valid article id"
    return None


def fallback_id(source_path: str, content_path: str, article_paths: Iterable[str]) -> str:
    """The id of an article without ``Id:``: its path below the article folder, as one token.

    Args:
        source_path: the article's file (absolute, or relative to the working directory).
        content_path: Pelican's ``PATH``.
        article_paths: Pelican's ``ARTICLE_PATHS`` (folders below ``PATH``).
    Returns:
        str matching :data:`ARTICLE_ID`, e.g. ``"2024-banjir-padolo"`` for
        ``content/articles/2024/banjir-padolo.md``.
    """
    relative = os.path.relpath(source_path, content_path).replace(os.sep, "/")
    for folder in article_paths:
        prefix = folder.strip("/") + "/"
        if prefix != "/" and relative.startswith(prefix):
            relative = relative[len(prefix) :]
            break
    stem = os.path.splitext(relative)[0]
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "artikel"


def article_id(article: Content, settings: Mapping) -> str:
    """An article's id: its ``Id:`` (stripped) when it has one, else :func:`fallback_id`.

    Args:
        article: a Pelican Article (or Page; pages use the same rule).
        settings: Pelican's settings (``PATH``, ``ARTICLE_PATHS``).
    """
    value = article.metadata.get("id")
    if value is not None and str(value).strip():
        return str(value).strip()
    return fallback_id(article.source_path, settings["PATH"], settings["ARTICLE_PATHS"])


def new_id(date: datetime, token: str | None = None) -> str:
    """Return a fresh article Id such as ``20250814-3fa9c2`` (what ``make new`` writes).

    Args:
        date: the article's date (a ``datetime``; its calendar day is used as written).
        token: six hex digits to use instead of random ones (tests).
    """
    return f"{date:%Y%m%d}-{token or secrets.token_hex(3)}"


def assign_ids(articles: Iterable[Article], settings: Mapping) -> dict[str, Article]:
    """Set ``article.id`` on every article (:func:`article_id`) and report invalid ``Id:`` values.

    Args:
        articles: Article objects, in a stable order (the first of two equal ids keeps it).
        settings: Pelican's settings dict.
    Returns:
        dict: article id -> the first Article with it (a shared id is reported by
        :func:`check_duplicate_ids`, once).
    """
    by_id = {}
    for article in articles:
        explicit = getattr(article, "id", None)
        value = article_id(article, settings)
        if explicit is not None:
            problem = article_id_problem(str(explicit).strip())
            if problem:
                line = getattr(article, "news_lines", {}).get("id")
                report(article.source_path, line, problem, ARTICLE_ID_FIX)
        article.id = value
        by_id.setdefault(value, article)
    return by_id


def check_duplicate_ids(contents: Iterable[Content], settings: Mapping) -> None:
    """Report every article or page whose id (:func:`article_id`) another one owns (see below).

    The one whose Date the id starts with (``make new``'s ids do), else the oldest (by Date,
    then source path) keeps the id: its comments and corrections are filed under it. Two with
    the same Date cannot be told apart here (a copy keeps its original's Date), so the message
    asks the editor to give the copy the new Id instead of naming one.
    The suggested Id is the same in every run (``make check`` and ``make publish`` agree).

    Args:
        contents: Articles and Pages. Pages count only with an explicit ``Id:``.
        settings: Pelican's settings dict.
    """
    owners = defaultdict(list)
    for content in contents:
        if isinstance(content, Article) or str(content.metadata.get("id") or "").strip():
            owners[article_id(content, settings)].append(content)
    for value, group in owners.items():
        group.sort(key=lambda content: (not _dated_by(value, content), *_age(content)))
        keeper = group[0]
        for content in group[1:]:
            _report_shared(value, keeper, content)


def _dated_by(value: str, content: Content) -> bool:
    """Whether the id starts with the content's own Date (``20250210-...`` on an article of
    10 February 2025, as ``make new`` writes it): that article is the id's owner, even when a
    copy of it was given an earlier Date."""
    date = getattr(content, "date", None)
    return bool(date) and value.startswith(date.strftime("%Y%m%d") + "-")


def _age(content: Content) -> tuple:
    date = getattr(content, "date", None)
    return (date is None, date.timestamp() if date else 0, content.source_path)


def _report_shared(value: str, keeper: Content, content: Content) -> None:
    date = getattr(content, "date", None)
    token = hashlib.sha256(display_path(content.source_path).encode()).hexdigest()[:6]
    fresh = new_id(date, token) if date else token
    if date and date == getattr(keeper, "date", None):
        fix = (
            f"every article needs its own Id: both have the same Date, so write 'Id: {fresh}' "
            "in whichever of the two is the copy (the original keeps its Id: its comments and "
            "corrections are filed under it)"
        )
    elif _age(content) < _age(keeper):  # the owner by its Date (_dated_by), not by age
        fix = (
            f"every article needs its own Id: it starts with the other one's Date, so it stays "
            f"there; write 'Id: {fresh}' here"
        )
    else:
        fix = (
            f"every article needs its own Id: keep it on the older one and write 'Id: {fresh}' here"
        )
    report(
        content.source_path,
        getattr(content, "news_lines", {}).get("id"),
        f"Id '{value}' is also the Id of {display_path(keeper.source_path)}",
        fix,
    )
