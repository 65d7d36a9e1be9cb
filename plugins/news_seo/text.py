"""Descriptions for meta tags and JSON-LD: plain text cut to a length at a word boundary.

The plain text itself comes from :func:`news_metadata.text.visible_text`.
"""


def shorten(text: str, max_length: int | None) -> str:
    """Cut ``text`` to at most ``max_length`` characters at a word boundary, ending with "…".

    Args:
        text: plain text (one line).
        max_length: int, or None for no limit.

    Returns:
        ``text`` unchanged when short enough; otherwise the longest run of whole words that,
        with a trailing "…", fits (a single overlong word is cut inside).
    """
    if max_length is None or len(text) <= max_length:
        return text
    cut = text[: max_length - 1]
    if " " in cut and not text[max_length - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:–—-") + "…"
