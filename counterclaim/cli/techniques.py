"""``counterclaim techniques``: persuasion-technique findings and per-source profiles."""

from __future__ import annotations

import click

from ..techniques.profile import findings, profile
from ..techniques.shown import basis
from ..techniques.taxonomy import short_name
from .base import case_option, emit, fits, format_option, main, open_case, out, safe


@main.group("techniques", invoke_without_command=True)
@case_option
@click.option("--doc", "doc_id", help="Only this document.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=None,
              help="List findings at or above this confidence instead of those shown by default (per technique, "
                   "from the confidence where judged suggestions on real news were right >= 80% of the time; "
                   "docs/techniques.md). 0 lists all.")
@format_option("table", "json", "csv")
@click.pass_context
def techniques(ctx: click.Context, case_path: str, doc_id: str | None, min_confidence: float | None, fmt: str) -> None:
    """Persuasion-technique suggestions (PTC taxonomy) with calibrated confidence.

    Confidence estimates how often a finding overlaps a human-annotated span of that technique
    (measured on held-out PTC articles); see docs/techniques.md for the model's limits.
    """
    ctx.obj = {"case_path": case_path, "doc_id": doc_id, "min_confidence": min_confidence, "fmt": fmt}
    if ctx.invoked_subcommand is not None:
        return
    with open_case(case_path) as case:
        items = findings(case, doc_id, min_confidence)
    rows = [{"id": t.id, "doc": t.doc_id, "offsets": f"{t.start}-{t.end}",
             "technique": short_name(t.technique) if fmt == "table" else t.technique,
             "confidence": round(t.confidence or 0.0, 2), "claims": t.claim_ids, "component": t.component,
             "text": t.text} for t in items]
    emit(rows, ["doc", "offsets", "technique", "confidence", "claims", "text"] if fmt == "table" else
         ["id", "doc", "offsets", "technique", "confidence", "claims", "component", "text"], fmt,
         title=f"{len(rows)} technique findings ("
               + (f"confidence >= {min_confidence:g})" if min_confidence is not None else f"{basis()})"),
         json_data=[t.model_dump(mode="json") for t in items])


@techniques.command("profile")
@click.pass_obj
def profile_command(opts: dict) -> None:
    """Technique counts and density per 1,000 words, sources side by side, with examples."""
    with open_case(opts["case_path"]) as case:
        profiles = profile(case, opts["min_confidence"])
    fmt = opts["fmt"]
    if fmt == "json":
        emit([], [], fmt, json_data=[p.as_dict() for p in profiles])
        return
    if fmt == "csv":  # long format: one row per source and technique
        emit([{"source": p.source, "technique": t, "count": c, "per_1000_words": round(p.density(t), 2),
               "words": p.words} for p in profiles for t, c in p.counts.most_common()],
             ["source", "technique", "count", "per_1000_words", "words"], fmt)
        return
    names = sorted({t for p in profiles for t in p.counts}, key=lambda t: -sum(p.counts[t] for p in profiles))
    if not fits(1 + len(profiles)):  # too many sources side by side: one row per source instead
        emit([{"source": p.source, "words": p.words,
               "techniques: count (per 1,000 words)": [f"{short_name(t)} {c} ({p.density(t):.1f})"
                                                       for t, c in p.counts.most_common()]} for p in profiles],
             ["source", "words", "techniques: count (per 1,000 words)"], fmt, title="technique findings per source")
        return
    rows = [{"technique": short_name(t)} | {p.source: f"{p.counts[t]} ({p.density(t):.1f})" for p in profiles}
            for t in names]
    rows.append({"technique": "words"} | {p.source: p.words for p in profiles})
    emit(rows, ["technique"] + [p.source for p in profiles], fmt,
         title="technique findings per source: count (per 1,000 words)")
    for p in profiles:
        out.print(f"\n[bold]{safe(p.source)}[/bold] — top techniques")
        for technique, count in p.top():
            examples = "; ".join(f"“{safe(x.text)}” ({x.confidence:.2f})" for x in p.examples[technique][:2])
            out.print(f"  {short_name(technique)} ×{count}: {examples}")
