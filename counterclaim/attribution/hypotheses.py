"""Competing hypotheses ("who did it") and each document's stance on them.

Hypotheses are discovered from responsibility claims: a claim that names an
actor in the role of the one who carried out, organised, ordered, was behind,
is responsible for, claimed responsibility for, is blamed for or denies the
attack. Names are merged through the actor table (with the analyst's ``alias``
items) and grouped by the outermost
actor (GUR → Ukraine, CIA → United States), so one hypothesis stands for
"Ukraine (GUR) carried out the attack" however a source phrases it.

Every finding is a :class:`StanceEvidence` naming the claim (document offsets),
the name and cue that matched, who says it and why it counts as asserting,
reporting, denying or disputing. Matching is by transparent patterns, listed
in :data:`.cues.CUES`, not by a model: an analyst can see exactly why each quote was
taken and correct it.

Hypothesis ids (H1, H2, ...) are kept in the stage's state, so they survive
re-analysis; analyst edits (add, merge, rename, drop) are audited analyst
items of kind ``hypothesis`` keyed by hypothesis id (see :mod:`.api`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from .. import lexicons
from ..across.records import ClaimCluster
from ..model import CaseRecord, Claim, DateMention, Entity
from ..pipeline import CaseInputs, StageResult, allocate_id, registry
from .cues import Hit, find_hits
from .lexicon import Lexicon
from .names import case_names
from .records import LAYERS, DocumentStance, Hypothesis
from .stance import evidence, overall_stance

COMPONENT = "hypotheses"
VERSION = "5"


EVENT_PLACE = re.compile(rf"\b(?:{lexicons.alternation('event_nouns', 'hypotheses')})\s+(?:in|on|at)\s+(?:the\s+)?", re.I)


def event_country(texts: Iterable[str], lexicon: Lexicon) -> str | None:
    """The country the sources most often place the attack in ("attack in Moscow" → Russia)."""
    found = Counter(c for text in texts for m in EVENT_PLACE.finditer(text)
                    if (c := lexicon.place_country(text[m.end():m.end() + 40])))
    return found.most_common(1)[0][0] if found else None


@dataclass
class _Spec:
    """A hypothesis while it is being built."""

    id: str
    key: str
    actors: set[str]
    origin: Literal["discovered", "analyst"]
    label: str | None = None
    status: Literal["active", "merged", "dropped"] = "active"
    merged_into: str | None = None
    rev: int = 0


def case_lexicon(inputs: CaseInputs) -> Lexicon:
    """The case's names (:func:`.names.case_names`), leaving out claims dated in another year than the event's."""
    event_year = _case_event_year(inputs.get_records(ClaimCluster))
    dates = {d.id: d for d in inputs.get(DateMention)}
    claims = [c for c in inputs.get(Claim) if not _about_other_year(c, dates, event_year)]
    return case_names(claims, inputs.get(Entity), inputs.analyst_items("alias"), inputs.analyst_items("hypothesis"))


def _case_event_year(clusters: list[ClaimCluster]) -> int | None:
    """The year of the event most claim clusters are about."""
    years = Counter(c.event_date.year for c in clusters if c.event_date)
    return years.most_common(1)[0][0] if years else None


def _about_other_year(claim: Claim, dates: dict[str, Any], event_year: int | None) -> bool:
    """A claim dated in another year is about another event ("the Moscow theatre in 2002")."""
    if event_year is None:
        return False
    stated = [dates[i] for i in claim.date_ids if i in dates]
    return any(d.role == "event" and d.value and not d.year_inferred and d.value.year != event_year for d in stated)


# What the hypotheses stage (and the ACH stage, which finds the same names) reads.
NEEDS = ("claim", "date", "entity", ClaimCluster.layer, "analyst:hypothesis", "analyst:alias")


@registry.case_stage(COMPONENT, version=VERSION, needs=NEEDS, adds=LAYERS)
def hypotheses_stage(inputs: CaseInputs) -> StageResult:
    """Discover hypotheses, apply the analyst's edits, and work out every document's stance.

    Hypothesis ids (H1, H2, ...) are allocated in the stage's state, so they survive re-runs."""
    lexicon = case_lexicon(inputs)
    docs = inputs.documents
    order = {d.id: n for n, d in enumerate(docs)}
    texts = {d.id: d.text for d in docs}
    hits = sorted((h for c in inputs.get(Claim) if c.doc_id in texts for h in find_hits(c, lexicon)),
                  key=lambda h: (order[h.claim.doc_id], h.claim.start, h.mention.start))
    ids = dict(inputs.state.get("ids", {}))
    specs = _specs(hits, inputs.analyst_items("hypothesis"), ids, lexicon)
    country = event_country(texts.values(), lexicon)
    records: list[CaseRecord] = []
    for spec in specs.values():
        members = _closure(spec, specs, lexicon)
        mine = [h for h in hits if h.mention.actor in members]
        records.append(_hypothesis(spec, mine, members, lexicon, country))
        if spec.status != "active":
            continue
        for doc in docs:
            items = [evidence(h, texts[doc.id]) for h in mine if h.claim.doc_id == doc.id]
            stance, disputed, mixed, reason = overall_stance(items)
            records.append(DocumentStance(
                id=f"{doc.id}:{spec.id}", component=COMPONENT, version=VERSION, doc_id=doc.id,
                hypothesis_id=spec.id, stance=stance, disputed=disputed, mixed=mixed, reason=reason, evidence=items))
    return StageResult(records, {"ids": ids})


def _specs(hits: list[Hit], edits: dict[str, tuple[Any, int]], ids: dict[str, str],
           lexicon: Lexicon) -> dict[str, _Spec]:
    """Discovered hypotheses (one per outermost actor, in order of first mention) and the analyst's, edits applied."""
    specs: dict[str, _Spec] = {}
    # An analyst hypothesis owns the actors its aliases name: their evidence is re-assigned to it,
    # and no discovered hypothesis is spawned for them ("hypotheses add LABEL --alias ...").
    claimed = {lexicon.side(lexicon.resolve(a) or a): hid for hid, (data, _) in edits.items()
               if data.get("origin") == "analyst" and not data.get("dropped") for a in data.get("aliases", [])}
    for hit in hits:
        side = lexicon.side(hit.mention.actor)
        hid = allocate_id(ids, f"actor:{side}", "H")
        spec = specs.setdefault(hid, _Spec(hid, f"actor:{side}", {side}, "discovered"))
        if side in claimed and claimed[side] != hid:  # shown as merged into the analyst's hypothesis
            spec.status, spec.merged_into = "merged", claimed[side]
    for hid, (data, rev) in edits.items():
        spec = specs.get(hid)
        if spec is None:
            if data.get("origin") != "analyst":
                continue  # an edit of a hypothesis no source supports any more
            actors = {lexicon.resolve(a) or a for a in data.get("aliases", [])}
            spec = specs[hid] = _Spec(hid, f"analyst:{hid}", actors, "analyst")
        spec.label = data.get("label", spec.label)
        spec.rev = rev
        if data.get("dropped"):
            spec.status = "dropped"
        if data.get("merged_into"):
            spec.status, spec.merged_into = "merged", data["merged_into"]
    return dict(sorted(specs.items(), key=lambda kv: int(kv[0][1:])))


def _closure(spec: _Spec, specs: dict[str, _Spec], lexicon: Lexicon) -> set[str]:
    """Actors a hypothesis stands for: its own, those merged into it, and their organs (GUR under Ukraine)."""
    roots = set(spec.actors)
    for other in specs.values():
        if other.id != spec.id and _final_target(other, specs) == spec.id:
            roots |= other.actors
    return {a for a in set(lexicon.parent) | roots if a in roots or _ancestors(a, lexicon) & roots}


def _ancestors(actor: str, lexicon: Lexicon) -> set[str]:
    out: set[str] = set()
    while (parent := lexicon.parent.get(actor)) and parent not in out:
        out.add(parent)
        actor = parent
    return out


def _final_target(spec: _Spec, specs: dict[str, _Spec]) -> str | None:
    """Where a merged hypothesis ends up after following merge chains."""
    seen = {spec.id}
    while spec.merged_into and spec.merged_into in specs and spec.merged_into not in seen:
        seen.add(spec.merged_into)
        spec = specs[spec.merged_into]
    return spec.id if len(seen) > 1 else None


def _hypothesis(spec: _Spec, hits: list[Hit], members: set[str], lexicon: Lexicon,
                country: str | None) -> Hypothesis:
    roots = sorted(spec.actors)
    false_flag = bool(country) and any(lexicon.country.get(a) == country for a in roots)
    organs = [a for a, _ in Counter(h.mention.actor for h in hits).most_common() if a not in spec.actors]
    name = " / ".join(roots) + (f" ({', '.join(organs)})" if organs else "")
    label = spec.label or (" / ".join(roots) + " false flag" if false_flag else name)
    statement = (f"The {name} staged the attack on its own territory (false flag)" if false_flag
                 else f"{name} carried out or was behind the attack")
    return Hypothesis(
        id=spec.id, component=COMPONENT, version=VERSION, label=label, statement=statement, actors=sorted(members),
        aliases=lexicon.names_of(members), seen=sorted({h.mention.text for h in hits}), origin=spec.origin,
        status=spec.status, merged_into=spec.merged_into, false_flag=false_flag, evidence_count=len(hits),
        rev=spec.rev)
