"""Decap field helpers shared by the collections (config.py, data_collections.py)."""

DATE_FORMAT = "YYYY-MM-DD HH:mm"  # dayjs tokens; the reader's 'YYYY-MM-DD HH:MM' (WITA)
WITA_HINT = "Waktu WITA (Bima), misalnya 2025-08-14 09:30."


def datetime_field(name, label, required, hint=WITA_HINT):
    """Return a Decap ``datetime`` field written ``YYYY-MM-DD HH:mm``, typed as WITA (the
    picker uses the phone's clock, which in Bima is WITA; ``news_metadata.dates`` reads it)."""
    return {
        "name": name,
        "label": label,
        "widget": "datetime",
        "format": DATE_FORMAT,
        "date_format": "YYYY-MM-DD",
        "time_format": "HH:mm",
        "picker_utc": False,
        "required": required,
        "hint": hint,
    }
