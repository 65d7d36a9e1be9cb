"""``Save_as`` and ``Url`` in an article's header: where Pelican writes it and links to it.

The Blogger import sets both to the post's old path (``2024/12/slug.html``) so every old link
keeps working; editors may set them too. Pelican takes them as they are, so a slip is a broken
or dangerous page: ``/2024/x.html`` or ``../x.html`` writes outside the site's folder on some
setups, a ``Url`` that differs from ``Save_as`` links to a page that does not exist, and a draft
with ``Save_as`` is written (and so published) even by the publish build, whose empty
``DRAFT_SAVE_AS`` only applies when there is no override (``Content.get_url_setting``).
"""

import re

_SAFE_PATH = re.compile(r"^[A-Za-z0-9_.~%-]+(?:/[A-Za-z0-9_.~%-]+)*(?:\.html|/)$")
FIX = "write a path below the site without a leading slash, e.g. 'Save_as: 2024/12/slug.html'"


def url_problems(metadata, lines):
    """Check ``save_as``/``url`` of one file's metadata.

    Args:
        metadata: the reader's metadata dict (lowercased keys; ``status`` as written).
        lines: lowercased key -> line number, for the messages.
    Returns:
        list of ``(line or None, message, fix)``.
    """
    problems = []
    save_as = metadata.get("save_as")
    url = metadata.get("url")
    for key, value in (("save_as", save_as), ("url", url)):
        if value is None:
            continue
        label = key.capitalize()
        text = str(value).strip()
        if not _SAFE_PATH.match(text) or ".." in text.split("/") or text.startswith("/"):
            problems.append(
                (lines.get(key), f"{label} {text!r} is not a path inside the site", FIX)
            )
    if (save_as is None) != (url is None):
        have, missing = ("Save_as", "Url") if url is None else ("Url", "Save_as")
        problems.append(
            (
                lines.get("save_as" if url is None else "url"),
                f"{have} is set but {missing} is not, so links would not lead to the page",
                f"add '{missing}:' with the same path (or remove {have})",
            )
        )
    elif (
        save_as is not None
        and str(save_as).strip().endswith(".html")
        and str(save_as).strip() != str(url).strip()
    ):
        problems.append(
            (
                lines.get("url"),
                f"Url {str(url).strip()!r} differs from Save_as {str(save_as).strip()!r}: "
                "links would lead where the page is not",
                "write the same path in both",
            )
        )
    if save_as is not None and str(metadata.get("status", "")).strip().lower() == "draft":
        problems.append(
            (
                lines.get("save_as"),
                "a draft with Save_as is written to that path even by the publish build",
                "remove the Save_as and Url lines until the article is published, or remove "
                "'Status: draft'",
            )
        )
    return problems
