"""Size/quality table for choosing ``NEWS_IMAGES_QUALITY``: ``python -m news_images.quality
IMAGE [WIDTH]`` (run with ``PYTHONPATH=plugins``).

For each format and quality it encodes IMAGE resized to WIDTH (default 720 px, the file a
phone downloads) with the plugin's own encoder settings and prints the bytes and the PSNR of
the luma channel against the resized, unencoded image. PSNR (dB, higher is closer; about 40 dB
and above is hard to tell apart at phone size) is computed with Pillow only: the RMS of
``ImageChops.difference`` of the two luma images, ``20·log10(255 / rms)``.
"""

import io
import math
import sys

from PIL import Image, ImageChops, ImageStat

from .process import _resize, encode, open_source

QUALITIES = {"avif": (40, 45, 50, 55, 60, 70), "webp": (60, 70, 75, 80), "jpeg": (70, 78, 82, 90)}


def psnr(reference, candidate):
    """PSNR (dB) of the luma of ``candidate`` against ``reference`` (same size); inf if equal."""
    difference = ImageChops.difference(reference.convert("L"), candidate.convert("L"))
    rms = ImageStat.Stat(difference).rms[0]
    return math.inf if rms == 0 else 20 * math.log10(255 / rms)


def table(path, width=720, avif_speed=8):
    """Rows ``(format, quality, bytes, psnr)`` for the image at ``path`` resized to ``width``."""
    image = open_source(path, 10**9, 10**9, width)
    if image.width > width:
        image = _resize(image, width, round(image.height * width / image.width))
    image = image.convert("RGB")
    rows = []
    for fmt, qualities in QUALITIES.items():
        for quality in qualities:
            data = encode(image, fmt, quality, avif_speed)
            decoded = Image.open(io.BytesIO(data)).convert("RGB")
            rows.append((fmt, quality, len(data), psnr(image, decoded)))
    return rows


def main(argv=None) -> None:
    """Print the table as Markdown."""
    args = (argv if argv is not None else sys.argv[1:]) or []
    if not args:
        raise SystemExit("usage: python -m news_images.quality IMAGE [WIDTH]")
    width = int(args[1]) if len(args) > 1 else 720
    print(f"| format | quality | KB at {width} px | PSNR Y (dB) |")
    print("|---|---|---|---|")
    for fmt, quality, size, value in table(args[0], width):
        print(f"| {fmt} | {quality} | {size / 1000:.1f} | {value:.1f} |")


if __name__ == "__main__":
    main()
