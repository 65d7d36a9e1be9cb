"""Everything a publish build depends on, as one fingerprint (``make publish``'s no-change check).

:func:`fingerprint` returns a dict of sha256 hex digests, one per kind of input, so a stamp can
say which kind changed:

- ``content``, ``theme``, ``plugins``: every file under the content folder (the ``pelican``
  path argument, else ``PATH``), ``THEME`` and each of ``PLUGIN_PATHS``, names and bytes
  (:func:`build_speed.digests.tree_digest`; newsroom_cli itself is under ``plugins/``);
- ``settings_files``: the settings file and every module it imports from outside the Python
  installation (``publishconf.py`` imports ``pelicanconf.py``), by bytes;
- ``settings``: the settings' values, as Pelican reads them (upper-case names of the module),
  ``OUTPUT_PATH`` left out; an object JSON cannot write counts by its type, its source file is
  in ``settings_files``;
- ``python``, ``packages``: ``sys.version`` and the names of the distributions installed in
  site-packages (``name-version.dist-info``), so an upgrade of Pelican, Markdown or Pagefind
  counts;
- ``project``: ``requirements.txt``, the web editor's ``tools/cms/package.json`` and the
  installed Decap CMS's own ``package.json`` (its version; absent before ``make cms-tools``);
- ``environment``: the values of the variables the build reads, :data:`ENVIRONMENT` plus the
  names in the setting ``NEWSROOM_CLI_PUBLISH_ENV`` (a site's own plugin reading another one);
- ``arguments``: the command's arguments (``--force`` left out).

Reading the settings here executes the settings file as Pelican does (it is Python), without
importing Pelican: the whole check costs a fraction of Pelican's own import time. Only the
arguments ``make publish`` passes are understood (:func:`parse_arguments`); for any other
option there is no fingerprint and the publish always builds.
"""

import builtins
import hashlib
import importlib.util
import inspect
import os
import sys
import sysconfig
from dataclasses import dataclass

from build_speed.digests import file_digest, settings_digest, tree_digest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# Variables the settings files and plugins read: SITEURL and CMS_REQUIRED (publishconf.py),
# SOURCE_DATE_EPOCH (news_metadata.clock).
ENVIRONMENT = ("SOURCE_DATE_EPOCH", "SITEURL", "CMS_REQUIRED")
PROJECT_FILES = (
    "requirements.txt",
    "tools/cms/package.json",
    "tools/cms/node_modules/decap-cms/package.json",
)
# Options that take a value / that take none, as Pelican's parse_arguments spells them; the
# log options change no output but stay part of "arguments" (cheap to be strict).
VALUE_OPTIONS = {"-o": "output", "--output": "output", "-s": "settings", "--settings": "settings"}
VALUE_OPTIONS |= {"--fatal": None, "--logs-dedup-min-level": None}
FLAG_OPTIONS = {"-q", "--quiet", "-v", "--verbose", "-D", "--debug"}


@dataclass
class Request:
    """A ``make publish`` command line: the folders and the settings file it names."""

    arguments: list
    settings: str
    path: str | None = None
    output: str | None = None


def parse_arguments(argv) -> Request | None:
    """Parse the arguments ``make publish`` passes (``[PATH] -o OUTPUT -s SETTINGS`` and the log
    options ``-q -v -D --fatal --logs-dedup-min-level``).

    Returns:
        a :class:`Request`, or None for anything else (another option, no ``-s``, two paths):
        the caller then builds without a fingerprint, and Pelican's own parser reports any
        mistake in the arguments.
    """
    values = {"settings": None, "output": None}
    paths = []
    words = iter(argv)
    for word in words:
        name, equals, inline = word.partition("=")
        if word in FLAG_OPTIONS:
            continue
        if name in VALUE_OPTIONS:
            value = inline if equals else next(words, None)
            if value is None:
                return None
            if VALUE_OPTIONS[name]:
                values[VALUE_OPTIONS[name]] = value
        elif word.startswith("-"):
            return None
        else:
            paths.append(word)
    if values["settings"] is None or len(paths) > 1:
        return None
    return Request(list(argv), values["settings"], paths[0] if paths else None, values["output"])


# Python's own modules and the installed packages count by version, not by file.
_INSTALLED = tuple(
    sorted(
        {
            sysconfig.get_paths()[key] + os.sep
            for key in ("stdlib", "platstdlib", "purelib", "platlib")
        }
    )
)


def _is_local(path) -> bool:
    """True for a source file outside Python and its installed packages."""
    return bool(path) and not path.startswith(_INSTALLED)


def _hide_local_modules() -> dict:
    """Take the top-level local modules (not packages: settings files, not plugins) out of
    ``sys.modules`` and return them, so the settings file's imports run afresh.

    A new ``make publish`` process has none; a long-running one (the test suite) keeps
    ``pelicanconf`` from an earlier build, maybe with values that build changed in place, and
    would neither see its file now nor record that the settings import it.
    """
    hidden = {
        name: module
        for name, module in list(sys.modules.items())
        if "." not in name
        and name != "__main__"
        and not hasattr(module, "__path__")
        and _is_local(getattr(module, "__file__", None))
    }
    for name in hidden:
        del sys.modules[name]
    return hidden


class SettingsFileError(Exception):
    """Executing the settings file raised; Pelican reads it next and reports the problem."""


def load_settings(path) -> tuple[dict, list[str]]:
    """Execute the settings file ``path`` as Pelican's ``get_settings_from_file`` does, with
    the local modules it imports executed afresh (:func:`_hide_local_modules`); afterwards the
    modules imported before are put back, so a long-running process's later builds see what
    they saw before.

    Returns:
        (settings, files): the module's upper-case names and values, with ``PATH``,
        ``OUTPUT_PATH``, ``THEME`` and ``PLUGIN_PATHS`` made absolute relative to the file's
        folder as Pelican does (``THEME`` only when that folder exists: it may be a theme's
        name); and the settings file followed by the local modules it imported, sorted.

    Raises:
        SettingsFileError: executing the file (or a module it imports) raised.
    """
    imported = set()
    real_import = builtins.__import__

    def recording_import(name, globals=None, locals=None, fromlist=(), level=0):
        module = real_import(name, globals, locals, fromlist, level)
        if level == 0:
            imported.add(getattr(sys.modules.get(name), "__file__", None))
        return module

    name = os.path.splitext(os.path.basename(path))[0]
    hidden = _hide_local_modules()
    builtins.__import__ = recording_import
    try:
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    except Exception as exc:
        raise SettingsFileError(f"{path}: {exc}") from exc
    finally:
        builtins.__import__ = real_import
        sys.modules.update(hidden)
    files = sorted({os.path.abspath(file) for file in imported if _is_local(file)})
    settings = {key: value for key, value in inspect.getmembers(module) if key.isupper()}
    folder = os.path.dirname(os.path.abspath(path))

    def absolute(value):
        return os.path.abspath(os.path.join(folder, value))

    for key in ("PATH", "OUTPUT_PATH", "THEME"):
        value = settings.get(key)
        if isinstance(value, str) and (key != "THEME" or os.path.exists(absolute(value))):
            settings[key] = absolute(value)
    if isinstance(settings.get("PLUGIN_PATHS"), list | tuple):
        settings["PLUGIN_PATHS"] = [absolute(entry) for entry in settings["PLUGIN_PATHS"]]
    return settings, [os.path.abspath(path), *files]


def _installed_distributions() -> list[str]:
    """Names of the ``*.dist-info`` / ``*.egg-info`` entries of the environment's
    site-packages (they carry the version: ``pelican-4.12.0.dist-info``), sorted.

    Cheaper than importlib.metadata; other ``sys.path`` entries (``PYTHONPATH=plugins``, a test
    runner's folders) hold the project's own code, which the trees cover.
    """
    names = set()
    for folder in {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}:
        try:
            entries = os.listdir(folder)
        except OSError:
            continue
        names.update(e for e in entries if e.endswith((".dist-info", ".egg-info")))
    return sorted(names)


def _digest(lines) -> str:
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def output_folder(request, settings) -> str:
    """The absolute output folder of ``request`` (``-o``, else ``OUTPUT_PATH``, else Pelican's
    default ``output``).
    """
    return os.path.abspath(request.output or settings.get("OUTPUT_PATH") or "output")


def fingerprint(request, settings, files, environ=None) -> dict[str, str]:
    """Return the fingerprint of a publish build (the module doc lists the keys).

    Args:
        request: the parsed command line (:func:`parse_arguments`).
        settings, files: what :func:`load_settings` returned for ``request.settings``.
        environ: where the variables are read (default ``os.environ``).

    Returns:
        kind of input → sha256 hex digest. Two fingerprints are equal only when every file,
        value and version listed above is.
    """
    environ = os.environ if environ is None else environ
    content = os.path.abspath(request.path) if request.path else settings.get("PATH", ".")
    names = [*ENVIRONMENT, *settings.get("NEWSROOM_CLI_PUBLISH_ENV", ())]
    project = [os.path.join(ROOT, name) for name in PROJECT_FILES]
    return {
        "content": tree_digest([content]),
        "theme": tree_digest([settings.get("THEME")]),
        "plugins": tree_digest(settings.get("PLUGIN_PATHS") or []),
        "settings_files": _digest(f"{path}\0{file_digest(path)}" for path in files),
        "settings": settings_digest(settings, ("OUTPUT_PATH",)),
        "python": _digest([sys.version, sys.implementation.name]),
        "packages": _digest(_installed_distributions()),
        "project": _digest(f"{path}\0{file_digest(path)}" for path in project),
        "environment": _digest(f"{name}={environ.get(name)!r}" for name in names),
        "arguments": _digest(request.arguments),
    }
