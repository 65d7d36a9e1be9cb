"""Scheduled (future-dated) articles and pages: held back until the build's "now" passes their
date.

Pelican's own ``WITH_FUTURE_DATES = False`` compares with the wall clock (not
``SOURCE_DATE_EPOCH``, so builds are not reproducible) and makes such articles drafts, which
Pelican then writes under ``DRAFT_SAVE_AS``. Here the comparison uses
:func:`news_metadata.clock.build_now`, and the article becomes a draft marked ``scheduled``;
publishconf.py sets ``DRAFT_SAVE_AS = ""``, so the publish build writes no draft at all, lists
none and puts none in feeds. The first publish build after the date includes it (CI builds
hourly for that reason).

Pages follow the same rule (Pelican's ``WITH_FUTURE_DATES`` looks at articles only, so a page
with ``Date: 2030-01-01`` was published at once): a newsroom dates a page (the new code of
conduct, an election-day page) for the same reason it dates an article. So does a hidden
article or page (``Status: hidden``: written at its URL, listed nowhere): a future Date is an
embargo there too; it is hidden again once the date has passed.
"""

from datetime import UTC

from news_metadata.clock import add_moment, build_now
from pelican.contents import Article, Page

_now = {}


def start_build(generator) -> None:
    """``article_generator_init``: fix "now" once per build (seconds resolution, UTC)."""
    _now["value"] = build_now()


def hold_back(instance) -> None:
    """``content_object_init``: make a published or hidden article or page dated after "now" a
    scheduled draft.

    Sets ``status = "draft"`` and ``scheduled = True`` (templates show the release time); every
    other object gets ``scheduled = False``. Disabled by ``NEWSROOM_TOOLS_SCHEDULE = False``.
    The article's date is recorded with :func:`news_metadata.clock.add_moment`: the output
    changes then, so ``make publish`` builds again once it has passed.
    """
    if not isinstance(instance, Article | Page):
        return
    instance.scheduled = False
    if not instance.settings.get("NEWSROOM_TOOLS_SCHEDULE", True):
        return
    date = getattr(instance, "date", None)
    if instance.status not in ("published", "hidden") or date is None or date.tzinfo is None:
        return
    now = _now.get("value") or build_now()
    if date.astimezone(UTC) > now:
        instance.status = "draft"
        instance.scheduled = True
        add_moment(date)
        # A Save_as/Url in the header (imported Blogger posts keep their old path that way)
        # would override DRAFT_SAVE_AS and publish the embargoed article; drop it until then.
        for name in ("override_save_as", "override_url"):
            if hasattr(instance, name):
                delattr(instance, name)
