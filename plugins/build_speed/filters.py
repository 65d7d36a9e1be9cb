"""Date filters computed once per value.

A card shows its article's date through news_metadata's ``wita_date`` / ``wita`` /
``isoformat`` filters (Babel's ``format_datetime``), on every listing the card is on: 9,500
calls for 500 articles, 6% of a build's CPU. They are pure functions of (value, arguments),
so each distinct call is computed once per build and then looked up.
"""

# Filter names (news_metadata/plugin.py, add_filters) that are pure functions of their arguments.
PURE_FILTERS = ("wita", "wita_date", "isoformat")


def memo(function):
    """Return ``function`` remembering its results by (value, positional and keyword arguments).

    Equal aware datetimes in different zones are one key: every wrapped filter converts to
    WITA first, so equal instants give equal text. A call with an unhashable argument is
    passed through uncached.
    """
    results = {}

    def remembered(value, *args, **kwargs):
        key = (value, type(value), args, tuple(sorted(kwargs.items())))
        try:
            return results[key]
        except KeyError:
            results[key] = result = function(value, *args, **kwargs)
            return result
        except TypeError:  # unhashable
            return function(value, *args, **kwargs)

    remembered.__wrapped__ = function
    remembered.__doc__ = function.__doc__
    return remembered


def install(environment):
    """Wrap the pure date filters of a Jinja ``environment`` in :func:`memo` (once)."""
    for name in PURE_FILTERS:
        function = environment.filters.get(name)
        if function is not None and not hasattr(function, "__wrapped__"):
            environment.filters[name] = memo(function)
