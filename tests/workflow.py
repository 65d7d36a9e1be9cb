"""Helpers for the editor-workflow and publishing tests (newsroom_cli).

The tools run as the Makefile runs them, with the arguments and environment it gives them, in
the project root: their ``main(argv)`` in the test process (tests/inprocess.py), or with
``process=True`` as ``python -m newsroom_cli.<tool>`` (``PYTHONPATH=plugins``) for the tests of
what only a process shows (exit status of the real command, signals). Either way the exit
status and the messages an editor sees are what the tests check.
"""

import importlib
import os
import subprocess
import sys

import inprocess
from conftest import ROOT, SITEURL, header, write_site  # noqa: F401 (re-exported)

TESTCONF = ROOT / "tests" / "fixtures" / "testconf.py"
# 2026-06-01 00:00 UTC: the tests' "now" (SOURCE_DATE_EPOCH), so scheduling is reproducible.
NOW_EPOCH = 1780272000


def tool_env(extra=None):
    """Environment for a tool run: the plugins on the path, SITEURL, fixed "now", wide lines."""
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT / "plugins"),
        "SITEURL": SITEURL,
        "SOURCE_DATE_EPOCH": str(NOW_EPOCH),
        "COLUMNS": "400",
        **(extra or {}),
    }


def _run(command, env, timeout):
    result = subprocess.run(
        command,
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=tool_env(env),
        timeout=timeout,
    )
    result.output_text = result.stdout + result.stderr
    return result


def run_module(module, *args, env=None, timeout=300, process=False):
    """Run the command-line entry point ``module.main(args)`` (``newsroom_cli.comment``) in the
    project root with :func:`tool_env` plus ``env``: in this process, or (``process``) as
    ``python -m module``. Returns the CompletedProcess with ``output_text`` (stdout + stderr)."""
    if process:
        name = module.removesuffix(".cli")  # python -m pkg runs pkg/__main__.py (blogger_import)
        return _run([sys.executable, "-m", name, *map(str, args)], env, timeout)
    main = importlib.import_module(module).main
    environment = {k: v for k, v in tool_env(env).items() if os.environ.get(k) != v}
    environment.pop("PYTHONPATH", None)
    return inprocess.call(main, args, env=environment, cwd=ROOT)


def run_tool(tool, *args, env=None, timeout=300, process=False):
    """Run ``newsroom_cli.<tool> args``; see :func:`run_module`."""
    return run_module(f"newsroom_cli.{tool}", *args, env=env, timeout=timeout, process=process)


def run_make(*args, env=None, timeout=300):
    """Run ``make -s args`` in the project root (the Makefile's own wiring); see run_tool."""
    return _run(["make", "-s", *map(str, args)], env, timeout)
