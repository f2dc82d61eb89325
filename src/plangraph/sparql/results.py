"""A query's answer read out: errors of its evaluation made InputErrors, and the answer
gathered into memory (:class:`Results`) for tables, DataFrames and graphs."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from plangraph.errors import InputError

if TYPE_CHECKING:
    import pyoxigraph

    Answer = pyoxigraph.QuerySolutions | pyoxigraph.QueryTriples | pyoxigraph.QueryBoolean

__all__ = ["Results", "evaluation", "gather"]


@dataclass
class Results:
    """An answer gathered into memory: ``kind`` is ``select``, ``ask`` or ``graph``.

    ``rows`` hold pyoxigraph terms (``None`` where unbound); ``complete`` is false when the
    row limit cut the answer short (``rows`` then hold one row more than the limit).
    """

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[Any] = field(default_factory=list)
    complete: bool = True

    def __len__(self) -> int:
        return len(self.triples) if self.kind == "graph" else len(self.rows)


@contextmanager
def evaluation(origin: str = "<query>") -> Iterator[None]:
    """Errors of a query's evaluation as InputErrors. Answers are lazy: reading one (its rows,
    or writing it out) is where a type error or a failing call raises, so wrap that too."""
    try:
        yield
    except (InputError, MemoryError, BrokenPipeError):
        raise
    except (OSError, RuntimeError, ValueError) as exc:
        why = " ".join(str(exc).split())[:300]
        raise InputError(f"the query failed: {why}", path=origin) from None


def gather(answer: Answer, *, max_rows: int | None = None, origin: str = "<query>") -> Results:
    """An answer read into memory; ``max_rows`` stops one row (or triple) past the limit and
    marks the results incomplete."""
    import pyoxigraph

    with evaluation(origin):
        if isinstance(answer, pyoxigraph.QueryBoolean):
            return Results("ask", boolean=bool(answer))
        if isinstance(answer, pyoxigraph.QuerySolutions):
            variables = [v.value for v in answer.variables]
            rows = []
            for solution in answer:
                rows.append(tuple(solution))  # the values in the order of the variables
                if max_rows is not None and len(rows) > max_rows:
                    return Results("select", variables, rows, complete=False)
            return Results("select", variables, rows)
        triples = []
        for triple in answer:
            triples.append(triple)
            if max_rows is not None and len(triples) > max_rows:
                return Results("graph", triples=triples, complete=False)
        return Results("graph", triples=triples)
