"""Which breaking articles are in the ticker, and until when.

An article with ``Breaking: true`` is in the ticker from its ``Date`` until its expiry:
``Breaking_until:`` when the article has one (it replaces the default, shorter or longer),
otherwise ``Date`` + ``BREAKING_NEWS_MAX_AGE``. "Now" is the build's time
(:func:`news_metadata.clock.build_now`: ``SOURCE_DATE_EPOCH`` when set, else the clock), so a
build is reproducible and tests can pin it; a page built earlier hides expired items with the
optional script (see the theme partial).
"""

from news_metadata.dates import DATE_FIX, format_iso, parse_date, to_wita
from news_metadata.errors import report

from .settings import METADATA_KEY

_KEY = METADATA_KEY.lower()
_FIX = DATE_FIX.replace("Date:", f"{METADATA_KEY}:").replace("09:30", "21:00")


def set_expiry(article, max_age) -> None:
    """Parse the article's ``Breaking_until`` and set ``breaking_until`` and ``breaking_expires``.

    Args:
        article: a Pelican ``Article`` (``breaking`` and ``news_lines`` set by news_metadata);
            its ``breaking_until`` attribute, when present, is the editor's text.
        max_age: ``timedelta``, how long an item without ``Breaking_until`` stays.
    Sets:
        ``article.breaking_until``: aware ``datetime`` (WITA) or None;
        ``article.breaking_expires``: aware ``datetime`` (WITA), or None when the article is
        not breaking.
    Problems (not a date, no ``Breaking: true``, earlier than ``Date``) are reported through
    :func:`news_metadata.errors.report` and the value is ignored.
    """
    text = getattr(article, _KEY, None)
    line = getattr(article, "news_lines", {}).get(_KEY)
    path = article.source_path
    until = None
    if isinstance(text, str):
        try:
            until = to_wita(parse_date(text))
        except ValueError as exc:
            report(path, line, f"{METADATA_KEY} {exc}", _FIX)
    breaking = getattr(article, "breaking", False) is True
    date = getattr(article, "date", None)
    if until is not None and not breaking:
        report(
            path,
            line,
            f"{METADATA_KEY} is set but the article is not breaking news",
            f"add 'Breaking: true' to the header, or remove the {METADATA_KEY} line",
        )
        until = None
    if until is not None and date is not None and until <= date:
        report(
            path,
            line,
            f"{METADATA_KEY} ({until:%Y-%m-%d %H:%M}) is not after the article's Date "
            f"({to_wita(date):%Y-%m-%d %H:%M})",
            f"write a time after Date, or remove the {METADATA_KEY} line",
        )
        until = None
    article.breaking_until = until
    if not breaking or date is None:
        article.breaking_expires = None
    else:
        article.breaking_expires = until or to_wita(date + max_age)


def is_live(article, now):
    """True when ``article`` is breaking news at ``now``: ``Date <= now < breaking_expires``.

    The one definition of the window, used by the ticker and by the label on the article and
    its cards, so both expire at the same moment.
    """
    expires = getattr(article, "breaking_expires", None)
    return expires is not None and article.date <= now < expires


def set_live(article, now) -> None:
    """Set ``article.breaking_live`` (bool) from :func:`is_live` at ``now`` (aware datetime)."""
    article.breaking_live = is_live(article, now)


def ticker_items(articles, now, max_items):
    """Return the articles to show in the ticker.

    Args:
        articles: published ``Article`` objects with ``breaking_expires`` set (:func:`set_expiry`).
        now: aware ``datetime``, the build's time.
        max_items: int, the most headlines to return.

    Returns:
        list of articles with ``date <= now < breaking_expires``, newest ``date`` first, at most
        ``max_items``. An article dated after ``now`` is not shown yet.
    """
    live = [article for article in articles if is_live(article, now)]
    live.sort(key=lambda article: article.date, reverse=True)
    return live[:max_items]


def ticker_entries(articles):
    """Return what the ticker template shows, computed once per build (not once per page).

    Args:
        articles: the result of :func:`ticker_items`.

    Returns:
        list of dicts: ``url`` (the article's URL relative to SITEURL), ``title`` (the
        headline as Pelican's HTML, typogrified and escaped), ``title_plain``, ``date`` and
        ``expires`` (ISO 8601 in WITA, ``+08:00``).
    """
    return [
        {
            "url": article.url,
            "title": article.title,
            "title_plain": getattr(article, "title_plain", article.title),
            "date": format_iso(article.date),
            "expires": format_iso(article.breaking_expires),
        }
        for article in articles
    ]
