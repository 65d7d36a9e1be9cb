"""The fixture site's output equals the committed expected tree (tests/golden.py).

A difference is either a regression or an intended change: then run ``make update-expected``
and review the diff of tests/fixtures/expected/ like code."""

import golden


def test_fixture_site_output_equals_the_expected_tree(site):
    problems = golden.differences(site.output)
    assert not problems, "\n\n".join(problems) + "\n\n(intended? make update-expected)"


def test_pagefind_index_is_built(site):
    assert site.path("pagefind/pagefind-entry.json").is_file()
