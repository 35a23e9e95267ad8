"""``case.ach``: the ACH matrix as the analyst sees it, the analyst's decisions, and its exports.

The ``ach`` stage's suggestions (:mod:`.evidence`) with the analyst's ratings, credibility,
relevance and source reliability applied on reading; scores and sensitivity from :mod:`.scoring`.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, Field

from ..attribution.api import Hypotheses
from ..attribution.records import Hypothesis
from ..runner import CaseAccess, new_analyst_id
from . import scoring as S
from .checklists import EventKind, checklists
from .evidence import COMPONENT, LIMITS, AchEvidence, EvidenceMember, ExpectedEvidence, Suggestion


class Cell(BaseModel):
    rating: S.Rating
    suggested: S.Rating
    reason: str
    by: Literal["suggested", "analyst"]
    note: str | None = None
    rev: int = 0


class EvidenceRow(BaseModel):
    """A row as the analyst sees it: suggestions with the analyst's decisions applied."""

    id: str
    text: str
    origin: Literal["claims", "analyst"]
    members: list[EvidenceMember] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    reliability: S.Reliability
    reliability_source: str | None = Field(None, description="the source whose grade the row takes")
    credibility: int
    credibility_suggested: int | None = None
    credibility_reason: str
    credibility_by: Literal["suggested", "analyst"] = "suggested"
    relevance: S.Relevance = "high"
    weight: float
    diagnosticity: float = 0.0
    cells: dict[str, Cell]

    def scoring_row(self) -> S.Row:
        return S.Row(id=self.id, ratings={h: c.rating for h, c in self.cells.items()}, reliability=self.reliability,
                     credibility=self.credibility, relevance=self.relevance)


class HypothesisScore(BaseModel):
    id: str
    label: str
    heuer: float
    weighted: float
    posterior: float
    prior: float
    rank: int
    rows_for: int = 0
    rows_against: int = 0
    origins_for: int = Field(0, description="independent origins of the rows consistent with it")
    origins_against: int = 0


class AchMatrix(BaseModel):
    method: S.Method
    hypotheses: list[HypothesisScore]
    rows: list[EvidenceRow]
    leaders: list[str]
    thin: str | None = Field(None, description="why the lead is thin (fewer than three independent origins, "
                                               "or it rests on one origin); None when it is not")
    limits: str = LIMITS


class SourceRating(BaseModel):
    source: str
    documents: list[str]
    reliability: S.Reliability
    meaning: str
    rev: int = 0


class Sensitivity(BaseModel):
    method: S.Method
    leaders: list[str]
    linchpins: list[S.Linchpin]
    monte_carlo: S.MonteCarlo
    missing: list[ExpectedEvidence]
    caveat: str | None = Field(None, description="shown with the figures when the lead is thin")


class AchError(ValueError):
    pass


class Ach:
    """``case.ach``: the ACH matrix, the analyst's ratings, Admiralty weights, scores and sensitivity.

    >>> ach = case.ach                                   # doctest: +SKIP
    >>> ach.matrix("weighted").leaders                   # doctest: +SKIP
    >>> ach.rate("E12", "H2", "II", note="forged claim")  # doctest: +SKIP
    >>> ach.rate_source("outlet-2024-03-27", "C")        # doctest: +SKIP
    """

    def __init__(self, case: CaseAccess):
        self.case = case
        self.hypotheses = Hypotheses(case)

    # ------------------------------------------------------------------ reading

    def active_hypotheses(self) -> list[Hypothesis]:
        return self.hypotheses.list()

    def rows(self) -> list[EvidenceRow]:
        hyps = [h.id for h in self.active_hypotheses()]
        ratings = self.case.store.analyst_items("rating")
        credibility = self.case.store.analyst_items("credibility")
        docs = {d.id: d for d in self.case.documents()}
        rows: list[EvidenceRow] = []
        for rec in self.case.records(AchEvidence.layer):
            assert isinstance(rec, AchEvidence)
            sources = sorted({self.source_key(docs[d]) for d in rec.doc_ids if d in docs})
            rows.append(self._row(rec.id, rec.text, "claims", rec.members, sources, rec.suggestions, rec.credibility,
                                  rec.credibility_reason, hyps, ratings, credibility))
        for eid, (data, _) in self.case.store.analyst_items("evidence").items():
            rows.append(self._row(eid, data["text"], "analyst", [], [data["source"]] if data.get("source") else [], {},
                                  6, "added by the analyst", hyps, ratings, credibility))
        rows.sort(key=lambda r: int(r.id[1:]))
        diag = S.diagnosticity(S.encode([r.scoring_row() for r in rows], hyps)[0]) if rows else []
        return [r.model_copy(update={"diagnosticity": float(d)}) for r, d in zip(rows, diag)]

    def _row(self, eid: str, text: str, origin: Literal["claims", "analyst"], members: list[EvidenceMember],
             sources: list[str], suggestions: Mapping[str, Suggestion], suggested_cred: int, cred_reason: str,
             hyps: list[str], ratings: dict[str, tuple[Any, int]],
             credibility: dict[str, tuple[Any, int]]) -> EvidenceRow:
        cells = {}
        for h in hyps:
            sug = suggestions.get(h) or Suggestion(rating="N", reason="no suggestion: rate it")
            mine = ratings.get(f"{eid}/{h}")
            cells[h] = Cell(rating=mine[0]["rating"] if mine else sug.rating, suggested=sug.rating, reason=sug.reason,
                            by="analyst" if mine else "suggested", note=mine[0].get("note") if mine else None,
                            rev=mine[1] if mine else 0)
        reliability, best = self._reliability(sources)
        cred = credibility.get(eid, ({}, 0))[0]
        by_analyst = cred.get("credibility") is not None
        row = EvidenceRow(
            id=eid, text=text, origin=origin, members=members, sources=sources, reliability=reliability,
            reliability_source=best, credibility=cred.get("credibility") or suggested_cred,
            credibility_suggested=suggested_cred if origin == "claims" else None,
            credibility_reason=(cred.get("note") or "set by the analyst") if by_analyst else cred_reason,
            credibility_by="analyst" if by_analyst else "suggested",
            relevance=cred.get("relevance") or "high", weight=0.0, cells=cells)
        return row.model_copy(update={"weight": round(row.scoring_row().weight, 6)})

    def _reliability(self, sources: list[str]) -> tuple[S.Reliability, str | None]:
        """A row reported by several sources takes its most reliable one (default F)."""
        graded = [(self.source_reliability(s), s) for s in sources]
        if not graded:
            return "F", None
        return max(graded, key=lambda g: (S.RELIABILITY_WEIGHT[g[0]], g[1]))

    def row(self, evidence_id: str) -> EvidenceRow:
        for r in self.rows():
            if r.id == evidence_id:
                return r
        raise AchError(f"no evidence {evidence_id!r}")

    def matrix(self, method: S.Method = "heuer", priors: Mapping[str, float] | None = None) -> AchMatrix:
        hyps = self.active_hypotheses()
        ids = [h.id for h in hyps]
        rows = self.rows()
        m, w = S.encode([r.scoring_row() for r in rows], ids)
        prior = S.normalise_priors(ids, priors)
        results = {"heuer": S.heuer_scores(m), "weighted": S.weighted_scores(m, w),
                   "bayes": S.bayes_posteriors(m, w, prior)}
        ranks = S.ranks(method, results[method])
        scoring_rows, origins = [r.scoring_row() for r in rows], [_origins(r) for r in rows]
        support = S.origin_support(scoring_rows, origins, ids)
        scores = [HypothesisScore(id=h.id, label=h.label, heuer=float(results["heuer"][j]),
                                  weighted=round(float(results["weighted"][j]), 6),
                                  posterior=round(float(results["bayes"][j]), 6), prior=round(float(prior[j]), 6),
                                  rank=ranks[j], **support[h.id]) for j, h in enumerate(hyps)]
        scores.sort(key=lambda s: (s.rank, int(s.id[1:])))
        return AchMatrix(method=method, hypotheses=scores, rows=rows,
                         leaders=[ids[j] for j in sorted(S.leaders(method, results[method]))],
                         thin=S.thin_lead(scoring_rows, origins, ids, method, priors))

    def sensitivity(self, method: S.Method = "heuer", *, runs: int = 1000, seed: int = 7, p_rating: float = 0.1,
                    p_weight: float = 0.2, priors: Mapping[str, float] | None = None) -> Sensitivity:
        ids = [h.id for h in self.active_hypotheses()]
        rows = [r.scoring_row() for r in self.rows()]
        matrix = self.matrix(method, priors)
        return Sensitivity(
            method=method, leaders=matrix.leaders,
            caveat=f"thin lead: {matrix.thin}; the share of runs a hypothesis ranks first measures only how the "
                   f"ratings and weights move, not how much evidence there is" if matrix.thin else None,
            linchpins=S.linchpins(rows, ids, method, priors),
            monte_carlo=S.monte_carlo(rows, ids, method, runs=runs, seed=seed, p_rating=p_rating, p_weight=p_weight,
                                      priors=priors),
            missing=[e for e in self.expected() if e.status == "missing"])

    def expected(self) -> list[ExpectedEvidence]:
        return [e for e in self.case.records(ExpectedEvidence.layer) if isinstance(e, ExpectedEvidence)]

    # ------------------------------------------------------------------ analyst decisions

    def rate(self, evidence_id: str, hypothesis_id: str, rating: str | None, *, note: str | None = None,
             expected_rev: int | None = None) -> int:
        """Set (or with ``None`` clear) the analyst's rating of one cell; returns the item's new revision."""
        row = self.row(evidence_id)
        if hypothesis_id not in row.cells:
            raise AchError(f"no active hypothesis {hypothesis_id!r}")
        if rating is not None and rating not in S.SCALE + ("NA",):
            raise AchError(f"rating must be one of {', '.join(S.SCALE + ('NA',))}")
        data = None if rating is None else {"rating": rating, "note": note}
        return self.case.store.put_analyst("rating", f"{evidence_id}/{hypothesis_id}", data, user=self.case.user,
                                           action="rate", note=note, expected_rev=expected_rev)

    def set_credibility(self, evidence_id: str, credibility: int | None = None, *,
                        relevance: S.Relevance | None = None, note: str | None = None,
                        expected_rev: int | None = None) -> int:
        """The analyst's Admiralty credibility (1-6) and/or relevance of one evidence row."""
        self.row(evidence_id)
        if credibility is not None and credibility not in S.CREDIBILITY_WEIGHT:
            raise AchError("credibility must be 1-6")
        if relevance is not None and relevance not in S.RELEVANCE_WEIGHT:
            raise AchError(f"relevance must be one of {', '.join(S.RELEVANCE_WEIGHT)}")
        current = self.case.store.analyst_item("credibility", evidence_id)
        data = (current[0] if current else {}) | {k: v for k, v in
                                                  {"credibility": credibility, "relevance": relevance,
                                                   "note": note}.items() if v is not None}
        return self.case.store.put_analyst("credibility", evidence_id, data, user=self.case.user,
                                           action="credibility", note=note, expected_rev=expected_rev)

    def add_evidence(self, text: str, *, source: str | None = None, note: str | None = None) -> str:
        """Evidence the sources do not give (a forensic report, an arrest); returns its id."""
        if not text.strip():
            raise AchError("evidence needs a text")
        eid = new_analyst_id(self.case.store, COMPONENT, "E")
        self.case.store.put_analyst("evidence", eid, {"text": text.strip(), "source": source}, user=self.case.user,
                                    action="add", note=note, expected_rev=0)
        return eid

    def event_kind(self) -> EventKind | None:
        """The kind of event the expected-evidence checklist fits: detected, or the analyst's."""
        return next((e for e in self.case.records(EventKind.layer) if isinstance(e, EventKind)), None)

    def set_event_kind(self, kind: str | None, *, note: str | None = None, expected_rev: int | None = None) -> int:
        """Override the detected event kind (``None`` or ``"auto"``: back to detection); audited, undoable."""
        if kind in (None, "auto"):
            if self.case.store.analyst_item("event_kind", "case") is None:
                return 0
            rev = self.case.store.put_analyst("event_kind", "case", None, user=self.case.user, action="event kind",
                                              note=note, expected_rev=expected_rev)
        elif kind not in checklists():
            raise AchError(f"unknown event kind {kind!r}; one of: {', '.join(checklists())}, auto")
        else:
            rev = self.case.store.put_analyst("event_kind", "case", {"kind": kind}, user=self.case.user,
                                              action="event kind", note=note, expected_rev=expected_rev)
        self.case.refresh()
        return rev

    # ------------------------------------------------------------------ sources (Admiralty reliability)

    @staticmethod
    def source_key(doc: Any) -> str:
        return doc.outlet or doc.id

    def source_reliability(self, source: str) -> S.Reliability:
        item = self.case.store.analyst_item("source", source)
        return item[0]["reliability"] if item else "F"

    def sources(self) -> list[SourceRating]:
        by_source: dict[str, list[str]] = defaultdict(list)
        for d in self.case.documents():
            by_source[self.source_key(d)].append(d.id)
        items = self.case.store.analyst_items("source")
        for key in items:
            by_source.setdefault(key, [])
        return [SourceRating(source=s, documents=docs, reliability=self.source_reliability(s),
                             meaning=S.RELIABILITY_MEANING[self.source_reliability(s)],
                             rev=items[s][1] if s in items else 0) for s, docs in sorted(by_source.items())]

    def rate_source(self, source: str, reliability: str, *, note: str | None = None,
                    expected_rev: int | None = None) -> int:
        """Admiralty source reliability A-F for an outlet (or a document id when the outlet is unknown)."""
        if reliability not in S.RELIABILITY_WEIGHT:
            raise AchError("reliability must be one of A-F")
        docs = self.case.documents()
        if source not in {self.source_key(d) for d in docs} | {d.id for d in docs}:
            raise AchError(f"no source {source!r}; known: {', '.join(s.source for s in self.sources())}")
        source = next((self.source_key(d) for d in docs if d.id == source), source)
        return self.case.store.put_analyst("source", source, {"reliability": reliability}, user=self.case.user,
                                           action="rate source", note=note, expected_rev=expected_rev)

    # ------------------------------------------------------------------ export

    def table(self, method: S.Method = "heuer", priors: Mapping[str, float] | None = None,
              transpose: bool = False) -> tuple[list[str], list[list[Any]]]:
        """The matrix as a header and rows (scores as the last rows), transposed on request."""
        m = self.matrix(method, priors)
        hyps = sorted(m.hypotheses, key=lambda h: int(h.id[1:]))
        header = ["evidence", "text", "sources", "reliability", "credibility", "weight", "diagnosticity"]
        header += [f"{h.id} {h.label}" for h in hyps]
        body: list[list[Any]] = [[r.id, r.text, "; ".join(r.sources), r.reliability, r.credibility, r.weight,
                                  r.diagnosticity] + [r.cells[h.id].rating for h in hyps] for r in m.rows]
        pad = [""] * 6
        for name in ("heuer", "weighted", "posterior", "rank"):
            body.append([f"score: {name}"] + pad + [getattr(h, name) for h in hyps])
        if transpose:
            columns = [header] + body
            return [str(c[0]) for c in columns], [list(r) for r in zip(*columns)][1:]
        return header, body

    def to_csv(self, method: S.Method = "heuer", priors: Mapping[str, float] | None = None,
               transpose: bool = False) -> str:
        header, body = self.table(method, priors, transpose)
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(header)
        writer.writerows(body)
        return buf.getvalue()

    def to_xlsx(self, path: str, method: S.Method = "heuer", priors: Mapping[str, float] | None = None,
                transpose: bool = False) -> None:
        """Workbook: Matrix, Hypotheses (ranking), Evidence (quotes and offsets), About (limits, weights)."""
        try:
            from openpyxl import Workbook
        except ImportError:
            raise AchError("xlsx export needs openpyxl, the package's xlsx extra: pip install openpyxl") from None

        m = self.matrix(method, priors)
        wb = Workbook()
        sheet = wb.active
        sheet.title = "Matrix"
        header, body = self.table(method, priors, transpose)
        for line in [header, *body]:
            sheet.append([_safe(v) for v in line])
        ranking = wb.create_sheet("Hypotheses")
        ranking.append(["rank", "id", "label", "heuer", "weighted", "prior", "posterior"])
        for h in m.hypotheses:
            ranking.append([h.rank, h.id, _safe(h.label), h.heuer, h.weighted, h.prior, h.posterior])
        evidence = wb.create_sheet("Evidence")
        evidence.append(["evidence", "claim", "document", "start", "end", "speaker", "quote"])
        for r in m.rows:
            for mem in r.members:
                evidence.append([r.id, mem.claim_id, mem.doc_id, mem.start, mem.end, _safe(mem.speaker),
                                 _safe(mem.quote)])
        about = wb.create_sheet("About")
        about.append(["method", method])
        about.append(["limits", LIMITS])
        wb.save(path)

    def to_json(self, method: S.Method = "heuer", priors: Mapping[str, float] | None = None) -> dict[str, Any]:
        return self.matrix(method, priors).model_dump(mode="json")


def _origins(row: EvidenceRow) -> list[str]:
    """A row's independent origins: its members' origins, or the analyst's row itself."""
    return sorted({m.origin for m in row.members}) or [f"analyst:{row.id}"]


def _safe(value: Any) -> Any:
    """Article text is data: keep spreadsheet apps from evaluating it as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


__all__ = ["Ach", "AchEvidence", "AchMatrix", "EventKind", "ExpectedEvidence", "LIMITS"]
