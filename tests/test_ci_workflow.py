"""The publish workflow's "Which files changed" step (.github/workflows/publish.yml): a push
that changes only content/ skips the test suite, anything else runs it. The step's own shell
script runs against real git repositories (a clone of a local "origin")."""

import os
import subprocess

import pytest
import yaml
from conftest import ROOT

ZERO = "0" * 40  # GitHub's `before` for a new branch


def step_script():
    workflow = yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text("utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    return next(step for step in steps if step.get("id") == "changes")["run"]


def git(folder, *args):
    result = subprocess.run(
        ["git", "-C", str(folder), *args], check=True, capture_output=True, text=True
    )
    return result.stdout.strip()


@pytest.fixture
def repo(tmp_path):
    origin = tmp_path / "origin"
    origin.mkdir()
    git(origin, "init", "-q", "-b", "main")
    git(origin, "config", "user.email", "t@example.invalid")
    git(origin, "config", "user.name", "t")
    (origin / "content").mkdir()
    (origin / "plugins").mkdir()
    (origin / "content" / "a.md").write_text("Title: A\n", "utf-8")
    (origin / "plugins" / "p.py").write_text("x = 1\n", "utf-8")
    git(origin, "add", ".")
    git(origin, "commit", "-qm", "one")
    return origin


def push_and_check(tmp_path, origin, before):
    """Clone ``origin`` at its head (as actions/checkout does, depth 1), run the step with
    ``before``; return what it wrote to GITHUB_OUTPUT."""
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth=1", f"file://{origin}", str(clone)], check=True)
    output = tmp_path / "github_output"
    output.write_text("", "utf-8")
    env = {**os.environ, "BEFORE": before, "GITHUB_OUTPUT": str(output)}
    subprocess.run(["bash", "-e", "-c", step_script()], cwd=clone, env=env, check=True)
    return output.read_text("utf-8")


def commit(origin, path, text):
    before = git(origin, "rev-parse", "HEAD")
    (origin / path).write_text(text, "utf-8")
    git(origin, "add", ".")
    git(origin, "commit", "-qm", "change")
    return before


def test_content_only_push_skips_tests(tmp_path, repo):
    before = commit(repo, "content/a.md", "Title: A baru\n")
    assert push_and_check(tmp_path, repo, before) == "content_only=true\n"


def test_code_change_runs_tests(tmp_path, repo):
    (repo / "content" / "b.md").write_text("Title: B\n", "utf-8")
    before = commit(repo, "plugins/p.py", "x = 2\n")
    assert push_and_check(tmp_path, repo, before) == ""


def test_new_branch_runs_tests(tmp_path, repo):
    assert push_and_check(tmp_path, repo, ZERO) == ""


def test_tests_step_obeys_it():
    workflow = yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text("utf-8"))
    steps = {step.get("name"): step for step in workflow["jobs"]["build"]["steps"]}
    assert "content_only != 'true'" in steps["Lint and test"]["if"]
    assert "if" not in steps["Check content"] and "if" not in steps["Publish build"]


def test_publish_build_keeps_its_cache_stamp_and_tree_per_code_version():
    """The build cache, output/ and the stamp are restored before the publish build (so an
    unchanged site is not built again) and saved per run, keyed by the code's version."""
    workflow = yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text("utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    names = [step.get("name") for step in steps]
    cache = steps[names.index("Restore the build cache")]
    assert cache["uses"].startswith("actions/cache@")
    assert names.index("Restore the build cache") < names.index("Publish build")
    assert set(cache["with"]["path"].split()) == {"cache", "output", ".output.published.json"}
    code = "hashFiles('plugins/**', 'theme/**', '*.py', 'requirements.txt'"
    key, restore = cache["with"]["key"], cache["with"]["restore-keys"].strip()
    assert code in key and key.endswith("-${{ github.run_id }}")
    assert key.startswith(restore) and code in restore
    assert "if" not in cache
