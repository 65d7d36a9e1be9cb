"""corrections: corrections, clarifications and updates as data, hak jawab (right of reply),
withdrawals, the /koreksi/ page and its feed, and the advertorial label (Dewan Pers, Pedoman
Pemberitaan Media Siber 2012 and Pedoman Hak Jawab 2008).

See README.md in this folder for the files, keys, settings and template attributes.
"""

from .plugin import register

__all__ = ["register"]
