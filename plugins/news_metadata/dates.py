"""Reading editors' dates and formatting them in Indonesian (WITA).

Editors write local time in WITA (Asia/Makassar, UTC+8). Accepted forms (:func:`parse_date`):
year first (``2024-03-12 09:30``, also with one-digit parts, ``2024-3-5 9:05``) or day first
(``12/03/2024 09.30``, 12 March), a time after a space, ``T`` or comma, and an optional zone
(``WIB``, ``WITA``, ``WIT`` by their CLDR names, ``UTC``, ``+07:00``), converted to WITA.
Anything else is rejected: a guessed date is worse than an error. Years outside
1900–2100 are rejected too (``0001-01-01`` is a slip of the keyboard, and converting it
between zones overflows ``datetime``: an ``OverflowError`` deep in a sort or a feed).

Display follows the design card: Babel patterns ``EEEE, d MMMM y`` and ``HH.mm`` plus the
zone's short name, e.g. ``Minggu, 29 November 2026 09.00 WITA``. The OS locale is never used.
"""

import re
from datetime import UTC, datetime, timedelta, timezone
from functools import cache
from zoneinfo import ZoneInfo

from babel.core import get_global
from babel.dates import format_datetime

WITA = ZoneInfo("Asia/Makassar")

# The time after the date: "09:30", "9.30", "09:30:15", "09:30:15.5"; and a zone after it.
_TIME = r"(?:[ T]+(?P<H>\d{1,2})[:.](?P<M>\d{2})(?:[:.](?P<S>\d{2})(?:\.(?P<f>\d{1,6}))?)?)?"
_ZONE = r"(?:\s*(?P<zone>Z|[+-]\d{2}(?::?\d{2})?|[A-Za-z]{2,5}))?"
_YEAR_FIRST = re.compile(
    r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})" + _TIME + _ZONE + "$", re.IGNORECASE
)
_DAY_FIRST = re.compile(
    r"^(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})" + _TIME + _ZONE + "$", re.IGNORECASE
)
# "2026-12-04, 10:00" and "2026-12-04 , 10:00": the comma a phone's keyboard suggests.
_COMMA = re.compile(r"(?<=\d)\s*,\s*(?=\d)")

MIN_YEAR = 1900
MAX_YEAR = 2100
UTC_NAMES = ("Z", "UTC", "GMT")

# The form to write (for a date that was read but is wrong: before the article, in the future).
DATE_FORM = "write it as YYYY-MM-DD HH:MM in WITA, e.g. Date: 2024-03-12 09:30"
# ... and the other forms that are read, for a date that could not be read.
DATE_FIX = (
    f"{DATE_FORM}; also read: day first (12/03/2024 09.30), one-digit parts (2024-3-5 9:05), "
    "a zone after the time (09:30 WIB, WITA, WIT or +07:00)"
)


@cache
def zone_names(locale: str = "id") -> dict[str, ZoneInfo]:
    """Indonesia's zone abbreviations, from CLDR: ``{"WIB": Asia/Jakarta, "WITA":
    Asia/Makassar, "WIT": Asia/Jayapura}``.

    The zones are CLDR's for the territory ``ID`` (``territory_zones``) in their order, each
    named by its short name in ``locale`` (Babel's ``z`` pattern, the name the site prints after
    every time); the first zone of a name wins (WIB: Jakarta before Pontianak, one offset).
    """
    names = {}
    moment = datetime(2024, 1, 1, 12, 0)
    for zone_id in get_global("territory_zones").get("ID", ()):
        zone = ZoneInfo(zone_id)
        names.setdefault(format_datetime(moment, "z", tzinfo=zone, locale=locale).upper(), zone)
    return names


def parse_date(text):
    """Parse an editor's date string.

    Accepted forms (anything else is a ``ValueError``: a guessed date is worse than an error):

    - year first, ISO 8601's order: ``2024-03-12``, ``2024-03-12 09:30``,
      ``2024-03-12T09:30:00``; one-digit month, day and hour too (``2024-3-5 9:05``);
    - day first, the Indonesian habit: ``12/03/2024``, ``12-03-2024``, ``12.03.2024``;
      ``12/03/2024`` is 12 March, never 3 December;
    - a time ``09:30`` or ``09.30`` (seconds optional), after a space, a ``T`` or a comma
      (``2024-03-12, 09:30``);
    - a zone after the time (or after the date): ``WIB``, ``WITA``, ``WIT`` (:func:`zone_names`,
      CLDR), ``UTC``/``GMT``/``Z``, or an offset ``+07:00``/``+0700``/``+07``.

    Args:
        text: the value after ``Date:`` or ``Modified:``.
    Returns:
        ``datetime``: naive (meaning WITA, Pelican's TIMEZONE attaches it) when the text has no
        zone, otherwise aware and converted to WITA (so the URL's ``{date:%Y/%m}`` is the
        WITA date the page shows; ``10:00 WIB`` is ``11:00`` WITA).
    Raises:
        ValueError: the text is not one of the accepted forms, names an impossible date
        (31 February), an unknown zone (``EST``), or a year outside ``MIN_YEAR``–``MAX_YEAR``
        (1900–2100). The message says what was wrong, in English, for the error report.
    """
    value = text.strip().replace("_", " ")
    if not value:
        raise ValueError("is empty")
    match = _YEAR_FIRST.match(_COMMA.sub(" ", value)) or _DAY_FIRST.match(_COMMA.sub(" ", value))
    if not match:
        raise ValueError(f"{value!r} is not a date this site accepts")
    parts = match.groupdict()
    _check_year(value, int(parts["y"]))
    zone = _zone(value, parts["zone"])
    fraction = (parts["f"] or "").ljust(6, "0")
    try:
        parsed = datetime(
            *(int(parts[name] or 0) for name in ("y", "m", "d", "H", "M", "S")),
            int(fraction or 0),
            tzinfo=zone,
        )
    except ValueError as exc:
        order = " (read day first)" if match.re is _DAY_FIRST else ""
        raise ValueError(f"{value!r} is not a real date{order}: {exc}") from None
    if zone is None:
        return parsed
    # The range holds for the WITA date the page shows: 2100-12-31 23:59 UTC is 2101 in WITA.
    local = parsed.astimezone(WITA)
    _check_year(value, local.year)
    return local


def _zone(value, written):
    """The tzinfo of a zone written after the time, or None (local time: WITA)."""
    if written is None:
        return None
    name = written.upper()
    if name in UTC_NAMES:
        return UTC
    if name in zone_names():
        return zone_names()[name]
    if name[0] in "+-":
        digits = name[1:].replace(":", "").ljust(4, "0")
        hours, minutes = int(digits[:2]), int(digits[2:])
        if hours > 14 or minutes > 59:
            raise ValueError(f"{value!r} has the offset {written}, which no place on Earth uses")
        sign = -1 if name[0] == "-" else 1
        return timezone(sign * timedelta(hours=hours, minutes=minutes))
    moment = datetime(2024, 1, 1)
    west_to_east = sorted(zone_names(), key=lambda n: zone_names()[n].utcoffset(moment))
    known = ", ".join([*west_to_east, "UTC"])
    raise ValueError(f"{value!r} has the zone {written!r}, which this site does not know ({known})")


def _check_year(value, year):
    """Raise ``ValueError`` when ``year`` is outside 1900–2100: the written year (checked
    before any zone maths, which overflow near year 1 and 9999) and the year in WITA."""
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
