"""Comment ids: the rule, and fresh ids for the editor's CLI.

A comment's id is its file name without ``.md``; the CLI makes ``YYYYMMDD-HHMM-xxxx`` (the WITA
time it was scaffolded and four random hex digits), unique across the site. Article ids (the
folder names below ``content/comments/``) are news_metadata's: :mod:`news_metadata.ids`.
"""

import re
import secrets

from news_metadata.dates import to_wita

# A comment id is also an HTML id and a URL fragment ("#komentar-<id>").
COMMENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
COMMENT_ID_FIX = (
    "rename the file to letters, digits, '-' and '_' only, e.g. 20241206-1015-a3f2.md "
    "(make comment ARTICLE=<article-id> makes such a name)"
)


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
