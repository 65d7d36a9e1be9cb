"""citations: pandoc-style citations (``[@key]``) in Markdown, formatted with a CSL style, and a
per-article reference list ("Daftar Pustaka").

See README.md in this folder for the syntax, the bibliography files and the settings.
"""

from .plugin import register

__all__ = ["register"]
