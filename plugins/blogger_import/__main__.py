"""``python -m blogger_import`` (with ``plugins/`` on ``PYTHONPATH``): see :mod:`.cli`."""

import sys

from .cli import main

sys.exit(main())
