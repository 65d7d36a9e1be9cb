"""``python -m corrections``: see :mod:`corrections.cli`."""

import sys

from .cli import main

sys.exit(main())
