"""Pelican builds inside the test process: ``pelican.main``'s work without a new interpreter.

A subprocess build pays for a Python start and every import (Pelican, Markdown, citeproc-py,
Pillow, Beautiful Soup) again, about a second each on the 2-core machine; most tests only need
the pages and the messages. :func:`build` returns what ``subprocess.run`` would (``returncode``,
``stdout``, ``stderr``) for the same arguments, so tests read either the same way. Only tests of
the process itself (exit codes of the Makefile targets, signals, the atomic swap, the devserver)
start ``python -m pelican``.

Pelican keeps process-wide state that a second build in one process would inherit; each build
starts from a clean slate (:func:`_reset`): signal receivers (so a build without a plugin does
not run the previous build's receivers; each build's ``register()`` connects its own again),
the log deduplication sets of ``pelican.log.LimitFilter`` and ``FatalLogger``'s level.
"""

import contextlib
import io
import locale
import logging
import os
import subprocess
import sys
import weakref
from pathlib import Path

import blinker
import pelican
from pelican.log import FatalLogger, LimitFilter
from pelican.plugins import signals

ROOT = Path(__file__).resolve().parent.parent
LOG_FORMAT = "%(levelname)-8s %(message)s"


def _signals():
    return [value for value in vars(signals).values() if isinstance(value, blinker.Signal)]


def _reset():
    """Forget what earlier builds in this process left in Pelican's module-level state."""
    for signal in _signals():
        for receiver in list(signal.receivers.values()):
            target = receiver() if isinstance(receiver, weakref.ref) else receiver
            if target is not None:
                signal.disconnect(target)
    LimitFilter._ignore.clear()
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    FatalLogger.fatal_lvl = logging.CRITICAL + 1
    # Settings files read earlier (Pelican's load_source puts each in sys.modules): a later
    # settings file's "from publishconf import *" would get that copy, with the SITEURL of the
    # environment of that earlier build (test_search's server), not its own.
    for name in [name for name, module in sys.modules.items() if _is_settings(module)]:
        del sys.modules[name]


def _is_settings(module):
    """True for a Pelican settings module of this project or a test (``*conf.py`` files)."""
    path = getattr(module, "__file__", None) or ""
    return path.endswith("conf.py") and "site-packages" not in path


@contextlib.contextmanager
def _environment(env, cwd):
    """Set ``env`` (name -> value) in os.environ and chdir to ``cwd``; restore both after, and the
    locale (reading Pelican settings applies their ``LOCALE``, e.g. "C", which would make the
    test's own ``open()`` decode as ASCII)."""
    saved = {name: os.environ.get(name) for name in env}
    old_cwd = os.getcwd()
    old_locale = locale.setlocale(locale.LC_ALL)
    os.environ.update(env)
    os.chdir(cwd)
    try:
        yield
    finally:
        os.chdir(old_cwd)
        locale.setlocale(locale.LC_ALL, old_locale)
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextlib.contextmanager
def _captured_log(stream, level):
    """Send log records at ``level`` and above to ``stream`` (as Pelican's console handler
    shows them: level name, then the message) for the duration of the block; restore the
    root handlers and every logger's level after (tools set them, e.g. make check silences
    news_metadata.errors)."""
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.setLevel(level)
    root = logging.getLogger()
    saved_handlers = list(root.handlers)
    loggers = [
        root,
        *(v for v in logging.root.manager.loggerDict.values() if isinstance(v, logging.Logger)),
    ]
    saved_levels = {logger: logger.level for logger in loggers}
    for logger in loggers[1:]:  # as in a new process: no level left by an earlier tool run
        _set_level(logger, logging.NOTSET)
    root.addHandler(handler)
    root.setLevel(min(level, logging.WARNING))
    try:
        yield
    finally:
        root.handlers[:] = saved_handlers
        # Loggers first made during the block (a tool importing a plugin) go back to NOTSET.
        for logger in logging.root.manager.loggerDict.values():
            if isinstance(logger, logging.Logger):
                _set_level(logger, saved_levels.get(logger, logging.NOTSET))
        _set_level(root, saved_levels[root])


def _set_level(logger, level):
    """``logger.setLevel(level)`` only when it differs: each call clears the level cache of
    every logger (about 1,000 here), which made the saving and restoring above cost more CPU
    than a small site's build."""
    if logger.level != level:
        logger.setLevel(level)


def call(main, argv, env=None, cwd=ROOT, level=logging.WARNING):
    """Run ``main(argv)`` (a command-line entry point returning its exit status) in this
    process as its own process would run: ``env`` (name -> value) set in os.environ, working
    directory ``cwd``, log records at ``level`` and up and print() output captured.

    Returns a ``subprocess.CompletedProcess`` (``output_text`` is stdout + stderr):
    ``returncode`` is what ``main`` returned, the code of a ``SystemExit`` (a message code, as
    news_metadata's ContentErrors carry, goes to stderr with status 1, as Python prints it) or
    1 for an exception (logged at CRITICAL with its traceback, as ``pelican.main`` does);
    ``stdout`` holds the log and the console output.
    """
    stdout, stderr = io.StringIO(), io.StringIO()
    argv = list(map(str, argv))
    _reset()
    with (
        _environment(env or {}, cwd),
        contextlib.redirect_stdout(stdout),
        contextlib.redirect_stderr(stderr),
        _captured_log(stdout, level),
    ):
        try:
            returncode = main(argv) or 0
        except SystemExit as exit_:
            if isinstance(exit_.code, str):
                print(exit_.code, file=stderr)
                returncode = 1
            else:
                returncode = exit_.code or 0
        except Exception as error:
            logging.getLogger("pelican").critical(
                "%s: %s", error.__class__.__name__, error, exc_info=True
            )
            returncode = 1
        finally:
            _reset()
    result = subprocess.CompletedProcess(argv, returncode, stdout.getvalue(), stderr.getvalue())
    result.output_text = result.stdout + result.stderr
    return result


def _pelican(argv):
    """``pelican argv`` without the console's status spinner and logging set-up."""
    args = pelican.parse_arguments(argv)
    if args.fatal:
        warnings = args.fatal.startswith("warning")
        FatalLogger.fatal_lvl = logging.WARNING if warnings else logging.ERROR
    instance, _settings = pelican.get_instance(args)
    instance.run()
    return 0


def build(argv, env=None, cwd=ROOT):
    """Run ``pelican argv`` (the command-line arguments) in this process; see :func:`call`."""
    verbosity = pelican.parse_arguments(list(map(str, argv))).verbosity
    return call(_pelican, argv, env=env, cwd=cwd, level=verbosity or logging.WARNING)
