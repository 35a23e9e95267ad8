"""Consistency warnings: a document checked against its own publication date, and against the case.

An article cannot report as past an event dated after it was published; when it does, the
stated publication date (or the date reading) is wrong. Only dates whose year the text
states count: a year taken from the publication date cannot contradict it. A publication
date whose year was itself inferred (a dateline without a year) is flagged too. Some
anachronisms only show across sources: see :mod:`counterclaim.across.consistency`.
"""

from __future__ import annotations

from ..model import DateMention, Document, MetaSpan, Warning
from ..pipeline import DocContext, registry
from .dates import is_past

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
    """The publication date's year was not in the text (e.g. 'June 4—' with the year from the file name)."""
    meta = _publication_meta(ctx.document)
    if meta is None or not meta.year_inferred:
        return []
    related = [m.id for m in ctx.get(DateMention) if meta.start <= m.start and m.end <= meta.end]
    message = (f"Publication date {ctx.document.published} takes its year from outside the text "
               f"({ctx.document.published_source or 'inferred'}); {meta.text!r} states no year")
    return [_warning(ctx, meta.start, meta.end, "publication_year_inferred", message, "info", related)]


@registry.document_stage("consistency", version=VERSION, needs=("parse", "date"), adds=("warning",))
def consistency(ctx: DocContext) -> list[Warning]:
    """Every internal-consistency warning for one document."""
    return anachronisms(ctx) + inferred_year(ctx)
