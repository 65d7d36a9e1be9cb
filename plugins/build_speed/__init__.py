"""build_speed: the same site with less work (issue 12).

Term pages in linear time, Jinja templates compiled once per build and kept between builds,
article URLs computed once. Output is byte-identical to a build without this plugin. See
README.md in this folder.
"""

from .plugin import register

__all__ = ["register"]
