"""comments: moderated static reader comments, threaded, sanitized, counted; the empty stub;
the submission form or mailto link; the editor's ``python -m comments new`` scaffold.

See README.md in this folder for the storage format, the settings and the template snippets.
"""

from .plugin import register

__all__ = ["register"]
