"""Make the README's pictures of the bundled sample's network, in headless Chromium.

Writes ``docs/img/sample-network.png`` (the whole network as it opens) and
``docs/img/sample-network-detail.png`` (one keyword clicked: its neighbourhood highlighted, the
details panel open, zoomed in so that the labels read). Needs the ``dev`` extra (playwright) and
a Chromium (``/usr/bin/chromium`` or ``$PLANGRAPH_CHROMIUM``).

Run: ``python scripts/screenshot.py [--out docs/img]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KEYWORD = "https://w3id.org/plangraph/id/keyword/shanxi-2024/1"
SETTLED = "() => document.body.dataset.settled === 'true'"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    args = parser.parse_args()
    executable = os.environ.get("PLANGRAPH_CHROMIUM") or shutil.which("chromium")
    if not executable:
        sys.exit("no Chromium found: install Debian's chromium or set PLANGRAPH_CHROMIUM")

    from playwright.sync_api import sync_playwright

    import plangraph

    net = plangraph.to_networkx(plangraph.build())
    title = "plangraph — 2024, 这些关键词描绘山西高质量发展新蓝图"
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        page_file = Path(tmp) / "graph.html"
        page_file.write_text(plangraph.to_html(net, title=title), encoding="utf-8")
        browser = pw.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1600, "height": 1000})
        page.goto(page_file.as_uri())
        page.wait_for_function(SETTLED)
        page.wait_for_timeout(300)
        whole = args.out / "sample-network.png"
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
        page.wait_for_timeout(300)
        detail = args.out / "sample-network-detail.png"
        page.screenshot(path=str(detail))
        print(f"wrote {detail}")
        browser.close()


if __name__ == "__main__":
    main()
