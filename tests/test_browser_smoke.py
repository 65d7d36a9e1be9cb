"""The browser fixture drives a real Chromium against a locally served built page."""

from browser import serve_folder


def test_seed_article_renders_in_chromium(site, browser):
    from conftest import SEED_URL

    with serve_folder(site.output) as base:
        page = browser.new_page(viewport={"width": 360, "height": 800})
        page.goto(base + SEED_URL)
        assert "Kaki Si Intens" in page.inner_text("h1")
        assert page.evaluate("document.documentElement.lang") == "id"
        page.close()
