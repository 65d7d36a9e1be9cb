"""news_metadata: the site's content model (design card), validated; author profiles joined;
Indonesian date filters; strict builds that fail on any content error.

See README.md in this folder for the keys, the settings and the template attributes.
"""

__all__ = ["register"]


def register():
    """Pelican plugin entry point: connects the receivers of :mod:`.plugin`.

    Imported here, not at the top, so that importing one of this package's light modules
    (``clock``) does not import Pelican: ``make publish``'s
    no-change check uses them before deciding to build.
    """
    from .plugin import register as connect

    connect()
