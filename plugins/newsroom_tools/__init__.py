"""newsroom_tools: the editor workflow and safe publishing.

Pelican plugin part (checks that run in every build, scheduled articles) plus the command-line
tools the Makefile runs with ``python -m newsroom_tools.<tool>``: ``new``, ``check``,
``devserver``, ``publish``, ``deploy``. See README.md in this folder.
"""

from .plugin import register

__all__ = ["register"]
