"""``Lang:`` in a header: a language tag, nothing else.

Pelican puts the value into the output file name (``ARTICLE_LANG_SAVE_AS``: ``slug-en.html``)
and into ``<html lang>``/``hreflang`` unchanged, so ``Lang: ../../x`` wrote ``x.html`` outside
its folder and ``Lang: "><script>`` named files after markup. A tag of RFC 5646 (BCP 47)
"Tags for Identifying Languages" is letters, digits and hyphens: a primary language subtag of
2-3 letters (section 2.2.1) and further subtags of 1-8 letters or digits (2.1, the ABNF), e.g.
``en``, ``id``, ``jv``, ``en-US``, ``zh-Hant``. The registry itself (which subtags exist) is not
checked: the shape alone keeps the value out of paths and markup.
"""

import re

LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$")
FIX = "write a language code such as 'en' or 'id', or delete the line for the site's language"


def parse_lang(value) -> str:
    """Return ``value`` (a header value, str) as a language tag, lowercased.

    Tags are case-insensitive (RFC 5646, 2.1.1), so ``EN`` is ``en``: one spelling keeps one
    output file name per language.

    Raises:
        ValueError: the value is not shaped like an RFC 5646 tag (see the module doc).
    """
    tag = str(value).strip().lower()
    if not LANGUAGE_TAG.match(tag):
        raise ValueError(f"Lang {str(value).strip()!r} is not a language code (RFC 5646)")
    return tag
