"""Threading one article's comments: replies under their parent, oldest first, no cycles.

Rules (issue 3): a comment with ``Reply-To: <id>`` is nested under the comment with that id on
the same article; siblings are ordered oldest first (:attr:`.storage.Comment.sort_key`). A
``Reply-To`` naming no comment of the article, or a chain of replies that loops back on itself,
is reported; the comment is then shown at the top level, so nothing disappears.
"""

import os

from news_metadata.errors import display_path, report
from news_metadata.text import suggest


def build_threads(comments, folder):
    """Nest ``comments`` (one article's) and return the top-level ones, oldest first.

    Args:
        comments: list of :class:`.storage.Comment` of one article; their ``replies`` and
            ``parent`` are (re)set here.
        folder: the article's comment folder (for the messages).
    Returns:
        list of top-level :class:`.storage.Comment`, each with ``replies`` filled recursively.
    """
    by_id = {}
    for comment in comments:
        by_id.setdefault(comment.id, comment)
        comment.parent = None
        comment.replies = []
    for comment in comments:
        if not comment.reply_to:
            continue
        parent = by_id.get(comment.reply_to)
        if parent is None:
            report(
                comment.source_path,
                comment.lines.get("reply-to"),
                f"Reply-To {comment.reply_to!r} is not a comment on this article"
                f"{suggest(comment.reply_to, list(by_id))}",
                "write the file name (without .md) of a comment in "
                f"{os.path.join(display_path(folder), '')}, or remove the Reply-To line",
            )
            continue
        comment.parent = parent
    _break_cycles(comments)
    roots = []
    for comment in sorted(comments, key=lambda c: c.sort_key):
        (comment.parent.replies if comment.parent else roots).append(comment)
    return roots


def _break_cycles(comments):
    """Find every loop of ``parent`` links; report it and cut it at its oldest comment."""
    state = {}  # id(comment) -> "visiting" | "done"
    for start in comments:
        path = []
        node = start
        while node is not None and id(node) not in state:
            state[id(node)] = "visiting"
            path.append(node)
            node = node.parent
        if node is not None and state[id(node)] == "visiting":
            cycle = path[path.index(node) :]
            oldest = min(cycle, key=lambda c: c.sort_key)
            # Name the loop starting at the comment that is cut: a -> b -> a.
            at = cycle.index(oldest)
            ring = cycle[at:] + cycle[:at]
            chain = " → ".join(c.id for c in [*ring, oldest])
            report(
                oldest.source_path,
                oldest.lines.get("reply-to"),
                f"Reply-To makes a loop (→ means 'replies to'): {chain}",
                "a comment cannot answer one of its own replies; remove this Reply-To line",
            )
            oldest.parent = None
        for visited in path:
            state[id(visited)] = "done"
