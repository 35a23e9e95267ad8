"""A document's stance on a hypothesis, from the stance of each claim that names it."""

from __future__ import annotations

from collections import Counter

from .cues import Hit
from .records import DocStance, ItemStance, StanceEvidence


def item_stance(hit: Hit) -> ItemStance:
    if hit.polarity == "disputes":
        return "disputes"
    if hit.speaker_kind == "outlet":
        return "asserts" if hit.polarity == "supports" else "denies"
    return "reports" if hit.polarity == "supports" else "denies"


def overall_stance(items: list[StanceEvidence]) -> tuple[DocStance, bool, bool, str]:
    """(stance, disputed, mixed, reason): own voice first, then reports, then quoted denials; findings that
    do not bear on the hypothesis (conditionals, questions, other events) are shown but never count."""
    items = [i for i in items if i.bears]
    counts = Counter((i.stance, i.speaker_kind == "outlet") for i in items)
    own_yes, own_no = counts[("asserts", True)], counts[("denies", True)]
    reports, quoted_no = counts[("reports", False)], counts[("denies", False)]
    disputes = counts[("disputes", True)] + sum(1 for i in items if i.stance == "reports" and i.disputed)
    if own_yes or own_no:
        stance: DocStance = "asserts" if own_yes >= own_no else "denies"
        return stance, False, bool(own_yes and own_no), f"own voice: {own_yes} asserting, {own_no} denying"
    if reports:
        return "reports", bool(disputes), False, (
            f"reports {reports} claim(s) by others" + (f", casts doubt {disputes} time(s)" if disputes else ""))
    if quoted_no:
        return "denies", False, False, f"quotes {quoted_no} denial(s)"
    if disputes:
        return "denies", True, False, f"casts doubt on it {disputes} time(s) without reporting it"
    return "absent", False, False, "no claim names it"


def evidence(hit: Hit, doc_text: str, excluded: str | None = None) -> StanceEvidence:
    """The finding, traced to document offsets; ``excluded`` says why it does not bear on the hypothesis."""
    claim = hit.claim
    if doc_text[claim.start:claim.end] == claim.text:
        offset = claim.start + hit.mention.start
    else:  # a corrected claim text: find the name inside the claim's span
        offset = max(doc_text.find(hit.mention.text, claim.start, claim.end), claim.start)
    stance = item_stance(hit)
    return StanceEvidence(
        claim_id=claim.id, doc_id=claim.doc_id, start=claim.start, end=claim.end,
        quote=doc_text[claim.start:claim.end], stance=stance, polarity=hit.polarity, speaker=hit.speaker,
        speaker_kind=hit.speaker_kind, actor=hit.mention.actor, alias=hit.mention.text, alias_start=offset,
        alias_end=offset + len(hit.mention.text), cue=hit.cue, cue_kind=hit.cue_kind, exclusive=hit.exclusive,
        disputed=hit.disputed, hedged=bool(claim.hedges),
        reason=f"{hit.speaker} ({hit.speaker_kind}): “{hit.cue}” puts {hit.mention.text} in the {hit.cue_kind} role"
               f" → {stance}" + (" (framed with doubt)" if hit.disputed else "")
               + (f"; not counted: {excluded}" if excluded else ""),
        bears=excluded is None, excluded=excluded,
    )
