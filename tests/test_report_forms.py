"""One report, several forms: the Word files of ../shared/reports/provinces-2025 give the same
facts as their text twins, and our own Word, web page and PDF fixtures build into graphs whose
every quote checks against the texts saved beside them."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from made_documents import make_docx, make_html, make_pdf, report_text

from plangraph.cli import main
from plangraph.records.model import Records

PROVINCES = Path(__file__).resolve().parents[2] / "shared" / "reports" / "provinces-2025"


def _facts(records: Records) -> dict[str, Counter[tuple[object, ...]]]:
    """What a document states, without offsets: its targets, projects and regions."""
    return {
        "targets": Counter(
            (t.indicator, t.unit, t.value, t.min, t.max, t.qualifier, t.year)
            for t in records.targets
        ),
        "projects": Counter(p.name for p in records.projects),
        "regions": Counter(r.key for r in records.regions),
    }


@pytest.fixture(scope="session")
def twins() -> dict[str, tuple[Records, Records]]:
    """Each provincial report extracted once from its .txt and once from its .docx."""
    if not PROVINCES.is_dir():
        pytest.skip("../shared/reports/provinces-2025 is not present")
    from plangraph.pipeline.corpus import read_inputs

    texts = sorted(PROVINCES.glob("*.txt"))
    words = [t.with_suffix(".docx") for t in texts]
    from_text = read_inputs(texts, jobs=2)
    from_word = read_inputs(words, jobs=2)
    return {t.stem: (a, b) for t, a, b in zip(texts, from_text, from_word, strict=True)}


@pytest.mark.corpus  # reads ../shared
def test_every_word_file_has_its_text_twin(twins: dict[str, tuple[Records, Records]]) -> None:
    assert len(twins) == 24


@pytest.mark.corpus  # reads ../shared
def test_word_files_give_the_facts_of_their_text_twins(
    twins: dict[str, tuple[Records, Records]],
) -> None:
    differences = {}
    for name, (text, word) in twins.items():
        assert word.document.id == text.document.id == name
        assert (word.document.year, word.document.region) == (
            text.document.year,
            text.document.region,
        )
        got, expected = _facts(word), _facts(text)
        for kind in expected:
            if got[kind] != expected[kind]:
                only_word = got[kind] - expected[kind]
                only_text = expected[kind] - got[kind]
                differences[f"{name} {kind}"] = (dict(only_word), dict(only_text))
    assert not differences, differences


@pytest.mark.corpus  # reads ../shared
def test_word_offsets_point_into_the_word_text(twins: dict[str, tuple[Records, Records]]) -> None:
    from plangraph.sources.text import read_source

    for name, (_, word) in list(twins.items())[:3]:
        text = read_source(PROVINCES / f"{name}.docx").text
        assert word.document.source.text_sha256 is not None
        for _, span in word.spans():
            assert text[span.start : span.end] == span.quote


@pytest.fixture(scope="module")
def forms(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Our report as a text, a Word file, a web page and a PDF, in one folder."""
    folder = tmp_path_factory.mktemp("forms")
    (folder / "report.txt").write_text(report_text(), encoding="utf-8")
    make_docx(folder / "report.docx", table=True)
    make_html(folder / "report.html")
    make_pdf(folder / "report.pdf", report_text().splitlines())
    return folder


@pytest.mark.slow
def test_each_form_builds_and_its_quotes_check_against_the_texts_saved(
    forms: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["build", str(forms), "-o", str(out), "-j", "2", "-q"]) == 0
    saved = sorted(p.name for p in (out / "texts").iterdir())
    # one report in four forms: four documents, named by their form
    assert saved == ["report-docx.txt", "report-html.txt", "report-pdf.txt", "report-txt.txt"]
    for name in ("report-html.txt", "report-pdf.txt", "report-txt.txt"):
        assert (out / "texts" / name).read_text(encoding="utf-8") == report_text()
    capsys.readouterr()
    assert main(["validate", str(out / "graph.trig"), "--source-dir", str(out / "texts")]) == 0
    printed = capsys.readouterr().out
    assert "conforms" in printed and "quotes: all" in printed and "of 4 document(s)" in printed
    # the reports themselves serve as well: read again as the build read them
    assert main(["validate", str(out / "graph.trig"), "--source-dir", str(forms)]) == 0


@pytest.mark.slow
def test_a_quote_that_does_not_match_its_text_fails_validation(
    forms: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["build", str(forms / "report.pdf"), "-o", str(out), "-q", "--no-html"]) == 0
    trig = out / "graph.trig"
    trig.write_text(
        trig.read_text(encoding="utf-8").replace('"雄忻高铁"', '"雄安高铁"'), encoding="utf-8"
    )
    capsys.readouterr()
    assert main(["validate", str(trig), "--source-dir", str(out / "texts")]) == 1
    assert "the quote is '雄安高铁', the text has '雄忻高铁'" in capsys.readouterr().out


@pytest.mark.slow
def test_a_text_missing_or_changed_is_named(
    forms: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["build", str(forms / "report.html"), "-o", str(out), "-q", "--no-html"]) == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert main(["validate", str(out / "graph.trig"), "--source-dir", str(elsewhere)]) == 2
    assert "no text for" in capsys.readouterr().err
    saved = out / "texts" / "report.txt"
    saved.write_text(report_text().replace("4300", "4400"), encoding="utf-8")
    assert main(["validate", str(out / "graph.trig"), "--source-dir", str(out / "texts")]) == 2
    assert "was built from a text with sha256" in capsys.readouterr().err


def test_extract_reads_every_form_and_saves_the_text_read(forms: Path, tmp_path: Path) -> None:
    from plangraph.records.reader import load_records

    for suffix in ("docx", "html", "pdf"):
        records_file = tmp_path / f"{suffix}.yaml"
        text_file = tmp_path / f"{suffix}.txt"
        argv = ["extract", str(forms / f"report.{suffix}"), "-o", str(records_file)]
        assert main([*argv, "--text", str(text_file), "-q"]) == 0
        records = load_records(records_file)  # the report beside it is found and read again
        assert records.document.source.file == f"report.{suffix}"
        text = text_file.read_text(encoding="utf-8")
        assert all(text[s.start : s.end] == s.quote for _, s in records.spans())
        assert any(p.name == "雄忻高铁" for p in records.projects)
