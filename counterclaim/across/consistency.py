"""Consistency across documents: anachronisms that only other sources reveal.

A document that reports, as having happened, an event other sources date after its publication
date has a wrong publication date (or a wrong date reading). The per-document checks are in
:mod:`counterclaim.document.consistency`.
"""

from __future__ import annotations

from typing import ClassVar

from ..model import CaseRecord, Claim, DateMention, Warning, register_case_record
from ..pipeline import CaseInputs, StageResult, registry
from .records import ClaimCluster

VERSION = "2"



@register_case_record
class CrossDocumentWarning(CaseRecord):
    """A consistency warning that needs other documents to see (a wrapper around :class:`Warning`)."""

    layer: ClassVar[str] = "cross_warning"

    warning: Warning


def _dated_by(event_dates: dict[str, list[DateMention]], cluster: ClaimCluster, doc_id: str) -> DateMention | None:
    """The mention in another member document that gives the cluster its event date."""
    for other in cluster.doc_ids:
        if other != doc_id:
            for m in event_dates.get(other, []):
                if m.value == cluster.event_date:
                    return m
    return None


@registry.case_stage("cross_consistency", version=VERSION, needs=("claim", "date", ClaimCluster.layer),
                     adds=(CrossDocumentWarning.layer,))
def cross_consistency(inputs: CaseInputs) -> StageResult:
    """Documents that report, as having happened, an event other sources date after their publication date.

    An editorial note dated 18 January cannot report as past an attack that another source
    dates 22 March: the claims align on one event, so the stated date cannot be right.
    """
    documents = {d.id: d for d in inputs.documents}
    claims = {c.id: c for c in inputs.get(Claim)}
    event_dates: dict[str, list[DateMention]] = {}
    for m in inputs.get(DateMention):
        if m.role == "event" and m.value is not None:
            event_dates.setdefault(m.doc_id, []).append(m)
    found: dict[tuple[str, object], tuple[list[Claim], DateMention]] = {}
    for cluster in inputs.get_records(ClaimCluster):
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
        # One warning per (document, event date): the id names both, so two event dates first reported by
        # one claim never share an id (and the id survives re-runs).
        warning = Warning(id=f"{doc_id}/xw{first.start}-{first.end}-{event_date}", doc_id=doc_id, start=first.start, end=first.end,
                          component="counterclaim.consistency.cross", version=VERSION,
                          code="publication_date_anachronism", message=message, severity="warning",
                          related_ids=[c.id for c in reported] + [source.id])
        out.append(CrossDocumentWarning(id=warning.id, component=warning.component, version=VERSION, warning=warning))
    return StageResult(out)
