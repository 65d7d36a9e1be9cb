"""Header keys typed with letters that only look Latin: Cyrillic, Greek, full-width.

An editor who writes on a phone with a Russian or Greek keyboard layout, or pastes a header from
a PDF, a chat or an Asian input method, gets ``Tаgs:`` (a Cyrillic ``а``), ``Τitle:`` (a Greek
capital tau) or ``Ｔａｇｓ：`` (full-width letters). They look right, match no key, and
Python-Markdown's ``meta`` ends the header there without a word: the tags vanish or become the
first paragraph. :func:`latin_key` finds the key that was meant, the way Unicode's confusable
detection does (UTS #39, "Unicode Security Mechanisms", section 4 "Confusable Detection": two
strings are confusable when their *skeletons* are equal):

1. NFKC normalisation folds compatibility forms (full-width ``Ｔ`` → ``T``, mathematical
   ``𝐓`` → ``T``);
2. each Cyrillic or Greek letter that :data:`CONFUSABLES` lists becomes the Latin letter it is
   confusable with; the table is every single-letter mapping from the Greek (U+0370–U+03FF)
   and Cyrillic (U+0400–U+052F) blocks to a Latin letter in Unicode's ``confusables.txt``
   (https://www.unicode.org/Public/security/latest/confusables.txt, version 14.0.0), and
   that file's ``I`` → ``l`` (Latin capital I is itself confusable with small L, so ``І``,
   ``Ι`` and ``I`` share a skeleton);
3. the skeletons are compared without case, since keys are (``TITLE``, ``title``).

Only keys that are not plain ASCII are looked at, so an ASCII ``Tltle`` stays an unknown key
with its usual "did you mean" hint.
"""

import unicodedata
from collections.abc import Collection, Iterable

# Latin letter: the Greek and Cyrillic letters confusables.txt maps to it (UTS #39, above).
_BY_LATIN = {
    "A": "\u0391\u0410",  # Greek Alpha, Cyrillic A
    "B": "\u0392\u0412",  # Greek Beta, Cyrillic Ve
    "C": "\u03f9\u0421",  # Greek lunate Sigma, Cyrillic Es
    "E": "\u0395\u0415",  # Greek Epsilon, Cyrillic Ie
    "F": "\u03dc",  # Greek Digamma
    "G": "\u050c",  # Cyrillic Komi Sje
    "H": "\u0397\u041d",  # Greek Eta, Cyrillic En
    "J": "\u037f\u0408",  # Greek Yot, Cyrillic Je
    "K": "\u039a\u041a",  # Greek Kappa, Cyrillic Ka
    "M": "\u039c\u03fa\u041c",  # Greek Mu, San, Cyrillic Em
    "N": "\u039d",  # Greek Nu
    "O": "\u039f\u041e",  # Greek Omicron, Cyrillic O
    "P": "\u03a1\u0420",  # Greek Rho, Cyrillic Er
    "S": "\u0405",  # Cyrillic Dze
    "T": "\u03a4\u0422",  # Greek Tau, Cyrillic Te
    "V": "\u0474",  # Cyrillic Izhitsa
    "W": "\u051c",  # Cyrillic We
    "X": "\u03a7\u0425",  # Greek Chi, Cyrillic Ha
    "Y": "\u03a5\u03d2\u0423\u04ae",  # Greek Upsilon (and with hook), Cyrillic U, straight U
    "Z": "\u0396",  # Greek Zeta
    "a": "\u03b1\u0430",  # alpha, a
    "b": "\u042c",  # Cyrillic capital soft sign
    "c": "\u03f2\u0441",  # lunate sigma, es
    "d": "\u0501",  # Komi de
    "e": "\u0435\u04bd",  # ie, Abkhasian che
    "h": "\u04bb",  # shha
    "i": "\u03b9\u0456\u04cf",  # iota, Byelorussian-Ukrainian i, palochka
    "j": "\u03f3\u0458",  # yot, je
    "l": "I\u0399\u0406\u04c0",  # Latin capital I, Greek Iota, Cyrillic I, Palochka
    "o": "\u03bf\u03c3\u043e",  # omicron, sigma, o
    "p": "\u03c1\u03f1\u0440",  # rho, rho symbol, er
    "q": "\u051b",  # qa
    "r": "\u0433",  # ghe
    "s": "\u0455",  # dze
    "u": "\u03c5",  # upsilon
    "v": "\u03bd\u0475",  # nu, izhitsa
    "w": "\u0461\u051d",  # omega, we
    "x": "\u0445",  # ha
    "y": "\u03b3\u0443\u04af",  # gamma, u, straight u
}
CONFUSABLES = {char: latin for latin, chars in _BY_LATIN.items() for char in chars}
_TABLE = str.maketrans(CONFUSABLES)


def skeleton(text: str) -> str:
    """UTS #39's skeleton of ``text``, limited to :data:`CONFUSABLES`, without case.

    Args:
        text: a word as typed.
    Returns:
        NFKC of ``text`` with each listed Greek or Cyrillic letter (and Latin ``I``) replaced by
        its Latin prototype, lowercased.
    """
    return unicodedata.normalize("NFKC", text).translate(_TABLE).lower()


def latin_key(word: str, known_keys: Collection[str]) -> str | None:
    """The known key ``word`` was meant to be, when it is spelled with lookalike letters.

    Args:
        word: the key as typed (``Tаgs`` with a Cyrillic ``а``, ``Ｔａｇｓ``).
        known_keys: the site's keys, lowercased ASCII (``tags``).
    Returns:
        The key from ``known_keys``, or None when ``word`` is plain ASCII (not a lookalike) or
        its skeleton is no key's.
    """
    if word.isascii():
        return None
    wanted = skeleton(word)
    for key in known_keys:
        if wanted in (skeleton(key), skeleton(key.upper())):
            return key
    return None


def foreign_letters(word: str) -> list[str]:
    """Describe each letter of ``word`` that is not ASCII, in order, once each.

    Returns:
        e.g. ``["'а' (U+0430 CYRILLIC SMALL LETTER A)"]``, for the error message.
    """
    return [_describe(char) for char in dict.fromkeys(_non_ascii(word))]


def _non_ascii(word: str) -> Iterable[str]:
    return (char for char in word if not char.isascii())


def _describe(char):
    return f"{char!r} (U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')})"
