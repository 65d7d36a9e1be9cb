"""newsroom_tools settings: defaults in one place (the Pelican DEFAULT_CONFIG habit)."""

# The body `make new` writes; left in a published article it is an error (checks.py).
SCAFFOLD_BODY = "Tulis paragraf pertama di sini: siapa, apa, kapan, di mana, mengapa, bagaimana."

DEFAULTS = {
    # Articles dated after the build's "now" (news_metadata.clock.build_now) are held back:
    # treated as drafts, so the publish build (DRAFT_SAVE_AS = "") never writes them.
    "NEWSROOM_TOOLS_SCHEDULE": True,
    # Where `make new` writes an article, relative to PATH; {date} is WITA, {slug} from the title.
    "NEWSROOM_TOOLS_NEW_ARTICLE_PATH": "articles/{date:%Y}/{slug}.md",
    # Status `make new` writes: "draft" (safe: nothing is published by accident) or "published".
    "NEWSROOM_TOOLS_NEW_STATUS": "draft",
    # Scaffold text that must not be published (make new's body; importers add their own).
    "NEWSROOM_TOOLS_PLACEHOLDERS": [SCAFFOLD_BODY],
}


def apply_defaults(settings) -> None:
    """Fill in every missing NEWSROOM_TOOLS_* setting of ``settings`` (a dict) in place."""
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)
