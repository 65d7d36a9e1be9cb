"""`make new`: the right path, every required key filled in, a stable Id, clear refusals."""

import re

import pytest
from conftest import ROOT
from newsroom_cli.new import BODY
from workflow import TESTCONF, run_make, run_recipe, run_tool, write_site

TITLE = 'Banjir Rob: Warga Sape & Lambu "Mengungsi" ke Masjid'
SLUG = "banjir-rob-warga-sape-lambu-mengungsi-ke-masjid"


@pytest.fixture
def content(tmp_path):
    return write_site(tmp_path / "content", {})


def make_new(content, *assignments, env=None):
    """``make new`` with the tool in this process (workflow.run_recipe)."""
    return run_recipe("new", f"INPUTDIR={content}", *assignments, env=env)


def test_make_new_writes_a_complete_draft_and_prints_its_path(content):
    # As an editor runs it: make, the shell and the tool's own process.
    assignments = [f"TITLE={TITLE}", "AUTHOR=nurhayati", "CATEGORY=ekonomi"]
    result = run_make("new", f"INPUTDIR={content}", *assignments)
    assert result.returncode == 0, result.output_text
    printed = result.stdout.strip()
    path = content / "articles" / "2026" / f"{SLUG}.md"
    assert (ROOT / printed).resolve() == path  # stdout is only the path
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[:4] == [
        f"Title: {TITLE}",
        "Date: 2026-06-01 08:00",  # SOURCE_DATE_EPOCH 2026-06-01 00:00 UTC, in WITA
        "Author: Nurhayati",  # spelled as in authors.yml
        "Category: Ekonomi",
    ]
    assert re.fullmatch(r"Id: 20260601-[0-9a-f]{6}", lines[4])
    assert lines[5:7] == ["Status: draft", ""]
    assert "delete the 'Status: draft' line when it is ready" in result.stderr


def test_new_article_passes_check_and_publishes_once_ready(content, tmp_path):
    first = make_new(content, "TITLE=Pasar Ama Hami Ramai", "AUTHOR=Nurhayati")
    second = make_new(content, "TITLE=Pasar Raba Sepi", "AUTHOR=Munir Husen", "CATEGORY=Opini")
    assert first.returncode == second.returncode == 0, first.output_text + second.output_text
    ids = [
        re.search(r"^Id: (.+)$", p.read_text(), re.M).group(1)
        for p in sorted((content / "articles/2026").glob("*.md"))
    ]
    assert len(set(ids)) == 2
    check = run_tool("check", "-s", TESTCONF, content)
    assert check.returncode == 0, check.output_text
    assert "0 published article(s), 2 draft(s)" in check.stdout
    path = content / "articles/2026/pasar-ama-hami-ramai.md"
    ready = path.read_text().replace("Status: draft\n", "")
    path.write_text(ready)
    # Published with make new's placeholder paragraph still in it: refused, with the line.
    refused = run_tool("publish", content, "-o", tmp_path / "output", "-s", TESTCONF)
    assert refused.returncode == 1
    assert "pasar-ama-hami-ramai.md:7: the placeholder text" in refused.stderr
    path.write_text(ready.replace(BODY.strip(), "Pedagang di Pasar Ama Hami ramai."))
    result = run_tool("publish", content, "-o", tmp_path / "output", "-s", TESTCONF)
    assert result.returncode == 0, result.output_text
    page = tmp_path / "output/2026/06/pasar-ama-hami-ramai.html"
    assert "Pasar Ama Hami Ramai" in page.read_text()
    assert not list((tmp_path / "output").rglob("pasar-raba-sepi*"))


def test_default_category_and_author_from_git(content, tmp_path):
    gitconfig = tmp_path / "gitconfig"
    gitconfig.write_text("[user]\n\tname = Munir Husen\n")
    result = make_new(
        content,
        "TITLE=Opini Tanpa Kategori",
        env={"GIT_CONFIG_GLOBAL": str(gitconfig), "GIT_CONFIG_NOSYSTEM": "1"},
    )
    assert result.returncode == 0, result.output_text
    text = (content / "articles/2026/opini-tanpa-kategori.md").read_text()
    assert "\nAuthor: Munir Husen\nCategory: Berita\n" in text  # first configured category


@pytest.mark.parametrize(
    ("assignments", "message"),
    [
        (
            ["TITLE=Judul", "AUTHOR=Nurhayatti"],
            "make new: unknown author 'Nurhayatti' (did you mean 'Nurhayati'?) — use one of: "
            "Munir Husen, Nurhayati",
        ),
        (
            ["TITLE=Judul", "AUTHOR=Nurhayati", "CATEGORY=Opinii"],
            "make new: unknown category 'Opinii' (did you mean 'Opini'?) — use one of: Berita, "
            "Opini,",
        ),
        (["AUTHOR=Nurhayati"], 'make new: no TITLE given — write make new TITLE="Judul berita"'),
        (["TITLE=!!!", "AUTHOR=Nurhayati"], "make new: the title '!!!' has no letters or digits"),
    ],
    ids=["unknown-author", "unknown-category", "no-title", "title-without-letters"],
)
def test_make_new_refuses_bad_values(content, assignments, message):
    result = make_new(content, *assignments)
    assert result.returncode != 0
    assert message in result.stderr
    assert not (content / "articles").exists()


def test_no_author_and_git_name_unknown(content, tmp_path):
    gitconfig = tmp_path / "gitconfig"
    gitconfig.write_text("[user]\n\tname = Orang Lain\n")
    result = make_new(
        content,
        "TITLE=Judul",
        env={"GIT_CONFIG_GLOBAL": str(gitconfig), "GIT_CONFIG_NOSYSTEM": "1"},
    )
    assert result.returncode != 0
    assert 'make new: no AUTHOR given — write make new TITLE="..." AUTHOR="<name>"' in result.stderr


def test_existing_file_is_never_overwritten(content):
    assert make_new(content, "TITLE=Sama Persis", "AUTHOR=Nurhayati").returncode == 0
    path = content / "articles/2026/sama-persis.md"
    path.write_text(path.read_text() + "Teks yang sudah ditulis.\n")
    before = path.read_text()
    result = make_new(content, "TITLE=Sama Persis", "AUTHOR=Munir Husen")
    assert result.returncode != 0
    assert (
        "sama-persis.md already exists — edit that file, or choose another TITLE" in result.stderr
    )
    assert path.read_text() == before


def test_a_300_character_title_gives_a_slug_cut_at_a_word(content):
    """The file name (and URL) stays under NEWS_METADATA_SLUG_MAX_LENGTH, cut after a whole
    word; the title itself is kept whole (issue 11: it crashed with 'File name too long')."""
    title = " ".join(["Pemerintah Kabupaten Bima Salurkan Bantuan"] * 7)  # 300 characters
    assert len(title) == 300
    result = make_new(content, f"TITLE={title}", "AUTHOR=Nurhayati")
    assert result.returncode == 0, result.output_text
    [path] = (content / "articles" / "2026").glob("*.md")
    slug = path.stem
    full = "-".join(title.lower().split())
    assert len(slug) <= 80
    assert full.startswith(slug + "-")  # a prefix of the whole slug, ending before a hyphen
    assert slug == "pemerintah-kabupaten-bima-salurkan-bantuan-pemerintah-kabupaten-bima-salurkan"
    assert path.read_text(encoding="utf-8").startswith(f"Title: {title}\n")
    check = run_tool("check", "-s", TESTCONF, content)
    assert check.returncode == 0, check.output_text


def test_a_title_of_one_long_word_is_cut_hard(content):
    result = make_new(content, "TITLE=" + "a" * 300, "AUTHOR=Nurhayati")
    assert result.returncode == 0, result.output_text
    [path] = (content / "articles" / "2026").glob("*.md")
    assert path.stem == "a" * 80
