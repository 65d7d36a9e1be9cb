"""Raw HTML in an article body must be balanced (plugins/news_metadata/balance.py): pairs of
input and the expected (line, start of message), small and many."""

import pytest
from news_metadata.balance import problems

HEAD = "Title: X\nDate: 2024-05-01 08:00\n\n"  # header ends on line 2; the body starts on 4


def found(body):
    return [(line, message.split(":")[0]) for line, message, _ in problems(HEAD + body, 2)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<div>\nIsi.\n", [(4, "<div> is opened here and never closed")]),
        ("Isi.\n</div>\n", [(5, "</div> closes nothing")]),
        (
            "<b>tebal <i>miring</b></i>\n",
            [
                (4, "</i> closes nothing"),
                (4, "<i> is opened here and never closed before </b> on line 4"),
            ],
        ),
        ('<span title="a>b">x\n', [(4, "<span> is opened here and never closed")]),
        ("<DIV>x</div>\n", []),
        ("<div>\n\nIsi **tebal**.\n\n</div>\n", []),
        ("<p>satu\n<p>dua\n<ul><li>a<li>b</ul>\n", []),  # optional end tags
        ("a<br>b<img src=x.jpg><hr/>\n", []),  # void elements
        ("<span/>\n", []),
        ("Pakai `<div>` untuk blok.\n", []),  # code span
        ("```html\n<div>\n```\n", []),  # fenced code
        ("Contoh:\n\n    <div>\n\nSelesai.\n", []),  # indented code
        ("<!-- <div> -->\n", []),  # comment
        ("Tulis \\<div> saja.\n", []),  # escaped
        ("Lihat <https://bima.go.id> dan a < b > c.\n", []),  # autolink, comparison
        ("Harga <naik> lagi.\n", []),  # not an element name
    ],
)
def test_balance(body, expected):
    assert found(body) == expected


def test_header_lines_are_not_checked():
    assert problems("Title: Pakai <b> tebal\n\nIsi.\n", 1) == []


def test_every_problem_has_a_fix():
    for _line, _message, fix in problems(HEAD + "<div>\n</span>\n", 2):
        assert fix.startswith(("add ", "delete "))
