"""Reading editors' dates and formatting them in Indonesian (WITA).

Editors write local time in WITA (Asia/Makassar, UTC+8). Accepted forms:
- ISO 8601: ``2024-03-12``, ``2024-03-12 09:30``, ``2024-03-12T09:30:00``, with an optional
  offset (``+08:00``, ``Z``).
- Day first, the Indonesian habit: ``12/03/2024``, ``12-03-2024``, ``12.03.2024``, with an
  optional time ``09:30`` or ``09.30``. ``12/03/2024`` is 12 March, never 3 December.
Anything else is rejected: a guessed date is worse than an error. Years outside
1900–2100 are rejected too (``0001-01-01`` is a slip of the keyboard, and converting it
between zones overflows ``datetime``: an ``OverflowError`` deep in a sort or a feed).

Display follows the design card: Babel patterns ``EEEE, d MMMM y`` and ``HH.mm`` plus the
zone's short name, e.g. ``Minggu, 29 November 2026 09.00 WITA``. The OS locale is never used.
"""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_datetime

WITA = ZoneInfo("Asia/Makassar")

_DAY_FIRST = re.compile(
    r"^(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})"
    r"(?:[ T]+(?P<H>\d{1,2})[:.](?P<M>\d{2})(?:[:.](?P<S>\d{2}))?)?$"
)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")

MIN_YEAR = 1900
MAX_YEAR = 2100

DATE_FIX = "write it as YYYY-MM-DD HH:MM in WITA, e.g. Date: 2024-03-12 09:30"


def parse_date(text):
    """Parse an editor's date string.

    Args:
        text: the value after ``Date:`` or ``Modified:``.
    Returns:
        ``datetime``: naive (meaning WITA, Pelican's TIMEZONE attaches it) when the text has no
        offset, otherwise aware and converted to WITA (so the URL's ``{date:%Y/%m}`` is the
        WITA date the page shows).
    Raises:
        ValueError: the text is not one of the accepted forms, names an impossible date
        (31 February), or a year outside ``MIN_YEAR``–``MAX_YEAR`` (1900–2100).
        The message says what was wrong, in English, for the error report.
    """
    value = text.strip().replace("_", " ")
    if not value:
        raise ValueError("is empty")
    match = _DAY_FIRST.match(value)
    if match:
        parts = {k: int(v) for k, v in match.groupdict(default="0").items()}
        _check_year(value, parts["y"])
        try:
            return datetime(parts["y"], parts["m"], parts["d"], parts["H"], parts["M"], parts["S"])
        except ValueError as exc:
            raise ValueError(f"{value!r} is not a real date (read day first): {exc}") from None
    if _ISO_DATE.match(value):
        _check_year(value, int(value[:4]))
        iso = value[:-1] + "+00:00" if value.endswith("Z") else value
        try:
            parsed = datetime.fromisoformat(iso)
        except ValueError as exc:
            raise ValueError(f"{value!r} is not a real date: {exc}") from None
        return parsed if parsed.tzinfo is None else parsed.astimezone(WITA)
    raise ValueError(f"{value!r} is not a date this site accepts")


def _check_year(value, year):
    """Raise ``ValueError`` when ``year`` is outside 1900–2100 (checked before any zone maths)."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(
            f"{value!r} has the year {year}: this site accepts years {MIN_YEAR}–{MAX_YEAR}"
        )


def to_wita(value):
    """Return ``value`` (an aware ``datetime``, or naive meaning WITA) converted to WITA."""
    if value.tzinfo is None:
        return value.replace(tzinfo=WITA)
    return value.astimezone(WITA)


def format_wita(value, locale="id"):
    """Jinja filter ``wita``: ``Minggu, 29 November 2026 09.00 WITA``.

    Args:
        value: aware or naive (WITA) ``datetime``.
        locale: a Babel locale name.
    Returns:
        str, plain text. The zone's short name comes from CLDR via Babel (``z``).
    """
    return format_datetime(to_wita(value), "EEEE, d MMMM y HH.mm z", tzinfo=WITA, locale=locale)


def format_wita_date(value, locale="id"):
    """Jinja filter ``wita_date``: ``29 November 2026`` (the day in WITA)."""
    return format_datetime(to_wita(value), "d MMMM y", tzinfo=WITA, locale=locale)


def format_iso(value):
    """Jinja filter ``isoformat``: ISO 8601 in WITA with offset, ``2026-11-29T09:00:00+08:00``.

    For ``<time datetime>``, feeds and structured data.
    """
    return to_wita(value).isoformat(timespec="seconds")
