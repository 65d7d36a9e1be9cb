"""news_images on images the StaticGenerator copies as files of their own (issue 11): not
shown by any article, or only linked (``[foto]({static}/images/x.jpg)``). Checked like shown
images, and published without GPS; messages in make check and make publish are asserted in
tests/test_editor_corpus.py."""

import io
import sys
from pathlib import Path

import imagegen
import pytest
from golden import FIXTURE_CONTENT
from PIL import Image
from workflow import ROOT, TESTCONF, header, run_tool, write_site

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))

from news_images import process
from news_images.images import ImageBuild
from news_images.settings import apply_defaults
from news_images.svg import svg_problems

GPS = 0x8825
REAL = (FIXTURE_CONTENT / "images" / "panen-garam-bolo.jpg").read_bytes()


def build(tmp_path, **extra):
    settings = {"PATH": str(tmp_path), "CACHE_PATH": "", **extra}
    settings["NEWS_IMAGES_CACHE_PATH"] = str(tmp_path / "cache")
    apply_defaults(settings)
    return ImageBuild(settings)


def test_original_with_gps_is_rewritten_upright_without_metadata_once(tmp_path):
    source = tmp_path / "potret.jpg"
    source.write_bytes(imagegen.portrait_with_gps())
    images = build(tmp_path)
    assert images.original(str(source), "images/potret.jpg") is True
    copy = Path(images.originals["images/potret.jpg"])
    with Image.open(copy) as published:
        assert published.format == "JPEG" and published.size == (300, 400)  # upright
        assert not published.getexif().get_ifd(GPS) and 0x0112 not in published.getexif()
    assert b"TestPhone" not in copy.read_bytes()
    # cached: a second build makes nothing and hands out the same file
    again = build(tmp_path)
    assert again.original(str(source), "images/potret.jpg") and again.made == 0
    assert again.originals["images/potret.jpg"] == str(copy)
    # deterministic: an empty cache gives the same bytes
    fresh = build(tmp_path / "other", NEWS_IMAGES_CACHE_PATH=str(tmp_path / "cache2"))
    fresh.original(str(source), "images/potret.jpg")
    assert Path(fresh.originals["images/potret.jpg"]).read_bytes() == copy.read_bytes()


def test_original_without_metadata_is_published_as_it_is(tmp_path):
    source = tmp_path / "x.jpg"
    source.write_bytes(REAL)
    images = build(tmp_path)
    assert images.original(str(source), "images/x.jpg") is False and not images.originals


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("potong.jpg", REAL[:3000], "image potong.jpg is damaged or incomplete"),
        ("kepala.jpg", b"\xff\xd8\xff\xe0 not a real jpeg", "image kepala.jpg is damaged"),
        ("foto.heic", imagegen.heic_named(), "is a HEIC/HEIF photo"),
        ("surat.png", imagegen.renamed_pdf(), "is a PDF document"),
    ],
)
def test_unusable_originals_are_problems_also_in_make_check(tmp_path, name, data, message):
    source = tmp_path / name
    source.write_bytes(data)
    for images in (build(tmp_path), build(tmp_path, NEWS_IMAGES_VALIDATE_ONLY=True)):
        with pytest.raises(process.ImageProblem) as caught:
            images.original(str(source), f"images/{name}")
        assert message in caught.value.message


def test_make_check_stores_nothing(tmp_path):
    source = tmp_path / "potret.jpg"
    source.write_bytes(imagegen.portrait_with_gps())
    images = build(tmp_path, NEWS_IMAGES_VALIDATE_ONLY=True)
    assert images.original(str(source), "images/potret.jpg") is False
    assert not any(p.is_dir() for p in (tmp_path / "cache").glob("*"))


def test_animated_gif_with_a_comment_is_refused_not_flattened(tmp_path):
    frames = [Image.new("RGB", (8, 8), colour) for colour in ((255, 0, 0), (0, 0, 255))]
    out = io.BytesIO()
    frames[0].save(
        out, "GIF", save_all=True, append_images=frames[1:], comment=b"Bima", duration=100
    )
    assert Image.open(io.BytesIO(out.getvalue())).n_frames == 2
    source = tmp_path / "gerak.gif"
    source.write_bytes(out.getvalue())
    with pytest.raises(process.ImageProblem) as caught:
        build(tmp_path).original(str(source), "images/gerak.gif")
    assert "is animated and carries metadata (comment)" in caught.value.message


SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (f"{SVG}\n<script>alert(1)</script></svg>", [(2, "<script>")]),
        (f'{SVG}<rect onclick="x()"/></svg>', [(1, "event handler onclick= on <rect>")]),
        (f'{SVG}<a xlink:href="java&#x09;script:x()"><text>a</text></a></svg>', "xlink:href"),
        (f'{SVG}<set attributeName="href" to="javascript:x()"/></svg>', "to='javascript"),
        (f"{SVG}<foreignObject><p>x</p></foreignObject></svg>", "<foreignobject>"),
        ('<!DOCTYPE svg [<!ENTITY e "&#60;script&#62;">]>\n' + SVG + "&e;</svg>", "ENTITY"),
    ],
)
def test_svg_with_active_content_is_found(text, found):
    problems = svg_problems(text)
    if isinstance(found, list):
        assert problems == found
    else:
        assert any(found in what for _, what in problems), problems


def test_plain_svgs_pass():
    assert svg_problems((ROOT / "theme/static/images/logo.svg").read_text(encoding="utf-8")) == []
    assert svg_problems(f'{SVG}<a xlink:href="https://x.example/"><rect/></a></svg>') == []


def test_publish_copies_static_images_without_gps(tmp_path):
    """Unreferenced and only-linked photos lose their GPS in the published site; a plain
    photo and a plain SVG are published byte for byte."""
    gps = imagegen.portrait_with_gps()
    plain_svg = f'{SVG}<rect width="2" height="2"/></svg>'
    files = {
        "articles/2024/berita.md": header("Judul Baik") + "[foto]({static}/images/tautan.jpg)\n",
        "images/tautan.jpg": gps,
        "images/lepas.jpg": gps,
        "images/x.jpg": REAL,
        "images/logo.svg": plain_svg,
    }
    content = write_site(tmp_path / "content", files)
    out = tmp_path / "out"
    result = run_tool("publish", content, "-o", out, "-s", TESTCONF)
    assert result.returncode == 0, result.output_text
    for name in ("tautan.jpg", "lepas.jpg"):
        with Image.open(out / "images" / name) as published:
            assert not published.getexif().get_ifd(GPS), name
            assert published.size == (300, 400), name
    page = (out / "2024/05/judul-baik.html").read_text(encoding="utf-8")
    assert "images/tautan.jpg" in page
    assert (out / "images/x.jpg").read_bytes() == REAL
    assert (out / "images/logo.svg").read_text(encoding="utf-8") == plain_svg


# --- PDF documents: published without their makers' names (news_images/pdf.py) ---
def with_revision_and_xmp(data):
    """``data`` with an XMP packet naming the reporter, saved as an incremental update (the
    first revision, with its /Info, stays in the file)."""
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, StreamObject

    writer = PdfWriter(io.BytesIO(data), incremental=True)
    packet = StreamObject()
    packet.set_data(b'<x:xmpmeta xmlns:x="adobe:ns:meta/">Munir Husen</x:xmpmeta>')
    packet[NameObject("/Type")] = NameObject("/Metadata")
    writer.root_object[NameObject("/Metadata")] = writer._add_object(packet)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_pdf_is_published_without_author_software_xmp_or_old_revisions(tmp_path):
    from pypdf import PdfReader

    source = tmp_path / "laporan.pdf"
    source.write_bytes(
        with_revision_and_xmp(imagegen.pdf_document(author="Nurhayati", creator="Word 2019"))
    )
    assert b"Munir Husen" in source.read_bytes()
    images = build(tmp_path)
    assert images.pdf_copy(str(source), "images/laporan.pdf") is True
    copy = Path(images.originals["images/laporan.pdf"]).read_bytes()
    for name in (b"Nurhayati", b"Word 2019", b"Munir Husen", b"pypdf"):
        assert name not in copy, name
    published = PdfReader(io.BytesIO(copy))
    assert published.metadata is None and published.xmp_metadata is None
    assert len(published.pages) == 1
    assert published.pages[0]["/Resources"]["/XObject"]  # the page keeps its picture
    # the same bytes from an empty cache (no random /ID): deterministic output
    fresh = build(tmp_path / "other", NEWS_IMAGES_CACHE_PATH=str(tmp_path / "cache2"))
    fresh.pdf_copy(str(source), "images/laporan.pdf")
    assert Path(fresh.originals["images/laporan.pdf"]).read_bytes() == copy
    # make check: checked, nothing stored
    check = build(tmp_path / "c", NEWS_IMAGES_VALIDATE_ONLY=True)
    assert check.pdf_copy(str(source), "images/laporan.pdf") is False and not check.originals


def signed_pdf():
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject

    writer = PdfWriter(clone_from=io.BytesIO(imagegen.pdf_document(author="Notaris")))
    writer.root_object[NameObject("/AcroForm")] = DictionaryObject(
        {NameObject("/SigFlags"): NumberObject(3), NameObject("/Fields"): ArrayObject()}
    )
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def encrypted_pdf():
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(imagegen.pdf_document()))
    writer.encrypt("rahasia", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def attached_pdf(kind):
    """A PDF carrying a file of its own: in the /EmbeddedFiles name tree, as a page's file
    attachment annotation, or as PDF 2.0's associated file (/AF) of the document."""
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter(clone_from=io.BytesIO(imagegen.pdf_document()))
    spec = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Filespec"),
            NameObject("/UF"): TextStringObject("catatan.docx"),
        }
    )
    if kind == "embedded":
        writer.add_attachment("catatan.docx", b"PK author: Nurhayati")
    elif kind == "annotation":
        annotation = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/FileAttachment"),
                NameObject("/FS"): spec,
            }
        )
        writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])
    else:
        writer.root_object[NameObject("/AF")] = ArrayObject([writer._add_object(spec)])
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def gps_exif():
    exif = Image.Exif()
    exif[0x010F] = "TestPhone"
    exif.get_ifd(GPS)[1] = "S"
    return exif.tobytes()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (lambda: imagegen.pdf_document(exif=gps_exif()), "holds a photo with its camera "
         "data (the GPS position among them) on page 1: the published PDF would carry it"),
        (signed_pdf, "is digitally signed: removing its metadata (author, software) would "
         "break the signature"),
        (encrypted_pdf, "is encrypted (password-protected)"),
        (lambda: b"%PDF-1.4\nrusak", "is damaged or not a PDF"),
        *[(lambda kind=kind: attached_pdf(kind), "has attached files (catatan.docx): each is "
           "a file of its own, with its own author and camera data") for kind in
          ("embedded", "annotation", "associated")],
    ],
    ids=["photo-with-gps", "signed", "encrypted", "damaged", "attachment",
         "attachment-annotation", "associated-file"],
)  # fmt: skip
def test_pdfs_that_cannot_be_cleaned_are_refused_also_in_make_check(tmp_path, data, message):
    source = tmp_path / "dokumen.pdf"
    source.write_bytes(data())
    for images in (build(tmp_path), build(tmp_path / "c", NEWS_IMAGES_VALIDATE_ONLY=True)):
        with pytest.raises(process.ImageProblem) as problem:
            images.pdf_copy(str(source), "images/dokumen.pdf")
        assert problem.value.message == f"PDF dokumen.pdf {message}" or message in str(
            problem.value.message
        )
        assert problem.value.fix and not images.originals


def test_publish_writes_the_pdf_without_its_metadata(tmp_path):
    files = {
        "articles/2024/berita.md": header("Judul Baik") + "[laporan]({static}/images/a.pdf)\n",
        "images/a.pdf": imagegen.pdf_document(author="Nurhayati"),
    }
    content = write_site(tmp_path / "content", files)
    out = tmp_path / "out"
    result = run_tool("publish", content, "-o", out, "-s", TESTCONF)
    assert result.returncode == 0, result.output_text
    from pypdf import PdfReader

    assert PdfReader(out / "images/a.pdf").metadata is None
    assert len(PdfReader(out / "images/a.pdf").pages) == 1
    # the source is untouched
    assert PdfReader(content / "images/a.pdf").metadata["/Author"] == "Nurhayati"


# --- PDFs with active content: refused wherever the document holds it (news_images/pdf_active)
def _d(**entries):
    """A PDF dictionary from ``Key=value`` (names for str values starting with '/')."""
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    def value(v):
        if isinstance(v, str):
            return NameObject(v) if v.startswith("/") else TextStringObject(v)
        return v

    return DictionaryObject({NameObject("/" + k): value(v) for k, v in entries.items()})


def _js(script="app.alert(1)"):
    return _d(S="/JavaScript", JS=script)


def _names_javascript(writer, root, page):
    from pypdf.generic import ArrayObject, NameObject, TextStringObject

    tree = _d(Names=ArrayObject([TextStringObject("x"), writer._add_object(_js())]))
    root[NameObject("/Names")] = _d(JavaScript=writer._add_object(tree))


def _field_aa(writer, root, page):
    from pypdf.generic import ArrayObject, NameObject

    field = writer._add_object(_d(FT="/Tx", T="nama", AA=_d(K=_js())))
    root[NameObject("/AcroForm")] = _d(Fields=ArrayObject([field]))


def _import_data_next(writer, root, page):
    from pypdf.generic import ArrayObject, NameObject

    root[NameObject("/OpenAction")] = _d(
        S="/GoTo",
        D=ArrayObject([page.indirect_reference, NameObject("/Fit")]),
        Next=ArrayObject([_d(S="/ImportData", F="data.fdf")]),
    )


def _bookmark(writer, root, page):
    from pypdf.generic import NameObject

    item = writer.add_outline_item(title="Bab 1", page_number=0)
    item.get_object()[NameObject("/A")] = _js()


def _xfa(writer, root, page):
    from pypdf.generic import ArrayObject, NameObject, StreamObject, TextStringObject

    xfa = StreamObject()
    xfa.set_data(b"<template><field><event><script>app.alert(1)</script></event></field>")
    parts = ArrayObject([TextStringObject("template"), writer._add_object(xfa)])
    root[NameObject("/AcroForm")] = _d(Fields=ArrayObject(), XFA=parts)


def _cycle(writer, root, page):
    """An action whose /Next is itself: the walk must end (and find nothing)."""
    from pypdf.generic import ArrayObject, NameObject

    action = writer._add_object(_d(S="/GoTo", D=ArrayObject([page.indirect_reference])))
    action.get_object()[NameObject("/Next")] = action
    root[NameObject("/OpenAction")] = action


def _set(on_page, key, value):
    """A builder putting ``value`` (or ``value(writer)``) at ``key`` of the catalog or page."""
    from pypdf.generic import NameObject

    def put(writer, root, page):
        holder = page if on_page else root
        holder[NameObject(key)] = value(writer) if callable(value) else value

    return put


def _annotation(**entries):
    from pypdf.generic import ArrayObject

    return _set(
        True,
        "/Annots",
        lambda writer: ArrayObject([writer._add_object(_d(Type="/Annot", **entries))]),
    )


ACTIVE = {
    "open-action": _set(False, "/OpenAction", lambda writer: writer._add_object(_js())),
    "names-javascript": _names_javascript,
    "document-aa": _set(False, "/AA", _d(WP=_js())),
    "page-aa": _set(True, "/AA", _d(O=_d(S="/Launch", F="cmd.exe"))),
    "link-javascript-uri": _annotation(Subtype="/Link", A=_d(S="/URI", URI=" JavaScript:x()")),
    "button-submit": _annotation(
        Subtype="/Widget", FT="/Btn", A=_d(S="/SubmitForm", F="https://x.example/")
    ),
    "field-aa": _field_aa,
    "import-data-next": _import_data_next,
    "bookmark": _bookmark,
    "richmedia": _annotation(Subtype="/RichMedia"),
    "3d": _annotation(Subtype="/3D"),
    "flash-clip": _annotation(
        Subtype="/Screen",
        A=_d(S="/Rendition", R=_d(S="/MR", C=_d(S="/MCD", CT="application/x-shockwave-flash"))),
    ),
    "xfa": _xfa,
    "cycle": _cycle,
    # what Word and LibreOffice write: web links
    "plain-links": _annotation(Subtype="/Link", A=_d(S="/URI", URI="https://bimanews.example/")),
}


def active_pdf(kind):
    """A one-page PDF whose ``kind`` place (:data:`ACTIVE`) holds active content (or, for
    'cycle' and 'plain-links', only harmless actions)."""
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(imagegen.pdf_document()))
    ACTIVE[kind](writer, writer.root_object, writer.pages[0])
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("kind", "found"),
    [
        ("open-action", "runs JavaScript when it is opened (/OpenAction)"),
        ("names-javascript", "runs JavaScript when it is opened (document JavaScript: /Names "
         "/JavaScript)"),
        ("document-aa", "runs JavaScript when it is closed, saved or printed (the document's /AA)"),
        ("page-aa", "starts a program or opens a file on the reader's computer (/Launch) when "
         "page 1 is shown or left (/AA of page 1)"),
        ("link-javascript-uri", "runs JavaScript through a javascript: link (/URI) on page 1 "
         "(in a link, field or player: /Annots)"),
        ("button-submit", "sends what is typed in its form to an address (/SubmitForm) on page 1 "
         "(in a link, field or player: /Annots)"),
        ("field-aa", "runs JavaScript when a form field is used (/AcroForm)"),
        ("import-data-next", "reads form data from a file on the reader's computer "
         "(/ImportData) when it is opened (/OpenAction)"),
        ("bookmark", "runs JavaScript when a bookmark is clicked (/Outlines)"),
        ("richmedia", "plays embedded Flash or other rich media (a /RichMedia annotation)"
         " on page 1 (in a link, field or player: /Annots)"),
        ("3d", "holds a 3D model, which runs scripts of its own (a /3D annotation)"
         " on page 1 (in a link, field or player: /Annots)"),
        ("flash-clip", "plays embedded Flash (a media clip of type application/x-shockwave-flash)"
         " on page 1 (in a link, field or player: /Annots)"),
        ("xfa", "runs scripts in its XFA form (/AcroForm /XFA)"),
    ],
)  # fmt: skip
def test_pdfs_with_active_content_are_refused_also_in_make_check(tmp_path, kind, found):
    source = tmp_path / "dokumen.pdf"
    source.write_bytes(active_pdf(kind))
    for images in (build(tmp_path), build(tmp_path / "c", NEWS_IMAGES_VALIDATE_ONLY=True)):
        with pytest.raises(process.ImageProblem) as problem:
            images.pdf_copy(str(source), "images/dokumen.pdf")
        assert problem.value.message == (
            f"PDF dokumen.pdf has active content: it {found}; a reader's PDF viewer would do "
            "that on the reader's computer"
        )
        assert problem.value.fix.startswith("print the document to a new PDF (Save as PDF")
        assert not images.originals


@pytest.mark.parametrize("kind", ["cycle", "plain-links"])
def test_pdfs_with_only_harmless_actions_are_published(tmp_path, kind):
    source = tmp_path / "dokumen.pdf"
    source.write_bytes(active_pdf(kind))
    images = build(tmp_path)
    assert images.pdf_copy(str(source), "images/dokumen.pdf") is True


def test_a_pdf_refused_under_new_rules_is_not_published_from_an_older_cache(tmp_path):
    """The cache key holds pdf.RULES: a copy made before a rule existed is not reused."""
    from news_images import pdf

    source = tmp_path / "dokumen.pdf"
    source.write_bytes(active_pdf("open-action"))
    rules = pdf.RULES
    pdf.RULES = rules - 1
    try:
        old = pdf.active_content
        pdf.active_content = lambda reader: []  # as before the rule
        assert build(tmp_path).pdf_copy(str(source), "images/dokumen.pdf") is True
    finally:
        pdf.RULES, pdf.active_content = rules, old
    with pytest.raises(process.ImageProblem):
        build(tmp_path).pdf_copy(str(source), "images/dokumen.pdf")


def test_too_many_objects_is_refused_not_walked(tmp_path, monkeypatch):
    from news_images import pdf_active

    monkeypatch.setattr(pdf_active, "MAX_OBJECTS", 3)
    source = tmp_path / "dokumen.pdf"
    source.write_bytes(active_pdf("plain-links"))
    with pytest.raises(process.ImageProblem) as problem:
        build(tmp_path).pdf_copy(str(source), "images/dokumen.pdf")
    assert "has more than" in problem.value.message and "too many to check" in problem.value.message
