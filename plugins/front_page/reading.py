"""What to read next under an article: related articles, the section's neighbours, the latest.

Everything here runs once per build over the published articles, newest first (Pelican's
``ArticlesGenerator.articles`` order), and costs O(articles × tags × limit): each article looks
only at the first few articles of each of its tags and of its section (:data:`TAG_WINDOW`),
never at every other article (a pairwise comparison would be O(articles²), 25 million pairs
for a 5000-post archive).
"""

from collections import Counter, defaultdict

# How many of a tag's newest articles are looked at, as a multiple of the limit: an article
# sharing two tags is found unless it is older than this many in one of them.
TAG_WINDOW = 3


def index_by(articles):
    """Group ``articles`` (newest first) by tag and by category.

    Returns:
        ``(by_tag, by_category)``: dicts from Pelican's ``Tag`` / ``Category`` objects to lists
        of articles, each list newest first.
    """
    by_tag, by_category = defaultdict(list), defaultdict(list)
    for article in articles:
        for tag in getattr(article, "tags", None) or ():
            by_tag[tag].append(article)
        by_category[article.category].append(article)
    return by_tag, by_category


def related(article, by_tag, by_category, limit, exclude=()):
    """Return up to ``limit`` articles to offer as "Baca juga" under ``article``.

    Rule (issue 14): articles sharing tags with it first, those sharing more tags before
    those sharing fewer, newest first among equals; then the newest of its section. Never the
    article itself or one in ``exclude`` (the previous/next links under it), never twice.
    Only the first ``TAG_WINDOW × limit + 1`` articles of each tag
    and ``2 × limit + 1`` of the section are looked at (the ``+ 1`` is room for the article
    itself): the cost per article is bounded whatever the size of a tag.

    Args:
        article: a Pelican ``Article``.
        by_tag, by_category: from :func:`index_by`.
        limit: int ≥ 0.
        exclude: articles the page offers already.

    Returns:
        list of ``Article``, at most ``limit``.
    """
    if limit <= 0:
        return []
    shared = Counter()
    for tag in getattr(article, "tags", None) or ():
        for other in by_tag[tag][: TAG_WINDOW * limit + 1]:
            if other is not article and other not in exclude:
                shared[other] += 1
    # Counter keeps first-seen order; a stable sort on -count keeps newest first within a tag.
    picked = sorted(shared, key=lambda other: (-shared[other], -other.date.timestamp()))[:limit]
    if len(picked) < limit:
        chosen = {*picked, *exclude}
        for other in by_category[article.category][: limit + 1 + len(chosen)]:
            if other is not article and other not in chosen:
                picked.append(other)
                chosen.add(other)
                if len(picked) == limit:
                    break
    return picked


def set_neighbours(by_category) -> None:
    """Set ``section_newer`` and ``section_older`` on every article of ``by_category``.

    Args:
        by_category: from :func:`index_by` (each list newest first).
    Sets:
        ``article.section_newer``: the next newer article of the same section, or None;
        ``article.section_older``: the next older one, or None.
    """
    for articles in by_category.values():
        for position, article in enumerate(articles):
            article.section_newer = articles[position - 1] if position > 0 else None
            following = position + 1
            article.section_older = articles[following] if following < len(articles) else None


def latest_for(article, newest, exclude, limit):
    """Return the site's newest articles to list under ``article``.

    Args:
        article: the article the reader is on (never listed).
        newest: the site's newest articles, newest first, at least ``limit + len(exclude) + 1``
            of them when the site has that many.
        exclude: articles already offered on the page ("Baca juga", previous/next).
        limit: int ≥ 0.

    Returns:
        list of at most ``limit`` articles.
    """
    shown = []
    for other in newest:
        if len(shown) == limit:
            break
        if other is not article and other not in exclude:
            shown.append(other)
    return shown
