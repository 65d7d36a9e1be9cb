"""news_images in-process: reading and checking sources, derived files, the cache, share
images and cards, embed recognition and the body rewrite."""

import io
import sys
from pathlib import Path
from types import SimpleNamespace

import imagegen
import pytest
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))

from news_images import card, embeds, process
from news_images.body import BodyImages
from news_images.cache import ImageCache, cache_key
from news_images.images import ImageBuild
from news_images.markup import ROOT, with_root
from news_images.settings import DEFAULTS, apply_defaults
from news_metadata import errors

QUALITY = DEFAULTS["NEWS_IMAGES_QUALITY"]
WIDTHS = DEFAULTS["NEWS_IMAGES_WIDTHS"]


def write(folder, name, data):
    path = folder / name
    path.write_bytes(data)
    return path


def open_default(path):
    return process.open_source(path, 20_000_000, 40_000_000, 1600)


def settings_in(folder):
    """news_images settings for a site in ``folder`` (content/images/ made, cache/ beside)."""
    values = {"PATH": str(folder / "content"), "SITENAME": "Kabar Mbojo", "CACHE_PATH": ""}
    values["NEWS_IMAGES_CACHE_PATH"] = str(folder / "cache")
    values["SITEURL"] = "https://kabarmbojo.example"
    apply_defaults(values)
    (folder / "content" / "images").mkdir(parents=True)
    return values


@pytest.fixture
def settings(tmp_path):
    return settings_in(tmp_path)


@pytest.fixture(scope="module")
def photo(tmp_path_factory):
    """A 1400 × 900 photo made into every derived file once for the module, in a cold cache:
    ``(settings, source path, the ImageBuild, its derived image)``. Tests read it, or build
    again from its cache; none writes into that cache."""
    values = settings_in(tmp_path_factory.mktemp("photo"))
    path = write(
        Path(values["PATH"]) / "images", "foto.jpg", imagegen.jpeg_bytes(imagegen.photo(1400, 900))
    )
    build = ImageBuild(values)
    return values, path, build, build.featured(str(path))


# --- sources ---
def test_large_photo_gets_every_width_never_upscaled(tmp_path):
    path = write(tmp_path, "besar.jpg", imagegen.jpeg_bytes(imagegen.photo(4000, 3000)))
    image = open_default(path)
    assert image.size == (2000, 1500)  # decoded at 1/2 scale: still wider than 1600
    _, variants = process.responsive(image, WIDTHS, QUALITY, 8)
    assert sorted({v["width"] for v in variants}) == [360, 480, 720, 1080, 1600]
    assert {v["format"] for v in variants} == {"avif", "webp", "jpeg"}
    assert all(v["height"] == round(v["width"] * 3 / 4) for v in variants)
    # a small source: the widths below it plus its own width, nothing larger
    small = process.open_source(
        write(tmp_path, "kecil.jpg", imagegen.jpeg_bytes(imagegen.photo(500, 300))),
        20_000_000,
        40_000_000,
    )
    _, variants = process.responsive(small, WIDTHS, QUALITY, 8)
    assert sorted({v["width"] for v in variants}) == [360, 500]


def test_png_with_transparency_keeps_it_and_falls_back_to_png(tmp_path):
    image = open_default(write(tmp_path, "logo.png", imagegen.transparent_png()))
    files, variants = process.responsive(image, WIDTHS, QUALITY, 8)
    assert {v["format"] for v in variants} == {"avif", "webp", "png"}
    for name in ("w360.avif", "w360.webp", "w360.png"):
        decoded = Image.open(io.BytesIO(files[name]))
        assert decoded.mode in ("RGBA", "LA"), name
        assert decoded.getchannel("A").getextrema()[0] == 0, name  # still transparent
    # the share image (JPEG) is flattened on white, not black
    share = Image.open(io.BytesIO(process.share_jpeg(image, (1200, 630), 82, 200_000)))
    assert share.getpixel((2, 2)) >= (250, 250, 250)


def test_orientation_applied_and_gps_stripped(tmp_path):
    path = write(tmp_path, "potret.jpg", imagegen.portrait_with_gps())
    with Image.open(path) as original:  # the fixture really carries GPS and Orientation
        assert original.getexif()[0x0112] == 6 and original.getexif().get_ifd(0x8825)
    image = open_default(path)
    assert image.size == (300, 400)  # upright portrait
    top, bottom = image.getpixel((150, 20)), image.getpixel((150, 380))
    assert top[0] > 200 > top[2] and bottom[2] > 200 > bottom[0]  # red on top, as shown
    files, _ = process.responsive(image, WIDTHS, QUALITY, 8)
    files["share.jpg"] = process.share_jpeg(image, (1200, 630), 82, 200_000)
    for name, data in files.items():
        decoded = Image.open(io.BytesIO(data))
        exif = decoded.getexif()
        assert not exif.get_ifd(0x8825) and 0x0112 not in exif and 0x010F not in exif, name
        assert b"TestPhone" not in data and b"Exif\x00\x00" not in data, name


@pytest.mark.parametrize(
    ("name", "data", "message", "fix"),
    [
        ("rusak.jpg", imagegen.truncated_jpeg(), "is damaged or incomplete", "copy the file"),
        ("foto.heic", imagegen.heic_named(), "is a HEIC/HEIF photo", "heif-convert foto.heic"),
        ("foto.jpg", imagegen.heic_named(), "is a HEIC/HEIF photo", "foto.jpg foto.jpg"),
        ("surat.jpg", imagegen.renamed_pdf(), "is a PDF document", "export it as a JPEG"),
        ("teks.jpg", b"just text", "not an image this build can read", "JPEG"),
        ("kosong.jpg", b"", "is an empty file (0 bytes)", "the copy was cut off"),
        ("besar.png", imagegen.huge_png(), "has over 179 megapixels, more than", "smaller copy"),
    ],
)
def test_unusable_sources_are_problems_with_a_fix(tmp_path, name, data, message, fix):
    with pytest.raises(process.ImageProblem) as caught:
        open_default(write(tmp_path, name, data))
    assert message in caught.value.message and fix in caught.value.fix


def test_an_image_pillow_refuses_to_open_is_over_the_pixel_limit(tmp_path):
    """Pillow refuses an image of more than twice Image.MAX_IMAGE_PIXELS while it reads the
    header (DecompressionBombError, no OSError): the animation check lets open_source say so."""
    path = write(tmp_path, "besar.png", imagegen.huge_png())
    assert process.check_still(str(path)) is None
    with pytest.raises(process.ImageProblem, match=r"besar\.png has over 179 megapixels, more th"):
        process.published_original(str(path), 20_000_000, 40_000_000)


def test_limits_on_bytes_and_pixels(tmp_path):
    path = write(tmp_path, "foto.jpg", imagegen.jpeg_bytes(imagegen.photo(1000, 800)))
    with pytest.raises(process.ImageProblem, match=r"more than the limit of 0\.1 MB"):
        process.open_source(path, 100_000, 40_000_000)
    with pytest.raises(process.ImageProblem, match=r"1000×800 = 1 megapixels, more than .* 0.5"):
        process.open_source(path, 20_000_000, 500_000)


# --- cache, determinism, share images ---
def test_cache_key_and_entries(tmp_path):
    recipe = {"widths": [360], "quality": QUALITY}
    assert cache_key("ab", recipe) == cache_key("ab", dict(reversed(recipe.items())))
    assert cache_key("ab", recipe) != cache_key("ac", recipe)
    assert cache_key("ab", recipe) != cache_key("ab", {**recipe, "widths": [480]})
    cache = ImageCache(str(tmp_path))
    key = cache_key("ab", recipe)
    assert cache.load(key) is None
    cache.store(key, {"a.jpg": b"123"}, {"n": 1})
    assert cache.load(key) == {"n": 1}
    assert (Path(cache.entry(key)) / "a.jpg").read_bytes() == b"123"


def test_build_is_deterministic_and_reuses_the_cache(photo, tmp_path):
    settings, path, first, derived = photo
    assert first.made == 1
    files = {url: Path(source).read_bytes() for url, source in first.used.items()}
    # remove the cache: made again, byte for byte the same
    second_settings = {**settings, "NEWS_IMAGES_CACHE_PATH": str(tmp_path / "cache2")}
    second = ImageBuild(second_settings)
    again = second.featured(str(path))
    assert again.key == derived.key
    assert {url: Path(p).read_bytes() for url, p in second.used.items()} == files
    warm = ImageBuild(settings)
    warm.featured(str(path))
    assert warm.made == 0  # from the cache
    share = derived.share
    assert (share["width"], share["height"]) == (1200, 630) and share["bytes"] < 200_000
    decoded = Image.open(io.BytesIO(files[share["url"]]))
    assert decoded.format == "JPEG" and decoded.size == (1200, 630)
    # output: files linked in, stale ones removed
    output = tmp_path / "output"
    (output / "images" / "r").mkdir(parents=True)
    (output / "images" / "r" / "lama-0000000000-360.jpg").write_bytes(b"old")
    assert warm.write(str(output)) == len(warm.used)
    assert sorted(p.name for p in (output / "images" / "r").iterdir()) == sorted(
        url.rsplit("/", 1)[1] for url in warm.used
    )


def test_share_image_of_a_noisy_photo_stays_under_the_limit(tmp_path):
    image = open_default(write(tmp_path, "a.jpg", imagegen.jpeg_bytes(imagegen.photo(3000, 2000))))
    data = process.share_jpeg(image, (1200, 630), 95, 200_000)
    assert len(data) < 200_000
    assert Image.open(io.BytesIO(data)).size == (1200, 630)


def test_card_wraps_the_headline_and_is_deterministic():
    args = ("Kabar Mbojo", "Ekonomi", "Harga Bawang Merah " * 12, "kabarmbojo.example")
    data = card.render(*args, (1200, 630), "#7a1020", "#ffffff", 82)
    assert data == card.render(*args, (1200, 630), "#7a1020", "#ffffff", 82)
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG" and image.size == (1200, 630) and len(data) < 200_000
    font = card.ImageFont.truetype(card.BOLD, 40)
    lines = card.wrap("Satu dua tiga empat lima enam tujuh delapan", font, 300)
    assert len(lines) > 1 and all(font.getlength(line) <= 300 for line in lines)
    assert card.wrap("Sangatpanjangsekalitanpaspasi" * 3, font, 300)  # a long word is cut


# --- markup ---
def test_picture_markup(photo):
    settings, path, _, _ = photo
    derived = ImageBuild(settings).featured(str(path))  # from the module's cache
    lead = str(with_root(derived.picture('Warga "antre"', "100vw", lead=True), "https://x.example"))
    assert lead.startswith('<picture><source type="image/avif" srcset="https://x.example/images/r/')
    assert '<source type="image/webp"' in lead
    assert 'width="1400" height="900" alt="Warga &#34;antre&#34;" fetchpriority="high">' in lead
    assert "loading=" not in lead
    assert " 360w, " in lead and " 1080w, " in lead and "1400w" in lead and "1600w" not in lead
    body = derived.picture("Warga", "100vw")
    assert 'loading="lazy" decoding="async"' in body and "fetchpriority" not in body
    assert body.count(ROOT) == 16  # 5 widths x 3 formats + the img's src
    thumb = derived.thumbnail("6.5rem")
    assert 'alt="" loading="lazy"' in thumb and "t160.avif 160w" in thumb and "t320" in thumb


# --- embeds ---
@pytest.mark.parametrize(
    ("url", "provider", "link", "player"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=3", "youtube",
         "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
         "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"),
        ("https://youtu.be/dQw4w9WgXcQ", "youtube",
         "https://www.youtube.com/watch?v=dQw4w9WgXcQ", None),
        ("//www.youtube.com/embed/dQw4w9WgXcQ", "youtube", None, None),
        ("https://m.youtube.com/shorts/dQw4w9WgXcQ", "youtube", None, None),
        ("https://vimeo.com/76979871", "vimeo", "https://vimeo.com/76979871",
         "https://player.vimeo.com/video/76979871?autoplay=1"),
        ("https://player.vimeo.com/video/76979871?h=abc", "vimeo", None, None),
        ("https://www.instagram.com/p/C0dE_x1/?utm_source=ig_embed", "instagram",
         "https://www.instagram.com/p/C0dE_x1/", "https://www.instagram.com/p/C0dE_x1/embed"),
        ("https://twitter.com/kabarmbojo/status/1234567890?ref_src=twsrc", "x",
         "https://x.com/kabarmbojo/status/1234567890",
         "https://platform.twitter.com/embed/Tweet.html?id=1234567890"),
    ],
)  # fmt: skip
def test_recognised_embeds(url, provider, link, player):
    embed = embeds.recognise(url)
    assert embed.provider == provider
    assert link is None or embed.link == link
    assert player is None or embed.player == player


@pytest.mark.parametrize(
    "url",
    ["https://example.com/embed/x", "https://www.youtube.com/", "javascript:alert(1)",
     "https://vimeo.com/channels/staff", "https://x.com/kabarmbojo", ""],
)  # fmt: skip
def test_unrecognised_embeds(url):
    assert embeds.recognise(url) is None


def rewrite(settings, html, name="artikel.md", source=None):
    folder = Path(settings["PATH"]) / "articles"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(source if source is not None else html, encoding="utf-8")
    content = SimpleNamespace(source_path=str(path), relative_dir="articles")
    errors.collector.reset()
    body = BodyImages(content, ImageBuild(settings), settings)
    return body.rewrite(html), [str(e) for e in errors.collector.errors], body.embeds


def test_pasted_youtube_iframe_becomes_a_placeholder(settings):
    html = (
        '<p>Lihat:</p>\n<iframe width="560" height="315" src="https://www.youtube.com/embed/'
        'dQw4w9WgXcQ?si=x" title="Final Liga Kampung" frameborder="0" allowfullscreen></iframe>'
    )
    out, problems, count = rewrite(settings, html)
    assert problems == [] and count == 1 and "<iframe" not in out
    assert '<a class="embed-link" href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" ' in out
    assert 'data-embed="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"' in out
    assert '<span class="embed-title">Final Liga Kampung</span>' in out


def test_markdown_link_form_bare_url_and_poster(settings):
    poster = Path(settings["PATH"]) / "images" / "poster.jpg"
    poster.write_bytes(imagegen.jpeg_bytes(imagegen.photo(800, 450)))
    html = (
        '<p><a href="https://vimeo.com/76979871" poster="images/poster.jpg">Pacoa Jara</a></p>\n'
        "<p>https://youtu.be/dQw4w9WgXcQ</p>\n"
        '<p>Teks dengan <a href="https://youtu.be/dQw4w9WgXcQ">tautan</a> biasa.</p>'
    )
    out, problems, count = rewrite(settings, html)
    assert problems == [] and count == 2
    assert '<span class="embed-title">Pacoa Jara</span>' in out
    assert '<span class="embed-poster"><picture>' in out and "poster-" in out
    assert '<span class="embed-title">Video YouTube</span>' in out
    assert '<p>Teks dengan <a href="https://youtu.be/dQw4w9WgXcQ">tautan</a> biasa.</p>' in out


def test_pasted_x_embed_code_loses_its_script(settings):
    html = (
        '<blockquote class="twitter-tweet"><p lang="in">Banjir</p>&mdash; Kabar (@kabar) '
        '<a href="https://twitter.com/kabar/status/1234567890?ref_src=twsrc%5Etfw">1 Mei</a>'
        '</blockquote> <script async src="https://platform.twitter.com/widgets.js" '
        'charset="utf-8"></script>'
    )
    out, problems, count = rewrite(settings, html)
    assert problems == [] and count == 1
    assert "<script" not in out and "<blockquote" not in out
    assert 'data-embed="https://platform.twitter.com/embed/Tweet.html?id=1234567890"' in out


def test_other_iframe_and_foreign_image_are_errors_with_line(settings):
    source = 'Title: x\n\nTeks\n\n<iframe src="https://peta.example/embed"></iframe>\n\n![Foto](https://cdn.example/a.jpg)\n'
    html = '<p>Teks</p>\n<iframe src="https://peta.example/embed"></iframe>\n<p><img alt="Foto" src="https://cdn.example/a.jpg"></p>'
    out, problems, _ = rewrite(settings, html, source=source)
    assert "<iframe" not in out
    assert len(problems) == 2
    assert problems[0].endswith(
        "artikel.md:5: iframe from https://peta.example/embed is not allowed: it loads another "
        "site before the reader asks — paste the YouTube, Vimeo, Instagram or X address alone "
        "on its own line instead, or link to the page: [what it shows](https://...)"
    )
    assert (
        "artikel.md:7: image https://cdn.example/a.jpg is loaded from another site" in problems[1]
    )


def test_body_images_become_pictures_and_bad_ones_are_errors(settings):
    images = Path(settings["PATH"]) / "images"
    (images / "foto.jpg").write_bytes(imagegen.jpeg_bytes(imagegen.photo(900, 600)))
    (images / "rusak.jpg").write_bytes(imagegen.truncated_jpeg())
    source = (
        "Title: x\n\n![Warga antre]({static}/images/foto.jpg)\n\n"
        "![]({static}../images/foto.jpg)\n\n![Rusak](/images/rusak.jpg)\n"
    )
    html = (
        '<p><img alt="Warga antre" src="{static}/images/foto.jpg"></p>\n'
        '<p><img alt="" src="{static}../images/foto.jpg"></p>\n'
        '<p><img alt="Rusak" src="/images/rusak.jpg"></p>'
    )
    out, problems, _ = rewrite(settings, html, source=source)
    assert out.count("<picture>") == 2 and 'alt="Warga antre" loading="lazy"' in out
    assert '<img alt="Rusak" src="/images/rusak.jpg">' in out  # left as it was, and reported
    assert len(problems) == 2
    assert "artikel.md:5: image {static}../images/foto.jpg has no alternative text" in problems[0]
    assert "artikel.md:7: image rusak.jpg is damaged or incomplete" in problems[1]


def test_article_without_images_or_embeds_is_untouched(settings):
    html = '<p>Teks biasa dengan <a href="https://kabarmbojo.example/">tautan</a>.</p>'
    out, problems, count = rewrite(settings, html)
    assert out is html and problems == [] and count == 0


def test_remote_images_allowed_only_on_the_configured_hosts():
    from news_images.body import remote_host_allowed

    hosts = ["blogger.googleusercontent.com", "bp.blogspot.com"]
    assert remote_host_allowed("https://blogger.googleusercontent.com/img/b/x/s1600/a.jpg", hosts)
    assert remote_host_allowed("//1.bp.blogspot.com/-x/s1600/a.jpg", hosts)
    assert not remote_host_allowed("https://evilbp.blogspot.com.example/a.jpg", hosts)
    assert not remote_host_allowed("https://example.com/a.jpg", hosts)
