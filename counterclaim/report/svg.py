"""Chart geometry computed in Python; a template turns it into inline SVG.

No chart library and no script: the chart is static markup, readable without
JavaScript and printable, and every mark is a link to the sentence it came from.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from .findings import FigurePoint, Measure, fmt_number

PALETTE = ["#1f4e8c", "#c62828", "#2e7d32", "#b26a00", "#6a1b9a", "#00838f", "#5d4037", "#ad1457", "#455a64", "#827717"]


@dataclass
class Mark:
    x: float
    y: float
    y_low: float | None
    y_high: float | None
    shape: str  # "circle", "up" (at least / more than), "down" (at most / up to), "range"
    colour: str
    href: str
    title: str
    outlier: bool
    revision: bool
    conflict: bool


@dataclass
class Tick:
    pos: float
    label: str


@dataclass
class Chart:
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    x_ticks: list[Tick] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    undated_x: float | None = None
    legend: list[tuple[str, str]] = field(default_factory=list)  # (colour, source)


def nice_ticks(high: float, count: int = 5) -> list[float]:
    """Round tick values from 0 to at least ``high``."""
    if high <= 0:
        return [0.0, 1.0]
    raw = high / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return [i * step for i in range(math.ceil(high / step) + 1)]


def _shape(point: FigurePoint) -> str:
    q = point.finding.item
    if q.value is None and q.low is not None and q.high is not None:
        return "range"
    if q.qualifier in ("at least", "more than"):
        return "up"
    if q.qualifier in ("at most", "less than", "up to"):
        return "down"
    return "circle"


def _values(point: FigurePoint) -> tuple[float, float | None, float | None] | None:
    q = point.finding.item
    if q.value is not None:
        return q.value, q.low, q.high
    if q.low is not None and q.high is not None:
        return (q.low + q.high) / 2, q.low, q.high
    if q.low is not None or q.high is not None:
        bound = q.low if q.low is not None else q.high
        return bound, None, None
    return None


def figure_chart(measure: Measure, colours: dict[str, str], link, width: int = 860, height: int = 300) -> Chart:
    """Every source's figure for one measure over publication time (undated sources in a band at the right)."""
    chart = Chart(width, height, left=64, right=24, top=16, bottom=40)
    plotted = [(p, v) for p in measure.points if (v := _values(p)) is not None]
    if not plotted:
        return chart
    # Only figures that state a number set the axis: a vague "thousands" is drawn at the top edge if above it.
    scaled = [v for p, v in plotted if p.finding.item.qualifier != "vague"] or [v for _, v in plotted]
    top_value = max(max(v[0], v[2] or 0) for v in scaled)
    y_values = nice_ticks(top_value * 1.05)
    y_max = y_values[-1]
    inner_h = height - chart.top - chart.bottom

    def y_of(value: float) -> float:
        return round(chart.top + inner_h * (1 - value / y_max), 1)

    chart.y_ticks = [Tick(y_of(v), fmt_number(v)) for v in y_values]
    dates = sorted({p.published for p, _ in plotted if p.published})
    has_undated = any(p.published is None for p, _ in plotted)
    x_end = width - chart.right - (70 if has_undated else 0)
    if dates:
        first, last = dates[0] - dt.timedelta(days=1), dates[-1] + dt.timedelta(days=1)
        span = (last - first).days

        def x_of(day: dt.date) -> float:
            return round(chart.left + 10 + (x_end - chart.left - 20) * (day - first).days / span, 1)

        step = max(1, len(dates) // 6)
        chart.x_ticks = [Tick(x_of(d), d.isoformat()) for d in dates[::step]]
    if has_undated:
        chart.undated_x = width - chart.right - 35
    # Points sharing a date and source would hide each other: nudge them sideways.
    seen: dict[tuple[float, float], int] = {}
    for point, (value, low, high) in plotted:
        x = x_of(point.published) if point.published else chart.undated_x
        nudge = seen.get((x, value), 0)
        seen[(x, value)] = nudge + 1
        doc = point.finding.doc
        q = point.finding.item
        note = " · outlier" if point.outlier else ""
        note += " · revision" if point.revision else ""
        note += " · contradicted" if point.conflict else ""
        chart.marks.append(Mark(
            x=x + 7 * nudge, y=y_of(value), y_low=y_of(low) if low is not None else None,
            y_high=y_of(high) if high is not None else None, shape=_shape(point), colour=colours.get(doc.id, PALETTE[0]),
            href=link(q.id), title=f"{doc.outlet or doc.id} ({(point.published or 'undated')}): {point.finding.label} — “{point.finding.quote}”{note}",
            outlier=point.outlier, revision=bool(point.revision), conflict=bool(point.conflict),
        ))
    used = {p.finding.doc.id: p.finding.doc for p, _ in plotted}
    chart.legend = [(colours.get(d.id, PALETTE[0]), d.outlet or d.id) for d in used.values()]
    return chart


def source_colours(doc_ids: list[str]) -> dict[str, str]:
    return {doc_id: PALETTE[i % len(PALETTE)] for i, doc_id in enumerate(doc_ids)}
