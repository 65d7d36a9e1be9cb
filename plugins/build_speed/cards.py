"""Listing cards rendered once per article and reused on every listing.

One article's card appears on the home page, its section, each of its tags and authors, the
archive pages and the "Terbaru" aside of every article page: the card macro
(theme/templates/partials/article_card.html) was 17% of a build's CPU. Its output depends only
on the article, the macro's arguments and build-wide values (settings, ``UI``, plugins); the one
page-dependent value is ``SITEURL`` (relative in the dev build), so it is part of the key. The
theme calls ``render_once`` when this plugin defines it and renders directly otherwise.
"""

# Where an article keeps its rendered cards: {key: Markup}. An attribute of the article, so the
# cache lives exactly as long as the article object (one build).
ATTRIBUTE = "_build_speed_cards"


def render_once(article, key, macro, *args):
    """Return ``macro(*args)`` (a Jinja macro; Markup), rendered once per (``article``, ``key``).

    ``key`` (hashable) must hold every argument and page-dependent value the card's text
    depends on; an unhashable key renders without the cache.
    """
    cards = article.__dict__.get(ATTRIBUTE)
    if cards is None:
        cards = article.__dict__[ATTRIBUTE] = {}
    try:
        return cards[key]
    except KeyError:
        cards[key] = card = macro(*args)
        return card
    except TypeError:  # unhashable key
        return macro(*args)


def install(environment):
    """Define the ``render_once`` global in a Jinja ``environment``."""
    environment.globals.setdefault("render_once", render_once)
