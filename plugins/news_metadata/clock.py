"""The build's notion of "now".

Reproducible-builds convention (https://reproducible-builds.org/specs/source-date-epoch/):
when ``SOURCE_DATE_EPOCH`` is set, it is "now" (so breaking-news expiry, the news sitemap window
and scheduled articles give the same output for the same input); otherwise the system clock.
"""

import os
from datetime import UTC, datetime


def build_now(environ=None):
    """Return the build time as an aware UTC ``datetime``.

    Args:
        environ: a mapping to read ``SOURCE_DATE_EPOCH`` from (default ``os.environ``).
    Raises:
        ValueError: ``SOURCE_DATE_EPOCH`` is set but not a whole number of seconds.
    """
    value = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return datetime.now(UTC)
    if not value.isdigit():
        raise ValueError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970, got {value!r}")
    return datetime.fromtimestamp(int(value), UTC)


# An empty feed's <updated> on a site with no article yet: a fixed moment, never the clock.
NO_ARTICLE_YET = datetime(1970, 1, 1, tzinfo=UTC)


def newest_update(articles) -> datetime:
    """Return the latest ``modified`` or ``date`` of ``articles`` (Pelican content objects
    with aware dates), or :data:`NO_ARTICLE_YET` when there is none.

    An empty feed's ``<updated>`` (feedgenerator falls back to the wall clock): the same input
    then gives the same feed, with or without ``SOURCE_DATE_EPOCH``, and the moment is when
    the site last changed, which is what Atom's ``updated`` means (RFC 4287, 4.2.15).
    """
    moments = [getattr(a, "modified", None) or a.date for a in articles]
    return max(moments, default=NO_ARTICLE_YET)


# Moments after "now" at which this build's output would differ (a scheduled article goes
# public, a breaking label expires, ...): make publish keeps the earliest as the stamp's
# ``changes_at`` and builds again once it has passed, even when no input changed.
_moments: list[datetime] = []


def start_moments() -> None:
    """Forget the moments of an earlier build (news_metadata's ``initialized`` receiver)."""
    _moments.clear()


def add_moment(moment) -> None:
    """Record that the output of this build changes at ``moment``.

    Args:
        moment: an aware ``datetime`` (any zone), or None (ignored, for callers whose value is
            optional). A moment at or before "now" changes nothing later and is dropped by
            :func:`next_moment`.
    Raises:
        ValueError: ``moment`` is naive (its zone would be a guess).
    """
    if moment is None:
        return
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"add_moment needs an aware datetime, got {moment!r}")
    _moments.append(moment)


def moments() -> list[datetime]:
    """Return the moments recorded since :func:`start_moments`, in the order added."""
    return list(_moments)


def next_moment(now) -> datetime | None:
    """Return the earliest recorded moment after ``now`` (aware), as UTC, or None."""
    later = [moment for moment in _moments if moment > now]
    return min(later).astimezone(UTC) if later else None
