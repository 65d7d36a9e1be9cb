"""Synthetic test images made with Pillow (tests and ``make bench``): photo-like JPEGs, a PNG
with transparency, a portrait with EXIF orientation and GPS, broken files.

Photo-like means smooth colour areas (random blobs, upscaled) plus fine grain, so encoders work
as hard as on a real photo (a flat colour would compress to nothing). Deterministic per seed.
"""

import io
import random

from PIL import Image, ImageDraw


def photo(width, height, seed=1):
    """An RGB image ``width`` × ``height`` that compresses like a photo."""
    rng = random.Random(seed)
    small = Image.frombytes("RGB", (32, 24), rng.randbytes(32 * 24 * 3))
    base = small.resize((width, height), Image.Resampling.BICUBIC)
    grain_size = (max(1, width // 2), max(1, height // 2))
    grain = Image.frombytes("L", grain_size, rng.randbytes(grain_size[0] * grain_size[1]))
    grain = grain.resize((width, height), Image.Resampling.NEAREST).convert("RGB")
    image = Image.blend(base, grain, 0.12)
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x, y = rng.randrange(width), rng.randrange(height)
        r = rng.randrange(width // 30 + 1, width // 6 + 2)
        colour = tuple(rng.randrange(256) for _ in range(3))
        draw.ellipse((x - r, y - r, x + r, y + r), outline=colour, width=max(1, width // 200))
    return image


def jpeg_bytes(image, quality=90, exif=None):
    """``image`` as JPEG bytes (with ``exif``, a ``PIL.Image.Exif``, when given)."""
    out = io.BytesIO()
    extra = {"exif": exif.tobytes()} if exif is not None else {}
    image.save(out, "JPEG", quality=quality, **extra)
    return out.getvalue()


def portrait_with_gps(width=300, height=400):
    """JPEG bytes of a portrait photo stored sideways (``height`` × ``width`` pixels) with
    EXIF Orientation 6 (rotate 90° clockwise to show) and GPS coordinates (Bima, NTB).

    The left half of the stored image is red, the right half blue: shown upright, the top is
    red and the bottom blue.
    """
    stored = Image.new("RGB", (height, width), (0, 0, 255))
    ImageDraw.Draw(stored).rectangle((0, 0, height // 2, width), fill=(255, 0, 0))
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° CW
    exif[0x010F] = "TestPhone"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1] = "S"
    gps[2] = (8.0, 27.0, 36.0)
    gps[3] = "E"
    gps[4] = (118.0, 43.0, 30.0)
    return jpeg_bytes(stored, 92, exif)


def transparent_png(width=640, height=400):
    """PNG bytes: a logo-like shape on a fully transparent background."""
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((40, 40, width - 40, height - 40), fill=(122, 16, 32, 255))
    draw.rectangle(
        (width // 3, height // 3, 2 * width // 3, 2 * height // 3), fill=(255, 255, 255, 128)
    )
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def truncated_jpeg():
    """The first half of a valid JPEG: Pillow reads the header, the data stops early."""
    data = jpeg_bytes(photo(800, 600, seed=7))
    return data[: len(data) // 2]


def heic_named():
    """Bytes with the ISO-BMFF ``ftypheic`` header an iPhone HEIC photo starts with."""
    return b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(64)


def renamed_pdf():
    """A (tiny) PDF document, to be saved with a .jpg name."""
    return b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def pdf_document(**info):
    """A one-page PDF of a small photo (Pillow's PDF writer: the JPEG inside), with the document
    information in ``info`` (``author=``, ``creator=``, ``title=``) or ``exif=`` bytes for the
    photo."""
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, "PDF", **info)
    return buffer.getvalue()


def huge_png(width=20000, height=20000):
    """A few bytes of PNG whose header says ``width`` × ``height`` (400 megapixels by default,
    over Pillow's own limit of twice ``Image.MAX_IMAGE_PIXELS``): refused as soon as it is
    opened, as a huge photo would be, with no pixel data made."""
    import struct
    import zlib

    def chunk(kind, data):
        checksum = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + checksum

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def pdf_with_huge_photo():
    """:func:`pdf_document` whose photo's JPEG header says 20000 × 20000 (see :func:`huge_png`)."""
    import struct

    data = pdf_document()
    start = data.index(b"\xff\xc0") + 5  # the JPEG's SOF0 segment: height and width
    return data[:start] + struct.pack(">HH", 20000, 20000) + data[start + 4 :]
