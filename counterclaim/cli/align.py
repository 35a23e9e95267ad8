"""Alignment commands: conflicts, matrix, figures, aliases — thin wrappers over ``case.alignment``."""

from __future__ import annotations

import click

from ..across.calibration import SHOW
from ..model import by_series
from .base import case_option, console, emit, fail, fits, format_option, main, open_case, out, safe, user_option


def _relation_row(r) -> dict:
    return {"type": r.type, "subtype": r.subtype, "confidence": round(r.confidence, 2), "doc_a": r.doc_a,
            "quote_a": r.quote_a, "doc_b": r.doc_b, "quote_b": r.quote_b, "reason": r.reason,
            "claim_a": r.claim_a, "claim_b": r.claim_b, "cluster": r.cluster_id}


@main.command()
@case_option
@click.option("--type", "kind", type=click.Choice(["numeric", "temporal", "agent", "negation", "antonymy"]),
              help="Only contradictions of this kind.")
@click.option("--all", "every", is_flag=True, help="Every relation (agree, compatible, revision, ...), not only conflicts.")
@click.option("--low-confidence", is_flag=True,
              help="Also contradictions whose measured precision is below 0.8 (hidden by default).")
@format_option("table", "json", "csv")
def conflicts(case_path: str, kind: str | None, every: bool, low_confidence: bool, fmt: str) -> None:
    """Typed contradictions between sources, each with both quotes, the reason and a measured confidence.

    By default only contradictions of a kind that was right at least 80% of the time on the
    real-news dev split are listed; the count of the others is printed."""
    with open_case(case_path) as case:
        alignment = case.alignment
        items = alignment.relations() if every else alignment.conflicts(kind, 0.0 if low_confidence else SHOW)
        if not (every or low_confidence):
            hidden = len(alignment.conflicts(kind, 0.0)) - len(items)
            if hidden:
                console.print(f"{hidden} contradiction(s) below confidence {SHOW} not shown (--low-confidence lists them)")
        if every and kind:
            items = [r for r in items if r.subtype == kind]
        emit([_relation_row(r) for r in items],
             ["type", "subtype", "confidence", "doc_a", "quote_a", "doc_b", "quote_b", "reason"], fmt,
             title=f"{len(items)} {'relations' if every else 'conflicts'}",
             json_data=[r.model_dump(mode="json") for r in items])


@main.command()
@case_option
@format_option("table", "json", "csv")
def matrix(case_path: str, fmt: str) -> None:
    """Claim clusters × sources: asserts / reports / denies / silent, with what each says."""
    with open_case(case_path) as case:
        m = case.alignment.matrix()
    rows = []
    # Too many sources for columns side by side: one block per cluster, silent sources on one line.
    wide = fmt == "table" and fits(1 + len(m.documents)) is False
    for row in m.rows:
        cells = {d: _cell(c) for d, c in row.cells.items() if not (wide and c.stance == "silent")}
        silent = [d for d, c in row.cells.items() if c.stance == "silent"]
        rows.append({"cluster": row.label, **cells} | ({"silent": ", ".join(silent)} if wide else {}))
    emit(rows, ["cluster", *m.documents] + (["silent"] if wide else []), fmt,
         title=f"{len(rows)} clusters × {len(m.documents)} sources", json_data=m.model_dump(mode="json"))


def _cell(stance) -> str:
    if stance.stance == "silent":
        return "silent"
    answers = f" ({', '.join(stance.answers)})" if stance.answers else ""
    return f"{stance.stance}{answers}: “{stance.quote}”"


@main.command()
@case_option
@click.option("--measure", help="What is counted: killed, injured, attending, paid, ..., or a series such as "
                                 "'killed (cumulative)' (without it, the measures of the case with their counts).")
@format_option("table", "json", "csv")
def figures(case_path: str, measure: str | None, fmt: str) -> None:
    """Every figure for a measure, by source and as-of date, with the reconciliation; figures that are not
    compared across sources (vague, in no claim, a war-wide toll) are listed with why."""
    with open_case(case_path) as case:
        if measure is None:
            # Every figure by series, counted as the report's figures section counts them; "aligned" is how
            # many of them (incident figures inside claims) the alignment compares across sources.
            aligned = case.alignment.measures()
            rows = [{"measure": k, "figures": len(items), "sources": len({q.doc_id for q in items}),
                     "aligned": aligned.get(k, (0, 0))[0]} for k, items in by_series(case.annotations("quantity")).items()]
            emit(rows, ["measure", "figures", "sources", "aligned"], fmt,
                 title=f"{len(rows)} measures: pick one with --measure", json_data=rows)
            return
        report = case.alignment.figures(measure)
    rows = [f.model_dump(mode="json") for f in report.figures]
    columns = ["event", "figure", "outlet", "published", "as_of", "as_of_note"] + (
        ["doc_id", "quantity_id", "claim_id", "quote"] if fmt == "csv" else [])
    emit(rows, columns, fmt,
         title=f"{measure}: {len(rows)} figures", json_data=report.model_dump(mode="json"))
    if fmt == "table":
        for line in report.reconciliation:
            out.print(f"• {safe(line)}")


@main.group(invoke_without_command=True)
@case_option
@user_option
@format_option("table", "json", "csv")
@click.pass_context
def aliases(ctx: click.Context, case_path: str, user: str, fmt: str) -> None:
    """The case's entity alias table (defaults plus your edits); add or remove names.

    \b
    counterclaim aliases --case mycase/
    counterclaim aliases --case mycase/ add "Russian state" "Lubyanka"
    counterclaim aliases --case mycase/ remove "Lubyanka"
    """
    ctx.obj = {"case_path": case_path, "user": user}
    if ctx.invoked_subcommand:
        return
    with open_case(case_path) as case:
        entries = case.alignment.aliases()
    rows = [{"canonical": e.canonical, "kind": e.kind, "parent": e.parent, "country": e.country,
             "source": e.source, "aliases": e.aliases} for e in entries]
    emit(rows, ["canonical", "kind", "parent", "country", "source", "aliases"], fmt,
         title=f"{len(rows)} entities", json_data=[e.model_dump(mode="json") for e in entries])


@aliases.command("add")
@click.argument("canonical")
@click.argument("alias")
@click.option("--kind", type=click.Choice(["actor", "place"]), default="actor", show_default=True)
@click.option("--parent", help="The actor this one belongs to (e.g. Ukraine for a Ukrainian agency).")
@click.option("--country", help="The country a place (or a state) lies in, so places nest.")
@click.option("--note", help="Why (kept in the audit log).")
@click.pass_obj
def alias_add(obj: dict, canonical: str, alias: str, kind: str, parent: str | None, country: str | None,
              note: str | None) -> None:
    """Make ALIAS a name of CANONICAL in this case, then re-align."""
    with open_case(obj["case_path"], obj["user"]) as case:
        case.alignment.add_alias(canonical, alias, kind=kind, parent=parent, country=country, note=note)
        n = case.alignment.refresh()
    out.print(safe(f"{alias!r} → {canonical!r}; re-aligned ({n} records)"))


@aliases.command("remove")
@click.argument("alias")
@click.option("--note", help="Why (kept in the audit log).")
@click.pass_obj
def alias_remove(obj: dict, alias: str, note: str | None) -> None:
    """Stop treating ALIAS as a name of anything (default aliases too), then re-align."""
    with open_case(obj["case_path"], obj["user"]) as case:
        try:
            case.alignment.remove_alias(alias, note=note)
        except KeyError:
            fail(f"no alias {alias!r} in this case's table")
        n = case.alignment.refresh()
    out.print(safe(f"removed {alias!r}; re-aligned ({n} records)"))
