"""Many documents: parallel extraction, the cache, and one bad document among good ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import stop_process

from plangraph.cli import main
from plangraph.pipeline.builder import build_to
from plangraph.pipeline.corpus import read_inputs

PLAN = "2031年某某省政府工作报告\n二、2031年工作安排\n（一）扩大投资\n新建农村公路500公里。\n"
REVIEW = "2032年某某省政府工作报告\n一、2031年工作回顾\n（一）扩大投资\n新建农村公路520公里。\n"


@pytest.fixture
def texts(tmp_path: Path) -> list[Path]:
    paths = []
    for name, text in (("plan-2031.txt", PLAN), ("report-2032.txt", REVIEW)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _read(paths: list[Path], cache: Path | None = None, jobs: int = 1) -> tuple[list, int, int]:
    """Records of ``paths``, and how many were extracted and taken from the cache."""
    said: list[str] = []
    records = read_inputs(paths, jobs=jobs, cache_dir=cache, progress=said.append)
    extracted = sum(m.startswith("extracted ") for m in said)
    cached = sum(int(m.split()[0]) for m in said if m.endswith("taken from the cache"))
    return records, extracted, cached


def test_parallel_extraction_keeps_the_order_given(texts: list[Path]) -> None:
    failures: list = []
    records = read_inputs(list(reversed(texts)), jobs=2, failures=failures)
    assert [r.document.id for r in records] == ["report-2032", "plan-2031"]
    assert not failures


def test_unchanged_documents_come_from_the_cache(texts: list[Path], tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first, *counts = _read(texts, cache)
    again, *again_counts = _read(texts, cache)
    assert counts == [2, 0]
    assert again_counts == [0, 2]
    assert [r.targets for r in again] == [r.targets for r in first]
    texts[0].write_text(PLAN.replace("500", "600"), encoding="utf-8")
    changed, *changed_counts = _read(texts, cache)
    assert changed_counts == [1, 1]
    assert changed[0].targets[0].value == 600


def test_a_bad_document_is_named_and_the_others_are_built(
    texts: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "undated.txt"
    bad.write_text("某某报告\n新建农村公路500公里。\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", *map(str, texts), str(bad), "-o", str(out), "-j", "1"]) == 2
    err = capsys.readouterr().err
    assert "undated.txt" in err and "--year" in err and "document skipped" in err
    assert (out / "graph.trig").exists()
    trig = (out / "graph.trig").read_text(encoding="utf-8")
    assert "doc/plan-2031" in trig and "doc/report-2032" in trig


def test_consecutive_reports_are_linked_in_the_build(texts: list[Path], tmp_path: Path) -> None:
    result = build_to(texts, tmp_path / "out", jobs=1, html=False)
    (link,) = result.links
    assert (link.earlier, link.later, link.kind) == ("plan-2031", "report-2032", "target")
    assert link.status == "exceeded"  # 520 km reported against 500 km planned
    trig = result.outputs[0].read_text(encoding="utf-8")
    assert f"pg:reports id:{link.commitment}" in trig or f"/{link.commitment}>" in trig


def test_two_files_with_the_same_text_keep_their_own_ids(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    paths = []
    for name in ("a-2031.txt", "b-2031.txt"):
        path = tmp_path / name
        path.write_text(PLAN, encoding="utf-8")
        paths.append(path)
    _read(paths, cache)
    again, _, cached = _read(paths, cache)
    assert cached == 2
    assert [r.document.id for r in again] == ["a-2031", "b-2031"]


def test_rebuilds_reuse_document_graphs_and_give_the_same_file(
    texts: list[Path], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    first = build_to(texts, out, jobs=2, html=False).outputs[0].read_bytes()
    assert len(list((out / ".cache" / "graphs").glob("*.trig"))) == 2
    again = build_to(texts, out, jobs=1, html=False).outputs[0].read_bytes()
    assert again == first
    texts[0].write_text(PLAN.replace("500", "600"), encoding="utf-8")
    changed = build_to(texts, out, jobs=1, html=False).outputs[0].read_bytes()
    assert changed != first and b"600" in changed and b"500" not in changed


def test_the_first_rebuild_already_keeps_the_graph(texts: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "out"
    messages: list[str] = []
    first = build_to(texts, out, jobs=1, html=False)
    again = build_to(texts, out, jobs=1, html=False, progress=messages.append)
    assert "nothing changed since the last build: its outputs are kept" in messages
    assert again.triples == first.triples and again.outputs == first.outputs
    (out / "graph.trig").write_text("edited by hand", encoding="utf-8")  # outputs changed: rebuild
    messages.clear()
    build_to(texts, out, jobs=1, html=False, progress=messages.append)
    assert "nothing changed: the previous graph is kept" not in messages
    assert (out / "graph.trig").read_text(encoding="utf-8").startswith("@prefix")


@pytest.mark.slow
def test_a_changed_plan_changes_the_status_of_the_report_that_reviews_it(
    texts: list[Path], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    (first,) = build_to(texts, out, jobs=1, html=False).links
    assert first.status == "exceeded"  # 520 km reported against 500 km planned
    texts[0].write_text(PLAN.replace("500", "600"), encoding="utf-8")  # only the plan changes
    (again,) = build_to(texts, out, jobs=1, html=False).links
    assert again.status == "not-met"  # the report's graph is re-made: 520 km against 600 km
    assert "pg:NotMet" in (out / "graph.trig").read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_cache_keeps_only_what_the_last_build_used(texts: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_to(texts, out, jobs=1, html=False)
    cache = out / ".cache"
    before = sorted(p.name for p in cache.rglob("*") if p.is_file())
    for i in range(3):
        texts[0].write_text(PLAN.replace("500", str(600 + i)), encoding="utf-8")
        build_to(texts, out, jobs=1, html=False)
    after = sorted(p.name for p in cache.rglob("*") if p.is_file())
    assert len(after) == len(before)  # old records and graphs of the plan were removed
    assert len(list((cache / "graphs").glob("*.trig"))) == 2


def test_a_build_killed_outright_leaves_nothing_that_lasts(
    texts: list[Path], tmp_path: Path
) -> None:
    import os
    import subprocess
    import sys

    out = tmp_path / "out"
    first = build_to(texts, out, jobs=1, html=False).outputs[0].read_bytes()
    # what a build killed with SIGKILL leaves: its scratch folder, named by a pid now dead
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    (out / f".assemble-{dead}-x1y2" / "records").mkdir(parents=True)
    (out / f".assemble-{os.getpid()}-live").mkdir()  # a running build's: kept
    texts[0].write_text(PLAN.replace("500", "700"), encoding="utf-8")
    build_to(texts, out, jobs=1, html=False)
    assert not (out / f".assemble-{dead}-x1y2").exists()
    assert (out / f".assemble-{os.getpid()}-live").exists()
    assert (out / "graph.trig").read_bytes() != first


def test_a_folder_gives_its_documents_in_subfolders_too_but_not_readmes_or_hidden_files(
    tmp_path: Path,
) -> None:
    from plangraph.pipeline.corpus import expand_inputs

    corpus = tmp_path / "corpus"
    for name, text in (("a/plan-2031.txt", PLAN), ("b/report-2032.txt", REVIEW)):
        (corpus / name).parent.mkdir(parents=True, exist_ok=True)
        (corpus / name).write_text(text, encoding="utf-8")
    (corpus / "README.md").write_text("# what these texts are\n", encoding="utf-8")
    (corpus / "out" / ".cache").mkdir(parents=True)
    (corpus / "out" / ".cache" / "x.json").write_text("{}", encoding="utf-8")
    (corpus / ".notes.txt").write_text("2031年 notes", encoding="utf-8")
    assert [p.relative_to(corpus).as_posix() for p in expand_inputs([corpus])] == [
        "a/plan-2031.txt",
        "b/report-2032.txt",
    ]
    (link,) = build_to([corpus], tmp_path / "out", jobs=1, html=False).links
    assert (link.earlier, link.later) == ("plan-2031", "report-2032")


def test_a_build_stopped_with_sigterm_leaves_the_previous_outputs(
    texts: list[Path], tmp_path: Path, corpus: Path
) -> None:
    import signal
    import subprocess
    import sys
    import time

    out = tmp_path / "out"
    before = build_to(texts, out, jobs=1, html=False).outputs[0].read_bytes()
    command = [sys.executable, "-m", "plangraph.cli", "build", *map(str, texts)]
    command += [*map(str, sorted(corpus.glob("*.txt"))), "-o", str(out), "-j", "2", "--no-cache"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr is not None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # stop it once it is extracting
            line = process.stderr.readline()
            if not line or line.startswith("extracted 1/"):
                break
        process.send_signal(signal.SIGTERM)
        assert process.wait(60) == 130
        assert "interrupted" in process.stderr.read()
    finally:
        stop_process(process)
    assert (out / "graph.trig").read_bytes() == before
    # no scratch left: the outputs, the cache and the (free) lock
    assert sorted(p.name for p in out.iterdir()) == [".cache", ".lock", "graph.trig", "texts"]


def test_texts_with_the_same_name_in_two_folders_get_the_folders_in_their_ids(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    for folder, text in (("甲省", PLAN), ("乙省", PLAN.replace("500", "800"))):
        (corpus / folder).mkdir(parents=True)
        (corpus / folder / "2031.txt").write_text(text, encoding="utf-8")
    (corpus / "甲省" / "2032.txt").write_text(REVIEW, encoding="utf-8")  # named once: keeps it
    result = build_to([corpus], tmp_path / "out", jobs=1, html=False)
    ids = sorted(d.id for d in result.documents)
    assert ids[0] == "2032" and len(ids) == 3 and len(set(ids)) == 3
    assert all(i.startswith(("jia-sheng-2031", "yi-sheng-2031")) for i in ids[1:])
    (tmp_path / "out" / ".cache" / "build.key").unlink()  # read again, from the cache
    again = build_to([corpus], tmp_path / "out", jobs=1, html=False).documents
    assert sorted(d.id for d in again) == ids and all(d.from_cache for d in again)


@pytest.mark.slow
def test_a_project_named_two_ways_in_two_documents_is_one_valid_node(tmp_path: Path) -> None:
    """One node, one label (the name that identifies it), each spelling kept as another name."""
    from plangraph import validate
    from plangraph.graph.rdfio import load_dataset

    plan = (
        "2031年某某省政府工作报告\n二、2031年工作安排\n（一）扩大投资\n"
        "加快建设黄河古贤水利枢纽工程。\n"
    )
    review = (
        "2032年某某省政府工作报告\n一、2031年工作回顾\n（一）扩大投资\n古贤水利枢纽工程开工建设。\n"
    )
    paths = []
    for name, text in (("plan-2031.txt", plan), ("report-2032.txt", review)):
        paths.append(tmp_path / name)
        paths[-1].write_text(text, encoding="utf-8")
    result = build_to(paths, tmp_path / "out", jobs=1, html=False)
    dataset = load_dataset(result.outputs[0])
    report = validate(dataset)
    assert report.conforms, report.results[:3]
    from rdflib import RDFS, SKOS

    from plangraph.graph.rdfize import project_iri

    node = project_iri("古贤水利枢纽工程")
    labels = {(str(o), g) for _, _, o, g in dataset.quads((node, RDFS.label, None, None))}
    assert {label for label, _ in labels} == {"古贤水利枢纽工程"} and len(labels) == 2  # 2 graphs
    other = {str(o) for _, _, o, _ in dataset.quads((node, SKOS.altLabel, None, None))}
    assert other == {"黄河古贤水利枢纽工程"}


def test_a_report_reviewing_two_versions_of_one_plan_builds_a_valid_graph(
    corpus: Path, tmp_path: Path
) -> None:
    """The 2024 summary as text and as reviewed records: the 2025 report reviews both, and each
    link gets an outcome of its own."""
    from plangraph import validate
    from plangraph._resources import data_file
    from plangraph.graph.rdfio import load_dataset

    inputs = [
        data_file("shanxi-2024.yaml"),
        corpus / "shanxi-2024-keywords.txt",
        corpus / "shanxi-2025.txt",
    ]
    result = build_to(inputs, tmp_path / "out", html=False)
    assert {link.earlier for link in result.links} == {"shanxi-2024", "shanxi-2024-keywords"}
    report = validate(load_dataset(result.outputs[0]))
    assert report.conforms, report.results[:3]
