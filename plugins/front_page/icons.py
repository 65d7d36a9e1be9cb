"""Make the favicon set from the site logo: ``python -m front_page.icons`` (``make icons``).

Run once when the logo changes; the files are committed under ``theme/static/icons/`` so a
build needs no image library for them. From ``theme/static/images/logo.png`` (square, 512 px)
and ``logo.svg``:

- ``favicon.ico``: 16, 32 and 48 px in one file (the build also copies it to ``/favicon.ico``,
  where browsers ask for it on every site);
- ``icon.svg``: the SVG logo, for browsers that take an SVG favicon;
- ``apple-touch-icon.png`` (180 px, iOS home screen), ``icon-192.png`` and ``icon-512.png``
  (the web manifest's sizes, Android home screen and splash).
"""

import argparse
import re
from pathlib import Path

from PIL import Image

PNG_SIZES = {"apple-touch-icon.png": 180, "icon-192.png": 192, "icon-512.png": 512}
ICO_SIZES = [(16, 16), (32, 32), (48, 48)]


def make_icons(logo_png, logo_svg, folder):
    """Write the favicon set into ``folder`` (created if needed).

    Args:
        logo_png: ``Path`` of a square PNG logo, at least 512 px.
        logo_svg: ``Path`` of the SVG logo.
        folder: ``Path`` of the output folder.

    Returns:
        list of the ``Path`` objects written.

    Raises:
        ValueError: the PNG is not square or is smaller than 512 px.
    """
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    with Image.open(logo_png) as source:
        logo = source.convert("RGBA")
    if logo.width != logo.height or logo.width < 512:
        raise ValueError(
            f"{logo_png}: the logo must be square and at least 512 px, got {logo.size}"
        )
    for name, size in PNG_SIZES.items():
        target = folder / name
        logo.resize((size, size), Image.Resampling.LANCZOS).save(target, optimize=True)
        written.append(target)
    target = folder / "favicon.ico"
    logo.save(target, sizes=ICO_SIZES)
    written.append(target)
    # A favicon is decoration: the page names the site in text, so no role or label here.
    svg = re.sub(r'\s(role|aria-label)="[^"]*"', "", logo_svg.read_text(encoding="utf-8"))
    target = folder / "icon.svg"
    target.write_text(svg, encoding="utf-8")
    written.append(target)
    return written


def main(argv=None) -> None:
    """Command line: ``python -m front_page.icons [--theme theme]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--theme", type=Path, default=Path("theme"))
    args = parser.parse_args(argv)
    images = args.theme / "static" / "images"
    for path in make_icons(
        images / "logo.png", images / "logo.svg", args.theme / "static" / "icons"
    ):
        print(path)


if __name__ == "__main__":
    main()
