"""PDF documents published as files (``content/images/laporan.pdf``, linked for download) without
what names the people and machines that made them.

A PDF carries its makers in its document information (``/Author``, ``/Creator``, ``/Producer``,
dates, any key a program adds: the reporter's or the source's name, the office's software), in
XMP packets (``/Metadata``) on the document, its pages and its images, in applications' private
data (``/PieceInfo``), and in the earlier revisions an incremental save leaves in the file (an
"anonymised" PDF often still holds its first author there). For a newsroom that is a leak of a
source or a reporter, so the published copy is written again with pypdf (pinned in
requirements.txt): only the objects the pages use, none of the above (``/Producer`` included:
pypdf adds none when told so). The pages, their text, fonts, images, links and forms are kept as
they are; the output is the same for the same file (no random ``/ID``).

What cannot be removed that way is refused, reported with the fix, and not published:

- a photo inside the PDF with its camera data (EXIF: the camera, the time, often the GPS
  position), which would need re-encoding the photo;
- attached files (the document's ``/EmbeddedFiles``, a page's file-attachment annotations,
  PDF 2.0's associated files ``/AF``): each is a whole file of its own (a Word document, a
  spreadsheet, a photo) with its own author and camera data, which this build cannot check
  or clean, and which a reader's PDF viewer lets them save;
- active content (:mod:`.pdf_active`): JavaScript, actions that start a program, send a form
  or read a file, Flash and 3D players, wherever the document holds them; a reader's viewer
  would run them on the reader's computer, and removing them could break what the document
  shows (a form that computes its fields), so the editor makes a copy without them;
- a digitally signed PDF: any rewrite breaks the signature;
- an encrypted (password-protected) or damaged PDF, which cannot be read.
"""

import io
import logging

from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError

from .pdf_active import MAX_OBJECTS, TooLarge, active_content
from .process import ImageProblem, pillow_limit

# Keys of pages and XObjects that hold metadata, not content (ISO 32000-1 14.3.2 Metadata
# streams, 14.5 Page-piece dictionaries).
PRIVATE_KEYS = ("/Metadata", "/PieceInfo")
GPS_IFD = 0x8825  # EXIF's GPS sub-IFD (EXIF 2.3, 4.6.3)
# Bumped when a rule here changes what is refused: a cached copy made under older rules would
# otherwise be published without the new check (images.Images.pdf_copy's cache key).
RULES = 2
REMAKE_FIX = (
    "export or print the document to a new PDF (Save as PDF / Microsoft Print to PDF) and use "
    "that file"
)


def clean_pdf(path: str) -> bytes:
    """The PDF at ``path`` written again without its metadata (see the module doc).

    Args:
        path: the PDF file.

    Returns:
        the bytes of the copy to publish.

    Raises:
        ImageProblem: the file is damaged, encrypted, signed, or holds a photo with EXIF.
    """
    name = path.rsplit("/", 1)[-1]
    # pypdf logs what it repairs in a damaged file as warnings of its own: the message below
    # says what matters to the editor.
    pypdf_logger = logging.getLogger("pypdf")
    level = pypdf_logger.level
    pypdf_logger.setLevel(logging.ERROR)
    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            raise ImageProblem(
                f"PDF {name} is encrypted (password-protected), so its metadata cannot be "
                "checked or removed",
                f"save it again without a password ({REMAKE_FIX})",
            )
        if _signed(reader):
            raise ImageProblem(
                f"PDF {name} is digitally signed: removing its metadata (author, software) "
                "would break the signature",
                "link to the signed original where its issuer publishes it, or " + REMAKE_FIX,
            )
        _check_active(reader, name)
        _check_photos(reader, name)
        _check_attachments(reader, name)
        return _rewritten(reader)
    except ImageProblem:
        raise
    except TooLarge:
        raise ImageProblem(
            f"PDF {name} has more than {MAX_OBJECTS} objects, too many to check for scripts "
            "in the time a build has",
            f"make it smaller ({REMAKE_FIX}), or split it into parts",
        ) from None
    # RecursionError: pypdf reads nested arrays and dictionaries recursively, and a crafted
    # file can nest them deeper than Python allows.
    except (
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        OSError,
        RecursionError,
    ) as error:
        raise ImageProblem(
            f"PDF {name} is damaged or not a PDF ({error})",
            f"copy the file again from the sender, or {REMAKE_FIX}",
        ) from None
    finally:
        pypdf_logger.setLevel(level)


def _signed(reader):
    """True when the document has a signature field with a value (ISO 32000-1 12.7.4.5,
    12.8.1: ``/SigFlags`` bit 1 says signatures exist).
    """
    form = reader.trailer["/Root"].get("/AcroForm")
    if form is None:
        return False
    return bool(int(form.get_object().get("/SigFlags", 0)) & 1)


def _check_active(reader, name):
    found = active_content(reader)
    if not found:
        return
    raise ImageProblem(
        f"PDF {name} has active content: it {'; it '.join(found[:3])}"
        + (f" (and {len(found) - 3} more)" if len(found) > 3 else "")
        + "; a reader's PDF viewer would do that on the reader's computer",
        "print the document to a new PDF (Save as PDF / Microsoft Print to PDF: printing keeps "
        "no scripts or actions) or export it again without scripts and form actions, and use "
        "that file",
    )


def _xobjects(reader):
    """``(page number, stream)`` of every image and Form XObject of the pages, the Forms'
    own resources followed.
    """
    for number, page in enumerate(reader.pages, 1):
        seen = set()
        pending = [page.get("/Resources")]
        while pending:
            resources = pending.pop()
            resources = resources.get_object() if resources is not None else None
            if not resources or "/XObject" not in resources:
                continue
            for reference in resources["/XObject"].get_object().values():
                key = getattr(reference, "idnum", None) or id(reference)
                if key in seen:
                    continue
                seen.add(key)
                stream = reference.get_object()
                yield number, stream
                if stream.get("/Subtype") == "/Form":
                    pending.append(stream.get("/Resources"))


def _check_photos(reader, name):
    for number, stream in _xobjects(reader):
        if stream.get("/Subtype") != "/Image":
            continue
        filters = stream.get("/Filter")
        filters = list(filters) if isinstance(filters, list) else [filters]
        if "/DCTDecode" not in filters:
            continue  # only JPEG data carries EXIF as such
        try:
            exif = Image.open(io.BytesIO(stream.get_data())).getexif()
        except Image.DecompressionBombError:  # Pillow's limit, before any EXIF is read
            raise ImageProblem(
                f"PDF {name} holds a photo of over {pillow_limit():.0f} megapixels on page "
                f"{number}, too large to check for camera data",
                REMAKE_FIX,
            ) from None
        except (OSError, ValueError, SyntaxError):
            continue  # not readable as JPEG here; the viewer's problem, not a metadata one
        if not exif:
            continue
        what = "the GPS position among them" if exif.get_ifd(GPS_IFD) else "camera and time"
        raise ImageProblem(
            f"PDF {name} holds a photo with its camera data ({what}) on page {number}: the "
            "published PDF would carry it",
            "remove the photo's data before putting it into the document (exiftool -all= "
            "foto.jpg), or print the document to a new PDF (Microsoft Print to PDF) and use "
            "that file",
        )


def _attachment_names(reader):
    """The names of the files attached to the document (ISO 32000-1 7.11.4 embedded file
    streams: the ``/EmbeddedFiles`` name tree, 12.5.6.15 file attachment annotations;
    ISO 32000-2 14.13 associated files, ``/AF``), in order, each once.
    """
    names = list(reader.attachments)
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/FileAttachment":
                spec = annotation.get("/FS")
                spec = spec.get_object() if spec is not None else {}
                names.append(str(spec.get("/UF") or spec.get("/F") or "(no name)"))
    root = reader.trailer["/Root"]
    for holder in (root, *reader.pages):
        for spec in holder.get("/AF") or []:
            spec = spec.get_object()
            names.append(str(spec.get("/UF") or spec.get("/F") or "(no name)"))
    return list(dict.fromkeys(names))


def _check_attachments(reader, name):
    attached = _attachment_names(reader)
    if not attached:
        return
    raise ImageProblem(
        f"PDF {name} has attached files ({', '.join(attached)}): each is a file of its own, "
        "with its own author and camera data, that this build cannot check or clean, and "
        "readers' PDF viewers let them save it",
        "remove the attachments (or " + REMAKE_FIX + "); publish an attachment meant for "
        "readers as a file of its own in content/images/",
    )


def _rewritten(reader):
    writer = PdfWriter(clone_from=reader)
    writer.metadata = None  # no /Info, and no /Producer of pypdf's
    writer.xmp_metadata = None
    for page in writer.pages:
        for key in PRIVATE_KEYS:
            page.pop(key, None)
    for _, stream in _xobjects(writer):
        for key in PRIVATE_KEYS:
            stream.pop(key, None)
    # Only what the pages use: earlier revisions and objects no page references go.
    writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
