"""Pelican's default summary, for content the citations extension took its sections out of."""

from pelican.utils import (
    strip_toc_elements_from_html,
    truncate_html_paragraphs,
    truncate_html_words,
)


def default_summary(html: str, settings: dict) -> str:
    """Shorten ``html`` as ``pelican.contents.Content.get_summary`` (4.12) does for an article
    without a ``Summary:`` header: ``SUMMARY_MAX_PARAGRAPHS`` paragraphs, then
    ``SUMMARY_MAX_LENGTH`` words with ``SUMMARY_END_SUFFIX`` (each skipped when None), then
    Pelican's removal of table-of-contents elements (their links are broken in a summary).

    Args:
        html: the article's HTML without its reference list and citation notes.
        settings: Pelican's settings (missing keys count as None; the suffix defaults to "…").

    Returns:
        The summary HTML.
    """
    paragraphs = settings.get("SUMMARY_MAX_PARAGRAPHS")
    if paragraphs is not None:
        html = truncate_html_paragraphs(html, paragraphs)
    words = settings.get("SUMMARY_MAX_LENGTH")
    if words is not None:
        html = truncate_html_words(html, words, settings.get("SUMMARY_END_SUFFIX", "…"))
    return strip_toc_elements_from_html(html)
