"""The one per-build state object: what every plugin keeps between the signals of one build.

A build is one ``Pelican.run()``; ``make regenerate`` (``pelican --autoreload``) and in-process
tests run several in one process, and ``initialized`` is sent only once per ``Pelican`` object,
so the reset happens at the first signal of every build: ``article_generator_init`` (Pelican's
``ArticlesGenerator`` is always the first generator made; ``get_generators`` receivers and
``readers_init`` come before it, and keep nothing). It is connected when this module is first
imported (news_metadata imports it before any other plugin is registered), so it runs before
every other plugin's ``article_generator_init`` receiver (blinker calls receivers in connection
order, Pelican's ``OrderedSet``).

The reset also empties :data:`news_metadata.errors.collector` (content errors of the previous
build). A plugin keeps its part under its own name::

    labels = build_state().part("corrections.feed_labels", dict)

Parts of this build, by owner: ``news_metadata.profiles`` (author profiles, and whether the
file was usable), ``news_metadata.page_ids`` (the theme's ids, anchors.py),
``news_metadata.context`` (the generators' shared context, plugin.py; ``make check`` counts
its inventory from it), ``corrections.feed_labels``, ``front_page.feed_alternates``,
``news_images.build``, ``news_seo.written_pages``, ``build_speed.code_digest``. The
citations ``Library`` is made at the same signal but travels in the Markdown extension's config
(the reader builds ``Markdown`` from it).
"""

from collections.abc import Callable
from typing import Any, TypeVar

from pelican import signals

from . import errors

T = TypeVar("T")


class BuildState:
    """Named parts of one build's state (each created on first use, dropped at the reset)."""

    def __init__(self) -> None:
        self._parts: dict[str, Any] = {}

    def part(self, name: str, factory: Callable[[], T]) -> T:
        """The part ``name`` (``"<plugin>.<what>"``), made with ``factory()`` on first use."""
        if name not in self._parts:
            self._parts[name] = factory()
        return self._parts[name]

    def get(self, name: str, default: Any = None) -> Any:
        """The part ``name``, or ``default`` when this build has not made it."""
        return self._parts.get(name, default)

    def set(self, name: str, value: Any) -> Any:
        """Replace the part ``name`` with ``value``; return ``value``."""
        self._parts[name] = value
        return value


_current = BuildState()


def build_state() -> BuildState:
    """The state of the build in progress (an empty one before the first build)."""
    return _current


def reset(sender: object = None) -> BuildState:
    """Start a new build: a fresh :class:`BuildState`, no content errors collected.

    Connected to ``article_generator_init``; ``sender`` is the ArticlesGenerator (unused).
    """
    global _current
    _current = BuildState()
    errors.collector.reset()
    return _current


signals.article_generator_init.connect(reset)
