"""A translation is never more public than the story it translates.

Pelican groups an article (or page) with its translations by ``ARTICLE_TRANSLATION_ID``
(``PAGE_TRANSLATION_ID``; the slug here) within one status: a published ``Lang: en`` file
whose original is a draft, a scheduled article or withdrawn (``Status: withdrawn`` makes it
hidden) has no published original, so Pelican publishes it as an original of its own: on the
home page, in the feeds, the sitemap and the search index. A withdrawal that leaves the
English version up, or a translation that breaks an embargo, is an error here instead
(Dewan Pers, Pedoman Pemberitaan Media Siber 2012, point 5: a withdrawn story is withdrawn).

``Translation: true`` (Pelican's own key: "this file translates another one", whatever its
``Lang``) on a file whose translation id no story without that line shares is an error at the
line too: Pelican would only warn (``All items ... are translations``, dropped by
:class:`.errors.SameSlugWarnings`) and publish it as a story of its own.
"""

from .errors import display_path, report


def _state(content):
    if getattr(content, "withdrawn", False):
        return "withdrawn"
    if getattr(content, "scheduled", False):
        return f"scheduled for {content.date.isoformat(timespec='minutes')}"
    return "a draft" if content.status == "draft" else f"'{content.status}'"


def is_translation(content, default_lang) -> bool:
    """True for a translation: a ``Lang`` other than ``default_lang``, or ``Translation: true``
    (the reader stores it as the string ``"true"``, the form Pelican's ``get_original_items``
    compares)."""
    flagged = str(getattr(content, "metadata", {}).get("translation", "false")).lower() != "false"
    return flagged or getattr(content, "lang", default_lang) != default_lang


def check_translations(contents, settings) -> None:
    """Report each published translation whose original (the item in ``DEFAULT_LANG`` without
    ``Translation: true``, with the same translation id) exists but is not published, and each
    ``Translation: true`` file with no original at all.

    Args:
        contents: ``(generator, its contents)`` pairs (``all_generators_finalized``; the
            contents as :func:`.collect.all_contents` gives them; empty for generators without
            content lists).
        settings: Pelican's settings (``DEFAULT_LANG``, ``*_TRANSLATION_ID``).
    Reports through :func:`.errors.report` at the translation's ``Lang:`` (or ``Translation:``)
    line, else its first header line; nothing is changed, so the dev build still shows it.
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
            if not is_translation(content, default_lang):
                originals.setdefault(getattr(content, key, None), content)
        for content in read:
            if not is_translation(content, default_lang):
                continue
            original = originals.get(getattr(content, key, None))
            lines = getattr(content, "news_lines", {})
            if original is None:
                _no_original(content, key, lines)
                continue
            if content.status != "published" or (
                original.status == "published" and not getattr(original, "withdrawn", False)
            ):
                continue
            report(
                content.source_path,
                lines.get("lang") or lines.get("translation") or lines.get("title"),
                f"this translation ({content.lang}) would be published, but the story it "
                f"translates, {display_path(original.source_path)}, is {_state(original)}",
                "give the translation the same Status (and Date) as the original, or remove "
                "its Lang line if it is a story of its own",
            )


def _no_original(content, key, lines):
    """``Translation: true`` with no story to translate (a translation in another ``Lang`` with
    no original is Pelican's ordinary case, an original of its own: left alone)."""
    if "translation" not in lines or str(content.metadata.get("translation")) != "true":
        return
    report(
        content.source_path,
        lines["translation"],
        f"Translation: true marks this file as the translation of another story, but no story "
        f"without that line has its {key} {getattr(content, key, None)!r}: it would be "
        "published as a story of its own",
        "delete the Translation line if it is a story of its own, or give it the Slug (and a "
        "Lang line) of the story it translates",
    )
