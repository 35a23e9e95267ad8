"""Documents that name a hypothesis in no form the attribution patterns read: their stance from the claim
that names it first.

The patterns (:mod:`.cues`) read who is said to have done it: "X blamed Y", "caused by Y", "Y's
involvement". Many explanations are told otherwise, above all causes and conditions ("the dictator
reportedly became addicted to cheese, which has been progressively ruined his health", fnc1:659) and the
names an analyst adds (``hypotheses add Gout --alias gout``). A document the patterns leave *absent* that
has a claim naming one of the hypothesis's names takes the stance of the first such claim in its order
(the headline or lede frames it): the claim stage's reading of who says it and whether it is negated;
where a later claim naming it is negated, the document tells both sides and, on a mere name, reports it; where
that later claim is the outlet's own and the first is someone else's, the outlet denies it (own voice first, as
the summary rule reads it: "Everyone thinks that ... Well, ... but not to keep him from turning into a werewolf");
where the first is someone's denial and a later one someone's report of it, the document reports it (rule 3).
Conditionals, questions and claims about another event never count.

With the gold hypotheses added by name, this moved document stance from 0.59 to 0.77 accuracy on the
real-news dev split and from 0.46 to 0.65 on test (``counterclaim eval --stage doc-stance-given``).
``scripts/calibrate_stances.py`` measures the labels it gives apart: "asserts (mentions)" is right in about
half of the pairs, and its confidence says so. A name is not a reading of responsibility, so these quotes
explain the stance but never become ACH evidence rows (:mod:`counterclaim.ach.evidence`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .. import lexicons
from ..model import Claim, Document
from . import responsibility
from .records import StanceEvidence
from .reported import is_hearsay

CUE = "names it"
READER = "mentions"
# A name that is itself a word of falsity ("hoax", "fake account", "lies") names an explanation that the story is
# false: a claim calling something false ("it's a hoax") supports it rather than denying it; "it isn't a hoax"
# still denies it.
_FALSITY_NAME = re.compile(rf"\b(?:{'|'.join(sorted(lexicons.terms('denial', 'falsity')))})s?\b", re.I)


def _pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """A lower-case name matches in any case ("gout", "Gout"); one with capitals only as written ("IS" is not
    "is"). Names under three characters and propositions (quoted statements) are left out."""
    kept = sorted({n.strip() for n in names if len(n.strip()) >= 3 and not n.startswith("“")}, key=len, reverse=True)
    if not kept:
        return None
    parts = [(rf"(?i:{re.escape(n)})" if n == n.lower() else re.escape(n)) for n in kept]
    return re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?![\w-])")


def named_first(names: Iterable[str], docs: list[Document], claims: list[Claim],
                excluded: dict[str, str]) -> dict[str, StanceEvidence]:
    """doc id → the evidence item of the first bearing claim of that document (of ``docs``) that names one of
    ``names`` (an outlet's "asserts" becomes "reports" where a later claim naming it is negated); ``excluded``
    holds the claims that do not bear on the incident (claim id → why)."""
    pattern = _pattern(names)
    wanted = {d.id: d.text for d in docs}
    if pattern is None or not wanted:
        return {}
    naming: dict[str, list[tuple[Claim, re.Match[str]]]] = {}
    for claim in claims:
        if claim.doc_id not in wanted or claim.id in excluded or claim.mood != "indicative":
            continue
        found = pattern.search(claim.text)
        # A claim whose text an analyst corrected no longer is the document's text there: its name has no offsets.
        if found and wanted[claim.doc_id][claim.start:claim.end] == claim.text:
            naming.setdefault(claim.doc_id, []).append((claim, found))
    # Sorting only the few claims that name it keeps this linear in the case's claims, once per hypothesis.
    out = {}
    for doc_id, found in naming.items():
        found.sort(key=lambda cf: cf[0].start)
        first = _item(*found[0], negated=any(c.stance == "denies" for c, _ in found[1:]))
        if first.speaker_kind != "outlet":  # someone else's first: the outlet's own denial, then a report, prevail
            later = [_item(*cf, negated=False) for cf in found[1:]]
            own_denial = next((i for i in later if i.speaker_kind == "outlet" and i.stance == "denies"), None)
            # A quoted denial first and a report of the claim after: the document carries both, so it reports it.
            report = next((i for i in later if i.speaker_kind != "outlet" and i.stance == "reports"), None)
            first = own_denial or (report if first.stance == "denies" else None) or first
        out[doc_id] = first
    return out


def _item(claim: Claim, found: re.Match[str], negated: bool) -> StanceEvidence:
    stance = claim.stance if claim.speaker.kind == "outlet" or claim.stance == "denies" else "reports"
    if stance == "denies" and _FALSITY_NAME.search(found.group(0)) and not responsibility.negated(claim.text):
        stance = "asserts" if claim.speaker.kind == "outlet" else "reports"
    # The outlet passing it on ("unconfirmed rumors of ...", "allegedly") reports it.
    stance = "reports" if stance == "asserts" and is_hearsay(claim) else stance
    # A document that also negates a claim naming it tells both sides: on a mere name, it reports it.
    stance = "reports" if stance == "asserts" and negated else stance
    return StanceEvidence(
        claim_id=claim.id, doc_id=claim.doc_id, start=claim.start, end=claim.end, quote=claim.text,
        stance=stance, polarity="rejects" if stance == "denies" else "supports", speaker=claim.speaker.name,
        speaker_kind=claim.speaker.kind, actor=found.group(0), alias=found.group(0),
        alias_start=claim.start + found.start(), alias_end=claim.start + found.end(), cue=CUE, cue_kind="mention",
        hedged=bool(claim.hedges),
        reason=f"no pattern reads who did it here; the document's first claim naming {found.group(0)} is "
               f"{claim.speaker.name} ({claim.speaker.kind}) {claim.stance}"
               + ("; a later claim naming it is negated" if negated else "") + f" → {stance}")
