"""A record called authentic denies that the story was made up.

A fabrication hypothesis ("a hoax", "a prank to punk CNN") is named by those who propose it; those who answer it
rarely name it: "the audiotape was genuine", "has been verified as authentic" (FNC-1 training bodies 2345 and 816,
ferguson-brown-audio-2014, dev). Where the case has a fabrication hypothesis, a claim that predicates authenticity
of something, unnegated, rejects it in its speaker's voice. Without one, such a claim proposes nothing.
"""

from __future__ import annotations

import re
from collections import Counter

from .. import lexicons
from ..model import Claim
from .actors import Mention
from .cues import Hit

CUE_KIND = "authentic"
_WORD = lexicons.alternation("denial", "authentic", type="authentic")
# Predicated, not attributive ("a genuine concern" predicates nothing): after a copula, or "verified as ...".
_AUTHENTIC = re.compile(rf"\b(?:(?:is|are|was|were|be|been|being)\s+(?:\w+\s+)?|(?:verified|confirmed|authenticated)"
                        rf"\s+(?:\w+\s+){{0,2}}?as\s+)(?P<word>{_WORD})\b", re.I)
# An open question asks it ("could not independently verify whether it was authentic", fnc1train:1009).
_ASKED = re.compile(r"\b(?:whether|if)\b", re.I)


def authenticity_hits(claims: list[Claim], hits: list[Hit], fabrication: frozenset[str]) -> list[Hit]:
    """Rejections of the case's fabrication hypothesis (the one its sources name most, of ``fabrication``) by the
    claims that call something authentic."""
    proposed = Counter(h.mention.actor for h in hits if h.mention.actor in fabrication and h.polarity == "supports")
    if not proposed:
        return []
    actor = proposed.most_common(1)[0][0]
    out = []
    for claim in claims:
        found = _AUTHENTIC.search(claim.text)
        if found is None or claim.negated or claim.stance == "denies" or claim.mood != "indicative" \
                or _ASKED.search(claim.text, 0, found.start()):
            continue
        mention = Mention(found.start("word"), found.end("word"), actor, found.group("word"))
        out.append(Hit(claim, mention, found.group(0), CUE_KIND, "rejects", claim.speaker.name, claim.speaker.kind))
    return out
