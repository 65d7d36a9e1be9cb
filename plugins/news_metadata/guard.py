"""No traceback for an editor: every failure while reading or writing a file becomes an error.

Pelican catches an exception raised while it reads a file and logs "Could not process <file>"
without the reason unless ``DEBUG`` is on (and under ``-q`` not at all); it skips a file that
fails ``Content.is_valid`` with a log line only; an exception while writing a page or a feed
ends the whole build with a traceback (``make html`` included). Here:

- :func:`guard_readers` wraps ``Readers.read_file`` (``readers_init``): an exception becomes a
  content error naming the file, the reason (the exception's own words) and, when the exception
  did not come from Pelican's or Python's handling of the editor's text, that it is an internal
  error with the code location; the file is then skipped (``SkipStub``) and the build goes on.
  A content object Pelican would skip as invalid (unknown status, missing title or date, a
  ``save_as`` outside the output folder) is reported with Pelican's reason.
- :func:`guard_writers` wraps each generator's ``generate_output`` (``all_generators_finalized``)
  so that the writer it gets reports a failing page or feed (``OSError: File name too long``, a
  template error, a feed with characters XML cannot hold) as an error on the file it came from,
  removes the half-written output file, and goes on; the strict build then fails at the end
  (``finalized``) with every error listed.
"""

import errno
import functools
import os
import traceback

from pelican.contents import SkipStub, Static

from . import errors

INTERNAL_FIX = (
    "this is a fault in the site's code, not necessarily in your file: tell the developers "
    "(the message and the code location above); meanwhile check the lines you changed last"
)


def describe(exc):
    """Return ``"ExceptionType: message"`` plus `` (at file.py:line)`` for the innermost frame
    of the site's own code (``plugins/``, ``theme/``) or a library, for developers."""
    text = f"{type(exc).__name__}: {exc}".strip()
    frames = traceback.extract_tb(exc.__traceback__)
    if frames:
        last = frames[-1]
        text += f" (at {errors.display_path(last.filename)}:{last.lineno})"
    return text


def _content_error(path, exc):
    """``(line or None, message, fix)`` for an exception raised on the file ``path``."""
    if isinstance(exc, OSError) and exc.errno == errno.ENAMETOOLONG:
        return (
            None,
            f"a file name made from this file is too long for the file system ({exc.strerror})",
            "shorten the Title, or add a shorter 'Slug: ...' line to the header",
        )
    if isinstance(exc, RecursionError):
        # Python-Markdown parses nested blocks recursively: some 250 levels of lists or quotes
        # (text pasted with ever deeper indentation) exhaust Python's stack. The text, not the
        # code, is the cause; the message must not depend on where the stack ran out.
        line, levels = _deepest_line(path)
        return (
            line,
            f"the text is nested too deeply to convert ({levels} levels of lists, quotes or "
            "indentation here)",
            "remove the indentation of pasted text (4 spaces or a '>' make one more level); "
            "a list or quote rarely needs more than 3 levels",
        )
    return (None, f"internal error while reading this file: {describe(exc)}", INTERNAL_FIX)


def _deepest_line(path):
    """``(line, levels)`` of the most deeply nested line of ``path``: 4 columns of indentation
    or one ``>`` is a level (Markdown's rule); ``(None, 0)`` if the file cannot be read."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            lines = handle.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return None, 0
    best = (None, 0)
    for number, text in enumerate(lines, 1):
        stripped = text.expandtabs(4).lstrip(" ")
        indent = len(text.expandtabs(4)) - len(stripped)
        quotes = len(stripped) - len(stripped.lstrip("> "))
        levels = indent // 4 + stripped[:quotes].count(">")
        if levels > best[1]:
            best = (number, levels)
    return best


def guard_readers(readers):
    """``readers_init`` receiver: wrap ``readers.read_file`` (see the module doc)."""
    if getattr(readers.read_file, "news_guarded", False):
        return
    original = readers.read_file

    @functools.wraps(original)
    def read_file(base_path, path, *args, **kwargs):
        source = os.path.abspath(os.path.join(base_path, path))
        try:
            content = original(base_path, path, *args, **kwargs)
        except errors.AlreadyReported:
            return SkipStub(None, source_path=source)
        except UnicodeDecodeError:
            if source in errors.collector.paths():
                return SkipStub(None, source_path=source)  # reported with its line already
            raise
        except Exception as exc:
            errors.report(source, *_content_error(source, exc))
            return SkipStub(None, source_path=source)
        if not isinstance(content, SkipStub | Static):
            _explain_invalid(content)
        return content

    read_file.news_guarded = True
    readers.read_file = read_file


def _explain_invalid(content):
    """Report why Pelican would skip ``content`` (``Content.is_valid``), in the editor's words."""
    lines = getattr(content, "news_lines", {})
    path = content.source_path
    statuses = getattr(content, "allowed_statuses", None)
    if statuses and content.status not in statuses:
        errors.report(
            path,
            lines.get("status"),
            f"Status {content.status!r} is not one Pelican knows ({', '.join(statuses)})",
            "write 'Status: draft' or delete the line",
        )
    for prop in getattr(content, "mandatory_properties", ()):
        if not hasattr(content, prop) and path not in errors.collector.paths():
            label = prop.capitalize()
            errors.report(path, 1, f"the header has no {label}:", f"add a line '{label}: ...'")
    output = content.settings.get("OUTPUT_PATH")
    save_as = getattr(content, "save_as", "")
    if output and save_as:
        target = os.path.abspath(os.path.join(output, save_as))
        if not target.startswith(os.path.abspath(output) + os.sep):
            errors.report(
                path,
                lines.get("save_as") or lines.get("slug"),
                f"this file would be written outside the site folder ({save_as!r})",
                "remove the Save_as line, or write a path inside the site such as 'p/x.html'",
            )


class _GuardedWriter:
    """A proxy for Pelican's ``Writer`` whose ``write_file``/``write_feed`` report and go on."""

    def __init__(self, writer, theme):
        self._writer = writer
        self._theme = theme

    def __getattr__(self, name):
        return getattr(self._writer, name)

    def write_file(self, name, template, context, *args, **kwargs):
        try:
            return self._writer.write_file(name, template, context, *args, **kwargs)
        except Exception as exc:
            self._failed(name, exc, kwargs.get("article") or kwargs.get("page"), template)
            return None

    def write_feed(self, elements, context, path=None, *args, **kwargs):
        try:
            return self._writer.write_feed(elements, context, path, *args, **kwargs)
        except Exception as exc:
            self._failed(path, exc, None, None)
            return None

    def _failed(self, name, exc, content, template):
        output = self._writer.output_path
        if name:
            partial = os.path.join(output, name)
            if os.path.isfile(partial):
                os.remove(partial)  # never leave a truncated page or feed behind
        if content is not None:
            line, message, fix = _content_error(content.source_path, exc)
            message = message.replace("reading", "writing")
            errors.report(content.source_path, line, f"{message} (output {name})", fix)
            return
        where = os.path.join(self._theme, "templates", template.name) if template else name
        errors.report(
            where or output,
            None,
            f"could not write {name}: {describe(exc)}",
            "if an error above names an article, fix that first; otherwise " + INTERNAL_FIX,
        )


def guard_writers(generators):
    """``all_generators_finalized`` receiver: make every generator write through
    :class:`_GuardedWriter` (see the module doc)."""
    for generator in generators:
        method = getattr(generator, "generate_output", None)
        if method is None or getattr(method, "news_guarded", False):
            continue

        theme = generator.settings.get("THEME", "")

        def generate_output(writer, _method=method, _theme=theme):
            return _method(_GuardedWriter(writer, _theme))

        generate_output.news_guarded = True
        generator.generate_output = generate_output
