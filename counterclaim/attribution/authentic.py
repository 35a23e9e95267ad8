"""A record called authentic denies that the story was made up.

A fabrication hypothesis ("a hoax", "a prank to punk CNN") is named by those who propose it; those who answer it
rarely name it: "the audiotape was genuine", "has been verified as authentic" (FNC-1 training bodies 2345 and 816,
ferguson-brown-audio-2014, dev). Where the case has a fabrication hypothesis, a claim that predicates authenticity
of a record (the tape, the video, the photo, the account, "it"), with no negation, doubt, question or condition before
it in its sentence, rejects it in its speaker's voice. Without one, such a claim proposes nothing.
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
# What a source calls authentic when it answers a hoax: the record the story rests on.
_RECORDS = (r"(?:tape|audiotape|audio|recording|video|footage|photos?|photograph|pictures?|images?|documents?|letter|"
            r"account|post|tweet|message|it)")
# Predicated of a record, not attributive ("a genuine tragedy" predicates nothing): after a copula (an adverb at
# most between), or "verified as ...".
_AUTHENTIC = re.compile(rf"\b(?P<what>{_RECORDS})\b[^.;:!?]{{0,150}}?\s(?:(?:is|are|was|were|has\s+been|had\s+been|"
                        rf"have\s+been)\s+(?:\w+ly\s+)?|(?:verified|confirmed|authenticated)\s+(?:\w+\s+){{0,4}}?"
                        rf"as\s+)(?P<word>{_WORD})\b", re.I)
# Doubt, a question or a condition before it: "could not independently verify whether it was authentic"
# (fnc1train:1009), "police have not confirmed that the tape is genuine", "has yet to be verified as authentic".
_DOUBTED = re.compile(r"\b(?:whether|if|not|n['’]t|never|no|yet\s+to|unable|doubts?|doubted|questions?|questioned|"
                      r"may|might|could)\b", re.I)


def _sentence_start(text: str, at: int) -> int:
    """Where the sentence holding offset ``at`` starts: after the last full stop or line break before it."""
    stop = text.rfind(". ", 0, at)
    return max(stop + 2 if stop >= 0 else 0, text.rfind("\n", 0, at) + 1)


def authenticity_hits(claims: list[Claim], hits: list[Hit], fabrication: frozenset[str],
                      texts: dict[str, str]) -> list[Hit]:
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
                or _DOUBTED.search(texts[claim.doc_id], _sentence_start(texts[claim.doc_id], claim.start),
                                   claim.start + found.start("word")):
            continue
        mention = Mention(found.start("word"), found.end("word"), actor, found.group("word"))
        out.append(Hit(claim, mention, found.group(0), CUE_KIND, "rejects", claim.speaker.name, claim.speaker.kind))
    return out
