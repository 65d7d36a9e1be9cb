"""``python -m comments`` (with ``plugins/`` on ``PYTHONPATH``): see :mod:`comments.cli`."""

import sys

from .cli import main

sys.exit(main())
