"""Helpers for the editor-workflow and publishing tests (newsroom_cli).

The tools run as the Makefile runs them, with the arguments and environment it gives them, in
the project root: their ``main(argv)`` in the test process (tests/inprocess.py), or with
``process=True`` as ``python -m newsroom_cli.<tool>`` (``PYTHONPATH=plugins``) for the tests of
what only a process shows (exit status of the real command, signals). Either way the exit
status and the messages an editor sees are what the tests check.

A Makefile target runs with :func:`run_make` (``make``, the shell and a new Python per tool), or
with :func:`run_recipe`: the real ``make`` and shell expand and quote the recipe, a stand-in for
``.venv/bin/python`` records the argument vector each tool would get, and the tools then run in
this process with exactly those arguments (about 0.4 s of CPU less per tool: no interpreter
start, no second import of Pelican).
"""

import importlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

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


# Stands for $(BIN)/python in run_recipe: appends one record per call to $RECIPE_ARGV: the
# argument count, PYTHONPATH, then the arguments, each NUL-terminated (an argument may be empty).
RECORDING_PYTHON = """#!/bin/sh
printf '%s\\0' "$#" "${PYTHONPATH-}" "$@" >> "$RECIPE_ARGV"
"""


def _recorded_calls(path):
    """The ``(PYTHONPATH, argv)`` records RECORDING_PYTHON wrote to ``path``, in call order."""
    fields = path.read_bytes().decode("utf-8").split("\0")[:-1] if path.exists() else []
    calls = []
    while fields:
        count, pythonpath = int(fields[0]), fields[1]
        calls.append((pythonpath, fields[2 : 2 + count]))
        fields = fields[2 + count :]
    return calls


def _entry_module(name):
    """The module whose ``main`` ``python -m name`` runs: ``name``, or for a package whose
    ``__main__`` calls ``.cli.main`` (newsroom_cli.blogger_import) its ``cli`` module."""
    module = importlib.import_module(name)
    return name if hasattr(module, "main") else f"{name}.cli"


def run_recipe(*args, env=None, timeout=300):
    """Run ``make -s args`` with its Python tools in this process; see the module docstring.

    For targets whose recipe is a sequence of ``PYTHONPATH=plugins $(BIN)/python -m <module>``
    lines (new, check, comment, correction, publish, the deploy targets, ...): the tools run in
    order, as make runs them, and the first that fails stops the rest. Returns a
    CompletedProcess as :func:`run_make` does: ``returncode`` is make's (0, or 2 when a tool
    failed: GNU make's status for a failed recipe), ``tool_returncode`` that tool's own status;
    stdout and stderr are the tools' (make's own "*** Error" line is not there).
    """
    with tempfile.TemporaryDirectory(prefix="recipe-") as folder:
        fake_bin = Path(folder) / "bin"
        fake_bin.mkdir()
        python = fake_bin / "python"
        python.write_text(RECORDING_PYTHON, encoding="utf-8")
        python.chmod(0o755)
        record = Path(folder) / "argv"
        expanded = _run(
            ["make", "-s", *map(str, args), f"BIN={fake_bin}"],
            {**(env or {}), "RECIPE_ARGV": str(record)},
            timeout,
        )
        calls = _recorded_calls(record)
    assert expanded.returncode == 0 and calls, f"make {args}: {expanded.output_text}"
    stdout = stderr = ""
    status = 0
    for pythonpath, argv in calls:
        assert pythonpath == "plugins" and argv[:1] == ["-m"], (pythonpath, argv)
        result = run_module(_entry_module(argv[1]), *argv[2:], env=env, timeout=timeout)
        stdout, stderr, status = stdout + result.stdout, stderr + result.stderr, result.returncode
        if status:
            break
    result = subprocess.CompletedProcess(["make", "-s", *args], 2 if status else 0, stdout, stderr)
    result.tool_returncode = status
    result.output_text = stdout + stderr
    return result
