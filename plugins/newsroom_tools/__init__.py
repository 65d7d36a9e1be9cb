"""newsroom_tools: the Pelican plugin of the editor workflow: site-wide checks and scheduling.

``site_checks`` runs in every build and in ``make check`` (links between files, drafts and
embargoes, pasted control characters, file names); ``schedule`` holds back articles dated in the
future. The command-line tools (new, check, publish, deploy, devserver, ...) are the
``newsroom_cli`` package. See README.md in this folder.
"""

from .plugin import register

__all__ = ["register"]
