"""The corrections page (``/koreksi/``) and its Atom feed: a generator from ``get_generators``.

A subclass of Pelican's ``Generator`` so it renders with the theme's Jinja environment and the
filters other plugins add at ``generator_init`` (news_metadata's ``wita``); the feed goes
through Pelican's own feed writer (feedgenerator), as the site's other feeds do.
"""

import logging
from dataclasses import dataclass
from datetime import datetime

from markupsafe import Markup, escape
from pelican.generators import Generator

logger = logging.getLogger(__name__)

TEMPLATE = "corrections"


@dataclass
class FeedItem:
    """What Pelican's ``Writer.write_feed`` reads from an element (title, url, date, modified,
    summary, ``get_content``); one per :class:`corrections.model.LogItem`."""

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


class CorrectionsGenerator(Generator):
    """Writes ``CORRECTIONS_PAGE_SAVE_AS`` and ``CORRECTIONS_FEED_ATOM`` from the context's
    ``corrections_log`` (set at ``article_generator_finalized``)."""

    def generate_context(self):
        """Nothing to add: the log is computed when the articles are read."""

    def generate_output(self, writer):
        """Write the page and the feed with Pelican's ``writer``."""
        log = self.context.get("corrections_log") or []
        ui = self.context.get("UI") or {}
        save_as = self.settings.get("CORRECTIONS_PAGE_SAVE_AS")
        if save_as:
            listed = list({id(item.article): item.article for item in log}.values())
            writer.write_file(
                save_as,
                self.get_template(TEMPLATE),
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                url=self.settings.get("CORRECTIONS_PAGE_URL"),
                page_name="koreksi",
                corrections=log,
                articles=listed,  # news_seo's sitemap: lastmod of the page
            )
        feed = self.settings.get("CORRECTIONS_FEED_ATOM")
        if feed:
            author = self.settings.get("AUTHOR") or self.settings.get("SITENAME", "")
            items = [feed_item(item, ui, author) for item in log]
            writer.write_feed(items, self.context, feed, feed_title=ui.get("corrections_page"))
        logger.debug("corrections: %d item(s) on the corrections page", len(log))
