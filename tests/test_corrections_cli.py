"""`make correction`, `make withdraw`, `make hak-jawab`: one command per editorial act, each
checked before anything is written, and what they write passes `make check` and publishes."""

import pytest
from conftest import ROOT
from workflow import TESTCONF, header, run_make, run_recipe, run_tool, write_site

ORIGINAL = "articles/2026/jembatan.md"
ID = "20260501-jembatan"
SOURCE = header("Jembatan Sape Rusak", "2026-05-01 08:00", f"Id: {ID}") + "Teks berita.\n"


@pytest.fixture
def content(tmp_path):
    return write_site(
        tmp_path / "content",
        {
            ORIGINAL: SOURCE,
            "articles/2026/rencana.md": header("Terbit Besok", "2026-06-02 08:00", "Id: besok")
            + "Teks.\n",
            "articles/2026/draf.md": header("Draf", "2026-05-02 08:00", "Id: draf", "Status: draft")
            + "Teks.\n",
            "pages/kebijakan-koreksi.md": "Title: Kebijakan\nSlug: kebijakan-koreksi\n\n.\n",
            "pages/koreksi.md": "Title: Koreksi\nSlug: koreksi\nUrl: koreksi/\n"
            "Save_as: koreksi/index.html\nTemplate: corrections\n\n.\n",
        },
    )


def make(content, target, *assignments):
    """``make target`` with the tool in this process (workflow.run_recipe); the first test
    runs the real command."""
    return run_recipe(target, f"INPUTDIR={content}", *assignments)


def check(content):
    return run_tool("check", "-s", TESTCONF, content)


def test_correction_scaffold_then_check_then_publish(content, tmp_path):
    # As an editor runs it: make, the shell and the tool's own process.
    result = run_make("correction", f"INPUTDIR={content}", f"ARTICLE={ID}", "KIND=Koreksi")
    assert result.returncode == 0, result.output_text
    path = content / "corrections" / f"{ID}.yml"
    assert (ROOT / result.stdout.strip()).resolve() == (path.parent / f"{ID}.yml:4").resolve()
    # the web editor's form (plugins/cms), so the file opens there filled in
    assert path.read_text(encoding="utf-8").split("\n") == [
        f"# Koreksi, klarifikasi dan pembaruan untuk {ID} (plugins/corrections/README.md)",
        f"article: {ID}",
        "entries:",
        "  - date: 2026-06-01 08:00",  # SOURCE_DATE_EPOCH 2026-06-01 00:00 UTC, in WITA
        "    kind: koreksi",
        "    text: >-",
        "      TULIS DI SINI: apa yang salah dan apa yang benar.",
        "    # part: paragraf kedua   (opsional: bagian tulisan yang dikoreksi)",
        "",
    ]
    # Unfinished, it cannot be published.
    unfinished = check(content)
    assert unfinished.returncode == 1
    assert f"corrections/{ID}.yml:6: the text is still the placeholder" in unfinished.stdout
    # A second command appends; the first entry is kept as written.
    second = make(content, "correction", f"ARTICLE={ID}", "KIND=pembaruan")
    assert second.returncode == 0, second.output_text
    assert second.stdout.strip().endswith(f"{ID}.yml:9")
    text = path.read_text(encoding="utf-8").replace(
        "TULIS DI SINI: apa yang salah dan apa yang benar.", "Nama desa yang benar: Bugis.", 1
    )
    path.write_text(text.replace("TULIS DI SINI: apa yang salah dan apa yang benar.", "Dibuka."))
    ready = check(content)
    assert ready.returncode == 0, ready.output_text
    output = tmp_path / "output"
    published = run_tool("publish", content, "-o", output, "-s", TESTCONF)
    assert published.returncode == 0, published.output_text
    page = (output / "2026/05/jembatan-sape-rusak.html").read_text(encoding="utf-8")
    assert 'id="koreksi-1"' in page and 'id="pembaruan-1"' in page
    assert "Nama desa yang benar: Bugis." in (output / "koreksi/index.html").read_text()


def test_withdraw_rewrites_the_header_and_publishes_the_notice(content, tmp_path):
    result = make(
        content,
        "withdraw",
        f"ARTICLE={ID}",
        "REASON=Trauma-Korban",
        "NOTE=Atas permintaan  korban.",
    )
    assert result.returncode == 0, result.output_text
    lines = (content / ORIGINAL).read_text(encoding="utf-8").split("\n")
    assert lines[4:10] == [
        f"Id: {ID}",
        "Status: withdrawn",
        "Withdrawn_reason: trauma-korban",
        "Withdrawn_date: 2026-06-01 08:00",
        "Withdrawn_note: Atas permintaan korban.",
        "",
    ]
    assert lines[10] == "Teks berita."
    again = make(content, "withdraw", f"ARTICLE={ID}", "REASON=sara")
    assert again.returncode == 2
    assert "is already withdrawn" in again.stderr
    output = tmp_path / "output"
    published = run_tool("publish", content, "-o", output, "-s", TESTCONF)
    assert published.returncode == 0, published.output_text
    page = (output / "2026/05/jembatan-sape-rusak.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex">' in page
    assert "menyangkut pengalaman traumatik korban" in page
    assert "Teks berita." not in page


def test_hak_jawab_scaffold_is_a_draft_in_the_same_section(content):
    result = make(content, "hak-jawab", f"ARTICLE={ID}", "AUTHOR=nurhayati")
    assert result.returncode == 0, result.output_text
    path = ROOT / result.stdout.strip()
    assert path.name == "hak-jawab-jembatan-sape-rusak.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[0] == "Title: Hak Jawab: Jembatan Sape Rusak"
    assert lines[2:4] == ["Author: Nurhayati", "Category: Berita"]
    assert lines[5:8] == ["Type: hak-jawab", f"Replies_to: {ID}", "Status: draft"]
    assert check(content).returncode == 0
    again = make(content, "hak-jawab", f"ARTICLE={ID}", "AUTHOR=Nurhayati")
    assert again.returncode == 2
    assert "already has a hak jawab" in again.stderr and "13.e" in again.stderr
    own_id = next(line for line in lines if line.startswith("Id: "))[4:]
    to_reply = make(content, "hak-jawab", f"ARTICLE={own_id}", "AUTHOR=Nurhayati")
    assert to_reply.returncode == 2
    assert "is itself a hak jawab" in to_reply.stderr


@pytest.mark.parametrize(
    ("target", "assignments", "message"),
    [
        (
            "correction",
            [f"ARTICLE={ID}", "KIND=ralat"],
            "unknown KIND 'ralat'; write KIND= and one",
        ),
        ("correction", [f"ARTICLE={ID}", "KIND=--help"], "unknown KIND '--help'"),
        ("correction", [f"ARTICLE={ID}"], "no KIND; write KIND= and one of: koreksi, klarifikasi"),
        (
            "correction",
            ["ARTICLE=20260501-jembatn", "KIND=koreksi"],
            "no article has Id '20260501-jembatn' (did you mean '20260501-jembatan'?)",
        ),
        ("correction", ["ARTICLE=besok", "KIND=koreksi"], "is not published yet"),
        (
            "correction",
            ["ARTICLE=x'; touch PWNED; echo '", "KIND=koreksi"],
            "no article has Id \"x'; touch PWNED; echo '\"",
        ),
        ("withdraw", [f"ARTICLE={ID}", "REASON=sarah"], "unknown REASON 'sarah' (did you mean"),
        ("withdraw", [f"ARTICLE={ID}"], "no REASON; a story is withdrawn only for one of"),
        ("withdraw", ["ARTICLE=draf", "REASON=sara"], "is a draft, never published"),
        ("hak-jawab", ["ARTICLE=tidak-ada", "AUTHOR=Nurhayati"], "no article has Id 'tidak-ada'"),
        ("hak-jawab", [f"ARTICLE={ID}", "AUTHOR=Orang Lain"], "unknown author 'Orang Lain'"),
    ],
    ids=[
        "unknown-kind",
        "kind-like-an-option",
        "no-kind",
        "unknown-article",
        "unpublished-article",
        "shell-in-article",
        "unknown-reason",
        "no-reason",
        "withdraw-draft",
        "reply-unknown-article",
        "reply-unknown-author",
    ],
)
def test_refusals_write_nothing(content, target, assignments, message):
    before = {p: p.read_bytes() for p in content.rglob("*") if p.is_file()}
    result = make(content, target, *assignments)
    assert result.returncode != 0
    assert f"make {target}: " in result.stderr
    assert message in result.stderr, result.stderr
    after = {p: p.read_bytes() for p in content.rglob("*") if p.is_file()}
    assert after == before
    assert not (ROOT / "PWNED").exists()


@pytest.mark.parametrize(
    "written",
    [
        # the web editor's form, as Decap writes it (tests/test_cms_browser.py)
        f"article: {ID}\nentries:\n  - date: 2026-05-02 10:00\n    kind: koreksi\n"
        "    text: Desa Bugis, bukan Lamere.\n",
        # the hand-written form (a top-level list), without a final newline
        "- date: 2026-05-02 10:00\n  kind: koreksi\n  text: Desa Bugis, bukan Lamere.",
    ],
)
def test_a_correction_is_appended_to_either_form(content, written):
    """The web editor's file was refused ('not a list of entries'): make correction and the
    editor could not both be used on one article."""
    path = content / "corrections" / f"{ID}.yml"
    path.parent.mkdir()
    path.write_text(written, encoding="utf-8")
    result = make(content, "correction", f"ARTICLE={ID}", "KIND=pembaruan")
    assert result.returncode == 0, result.output_text
    text = path.read_text(encoding="utf-8")
    assert text.startswith(written)
    line = int(result.stdout.strip().rsplit(":", 1)[1])
    assert text.split("\n")[line - 1].lstrip() == "- date: 2026-06-01 08:00"
    path.write_text(text.replace("TULIS DI SINI: apa yang salah dan apa yang benar.", "Dibuka."))
    ready = check(content)
    assert ready.returncode == 0, ready.output_text


def test_an_editor_file_with_a_key_after_entries_is_not_appended_to(content):
    path = content / "corrections" / f"{ID}.yml"
    path.parent.mkdir()
    written = (
        f"entries:\n  - date: 2026-05-02 10:00\n    kind: koreksi\n    text: x\narticle: {ID}\n"
    )
    path.write_text(written, encoding="utf-8")
    result = make(content, "correction", f"ARTICLE={ID}", "KIND=pembaruan")
    assert result.returncode == 2
    assert "'entries:' is not the file's last key" in result.stderr
    assert path.read_text(encoding="utf-8") == written


def test_broken_correction_file_is_not_appended_to(content):
    path = content / "corrections" / f"{ID}.yml"
    path.parent.mkdir()
    path.write_text("- date: 2026-05-02 10:00\n  kind: koreksi\n text: rusak\n", encoding="utf-8")
    before = path.read_text()
    result = make(content, "correction", f"ARTICLE={ID}", "KIND=koreksi")
    assert result.returncode == 2
    assert "is not valid YAML" in result.stderr and "fix it first" in result.stderr
    assert path.read_text() == before


def test_without_article_the_ids_are_listed(content):
    result = make(content, "correction")
    assert result.returncode == 2
    assert "Which article? make correction ARTICLE=<id>" in result.stderr
    assert ID in result.stdout and "Jembatan Sape Rusak" in result.stdout


@pytest.mark.parametrize(
    ("target", "assignments"),
    [
        ("correction", (f"ARTICLE={ID}", "KIND=koreksi")),
        ("correction", ()),
        ("comment", (f"ARTICLE={ID}",)),
        ("comment", ()),
    ],
)
def test_one_article_not_in_utf8_is_named_not_a_traceback(content, target, assignments):
    """The tools read every article to find ids: one file saved as ANSI stopped them with
    Python's codec words (make comment) or a traceback (make correction)."""
    (content / "articles/2026/latin.md").write_bytes(
        (header("Kafe", "2026-05-03 08:00") + "Caf\xe9.\n").encode("latin-1")
    )
    result = make(content, target, *assignments)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "latin.md:6: the file is not UTF-8 text (byte 0xe9) — save it again as UTF-8" in (
        result.stderr
    ), result.stderr


def test_an_article_not_in_utf8_can_be_taken_down(content):
    path = content / "articles/2026/latin.md"
    path.write_bytes(
        (header("Kafe", "2026-05-03 08:00", "Id: kafe") + "Caf\xe9.\n").encode("latin-1")
    )
    result = make(content, "takedown", f"ARTICLE={path}")
    assert result.returncode == 0, result.stderr
    assert (content / "_arsip/articles/2026/latin.md").is_file() and not path.exists()
