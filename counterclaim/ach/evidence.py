"""Analysis of Competing Hypotheses (Heuer): evidence × hypotheses matrix.

The ``ach`` case stage turns the claims that bear on hypotheses into evidence
rows E1, E2, ... (claims the alignment says agree share a row; one row per
claim without the ``align`` stage) with a *suggested* rating per hypothesis and a
suggested Admiralty credibility, each with its reason. Everything the analyst
decides (ratings, credibility, relevance, source reliability, added evidence)
is an audited analyst item and is applied when the matrix is read, so the
pipeline never overwrites it. Scoring is in :mod:`counterclaim.ach_scores`.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import BaseModel, Field

from . import scoring as S
from ..attribution.hypotheses import DocumentStance, Hypotheses, Hypothesis, StanceEvidence, case_lexicon
from ..model import CaseRecord, Record, register_case_record
from ..pipeline import registry

if TYPE_CHECKING:  # pragma: no cover
    from ..case import Case

COMPONENT = "ach"
VERSION = "1"
EVIDENCE_IDS_META = "ach.evidence_ids"

LIMITS = (
    "What ACH can and cannot do: it lays every hypothesis against every piece of evidence and focuses on "
    "evidence that is inconsistent with a hypothesis, which makes the reasoning visible and open to challenge. "
    "It does not remove bias by itself: experimental studies (e.g. Dhami, Belton & Mandel 2019; Whitesmith 2019) "
    "found that ACH did not reliably reduce confirmation bias or improve accuracy. It only weighs what is in the "
    "matrix: the choice of hypotheses, missing evidence and deliberate deception lie outside it. The suggested "
    "ratings come from patterns over the sources' claims and must be checked; the Bayesian view assumes the "
    "hypotheses are mutually exclusive and exhaustive, which they may not be (two actors can both be involved)."
)


# --------------------------------------------------------------------------- records


class EvidenceMember(Record):
    """A claim behind an evidence row, traced to its document offsets."""

    claim_id: str
    doc_id: str
    start: int
    end: int
    quote: str
    speaker: str
    speaker_kind: Literal["outlet", "quoted", "reported"]
    origin: str = Field(description="independent origin: the speaker of a reported claim, else the document's "
                                    "origin group")


class Suggestion(Record):
    rating: S.Rating
    reason: str


@register_case_record
class AchEvidence(CaseRecord):
    """An evidence row with the pipeline's suggestions (the analyst's decisions are separate items)."""

    layer: ClassVar[str] = "ach_evidence"

    key: str = Field(description="claim:<first claim id> (claims that agree share a row): what E<n> stands for")
    text: str
    members: list[EvidenceMember]
    doc_ids: list[str]
    origins: list[str] = Field(description="distinct independent origins reporting it")
    contradicting_origins: list[str] = Field(default_factory=list)
    suggestions: dict[str, Suggestion] = Field(description="hypothesis id -> suggested rating")
    credibility: int = Field(ge=1, le=6, description="suggested Admiralty information credibility")
    credibility_reason: str


@register_case_record
class ExpectedEvidence(CaseRecord):
    """Something a hypothesis predicts; 'missing' when no source reports it."""

    layer: ClassVar[str] = "ach_expected"

    hypothesis_id: str
    item: str
    status: Literal["reported", "missing"]
    claim_ids: list[str] = Field(default_factory=list)


LAYERS = (AchEvidence.layer, ExpectedEvidence.layer)


# --------------------------------------------------------------------------- suggestions


def suggest(items: list[StanceEvidence], hypothesis_id: str, exclusive_for: list[str],
            contradicted_by: list[str]) -> Suggestion:
    """A rating for one cell from the row's stance evidence on that hypothesis.

    ``exclusive_for``: other hypotheses the row claims "and no one else" for;
    ``contradicted_by``: rows (alignment 'contradict') that support this hypothesis.
    """
    own = [i for i in items if i.speaker_kind == "outlet"]
    items = own or items  # as for a document's stance: the outlet's own voice before what it reports
    counts = {p: sum(1 for i in items if i.polarity == p) for p in ("supports", "rejects", "disputes")}
    if items:
        top = max(counts.values())
        leaders = [p for p, n in counts.items() if n == top]
        if len(leaders) > 1:
            return Suggestion(rating="N", reason=f"mixed: {_describe(items)}")
        if leaders[0] == "supports":
            exclusive = any(i.exclusive for i in items if i.polarity == "supports")
            return Suggestion(rating="CC" if exclusive else "C",
                              reason=("names it and no one else: " if exclusive else "") + _describe(items))
        strong = any(i.cue_kind == "deny" and i.speaker_kind == "outlet" and not i.hedged for i in items)
        if leaders[0] == "rejects":
            return Suggestion(rating="II" if strong else "I", reason=_describe(items))
        return Suggestion(rating="I", reason=f"cast in doubt: {_describe(items)}")
    if exclusive_for:
        return Suggestion(rating="I", reason=f"names {', '.join(exclusive_for)} and no one else")
    if contradicted_by:
        return Suggestion(rating="I", reason=f"contradicts {', '.join(contradicted_by)}, which support(s) it")
    return Suggestion(rating="N", reason="does not bear on it")


def _describe(items: list[StanceEvidence]) -> str:
    return "; ".join(f"{i.speaker} {i.stance} ({i.alias}: “{i.cue}”)" for i in items[:3])


def suggest_credibility(origins: int, contradicting: int) -> tuple[int, str]:
    """Admiralty credibility from independent corroboration and contradiction (see docs/ach.md)."""
    if contradicting:
        grade = 5 if contradicting > origins else 4
        return grade, f"{origins} independent origin(s) for, {contradicting} against"
    if origins >= 3:
        return 1, f"confirmed by {origins} independent origins"
    if origins == 2:
        return 2, "2 independent origins, not contradicted"
    return 6, "one origin, nothing independent to compare it with"


# --------------------------------------------------------------------------- the stage


def _alignment(case: "Case") -> tuple[list[Any], dict[str, str]]:
    """(claim relations, doc id -> origin group id) from the ``align`` stage; empty without it."""
    try:
        alignment = case.alignment
        relations = alignment.relations()
        groups = alignment.origin_groups()
    except (ImportError, KeyError):
        return [], {}
    return relations, {d: g.id for g in groups for d in g.doc_ids}


def _agreeing_groups(claim_ids: list[str], relations: list[Any]) -> dict[str, str]:
    """claim id -> the first claim of its group, claims joined when the alignment says they agree.

    A cluster is a question ("who is responsible") that holds competing answers, so rows
    follow agreement, not cluster membership; keying a group by its first claim keeps
    the row's id when another source later agrees with it.
    """
    first = {c: c for c in claim_ids}

    def root(c: str) -> str:
        while first[c] != c:
            c = first[c]
        return c

    for rel in relations:
        if rel.type == "agree" and rel.claim_a in first and rel.claim_b in first:
            a, b = sorted((root(rel.claim_a), root(rel.claim_b)), key=claim_ids.index)
            first[b] = a
    return {c: root(c) for c in claim_ids}


def _origin(item: StanceEvidence, origin_of: dict[str, str]) -> str:
    if item.speaker_kind == "outlet":
        return origin_of.get(item.doc_id, item.doc_id)
    return "said by " + re.sub(r"\s+", " ", item.speaker.replace("’", "'")).strip().lower()


@registry.case_stage(COMPONENT, version=VERSION, layers=LAYERS)
def ach_stage(case: "Case") -> list[CaseRecord]:
    """Evidence rows with suggested ratings and credibility, and each hypothesis's expected evidence."""
    hypotheses = [h for h in case.records(Hypothesis.layer) if isinstance(h, Hypothesis) and h.status == "active"]
    stances = [s for s in case.records(DocumentStance.layer) if isinstance(s, DocumentStance)]
    relations, origin_of = _alignment(case)
    by_claim: dict[str, list[tuple[str, StanceEvidence]]] = defaultdict(list)
    for stance in stances:
        for item in stance.evidence:
            by_claim[item.claim_id].append((stance.hypothesis_id, item))
    order = {d.id: n for n, d in enumerate(case.documents())}
    claim_ids = sorted(by_claim, key=lambda c: (order.get(by_claim[c][0][1].doc_id, 0), by_claim[c][0][1].start))
    rows: dict[str, list[str]] = {}
    for claim_id, first in _agreeing_groups(claim_ids, relations).items():
        rows.setdefault(f"claim:{first}", []).append(claim_id)
    ids = json.loads(case.store.get_meta(EVIDENCE_IDS_META) or "{}")
    doc_stance = {(s.doc_id, s.hypothesis_id): s.stance for s in stances}
    row_of_claim = {c: k for k, claims in rows.items() for c in claims}
    records: list[CaseRecord] = []
    for key, claim_ids in rows.items():
        eid = _allocate(ids, key)
        pairs = [p for c in claim_ids for p in by_claim[c]]
        records.append(_row(eid, key, pairs, hypotheses, origin_of, doc_stance, relations, row_of_claim, ids,
                            by_claim))
    case.store.set_meta(EVIDENCE_IDS_META, json.dumps(ids, sort_keys=True))
    records += expected_evidence(case, hypotheses)
    return records


def _allocate(ids: dict[str, str], key: str) -> str:
    """Stable evidence id: E<n> the first time a key is seen, never reused."""
    if key not in ids:
        ids[key] = f"E{1 + max((int(v[1:]) for v in ids.values()), default=0)}"
    return ids[key]


def _row(eid: str, key: str, pairs: list[tuple[str, StanceEvidence]], hypotheses: list[Hypothesis],
         origin_of: dict[str, str], doc_stance: dict[tuple[str, str], str], relations: list[Any],
         row_of_claim: dict[str, str], ids: dict[str, str],
         by_claim: dict[str, list[tuple[str, StanceEvidence]]]) -> AchEvidence:
    items = list({i.claim_id: i for _, i in pairs}.values())
    members = [EvidenceMember(claim_id=i.claim_id, doc_id=i.doc_id, start=i.start, end=i.end, quote=i.quote,
                              speaker=i.speaker, speaker_kind=i.speaker_kind, origin=_origin(i, origin_of))
               for i in items]
    origins = sorted({m.origin for m in members})
    # Documents whose overall stance opposes what this row says, and alignment contradictions.
    against: set[str] = set()
    for hid, item in pairs:
        opposite = {"supports": "denies", "rejects": "asserts", "disputes": "asserts"}[item.polarity]
        against |= {origin_of.get(d, d) for (d, h), s in doc_stance.items() if h == hid and s == opposite}
    claim_ids = {i.claim_id for i in items}
    contradicted: dict[str, list[str]] = defaultdict(list)  # hypothesis -> rows contradicting this one that support it
    for rel in relations:
        if rel.type == "contradict" and (rel.claim_a in claim_ids or rel.claim_b in claim_ids):
            other = rel.claim_b if rel.claim_a in claim_ids else rel.claim_a
            against.add(origin_of.get(rel.doc_b if other == rel.claim_b else rel.doc_a, other))
            for hid, item in by_claim.get(other, []):
                if item.polarity == "supports" and other in row_of_claim:
                    contradicted[hid].append(ids.get(row_of_claim[other], other))
    exclusive = sorted({hid for hid, i in pairs if i.exclusive and i.polarity == "supports"})
    labels = {h.id: h.label for h in hypotheses}
    suggestions = {
        h.id: suggest([i for hid, i in pairs if hid == h.id], h.id,
                      [labels.get(x, x) for x in exclusive if x != h.id], sorted(set(contradicted[h.id])))
        for h in hypotheses
    }
    against -= set(origins)
    grade, reason = suggest_credibility(len(origins), len(against))
    return AchEvidence(
        id=eid, component=COMPONENT, version=VERSION, key=key, text=" / ".join(dict.fromkeys(i.quote for i in items)),
        members=members, doc_ids=sorted({i.doc_id for i in items}), origins=origins,
        contradicting_origins=sorted(against), suggestions=suggestions, credibility=grade, credibility_reason=reason)


# What each hypothesis would lead one to expect some source to report, as patterns over
# claims that name the hypothesis's actor. Listed so the analyst can go and look.
EXPECTATIONS: tuple[tuple[str, re.Pattern[str] | None], ...] = (
    ("a claim of responsibility by the actor", re.compile(
        r"\b(?:claim(?:ed|s)?|t(?:ook|aken)|assumed?)\s+(?:the\s+)?(?:responsibility|credit)\b", re.I)),
    ("arrests or captured suspects linked to the actor", re.compile(
        r"\b(?:arrest\w*|detain\w*|captur\w*|suspects?|interrogat\w*)\b", re.I)),
    ("forensic or physical evidence pointing to the actor", re.compile(
        r"\b(?:forensic\w*|DNA|fingerprints?|weapons?|phones?|intercept\w*|evidence|traces?)\b", re.I)),
    ("payments, recruitment or orders traced to the actor", re.compile(
        r"\b(?:paid|payments?|money|\$\s?\d[\d,]*|recruit\w*|hired|ordered)\b", re.I)),
    ("a statement by the actor itself (admission or denial)", None),
)


def expected_evidence(case: "Case", hypotheses: list[Hypothesis]) -> list[ExpectedEvidence]:
    lexicon = case_lexicon(case)
    claims = case.claims()
    out: list[ExpectedEvidence] = []
    for h in hypotheses:
        members = set(h.actors)
        naming = [c for c in claims if any(m.actor in members for m in lexicon.mentions(c.text))]
        for n, (item, pattern) in enumerate(EXPECTATIONS, 1):
            if pattern is None:
                found = [c.id for c in claims
                         if c.speaker.kind != "outlet" and lexicon.resolve(c.speaker.name) in members]
            else:
                found = [c.id for c in naming if pattern.search(c.text)]
            out.append(ExpectedEvidence(id=f"{h.id}:X{n}", component=COMPONENT, version=VERSION, hypothesis_id=h.id,
                                        item=item, status="reported" if found else "missing", claim_ids=found))
    return out


# --------------------------------------------------------------------------- the API


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


class AchMatrix(BaseModel):
    method: S.Method
    hypotheses: list[HypothesisScore]
    rows: list[EvidenceRow]
    leaders: list[str]
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


class AchError(ValueError):
    pass


class Ach:
    """``case.ach``: the ACH matrix, the analyst's ratings, Admiralty weights, scores and sensitivity.

    >>> ach = case.ach                                   # doctest: +SKIP
    >>> ach.matrix("weighted").leaders                   # doctest: +SKIP
    >>> ach.rate("E12", "H2", "II", note="forged claim")  # doctest: +SKIP
    >>> ach.rate_source("icwp-2024-03-27", "C")          # doctest: +SKIP
    """

    def __init__(self, case: "Case"):
        self.case = case
        self.hypotheses = Hypotheses(case)  # refreshes both stages if the analyst's hypotheses changed

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
        scores = [HypothesisScore(id=h.id, label=h.label, heuer=float(results["heuer"][j]),
                                  weighted=round(float(results["weighted"][j]), 6),
                                  posterior=round(float(results["bayes"][j]), 6), prior=round(float(prior[j]), 6),
                                  rank=ranks[j]) for j, h in enumerate(hyps)]
        scores.sort(key=lambda s: (s.rank, int(s.id[1:])))
        return AchMatrix(method=method, hypotheses=scores, rows=rows,
                         leaders=[ids[j] for j in sorted(S.leaders(method, results[method]))])

    def sensitivity(self, method: S.Method = "heuer", *, runs: int = 1000, seed: int = 7, p_rating: float = 0.1,
                    p_weight: float = 0.2, priors: Mapping[str, float] | None = None) -> Sensitivity:
        ids = [h.id for h in self.active_hypotheses()]
        rows = [r.scoring_row() for r in self.rows()]
        return Sensitivity(
            method=method, leaders=self.matrix(method, priors).leaders,
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
        ids = json.loads(self.case.store.get_meta(EVIDENCE_IDS_META) or "{}")
        eid = _allocate(ids, f"analyst:{len(ids)}")
        self.case.store.set_meta(EVIDENCE_IDS_META, json.dumps(ids, sort_keys=True))
        self.case.store.put_analyst("evidence", eid, {"text": text.strip(), "source": source}, user=self.case.user,
                                    action="add", note=note, expected_rev=0)
        return eid

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
        from openpyxl import Workbook

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


def _safe(value: Any) -> Any:
    """Article text is data: keep spreadsheet apps from evaluating it as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


__all__ = ["Ach", "AchEvidence", "AchMatrix", "ExpectedEvidence", "LIMITS"]
