"""What the report and the workbench show, gathered once from a :class:`Case`.

Both front ends render the same :class:`CaseView`, so a finding looks and
links the same in the offline file and in the app. Everything is read from
what the case holds: annotation layers, and the alignment / hypotheses / ACH
stage APIs when those modules are installed. A missing capability yields
``None`` and its section shows an empty state.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from ..model import Annotation, Claim, DateMention, Document, Quantity, Technique, Warning
from .highlight import Run, Span, anchor, runs

if TYPE_CHECKING:  # pragma: no cover
    from ..case import Case

T = TypeVar("T")

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


def stage_api(get: Callable[[], T]) -> T | None:
    """A stage API object, or None while its module is not installed."""
    try:
        return get()
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("counterclaim."):
            return None
        raise


def technique_name(technique: str) -> str:
    try:
        from ..techniques.taxonomy import short_name
    except ModuleNotFoundError:
        return technique.replace("_", " ")
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
    return " ".join(p for p in (qualifier, number, q.unit, q.measure) if p)


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


@dataclass
class Measure:
    name: str
    points: list[FigurePoint] = field(default_factory=list)


class CaseView:
    """Lazily computed, cached read model of one case; build a new one after an edit."""

    def __init__(self, case: Case, *, compact: bool = False):
        self.case = case
        # compact: one card per claim (the offline report, which may hold hundreds of documents);
        # otherwise every finding has its own card (the workbench edits each one).
        self.compact = compact
        self._runs: dict[str, list[Run]] = {}

    # ------------------------------------------------------------------ basics

    @cached_property
    def documents(self) -> list[Document]:
        return self.case.documents()

    @cached_property
    def docs(self) -> dict[str, Document]:
        return {d.id: d for d in self.documents}

    def layer(self, layer: str) -> dict[str, list[Annotation]]:
        """doc id -> that document's annotations of one layer (corrections applied)."""
        return self._layers[layer]

    @cached_property
    def _layers(self) -> dict[str, dict[str, list[Annotation]]]:
        out: dict[str, dict[str, list[Annotation]]] = {}
        for layer in ("claim", "quantity", "date", "technique", "warning", "entity"):
            grouped: dict[str, list[Annotation]] = defaultdict(list)
            for item in self.case.annotations(layer):
                grouped[item.doc_id].append(item)
            out[layer] = grouped
        return out

    @cached_property
    def event(self) -> str:
        return self.case.store.get_meta("event") or ""

    # ------------------------------------------------------------------ findings and highlights

    @cached_property
    def findings(self) -> dict[str, Finding]:
        """Every highlighted finding by annotation id (speakers by '<claim id>#speaker')."""
        out: dict[str, Finding] = {}
        for layer, label in (("claim", _claim_label), ("quantity", figure_text), ("date", _date_label),
                             ("technique", lambda t: technique_name(t.technique)), ("warning", lambda w: w.message)):
            for doc_id, items in self.layer(layer).items():
                for item in items:
                    out[item.id] = Finding(item, layer, label(item), self.docs[doc_id])
        return out

    def finding(self, annotation_id: str) -> Finding | None:
        return self.findings.get(annotation_id)

    @cached_property
    def _by_doc(self) -> dict[str, list[Finding]]:
        grouped: dict[str, list[Finding]] = defaultdict(list)
        for f in self.findings.values():
            grouped[f.doc.id].append(f)
        return grouped

    def spans(self, doc_id: str) -> list[Span]:
        out = [Span(f.item.start, f.item.end, f.kind, f.id, f.label) for f in self._by_doc.get(doc_id, [])]
        for claim in self.layer("claim").get(doc_id, []):
            sp = claim.speaker
            if sp.kind != "outlet" and sp.start is not None and sp.end is not None:
                out.append(Span(sp.start, sp.end, "speaker", claim.id, f"speaker: {sp.name}"))
        return out

    def runs(self, doc_id: str) -> list[Run]:
        if doc_id not in self._runs:  # the workbench keeps one view across requests until the case changes
            self._runs[doc_id] = runs(self.docs[doc_id].text, self.spans(doc_id))
        return self._runs[doc_id]

    def card_of(self, annotation_id: str) -> str:
        """The card a highlight opens: a figure, date or technique inside a claim opens the claim's card,
        which lists it (one card per claim keeps a large report small). The report keeps its cards as
        data keyed by the finding's anchor, so there a highlight links to the start of its card's finding."""
        if not self.compact:
            return anchor(annotation_id, "card")
        owner = self._owner.get(annotation_id)
        return anchor(owner.id if owner else annotation_id)

    def card_rows(self, f: Finding) -> list[tuple[str, list]]:
        """A finding card's rows as (term, parts); a part is text, ("a", annotation id, text) a link to a
        sentence, ("q", annotation id) a link quoting it (up to ``QUOTE_CHARS``), ("b", kind) a badge,
        ("m", text) muted text or ("br",) a line break.

        Plain data, so the workbench's template and the report's script draw the same card."""
        item = f.item
        claim = item if f.kind == "claim" else self.claim_of(item)
        published = f" {f.doc.published.isoformat()}" if f.doc.published else ""
        rows: list[tuple[str, list]] = [("source", [f"{f.doc.outlet or f.doc.id}{published} · {item.start}–{item.end}"])]
        if f.kind == "claim":
            sp = item.speaker
            cue = f", “{sp.cue}”" if sp.cue else ""
            rows.append(("speaker", [sp.name + " ", ("m", f"({sp.kind}{cue})")]))
            rows.append(("stance", [("b", item.stance), *([" negated"] if item.negated else [])]))
            if item.hedges:
                rows.append(("hedges", [", ".join(f"“{h.cue}”" for h in item.hedges)]))
            if item.checkworthiness is not None:
                rows.append(("check-worthy", [f"{item.checkworthiness:.2f}"]))
            parts = self.claim_parts(item)
            if parts:
                rows.append(("contains", _joined([("a", p.id, p.label) for p in parts])))
        elif f.kind == "quantity":
            rows.append(("value", [f.label + (f" (per {item.per})" if item.per else "")]))
        elif f.kind == "date":
            rows.append(("date", [f.label, *([("m", f" relative to {item.anchor}")] if item.anchor else [])]))
        elif f.kind == "warning":
            rows.append(("warning", [item.message + " ", ("m", f"({item.code}, {item.severity})")]))
        elif f.kind == "technique":
            confidence = [("m", f" (confidence {item.confidence:.2f})")] if item.confidence is not None else []
            rows.append(("technique", [f.label, *confidence]))
        if claim and f.kind != "claim" and claim.id in self.findings:
            rows.append(("in claim", [("a", claim.id, self.findings[claim.id].label)]))
        if claim and (matches := self.matches(claim.id)):
            lines = [[("b", m.relation), f" {m.finding.doc.outlet or m.finding.doc.id}: ",
                      ("q", m.finding.id)] for m in matches]
            if (more := self.match_count(claim.id) - len(matches)) > 0:
                lines.append([("m", f"… {more} more in Conflicts")])
            rows.append(("other sources", [part for line in lines for part in (("br",), *line)][1:]))
        confidence = f" · confidence {item.confidence:.2f}" if item.confidence is not None and f.kind != "technique" else ""
        rows.append(("by", [("m", f"{item.component} {item.version}{confidence}")]))
        return rows

    def doc_findings(self, doc_id: str) -> list[Finding]:
        """A document's cards in reading order (compact: its claims, and findings in no claim)."""
        items = [f for f in self._by_doc.get(doc_id, [])
                 if not self.compact or f.kind == "claim" or f.id not in self._owner]
        return sorted(items, key=lambda f: (f.item.start, -f.item.end, f.kind))

    def claim_of(self, item: Annotation) -> Claim | None:
        """The claim a figure, date or technique belongs to, if any."""
        return self._owner.get(item.id)

    def context(self, item: Annotation) -> str:
        """What a figure or date is read in: its claim, else its sentence, never the bare number."""
        claim = self.claim_of(item)
        if claim is not None:
            return self.findings[claim.id].quote
        text = self.docs[item.doc_id].text
        starts, sentences = self._sentences.get(item.doc_id, ([], []))
        i = bisect.bisect_right(starts, item.start) - 1
        if i >= 0 and sentences[i].end >= item.end:
            return text[sentences[i].start:sentences[i].end]
        return text[item.start:item.end]

    @cached_property
    def _sentences(self) -> dict[str, tuple[list[int], list[Annotation]]]:
        by_doc: dict[str, list[Annotation]] = defaultdict(list)
        for s in self.case.annotations("sentence"):
            by_doc[s.doc_id].append(s)
        return {d: ([s.start for s in items], items) for d, items in
                ((d, sorted(items, key=lambda s: s.start)) for d, items in by_doc.items())}

    @cached_property
    def _owner(self) -> dict[str, Claim]:
        owner: dict[str, Claim] = {}
        for claims in self.layer("claim").values():
            for c in claims:
                for ref in (*c.quantity_ids, *c.date_ids):
                    owner.setdefault(ref, c)
        claims_by_id = {c.id: c for cs in self.layer("claim").values() for c in cs}
        for techniques in self.layer("technique").values():
            for t in techniques:
                for ref in t.claim_ids:
                    if ref in claims_by_id:
                        owner.setdefault(t.id, claims_by_id[ref])
        return owner

    def claim_parts(self, claim: Claim) -> list[Finding]:
        """The figures, dates and technique spans inside a claim."""
        ids = [*claim.quantity_ids, *claim.date_ids, *(t.id for t in self._techniques_by_claim.get(claim.id, []))]
        return [self.findings[i] for i in ids if i in self.findings]

    def matches(self, claim_id: str) -> list[Match]:
        """Other sources' claims paired with this one by the alignment (the first few)."""
        if not self.alignment:
            return []
        return self.alignment.matches(claim_id, 2 if self.compact else AlignmentView.MATCHES)

    def match_count(self, claim_id: str) -> int:
        return len(self.alignment.by_claim.get(claim_id, [])) if self.alignment else 0

    @cached_property
    def alignment(self) -> AlignmentView | None:
        api = stage_api(lambda: self.case.alignment)
        return AlignmentView(self, api) if api else None

    @cached_property
    def hypotheses(self) -> HypothesesView | None:
        api = stage_api(lambda: self.case.hypotheses)
        return HypothesesView(self, api.list(include_inactive=True), api.stances()) if api else None

    @cached_property
    def ach(self) -> AchView | None:
        api = stage_api(lambda: self.case.ach)
        return AchView(self, api) if api else None

    @cached_property
    def _techniques_by_claim(self) -> dict[str, list[Technique]]:
        out: dict[str, list[Technique]] = defaultdict(list)
        for techniques in self.layer("technique").values():
            for t in techniques:
                for ref in t.claim_ids:
                    out[ref].append(t)
        return out

    # ------------------------------------------------------------------ overview

    @cached_property
    def sources(self) -> list[SourceRow]:
        ratings = self.source_ratings
        rows = []
        for d in self.documents:
            counts = Counter({layer: len(self.layer(layer).get(d.id, [])) for layer in ("claim", "quantity", "date", "technique")})
            rows.append(SourceRow(d, counts, list(self.layer("warning").get(d.id, [])), ratings.get(d.id)))
        return rows

    @cached_property
    def totals(self) -> Counter:
        total: Counter = Counter()
        for row in self.sources:
            total.update(row.counts)
        return total

    @cached_property
    def warnings(self) -> list[Warning]:
        return [w for ws in self.layer("warning").values() for w in ws]

    @cached_property
    def source_ratings(self) -> dict[str, Any]:
        """doc id -> the ACH's Admiralty reliability of its source (outlet), when ACH is installed."""
        api = stage_api(lambda: self.case.ach)
        if api is None:
            return {}
        by_source = {r.source: r for r in api.sources()}
        return {d.id: by_source[api.source_key(d)] for d in self.documents if api.source_key(d) in by_source}

    # ------------------------------------------------------------------ figures and timeline

    @cached_property
    def measures(self) -> list[Measure]:
        """Every figure with a measure, grouped by measure, ordered by publication date."""
        grouped: dict[str, Measure] = {}
        for doc_id, items in self.layer("quantity").items():
            for q in items:
                if not q.measure:
                    continue
                measure = grouped.setdefault(q.measure, Measure(q.measure))
                measure.points.append(FigurePoint(self.findings[q.id], self.docs[doc_id].published))
        for measure in grouped.values():
            measure.points.sort(key=lambda p: (p.published or dt.date.max, p.finding.doc.id, p.finding.item.start))
            _mark_outliers(measure.points)
            for point in measure.points:
                claim = self.claim_of(point.finding.item)
                for r in self.alignment.figure_relations(claim.id, point.finding.item) if (claim and self.alignment) else []:
                    if r.type == "revision":
                        point.revision = point.revision or r.reason
                    else:
                        point.conflict = point.conflict or r.reason
        return sorted(grouped.values(), key=lambda m: (-len(m.points), m.name))

    @cached_property
    def timeline(self) -> list[Finding]:
        """Dated events across sources, in calendar order (undated mentions last)."""
        dates = [self.findings[d.id] for ds in self.layer("date").values() for d in ds if d.role == "event"]
        return sorted(dates, key=lambda f: (f.item.value or dt.date.max, f.doc.id, f.item.start))

    # ------------------------------------------------------------------ techniques

    @cached_property
    def technique_names(self) -> list[str]:
        counts = Counter(t.technique for ts in self.layer("technique").values() for t in ts)
        return [name for name, _ in counts.most_common()]

    def technique_profile(self, doc_id: str) -> Counter:
        return Counter(t.technique for t in self.layer("technique").get(doc_id, []))

    def technique_findings(self, doc_id: str, technique: str) -> list[Finding]:
        return [self.findings[t.id] for t in self.layer("technique").get(doc_id, []) if t.technique == technique]


OUTLIER_FACTOR = 2.0


def _mark_outliers(points: list[FigurePoint]) -> None:
    """Flag figures more than twice (or under half) the median of the measure's point values.

    A deliberately plain rule an analyst can check by eye; it needs three figures.
    """
    values = sorted(p.finding.item.value for p in points if p.finding.item.value)
    if len(values) < 3:
        return
    mid = len(values) // 2
    median = values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2
    for p in points:
        v = p.finding.item.value
        p.outlier = bool(v) and (v > median * OUTLIER_FACTOR or v < median / OUTLIER_FACTOR)


def _joined(parts: list) -> list:
    """Parts separated by ", "."""
    out: list = []
    for p in parts:
        out += [", ", p] if out else [p]
    return out


def _claim_label(c: Claim) -> str:
    hedged = " · hedged" if c.hedges else ""
    return f"{c.kind} claim · {c.stance} ({c.speaker.name}){hedged}"


def _date_label(d: DateMention) -> str:
    precision = f" · {d.precision}" if d.precision else ""
    return f"{date_text(d)}{precision}{' · relative' if d.relative else ''}"


# --------------------------------------------------------------------------- cross-source (stage APIs)


@dataclass
class Match:
    relation: str
    finding: Finding
    reason: str = ""


@dataclass
class RelationView:
    kind: str
    subtype: str
    reason: str
    topic: str
    a: Finding
    b: Finding


@dataclass
class Cell:
    stance: str
    finding: Finding | None = None
    note: str = ""


@dataclass
class Row:
    id: str
    label: str
    cells: dict[str, Cell]
    origin: str = ""


RELATION_ORDER = ["contradict", "revision", "compatible", "agree"]


@dataclass
class RelationGroup:
    """All pairs of one kind within one claim cluster; a few are shown, the rest counted."""

    kind: str
    topic: str
    count: int
    examples: list[RelationView]

    @property
    def more(self) -> int:
        return self.count - len(self.examples)


class AlignmentView:
    """Relations, stance matrix and origin groups from ``case.alignment``.

    Relations are pairwise, so a case of many similar sources holds very many;
    the views group them by cluster and show a few examples of each group.
    """

    EXAMPLES = 3  # pairs shown per (relation type, cluster)
    MATCHES = 4  # other sources' claims listed on a finding card

    def __init__(self, view: CaseView, api: Any):
        self.api = api
        self.findings = f = view.findings
        clusters = api.clusters()
        topics = {c.id: c.label for c in clusters}
        grouped: dict[tuple[str, str], list[Any]] = defaultdict(list)
        self.by_claim: dict[str, list[Any]] = defaultdict(list)
        self.numeric: dict[str, list[Any]] = defaultdict(list)  # revisions and numeric contradictions
        for r in api.relations():
            if r.type == "unrelated" or r.claim_a not in f or r.claim_b not in f:
                continue
            grouped[(r.type, r.cluster_id)].append(r)
            for claim_id in (r.claim_a, r.claim_b):
                self.by_claim[claim_id].append(r)
                if r.type == "revision" or r.subtype == "numeric":
                    self.numeric[claim_id].append(r)
        self.groups = {kind: [RelationGroup(kind, topics.get(cid, ""), len(items),
                                            [self._view(r, topics) for r in items[:self.EXAMPLES]])
                              for (k, cid), items in sorted(grouped.items(), key=lambda kv: -len(kv[1])) if k == kind]
                       for kind in RELATION_ORDER}
        self.counts = {kind: sum(g.count for g in groups) for kind, groups in self.groups.items()}
        self.topics = topics
        shared = {c.id for c in clusters if len({s.doc_id for s in c.stances if s.stance != "silent"}) > 1}
        self.stance_rows = [
            Row(row.cluster_id, row.label, {d: Cell(s.stance, _first(f, s.claim_ids), ", ".join(s.answers))
                                            for d, s in row.cells.items() if s.stance != "silent"})
            for row in api.matrix().rows if row.cluster_id in shared
        ]
        self.origin_groups = [g for g in api.origin_groups() if len(g.doc_ids) > 1]
        self.origin_of = {d: (g.wire or g.id) for g in self.origin_groups for d in g.doc_ids}

    def _view(self, r: Any, topics: dict[str, str]) -> RelationView:
        return RelationView(r.type, r.subtype or "", r.reason, topics.get(r.cluster_id, ""),
                            self.findings[r.claim_a], self.findings[r.claim_b])

    @property
    def by_kind(self) -> list[tuple[str, list[RelationGroup]]]:
        return [(k, self.groups[k]) for k in RELATION_ORDER if self.groups[k]]

    def matches(self, claim_id: str, limit: int) -> list[Match]:
        """Other sources' claims paired with this one (the first ``limit``)."""
        out = []
        for r in self.by_claim.get(claim_id, [])[:limit]:
            other = r.claim_b if r.claim_a == claim_id else r.claim_a
            out.append(Match(r.type, self.findings[other], r.reason))
        return out

    def figure_relations(self, claim_id: str, quantity: Quantity) -> list[Any]:
        """Revisions and numeric contradictions that name this figure (a claim may hold several)."""
        from ..across.relations import describe

        named = f"'{describe(quantity)}'"
        return [r for r in self.numeric.get(claim_id, []) if named in r.reason]


class HypothesesView:
    """Active hypotheses × documents, each cell linked to the claim it rests on."""

    def __init__(self, view: CaseView, hypotheses: list[Any], stances: list[Any]):
        self.all = hypotheses
        self.active = active = [h for h in hypotheses if h.status == "active"]
        cells: dict[str, dict[str, Cell]] = defaultdict(dict)
        for s in stances:
            if s.stance != "absent":
                claim_ids = [e.claim_id for e in s.evidence]
                stance = "disputes" if s.disputed else s.stance
                cells[s.hypothesis_id][s.doc_id] = Cell(stance, _first(view.findings, claim_ids), s.reason)
        self.rows = [Row(h.id, h.label, cells.get(h.id, {}), h.origin) for h in active]


def _first(findings: dict[str, Finding], ids: list[str]) -> Finding | None:
    return next((findings[i] for i in ids if i in findings), None)


@dataclass
class Column:
    id: str
    label: str


@dataclass
class AchCell:
    rating: str
    suggested: bool
    reason: str
    rev: int


@dataclass
class AchRow:
    id: str
    label: str
    finding: Finding | None
    source: str
    diagnosticity: float | None
    cells: dict[str, AchCell]


@dataclass
class ScoreRow:
    method: str
    note: str
    values: dict[str, float]
    best: set[str]


METHODS = [
    ("heuer", "heuer", "Heuer", "inconsistency count; lowest is best"),
    ("weighted", "weighted", "Weighted", "inconsistency weighted by Admiralty reliability × credibility; lowest is best"),
    ("bayes", "posterior", "Bayes", "posterior probability from rating likelihoods; highest is best"),
]


class AchView:
    """The ACH matrix, scores by method and sensitivity, from ``case.ach``."""

    SENSITIVITY_RUNS = 500

    def __init__(self, view: CaseView, api: Any):
        import numpy as np

        from ..ach import scoring as ach_scores

        matrix = api.matrix("heuer")
        self.limits = matrix.limits
        self.hypotheses = [Column(h.id, h.label) for h in sorted(matrix.hypotheses, key=lambda h: int(h.id[1:]))]
        ids = [h.id for h in self.hypotheses]
        self.rows = [
            AchRow(r.id, f"{r.id}: {r.text}", _first(view.findings, [m.claim_id for m in r.members]),
                   f"{', '.join(r.sources) or 'analyst'} · {r.reliability}{r.credibility}", r.diagnosticity,
                   {h: AchCell(c.rating, c.by == "suggested", c.reason, c.rev) for h, c in r.cells.items()})
            for r in matrix.rows
        ]
        by_id = {h.id: h for h in matrix.hypotheses}
        self.scores = []
        for method, attr, name, note in METHODS:
            values = {h: getattr(by_id[h], attr) for h in ids}
            best = ach_scores.leaders(method, np.array([values[h] for h in ids]))
            self.scores.append(ScoreRow(name, note, values, {ids[j] for j in best}))
        self.sensitivity = self._sensitivity(api, view) if self.rows and ids else []

    def _sensitivity(self, api: Any, view: CaseView) -> list[str]:
        sens = api.sensitivity("heuer", runs=self.SENSITIVITY_RUNS)
        label = {h.id: f"{h.id} ({h.label})" for h in self.hypotheses}
        lines = [f"Leading under Heuer scoring: {', '.join(label[h] for h in sens.leaders) or 'none'}."]
        for p in sens.linchpins:
            lines.append(f"Linchpin {p.evidence_id}: without it the lead moves from "
                         f"{', '.join(p.leaders_before)} to {', '.join(p.leaders_after)}.")
        if not sens.linchpins:
            lines.append("No single evidence row changes the leader when removed.")
        mc = sens.monte_carlo
        shares = ", ".join(f"{h} {share:.0%}" for h, share in sorted(mc.first_share.items(), key=lambda kv: -kv[1]))
        lines.append(f"Ranked first in {mc.runs} perturbed runs (ratings shifted one step with p={mc.p_rating}, "
                     f"Admiralty grades with p={mc.p_weight}; seed {mc.seed}): {shares}.")
        for e in sens.missing:
            lines.append(f"Missing evidence for {label.get(e.hypothesis_id, e.hypothesis_id)}: {e.item} — no source reports it.")
        return lines
