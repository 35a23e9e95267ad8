"""The ``align`` case stage: facts → candidates → clusters → relations, plus origin groups.

:func:`align` works on plain records (no store), so the benchmark and tests
can feed it constructed claims; :func:`align_stage` takes them from the case's inputs.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field, replace

from ..attribution.actors import AliasTable
from ..attribution.lexicon import Lexicon
from ..attribution.names import case_names
from ..model import CaseRecord, Claim, DateMention, Document, Entity, Quantity, Warning
from ..pipeline import CaseInputs, StageResult, registry
from .answers import AnswerGroup, answer, answer_groups, group_pairs
from .calibration import calibrated
from .cluster import Candidates, clusters
from .embed import embed
from .frames import Anchor, ClaimContext, Fact, document_anchor, facts_of
from .origins import group_id, origin_groups
from .records import COMPONENT, LAYERS, VERSION, ClaimCluster, ClaimRelation, OriginGroup, SourceStance
from .records import AnswerGroup as AnswerRecord
from .relations import TOPIC_PHRASES, RelationEnv, Verdict, relate
from .series import authority, qualified_authorities

PRIORITY = {"contradict": 5, "rival": 4, "revision": 3, "compatible": 2, "agree": 1, "unrelated": 0}


@dataclass
class AlignInput:
    """Everything alignment reads, as plain records."""

    documents: list[Document]
    claims: list[Claim]
    quantities: list[Quantity] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    aliases: AliasTable = field(default_factory=AliasTable.default)
    lexicon: Lexicon | None = None  # who-did-it names; by default the alias table's actors

    @classmethod
    def from_inputs(cls, inputs: CaseInputs) -> "AlignInput":
        """The case's records, with the names the hypotheses stage reads (so both read who did it alike)."""
        claims, aliases = inputs.get(Claim), inputs.analyst_items("alias")
        lexicon = case_names(claims, inputs.get(Entity), aliases, inputs.analyst_items("hypothesis"))
        return cls(inputs.documents, claims, inputs.get(Quantity), inputs.get(DateMention),
                   inputs.get(Warning), AliasTable.with_analyst_items(aliases), lexicon)

    def env(self) -> RelationEnv:
        # The consistency stage warns about publication dates that precede the events they report.
        unreliable = {w.doc_id: "was flagged as anachronistic by the consistency check" for w in self.warnings
                      if w.code == "publication_date_anachronism"}
        qualified = qualified_authorities(sorted({c.speaker.name for c in self.claims if c.speaker.kind != "outlet"}))
        return RelationEnv(self.aliases, {d.id: d for d in self.documents}, unreliable, qualified=qualified)

    def facts(self) -> list[Fact]:
        """Every fact of every claim, in claim order."""
        quantities: dict[str, dict[str, Quantity]] = defaultdict(dict)
        dates: dict[str, dict[str, DateMention]] = defaultdict(dict)
        for q in self.quantities:
            quantities[q.doc_id][q.id] = q
        for d in self.dates:
            dates[d.doc_id][d.id] = d
        parents = _parents(self.claims)
        lexicon = self.lexicon or Lexicon.for_table(self.aliases)
        contexts = {doc.id: ClaimContext(doc, self.aliases, quantities[doc.id], dates[doc.id],
                                         document_anchor(doc, list(dates[doc.id].values()), self.aliases), parents,
                                         lexicon)
                    for doc in self.documents}
        return [f for c in self.claims if c.doc_id in contexts for f in facts_of(c, contexts[c.doc_id])]


def _parents(claims: list[Claim]) -> dict[str, Claim]:
    """Claim id -> the innermost other claim of the same document whose span contains it."""
    parents: dict[str, Claim] = {}
    stack: list[Claim] = []
    for claim in sorted(claims, key=lambda c: (c.doc_id, c.start, -c.end)):
        while stack and (stack[-1].doc_id != claim.doc_id or stack[-1].end < claim.end):
            stack.pop()
        if stack:
            parents[claim.id] = stack[-1]
        stack.append(claim)
    return parents


def align(inp: AlignInput) -> list[CaseRecord]:
    """Clusters, relations and origin groups for a set of documents and their claims."""
    facts = inp.facts()
    texts = {f.claim.id: f.claim.text for f in facts}
    candidates = Candidates(facts, {cid: i for i, cid in enumerate(texts)}, embed(list(texts.values())))
    edges = candidates.edges()
    origins = [OriginGroup(id=group_id(ids), component=COMPONENT, version=VERSION, doc_ids=ids, wire=wire,
                           evidence=why) for ids, wire, why in origin_groups(inp.documents)]
    origin_of = {doc_id: g.id for g in origins for doc_id in g.doc_ids}
    env = inp.env()
    records: list[CaseRecord] = list(origins)
    for members in clusters(candidates, edges):
        groups = answer_groups([facts[i] for i in members], candidates, env)
        cluster = _cluster_record([facts[i] for i in members], groups, origin_of)
        records.append(cluster)
        records.extend(_relations(cluster.id, groups, candidates, env, origin_of))
    return records


NEEDS = ("claim", "quantity", "date", "warning", "entity", "analyst:alias", "analyst:hypothesis")


@registry.case_stage("align", version=VERSION, needs=NEEDS, adds=LAYERS)
def align_stage(inputs: CaseInputs) -> StageResult:
    """Align claims across the case's documents."""
    return StageResult(align(AlignInput.from_inputs(inputs)))


# ------------------------------------------------------------------ records


def _cluster_record(facts: list[Fact], groups: list[AnswerGroup], origin_of: dict[str, str]) -> ClaimCluster:
    topic = facts[0].topic
    anchor = _shared_anchor([f.anchor for f in facts])
    event = " ".join(p for p in (str(anchor.date) if anchor.date else "", ", ".join(sorted(anchor.countries))) if p)
    if topic == "statement":
        label = _shorten(facts[0].claim.text)
    else:
        question = f"who {TOPIC_PHRASES[topic]}" if topic in TOPIC_PHRASES else f"how many {topic}"
        label = f"{question} — {event or 'event'}"
    key = f"{topic}@{anchor.date or '?'}@{'+'.join(sorted(anchor.countries)) or '?'}"
    claim_ids = sorted({f.claim.id for f in facts})
    by_doc: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        by_doc[f.doc_id].append(f)
    doc_ids = sorted(by_doc)
    origin_ids = sorted({origin_of.get(d, d) for d in doc_ids})
    return ClaimCluster(
        id="cluster-" + hashlib.sha1(f"{topic}\0{'|'.join(claim_ids)}".encode()).hexdigest()[:12],
        component=COMPONENT, version=VERSION, label=label, key=key, topic=topic, event_date=anchor.date,
        places=sorted(anchor.countries), claim_ids=claim_ids, doc_ids=doc_ids,
        stances=[_stance(doc_id, by_doc[doc_id]) for doc_id in doc_ids], answers=[_answer_record(g) for g in groups],
        origin_ids=origin_ids, independent_sources=len(origin_ids),
    )


def _shared_anchor(anchors: list[Anchor]) -> Anchor:
    """The most precise date and the most common country among a cluster's anchors."""
    dated = [a for a in anchors if a.date]
    best = max(dated, key=lambda a: (a.precision == "day", a.precision == "month")) if dated else Anchor()
    counts: dict[str, int] = defaultdict(int)
    for a in anchors:
        for c in a.countries:
            counts[c] += 1
    top = max(counts, key=lambda c: (counts[c], c)) if counts else None
    return Anchor(best.date, best.precision, frozenset([top] if top else []))


def _stance(doc_id: str, facts: list[Fact]) -> SourceStance:
    """A source's cell: asserts when it says so itself, denies when it only negates, else reports."""
    facts = sorted(facts, key=lambda f: (f.reported, f.negative))  # its own assertion quoted first
    own = [f for f in facts if not f.reported]
    if any(not f.negative for f in own):
        stance = "asserts"
    elif own:
        stance = "denies"
    else:
        stance = "reports"
    answers = [a for f in facts if (a := answer(f))]
    claim_ids = list(dict.fromkeys(f.claim.id for f in facts))
    return SourceStance(doc_id=doc_id, stance=stance, answers=list(dict.fromkeys(answers)), claim_ids=claim_ids,
                        quote=facts[0].claim.text)


def _answer_record(group: AnswerGroup) -> AnswerRecord:
    rep = group.representative
    return AnswerRecord(answer=answer(rep) or _shorten(rep.claim.text), representative=rep.claim.id,
                        claim_ids=list(dict.fromkeys(f.claim.id for f in group.members)),
                        doc_ids=list(dict.fromkeys(f.doc_id for f in group.members)), as_of=group.as_of)


def _relations(cluster_id: str, groups: list[AnswerGroup], candidates: Candidates,
               env: RelationEnv, origin_of: dict[str, str]) -> list[ClaimRelation]:
    """A star of agreements inside each answer group, then typed relations across groups (see ``answers``).

    Copies of one origin never contradict each other: a difference between them is an edit of one story."""
    found: list[tuple[Verdict, Fact, Fact]] = []
    for g in groups:
        rep = g.representative
        size = f" One of {len(g.members)} claims giving this answer." if len(g.members) > 2 else ""
        found += [(replace(v, reason=v.reason + size), rep, f)
                  for f, v in zip(g.members, g.verdicts) if v is not None and f.doc_id != rep.doc_id]
    for g, h, a, b in group_pairs(groups, candidates):
        v = relate(a, b, env, candidates.similarity(a, b))
        if v.type == "contradict" and a.doc_id != b.doc_id and origin_of.get(a.doc_id) == origin_of.get(b.doc_id):
            v = _between_copies(v, a, b, env)
        n, m = len(g.members), len(h.members)
        sizes = f" Answer groups of {n} and {m} claims." if n + m > 2 else ""
        found.append((replace(v, reason=v.reason + sizes), a, b))
    best: dict[tuple[str, str], tuple[Verdict, Fact, Fact]] = {}
    for verdict, x, y in found:
        a, b = sorted((x, y), key=lambda f: (f.doc_id, f.claim.start))
        key = (a.claim.id, b.claim.id)
        if key not in best or PRIORITY[verdict.type] > PRIORITY[best[key][0].type]:
            best[key] = (verdict, a, b)
    steps: dict[tuple[str | None, str], set[str]] = defaultdict(set)  # (authority, earlier claim) -> later claims
    for v, _, _ in best.values():
        if v.type == "revision" and v.steps is not None:
            steps[(v.authority, v.steps[0])].add(v.steps[1])
    return [_relation_record(cluster_id, v, a, b) for (v, a, b) in best.values() if not _skips_a_step(v, steps)]


def _skips_a_step(v: Verdict, steps: dict[tuple[str | None, str], set[str]]) -> bool:
    """A revision from x to z where the same authority's series goes x → y → z: the series lists its steps
    (1 → 24 → 60 dead, surfside-condo-collapse-2021 dev), not every pair of its figures."""
    if v.type != "revision" or v.steps is None:
        return False
    first, last = v.steps
    return any(last in steps[(v.authority, middle)] for middle in steps[(v.authority, first)] if middle != last)


def _between_copies(v: Verdict, a: Fact, b: Fact, env: RelationEnv) -> Verdict:
    """A contradiction between copies of one origin is an edit of one story; where one authority gives both
    figures (the outlet's own updated article), the edit changed its figure: a revision. Its order is unknown
    (else the pair would already be one), so it joins no series."""
    if v.subtype == "numeric" and (who := authority(a, env)).key == authority(b, env).key:
        return Verdict("revision", f"{env.source(a)} and {env.source(b)} are versions of one story by {who.name}, "
                       "with different figures: the story was updated, in an order the metadata does not give "
                       f"({v.reason})", 0.6)
    return Verdict("unrelated", f"{env.source(a)} and {env.source(b)} are copies of one origin: the difference is "
                   f"an edit of one story, not a contradiction ({v.reason})", v.confidence)


def _relation_record(cluster_id: str, v: Verdict, a: Fact, b: Fact) -> ClaimRelation:
    confidence, reason = v.confidence, v.reason
    if v.type == "contradict":
        confidence, measured = calibrated(v.subtype, v.confidence)
        reason = f"{reason} Confidence {confidence:.2f}: {measured}."
    return ClaimRelation(
        id="rel-" + hashlib.sha1(f"{cluster_id}\0{a.claim.id}\0{b.claim.id}".encode()).hexdigest()[:16],
        component=COMPONENT, version=VERSION, cluster_id=cluster_id, claim_a=a.claim.id, claim_b=b.claim.id,
        doc_a=a.doc_id, doc_b=b.doc_id, type=v.type, subtype=v.subtype, reason=reason, confidence=confidence,
        raw_confidence=v.confidence, quote_a=a.claim.text, quote_b=b.claim.text, stance_a=a.claim.stance,
        stance_b=b.claim.stance, authority=v.authority,
    )


def _shorten(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"
