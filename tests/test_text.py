"""Reading source texts: encodings detected, offsets kept, bad files refused with a reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plangraph.errors import SourceError
from plangraph.sources.text import decode_source, fold, read_source

TEXT = "关键词 1\r\n## 交通先行\r\n新建农村公路４３００公里，占比８３％。\r\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("utf-16"), "utf-16"),
    ],
    ids=["utf-8", "utf-8-bom", "gb18030", "utf-16-bom"],
)
def test_encodings_are_detected_and_text_kept_exactly(data: bytes, encoding: str) -> None:
    source = decode_source(data)
    assert source.text == TEXT  # CRLF and full-width kept: offsets refer to this text
    assert source.encoding == encoding


def test_fold_keeps_length_and_folds_full_width() -> None:
    folded = fold(TEXT)
    assert len(folded) == len(TEXT)
    assert "4300公里" in folded and "83%" in folded
    assert "，" in folded  # CJK punctuation stays


@given(st.text())
def test_fold_is_same_length_on_any_text(text: str) -> None:
    assert len(fold(text)) == len(text)


def test_binary_file_is_refused_with_offset(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(SourceError, match="binary") as info:
        read_source(path)
    assert info.value.offset == 8 and info.value.exit_code == 2


def test_undetectable_encoding_names_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes("报告".encode() + b"\xff\xff\xff")
    with pytest.raises(SourceError, match="cannot tell the encoding") as info:
        read_source(path)
    assert info.value.offset == 6


def test_given_encoding_that_does_not_fit(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes("政府工作报告".encode("gbk"))
    with pytest.raises(SourceError, match="cannot be decoded as utf-8"):
        read_source(path, encoding="utf-8")
    assert read_source(path, encoding="gbk").text == "政府工作报告"


@pytest.mark.parametrize("content", [b"", b"  \n\t\n"])
def test_empty_text(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(SourceError, match="empty"):
        read_source(path)


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: no 100 MB actually written
        handle.truncate(100 * 1024 * 1024)
    with pytest.raises(SourceError, match="104.9 MB"):
        read_source(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file"):
        read_source(tmp_path / "nowhere.txt")
