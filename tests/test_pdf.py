"""PDFs: paragraphs re-joined across lines and pages, running headers and page numbers left out,
no stray spaces in Chinese; scans, locked and broken files refused by name."""

from __future__ import annotations

from pathlib import Path

import pytest
from made_documents import HEADER, make_pdf, make_scanned_pdf, report_text

from plangraph.errors import SourceError
from plangraph.sources.pdf import _join, _line_text
from plangraph.sources.text import read_source


@pytest.fixture(scope="module")
def report_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pdf")
    return make_pdf(folder / "report.pdf", report_text().splitlines())


def test_paragraphs_come_back_whole_without_page_furniture(report_pdf: Path) -> None:
    import pdfplumber

    with pdfplumber.open(report_pdf) as pdf:  # the fixture is what it claims to be
        assert len(pdf.pages) >= 2
        assert all(HEADER in page.extract_text() for page in pdf.pages)
    source = read_source(report_pdf)
    assert source.text == report_text()  # one paragraph a line, across the page break too
    assert HEADER not in source.text and "—" not in source.text.replace("——2025", "")
    assert source.form == "pdf"


def test_line_text_puts_spaces_only_between_latin_words() -> None:
    def chars(*items: tuple[str, float]) -> list[dict[str, object]]:
        return [{"text": t, "x0": x, "x1": x + 10, "size": 10} for t, x in items]

    # a justified Chinese line: gaps between the characters, and a space glyph
    spread = chars(("增", 0), ("长", 14), (" ", 26), ("5", 30), ("%", 40), ("左", 55))
    assert _line_text(spread) == "增长5%左"
    latin = chars(("A", 0), ("I", 10), ("p", 25), ("l", 35), ("u", 45), ("s", 55))
    assert _line_text(latin) == "AI plus"


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["城镇新增就业4", "5万人以上"], "城镇新增就业45万人以上"),  # a number broken at a line end
        (["建设", "open source", "平台"], "建设open source平台"),
        (["the open", "source lab"], "the open source lab"),
        (["a well-", "known plan"], "a well-known plan"),
    ],
)
def test_lines_are_joined_without_stray_spaces(lines: list[str], joined: str) -> None:
    assert _join(lines) == joined


def test_a_scan_is_refused_for_having_no_text_layer(tmp_path: Path) -> None:
    path = make_scanned_pdf(tmp_path / "scan.pdf")
    with pytest.raises(SourceError, match="no text layer") as caught:
        read_source(path)
    assert caught.value.path == str(path) and caught.value.exit_code == 2


def test_a_pdf_locked_with_a_password_is_refused(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "locked.pdf", report_text().splitlines()[:3], password="secret")
    with pytest.raises(SourceError, match="encrypted") as caught:
        read_source(path)
    assert caught.value.path == str(path)


@pytest.mark.parametrize("cut", [0.5, 0.05])
def test_a_truncated_pdf_is_refused(tmp_path: Path, report_pdf: Path, cut: float) -> None:
    data = report_pdf.read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: int(len(data) * cut)])
    with pytest.raises(SourceError) as caught:
        read_source(path)
    assert caught.value.path == str(path) and caught.value.exit_code == 2


def test_what_is_not_a_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "page.pdf"
    path.write_text("<html>not a pdf</html>", encoding="utf-8")
    with pytest.raises(SourceError, match="does not start with %PDF"):
        read_source(path)
