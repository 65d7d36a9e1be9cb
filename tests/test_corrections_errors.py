"""Every content error of the corrections plugin: file, line and fix, in-process (the error
collector of news_metadata), and once through a strict publish build for the exit status."""

import re
import textwrap
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from corrections import entries, model
from corrections.settings import DEFAULTS
from news_metadata.dates import WITA
from news_metadata.errors import collector, display_path

NOW = datetime(2024, 12, 10, 4, 0, tzinfo=UTC)  # 12.00 WITA
LABELS = {"advertorial": "Advertorial", "hak-jawab": "Hak Jawab"}
SETTINGS = {
    "PATH": "content",
    "ARTICLE_PATHS": ["articles"],
    "CORRECTIONS_WITHDRAWAL_REASONS": DEFAULTS["CORRECTIONS_WITHDRAWAL_REASONS"],
}


@pytest.fixture(autouse=True)
def fresh_collector():
    collector.reset()
    yield
    collector.reset()


def messages():
    return [str(error) for error in collector.errors]


def wita(text):
    return datetime.fromisoformat(text).replace(tzinfo=WITA)


def article(name, date="2024-12-01 08:00", category="Berita", lines=None, **attrs):
    """A stand-in for a Pelican Article with the attributes the plugin reads."""
    header = {"title": 1, "date": 2, "author": 3, "category": 4, "id": 5}
    header.update(lines or {})
    values = {
        "source_path": f"content/articles/2024/{name}.md",
        "id": name,
        "date": wita(date),
        "category": SimpleNamespace(name=category),
        "status": "published",
        "url": f"2024/12/{name}.html",
        "title_plain": name,
        "news_lines": header,
        **attrs,
    }
    return SimpleNamespace(**values)


def correction_file(tmp_path, text, name="20241201-a"):
    path = tmp_path / f"{name}.yml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return str(path)


# --- Correction files --------------------------------------------------------------------

ENTRY_CASES = {
    "unknown kind": (
        "- date: 2024-12-02 10:00\n  kind: koreksy\n  text: Salah ketik.\n",
        ":2: unknown kind 'koreksy' (did you mean 'koreksi'?) — write 'kind: ' and one of: "
        "koreksi, klarifikasi, pembaruan",
    ),
    "no text": (
        "- date: 2024-12-02 10:00\n  kind: koreksi\n",
        ":1: the entry has no text — write 'text: ' and what was wrong and what is right",
    ),
    "empty text": (
        "- date: 2024-12-02 10:00\n  kind: koreksi\n  text:\n",
        ":3: text is empty — write 'text: ' and what was wrong",
    ),
    "placeholder left": (
        f"- date: 2024-12-02 10:00\n  kind: koreksi\n  text: >-\n    {entries.PLACEHOLDER}\n",
        ":3: the text is still the placeholder — write 'text: '",
    ),
    "no kind": (
        "- date: 2024-12-02 10:00\n  text: Salah.\n",
        ":1: the entry has no kind — write 'kind: ' and one of:",
    ),
    "bad date": (
        "- date: 2/30/2024\n  kind: koreksi\n  text: Salah.\n",
        ":1: date '2/30/2024' is not a real date (read day first): month must be in 1..12 — "
        "write it as YYYY-MM-DD HH:MM in WITA, e.g. date: 2024-03-12 09:30",
    ),
    "unknown field": (
        "- date: 2024-12-02 10:00\n  kind: koreksi\n  txt: Salah.\n  text: Salah.\n",
        ":3: unknown field 'txt' (did you mean 'text'?) — use only: date, kind, text, part",
    ),
    "not a list": (
        "date: 2024-12-02 10:00\nkind: koreksi\n",
        ":1: must be a list of entries — start each with '- date: ...'",
    ),
    "broken YAML": (
        "- date: 2024-12-02 10:00\n  kind: koreksi\n text: Salah.\n",
        "is not valid YAML",
    ),
    "an entry that is not a mapping": (
        "- koreksi\n",
        ":1: an entry must have fields — write '- date: ...' then kind, text",
    ),
}


def editor_form(source, expected):
    """The web editor's form of a case (plugins/cms): the list under 'entries:' after an
    'article:' line, so every line moves down by two."""
    indented = "".join("  " + row for row in source.splitlines(keepends=True))
    moved = re.sub(r"^:(\d+):", lambda m: f":{int(m.group(1)) + 2}:", expected)
    return "article: 20241201-a\nentries:\n" + indented, moved


@pytest.mark.parametrize("form", ["list", "editor"])
@pytest.mark.parametrize("case", list(ENTRY_CASES))
def test_bad_entries_are_reported_with_line_and_fix(tmp_path, case, form):
    source, expected = ENTRY_CASES[case]
    if form == "editor":
        source, expected = editor_form(source, expected)
    path = correction_file(tmp_path, source)
    assert entries.load(path) == []
    (message,) = messages()
    assert message.startswith(display_path(path) + ":"), message
    assert expected in message, message


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            "article: 20241201-b\nentries: []\n",
            ":1: article '20241201-b' is not the id of this file ('20241201-a') — write "
            "'article: 20241201-a', or move the entries to 20241201-b.yml",
            id="article-of-another-file",
        ),
        pytest.param(
            "article: 20241201-a\nentri: []\nentries: []\n",
            ":2: unknown key 'entri' (did you mean 'entries'?) — the file has only 'article:'",
            id="unknown-key",
        ),
    ],
)
def test_the_editor_form_names_its_own_keys(tmp_path, source, expected):
    path = correction_file(tmp_path, source)
    assert entries.load(path) == []
    (message,) = messages()
    assert message.startswith(display_path(path) + expected), message


def test_both_forms_give_the_same_entries(tmp_path):
    listed = "- date: 2024-12-02 10:00\n  kind: koreksi\n  text: Desa *Bugis*.\n"
    mapped, _ = editor_form(listed, "")
    first = entries.load(correction_file(tmp_path, listed))
    (tmp_path / "editor").mkdir()
    second = entries.load(correction_file(tmp_path / "editor", mapped))
    assert messages() == []
    assert [(e.kind, e.date, e.html) for e in first] == [(e.kind, e.date, e.html) for e in second]
    assert first[0].line + 2 == second[0].line


def test_good_entry_is_read_and_rendered(tmp_path):
    path = correction_file(
        tmp_path,
        """\
        - date: 06/12/2024 10.15
          kind: Koreksi
          text: Yang benar *Bugis*.
          part: judul
        """,
    )
    (entry,) = entries.load(path)
    assert (entry.kind, entry.date, entry.part, entry.line) == (
        "koreksi",
        wita("2024-12-06 10:15"),
        "judul",
        1,
    )
    assert entry.html == "<p>Yang benar <em>Bugis</em>.</p>"
    assert entry.text_plain == "Yang benar Bugis."
    assert messages() == []


def test_only_yml_files_belong_in_the_folder(tmp_path):
    (tmp_path / "20241201-a.yml").write_text("", encoding="utf-8")
    (tmp_path / "catatan.txt").write_text("x", encoding="utf-8")
    (tmp_path / "README.md").write_text("x", encoding="utf-8")
    assert entries.scan(str(tmp_path), ["README.md"]) == {"20241201-a": []}
    (message,) = messages()
    assert "catatan.txt: is not a correction file" in message
    assert "name it <article-id>.yml" in message


# --- Joining with the articles -----------------------------------------------------------


def entry(kind="koreksi", date="2024-12-02 10:00", line=1, path="content/corrections/a.yml"):
    html, plain = entries.render("Teks.")
    return entries.Entry(kind, wita(date), "Teks.", html, plain, "", path, line)


def join(articles, found=None):
    return model.join(articles, found or {}, SETTINGS, LABELS, NOW, "content/corrections")


def test_entry_before_the_article_and_in_the_future(tmp_path):
    a = article("a")
    join(
        [a], {"a": [entry(date="2024-11-30 10:00", line=1), entry(date="2025-01-01 10:00", line=5)]}
    )
    assert messages() == [
        "content/corrections/a.yml:1: the entry's date Sabtu, 30 November 2024 10.00 WITA is "
        "before the article's own Date (Minggu, 1 Desember 2024 08.00 WITA) — write the time it "
        "was published, at or after the article's Date (write it as YYYY-MM-DD HH:MM in WITA, "
        "e.g. Date: 2024-03-12 09:30)",
        "content/corrections/a.yml:5: the entry's date Rabu, 1 Januari 2025 10.00 WITA is in the "
        "future — write the time it was published, not a planned one (check the year)",
    ]
    assert a.corrections == []
    assert not hasattr(a, "modified")


def test_modified_older_than_an_entry_is_an_error():
    a = article("a", lines={"modified": 6}, modified=wita("2024-12-01 09:00"))
    join([a], {"a": [entry(date="2024-12-02 10:00", line=7)]})
    (message,) = messages()
    assert message.startswith(
        "content/articles/2024/a.md:6: Modified (Minggu, 1 Desember 2024 09.00 WITA) is older "
        "than the koreksi of Senin, 2 Desember 2024 10.00 WITA in content/corrections/a.yml:7"
    )
    assert "delete the Modified line" in message
    assert "set it to 2024-12-02 10:00 or later" in message


def test_modified_follows_newest_entry_and_a_newer_modified_stays():
    a = article("a")
    b = article("b", lines={"modified": 6}, modified=wita("2024-12-05 09:00"))
    join([a, b], {"a": [entry(date="2024-12-03 10:00"), entry("pembaruan", "2024-12-04 11:00")],
                  "b": [entry(date="2024-12-02 10:00")]})  # fmt: skip
    assert messages() == []
    assert a.modified == wita("2024-12-04 11:00")
    assert [e.anchor for e in a.corrections] == ["koreksi-1", "pembaruan-1"]
    assert [e.kind for e in a.corrections_top] == ["koreksi"]
    assert [e.kind for e in a.corrections_bottom] == ["pembaruan"]
    assert b.modified == wita("2024-12-05 09:00")


def test_orphan_correction_file():
    join([article("20241201-jembatan")], {"20241201-jembatn": []})
    (message,) = messages()
    assert message.startswith(
        "content/corrections/20241201-jembatn.yml: belongs to no article: no article has "
        "'Id: 20241201-jembatn' (did you mean '20241201-jembatan'?) — rename the file"
    )


WITHDRAWN = {"withdrawn": True, "status": "hidden"}
WITHDRAWAL_CASES = {
    "no reason": (
        {**WITHDRAWN, "withdrawn_date": "2024-12-06 10:00"},
        {"status": 7, "withdrawn_date": 8},
        "a.md:7: a withdrawn article needs a Withdrawn_reason — add 'Withdrawn_reason: ' and "
        "one of: sara, kesusilaan, masa-depan-anak, trauma-korban, dewan-pers",
    ),
    "reason outside the list": (
        {
            **WITHDRAWN,
            "withdrawn_reason": "permintaan narasumber",
            "withdrawn_date": "2024-12-06 10:00",
        },
        {"status": 7, "withdrawn_reason": 8, "withdrawn_date": 9},
        "a.md:8: Withdrawn_reason 'permintaan narasumber' is not one of the guideline's reasons "
        "— use one of: sara, kesusilaan, masa-depan-anak, trauma-korban, dewan-pers; a story is "
        "not withdrawn for any other reason",
    ),
    "misspelt reason": (
        {**WITHDRAWN, "withdrawn_reason": "kesusilan", "withdrawn_date": "2024-12-06 10:00"},
        {"status": 7, "withdrawn_reason": 8, "withdrawn_date": 9},
        "a.md:8: Withdrawn_reason 'kesusilan' is not one of the guideline's reasons (did you "
        "mean 'kesusilaan'?)",
    ),
    "no date": (
        {**WITHDRAWN, "withdrawn_reason": "sara"},
        {"status": 7, "withdrawn_reason": 8},
        "a.md:7: a withdrawn article needs a Withdrawn_date — add 'Withdrawn_date: "
        "YYYY-MM-DD HH:MM' (WITA)",
    ),
    "bad date": (
        {**WITHDRAWN, "withdrawn_reason": "sara", "withdrawn_date": "kemarin"},
        {"status": 7, "withdrawn_reason": 8, "withdrawn_date": 9},
        "a.md:9: Withdrawn_date 'kemarin' is not a date this site accepts — write it as "
        "YYYY-MM-DD HH:MM in WITA, e.g. Withdrawn_date: 2024-03-12 09:30",
    ),
    "date before the article": (
        {**WITHDRAWN, "withdrawn_reason": "sara", "withdrawn_date": "2024-11-01 10:00"},
        {"status": 7, "withdrawn_reason": 8, "withdrawn_date": 9},
        "a.md:9: Withdrawn_date Jumat, 1 November 2024 10.00 WITA is before the article's own Date",
    ),
    "reason without Status: withdrawn": (
        {"withdrawn_reason": "sara"},
        {"withdrawn_reason": 8},
        "a.md:8: Withdrawn_reason is set but the article is not withdrawn — add 'Status: "
        "withdrawn' to withdraw it",
    ),
}


@pytest.mark.parametrize("case", list(WITHDRAWAL_CASES))
def test_bad_withdrawals(case):
    attrs, lines, expected = WITHDRAWAL_CASES[case]
    a = article("a", lines=lines, **attrs)
    join([a])
    (message,) = messages()
    assert message.startswith("content/articles/2024/")
    assert expected in message, message
    assert a.withdrawal is None


def test_good_withdrawal_is_logged():
    a = article(
        "a",
        lines={"status": 7},
        withdrawn=True,
        withdrawn_reason="Trauma-Korban",
        withdrawn_date="2024-12-06 10:00",
        withdrawn_note=" Atas permintaan korban. ",
    )
    (item,) = join([a])
    assert messages() == []
    assert (a.withdrawal.reason, a.withdrawal.date, a.withdrawal.note) == (
        "trauma-korban",
        wita("2024-12-06 10:00"),
        "Atas permintaan korban.",
    )
    assert (item.kind, item.url, item.withdrawal) == ("pencabutan", a.url, a.withdrawal)


def reply(name="balasan", target="asal", category="Berita", date="2024-12-03 10:00", **attrs):
    attrs = {"type": "hak-jawab", "replies_to": target, **attrs}
    return article(name, date, category, lines={"type": 6, "replies_to": 7}, **attrs)


REPLY_CASES = {
    "reply to itself": (
        lambda: [article("asal"), reply(target="balasan")],
        "balasan.md:7: this hak jawab replies to itself (Replies_to is its own Id 'balasan') — "
        "write the Id of the article it answers",
    ),
    "reply to a missing article": (
        lambda: [article("20241201-asal"), reply(target="20241201-asl")],
        "balasan.md:7: Replies_to '20241201-asl': no article has this Id (did you mean "
        "'20241201-asal'?)",
    ),
    "Replies_to without the type": (
        lambda: [article("asal"), reply(type=None)],
        "balasan.md:7: Replies_to is only for a hak jawab — add 'Type: hak-jawab'",
    ),
    "a hak jawab without Replies_to": (
        lambda: [article("asal"), reply(replies_to="")],
        "balasan.md:6: a hak jawab needs Replies_to: the Id of the article it answers",
    ),
    "another section": (
        lambda: [article("asal"), reply(category="Opini")],
        "balasan.md:4: a hak jawab is published in the same section as the article it answers: "
        "'Berita', not 'Opini' — write 'Category: Berita'",
    ),
    "a second reply": (
        lambda: [article("asal"), reply(), reply("balasan-2", date="2024-12-04 10:00")],
        "balasan-2.md:7: content/articles/2024/asal.md already has a hak jawab "
        "(content/articles/2024/balasan.md) — a hak jawab is published once per news item",
    ),
    "a reply to a reply": (
        lambda: [article("asal"), reply(), reply("balasan-2", target="balasan")],
        "balasan-2.md:7: Replies_to 'balasan' is itself a hak jawab",
    ),
    "a reply to an unpublished original": (
        lambda: [article("asal", status="draft"), reply()],
        "balasan.md:7: Replies_to 'asal': the original (content/articles/2024/asal.md) is not "
        "published",
    ),
    "a reply dated before the original": (
        lambda: [article("asal", date="2024-12-05 08:00"), reply()],
        "balasan.md:2: the hak jawab's Date is before the original's",
    ),
    "unknown type": (
        lambda: [article("asal", type="Advetorial", lines={"type": 6})],
        "asal.md:6: unknown Type 'Advetorial' (did you mean 'advertorial'?) — write 'Type: ' "
        "and one of: berita, hak-jawab, advertorial",
    ),
}


@pytest.mark.parametrize("case", list(REPLY_CASES))
def test_bad_replies_and_types(case):
    make, expected = REPLY_CASES[case]
    articles = make()
    join(articles)
    (message,) = messages()
    assert message.startswith("content/articles/2024/")
    assert expected in message, message


def test_reply_links_both_ways_and_is_logged():
    original, answer = article("asal"), reply()
    (item,) = join([original, answer])
    assert messages() == []
    assert original.hak_jawab is answer and answer.original_article is original
    assert (answer.article_type, answer.type_label, answer.sponsored) == (
        "hak-jawab",
        "Hak Jawab",
        False,
    )
    assert (item.kind, item.article, item.reply, item.url) == (
        "hak-jawab",
        original,
        answer,
        answer.url,
    )


def test_draft_reply_links_back_but_is_not_announced():
    original, answer = article("asal"), reply(status="draft")
    assert join([original, answer]) == []
    assert original.hak_jawab is None and answer.original_article is original


# --- The publish build fails on them ------------------------------------------------------


def test_strict_build_fails_listing_every_error(make_site):
    site = make_site(
        {
            "articles/2024/a.md": """\
                Title: Asal
                Date: 2024-05-01 08:00
                Author: Nurhayati
                Category: Berita
                Id: 20240501-asal
                Type: iklan

                Teks.
                """,
            "articles/2024/b.md": """\
                Title: Dicabut
                Date: 2024-05-01 08:00
                Author: Nurhayati
                Category: Berita
                Status: withdrawn
                Withdrawn_reason: sensor

                Teks.
                """,
            "corrections/20240501-asal.yml": """\
                - date: 2024-04-30 10:00
                  kind: ralat
                  text: Salah.
                """,
        }
    )
    assert site.result.returncode == 1, site.result.output_text
    out = site.result.stderr
    assert "content error(s); the site was not published" in out
    for expected in (
        "content/articles/2024/a.md:6: unknown Type 'iklan'",
        "content/articles/2024/b.md:6: Withdrawn_reason 'sensor' is not one of the guideline's",
        "content/articles/2024/b.md:5: a withdrawn article needs a Withdrawn_date",
        "content/corrections/20240501-asal.yml:2: unknown kind 'ralat'",
    ):
        assert expected in out, out
    assert "Traceback" not in site.result.output_text
