"""Word files (.docx) as plain text: paragraphs and tables in document order, one a line, with
the numbers of numbered lists as Word shows them.

A paragraph is one line (a line break inside it starts a new line), its leading and trailing
spaces (the full-width indent of Chinese texts) left out; a table row is one line, its cells
separated by a tab. A numbered paragraph starts with its number, made from the document's
numbering definitions (``word/numbering.xml``: the list's format, its level's text such as
``（%1）``, its start and restarts): ``一、``, ``（二）``, ``3.``, ``④``. Headers, footers,
footnotes, comments, text boxes, deleted and hidden text are not part of the text.

python-docx opens the file; the text is read from its XML, since python-docx's own paragraph
text leaves out runs inside insertions, content controls and simple fields.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from plangraph.errors import SourceError

__all__ = ["docx_text", "format_number"]

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_MAX_UNPACKED = 512 * 1024 * 1024  # the parts' declared sizes together: a zip bomb is refused

# Subtrees whose text is not the paragraph's own: text boxes (their own paragraphs), the
# fallback copy of alternate content, deleted and moved-away runs, field instructions.
_SKIP = {
    f"{{{_W}}}txbxContent",
    f"{{{_MC}}}Fallback",
    f"{{{_W}}}del",
    f"{{{_W}}}moveFrom",
    f"{{{_W}}}instrText",
    f"{{{_W}}}delText",
    f"{{{_W}}}rPr",
    f"{{{_W}}}pPr",
    f"{{{_W}}}footnoteReference",
    f"{{{_W}}}endnoteReference",
    f"{{{_W}}}commentReference",
}


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


def _val(element: Any, tag: str) -> str | None:
    """The ``w:val`` of ``element``'s child ``w:TAG``, if there is one."""
    if element is None:
        return None
    child = element.find(_w(tag))
    return None if child is None else child.get(_w("val"))


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


_CIRCLED = {
    "decimalEnclosedCircle": 0x2460,  # ①
    "decimalEnclosedCircleChinese": 0x2460,
    "decimalEnclosedFullstop": 0x2488,  # ⒈
    "decimalEnclosedParen": 0x2474,  # ⑴
}
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def format_number(n: int, fmt: str) -> str:
    """``n`` as Word writes it in the number format ``fmt`` (``w:numFmt``); formats it cannot
    write (and numbers past a circled run) fall back to digits."""
    import cn2an

    if fmt == "none":
        return ""
    if n < 1 and fmt not in ("decimal", "decimalZero", "decimalFullWidth", "decimalHalfWidth"):
        return str(n)
    if fmt in _CIRCLED and n <= 20:
        return chr(_CIRCLED[fmt] + n - 1)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate({c: c + 0xFEE0 for c in range(0x30, 0x3A)})
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting"):
        return str(cn2an.an2cn(n))
    if fmt in ("chineseLegalSimplified", "taiwaneseCountingThousand"):
        return str(cn2an.an2cn(n, "up"))
    if fmt in ("ideographDigital", "taiwaneseDigital"):
        return str(cn2an.an2cn(n, "direct")).replace("零", "〇")
    if fmt == "ideographTraditional" and n <= len(_STEMS):
        return _STEMS[n - 1]
    if fmt == "ideographZodiac" and n <= len(_BRANCHES):
        return _BRANCHES[n - 1]
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n) if fmt == "lowerRoman" else _roman(n).upper()
    return str(n)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # w:lvlRestart: the level (1-based) whose step restarts this one
    legal: bool = False  # w:isLgl: numbers of the upper levels shown as digits
    suffix: str = "tab"


@dataclass
class _List:
    levels: dict[int, _Level] = field(default_factory=dict)


def _level(element: Any) -> _Level:
    return _Level(
        start=_int(_val(element, "start"), 1),
        fmt=_val(element, "numFmt") or "decimal",
        text=_val(element, "lvlText") or "",
        restart=None if (restart := _val(element, "lvlRestart")) is None else _int(restart, -1),
        legal=element.find(_w("isLgl")) is not None,
        suffix=_val(element, "suff") or "tab",
    )


class _Numbering:
    """The numbering definitions of a document and the counters of its lists, in reading order."""

    def __init__(self, numbering: Any, styles: Any) -> None:
        self.abstract: dict[str, _List] = {}
        self.nums: dict[str, tuple[str, dict[int, int], dict[int, _Level]]] = {}
        self.style_numbers: dict[str, tuple[str | None, int | None]] = {}
        self.style_parents: dict[str, str] = {}
        if numbering is not None:
            for element in numbering.iterfind(_w("abstractNum")):
                levels = {
                    _int(lvl.get(_w("ilvl")), 0): _level(lvl) for lvl in element.iterfind(_w("lvl"))
                }
                self.abstract[element.get(_w("abstractNumId")) or ""] = _List(levels)
            for element in numbering.iterfind(_w("num")):
                starts, overrides = {}, {}
                for override in element.iterfind(_w("lvlOverride")):
                    ilvl = _int(override.get(_w("ilvl")), 0)
                    if (start := _val(override, "startOverride")) is not None:
                        starts[ilvl] = _int(start, 1)
                    if (lvl := override.find(_w("lvl"))) is not None:
                        overrides[ilvl] = _level(lvl)
                abstract = _val(element, "abstractNumId") or ""
                self.nums[element.get(_w("numId")) or ""] = (abstract, starts, overrides)
        if styles is not None:
            for style in styles.iterfind(_w("style")):
                style_id = style.get(_w("styleId")) or ""
                if (parent := _val(style, "basedOn")) is not None:
                    self.style_parents[style_id] = parent
                num_pr = style.find(f"{_w('pPr')}/{_w('numPr')}")
                if num_pr is not None:
                    level = _val(num_pr, "ilvl")
                    self.style_numbers[style_id] = (
                        _val(num_pr, "numId"),
                        int(level) if level and level.isdigit() else None,
                    )
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()

    def _from_style(self, style_id: str | None) -> tuple[str | None, int | None]:
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            if style_id in self.style_numbers:
                return self.style_numbers[style_id]
            style_id = self.style_parents.get(style_id)
        return None, None

    def label(self, paragraph: Any) -> str:
        """The number of ``paragraph`` (a ``w:p``) with what follows it, or '' if unnumbered;
        counts it."""
        ppr = paragraph.find(_w("pPr"))
        num_pr = ppr.find(_w("numPr")) if ppr is not None else None
        num_id = _val(num_pr, "numId")
        ilvl_text = _val(num_pr, "ilvl")
        if num_id is None:
            style_num, style_ilvl = self._from_style(_val(ppr, "pStyle"))
            num_id = style_num
            ilvl_text = ilvl_text or (str(style_ilvl) if style_ilvl is not None else None)
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return ""
        ilvl = min(max(_int(ilvl_text, 0), 0), 8)
        abstract_id, starts, overrides = self.nums[num_id]
        defined = self.abstract.get(abstract_id, _List())

        def level(i: int) -> _Level:
            return overrides.get(i) or defined.levels.get(i) or _Level()

        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.started:  # a list instance restarting its levels (startOverride)
            self.started.add(num_id)
            for i, start in starts.items():
                counters[i] = start - 1
        counters[ilvl] = counters.get(ilvl, level(ilvl).start - 1) + 1
        for deeper in [i for i in counters if i > ilvl]:
            restart = level(deeper).restart
            if restart is None or restart != 0 and restart - 1 >= ilvl:
                del counters[deeper]
        this = level(ilvl)
        if this.fmt == "bullet":
            mark = this.text if this.text and not 0xE000 <= ord(this.text[0]) <= 0xF8FF else "•"
            return _suffixed(mark[:1], this.suffix)

        def number(match: re.Match[str]) -> str:
            i = int(match.group(1)) - 1
            value = counters.get(i, level(i).start)
            fmt = "decimal" if this.legal and i < ilvl else level(i).fmt
            return format_number(value, fmt)

        return _suffixed(re.sub(r"%([1-9])", number, this.text), this.suffix)


def _suffixed(label: str, suffix: str) -> str:
    """The label and what Word puts after it: nothing after CJK punctuation (``一、``, ``（二）``),
    a space after ``1.``."""
    if not label or suffix == "nothing" or not label[-1].isascii():
        return label
    return f"{label} "


def _runs_text(element: Any, out: list[str]) -> None:
    """The text of ``element``'s runs, in order, leaving out what :data:`_SKIP` names."""
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == _w("r"):
            rpr = child.find(_w("rPr"))
            if rpr is not None and rpr.find(_w("vanish")) is not None:
                continue  # hidden text
        if tag == _w("t"):
            out.append(child.text or "")
        elif tag == _w("tab") or tag == _w("ptab"):
            out.append("\t")
        elif tag in (_w("br"), _w("cr")):
            out.append("\n")
        elif tag == _w("noBreakHyphen"):
            out.append("-")
        elif tag == _w("sym"):
            code = child.get(_w("char")) or ""
            if re.fullmatch(r"[0-9A-Fa-f]{4}", code) and not 0xE000 <= int(code, 16) <= 0xF8FF:
                out.append(chr(int(code, 16)))
        else:
            _runs_text(child, out)


def _lines(text: str) -> str:
    """A paragraph's text: each line without its surrounding spaces, empty inner lines left out."""
    if "\n" not in text:
        return text.strip()
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


class _Reader:
    def __init__(self, numbering: _Numbering) -> None:
        self.numbering = numbering

    def paragraph(self, element: Any) -> str:
        out: list[str] = []
        _runs_text(element, out)
        text = _lines("".join(out))
        label = self.numbering.label(element)
        return f"{label}{text}" if label else text

    def cell(self, element: Any) -> str:
        parts = [line for line in self.blocks(element) if line]
        return " ".join(" ".join(parts).split("\t"))

    def table(self, element: Any) -> Iterator[str]:
        for row in element.iterfind(_w("tr")):
            cells = [self.cell(tc) for tc in row.iterfind(_w("tc"))]
            merged = [c for i, c in enumerate(cells) if i == 0 or c != cells[i - 1] or not c]
            line = "\t".join(merged).strip()
            if line:
                yield line

    def blocks(self, container: Any) -> Iterator[str]:
        """Lines of the paragraphs and tables of a body, a cell or a content control, in order."""
        for child in container:
            if child.tag == _w("p"):
                yield self.paragraph(child)
            elif child.tag == _w("tbl"):
                yield from self.table(child)
            elif child.tag == _w("sdt"):
                content = child.find(_w("sdtContent"))
                if content is not None:
                    yield from self.blocks(content)
            elif child.tag == _w("customXml"):
                yield from self.blocks(child)


def _check_zip(data: bytes, path: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise SourceError(
            f"cannot be read as a Word file (.docx): not a ZIP package ({exc})", path=path
        ) from None
    names = {info.filename for info in infos}
    if "word/document.xml" not in names and "[Content_Types].xml" not in names:
        raise SourceError("cannot be read as a Word file (.docx): no document in it", path=path)
    unpacked = sum(info.file_size for info in infos)
    if unpacked > _MAX_UNPACKED:
        raise SourceError(
            f"unpacks to {unpacked / 1e6:.0f} MB; the limit is {_MAX_UNPACKED / 1e6:.0f} MB",
            path=path,
        )


def docx_text(data: bytes, path: str = "<docx>") -> str:
    """The text of the Word file ``data`` (see the module's description)."""
    _check_zip(data, path)
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        part = document.part
        body = document.element.body
        numbering = _related_element(part, "numbering")
        styles = _related_element(part, "styles")
        reader = _Reader(_Numbering(numbering, styles))
        lines = list(reader.blocks(body))
    except SourceError:
        raise
    except Exception as exc:  # python-docx, lxml and zipfile raise many kinds on broken files
        reason = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise SourceError(f"cannot be read as a Word file (.docx): {reason}", path=path) from None
    return "\n".join(lines).strip("\n") + "\n"


def _related_element(part: Any, kind: str) -> Any:
    """The XML of the document part's related numbering or styles part, or None without one."""
    for rel in part.rels.values():
        if not rel.is_external and rel.reltype.endswith(f"/{kind}"):
            return getattr(rel.target_part, "element", None)
    return None
