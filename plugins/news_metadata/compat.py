"""Every private API of Pelican, citeproc-py and Pagefind the plugins use, in one place.

Written against the versions in :data:`PINNED` (``requirements.txt`` pins the same);
``tests/test_compat.py`` fails when an installed version differs or a name used here is gone,
so an upgrade is one reviewed change to this module instead of a hunt through the plugins.

- Pelican has no public way to make its generators without running a build
  (``Pelican._get_generator_classes``, used by ``make check``), to ask whether a plugin is
  enabled (``pelican.plugins._utils.plugin_enabled``; templates get it as a Jinja test), or to
  change a content object's body or summary after it was read (``Content._content``,
  ``_summary``, and the ``memoized`` caches of ``get_content``/``get_summary``).
- citeproc-py: the citations engine (``citations/csl.py``) subclasses the element classes of
  ``citeproc.model`` (:data:`csl_model`) and overrides ``If._is_numeric``; it reads
  ``model.ConditionFailed`` and ``model.Label.RE_MULTIPLE_NUMBERS``.
- Pagefind's Python API has no public handle on its indexer subprocess
  (``PagefindService._backend``), and its reader of the indexer's answers sleeps 0.1 s before
  each read (``PagefindService._wait_for_responses``, through ``pagefind.service.asyncio``):
  0.3 s of waiting in every index, which :func:`pagefind_prompt_reader` takes away.
"""

import asyncio
from collections.abc import Callable
from typing import Any

from citeproc import model as csl_model

# Distribution name -> the version this module was written against.
PINNED = {"pelican": "4.12.0", "citeproc-py": "0.11.1", "pagefind": "1.5.2"}

# Private names of citeproc.model that citations/csl.py relies on (attribute paths).
CITEPROC_PRIVATE = ("If._is_numeric", "ConditionFailed", "Label.RE_MULTIPLE_NUMBERS")

__all__ = [
    "CITEPROC_PRIVATE",
    "PINNED",
    "body_html",
    "csl_model",
    "generator_classes",
    "new_generators",
    "pagefind_poll_task",
    "pagefind_process",
    "pagefind_prompt_reader",
    "pagefind_read_limit",
    "plugin_enabled",
    "replace_body",
    "replace_summary",
]


def generator_classes(pelican: Any) -> list[type]:
    """The generator classes a build of ``pelican`` (a ``Pelican`` object) would run, in order:
    Pelican's own plus every ``get_generators`` plugin's (``Pelican._get_generator_classes``)."""
    return list(pelican._get_generator_classes())


def new_generators(pelican: Any, settings: dict) -> tuple[dict, list]:
    """The context and the generator objects ``Pelican.run`` makes before it reads anything
    (Pelican 4.12's ``run``: the settings copied, ``generated_content``, ``static_links``,
    ``static_content``, ``localsiteurl``; one generator per :func:`generator_classes`).

    Returns:
        ``(context, generators)``; nothing is read or written yet.
    """
    context = settings.copy()
    context["generated_content"] = {}
    context["static_links"] = set()
    context["static_content"] = {}
    context["localsiteurl"] = settings["SITEURL"]
    generators = [
        cls(
            context=context,
            settings=settings,
            path=pelican.path,
            theme=pelican.theme,
            output_path=pelican.output_path,
        )
        for cls in generator_classes(pelican)
    ]
    return context, generators


def plugin_enabled(name: str, plugins: list | None) -> bool:
    """Whether the plugin ``name`` is in ``plugins`` (Pelican's ``PLUGINS`` setting: names or
    modules), as Pelican's own ``plugin_enabled`` Jinja test decides."""
    from pelican.plugins._utils import plugin_enabled as enabled

    return enabled(name, plugins)


def body_html(content: Any) -> str:
    """The HTML body a reader produced for ``content`` (``Content._content``), before Pelican's
    ``{filename}`` links are replaced; ``""`` when there is none."""
    return getattr(content, "_content", None) or ""


def replace_body(content: Any, html: str, get_content: Callable[..., str] | None = None) -> None:
    """Give ``content`` a new body ``html`` and forget its memoized ``get_content`` and
    ``get_summary`` results, so templates and feeds see the new body.

    Args:
        content: a Pelican Article or Page.
        html: the new body (HTML, as a reader gives it).
        get_content: optional replacement of ``Content._get_content`` (called with ``siteurl``).
    """
    content._content = html
    if get_content is not None:
        content._get_content = get_content
    forget_memoized(content)


def replace_summary(content: Any, summary: str) -> None:
    """Set ``content``'s summary (HTML) as if its header had a ``Summary:`` (metadata and
    Pelican's ``_summary``)."""
    content.metadata["summary"] = summary
    content._summary = summary


def forget_memoized(content: Any) -> None:
    """Drop the results Pelican's ``memoized`` decorator keeps for ``content``'s
    ``get_content`` and ``get_summary`` (its ``cache`` dict, keyed by ``(self, *args)``)."""
    for method in (type(content).get_content, type(content).get_summary):
        cache = getattr(method, "cache", {})
        for key in [key for key in cache if key and key[0] is content]:
            del cache[key]


def pagefind_process(service: Any) -> Any:
    """The indexer subprocess (an ``asyncio`` process) of a launched ``PagefindService``."""
    return service._backend


def pagefind_read_limit(service: Any, limit: int) -> None:
    """Let a launched ``PagefindService`` read answers of up to ``limit`` bytes.

    The API reads each answer with ``StreamReader.readuntil``, whose limit (``_limit``) it
    sets to 2 MiB at launch; the answer to ``get_files`` holds the whole index (base64 in
    base64: about 1.8 bytes per index byte, 35 MB at 5000 articles)."""
    service._backend.stdout._limit = limit


def pagefind_poll_task(service: Any) -> Any:
    """The ``asyncio.Task`` that reads a launched ``PagefindService``'s answers."""
    return service._poll_task


class _PromptAsyncio:
    """``asyncio`` as ``pagefind.service`` sees it once :func:`pagefind_prompt_reader` ran:
    every name is asyncio's, but ``sleep`` only yields to the event loop."""

    def __getattr__(self, name: str) -> Any:
        return getattr(asyncio, name)

    @staticmethod
    async def sleep(delay: float, result: Any = None) -> Any:  # asyncio.sleep's signature
        return await asyncio.sleep(0, result)


def pagefind_prompt_reader() -> None:
    """Make ``PagefindService`` read each answer of the indexer as soon as it is written.

    Its reader task sleeps 0.1 s before every ``readuntil`` of the indexer's output; the read
    itself waits for the answer, so the sleep only adds 0.1 s to each request (create the index,
    add a folder, write the files: 0.3 s a build). ``asyncio.sleep`` in ``pagefind.service``
    (its only use there) becomes a bare yield. Idempotent; affects only ``pagefind.service``.
    """
    from pagefind import service

    if not isinstance(service.asyncio, _PromptAsyncio):
        service.asyncio = _PromptAsyncio()
