"""build_speed: the same site with less work (issue 12).

Term pages in linear time, Jinja templates compiled once per build and kept between builds,
article URLs computed once. Output is byte-identical to a build without this plugin. See
README.md in this folder.
"""

__all__ = ["register"]


def register():
    """Pelican plugin entry point: connects the receivers of :mod:`.plugin`.

    Imported here, not at the top, so that importing one of this package's light modules
    (``digests``) does not import Pelican: ``make publish``'s
    no-change check uses them before deciding to build.
    """
    from .plugin import register as connect

    connect()
