"""cms: the web editor at /admin/ (Decap CMS), its config generated from the content model.

See README.md in this folder for what it writes, the settings and the GitHub set-up.
"""

from .plugin import register

__all__ = ["register"]
