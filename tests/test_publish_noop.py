"""`make publish` with nothing changed builds nothing (issue 12): the second publish of the same
inputs is skipped, and every kind of input, the clock passing a scheduled article's time, an
edited output tree and ``--force`` each make it build again (newsroom_cli/inputs.py, step 0 of
newsroom_cli/publish.py)."""

import json
import os
import shutil
from datetime import UTC, datetime

import pytest
from conftest import ROOT
from news_metadata import clock
from newsroom_cli.publish import tree_digest
from workflow import TESTCONF, header, run_tool, write_site

UP_TO_DATE = "is up to date, nothing was built"
# An old article (out of the 48-hour news sitemap) and one scheduled for 2026-06-02 10:00 WITA.
SCHEDULED = datetime(2026, 6, 2, 2, 0, tzinfo=UTC)
SITE = {
    "articles/2026/lama.md": header("Berita Lama", "2026-04-01 09:00") + "Isi lama.\n",
    "articles/2026/terjadwal.md": header("Berita Terjadwal", "2026-06-02 10:00") + "Embargo.\n",
}
SETTINGS = f"""\
import sys
sys.path.insert(0, {str(TESTCONF.parent)!r})
from testconf import *  # noqa
THEME = {{theme!r}}
PLUGIN_PATHS = [*PLUGIN_PATHS, {{extra!r}}]  # noqa: F405
SITENAME = "Kabar Uji"
"""


@pytest.fixture
def site(tmp_path):
    """A site with its own copy of the theme, an extra (empty) plugin folder and a settings file
    naming both, published once. Returns a dict of its paths."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    extra = tmp_path / "plugins-extra"
    extra.mkdir()
    (extra / "catatan.py").write_text("NOTE = 1\n", encoding="utf-8")
    settings = tmp_path / "siteconf.py"
    settings.write_text(SETTINGS.format(theme=str(theme), extra=str(extra)), encoding="utf-8")
    paths = {
        "content": write_site(tmp_path / "content", SITE),
        "output": tmp_path / "output",
        "settings": settings,
        "theme": theme,
        "extra": extra,
    }
    built = publish(paths)
    assert "published" in built.stdout, built.output_text
    return paths


def publish(paths, *extra, env=None, process=False):
    """Publish the site; the run must succeed. Returns the CompletedProcess."""
    result = run_tool(
        "publish", paths["content"], "-o", paths["output"], "-s", paths["settings"], *extra,
        env=env, process=process,
    )  # fmt: skip
    assert result.returncode == 0, result.output_text
    return result


def assert_skipped(paths, env=None, process=False):
    before = tree_digest(paths["output"])
    result = publish(paths, env=env, process=process)
    assert UP_TO_DATE in result.stdout, result.output_text
    assert "published" not in result.stdout
    assert tree_digest(paths["output"]) == before


def assert_built(paths, because, env=None, process=False):
    result = publish(paths, env=env, process=process)
    assert f"built because {because}" in result.stdout, result.output_text
    return result


def page(paths, relative):
    return (paths["output"] / relative).read_text(encoding="utf-8")


def test_second_publish_builds_nothing(site):
    stamp = site["output"].parent / ".output.published.json"
    before = stamp.read_bytes()
    assert_skipped(site)
    assert stamp.read_bytes() == before  # the stamp still describes the same tree
    assert_skipped(site, process=True)  # as make publish runs it: a new process


def test_edited_article_theme_or_plugin_file_builds_again(site):
    article = site["content"] / "articles/2026/lama.md"
    article.write_text(header("Berita Lama Diperbarui", "2026-04-01 09:00") + "Isi.\n", "utf-8")
    assert_built(site, "content changed")
    assert "Berita Lama Diperbarui" in page(site, "index.html")
    assert_skipped(site)

    base = site["theme"] / "templates/base.html"
    base.write_text(base.read_text("utf-8") + "<!-- tema baru -->\n", "utf-8")
    assert_built(site, "theme changed")
    assert "<!-- tema baru -->" in page(site, "index.html")

    (site["extra"] / "catatan.py").write_text("NOTE = 2\n", encoding="utf-8")
    assert_built(site, "plugins changed")
    assert_skipped(site)


def test_changed_setting_or_environment_builds_again(site):
    settings = site["settings"]
    settings.write_text(settings.read_text("utf-8").replace("Kabar Uji", "Kabar Lain"), "utf-8")
    assert_built(site, "settings_files, settings changed")
    assert "Kabar Lain" in page(site, "index.html")
    assert_skipped(site)

    env = {"SITEURL": "https://staging.kabarmbojo.example"}
    # A new process, as make publish runs: the test process keeps publishconf.py's SITEURL.
    assert_built(site, "settings, environment changed", env=env, process=True)  # SITEURL is both
    assert "https://staging.kabarmbojo.example/" in page(site, "sitemap.xml")
    assert_skipped(site, env=env)


class Clock(datetime):
    """``datetime`` whose ``now()`` is a value the test sets (news_metadata.clock reads it when
    SOURCE_DATE_EPOCH is unset, as in CI's hourly publish)."""

    value = None

    @classmethod
    def now(cls, tz=None):
        return cls.value.astimezone(tz)


def test_scheduled_article_is_built_once_its_time_has_passed(tmp_path, monkeypatch):
    monkeypatch.setattr(clock, "datetime", Clock)
    Clock.value = SCHEDULED.replace(day=1)
    paths = {"content": write_site(tmp_path / "content", SITE), "output": tmp_path / "output"}
    paths["settings"] = TESTCONF
    clock_env = {"SOURCE_DATE_EPOCH": ""}  # the system clock, i.e. Clock
    assert_built(paths, "no stamp", env=clock_env)
    stamp = json.loads((tmp_path / ".output.published.json").read_text("utf-8"))
    assert stamp["changes_at"] == "2026-06-02T02:00:00Z"
    scheduled = paths["output"] / "2026/06/berita-terjadwal.html"
    assert not scheduled.exists()

    Clock.value = SCHEDULED.replace(second=0, minute=59, hour=1)  # a minute before
    assert_skipped(paths, env=clock_env)
    Clock.value = SCHEDULED
    assert_built(paths, "the output changes at 2026-06-02T02:00:00Z", env=clock_env)
    assert scheduled.is_file()
    stamp = json.loads((tmp_path / ".output.published.json").read_text("utf-8"))
    assert stamp["changes_at"] == "2026-06-04T02:00:00Z"  # it leaves the 48-hour news sitemap
    assert_skipped(paths, env=clock_env)


def test_edited_output_tree_is_built_again(site):
    index = site["output"] / "index.html"
    published = index.read_bytes()
    # New times, same bytes (a copy, a restored CI cache): compared by bytes, not built.
    status = index.stat()
    os.utime(index, ns=(status.st_atime_ns, status.st_mtime_ns + 10**9))
    assert_skipped(site)
    assert_skipped(site)
    index.write_text("dirusak", encoding="utf-8")
    assert_built(site, f"{site['output']} is not the tree the last publish wrote")
    assert index.read_bytes() == published
    (site["output"] / "tambahan.html").write_text("x", encoding="utf-8")
    assert_built(site, f"{site['output']} is not the tree")
    assert not (site["output"] / "tambahan.html").exists()


def test_force_always_builds(site):
    result = publish(site, "--force")
    assert "built because --force" in result.stdout, result.output_text
    assert_skipped(site)


def test_unknown_option_always_builds(site):
    result = publish(site, "-e", 'SITESUBTITLE="x"')
    assert "built because no fingerprint of these arguments" in result.stdout, result.output_text
    result = publish(site, "-e", 'SITESUBTITLE="x"')
    assert "built because" in result.stdout, result.output_text


def test_changes_at_is_the_first_expiry(tmp_path):
    """A breaking label's expiry (breaking_news) and an article leaving the news sitemap
    (news_seo) are moments the output changes; the stamp keeps the earliest still to come
    (the web editor's new year: tests/test_cms_config.py). "Now" is 2026-06-01 00:00 UTC."""
    breaking = header("Berita Kilat", "2026-05-31 20:00", "Breaking: true")
    breaking = breaking.replace("\n\n", "\nBreaking_until: 2026-06-01 12:00\n\n") + "Isi.\n"
    files = {"articles/2026/lama.md": SITE["articles/2026/lama.md"], "articles/2026/b.md": breaking}
    paths = {"content": write_site(tmp_path / "content", files), "output": tmp_path / "output"}
    paths["settings"] = TESTCONF
    stamp = tmp_path / ".output.published.json"
    assert_built(paths, "no stamp")
    assert json.loads(stamp.read_text("utf-8"))["changes_at"] == "2026-06-01T04:00:00Z"
    not_breaking = header("Berita Kilat", "2026-05-31 20:00") + "Isi.\n"
    (paths["content"] / "articles/2026/b.md").write_text(not_breaking, "utf-8")
    assert_built(paths, "content changed")
    # 2026-05-31 20:00 WITA + 48 hours: it leaves the news sitemap.
    assert json.loads(stamp.read_text("utf-8"))["changes_at"] == "2026-06-02T12:00:00Z"
