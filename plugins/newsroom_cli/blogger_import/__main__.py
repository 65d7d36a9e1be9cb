"""``python -m newsroom_cli.blogger_import`` (``plugins/`` on ``PYTHONPATH``): see :mod:`.cli`."""

import sys

from .cli import main

sys.exit(main())
