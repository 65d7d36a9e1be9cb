"""YAML data files of the content (author profiles, correction files): one way to read their
node tree, so every plugin reports a broken file the same way, with its line."""

import yaml

from .encoding import NotUtf8, read_text
from .errors import report


def line(node):
    """The 1-based line of a PyYAML node."""
    return node.start_mark.line + 1


def compose(path, fix):
    """Return the root node of the YAML file at ``path`` (None for an empty file).

    Args:
        path: the file (it must exist).
        fix: what to tell the editor when the file is not valid YAML.
    Returns:
        a PyYAML node (``yaml.SequenceNode``, ``MappingNode``, ...) keeping line marks, or None
        when the file is empty, not UTF-8 (:mod:`.encoding`) or not valid YAML (then reported
        with the line of the problem).
    """
    try:
        text = read_text(path)
    except NotUtf8 as exc:
        report(path, exc.line, exc.message, exc.fix)
        return None
    try:
        return yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        report(
            path,
            mark.line + 1 if mark else None,
            f"is not valid YAML ({getattr(exc, 'problem', exc)})",
            fix,
        )
        return None
