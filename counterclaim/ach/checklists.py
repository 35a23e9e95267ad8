"""What each hypothesis would lead one to expect some source to report, fitted to the kind of event.

The checklists are data (``data/ach/checklists.json``), one per kind of event, each with the
investigative practice it reflects. The kind is detected from the documents' event nouns
(``lexicons/event_nouns.json`` entries with an ``event_kind``): the kind named in the most
documents, then by the most mentions, the more specific kind first on a tie ("attack" is in
nearly every story). The analyst's ``event_kind`` item overrides it.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any, ClassVar, Literal

from pydantic import Field

from .. import lexicons
from ..attribution.lexicon import Lexicon
from ..model import CaseRecord, Claim, Document, register_case_record

PATH = Path(__file__).resolve().parents[1] / "data" / "ach" / "checklists.json"
UNKNOWN = "unknown"


@cache
def checklists() -> dict[str, dict[str, Any]]:
    """kind -> {label, provenance, items}, in file order (specific kinds before the generic ones)."""
    return json.loads(PATH.read_text(encoding="utf-8"))["kinds"]


@register_case_record
class EventKind(CaseRecord):
    """The kind of event the case is about, which picks the expected-evidence checklist."""

    layer: ClassVar[str] = "ach_event_kind"

    kind: str = Field(description="the kind in use: the analyst's when set, else the detected one")
    label: str
    detected: str
    by: Literal["detected", "analyst"]
    reason: str
    counts: dict[str, list[int]] = Field(default_factory=dict, description="kind -> [documents, mentions]")
    provenance: str = Field(description="the investigative practice the checklist reflects")
    rev: int = Field(0, description="revision of the analyst's event_kind item (0: none)")


@register_case_record
class ExpectedEvidence(CaseRecord):
    """Something a hypothesis predicts; 'missing' when no source reports it."""

    layer: ClassVar[str] = "ach_expected"

    hypothesis_id: str
    item: str
    status: Literal["reported", "missing"]
    claim_ids: list[str] = Field(default_factory=list)
    event_kind: str = UNKNOWN


def detect(documents: list[Document]) -> tuple[str, str, dict[str, list[int]]]:
    """(kind, why, kind -> [documents naming it, mentions]) from the documents' event nouns."""
    patterns = [(lexicons.entry_pattern(e), e["event_kind"]) for e in lexicons.entries("event_nouns", "event_kind")]
    docs: Counter = Counter()
    mentions: Counter = Counter()
    for doc in documents:
        found = Counter(kind for pattern, kind in patterns for _ in pattern.finditer(doc.text))
        mentions.update(found)
        docs.update(found.keys())
    counts = {k: [docs[k], mentions[k]] for k in checklists() if docs[k]}
    if not counts:
        return UNKNOWN, "no event noun of a known kind in the documents", {}
    order = list(checklists())
    kind = max(counts, key=lambda k: (counts[k][0], counts[k][1], -order.index(k)))
    return kind, f"named in {counts[kind][0]} of {len(documents)} document(s), {counts[kind][1]} time(s)", counts


def event_kind(documents: list[Document], analyst: dict[str, tuple[Any, int]], version: str) -> EventKind:
    """The kind in use: the analyst's ``event_kind`` item (key ``case``) when set, else the detected one."""
    detected, reason, counts = detect(documents)
    data, rev = analyst.get("case", ({}, 0))
    chosen = data.get("kind") if data.get("kind") in checklists() else None
    kind = chosen or detected
    others = ", ".join(f"{k} {d}/{m}" for k, (d, m) in counts.items() if k != detected)
    why = f"detected {detected}: {reason}" + (f" (others, documents/mentions: {others})" if others else "")
    return EventKind(id="event-kind", component="ach", version=version, kind=kind, label=checklists()[kind]["label"],
                     detected=detected, by="analyst" if chosen else "detected",
                     reason=(f"set by the analyst; {why}" if chosen else why), counts=counts,
                     provenance=checklists()[kind]["provenance"], rev=rev)


def expected_evidence(kind: str, claims: list[Claim], lexicon: Lexicon, hypotheses: list[Any],
                      version: str) -> list[ExpectedEvidence]:
    """Each hypothesis's checklist for ``kind``, each item reported (with the claims) or missing."""
    out: list[ExpectedEvidence] = []
    for h in hypotheses:
        members = set(h.actors)
        naming = [c for c in claims if any(m.actor in members for m in lexicon.mentions(c.text))]
        for n, spec in enumerate(checklists()[kind]["items"], 1):
            if spec.get("check") == "actor-statement":
                found = [c.id for c in claims
                         if c.speaker.kind != "outlet" and lexicon.resolve(c.speaker.name) in members]
            else:
                pattern = re.compile(spec["pattern"], re.I)
                found = [c.id for c in (naming if spec.get("names_actor", True) else claims) if pattern.search(c.text)]
            out.append(ExpectedEvidence(id=f"{h.id}:X{n}", component="ach", version=version, hypothesis_id=h.id,
                                        item=spec["item"], status="reported" if found else "missing",
                                        claim_ids=found, event_kind=kind))
    return out
