"""Commitments of a plan part and events of a review part.

A plan part commits, piece by piece (the pieces of a sentence between its commas), to an object
and often to a kind of step: ``开工建设黄河古贤水利枢纽工程`` commits to the object
``黄河古贤水利枢纽工程`` with the step *start*; ``力争集大原高铁年底建成通车`` to ``集大原高铁``
with *finish*; ``加快通航示范省建设`` to ``通航示范省`` with no step word. A review part says what
happened, piece by piece: ``古贤水利枢纽工程开工建设`` (*start*), ``集大原高铁开通运营``
(*finish*), ``获批国家“通用航空+”应用示范支持省份`` (*approve*). A review piece with a figure is
an outcome (:mod:`plangraph.extraction.quantities`); one without is an event.

The steps and the words that say them are data (``data/commitments.yaml``); tracking
(:mod:`plangraph.pipeline.track`) reads the events of a year's report against the commitments
of the year before.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from functools import cache
from typing import Any

from plangraph.extraction.structure import Structure, clauses
from plangraph.extraction.words import any_word
from plangraph.records.model import Commitment, CommitmentKind, Event, Records, Span, Step

__all__ = [
    "PLAN_KINDS",
    "add_commitments",
    "commitments_from_records",
    "lead_words",
    "object_of",
    "pieces",
    "rules",
    "step_of",
]

PLAN_KINDS = ("plan", "government")
"""The kinds of part whose pieces are commitments (the year's work and the government's own)."""

_PIECE_END = re.compile(r"[，,；;：:。！？!?\n]")
_TRIM = " \t\u3000、.·…—-"
_MIN_OBJECT = 2


def said_of_itself(phrase: str) -> bool:
    """Whether a piece speaks of the report itself, the leadership or the year in general
    (``按照省第十三次党代会部署``, ``面对复杂严峻的形势``): no commitment and no event."""
    boilerplate, framing = _itself()
    return boilerplate.search(phrase) is not None or phrase.startswith(framing)


@cache
def _itself() -> tuple[re.Pattern[str], tuple[str, ...]]:
    words = rules()
    return re.compile(any_word(words["boilerplate"])), tuple(words["framing"])


@cache
def rules() -> dict[str, Any]:
    """The word lists of ``data/commitments.yaml``."""
    from plangraph._resources import read_data

    data: dict[str, Any] = read_data("commitments.yaml")
    return data


@cache
def _step_words() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each kind of step with its words as one pattern, in the data's order."""
    return tuple(
        (kind, re.compile("|".join(map(re.escape, words))))
        for kind, words in rules()["steps"].items()
        if words
    )


def step_of(phrase: str) -> Step | None:
    """The kind of step a phrase promises or reports (the first kind, in the data's order, with
    a word in it); None when it names none (``加快通航示范省建设``). Words that hold a step
    word and say no step (所有权 holds 所有) are read as nothing."""
    if not _any_step_word().search(phrase):
        return None  # most pieces: one pass over the piece
    phrase = _not_steps().sub("", phrase)
    for kind, words in _step_words():
        if words.search(phrase):
            return kind  # type: ignore[return-value]
    return None


@cache
def _not_steps() -> re.Pattern[str]:
    return re.compile(any_word(rules()["not_steps"]))


@cache
def _any_step_word() -> re.Pattern[str]:
    return re.compile(any_word(w for words in rules()["steps"].values() for w in words))


@cache
def lead_words() -> re.Pattern[str]:
    """The words a piece may start with that say how, not what (enumeration markers, adverbs,
    measure verbs, step words), as one pattern matching a run of them at the start."""
    from plangraph.extraction.words import word_lists

    measures = word_lists()["measures"]
    steps = [w for words in rules()["steps"].values() for w in words]
    words = {*rules()["lead_words"], *measures["adverbs"], *measures["verbs"], *steps}
    words = {w for w in words if len(w) > 1}  # 以, 要, 和 also begin names (以旧换新, 要素)
    # the step word 实现全 (of 实现全覆盖) is 实现 and the first character of what follows
    # (实现全国…, 实现全域…): 实现 alone leads
    words = {w for w in words if not (w.endswith("全") and w[:-1] in words)}
    alternatives = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    markers = "|".join(rules()["markers"])
    # a verb with its 好 (实施好, 落实好), and two of them joined (新建和改善): still how, not what,
    # but not one that a suffix binds into an adjective or a noun (保障性住房, 发展型, 积极的)
    word = rf"(?:{alternatives})好?(?![性型的式者])"
    return re.compile(rf"^(?:{markers})?(?:{word}[ \t]*(?:[和及与、](?={word}))?)*")


@cache
def _tail_word_list() -> tuple[str, ...]:
    """The words that may close a piece and say how or when, not what (step words, 年底…),
    longest first."""
    steps = [w for kind in ("approve", "finish", "start") for w in rules()["steps"][kind]]
    words = {
        *steps,
        "建设",
        "工作",
        "进度",
        "加快推进",
        "加快实施",
        "深入推进",
        "扎实推进",
        "深入实施",
        "年底",
        "年内",
        "全线",
        "如期",
        "顺利",
        "正式",
        "全面",
        "加快",
        "全覆盖",
        "全面覆盖",
    }
    return tuple(sorted(words, key=len, reverse=True))


@cache
def _tail_words() -> re.Pattern[str]:
    alternatives = "|".join(map(re.escape, _tail_word_list()))
    return re.compile(rf"(?:{alternatives})+$")


_QUOTED = re.compile(r"^[“\"]([^“”\"]+)[”\"]$")


def object_of(phrase: str) -> str:
    """What a piece is about: the piece without its leading marker, adverbs and verbs and its
    closing step words (``开工建设黄河古贤水利枢纽工程`` → ``黄河古贤水利枢纽工程``;
    ``古贤水利枢纽工程开工建设`` → ``古贤水利枢纽工程``), one pair of quotes round all of it
    dropped. The piece itself when nothing is left."""
    text = phrase.strip(" \t\u3000")
    lead = lead_words().match(text)  # anchored: one match at the start, maybe empty
    rest = text[lead.end() if lead else 0 :].strip(_TRIM)
    if rest.endswith(_tail_word_list()):  # else the pattern cannot match: no scan of the piece
        rest = _tail_words().sub("", rest)
    rest = rest.strip(_TRIM)
    quoted = _QUOTED.match(rest)  # the whole piece in one pair of quotes
    rest = quoted.group(1) if quoted else rest
    return rest if len(rest) >= _MIN_OBJECT else text


def pieces(folded: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The pieces of ``folded[start:end]`` between commas and sentence ends, blanks and quote
    marks at their edges left out."""
    pos = start
    while pos < end:
        m = _PIECE_END.search(folded, pos, end)
        stop = m.start() if m else end
        a, b = pos, stop
        while a < b and folded[a] in " \t\u3000":
            a += 1
        while b > a and folded[b - 1] in " \t\u3000":
            b -= 1
        if b > a:
            yield a, b
        pos = stop + 1 if m else end


class _Spans:
    """Spans of a text with what they refer to, asked which is the first (in the order given)
    to overlap a stretch: sorted by start, so that a report's thousands of pieces each look at
    the few spans near them, not at all of them."""

    def __init__(self, spans: Sequence[tuple[int, int, str]]) -> None:
        ranked = sorted((s, e, ref, i) for i, (s, e, ref) in enumerate(spans))
        self._ranked = ranked
        self._starts = [s for s, _, _, _ in ranked]
        self._longest = max((e - s for s, e, _, _ in ranked), default=0)

    def first(self, a: int, b: int) -> str | None:
        """The ref of the first span that starts inside ``[a, b)`` or holds ``a``; None."""
        if not self._starts:
            return None
        lo = bisect_left(self._starts, a - self._longest)
        hi = bisect_right(self._starts, max(a, b - 1))
        best: tuple[int, str] | None = None
        for s, e, ref, i in self._ranked[lo:hi]:
            if (a <= s < b or s <= a < e) and (best is None or i < best[0]):
                best = (i, ref)
        return best[1] if best else None

    def inside(self, a: int, b: int) -> list[tuple[int, int, str]]:
        """The spans lying inside ``[a, b)``, by start, each ref once (its first span)."""
        lo = bisect_left(self._starts, a)
        hi = bisect_right(self._starts, b - 1)
        out, seen = [], set()
        for s, e, ref, _ in self._ranked[lo:hi]:
            if e <= b and ref not in seen:
                seen.add(ref)
                out.append((s, e, ref))
        return out

    def holding(self, at: int) -> str | None:
        """The ref of the first span that holds position ``at``; None."""
        return self.first(at, at + 1)


def add_commitments(records: Records, text: str, folded: str, structure: Structure) -> None:
    """Fill ``records.commitments`` (the pieces of the plan parts) and ``records.events`` (the
    pieces of the review part), from the records already made: a piece holding a target, a
    project or lying in a livelihood task commits to it."""
    from plangraph.vocab.names import project_name, slug

    doc = records.document.id
    targets = _Spans(  # by number: ids are given later (a commitment finds its figure by its
        [  # evidence then)
            (t.evidence[0].start, t.evidence[0].end, f"#{n}")
            for n, t in enumerate(records.targets)
            if t.evidence
        ]
    )
    projects = _Spans(
        [
            (s.start, s.end, f"project/{slug(project_name(p.name))}")
            for p in records.projects
            for s in p.evidence
        ]
    )
    names = {f"project/{slug(project_name(p.name))}": p.name for p in records.projects}
    tasks = _Spans(
        [(s.start, s.end, f"task/{doc}/{t.n}") for t in records.tasks for s in t.evidence]
    )
    figures = _Spans(
        [
            (o.evidence[0].start, o.evidence[0].end, "")
            for o in records.outcomes
            if o.evidence and (o.value is not None or o.min is not None)
        ]
    )
    heads = [(h.start, h.end, "") for h in (*structure.keywords, *structure.sections)]
    heads += [(p.heading[0], p.heading[1], "") for p in structure.parts if p.heading]
    headings = _Spans(heads)
    for s, e in clauses(folded, structure.header.end, len(folded)):
        part = structure.part_at(s)
        kind = part.kind if part else "opening"
        in_task = tasks.holding(s) is not None
        found = [
            (a, b)
            for a, b in pieces(folded, s, e)
            if headings.first(a, b) is None and not said_of_itself(folded[a:b])
        ]
        if kind in PLAN_KINDS or in_task:
            keyword = structure.keyword_at(s) if kind == "plan" else None
            for a, b in found:
                commitment = _commitment(text, folded, a, b, targets, projects, tasks)
                if commitment is not None:
                    commitment.keyword = keyword.n if keyword else None
                    records.commitments.append(commitment)
                    records.commitments.extend(_each_listed(commitment, targets, projects, names))
        elif kind == "review":
            records.events.extend(_events(text, folded, found, figures))


def _each_listed(
    piece: Commitment, targets: _Spans, projects: _Spans, names: dict[str, str]
) -> list[Commitment]:
    """A piece listing several projects (``提速实施西宁至成都铁路、绵遂内铁路、隆黄铁路…等重大
    交通项目``) or several figures (``加快发展5个国家先进制造业集群和3个国家级战略性新兴产业
    集群``) commits to each: one commitment per project or figure, with the piece's step, and the
    piece itself commits to the list as a whole (a measure). Each is then answered, or left
    unreported, on its own."""
    if piece.kind not in ("target", "project"):
        return []
    span = piece.evidence[0]
    kind: CommitmentKind = piece.kind
    listed = (targets if kind == "target" else projects).inside(span.start, span.end)
    if len(listed) < 2:
        return []
    piece.kind, piece.refers = "measure", None
    out = []
    for s, e, ref in listed:
        quote = piece.evidence[0].quote[s - span.start : e - span.start]
        out.append(
            Commitment(  # a figure is named as its piece would be (10 个文旅康养集聚区)
                object=names[ref] if kind == "project" else object_of(quote),
                step=piece.step,
                kind=kind,
                keyword=piece.keyword,
                refers=ref if kind == "project" else None,  # a figure's: by its evidence
                evidence=[Span(s, e, quote)],
            )
        )
    return out


def _events(
    text: str,
    folded: str,
    found: Sequence[tuple[int, int]],
    figures: _Spans,
) -> list[Event]:
    """The events of the pieces of one review sentence (a figure in a piece is an outcome too).
    A piece that only names what was done (``深入推进土地综合整治``) and is followed by its result
    (a figure, or a step done: ``新增耕地3万亩``) makes one event with it: the object from the
    first, the step from both."""
    out = []
    for k, (a, b) in enumerate(found):
        phrase = folded[a:b]
        obj = object_of(phrase)
        if len(obj) < _MIN_OBJECT:
            continue
        step = step_of(phrase)
        end = b
        lead = lead_words().match(phrase)
        if step not in _DONE and k + 1 < len(found) and lead and lead.group():
            if figures.first(a, b) is None:
                na, nb = found[k + 1]
                following = step_of(folded[na:nb])
                if figures.first(na, nb) is not None or following in _DONE:
                    end, step = nb, step or following
        out.append(
            Event(
                object=_original(text, folded, a, b, obj),
                step=step,
                opens=k == 0,
                evidence=[Span(a, end, text[a:end])],
            )
        )
    return out


_DONE = ("approve", "finish", "start", "hold", "issue")


def _original(text: str, folded: str, a: int, b: int, obj: str) -> str:
    """``obj`` (found in the folded piece ``folded[a:b]``) as the original text writes it."""
    at = folded.find(obj, a, b)
    return text[at : at + len(obj)] if at >= 0 else obj


def _commitment(
    text: str,
    folded: str,
    a: int,
    b: int,
    targets: _Spans,
    projects: _Spans,
    tasks: _Spans,
) -> Commitment | None:
    phrase = folded[a:b]
    obj = object_of(phrase)
    if len(obj) < _MIN_OBJECT:
        return None
    kind: CommitmentKind = "measure"
    refers = None
    if targets.first(a, b) is not None:
        kind = "target"
    elif (project := projects.first(a, b)) is not None:
        kind, refers = "project", project
    if (task := tasks.holding(a)) is not None:
        kind, refers = ("task", task) if kind == "measure" else (kind, refers)
    return Commitment(
        object=_original(text, folded, a, b, obj),
        step=step_of(phrase),
        kind=kind,
        refers=refers,
        evidence=[Span(a, b, text[a:b])],
    )


def commitments_from_records(records: Records) -> list[Commitment]:
    """Commitments of records that have none (written by hand, or by an older plangraph): one
    for each measure of the plan parts, from its label and evidence; a livelihood task, target
    or project of the plan parts makes the measure whose evidence it shares about it (its kind
    and what it refers to), or a commitment of its own."""
    from plangraph.vocab.names import project_name, slug

    plan = [(p.start, p.end) for p in records.parts if p.kind in PLAN_KINDS]

    def planned(span: Span) -> bool:
        return not records.parts or any(s <= span.start < e for s, e in plan)

    doc = records.document.id
    found: list[Commitment] = []
    for m in records.measures:
        spans = [s for s in m.evidence if planned(s)]
        if spans:
            found.append(
                Commitment(
                    object=object_of(m.label),
                    step=step_of(m.label),
                    keyword=m.keyword,
                    evidence=spans,
                )
            )
    about: list[tuple[str, CommitmentKind, list[Span], str | None, int | None]] = []
    for t in records.tasks:
        about.append((t.label, "task", t.evidence, f"task/{doc}/{t.n}", t.keyword))
    for q in records.targets:
        path = f"target/{doc}/{q.id}" if q.id else None
        about.append((q.indicator, "target", q.evidence, path, q.keyword))
    for p in records.projects:
        path = f"project/{slug(project_name(p.name))}"
        about.append((p.name, "project", p.evidence, path, p.keyword))
    for label, kind, evidence, refers, keyword in about:
        spans = [s for s in evidence if planned(s)]
        if not spans:
            continue
        first = spans[0]
        shared = next(
            (
                c
                for c in found
                if any(s.start < first.end and first.start < s.end for s in c.evidence)
            ),
            None,
        )
        if shared is None:
            found.append(
                Commitment(
                    object=object_of(label),
                    step=step_of(label),
                    kind=kind,
                    keyword=keyword,
                    refers=refers,
                    evidence=spans,
                )
            )
        elif shared.refers is None:
            shared.kind, shared.refers = kind, refers
    return found
