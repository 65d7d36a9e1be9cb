"""Article ids and comment ids: the rules, the fallback, fresh ids for the editor's CLI.

An article's comments live in ``content/comments/<article-id>/``. The article id must survive
a change of the article's title, slug or file name, so it is the article's own ``Id:`` metadata
(a short token written once, e.g. ``Id: 20241205-kaki-si-intens``: the publication date and a
word or two). An article without ``Id:`` falls back to its source path below the article folder
(``articles/2024/banjir.md`` -> ``2024-banjir``): nothing breaks for an article that never gets
comments, and if such a file is renamed after it got comments, the orphaned folder is a
reported content error whose fix is to add ``Id: <old id>`` to the article, so nothing is lost.

A comment's id is its file name without ``.md``; the CLI makes ``YYYYMMDD-HHMM-xxxx`` (the WITA
time it was scaffolded and four random hex digits), unique across the site.
"""

import os
import re
import secrets

from news_metadata.dates import to_wita

ARTICLE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ARTICLE_ID_MAX = 80
ARTICLE_ID_FIX = (
    "use lowercase letters, digits and hyphens only, e.g. 'Id: 20241205-kaki-si-intens' "
    "(the date and a word or two); never change it once the article has comments"
)
# A comment id is also an HTML id and a URL fragment ("#komentar-<id>").
COMMENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
COMMENT_ID_FIX = (
    "rename the file to letters, digits, '-' and '_' only, e.g. 20241206-1015-a3f2.md "
    "(make comment ARTICLE=<article-id> makes such a name)"
)


def article_id_problem(value):
    """Return what is wrong with an ``Id:`` value (an English phrase), or None when it is valid.

    Args:
        value: the text after ``Id:``.
    """
    if not value:
        return "Id is empty"
    if len(value) > ARTICLE_ID_MAX:
        return f"Id {value!r} is longer than {ARTICLE_ID_MAX} characters"
    if not ARTICLE_ID.match(value):
        return f"Id {value!r} is not a valid article id"
    return None


def fallback_id(source_path, content_path, article_paths):
    """The id of an article without ``Id:``: its path below the article folder, as one token.

    Args:
        source_path: the article's file (absolute, or relative to the working directory).
        content_path: Pelican's ``PATH``.
        article_paths: Pelican's ``ARTICLE_PATHS`` (folders below ``PATH``).
    Returns:
        str matching :data:`ARTICLE_ID`, e.g. ``"2024-banjir-padolo"`` for
        ``content/articles/2024/banjir-padolo.md``.
    """
    relative = os.path.relpath(source_path, content_path).replace(os.sep, "/")
    for folder in article_paths:
        prefix = folder.strip("/") + "/"
        if prefix != "/" and relative.startswith(prefix):
            relative = relative[len(prefix) :]
            break
    stem = os.path.splitext(relative)[0]
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "artikel"


def new_comment_id(now, token=None):
    """A fresh comment id ``YYYYMMDD-HHMM-xxxx``.

    Args:
        now: an aware ``datetime`` (any zone; the id uses its WITA wall time).
        token: four characters to end the id with (default: random hex from ``secrets``).
    Returns:
        str matching :data:`COMMENT_ID`.
    """
    local = to_wita(now)
    return f"{local:%Y%m%d-%H%M}-{token or secrets.token_hex(2)}"
