"""The inline view (plangraph.show): the page in a sandboxed ``<iframe srcdoc>``, safely escaped."""

from __future__ import annotations

import doctest
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from rdflib import Dataset

import plangraph
from plangraph import InputError, build, load_store, open_store, sample_path, show, to_networkx
from plangraph.view.notebook import Network

# Each tries another way out of a double-quoted attribute, or into the host page.
HOSTILE = [
    '"><script>document.title="pwned"</script>',
    "'><img src=x onerror=alert(1)>",
    "&quot; onload=&quot;alert(1)",
    "</iframe><script>alert(1)</script>",
    "&amp;lt;script&amp;gt;",
]


class _Tags(HTMLParser):
    """Every start and end tag of a fragment, with its attributes decoded as a browser does."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.starts: list[tuple[str, dict[str, str | None]]] = []
        self.ends: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.starts.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.ends.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(fragment: str) -> _Tags:
    tags = _Tags()
    tags.feed(fragment)
    tags.close()
    return tags


def _hostile_net() -> nx.DiGraph:
    net = nx.DiGraph(documents={"d": {"iri": "d", "title": HOSTILE[0], "year": "2024"}})
    net.add_node("k", type="Keyword", label=HOSTILE[0], aliases=HOSTILE[1:], evidence=[],
                 documents=["d"])  # fmt: skip
    for i, label in enumerate(HOSTILE):
        net.add_node(
            f"p{i}",
            type="Project",
            label=label,
            aliases=[],
            evidence=[{"quote": label, "document": "d", "start": 0, "end": len(label)}],
            documents=["d"],
        )
        net.add_edge("k", f"p{i}", relation="keyword")
    return net


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return build()


@pytest.mark.slow
def test_doctests_run() -> None:
    result = doctest.testmod(plangraph.view.notebook, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_the_page_travels_whole_in_one_sandboxed_iframe() -> None:
    view = show(_hostile_net(), title=HOSTILE[3])
    fragment = view._repr_html_()
    tags = _parse(fragment)
    assert [tag for tag, _ in tags.starts] == ["iframe"]  # nothing broke out of the attribute
    assert tags.ends == ["iframe"] and "".join(tags.text) == ""
    attrs = tags.starts[0][1]
    assert attrs["srcdoc"] == view.page  # decoded by the browser, it is the page, byte for byte
    # scripts and downloads (the page saves PNG, SVG, CSV); no allow-same-origin: no reach into
    # the notebook
    assert attrs["sandbox"] == "allow-scripts allow-downloads"
    assert set(attrs) == {"class", "sandbox", "srcdoc", "style", "title", "loading"}
    assert '"' not in fragment.split('srcdoc="', 1)[1].split('" style=', 1)[0]
    assert "<" not in fragment.split('srcdoc="', 1)[1].split('" style=', 1)[0]


def test_the_page_is_the_one_to_html_makes(sample: Dataset) -> None:
    net = to_networkx(sample)
    view = show(net, title="山西 2024")
    assert view.page == plangraph.to_html(net, "山西 2024")
    assert view.graph is net
    assert (
        repr(view)
        == f"<plangraph network: {len(net)} nodes, {net.number_of_edges()} links, 600px high>"
    )


@pytest.mark.slow
def test_what_show_takes(sample: Dataset, tmp_path: Path) -> None:
    trig = tmp_path / "graph.trig"
    trig.write_text(sample.serialize(format="trig"), encoding="utf-8")
    load_store(tmp_path / "store", trig)
    expected = set(to_networkx(sample))
    for data in (sample, trig, str(tmp_path / "store"), open_store(tmp_path / "store")):
        assert set(show(data).graph) == expected, type(data)


@pytest.mark.slow
def test_filters_pick_a_part(sample: Dataset) -> None:
    view = show(sample, keyword="数字经济", types=["Keyword", "Project"])
    kinds = {attrs["type"] for _, attrs in view.graph.nodes(data=True)}
    assert kinds == {"Keyword", "Project"} and len(view.graph) == 4  # the keyword, 3 projects
    with pytest.raises(InputError, match="no keyword '不存在'"):
        show(sample, keyword="不存在")
    with pytest.raises(InputError, match="nothing to show"):
        show(sample, keyword="数字经济", types=["Outcome"])


@pytest.mark.parametrize(
    ("height", "css"), [(600, "600px"), ("80vh", "80vh"), (" 40em ", "40em"), ("100%", "100%")]
)
def test_height(sample: Dataset, height: int | str, css: str) -> None:
    view = show(sample, height=height, keyword="数字经济")
    assert f"height: {css};" in view._repr_html_()


@pytest.mark.parametrize("height", [0, -5, True, 1.5, "600", "1px;background:url(x)", '1px"'])
def test_bad_height(height: Any) -> None:
    with pytest.raises(InputError, match="height"):
        show(nx.DiGraph(), height=height)


def test_bad_input() -> None:
    with pytest.raises(InputError, match="view must be"):
        show(_hostile_net(), view="sideways")  # type: ignore[arg-type]
    with pytest.raises(plangraph.DataError, match="no such file"):
        show("no/such/graph.trig")


def test_sample_path_is_the_bundled_records() -> None:
    path = sample_path()
    assert isinstance(path, Path) and path.is_file()
    assert plangraph.load_records(path).document.id == "shanxi-2024"


# --- in a real browser -------------------------------------------------------------------------


def _in_browser(executable: str, check: Callable[[Any], None]) -> None:
    """Run ``check(browser)`` in headless Chromium, on a thread of its own.

    Playwright's sync API refuses to start in a thread where another instance runs (the
    session-wide one of tests/test_browser.py); a thread has an event loop of its own.
    """

    def run() -> None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=executable, args=["--no-sandbox", "--disable-gpu"]
            )
            try:
                check(browser)
            finally:
                browser.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(run).result()  # re-raises what failed in the thread


def _host(view: Network, path: Path) -> Path:
    """A page standing in for a notebook: the output cell's HTML inside a document of its own."""
    path.write_text(
        "<!doctype html><html><head><meta charset='utf-8'><title>notebook</title></head>"
        f"<body><div class='output'>{view._repr_html_()}</div></body></html>",
        encoding="utf-8",
    )
    return path


def test_the_network_draws_inside_the_frame(sample: Dataset, tmp_path: Path, chromium: str) -> None:
    view = show(sample, keyword="数字经济", height=500)
    host = _host(view, tmp_path / "host.html")

    def check(browser: Any) -> None:
        page = browser.new_page(viewport={"width": 1100, "height": 700})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(host.as_uri())
        frame = page.frame_locator("iframe.plangraph-network")
        frame.locator("body[data-settled='true']").wait_for(timeout=30_000)
        inner = next(f for f in page.frames if f != page.main_frame)
        assert inner.evaluate("() => plangraph.drawn()") == len(view.graph)
        assert page.locator("iframe").bounding_box()["height"] == pytest.approx(500, abs=2)
        assert errors == []

    _in_browser(chromium, check)


def test_hostile_labels_run_nothing_in_the_browser(tmp_path: Path, chromium: str) -> None:
    view = show(_hostile_net(), title=HOSTILE[0])
    host = _host(view, tmp_path / "host.html")

    def check(browser: Any) -> None:
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(host.as_uri())
        page.frame_locator("iframe").locator("body[data-settled='true']").wait_for(timeout=30_000)
        page.wait_for_timeout(300)  # an onerror or a stray script would have run by now
        assert page.title() == "notebook"  # the host page is untouched
        assert page.locator("body > div.output > *").count() == 1  # only the iframe
        inner = next(f for f in page.frames if f != page.main_frame)
        assert inner.locator("h1").inner_text() == HOSTILE[0]  # shown as text in the frame
        assert inner.locator("img").count() == 0
        assert dialogs == []

    _in_browser(chromium, check)
