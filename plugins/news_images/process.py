"""Pillow work: read and check a source image, make its derived files.

Rules implemented here:

- A source is refused (:class:`ImageProblem`) when it is over ``max_bytes`` or ``max_pixels``,
  not an image Pillow reads as JPEG, PNG, WebP, GIF or AVIF (HEIC from a phone, a renamed PDF),
  or truncated (Pillow's decoder stops early; ``ImageFile.LOAD_TRUNCATED_IMAGES`` stays False).
- The EXIF orientation is applied (``ImageOps.exif_transpose``) and every piece of metadata is
  dropped (EXIF with GPS, XMP, comments), except the ICC colour profile, which is passed on.
- Widths are never upscaled: widths at or above the source's width are replaced by the source
  width itself.
- Images with transparency keep it in AVIF and WebP and get a PNG fallback instead of JPEG.
- A source published as its own file (a static file, see :func:`published_original`) is
  re-encoded in its own format only when it carries metadata beyond :data:`PLAIN_INFO`.
"""

import io
import os

from PIL import Image, ImageOps, UnidentifiedImageError

READABLE = {"JPEG", "PNG", "WEBP", "GIF", "AVIF", "MPO"}
MIME = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg", "png": "image/png"}
EXTENSION = {"avif": "avif", "webp": "webp", "jpeg": "jpg", "png": "png"}
THUMBNAIL_RATIO = (3, 2)
# Pillow's ``info`` keys that describe how to show the pixels, never who took them or where;
# any other key (exif, xmp, comment, photoshop/IPTC, PNG text chunks) is metadata to drop.
PLAIN_INFO = {
    "icc_profile", "dpi", "jfif", "jfif_version", "jfif_unit", "jfif_density", "progressive",
    "progression", "adobe", "adobe_transform", "gamma", "srgb", "chromaticity", "transparency",
    "interlace", "aspect", "background", "version", "duration", "loop", "extension", "mode",
}  # fmt: skip
# Format Pillow reads -> the encoder of :func:`encode` that writes it again (same extension).
REWRITE = {
    "JPEG": "jpeg",
    "MPO": "jpeg",
    "PNG": "png",
    "WEBP": "webp",
    "AVIF": "avif",
    "GIF": "gif",
}

# The fix of a source file over NEWS_IMAGES_MAX_BYTES (the web editor says it too).
TOO_LARGE_FIX = "save a smaller copy (a photo of 3000 px on the long side is plenty) and use that"
HEIC_FIX = (
    "convert it to JPEG first (on the phone: share/export as JPEG; on a computer: "
    "'heif-convert {name} {stem}.jpg', Debian package libheif-examples) and write that file"
)


class ImageProblem(Exception):
    """A source image that cannot be used: ``message`` (what is wrong) and ``fix``."""

    def __init__(self, message, fix):
        super().__init__(message)
        self.message = message
        self.fix = fix


def _looks_like_heic(head):
    return head[4:8] == b"ftyp" and head[8:12] in {
        b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1",
    }  # fmt: skip


def open_source(path, max_bytes, max_pixels, max_width=1600):
    """Open, check and orient the image at ``path``.

    Args:
        path: file path.
        max_bytes: largest accepted file size in bytes.
        max_pixels: largest accepted width × height.
        max_width: the largest width (px) that will be made of it: a JPEG is decoded at
            1/2, 1/4 or 1/8 scale when that is still at least this wide (much faster).

    Returns:
        a loaded ``PIL.Image.Image`` in RGB or RGBA, upright, with ``info`` holding at most
        ``icc_profile``.

    Raises:
        ImageProblem: the file cannot be used (see the module doc).
    """
    return _load(_checked(path, max_bytes, max_pixels), os.path.basename(path), max_width)


def over_limit(max_bytes: int) -> str:
    """The words of a file larger than ``max_bytes`` (bytes): ``more than the limit of 20 MB``
    (also the web editor's, plugins/cms, which refuses such a photo before uploading it).
    """
    return f"more than the limit of {max_bytes / 1e6:g} MB"


def _checked(path, max_bytes, max_pixels):
    """The opened (not yet decoded) image at ``path`` after the size and format checks."""
    name = os.path.basename(path)
    stem = os.path.splitext(name)[0]
    size = os.path.getsize(path)
    if size > max_bytes:
        raise ImageProblem(
            f"image {name} is {size / 1e6:.1f} MB, {over_limit(max_bytes)}", TOO_LARGE_FIX
        )
    with open(path, "rb") as handle:
        data = handle.read()
    if _looks_like_heic(data[:16]) or name.lower().endswith((".heic", ".heif")):
        raise ImageProblem(
            f"image {name} is a HEIC/HEIF photo, which browsers and this build cannot use",
            HEIC_FIX.format(name=name, stem=stem),
        )
    if name.lower().endswith(".svg"):
        # Only a featured image or an embed's poster gets here (body.py shows an SVG as is):
        # both become raster files (thumbnails, the share picture), which a drawing is not.
        raise ImageProblem(
            f"image {name} is an SVG drawing: a featured image or an embed's poster is made "
            "into pictures of several sizes (and the share picture), which needs a JPEG or PNG",
            "export it as PNG and use that file, or show the drawing in the text with "
            f"![what it shows]({{static}}/images/{name})",
        )
    if not data:
        raise ImageProblem(
            f"image {name} is an empty file (0 bytes)",
            "copy the file again from the camera or the sender: the copy was cut off",
        )
    try:
        image = open_image(io.BytesIO(data), name, max_pixels)
    except UnidentifiedImageError:
        kind = "a PDF document" if data[:5] == b"%PDF-" else "not an image this build can read"
        raise ImageProblem(
            f"image {name} is {kind}",
            "save or export it as a JPEG (photos) or PNG (graphics) and use that file",
        ) from None
    except (OSError, SyntaxError, ValueError) as error:  # a header cut off (Truncated File Read)
        raise _damaged(name, error) from None
    if image.format not in READABLE:
        raise ImageProblem(
            f"image {name} is in {image.format} format, which is not used on the web",
            "save or export it as a JPEG (photos) or PNG (graphics) and use that file",
        )
    width, height = image.size
    if width * height > max_pixels:
        raise _too_many_pixels(name, f"{width}×{height} = {width * height / 1e6:.0f}", max_pixels)
    return image


def _too_many_pixels(name, pixels, max_pixels):
    return ImageProblem(
        f"image {name} has {pixels} megapixels, more than the limit of {max_pixels / 1e6:g}",
        "save a smaller copy (a photo of 3000 px on the long side is plenty) and use that",
    )


def open_image(source, name, max_pixels):
    """``Image.open(source)``; Pillow's own refusal of a huge image is :func:`_too_many_pixels`.

    Pillow raises DecompressionBombError (no OSError) while it reads the header of an image of
    more than twice ``Image.MAX_IMAGE_PIXELS`` (about 179 megapixels): before this module's
    ``max_pixels`` check could say so, and through every ``except`` that expects a bad file.
    """
    try:
        return Image.open(source)
    except Image.DecompressionBombError:
        raise _too_many_pixels(name, f"over {pillow_limit():.0f}", max_pixels) from None


def pillow_limit():
    """The megapixels over which Pillow refuses to open an image (DecompressionBombError)."""
    return 2 * (Image.MAX_IMAGE_PIXELS or 0) / 1e6


def published_original(path, max_bytes, max_pixels):
    """Check an image that is published as its own file (a static file) and say how.

    Args:
        path: file path; max_bytes, max_pixels: as in :func:`open_source`.

    Returns:
        ``(None, None)`` when the file carries no metadata (only :data:`PLAIN_INFO`): publish
        its bytes as they are; else ``(image, fmt)``: the upright image (orientation applied,
        only the ICC profile kept) to write with ``encode(image, fmt, ...)``, the source's own
        format, so the file name and its links stay the same.

    Raises:
        ImageProblem: as :func:`open_source` (unreadable, damaged, over the limits), and for an
            animated image that carries metadata (re-encoding would keep only its first frame).
    """
    name = os.path.basename(path)
    image = _checked(path, max_bytes, max_pixels)
    metadata = sorted(set(image.info) - PLAIN_INFO)
    if not metadata:
        _load(image, name, None)  # decodes every byte: a truncated file is still refused
        return None, None
    if image.format != "MPO" and getattr(image, "n_frames", 1) > 1:  # MPO: a photo + preview
        raise ImageProblem(
            f"image {name} is animated and carries metadata ({', '.join(metadata)}), which "
            "could hold where it was made",
            f"save it again without metadata (exiftool -all= {name}) and use that file",
        )
    return _load(image, name, None), REWRITE[image.format]


def check_still(path):
    """Refuse an animated GIF, WebP or PNG (APNG) shown as a picture.

    The responsive copies (:func:`responsive`, thumbnails, the share image) are stills made of
    the first frame: the animation would be lost without a word. Checked on every build, not
    through the image cache (a cache entry may predate this rule); only the header and the
    frame table are read.

    Raises:
        ImageProblem: the file is animated (with the number of frames and the fixes).
    """
    if not path.lower().endswith((".gif", ".webp", ".png", ".apng")):
        return
    try:
        with open_image(path, os.path.basename(path), 0) as image:
            frames = getattr(image, "n_frames", 1) if getattr(image, "is_animated", False) else 1
    except (OSError, SyntaxError, ValueError, ImageProblem):
        return  # unreadable or too large: open_source says why
    if frames > 1:
        name = os.path.basename(path)
        raise ImageProblem(
            f"image {name} is animated ({frames} frames): pictures are shown as still copies, "
            "so readers would see only its first frame",
            "use a still picture; for motion, put the video on YouTube and paste its address "
            "alone on a line, or link the file instead of showing it (the same link without "
            "the '!' in front: readers open it as it is)",
        )


def _damaged(name, error):
    return ImageProblem(
        f"image {name} is damaged or incomplete ({error})",
        "copy the file again from the camera or the sender; it may have been cut off",
    )


def _load(image, name, max_width):
    """Decode ``image``; a JPEG at a reduced scale still ``max_width`` wide (None: full size)."""
    try:
        if image.format == "JPEG" and max_width:
            width, height = image.size
            if image.getexif().get(0x0112) in (5, 6, 7, 8):  # shown rotated by 90°
                width, height = height, width
            wanted = (max_width, -(-max_width * height // width))
            if image.getexif().get(0x0112) in (5, 6, 7, 8):
                wanted = wanted[::-1]
            image.draft("RGB", wanted)
        image.load()
        icc = image.info.get("icc_profile")
        image = ImageOps.exif_transpose(image)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise _damaged(name, error) from None
    alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    image = image.convert("RGBA" if alpha else "RGB")
    image.info = {"icc_profile": icc} if icc else {}
    return image


def has_alpha(image):
    """True when ``image`` (RGB or RGBA) has a pixel that is not fully opaque."""
    return image.mode == "RGBA" and image.getchannel("A").getextrema()[0] < 255


def encode(image, fmt, quality, avif_speed):
    """Return ``image`` encoded as ``fmt`` ("avif", "webp", "jpeg", "png" or "gif"), as bytes.

    No metadata is written but the ICC profile. Encoders and settings: AVIF ``quality``,
    ``speed=avif_speed``; WebP ``quality``, ``method=4``; JPEG ``quality``, progressive,
    optimized Huffman tables, 4:2:0; PNG optimized; GIF (static files only) as Pillow
    quantizes it.
    """
    out = io.BytesIO()
    icc = image.info.get("icc_profile")
    extra = {"icc_profile": icc} if icc else {}
    if fmt == "avif":
        image.save(out, "AVIF", quality=quality, speed=avif_speed, **extra)
    elif fmt == "webp":
        image.save(out, "WEBP", quality=quality, method=4, **extra)
    elif fmt == "jpeg":
        rgb = image if image.mode == "RGB" else flatten(image)
        rgb.save(out, "JPEG", quality=quality, optimize=True, progressive=True, **extra)
    elif fmt == "gif":
        image.save(out, "GIF")
    else:
        image.save(out, "PNG", optimize=True, **extra)
    return out.getvalue()


def flatten(image, background=(255, 255, 255)):
    """``image`` on an opaque background (RGB), for JPEG."""
    if image.mode != "RGBA":
        return image.convert("RGB")
    canvas = Image.new("RGB", image.size, background)
    canvas.paste(image, mask=image.getchannel("A"))
    canvas.info = dict(image.info)
    return canvas


def target_widths(source_width, widths):
    """The widths (px, ascending) to make of a source ``source_width`` px wide: those of
    ``widths`` up to 90% of it, plus the source width when a listed width is above that (a
    480 px file next to a 500 px one would only cost build time).
    """
    below = [width for width in widths if width <= source_width * 0.9]
    if len(below) < len(widths):
        below.append(source_width)
    return below


def _resize(image, width, height):
    resized = image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
    resized.info = dict(image.info)
    return resized


def responsive(image, widths, quality, avif_speed, prefix="w"):
    """Make the responsive set of ``image``: every width of :func:`target_widths` in AVIF,
    WebP and JPEG (PNG instead of JPEG when the image has transparency).

    Returns ``(files, variants)``: ``files`` maps names (``w360.avif``) to bytes; ``variants``
    is a list of ``{"name", "width", "height", "format", "bytes"}`` dicts, smallest first.
    """
    fallback = "png" if has_alpha(image) else "jpeg"
    files, variants = {}, []
    for width in target_widths(image.width, widths):
        height = max(1, round(image.height * width / image.width))
        resized = image if width == image.width else _resize(image, width, height)
        for fmt in ("avif", "webp", fallback):
            name = f"{prefix}{width}.{EXTENSION[fmt]}"
            files[name] = encode(resized, fmt, quality.get(fmt, 0), avif_speed)
            variants.append(
                {"name": name, "width": width, "height": height, "format": fmt,
                 "bytes": len(files[name])}
            )  # fmt: skip
    return files, variants


def thumbnails(image, widths, quality, avif_speed):
    """A centred 3:2 crop of ``image`` made as :func:`responsive` with prefix ``t``."""
    ratio = THUMBNAIL_RATIO[0] / THUMBNAIL_RATIO[1]
    if image.width / image.height > ratio:
        box_width = round(image.height * ratio)
        left = (image.width - box_width) // 2
        box = (left, 0, left + box_width, image.height)
    else:
        box_height = round(image.width / ratio)
        top = (image.height - box_height) // 2
        box = (0, top, image.width, top + box_height)
    cropped = image.crop(box)
    cropped.info = dict(image.info)
    return responsive(cropped, widths, quality, avif_speed, prefix="t")


def share_jpeg(image, size, quality, max_bytes):
    """The share image (og:image): ``image`` cropped to ``size`` (centre), JPEG, quality lowered
    in steps of 6 from ``quality`` until the file is under ``max_bytes`` (never below 40).

    Returns bytes.
    """
    fitted = ImageOps.fit(flatten(image), size, Image.Resampling.LANCZOS)
    fitted.info = {"icc_profile": image.info["icc_profile"]} if "icc_profile" in image.info else {}
    data = encode(fitted, "jpeg", quality, 0)
    while len(data) >= max_bytes and quality > 40:
        quality -= 6
        data = encode(fitted, "jpeg", quality, 0)
    return data
