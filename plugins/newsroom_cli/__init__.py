"""newsroom_cli: the editor's and publisher's command-line tools (not a Pelican plugin).

Each tool is a module the Makefile runs with ``python -m newsroom_cli.<tool>`` (``plugins/`` on
``PYTHONPATH``); see README.md in this folder:

- ``new`` (``make new``), ``check`` (``make check``), ``comment`` (``make comment``),
  ``correction`` (``make correction``, ``make withdraw``, ``make hak-jawab``), ``takedown``;
- ``devserver`` (``make devserver``), ``publish`` (``make publish``), ``deploy`` (the upload
  targets);
- the importers: ``blogger_import`` (``make import-blogger``).

The plugins they go with (``newsroom_tools``: scheduling and site checks; ``comments``;
``corrections``) do their work in every build; these tools only write or move content files,
or run and ship a build.
"""
