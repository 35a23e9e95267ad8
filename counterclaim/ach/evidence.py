"""Analysis of Competing Hypotheses (Heuer): evidence × hypotheses matrix.

The ``ach`` case stage turns the claims that bear on hypotheses into evidence
rows E1, E2, ... (claims the alignment says agree share a row; one row per
claim without the ``align`` stage) with a *suggested* rating per hypothesis and a
suggested Admiralty credibility, each with its reason. Everything the analyst
decides (ratings, credibility, relevance, source reliability, added evidence)
is an audited analyst item and is applied when the matrix is read (see :mod:`.api`), so
the pipeline never overwrites it. Scoring is in :mod:`.scoring`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any, ClassVar, Literal

from pydantic import Field

from ..across.records import ClaimRelation, OriginGroup
from ..attribution.hypotheses import NEEDS as HYPOTHESES_NEEDS
from ..attribution.hypotheses import case_event_year, case_lexicon
from ..attribution.records import DocumentStance, Hypothesis, StanceEvidence
from ..model import CaseRecord, Claim, Record, register_case_record
from ..pipeline import CaseInputs, StageResult, allocate_id, registry
from . import scoring as S
from .checklists import EventKind, ExpectedEvidence, event_kind, expected_evidence

COMPONENT = "ach"
VERSION = "4"

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


LAYERS = (AchEvidence.layer, ExpectedEvidence.layer, EventKind.layer)


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


NEEDS = (*HYPOTHESES_NEEDS, "analyst:event_kind", Hypothesis.layer, DocumentStance.layer, ClaimRelation.layer,
         OriginGroup.layer)


@registry.case_stage(COMPONENT, version=VERSION, needs=NEEDS, adds=LAYERS)
def ach_stage(inputs: CaseInputs) -> StageResult:
    """Evidence rows with suggested ratings and credibility, and each hypothesis's expected evidence.

    Evidence ids (E1, E2, ...) are allocated in the stage's state, so ratings keep their row."""
    hypotheses = [h for h in inputs.get_records(Hypothesis) if h.status == "active"]
    stances = inputs.get_records(DocumentStance)
    relations = inputs.get_records(ClaimRelation)
    origin_of = {d: g.id for g in inputs.get_records(OriginGroup) for d in g.doc_ids}
    by_claim: dict[str, list[tuple[str, StanceEvidence]]] = defaultdict(list)
    for stance in stances:
        for item in stance.evidence:
            # Conditionals, questions and other events are not evidence on this incident; a sentence the stance
            # model picked (attribution/carried.py) or a claim that merely names the hypothesis (mentioned.py)
            # shows why a document takes its stance, but no rule read it as saying who did it, and the matrix
            # holds only what the sources were read to say.
            if item.bears and item.cue_kind not in ("model", "mention"):
                by_claim[item.claim_id].append((stance.hypothesis_id, item))
    order = {d.id: n for n, d in enumerate(inputs.documents)}
    claim_ids = sorted(by_claim, key=lambda c: (order.get(by_claim[c][0][1].doc_id, 0), by_claim[c][0][1].start))
    rows: dict[str, list[str]] = {}
    for claim_id, first in _agreeing_groups(claim_ids, relations).items():
        rows.setdefault(f"claim:{first}", []).append(claim_id)
    ids = dict(inputs.state.get("ids", {}))
    doc_stance = {(s.doc_id, s.hypothesis_id): s.stance for s in stances}
    row_of_claim = {c: k for k, claims in rows.items() for c in claims}
    records: list[CaseRecord] = []
    for key, claim_ids in rows.items():
        eid = allocate_id(ids, key, "E")
        pairs = [p for c in claim_ids for p in by_claim[c]]
        records.append(_row(eid, key, pairs, hypotheses, origin_of, doc_stance, relations, row_of_claim, ids,
                            by_claim))
    kind = event_kind(inputs.documents, inputs.analyst_items("event_kind"), VERSION)
    records.append(kind)
    records += expected_evidence(kind.kind, inputs.get(Claim), case_lexicon(inputs, case_event_year(inputs)), hypotheses, VERSION)
    return StageResult(records, {"ids": ids})


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
