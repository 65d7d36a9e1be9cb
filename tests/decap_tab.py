"""One logged-in Decap CMS tab shared by the web editor's browser tests (test_cms_browser.py).

Decap is a single-page app: loading /admin/ fetches and compiles its 5 MB bundle and asks
decap-server for the config, the login and the collections, about 1.5-2 s of a core each time.
The tests open their screens by Decap's own route (the address's ``#/...``), as a journalist
moves from screen to screen, and :meth:`EditorTab.open` first puts the tab back to the state
a fresh tab starts in: no form open (the unsaved-changes question answered "leave"), no photo
dialog, no toast, no recorded requests or dialogs (test_cms_browser's
``test_each_test_starts_from_where_a_new_tab_starts`` proves it).
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

# A screen with no form: the list of the pages collection (plugins/cms/config.py, "halaman").
NEUTRAL = "#/collections/halaman"
# Decap's question when an edited form is left (decap-cms-locales en, editor.onLeavePage; the
# site's "id" locale is a copy of English, plugins/cms/admin/admin.js).
LEAVE = "Are you sure you want to leave this page?"
# Decap's question when an entry opens with a local backup of earlier unsaved edits (en,
# editor.confirmLoadBackup). A fresh tab's Playwright dismisses it (no dialog handler), so
# Decap deletes the backup and opens the entry as saved; the shared tab answers the same.
BACKUP = "A local backup was recovered for this entry, would you like to use it?"
# Every input of a Decap form has the id <field name>-field-<n>; the list screens have none.
FORM_INPUT = "[id*='-field-']"


class EditorTab:
    """A Decap tab of ``page`` (logged in) at ``url`` (the /admin/ URL, ending in ``/``).

    Attributes, for the current test only (emptied by :meth:`open`): ``outside``, the URLs
    requested outside 127.0.0.1 (CDNs, fonts: the editor must need none); ``writes``, the
    URLs of decap-server requests that save an entry (``persistEntry``); ``dialogs``, the
    messages of alert/confirm/prompt dialogs (dismissed), other than :data:`BACKUP`.
    """

    def __init__(self, page: Page, url: str) -> None:
        self.page, self.url = page, url
        self.outside: list[str] = []
        self.writes: list[str] = []
        self.dialogs: list[str] = []
        self._leaving = False
        page.on("request", self._record)
        page.on("dialog", self._answer)

    def _record(self, request) -> None:
        if not request.url.startswith(("http://127.0.0.1", "data:", "blob:")):
            self.outside.append(request.url)
        if "persistEntry" in (request.post_data or ""):
            self.writes.append(request.url)

    def _answer(self, dialog) -> None:
        # Only the reset's own navigation may leave an edited form; in a test, "leave?" is
        # refused as Playwright refuses every dialog in a tab without a handler.
        if self._leaving and dialog.message == LEAVE:
            dialog.accept()
            return
        if dialog.message != BACKUP:
            self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, fragment: str, size: tuple[int, int] = (412, 915)) -> tuple[Page, list[str]]:
        """Reset the tab (:meth:`reset`), size it ``size`` (width, height) px and go to Decap's
        route ``fragment`` (``#/collections/...``). Returns ``(page, outside)``."""
        self.reset()
        self.page.set_viewport_size({"width": size[0], "height": size[1]})
        self.page.goto(self.url + fragment)
        return self.page, self.outside

    def reset(self) -> None:
        """Leave whatever the last test left: the photo dialog, the form (its edits dropped:
        Decap discards the draft when its screen is left), the toasts; forget the records.

        Raises AssertionError (Playwright's expect) when a form, a dialog or a toast stays.
        """
        page = self.page
        choose = page.get_by_role("button", name="Choose selected")
        if choose.count():
            page.keyboard.press("Escape")  # the photo dialog is a react-modal: Esc closes it
            expect(choose).to_have_count(0)
        self._leaving = True
        try:
            page.goto(self.url + NEUTRAL)
            expect(page.locator(FORM_INPUT)).to_have_count(0)
            expect(page).to_have_url(self.url + NEUTRAL)
        finally:
            self._leaving = False
        # react-toastify closes a toast on a click; a toast of the last test (say "Entry
        # saved") would otherwise stand for one of this test's for its 4-5 s.
        page.evaluate("() => document.querySelectorAll('.Toastify__toast').forEach(t => t.click())")
        expect(page.locator(".Toastify__toast")).to_have_count(0)
        self.outside.clear()
        self.writes.clear()
        self.dialogs.clear()
