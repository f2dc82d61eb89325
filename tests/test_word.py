"""Word files: paragraphs and tables in order, numbered lists with their numbers, broken files
refused by name."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from made_documents import TABLE, make_docx, report_text

from plangraph.errors import SourceError
from plangraph.sources.text import read_source
from plangraph.sources.word import docx_text, format_number


def test_numbered_headings_get_their_numbers_from_the_definitions(tmp_path: Path) -> None:
    source = read_source(make_docx(tmp_path / "report.docx"))
    assert source.text == report_text()  # 一、 and （一） come from numbering.xml, not the text
    assert source.form == "docx"
    assert source.sha256 != source.text_sha256  # the file's bytes and the text read differ


def test_a_table_is_read_in_place_one_row_a_line(tmp_path: Path) -> None:
    text = read_source(make_docx(tmp_path / "report.docx", table=True)).text
    lines = text.splitlines()
    goals = next(i for i, line in enumerate(lines) if line.startswith("今年发展的主要预期目标"))
    assert lines[goals + 1 : goals + 4] == ["\t".join(row) for row in TABLE]
    assert lines[goals + 4] == "（一）扩大有效投资"


@pytest.mark.parametrize(
    ("n", "fmt", "shown"),
    [
        (3, "decimal", "3"),
        (3, "chineseCounting", "三"),
        (11, "chineseCounting", "十一"),
        (20, "chineseCountingThousand", "二十"),
        (2, "chineseLegalSimplified", "贰"),
        (4, "decimalEnclosedCircle", "④"),
        (3, "decimalEnclosedParen", "⑶"),
        (2, "ideographTraditional", "乙"),
        (28, "lowerLetter", "bb"),
        (14, "upperRoman", "XIV"),
        (5, "decimalFullWidth", "５"),
        (7, "decimalZero", "07"),
        (25, "decimalEnclosedCircle", "25"),  # past the circled run: digits
    ],
)
def test_number_formats(n: int, fmt: str, shown: str) -> None:
    assert format_number(n, fmt) == shown


_NUMBERED = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
{paragraphs}
</w:body></w:document>"""
_LEVELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="1">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/>
 </w:lvl>
 <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/>
  <w:lvlText w:val="%3"/><w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/>
 <w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
</w:numbering>"""


def _docx(paragraphs: list[tuple[str, int | None, int]]) -> bytes:
    """A minimal Word package: ``(text, numId or None, level)`` paragraphs."""
    body = []
    for text, num, level in paragraphs:
        numbered = (
            f'<w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr></w:pPr>'
            if num is not None
            else ""
        )
        body.append(f"<w:p>{numbered}<w:r><w:t>{text}</w:t></w:r></w:p>")
    types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
        '"application/xml"/><Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override '
        'PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.numbering+xml"/></Types>'
    )
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package_rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
        f'{rel}/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    document_rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
        f'{rel}/numbering" Target="numbering.xml"/></Relationships>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", package_rels)
        archive.writestr("word/_rels/document.xml.rels", document_rels)
        archive.writestr("word/document.xml", _NUMBERED.format(paragraphs="".join(body)))
        archive.writestr("word/numbering.xml", _LEVELS)
    return buffer.getvalue()


def test_levels_count_restart_and_continue_as_word_shows_them() -> None:
    data = _docx(
        [
            ("目标", 1, 0),
            ("增长", 1, 1),
            ("就业", 1, 1),
            ("甲", 1, 2),
            ("乙", 1, 2),
            ("任务", 1, 0),  # the second item of the top level restarts the levels below it
            ("投资", 1, 1),
            ("不编号", None, 0),
            ("续编", 2, 0),  # another list of the same definition, restarted at 5
        ]
    )
    assert docx_text(data).splitlines() == [
        "1. 目标",
        "1.1 增长",
        "1.2 就业",
        "①甲",
        "②乙",
        "2. 任务",
        "2.1 投资",
        "不编号",
        "5. 续编",
    ]


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04 not really a zip",
        b"plain text with a .docx name",
        b"",
    ],
    ids=["broken-zip", "not-a-zip", "empty"],
)
def test_a_broken_word_file_is_refused_by_name(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(data)
    with pytest.raises(SourceError) as caught:
        read_source(path)
    assert str(path) in str(caught.value) and caught.value.exit_code == 2


def test_a_truncated_word_file_is_refused(tmp_path: Path) -> None:
    whole = make_docx(tmp_path / "whole.docx").read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(SourceError, match="cannot be read as a Word file"):
        read_source(path)


def test_a_zip_that_is_no_word_file(tmp_path: Path) -> None:
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "hello")
    with pytest.raises(SourceError, match="Word file"):
        read_source(path)
