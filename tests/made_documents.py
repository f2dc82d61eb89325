"""Report files made for the tests: one short report of our own (invented figures, our own
words) as a text, a Word file, a web page and a PDF, and broken or hostile variants.

- Word: python-docx, with the headings numbered by numbering definitions of our own
  (``一、`` and ``（一）`` levels, written into ``word/numbering.xml``) and one table.
- Web page: :data:`PAGE`, written by hand: the report inside menus, a breadcrumb, print and
  share links, a related-news list and a footer.
- PDF: fpdf2, with a font made at test time from the Noto Sans CJK installed on the machine
  (Debian's ``fonts-noto-cjk``, which CI installs): subset to the characters used and turned
  into TrueType outlines with fontTools, since pdfminer cannot read the CID-keyed CFF fonts that
  fpdf2 embeds as they are. Each page has a running header and a page number; paragraphs wrap
  across lines and across a page break.
- A "scanned" PDF is a page holding only a picture of text (drawn with Pillow in that font).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any, NoReturn

import pytest

TITLE = "2025年山西省政府工作报告"
# Invented for these tests: no sentence comes from a real report.
PARAGRAPHS = [
    "——2025年1月20日在山西省第十四届人民代表大会第三次会议上",
    "各位代表：",
    "现在，我代表省人民政府向大会报告工作，请予审议。",
    "2024年工作回顾",
    "过去一年，全省地区生产总值增长5.1%，新建农村公路4300公里，新增城镇就业46万人。"
    "雄忻高铁建设进展顺利，各市县合力推进重点工程，基础设施短板加快补齐，"
    "城乡面貌持续改善，群众获得感进一步增强。",
    "2025年工作安排",
    "今年发展的主要预期目标是：地区生产总值增长5%左右，城镇新增就业45万人以上，"
    "居民消费价格涨幅3%左右。",
    "扩大有效投资",
    "推进雄忻高铁建设，新建改建农村公路3000公里。在忻州市、大同市布局一批新型储能项目，"
    "统筹用好各类资金，完善项目储备和要素保障机制，让投资更多投向补短板、强弱项的领域。",
    "发展数字经济",
    "数字经济规模增长15%左右，新建5G基站1万个，推动算力中心集约建设，"
    "培育一批工业互联网平台，加快传统产业数字化改造。",
]
HEADINGS = {3: ("一、", 0), 5: ("二、", 0), 7: ("（一）", 1), 9: ("（二）", 1)}
TABLE = [("指标", "预期目标"), ("地区生产总值增长", "5%左右"), ("城镇新增就业", "45万人以上")]


def report_text() -> str:
    """The report as a plain text: the title, then one paragraph a line, numbers included."""
    lines = [TITLE]
    for i, paragraph in enumerate(PARAGRAPHS):
        lines.append(HEADINGS[i][0] + paragraph if i in HEADINGS else paragraph)
    return "\n".join(lines) + "\n"


def _missing(reason: str) -> NoReturn:
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI needs this: {reason}")
    pytest.skip(reason)


def cjk_font() -> tuple[Path, int]:
    """The installed Noto Sans CJK collection and the index of its Simplified Chinese face."""
    from fontTools.ttLib import TTCollection

    candidates = [Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")]
    if shutil.which("fc-match"):
        found = subprocess.run(
            ["fc-match", "-f", "%{file}", "Noto Sans CJK SC"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        if found.endswith(".ttc"):
            candidates.append(Path(found))
    for path in candidates:
        if path.is_file():
            collection = TTCollection(str(path), lazy=True)
            try:
                names = [font["name"].getDebugName(1) for font in collection.fonts]
            finally:
                collection.close()
            for index, name in enumerate(names):
                if "SC" in name:
                    return path, index
    _missing("no Noto Sans CJK font (apt-get install fonts-noto-cjk)")


def truetype_subset(text: str, out: Path) -> Path:
    """A TrueType font holding the glyphs of ``text``, made from the installed Noto Sans CJK."""
    from fontTools.ttLib import TTCollection

    path, index = cjk_font()
    collection = TTCollection(str(path), lazy=True)
    try:
        return _truetype(collection.fonts[index], text, out)
    finally:
        collection.close()


def _truetype(font: Any, text: str, out: Path) -> Path:
    from fontTools import subset
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    options = subset.Options()
    options.layout_features = []
    options.desubroutinize = True
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted({ord(c) for c in text}))
    subsetter.subset(font)
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    outlines = {}
    for name in order:  # cubic CFF outlines → quadratic TrueType ones
        pen = TTGlyphPen(None)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        outlines[name] = pen.glyph()
    hhea = font["hhea"]
    builder = FontBuilder(font["head"].unitsPerEm, isTTF=True)
    builder.setupGlyphOrder(order)
    builder.setupCharacterMap(font.getBestCmap())
    builder.setupGlyf(outlines)
    builder.setupHorizontalMetrics({name: font["hmtx"][name] for name in order})
    builder.setupHorizontalHeader(ascent=hhea.ascent, descent=hhea.descent)
    builder.setupNameTable({"familyName": "Plangraph Test CJK", "styleName": "Regular"})
    builder.setupOS2(
        sTypoAscender=hhea.ascent,
        sTypoDescender=hhea.descent,
        usWinAscent=hhea.ascent,
        usWinDescent=-hhea.descent,
    )
    builder.setupPost()
    builder.save(str(out))
    return out


HEADER = "山西省人民政府公报"


def make_pdf(
    path: Path, paragraphs: list[str], *, password: str | None = None, size: float = 14
) -> Path:
    """A PDF of ``paragraphs`` (the first is a centred title; the others justified, their first
    line indented by two characters), with a running header and a page number on every page of
    A5."""
    from fpdf import FPDF

    font = truetype_subset("".join(paragraphs) + HEADER + "—0123456789 ", path.with_suffix(".ttf"))

    class Report(FPDF):
        def header(self) -> None:
            self.set_font("cjk", size=8)
            self.cell(0, 6, HEADER, align="C")
            self.ln(12)

        def footer(self) -> None:
            self.set_y(-14)
            self.set_font("cjk", size=8)
            self.cell(0, 8, f"— {self.page_no()} —", align="C")

    pdf = Report(format=(148, 210))  # A5, in mm
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_font("cjk", fname=str(font))
    if password is not None:
        pdf.set_encryption(owner_password="owner", user_password=password)
    pdf.add_page()
    pdf.set_font("cjk", size=size + 3)
    pdf.multi_cell(0, 9, paragraphs[0], align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("cjk", size=size)
    indent = 2 * size * 25.4 / 72  # two characters, in mm: Chinese paragraphs are set so
    with pdf.text_columns(text_align="J", line_height=1.5) as columns:
        for paragraph in paragraphs[1:]:
            with columns.paragraph(first_line_indent=indent) as text:
                text.write(paragraph)
    pdf.output(str(path))
    path.with_suffix(".ttf").unlink()
    return path


def make_scanned_pdf(path: Path) -> Path:
    """A PDF page that is only a picture of text: what a scanner makes."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw, ImageFont

    font_path, index = cjk_font()
    image = Image.new("L", (1200, 400), 255)
    draw = ImageDraw.Draw(image)
    draw.text((40, 40), TITLE, font=ImageFont.truetype(str(font_path), 48, index=index), fill=0)
    draw.text(
        (40, 160),
        PARAGRAPHS[4][:20],
        font=ImageFont.truetype(str(font_path), 36, index=index),
        fill=0,
    )
    pdf = FPDF()
    pdf.add_page()
    pdf.image(image, x=10, y=10, w=190)
    pdf.output(str(path))
    return path


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_NUMBERING = f"""
<w:abstractNum {_W} w:abstractNumId="90">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>
"""
_NUM = f'<w:num {_W} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'


def make_docx(path: Path, *, table: bool = False) -> Path:
    """The report as a Word file: the headings numbered by numbering definitions (no number
    typed in the text), the indents of Chinese paragraphs as full-width spaces; with
    ``table``, :data:`TABLE` after the paragraph of the year's goals."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(_NUMBERING))  # abstract definitions come before the nums
    numbering.append(parse_xml(_NUM))
    document.add_paragraph(TITLE)
    for i, text in enumerate(PARAGRAPHS):
        if i in HEADINGS:
            paragraph = document.add_paragraph(text)
            num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().set(qn("w:val"), str(HEADINGS[i][1]))
            num_pr.get_or_add_numId().set(qn("w:val"), "90")
        else:
            document.add_paragraph("\u3000\u3000" + text)
        if table and i == 6:
            grid = document.add_table(rows=len(TABLE), cols=2)
            for row, cells in zip(grid.rows, TABLE, strict=True):
                for cell, value in zip(row.cells, cells, strict=True):
                    cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


# Written by hand for these tests: a government page around the report, with its chrome.
PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>{title}_山西省人民政府门户网站</title></head>
<body>
<div class="topbar"><a href="/">首页</a> | <a href="/gk">政务公开</a> | <a href="/hd">互动交流</a>
 | <a href="/fw">办事服务</a> | <a href="/en">English</a></div>
<div class="nav"><ul><li><a href="/">网站首页</a></li><li><a href="/yw">要闻动态</a></li>
<li><a href="/xxgk">政府信息公开</a></li><li><a href="/zcjd">政策解读</a></li></ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/gk">政务公开</a>
 &gt; 政府工作报告</div>
<div class="main"><div class="article">
<h1>{title}</h1>
<div class="meta">来源：省政府办公厅　发布时间：2025-01-27
 <a href="javascript:window.print()">【打印本页】</a>
 <a href="javascript:window.close()">【关闭窗口】</a>
 字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></div>
<div class="content">
{body}
</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
</div>
<div class="related"><h3>相关新闻</h3><ul>
<li><a href="/a1">省政府召开第四十次常务会议</a></li>
<li><a href="/a2">省领导赴重点项目现场调研</a></li>
<li><a href="/a3">全省经济运行总体平稳稳中有进</a></li></ul></div></div>
<div class="footer"><p>主办：山西省人民政府办公厅　版权所有</p>
<p>网站标识码：1400000000　备案号：晋ICP备00000000号</p></div>
</body></html>
"""

CHROME = ["首页", "政务公开", "当前位置", "打印本页", "分享到", "相关新闻", "常务会议", "版权所有"]
"""Words of the page's chrome, none of which is in the report."""


def make_html(path: Path, *, encoding: str = "utf-8") -> Path:
    lines = report_text().splitlines()[1:]
    body = "\n".join(f"<p>{line}</p>" for line in lines)
    page = PAGE.format(title=TITLE, body=body)
    if encoding != "utf-8":
        page = page.replace('charset="utf-8"', f'charset="{encoding}"')
    path.write_bytes(page.encode(encoding))
    return path
