"""Signal wiring for newsroom_tools. Receivers are module-level: blinker keeps weak references."""

from pelican import signals

from .schedule import hold_back, start_build
from .settings import apply_defaults
from .site_checks import check_site


def initialize(pelican) -> None:
    """``initialized``: fill in default settings."""
    apply_defaults(pelican.settings)


def register() -> None:
    """Connect the receivers (Pelican plugin entry point)."""
    signals.initialized.connect(initialize)
    signals.article_generator_init.connect(start_build)
    signals.content_object_init.connect(hold_back)
    signals.page_generator_finalized.connect(check_site)
