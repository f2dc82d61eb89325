"""Commitments of a plan part and events of a review part (plangraph.extraction.commitments)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plangraph.errors import RecordsError
from plangraph.extraction import extract_text
from plangraph.extraction.commitments import (
    _Spans,
    commitments_from_records,
    object_of,
    step_of,
)
from plangraph.records.checks import check_records
from plangraph.records.model import Commitment, Event, Records, Span
from plangraph.records.reader import dump_records, parse_records


@pytest.mark.parametrize(
    ("phrase", "step"),
    [
        ("开工建设黄河古贤水利枢纽工程", "start"),
        ("引大济岷工程启动建设", "start"),
        ("力争集大原高铁年底建成通车", "finish"),
        ("集大原高铁开通运营", "finish"),
        ("推动比亚迪半导体等项目竣工投产", "finish"),
        ("获批国家“通用航空+”应用示范支持省份", "approve"),
        ("9所高职学校入选第二轮国家“双高计划”", "approve"),
        ("建成投运", "finish"),  # finish, though 建 starts it
        ("获批建设国家数字经济创新发展试验区", "approve"),  # approval before the building
        ("实现城乡安葬设施供给全覆盖", "cover"),
        ("所有村全面开展环境整治", "cover"),
        ("办好第二十届西博会", "hold"),
        ("制定出台稳外贸稳外资政策", "issue"),
        ("适度提高城乡低保标准", "increase"),
        ("压减一般性支出", "decrease"),
        ("加快通航示范省建设", None),  # under way: no step named
        ("深化国资国企改革", None),
        ("赋予科研人员科技成果所有权", None),  # 所有权 is no 所有
        ("所有村全面开展环境整治", "cover"),
    ],
)
def test_step_of(phrase: str, step: str | None) -> None:
    assert step_of(phrase) == step


@pytest.mark.parametrize(
    ("phrase", "obj"),
    [
        ("开工建设黄河古贤水利枢纽工程", "黄河古贤水利枢纽工程"),
        ("古贤水利枢纽工程开工建设", "古贤水利枢纽工程"),
        ("力争集大原高铁年底建成通车", "集大原高铁"),
        ("深入实施“两个健康”", "两个健康"),  # quotes round all of it dropped
        ("实施“消费+”行动", "“消费+”行动"),  # kept round a part
        ("（二）以科技创新引领新质生产力发展", "以科技创新引领新质生产力发展"),
        ("一是着力扩内需稳增长", "扩内需稳增长"),
        ("及时发布项目清单", "及时发布项目清单"),  # 及 and 以 begin words too: not cut
        ("坚持以文塑旅", "以文塑旅"),
        ("要素保障", "要素保障"),
        ("推进", "推进"),  # nothing left: the piece itself
        ("第二批自贸试验区联动创新区", "第二批自贸试验区联动创新区"),  # 第二 begins the name
        ("第四次全国文物普查", "第四次全国文物普查"),
        ("第三、开工建设青山水库", "青山水库"),  # an enumeration's marker
        ("实施好林草湿生态连通", "林草湿生态连通"),  # a verb and its 好
        ("新建和改善绿水长廊", "绿水长廊"),  # two verbs joined
        ("好客山东", "好客山东"),
        ("实现全国双拥模范城地级市全覆盖", "全国双拥模范城地级市"),  # 全国 whole; the step off
        ("增加保障性租赁住房", "保障性租赁住房"),  # 保障 of 保障性 is no verb here
        ("实施积极的财政政策", "积极的财政政策"),
        ("着力化解信访积案", "信访积案"),
    ],
)
def test_object_of(phrase: str, obj: str) -> None:
    assert object_of(phrase) == obj


# Written for these tests; not from any real report.
REPORT = (
    "2032年某某省政府工作报告\n"
    "一、2031年工作回顾\n"
    "过去一年，我们扎实推进各项工作。青山水库开工建设，东港大桥建成通车。"
    "深入推进土地整治，新增耕地3万亩。红河二期获批。\n"
    "二、2032年工作安排\n"
    "（一）扩大有效投资。开工建设白鹭机场，力争西湖隧道年底建成通车，"
    "新建农村公路500公里。加快通航示范省建设。\n"
    "（二）办好民生实事。办好10件民生实事：一是为老年人免费体检；二是新建“暖心驿站”100个。\n"
)


def _extracted() -> tuple[str, Records]:
    return REPORT, extract_text(REPORT, "report-2032.txt", "0" * 64)


def test_commitments_are_the_plan_parts_pieces_and_events_the_reviews() -> None:
    text, records = _extracted()
    plan = next(p for p in records.parts if p.kind == "plan")
    review = next(p for p in records.parts if p.kind == "review")
    commitments = records.commitments
    events = records.events
    assert commitments and events
    for c in commitments:
        span = c.evidence[0]
        assert plan.start <= span.start < plan.end
        assert text[span.start : span.end] == span.quote
    for e in events:
        span = e.evidence[0]
        assert review.start <= span.start < review.end
        assert text[span.start : span.end] == span.quote
    by_object = {c.object: c for c in commitments}
    assert by_object["白鹭机场"].step == "start"
    assert by_object["西湖隧道"].step == "finish"
    assert by_object["通航示范省"].step is None
    assert "扩大有效投资" not in by_object  # a heading is a theme, not a commitment
    steps = {e.object: e.step for e in events}
    assert steps["青山水库"] == "start"
    assert steps["东港大桥"] == "finish"
    assert steps["红河二期"] == "approve"


def test_a_piece_naming_what_was_done_takes_its_result_along() -> None:
    text, records = _extracted()
    event = next(e for e in records.events if e.object == "土地整治")
    assert event.evidence[0].quote == "深入推进土地整治，新增耕地3万亩"
    assert event.opens is True  # it opens its sentence


def test_a_commitment_knows_the_task_and_the_project_it_is_about() -> None:
    _, records = _extracted()
    commitments = records.commitments
    tasks = [c for c in commitments if c.kind == "task"]
    assert tasks and all(c.refers and c.refers.startswith("task/report-2032/") for c in tasks)
    if records.projects:
        projects = [c for c in commitments if c.kind == "project"]
        assert all(c.refers and c.refers.startswith("project/") for c in projects)
    figures = [c for c in commitments if c.kind == "target"]
    assert any("农村公路" in c.object for c in figures)


def test_records_without_commitments_get_them_from_their_measures() -> None:
    _, records = _extracted()
    records.commitments = []
    made = commitments_from_records(records)
    assert made
    measure_spans = {(s.start, s.end) for m in records.measures for s in m.evidence}
    assert any((c.evidence[0].start, c.evidence[0].end) in measure_spans for c in made)
    assert all(
        c.step
        in (None, "start", "finish", "approve", "cover", "increase", "decrease", "hold", "issue")
        for c in made
    )


def test_commitments_and_events_round_trip_through_yaml() -> None:
    _, records = _extracted()
    records.events[0].reports = ["commitment/report-2031/3"]
    records.events[0].mentions = ["project/bai-lu-ji-chang"]
    again = parse_records(dump_records(records))
    assert again.commitments == records.commitments
    assert again.events == records.events


def test_a_commitment_about_something_that_is_no_path_is_refused() -> None:
    text, records = _extracted()
    records.commitments.append(
        Commitment(object="白鹭机场", refers="白鹭机场", evidence=[Span(0, 4, text[:4])])
    )
    with pytest.raises(RecordsError, match=r"refers"):
        check_records(records, "report-2032.yaml", [])
    records.commitments.pop()
    records.events.append(
        Event(object="x", reports=["somewhere else"], evidence=[Span(0, 4, text[:4])])
    )
    with pytest.raises(RecordsError, match=r"events\[\d+\]\.reports\[0\]"):
        check_records(records, "report-2032.yaml", [])
    records.events[-1] = Event(object="x", mentions=["a name"], evidence=[Span(0, 4, text[:4])])
    with pytest.raises(RecordsError, match=r"events\[\d+\]\.mentions\[0\]"):
        check_records(records, "report-2032.yaml", [])


def test_an_event_needs_evidence() -> None:
    _, records = _extracted()
    records.events.append(Event(object="x"))
    with pytest.raises(RecordsError, match=r"evidence"):
        check_records(records, "report-2032.yaml", [])


_SPAN = st.tuples(st.integers(0, 60), st.integers(1, 15), st.sampled_from(["a", "b", "c", ""]))


@settings(max_examples=200, deadline=None)
@given(st.lists(_SPAN, max_size=12), st.integers(0, 70), st.integers(0, 12))
def test_spans_find_the_first_overlap_as_a_scan_would(
    raw: list[tuple[int, int, str]], a: int, length: int
) -> None:
    spans = [(s, s + n, ref) for s, n, ref in raw]
    b = a + length
    scan = next((ref for s, e, ref in spans if a <= s < b or s <= a < e), None)
    assert _Spans(spans).first(a, b) == scan
    assert _Spans(spans).holding(a) == next((ref for s, e, ref in spans if s <= a < e), None)
