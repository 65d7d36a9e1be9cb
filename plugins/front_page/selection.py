"""The home page's lead story and section blocks, and the date line of each card."""

from babel.dates import format_datetime
from news_metadata.dates import WITA, to_wita
from news_metadata.errors import report
from news_metadata.reader import parse_bool

from .settings import METADATA_KEY

_KEY = METADATA_KEY.lower()
_CARD_DATE = "d MMM y, HH.mm z"


def read_featured(article) -> None:
    """Set ``article.featured`` (bool) from its ``Featured:`` line (``true/false``, ``ya/tidak``).

    A value that is not a boolean is reported through ``news_metadata.errors`` with the file
    and line, and the article is not featured.
    """
    value = getattr(article, _KEY, False)
    if isinstance(value, str):
        try:
            value = parse_bool(value)
        except ValueError:
            line = getattr(article, "news_lines", {}).get(_KEY)
            report(
                article.source_path,
                line,
                f"{METADATA_KEY} must be true or false, got {value.strip()!r}",
                f"write '{METADATA_KEY}: true' to make it the home page's lead story, "
                f"or remove the line",
            )
            value = False
    article.featured = value is True


def lead_story(articles):
    """Return the home page's lead story: the newest featured article, else the newest.

    Args:
        articles: published articles, newest first, with ``featured`` set.

    Returns:
        an ``Article``, or None when there is none.
    """
    return next((a for a in articles if a.featured), articles[0] if articles else None)


def section_blocks(by_category, order, exclude, per_section):
    """Return the home page's section blocks.

    Args:
        by_category: category -> its articles, newest first (:func:`.reading.index_by`).
        order: category names in the order of the blocks (``FRONT_PAGE_SECTIONS``).
        exclude: articles already shown above the blocks (lead story, "Terbaru").
        per_section: headlines per block.

    Returns:
        list of dicts ``{"category": Category, "articles": [Article, ...]}``; a section with
        nothing left to show gives no block.
    """
    by_name = {category.name: category for category in by_category}
    blocks = []
    for name in order:
        category = by_name.get(name)
        if category is None:
            continue
        shown = [a for a in by_category[category] if a not in exclude][:per_section]
        if shown:
            blocks.append({"category": category, "articles": shown})
    return blocks


class CardDates:
    """Card date lines, ``14 Agu 2025, 10.30 WITA``, formatted once per distinct minute.

    Babel's formatting costs about as much as rendering the rest of a card, and listings repeat
    the same articles on many pages, so each article gets its text once (``article.card_date``).
    """

    def __init__(self, locale="id"):
        self.locale = locale
        self._cache = {}

    def __call__(self, value):
        """Return the card date text of ``value`` (aware, or naive meaning WITA)."""
        local = to_wita(value).replace(second=0, microsecond=0)
        text = self._cache.get(local)
        if text is None:
            text = format_datetime(local, _CARD_DATE, tzinfo=WITA, locale=self.locale)
            self._cache[local] = text
        return text
