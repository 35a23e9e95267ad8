"""The ``techniques`` document stage: persuasion-technique spans linked to the claims they touch."""

from __future__ import annotations

from ..model import Claim, Technique
from ..pipeline import DocContext, registry
from .model import Finding, default_model
from .rules import RULES_VERSION


def _one_per_span(findings: list[Finding]) -> list[Finding]:
    """The most confident technique of each exact span (annotation ids are offset-based)."""
    best: dict[tuple[int, int], Finding] = {}
    for f in findings:
        if (f.start, f.end) not in best or f.confidence > best[(f.start, f.end)].confidence:
            best[(f.start, f.end)] = f
    return sorted(best.values(), key=lambda f: (f.start, f.end))


@registry.document_stage("techniques", version="3", needs=("parse", "claim"), adds=("technique",))
def techniques(ctx: DocContext) -> list[Technique]:
    """Technique suggestions outside datelines and notes; each lists the claims it overlaps."""
    model = default_model()
    claims = ctx.get(Claim)
    out = []
    for f in _one_per_span(model.detect(ctx.doc)):
        if ctx.document.is_metadata(f.start, f.end):
            continue
        out.append(Technique(
            id=ctx.make_id("t", f.start, f.end), doc_id=ctx.document.id, start=f.start, end=f.end,
            component=f"techniques.{f.source}", version=model.version if f.source == "model" else RULES_VERSION,
            confidence=round(f.confidence, 4), technique=f.technique, text=ctx.text[f.start:f.end],
            claim_ids=[c.id for c in claims if c.start < f.end and f.start < c.end],
        ))
    return out
