"""`make cms-tools` / `make node-tools` with node_modules linked to another copy's install
(a worktree or clone may link the one install): npm ci empties the folder a link points to, which is
what a `make cms` in a fresh clone did to the shared install (its package-lock.json is newer)."""

import os
import shutil
import subprocess

import pytest
from conftest import ROOT

FAKE_NPM = '#!/bin/sh\necho "$@" >> "$NPM_CALLS"\nrm -rf node_modules/* node_modules/.??*\n'


@pytest.fixture
def copy(tmp_path):
    """A scratch copy with the Makefile, a fake npm (it empties node_modules, as npm ci does)
    and tools/cms/node_modules linked to another copy's install."""
    if not shutil.which("make"):
        pytest.skip("make not installed")
    site = tmp_path / "clone"
    (site / "tools" / "cms").mkdir(parents=True)
    shutil.copy(ROOT / "Makefile", site / "Makefile")
    (site / "tools" / "cms" / "package-lock.json").write_text('{"lock": 1}\n')
    other = tmp_path / "main" / "tools" / "cms"
    (other / "node_modules" / "decap-cms").mkdir(parents=True)
    (other / "node_modules" / "decap-cms" / "package.json").write_text("{}")
    (other / "node_modules" / ".package-lock.json").write_text("{}")
    (other / "package-lock.json").write_text('{"lock": 1}\n')
    os.symlink(other / "node_modules", site / "tools" / "cms" / "node_modules")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "npm").write_text(FAKE_NPM)
    (bin_dir / "npm").chmod(0o755)
    return site, other, bin_dir


def _make(site, bin_dir, calls):
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "NPM_CALLS": calls}
    return subprocess.run(
        ["make", "-s", "-W", "tools/cms/package-lock.json", "cms-tools"],
        cwd=site,
        env=env,
        capture_output=True,
        text=True,
    )


def test_a_linked_install_of_the_same_lock_file_is_kept(copy, tmp_path):
    site, other, bin_dir = copy
    result = _make(site, bin_dir, str(tmp_path / "calls"))
    assert result.returncode == 0, result.stderr
    assert "kept (no npm ci)" in result.stdout
    assert not (tmp_path / "calls").exists()  # npm never ran
    assert (other / "node_modules" / "decap-cms" / "package.json").exists()


def test_a_linked_install_of_another_lock_file_is_refused_not_emptied(copy, tmp_path):
    site, other, bin_dir = copy
    (site / "tools" / "cms" / "package-lock.json").write_text('{"lock": 2}\n')
    result = _make(site, bin_dir, str(tmp_path / "calls"))
    assert result.returncode != 0
    assert "npm ci would empty the folder it points to; remove the link" in result.stderr
    assert not (tmp_path / "calls").exists()
    assert (other / "node_modules" / "decap-cms" / "package.json").exists()


def test_an_own_install_is_made_with_npm_ci(copy, tmp_path):
    site, _other, bin_dir = copy
    (site / "tools" / "cms" / "node_modules").unlink()
    (site / "tools" / "cms" / "node_modules").mkdir()
    result = _make(site, bin_dir, str(tmp_path / "calls"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "calls").read_text().startswith("ci --ignore-scripts")
