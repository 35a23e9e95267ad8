"""What the report and the workbench show, gathered once from a :class:`Case`.

Both front ends render the same :class:`CaseView`, so a finding looks and
links the same in the offline file and in the app. Everything is read from
what the case holds: annotation layers, and the alignment / hypotheses / ACH
stage APIs (cross-source sections live in :mod:`.crossviews`). Reading never
runs a stage: an empty layer shows as an empty state.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter, defaultdict
from functools import cached_property
from typing import TYPE_CHECKING, Any

from .. import tally
from ..model import Annotation, Claim, DateMention, Document, Technique, Warning, by_series
from ..techniques.shown import basis
from .highlight import Run, Span, anchor, runs

if TYPE_CHECKING:  # pragma: no cover
    from ..case import Case

from .crossviews import AchView, AlignmentView, HypothesesView, Match
from .findings import FigurePoint, Finding, Measure, SourceRow, date_text, figure_text, technique_name


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
        shown, self.hidden_techniques = tally.techniques(self.case)  # the CLI's default listing, and what it hides
        # Warnings found across documents (a date that precedes the event) are the document's too, as in `summary`.
        found = {"technique": shown, "warning": self.case.warnings()}
        out: dict[str, dict[str, list[Annotation]]] = {}
        for layer in ("claim", "quantity", "date", "technique", "warning", "entity"):
            grouped: dict[str, list[Annotation]] = defaultdict(list)
            for item in found[layer] if layer in found else self.case.annotations(layer):
                grouped[item.doc_id].append(item)
            out[layer] = grouped
        return out

    @property
    def technique_basis(self) -> str:
        """How the default technique view was chosen (measured on judged real news)."""
        return basis()

    def correctable(self, f: Finding) -> bool:
        """Whether the analyst can correct this finding (a warning found across documents is no annotation)."""
        return f.kind != "warning" or f.id in self._own_warnings

    @cached_property
    def _own_warnings(self) -> set[str]:
        return {w.id for w in self.case.annotations("warning")}

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
    def alignment(self) -> AlignmentView:
        return AlignmentView(self.findings, self.case.alignment)

    @cached_property
    def hypotheses(self) -> HypothesesView:
        api = self.case.hypotheses
        return HypothesesView(self.findings, api.list(include_inactive=True), api.stances())

    @cached_property
    def ach(self) -> AchView:
        return AchView(self.findings, self.case.ach)

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
    def undated(self) -> list[Document]:
        return tally.undated(self.documents)

    @cached_property
    def outlets(self) -> list[Any]:
        """The sources (outlets) the documents come from, with their Admiralty ratings (as `sources` lists them)."""
        return tally.sources(self.case)

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
        """doc id -> the ACH's Admiralty reliability of its source (outlet)."""
        api = self.case.ach
        by_source = {r.source: r for r in self.outlets}
        return {d.id: by_source[api.source_key(d)] for d in self.documents if api.source_key(d) in by_source}

    # ------------------------------------------------------------------ figures and timeline

    @cached_property
    def measures(self) -> list[Measure]:
        """Every figure with a measure, grouped by measure, ordered by publication date."""
        # A war-wide or yearly toll stays visible, in a series of its own, never on the incident's chart.
        quantities = by_series(q for qs in self.layer("quantity").values() for q in qs)
        measures = [Measure(series, [FigurePoint(self.findings[q.id], self.docs[q.doc_id].published) for q in items])
                    for series, items in quantities.items()]
        for measure in measures:
            measure.points.sort(key=lambda p: (p.published or dt.date.max, p.finding.doc.published_at or dt.datetime.max,
                                               p.finding.doc.id, p.finding.item.start))
            _mark_outliers(measure.points)
            for point in measure.points:
                claim = self.claim_of(point.finding.item)
                for r in self.alignment.figure_relations(claim.id, point.finding.item) if (claim and self.alignment) else []:
                    if r.type == "revision":
                        point.revision = point.revision or r.reason
                        point.authority = point.authority or r.authority
                    else:
                        point.conflict = point.conflict or r.reason
        return measures

    @cached_property
    def timeline(self) -> list[Finding]:
        """Dated events across sources, in calendar order (undated mentions last)."""
        dates = [self.findings[d.id] for d in tally.event_dates(d for ds in self.layer("date").values() for d in ds)]
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
