"""Decap field helpers shared by the collections (config.py, data_collections.py)."""

DATE_FORMAT = "YYYY-MM-DD HH:mm"  # dayjs tokens; the reader's 'YYYY-MM-DD HH:MM' (WITA)
WITA_HINT = "Waktu WITA (Bima), misalnya 2025-08-14 09:30."


# admin/admin.js: Decap's datetime widget whose "now" button is the time in WITA, whatever
# the device's clock (Decap's gives the device's: on a WIT computer an hour in the future,
# which the build reads as WITA, so a story set to "now" was scheduled an hour ahead).
DATETIME_WIDGET = "news-datetime"


def datetime_field(name, label, required, hint=WITA_HINT):
    """Return a date-time field written ``YYYY-MM-DD HH:mm``, typed as WITA
    (``news_metadata.dates`` reads it so); its "now" button gives the time in WITA."""
    return {
        "name": name,
        "label": label,
        "widget": DATETIME_WIDGET,
        "format": DATE_FORMAT,
        "date_format": "YYYY-MM-DD",
        "time_format": "HH:mm",
        "picker_utc": False,
        "required": required,
        "hint": hint,
    }
