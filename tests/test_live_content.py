"""The one test of the live content/: it builds for publishing, without a content error, and
every internal link resolves. Everything else is tested on tests/fixtures/site/, so an editor's
new article or a renamed author fails no test unless it is a real content error."""

from conftest import ROOT, BuiltSite, broken_links, run_pelican


def test_live_content_publishes_without_errors_or_broken_links(tmp_path):
    output = tmp_path / "output"
    result = run_pelican(ROOT / "content", output, ROOT / "publishconf.py")
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert "ERROR" not in log and "content error" not in log, log
    site = BuiltSite(output, result)
    assert site.path("index.html").is_file()
    assert not broken_links(site)
