"""Competing hypotheses ("who did it") and each document's stance on them.

Hypotheses are discovered from responsibility claims: a claim that names an
actor in the role of the one who carried out, organised, ordered, was behind,
is responsible for, claimed responsibility for, is blamed for or denies the
attack. Names are merged through the actor table (with the analyst's ``alias``
items) and grouped by the outermost
actor (GUR → Ukraine, CIA → United States), so one hypothesis stands for
"Ukraine (GUR) carried out the attack" however a source phrases it. Propositions are
hypotheses too: a report a source denies (:mod:`.propositions`) and the statement most
documents pass on as hearsay (:mod:`.reported`).

Every finding is a :class:`StanceEvidence` naming the claim (document offsets),
the name and cue that matched, who says it and why it counts as asserting,
reporting, denying or disputing. Matching is by transparent patterns, listed
in :data:`.cues.CUES`, not by a model: an analyst can see exactly why each quote was
taken and correct it. The one exception is said as such: a document that tells a denied
proposition in other words is found by the stance model (:mod:`.carried`).

Hypothesis ids (H1, H2, ...) are kept in the stage's state, so they survive
re-analysis; analyst edits (add, merge, split, rename, drop) are audited analyst
items of kind ``hypothesis`` keyed by hypothesis id (see :mod:`.api`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from .. import lexicons
from ..across.records import ClaimCluster
from ..model import CaseRecord, Claim, DateMention, Entity, Quantity
from ..pipeline import CaseInputs, StageResult, allocate_id, registry
from .actors import normalise
from .authentic import CUE_KIND as AUTHENTIC, authenticity_hits
from .carried import carried_by_model
from .confidence import stance_confidence
from .cues import Hit, find_hits
from .deeds import own_word_denials
from .forms import DOER, DOER_NOUNS
from .lexicon import CAUSES, Lexicon
from .mentioned import READER, named_first
from .names import case_names
from .propositions import is_proposition, proposition_hits
from .reported import FABRICATION, reported_hits
from .records import LAYERS, DocumentStance, Hypothesis
from .stance import evidence, overall_stance

COMPONENT = "hypotheses"
CAUSE_NAMES = frozenset(CAUSES.values())
VERSION = "54"


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
    split_from: str | None = None
    names: list[str] = field(default_factory=list)  # a split's names, matched as written


def case_lexicon(inputs: CaseInputs, event_year: int | None) -> Lexicon:
    """The case's names (:func:`.names.case_names`), leaving out claims dated in another year than the
    event's (``event_year``, from :func:`case_event_year`)."""
    dates = {d.id: d for d in inputs.get(DateMention)}
    claims = [c for c in inputs.get(Claim) if not _about_other_year(c, dates, event_year)]
    return case_names(claims, inputs.get(Entity), inputs.analyst_items("alias"), inputs.analyst_items("hypothesis"))


def case_event_year(inputs: CaseInputs) -> int | None:
    """The year of the event most claim clusters are about."""
    years = Counter(c.event_date.year for c in inputs.get_records(ClaimCluster) if c.event_date)
    # A tie goes to the latest year: background ("arrested in October") is older than the news.
    return max(years, key=lambda y: (years[y], y)) if years else None


def _about_other_year(claim: Claim, dates: dict[str, Any], event_year: int | None) -> int | None:
    """The other year a claim is dated in: it is about another event ("the Moscow theatre in 2002")."""
    if event_year is None:
        return None
    stated = [dates[i] for i in claim.date_ids if i in dates]
    return next((d.value.year for d in stated
                 if d.role == "event" and d.value and not d.year_inferred and d.value.year != event_year), None)


# What the hypotheses stage (and the ACH stage, which finds the same names) reads.
NEEDS = ("claim", "date", "entity", "quantity", ClaimCluster.layer, "analyst:hypothesis", "analyst:alias")


@registry.case_stage(COMPONENT, version=VERSION, needs=NEEDS, adds=LAYERS)
def hypotheses_stage(inputs: CaseInputs) -> StageResult:
    """Discover hypotheses, apply the analyst's edits, and work out every document's stance.

    Hypothesis ids (H1, H2, ...) are allocated in the stage's state, so they survive re-runs."""
    event_year = case_event_year(inputs)
    lexicon = case_lexicon(inputs, event_year)
    docs = inputs.documents
    order = {d.id: n for n, d in enumerate(docs)}
    texts = {d.id: d.text for d in docs}
    claims = [c for c in inputs.get(Claim) if c.doc_id in texts]
    hits = [*(h for c in claims for h in find_hits(c, lexicon)), *proposition_hits(claims, texts)]
    hits = [*hits, *own_word_denials(claims, hits, lexicon)]
    hits = sorted([*hits, *reported_hits(claims, hits, texts), *authenticity_hits(claims, hits, FABRICATION, texts)],
                  key=lambda h: (order[h.claim.doc_id], h.claim.start, h.mention.start))
    excluded = not_bearing(claims, inputs.get(DateMention), inputs.get(Quantity), event_year)
    ids = dict(inputs.state.get("ids", {}))
    # Only findings that bear on the incident spawn a hypothesis; the others are shown on the ones that exist.
    # ... and an outlet's doubt about a name ("the so-called Caliph") proposes no explanation of its own.
    specs = _specs([h for h in hits if h.claim.id not in excluded and h.cue_kind != "dispute"],
                   inputs.analyst_items("hypothesis"), ids, lexicon)
    country = event_country(texts.values(), lexicon)
    records: list[CaseRecord] = []
    assigned = _assign(hits, specs, lexicon)
    roles = _doer_roles(assigned)
    for spec, members, names, mine in assigned:
        bearing = [h for h in mine if h.claim.id not in excluded]
        records.append(_hypothesis(spec, bearing, sorted(members), names, lexicon, country))
        if spec.status != "active":
            continue
        read = {doc.id: [evidence(h, texts[doc.id], excluded.get(h.claim.id)) for h in mine if h.claim.doc_id == doc.id]
                for doc in docs}
        stances = {d: overall_stance(items) for d, items in read.items()}
        proposition = next((a for a in spec.actors if is_proposition(a)), None) if len(spec.actors) == 1 else None
        carried = carried_by_model(proposition.strip("“”"), [d for d in docs if stances[d.id][0] == "absent"],
                                   claims) if proposition else {}
        # "genuine" answers a hoax, it does not name it: the words of authenticity are no names to look for.
        named = named_first([*names, *(h.mention.text for h in mine if h.cue_kind != AUTHENTIC),
                             *roles.get(spec.id, ())],
                            [d for d in docs if stances[d.id][0] == "absent" and d.id not in carried], claims, excluded)
        # "Police have not yet identified the gunman" denies no one: a role noun only ever tells the named doer's deed.
        named = {d: item for d, item in named.items()
                 if not (item.stance == "denies" and item.alias.lower() in roles.get(spec.id, ()))}
        for doc in docs:
            stance, disputed, mixed, reason = stances[doc.id]
            items, by = read[doc.id], "rules"
            if doc.id in carried:
                probability, found = carried[doc.id]
                stance, by, items = "reports", "stance model", items + found
                reason = (f"no claim names it in words the patterns read; the stance model reads the document as "
                          f"telling it (probability {probability:.2f})")
            elif doc.id in named:
                stance, by, items, reason = named[doc.id].stance, READER, items + [named[doc.id]], named[doc.id].reason
            confidence, basis = stance_confidence(stance, by)
            records.append(DocumentStance(
                id=f"{doc.id}:{spec.id}", component=COMPONENT, version=VERSION, doc_id=doc.id,
                hypothesis_id=spec.id, stance=stance, disputed=disputed, mixed=mixed, reason=reason, read_by=by,
                confidence=confidence, confidence_basis=basis, evidence=items))
    return StageResult(records, {"ids": ids})


def not_bearing(claims: list[Claim], dates: Iterable[DateMention], quantities: Iterable[Quantity],
                event_year: int | None) -> dict[str, str]:
    """claim id -> why it does not bear on who did *this* incident: its mood (read off the parse by the
    claims stage: a conditional, a question), a stated date in another year, or a figure the
    quantities stage scoped to another event."""
    by_id = {d.id: d for d in dates}
    other = {q.id: q.scope_cue or q.text for q in quantities if q.scope == "other-event"}
    out: dict[str, str] = {}
    for claim in claims:
        if claim.mood != "indicative":
            out[claim.id] = f"{claim.mood} (“{claim.mood_cue}”)" if claim.mood_cue else claim.mood
        elif year := _about_other_year(claim, by_id, event_year):
            out[claim.id] = f"about another event ({year}, the case's event is in {event_year})"
        elif cue := next((other[i] for i in claim.quantity_ids if i in other), None):
            out[claim.id] = f"about another event (“{cue}”)"
    return out


def _specs(hits: list[Hit], edits: dict[str, tuple[Any, int]], ids: dict[str, str],
           lexicon: Lexicon) -> dict[str, _Spec]:
    """Discovered hypotheses (one per outermost actor, in order of first mention) and the analyst's, edits applied."""
    specs: dict[str, _Spec] = {}
    # An analyst hypothesis owns the actors its aliases name: their evidence is re-assigned to it,
    # and no discovered hypothesis is spawned for them ("hypotheses add LABEL --alias ..."). A split
    # takes only the names it was given (see _assign).
    claimed = {lexicon.side(lexicon.resolve(a) or a): hid for hid, (data, _) in edits.items()
               if data.get("origin") == "analyst" and not data.get("dropped") and not data.get("split_from")
               for a in data.get("aliases", [])}
    for hit in hits:
        side = lexicon.side(hit.mention.actor)
        hid = allocate_id(ids, f"actor:{side}", "H")
        spec = specs.setdefault(hid, _Spec(hid, f"actor:{side}", {side}, "discovered"))
        if side in claimed and claimed[side] != hid:  # shown as merged into the analyst's hypothesis
            spec.status, spec.merged_into = "merged", claimed[side]
    for hid, (data, rev) in sorted(edits.items(), key=lambda kv: int(kv[0][1:])):
        spec = specs.get(hid)
        if spec is None:
            if data.get("origin") != "analyst":
                continue  # an edit of a hypothesis no source supports any more
            aliases = data.get("aliases", [])
            actors = {lexicon.resolve(a) or a for a in aliases}
            source = specs.get(data.get("split_from") or "")
            if data.get("split_from"):  # a name of the source's own actor moves by name, not the whole actor
                actors -= source.actors if source else set()
            spec = specs[hid] = _Spec(hid, f"analyst:{hid}", actors, "analyst", split_from=data.get("split_from"),
                                      names=list(aliases) if data.get("split_from") else [])
        spec.label = data.get("label", spec.label)
        spec.rev = rev
        if data.get("dropped"):
            spec.status = "dropped"
        if data.get("merged_into"):
            spec.status, spec.merged_into = "merged", data["merged_into"]
    return dict(sorted(specs.items(), key=lambda kv: int(kv[0][1:])))


def _assign(hits: list[Hit], specs: dict[str, _Spec],
            lexicon: Lexicon) -> list[tuple[_Spec, set[str], list[str], list[Hit]]]:
    """Each hypothesis with the actors it stands for, the names that count as it and its findings.

    A split-off hypothesis (unless merged back) takes the findings naming its actors or its names;
    its source loses both."""
    members = {sid: _closure(spec, specs, lexicon) for sid, spec in specs.items()}
    mine = {sid: [h for h in hits if h.mention.actor in members[sid]] for sid in specs}
    names = {sid: lexicon.names_of(members[sid]) for sid in specs}
    for spec in specs.values():
        if spec.split_from is None or spec.status == "merged":
            continue
        wanted = {normalise(n) for n in spec.names}
        moved = {id(h) for h in hits if h.mention.actor in members[spec.id] or normalise(h.mention.text) in wanted}
        mine[spec.id] = [h for h in hits if id(h) in moved]
        names[spec.id] = sorted({*names[spec.id], *spec.names}, key=str.lower)
        taken = wanted | {normalise(n) for n in names[spec.id]}
        for sid in specs:
            if sid != spec.id:
                mine[sid] = [h for h in mine[sid] if id(h) not in moved]
                members[sid] -= members[spec.id]
                names[sid] = [n for n in names[sid] if normalise(n) not in taken]
    return [(spec, members[sid], names[sid], mine[sid]) for sid, spec in specs.items()]


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


def _doer_roles(assigned: list[tuple[_Spec, set[str], list[str], list[Hit]]]) -> dict[str, tuple[str, ...]]:
    """Where one hypothesis alone is a person named as the doer ("Police ID gunman who killed eight", "the shooter,
    identified as Samuel Cassidy"), the doer's role nouns name it in documents that do not name him ("nine dead,
    including gunman", allsides:6006/left, san-jose-rail-yard-shooting-2021, dev)."""
    labelled = [spec.id for spec, _, _, mine in assigned
                if any(h.cue_kind == "labelled" and DOER.search(h.cue) and not _MAYBE.search(h.cue) for h in mine)]
    return {labelled[0]: ROLE_NOUNS} if len(labelled) == 1 else {}


# "a possible suspect" is not yet the doer; "suspect" is also a verb ("investigators suspect Iran").
_MAYBE = re.compile(r"\b(?:possible|likely|potential)\b", re.I)
ROLE_NOUNS = tuple(n for n in DOER_NOUNS if n != "suspect")


def _hypothesis(spec: _Spec, hits: list[Hit], actors: list[str], names: list[str], lexicon: Lexicon,
                country: str | None) -> Hypothesis:
    roots = sorted(spec.actors) or [spec.label or spec.id]
    claim_ids = list(dict.fromkeys(h.claim.id for h in hits))
    false_flag = bool(country) and any(lexicon.country.get(a) == country for a in roots)
    organs = [a for a, _ in Counter(h.mention.actor for h in hits).most_common() if a not in spec.actors]
    name = " / ".join(roots) + (f" ({', '.join(organs)})" if organs and spec.actors else "")
    # A cause is named as its sources call it ("a complete fabrication", "ransomware"), the canonical cause ("hoax",
    # "hacker") staying its actor.
    said = Counter(h.mention.text.lower() for h in hits
                   if h.mention.actor in CAUSE_NAMES and h.cue_kind != AUTHENTIC).most_common(1)
    label = spec.label or (" / ".join(roots) + " false flag" if false_flag
                           else said[0][0] if said and set(roots) <= CAUSE_NAMES else name)
    reported = bool(hits) and all(h.cue_kind == "reported" for h in hits)  # reported.py: a statement passed on
    statement = (f"The {name} staged the attack on its own territory (false flag)" if false_flag
                 else f"What the sources report is true: {name}" if reported
                 else f"What a source denies is true: {name}" if is_proposition(name)
                 else f"The story is false or made up ({label})" if set(roots) <= FABRICATION
                 else f"The cause was {label}" if set(roots) <= CAUSE_NAMES
                 else f"{name} carried out or was behind the attack")
    return Hypothesis(
        id=spec.id, component=COMPONENT, version=VERSION, label=label, statement=statement,
        actors=actors, aliases=names,
        seen=sorted({h.mention.text for h in hits if h.cue_kind != AUTHENTIC}), origin=spec.origin,
        status=spec.status,
        merged_into=spec.merged_into, false_flag=false_flag, evidence_count=len(claim_ids), claim_ids=claim_ids,
        doc_ids=list(dict.fromkeys(h.claim.doc_id for h in hits)), split_from=spec.split_from, rev=spec.rev)
