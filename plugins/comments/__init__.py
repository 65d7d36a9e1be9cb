"""comments: moderated static reader comments, threaded, sanitized, counted; the empty stub;
the submission form or mailto link; the editor's ``make comment`` scaffold (newsroom_cli).

See README.md in this folder for the storage format, the settings and the template snippets.
"""

from .plugin import register

__all__ = ["register"]
