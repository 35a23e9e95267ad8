"""Documents that tell a denied proposition in words the patterns do not read, found by the stance model.

A proposition hypothesis ("“Gwen Korovin took a selfie in the operating room”", see :mod:`.propositions`) is
the kind of statement FNC-1's stance task was built on: does this article discuss, agree with or deny the
headline? :mod:`.propositions` finds the claims that carry it by shared content words, which misses a
paraphrase ("Joan Rivers' personal doctor allegedly snapped a selfie"). For a document where no claim
names the proposition, the document-stance model (:mod:`counterclaim.nli.stance`, trained on FNC-1 without
the stories of the project's real-news gold) reads the whole text. When it finds the document related
(agree or discuss), the document *reports* the proposition, with the sentences the model rests on as
evidence, marked as the model's reading. Its agree and disagree are too weak to trust alone (FNC-1 per-class
F1 about 0.5 and 0.3), so the model never makes a document assert or deny. It reads at most ``MAX_DOCS``
documents per proposition (the first ones), so a case of thousands stays within minutes.
"""

from __future__ import annotations

from ..model import Claim, Document
from .records import StanceEvidence

CUE = "stance model"
MAX_DOCS = 200  # documents the model reads per proposition (~0.1 s each on 2 cores); beyond, the rules' reading stays


def carried_by_model(proposition: str, docs: list[Document],
                     claims: list[Claim]) -> dict[str, tuple[float, list[StanceEvidence]]]:
    """doc id -> (the model's probability, evidence) for each document of ``docs`` the model reads as telling
    ``proposition`` (the statement, without its quotation marks), when a claim holds what it rests on."""
    docs = docs[:MAX_DOCS]
    if not docs:
        return {}
    from ..nli.stance import stance_many  # loads the sentence encoder: only when a proposition needs it

    by_doc: dict[str, list[Claim]] = {}
    for claim in claims:
        by_doc.setdefault(claim.doc_id, []).append(claim)
    out: dict[str, tuple[float, list[StanceEvidence]]] = {}
    for doc, read in zip(docs, stance_many([(proposition, doc.text) for doc in docs])):
        if read.stance not in ("asserts", "reports"):
            continue
        items = []
        for start, end in read.evidence:
            claim = max((c for c in by_doc.get(doc.id, []) if c.start < end and start < c.end),
                        key=lambda c: min(c.end, end) - max(c.start, start), default=None)
            if claim is not None and all(i.claim_id != claim.id for i in items):
                items.append(_item(claim, doc.text, proposition, read.confidence))
        if items:
            out[doc.id] = (read.confidence, items)
    return out


def _item(claim: Claim, text: str, proposition: str, probability: float) -> StanceEvidence:
    return StanceEvidence(
        claim_id=claim.id, doc_id=claim.doc_id, start=claim.start, end=claim.end, quote=text[claim.start:claim.end],
        stance="reports", polarity="supports", speaker=claim.speaker.name, speaker_kind=claim.speaker.kind,
        actor=f"“{proposition}”", alias="", alias_start=claim.start, alias_end=claim.start, cue=CUE, cue_kind="model",
        reason=f"the stance model reads the document as telling the proposition (probability {probability:.2f}); "
               "this is one of the sentences it rests on → reports")
