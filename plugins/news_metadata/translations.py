"""A translation is never more public than the story it translates.

Pelican groups an article (or page) with its translations by ``ARTICLE_TRANSLATION_ID``
(``PAGE_TRANSLATION_ID``; the slug here) within one status: a published ``Lang: en`` file
whose original is a draft, a scheduled article or withdrawn (``Status: withdrawn`` makes it
hidden) has no published original, so Pelican publishes it as an original of its own: on the
home page, in the feeds, the sitemap and the search index. A withdrawal that leaves the
English version up, or a translation that breaks an embargo, is an error here instead
(Dewan Pers, Pedoman Pemberitaan Media Siber 2012, point 5: a withdrawn story is withdrawn).
"""

from .errors import display_path, report


def _state(content):
    if getattr(content, "withdrawn", False):
        return "withdrawn"
    if getattr(content, "scheduled", False):
        return f"scheduled for {content.date.isoformat(timespec='minutes')}"
    return "a draft" if content.status == "draft" else f"'{content.status}'"


def check_translations(contents, settings) -> None:
    """Report each published translation whose original (the item in ``DEFAULT_LANG`` with
    the same translation id) exists but is not published.

    Args:
        contents: ``(generator, its contents)`` pairs (``all_generators_finalized``; the
            contents as :func:`.collect.all_contents` gives them; empty for generators without
            content lists).
        settings: Pelican's settings (``DEFAULT_LANG``, ``*_TRANSLATION_ID``).
    Reports through :func:`.errors.report` at the translation's ``Lang:`` line (or its first
    header line); nothing is changed, so the dev build still shows it.
    """
    default_lang = settings.get("DEFAULT_LANG")
    for generator, read in contents:
        if not read:
            continue
        key = settings.get(
            "PAGE_TRANSLATION_ID" if hasattr(generator, "pages") else "ARTICLE_TRANSLATION_ID",
            "slug",
        )
        if not key:
            continue
        originals = {}
        for content in read:
            if getattr(content, "lang", default_lang) == default_lang:
                originals.setdefault(getattr(content, key, None), content)
        for content in read:
            original = originals.get(getattr(content, key, None))
            if (
                original is None
                or content is original
                or getattr(content, "lang", default_lang) == default_lang
                or content.status != "published"
                or (original.status == "published" and not getattr(original, "withdrawn", False))
            ):
                continue
            lines = getattr(content, "news_lines", {})
            report(
                content.source_path,
                lines.get("lang") or lines.get("title"),
                f"this translation ({content.lang}) would be published, but the story it "
                f"translates, {display_path(original.source_path)}, is {_state(original)}",
                "give the translation the same Status (and Date) as the original, or remove "
                "its Lang line if it is a story of its own",
            )
