"""Document structure on texts written for these tests, and on the corpus: header, typed
parts, keywords, sections, livelihood tasks."""

from __future__ import annotations

from pathlib import Path

import pytest

from plangraph.extraction import prepare
from plangraph.extraction.header import issuing_region, read_header
from plangraph.extraction.structure import clauses, parse_structure
from plangraph.sources.text import read_source

# Written for these tests; not from any real report.
REPORT = """2031年某某省政府工作报告
各位代表：
一、2030年工作回顾
（一）稳住经济大盘。全年新建公路100公里。
二、2031年工作安排
（一）扩大有效投资
加快建设甲乙高铁。
（二）办好民生实事。今年办好十件民生实事。一是新建养老中心50个。二是免费送戏下乡1万场。三是改造电梯500部。
"""


def _kinds(text: str) -> list[str]:
    return [p.kind for p in parse_structure(prepare(text)).parts]


def test_header_parts_keywords_and_tasks() -> None:
    s = parse_structure(REPORT)
    assert s.header.title is not None and s.header.title.value == "2031年某某省政府工作报告"
    assert (s.year, s.year_source, s.header.kind) == (2031, "header", "report")
    assert [k.label for k in s.keywords] == ["扩大有效投资", "办好民生实事"]
    assert [h.label for h in s.sections] == ["稳住经济大盘"]
    assert [p.kind for p in s.parts] == ["opening", "review", "plan"]
    assert s.part_at(REPORT.index("新建公路")).kind == "review"  # type: ignore[union-attr]
    assert s.part_at(REPORT.index("甲乙高铁")).kind == "plan"  # type: ignore[union-attr]
    assert [t.n for t in s.tasks] == [1, 2, 3]
    first = s.tasks[0]
    assert REPORT[first.start : first.end] == "新建养老中心50个"


def test_keyword_spans_are_exact() -> None:
    s = parse_structure(REPORT)
    for k in s.keywords:
        assert REPORT[k.start : k.end] == k.label
        assert s.keyword_at(k.start) is k


def test_header_forms() -> None:
    text = (
        "政府工作报告\n——二〇三一年一月二十七日在某省第十四届人民代表大会第四次会议上\n"
        "来源：别省日报\n时间：2031-02-01\n某省省长 张 三\n各位代表：\n一、2030年工作回顾\n"
    )
    header = read_header(prepare(text))
    assert header.delivered is not None and header.delivered.value == "2031-01-27"
    assert header.year is not None and header.year.value == "2031"
    assert header.session is not None and header.session.value == "第十四届人民代表大会第四次会议"
    assert header.speaker is not None and header.speaker.value == "张三"
    assert header.region is not None and header.region.value == "某省"  # not 别省日报's 别省
    assert text[header.end : header.end + 4] == "各位代表"


def test_the_source_line_never_names_the_issuer() -> None:
    text = (
        "政府工作报告\n来源：青海日报\n——2031年1月19日在宁夏回族自治区第十三届人民代表大会"
        "第三次会议上\n各位代表：\n一、2030年工作回顾\n"
    )
    folded = prepare(text)
    assert issuing_region(folded, read_header(folded)).code == "640000"


_PROVINCES = {
    "北京市": "110000", "天津市": "120000", "河北省": "130000", "山西省": "140000",
    "内蒙古自治区": "150000", "辽宁省": "210000", "吉林省": "220000", "黑龙江省": "230000",
    "上海市": "310000", "江苏省": "320000", "浙江省": "330000", "安徽省": "340000",
    "福建省": "350000", "江西省": "360000", "山东省": "370000", "河南省": "410000",
    "湖北省": "420000", "湖南省": "430000", "广东省": "440000", "广西壮族自治区": "450000",
    "海南省": "460000", "重庆市": "500000", "四川省": "510000", "贵州省": "520000",
    "云南省": "530000", "西藏自治区": "540000", "陕西省": "610000", "甘肃省": "620000",
    "青海省": "630000", "宁夏回族自治区": "640000", "新疆维吾尔自治区": "650000",
}  # fmt: skip


@pytest.mark.parametrize(("name", "code"), sorted(_PROVINCES.items()))
def test_every_province_names_itself_in_its_session_line(name: str, code: str) -> None:
    """Those of ../shared/reports and the seven it lacks (广东, 河南, 陕西 …), with a title that
    names no region: the session line decides."""
    text = (
        f"政府工作报告\n——2031年1月9日在{name}第十四届人民代表大会第五次会议上\n"
        "各位代表：\n一、2030年工作回顾\n过去一年，新建公路100公里。\n"
    )
    folded = prepare(text)
    assert issuing_region(folded, read_header(folded)).code == code


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("昆山市", "320583"),  # a county-level city, by its one full name
        ("浦东新区", "310115"),
        ("大同市", "140200"),  # a prefecture, as before
        ("朝阳区", None),  # two districts of that name: the header cannot say which
    ],
)
def test_a_county_names_itself_in_its_header(name: str, code: str | None) -> None:
    text = (
        f"2031年{name}政府工作报告\n——2031年1月9日在{name}第十八届人民代表大会第五次会议上\n"
        "各位代表：\n一、2030年工作回顾\n过去一年，新建公路100公里。\n"
    )
    folded = prepare(text)
    assert issuing_region(folded, read_header(folded)).code == code


def test_a_report_without_header_takes_the_year_after_its_review_and_its_own_words() -> None:
    body = (
        "各位代表：\n现在，我代表省人民政府向大会报告工作。\n一、2030年工作回顾\n过去一年，"
        "经济增长5%。在此，我代表省人民政府，向全省人民，向驻晋部队，向关心支持山西现代化建设"
        "的各界人士，表示衷心感谢！\n二、2031年工作安排\n地区生产总值增长5%左右。\n"
    )
    folded = prepare(body)
    s = parse_structure(folded)
    assert (s.year, s.year_source) == (2031, "headings")
    assert issuing_region(folded, s.header).code == "140000"


def test_a_place_named_in_the_body_is_never_the_issuer() -> None:
    body = "各位代表：\n一、2030年工作回顾\n过去一年，山西、河南合作加深。\n二、2031年工作安排\n"
    folded = prepare(body)
    issuer = issuing_region(folded, read_header(folded))
    assert (issuer.code, issuer.source) == (None, "none")


def test_a_review_without_a_heading_is_still_the_review() -> None:
    text = (
        "2031年某某省政府工作报告\n各位代表：\n现在，我代表省人民政府向大会报告工作。\n"
        "过去一年，新建公路100公里。\n二、2031年工作安排\n新建公路200公里。\n"
    )
    assert _kinds(text) == ["opening", "review", "plan"]


def test_a_combined_heading_splits_where_the_five_years_begin() -> None:
    text = (
        "2031年某某省政府工作报告\n各位代表：\n一、2030年工作和“十五五”发展回顾\n"
        "过去一年，新建公路100公里。\n各位代表！\n“十五五”时期，累计新建公路500公里。\n"
        "二、“十六五”时期主要目标任务\n到2035年，新建公路1000公里。\n三、2031年重点工作\n"
        "新建公路200公里。\n四、全面加强政府自身建设\n"
    )
    s = parse_structure(prepare(text))
    kinds = [(p.kind, p.period) for p in s.parts]
    assert kinds == [
        ("opening", None),
        ("review", None),
        ("five-year-review", (2026, 2030)),
        ("five-year-goals", (2031, 2035)),
        ("plan", None),
        ("government", None),
    ]
    assert text[s.parts[2].start :].startswith("各位代表！")  # the address opens the part


def test_a_closing_word_on_the_five_years_and_the_last_year_stays_in_the_review() -> None:
    text = (
        "2031年某某省政府工作报告\n各位代表：\n一、2030年工作和“十五五”发展回顾\n"
        "过去一年，新建公路100公里。\n各位代表！\n过去五年，累计新建公路500公里。\n"
        "2030年，新建桥梁10座。\n"
        "各位代表！过去五年特别是2030年取得的成绩来之不易，我们深刻认识到团结的力量。\n"
        "二、“十六五”时期主要目标任务\n到2035年，新建公路1000公里。\n三、2031年重点工作\n"
    )
    s = parse_structure(prepare(text))
    kinds = [p.kind for p in s.parts]
    # the year's paragraph after the five years turns back to the review; the closing word on
    # "the five years and 2030 in particular" opens no part of its own
    assert kinds == [
        "opening",
        "review",
        "five-year-review",
        "review",
        "five-year-goals",
        "plan",
    ]
    assert "特别是" in text[s.parts[3].start : s.parts[3].end]


def test_headings_that_say_nothing_are_typed_by_their_opening() -> None:
    text = (
        "2031年某某省政府工作报告\n各位代表：\n一、一年接着一年干\n过去一年，新建公路100公里。\n"
        "二、一张蓝图绘到底\n“十六五”时期是关键时期。\n三、一鼓作气勇争先\n今年是开局之年。\n"
        "四、一以贯之转作风，努力建设人民满意的服务型政府\n"
    )
    assert _kinds(text) == ["opening", "review", "five-year-goals", "plan", "government"]


def test_a_numbered_list_that_starts_again_is_an_appendix() -> None:
    text = (
        "2031年某某省政府工作报告\n各位代表：\n一、2030年工作回顾\n甲。\n二、2031年工作安排\n"
        "继续办好3件惠民实事。\n附件\n一、稳定就业\n二、关爱老人\n三、交通惠民\n"
    )
    s = parse_structure(prepare(text))
    kinds = [p.kind for p in s.parts]
    assert kinds[:3] == ["opening", "review", "plan"] and set(kinds[3:]) == {"appendix"}
    shorts = [text[t.short_start : t.short_end] for t in s.tasks]
    assert shorts == ["稳定就业", "关爱老人", "交通惠民"]


@pytest.mark.parametrize(
    ("body", "count"),
    [
        ("今年将办好以下民生实事，包括：新建养老中心50个；改造电梯500部；新增学位1万个。", 3),
        ("扎实办好民生实事。为10万人免费体检。建设20个公园。改造50所学校。", 3),
        ("实施好新建学校、改造电梯、关爱老人等三件民生实事。", 3),
        ("今年办好3件民生实事：新建学校，改造电梯，关爱老人。", 3),
        ("（八）办好民生实事\n一是新建学校20所。\n二是改造电梯500部。\n三是关爱老人1万名。", 3),
    ],
)
def test_livelihood_task_forms(body: str, count: int) -> None:
    head = "2031年某某省政府工作报告\n各位代表：\n一、2030年工作回顾\n甲。\n二、2031年工作安排\n"
    text = f"{head}{body}\n"
    s = parse_structure(prepare(text))
    assert len(s.tasks) == count
    for task in s.tasks:  # the whole item, and a short name within it
        assert task.start <= task.short_start < task.short_end <= task.end


def test_a_task_label_is_whole() -> None:
    long_task = "为全省所有农村义务教育学校学生提供营养改善计划并新建学生食堂100所"
    text = (
        "2031年某某省政府工作报告\n各位代表：\n二、2031年工作安排\n"
        f"办好3件民生实事。一是{long_task}。二是新建养老中心50个。三是改造电梯500部。\n"
    )
    s = parse_structure(prepare(text))
    assert text[s.tasks[0].start : s.tasks[0].end] == long_task
    assert s.tasks[0].short_end - s.tasks[0].short_start <= 20


def test_summary_form_with_numbered_keywords_and_circled_tasks() -> None:
    text = (
        "# 2030，几个关键词\n\n关键词 1\n\n## 开放\n\n正文。\n\n关键词 2\n\n## 绿色\n\n"
        "正文。\n\n- ① 甲。\n- ② 乙。\n- ③ 丙。\n"
    )
    s = parse_structure(text)
    assert s.header.kind == "summary" and s.year == 2030
    assert [k.label for k in s.keywords] == ["开放", "绿色"]
    assert [t.n for t in s.tasks] == [1, 2, 3]


def test_carriage_returns_are_line_breaks() -> None:
    text = REPORT.replace("\n", "\r")
    s = parse_structure(prepare(text))
    assert [k.label for k in s.keywords] == ["扩大有效投资", "办好民生实事"]


def test_clauses_cover_the_text_without_leading_space() -> None:
    text = "甲。 乙；丙\n丁"
    pieces = [text[s:e] for s, e in clauses(text, 0, len(text))]
    assert pieces == ["甲。", "乙；", "丙\n", "丁"]


@pytest.mark.parametrize(
    ("name", "keywords", "tasks", "year"),
    [
        ("shanxi-2024-keywords.txt", 10, 15, 2024),
        ("shanxi-2025.txt", 7, 15, 2025),
        ("national-2024.txt", 10, 0, 2024),
        ("beijing-2025.txt", 11, 0, 2025),
    ],
)
def test_corpus_structure(corpus: Path, name: str, keywords: int, tasks: int, year: int) -> None:
    text = prepare(read_source(corpus / name).text)
    s = parse_structure(text)
    assert s.year == year
    assert len(s.keywords) == keywords
    assert len(s.tasks) == tasks


@pytest.mark.parametrize("name", ["shanxi-2025.txt", "national-2024.txt", "beijing-2025.txt"])
def test_a_corpus_report_without_its_header_keeps_year_and_region(corpus: Path, name: str) -> None:
    text = prepare(read_source(corpus / name).text)
    headless = text[text.index("各位代表") :]
    whole, cut = parse_structure(text), parse_structure(headless)
    assert cut.year == whole.year
    assert issuing_region(headless, cut.header).code == issuing_region(text, whole.header).code


def test_many_headings_are_read_one_by_one() -> None:
    """Each of thousands of headings is a keyword, each clause finds its own quickly (the
    timing is in benchmarks/structure.py; here, that nothing is lost or merged)."""
    body = "".join(f"（{'一二三四五六七八九'[i % 9]}）推进第{i}项工作。\n" for i in range(3000))
    text = f"2031年某某省政府工作报告\n各位代表：\n二、2031年工作安排\n{body}"
    s = parse_structure(prepare(text))
    assert len(s.keywords) == 3000
    middle = s.keywords[1500]
    assert s.keyword_at(middle.body_start + 3) is middle
