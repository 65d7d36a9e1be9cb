"""news_metadata.filenames: the file a dead link missed, and only a real near miss."""

from news_metadata import filenames


def test_near_miss_finds_capitals_accents_and_hash_names_but_never_the_link_itself(tmp_path):
    (tmp_path / "images").mkdir()
    for name in ("Foto.JPG", "kafe\u0301.jpg", "peta#2.png", "biasa.jpg"):
        (tmp_path / "images" / name).write_bytes(b"x")
    assert filenames.near_miss(tmp_path, "images/foto.jpg") == "images/Foto.JPG"
    assert filenames.near_miss(tmp_path, "Images/foto.jpg") == "images/Foto.JPG"  # folders too
    assert filenames.near_miss(tmp_path, "images/kaf\u00e9.jpg") == "images/kafe\u0301.jpg"
    assert filenames.near_miss(tmp_path, "images/peta", "#2.png") == "images/peta#2.png"
    assert filenames.near_miss(tmp_path, "images/biasa.jpg") is None  # exists: no near miss
    assert filenames.near_miss(tmp_path, "images/lain.jpg") is None
    assert filenames.near_miss(tmp_path, "../images/foto.jpg") is None
    assert filenames.near_miss(tmp_path, "content/images/biasa.jpg") == "images/biasa.jpg"
    assert filenames.explain("content/images/biasa.jpg", "images/biasa.jpg") == (
        "there is 'images/biasa.jpg': paths are written from content/, without 'content/'",
        "write 'images/biasa.jpg'",
    )
    assert filenames.explain("images/foto.jpg", "images/Foto.JPG")[0].startswith(
        "there is 'images/Foto.JPG': capitals differ"
    )
    assert (
        "'#' and '?' end the file name" in filenames.explain("images/peta", "images/peta#2.png")[0]
    )
