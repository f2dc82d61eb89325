"""Make the README's pictures of plangraph's page, in headless Chromium at 1440 × 900.

Writes into ``docs/img/``:

- ``sample-network.png``: the bundled sample's network as it opens (fitted, its keywords',
  projects' and regions' labels at 13–15 px);
- ``sample-network-detail.png``: one keyword clicked: its neighbourhood highlighted, the details
  panel open, zoomed in so that the labels of measures and targets show too;
- with ``--reports`` (default ``../shared/reports``, when present), the 48 provincial reports
  (2025 and 2026) built into a temporary folder: ``reports-matrix.png`` (the page as it opens:
  themes and indicators × documents) and ``reports-part.png`` (one cell clicked: that theme of
  that report as a network).

Needs the ``dev`` extra (playwright) and a Chromium (``/usr/bin/chromium`` or
``$PLANGRAPH_CHROMIUM``). Run: ``python scripts/screenshot.py [--out docs/img] [--reports DIR]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
KEYWORD = "https://w3id.org/plangraph/id/keyword/shanxi-2024/1"
SETTLED = "() => document.body.dataset.settled === 'true'"
SIZE = {"width": 1440, "height": 900}
# the cell of the reports' matrix to open: a theme of a report
CELL = "#matrix circle.cell[data-kind=theme][data-doc='zhejiang-2026'][data-row='2']"


def _sample(browser: Any, out: Path, tmp: Path) -> None:
    import plangraph

    net = plangraph.to_networkx(plangraph.build())
    title = "plangraph — 2024, 这些关键词描绘山西高质量发展新蓝图"
    page_file = tmp / "sample.html"
    page_file.write_text(plangraph.to_html(net, title=title), encoding="utf-8")
    page = browser.new_page(viewport=SIZE)
    page.goto(page_file.as_uri())
    page.wait_for_function(SETTLED)
    page.wait_for_timeout(400)
    whole = out / "sample-network.png"
    page.screenshot(path=str(whole))
    print(f"wrote {whole}")

    box = page.locator("#network").bounding_box()
    assert box is not None
    at = page.evaluate("(id) => plangraph.position(id)", KEYWORD)
    page.mouse.click(box["x"] + at["x"], box["y"] + at["y"])
    near = [KEYWORD, *net.successors(KEYWORD), *net.predecessors(KEYWORD)]
    # fit the neighbourhood into what the details panel leaves free on the right
    page.evaluate(
        """(ids) => {
            const network = plangraph.network;
            network.fit({nodes: ids, animation: false});
            const scale = network.getScale() * 0.8;
            const at = network.getViewPosition();
            network.moveTo({position: {x: at.x + 190 / scale, y: at.y}, scale});
        }""",
        near,
    )
    page.mouse.move(box["x"] + 8, box["y"] + box["height"] - 8)  # no tooltip in the way
    page.wait_for_timeout(500)
    detail = out / "sample-network-detail.png"
    page.screenshot(path=str(detail))
    print(f"wrote {detail}")
    page.close()


def _reports(browser: Any, out: Path, tmp: Path, reports: Path) -> None:
    from plangraph.pipeline.builder import build_to

    texts = sorted(reports.glob("provinces-*/*.txt"))
    print(f"building {len(texts)} reports…", flush=True)
    build_to(texts, tmp / "reports", keep_going=True)
    page = browser.new_page(viewport=SIZE)
    page.goto((tmp / "reports" / "graph.html").as_uri())
    page.wait_for_function(SETTLED, timeout=60_000)
    page.wait_for_timeout(400)
    matrix = out / "reports-matrix.png"
    page.screenshot(path=str(matrix))
    print(f"wrote {matrix}")
    cell = page.locator(CELL)
    if not cell.count():
        cell = page.locator("#matrix circle.cell[data-kind=theme]").first
    cell.click()
    page.wait_for_function(SETTLED, timeout=60_000)
    page.mouse.move(SIZE["width"] - 8, SIZE["height"] - 8)
    page.wait_for_timeout(500)
    part = out / "reports-part.png"
    page.screenshot(path=str(part))
    print(f"wrote {part}")
    page.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    parser.add_argument("--reports", type=Path, default=ROOT.parent / "shared" / "reports")
    args = parser.parse_args()
    executable = os.environ.get("PLANGRAPH_CHROMIUM") or shutil.which("chromium")
    if not executable:
        sys.exit("no Chromium found: install Debian's chromium or set PLANGRAPH_CHROMIUM")

    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        _sample(browser, args.out, Path(tmp))
        if args.reports.is_dir():
            _reports(browser, args.out, Path(tmp), args.reports)
        else:
            print(f"{args.reports} is not present: no pictures of the reports")
        browser.close()


if __name__ == "__main__":
    main()
