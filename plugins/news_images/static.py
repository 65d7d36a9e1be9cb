"""Images the StaticGenerator copies as files of their own (``STATIC_PATHS``: an image linked
with ``[foto]({static}/images/x.jpg)``, or not used by any article) get the rules of the images
an article shows (issue 11; the same checks, so ``make check`` and ``make publish`` agree):

- an SVG is refused when it holds active content (:func:`news_images.svg.svg_problems`): it
  would run on the site's address when opened;
- a raster image must open and decode in Pillow (:func:`process.published_original`: not HEIC,
  not a renamed PDF, not truncated, within the limits);
- the published copy carries no EXIF (GPS), XMP or comments: :meth:`ImageBuild.original`
  re-encodes a source that has any, and :func:`publish_originals` takes those files out of the
  StaticGenerator's list, as :meth:`ImageBuild.write` writes them instead;
- a web page or script (:data:`ACTIVE`: ``.html``, ``.xml``, ``.js``, ...) is refused: it
  would run on the site's address when opened, like an SVG with a script;
- a PDF is published as a copy without its metadata (author, software, XMP, earlier
  revisions: :meth:`ImageBuild.pdf_copy`, :mod:`.pdf`), the same way; one that cannot be
  cleaned (a photo with EXIF inside, signed, encrypted, damaged) is refused.

A refused file is reported (path, line for an SVG, what, fix) and not copied. Sources already
published as derived files (``ImageBuild.converted``) or already reported against an article
(``ImageBuild.refused``) are not looked at again.
"""

import os

from news_metadata.errors import report

from .process import ImageProblem
from .svg import svg_problems

RASTER = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".heic", ".heif", ".tif", ".tiff",
          ".bmp")  # fmt: skip
# Files a browser runs as a page (or a script) when opened from the site's address: like an
# SVG with a script, they would run with the readers' cookies on the site's origin.
ACTIVE = (".html", ".htm", ".xhtml", ".xht", ".shtml", ".xml", ".xsl", ".xslt", ".js", ".mjs")
SVG_FIX = (
    "remove the script, event handlers (on...=) and embedded content, e.g. save it again as "
    "Plain SVG (Inkscape) or optimised SVG, or publish a PNG instead"
)


def check_static_images(generator, build) -> None:
    """``static_generator_finalized``: check each image in ``generator.staticfiles`` (see the
    module doc); a refused one is removed from the list (in place: the context holds it too).

    Args:
        generator: Pelican's StaticGenerator.
        build: the running :class:`news_images.images.ImageBuild`.
    """
    kept = []
    for static in generator.staticfiles:
        path = os.path.abspath(static.source_path)
        if path in build.refused:
            continue  # reported already (an article showed it)
        if _acceptable(static, path, build):
            kept.append(static)
    generator.staticfiles[:] = kept


def _acceptable(static, path, build):
    extension = os.path.splitext(path)[1].lower()
    if not os.path.isfile(path):
        return True  # not a file of content/ (news_metadata answers for links and paths)
    if extension == ".svg":
        return svg_acceptable(path, build)
    if extension in ACTIVE:
        report(
            path,
            None,
            f"{os.path.basename(path)} is a web page or script: opened from the site it would "
            "run on the site's address, with the readers' cookies",
            "a static folder holds pictures and documents: write the page as an article or "
            "page (content/pages/), link its own https:// address, or publish it as a PDF",
        )
        return False
    if extension not in (*RASTER, ".pdf"):
        return True
    publish = build.pdf_copy if extension == ".pdf" else build.original
    try:
        static.news_images_original = publish(path, static.save_as)
    except ImageProblem as problem:
        report(path, None, problem.message, problem.fix)
        return False
    return True


def svg_acceptable(path, build) -> bool:
    """Whether the SVG at ``path`` may be published as it is (:func:`.svg.svg_problems`),
    worked out and reported once per build, whether an article shows it (``![](x.svg)``),
    links it or no article uses it: the same file is accepted, or refused, every way.

    Args:
        path: the SVG's path.
        build: the running :class:`news_images.images.ImageBuild` (``svgs`` keeps the
            answers; a refused file also goes into ``refused``, so it is not copied).

    Returns:
        True when safe; False when refused (reported at the SVG's line with :data:`SVG_FIX`).
    """
    key = os.path.abspath(path)
    if key not in build.svgs:
        build.svgs[key] = _svg_acceptable(path)
        if not build.svgs[key]:
            build.refused.add(key)
    return build.svgs[key]


def _svg_acceptable(path):
    name = os.path.basename(path)
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except UnicodeDecodeError as error:
        report(path, None, f"SVG {name} is not UTF-8 text (byte {error.start})", SVG_FIX)
        return False
    problems = svg_problems(text)
    for line, what in problems:
        report(
            path, line,
            f"SVG {name} holds active content ({what}): opened from the site it would run "
            "with the readers' cookies, so it is not published",
            SVG_FIX,
        )  # fmt: skip
    return not problems


def publish_originals(context) -> None:
    """Take the images :meth:`ImageBuild.original` rewrote out of ``context["staticfiles"]``
    (what StaticGenerator.generate_output copies; it runs after every plugin's generator), so
    the source with its metadata is never copied over the copy without it.
    """
    if "staticfiles" in context:
        context["staticfiles"] = [
            static
            for static in context["staticfiles"]
            if not getattr(static, "news_images_original", False)
        ]
