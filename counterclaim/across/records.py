"""Case-level records of the ``align`` stage: clusters, relations, origin groups.

Every record names the claim ids it rests on; a claim id carries its document
id and character offsets, so any finding can be traced back to the text.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Literal

from pydantic import Field

from ..model import CaseRecord, Record, Stance, register_case_record

COMPONENT = "align"
VERSION = "30"

RelationType = Literal["agree", "compatible", "revision", "rival", "contradict", "unrelated"]
# The relation types the views list, in the order they list them ("unrelated" pairs are not findings).
SHOWN_RELATIONS: tuple[RelationType, ...] = ("contradict", "rival", "revision", "compatible", "agree")
ContradictionKind = Literal["numeric", "temporal", "agent", "negation", "antonymy"]
CellStance = Literal["asserts", "reports", "denies", "silent"]


class SourceStance(Record):
    """One source's position on a cluster's proposition (a cell of the stance matrix)."""

    doc_id: str
    stance: CellStance
    answers: list[str] = Field(default_factory=list, description="what the source says: an actor, a figure, '¬Ukraine'")
    claim_ids: list[str] = Field(default_factory=list)
    quote: str | None = Field(None, description="the first supporting claim's text")


class AnswerGroup(Record):
    """Claims of one cluster that give the same answer; members agree with the representative."""

    answer: str = Field(description="a figure ('137 killed'), an actor, '¬Ukraine', or the representative's text")
    representative: str = Field(description="claim id of the earliest-published member; cross-group relations use it")
    claim_ids: list[str]
    doc_ids: list[str]
    as_of: dt.date | None = Field(None, description="when a figure held (publication date for other answers)")


@register_case_record
class ClaimCluster(CaseRecord):
    """Claims from different documents about the same proposition of the same event."""

    layer: ClassVar[str] = "claim_cluster"

    label: str = Field(description="readable question, e.g. 'killed — attack 2024-03-22 (Russia)'")
    key: str = Field(description="event/measure key: topic@date@place")
    topic: str = Field(description="a measure ('killed') or a frame ('responsible', 'warned', 'statement')")
    event_date: dt.date | None = None
    places: list[str] = Field(default_factory=list)
    claim_ids: list[str]
    doc_ids: list[str]
    stances: list[SourceStance] = Field(
        default_factory=list, description="non-silent cells of the stance matrix; every other document is silent"
    )
    answers: list[AnswerGroup] = Field(default_factory=list, description="claims grouped by the answer they give, "
                                       "in as-of order; relations are computed between their representatives")
    origin_ids: list[str] = Field(default_factory=list, description="origin groups of the member documents")
    independent_sources: int = Field(description="distinct origins (copies of one wire story count once)")


@register_case_record
class ClaimRelation(CaseRecord):
    """How two claims of one cluster, from different documents, relate.

    Either a member and its answer group's representative (``agree``), or the
    representatives of two answer groups (the reason names the group sizes).
    """

    layer: ClassVar[str] = "claim_relation"

    cluster_id: str
    claim_a: str
    claim_b: str
    doc_a: str
    doc_b: str
    type: RelationType
    subtype: ContradictionKind | None = Field(None, description="set when type is 'contradict'")
    reason: str
    confidence: float = Field(description="for contradictions: the precision measured on the real-news dev split "
                                          "for verdicts of this kind (counterclaim/data/conflicts/calibration.json)")
    raw_confidence: float | None = Field(None, description="the structural verdict's own score, before calibration")
    quote_a: str
    quote_b: str
    stance_a: Stance
    stance_b: Stance
    authority: str | None = Field(None, description="for a revision: the speaker or outlet whose own figure "
                                  "series it is (names read as one authority as the reason says)")


@register_case_record
class OriginGroup(CaseRecord):
    """Documents that share one origin: copies of one text (a wire story run by several outlets)."""

    layer: ClassVar[str] = "origin_group"

    doc_ids: list[str]
    wire: str | None = Field(None, description="the news agency the group goes back to, when named")
    evidence: list[str] = Field(default_factory=list, description="why these documents were grouped")


LAYERS = (ClaimCluster.layer, ClaimRelation.layer, OriginGroup.layer)
