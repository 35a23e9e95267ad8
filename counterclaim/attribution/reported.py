"""The proposition a case's coverage reports: the rumour the documents are about, as a hypothesis.

Rumour coverage ("Joan Rivers' doctor reportedly took a selfie", "ISIS wants to sell Foley's body") disputes
whether something happened, and often nobody denies it in a form :mod:`.propositions` reads. What marks it is
that most documents carry the same statement near their top, and mostly as hearsay: passed on from unnamed
sources ("according to reports", "multiple sources told BuzzFeed", "reportedly") or framed as hearsay
("allegedly"). A statement the outlets make in their own voice is the event itself ("gunmen opened fire"), and
one a named speaker makes ("Yellen warns ...") is that speaker's statement: neither is a competing explanation.

The candidate statements are each document's first claims (``LEAD``); a statement is carried where a claim's
sentence embedding is close to it (``SIMILAR``). Of the statements at least half of the other documents carry,
the most carried one they mostly pass on as hearsay (``HEARSAY_SHARE``) is proposed (or, where two documents call
the story made up, in a cause such as "a hoax" or a short verdict of their own such as "PROBABLY FALSE", or carry it
negated, the most carried one however it is told), unless a hypothesis the case
already has explains the same claims (a denied report, an actor). Its label is its closest unhedged, unnegated
carrier. Its carriers report or assert it in their speaker's voice; the other documents are read by the stance model
(:mod:`.carried`). Where sources in two documents or more deny a report (:mod:`.propositions`), that proposition is
what the coverage disputes, and none is proposed here. The
thresholds were set on the real-news dev split.
"""

from __future__ import annotations

import re
from typing import Literal

import numpy as np

from .. import lexicons
from ..across.embed import embed
from ..document.words import FALSITY
from ..model import Claim
from .actors import Mention
from .cues import HEARSAY, Hit
from .propositions import is_proposition, negates

LEAD = 5  # claims per document that can state what it is about
SIMILAR = 0.6  # cosine of MiniLM sentence embeddings at which a claim carries the statement
SHARE = 0.5  # share of the other documents that must carry it
HEARSAY_SHARE = 0.6  # share of its carriers that must report it (hedged or attributed) rather than state it
MAX_DOCS = 200  # documents whose lead claims are compared (the first ones): the cost stays bounded
CUE = "carries the reported statement"
_QUOTED = re.compile(r"\s*[\"“‘']")
_MODAL_HEDGES = lexicons.terms("hedges", type="modal")  # "may", "might", "could": uncertainty, not hearsay
# Who passed the statement on, at its end, is not part of what is reported: ", according to reports", ", multiple
# sources told BuzzFeed in a report published Wednesday night" (the carriers keep their speakers).
_SAID_TAIL = re.compile(r",\s+(?:according to\b|(?:[\w'’-]+\s+){0,5}(?:said|say|says|told|reported|reports)\b)[^,]*$",
                        re.I)
# Causes that say the story was made up ("a hoax"): a document that proposes one denies what the story reports.
FABRICATION = frozenset(e["canonical"] for e in lexicons.entries("causes", "hypotheses", type="fabrication"))
_UNNAMED = re.compile(rf"\b(?:{lexicons.alternation('source_labels', 'hearsay')})\b", re.I)


def what_is_reported(text: str) -> str:
    """The statement without who passed it on at its end (", according to reports")."""
    return _SAID_TAIL.sub("", text).strip(" .,")


def is_hearsay(claim: Claim) -> bool:
    """A claim passed on rather than stated: from unnamed sources ("multiple sources told BuzzFeed", "according to
    reports"), from another outlet's report ("CNN reported"), or framed as uncertain hearsay ("reportedly",
    "allegedly", "is believed to", "apparently"). A named speaker's own statement ("Yellen warns ...") and a modal
    ("the Senate may vote") are not."""
    speaker = claim.speaker
    if speaker.kind != "outlet" and (_UNNAMED.search(speaker.name) or speaker.name == "unspecified"
                                     or re.match(r"report", speaker.cue or "", re.I)):
        return True
    return bool(HEARSAY.search(claim.text)) or any(h.cue.lower() not in _MODAL_HEDGES for h in claim.hedges)


# An outlet's own verdict on the story, a sentence or line of its own: a bare rating ("PROBABLY FALSE", a Snopes
# rating, fnc1:489; "Also, as it turns out, not even remotely true.", fnc1:697) or the story called false ("Fortunately,
# the entire story is fabricated.", fnc1:549); not a quotation, not a saying, not a falsity word in passing ("a fake
# bomb", "a wounded man lies on the ground").
_FALSE = rf"(?:{'|'.join(sorted(FALSITY))}|not\s+(?:\w+\s+){{0,2}}(?:true|real|accurate|correct))"
_OPENER = r"^\W*(?:[A-Za-z]+,\s+)?(?:(?:also|and|but|so|well),?\s+)?(?:(?:as\s+)?it\s+turns\s+out,?\s+)?"
_STORY = r"(?:it|this|that|the\s+(?:entire\s+|whole\s+)?(?:story|report|claim|rumou?r|photo|picture|image|tale|news))"
_VERDICT = re.compile(rf"{_OPENER}(?:(?:{_STORY})(?:['’]s|\s+(?:is|was|are|were))\s+(?:\w+\s+){{0,2}}?(?:an?\s+)?)?"
                      rf"(?:probably\s+|mostly\s+|completely\s+|totally\s+|entirely\s+|definitely\s+|simply\s+)?"
                      rf"{_FALSE}\W*$", re.I)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")


def verdicts(texts: dict[str, str]) -> set[str]:
    """The documents whose own voice calls the story false in a sentence or line of its own."""
    return {doc_id for doc_id, text in texts.items() if any(_VERDICT.match(m.group()) for m in _SENTENCE.finditer(text))}


def reported_hits(claims: list[Claim], hits: list[Hit], texts: dict[str, str]) -> list[Hit]:
    """Findings for the statement the case's documents report, if there is one (see the module docstring)."""
    # A denied report is the proposition the coverage disputes (propositions.py), when more than one document
    # tells of it; one document's aside ("In July, Gretzky's agent denied a report that his client is among a group
    # of investors", fnc1:1809, nhl-las-vegas-expansion-2014, dev) is not what the coverage is about.
    if len({h.claim.doc_id for h in hits if is_proposition(h.mention.actor)}) >= 2:
        return []
    by_doc: dict[str, list[Claim]] = {}
    for claim in sorted(claims, key=lambda c: c.start):
        # A quotation ("“According to the karma of past actions ...”", a tweet every document quotes) is what
        # someone wrote, not a statement about the world the coverage disputes.
        if claim.mood == "indicative" and len(claim.text.split()) >= 6 and not _QUOTED.match(claim.text):
            by_doc.setdefault(claim.doc_id, []).append(claim)
    docs = list(by_doc)[:MAX_DOCS]
    if len(docs) < 3:
        return []
    lead = [c for d in docs for c in by_doc[d][:LEAD]]
    vectors = embed([c.text for c in lead])
    sims = vectors @ vectors.T
    doc_of = np.array([c.doc_id for c in lead])
    candidates = []
    for i, claim in enumerate(lead):
        close = sims[i] >= SIMILAR
        others = len(set(doc_of[close]) - {claim.doc_id})
        if others >= max(2, SHARE * (len(docs) - 1)):
            candidates.append(((others, float(sims[i][close].sum())), i))
    explained = {h.claim.id for h in hits}
    hoax = [h for h in hits if h.mention.actor in FABRICATION and h.polarity == "supports"]
    hoax_claims = {h.claim.id for h in hoax}
    hoaxed = {h.claim.doc_id for h in hoax} | verdicts(texts)
    # Two documents calling the story made up put in question what the others state in their own voice ("Florida
    # woman gets third breast" against Snopes' "the facts decisively pointed to a hoax", three-breast-hoax-2014,
    # dev); one critic's "a cruel hoax" (of a report's advice, BASIL 2013 68748e7f) does not.
    disputed = len(hoaxed) >= 2
    # The most carried statement may be the undisputed event ("three soldiers went missing"); the most carried one
    # passed on as hearsay ("... were apprehended while trying to cross the border") is what is in question.
    for _, i in sorted(candidates, reverse=True):
        close = np.flatnonzero(sims[i] >= SIMILAR)
        carriers = [lead[j] for j in close]
        # So do two documents that carry it negated ("... adopted the young man as her godson — but not to keep him
        # from turning into a werewolf", argentina-werewolf-godson-2014, dev): what is told straight is contested.
        negated_in = {c.doc_id for c in carriers if negates(c)}
        if not (disputed or len(negated_in) >= 2) and sum(map(is_hearsay, carriers)) < HEARSAY_SHARE * len(carriers):
            continue  # stated, or said by those who know (an official's own statement): not a rumour
        if sum(c.id in hoax_claims for c in carriers) * 3 >= len(carriers):
            continue  # what calls the story made up ("a parody site posted a story ...") is not the story
        if sum(c.id in explained for c in carriers) * 3 >= len(carriers):
            return []  # an explanation the case already has (a denied report, an actor) covers these claims
        # The label is what is reported, not its denial ("the NHL has no plans to expand") nor a hedged telling
        # ("The NHL may be set to expand"): the carrier closest to the statement that does not negate it, an
        # unhedged one first.
        told = [j for j in sorted(close, key=lambda j: (bool(lead[j].hedges), -sims[i][j])) if not negates(lead[j])]
        if told:
            statement = lead[told[0]]
            break
    else:
        return []
    label = f"“{what_is_reported(statement.text)}”"
    # A carrier that negates the statement denies it ("the NHL has no plans to expand to other cities"); so does
    # one in a document that calls the story a hoax (hefner-death-hoax-2014, dev: "A bogus website ... published
    # a story with the headline: Breaking: Playboy Tycoon Hugh Hefner Passes Away").
    return [Hit(c, Mention(0, len(c.text), label, c.text), CUE, "reported",
                "rejects" if negates(c) or c.doc_id in hoaxed else "supports", *_voice(c)) for c in carriers]


def _voice(claim: Claim) -> tuple[str, Literal["outlet", "quoted", "reported"]]:
    """Who says a carrier: its speaker, but an outlet that passes the statement on as hearsay ("An unconfirmed
    explosion at a Saudi Arabian oil pipeline ...") reports it, as the claims stage reads "reportedly"."""
    if claim.speaker.kind == "outlet" and is_hearsay(claim):
        return "unnamed reports", "reported"
    return claim.speaker.name, claim.speaker.kind
