"""Editors' dates: accepted forms, day-first reading, WITA display via Babel."""

import re
from datetime import UTC, datetime

import pytest
from news_metadata.dates import format_iso, format_wita, format_wita_date, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-12", datetime(2024, 3, 12)),
        ("2024-03-12 09:30", datetime(2024, 3, 12, 9, 30)),
        ("2024-03-12T09:30:15", datetime(2024, 3, 12, 9, 30, 15)),
        # Day first, never month first: 12/03/2024 is 12 March.
        ("12/03/2024", datetime(2024, 3, 12)),
        ("12-03-2024 09.30", datetime(2024, 3, 12, 9, 30)),
        ("5.1.2025 7:05", datetime(2025, 1, 5, 7, 5)),
    ],
)
def test_accepted_forms(text, expected):
    assert parse_date(text) == expected


def test_explicit_offset_is_kept():
    assert parse_date("2024-03-12T01:30:00Z") == datetime(2024, 3, 12, 1, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    "text", ["03/12/24", "March 12, 2024", "2024/03/12", "13/13/2024", "kemarin", "", "2024-02-30"]
)
def test_rejected_forms(text):
    with pytest.raises(ValueError):
        parse_date(text)


@pytest.mark.parametrize(
    "text",
    ["0001-01-01", "0001-01-01T00:00+08:00", "9999-12-31T23:59Z", "01/01/0001", "1899-12-31"],
)
def test_years_outside_the_range_are_errors_not_overflows(text):
    """0001-01-01 used to pass here and overflow later (OverflowError in a zone conversion)."""
    with pytest.raises(ValueError, match="accepts years 1900–2100"):
        parse_date(text)


@pytest.mark.parametrize("text", ["1900-01-01", "2100-12-31 23:59"])
def test_years_at_the_edges_are_accepted(text):
    assert parse_date(text).year in (1900, 2100)


def test_wita_display_is_indonesian_whatever_the_os_locale():
    moment = datetime(2026, 11, 29, 9, 0)
    assert format_wita(moment) == "Minggu, 29 November 2026 09.00 WITA"
    assert format_wita_date(moment) == "29 November 2026"
    assert format_iso(moment) == "2026-11-29T09:00:00+08:00"


def test_utc_input_is_shown_in_wita():
    moment = datetime(2026, 11, 29, 1, 0, tzinfo=UTC)
    assert format_wita(moment) == "Minggu, 29 November 2026 09.00 WITA"


def test_build_now_follows_source_date_epoch():
    from news_metadata.clock import build_now

    assert build_now({"SOURCE_DATE_EPOCH": "1733361300"}) == datetime(
        2024, 12, 5, 1, 15, tzinfo=UTC
    )
    assert build_now({}).tzinfo is UTC
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
        build_now({"SOURCE_DATE_EPOCH": "kemarin"})


def test_an_empty_feed_is_updated_when_the_newest_article_was_not_at_build_time(monkeypatch):
    """feedgenerator dates an empty feed (corrections, breaking news) with the wall clock: two
    cold builds differed in feeds/koreksi.atom.xml, with or without SOURCE_DATE_EPOCH (s28)."""
    from types import SimpleNamespace
    from zoneinfo import ZoneInfo

    from feedgenerator import Atom1Feed
    from news_metadata.plugin import clean_feed

    wita = ZoneInfo("Asia/Makassar")
    older = SimpleNamespace(date=datetime(2025, 9, 1, 8, 0, tzinfo=wita))
    edited = SimpleNamespace(
        date=datetime(2025, 8, 1, 8, 0, tzinfo=wita),
        modified=datetime(2025, 9, 21, 19, 30, tzinfo=wita),
    )
    for epoch in ("", "1780272000"):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        feeds = [Atom1Feed(title="Koreksi", link="/", description="") for _ in range(2)]
        clean_feed({"articles": [older, edited]}, feeds[0])
        clean_feed({"articles": []}, feeds[1])  # a site with no article yet
        assert "<updated>2025-09-21T19:30:00+08:00</updated>" in feeds[0].writeString("utf-8")
        assert "<updated>1970-01-01T00:00:00+00:00</updated>" in feeds[1].writeString("utf-8")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # One-digit month, day and hour, year first (a phone's date picker, typed by hand).
        ("2026-1-5 9:05", datetime(2026, 1, 5, 9, 5)),
        ("2026-1-5", datetime(2026, 1, 5)),
        ("2026-12-4 7.30", datetime(2026, 12, 4, 7, 30)),
        # A comma between date and time.
        ("2026-12-04, 10:00", datetime(2026, 12, 4, 10, 0)),
        ("2026-12-04 ,10:00", datetime(2026, 12, 4, 10, 0)),
        ("04/12/2026, 10.00", datetime(2026, 12, 4, 10, 0)),
        ("2024-03-12T09:30:15.250", datetime(2024, 3, 12, 9, 30, 15, 250000)),
    ],
)
def test_more_forms_read_as_meant(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "wita"),
    [
        ("2026-12-04 10:00 WITA", (2026, 12, 4, 10, 0)),
        ("2026-12-04 10:00 wita", (2026, 12, 4, 10, 0)),
        ("2026-12-04 10:00 WIB", (2026, 12, 4, 11, 0)),  # Jakarta is an hour behind
        ("2026-12-04 10:00 WIT", (2026, 12, 4, 9, 0)),  # Jayapura an hour ahead
        ("2026-12-04 23:30 WIB", (2026, 12, 5, 0, 30)),  # the next day in WITA
        ("04/12/2026 10.00 WIB", (2026, 12, 4, 11, 0)),
        ("2026-12-04 02:00 UTC", (2026, 12, 4, 10, 0)),
        ("2026-12-04 10:00+07:00", (2026, 12, 4, 11, 0)),
        ("2026-12-04 10:00 +0700", (2026, 12, 4, 11, 0)),
        ("2026-12-04 10:00+07", (2026, 12, 4, 11, 0)),
        ("2026-12-04, 10:00 WIB", (2026, 12, 4, 11, 0)),
    ],
)
def test_zone_names_and_offsets_are_converted_to_wita(text, wita):
    parsed = parse_date(text)
    assert parsed.tzinfo is not None
    assert parsed.utcoffset().total_seconds() == 8 * 3600
    assert parsed.timetuple()[:5] == wita


def test_zone_names_come_from_cldr():
    from news_metadata.dates import zone_names

    names = {name: zone.key for name, zone in zone_names().items()}
    assert names == {"WIT": "Asia/Jayapura", "WIB": "Asia/Jakarta", "WITA": "Asia/Makassar"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-12-04 10:00 EST", "has the zone 'EST', which this site does not know"),
        ("2026-12-04 10:00 pagi", "has the zone 'pagi'"),
        ("2026-12-04 10:00+15:00", "has the offset +15:00, which no place on Earth uses"),
        ("2026-13-04 10:00", "is not a real date: month must be in 1..12"),
        ("31/02/2026", "is not a real date (read day first)"),
        ("2026-12-04 25:00", "is not a real date"),
        ("2026-12-04,", "is not a date this site accepts"),
        ("Kamis, 4 Desember 2026", "is not a date this site accepts"),
    ],
)
def test_unreadable_forms_say_why(text, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_date(text)


def test_the_fix_lists_the_accepted_forms():
    from news_metadata.dates import DATE_FIX

    for form in ("YYYY-MM-DD HH:MM", "12/03/2024 09.30", "2024-3-5 9:05", "WIB", "+07:00"):
        assert form in DATE_FIX


def test_the_range_holds_for_the_year_in_wita():
    """2100-12-31 23:59 UTC is 2101-01-01 07:59 WITA, the date the page would show."""
    with pytest.raises(ValueError, match="has the year 2101: this site accepts years 1900–2100"):
        parse_date("2100-12-31 23:59 UTC")
    assert parse_date("2100-12-31 15:59 UTC").isoformat() == "2100-12-31T23:59:00+08:00"
