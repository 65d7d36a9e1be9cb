"""The web editor in a real browser: Decap CMS at /admin/ with its local backend (decap-server
on 127.0.0.1, files written into a scratch site), no network.

A journalist's round: write an article with every field and a photo, publish; the file passes
`make check` and builds; editing a hand-written article changes only what was edited; an empty
Title is refused with the build's own words.
"""

import os
import re
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import inprocess
import pytest
from browser import serve_folder
from conftest import AUTHORS_YML, ROOT, run_pelican
from decap_tab import EditorTab
from newsroom_cli import check
from playwright.sync_api import expect

NODE_MODULES = ROOT / "tools" / "cms" / "node_modules"
SERVER = NODE_MODULES / "decap-server" / "dist" / "index.js"
YEAR = time.gmtime(time.time() + 8 * 3600).tm_year  # the collection new articles go to (WITA)

HAND_WRITTEN = """\
Title: Banjir: Wawo terendam
Date: 2024-05-01 08:00
Author: Nurhayati
Category: Berita
Id: 20240501-banjir-wawo
Tags: banjir,Kota Bima
Summary: Hujan semalam merendam
    dua desa di Wawo.
Breaking: tidak

Isi berita yang *ditulis dengan tangan*.

Paragraf kedua, dengan [tautan](https://example.org/).
"""


# A list in the text: Decap's markdown widget wrote '* ' for each item (admin.js keeps '- ').
LIST_ARTICLE = """\
Title: Daftar bantuan
Date: 2024-05-03 08:00
Author: Nurhayati
Category: Berita
Id: 20240503-daftar-bantuan

Bantuan yang tiba:

- beras
- air bersih

Paragraf penutup.
"""

# Written at test time and removed again (a build error: Author with two names): a lower-case
# category, 'Author: A; B' and a photo outside the year's photo folder.
ODD_ARTICLE = """\
Title: Pasar Raba
Date: 2024-05-04 08:00
Author: Nurhayati; Munir Husen
Category: berita
Image: images/lama.jpg
Image_alt: Pasar Raba pagi hari

Isi.
"""

# An article with YAML front matter (the editor's form before the header format): the reader
# accepts it, the web editor refuses to save it (header-format.js).
YAML_PAGE = "---\ntitle: Halaman Lama\n---\nIsi halaman.\n"
YAML_ARTICLE = """\
---
title: Pelabuhan Bima ramai
date: 2024-05-02 07:00
authors: [Nurhayati]
category: Berita
---

Isi.
"""


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _require_tools():
    if shutil.which("node") and SERVER.exists():
        return
    message = "Decap CMS not installed: run make cms-tools (needs npm)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def _scratch_site(site):
    content = site / "content"
    (content / "data").mkdir(parents=True)
    (content / "data" / "authors.yml").write_text(AUTHORS_YML, encoding="utf-8")
    (content / "articles" / "2024").mkdir(parents=True)
    (content / "articles" / "2024" / "banjir-wawo.md").write_text(HAND_WRITTEN, encoding="utf-8")
    (content / "articles" / "2024" / "yaml-lama.md").write_text(YAML_ARTICLE, encoding="utf-8")
    (content / "articles" / "2024" / "daftar-bantuan.md").write_text(LIST_ARTICLE, "utf-8")
    from PIL import Image

    (content / "images").mkdir()
    Image.new("RGB", (60, 40), (200, 120, 30)).save(content / "images" / "lama.jpg")
    (content / "pages").mkdir()
    (content / "pages" / "yaml-halaman.md").write_text(YAML_PAGE, encoding="utf-8")
    return content


@contextmanager
def _decap(site, output, mode):
    """Build ``site``/content into ``output`` (dev settings), serve it, and run decap-server
    in ``mode`` (``fs``: the working tree; ``git``: branches and commits of the repository
    ``site``) on 127.0.0.1. Yields the /admin/ URL."""
    port = _free_port()
    built = run_pelican(
        site / "content",
        output,
        ROOT / "pelicanconf.py",
        "-e",
        f'CMS_LOCAL_BACKEND_URL="http://127.0.0.1:{port}/api/v1"',
    )
    assert built.returncode == 0, built.stdout + built.stderr
    server = subprocess.Popen(
        ["node", str(SERVER)],
        env={
            **os.environ,
            "PORT": str(port),
            "BIND_HOST": "127.0.0.1",
            "MODE": mode,
            "GIT_REPO_DIRECTORY": str(site),
            "LOG_LEVEL": "warn",
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        with serve_folder(output) as base:
            yield base + "admin/"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def phone(browser):
    """One phone-sized context (412 x 915, touch) for the module: the editor's shared tab
    (``editor``), and the tab of the editorial-workflow test (its own decap-server)."""
    context = browser.new_context(
        viewport={"width": 412, "height": 915}, is_mobile=True, has_touch=True
    )
    yield context
    context.close()


@pytest.fixture(scope="module")
def editor(tmp_path_factory, phone):
    """A scratch site (content/ with authors and one hand-written article), built with the
    dev settings, served on 127.0.0.1, with decap-server writing into it, and one tab of
    ``phone`` logged in to it that the tests share (tests/decap_tab.py: each test's
    ``tab.open`` puts it back as a fresh tab starts). Yields ``(site folder, EditorTab)``."""
    _require_tools()
    site = tmp_path_factory.mktemp("cms-site")
    _scratch_site(site)
    with _decap(site, site / "output", "fs") as url:
        page = phone.new_page()
        tab = EditorTab(page, url)
        _press_login(page, url)
        assert tab.outside == []  # the bundle, its config and styles: all from 127.0.0.1
        yield site, tab
        page.close()


def _watch(page):
    """Record the requests of ``page`` that leave 127.0.0.1; return the list they go to."""
    outside = []
    page.on(
        "request",
        lambda r: (
            outside.append(r.url)
            if not r.url.startswith(("http://127.0.0.1", "data:", "blob:"))
            else None
        ),
    )
    return outside


def _press_login(page, url):
    """Open /admin/ (``url``) in ``page`` and press Login (the local backend: no password)."""
    page.goto(url)
    page.get_by_role("button", name="Login").click()
    page.wait_for_url("**#/collections/**")  # Decap shows the first collection when logged in


def _login(context, url, fragment):
    """A new tab of ``context``, logged in at ``url`` and gone on to ``fragment`` (Decap's own
    route change: the editor is not loaded again); returns it with the list of its requests
    that leave 127.0.0.1."""
    page = context.new_page()
    outside = _watch(page)
    _press_login(page, url)
    page.goto(url + fragment)
    return page, outside


def _choose(page, name, text):
    """Pick ``text`` in the select list of field ``name`` (its input's id is name-field-<n>)."""
    page.locator(f"[id^={name}-field-]").click()
    page.keyboard.type(text)
    page.keyboard.press("Enter")


def _publish(page):
    page.get_by_role("button", name="Terbitkan").first.click()
    page.get_by_text("Terbitkan sekarang").click()


def _dismiss(page, message):
    """Tap Decap's toast ``message`` away (react-toastify, close on click): on a phone screen
    it covers the toolbar's buttons for its 4-5 s otherwise, as it would a journalist's."""
    toast = page.locator(".Toastify__toast", has_text=message)
    toast.click()
    expect(toast).to_have_count(0)


def _settle(page):
    """Let ``page`` finish what a click started: a save Decap would still send after showing
    the field's error is sent within these 100 ms (it validates, then persists at once)."""
    page.evaluate("() => new Promise((done) => setTimeout(done, 100))")


def _read_when(path, expected, timeout=10):
    """The text of ``path`` once it is ``expected`` (or whatever it is after ``timeout`` s)."""
    for _ in range(timeout * 10):
        text = path.read_text(encoding="utf-8")
        if text == expected:
            break
        time.sleep(0.1)
    return text


def _wait_for(path, timeout=30):
    for _ in range(timeout * 10):
        if path.exists():
            return path
        time.sleep(0.1)
    raise AssertionError(f"{path} was not written")


def test_an_article_with_every_field_and_a_photo_is_written_checked_and_built(editor, tmp_path):
    site, tab = editor
    page, outside = tab.open(f"#/collections/artikel-{YEAR}/new")
    page.locator("[id^=title-field-]").fill("Jembatan Padolo dibuka kembali")
    page.locator("[id^=date-field]").fill(f"{YEAR}-01-15T09:30")
    _choose(page, "authors", "Nurhayati")
    _choose(page, "category", "Pemerintahan")
    _choose(page, "status", "Terbit")
    page.locator("[id^=summary-field]").fill("Warga kembali bisa menyeberang.")
    # typed key by key, as an editor does: Decap's list widget ate the ", "
    page.locator("[id^=tags-field]").press_sequentially("jembatan, Kota Bima")
    expect(page.locator(".km-tag")).to_have_text(["jembatan", "Kota Bima"])
    page.locator("[id^=breaking-field]").click()
    photo = tmp_path / "padolo.jpg"
    from PIL import Image

    Image.new("RGB", (800, 500), (40, 90, 160)).save(photo, quality=70)
    page.get_by_text("Choose an image").click()
    page.locator("input[type=file]").set_input_files(str(photo))
    # a real tap: the photo dialog fits the phone screen (index.html's phone styles)
    page.get_by_role("button", name="Choose selected").click()
    page.locator("[id^=image_alt-field]").fill("Jembatan Padolo dari tepi sungai")
    page.locator("[id^=image_caption-field]").fill("Jembatan Padolo, Januari.")
    _choose(page, "comments", "closed")
    page.locator("[contenteditable=true]").first.click()
    page.keyboard.type("Jembatan Padolo dibuka kembali pagi ini.")
    # the preview is the theme's article header: breaking label, byline, date in WITA
    preview = page.frame_locator("iframe").first
    assert preview.locator(".breaking-label").text_content() == "Breaking News"
    assert preview.locator(".byline").text_content() == "Oleh: Nurhayati"
    assert "09.30 WITA" in preview.locator(".dateline time").text_content()
    assert _sideways(page) == [0, ""]  # the whole story written on a 412 px phone screen
    _publish(page)
    written = _wait_for(
        site / "content" / "articles" / str(YEAR) / "jembatan-padolo-dibuka-kembali.md"
    )
    # decap-server writes the photo and the entry in turn: under load the photo comes later
    _wait_for(site / "content" / "images" / str(YEAR) / "padolo.jpg")
    text = written.read_text(encoding="utf-8")
    # the site's own header, keys in make new's order (plugins/cms/admin/header-format.js)
    assert text.startswith(
        f"Title: Jembatan Padolo dibuka kembali\nDate: {YEAR}-01-15 09:30\n"
        "Authors: Nurhayati\nCategory: Pemerintahan\nId: "
    ), text
    assert f"\nImage: images/{YEAR}/padolo.jpg\nImage_alt: Jembatan Padolo dari tepi" in text
    assert "\nTags: jembatan, Kota Bima\nBreaking: true\n" in text
    assert "\n\nJembatan Padolo dibuka kembali pagi ini.\n" in text
    assert outside == []  # nothing from a CDN or anywhere else
    status, output = _check(str(site / "content"))
    assert status == 0, output
    built = run_pelican(site / "content", tmp_path / "out", ROOT / "publishconf.py")
    assert built.returncode == 0, built.stdout + built.stderr
    html = (tmp_path / "out" / str(YEAR) / "01" / "jembatan-padolo-dibuka-kembali.html").read_text(
        encoding="utf-8"
    )
    assert "Jembatan Padolo dibuka kembali pagi" in html  # typogrify joins the last words
    assert 'alt="Jembatan Padolo dari tepi sungai"' in html
    assert "breaking-label" in html or "Breaking" in html


def test_editing_a_hand_written_article_changes_only_the_edited_line(editor):
    site, tab = editor
    path = site / "content" / "articles" / "2024" / "banjir-wawo.md"
    page, _ = tab.open("#/collections/artikel-2024/entries/banjir-wawo")
    title = page.locator("[id^=title-field-]")
    expect(title).to_have_value("Banjir: Wawo terendam", timeout=30000)  # the entry loaded
    title.fill("Banjir: Wawo dan Lambitu terendam")
    _publish(page)
    for _ in range(300):
        if "Lambitu" in path.read_text(encoding="utf-8"):
            break
        time.sleep(0.1)
    after = path.read_text(encoding="utf-8")
    # Exactly the title line changed: the singular Author, "banjir,Kota Bima" without a space,
    # the Summary's continuation line, "tidak" and the body are as they were written.
    changed = [
        (before, now)
        for before, now in zip(HAND_WRITTEN.split("\n"), after.split("\n"), strict=True)
        if before != now
    ]
    assert changed == [("Title: Banjir: Wawo terendam", "Title: Banjir: Wawo dan Lambitu terendam")]
    status, output = _check(str(site / "content"))
    assert status == 0, output


def test_a_yaml_front_matter_file_is_refused_and_left_as_it_is(editor):
    """The form and the preview say why at once; saving is refused with that message (the
    Title field's error; the format's toFile would refuse too) and the file is not touched."""
    site, tab = editor
    path = site / "content" / "articles" / "2024" / "yaml-lama.md"
    page, _ = tab.open("#/collections/artikel-2024/entries/yaml-lama")
    alert = page.get_by_role("alert").filter(has_text="starts with '---' (YAML front matter)")
    expect(alert).to_be_visible(timeout=30000)
    notice = page.frame_locator("iframe").first.locator(".draft-notice")
    expect(notice).to_contain_text("does not save this file")
    page.locator("[id^=title-field-]").fill("Pelabuhan Bima ramai sekali")
    writes = tab.writes
    _publish(page)
    expect(page.get_by_text("does not save this file")).to_have_count(2)  # the field's error too
    _settle(page)
    assert writes == []
    assert path.read_text(encoding="utf-8") == YAML_ARTICLE


def test_a_yaml_page_is_refused_at_once_too(editor):
    """A page in YAML front matter: the notice over Title and in the preview when it opens (it
    used to open as an empty form and fail only on save)."""
    site, tab = editor
    page, _ = tab.open("#/collections/halaman/entries/yaml-halaman")
    alert = page.get_by_role("alert").filter(has_text="starts with '---' (YAML front matter)")
    expect(alert).to_be_visible(timeout=30000)
    notice = page.frame_locator("iframe").first.locator(".draft-notice")
    expect(notice).to_contain_text("does not save this file")
    assert (site / "content" / "pages" / "yaml-halaman.md").read_text("utf-8") == YAML_PAGE


def test_an_empty_title_is_refused_with_the_builds_words(editor, make_site):
    site, tab = editor
    page, _ = tab.open(f"#/collections/artikel-{YEAR}/new")
    _choose(page, "authors", "Nurhayati")
    page.locator("[id^=date-field]").fill(f"{YEAR}-01-16T10:00")
    _publish(page)
    shown = page.get_by_text("Title is empty").first.text_content()
    assert not list((site / "content" / "articles" / str(YEAR)).glob("*tanpa*"))
    built = make_site(
        {
            "articles/2024/x.md": "Title: \nDate: 2024-05-01 08:00\nAuthor: Nurhayati\n"
            "Category: Berita\n\nIsi.\n"
        }
    )
    assert built.result.returncode == 1
    assert f"x.md:1: {shown}" in built.result.stderr, (shown, built.result.stderr)


def _check(content):
    """`make check` on ``content`` with the publish settings (its ``main`` in this process,
    tests/inprocess.py): (exit status, output)."""
    result = inprocess.call(check.main, ["-s", ROOT / "publishconf.py", content])
    return result.returncode, result.output_text


def test_a_readers_comment_and_a_correction_are_entered_checked_and_built(editor, tmp_path):
    """Moderation: a reader's comment pasted into a comment entry; a correction of the
    hand-written article. Both files pass make check and show on the article page."""
    site, tab = editor
    page, outside = tab.open("#/collections/komentar/new")
    page.locator("[id^=article-field]").fill("20240501-banjir-wawo")
    page.locator("[id^=author-field]").fill("Budi Santoso")
    page.locator("[id^=date-field]").fill("2024-05-02T10:15")
    page.locator("[id^=body-field]").fill("Semoga bantuan cepat datang ke Wawo.")
    _publish(page)
    folder = site / "content" / "comments" / "20240501-banjir-wawo"
    comment = _wait_for(folder / "20240502-1015-budi-santoso.md")
    # the comment header make comment writes; the article is the folder, not a key
    written = (
        "Author: Budi Santoso\nDate: 2024-05-02 10:15\n\nSemoga bantuan cepat datang ke Wawo.\n"
    )
    assert _read_when(comment, written) == written  # the file is created, then written

    _dismiss(page, "Entry saved")
    page.goto(tab.url + "#/collections/koreksi/new")  # the same tab: Decap's own route change
    page.locator("[id^=article-field]").fill("20240501-banjir-wawo")
    page.get_by_role("button", name="Add Entri").click()
    page.locator("[id^=date-field]").fill("2024-05-03T09:00")
    _choose(page, "kind", "koreksi")
    page.locator("[id^=text-field]").fill("Yang terendam Wawo, bukan Lambitu.")
    _publish(page)
    correction = _wait_for(site / "content" / "corrections" / "20240501-banjir-wawo.yml")
    assert outside == []
    text = correction.read_text(encoding="utf-8")
    assert text.startswith("article: 20240501-banjir-wawo\nentries:\n  - date: 2024-05-03 09:00\n")
    status, output = _check(str(site / "content"))
    assert status == 0, output
    built = run_pelican(site / "content", tmp_path / "out", ROOT / "publishconf.py")
    assert built.returncode == 0, built.stdout + built.stderr
    html = next((tmp_path / "out" / "2024" / "05").glob("banjir-*.html")).read_text("utf-8")
    assert "Semoga bantuan cepat datang ke" in html and "Budi Santoso" in html
    assert "Yang terendam Wawo, bukan" in html


def _sideways(page):
    """How far the page scrolls sideways (px), and the widest box that sticks out."""
    return page.evaluate(
        """() => {
          const width = document.documentElement.clientWidth;
          let worst = "";
          for (const el of document.querySelectorAll("body *")) {
            const box = el.getBoundingClientRect();
            if (box.width && box.right > width + 1 && getComputedStyle(el).position !== "fixed") {
              worst = worst || `${el.tagName}.${el.className} ${Math.round(box.right)}`;
            }
          }
          return [document.scrollingElement.scrollWidth - width, worst];
        }"""
    )


def test_the_editor_and_the_photo_dialog_fit_a_phone_screen(editor):
    """412 x 915 (a common Android phone): nothing scrolls sideways, in the form or in the
    photo dialog, and its buttons are on the screen."""
    _site, tab = editor
    page, _ = tab.open(f"#/collections/artikel-{YEAR}/new")
    page.locator("[id^=title-field-]").fill("Uji layar ponsel")
    assert _sideways(page) == [0, ""]
    page.get_by_text("Choose an image").click()
    choose = page.get_by_role("button", name="Choose selected")
    expect(choose).to_be_visible()
    assert _sideways(page) == [0, ""]
    box = choose.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 412, box


def test_the_form_fits_a_small_360_px_phone(editor):
    """360 x 640: a date field's Now/Clear buttons were cut off at the right edge."""
    _site, tab = editor
    page, _ = tab.open(f"#/collections/artikel-{YEAR}/new", (360, 640))
    page.locator("[id^=title-field-]").fill("Uji layar kecil")
    assert _sideways(page) == [0, ""]
    clear = page.get_by_role("button", name="Clear").first
    box = clear.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360, box


def test_a_photo_over_the_builds_limit_is_refused_before_it_is_uploaded(editor, tmp_path):
    """A photo larger than NEWS_IMAGES_MAX_BYTES was uploaded (on GitHub: committed for good)
    and only then refused by the build; the photo dialog refuses it in the build's words."""
    from news_images.process import TOO_LARGE_FIX
    from news_images.settings import DEFAULTS

    site, tab = editor
    limit = DEFAULTS["NEWS_IMAGES_MAX_BYTES"]
    page, _ = tab.open(f"#/collections/artikel-{YEAR}/new")
    said = tab.dialogs  # the photo dialog says no in an alert
    page.get_by_text("Choose an image").click()
    big = tmp_path / "besar sekali.jpg"
    with open(big, "wb") as handle:
        handle.truncate(limit + 1)  # sparse: the size is all the dialog looks at
    page.locator("input[type=file]").set_input_files(str(big))
    for _ in range(100):
        if said:
            break
        time.sleep(0.1)
    expected = f"the photo is more than the limit of {limit / 1e6:g} MB — {TOO_LARGE_FIX}"
    assert said == [expected], said
    assert not list((site / "content" / "images").rglob("besar*"))


def test_now_is_the_time_in_wita_whatever_the_devices_clock(editor, browser):
    """On a computer set to WIT (UTC+9), Decap's Now gave the device's time, an hour ahead
    of WITA: read as WITA by the build, a story set to "now" was scheduled an hour later."""
    import datetime as dt

    _site, tab = editor
    url = tab.url
    context = browser.new_context(
        viewport={"width": 412, "height": 915},
        is_mobile=True,
        has_touch=True,
        timezone_id="Asia/Jayapura",  # WIT, UTC+9
    )
    page, _ = _login(context, url, f"#/collections/artikel-{YEAR}/new")
    date = page.locator("[id^=date-field]")
    expect(date).to_be_visible(timeout=30000)
    expect(page.get_by_role("button", name="Set date to now")).to_have_count(0)  # Decap's own
    wita = dt.timezone(dt.timedelta(hours=8))
    before = dt.datetime.now(wita).replace(second=0, microsecond=0, tzinfo=None)
    page.get_by_role("button", name="Sekarang (WITA)").first.click()
    shown = dt.datetime.fromisoformat(date.input_value())
    context.close()
    assert before <= shown <= before + dt.timedelta(minutes=1), (before, shown)


def _git(repo, *args):
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    ).stdout


def _description(repo, key):
    """``git config --get key`` in ``repo``; "" while the key is not set (git exits 1)."""
    return subprocess.run(
        ["git", "-C", str(repo), "config", "--get", key], capture_output=True, text=True
    ).stdout


def _scratch_repository(site):
    """:func:`_scratch_site` in ``site``, committed on ``main`` of a new git repository."""
    _scratch_site(site)
    _git(site, "init", "-q", "-b", "main")
    _git(site, "-c", "user.name=T", "-c", "user.email=t@example.org", "add", ".")
    _git(site, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "start")
    _git(site, "config", "user.name", "Redaksi")
    _git(site, "config", "user.email", "redaksi@example.org")
    return site


def test_the_editorial_workflow_is_a_branch_until_published(tmp_path_factory, phone):
    """decap-server's git mode (make cms CMS_MODE=git): saving makes a cms/<collection>/<slug>
    branch (a pull request on GitHub), Ready then Publish merges it into main."""
    _require_tools()
    if not shutil.which("git"):
        pytest.skip("git not installed")
    site = _scratch_repository(tmp_path_factory.mktemp("cms-repo"))
    output = tmp_path_factory.mktemp("cms-repo-output")  # outside the repository
    with _decap(site, output, "git") as url:
        page, outside = _login(phone, url, f"#/collections/artikel-{YEAR}/new")
        page.locator("[id^=title-field-]").fill("Pasar Amahami buka lagi")
        page.locator("[id^=date-field]").fill(f"{YEAR}-01-20T07:00")
        _choose(page, "authors", "Nurhayati")
        _choose(page, "status", "Terbit")
        page.locator("[contenteditable=true]").first.click()
        page.keyboard.type("Pedagang kembali berjualan.")
        page.get_by_role("button", name="Simpan").click()
        branch = f"cms/artikel-{YEAR}/pasar-amahami-buka-lagi"
        path = f"content/articles/{YEAR}/pasar-amahami-buka-lagi.md"
        for _ in range(300):  # the branch is made first, then the commit on it
            if branch in _git(site, "branch", "--list", branch) and path in _git(
                site, "ls-tree", "-r", "--name-only", branch
            ):
                break
            time.sleep(0.1)
        assert path in _git(site, "ls-tree", "-r", "--name-only", branch)
        assert path not in _git(site, "ls-tree", "-r", "--name-only", "main")  # not yet
        # decap-server keeps the workflow status in the branch description ("decap-cms/" and
        # Decap's status name: draft, pending_review, pending_publish for Ready).
        description = f"branch.{branch}.description"
        for _ in range(300):  # set after the commit (a CI run read it before it was there)
            if _description(site, description) == "decap-cms/draft\n":
                break
            time.sleep(0.1)
        assert _description(site, description) == "decap-cms/draft\n"
        page.on("dialog", lambda dialog: dialog.accept())  # "Are you sure ... publish?"
        _dismiss(page, "Entry saved")
        page.get_by_text("Status: Draft").click()
        page.get_by_role("menuitem", name="Ready").click()
        _dismiss(page, "Entry status updated")
        for _ in range(300):
            if _git(site, "config", "--get", description) == "decap-cms/pending_publish\n":
                break
            time.sleep(0.1)
        assert _git(site, "config", "--get", description) == "decap-cms/pending_publish\n"
        _publish(page)
        for _ in range(300):
            if path in _git(site, "ls-tree", "-r", "--name-only", "main"):
                break
            time.sleep(0.1)
        assert outside == []
        page.close()
    assert path in _git(site, "ls-tree", "-r", "--name-only", "main")
    assert branch not in _git(site, "branch", "--list")  # merged and deleted
    text = _git(site, "show", f"main:{path}")
    assert text.startswith("Title: Pasar Amahami buka lagi\n"), text
    assert "Pedagang kembali berjualan." in text


def _wait_for_change(path, before, timeout=30):
    for _ in range(timeout * 10):
        text = path.read_text(encoding="utf-8")
        if text != before:
            time.sleep(0.3)  # written in one go, but give the server a moment
            return path.read_text(encoding="utf-8")
        time.sleep(0.1)
    raise AssertionError(f"{path} was not saved")


def test_a_comment_made_by_make_comment_opens_filled_in_and_round_trips(editor):
    """`make comment` writes a Key: value header; the form shows it (it was blank), saving
    changes only what was typed, and the file passes make check."""
    from newsroom_cli.comment import new_comment

    site, tab = editor
    content = site / "content"
    path, _ = new_comment(str(content), "comments", ["articles"], "20240501-banjir-wawo")
    path = Path(path)
    made = path.read_text(encoding="utf-8")
    date = made.split("\n")[1].removeprefix("Date: ")
    entry = f"#/collections/komentar/entries/20240501-banjir-wawo/{path.stem}"
    page, _ = tab.open(entry)
    expect(page.locator("[id^=date-field]")).to_have_value(date.replace(" ", "T"), timeout=30000)
    expect(page.locator("[id^=article-field]")).to_have_value("20240501-banjir-wawo")
    expect(page.locator("[id^=body-field]")).to_have_value(re.compile("Tempel teks komentar"))
    page.locator("[id^=author-field]").fill("Ani Rahma")
    page.locator("[id^=body-field]").fill("Terima kasih atas beritanya.")
    _publish(page)
    after = _wait_for_change(path, made)
    assert after == made.replace("Author:\n", "Author: Ani Rahma\n").replace(
        made[made.index("\n\n") + 2 :], "Terima kasih atas beritanya.\n"
    ), after
    status, output = _check(str(content))
    assert status == 0, output


def test_tags_are_split_as_the_build_splits_them(editor):
    _site, tab = editor
    page, _ = tab.open(f"#/collections/artikel-{YEAR}/new")
    tags = page.locator("[id^=tags-field]")
    tags.press_sequentially("Bima, NTB; banjir")  # a tag with a comma: ';' between all
    expect(page.locator(".km-tag")).to_have_text(["Bima, NTB", "banjir"])
    tags.fill("")
    tags.press_sequentially("banjir,bima, ")
    expect(page.locator(".km-tag")).to_have_text(["banjir", "bima"])
    expect(tags).to_have_value("banjir,bima, ")  # nothing typed is lost


def test_a_file_is_shown_as_the_build_reads_it(editor):
    """Category 'berita' is the section Berita; 'Author: A; B' is the build's unknown author,
    said over the field (not two authors); a photo outside images/<yyyy>/ is shown."""
    site, tab = editor
    path = site / "content" / "articles" / "2024" / "pasar-raba.md"
    path.write_text(ODD_ARTICLE, encoding="utf-8")
    try:
        page, _ = tab.open("#/collections/artikel-2024/entries/pasar-raba")
        expect(page.locator("[id^=title-field-]")).to_have_value("Pasar Raba", timeout=30000)
        shown = page.evaluate(
            """id => document.querySelector(`[id^=${id}]`).closest('[class*="-control"]')
                .textContent""",
            "category-field",
        )
        assert shown == "Berita"
        alert = page.get_by_role("alert").filter(has_text="unknown author")
        expect(alert).to_have_text(
            "unknown author 'Nurhayati; Munir Husen' — write the name exactly as in "
            "content/data/authors.yml, or add a profile there"
        )
        status, output = _check(str(site / "content"))
        assert status == 1 and "unknown author 'Nurhayati; Munir Husen'" in output, output
        photo = page.locator("img[role=presentation]")
        expect(photo).to_have_count(1)
        page.wait_for_function(
            "() => { const i = document.querySelector('img[role=presentation]');"
            " return i && i.complete && i.naturalWidth === 60; }",
            timeout=10000,
        )
        preview = page.frame_locator("iframe").first.locator(".lead-image img")
        expect(preview).to_have_count(1)
        assert preview.evaluate("i => i.complete && i.naturalWidth") == 60
        page.locator("[id^=title-field-]").fill("Pasar Raba ramai")
        writes = tab.writes
        _publish(page)  # refused: the build's error is the field's
        expect(page.get_by_text("unknown author 'Nurhayati; Munir Husen'")).to_have_count(2)
        _settle(page)
        assert writes == []
        assert path.read_text(encoding="utf-8") == ODD_ARTICLE
    finally:
        path.unlink()


def test_editing_the_text_keeps_dash_list_markers(editor):
    site, tab = editor
    path = site / "content" / "articles" / "2024" / "daftar-bantuan.md"
    page, _ = tab.open("#/collections/artikel-2024/entries/daftar-bantuan")
    closing = page.locator("[contenteditable=true]").get_by_text("Paragraf penutup.")
    expect(closing).to_be_visible(timeout=30000)
    box = closing.bounding_box()
    closing.click(position={"x": box["width"] - 1, "y": box["height"] / 2})  # after the text
    page.keyboard.type(" Sampai jumpa.")
    _publish(page)
    after = _wait_for_change(path, LIST_ARTICLE)
    assert "\n- beras\n- air bersih\n" in after, after
    assert "Sampai jumpa." in after


def test_a_duplicate_gets_a_new_id(editor):
    site, tab = editor
    path = site / "content" / "articles" / str(YEAR) / "asli.md"
    path.parent.mkdir(exist_ok=True)
    path.write_text(
        f"Title: Asli\nDate: {YEAR}-01-02 08:00\nAuthor: Nurhayati\nCategory: Berita\n"
        f"Id: {YEAR}0102-a1b2c3\n\nIsi.\n",
        encoding="utf-8",
    )
    try:
        page, _ = tab.open(f"#/collections/artikel-{YEAR}/entries/asli")
        id_field = page.locator("[id^=id-field]")
        expect(id_field).to_have_value(f"{YEAR}0102-a1b2c3", timeout=30000)
        page.get_by_text("Published", exact=True).click()
        page.get_by_role("menuitem", name="Duplicate").click()
        expect(page).to_have_url(re.compile("/new"))
        expect(page.locator("[id^=title-field]")).to_have_value("Asli")
        expect(id_field).not_to_have_value(f"{YEAR}0102-a1b2c3")
        assert re.fullmatch(r"\d{8}-[0-9a-f]{6}", id_field.input_value())
    finally:
        path.unlink()


def test_a_comment_in_yaml_front_matter_opens_with_the_notice(editor):
    """A comment the earlier editor wrote (YAML front matter, still read by the build) is not
    rewritten from an empty form: the notice over the first field, and the file stays."""
    site, tab = editor
    folder = site / "content" / "comments" / "20240501-banjir-wawo"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "20240503-0800-lama.md"
    old = "---\narticle: 20240501-banjir-wawo\nauthor: Lama\ndate: 2024-05-03 08:00\n---\nLama.\n"
    path.write_text(old, encoding="utf-8")
    page, _ = tab.open(f"#/collections/komentar/entries/20240501-banjir-wawo/{path.stem}")
    alert = page.get_by_role("alert").filter(has_text="starts with '---' (YAML front matter)")
    expect(alert).to_be_visible(timeout=30000)
    assert path.read_text(encoding="utf-8") == old


def test_a_correction_made_by_make_correction_opens_filled_in_and_is_saved(editor):
    """make correction wrote a top-level YAML list, which Decap opened as an empty form that
    could not be edited; it now writes the editor's form (article:, entries:)."""
    from newsroom_cli.correction import add_correction, read_settings

    site, tab = editor
    article = "20240503-daftar-bantuan"
    settings = read_settings(str(ROOT / "pelicanconf.py"), str(site / "content"))
    path, _, _ = add_correction(settings, article, "koreksi")
    path = Path(path)
    made = path.read_text(encoding="utf-8")
    page, _ = tab.open(f"#/collections/koreksi/entries/{article}")
    expect(page.locator("[id^=article-field]")).to_have_value(article, timeout=30000)
    page.locator("[class*=StyledListItemTopBar] button").first.click()  # open the entry
    text = page.locator("[id^=text-field]")
    expect(text).to_have_value(re.compile("^TULIS DI SINI"))
    text.fill("Bantuan yang tiba juga selimut.")
    _publish(page)
    after = _wait_for_change(path, made)
    assert "text: Bantuan yang tiba juga selimut.\n" in after, after
    _status, output = _check(str(site / "content"))
    assert f"{article}.yml" not in output, output


def test_a_hand_written_list_correction_file_says_why_it_is_not_edited(editor):
    """A top-level YAML list (the hand-written form) opened as an empty form, '0 entries',
    that could not be edited, saying nothing; the form now says why and the file stays."""
    from cms.data_collections import LIST_FORM

    site, tab = editor
    path = site / "content" / "corrections" / "20240502-list.yml"
    path.parent.mkdir(exist_ok=True)
    written = "- date: 2024-05-03 09:00\n  kind: koreksi\n  text: Ditulis dengan tangan.\n"
    path.write_text(written, encoding="utf-8")
    try:
        page, _ = tab.open("#/collections/koreksi/entries/20240502-list")
        expect(page.get_by_role("alert")).to_have_text(LIST_FORM, timeout=30000)
        assert path.read_text(encoding="utf-8") == written
    finally:
        path.unlink()


def test_a_withdrawn_story_is_previewed_as_its_withdrawal_notice(editor):
    """make withdraw's Status: withdrawn: the page is the announcement, never the text; the
    preview showed the story as if it were live."""
    site, tab = editor
    path = site / "content" / "articles" / "2024" / "dicabut.md"
    path.write_text(
        "Title: Berita dicabut\nDate: 2024-05-05 08:00\nAuthor: Nurhayati\nCategory: Berita\n"
        "Status: withdrawn\nWithdrawn_reason: dewan-pers\nWithdrawn_date: 2024-05-06 09:00\n\n"
        "Teks yang dicabut.\n",
        encoding="utf-8",
    )
    try:
        page, _ = tab.open("#/collections/artikel-2024/entries/dicabut")
        preview = page.frame_locator("iframe").first
        expect(preview.locator(".withdrawn-label")).to_have_text(
            "Berita ini telah dicabut", timeout=30000
        )
        assert "Dicabut:" in preview.locator(".withdrawn-facts").text_content()
        expect(preview.get_by_text("Teks yang dicabut.")).to_have_count(0)
    finally:
        path.unlink()


def test_each_test_starts_from_where_a_new_tab_starts(editor):
    """The shared tab (tests/decap_tab.py): what one test leaves (an edited form refused on
    publish, its toast, the photo dialog open, recorded dialogs and saves) is gone when the
    next one opens its screen, even the same new-article form."""
    _site, tab = editor
    new = f"#/collections/artikel-{YEAR}/new"
    page, _ = tab.open(new)
    page.locator("[id^=title-field-]").fill("Sisa tes sebelumnya")
    _publish(page)  # refused (no author): Decap's toast says a field is missing
    expect(page.locator(".Toastify__toast")).not_to_have_count(0)
    page.get_by_text("Choose an image").click()
    expect(page.get_by_role("button", name="Choose selected")).to_be_visible()
    tab.dialogs.append("left by the last test")
    tab.writes.append("left by the last test")
    page, outside = tab.open(new, (360, 640))
    expect(page.locator("[id^=title-field-]")).to_have_value("")
    # at once, not in expect's 5 s: a toast goes by itself after 4-5 s
    assert page.locator(".Toastify__toast").count() == 0
    assert page.get_by_role("button", name="Choose selected").count() == 0
    assert page.viewport_size == {"width": 360, "height": 640}
    assert (tab.dialogs, tab.writes, outside) == ([], [], [])
