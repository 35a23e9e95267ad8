"""The accused's own words of denial: "I did not send this", where the case accuses them of sending.

A source that denies its part names the deed ("Weiner Denies Sending Photo": sending). Where the one so accused
is a claim's speaker and says, with do-support, that they did not do that deed ("I can definitively say that I did
not send this", "he's certain he did not send a lewd photo"), the claim denies their part too. The deed comes
from the case's own self-denials, not from a word list, so "I didn't know her" denies nothing unless a source
had denied knowing her.
"""

from __future__ import annotations

import re

from ..model import Claim
from .actors import Mention
from .cues import Hit
from .forms import SUBJECT_DENY
from .lexicon import Lexicon

_GERUND = re.compile(r"\s*(?:\w+ly\s+)?([a-z]{3,}?)ing\b", re.I)  # "Denies Sending Photo" → "send"


def _base(stem: str) -> str:
    """A regex for the base form of a gerund's stem: "send", "tak" (taking) → "take", "runn" → "run"."""
    stem = stem.lower()
    if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "ls":
        stem = stem[:-1]  # "running" → "run"; "selling", "kissing" keep theirs
    return re.escape(stem) + "e?"


def deeds(hits: list[Hit]) -> dict[str, set[str]]:
    """Actor → the deeds the case's self-denials name for it ("Weiner Denies Sending Photo": send)."""
    out: dict[str, set[str]] = {}
    for hit in hits:
        if hit.cue_kind != "self-deny":
            continue
        text = hit.claim.text
        cue = SUBJECT_DENY.search(text, hit.mention.end)
        gerund = _GERUND.match(text, cue.end()) if cue else None
        if gerund:
            out.setdefault(hit.mention.actor, set()).add(_base(gerund.group(1)))
    return out


def own_word_denials(claims: list[Claim], hits: list[Hit], lexicon: Lexicon) -> list[Hit]:
    """Claims whose speaker is an actor the case's self-denials name and who says they did not do that deed."""
    by_actor = deeds(hits)
    if not by_actor:
        return []
    patterns = {actor: re.compile(rf"\b(I|we|he|she|they)\s+(?:\w+ly\s+)?(?:did\s+not|did\s*n[’']t)\s+(?:\w+ly\s+)?"
                                  rf"(?:{'|'.join(sorted(verbs))})\b", re.I) for actor, verbs in by_actor.items()}
    seen = {(h.claim.id, h.mention.actor) for h in hits}
    out = []
    for claim in claims:
        named = {m.actor for m in lexicon.mentions(claim.speaker.name)} if claim.speaker.kind != "outlet" else set()
        actor = next(iter(named)) if len(named) == 1 else None  # "Rep. Anthony Weiner" is Weiner
        if actor not in patterns or (claim.id, actor) in seen:
            continue
        said = patterns[actor].search(claim.text)
        if said:
            pronoun = Mention(said.start(1), said.end(1), actor, said.group(1))
            out.append(Hit(claim, pronoun, said.group().strip(), "self-deny", "rejects", claim.speaker.name,
                           claim.speaker.kind))
    return out
