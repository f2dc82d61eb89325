"""The command line, in-process: exit codes, messages, and what is (not) written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import records_yaml

from plangraph.cli import main


@pytest.mark.slow
def test_build_then_validate_the_bundled_sample(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["build", "-o", str(out)]) == 0
    assert (out / "graph.trig").stat().st_size > 10_000
    html = (out / "graph.html").read_text(encoding="utf-8")
    assert "vis.Network" in html
    assert "built 1 document(s)" in capsys.readouterr().err
    assert main(["validate", str(out / "graph.trig")]) == 0
    assert capsys.readouterr().out.startswith("conforms")


def test_validate_reports_violations_with_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix pg: <https://w3id.org/plangraph/ontology#> .\n"
        '<https://w3id.org/plangraph/id/region/x> a pg:Region ; pg:adcode "12345" .\n',
        encoding="utf-8",
    )
    assert main(["validate", str(bad)]) == 1
    assert "does not conform" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "no such file"), ("", "empty"), ("@prefix broken", "not valid turtle")],
)
def test_validate_unreadable_input_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, message: str
) -> None:
    path = tmp_path / "data.ttl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and message in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.yaml", None, "no such file"),
        ("empty.yaml", "", "empty"),
        ("syntax.yaml", "format: [unclosed\n", "YAML syntax error"),
        ("unknown-keyword.yaml", "KEYWORD7", "unknown keyword 7"),
        ("unknown-region.yaml", "REGION", "unknown region"),
    ],
)
def test_bad_build_input_exits_2_and_leaves_outputs_alone(
    records_dir: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: str | None,
    message: str,
) -> None:
    out = records_dir / "out"
    assert main(["build", str(records_dir / "records.yaml"), "-o", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    path = records_dir / name
    if content == "KEYWORD7":
        content = records_yaml().replace(
            "    keyword: 1\n    measure:", "    keyword: 7\n    measure:"
        )
    elif content == "REGION":
        content = records_yaml().replace('regions: ["140900"]', 'regions: ["140100"]')
    if content is not None:
        path.write_text(content, encoding="utf-8")
    capsys.readouterr()
    assert main(["build", str(path), "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and str(path) in err and message in err
    assert {
        p.name: p.read_bytes() for p in out.iterdir() if p.is_file()
    } == before  # nothing half-written


def test_two_documents_with_the_same_id(
    records_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = records_dir / "copy.yaml"
    copy.write_text(records_yaml(), encoding="utf-8")
    assert (
        main(["build", str(records_dir / "records.yaml"), str(copy), "-o", str(records_dir / "o")])
        == 2
    )
    err = capsys.readouterr().err
    # the second file is named and skipped; the first is built
    assert "copy.yaml" in err and "also used by" in err and "document skipped" in err
    assert "doc/test-2024" in (records_dir / "o" / "graph.trig").read_text(encoding="utf-8")


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert main(["frobnicate"]) == 2
    assert main(["build", "--no-such-flag"]) == 2


def test_help_answers_fast_without_heavy_imports() -> None:
    code = (
        "import sys, time; t = time.perf_counter(); from plangraph.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('rdflib', 'pyshacl', 'pandas', 'jieba', 'pyvis', 'networkx',"
        " 'pypinyin')"
        " if m in sys.modules]\n"
        "print(heavy, file=sys.stderr)"
    )
    # Start-up time itself is measured in benchmarks/cli_startup.py, not asserted here.
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stderr.strip() == "[]"
    assert "build" in done.stdout and "validate" in done.stdout
