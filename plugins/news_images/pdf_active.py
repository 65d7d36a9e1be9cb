"""Active content in a PDF: what a reader's PDF viewer would run, start or send on its own.

A PDF can hold actions (ISO 32000-1 12.6) that run JavaScript, start a program (``/Launch``),
send a form's contents to an address (``/SubmitForm``) or read data from a file
(``/ImportData``), and players for Flash and 3D models (``/RichMedia``, ``/3D``: 13.6, 13.7,
Adobe's Supplement for RichMedia), which run scripts of their own. The rewrite in :mod:`.pdf`
keeps every object the document uses, so such a PDF would be published with them: the site
would hand its readers a document that acts on their computers.

Actions sit in many places (the catalog's ``/OpenAction`` and ``/AA``, the ``/Names``
``/JavaScript`` tree, a page's ``/AA``, an annotation's ``/A`` and ``/AA``, a form field's
``/AA``, a bookmark's ``/A``, any action's ``/Next``), so :func:`active_content` walks every
object the catalog reaches, not a list of keys, and names the place by where the walk came
from. Each object is visited once (references are followed by object number: a cycle ends),
the walk is a loop (no recursion depth), and stream data is not decoded except an XFA form's.
"""

from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

# What each kind of action does, as the message says it (ISO 32000-1 Table 198, 12.6.4).
ACTIONS = {
    "/JavaScript": "runs JavaScript",
    "/Launch": "starts a program or opens a file on the reader's computer (/Launch)",
    "/SubmitForm": "sends what is typed in its form to an address (/SubmitForm)",
    "/ImportData": "reads form data from a file on the reader's computer (/ImportData)",
    "/RichMediaExecute": "runs a command in embedded Flash (/RichMediaExecute)",
}
# Annotations that are players with scripts of their own (ISO 32000-1 13.6 3D, Adobe
# Supplement to ISO 32000 BaseVersion 1.7 ExtensionLevel 3, 9.6 RichMedia).
PLAYERS = {
    "/RichMedia": "plays embedded Flash or other rich media (a /RichMedia annotation)",
    "/3D": "holds a 3D model, which runs scripts of its own (a /3D annotation)",
}
FLASH = "application/x-shockwave-flash"
SCRIPT_LINKS = ("javascript:", "vbscript:")  # URI actions a viewer hands to a browser
# Keys that point back up the tree (a page's /Parent, an annotation's /P): followed last, so
# an object is named by the place that holds it rather than by a way back to it.
BACK = ("/Parent", "/P", "/Prev", "/Last")
# Objects walked at most: a PDF has one per entry of its cross-reference table, far fewer
# than this even for a book; beyond it the file is refused rather than walked for minutes.
MAX_OBJECTS = 500_000


class TooLarge(Exception):
    """The PDF has more than :data:`MAX_OBJECTS` objects to look at."""


def active_content(reader) -> list[str]:
    """What in the document a viewer would run on its own, each finding once, in walk order.

    Args:
        reader: a ``pypdf.PdfReader`` of the document (not encrypted).

    Returns:
        phrases for the message, e.g. ``"runs JavaScript when it is opened (/OpenAction)"``;
        empty when there is nothing active.

    Raises:
        TooLarge: more than :data:`MAX_OBJECTS` objects.
        pypdf.errors.PyPdfError, ValueError, ...: the file is damaged (as pypdf raises them).
    """
    root = reader.trailer["/Root"]
    found = {}
    walk = _Walk(found)
    walk.run(root.get("/OpenAction"), "when it is opened (/OpenAction)")
    names = root.get("/Names")
    if names is not None:
        walk.run(
            names.get_object().get("/JavaScript"),
            "when it is opened (document JavaScript: /Names /JavaScript)",
        )
    walk.run(root.get("/AA"), "when it is closed, saved or printed (the document's /AA)")
    for number, page in enumerate(reader.pages, 1):
        walk.run(page.get("/AA"), f"when page {number} is shown or left (/AA of page {number})")
        walk.run(page.get("/Annots"), f"on page {number} (in a link, field or player: /Annots)")
    form = root.get("/AcroForm")
    if form is not None:
        _xfa_scripts(form.get_object(), found)
        walk.run(form, "when a form field is used (/AcroForm)")
    walk.run(root.get("/Outlines"), "when a bookmark is clicked (/Outlines)")
    walk.run(root, "(elsewhere in the document)")
    walk.finish()
    return list(found)


class _Walk:
    """Every object reached from the starting points, each once; findings into ``found``."""

    def __init__(self, found):
        self.found = found
        self.seen = set()
        self.later = []  # (object, where) reached through a key of BACK
        self.count = 0

    def run(self, start, where):
        pending = [start]
        while pending:
            value = pending.pop()
            if isinstance(value, IndirectObject):
                key = (value.idnum, value.generation)
                value = value.get_object()
            else:  # a dictionary or array written inside another: the same Python object
                key = id(value)
            if key in self.seen:
                continue
            self.seen.add(key)
            self.count += 1
            if self.count > MAX_OBJECTS:
                raise TooLarge
            if isinstance(value, DictionaryObject):  # StreamObject too: its dictionary only
                self._look(value, where)
                for name, item in value.items():
                    if name in BACK:
                        self.later.append((item, where))
                    elif isinstance(item, (DictionaryObject, ArrayObject, IndirectObject)):
                        pending.append(item)
            elif isinstance(value, ArrayObject):
                pending.extend(
                    item
                    for item in value
                    if isinstance(item, (DictionaryObject, ArrayObject, IndirectObject))
                )

    def finish(self):
        while self.later:
            self.run(*self.later.pop())

    def _look(self, value, where):
        kind = _get(value, "/S")
        subtype = _get(value, "/Subtype")
        if kind in ACTIONS or "/JS" in value:
            what = ACTIONS.get(kind, "runs JavaScript")
        elif kind == "/URI" and _script_link(_get(value, "/URI")):
            what = "runs JavaScript through a javascript: link (/URI)"
        elif subtype in PLAYERS:
            what = PLAYERS[subtype]
        elif str(_get(value, "/CT") or "").lower() == FLASH:
            what = "plays embedded Flash (a media clip of type application/x-shockwave-flash)"
        else:
            return
        self.found.setdefault(f"{what} {where}", None)


def _get(dictionary, key):
    """``dictionary[key]`` with a reference resolved, or None."""
    value = dictionary.get(key)
    return value.get_object() if value is not None else None


def _script_link(uri):
    """True for a ``javascript:``/``vbscript:`` URI, however a browser would still read it
    (leading spaces and control characters, any case: WHATWG URL 4.4, basic URL parser).
    """
    if uri is None:
        return False
    text = uri.decode("latin-1") if isinstance(uri, bytes) else str(uri)
    text = "".join(c for c in text.lstrip("\x00 \t\n\r\x0c") if c not in "\t\n\r").lower()
    return text.startswith(SCRIPT_LINKS)


def _xfa_scripts(form, found):
    """An XFA form (``/AcroForm /XFA``, ISO 32000-1 12.7.8: XML in one stream or in an array
    of names and streams) whose XML holds ``<script>`` elements, which Acrobat runs.
    """
    xfa = form.get("/XFA")
    if xfa is None:
        return
    xfa = xfa.get_object()
    parts = xfa[1::2] if isinstance(xfa, ArrayObject) else [xfa]
    for part in parts:
        part = part.get_object()
        if isinstance(part, StreamObject) and b"<script" in part.get_data():
            found.setdefault("runs scripts in its XFA form (/AcroForm /XFA)", None)
            return
