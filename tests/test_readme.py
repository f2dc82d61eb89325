"""The README's examples, run as typed: their printed output must still be what the README
shows (a line that is only ``…`` stands for any lines; ``…`` inside a line for any text)."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

# The examples whose output is deterministic and needs nothing the test does not make.
CHECKED = (
    "plangraph build\n",
    "plangraph build --store store",
    "plangraph extract ../shared/corpus/national-2024.txt",
    "plangraph inspect ",
    "plangraph eval ",
    "plangraph track ",
)

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not (SHARED / "reports").is_dir(), reason="../shared is not present"),
]


def _examples() -> list[tuple[str, list[str]]]:
    """(command, expected output lines) of each checked example, in README order."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    out: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", text, re.S):
        command: str | None = None
        lines: list[str] = []
        for line in block.splitlines():
            if line.startswith("$ "):
                if command is not None:
                    out.append((command, lines))
                command, lines = line[2:], []
            else:
                lines.append(line)
        if command is not None:
            out.append((command, lines))
    return [(c, lines) for c, lines in out if (c + "\n").startswith(CHECKED)]


def _matches(expected: list[str], got: list[str]) -> bool:
    """Whether ``got`` is ``expected`` with its ellipses filled."""
    if not expected:
        return not got
    head, rest = expected[0], expected[1:]
    if head.strip() == "…":
        return any(_matches(rest, got[i:]) for i in range(len(got) + 1))
    if not got:
        return False
    pattern = ".*".join(re.escape(part) for part in head.rstrip().split("…"))
    return bool(re.fullmatch(pattern, got[0].rstrip())) and _matches(rest, got[1:])


EXAMPLES = _examples()


def test_the_readme_has_the_examples_this_test_runs() -> None:
    assert len(EXAMPLES) >= 6


@pytest.mark.parametrize(("command", "expected"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_readme_example(command: str, expected: list[str], tmp_path: Path) -> None:
    line = command.split("  #")[0]
    assert line.startswith("plangraph ")
    # a working folder of its own, laid out as the README assumes: data/ and tests/ of the
    # project, ../shared beside it, and nothing built yet
    work = tmp_path / "work"
    work.mkdir()
    for name in ("data", "tests"):
        (work / name).symlink_to(ROOT / name)
    (tmp_path / "shared").symlink_to(SHARED)
    env = dict(os.environ, PYTHONIOENCODING="utf-8", COLUMNS="200")
    shell_line = f"{shlex.quote(sys.executable)} -m plangraph {line[len('plangraph ') :]}"
    result = subprocess.run(
        ["/bin/sh", "-c", shell_line],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    got = (result.stderr + result.stdout).splitlines()
    assert _matches(expected, got), "\n".join(["README:", *expected, "printed:", *got])
