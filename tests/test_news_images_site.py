"""news_images in real builds: pages, share images, thumbnails, feeds, the cache, content
errors; and a reader's view in Chromium (no layout shift, bytes sent to a phone, embeds that
load only on a tap)."""

import json
import re
import time

import imagegen
import pytest
from browser import route_site
from conftest import AUTHORS_YML, ROOT, SITEURL, BuiltSite, run_pelican
from PIL import Image
from search.index import UNSTABLE_FILES
from workflow import run_tool

REPORTAGE_URL = "2025/08/petani-garam-bolo-panen-lebih-awal.html"
EPOCH = {"SOURCE_DATE_EPOCH": "1741000000"}  # 2025-03-03: both articles out, feeds fixed

ARTICLE_A = """\
Title: Banjir Rob di Pesisir Sape
Date: 2025-03-01 09:00
Author: Nurhayati
Category: Berita
Image: images/besar.jpg
Image_alt: Air laut menggenangi jalan desa di pesisir Sape
Summary: Air laut naik ke permukiman.

Air laut naik ke permukiman warga.

![Logo posko bencana]({static}/images/logo.png)

[Rekaman banjir rob di Sape](https://www.youtube.com/watch?v=dQw4w9WgXcQ)

<iframe src="https://player.vimeo.com/video/76979871" title="Wawancara kepala desa"></iframe>

Paragraf terakhir.
"""

ARTICLE_B = """\
Title: Potret Warga Menunggu Bantuan di Posko
Date: 2025-03-02 09:00
Author: Nurhayati
Category: Berita

Warga menunggu di posko.

![Seorang ibu menggendong anaknya di posko]({static}/images/potret.jpg)
"""


def build_site(tmp_path, articles, images, conf="publishconf.py", extra=(), env=None):
    """Build a small site: ``articles`` maps names to Markdown, ``images`` names to bytes.
    The image cache is tmp_path/cache. Returns a BuiltSite."""
    content = tmp_path / "content"
    (content / "data").mkdir(parents=True, exist_ok=True)
    (content / "data" / "authors.yml").write_text(AUTHORS_YML, encoding="utf-8")
    (content / "articles").mkdir(exist_ok=True)
    (content / "images").mkdir(exist_ok=True)
    for name, text in articles.items():
        (content / "articles" / name).write_text(text, encoding="utf-8")
    for name, data in images.items():
        (content / "images" / name).write_bytes(data)
    output = tmp_path / "output"
    cache = json.dumps(str(tmp_path / "cache"))
    result = run_pelican(
        content, output, ROOT / conf, "-e", f"NEWS_IMAGES_CACHE_PATH={cache}", *extra, env=env
    )
    result.output_text = result.stdout + result.stderr
    return BuiltSite(output, result)


@pytest.fixture(scope="module")
def images():
    return {
        "besar.jpg": imagegen.jpeg_bytes(imagegen.photo(4000, 3000)),  # 12 MP
        "logo.png": imagegen.transparent_png(),
        "potret.jpg": imagegen.portrait_with_gps(900, 1200),
    }


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory, images):
    tmp_path = tmp_path_factory.mktemp("images")
    site = build_site(tmp_path, {"a.md": ARTICLE_A, "b.md": ARTICLE_B}, images, env=EPOCH)
    assert site.result.returncode == 0, site.result.output_text
    return site


def local(site, url):
    """The output file of an absolute URL of the built site."""
    assert url.startswith(SITEURL + "/"), url
    return site.output / url[len(SITEURL) + 1 :]


def srcset_urls(value):
    return [part.strip().split(" ")[0] for part in value.split(",")]


def test_featured_image_is_a_picture_with_every_width(photo_site):
    soup = photo_site.soup("2025/03/banjir-rob-di-pesisir-sape.html")
    picture = soup.select_one(".featured-image picture")
    sources = picture.find_all("source")
    assert [s["type"] for s in sources] == ["image/avif", "image/webp"]
    img = picture.find("img")
    assert (img["width"], img["height"]) == ("2000", "1500")  # 4:3, as the source
    assert img["fetchpriority"] == "high" and not img.get("loading")
    assert img["alt"] == "Air laut menggenangi jalan desa di pesisir Sape"
    assert img["sizes"] == "(min-width: 40rem) 38rem, calc(100vw - 2rem)"
    for element, ext in ((sources[0], "avif"), (sources[1], "webp"), (img, "jpg")):
        value = element["srcset"]
        assert re.findall(r" (\d+)w", value) == ["360", "480", "720", "1080", "1600"]
        for url in srcset_urls(value):
            assert url.endswith("." + ext)
            with Image.open(local(photo_site, url)) as derived:
                width = int(re.search(r"-(\d+)\.\w+$", url)[1])
                assert derived.size == (width, width * 3 // 4)
    assert img["src"].endswith("-720.jpg")


def test_originals_are_not_published_and_no_output_has_gps(photo_site):
    for name in ("besar.jpg", "logo.png", "potret.jpg"):
        assert not (photo_site.output / "images" / name).exists(), name
    derived = list((photo_site.output / "images" / "r").iterdir())
    assert len(derived) > 40
    for path in derived:
        with Image.open(path) as image:
            exif = image.getexif()
            assert not exif.get_ifd(0x8825) and 0x010F not in exif, path.name
        assert b"TestPhone" not in path.read_bytes(), path.name


def test_body_images_embeds_and_portrait(photo_site):
    soup = photo_site.soup("2025/03/banjir-rob-di-pesisir-sape.html")
    body = soup.select_one(".entry-content")
    logo = body.find("img", alt="Logo posko bencana")
    assert logo["loading"] == "lazy" and logo["decoding"] == "async"
    assert logo["src"].endswith("-640.png")  # transparency: PNG fallback, never upscaled
    assert not body.find("iframe")
    titles = [t.get_text() for t in body.select(".embed-title")]
    assert titles == ["Rekaman banjir rob di Sape", "Wawancara kepala desa"]
    assert soup.find("script", src=re.compile(r"/theme/js/embeds\.js$"))
    portrait = photo_site.soup("2025/03/potret-warga-menunggu-bantuan-di-posko.html")
    img = portrait.select_one(".entry-content picture img")
    assert (img["width"], img["height"]) == ("900", "1200")  # upright after EXIF orientation
    assert not portrait.find("script", src=re.compile("embeds"))  # no embed, no script


def test_share_images_and_cards(photo_site):
    for page, generated in (
        ("2025/03/banjir-rob-di-pesisir-sape.html", False),
        ("2025/03/potret-warga-menunggu-bantuan-di-posko.html", True),
    ):
        soup = photo_site.soup(page)
        tags = soup.find_all("meta", content=True)
        meta = {m.get("property") or m.get("name"): m["content"] for m in tags}
        path = local(photo_site, meta["og:image"])
        assert path.stat().st_size < 200_000
        with Image.open(path) as image:
            assert image.format == "JPEG" and image.size == (1200, 630)
        assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
        assert meta["og:image:type"] == "image/jpeg"
        assert meta["twitter:image"] == meta["og:image"]
        (data,) = [
            json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")
        ]
        assert ("image" in data) is not generated  # a generated card is not the article's image
        if generated:
            assert meta["og:image:alt"] == "Kabar Mbojo: Potret Warga Menunggu Bantuan di Posko"


def test_listing_thumbnails_and_feed_enclosure(photo_site):
    for listing in ("index.html", "kategori/berita/index.html", "penulis/nurhayati/index.html"):
        cards = photo_site.soup(listing).select("article.card")
        thumbs = [c.select_one(".card-thumb img") for c in cards]
        assert [t is not None for t in thumbs] == [False, True], listing  # newest first
        assert thumbs[1]["loading"] == "lazy" and thumbs[1]["alt"] == ""
        assert re.findall(r" (\d+)w", thumbs[1]["srcset"]) == ["160", "320"]
        with Image.open(local(photo_site, thumbs[1]["src"])) as image:
            assert image.size == (320, 213)  # 3:2 crop
    feed = (photo_site.output / "feeds" / "semua.atom.xml").read_text(encoding="utf-8")
    enclosures = re.findall(
        r'<link href="([^"]+)" length="(\d+)" rel="enclosure" type="([^"]+)"', feed
    )
    assert len(enclosures) == 1
    url, length, media_type = enclosures[0]
    assert media_type == "image/jpeg" and url.endswith("-720.jpg")
    assert local(photo_site, url).stat().st_size == int(length)


def test_warm_build_reuses_the_cache_and_is_byte_identical(photo_site, tmp_path):
    tmp = photo_site.output.parent

    def stamps(folder):
        return {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}

    cache_before = stamps(tmp / "cache")
    started = time.perf_counter()
    result = run_pelican(
        tmp / "content", tmp_path / "again", ROOT / "publishconf.py",
        "-e", f"NEWS_IMAGES_CACHE_PATH={json.dumps(str(tmp / 'cache'))}", env=EPOCH,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert time.perf_counter() - started < 30
    assert stamps(tmp / "cache") == cache_before  # nothing made or written again

    def tree(folder):  # without Pagefind's filter-order files (plugins/search, "Determinism")
        files = (p for p in folder.rglob("*") if p.is_file())
        files = (p for p in files if not UNSTABLE_FILES.match(p.relative_to(folder).as_posix()))
        return {p.relative_to(folder): p.read_bytes() for p in files}

    first, second = tree(photo_site.output), tree(tmp_path / "again")
    assert first.keys() == second.keys()
    # An empty feed (breaking news: this site has none) is dated by its newest article too.
    differ = [name for name in first if first[name] != second[name]]
    assert differ == []


def test_bad_images_are_content_errors(tmp_path):
    broken = {
        "rusak.md": "Title: Rusak\nDate: 2025-03-01 09:00\nAuthor: Nurhayati\nCategory: Berita\n"
        "Image: images/rusak.jpg\nImage_alt: Foto\n\nTeks.\n",
        "heic.md": "Title: Heic\nDate: 2025-03-01 09:00\nAuthor: Nurhayati\nCategory: Berita\n\n"
        "Teks.\n\n![Foto dari iPhone]({static}/images/IMG_0001.heic)\n",
        "pdf.md": "Title: Pdf\nDate: 2025-03-01 09:00\nAuthor: Nurhayati\nCategory: Berita\n"
        "Image: images/surat.jpg\nImage_alt: Surat\n\nTeks.\n",
        "alt.md": "Title: Alt\nDate: 2025-03-01 09:00\nAuthor: Nurhayati\nCategory: Berita\n\n"
        "Teks.\n\n![]({static}/images/foto.jpg)\n",
        "besar.md": "Title: Besar\nDate: 2025-03-01 09:00\nAuthor: Nurhayati\nCategory: Berita\n"
        "Image: images/besar.jpg\nImage_alt: Foto besar\n\nTeks.\n",
        "peta.md": "Title: Peta\nDate: 2025-03-01 09:00\nAuthor: Nurhayati\nCategory: Berita\n\n"
        'Teks.\n\n<iframe src="https://maps.example/embed?x=1"></iframe>\n',
    }
    images = {
        "rusak.jpg": imagegen.truncated_jpeg(),
        "IMG_0001.heic": imagegen.heic_named(),
        "surat.jpg": imagegen.renamed_pdf(),
        "foto.jpg": imagegen.jpeg_bytes(imagegen.photo(600, 400)),
        "besar.jpg": imagegen.jpeg_bytes(imagegen.photo(1600, 1000)),
    }
    site = build_site(tmp_path, broken, images, extra=("-e", "NEWS_IMAGES_MAX_PIXELS=1000000"))
    out = site.result.output_text
    assert site.result.returncode == 1, out
    assert "6 content error(s); the site was not published" in out
    expected = [
        "articles/alt.md:8: image {static}/images/foto.jpg has no alternative text — describe",
        "articles/besar.md:5: image besar.jpg has 1600×1000 = 2 megapixels, more than the "
        "limit of 1 — save a smaller copy",
        "articles/heic.md:8: image IMG_0001.heic is a HEIC/HEIF photo, which browsers and this "
        "build cannot use — convert it to JPEG first (on the phone: share/export as JPEG; on a "
        "computer: 'heif-convert IMG_0001.heic IMG_0001.jpg', Debian package libheif-examples)",
        "articles/pdf.md:5: image surat.jpg is a PDF document — save or export it as a JPEG",
        "articles/peta.md:8: iframe from https://maps.example/embed?x=1 is not allowed",
        "articles/rusak.md:5: image rusak.jpg is damaged or incomplete",
    ]
    for line in expected:
        assert line in out, line
    assert "Traceback" not in out
    # make check says the same, and makes no derived file
    shared_cache = ROOT / "cache" / "news_images"  # the check's cache: the settings' default
    before = sorted(shared_cache.rglob("*"))
    checked = run_tool("check", "-s", ROOT / "publishconf.py", tmp_path / "content")
    assert checked.returncode == 1, checked.output_text
    # (without the -e limit of 1 MP: besar.md is fine there)
    assert "make check: 5 content error(s):" in checked.output_text
    for line in expected:
        assert (line in checked.output_text) is not line.startswith("articles/besar"), line
    assert sorted(shared_cache.rglob("*")) == before


# --- a reader's view: Chromium ---
CLS_SCRIPT = """() => new Promise(resolve => {
  let cls = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) cls += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(cls), 600);
})"""


def test_photo_article_has_no_layout_shift_and_sends_little_to_a_phone(site, browser):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, device_scale_factor=3, is_mobile=True
    )
    page = context.new_page()
    foreign, images = route_site(page, site.output, delay=0.4)
    page.goto(f"{SITEURL}/{REPORTAGE_URL}", wait_until="load")
    cls = page.evaluate(CLS_SCRIPT)
    assert cls == 0
    assert page.evaluate("document.querySelector('.featured-image img').currentSrc").endswith(
        ".avif"
    )
    assert foreign == []
    assert len(images) == 1 and sum(size for _, size in images) <= 40_000, images
    context.close()


def test_embed_placeholder_without_and_with_javascript(photo_site, browser):
    url = f"{SITEURL}/2025/03/banjir-rob-di-pesisir-sape.html"
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    foreign, _ = route_site(page, photo_site.output)
    page.goto(url)
    link = page.locator("a.embed-link").first
    assert link.get_attribute("href") == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert page.locator("iframe").count() == 0 and foreign == []
    box = link.bounding_box()
    assert box["width"] <= 360 and abs(box["width"] / box["height"] - 16 / 9) < 0.05
    context.close()

    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    foreign, _ = route_site(page, photo_site.output)
    page.goto(url)
    page.wait_for_timeout(300)
    assert page.locator("iframe").count() == 0 and foreign == []  # nothing before the tap
    page.locator("a.embed-link").first.click()
    frame = page.locator(".embed-frame iframe")
    frame.wait_for()
    assert frame.get_attribute("src") == (
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
    )
    assert frame.get_attribute("title") == "Rekaman banjir rob di Sape"
    box = frame.bounding_box()
    assert box["width"] <= 360 and abs(box["width"] / box["height"] - 16 / 9) < 0.05
    assert page.url == url  # the tap loaded the player here, it did not follow the link
    context.close()
