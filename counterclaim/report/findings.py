"""Findings as the reader meets them, and the small formatting helpers both front ends share."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..model import Annotation, DateMention, Document, Quantity, Warning
from ..techniques.taxonomy import short_name
from .highlight import anchor

QUOTE_CHARS = 140  # another source's sentence quoted on a card is cut here


# Layers drawn in the narratives, in legend order.
LEGEND = [
    ("claim", "claim"),
    ("quantity", "figure"),
    ("date", "date"),
    ("speaker", "quoted speaker"),
    ("technique", "persuasion technique"),
    ("warning", "warning"),
]


def technique_name(technique: str) -> str:
    return short_name(technique)


def fmt_number(value: float | None) -> str:
    if value is None:
        return "?"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")


def figure_text(q: Quantity) -> str:
    """'at least 60 people injured' from a normalised quantity."""
    if q.value is not None:
        number = fmt_number(q.value)
    elif q.low is not None or q.high is not None:
        number = f"{fmt_number(q.low)}–{fmt_number(q.high)}"
    else:
        number = q.text
    qualifier = "" if q.qualifier in ("exact", "range") else q.qualifier
    scope = f"({q.scope}: “{q.scope_cue}”)" if q.scope != "incident" else ""
    return " ".join(p for p in (qualifier, number, q.unit, q.measure, scope) if p)


def date_text(d: DateMention) -> str:
    if d.value is None:
        return d.text
    fmt = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y", "decade": "%Y"}.get(d.precision or "day", "%Y-%m-%d")
    return d.value.strftime(fmt) + ("s" if d.precision == "decade" else "")


@dataclass
class Finding:
    """One annotation as the reader meets it: where it is, what it says, how to get there."""

    item: Annotation
    kind: str
    label: str
    doc: Document

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def anchor(self) -> str:
        return anchor(self.item.id)

    @property
    def card(self) -> str:
        return anchor(self.item.id, "card")

    @property
    def quote(self) -> str:
        return self.doc.text[self.item.start:self.item.end]


@dataclass
class SourceRow:
    doc: Document
    counts: Counter
    warnings: list[Warning]
    rating: Any = None  # the ACH's SourceRating: source, reliability, meaning, rev


@dataclass
class FigurePoint:
    finding: Finding
    published: dt.date | None
    outlier: bool = False
    revision: str | None = None  # the alignment's reason, when the figure is part of a revision series
    conflict: str | None = None  # the alignment's reason, when another source's figure contradicts it
    authority: str | None = None  # whose own series the figure belongs to, when it is part of a revision

    @property
    def when(self) -> str:
        """The publication time where the metadata gives one, else the day."""
        at = self.finding.doc.published_at
        return f"{at:%Y-%m-%d %H:%M} UTC" if at else (self.published.isoformat() if self.published else "undated")


@dataclass
class Measure:
    name: str
    points: list[FigurePoint] = field(default_factory=list)

    @property
    def series(self) -> dict[str, list[FigurePoint]]:
        """Each authority's own figures linked by revisions, in time order: the series per speaker."""
        out: dict[str, list[FigurePoint]] = {}
        for p in self.points:  # already in publication order
            if p.authority:
                out.setdefault(p.authority, []).append(p)
        return {who: points for who, points in out.items() if len(points) > 1}


def first_finding(findings: dict[str, Finding], ids: list[str]) -> Finding | None:
    return next((findings[i] for i in ids if i in findings), None)
