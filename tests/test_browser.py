"""The page in a real browser: headless Chromium, driven by Playwright, opening the file itself.

Skipped, with the reason, where Playwright or Chromium is missing; under CI (``CI=true``) a
missing browser fails instead, so the checks cannot silently vanish. Chromium is Debian's
(``apt-get install chromium``; ``.ci/run`` installs it), or whatever ``PLANGRAPH_CHROMIUM`` names.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from plangraph import build, to_networkx
from plangraph.view.clusters import overview
from plangraph.view.kinds import NODE_TYPES
from plangraph.view.page import to_html
from plangraph.view.select import select

ID = "https://w3id.org/plangraph/id/"
HOSTILE = "<img src=x onerror=alert(1)>"
SNEAKY = "<img src=x onerror=\"document.body.dataset.pwned='yes'\">"
SETTLED = "() => document.body.dataset.settled === 'true'"


@pytest.fixture(scope="session")
def playwright(chromium: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(chromium: str, playwright: Any) -> Iterator[Any]:
    launched = playwright.chromium.launch(
        executable_path=chromium, args=["--no-sandbox", "--disable-gpu"]
    )
    yield launched
    launched.close()


@dataclass
class Opened:
    page: Any
    url: str
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def point(self, node: str) -> tuple[float, float]:
        """Where ``node`` is on the screen."""
        box = self.page.locator("#network").bounding_box()
        at = self.js("(id) => plangraph.position(id)", node)
        return box["x"] + at["x"], box["y"] + at["y"]


def _open(browser: Any, path: Path, width: int = 1280, height: int = 800) -> Iterator[Opened]:
    page = browser.new_page(viewport={"width": width, "height": height})
    opened = Opened(page, path.as_uri())
    page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: opened.errors.append(str(e)))
    page.on("request", lambda r: opened.requests.append(r.url))

    def dialog(d: Any) -> None:
        opened.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    page.goto(opened.url)
    page.wait_for_function(SETTLED, timeout=30_000)
    yield opened
    page.close()


@pytest.fixture(scope="module")
def net() -> nx.DiGraph:
    return to_networkx(build())


@pytest.fixture(scope="module")
def sample_file(net: nx.DiGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("page") / "graph.html"
    path.write_text(to_html(net, title="plangraph — 山西 2024"), encoding="utf-8")
    return path


@pytest.fixture
def sample(browser: Any, sample_file: Path) -> Iterator[Opened]:
    yield from _open(browser, sample_file)


def _named(net: nx.DiGraph, label: str) -> str:
    (node,) = [n for n, a in net.nodes(data=True) if a["label"] == label]
    return node


def _shown(opened: Opened) -> set[str]:
    return set(opened.js("() => plangraph.shown()"))


def test_loads_from_file_offline_without_errors(sample: Opened) -> None:
    assert sample.errors == []
    assert sample.requests == [sample.url]  # the file itself, nothing else
    assert sample.js("() => plangraph.settled()") is True
    assert sample.page.locator("#physics").inner_text().startswith("继续布局")


def test_canvas_is_drawn(browser: Any, sample: Opened) -> None:
    shot = sample.page.locator("#network").screenshot()
    # decode the screenshot with the browser's own PNG decoder, on a blank page
    scratch = browser.new_page()
    counts = scratch.evaluate(
        """async (png) => {
            const img = new Image();
            img.src = "data:image/png;base64," + png;
            await img.decode();
            const canvas = document.createElement("canvas");
            canvas.width = img.width; canvas.height = img.height;
            const ctx = canvas.getContext("2d");
            ctx.drawImage(img, 0, 0);
            const d = ctx.getImageData(0, 0, img.width, img.height).data;
            const near = (i, r, g, b) => Math.abs(d[i] - r) < 12
                && Math.abs(d[i + 1] - g) < 12 && Math.abs(d[i + 2] - b) < 30;
            let ink = 0, red = 0, orange = 0;
            for (let i = 0; i < d.length; i += 4) {
                if (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235) ink++;
                if (near(i, 214, 39, 40)) red++;  // keyword boxes
                if (near(i, 255, 127, 14)) orange++;  // measure dots
            }
            return {ink, red, orange, all: d.length / 4};
        }""",
        base64.b64encode(shot).decode("ascii"),
    )
    scratch.close()
    assert counts["ink"] > 0.02 * counts["all"]  # not blank
    assert counts["red"] > 500 and counts["orange"] > 500  # keyword boxes, measure dots


def test_node_count_equals_the_projection(sample: Opened, net: nx.DiGraph) -> None:
    assert sample.js("() => plangraph.drawn()") == len(net)
    assert sample.js("() => plangraph.count()") == len(net)
    assert _shown(sample) == set(net)
    attribute = sample.page.locator("#network").get_attribute("data-node-count")
    assert attribute == str(len(net))


def test_hostile_labels_show_as_text_and_run_nothing(browser: Any, tmp_path: Path) -> None:
    net = nx.DiGraph(documents={"d": {"iri": "d", "title": SNEAKY, "year": "2024", "region": None}})
    net.add_node("k", type="Keyword", label=HOSTILE, aliases=[SNEAKY], evidence=[], documents=["d"])
    net.add_node(
        "p",
        type="Project",
        label=SNEAKY,
        aliases=[],
        evidence=[{"quote": HOSTILE, "document": "d", "start": 0, "end": 28}],
        documents=["d"],
    )
    net.add_edge("k", "p", relation="keyword")
    path = tmp_path / "hostile.html"
    path.write_text(to_html(net, title=HOSTILE), encoding="utf-8")
    for opened in _open(browser, path):
        page = opened.page
        assert page.locator("h1").inner_text() == HOSTILE
        page.fill("#search", "onerror")
        page.press("#search", "Enter")
        page.wait_for_function("() => !document.getElementById('details').hidden")
        page.wait_for_function("() => !document.body.dataset.moving")  # the view has arrived
        details = page.locator("#details-body").inner_text()
        assert HOSTILE in details and SNEAKY in details  # the label, the quote, the title
        x, y = opened.point("p")
        page.mouse.move(x, y, steps=4)
        page.wait_for_function("() => !document.getElementById('tooltip').hidden")
        tooltip = page.locator("#tooltip").inner_text()
        assert SNEAKY in tooltip and HOSTILE in tooltip
        page.wait_for_timeout(300)  # an <img onerror> would have fired by now
        assert page.locator("img").count() == 0
        assert opened.js("() => document.body.dataset.pwned") is None
        assert opened.dialogs == []
        assert opened.errors == []


def test_filters_select_what_python_selects(sample: Opened, net: nx.DiGraph) -> None:
    page = sample.page
    assert page.locator("#document-row").is_hidden()  # one document: nothing to choose
    page.select_option("#filter-keyword", "数字经济")
    assert _shown(sample) == set(select(net, keyword="数字经济"))
    page.select_option("#filter-keyword", "")
    page.select_option("#filter-region", ID + "region/140900")
    assert _shown(sample) == set(select(net, region="忻州市"))
    page.select_option("#filter-industry", label="5G")
    assert _shown(sample) == set(select(net, region="忻州市", industry="5G"))
    page.click("#reset")
    assert _shown(sample) == set(net)
    page.locator("#legend input[data-type=Measure]").uncheck()
    kinds = [k for k in NODE_TYPES if k != "Measure"]
    assert _shown(sample) == set(select(net, types=kinds))
    assert sample.errors == []


def test_search_finds_a_node_by_any_name(sample: Opened, net: nx.DiGraph) -> None:
    page = sample.page
    for query, expected in [
        ("Investment with returns", ID + "keyword/shanxi-2024/1"),  # English label
        ("140200", ID + "region/140200"),  # adcode
        ("雄忻高铁", _named(net, "雄忻高铁")),
    ]:
        page.fill("#search", query)
        page.press("#search", "Enter")
        assert sample.js("() => document.body.dataset.selected") == expected
        assert page.locator("#search-status").inner_text().startswith("1 / ")
    page.fill("#search", "没有这个")
    page.press("#search", "Enter")
    assert "No match" in page.locator("#search-status").inner_text()


def test_click_highlights_the_neighbourhood(sample: Opened, net: nx.DiGraph) -> None:
    project = _named(net, "雄忻高铁")
    x, y = sample.point(project)
    sample.page.mouse.click(x, y)
    assert sample.js("() => document.body.dataset.selected") == project
    near = {project, *net.successors(project), *net.predecessors(project)}
    assert sample.js("() => plangraph.dimmed()") == len(net) - len(near)
    assert "雄忻高铁" in sample.page.locator("#details-body").inner_text()
    sample.page.keyboard.press("Escape")
    assert sample.js("() => plangraph.dimmed()") == 0
    assert sample.page.locator("#details").is_hidden()


def test_physics_resumes_and_stops(sample: Opened) -> None:
    button = sample.page.locator("#physics")
    button.click()
    assert sample.js("() => plangraph.settled()") is False
    assert "Pause" in button.inner_text()
    button.click()
    assert sample.js("() => plangraph.settled()") is True
    assert "Resume" in button.inner_text()


def test_links_to_the_province_are_hidden_until_asked(sample: Opened, net: nx.DiGraph) -> None:
    hub = ID + "region/140000"
    to_hub = len(net.in_edges(hub)) + len(net.out_edges(hub))
    assert sample.js("() => plangraph.links()") == net.number_of_edges() - to_hub
    sample.page.check("#show-hubs")
    assert sample.js("() => plangraph.links()") == net.number_of_edges()


def test_overview_leads_to_the_full_network(browser: Any, net: nx.DiGraph, tmp_path: Path) -> None:
    path = tmp_path / "overview.html"
    path.write_text(to_html(net, view="overview"), encoding="utf-8")
    for opened in _open(browser, path):
        summary = overview(net)
        assert opened.js("() => plangraph.view()") == "overview"
        assert opened.js("() => plangraph.drawn()") == len(summary)
        opened.page.click("#view-full")
        opened.page.wait_for_function(SETTLED)
        assert opened.js("() => [plangraph.view(), plangraph.drawn()]") == ["full", len(net)]
        opened.page.click("#view-overview")
        opened.page.wait_for_function("() => !document.body.dataset.moving")
        keyword = ID + "keyword/shanxi-2024/5"
        x, y = opened.point(keyword)
        opened.page.mouse.dblclick(x, y)
        opened.page.wait_for_function(SETTLED)
        assert opened.js("() => plangraph.view()") == "full"
        assert _shown(opened) == set(select(net, keyword="数字经济"))
        assert opened.errors == []


# -- Chinese on a machine without a CJK font ----------------------------------------------------


@pytest.fixture(scope="session")
def browser_without_cjk(
    chromium: str, playwright: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Any]:
    """Chromium seeing only the system's fonts that cover no Chinese: a fontconfig file of our
    own (``FONTCONFIG_FILE``) lists a folder of links to them and nothing else."""
    import shutil
    import subprocess

    if not shutil.which("fc-list"):
        pytest.skip("fontconfig's fc-list is not installed")

    def files(*pattern: str) -> set[str]:
        out = subprocess.run(
            ["fc-list", *pattern, "-f", "%{file}\n"], capture_output=True, text=True, check=True
        )
        return {line for line in out.stdout.splitlines() if line}

    root = tmp_path_factory.mktemp("no-cjk")
    (root / "fonts").mkdir()
    for number, path in enumerate(sorted(files() - files(":lang=zh"))):
        (root / "fonts" / f"{number}-{Path(path).name}").symlink_to(path)
    config = root / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f"  <dir>{root / 'fonts'}</dir>\n  <cachedir>{root / 'cache'}</cachedir>\n"
        "</fontconfig>\n",
        encoding="utf-8",
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(config)}
    check = subprocess.run(
        ["fc-list", ":lang=zh"], capture_output=True, text=True, check=True, env=env
    )
    assert check.stdout == ""  # no font that draws Chinese is left
    launched = playwright.chromium.launch(
        executable_path=chromium, args=["--no-sandbox", "--disable-gpu"], env=env
    )
    yield launched
    launched.close()


# each character drawn alone with the page's own font stack (the title's): how many different
# pictures come out; a missing glyph is the same empty box whatever the character
DISTINCT_GLYPHS = """(chars) => {
    const family = getComputedStyle(document.querySelector("h1")).fontFamily;
    const seen = new Set();
    for (const char of chars) {
        const canvas = document.createElement("canvas");
        canvas.width = canvas.height = 40;
        const ctx = canvas.getContext("2d");
        ctx.font = "32px " + family;
        ctx.fillText(char, 4, 34);
        seen.add(Array.from(ctx.getImageData(0, 0, 40, 40).data).join(","));
    }
    return seen.size;
}"""


def _canvas_pixels(opened: Opened) -> bytes:
    """The network's canvas as RGBA bytes, as the browser drew it."""
    return base64.b64decode(
        opened.js(
            """() => {
            const canvas = document.querySelector("#network canvas");
            const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
            let out = "";
            const bytes = data.data;
            for (let i = 0; i < bytes.length; i += 8192) {
                out += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
            }
            return btoa(out);
        }"""
        )
    )


def _differing(a: bytes, b: bytes) -> int:
    import numpy as np

    x = np.frombuffer(a, dtype=np.uint8).astype(int)
    y = np.frombuffer(b, dtype=np.uint8).astype(int)
    assert x.shape == y.shape
    return int((np.abs(x - y).reshape(-1, 4).max(axis=1) > 48).sum())


def test_chinese_reads_without_a_cjk_font(
    browser: Any, browser_without_cjk: Any, net: nx.DiGraph, tmp_path: Path
) -> None:
    title = "plangraph — 山西 2024 数字经济"
    embedded = tmp_path / "embedded.html"
    embedded.write_text(to_html(net, title=title), encoding="utf-8")
    plain = tmp_path / "plain.html"
    plain.write_text(to_html(net, title=title, embed_font=False), encoding="utf-8")
    chars = "山西数字经济有效益的投资"
    canvases = {}
    for name, where, path in [
        ("embedded, no CJK font", browser_without_cjk, embedded),
        ("plain, no CJK font", browser_without_cjk, plain),
        ("embedded, system fonts", browser, embedded),
    ]:
        for opened in _open(where, path, 1440, 900):
            assert opened.errors == [] and opened.requests == [opened.url]
            distinct = opened.js(DISTINCT_GLYPHS, chars)
            font = opened.js("() => document.body.dataset.font")
            canvases[name] = _canvas_pixels(opened)
            if name.startswith("embedded"):
                assert font == "loaded", name
                assert opened.js("() => document.fonts.check('16px \"plangraph CJK\"', '山西')")
                assert distinct == len(chars), name  # a glyph of its own for each character
            else:
                assert font == "none"
                assert distinct <= 2  # boxes: the machine really has no font for Chinese
    # the picture without a CJK font is the picture with one; without the embedded font the
    # labels are boxes, and it differs
    same = _differing(canvases["embedded, no CJK font"], canvases["embedded, system fonts"])
    boxes = _differing(canvases["plain, no CJK font"], canvases["embedded, system fonts"])
    assert boxes > 2000
    assert same < 0.1 * boxes


# -- many documents: the matrix ---------------------------------------------------------------

MATRIX_TEXTS = """() => Array.from(document.querySelectorAll("#matrix svg text")).map((t) => {
    const r = t.getBoundingClientRect();
    return {kind: t.getAttribute("class"), text: t.textContent,
            size: parseFloat(getComputedStyle(t).fontSize),
            box: [r.left, r.top, r.right, r.bottom]};
})"""


def _overlapping(boxes: list[list[float]]) -> list[tuple[int, int]]:
    found = []
    for i, a in enumerate(boxes):
        for j in range(i + 1, len(boxes)):
            b = boxes[j]
            if a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5:
                found.append((i, j))
    return found


def _three_documents(label: str = "加快建设现代化产业体系", title: str = "报告") -> nx.DiGraph:
    net = nx.DiGraph(documents={})
    for n, (doc, code, year) in enumerate(
        [("a-2024", "140000", "2024"), ("a-2025", "140000", "2025"), ("b-2025", "130000", "2025")]
    ):
        net.graph["documents"][doc] = {
            "iri": ID + "doc/" + doc,
            "title": title,
            "year": year,
            "region": ID + "region/" + code,
        }
        region = ID + "region/" + code
        net.add_node(region, type="Region", label="省" + code, evidence=[], documents=[])
        net.add_node(f"k{n}", type="Keyword", label=label, evidence=[], documents=[doc])
        net.add_node(f"p{n}", type="Project", label=label, evidence=[], documents=[doc])
        net.add_edge(f"k{n}", f"p{n}", relation="keyword")
        net.add_edge(f"p{n}", region, relation="locatedIn")
    return net


def test_hostile_labels_in_the_matrix_stay_text(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "matrix.html"
    path.write_text(to_html(_three_documents(SNEAKY + "产业", SNEAKY)), encoding="utf-8")
    for opened in _open(browser, path):
        assert opened.js("() => plangraph.view()") == "matrix"
        cell = opened.page.locator("#matrix circle.cell").first
        cell.hover()
        opened.page.wait_for_function("() => !document.getElementById('tooltip').hidden")
        assert SNEAKY in opened.page.locator("#tooltip").inner_text()
        year = opened.page.locator("#matrix text.year").first
        assert SNEAKY in year.locator("title").text_content()
        cell.click()
        opened.page.wait_for_function(SETTLED)
        assert opened.js("() => plangraph.view()") == "part"
        opened.page.wait_for_timeout(300)
        assert opened.page.locator("img").count() == 0
        assert opened.js("() => document.body.dataset.pwned") is None
        assert opened.dialogs == [] and opened.errors == []


@pytest.fixture(scope="module")
def provinces_page(provinces_build: Path) -> Path:
    return provinces_build / "graph.html"


@pytest.fixture(scope="module")
def provinces_net(provinces_build: Path) -> nx.DiGraph:
    return to_networkx(provinces_build / "graph.trig")


def test_many_documents_open_on_a_legible_matrix(browser: Any, provinces_page: Path) -> None:
    from conftest import embedded_data

    data = embedded_data(provinces_page.read_text(encoding="utf-8"))
    assert len(data["documents"]) == 48 and data["view"] == "matrix"
    for opened in _open(browser, provinces_page, 1440, 900):
        assert opened.errors == [] and opened.requests == [opened.url]
        assert opened.js("() => plangraph.view()") == "matrix"
        assert opened.js("() => plangraph.drawn()") == 0  # no network is made to open the page
        texts = opened.js(MATRIX_TEXTS)
        years = [t for t in texts if t["kind"] == "year"]
        assert len(years) == 48
        places = [t["text"] for t in texts if t["kind"] == "place"]
        assert len(places) == 24 and "安徽" in places and "新疆" in places
        rows = [t["text"] for t in texts if t["kind"] == "row-name"]
        assert "现代化产业体系" in rows and "地区生产总值增长" in rows
        # legible: 11 CSS pixels or more, drawn at scale 1, nothing overlapping, nothing cut
        assert min(t["size"] for t in texts) >= 11
        assert opened.js("() => document.querySelector('#matrix svg').getScreenCTM().a") == 1
        for kind in ("year", "place", "row-name"):
            boxes = [t["box"] for t in texts if t["kind"] == kind]
            assert _overlapping(boxes) == [], kind
        assert all(t["box"][3] - t["box"][1] >= 11 for t in texts)
        width = opened.js(
            "() => [document.getElementById('matrix').scrollWidth,"
            " document.getElementById('matrix').clientWidth]"
        )
        assert width[0] <= width[1]  # all 48 columns in view at 1440 × 900
        assert opened.js("() => document.body.dataset.font") == "loaded"


def test_a_matrix_cell_opens_its_part_of_the_network(
    browser: Any, provinces_page: Path, provinces_net: nx.DiGraph
) -> None:
    for opened in _open(browser, provinces_page, 1440, 900):
        cell = opened.page.locator("#matrix circle.cell[data-kind=theme]").nth(60)
        doc = cell.get_attribute("data-doc")
        count = int(cell.get_attribute("data-count"))
        cell.click()
        opened.page.wait_for_function(SETTLED)
        assert opened.js("() => plangraph.view()") == "part"
        shown = _shown(opened)
        keywords = {n for n in shown if provinces_net.nodes[n]["type"] == "Keyword"}
        assert keywords and all(provinces_net.nodes[k]["documents"][0] == doc for k in keywords)
        expected = set(select(provinces_net, keyword=sorted(keywords))) & set(
            select(provinces_net, document=doc)
        )
        assert shown == expected
        facts = [
            n
            for n in shown
            if provinces_net.nodes[n]["type"]
            in ("Measure", "Project", "Target", "Outcome", "LivelihoodTask")
        ]
        assert len(facts) >= count  # the cell's facts, and what else stands under its keywords
        labels = opened.js("() => plangraph.labels()")
        assert {lab["id"] for lab in labels} >= keywords
        assert min(lab["px"] for lab in labels) >= 11
        assert all(lab["drawn"] == lab["text"] and "…" not in lab["drawn"] for lab in labels)
        assert opened.errors == []
        opened.page.click("#view-matrix")
        assert opened.js("() => plangraph.view()") == "matrix"


# -- labels at a glance -------------------------------------------------------------------------


def test_labels_are_legible_at_the_fitted_zoom(
    browser: Any, sample_file: Path, net: nx.DiGraph
) -> None:
    for opened in _open(browser, sample_file, 1440, 900):
        labels = opened.js("() => plangraph.labels()")
        by_type: dict[str, int] = {}
        for label in labels:
            by_type[label["type"]] = by_type.get(label["type"], 0) + 1
            assert label["drawn"] == label["text"] == net.nodes[label["id"]]["label"]  # whole
        assert min(label["px"] for label in labels) >= 13  # CSS pixels on screen
        keywords = [n for n, a in net.nodes(data=True) if a["type"] == "Keyword"]
        assert by_type["Keyword"] == len(keywords)
        named = sum(1 for _, a in net.nodes(data=True) if a["type"] in ("Project", "Region"))
        assert by_type.get("Project", 0) + by_type.get("Region", 0) >= 0.6 * named
        assert set(by_type) == {"Keyword", "Project", "Region"}  # measures wait for a zoom
        assert _overlapping([label["box"] for label in labels]) == []
        # zoomed in, measures and targets get their labels too, at a legible size
        measure = (
            _named(net, "推进雄忻高铁建设")
            if "推进雄忻高铁建设" in {a["label"] for _, a in net.nodes(data=True)}
            else next(n for n, a in net.nodes(data=True) if a["type"] == "Measure")
        )
        opened.js(
            """(id) => { const p = plangraph.network.getPositions([id])[id];
                plangraph.network.moveTo({position: p, scale: 1.2}); }""",
            measure,
        )
        opened.page.wait_for_function(
            "() => plangraph.labels().some((l) => l.type === 'Measure')", timeout=5000
        )
        zoomed = opened.js("() => plangraph.labels()")
        assert min(label["px"] for label in zoomed) >= 11
        assert _overlapping([label["box"] for label in zoomed]) == []
        assert opened.errors == []


# -- keeping what one sees ----------------------------------------------------------------------


def _download(opened: Opened, button: str) -> tuple[str, bytes]:
    with opened.page.expect_download() as info:
        opened.page.click(button)
    download = info.value
    path = download.path()
    return download.suggested_filename, Path(path).read_bytes()


def test_the_view_saves_as_png_svg_and_csv(sample: Opened, net: nx.DiGraph) -> None:
    import csv
    import io
    import xml.etree.ElementTree as ET

    name, png = _download(sample, "#save-png")
    assert name == "plangraph-full.png" and png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    size = sample.js(
        "() => [document.querySelector('#network canvas').width,"
        " document.querySelector('#network canvas').height]"
    )
    assert [width, height] == size
    name, svg = _download(sample, "#save-svg")
    assert name == "plangraph-full.svg"
    root = ET.fromstring(svg)
    spaces = {"s": "http://www.w3.org/2000/svg"}
    texts = {t.text for t in root.iterfind(".//s:g[@class='labels']/s:text", spaces)}
    assert texts == {label["text"] for label in sample.js("() => plangraph.labels()")}
    assert "data:font/woff2;base64," in root.find("s:style", spaces).text  # reads anywhere
    assert len(root.findall(".//s:g[@class='nodes']/*", spaces)) > 100
    sample.page.select_option("#filter-keyword", "数字经济")
    name, table = _download(sample, "#save-csv")
    rows = list(csv.DictReader(io.StringIO(table.decode("utf-8-sig"))))
    assert name == "plangraph-full.csv"
    assert {r["id"] for r in rows} == set(select(net, keyword="数字经济"))
    positions = sample.js("(ids) => plangraph.network.getPositions(ids)", [r["id"] for r in rows])
    for row in rows:
        assert abs(float(row["x"]) - positions[row["id"]]["x"]) < 0.1
        assert row["label"] == net.nodes[row["id"]]["label"]
    assert sample.errors == []


def test_the_matrix_saves_too_and_csv_cells_are_not_formulas(browser: Any, tmp_path: Path) -> None:
    import csv
    import io
    import xml.etree.ElementTree as ET

    path = tmp_path / "matrix.html"
    path.write_text(to_html(_three_documents(title="=HYPERLINK(1)")), encoding="utf-8")
    for opened in _open(browser, path):
        name, png = _download(opened, "#save-png")
        assert name == "plangraph-matrix.png" and png.startswith(b"\x89PNG")
        name, svg = _download(opened, "#save-svg")
        root = ET.fromstring(svg)
        texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
        assert "现代化产业体系" in texts and "省140000"[:1] not in texts
        name, table = _download(opened, "#save-csv")
        rows = list(csv.DictReader(io.StringIO(table.decode("utf-8-sig"))))
        assert [(r["kind"], r["row"], r["year"], r["facts"]) for r in rows] == [
            ("theme", "现代化产业体系", "2025", "1"),
            ("theme", "现代化产业体系", "2024", "1"),
            ("theme", "现代化产业体系", "2025", "1"),
        ]
        assert all(r["title"] == "'=HYPERLINK(1)" for r in rows)
        assert opened.errors == []
