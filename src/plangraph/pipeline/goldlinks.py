"""Check sets of tracking links (``plangraph-gold-links/1``) and how tracking scores on them.

A check set holds, for one pair of reports (an earlier plan, a later review), the links a careful
reader finds: the plan span, the review span, a kind and a status (``tests/truth/promises``
describes the form). A predicted link is right when its commitment's span overlaps a gold
link's plan span and its outcome's or event's span overlaps that gold link's review span; a gold
link is found when some predicted link is right for it. Precision is the share of predicted links
that are right, recall the share of gold links found.

Two readers' check sets of the same pairs (``--second``) measure the check sets themselves: how
many of one reader's links the other made too (matched as links are, by overlapping spans), and
tracking against both: a predicted link is right when either reader made it, and recall is the
share of the links both readers made (those a careful reader surely finds) that tracking finds.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plangraph.errors import SourceError
from plangraph.pipeline.track import Link
from plangraph.records.model import Commitment

__all__ = [
    "GOLD_LINKS",
    "GoldLink",
    "GoldLinks",
    "Agreement",
    "agree",
    "LinkScore",
    "check_agreement",
    "check_tracking",
    "format_agreement",
    "format_scores",
    "load_gold_links",
    "score_links",
]

GOLD_LINKS = "plangraph-gold-links/1"


@dataclass(frozen=True)
class GoldLink:
    plan: tuple[int, int]
    review: tuple[int, int]
    plan_quote: str
    review_quote: str
    kind: str
    status: str


@dataclass
class GoldLinks:
    path: Path
    earlier: str  # the earlier report, relative to the reports' folder
    later: str
    links: list[GoldLink]
    unreported: list[tuple[int, int, str, str]]  # start, end, quote, kind


def _span(item: Any, where: str, path: Path) -> tuple[int, int, str]:
    if not isinstance(item, dict) or not all(k in item for k in ("start", "end", "quote")):
        raise SourceError(f"{where}: expected {{start, end, quote}}", path=str(path))
    start, end, quote = item["start"], item["end"], item["quote"]
    if not (isinstance(start, int) and isinstance(end, int) and isinstance(quote, str)):
        raise SourceError(f"{where}: start and end are numbers, quote a string", path=str(path))
    if not 0 <= start < end or len(quote) != end - start:
        raise SourceError(f"{where}: {quote!r} does not fit {start}–{end}", path=str(path))
    return start, end, quote


def load_gold_links(path: str | Path) -> GoldLinks:
    """A check set of links; a file of another form, or a span whose quote does not fit its
    offsets, is a :class:`SourceError` naming the file and the place."""
    import yaml

    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SourceError(f"cannot read the check set: {exc}", path=str(path)) from None
    if not isinstance(data, dict) or data.get("format") != GOLD_LINKS:
        raise SourceError(f"not a check set of links (format: {GOLD_LINKS})", path=str(path))
    links = []
    for n, item in enumerate(data.get("links") or []):
        where = f"links[{n}]"
        if not isinstance(item, dict):
            raise SourceError(f"{where}: expected a mapping", path=str(path))
        ps, pe, pq = _span(item.get("plan"), f"{where}.plan", path)
        rs, re_, rq = _span(item.get("review"), f"{where}.review", path)
        links.append(
            GoldLink((ps, pe), (rs, re_), pq, rq, str(item.get("kind")), str(item.get("status")))
        )
    unreported = []
    for n, item in enumerate(data.get("unreported") or []):
        start, end, quote = _span(item, f"unreported[{n}]", path)
        unreported.append((start, end, quote, str(item.get("kind"))))
    return GoldLinks(path, str(data["earlier"]), str(data["later"]), links, unreported)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _same(a: GoldLink, b: GoldLink) -> bool:
    return _overlap(a.plan, b.plan) and _overlap(a.review, b.review)


def _fits(link: Link, gold: GoldLink) -> bool:
    said = (link.commitment_start, link.commitment_end)
    told = (link.outcome_start, link.outcome_end)
    return _overlap(said, gold.plan) and _overlap(told, gold.review)


@dataclass
class LinkScore:
    """How a pair's predicted links compare with its check set."""

    name: str
    predicted: int
    right: int
    gold: int
    found: int
    same_status: int  # of the gold links found, those given the gold status
    wrong: list[Link] = field(default_factory=list)
    missed: list[GoldLink] = field(default_factory=list)
    by_kind: dict[str, tuple[int, int]] = field(default_factory=dict)  # gold kind → (gold, found)
    # --unreported against the check set's list: how many commitments tracking calls unreported,
    # how many of those a gold link answers (wrongly called silent), and how many of the gold's
    # unreported commitments it lists
    silent: int = 0
    silent_answered: int = 0
    silent_gold: int = 0
    silent_found: int = 0

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0


def score_links(
    name: str, links: Sequence[Link], gold: GoldLinks, silent: Sequence[Commitment] = ()
) -> LinkScore:
    """Precision and recall of ``links`` (of gold's pair) against the check set; with
    ``silent`` (the commitments tracking calls unreported), how they compare with its list."""
    right = [k for k in links if any(_fits(k, g) for g in gold.links)]
    found, same, missed = 0, 0, []
    by_kind: dict[str, list[int]] = {}
    for g in gold.links:
        fitting = [k for k in links if _fits(k, g)]
        tally = by_kind.setdefault(g.kind, [0, 0])
        tally[0] += 1
        if fitting:
            found += 1
            tally[1] += 1
            same += any(k.status == g.status for k in fitting)
        else:
            missed.append(g)
    wrong = [k for k in links if k not in right]
    kinds = {k: (v[0], v[1]) for k, v in by_kind.items()}
    spans = [(c.evidence[0].start, c.evidence[0].end) for c in silent if c.evidence]
    return LinkScore(
        name,
        len(links),
        len(right),
        len(gold.links),
        found,
        same,
        wrong,
        missed,
        kinds,
        silent=len(spans),
        silent_answered=sum(any(_overlap(s, g.plan) for g in gold.links) for s in spans),
        silent_gold=len(gold.unreported),
        silent_found=sum(any(_overlap(s, (u[0], u[1])) for s in spans) for u in gold.unreported),
    )


def check_tracking(paths: Sequence[str | Path], reports: str | Path) -> list[LinkScore]:
    """Track each check set's pair of reports (found under ``reports``) and score the links;
    ``paths`` are check sets or folders of them."""
    from plangraph.pipeline.corpus import read_inputs
    from plangraph.pipeline.track import link_documents, unreported

    scores = []
    for file in _check_sets(paths):
        gold = load_gold_links(file)
        earlier, later = read_inputs([Path(reports) / gold.earlier, Path(reports) / gold.later])
        links = link_documents(earlier, later)
        silent = unreported(earlier, later, links)
        scores.append(score_links(file.stem, links, gold, silent))
    return scores


@dataclass(frozen=True)
class Agreement:
    """Two readers' check sets of one pair, and tracking against both."""

    name: str
    first: int  # the first reader's links
    second: int  # the second reader's
    agreed: int  # of the first's links, those the second made too: both made them
    second_in_first: int  # of the second's, those the first made too
    predicted: int
    right: int  # predicted links either reader made
    found: int  # agreed links tracking finds

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.agreed if self.agreed else 1.0


def agree(name: str, links: Sequence[Link], first: GoldLinks, second: GoldLinks) -> Agreement:
    """How two readers' check sets of one pair agree, and ``links`` against both."""
    agreed = [g for g in first.links if any(_same(g, h) for h in second.links)]
    either = [*first.links, *second.links]
    return Agreement(
        name,
        len(first.links),
        len(second.links),
        len(agreed),
        sum(any(_same(h, g) for g in first.links) for h in second.links),
        len(links),
        sum(any(_fits(k, g) for g in either) for k in links),
        sum(any(_fits(k, g) for k in links) for g in agreed),
    )


def check_agreement(
    first: Sequence[str | Path], second: Sequence[str | Path], reports: str | Path
) -> list[Agreement]:
    """Track each pair both readers' check sets cover (matched by file name) and score the
    links against both; a check set the other reader lacks, or of another pair, is an error."""
    from plangraph.pipeline.corpus import read_inputs
    from plangraph.pipeline.track import link_documents

    ours, theirs = _check_sets(first), {f.name: f for f in _check_sets(second)}
    out = []
    for file in ours:
        other = theirs.get(file.name)
        if other is None:
            raise SourceError("the second reader has no check set of this pair", path=str(file))
        a, b = load_gold_links(file), load_gold_links(other)
        if (a.earlier, a.later) != (b.earlier, b.later):
            raise SourceError(
                f"another pair than {file} ({a.earlier} → {a.later})", path=str(other)
            )
        earlier, later = read_inputs([Path(reports) / a.earlier, Path(reports) / a.later])
        out.append(agree(file.stem, link_documents(earlier, later), a, b))
    return out


def _check_sets(paths: Sequence[str | Path]) -> list[Path]:
    files: list[Path] = []
    for path in map(Path, paths):
        files.extend(sorted(path.glob("*.yaml")) if path.is_dir() else [path])
    if not files:
        raise SourceError("no check sets of links (.yaml) found", path=", ".join(map(str, paths)))
    return files


def format_agreement(scores: Sequence[Agreement]) -> str:
    """The table ``plangraph track --gold … --second …`` prints: per pair and in total, the
    readers' links, how many of each the other made too, and tracking against both."""
    head = ("pair", "first", "second", "agreed", "2nd in 1st", "pred", "right")
    rows = [(*head, "found", "precision", "recall")]
    summed = Agreement(
        "total",
        *(sum(getattr(s, f) for s in scores) for f in list(Agreement.__dataclass_fields__)[1:]),
    )
    for s in [*scores, summed] if len(scores) > 1 else scores:
        rows.append(
            (
                s.name,
                str(s.first),
                str(s.second),
                f"{s.agreed} ({s.agreed / s.first:.2f})" if s.first else "0",
                f"{s.second_in_first} ({s.second_in_first / s.second:.2f})" if s.second else "0",
                str(s.predicted),
                str(s.right),
                str(s.found),
                f"{s.precision:.3f}",
                f"{s.recall:.3f}",
            )
        )
    lines = _columns(rows)
    lines.append(
        "agreed: the first reader's links the second made too; right: predicted links either"
        " reader made; recall: of the agreed links, those found"
    )
    return "\n".join(lines)


def total(scores: Iterable[LinkScore]) -> LinkScore:
    """The scores of several pairs summed."""
    scores = list(scores)
    kinds: dict[str, tuple[int, int]] = {}
    for s in scores:
        for kind, (g, f) in s.by_kind.items():
            g0, f0 = kinds.get(kind, (0, 0))
            kinds[kind] = (g0 + g, f0 + f)
    return LinkScore(
        "total",
        sum(s.predicted for s in scores),
        sum(s.right for s in scores),
        sum(s.gold for s in scores),
        sum(s.found for s in scores),
        sum(s.same_status for s in scores),
        by_kind=kinds,
        silent=sum(s.silent for s in scores),
        silent_answered=sum(s.silent_answered for s in scores),
        silent_gold=sum(s.silent_gold for s in scores),
        silent_found=sum(s.silent_found for s in scores),
    )


def format_scores(scores: Sequence[LinkScore], errors: bool = False) -> str:
    """The table ``plangraph track --gold`` prints: a row per pair and the total; with
    ``errors``, each wrong link and each missed gold link under its pair."""
    rows = [("pair", "gold", "pred", "right", "found", "precision", "recall", "status")]
    lines = []
    for s in [*scores, total(scores)] if len(scores) > 1 else scores:
        status = f"{s.same_status / s.found:.3f}" if s.found else "-"
        rows.append(
            (
                s.name,
                str(s.gold),
                str(s.predicted),
                str(s.right),
                str(s.found),
                f"{s.precision:.3f}",
                f"{s.recall:.3f}",
                status,
            )
        )
    lines.extend(_columns(rows))
    summed = total(scores)
    lines.append(
        "recall by kind: "
        + ", ".join(f"{k} {f}/{g}" for k, (g, f) in sorted(summed.by_kind.items()))
    )
    lines.append(
        f"unreported: {summed.silent} listed, {summed.silent_answered} of them answered by a gold"
        f" link; {summed.silent_found} of the check sets' {summed.silent_gold} listed"
    )
    if errors:
        for s in scores:
            lines.append(f"== {s.name}")
            for k in s.wrong:
                lines.append(
                    f"wrong   {k.status:9} {k.commitment_evidence}  →  {k.outcome_evidence}"
                )
            for g in s.missed:
                lines.append(
                    f"missed  {g.status:9} 「{g.plan_quote}」 {g.plan[0]}–{g.plan[1]}  →  "
                    f"「{g.review_quote}」 {g.review[0]}–{g.review[1]}  ({g.kind})"
                )
    return "\n".join(lines)


def _columns(rows: Sequence[Sequence[str]]) -> list[str]:
    """Rows as aligned lines: the first column to the left, the others (numbers) to the right."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            c.rjust(w) if i else c.ljust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    ]
