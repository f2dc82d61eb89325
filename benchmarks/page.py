"""Time for the network page to settle in headless Chromium, against pyvis's default page.

For 300, 1,000 and 3,000 nodes, a synthetic dataset is made the way real ones are: copies of the
bundled sample's records as further documents (their own keywords, measures, targets and
projects; the regions and the industry scheme shared), turned into RDF by ``rdfize`` and projected
by ``to_networkx``, then trimmed to the size. The same graph is drawn three ways:

- plangraph's page, full network (``view="full"``), time to its ``settled`` mark;
- plangraph's page as a user gets it (``view="auto"``: the keyword overview above 1,500 nodes);
- pyvis's default page for the same nodes and edges (``Network()`` with its default options,
  assets inlined with ``cdn_resources="in_line"``, its remote Bootstrap links removed so that it
  runs offline), time to vis-network's ``stabilized`` event.

Times are from navigation start (``performance.now()``), medians over ``--runs`` loads; pyvis's
default is loaded once per size and waited for at most ``--cap`` seconds. For each size the page's
bytes are printed with the embedded CJK font and without it (``embed_font=False``), the baseline.

With ``--reports DIR`` (e.g. ``../shared/reports``) the 48 provincial reports (``provinces-*``)
are built too, and their page timed as it opens (``auto``: the matrix of themes × documents)
against the same page opened on the keyword overview (the earlier default for large graphs):
bytes, time to make the page, time to open. Needs the ``dev`` extra (playwright) and a Chromium
(``/usr/bin/chromium`` or ``$PLANGRAPH_CHROMIUM``).

Run: ``python benchmarks/page.py [--sizes 300 1000 3000] [--runs 3] [--cap 120] [--reports DIR]``.
"""

from __future__ import annotations

import argparse
import copy
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx


def synthetic(size: int) -> nx.DiGraph:
    """A projection of about ``size`` nodes: the sample and copies of it as later documents."""
    from plangraph.graph.rdfize import rdfize
    from plangraph.records.reader import load_records
    from plangraph.view.notebook import sample_path
    from plangraph.view.projection import to_networkx

    base = load_records(sample_path())
    per_copy = sum(len(getattr(base, k)) for k in ("keywords", "measures", "projects", "tasks"))
    per_copy += len(base.targets)
    copies = [base]
    while 350 + per_copy * (len(copies) - 1) < size:
        n = len(copies)
        rec = copy.deepcopy(base)
        rec.document.id = f"{base.document.id}-copy{n}"
        rec.document.title = f"{base.document.title}（副本 {n}）"
        rec.document.year = base.document.year + n
        renamed = {p.name: f"{p.name}（{n}）" for p in rec.projects}
        for project in rec.projects:
            project.name = renamed[project.name]
        for target in rec.targets:
            if target.project is not None:
                target.project = renamed.get(target.project, target.project)
        copies.append(rec)
    net = to_networkx(rdfize(copies))
    last = copies[-1].document.id
    removable = [
        n
        for n, a in net.nodes(data=True)
        if a["documents"] == [last] and a["type"] in ("Measure", "Target", "LivelihoodTask")
    ]
    while len(net) > size and removable:
        net.remove_node(removable.pop())
        for node in [n for n, a in net.nodes(data=True) if a["type"] in ("Region", "Industry")]:
            if not any(r != "within" for *_, r in net.edges(node, data="relation")) and not any(
                r != "within" for *_, r in net.in_edges(node, data="relation")
            ):
                net.remove_node(node)
    return net


def pyvis_default(net: nx.DiGraph) -> str:
    """pyvis's default page for the same graph, made to run offline."""
    try:
        from pyvis.network import Network
    except ImportError:
        sys.exit("the baseline needs pyvis: pip install -e '.[bench]'")

    vis = Network(cdn_resources="in_line")
    for node, attrs in net.nodes(data=True):
        vis.add_node(node, label=attrs["label"], title=attrs["label"])
    for a, b in net.edges():
        vis.add_edge(a, b)
    page = vis.generate_html()
    # pyvis links Bootstrap from a CDN even when the vis assets are inlined
    page = re.sub(r"<link[^>]*href=\"https?://[^>]*>", "", page)
    page = re.sub(r"<script[^>]*src=\"https?://[^>]*>\s*</script>", "", page)
    hook = (
        "<script>network.on('stabilized', function () {"
        " if (!window.__settledMs) { window.__settledMs = performance.now(); } });</script>"
    )
    return page.replace("</body>", hook + "</body>")


def _chromium() -> str:
    found = os.environ.get("PLANGRAPH_CHROMIUM") or shutil.which("chromium")
    if not found:
        sys.exit("no Chromium found: install Debian's chromium or set PLANGRAPH_CHROMIUM")
    return found


def _load(browser: Any, path: Path, expression: str, cap: float) -> float | None:
    """Milliseconds from navigation start until ``expression`` gives a number, or None."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        page.goto(path.as_uri())
        page.wait_for_function(f"() => {expression}", timeout=cap * 1000)
        return float(page.evaluate(f"() => {expression}"))
    except Exception as exc:  # playwright's TimeoutError and friends
        if "Timeout" in type(exc).__name__ or "Timeout" in str(exc):
            return None
        raise
    finally:
        page.close()


def _fmt(ms: float | None, cap: float) -> str:
    return f"> {cap:.0f} s" if ms is None else f"{ms / 1000:.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 1000, 3000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cap", type=float, default=120.0, help="seconds to wait for pyvis")
    parser.add_argument("--reports", type=Path, help="also time the 48 provincial reports' page")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    from plangraph.view.page import to_html

    ours_mark = "Number(document.body.dataset.settledMs) || false"
    theirs_mark = "window.__settledMs || false"
    rows = []
    sizes: list[tuple[int, int, int]] = []
    reports: list[str] = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=_chromium(), args=["--no-sandbox", "--disable-gpu"]
        )
        for size in args.sizes:
            started = time.perf_counter()
            net = synthetic(size)
            made = time.perf_counter() - started
            pages = {
                "full": to_html(net, view="full"),
                "auto": to_html(net, view="auto"),
            }
            html_time = time.perf_counter() - started - made
            plain = to_html(net, view="auto", embed_font=False)
            sizes.append((len(net), len(pages["auto"].encode()), len(plain.encode())))
            files = {}
            for name, page in {**pages, "pyvis": pyvis_default(net)}.items():
                files[name] = Path(tmp) / f"{size}-{name}.html"
                files[name].write_text(page, encoding="utf-8")
            full = [_load(browser, files["full"], ours_mark, args.cap) for _ in range(args.runs)]
            auto = [_load(browser, files["auto"], ours_mark, args.cap) for _ in range(args.runs)]
            theirs = _load(browser, files["pyvis"], theirs_mark, args.cap)
            ok_full = [t for t in full if t is not None]
            ok_auto = [t for t in auto if t is not None]
            med_full = statistics.median(ok_full) if len(ok_full) == len(full) else None
            med_auto = statistics.median(ok_auto) if len(ok_auto) == len(auto) else None
            rows.append((len(net), net.number_of_edges(), med_full, med_auto, theirs))
            print(
                f"{len(net):5d} nodes {net.number_of_edges():5d} links: graph {made:.1f} s,"
                f" pages {html_time:.1f} s;"
                f" plangraph full {_fmt(med_full, args.cap)},"
                f" auto {_fmt(med_auto, args.cap)}, pyvis default {_fmt(theirs, args.cap)}",
                flush=True,
            )
        if args.reports:
            reports = _reports(browser, Path(tmp), args.reports, args.runs, args.cap)
        browser.close()

    print()
    print("nodes  links  plangraph full  plangraph auto  pyvis default  default / full")
    for nodes, links, full_ms, auto_ms, theirs_ms in rows:
        if theirs_ms is None:
            ratio = f"> {args.cap * 1000 / full_ms:.0f}x" if full_ms else "—"
        else:
            ratio = f"{theirs_ms / full_ms:.0f}x" if full_ms else "—"
        print(
            f"{nodes:5d}  {links:5d}  {_fmt(full_ms, args.cap):>14}  {_fmt(auto_ms, args.cap):>14}"
            f"  {_fmt(theirs_ms, args.cap):>13}  {ratio:>14}"
        )
    print(f"(times from navigation start, median of {args.runs}; pyvis default once, capped)")
    print()
    print("nodes  page bytes  without the font  font adds")
    for nodes, with_font, without in sizes:
        print(
            f"{nodes:5d}  {with_font:10,d}  {without:16,d}  {with_font - without:9,d}"
            f" ({with_font / without - 1:+.0%})"
        )
    for line in reports:
        print(line)


def _reports(browser: Any, tmp: Path, folder: Path, runs: int, cap: float) -> list[str]:
    """The provincial reports' page: opened on the matrix (auto) and on the keyword overview."""
    from plangraph.pipeline.builder import build_to
    from plangraph.view.page import to_html
    from plangraph.view.projection import to_networkx

    texts = sorted(folder.glob("provinces-*/*.txt"))
    build_to(texts, tmp / "reports", html=False, keep_going=True)
    net = to_networkx(tmp / "reports" / "graph.trig")
    lines = ["", f"{len(texts)} reports: {len(net):,} nodes, {net.number_of_edges():,} links"]
    mark = "Number(document.body.dataset.settledMs) || false"
    opened = {}
    for view in ("auto", "overview"):
        started = time.perf_counter()
        page = to_html(net, view=view)  # type: ignore[arg-type]
        made = time.perf_counter() - started
        path = tmp / f"reports-{view}.html"
        path.write_text(page, encoding="utf-8")
        times = [_load(browser, path, mark, cap) for _ in range(runs)]
        ok = [t for t in times if t is not None]
        opened[view] = statistics.median(ok) if len(ok) == len(times) else None
        lines.append(
            f"  {view:8s} ({'matrix' if view == 'auto' else 'keyword ring'}):"
            f" {len(page.encode()):,} bytes, made in {made:.1f} s,"
            f" opens in {_fmt(opened[view], cap)}"
        )
    if opened["auto"] and opened["overview"]:
        lines.append(f"  overview / matrix: {opened['overview'] / opened['auto']:.1f}x")
    return lines


if __name__ == "__main__":
    main()
