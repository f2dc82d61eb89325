"""Hostile and unlucky inputs to build and extract: each gives exit 2 naming the file (and the
line, for records), never a traceback, never a hang; a folder build names every bad file and
builds the rest; two builds into one folder, and builds killed at any point, leave one
consistent set of outputs and no leftovers."""

from __future__ import annotations

import hashlib
import json
import os
import resource
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import TEXT, records_yaml, stop_process
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from made_documents import make_docx, make_scanned_pdf, report_text

from plangraph.cli import main
from plangraph.errors import RecordsError
from plangraph.records.reader import parse_records

CLI = [sys.executable, "-m", "plangraph.cli"]


def _limited() -> None:  # in the child: a runaway read fails in memory, not the machine
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


def _run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=_limited,
        check=False,
    )


# --- what is not a regular file -------------------------------------------------------------


def test_a_link_to_dev_zero_is_refused_at_once(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.symlink_to("/dev/zero")
    started = time.monotonic()
    done = _run("extract", str(report), timeout=30)
    assert done.returncode == 2, done.stderr
    assert f"{report}: is a character device" in done.stderr
    assert "Traceback" not in done.stderr and time.monotonic() - started < 30


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "r.txt"
    os.mkfifo(fifo)
    for command in (["extract", str(fifo)], ["build", str(fifo), "-o", str(tmp_path / "o")]):
        done = _run(*command, timeout=30)  # a blocking open would never return
        assert done.returncode == 2, done.stderr
        assert f"{fifo}: is a named pipe (FIFO)" in done.stderr


def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        done = _run("build", str(path), "-o", str(tmp_path / "o"), timeout=30)
    finally:
        server.close()
    assert done.returncode == 2 and f"{path}: is a socket" in done.stderr


def test_a_file_past_the_limit_is_refused_while_read(tmp_path: Path) -> None:
    from plangraph._files import read_limited
    from plangraph.errors import SourceError

    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 5000)
    with pytest.raises(SourceError, match="limit"):
        read_limited(path, 4096, error=SourceError)
    assert len(read_limited(path, 5000)) == 5000


# --- encodings --------------------------------------------------------------------------------

_REPORT = "2024年山西省政府工作报告\n二、2024年工作安排\n（一）扩大投资\n新建农村公路500公里。\n"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("encoding", "data"),
    [
        ("utf-16-le", _REPORT.encode("utf-16-le")),  # no byte order mark: NULs, not detected
        ("latin-1", b"Report 2024 \xe9t\xe9 \xff\nnew roads 500 km\n"),  # neither UTF-8 nor GB
    ],
)
def test_the_encoding_given_is_honoured_when_detection_fails(
    tmp_path: Path, encoding: str, data: bytes
) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(data)
    out = tmp_path / "records.yaml"
    assert (
        main(["extract", str(path), "--encoding", encoding, "--year", "2024", "-o", str(out), "-q"])
        == 0
    )
    assert (
        main(
            [
                "build",
                str(path),
                "--encoding",
                encoding,
                "--year",
                "2024",
                "-o",
                str(tmp_path / "o"),
                "-q",
            ]
        )
        == 0
    )
    assert main(["extract", str(path), "--year", "2024", "-o", str(out), "-q"]) == 2  # undetected


def test_an_odd_length_utf16_file_is_refused_by_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "odd.txt"
    path.write_bytes(_REPORT.encode("utf-16") + b"\x00")
    assert main(["extract", str(path)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and "odd number of bytes" in err


# --- hostile records --------------------------------------------------------------------------

_DIGEST = hashlib.sha256(TEXT.encode()).hexdigest()
_HEAD = f"""\
format: plangraph-records/1
document:
  id: test-2024
  title: 测试
  year: 2024
  source: {{file: source.txt, sha256: {_DIGEST}, chars: {len(TEXT)}}}
"""
_SPAN = "{start: 12, end: 26, quote: 新建农村公路 4300 公里}"
_TARGET = (
    "targets:\n  - indicator: 新建农村公路\n    unit: KiloM\n    value: {value}\n"
    "    evidence: [{span}]\n"
)
_KEYWORD = "keywords:\n  - n: {n}\n    label: 交通\n    evidence: [{span}]\n"


def _hostile_cases() -> dict[str, tuple[str | bytes, int | None, str]]:
    """name: (records file, line of the problem, what the message says)."""
    deep = "[" * 5000 + "]" * 5000
    aliases = _HEAD + "regions:\n  - &a {code: '140000'}\n  - *a\n"
    laughs = _HEAD + "x: &a [1, 1, 1]\ny: &b [*a, *a, *a, *a]\n"
    return {
        "5000-digit integer": (_HEAD.replace("year: 2024", "year: " + "9" * 5000), 5, "value"),
        "1e999999999": (_HEAD + _TARGET.format(value="1e999999999", span=_SPAN), 10, "10^±"),
        "NUL": (_HEAD.encode() + b"regions: []\x00\n", 7, "U+0000"),
        "merge key": (_HEAD + "regions:\n  - <<: {code: '140000'}\n", 8, "merge key"),
        "python tag": (_HEAD + "regions:\n  - code: !!python/name:os.system\n", 8, "value"),
        "5000-deep": (_HEAD + "regions: " + deep + "\n", 7, "levels deep"),
        "lone surrogate": (_HEAD.replace("title: 测试", 'title: "\\ud800"'), 4, "surrogate"),
        "alias": (aliases, 8, "anchor"),
        "alias bomb": (laughs, 7, "anchor"),
        "year -7": (
            _HEAD + _TARGET.format(value=4300, span=_SPAN) + "    year: -7\n",
            8,
            "expected a year",
        ),
        "keyword 10^20": (
            _HEAD + _KEYWORD.format(n=10**20, span=_SPAN),
            8,
            "18 digits",
        ),
        "keyword 10^17": (
            _HEAD + _KEYWORD.format(n=10**17, span=_SPAN),
            8,
            "from 1 to 9999",
        ),
        "no evidence": (
            _HEAD + _TARGET.format(value=4300, span="").replace(" [{}]", " []"),
            8,
            "evidence",
        ),
    }


@pytest.mark.parametrize("name", list(_hostile_cases()))
def test_hostile_records_exit_2_with_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    content, line, said = _hostile_cases()[name]
    path = tmp_path / "records.yaml"
    path.write_bytes(
        content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass")
    )
    out = tmp_path / "out"
    assert main(["build", str(path), "-o", str(out), "-q"]) == 2
    err = capsys.readouterr().err
    assert f"{path}:{line}" in err and said in err, err
    assert "Traceback" not in err and not out.exists()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_text_gives_records_or_a_records_error(text: str) -> None:
    try:
        parse_records(text)
    except RecordsError:
        pass


_VALID = records_yaml()


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(
    st.integers(0, len(_VALID)),
    st.integers(0, 40),
    st.text(st.characters(codec="utf-8"), max_size=30)
    | st.sampled_from(
        ["&a ", "*a", "<<: ", "!!python/object:x ", "[", "{", "\x00", "9" * 30, "1e999", "\ud800"]
    ),
)
def test_a_damaged_records_file_gives_records_or_a_records_error(
    at: int, cut: int, insert: str
) -> None:
    """A valid file with a piece replaced: never anything but records or a RecordsError."""
    from plangraph.records.checks import check_records

    text = _VALID[:at] + insert + _VALID[at + cut :]
    try:
        records = parse_records(text, "fuzzed.yaml")
        check_records(records, "fuzzed.yaml", [])
    except RecordsError as exc:
        assert exc.path == "fuzzed.yaml"


# --- a folder with bad files among good ones ----------------------------------------------------


@pytest.mark.slow  # processes started and stopped, or waited for
def test_a_folder_build_names_each_bad_file_and_builds_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "source.txt").write_text(TEXT, encoding="utf-8")
    (folder / "records.yaml").write_text(records_yaml(), encoding="utf-8")
    (folder / "good-2025.txt").write_text(report_text(), encoding="utf-8")
    make_docx(folder / "word-2025.docx")
    bad = {
        "deep.yaml": _hostile_cases()["5000-deep"][0],
        "no-evidence.yaml": _hostile_cases()["no evidence"][0],
        "broken.docx": "PK not a zip",
        "menus.html": "<html><body><div class=nav><a href=/>首页</a></div></body></html>",
        "undated.txt": "某某报告\n新建农村公路500公里。\n",
    }
    for name, content in bad.items():
        (folder / name).write_text(str(content), encoding="utf-8")
    make_scanned_pdf(folder / "scan.pdf")
    out = tmp_path / "out"
    assert main(["build", str(folder), "-o", str(out), "-j", "2", "-q"]) == 2
    err = capsys.readouterr().err
    for name in [*bad, "scan.pdf", "source.txt"]:  # source.txt: a text with no year
        assert f"{folder / name}" in err, name
    assert "Traceback" not in err
    trig = (out / "graph.trig").read_text(encoding="utf-8")
    for doc in ("test-2024", "good-2025", "word-2025"):
        assert f"/doc/{doc}>" in trig, doc


# --- output folders ---------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["under-a-file", "trig-is-a-folder"])
def test_an_output_folder_that_cannot_be_written_exits_2(
    records_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    if where == "under-a-file":
        (tmp_path / "afile").write_text("x", encoding="utf-8")
        out = tmp_path / "afile" / "out"
    else:
        out = tmp_path / "out"
        (out / "graph.trig").mkdir(parents=True)
    assert main(["build", str(records_dir / "records.yaml"), "-o", str(out), "-q"]) == 2
    err = capsys.readouterr().err
    assert "cannot write the outputs" in err and str(tmp_path) in err


def _hold_lock(folder: Path) -> subprocess.Popen[str]:
    child = (
        "import sys, time\n"
        "from plangraph._files import writer_lock\n"
        "from plangraph.errors import InputError\n"
        f"with writer_lock({str(folder)!r}, InputError, 'x'):\n"
        "    print('holding', flush=True)\n"
        "    time.sleep(120)\n"
    )
    process = subprocess.Popen([sys.executable, "-c", child], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stdout.readline().strip() == "holding"
    return process


def test_a_second_build_into_a_folder_is_told_who_writes_it(
    records_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["build", str(records_dir / "records.yaml"), "-o", str(out), "-q"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name != ".lock"}
    holder = _hold_lock(out)
    (tmp_path / "second-2025.txt").write_text(report_text(), encoding="utf-8")
    try:
        assert main(["build", str(tmp_path / "second-2025.txt"), "-o", str(out), "-q"]) == 2
        err = capsys.readouterr().err
        assert "being written by another process" in err and f"pid {holder.pid}" in err
    finally:
        stop_process(holder)
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name != ".lock"}
    assert after == before


def _consistent(out: Path) -> None:
    """graph.trig and graph.html are one build's: the cache key names both their digests."""
    from plangraph._files import file_sha256

    fields = (out / ".cache" / "build.key").read_text(encoding="utf-8").split()
    assert fields[4:] == [file_sha256(out / "graph.trig"), file_sha256(out / "graph.html")]


@pytest.mark.slow  # processes started and stopped, or waited for
def test_two_concurrent_builds_leave_one_consistent_pair(tmp_path: Path) -> None:
    inputs = []
    for i in range(2):
        folder = tmp_path / f"in{i}"
        folder.mkdir()
        (folder / f"doc{i}-2024.txt").write_text(report_text().replace("4300", f"43{i}0"))
        inputs.append(folder)
    out = tmp_path / "out"
    builds = [
        subprocess.Popen(
            [*CLI, "build", str(folder), "-o", str(out), "-j", "1"],
            stderr=subprocess.PIPE,
            text=True,
        )
        for folder in inputs
    ]
    try:
        codes = [b.wait(120) for b in builds]
        errors = [b.stderr.read() if b.stderr else "" for b in builds]
    finally:
        for b in builds:
            stop_process(b)
    assert 0 in codes and set(codes) <= {0, 2}, errors
    for code, err in zip(codes, errors, strict=True):
        assert "Traceback" not in err
        if code == 2:
            assert "being written by another process" in err
    _consistent(out)
    assert not [p.name for p in out.iterdir() if p.name.startswith(".staged-")]


@pytest.mark.slow
def test_outputs_are_committed_together_even_when_a_build_dies_midway(
    records_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from plangraph.pipeline import builder

    out = tmp_path / "out"
    builder.build_to([records_dir / "records.yaml"], out)
    old = (out / "graph.trig").read_bytes()
    real = os.replace

    def dies_after_the_graph(src: object, dst: object) -> None:
        real(src, dst)  # type: ignore[arg-type]
        if Path(str(dst)).name == "graph.trig":
            raise KeyboardInterrupt  # killed between the two renames

    second = tmp_path / "second-2025.txt"
    second.write_text(report_text(), encoding="utf-8")
    monkeypatch.setattr(builder.os, "replace", dies_after_the_graph)
    with pytest.raises(KeyboardInterrupt):
        builder.build_to([records_dir / "records.yaml", second], out)
    monkeypatch.setattr(builder.os, "replace", real)
    assert (out / ".commit").exists() and (out / "graph.trig").read_bytes() != old
    builder.finish_commit(out)  # what the next build does first
    assert not (out / ".commit").exists()
    _consistent(out)
    assert "2025年山西省政府工作报告" in (out / "graph.html").read_text(encoding="utf-8")
    assert (out / "texts" / "second-2025.txt").read_text(encoding="utf-8") == report_text()


@pytest.mark.slow
def test_a_full_disk_while_staging_leaves_the_previous_pair(
    records_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from plangraph.pipeline import builder

    out = tmp_path / "out"
    assert main(["build", str(records_dir / "records.yaml"), "-o", str(out), "-q"]) == 0
    before = {n: (out / n).read_bytes() for n in ("graph.trig", "graph.html")}

    def full(*args: object) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(builder, "stage_write", full)
    (tmp_path / "second-2025.txt").write_text(report_text(), encoding="utf-8")
    inputs = [str(records_dir / "records.yaml"), str(tmp_path / "second-2025.txt")]
    assert main(["build", *inputs, "-o", str(out), "-q"]) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert {n: (out / n).read_bytes() for n in before} == before
    _consistent(out)


# --- killed builds ------------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow  # processes started and stopped, or waited for
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_workers_die_with_a_build_killed_outright(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    long = report_text() + "".join(
        f"新建农村公路{i}00公里，推进雄忻高铁建设。\n" for i in range(1, 400)
    )
    for i in range(12):
        (folder / f"r{i:02d}-2025.txt").write_text(long.replace("4300", f"43{i:02d}"))
    build = subprocess.Popen(
        [*CLI, "build", str(folder), "-o", str(tmp_path / "out"), "-j", "2", "--no-html"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert build.stderr is not None
        line = build.stderr.readline()
        while line and not line.startswith("extracted 1/"):
            line = build.stderr.readline()
        workers = _children(build.pid)
        assert len(workers) >= 2, line
        build.send_signal(signal.SIGKILL)
        build.wait(30)
        deadline = time.monotonic() + 15
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not [w for w in workers if _alive(w)]
    finally:
        stop_process(build)


def test_leftovers_of_killed_builds_are_swept_at_the_next_start(
    records_dir: Path, tmp_path: Path
) -> None:
    import tempfile

    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    out = tmp_path / "out"
    assert main(["build", str(records_dir / "records.yaml"), "-o", str(out), "-q"]) == 0
    leftovers = [
        out / f".staged-{dead}-graph.trig.abc123",
        out / f".staged-{dead}-texts.x1",
        out / f".assemble-{dead}-q9",
        Path(tempfile.gettempdir()) / f"plangraph-read-{dead}-z7",
    ]
    for path in leftovers:
        if path.name.endswith(("x1", "q9", "z7")):
            path.mkdir()
            (path / "half.json").write_text("{", encoding="utf-8")
        else:
            path.write_text("half a graph", encoding="utf-8")
    # a commit list of a build killed before its renames: the next start carries it out
    staged_key = out / ".cache" / f".staged-{dead}-build.key.k1"
    staged_key.write_text((out / ".cache" / "build.key").read_text(encoding="utf-8"))
    (out / ".commit").write_text(
        json.dumps({"moves": [[str(staged_key), str(out / ".cache" / "build.key")]]})
    )
    assert main(["build", str(records_dir / "records.yaml"), "-o", str(out), "-q"]) == 0
    assert not [p for p in leftovers[:-1] if p.exists()]
    assert not staged_key.exists() and not (out / ".commit").exists()
    from plangraph.pipeline.corpus import read_inputs

    read_inputs([records_dir / "records.yaml"])  # sweeps the readers' scratch in the temp folder
    assert not leftovers[-1].exists()
