"""The page in a real browser: headless Chromium, driven by Playwright, opening the file itself.

Skipped, with the reason, where Playwright or Chromium is missing; under CI (``CI=true``) a
missing browser fails instead, so the checks cannot silently vanish. Chromium is Debian's
(``apt-get install chromium``; ``.ci/run`` installs it), or whatever ``PLANGRAPH_CHROMIUM`` names.
"""

from __future__ import annotations

import base64
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
def browser(chromium: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        launched = pw.chromium.launch(
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
        opened.page.click("#view")
        opened.page.wait_for_function(SETTLED)
        assert opened.js("() => [plangraph.view(), plangraph.drawn()]") == ["full", len(net)]
        opened.page.click("#view")
        opened.page.wait_for_function("() => !document.body.dataset.moving")
        keyword = ID + "keyword/shanxi-2024/5"
        x, y = opened.point(keyword)
        opened.page.mouse.dblclick(x, y)
        opened.page.wait_for_function(SETTLED)
        assert opened.js("() => plangraph.view()") == "full"
        assert _shown(opened) == set(select(net, keyword="数字经济"))
        assert opened.errors == []
