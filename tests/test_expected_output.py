"""The fixture site's output equals the committed expected tree (tests/golden.py).

A difference is either a regression or an intended change: then run ``make update-expected``
and review the diff of tests/fixtures/expected/ like code."""

import golden


def test_fixture_site_output_equals_the_expected_tree(site):
    problems = golden.differences(site.output)
    assert not problems, "\n\n".join(problems) + "\n\n(intended? make update-expected)"


def test_pagefind_index_is_built(site):
    assert site.path("pagefind/pagefind-entry.json").is_file()


def test_the_comparison_reports_a_changed_and_a_missing_file(tmp_path):
    """The harness itself, on a copy of the expected tree (no build): equal, then one page
    changed and one removed."""
    import shutil

    output = tmp_path / "output"
    shutil.copytree(golden.EXPECTED / "tree", output)
    for relative in golden.manifest_paths():  # binary files: present, any bytes
        (output / relative).parent.mkdir(parents=True, exist_ok=True)
        (output / relative).touch(exist_ok=True)
    assert golden.differences(output) == []
    (output / "index.html").write_text("<p>lain</p>\n", encoding="utf-8")
    (output / "robots.txt").unlink()
    problems = golden.differences(output)
    assert problems[0].startswith("MANIFEST.txt:") and "-robots.txt" in problems[0]
    assert any("expected/index.html" in problem for problem in problems[1:])
