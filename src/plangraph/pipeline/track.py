"""Promise tracking: what a region's year-Y plan committed to, against what its Y+1 report says.

Works on records, before they become RDF: for each pair of consecutive documents of one region
(a plan for year Y, a report whose review part covers Y), what the review part says is linked to
the commitment of the earlier plan part it reports on, with a status. Only the review part of
the later report speaks for year Y (not its five-year review, not its goals), and only the plan
part of the earlier one holds commitments (a name its own review mentions is not one):

- a quantity outcome ↔ a target of year Y: when both name an indicator concept
  (``data/indicators.yaml``), the same concept, the same kind of figure (level, growth, share,
  count, rate) and the same period; when either names none, the same unit, the same kind (level
  or growth), and an indicator that names the same thing (shared character bigrams). Never a
  one-year figure with one of a period of years (十四五, 十五五: ``period_start`` on one side);
- a project named in the review part ↔ the project the plan part named (projects are one node
  across documents: 黄河古贤水利枢纽工程 is 古贤水利枢纽工程);
- an event or a figure of the review part ↔ a commitment of the plan part
  (:mod:`plangraph.extraction.commitments`) when they share a specific anchor
  (:mod:`plangraph.pipeline.anchors`: ``自贸试验区提升战略``, ``以旧换新``), or when the figure is
  the standard measure of the commitment (设备工器具投资 for 设备更新, data/commitments.yaml);
  the livelihood tasks are commitments too, and ``十方面民生实事圆满完成`` answers the one that
  announced them.

Status: ``met``, ``exceeded``, ``not-met`` by comparing numbers (with the direction of the
indicator: a lower unemployment rate is better; the concept's, when both name one); from the
step the review reports: ``started`` (开工, 启动; or under way, 加快实施, for a project),
``finished`` (建成, 投运, 举办, 出台), ``approved`` (获批, 入选); ``partly`` for a coverage promised
and a rate below 100 % reported; ``reported`` when no judgement is sound (a yearly addition
against a running total, a growth against a level, a programme spoken of).
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any

from plangraph.records.model import Commitment, Event, Outcome, Records, Span, Target

if TYPE_CHECKING:
    from plangraph.pipeline.anchors import Anchor, AnchorIndex
    from plangraph.vocab.indicators import Indicator

__all__ = [
    "Link",
    "format_links",
    "format_unreported",
    "indicator_similarity",
    "judge",
    "link_corpus",
    "link_documents",
    "consecutive",
    "unreported",
    "unreported_corpus",
]

_ABOUT = Decimal("0.05")  # 左右: within 5 %
_MIN_SIMILARITY = 0.7
_LOOSE_SIMILARITY = 0.5  # enough when the two figures are also of one size (see _near)
_FAINT_SIMILARITY = 0.3  # enough when the two are the very same count (see _same_figure)


@dataclass(frozen=True)
class Link:
    earlier: str  # document id of the commitment
    later: str  # document id of the outcome
    kind: str  # target | project | task
    commitment: str  # path under the id base: target/DOC/ID, project/SLUG, task/DOC/N
    commitment_label: str
    outcome_id: str
    outcome_label: str
    status: str
    score: float
    commitment_evidence: str = ""  # the first span that states it: 「quote」 start–end
    outcome_evidence: str = ""
    commitment_start: int = -1  # that span's offsets in the earlier document's text
    commitment_end: int = -1
    outcome_start: int = -1  # and the outcome's or event's in the later one's
    outcome_end: int = -1


def _evidence(spans: Sequence[Span]) -> str:
    return f"「{spans[0].quote}」 {spans[0].start}–{spans[0].end}" if spans else ""


@cache
def _cues() -> dict[str, list[str]]:
    from plangraph.extraction.words import word_lists

    cues: dict[str, list[str]] = word_lists()["tracking"]
    return cues


def _core(indicator: str) -> str:
    """The part of an indicator that names the thing: verbs of doing and digits removed."""
    text = re.sub(r"[\d.%％,，、“”\"\s]", "", indicator)
    for verb in sorted(_cues()["indicator_verbs"], key=len, reverse=True):
        text = text.replace(verb, "")
    return text


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


def indicator_similarity(a: str, b: str) -> float:
    """How surely two indicators name the same thing (0–1), from their cores' character bigrams.

    The Dice overlap, or for two lists the share of items alike (:func:`_listed_alike`); or,
    when the shorter core has at least 4 characters, the share of it found in the longer one
    (三个一号旅游公路 inside 全长三个一号旅游公路提前三年全线贯通).
    """
    ca, cb = _core(a), _core(b)
    x, y = _bigrams(ca), _bigrams(cb)
    if not x or not y:
        return 0.0
    shared = len(x & y)
    dice = 2 * shared / (len(x) + len(y))
    dice = max(dice, _listed_alike(a, b))
    if min(len(ca), len(cb)) >= 4:
        return max(dice, shared / min(len(x), len(y)))
    short, long = sorted((ca, cb), key=len)
    if len(short) >= 2 and long.endswith(short):
        return max(dice, _LOOSE_SIMILARITY)  # 开行 of 中欧班列开行: its subject said before
    return dice


_LIST_SEPARATORS = re.compile(r"[、和及与]|等")


def _listed_alike(a: str, b: str) -> float:
    """For two indicators that each list several things (燃气、供排水等老化管道 and 燃气、排水、
    供水管网改造), the share of the shorter list's items that share two characters in a row with
    an item of the other; 0 unless both list things."""
    lists = [
        [core for part in _LIST_SEPARATORS.split(side) if (core := _core(part))] for side in (a, b)
    ]
    if min(map(len, lists)) < 2:
        return 0.0
    short, long = sorted(lists, key=len)
    return sum(any(_bigrams(x) & _bigrams(y) for y in long) for x in short) / len(short)


def _is_flow(indicator: str) -> bool:
    return any(indicator.startswith(w) or w in indicator[:4] for w in _cues()["flow_words"])


def _lower_is_better(indicator: str) -> bool:
    cues = _cues()
    if any(w in indicator for w in cues["cut_words"]):
        return False  # 能耗降低 2.5%: the number is the cut
    return any(w in indicator for w in cues["lower_is_better"])


def _is_rate(q: Target | Outcome) -> bool:
    """A rate of change: a growth, or an indicator that names one (居民消费价格涨幅)."""
    return q.growth or q.indicator.endswith(tuple(_cues()["rate_words"]))


def _concept(q: Target | Outcome) -> Indicator | None:
    from plangraph.vocab.indicators import indicators

    return indicators().get(q.concept)


def _figure_kind(q: Target | Outcome, concept: Indicator) -> str:
    """growth for a change (of any concept), else what the concept is: level, count, share…"""
    return "growth" if q.growth or concept.is_change else concept.measure


def _same_period(target: Target, outcome: Outcome) -> bool:
    """Both one-year figures, or both of the same period of years."""
    return (target.period_start, target.period_end) == (outcome.period_start, outcome.period_end)


def _concept_match(target: Target, outcome: Outcome) -> bool | None:
    """Whether two figures measure the same thing by their concepts; None when either has
    none (then their wordings decide)."""
    t_concept, o_concept = _concept(target), _concept(outcome)
    if t_concept is None or o_concept is None:
        return None
    return t_concept is o_concept and _figure_kind(target, t_concept) == _figure_kind(
        outcome, o_concept
    )


def judge(target: Target, outcome: Outcome) -> str:
    """met / exceeded / not-met / reported for an outcome against the target it reports on."""
    from plangraph.vocab.indicators import judge_figure

    got = outcome.value if outcome.value is not None else outcome.min
    concept = _concept(target)
    if concept is not None and _concept_match(target, outcome):
        if target.unit != outcome.unit:
            return "reported"  # 252 亿斤 against 1300 万吨: not compared here
        return judge_figure(concept, target.qualifier, target.value, target.min, target.max, got)
    if got is None or _is_rate(target) != _is_rate(outcome):
        return "reported"
    if any(w in target.indicator for w in _cues()["ceilings"]):
        bound = target.max if target.max is not None else target.value
        if bound is None:
            return "reported"
        slack = 1 + _ABOUT if target.qualifier == "About" else 1
        return "met" if got <= bound * slack else "not-met"
    if _is_flow(target.indicator) and not _is_flow(outcome.indicator):
        return "reported"  # 新建 150 座 against a running total of 268 座
    lo = target.min if target.qualifier in ("Range", "AtLeast") else target.value
    hi = target.max if target.qualifier in ("Range", "AtMost") else target.value
    if target.qualifier == "AtLeast" and lo is None:
        lo = target.value
    if target.qualifier == "AtMost" and hi is None:
        hi = target.value
    if target.qualifier == "About" and target.value is not None:
        lo, hi = target.value * (1 - _ABOUT), target.value * (1 + _ABOUT)
    if target.qualifier == "AtLeast":
        hi = None
    if target.qualifier == "AtMost":
        lo = None
    if _lower_is_better(target.indicator):  # read the scale the other way round
        got, lo, hi = -got, (-hi if hi is not None else None), (-lo if lo is not None else None)
    if lo is not None and got < lo:
        return "not-met"
    if hi is not None and got > hi:
        return "exceeded"
    if target.qualifier == "AtLeast" and lo is not None and got > lo:
        return "exceeded"
    return "met"


def _within(records: Records, kinds: tuple[str, ...]) -> Callable[[Span], bool]:
    """Whether a span lies in a part of one of ``kinds`` (records without parts: anywhere)."""
    ranges = [(p.start, p.end) for p in records.parts if p.kind in kinds]
    if not records.parts:
        return lambda span: True
    return lambda span: any(a <= span.start < b for a, b in ranges)


_PLAN_PARTS = ("plan", "government")
_REVIEW_PARTS = ("review",)


def _quantity_links(earlier: Records, later: Records) -> list[tuple[float, Outcome, Target]]:
    year, e_id = earlier.document.year, earlier.document.id
    planned, reviewed = _within(earlier, _PLAN_PARTS), _within(later, _REVIEW_PARTS)
    pairs: list[tuple[bool, float, Outcome, Target]] = []  # (by concept, score, …)
    for outcome in later.outcomes:
        if outcome.year != year or outcome.unit is None:
            continue
        if outcome.reports is not None and not outcome.reports.startswith(f"target/{e_id}/"):
            continue  # a project named, or a figure already answering another document
        if outcome.period_end is not None:  # a five-year or several-year figure
            continue
        if outcome.evidence and not reviewed(outcome.evidence[0]):
            continue  # said in the five-year review, or of the goals: not of the year
        for target in earlier.targets:
            if target.period_end is not None or target.year != year:  # not this year's promise
                continue
            if target.evidence and not planned(target.evidence[0]):
                continue
            if not _same_period(target, outcome):
                continue  # a one-year commitment and a five-year figure are not one thing
            same = _concept_match(target, outcome)
            if same is not None:
                if same:
                    pairs.append((True, 1.0, outcome, target))
                continue
            if target.unit != outcome.unit or _is_rate(target) != _is_rate(outcome):
                continue
            if _level(target.indicator) != _level(outcome.indicator) and all(
                map(_level, (target.indicator, outcome.indicator))
            ):
                continue  # 国家绿色工厂 and 省级绿色工厂 are two counts
            score = indicator_similarity(target.indicator, outcome.indicator)
            if (
                score >= _MIN_SIMILARITY
                or (score >= _LOOSE_SIMILARITY and _near(target, outcome))
                or (score >= _FAINT_SIMILARITY and _same_figure(target, outcome))
            ):
                pairs.append((False, score, outcome, target))
    pairs.sort(key=lambda p: (not p[0], -p[1]))  # a concept's pairs before any likeness of wording
    used_outcomes: set[int] = set()
    used_targets: set[int] = set()
    chosen = []
    for _, score, outcome, target in pairs:
        if id(outcome) in used_outcomes or id(target) in used_targets:
            continue
        used_outcomes.add(id(outcome))
        used_targets.add(id(target))
        chosen.append((score, outcome, target))
    return chosen


def _level(indicator: str) -> str | None:
    """The level a count is made at, when its wording names one (国家级, 省级…)."""
    for level, words in _rules()["levels"].items():
        if any(w in indicator for w in words):
            return str(level)
    return None


def _same_figure(target: Target, outcome: Outcome) -> bool:
    """The very figure promised, not a change (实施 320 个年度共建项目 → 320 个共建重点项目
    完成投资…, 新能源装机 600 万千瓦以上 → 新增开发装机超过 600 万千瓦): of ten or more, a figure
    that seldom recurs by chance in one unit; not money, whose round sums recur (中央财政安排
    1000 亿元奖补资金 is not 专项扶贫资金投入超过 1000 亿元)."""
    return (
        target.unit != "CCY_CNY"
        and target.value is not None
        and target.value == outcome.value
        and target.value >= 10
        and target.classifier == outcome.classifier
        and not target.growth
    )


def _levels_apart(a: str, b: str) -> bool:
    """Whether two phrases name things at different levels (省级 and 国家级); 省级以上 is of
    either."""
    if "级以上" in a or "级以上" in b:
        return False
    levels = _level(a), _level(b)
    return all(levels) and levels[0] != levels[1]


def _near(target: Target, outcome: Outcome) -> bool:
    """Figures of one size: the result within half and twice the target (a year's promise and
    its result; a running total or another indicator is rarely that close)."""
    promised = target.value if target.value is not None else target.min
    got = outcome.value if outcome.value is not None else outcome.min
    if not promised or not got or promised < 0 or got < 0:
        return False
    return promised / 2 <= got <= promised * 2


@cache
def _rules() -> dict[str, Any]:
    from plangraph.extraction.commitments import rules

    return rules()


def _span_of(spans: Sequence[Span], keep: Callable[[Span], bool]) -> Span | None:
    return next((s for s in spans if keep(s)), None)


def _link(
    earlier: Records,
    later: Records,
    kind: str,
    commitment: str,
    label: str,
    said: Span | None,
    outcome_id: str,
    outcome_label: str,
    answer: Span | None,
    status: str,
    score: float,
) -> Link:
    return Link(
        earlier.document.id,
        later.document.id,
        kind,
        commitment,
        label,
        outcome_id,
        outcome_label,
        status,
        round(score, 3),
        _evidence([said] if said else []),
        _evidence([answer] if answer else []),
        said.start if said else -1,
        said.end if said else -1,
        answer.start if answer else -1,
        answer.end if answer else -1,
    )


def _event_at(later: Records, span: Span) -> Event | None:
    """The event whose piece holds ``span`` (a project named in it)."""
    return next(
        (
            e
            for e in later.events
            if e.evidence and e.evidence[0].start <= span.start < e.evidence[0].end
        ),
        None,
    )


def _status(promised: str | None, event: Event | None, kind: str, quote: str) -> str:
    """What the later report's words say became of a commitment (see the module's description):
    the step of the event's own piece (not of a result it took along), said of its object (a
    step word inside the name, 自贸试验区提升战略, is none)."""
    from plangraph.extraction.commitments import step_of

    rules = _rules()
    words = event.evidence[0].quote if event and event.evidence else quote
    words = re.split(r"[，,；;]", words, maxsplit=1)[0]
    residue = words.replace(event.object, "") if event and event.object in words else ""
    step = step_of(residue) if residue.strip() else step_of(words)
    if any(w in words for w in rules["achieved"]):
        return "met"
    if step in rules["statuses"]:
        return str(rules["statuses"][step])
    if step in ("increase", "decrease") and promised == step:
        return "met"
    if kind == "project" and any(w in words for w in rules["under_way"]):
        return "started"
    return "reported"


def _project_links(earlier: Records, later: Records) -> list[Link]:
    """Projects of the earlier plan part that the later review names (one identity across
    documents, :func:`plangraph.vocab.names.project_name`, or one name read in another: the
    only plan project :func:`plangraph.vocab.names.same_project` finds). A project the later
    report names elsewhere (in its five-year review), or that the earlier plan part does not
    name, is no answer: that outcome reports on nothing."""
    from plangraph.pipeline.anchors import Anchor, content_length, normalise
    from plangraph.vocab.names import project_name, same_project, slug

    planned, reviewed = _within(earlier, _PLAN_PARTS), _within(later, _REVIEW_PARTS)
    pieces = _plan_commitments(earlier)
    projects = {}
    for p in earlier.projects:
        said = _span_of(p.evidence, planned)
        if said is not None:
            projects[slug(project_name(p.name))] = (p, said)
    links = []
    seen: set[tuple[str, int]] = set()
    for outcome in later.outcomes:
        if not (outcome.reports and outcome.reports.startswith("project/")):
            continue
        found = projects.get(outcome.reports.removeprefix("project/"))
        if found is None:  # named otherwise: 伊阿铁路 for 伊宁至阿克苏铁路
            alike = [k for k, (p, _) in projects.items() if same_project(p.name, outcome.indicator)]
            if len(alike) == 1:
                outcome.reports = f"project/{alike[0]}"
                found = projects[alike[0]]
        answer = _span_of(outcome.evidence, reviewed)
        event = _event_at(later, answer) if answer is not None else None
        if found is None or answer is None or event is None:
            outcome.reports = outcome.status = None  # not an answer to the plan before
            continue
        project, said = found
        piece = next((c for c in pieces if _holds(c.evidence[0], said)), None)
        name = normalise(project_name(project.name))
        anchor = Anchor(name, content_length(name), 1, 1, 0)
        told = _Answer(event.object, event.evidence[0], event, None)
        if piece is not None and (_mirrored(piece, told, anchor) or _repeated(piece, told)):
            outcome.reports = outcome.status = None  # the review's topic, not its result
            continue
        if (outcome.reports, id(event)) in seen:
            continue
        seen.add((outcome.reports, id(event)))
        status = _status(piece.step if piece else None, event, "project", answer.quote)
        outcome.status = status  # type: ignore[assignment]
        links.append(
            _link(
                earlier,
                later,
                "project",
                outcome.reports,
                project.name,
                said,
                outcome.id or "",
                outcome.indicator,
                event.evidence[0],
                status,
                1.0,
            )
        )
    return links


def _holds(outer: Span, inner: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


@dataclass
class _Answer:
    """One thing the review part says (an event), with the figure it gives, if any."""

    text: str
    span: Span
    event: Event
    outcome: Outcome | None


def _answers(later: Records, linked: set[int]) -> list[_Answer]:
    """The events of the later review part that tracking may read: not headings, not the
    report's words about itself, not those whose figure already answers a target."""
    from plangraph.extraction.commitments import said_of_itself

    headings = [(s.start, s.end) for h in later.sections for s in h.evidence]
    figures = [
        (o.evidence[0].start, o)
        for o in later.outcomes
        if o.evidence
        and (o.value is not None or o.min is not None)
        and o.period_end is None
        and not o.cumulative
        and not _SEVERAL_YEARS.search(o.evidence[0].quote)  # 累计下降17.3%: of several years
    ]
    out = []
    for event in later.events:
        span = event.evidence[0]
        if any(a < span.end and span.start < b for a, b in headings):
            continue
        if said_of_itself(span.quote):
            continue  # (records written by hand: extraction leaves such pieces out)
        inside = [o for at, o in figures if span.start <= at < span.end]
        if any(id(o) in linked for o in inside):
            continue  # its figure answers a target
        out.append(_Answer(event.object, span, event, inside[0] if inside else None))
    return out


def _all_commitments(records: Records) -> list[Commitment]:
    """The commitments of records: those they hold, else those made from their measures,
    projects, tasks and targets (records written by hand), made once."""
    from plangraph.extraction.commitments import commitments_from_records

    made = getattr(records, "_commitments", None)
    if made is None:
        made = records.commitments or commitments_from_records(records)
        object.__setattr__(records, "_commitments", made)
    return made


def _plan_commitments(earlier: Records) -> list[Commitment]:
    from plangraph.extraction.commitments import said_of_itself

    planned = _within(earlier, _PLAN_PARTS)
    return [
        c
        for c in _all_commitments(earlier)
        if c.evidence and planned(c.evidence[0]) and not said_of_itself(c.evidence[0].quote)
    ]


_MIN_SCORE = 6  # how specific a pair's anchor must be (see _specificity)
_MENTIONED = 4  # enough for a review piece to mention a concrete commitment (see _mentions)
_MIRRORED = 0.75  # share of both objects an anchor covers when a review lead repeats a plan piece


@cache
def _standard_measures() -> list[tuple[str, str]]:
    """The standard measures' words, read as phrases are (通航 as 通用航空, 外贸 as 对外贸易)."""
    from plangraph.pipeline.anchors import normalise

    return [(normalise(a), normalise(b)) for a, b in _rules()["standard_measures"]]


def _standard_anchors(
    index: AnchorIndex,
    j: int,
    holders: dict[str, list[int]],
    steps: Sequence[str | None],
    step: str | None,
    placed: Callable[[int], bool] = lambda i: False,
) -> dict[int, Anchor]:
    """Anchors from the standard measures: the figure of later phrase ``j`` measures what the
    commitments holding the promise's words promised (``holders``: promise → their indices).
    Of several holders, those promising the figure's own ``step`` (``steps``: each commitment's)
    are the ones it answers (居民收入增长和经济增长同步, not 拓宽居民收入渠道, for an income that
    grew); of several still, the one that opens with the promise's words, if one does (the thing
    itself, not a word of a longer name: 信访工作法治化, not 对12345热线、舆情信访等反映的…), and
    before those the ones naming the figure's place (``placed``: 张家界入境游客 answers 支持张家界
    打造入境旅游标杆城市, not 提升入境旅游便利度)."""
    from plangraph.pipeline.anchors import Anchor

    told = index.review[j]
    found: dict[int, Anchor] = {}
    for promise, measure in _standard_measures():
        if measure in told and not _shared_figure(told, told.find(measure)):
            held = holders[promise]
            local = [i for i in held if placed(i)]
            if len(held) > 1 and local:
                held = local
            same = [i for i in held if step is not None and steps[i] == step]
            if len(held) > 1 and same:
                held = same
            named = [i for i in held if index.plan[i].startswith(promise)]
            if len(held) > 1 and len(named) == 1:
                held = named  # 演艺赛事…新业态, not 推出更多文化精品和演艺项目
            plan_df, review_df = len(held), index.df(measure)[1]
            for i in held:
                found.setdefault(
                    i,
                    Anchor(measure, len(measure), plan_df, review_df, told.find(measure), True),
                )
    return found


def _confirms(quote: str) -> bool:
    """Whether a review piece confirms a direction without a figure (未发生重大…事故, 只减不增)
    or states one (土壤环境质量保持稳定): a standard measure may answer it as it answers a
    figure."""
    rules = _rules()
    if _SEVERAL_YEARS.search(quote):
        return False  # 提前完成“十四五”目标并持续下降: said of the period, not of the year
    return any(w in quote for w in (*rules["achieved"], *rules["trends"]))


_SEVERAL_YEARS = re.compile("累计|十[一二三四五六七八九]五|[0-9两三四五]年来")


def _shared_figure(phrase: str, at: int) -> bool:
    """Whether the words at ``at`` of a normalised review phrase end a list of things that share
    one figure (``新能源汽车、光伏产品、锂电池“新三样”出口增长69.4%``): the figure measures
    those things, not the whole the standard measure names. Items with a figure each
    (``新增规上工业企业1494家、专精特新企业81家``) are figures of their own."""
    before = phrase[:at].split("\x02")
    return len(before) > 1 and not any("\ue000" <= c <= "\uf7ff" for c in before[-2])


def _quoted(anchor: Anchor, quote: str, most: bool = True) -> bool:
    """Whether the anchor is a name in quotes (“两个健康”) in ``quote``, or most of one (with
    ``most=False``: any part of one)."""
    from plangraph.pipeline.anchors import normalise

    for name in _QUOTED.findall(quote):
        inner = normalise(name)
        if len(inner) >= 2 and (
            inner in anchor.text
            or (anchor.text in inner and (not most or 4 * len(anchor.text) >= 3 * len(inner)))
        ):
            return True
    return False


_QUOTED = re.compile(r"[“\"]([^“”\"]{1,30})[”\"]")


def _result(answer: _Answer) -> bool:
    """The review says what came of it: a figure, a step done (建成, 开工, 获批, 举办, 出台), or
    progress made (取得新成效, 取得积极进展)."""
    if answer.outcome is not None or answer.event.step in _rules()["statuses"]:
        return True
    # of one thing or a few: a long list's 等工作取得新进展 says nothing of each
    quote = answer.span.quote
    return quote.count("、") < 3 and _progress().search(quote) is not None


@cache
def _progress() -> re.Pattern[str]:
    words = "|".join(map(re.escape, _rules()["progress"]))
    return re.compile(rf"取得[^，,；;。]{{0,4}}?(?:{words})")


def _moved_on(commitment: Commitment, answer: _Answer, anchor: Anchor) -> bool:
    """Whether the review piece names the thing first, by the anchor (after words the plan says
    too), and ends saying it moved on (``产业建圈强链加快推进``, ``经济回升向好态势持续巩固``):
    progress of that thing, not of a list it is one item of (``人工智能、航空航天…等六大科技专项
    深入实施``) nor of what a piece opening with a verb goes on to name."""
    from plangraph.extraction.commitments import lead_words
    from plangraph.pipeline.anchors import normalise

    quote = answer.span.quote
    if _moving().search(quote) is None or lead_words().match(quote).group():  # type: ignore[union-attr]
        return False
    told = normalise(answer.text)
    before, at = told[: anchor.at], anchor.at + len(anchor.text)
    return "\x01" not in told[at:] and before in normalise(commitment.object)


@cache
def _moving() -> re.Pattern[str]:
    how, what = (_rules()["moving"][k] for k in ("how", "what"))
    return re.compile(f"(?:{'|'.join(how)})(?:{'|'.join(what)})[。；;，,]?$")


def _mirrored(commitment: Commitment, answer: _Answer, anchor: Anchor) -> bool:
    """A review sentence that opens by repeating a plan piece (``加快山区海岛县高质量发展。``,
    ``建设宜居宜业和美乡村，推进21个先行片区…``): it names a topic, and what it reports after it
    answers commitments of its own."""
    from plangraph.extraction.commitments import lead_words, step_of
    from plangraph.pipeline.anchors import content_length, normalise

    if not answer.event.opens:
        return False
    lead = re.split(r"[，,；;]", answer.span.quote, maxsplit=1)[0]
    if re.search(r"[0-9]", lead) or step_of(lead) in _rules()["statuses"]:
        return False  # the piece gives its own result
    if not lead_words().match(lead).group():  # type: ignore[union-attr]
        return False  # 自贸试验区提升战略扎实推进: the thing, then what became of it
    said = content_length(normalise(commitment.object)) or 1
    told = content_length(normalise(answer.text)) or 1
    return anchor.content >= _MIRRORED * said and anchor.content >= _MIRRORED * told


def _specificity(commitment: Commitment, answer: _Answer, anchor: Anchor) -> int:
    """How surely an anchor names one thing on both sides: its characters outside the generic
    words (all of them when both sides quote it; and a field's head, 银发经济), two more when it
    is a name the plan gives in quotes, one when it is most of the list items it lies in on both
    sides, one when the review says what came of it (or that it moved on: :func:`_moved_on`),
    one when the review reports the step the plan promised (提高 … 提标). A standard measure is
    specific as such: the table names what measures what."""
    from plangraph.pipeline.anchors import items, named_length

    if anchor.standard:
        return max(anchor.content, _MIN_SCORE)
    score = anchor.content
    said, told = commitment.evidence[0].quote, answer.span.quote
    if _quoted(anchor, said) or (_quoted(anchor, told) and _quoted(anchor, said, most=False)):
        score += 2  # a name the plan gives in quotes (a name only the review quotes is new)
        if _quoted(anchor, said) and _quoted(anchor, told, most=False):
            score += len(anchor.text) - anchor.content  # quoted on both sides, each character
            # names it, generic or not (“发展飞地”, “两新”政策)
    if anchor.content >= 2 and anchor.text.endswith(tuple(_rules()["term_heads"])):
        score += 2  # 银发经济: the head of a field's name, after a word naming which
    holding = [  # an item's edition or round (第二十届西博会) says which time, not which thing
        max((named_length(x) for x in items(side) if anchor.text in x), default=0)
        for side in (commitment.object, answer.text)
    ]
    if all(0 < n <= 2 * anchor.content for n in holding):
        score += 1
    if _result(answer) or _moved_on(commitment, answer, anchor):
        score += 1
    if commitment.step is not None and commitment.step == answer.event.step:
        score += 1
    return score


def _qualitative_links(
    earlier: Records,
    later: Records,
    linked: set[int],
    taken: list[tuple[int, int]],
) -> list[tuple[Commitment, _Answer, Anchor, int]]:
    """Commitments of the earlier plan part and what the later review says of them, by a
    specific anchor they share (see the module's description): an anchor only one commitment
    holds and at most two things the review says, the best of each side for the other, and not
    a review sentence repeating the plan's words as its topic (:func:`_mirrored`); each pair
    with its specificity (:func:`_specificity`), at least ``_MENTIONED``: from ``_MIN_SCORE`` on
    a link, below it a mention at most (:func:`_mentions`). A review piece naming several things
    (``城乡居民基础养老金、居民医保、城乡低保…稳步提标``) answers each commitment one of them
    names."""
    from plangraph.pipeline.anchors import AnchorIndex

    planned = _plan_commitments(earlier)
    listed = _listed(planned)
    commitments = [
        c
        for c in planned
        if not any(a <= c.evidence[0].start < b for a, b in taken) and id(c) not in listed
    ]
    answers = _answers(later, linked)
    index = AnchorIndex([c.object for c in commitments], [a.text for a in answers])
    figures = {id(c) for c in commitments if c.kind == "target"}
    figures |= {id(piece) for c in planned if c.kind == "target" and (piece := listed.get(id(c)))}
    holders = {  # a target's own figure is matched by the targets' matching
        promise: [
            i
            for i, phrase in enumerate(index.plan)
            if promise in phrase and commitments[i].kind != "target"
        ]
        for promise, _ in _standard_measures()
    }
    steps = [c.step for c in commitments]
    said_at, told_at = _places(earlier), _places(later)
    pairs: list[tuple[int, int, Anchor]] = []
    for j, answer in enumerate(answers):
        found: dict[int, Anchor] = {}
        for i in index.candidates(j):
            if answer.outcome is not None and id(commitments[i]) in figures:
                continue  # two figures: the targets' own matching decides
            for anchor in index.anchors(i, j):
                if i not in found or anchor.key > found[i].key:
                    found[i] = anchor
        if answer.outcome is not None or _confirms(answer.span.quote):
            where = _places_in(told_at, answer.span)

            def placed(i: int, where: set[str] = where) -> bool:
                return bool(where & _places_in(said_at, commitments[i].evidence[0]))

            found.update(_standard_anchors(index, j, holders, steps, answer.event.step, placed))
        pairs.extend(
            (i, j, anchor)
            for i, anchor in found.items()
            if not _mirrored(commitments[i], answer, anchor)
        )
    by_commitment: defaultdict[int, list[tuple[int, Anchor]]] = defaultdict(list)
    for i, j, anchor in pairs:
        by_commitment[i].append((j, anchor))
    sentence = list(itertools.accumulate(a.event.opens for a in answers))  # each piece's
    pairs = [p for p in pairs if not _topic(answers, sentence, p[1], by_commitment[p[0]], p[2])]
    best_of_commitment: dict[int, tuple[int, int, int]] = {}
    best_of_answer: dict[int, tuple[int, int, int]] = {}
    for i, j, anchor in pairs:
        if not anchor.standard:  # a standard measure answers besides the best match in words
            best_of_commitment[i] = max(best_of_commitment.get(i, anchor.key), anchor.key)
        best_of_answer[j] = max(best_of_answer.get(j, anchor.key), anchor.key)
    out = []
    for i, j, anchor in pairs:
        commitment, answer = commitments[i], answers[j]
        said = _places_in(said_at, commitment.evidence[0])
        told = _places_in(told_at, answer.span)
        if said and told and not said & told:
            continue  # 合肥的保税物流中心 is not 滁州的
        if _levels_apart(commitment.object, answer.text):
            continue  # 省级文化生态保护区 are not a 国家级 one
        if anchor.content < 2 or anchor.review_df > 2:
            continue  # not specific: many results hold it
        if _numbered_apart(index.plan[i], index.review[j], anchor):
            continue  # 宁德核电5号机组 is not 宁德核电6号机组
        if anchor.plan_df > 1 and not _promised_step(index, commitments, i, answer, anchor):
            continue  # not specific: several commitments hold it
        if (
            anchor.key < best_of_commitment.get(i, anchor.key)
            and not anchor.standard
            and not _own_part(index, i, anchor, pairs)
        ):
            continue  # the commitment is answered more surely elsewhere
        if anchor.key < best_of_answer[j] and not _own_item(index, j, anchor, pairs):
            continue  # the review piece answers another commitment more surely
        score = _specificity(commitment, answer, anchor)
        if score < _MENTIONED:
            continue
        if _repeated(commitment, answer):
            continue
        if _built_and_counted(commitment, answer):
            continue
        out.append((_item_of(commitment, answer, anchor, listed, planned), answer, anchor, score))
    return out


def _listed(commitments: Sequence[Commitment]) -> dict[int, Commitment]:
    """The projects or figures of a piece listing several, each a commitment of its own (see
    :func:`plangraph.extraction.commitments.add_commitments`), by ``id``: the list they lie in.
    The qualitative pass reads the list (its other items and words are commitments too); what a
    review piece says of one name in it is said of that project or figure
    (:func:`_item_of`)."""
    named = [c for c in commitments if c.kind in ("project", "target")]
    out: dict[int, Commitment] = {}
    for piece in commitments:
        if piece.kind != "measure":
            continue
        span = piece.evidence[0]
        inside = [c for c in named if _holds(span, c.evidence[0])]
        if len(inside) > 1:
            out.update((id(c), piece) for c in inside)
    return out


def _item_of(
    piece: Commitment,
    answer: _Answer,
    anchor: Anchor,
    listed: dict[int, Commitment],
    commitments: Sequence[Commitment],
) -> Commitment:
    """The project or figure of list ``piece`` whose name holds ``anchor`` (of the level the
    answer names: not 3个省级… for a 国家级 one), or the piece."""
    from plangraph.pipeline.anchors import normalise

    for c in commitments:
        if (
            listed.get(id(c)) is piece
            and anchor.text in normalise(c.object)
            and not _levels_apart(c.object, answer.text)
        ):
            return c
    return piece


def _numbered_apart(said: str, told: str, anchor: Anchor) -> bool:
    """Whether the two normalised phrases go on after the anchor with different numbers or
    phases (宁德核电5号机组 and 宁德核电6号机组, 二期 and 三期): two units of one name."""
    lo, size = said.find(anchor.text), len(anchor.text)
    if lo < 0:
        return False
    ours = _NUMBERED.match(said, lo + size)
    theirs = _NUMBERED.match(told, anchor.at + size)
    return ours is not None and theirs is not None and ours.group() != theirs.group()


_NUMBERED = re.compile("[\ue000-\uf7ff]|[一二三四五六七八九十]期")


def _promised_step(
    index: AnchorIndex,
    commitments: Sequence[Commitment],
    i: int,
    answer: _Answer,
    anchor: Anchor,
) -> bool:
    """Whether commitment ``i`` is the one of two holding ``anchor`` that promised the step the
    review reports (出台人才新政, not 开展人才新政宣讲, for 人才新政正式出台)."""
    step = answer.event.step
    if anchor.plan_df != 2 or step is None or commitments[i].step != step:
        return False
    other = [k for k, p in enumerate(index.plan) if anchor.text in p and k != i]
    return len(other) == 1 and commitments[other[0]].step != step


def _topic(
    answers: Sequence[_Answer],
    sentence: Sequence[int],
    j: int,
    others: Sequence[tuple[int, Anchor]],
    anchor: Anchor,
) -> bool:
    """Whether review piece ``j`` opens a sentence naming a topic (no result of its own) that a
    later piece of the same sentence (or of the next, when the topic is a sentence of its own)
    answers with a result, by a specific part of the same anchor (``加强生态系统和生物多样性
    保护。…率先完成全省县域生物多样性调查``): the result answers."""
    if not answers[j].event.opens or _result(answers[j]):
        return False
    alone = j + 1 < len(answers) and answers[j + 1].event.opens  # a sentence of its own
    for m, other in others:
        if m <= j or other.text not in anchor.text or other.content < 3 or other.plan_df > 1:
            continue
        if _result(answers[m]) and sentence[m] - sentence[j] <= (1 if alone else 0):
            return True
    return False


def _built_and_counted(commitment: Commitment, answer: _Answer) -> bool:
    """A commitment to build (start, finish) and a figure that reports no step of building: the
    traffic of an airport is not its fourth phase under way."""
    return (
        commitment.step in ("start", "finish")
        and answer.outcome is not None
        and answer.event.step not in _rules()["statuses"]
    )


def _repeated(commitment: Commitment, answer: _Answer) -> bool:
    """A review piece that repeats a plan piece word for word and says nothing of what came of
    it (a slogan or a heading used again: ``建强开放枢纽``) reports on nothing."""
    from plangraph.pipeline.anchors import normalise

    same = normalise(commitment.evidence[0].quote) == normalise(answer.span.quote)
    return same and not _result(answer)


def _places(records: Records) -> list[tuple[int, str]]:
    """Where the document names a division below its own region: (offset, its code), sorted
    (named areas left out: their names are less sure)."""
    own = records.document.region
    return sorted(
        (span.start, region.code)
        for region in records.regions
        if region.code and region.code != own
        for span in region.evidence
    )


def _places_in(places: Sequence[tuple[int, str]], span: Span) -> set[str]:
    import bisect

    i = bisect.bisect_left(places, (span.start, ""))
    found = set()
    while i < len(places) and places[i][0] < span.end:
        found.add(places[i][1])
        i += 1
    return found


def _own_part(
    index: AnchorIndex, i: int, anchor: Anchor, pairs: Sequence[tuple[int, int, Anchor]]
) -> bool:
    """Whether ``anchor`` lies in a part of commitment ``i`` that no better anchor covers (大规模
    设备更新和消费品以旧换新: the investment in equipment answers one part, the trade-in subsidy
    the other)."""
    phrase = index.plan[i]
    lo = phrase.find(anchor.text)
    hi = lo + len(anchor.text)
    for k, _, other in pairs:
        if k == i and other.key > anchor.key:
            at = phrase.find(other.text)
            if at < hi and lo < at + len(other.text):
                return False
    return True


def _own_item(
    index: AnchorIndex, j: int, anchor: Anchor, pairs: Sequence[tuple[int, int, Anchor]]
) -> bool:
    """Whether ``anchor`` lies in a part of review piece ``j`` that no better anchor covers (a
    list of several things answers several commitments)."""
    lo, hi = anchor.at, anchor.at + len(anchor.text)
    return not any(
        other.key > anchor.key and other.at < hi and lo < other.at + len(other.text)
        for _, k, other in pairs
        if k == j
    )


def link_documents(earlier: Records, later: Records) -> list[Link]:
    """Link what ``later``'s review part says to ``earlier``'s commitments, in place (outcomes'
    ``reports`` and ``status``, events' ``reports`` and ``status``); return the links."""
    from plangraph.pipeline.anchors import normalise

    e_id = earlier.document.id
    links: list[Link] = []
    linked: set[int] = set()
    taken: list[tuple[int, int]] = []
    for score, outcome, target in _quantity_links(earlier, later):
        outcome.reports = f"target/{e_id}/{target.id}"
        status = judge(target, outcome)
        outcome.status = status  # type: ignore[assignment]
        linked.add(id(outcome))
        said = target.evidence[0] if target.evidence else None
        if said is not None:
            taken.append((said.start, said.end))
        told = outcome.evidence[0] if outcome.evidence else None
        links.append(
            _link(
                earlier,
                later,
                "target",
                outcome.reports,
                target.indicator,
                said,
                outcome.id or "",
                outcome.indicator,
                told,
                status,
                score,
            )
        )
    for link in _project_links(earlier, later):
        links.append(link)
    named = [
        (normalise(k.commitment_label), k.outcome_start, k.outcome_end)
        for k in links
        if k.kind == "project"
    ]
    found = _qualitative_links(earlier, later, linked, taken)
    for commitment, answer, anchor, score in found:
        if score < _MIN_SCORE:
            continue
        said = commitment.evidence[0]
        if any(
            (anchor.text in name or name in anchor.text)
            and a < answer.span.end
            and answer.span.start < b
            for name, a, b in named
        ):
            continue  # the same project, already linked by its name
        path = commitment.refers or _commitment_path(earlier, commitment)
        status = _status(commitment.step, answer.event, commitment.kind, answer.text)
        if answer.outcome is not None:
            status = _figure_status(commitment, answer.outcome, status)
        if path not in answer.event.reports:
            answer.event.reports.append(path)
        answer.event.status = answer.event.status or status  # type: ignore[assignment]
        kind = "task" if commitment.kind == "task" else "commitment"
        links.append(
            _link(
                earlier,
                later,
                kind,
                path,
                commitment.object,
                said,
                "",
                answer.text,
                answer.span,
                status,
                anchor.content,
            )
        )
    for commitment, answer in _mentions(found):
        path = commitment.refers or _commitment_path(earlier, commitment)
        if _spoken(commitment, path, links):
            continue  # linked already, by another piece, its figure or its project
        if path not in answer.event.mentions:
            answer.event.mentions.append(path)
    return links


def _spoken(commitment: Commitment, path: str, links: Sequence[Link]) -> bool:
    """Whether a link of ``links`` speaks of ``commitment`` (whose path is ``path``): one from it
    or from what it is about, or one over its words, but not one over a longer stretch holding
    them (a list of projects answered as a list, or by another of its names, does not answer
    each)."""
    span = commitment.evidence[0]
    return any(
        k.commitment == path
        or (
            k.commitment_start < span.end
            and span.start < k.commitment_end
            and not (
                k.commitment_start <= span.start
                and span.end <= k.commitment_end
                and k.commitment_end - k.commitment_start > span.end - span.start
            )
        )
        for k in links
    )


def _concrete(commitment: Commitment) -> bool:
    """A commitment one can say was or was not reported on: a figure, a named project, a
    livelihood task, a name in quotes that is no slogan (:func:`_slogans`) or one edition or
    round of a thing (第四次全国文物普查, 第三轮省级环保督察, 第五届消博会)."""
    from plangraph.pipeline.anchors import has_edition

    quote = commitment.evidence[0].quote
    named = "“" in _slogans().sub("", quote)  # a programme's name, not a slogan's
    return commitment.kind in ("target", "project", "task") or named or has_edition(quote)


@cache
def _slogans() -> re.Pattern[str]:
    """The names in quotes that are slogans, not programmes (``slogans`` of
    ``data/commitments.yaml``): one pattern, which the named query ``unreported`` spells out
    too (an XPath regex, so no lookaround)."""
    rules = _rules()["slogans"]
    words = {k: "|".join(map(re.escape, rules[k])) for k in ("before", "after", "names")}
    return re.compile(
        f"({words['before']})[^“”，。；、]{{0,6}}“[^”]*”"
        f"|“[^”]*”的?({words['after']})"
        f"|“({words['names']})”([^{''.join(rules['things'])}]|$)"
    )


def _mentions(
    found: Sequence[tuple[Commitment, _Answer, Anchor, int]],
) -> list[tuple[Commitment, _Answer]]:
    """Of the pairs :func:`_qualitative_links` found, the concrete commitments a review piece
    names again, though too loosely to say it answers them (``湘江科学城`` and
    ``湘江科学城首开区主体封顶``): a pair a little less specific than a link needs, by a stretch
    of three characters or more that is most of the commitment's name, or a name it quotes."""
    from plangraph.pipeline.anchors import content_length, normalise

    out = []
    for commitment, answer, anchor, score in found:
        if score >= _MIN_SCORE or not _concrete(commitment) or anchor.content < 3:
            continue
        named = content_length(normalise(commitment.object)) or 1
        if 2 * anchor.content >= named or _quoted(anchor, commitment.evidence[0].quote):
            out.append((commitment, answer))
    return out


def _commitment_path(records: Records, commitment: Commitment) -> str:
    """``commitment/DOC/N``: N counts the document's commitments from 1 (those its records hold,
    else those made from its measures, projects, tasks and targets), as the graph names them."""
    n = next(i for i, c in enumerate(_all_commitments(records), 1) if c is commitment)
    return f"commitment/{records.document.id}/{n}"


def _figure_status(commitment: Commitment, outcome: Outcome, status: str) -> str:
    """A coverage promised and a rate below 100 % reported: partly. A count of things built
    or held (举办营业性演出 273 场, 建成老年助餐点 1.18 万个) against a commitment that promised
    no step of its own (演艺经济, 助餐服务扩面提质) reports on it; it does not finish it."""
    got = outcome.value if outcome.value is not None else outcome.min
    whole = outcome.unit == "PERCENT" and got is not None and got >= 100
    if commitment.step == "cover" and outcome.unit == "PERCENT":
        if got is not None and got < 100:
            return "partly"
    if commitment.step is None and status == "finished" and not whole:
        return "reported"  # (a rate of 100 %, 危房改造竣工率达100%, does finish it)
    return status


def unreported(
    earlier: Records, later: Records, links: Sequence[Link] | None = None
) -> list[Commitment]:
    """The concrete commitments of ``earlier``'s plan part (figures, named projects, livelihood
    tasks, named programmes in quotes) that ``later``'s review part does not speak of: that no
    link of ``links`` (of :func:`link_documents` on the two; linked here, on a copy of
    ``later``, when not given) starts from and that no event of ``later`` mentions (names too
    loosely to link, which :func:`link_documents` records)."""
    if links is None:
        import copy

        later = copy.deepcopy(later)
        links = link_documents(earlier, later)
    pair = (earlier.document.id, later.document.id)
    ours = [k for k in links if (k.earlier, k.later) == pair]
    # a claim of silence needs less doubt than a link: what the review names loosely is not it
    named = {path for e in later.events for path in e.mentions}
    out = []
    for c in _plan_commitments(earlier):
        path = c.refers or _commitment_path(earlier, c)
        if _concrete(c) and not _spoken(c, path, ours) and path not in named:
            out.append(c)
    return out


def format_unreported(earlier: Records, commitments: Sequence[Commitment]) -> str:
    """The table ``plangraph track --unreported`` prints: kind, what, the evidence."""
    rows = [("kind", "commitment", "evidence")]
    for c in commitments:
        span = c.evidence[0]
        rows.append(
            (c.kind, c.object, f"{earlier.document.id}: 「{span.quote}」 {span.start}–{span.end}")
        )
    widths = [max(_width(r[i]) for r in rows) for i in range(2)]
    return "\n".join(
        "  ".join(
            [*(c + " " * (w - _width(c)) for c, w in zip(row[:2], widths, strict=True)), row[2]]
        )
        for row in rows
    )


def consecutive(records: Sequence[Records]) -> list[tuple[Records, Records]]:
    """Every pair of documents of the same region in consecutive years (year Y, then Y+1)."""
    by_region: defaultdict[str | None, list[Records]] = defaultdict(list)
    for rec in records:
        by_region[rec.document.region].append(rec)
    pairs: list[tuple[Records, Records]] = []
    for docs in by_region.values():
        by_year: defaultdict[int, list[Records]] = defaultdict(list)
        for rec in docs:
            by_year[rec.document.year].append(rec)
        for year, earlier_docs in sorted(by_year.items()):
            for earlier in earlier_docs:
                pairs.extend((earlier, later) for later in by_year.get(year + 1, []))
    return pairs


def link_corpus(records: Sequence[Records]) -> list[Link]:
    """Link every pair of consecutive documents of the same region (year Y, then Y+1)."""
    return [
        link for earlier, later in consecutive(records) for link in link_documents(earlier, later)
    ]


def unreported_corpus(
    records: Sequence[Records],
) -> list[tuple[Records, Records, list[Commitment]]]:
    """For every pair of consecutive documents of a region, the earlier plan's concrete
    commitments the later report does not speak of (:func:`unreported`)."""
    return [(earlier, later, unreported(earlier, later)) for earlier, later in consecutive(records)]


def format_links(links: Iterable[Link]) -> str:
    """The table ``plangraph track`` prints: a line per link, then the evidence on both sides
    (document, quote, character offsets); last, for each pair of documents, how many links of
    each status."""
    links = list(links)
    rows = [("status", "commitment", "outcome", "reports")]
    rows += [(k.status, k.commitment_label, k.outcome_label, k.commitment) for k in links]
    widths = [max(_width(r[i]) for r in rows) for i in range(3)]

    def line(row: tuple[str, ...]) -> str:
        cells = [c + " " * (w - _width(c)) for c, w in zip(row, widths, strict=False)]
        return "  ".join([*cells, row[3]]).rstrip()

    lines = [line(rows[0])]
    pad = " " * (widths[0] + 2)
    for link, row in zip(links, rows[1:], strict=True):
        lines.append(line(row))
        for doc, evidence in (
            (link.earlier, link.commitment_evidence),
            (link.later, link.outcome_evidence),
        ):
            if evidence:
                lines.append(f"{pad}{doc}: {evidence}")
    pairs: dict[tuple[str, str], list[str]] = {}
    for link in links:
        pairs.setdefault((link.earlier, link.later), []).append(link.status)
    for (earlier, later), statuses in pairs.items():
        kinds = sorted(
            set(statuses), key=lambda s: (s not in _ORDER, _ORDER.index(s) if s in _ORDER else 0, s)
        )
        counts = ", ".join(f"{statuses.count(s)} {s}" for s in kinds)
        lines.append(f"{earlier} → {later}: {len(statuses)} links ({counts})")
    return "\n".join(lines)


_ORDER = ("exceeded", "met", "partly", "not-met", "finished", "started", "approved", "reported")


def _width(text: str) -> int:
    """Columns on a terminal: CJK characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
