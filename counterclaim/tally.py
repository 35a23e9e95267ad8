"""What the report, the workbench and the CLI count, each computed in one place.

Issue 17: a reader comparing the report with the terminal must see one number for one thing. Every
count both front ends show comes from a function here (or from the stage API it names), never from a
second filter written beside the first.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .across.records import SHOWN_RELATIONS
from .model import DateMention, Document, Technique, by_series
from .techniques.profile import findings
from .techniques.shown import is_shown

if TYPE_CHECKING:  # pragma: no cover
    from .case import Case


def undated(documents: Iterable[Document]) -> list[Document]:
    """Documents with no publication date: their figures have no as-of date."""
    return [d for d in documents if d.published is None]


def event_dates(dates: Iterable[DateMention]) -> list[DateMention]:
    """The dates of events (the timeline), not publication dates or datelines."""
    return [d for d in dates if d.role == "event"]


def techniques(case: Case) -> tuple[list[Technique], int]:
    """The technique suggestions shown by default (:mod:`.techniques.shown`) and how many are hidden."""
    every = findings(case, min_confidence=0.0)
    shown = [t for t in every if is_shown(t)]
    return shown, len(every) - len(shown)


def sources(case: Case) -> list[Any]:
    """The sources (outlets, else documents) that documents of the case come from, with their ratings."""
    return [s for s in case.ach.sources() if s.documents]


def summary(case: Case) -> dict[str, Any]:
    """Every headline count of a case, as the report's overview and sections show them."""
    docs = case.documents()
    shown, hidden = techniques(case)
    relations, hidden_conflicts = case.alignment.shown_relations()
    kinds = {kind: sum(r.type == kind for r in relations) for kind in SHOWN_RELATIONS}
    series = by_series(case.annotations("quantity"))
    return {
        "documents": len(docs),
        "sources": len(sources(case)),
        "undated": [d.id for d in undated(docs)],
        "claims": len(case.annotations("claim")),
        "figures": len(case.annotations("quantity")),
        "dates": len(case.annotations("date")),
        "event dates": len(event_dates(case.annotations("date"))),
        "techniques": len(shown),
        "techniques hidden": hidden,
        "warnings": len(case.warnings()),
        "measures": {name: len(items) for name, items in series.items()},
        "clusters": len(case.alignment.matrix().rows),
        "relations": kinds,
        "contradictions hidden": hidden_conflicts,
        "origin groups": case.alignment.copies(),
        "hypotheses": [h.label for h in case.hypotheses.list()],
        "evidence rows": len(case.ach.matrix("heuer").rows),
    }
