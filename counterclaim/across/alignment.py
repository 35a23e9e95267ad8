"""The Python API over a case's alignment: ``case.alignment`` (an :class:`Alignment`)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from pydantic import BaseModel, Field

from ..attribution.actors import AliasEntry, AliasTable, normalise
from ..model import Claim, Quantity, by_series
from ..runner import CaseAccess
from .align import AlignInput
from .frames import Anchor, Fact
from .records import (SHOWN_RELATIONS, ClaimCluster, ClaimRelation, ContradictionKind, OriginGroup, RelationType,
                      SourceStance)
from .calibration import SHOW
from .relations import as_of, describe, interval
from .series import published_time


class MatrixRow(BaseModel):
    cluster_id: str
    label: str
    cells: dict[str, SourceStance] = Field(description="doc id -> that source's stance; every document has a cell")


class StanceMatrix(BaseModel):
    """Claim clusters × sources."""

    documents: list[str]
    rows: list[MatrixRow]


class Figure(BaseModel):
    """One source's figure for a measure, with the time it held."""

    doc_id: str
    outlet: str | None
    published: dt.date | None
    as_of: dt.date | None
    as_of_time: dt.datetime | None = Field(None, description="the publication time (UTC) where the metadata gives "
                                                             "one and the figure holds as of publication")
    as_of_note: str
    figure: str
    low: float | None
    high: float | None
    quantity_id: str
    claim_id: str | None
    quote: str
    cluster_id: str | None = Field(None, description="the cluster the figure was compared in")
    event: str = Field(description="that cluster's label")


class FigureReport(BaseModel):
    """Every figure for one measure and how they reconcile."""

    measure: str
    figures: list[Figure]
    relations: list[ClaimRelation]
    reconciliation: list[str] = Field(description="readable summary: revision series, conflicts, agreements")


class Alignment:
    """Clusters, relations, stance matrix, figures, origin groups and the alias table of a case."""

    def __init__(self, case: CaseAccess):
        self.case = case

    # ------------------------------------------------------------------ stored records

    def clusters(self) -> list[ClaimCluster]:
        return [r for r in self.case.records(ClaimCluster.layer) if isinstance(r, ClaimCluster)]

    def relations(self, type: RelationType | None = None, cluster_id: str | None = None) -> list[ClaimRelation]:  # noqa: A002
        items = [r for r in self.case.records(ClaimRelation.layer) if isinstance(r, ClaimRelation)]
        return [r for r in items if (type is None or r.type == type) and (cluster_id is None or r.cluster_id == cluster_id)]

    def conflicts(self, kind: ContradictionKind | None = None, min_confidence: float = SHOW) -> list[ClaimRelation]:
        """Contradictions whose measured precision reaches ``min_confidence`` (default: what the views show),
        optionally of one kind (numeric, temporal, agent, negation, antonymy)."""
        return [r for r in self.relations("contradict") if (kind is None or r.subtype == kind)
                and _shown(r, min_confidence)]

    def shown_relations(self) -> tuple[list[ClaimRelation], int]:
        """The relations the views show, in stored order (every type but 'unrelated'; contradictions as
        :meth:`conflicts` lists them by default), and how many contradictions that leaves out."""
        every = [r for r in self.relations() if r.type != "unrelated"]
        shown = [r for r in every if _shown(r, SHOW)]
        return shown, len(every) - len(shown)

    def origin_groups(self) -> list[OriginGroup]:
        return [r for r in self.case.records(OriginGroup.layer) if isinstance(r, OriginGroup)]

    def copies(self) -> dict[str, list[str]]:
        """Origin groups of two or more documents (copies of one wire story, or of each other): the wire's
        name, else the group id -> the documents."""
        return {g.wire or g.id: g.doc_ids for g in self.origin_groups() if len(g.doc_ids) > 1}

    def origin_of(self) -> dict[str, str]:
        """Document id -> its origin group's name (:meth:`copies`), for documents that have copies."""
        return {d: name for name, doc_ids in self.copies().items() for d in doc_ids}

    def matrix(self) -> StanceMatrix:
        """Every cluster that two or more sources speak to, against every document: asserts / reports /
        denies / silent."""
        doc_ids = [d.id for d in self.case.documents()]
        rows = []
        for cluster in self.clusters():
            given = {s.doc_id: s for s in cluster.stances}
            if len({s.doc_id for s in cluster.stances if s.stance != "silent"}) < 2:
                continue
            cells = {d: given.get(d) or SourceStance(doc_id=d, stance="silent") for d in doc_ids}
            rows.append(MatrixRow(cluster_id=cluster.id, label=cluster.label, cells=cells))
        return StanceMatrix(documents=doc_ids, rows=rows)

    def measures(self) -> dict[str, tuple[int, int]]:
        """Each measure compared across sources (killed, injured, ...) -> (figures, sources), most figures first."""
        inp = AlignInput.from_inputs(self.case.stage_inputs("align"))
        figures: dict[str, set[str]] = defaultdict(set)
        sources: dict[str, set[str]] = defaultdict(set)
        for f in inp.facts():
            if f.quantity is not None and f.topic:
                figures[f.topic].add(f.quantity.id)  # a figure inside nested claims is one figure
                sources[f.topic].add(f.doc_id)
        return {k: (len(figures[k]), len(sources[k])) for k in sorted(figures, key=lambda k: (-len(figures[k]), k))}

    def figures(self, measure: str) -> FigureReport:
        """Every figure of the series ``measure`` (a measure, or 'killed (cumulative)': ``Quantity.series``)
        by event, source and as-of date, with the relations between them. Figures the alignment does not
        compare (vague, in no claim, another scope) are listed too, with why, as the report lists them."""
        inp = AlignInput.from_inputs(self.case.stage_inputs("align"))
        env = inp.env()
        clusters = [c for c in self.clusters() if c.topic == measure]
        by_claim: dict[str, list[ClaimCluster]] = defaultdict(list)
        for c in clusters:
            for cid in c.claim_ids:
                by_claim[cid].append(c)
        compared: dict[str, tuple[Fact, ClaimCluster | None]] = {}
        for f in inp.facts():
            if f.quantity is None or f.topic != measure:
                continue
            # A claim can hold figures of two events ("150 in Russia ... 100 in Iran"): keep the cluster
            # whose event this figure's own event matches.
            cluster = next((c for c in by_claim[f.claim.id] if not f.anchor.conflicts(
                Anchor(c.event_date, "day" if c.event_date else None, frozenset(c.places)))), None)
            # A figure inside nested claims is listed once: as compared if it is, else in its innermost claim.
            seen = compared.get(f.quantity.id)
            if seen is None or (seen[1] is None, len(seen[0].claim.text)) > (cluster is None, len(f.claim.text)):
                compared[f.quantity.id] = (f, cluster)
        figures = [self._figure(f, cluster, env) for f, cluster in compared.values()]
        claims = {q: c for c in inp.claims for q in c.quantity_ids}
        figures += [_uncompared(q, claims.get(q.id), env.documents[q.doc_id])
                    for q in by_series(inp.quantities).get(measure, []) if q.id not in compared]
        figures.sort(key=lambda x: (x.cluster_id is None, x.event, x.as_of or dt.date.max,
                                    x.as_of_time or dt.datetime.max, x.doc_id))
        relations = [r for c in clusters for r in self.relations(cluster_id=c.id)]
        return FigureReport(measure=measure, figures=figures, relations=relations,
                            reconciliation=_reconcile(figures, relations))

    @staticmethod
    def _figure(f: Fact, cluster: ClaimCluster | None, env: Any) -> Figure:
        assert f.quantity is not None
        when, note = as_of(f, (cluster.event_date if cluster else None) or f.anchor.date, env)
        low, high = interval(f.quantity)
        doc = env.documents[f.doc_id]
        return Figure(doc_id=f.doc_id, outlet=doc.outlet, published=doc.published, as_of=when,
                      as_of_time=published_time(f, env) if when else None, as_of_note=note,
                      figure=describe(f.quantity), low=_finite(low), high=_finite(high), quantity_id=f.quantity.id,
                      claim_id=f.claim.id, quote=f.claim.text, cluster_id=cluster.id if cluster else None,
                      event=cluster.label if cluster else "not compared: one source, or another event")

    # ------------------------------------------------------------------ aliases

    def alias_table(self) -> AliasTable:
        return AliasTable.with_analyst_items(self.case.store.analyst_items("alias"))

    def aliases(self) -> list[AliasEntry]:
        """The effective table: defaults plus the analyst's additions, minus removals."""
        return sorted(self.alias_table().entries.values(), key=lambda e: e.canonical.lower())

    def add_alias(self, canonical: str, alias: str, *, kind: str = "actor", parent: str | None = None,
                  country: str | None = None, note: str | None = None, expected_rev: int | None = None) -> int:
        """Make ``alias`` a name of ``canonical`` in this case (audited); returns the item's revision.

        ``parent`` and ``country`` only matter when ``canonical`` is new to the table.
        """
        if kind not in ("actor", "place"):
            raise ValueError(f"kind must be 'actor' or 'place', not {kind[:40]!r}")
        for name, value in (("alias", alias), ("canonical", canonical)):
            if not value.strip() or len(value) > 300:
                raise ValueError(f"{name} must be a name of 1 to 300 characters")
        data = {"canonical": canonical, "kind": kind, "parent": parent, "country": country}
        rev = self.case.store.put_analyst("alias", alias, data, user=self.case.user, action="alias",
                                          note=note, expected_rev=expected_rev)
        self.case.refresh()
        return rev

    def remove_alias(self, alias: str, *, note: str | None = None, expected_rev: int | None = None) -> int:
        """Stop treating ``alias`` as a name of anything (hides a default alias too)."""
        known = {normalise(a) for e in self.alias_table().entries.values() for a in e.aliases}
        if normalise(alias) not in known:
            raise KeyError(alias)
        rev = self.case.store.put_analyst("alias", alias, {"removed": True}, user=self.case.user,
                                          action="unalias", note=note, expected_rev=expected_rev)
        self.case.refresh()
        return rev

    def refresh(self) -> int:
        """Bring the case's derived records up to date (alignment and every stage after it whose inputs
        changed, e.g. after alias edits); returns the number of alignment records."""
        self.case.refresh()
        return sum(len(self.case.records(layer)) for layer in (ClaimCluster.layer, ClaimRelation.layer,
                                                                OriginGroup.layer))


def _shown(r: ClaimRelation, min_confidence: float) -> bool:
    """Contradictions are shown from ``min_confidence`` up (their kind's measured precision); other relations always."""
    return r.type != "contradict" or r.confidence >= min_confidence


def _uncompared(q: Quantity, claim: Claim | None, doc: Any) -> Figure:
    """A figure the alignment leaves out, with why."""
    definite = q.value is not None or q.low is not None or q.high is not None
    if q.projection:
        why = "not compared: a projection, not a count"
    elif q.scope != "incident":
        why = f"not compared: {q.scope} (“{q.scope_cue}”)" if q.scope_cue else f"not compared: {q.scope}"
    elif q.qualifier == "vague" or not definite:
        why = "not compared: no definite number"
    else:
        why = "not compared: in no claim"
    low, high = interval(q) if definite else (None, None)
    return Figure(doc_id=q.doc_id, outlet=doc.outlet, published=doc.published, as_of=None, as_of_note="",
                  figure=describe(q) if definite else f"{q.text} {q.measure}", low=_finite(low), high=_finite(high),
                  quantity_id=q.id, claim_id=claim.id if claim else None, quote=claim.text if claim else q.text,
                  event=why)


def _finite(x: float | None) -> float | None:
    return x if x not in (float("inf"), float("-inf")) else None


def _reconcile(figures: list[Figure], relations: list[ClaimRelation]) -> list[str]:
    """Per event: the figures in as-of order, those whose time is unknown, then every relation."""
    lines = []
    for cluster_id in dict.fromkeys(f.cluster_id for f in figures if f.cluster_id):
        members = [f for f in figures if f.cluster_id == cluster_id]
        dated = [f for f in members if f.as_of]
        if len(dated) > 1:
            series = " → ".join(f"{f.figure} ({f.as_of}, {f.outlet or f.doc_id})" for f in dated)
            lines.append(f"{members[0].event}: by as-of date, {series}.")
        for f in members:
            if f.as_of is None:
                lines.append(f"{f.outlet or f.doc_id} '{f.figure}': as-of time unknown — {f.as_of_note}.")
    lines += series_lines(figures, relations)
    for kind in SHOWN_RELATIONS:
        for r in (r for r in relations if r.type == kind):
            lines.append(f"{kind}{'/' + r.subtype if r.subtype else ''}: {r.reason}")
    return lines


def series_lines(figures: list[Figure], relations: list[ClaimRelation]) -> list[str]:
    """Each authority's own series, from the revisions that link its figures: 'Series of BBC: more than
    100 killed (2024-03-23 15:07 UTC) → at least 133 killed (2024-03-23 17:49 UTC).'"""
    members: dict[str, dict[str, Figure]] = defaultdict(dict)
    for r in relations:
        if r.type != "revision" or not r.authority:
            continue
        for f in figures:  # a claim may hold several figures: the reason names the ones revised
            if f.claim_id in (r.claim_a, r.claim_b) and f"'{f.figure}'" in r.reason:
                members[r.authority][f.quantity_id] = f
    lines = []
    for who, found in members.items():
        steps = sorted(found.values(), key=lambda f: (f.as_of or dt.date.max, f.as_of_time or dt.datetime.max))
        when = [f"{f.as_of_time:%Y-%m-%d %H:%M} UTC" if f.as_of_time else str(f.as_of or "as-of unknown")
                for f in steps]
        lines.append(f"Series of {who}: " + " → ".join(f"{f.figure} ({w}, {f.outlet or f.doc_id})"
                                                        for f, w in zip(steps, when)) + ".")
    return lines
