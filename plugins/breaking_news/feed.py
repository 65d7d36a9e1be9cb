"""The Atom feed of breaking news only: a small generator returned by ``get_generators``."""

import logging

logger = logging.getLogger(__name__)


class BreakingFeedGenerator:
    """Writes ``BREAKING_NEWS_FEED_ATOM``: every published article with ``Breaking: true``,
    newest first, at most ``FEED_MAX_ITEMS`` (Pelican's feed writer applies it).

    The feed keeps items after they leave the ticker: a feed reader shows what was breaking
    news, not only what is still on the ticker. Pelican builds it with its own feed writer
    (feedgenerator), like the site's other feeds.
    """

    def __init__(self, context, settings, path, theme, output_path, *args, **kwargs):
        self.context = context
        self.settings = settings

    def generate_context(self) -> None:
        """Nothing to add: the ticker is computed when the articles are read."""

    def generate_output(self, writer) -> None:
        """Write the feed with Pelican's ``writer`` (``pelican.writers.Writer``)."""
        path = self.settings.get("BREAKING_NEWS_FEED_ATOM")
        if not path:
            return
        articles = [a for a in self.context.get("articles", []) if a.breaking]
        label = self.settings.get("BREAKING_NEWS_LABEL") or self.context.get("UI", {}).get(
            "breaking_label", "Breaking News"
        )
        writer.write_feed(articles, self.context, path, feed_title=label)
        logger.debug("breaking_news: %d article(s) in %s", len(articles), path)
