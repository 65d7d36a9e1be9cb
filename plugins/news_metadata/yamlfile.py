"""YAML data files of the content (author profiles, correction files): one way to read their
node tree, so every plugin reports a broken file the same way, with its line."""

import yaml

from .encoding import NotUtf8, read_text
from .errors import report

ALIAS_PROBLEM = "an alias (*name) repeats an anchored value (&name); write each value out"
# YAML 1.1's core types (yaml.org/type): harmless, and the values are read as text anyway.
CORE_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
)
_EVENTS_WITH_TAGS = (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)


class TagError(yaml.composer.ComposerError):
    """A value with a YAML tag of another type (``!!python/object/apply:os.system``, ``!foo``),
    at the tag's mark; ``fix`` says what to write instead."""

    def __init__(self, tag, mark):
        written = tag.replace("tag:yaml.org,2002:", "!!", 1)
        super().__init__(
            None,
            None,
            f"the tag '{written}' asks YAML for a {_kind(written)} instead of text; every value "
            "here is read as text",
            mark,
        )
        self.fix = f"delete '{written}' and write the value as plain text"


def _kind(written):
    return "Python object" if written.startswith("!!python/") else "type of its own"


def fix_of(exc, default):
    """The fix for the YAML error ``exc``: its own (:class:`TagError`), else ``default``."""
    return getattr(exc, "fix", None) or default


class Loader(yaml.SafeLoader):
    """PyYAML's safe loader without aliases, for every YAML file an editor writes.

    An alias makes one node stand for another, so a few lines of ``&a [*b, *b, ...]`` become
    billions of values for any code that walks the values (the "billion laughs"): the build
    hung. No header or data file of the site needs one; an alias is a YAML error at its line.

    A tag other than YAML's core types (``!!python/name:os.system``, ``!include x``) is one too
    (:class:`TagError`): the safe loader refuses it anyway, with a traceback (``could not
    determine a constructor``) in ``authors.yml``, and as a value "list of 1" in a header.
    """

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.composer.ComposerError(None, None, ALIAS_PROBLEM, mark)
        event = self.peek_event()
        tag = getattr(event, "tag", None) if isinstance(event, _EVENTS_WITH_TAGS) else None
        if tag not in (None, "!") and tag not in CORE_TAGS:
            raise TagError(tag, event.start_mark)
        return super().compose_node(parent, index)


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
        root = yaml.compose(text, Loader=Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        report(
            path,
            mark.line + 1 if mark else None,
            f"is not valid YAML ({getattr(exc, 'problem', exc)})",
            fix_of(exc, fix),
        )
        return None
    for key, first in repeated_keys(root):
        report(
            path,
            line(key),
            f"{key.value!r} is written twice in the same entry (lines {line(first)} and "
            f"{line(key)}): only the second would be read",
            "keep one of the two lines (join their text if both are wanted)",
        )
    return root


def repeated_keys(root):
    """The keys written twice in one mapping anywhere below ``root`` (a PyYAML node or None).

    PyYAML keeps the last value of a repeated key without a word (YAML 1.2 forbids it), so a
    second ``bio:`` or ``text:`` in an entry silently replaced the first.

    Returns:
        list of ``(key node, the earlier key node of the same name)``, in file order.
    """
    found = []
    pending = [root] if root is not None else []
    while pending:
        node = pending.pop()
        if isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            seen = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen:
                        found.append((key, seen[key.value]))
                    else:
                        seen[key.value] = key
                pending.append(value)
    return sorted(found, key=lambda pair: line(pair[0]))
