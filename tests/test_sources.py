"""news_metadata.sources: the one way checks find a value's line in a source file again."""

from news_metadata.sources import SourceTexts, line_at


def test_line_of_is_the_earliest_of_the_forms_and_reads_the_file_once(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes("\ufeffTitle: A\n\nR&amp;D di [x](/p/a.html)\nR&D\n".encode())
    sources = SourceTexts()
    # The escaped form sits on line 3, the typed one on line 4: the earlier wins.
    assert sources.line_of(str(path), "R&D", "R&amp;D") == 3
    assert sources.line_of(str(path), "/p/a.html") == 3
    assert sources.line_of(str(path), "tidak ada", "") is None
    path.write_text("changed\n", encoding="utf-8")
    assert sources.line_matching(str(path), r"\(/p/") == 3  # the text read first is kept


def test_unreadable_and_non_utf8_files_still_answer(tmp_path):
    bad = tmp_path / "latin.md"
    bad.write_bytes(b"Title: Caf\xe9\nlink /x\n")
    sources = SourceTexts()
    assert sources.line_of(str(bad), "/x") == 2
    assert sources.line_of(str(tmp_path / "missing.md"), "/x") is None
    assert line_at("a\nb\nc", 4) == 3
