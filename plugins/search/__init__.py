"""search: a Pagefind index of the published articles and pages, and the /cari/ search page.

See README.md in this folder for what is indexed, the settings and the template snippets.
"""

from .plugin import register

__all__ = ["register"]
