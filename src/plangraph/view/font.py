"""The CJK font plangraph ships, cut per page, so that Chinese reads on machines without one.

``fonts/plangraph-cjk-sc.woff2`` is a subset of Noto Sans CJK SC taken from Debian's
``fonts-noto-cjk`` (SIL Open Font License 1.1, ``fonts/OFL.txt``; made by
``scripts/cjk_font.py``, see ``fonts/README.md``). A page embeds only the glyphs of the
characters it uses (:func:`page_font`), as WOFF2 in a ``data:`` URL, so nothing is fetched and a
page of a few hundred nodes grows by about a hundred kilobytes. :func:`matplotlib_family` gives
charts the same font when no CJK font is installed.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

__all__ = ["FAMILY", "PageFont", "covered", "font_file", "matplotlib_family", "page_font"]

FAMILY = "plangraph CJK"
"""The font's family name, in the page's CSS and in matplotlib."""

_FILE = "plangraph-cjk-sc.woff2"
# families matplotlib may already have, best first; any other family named "CJK" also does
_SYSTEM = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Noto Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "SimHei",
)


def shipped() -> bytes:
    """The shipped font file (WOFF2)."""
    return (resources.files("plangraph.view") / "fonts" / _FILE).read_bytes()


@cache
def _sfnt() -> bytes:
    """The shipped font unpacked (OpenType, CFF outlines), once per process."""
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(shipped()))
    font.flavor = None
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


@cache
def covered() -> frozenset[str]:
    """The characters the shipped font draws."""
    from fontTools.ttLib import TTFont

    cmap = TTFont(io.BytesIO(_sfnt()), lazy=True).getBestCmap()
    return frozenset(chr(code) for code in cmap)


@dataclass(frozen=True)
class PageFont:
    """The font a page embeds: WOFF2 bytes, the characters it draws and those it lacks."""

    woff2: bytes
    chars: frozenset[str]
    missing: frozenset[str]

    def css(self) -> str:
        """An ``@font-face`` rule with the font inline (a ``data:`` URL)."""
        if not self.woff2:
            return ""
        data = base64.b64encode(self.woff2).decode("ascii")
        return (
            f'@font-face {{ font-family: "{FAMILY}"; font-display: block;'
            f' src: url(data:font/woff2;base64,{data}) format("woff2"); }}'
        )


def _wanted(text: Iterable[str]) -> frozenset[str]:
    """The characters of ``text`` worth a glyph of the shipped font (not ASCII control ones)."""
    return frozenset(c for c in set(text) if c.isprintable() or c == "\u3000")


@cache
def _cut(chars: frozenset[str]) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    # the shipped file is already unhinted and desubroutinized: skip that work, and the
    # bounding boxes' recomputation, which is most of a subset's time otherwise
    font = TTFont(io.BytesIO(_sfnt()), recalcBBoxes=False, recalcTimestamp=False)
    options = subset.Options()
    options.layout_features = ["kern", "palt", "locl", "ccmp", "liga"]
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 7, 13, 14]
    options.hinting = True
    options.desubroutinize = False
    options.recalc_bounds = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in chars))
    subsetter.subset(font)
    font.flavor = "woff2"
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def page_font(text: Iterable[str]) -> PageFont:
    """The shipped font cut to the characters of ``text`` that are not ASCII (the page's own
    sans-serif draws those), as WOFF2. Characters the shipped font lacks are in ``missing``:
    the page falls back to the system's fonts for them."""
    wanted = {c for c in _wanted(text) if ord(c) > 0x7E}
    have = covered()
    chars = frozenset(c for c in wanted if c in have)
    missing = frozenset(wanted - chars)
    return PageFont(_cut(chars) if chars else b"", chars, missing)


def font_file() -> Path:
    """The shipped font as an OpenType file (for programs that cannot read WOFF2), written once
    into the user's cache folder (``$XDG_CACHE_HOME/plangraph`` or ``~/.cache/plangraph``)."""
    import hashlib
    import os

    from plangraph._files import atomic_write

    data = _sfnt()
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "plangraph"
    path = root / f"plangraph-cjk-sc-{hashlib.sha256(data).hexdigest()[:12]}.otf"
    if not path.is_file() or path.stat().st_size != len(data):
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, data)
    return path


def matplotlib_family(prefer_system: bool = True) -> str:
    """A font family that draws Chinese in matplotlib, made the first sans-serif choice.

    An installed CJK font (Noto Sans CJK SC, Source Han Sans, WenQuanYi, Microsoft YaHei…) is
    used when there is one and ``prefer_system`` holds; otherwise the shipped font is added to
    matplotlib's font manager. Returns the family chosen.

    >>> import matplotlib.pyplot as plt
    >>> import plangraph
    >>> family = plangraph.matplotlib_family()  # then plot: 国内生产总值 draws, not boxes
    """
    import matplotlib as mpl
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    family = None
    if prefer_system:
        family = next((name for name in _SYSTEM if name in installed), None) or next(
            (name for name in sorted(installed) if "CJK" in name and name != FAMILY), None
        )
    if family is None:
        if FAMILY not in installed:
            font_manager.fontManager.addfont(str(font_file()))
        family = FAMILY
    sans = [name for name in mpl.rcParams["font.sans-serif"] if name != family]
    mpl.rcParams["font.sans-serif"] = [family, *sans]
    mpl.rcParams["font.family"] = "sans-serif"
    mpl.rcParams["axes.unicode_minus"] = False
    return family
