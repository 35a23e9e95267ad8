"""The records the hypotheses stage writes: hypotheses, each document's stance, and the evidence for it."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from ..model import CaseRecord, Record, register_case_record

DocStance = Literal["asserts", "reports", "denies", "absent"]
ItemStance = Literal["asserts", "reports", "denies", "disputes"]
Polarity = Literal["supports", "rejects", "disputes"]


class StanceEvidence(Record):
    """One claim that bears on a hypothesis, and why."""

    claim_id: str
    doc_id: str
    start: int
    end: int
    quote: str = Field(description="document text[start:end] (the claim)")
    stance: ItemStance
    polarity: Polarity
    speaker: str = Field(description="who says it: the outlet, or the quoted/reported party")
    speaker_kind: Literal["outlet", "quoted", "reported"]
    actor: str = Field(description="canonical actor named (GUR, CIA, Russian state, ...)")
    alias: str = Field(description="the name as written")
    alias_start: int
    alias_end: int
    cue: str = Field(description="the responsibility phrase that matched")
    cue_kind: str
    exclusive: bool = Field(False, description="'no one else', 'the only ... is': every other hypothesis is excluded")
    disputed: bool = Field(False, description="framed with doubt (supposedly, narrative, so-called)")
    hedged: bool = False
    reason: str
    bears: bool = Field(True, description="counts for the stance and the ACH: false for a conditional, a question "
                                          "or a claim about another event")
    excluded: str | None = Field(None, description="why it does not bear on the hypothesis, when it does not")


@register_case_record
class Hypothesis(CaseRecord):
    """A candidate answer to "who is responsible"."""

    layer: ClassVar[str] = "hypothesis"

    label: str
    statement: str
    actors: list[str] = Field(description="canonical actors this hypothesis stands for")
    aliases: list[str] = Field(default_factory=list, description="names that count as this hypothesis")
    seen: list[str] = Field(default_factory=list, description="names actually found in the case")
    origin: Literal["discovered", "analyst"] = "discovered"
    status: Literal["active", "merged", "dropped"] = "active"
    merged_into: str | None = None
    false_flag: bool = Field(False, description="the actor is the state where the attack took place")
    evidence_count: int = Field(0, description="claims bearing on it")
    claim_ids: list[str] = Field(default_factory=list, description="where it came from: the claims bearing on it")
    doc_ids: list[str] = Field(default_factory=list, description="the documents of those claims")
    split_from: str | None = Field(None, description="the hypothesis the analyst split it out of")
    rev: int = Field(0, description="revision of the analyst item for this hypothesis (0: none)")


@register_case_record
class DocumentStance(CaseRecord):
    """One document's position on one hypothesis, with the quotes it rests on."""

    layer: ClassVar[str] = "hypothesis_stance"

    doc_id: str
    hypothesis_id: str
    stance: DocStance
    disputed: bool = Field(False, description="the outlet reports the hypothesis but casts doubt on it")
    mixed: bool = Field(False, description="the outlet's own voice both asserts and denies it")
    reason: str
    read_by: Literal["rules", "stance model", "mentions"] = Field(
        "rules", description="the attribution patterns; the stance model for a proposition told in other words; or "
                             "(mentions) the first claim naming it, where no pattern reads the document")
    confidence: float | None = Field(None, description="precision of this stance label on the real-news dev split")
    confidence_basis: str | None = Field(None, description="how the confidence was measured")
    evidence: list[StanceEvidence] = Field(default_factory=list)


LAYERS = (Hypothesis.layer, DocumentStance.layer)
