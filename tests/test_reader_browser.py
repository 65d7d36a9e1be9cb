"""A reader's view in a real browser (Playwright + Debian's chromium): the phone header, no
sideways scrolling, the menu with and without JavaScript, the share row, page weights, and an
axe-core run with no violations.

The site is the fixture site (tests/fixtures/site/, the session's ``site`` build with
publishconf.py, tests/golden.py), served to the browser at its own SITEURL from the output
folder (tests/browser.py, ``route_site``), so every absolute URL (stylesheet, links) resolves
as it would on the live host; a request to any other host is refused.
"""

import os
from pathlib import Path

import pytest
from browser import route_site
from conftest import ROOT, SEED_URL, SITEURL

AXE = ROOT / "tests" / "node" / "node_modules" / "axe-core" / "axe.min.js"
AXE_HINT = "install the pinned axe-core: make node-tools (npm ci in tests/node)"
FEATURED = "2025/08/petani-garam-bolo-panen-lebih-awal.html"
PAGES = {
    "home": "index.html",
    "article": SEED_URL,  # citations, comments, breaking label
    "article with photo": FEATURED,
    "section": "kategori/opini/",
    "tag": "label/kota-bima/",
    "author": "penulis/munir-husen/",
    "page": "p/redaksi.html",
    "archives": "arsip/",
    "home page 2": "page/2/",
    "404": "404.html",
    "lite home": "teks/index.html",
    "lite article": f"teks/{SEED_URL}",
}
PHONE = {"width": 360, "height": 800}
DESKTOP = {"width": 1280, "height": 800}


BASE = SITEURL + "/"


@pytest.fixture(scope="module")
def served(site):
    """The output folder of the session's fixture site build, served at ``BASE``."""
    return site.output


def open_page(browser, served, path, viewport=PHONE, **options):
    """A new page (its own context) at ``BASE + path``; requests to other hosts are refused."""
    context = browser.new_context(viewport=viewport, **options)
    route_site(context, served)
    page = context.new_page()
    page.goto(BASE + path)
    return page


def header_height(page):
    return page.evaluate("document.querySelector('.site-header').getBoundingClientRect().height")


def scroll_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize("name", ["home", "article", "section", "page", "404"])
def test_phone_header_is_at_most_64_px(browser, served, name):
    page = open_page(browser, served, PAGES[name])
    assert header_height(page) <= 64
    page.context.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_no_sideways_scroll_at_360_px_even_after_focusing_every_link(browser, served, name):
    page = open_page(browser, served, PAGES[name])
    assert scroll_width(page) <= 360
    # Focus every link, button and summary in turn (as a keyboard user would, including the
    # citations' pop-ups) and check the page never got wider or scrolled sideways.
    worst = page.evaluate(
        """() => {
        let worst = 0;
        for (const el of document.querySelectorAll('a[href], button, summary')) {
            el.focus();
            const wide = document.documentElement.scrollWidth;
            worst = Math.max(worst, wide, window.scrollX + innerWidth);
        }
        return worst;
    }"""
    )
    assert worst <= 360
    page.context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_menu_opens_and_lists_every_section_and_page(browser, served, javascript):
    page = open_page(browser, served, PAGES["article"], java_script_enabled=javascript)
    menu = page.locator("details.menu")
    opini = menu.get_by_role("link", name="Opini")
    assert not opini.is_visible()
    menu.locator("summary").click()
    assert opini.is_visible()
    assert menu.get_by_role("link", name="Pedoman Pemberitaan Media Siber").is_visible()
    assert header_height(page) <= 64  # the panel opens over the page, the bar stays
    page.keyboard.press("Escape") if javascript else None
    page.context.close()


def test_desktop_header_shows_the_sections_and_no_menu_button(browser, served):
    page = open_page(browser, served, PAGES["home"], viewport=DESKTOP)
    menu = page.locator("details.menu")
    assert menu.get_attribute("open") is None  # still the closed disclosure, shown as a row
    assert menu.get_by_role("link", name="Ekonomi").is_visible()
    assert not menu.locator("summary").is_visible()
    assert header_height(page) <= 130
    page.context.close()


def test_front_page_lead_and_section_blocks_as_a_reader_sees_them(browser, served):
    page = open_page(browser, served, PAGES["home"])
    lead = page.locator(".front-lead .card-title")
    assert "Petani Garam Bolo" in lead.inner_text()
    # The lead story's picture is above the fold on a phone, with its box reserved.
    box = page.locator(".lead-image img").bounding_box()
    assert box["y"] < 800 and abs(box["width"] / box["height"] - 16 / 9) < 0.02
    assert page.locator(".section-block h2").count() >= 3
    page.context.close()
    desktop = open_page(browser, served, PAGES["home"], viewport=DESKTOP)
    lead_box = desktop.locator(".front-lead").bounding_box()
    latest_box = desktop.locator(".front-latest").bounding_box()
    assert latest_box["x"] > lead_box["x"] + lead_box["width"] - 1  # "Terbaru" beside the lead
    desktop.context.close()


def test_share_row_under_the_byline_is_one_line_and_copy_link_works(browser, served):
    page = open_page(browser, served, PAGES["article"])
    items = page.locator(".share-top .share-links li")
    tops = {round(items.nth(i).bounding_box()["y"]) for i in range(items.count())}
    assert len(tops) == 1  # one row at 360 px
    byline = page.locator(".byline").bounding_box()
    assert page.locator(".share-top").bounding_box()["y"] > byline["y"]
    page.context.close()
    # "Salin tautan": the Clipboard API needs a secure context; 127.0.0.1 is one.
    page = open_page(browser, served, PAGES["article"])
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=SITEURL)
    page.locator(".share-top .share-copy").click()
    page.wait_for_function("document.getElementById('copy-status').textContent !== ''")
    assert page.locator("#copy-status").inner_text() == "Tautan disalin"
    assert page.evaluate("navigator.clipboard.readText()") == BASE + SEED_URL
    assert page.url == BASE + SEED_URL  # stayed on the page
    page.context.close()


def test_copy_link_without_javascript_is_a_plain_link_to_the_page(browser, served):
    page = open_page(browser, served, PAGES["article"], java_script_enabled=False)
    assert page.locator(".share-top .share-copy").get_attribute("href") == BASE + SEED_URL
    page.context.close()


def weigh(browser, served, path):
    """(requests, bytes) a phone downloads for ``BASE + path``, with an empty cache."""
    sizes = []
    context = browser.new_context(viewport=PHONE)
    route_site(context, served)
    page = context.new_page()
    page.on("requestfinished", lambda request: sizes.append(request.sizes()["responseBodySize"]))
    page.goto(BASE + path, wait_until="networkidle")
    page.evaluate("window.scrollTo(0, 0)")
    context.close()
    return len(sizes), sum(sizes)


@pytest.mark.parametrize(
    "name, max_requests, max_bytes",
    [
        # The seed article: HTML and the shared stylesheet (the SVG icon is a data: URL in the
        # page), 38.5 KB; the photo article adds its picture: 3 requests, 40.5 KB (issue 14).
        ("article", 3, 40 * 1024),
        ("article with photo", 3, 40 * 1024),
        ("home", None, 60 * 1024),
        ("lite article", 1, 10 * 1024),
        ("lite home", 1, 10 * 1024),
    ],
)
def test_page_weight(browser, served, name, max_requests, max_bytes):
    requests, size = weigh(browser, served, PAGES[name])
    print(f"{name}: {requests} requests, {size} bytes")
    assert size <= max_bytes
    if max_requests is not None:
        assert requests <= max_requests


def axe_violations(page):
    if not AXE.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"no axe-core for the accessibility tests: {AXE_HINT}")
        pytest.skip(f"no axe-core for the accessibility tests: {AXE_HINT}")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
@pytest.mark.parametrize(
    "name", ["home", "section", "article", "article with photo", "lite article", "404"]
)
def test_axe_finds_no_violations(browser, served, name, viewport):
    page = open_page(browser, served, PAGES[name], viewport=viewport)
    assert axe_violations(page) == []
    page.context.close()


def test_axe_finds_no_violations_with_the_menu_open(browser, served):
    page = open_page(browser, served, PAGES["home"])
    page.locator("details.menu summary").click()
    assert axe_violations(page) == []
    page.context.close()


def test_axe_is_the_pinned_version():
    lock = (ROOT / "tests/node/package-lock.json").read_text(encoding="utf-8")
    assert '"node_modules/axe-core": {\n      "version": "4.14.1"' in lock
    if AXE.is_file():
        assert "axe v4.14.1" in Path(AXE).read_text(encoding="utf-8")[:200]
