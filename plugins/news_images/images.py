"""One build's images: sources looked up in the cache (or made), the files the output needs.

:class:`ImageBuild` is created per build; :meth:`ImageBuild.featured`, :meth:`body` and
:meth:`card` return :class:`Derived` objects whose ``url`` values are output paths under
``NEWS_IMAGES_OUTPUT_DIR``; every file handed out is remembered in ``used`` and linked (or
copied) into the output folder by :meth:`write`, which also deletes derived files of earlier
builds that this build does not use (dev builds keep their output folder).
"""

import logging
import os
import re
import shutil
from dataclasses import dataclass, field
from urllib.parse import urlparse

from . import card, process
from .cache import DigestIndex, ImageCache, cache_key
from .markup import picture

logger = logging.getLogger(__name__)


@dataclass
class Derived:
    """The derived files of one source image (or one share card).

    Attributes:
        key: the cache key.
        width, height: the source's size as shown (upright), px.
        variants: responsive files, dicts ``{"url", "width", "height", "format", "bytes"}``
            (``url`` relative to the output folder).
        thumbnails: the 3:2 card thumbnails, same shape; [] for body images.
        share: ``{"url", "width", "height", "bytes"}`` of the 1200×630 JPEG, or None.
    """

    key: str
    width: int
    height: int
    variants: list = field(default_factory=list)
    thumbnails: list = field(default_factory=list)
    share: dict | None = None

    def picture(self, alt, sizes, lead=False):
        """``<picture>`` markup of the responsive set (see :func:`markup.picture`); "" when
        nothing was made (``NEWS_IMAGES_VALIDATE_ONLY``).
        """
        if not self.variants:
            return ""
        return picture(self.variants, self.width, self.height, alt, sizes, lead)

    def thumbnail(self, sizes):
        """``<picture>`` of the card thumbnail (alt="": the card's headline says it), lazy;
        "" when there is none.
        """
        if not self.thumbnails:
            return ""
        first = self.thumbnails[-1]
        return picture(self.thumbnails, first["width"], first["height"], "", sizes)

    def jpeg(self, max_width):
        """The JPEG variant of the largest width not above ``max_width`` (or the smallest)."""
        jpegs = [v for v in self.variants if v["format"] == "jpeg"]
        if not jpegs:
            return None
        fitting = [v for v in jpegs if v["width"] <= max_width]
        return fitting[-1] if fitting else jpegs[0]


def slug(text):
    """A file-name part: lowercase ASCII letters, digits and hyphens (``"gambar"`` if empty)."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "gambar"


class ImageBuild:
    """Images of one build. ``settings`` is Pelican's dict with NEWS_IMAGES_* defaults."""

    def __init__(self, settings):
        self.settings = settings
        folder = settings["NEWS_IMAGES_CACHE_PATH"]
        self.cache = ImageCache(folder)
        self.digests = DigestIndex(folder)
        self.out_dir = settings["NEWS_IMAGES_OUTPUT_DIR"].strip("/")
        self.used = {}  # output path -> cache file path
        self.converted = set()  # absolute paths of sources published only as derived files
        self.refused = set()  # absolute paths of sources already reported (ImageProblem)
        self.originals = {}  # output path (a static file's save_as) -> cache file without metadata
        self.svgs = {}  # absolute path of an SVG -> safe to publish (static.svg_acceptable)
        self._memo = {}
        self.made = 0  # cache misses, for the log line and the bench
        self.validate_only = bool(settings.get("NEWS_IMAGES_VALIDATE_ONLY"))

    # --- recipes: everything that changes the derived files goes into the cache key ---
    def _recipe(self, kind):
        s = self.settings
        recipe = {
            "kind": kind,
            "widths": s["NEWS_IMAGES_WIDTHS"],
            "quality": s["NEWS_IMAGES_QUALITY"],
            "avif_speed": s["NEWS_IMAGES_AVIF_SPEED"],
            "limits": [s["NEWS_IMAGES_MAX_BYTES"], s["NEWS_IMAGES_MAX_PIXELS"]],
        }
        if kind == "featured":
            recipe["thumbnails"] = s["NEWS_IMAGES_THUMBNAIL_WIDTHS"]
            recipe["share"] = [
                list(s["NEWS_IMAGES_SHARE_SIZE"]),
                s["NEWS_IMAGES_SHARE_QUALITY"],
                s["NEWS_IMAGES_SHARE_MAX_BYTES"],
            ]
        return recipe

    def featured(self, path):
        """The derived files of a featured image (responsive set, thumbnails, share image).

        Args:
            path: the source file's path.

        Returns:
            :class:`Derived`.

        Raises:
            process.ImageProblem: the source cannot be used.
        """
        return self._derive(path, "featured")

    def body(self, path):
        """The responsive set of an image in the body (or an embed's poster); see
        :meth:`featured`.
        """
        return self._derive(path, "body")

    def _derive(self, path, kind):
        digest = self.digests.digest(path)
        key = cache_key(digest, self._recipe(kind))
        if key in self._memo:
            found = self._memo[key]
            if isinstance(found, process.ImageProblem):
                raise found
            return found
        try:
            process.check_still(path)
        except process.ImageProblem as problem:
            self._memo[key] = problem
            self.refused.add(os.path.abspath(path))
            raise
        info = self.cache.load(key)
        if info is None and self.validate_only:
            s = self.settings
            try:
                image = process.open_source(
                    path, s["NEWS_IMAGES_MAX_BYTES"], s["NEWS_IMAGES_MAX_PIXELS"]
                )
            except process.ImageProblem as problem:
                self._memo[key] = problem
                self.refused.add(os.path.abspath(path))
                raise
            self._memo[key] = Derived(key, image.width, image.height)
            return self._memo[key]
        if info is None:
            try:
                info = self._make(path, kind, key)
            except process.ImageProblem as problem:
                self._memo[key] = problem
                self.refused.add(os.path.abspath(path))
                raise
        stem = slug(os.path.splitext(os.path.basename(path))[0])
        derived = self._publish(key, info, f"{stem}-{key[:10]}")
        self.converted.add(os.path.abspath(path))
        self._memo[key] = derived
        return derived

    def _make(self, path, kind, key):
        s = self.settings
        widths = s["NEWS_IMAGES_WIDTHS"]
        image = process.open_source(
            path, s["NEWS_IMAGES_MAX_BYTES"], s["NEWS_IMAGES_MAX_PIXELS"], max(widths)
        )
        quality, speed = s["NEWS_IMAGES_QUALITY"], s["NEWS_IMAGES_AVIF_SPEED"]
        files, variants = process.responsive(image, widths, quality, speed)
        info = {"width": image.width, "height": image.height, "variants": variants}
        if kind == "featured":
            thumbs, info["thumbnails"] = process.thumbnails(
                image, s["NEWS_IMAGES_THUMBNAIL_WIDTHS"], quality, speed
            )
            files.update(thumbs)
            size = tuple(s["NEWS_IMAGES_SHARE_SIZE"])
            files["share.jpg"] = process.share_jpeg(
                image, size, s["NEWS_IMAGES_SHARE_QUALITY"], s["NEWS_IMAGES_SHARE_MAX_BYTES"]
            )
            info["share"] = {
                "name": "share.jpg", "width": size[0], "height": size[1],
                "bytes": len(files["share.jpg"]),
            }  # fmt: skip
        self.made += 1
        return self.cache.store(key, files, info)

    def original(self, path, save_as):
        """Publish an image that is copied as its own file (a static file) without metadata.

        Args:
            path: the source file's path.
            save_as: its output path, relative to the output folder.

        Returns:
            True when :meth:`write` puts a copy without metadata at ``save_as`` (the source
            carries EXIF, XMP or comments: re-encoded in its own format at
            ``NEWS_IMAGES_STATIC_QUALITY``, orientation applied, ICC profile kept; made once
            per source bytes and kept in the cache); False when the source's own bytes carry
            none and may be copied as they are (and with ``NEWS_IMAGES_VALIDATE_ONLY``).

        Raises:
            process.ImageProblem: the file cannot be used (see :func:`process.published_original`).
        """
        s = self.settings
        limits = [s["NEWS_IMAGES_MAX_BYTES"], s["NEWS_IMAGES_MAX_PIXELS"]]
        recipe = {"kind": "original", "quality": s["NEWS_IMAGES_STATIC_QUALITY"], "limits": limits}
        recipe["avif_speed"] = s["NEWS_IMAGES_AVIF_SPEED"]
        key = cache_key(self.digests.digest(path), recipe)
        info = self.cache.load(key)
        if info is None:
            image, fmt = process.published_original(path, *limits)
            if self.validate_only:
                return False  # make check: checked, nothing stored
            if image is None:
                info = self.cache.store(key, {}, {"name": None})
            else:
                data = process.encode(image, fmt, recipe["quality"], recipe["avif_speed"])
                name = "original." + process.EXTENSION.get(fmt, fmt)
                info = self.cache.store(key, {name: data}, {"name": name, "bytes": len(data)})
                self.made += 1
        if not info["name"] or self.validate_only:
            return False
        self.originals[save_as] = os.path.join(self.cache.entry(key), info["name"])
        return True

    def pdf_copy(self, path, save_as):
        """Publish a PDF document (a static file) without its metadata (:mod:`.pdf`).

        Args:
            path: the source file's path.
            save_as: its output path, relative to the output folder.

        Returns:
            True when :meth:`write` puts the copy at ``save_as`` (made once per source bytes
            and pypdf version, kept in the cache); False with ``NEWS_IMAGES_VALIDATE_ONLY``
            (checked, nothing stored).

        Raises:
            process.ImageProblem: the file cannot be published (see :func:`pdf.clean_pdf`).
        """
        # Imported here: pypdf costs 0.1 s of CPU to import, which a site without PDFs
        # (most builds) need not pay.
        import pypdf

        from . import pdf

        key = cache_key(
            self.digests.digest(path),
            {"kind": "pdf", "pypdf": pypdf.__version__, "rules": pdf.RULES},
        )
        info = self.cache.load(key)
        if info is None:
            data = pdf.clean_pdf(path)
            if self.validate_only:
                return False
            info = self.cache.store(key, {"document.pdf": data}, {"name": "document.pdf"})
            self.made += 1
        if self.validate_only:
            return False
        self.originals[save_as] = os.path.join(self.cache.entry(key), info["name"])
        return True

    def card(self, site_name, section, headline, file_stem):
        """The generated share card (1200×630 JPEG) of content without a featured image.

        Args:
            site_name, section, headline: plain text drawn on the card.
            file_stem: start of the output file name (the content's slug).

        Returns:
            :class:`Derived` with only ``share`` set, or None with ``NEWS_IMAGES_VALIDATE_ONLY``.
        """
        if self.validate_only:
            return None
        s = self.settings
        size = tuple(s["NEWS_IMAGES_SHARE_SIZE"])
        footer = urlparse(s.get("SITEURL") or "").hostname or ""
        recipe = {
            "kind": "card",
            "text": [site_name, section, headline, footer],
            "size": list(size),
            "colours": [s["NEWS_IMAGES_CARD_BACKGROUND"], s["NEWS_IMAGES_CARD_FOREGROUND"]],
            "quality": s["NEWS_IMAGES_SHARE_QUALITY"],
            "fonts": _font_digest(),
        }
        key = cache_key("", recipe)
        info = self.cache.load(key)
        if info is None:
            data = card.render(
                site_name, section, headline, footer, size, *recipe["colours"], recipe["quality"]
            )
            share = {"name": "share.jpg", "width": size[0], "height": size[1], "bytes": len(data)}
            info = self.cache.store(key, {"share.jpg": data}, {"share": share})
            self.made += 1
        return self._publish(key, info, f"{slug(file_stem)}-{key[:10]}")

    def _publish(self, key, info, stem):
        entry = self.cache.entry(key)

        def use(item, suffix):
            url = f"{self.out_dir}/{stem}-{suffix}"
            self.used[url] = os.path.join(entry, item["name"])
            return {**item, "url": url}

        def name_suffix(item):  # "w360.avif" -> "360.avif", "t160.avif" -> "t160.avif"
            return item["name"][1:] if item["name"].startswith("w") else item["name"]

        share = info.get("share")
        return Derived(
            key=key,
            width=info.get("width", 0),
            height=info.get("height", 0),
            variants=[use(v, name_suffix(v)) for v in info.get("variants", [])],
            thumbnails=[use(v, name_suffix(v)) for v in info.get("thumbnails", [])],
            share=use(share, "og.jpg") if share else None,
        )

    def write(self, output_path):
        """Put every used derived file into ``output_path`` (hard link, or copy across file
        systems) and delete files in the output's derived folder this build did not use.

        Returns the number of files in place.
        """
        folder = os.path.join(output_path, self.out_dir)
        os.makedirs(folder, exist_ok=True)
        wanted = {os.path.basename(url) for url in self.used}
        for name in os.listdir(folder):
            if name not in wanted:
                os.remove(os.path.join(folder, name))
        for url, source in self.used.items():
            target = os.path.join(output_path, url)
            if not os.path.exists(target):
                _link_or_copy(source, target)
        for save_as, source in self.originals.items():
            target = os.path.join(output_path, save_as)
            if os.path.lexists(target) and not (
                os.path.exists(target) and os.path.samefile(source, target)
            ):
                os.unlink(target)  # an earlier dev build's copy of the source (never written to)
            if not os.path.lexists(target):
                os.makedirs(os.path.dirname(target), exist_ok=True)
                _link_or_copy(source, target)
        self.digests.save()
        return len(self.used) + len(self.originals)


def _link_or_copy(source, target):
    """Hard-link ``source`` (a cache file, never modified) at ``target``; copy across file
    systems.
    """
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


_FONTS = []


def _font_digest():
    if not _FONTS:
        _FONTS.append(card.font_digest())
    return _FONTS[0]
