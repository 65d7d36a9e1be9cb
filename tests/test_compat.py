"""news_metadata.compat: the private APIs it wraps exist in the versions it was written against."""

import importlib
from datetime import datetime
from importlib.metadata import version

import pytest
from news_metadata import compat
from pelican import Pelican
from pelican.contents import Article


@pytest.mark.parametrize(("distribution", "pinned"), sorted(compat.PINNED.items()))
def test_installed_version_is_the_one_compat_was_written_against(distribution, pinned):
    assert version(distribution) == pinned, (
        f"{distribution} {version(distribution)} is installed; news_metadata/compat.py was "
        f"written against {pinned}: check each private API it uses, then update PINNED"
    )


def test_pelican_private_names_exist():
    assert callable(Pelican._get_generator_classes)
    assert callable(importlib.import_module("pelican.plugins._utils").plugin_enabled)
    assert hasattr(Article.get_content, "cache")  # pelican.utils.memoized
    assert hasattr(Article.get_summary, "cache")


@pytest.mark.parametrize("path", compat.CITEPROC_PRIVATE)
def test_citeproc_private_names_exist(path):
    target = compat.csl_model
    for name in path.split("."):
        target = getattr(target, name)


def test_plugin_enabled_takes_names_as_pelican_does():
    assert compat.plugin_enabled("comments", ["news_metadata", "comments"])
    assert not compat.plugin_enabled("comments", ["news_metadata"])
    assert not compat.plugin_enabled("comments", None)


def test_replace_body_and_summary_reach_get_content_and_summary():
    article = Article(
        "<p>lama</p>",
        metadata={"title": "Judul", "date": datetime(2024, 5, 1)},
        settings=None,
    )
    assert "lama" in article.get_content("")  # memoized now
    compat.replace_body(article, "<p>baru</p>")
    assert compat.body_html(article) == "<p>baru</p>"
    assert "baru" in article.get_content("")
    compat.replace_summary(article, "<p>ringkas</p>")
    assert article.metadata["summary"] == "<p>ringkas</p>"
    assert article.get_summary("") == "<p>ringkas</p>"


def test_pagefind_reader_waits_through_its_module_asyncio_and_no_longer_sleeps():
    import asyncio
    import inspect
    from concurrent.futures import ThreadPoolExecutor

    from pagefind import service

    # What pagefind_prompt_reader relies on: the reader sleeps through the module's asyncio.
    assert "await asyncio.sleep(0.1)" in inspect.getsource(service.PagefindService)
    compat.pagefind_prompt_reader()
    compat.pagefind_prompt_reader()  # idempotent
    assert service.asyncio.subprocess is asyncio.subprocess  # everything else is asyncio's
    # A 10-second sleep returns at once (else wait_for times out after 1 s). In a thread of its
    # own: a browser test's Playwright may have left an event loop running in this one.
    with ThreadPoolExecutor(1) as pool:
        woke = pool.submit(asyncio.run, asyncio.wait_for(service.asyncio.sleep(10, "ok"), 1))
        assert woke.result() == "ok"
