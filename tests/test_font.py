"""The shipped CJK font: its licence and provenance, what it covers, the cut a page embeds, and the
chart font. Whether a browser without a CJK font then draws Chinese is in test_browser.py."""

from __future__ import annotations

import base64
import hashlib
import io
import re
from importlib import resources
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from plangraph.view.font import FAMILY, covered, font_file, page_font, shipped

ROOT = Path(__file__).resolve().parents[1]


def test_font_is_shipped_with_its_licence_and_provenance() -> None:
    folder = resources.files("plangraph.view") / "fonts"
    licence = (folder / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Adobe" in licence.splitlines()[0]
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert hashlib.sha256(shipped()).hexdigest() in readme  # the file is the one described
    assert "fonts-noto-cjk" in readme
    font = TTFont(io.BytesIO(shipped()))
    assert font.flavor == "woff2"
    names = font["name"]
    assert names.getDebugName(1) == FAMILY  # renamed, as a modified version
    assert "Open Font License" in names.getDebugName(13)


def test_font_covers_the_chinese_of_reports_and_plangraphs_own_words() -> None:
    from plangraph.vocab.gazetteer import gazetteer

    have = covered()
    hanzi = {c for c in have if "\u4e00" <= c <= "\u9fff"}
    assert len(hanzi) > 7000  # GB 2312's 6,763 and the common ones beyond
    for char in "。，、；：“”（）《》〇①⑳％－—…·→":
        assert char in have, char
    names = "".join(p.name + p.short for p in gazetteer().places())
    assert set(names) <= have  # every place name of the gazetteer
    data = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "data").glob("*.yaml")))
    assert {c for c in data if ord(c) > 0x7F and c.isprintable()} <= have


@pytest.mark.corpus
def test_font_covers_the_real_reports() -> None:
    from conftest import REPORTS

    if not REPORTS.is_dir():
        pytest.skip("../shared/reports is not present")
    used = set()
    for path in REPORTS.glob("*/*.txt"):
        used |= {c for c in path.read_text(encoding="utf-8-sig") if "\u4e00" <= c <= "\u9fff"}
    missing = used - covered()
    assert len(missing) <= 0.002 * len(used), "".join(sorted(missing))


def test_page_font_holds_exactly_the_characters_asked_for() -> None:
    text = "山西省忻州市 雄忻高铁 ABC 123 ＄𠀀"  # 𠀀 (U+20000) is not in the shipped font
    font = page_font(text)
    cut = TTFont(io.BytesIO(font.woff2))
    assert cut.flavor == "woff2"
    codes = set(cut.getBestCmap())
    assert {ord(c) for c in "山西省忻州市雄忻高铁＄"} <= codes
    assert not codes & {ord(c) for c in "ABC123"}  # ASCII is the page's own sans-serif's
    assert font.missing == {"𠀀"}
    assert len(font.woff2) < 20_000  # a dozen glyphs, not the whole font
    css = font.css()
    assert css.startswith('@font-face { font-family: "plangraph CJK"')
    data = re.search(r"base64,([A-Za-z0-9+/=]+)\)", css)
    assert data is not None and base64.b64decode(data.group(1)) == font.woff2
    assert page_font("only ascii").css() == ""


def test_font_file_is_an_opentype_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = font_file()
    assert path.parent == tmp_path / "plangraph" and path.suffix == ".otf"
    font = TTFont(path)
    assert font.sfntVersion == "OTTO" and ord("忻") in font.getBestCmap()
    assert font_file() == path  # written once


def test_chart_draws_chinese_with_the_shipped_font(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    from plangraph import matplotlib_family

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    with matplotlib.rc_context():
        assert matplotlib_family(prefer_system=False) == FAMILY
        assert matplotlib.rcParams["font.sans-serif"][0] == FAMILY

        def drawn(text: str) -> np.ndarray:
            fig = plt.figure(figsize=(1, 1), dpi=60)
            fig.text(0.1, 0.3, text, fontsize=30)
            fig.canvas.draw()
            pixels = np.asarray(fig.canvas.buffer_rgba())[:, :, 0].copy()
            plt.close(fig)
            return pixels

        one, other = drawn("中"), drawn("国")
        assert (one < 128).sum() > 20  # ink
        assert (one != other).sum() > 20  # two glyphs, not the same missing-glyph box
