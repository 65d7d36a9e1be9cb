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
