"""Comments: every bad-input path (issue 3, item 7 and the format's own rules), the dev build
that reports and keeps every comment, and the editor's scaffold CLI."""

import re

import pytest
from conftest import GOOD_HEADER
from workflow import run_module

ARTICLE = "articles/2024/berita.md"
ARTICLE_ID = "20240501-berita"
FOLDER = f"comments/{ARTICLE_ID}"
PAGE = "2024/05/judul-baik.html"  # slug from "Judul Baik"


OTHER_HEADER = GOOD_HEADER.replace("Judul Baik", "Judul Lain")


def article(id_line=f"Id: {ARTICLE_ID}\n", path=ARTICLE, header=GOOD_HEADER):
    """An article file; line 5 is ``id_line`` (default ``Id: 20240501-berita``)."""
    return {path: header + id_line + "\nIsi berita.\n"}


def comment(author="Author: Budi\n", date="Date: 2024-05-02 10:00\n", extra="", body="Isi.\n"):
    return author + date + extra + "\n" + body


GOOD = comment()

CASES = [
    pytest.param(
        {"comments/20240501-beritaa/c1.md": GOOD},
        "content/comments/20240501-beritaa: comment folder '20240501-beritaa' belongs to no "
        "article: no article has 'Id: 20240501-beritaa' — if the article was taken down, archive "
        "the comments: move the folder to content/_arsip/comments/20240501-beritaa/ (never "
        "published; make takedown does it for you); if the article was deleted by mistake, "
        "restore it (git checkout -- <file>); if its Id changed, rename the folder to the "
        "article's new Id, perhaps '20240501-berita'",
        id="folder-for-missing-article",
    ),
    pytest.param(
        {f"{FOLDER}/c1.md": GOOD, f"{FOLDER}/c2.md": comment(extra="Reply-To: c9\n")},
        f"content/{FOLDER}/c2.md:3: Reply-To 'c9' is not a comment on this article — write "
        "the file name (without .md) of a comment in",
        id="reply-to-missing-comment",
    ),
    pytest.param(
        {
            f"{FOLDER}/c1.md": comment(extra="Reply-To: c2\n"),
            f"{FOLDER}/c2.md": comment(date="Date: 2024-05-03 10:00\n", extra="Reply-To: c1\n"),
        },
        f"content/{FOLDER}/c1.md:3: Reply-To makes a loop (→ means 'replies to'): "
        "c1 → c2 → c1 — a comment cannot answer one of its own replies",
        id="reply-cycle",
    ),
    pytest.param(
        {f"{FOLDER}/c1.md": comment(extra="Reply-To: c1\n")},
        f"content/{FOLDER}/c1.md:3: Reply-To makes a loop (→ means 'replies to'): c1 → c1",
        id="reply-to-itself",
    ),
    pytest.param(
        {f"{FOLDER}/c1.md": comment(author="")},
        f"content/{FOLDER}/c1.md:1: the comment has no Author: — add a line "
        "'Author: <the commenter's name>' to the header",
        id="missing-author",
    ),
    pytest.param(
        {f"{FOLDER}/c1.md": comment(author="Author:\n")},
        f"content/{FOLDER}/c1.md:1: Author is empty — write the commenter's name",
        id="empty-author",
    ),
    pytest.param(
        {f"{FOLDER}/c1.md": comment(date="")},
        f"content/{FOLDER}/c1.md:1: the comment has no Date: — add a line "
        "'Date: YYYY-MM-DD HH:MM' (WITA",
        id="missing-date",
    ),
    pytest.param(
        {f"{FOLDER}/c1.md": comment(date="Date: kemarin sore\n")},
        f"content/{FOLDER}/c1.md:2: Date 'kemarin sore' is not a date this site accepts — "
        "write it as YYYY-MM-DD HH:MM in WITA",
        id="invalid-date",
    ),
    pytest.param(
        {f"{FOLDER}/c1.md": comment(date="Date: 31/02/2024 10:00\n")},
        f"content/{FOLDER}/c1.md:2: Date '31/02/2024 10:00' is not a real date (read day first)",
        id="impossible-date",
    ),
    pytest.param(
        {
            **article("Id: 20240502-lain\n", "articles/2024/lain.md", OTHER_HEADER),
            f"{FOLDER}/c1.md": GOOD,
            "comments/20240502-lain/c1.md": GOOD,
        },
        re.compile(
            r"content/comments/20240502-lain/c1\.md: comment id 'c1' is already used by "
            rf"\S*content/{FOLDER}/c1\.md — give one of the two files a new name"
        ),
        id="duplicate-comment-id",
    ),
    pytest.param(
        {f"{FOLDER}/c1.md": comment(extra="Url: javascript:alert(1)\n")},
        f"content/{FOLDER}/c1.md:3: Url 'javascript:alert(1)' is not an http:// or https:// "
        "address — write the commenter's web address in full",
        id="bad-url",
    ),
    pytest.param(
        {f"{FOLDER}/c1.md": comment(extra="Url: https://\n")},
        f"content/{FOLDER}/c1.md:3: Url 'https://' has no host name",
        id="url-without-host",
    ),
    pytest.param(
        {f"{FOLDER}/c1.md": comment(extra="Reply-to: c0\nAuthr: Budi\n")},
        f"content/{FOLDER}/c1.md:4: unknown comment key 'Authr' (did you mean 'Author'?)",
        id="unknown-key",
    ),
    pytest.param(
        {f"{FOLDER}/c1.md": comment(body="")},
        f"content/{FOLDER}/c1.md: the comment has no text — paste the comment below the header",
        id="no-text",
    ),
    pytest.param(
        {f"{FOLDER}/c1.md": comment(body="(Tempel teks komentar di sini, lalu hapus baris ini.)")},
        f"content/{FOLDER}/c1.md: the comment still has the placeholder text from 'make comment'",
        id="placeholder-left",
    ),
    pytest.param(
        {"comments/c1.md": GOOD},
        "content/comments/c1.md: a comment file must be inside its article's folder",
        id="comment-outside-folder",
    ),
    pytest.param(
        {f"{FOLDER}/c1.txt": GOOD},
        f"content/{FOLDER}/c1.txt: not a comment file (a comment is one .md file in the "
        "article's folder)",
        id="not-markdown",
    ),
    pytest.param(
        {f"{FOLDER}/komentar budi.md": GOOD},
        f"content/{FOLDER}/komentar budi.md: comment id 'komentar budi' is not a valid file name",
        id="comment-file-name",
    ),
    pytest.param(
        article("Id: Berita Satu\n"),
        f"content/{ARTICLE}:5: Id 'Berita Satu' is not a valid article id — use lowercase "
        "letters, digits and hyphens only",
        id="invalid-article-id",
    ),
    pytest.param(
        # Reported once, by news_metadata.ids.
        article(path="articles/2024/lain.md", header=OTHER_HEADER),
        re.compile(
            rf"content/articles/2024/lain\.md:5: Id '{ARTICLE_ID}' is also the Id of "
            rf"\S*content/{ARTICLE} — every article needs its own Id"
        ),
        id="duplicate-article-id",
    ),
]


@pytest.mark.parametrize(("files", "message"), CASES)
def test_publish_build_fails_with_message(make_site, files, message):
    built = make_site({**article(), **files})
    assert built.result.returncode == 1, built.result.output_text
    if isinstance(message, str):
        assert message in built.result.stderr, built.result.stderr
    else:
        assert message.search(built.result.stderr), built.result.stderr
    assert "the site was not published" in built.result.stderr


def test_shared_article_id_without_newsroom_tools(make_site):
    files = {**article(), **article(path="articles/2024/lain.md", header=OTHER_HEADER)}
    built = make_site(files, "publishconf.py", "-e", 'PLUGINS=["news_metadata", "comments"]')
    assert built.result.returncode == 1, built.result.output_text
    assert re.search(
        rf"content/articles/2024/lain\.md:5: Id '{ARTICLE_ID}' is also the Id of "
        rf"\S*content/{ARTICLE} — every article needs its own Id",
        built.result.stderr,
    ), built.result.stderr
    assert "1 content error(s)" in built.result.stderr


def test_dev_build_reports_and_keeps_every_comment(make_site):
    files = {
        **article(),
        f"{FOLDER}/c1.md": GOOD,
        f"{FOLDER}/c2.md": comment(author="", extra="Reply-To: c9\n", body="Tanpa nama."),
        f"{FOLDER}/c3.md": comment(date="Date: kemarin\n", body="Tanggal salah."),
        "comments/20240501-beritaa/c4.md": GOOD,
    }
    built = make_site(files, "pelicanconf.py")
    assert built.result.returncode == 0, built.result.output_text
    out = " ".join(built.result.output_text.split())
    for message in (
        "c2.md:1: the comment has no Author:",
        "c2.md:2: Reply-To 'c9' is not a comment on this article",
        "c3.md:2: Date 'kemarin' is not a date this site accepts",
        "comment folder '20240501-beritaa' belongs to no article",
        "4 content error(s) above; the publish build would fail on them",
    ):
        assert message in out, message
    section = built.soup(PAGE).select_one("section#komentar")
    top = [li["id"] for li in section.select("ol.comment-list > li")]
    # c2's parent is missing: it is shown at the top level; c3 has no date: it comes last.
    assert top == ["komentar-c1", "komentar-c2", "komentar-c3"]
    c2 = section.select_one("#komentar-c2")
    assert c2.select_one(".comment-author").get_text(strip=True) == "Tanpa nama"
    assert section.select_one("#komentar-c3").find("time") is None


# --- make comment ARTICLE=<id>: python -m newsroom_cli.comment new <id> ----------------------


def run_cli(content, *args, epoch="1714532400"):
    """Run the CLI as `make comment` does. 1714532400 is 2024-05-01 03:00 UTC, 11:00 WITA."""
    return run_module(
        "newsroom_cli.comment", "--content", content, *args, env={"SOURCE_DATE_EPOCH": epoch}
    )


def test_cli_scaffolds_a_comment_that_builds_once_filled_in(make_site, tmp_path):
    assert make_site(article()).result.returncode == 0
    content = tmp_path / "content"
    result = run_cli(content, "new", ARTICLE_ID)
    assert result.returncode == 0, result.stderr
    files = list((content / FOLDER).iterdir())
    assert len(files) == 1
    assert re.fullmatch(r"20240501-1100-[0-9a-f]{4}\.md", files[0].name), files[0].name
    assert f"created {files[0]}" in result.stdout
    text = files[0].read_text(encoding="utf-8")
    assert "Date: 2024-05-01 11:00\n" in text and text.startswith("Author:\n")

    # Not filled in yet: the publish build refuses it.
    unfilled = make_site({})
    assert unfilled.result.returncode == 1
    assert f"{files[0].name}:1: Author is empty" in unfilled.result.stderr
    assert "still has the placeholder text" in unfilled.result.stderr

    # The editor's part: a name and the reader's text.
    files[0].write_text(
        text.replace("Author:\n", "Author: Budi Santoso\n", 1).replace(
            "(Tempel teks komentar di sini, lalu hapus baris ini.)", "Terima kasih, *redaksi*."
        ),
        encoding="utf-8",
    )
    built = make_site({})
    assert built.result.returncode == 0, built.result.output_text
    item = built.soup(PAGE).select_one(f"#komentar-{files[0].stem}")
    assert item.select_one(".comment-author").get_text(strip=True) == "Budi Santoso"
    assert item.select_one(".comment-body em").get_text() == "redaksi"


def test_cli_second_comment_gets_a_fresh_id_and_can_reply(make_site, tmp_path):
    make_site(article())
    content = tmp_path / "content"
    assert run_cli(content, "new", ARTICLE_ID).returncode == 0
    first = next((content / FOLDER).iterdir()).stem
    result = run_cli(content, "new", ARTICLE_ID, "--reply-to", first)
    assert result.returncode == 0, result.stderr
    second = [p for p in (content / FOLDER).iterdir() if p.stem != first]
    assert len(second) == 1
    assert f"Reply-To: {first}\n" in second[0].read_text(encoding="utf-8")


def test_cli_unknown_article_or_comment(make_site, tmp_path):
    make_site(article())
    content = tmp_path / "content"
    result = run_cli(content, "new", "20240501-beritaa")
    assert result.returncode == 2
    assert (
        "error: no article has Id '20240501-beritaa' (did you mean '20240501-berita'?)"
        in result.stderr
    )
    result = run_cli(content, "new", ARTICLE_ID, "--reply-to", "c9")
    assert result.returncode == 2
    assert f"error: article '{ARTICLE_ID}' has no comment 'c9'" in result.stderr
    assert not (content / FOLDER).exists()


def test_cli_lists_ids_and_falls_back_to_the_file_name(make_site, tmp_path):
    make_site({**article(), **article("", "articles/2024/tanpa-id.md", OTHER_HEADER)})
    result = run_cli(tmp_path / "content", "list")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith(ARTICLE_ID) and "Judul Baik" in line for line in lines)
    assert any(line.startswith("2024-tanpa-id") and "(no Id: line" in line for line in lines)


# --- the web editor's form: the same header as YAML front matter (plugins/cms) ---------------


def front_matter(text):
    """A comment file with its ``Key: value`` header between ``---`` lines, as the web editor
    writes it (the key lines move down by one; plain values are valid YAML as they are)."""
    head, blank, body = text.partition("\n\n")
    return "---\n" + head + "\n---\n" + blank + body if head else text


def moved(message):
    """The message for the front-matter form: the comment file's line number plus one (a
    missing key is reported at line 1, the header's first line, in both forms)."""
    if not isinstance(message, str) or "comments/" not in message:
        return message
    if "the comment has no " in message:
        return message
    return re.sub(r"(comments/\S+\.md):(\d+):", lambda m: f"{m[1]}:{int(m[2]) + 1}:", message)


@pytest.mark.parametrize(("files", "message"), CASES)
def test_front_matter_comments_fail_with_the_same_message(make_site, files, message):
    files = {
        path: front_matter(text) if path.startswith("comments/") else text
        for path, text in files.items()
    }
    built = make_site({**article(), **files})
    assert built.result.returncode == 1, built.result.output_text
    if isinstance(message, str):
        assert moved(message) in built.result.stderr, built.result.stderr
    else:
        assert message.search(built.result.stderr), built.result.stderr


def test_front_matter_comment_builds_like_the_plain_one(make_site):
    yaml_form = (
        f"---\narticle: {ARTICLE_ID}\nauthor: 'Budi: warga Rasanae'\ndate: 2024-05-02 10:00\n"
        "---\n\nSemoga *berlanjut*.\n"
    )
    built = make_site({**article(), f"{FOLDER}/c1.md": yaml_form})
    assert built.result.returncode == 0, built.result.output_text
    section = built.soup(PAGE).select_one("section#komentar")
    assert section.select_one(".comment-author").get_text(strip=True) == "Budi: warga Rasanae"
    assert section.select_one("#komentar-c1 em").get_text() == "berlanjut"


@pytest.mark.parametrize(
    ("header", "message"),
    [
        pytest.param(
            "article: 20240501-lain\nauthor: Budi\ndate: 2024-05-02 10:00\n",
            ":2: article '20240501-lain' is not the id of this comment's folder "
            f"('{ARTICLE_ID}') — write 'article: {ARTICLE_ID}'",
            id="other-article",
        ),
        pytest.param(
            "author: 'Budi\ndate: 2024-05-02 10:00\n", ":2: the header is not valid YAML", id="yaml"
        ),
        pytest.param(
            "author:\n  - Budi\n  - Ani\ndate: 2024-05-02 10:00\n",
            ":2: author must be one value — write 'author: value' on one line",
            id="list",
        ),
    ],
)
def test_front_matter_comment_errors(make_site, header, message):
    built = make_site({**article(), f"{FOLDER}/c1.md": "---\n" + header + "---\n\nIsi.\n"})
    assert built.result.returncode == 1, built.result.output_text
    assert f"content/{FOLDER}/c1.md{message}" in built.result.stderr, built.result.stderr
    assert "1 content error(s)" in built.result.stderr, built.result.stderr
