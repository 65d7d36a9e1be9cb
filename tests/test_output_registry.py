"""The output-path registry (news_metadata/outputs.py): one path is a file or a folder."""

import pytest
from news_metadata.errors import collector
from news_metadata.outputs import Registry


@pytest.fixture(autouse=True)
def errors():
    collector.reset()
    yield collector.errors
    collector.reset()


@pytest.mark.parametrize(
    "first, second",
    [("label/garam", "label/garam/index.html"), ("label/garam/index.html", "label/garam")],
)
def test_a_file_where_another_writer_needs_a_folder_is_a_conflict_naming_both(
    errors, first, second
):
    registry = Registry()
    assert registry.claim(first, "the first writer")
    assert not registry.claim(second, "the second writer")
    (error,) = errors
    assert str(error) == (
        f"pelicanconf.py: the first writer would be written to {first} and the second writer "
        f"to {second}: one path cannot be a file and a folder — give one of the two settings "
        "another path"
    )
    assert list(registry.claims) == [first]


def test_neighbours_with_a_common_folder_are_no_conflict(errors):
    registry = Registry()
    assert registry.claim("label/garam/index.html", "the tag page")
    assert registry.claim("label/garam/2/index.html", "its page 2")
    assert registry.claim("label/garam.html", "a page beside it")
    assert errors == []
