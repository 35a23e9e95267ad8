"""Consistency warnings: a document checked against its own publication date, and against the case.

An article cannot report as past an event dated after it was published; when it does, the
stated publication date (or the date reading) is wrong. Only dates whose year the text
states count: a year taken from the publication date cannot contradict it. A publication
date whose year was itself inferred (a dateline without a year) is flagged too. Some
anachronisms only show across sources: a document that reports an event other sources
date after its publication (see :func:`cross_consistency`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from .dates import is_past
from ..model import CaseRecord, Claim, DateMention, Document, MetaSpan, Warning, register_case_record
from ..pipeline import DocContext, registry

if TYPE_CHECKING:  # pragma: no cover
    from ..across.records import ClaimCluster
    from ..case import Case

VERSION = "1"


def _publication_meta(document: Document) -> MetaSpan | None:
    """The dateline or editorial note the publication date was read from, if any."""
    return next((m for m in document.meta_spans if m.kind != "title" and m.date == document.published), None)


def _warning(ctx: DocContext, start: int, end: int, code: str, message: str, severity: str,
             related: list[str]) -> Warning:
    return Warning(id=ctx.make_id("w", start, end), doc_id=ctx.document.id, start=start, end=end,
                   component="counterclaim.consistency", version=VERSION, code=code, message=message,
                   severity=severity, related_ids=related)  # type: ignore[arg-type]


def _from_publication(m: DateMention) -> bool:
    """Dated by the publication date itself ('March 25' taking its year, 'two weeks ago'): it cannot contradict it.
    Offsets from another date in the text ('two days after the March 22, 2024 attack') can."""
    return m.year_inferred or (m.relative and m.anchor_date is None)


def anachronisms(ctx: DocContext) -> list[Warning]:
    """Dates after publication in past-tense clauses ('published January 18' yet 'was killed on March 22, 2024')."""
    published = ctx.document.published
    if published is None:
        return []
    mentions = ctx.get(DateMention)
    stated = [m for m in mentions if m.role in ("publication", "dateline") and m.value == published]
    meta = _publication_meta(ctx.document)
    where = f" at {meta.start}-{meta.end}" if meta else ""
    out = []
    for m in mentions:
        if m.role != "event" or m.value is None or m.value <= published or _from_publication(m):
            continue
        span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or not is_past(span):
            continue
        message = (f"Publication date {published} ({ctx.document.published_source or 'unknown source'}{where}) "
                   f"precedes {m.value} ({m.text!r} at {m.start}-{m.end}), which the text reports as past")
        out.append(_warning(ctx, m.start, m.end, "publication_date_anachronism", message, "warning",
                            [m.id] + [s.id for s in stated]))
    return out


def inferred_year(ctx: DocContext) -> list[Warning]:
    """The publication date's year was not in the text (e.g. 'March 27—' with the year from the file name)."""
    meta = _publication_meta(ctx.document)
    if meta is None or not meta.year_inferred:
        return []
    related = [m.id for m in ctx.get(DateMention) if meta.start <= m.start and m.end <= meta.end]
    message = (f"Publication date {ctx.document.published} takes its year from outside the text "
               f"({ctx.document.published_source or 'inferred'}); {meta.text!r} states no year")
    return [_warning(ctx, meta.start, meta.end, "publication_year_inferred", message, "info", related)]


@registry.document_stage("consistency", version=VERSION)
def consistency(ctx: DocContext) -> list[Warning]:
    """Every internal-consistency warning for one document."""
    return anachronisms(ctx) + inferred_year(ctx)


# --------------------------------------------------------------------------- across documents


@register_case_record
class CrossDocumentWarning(CaseRecord):
    """A consistency warning that needs other documents to see (a wrapper around :class:`Warning`)."""

    layer: ClassVar[str] = "cross_warning"

    warning: Warning


def _dated_by(event_dates: dict[str, list[DateMention]], cluster: "ClaimCluster", doc_id: str) -> DateMention | None:
    """The mention in another member document that gives the cluster its event date."""
    for other in cluster.doc_ids:
        if other != doc_id:
            for m in event_dates.get(other, []):
                if m.value == cluster.event_date:
                    return m
    return None


@registry.case_stage("cross_consistency", version=VERSION, layers=(CrossDocumentWarning.layer,))
def cross_consistency(case: "Case") -> list[CrossDocumentWarning]:
    """Documents that report, as having happened, an event other sources date after their publication date.

    The OAKKE article's note says 18 January 2024, yet it reports the massacre that ICWP
    dates 22 March: the claims align on one event, so the stated date cannot be right.
    """
    from ..across.alignment import Alignment

    documents = {d.id: d for d in case.documents()}
    claims = {c.id: c for c in case.claims()}
    event_dates: dict[str, list[DateMention]] = {}
    for m in case.annotations("date"):
        if isinstance(m, DateMention) and m.role == "event" and m.value is not None:
            event_dates.setdefault(m.doc_id, []).append(m)
    found: dict[tuple[str, object], tuple[list[Claim], DateMention]] = {}
    for cluster in Alignment(case).clusters():
        if cluster.event_date is None:
            continue
        for claim_id in cluster.claim_ids:
            claim = claims.get(claim_id)
            document = documents.get(claim.doc_id) if claim else None
            if claim is None or document is None or document.published is None:
                continue
            if document.published >= cluster.event_date or claim.kind == "prediction":
                continue
            source = _dated_by(event_dates, cluster, document.id)
            if source is not None:
                found.setdefault((document.id, cluster.event_date), ([], source))[0].append(claim)
    out = []
    for (doc_id, event_date), (reported, source) in sorted(found.items(), key=lambda kv: (kv[0][0], str(kv[0][1]))):
        document = documents[doc_id]
        first = min(reported, key=lambda c: c.start)
        quotes = "; ".join(f"{c.text[:80]!r} at {c.start}-{c.end}" for c in sorted(reported, key=lambda c: c.start)[:3])
        message = (f"Publication date {document.published} ({document.published_source or 'unknown source'}) precedes "
                   f"the event this document reports as having happened, which {source.doc_id} dates {event_date} "
                   f"({source.text!r} at {source.start}-{source.end}): {quotes}")
        warning = Warning(id=f"{doc_id}/w{first.start}-{first.end}", doc_id=doc_id, start=first.start, end=first.end,
                          component="counterclaim.consistency.cross", version=VERSION,
                          code="publication_date_anachronism", message=message, severity="warning",
                          related_ids=[c.id for c in reported] + [source.id])
        out.append(CrossDocumentWarning(id=warning.id, component=warning.component, version=VERSION, warning=warning))
    return out
