"""The Atom feed of the corrections log: a small generator returned by ``get_generators``.

The corrections page itself is an ordinary page (``content/pages/koreksi.md`` with
``Template: corrections``), so other pages link it with ``{filename}`` and the team writes its
introduction; the template lists the context's ``corrections_log``. The feed goes through
Pelican's own feed writer (feedgenerator), as the site's other feeds do.
"""

import logging
from dataclasses import dataclass
from datetime import datetime

from markupsafe import Markup, escape

logger = logging.getLogger(__name__)


@dataclass
class FeedItem:
    """What Pelican's ``Writer.write_feed`` reads from an element (title, url, date, modified,
    summary, ``get_content``); one per :class:`corrections.model.LogItem`.
    """

    title: str
    url: str
    date: datetime
    modified: datetime
    content: str
    author: str = ""
    summary: str | None = None

    def get_content(self, siteurl):
        """The entry's HTML (``siteurl`` unused: the text carries no ``{filename}`` links)."""
        return self.content


def kind_label(kind, ui):
    """The Indonesian word for a log item's kind (``UI["correction_kind_<kind>"]``)."""
    return ui.get(f"correction_kind_{kind.replace('-', '_')}", kind.capitalize())


def feed_item(item, ui, author=""):
    """Return the :class:`FeedItem` of one log item.

    Args:
        item: :class:`corrections.model.LogItem`.
        ui: the theme's UI strings.
        author: the entry's author name (the newsroom: ``AUTHOR``).
    """
    label = kind_label(item.kind, ui)
    title = f"{label}: {item.article.title_plain}"
    if item.reply is not None:
        content = Markup(ui["correction_reply_text"]).format(
            title=item.article.title_plain, reply=item.reply.title_plain
        )
    elif item.withdrawal is not None:
        content = Markup(ui["correction_withdrawal_text"]).format(
            reason=item.withdrawal.reason_text
        )
        if item.withdrawal.note:
            content += Markup(" ") + escape(item.withdrawal.note)
    else:
        content = Markup(item.html)
    return FeedItem(
        title=title,
        url=item.url,
        date=item.date,
        modified=item.date,
        content=content,
        author=author,
    )


class CorrectionsFeedGenerator:
    """Writes ``CORRECTIONS_FEED_ATOM`` from the context's ``corrections_log`` (set at
    ``article_generator_finalized``), newest first, at most ``FEED_MAX_ITEMS``.
    """

    def __init__(self, context, settings, path, theme, output_path, *args, **kwargs):
        self.context = context
        self.settings = settings

    def generate_context(self) -> None:
        """Nothing to add: the log is computed when the articles are read."""

    def generate_output(self, writer) -> None:
        """Write the feed with Pelican's ``writer`` (``pelican.writers.Writer``)."""
        log = self.context.get("corrections_log") or []
        ui = self.context.get("UI") or {}
        feed = self.settings.get("CORRECTIONS_FEED_ATOM")
        if feed:
            author = self.settings.get("AUTHOR") or self.settings.get("SITENAME", "")
            items = [feed_item(item, ui, author) for item in log]
            writer.write_feed(items, self.context, feed, feed_title=ui.get("corrections_page"))
            logger.debug("corrections: %d item(s) in %s", len(log), feed)
