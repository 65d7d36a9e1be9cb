"""Pandoc's citation syntax (https://pandoc.org/MANUAL.html#citation-syntax), parsed.

- ``[@key]``, ``[@a; @b]``: a bracketed citation; items separated by ``;``.
- ``[@key, hlm. 12]``: after a comma, a locator: an optional label (a locator term of the
  style's locales, long or short: ``hlm.``, ``halaman``, ``bab``, ``p.``, ``chap.``) and a
  value (numbers or roman numerals, ranges and lists: ``12``, ``12-15``, ``xii``, ``3, 7``);
  a bare number is a page. Whatever follows, and any text after the comma that is not a
  locator (``[@uu, Pasal 5]``), is the item's suffix, printed after it as written.
- ``[lihat @key]``: text before the key is the item's prefix.
- ``[-@key]``: the year only (the author is named in the sentence).
- ``@key`` in running text, optionally followed by `` [hlm. 12]``: a narrative citation,
  ``Fajriati (2011, hlm. 12)``; only a key that exists makes it one, so ``@pemkotbima`` and
  ``redaksi@contoh.id`` stay text.

Keys start with a letter, digit or ``_`` and may hold ``:.#$%&-+?<>~/`` between word
characters (a key never ends in punctuation, so ``@fajriati2011.`` cites ``fajriati2011``).
"""

import re
from dataclasses import dataclass

KEY = r"\w(?:\w|[:.#$%&\-+?<>~/](?=\w))*"

# A bracket holding at least one "@key" that starts a word, not followed by "(" or "[" (then
# it is a link) or ":" (a link reference definition).
BRACKET_RE = r"\[(?P<body>[^\[\]]*?(?<![\w@])-?@\w[^\[\]]*)\](?![(\[:])"
NARRATIVE_RE = re.compile(rf"(?<![\w@\-])@(?P<key>{KEY})(?P<locator> \[(?P<inside>[^\[\]@]*)\])?")

_ITEM = re.compile(rf"^(?P<prefix>(?:.*?\s)?)(?P<minus>-?)@(?P<key>{KEY})(?P<rest>.*)$", re.S)
_VALUE = r"[0-9ivxlcdmIVXLCDM]+[a-z]?(?:\s*[-–—&,]\s*[0-9ivxlcdmIVXLCDM]+[a-z]?)*"


@dataclass(frozen=True)
class Item:
    """One parsed citation item.

    Attributes:
        key: as written (not lowercased).
        prefix, suffix: text before / after, as written (``"lihat "``, ``", Pasal 5"``).
        label: CSL locator type or ``""``; locator: its value or ``""``.
        suppress_author: written ``-@key``.
    """

    key: str
    prefix: str = ""
    suffix: str = ""
    label: str = ""
    locator: str = ""
    suppress_author: bool = False


def parse_bracket(body, labels):
    """Parse the inside of a bracketed citation.

    Args:
        body: the text between ``[`` and ``]``.
        labels: ``{term: locator type}`` (lowercase terms), from ``Engine.locator_labels``.

    Returns:
        A list of :class:`Item`, or None when a part has no ``@key`` (then the brackets are
        ordinary text, as in pandoc).
    """
    items = []
    for part in body.split(";"):
        match = _ITEM.match(part.strip())
        if not match:
            return None
        label, locator, suffix = parse_locator(match.group("rest"), labels)
        items.append(
            Item(
                key=match.group("key"),
                prefix=match.group("prefix"),
                suffix=suffix,
                label=label,
                locator=locator,
                suppress_author=bool(match.group("minus")),
            )
        )
    return items


def parse_locator(rest, labels, after_comma=True):
    """Split the text after a key into ``(label, locator, suffix)``.

    Args:
        rest: the text after the key (``", hlm. 12"``) or, with ``after_comma=False``, the
            inside of a narrative citation's brackets (``"hlm. 12"``).
        labels: ``{term: locator type}`` with lowercase terms.

    Returns:
        ``("page", "12", "")``; ``("", "", ", Pasal 5")`` when no locator starts the text.
    """
    text = rest
    if after_comma:
        match = re.match(r"^\s*,\s*", rest)
        if not match:
            return "", "", rest
        text = rest[match.end() :]
    lowered = text.lower()
    for term in sorted(labels, key=len, reverse=True):
        if lowered.startswith(term):
            after_term = text[len(term) :]
            if term[-1].isalpha() and after_term[:1].isalpha():
                continue  # "babak" is not "bab" + "ak"
            value = re.match(rf"^\s*(?P<value>{_VALUE})(?![\w])(?P<after>.*)$", after_term, re.S)
            if value:
                return labels[term], value.group("value"), value.group("after")
    bare = re.match(r"^(?P<value>\d[0-9a-z]*(?:\s*[-–—&,]\s*\d+[a-z]?)*)(?![\w])(?P<after>.*)$",
                    text, re.S)  # fmt: skip
    if bare:
        return "page", bare.group("value"), bare.group("after")
    return "", "", rest if after_comma else text
