"""Cross-source sections of the case view: alignment, hypotheses and the ACH matrix, from the stage APIs."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from ..across.records import SHOWN_RELATIONS
from ..model import Quantity
from .findings import Finding, first_finding

# Who read a document's stance where no attribution pattern did (DocumentStance.read_by), shown after it.
_MARK = {"stance model": "model", "mentions": "named only"}


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
    mark: str = ""  # shown after the stance: who read it where no attribution pattern did (_MARK)


@dataclass
class Row:
    id: str
    label: str
    cells: dict[str, Cell]
    origin: str = ""




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

    def __init__(self, findings: dict[str, Finding], api: Any):
        self.api = api
        self.findings = f = findings
        clusters = api.clusters()
        topics = {c.id: c.label for c in clusters}
        grouped: dict[tuple[str, str], list[Any]] = defaultdict(list)
        self.by_claim: dict[str, list[Any]] = defaultdict(list)
        self.numeric: dict[str, list[Any]] = defaultdict(list)  # revisions and numeric contradictions
        # What `conflicts` lists by default, and the count of the low-confidence contradictions it hides.
        shown, self.hidden_conflicts = api.shown_relations()
        for r in shown:
            if r.claim_a not in f or r.claim_b not in f:
                continue
            grouped[(r.type, r.cluster_id)].append(r)
            for claim_id in (r.claim_a, r.claim_b):
                self.by_claim[claim_id].append(r)
                if r.type == "revision" or r.subtype == "numeric":
                    self.numeric[claim_id].append(r)
        self.groups = {kind: [RelationGroup(kind, topics.get(cid, ""), len(items),
                                            [self._view(r, topics) for r in items[:self.EXAMPLES]])
                              for (k, cid), items in sorted(grouped.items(), key=lambda kv: -len(kv[1])) if k == kind]
                       for kind in SHOWN_RELATIONS}
        self.counts = {kind: sum(g.count for g in groups) for kind, groups in self.groups.items()}
        self.topics = topics
        self.stance_rows = [
            Row(row.cluster_id, row.label, {d: Cell(s.stance, first_finding(f, s.claim_ids), ", ".join(s.answers))
                                            for d, s in row.cells.items() if s.stance != "silent"})
            for row in api.matrix().rows
        ]
        self.origin_of = api.origin_of()  # doc id -> the origin it shares with its copies

    def _view(self, r: Any, topics: dict[str, str]) -> RelationView:
        return RelationView(r.type, r.subtype or "", r.reason, topics.get(r.cluster_id, ""),
                            self.findings[r.claim_a], self.findings[r.claim_b])

    @property
    def by_kind(self) -> list[tuple[str, list[RelationGroup]]]:
        return [(k, self.groups[k]) for k in SHOWN_RELATIONS if self.groups[k]]

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

    def __init__(self, findings: dict[str, Finding], hypotheses: list[Any], stances: list[Any]):
        self.all = hypotheses
        self.active = active = [h for h in hypotheses if h.status == "active"]
        cells: dict[str, dict[str, Cell]] = defaultdict(dict)
        for s in stances:
            if s.stance != "absent":
                claim_ids = [e.claim_id for e in s.evidence]
                stance = "disputes" if s.disputed else s.stance
                confidence = "" if s.confidence is None else f"; confidence {s.confidence:.2f} ({s.confidence_basis})"
                cells[s.hypothesis_id][s.doc_id] = Cell(stance, first_finding(findings, claim_ids),
                                                        s.reason + confidence,
                                                        _MARK.get(s.read_by, ""))
        self.rows = [Row(h.id, h.label, cells.get(h.id, {}), h.origin) for h in active]


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

    def __init__(self, findings: dict[str, Finding], api: Any):
        import numpy as np

        from ..ach import scoring as ach_scores

        matrix = api.matrix("heuer")
        self.limits = matrix.limits
        self.hypotheses = [Column(h.id, h.label) for h in sorted(matrix.hypotheses, key=lambda h: int(h.id[1:]))]
        ids = [h.id for h in self.hypotheses]
        self.rows = [
            AchRow(r.id, f"{r.id}: {r.text}", first_finding(findings, [m.claim_id for m in r.members]),
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
        self.sensitivity = self._sensitivity(api) if self.rows and ids else []

    def _sensitivity(self, api: Any) -> list[str]:
        sens = api.sensitivity("heuer", runs=self.SENSITIVITY_RUNS)
        label = {h.id: f"{h.id} ({h.label})" for h in self.hypotheses}
        # .get: the analysis is read again here, and an analyst may have added a hypothesis in between.
        lines = [f"Leading under Heuer scoring: {', '.join(label.get(h, h) for h in sens.leaders) or 'none'}."]
        if sens.caveat:
            lines.append(f"Caveat: {sens.caveat}")
        for p in sens.linchpins:
            lines.append(f"Linchpin {p.evidence_id}: without it the lead moves from "
                         f"{', '.join(p.leaders_before)} to {', '.join(p.leaders_after)}.")
        if not sens.linchpins:
            lines.append("No single evidence row changes the leader when removed.")
        mc = sens.monte_carlo
        shares = ", ".join(f"{h} {share:.0%}" for h, share in sorted(mc.first_share.items(), key=lambda kv: -kv[1]))
        lines.append(f"Ranked first in {mc.runs} perturbed runs (ratings shifted one step with p={mc.p_rating}, "
                     f"Admiralty grades with p={mc.p_weight}; seed {mc.seed}): {shares}.")
        kind = api.event_kind()
        if kind:
            lines.append(f"Expected evidence is checked against the checklist for {kind.label} ({kind.by}: "
                         f"{kind.reason}). Basis: {kind.provenance}")
        for e in sens.missing:
            lines.append(f"Missing evidence for {label.get(e.hypothesis_id, e.hypothesis_id)}: {e.item} — no source reports it.")
        return lines
