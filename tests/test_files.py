"""Files are written all or nothing, as UTF-8, with the line endings they were given."""

import pytest

from krcn_lab.files import atomic_path, write_atomically


def test_write_atomically_writes_utf8_and_keeps_line_endings(tmp_path):
    path = tmp_path / "quotes.csv"
    write_atomically(path, "id,quote\r\n1,“Wang Yi” — 왕이\n")
    assert path.read_bytes() == "id,quote\r\n1,“Wang Yi” — 왕이\n".encode("utf-8")
    write_atomically(path, "replaced")
    assert path.read_bytes() == b"replaced"
    assert [p.name for p in tmp_path.iterdir()] == ["quotes.csv"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError, match="disk full"):
        with atomic_path(path) as temporary:
            temporary.write_text("half", encoding="utf-8")
            raise RuntimeError("disk full")
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_text_that_cannot_be_encoded_leaves_the_old_file(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        write_atomically(path, "lone surrogate \ud800")
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
