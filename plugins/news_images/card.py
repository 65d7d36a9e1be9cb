"""The share card of content without a featured image: site name, section and headline on a
1200×630 canvas, as a JPEG under the share-image byte limit.

Fonts are DejaVu Sans (Bitstream Vera licence, ``fonts/LICENSE-DejaVu.txt``), subset to Latin
(U+0020–017F) and punctuation with fontTools (the command is in the README); a glyph outside
that range is drawn as a box. The layout only depends on the text, the fonts and Pillow, so the
same input gives the same bytes.
"""

import hashlib
import os

from PIL import Image, ImageDraw, ImageFont

from .process import encode

FONT_DIR = os.path.join(os.path.dirname(__file__), "fonts")
BOLD = os.path.join(FONT_DIR, "DejaVuSans-Bold.ttf")
REGULAR = os.path.join(FONT_DIR, "DejaVuSans.ttf")
MARGIN = 72
HEADLINE_SIZES = (68, 60, 52, 46, 40)  # px, the first at which the headline fits
MAX_LINES = 5


def font_digest():
    """SHA-256 (hex) of the card fonts, part of every card's cache key."""
    digest = hashlib.sha256()
    for path in (BOLD, REGULAR):
        with open(path, "rb") as handle:
            digest.update(handle.read())
    return digest.hexdigest()


def wrap(text, font, width):
    """Split ``text`` into lines no wider than ``width`` px in ``font`` (words are kept whole;
    a word wider than the line is cut). Returns a list of str.
    """
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if font.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while font.getlength(word) > width:  # a very long word: cut it
            cut = len(word)
            while cut > 1 and font.getlength(word[:cut]) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines


def _hex(colour):
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def render(site_name, section, headline, footer, size, background, foreground, quality):
    """Draw the card and return it as JPEG bytes.

    Args:
        site_name: shown top left, upper case.
        section: the category name, or "" (shown after the site name).
        headline: plain text, wrapped; at most five lines, the last ending with "…" when cut.
        footer: small text at the bottom (the site's host name), or "".
        size: (width, height) in px.
        background, foreground: "#rrggbb".
        quality: JPEG quality.
    """
    width, height = size
    fg, bg = _hex(foreground), _hex(background)
    muted = tuple((f * 3 + b) // 4 for f, b in zip(fg, bg, strict=True))
    canvas = Image.new("RGB", size, bg)
    draw = ImageDraw.Draw(canvas)
    label = ImageFont.truetype(BOLD, 34)
    small = ImageFont.truetype(REGULAR, 30)
    top = MARGIN - 10
    draw.text((MARGIN, top), site_name.upper(), font=label, fill=fg)
    if section:
        x = MARGIN + label.getlength(site_name.upper() + "  ")
        draw.text((x, top), "· " + section.upper(), font=label, fill=muted)
    draw.rectangle((MARGIN, top + 56, MARGIN + 96, top + 62), fill=fg)
    text_width = width - 2 * MARGIN
    for points in HEADLINE_SIZES:
        font = ImageFont.truetype(BOLD, points)
        lines = wrap(headline, font, text_width)
        if len(lines) <= MAX_LINES - 1 or points == HEADLINE_SIZES[-1]:
            break
    if len(lines) > MAX_LINES:
        lines = lines[:MAX_LINES]
        last = lines[-1]
        while last and font.getlength(last + "…") > text_width:
            last = last[:-1].rstrip()
        lines[-1] = last + "…"
    step = round(points * 1.22)
    y = top + 110
    for line in lines:
        draw.text((MARGIN, y), line, font=font, fill=fg)
        y += step
    if footer:
        draw.text((MARGIN, height - MARGIN - 20), footer, font=small, fill=muted)
    canvas.info = {}
    return encode(canvas, "jpeg", quality, 0)
