"""The case model: immutable source documents and stand-off annotations.

Every record that crosses a stage boundary is a frozen pydantic model. A
document's text is stored exactly as ingested and never changes; everything
the pipeline finds is an annotation pointing into it with ``start``/``end``
character offsets, the producing ``component`` and its ``version``, and a
``confidence`` where the finding is a judgement. Analyst corrections are
separate records (see :mod:`counterclaim.store`), never edits of these.

Each annotation class declares its ``layer`` name; the store keeps all layers
in one table, so a new stage adds a new class here and needs no migration.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field


class Record(BaseModel):
    """Base of every stored record: frozen, strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


# --------------------------------------------------------------------------- documents


class MetaSpan(Record):
    """Part of the text that is metadata, not content: a title, a dateline
    ("MOSCOW, March 23 (Reuters) -", "June 4—"), an editorial note
    ("The following article was published on May 2, 2023 ...") or a date line
    ("Published: Feb 10, 2023 08:07 PM", "Stand: 26.09.2023", an ISO timestamp) or a line of links to
    other stories ("Related", "See also"). Claims and figures are never extracted from any but the title."""

    kind: Literal["title", "dateline", "note", "date", "related"]
    start: int
    end: int
    text: str
    place: str | None = None
    date: dt.date | None = None
    year_inferred: bool = False
    wire: str | None = Field(None, description="news agency named in the dateline (Reuters, AP, TASS)")


class Document(Record):
    """One ingested article. ``text`` is immutable; offsets everywhere index into it."""

    id: str
    source: str = Field(description="path, URL or '-' for stdin")
    outlet: str | None = None
    title: str | None = None
    author: str | None = None
    url: str | None = None
    published: dt.date | None = None
    published_at: dt.datetime | None = Field(
        None, description="the publication time of day (UTC), where the given metadata has one: orders one "
                          "source's same-day figures")
    published_source: str | None = Field(
        None, description="where the publication date came from (metadata, dateline, note, file name, given)"
    )
    published_ambiguous: bool = Field(
        False, description="day and month order of the publication date not decided by any evidence")
    retrieved: dt.date | None = Field(None, description="when the page was retrieved (anchors '3 hours ago')")
    language: str = "en"
    text: str
    sha256: str
    meta_spans: list[MetaSpan] = Field(default_factory=list)
    ingested_at: dt.datetime | None = None

    def is_metadata(self, start: int, end: int) -> bool:
        """True when a span lies inside a dateline or editorial note."""
        return any(m.kind != "title" and m.start <= start and end <= m.end for m in self.meta_spans)


# --------------------------------------------------------------------------- annotations


class Annotation(Record):
    """A typed stand-off span over one document's text."""

    layer: ClassVar[str] = "annotation"

    id: str
    doc_id: str
    start: int
    end: int
    component: str
    version: str
    confidence: float | None = None


class Sentence(Annotation):
    layer: ClassVar[str] = "sentence"


class Entity(Annotation):
    layer: ClassVar[str] = "entity"

    label: str
    text: str
    key: str = Field(description="normalised key for alias merging (lower-cased, de-articled)")


class Quantity(Annotation):
    """A number normalised to a value or interval, with what it counts."""

    layer: ClassVar[str] = "quantity"

    text: str
    value: float | None = Field(None, description="point value when one is stated")
    low: float | None = None
    high: float | None = None
    qualifier: Literal["exact", "about", "at least", "more than", "at most", "less than", "up to", "range", "vague"] = "exact"
    unit: str | None = Field(None, description="currency code, 'people', 'minutes', ...")
    measure: str | None = Field(None, description="what is counted: killed, injured, attending, paid, ...")
    measure_start: int | None = None
    measure_end: int | None = None
    per: str | None = Field(None, description="distributive reading ('$5000 each')")
    scope: Literal["incident", "cumulative", "other-event", "background"] = Field(
        "incident", description="what the count covers: the reported incident, a longer period ('since the war "
                                "began', 'this year'), another event, or background (no cue says which, but the scope "
                                "model reads it as not the incident's); only incident figures enter series and conflicts")
    scope_cue: str | None = Field(None, description="the words that set a scope other than 'incident' (for "
                                                    "'background', the model's probability and what weighed most)")
    scope_confidence: float | None = Field(None, description="the scope model's probability that a count of people "
                                                             "the cues leave the incident's is the incident's")
    projection: bool = Field(False, description="where a count may go ('could reach 1,000', 'feared to exceed "
                                                "500'), not a count; never in the incident's series")
    part: bool = Field(False, description="a part of a count told beside it ('seven of the deaths', 'including nine "
                                          "children'): never set against a whole")

    @property
    def counts_incident(self) -> bool:
        """A count of the case's incident: the only figures that enter its series, alignment and conflicts."""
        return self.scope == "incident" and not self.projection

    @property
    def series(self) -> str | None:
        """The series a figure is shown in: its measure, with the scope when it is not the incident's."""
        if not self.measure:
            return None
        if self.projection:
            return f"{self.measure} (projection)"
        return self.measure if self.scope == "incident" else f"{self.measure} ({self.scope})"


def by_series(quantities: Iterable[Quantity]) -> dict[str, list[Quantity]]:
    """Figures with a measure by the series they are shown in, most figures first (the report's figures
    section, ``figures`` and ``summary`` all count these)."""
    grouped: dict[str, list[Quantity]] = {}
    for q in quantities:
        if q.series:
            grouped.setdefault(q.series, []).append(q)
    return dict(sorted(grouped.items(), key=lambda kv: (-len(kv[1]), kv[0])))


class DateMention(Annotation):
    """A date expression resolved to a calendar date with its precision."""

    layer: ClassVar[str] = "date"

    text: str
    value: dt.date | None = Field(None, description="resolved date (first day of the period for month/year)")
    precision: Literal["day", "month", "year", "decade"] | None = None
    year_inferred: bool = False
    relative: bool = False
    anchor: str | None = Field(None, description="what a relative date was resolved against")
    anchor_date: dt.date | None = Field(None, description="the anchor's date, when it was derived ('five days after X')")
    period_end: dt.date | None = Field(None, description="last day of a period ('in the last fifteen years')")
    role: Literal["event", "publication", "dateline", "other"] = "event"


class Hedge(Record):
    cue: str
    start: int
    end: int


class Speaker(Record):
    """Who says a claim: the outlet itself, or a quoted/reported party."""

    kind: Literal["outlet", "quoted", "reported"]
    name: str
    start: int | None = None
    end: int | None = None
    cue: str | None = Field(None, description="the reporting verb or phrase: said, according to, claims")


class Slots(Record):
    """Structural slots used for cross-source comparison."""

    agent: str | None = None
    predicate: str | None = None
    patient: str | None = None
    place: str | None = None


ClaimKind = Literal["event", "quantity", "attribution", "quote", "evaluation", "prediction", "call_to_action"]
Stance = Literal["asserts", "reports", "denies"]


class Claim(Annotation):
    """A clause-level assertion."""

    layer: ClassVar[str] = "claim"

    text: str
    sentence_id: str | None = None
    speaker: Speaker
    stance: Stance
    negated: bool = False
    mood: Literal["indicative", "conditional", "question"] = Field(
        "indicative", description="conditional ('if ...', 'unless ...') or question (direct, or 'whether ...'): "
                                  "neither asserted nor denied; read off the parse")
    mood_cue: str | None = Field(None, description="the word or mark that sets the mood")
    hedges: list[Hedge] = Field(default_factory=list)
    kind: ClaimKind = "event"
    checkworthiness: float | None = None
    slots: Slots = Field(default_factory=Slots)
    entity_ids: list[str] = Field(default_factory=list)
    quantity_ids: list[str] = Field(default_factory=list)
    date_ids: list[str] = Field(default_factory=list)


class Warning(Annotation):  # noqa: A001 - the domain word; never shadows builtins at use sites
    """Something an analyst should look at (e.g. an anachronistic publication date)."""

    layer: ClassVar[str] = "warning"

    code: str
    message: str
    severity: Literal["info", "warning", "error"] = "warning"
    related_ids: list[str] = Field(default_factory=list)


class Technique(Annotation):
    """A persuasion-technique suggestion (PTC taxonomy)."""

    layer: ClassVar[str] = "technique"

    technique: str
    text: str
    claim_ids: list[str] = Field(default_factory=list)


ANNOTATION_TYPES: dict[str, type[Annotation]] = {
    cls.layer: cls for cls in (Sentence, Entity, Quantity, DateMention, Claim, Warning, Technique)
}


def register_annotation(cls: type[Annotation]) -> type[Annotation]:
    """Make a new annotation layer known to the store (decorator)."""
    ANNOTATION_TYPES[cls.layer] = cls
    return cls


# --------------------------------------------------------------------------- case-level records


class CaseRecord(Record):
    """A derived record spanning documents (alignment, hypotheses, ACH, ...)."""

    layer: ClassVar[str] = "case"

    id: str
    component: str
    version: str


CASE_RECORD_TYPES: dict[str, type[CaseRecord]] = {}


def register_case_record(cls: type[CaseRecord]) -> type[CaseRecord]:
    """Make a case-level record type known to the store (decorator)."""
    CASE_RECORD_TYPES[cls.layer] = cls
    return cls


# --------------------------------------------------------------------------- analyst state


class Edit(Record):
    """One audited analyst action; ``old``/``new`` make it undoable."""

    id: int
    ts: dt.datetime
    user: str
    action: str
    target: str
    old: Any = None
    new: Any = None
    note: str | None = None
    undone: bool = False


def dump(record: Record) -> dict[str, Any]:
    """JSON-ready dict of a record (dates as ISO strings)."""
    return record.model_dump(mode="json")
