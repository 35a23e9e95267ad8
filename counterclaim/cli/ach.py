"""Commands for competing hypotheses, ACH and Admiralty source ratings."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import click
from rich.table import Table

from .base import case_option, console, emit, fail, main, open_case, out, safe, user_option

METHODS = click.Choice(["heuer", "weighted", "bayes"])


def _analyst_errors(fn: Callable[[], Any]) -> Any:
    """Run an analyst action; report refusals (stale revision, unknown id, bad value) as errors."""
    from ..ach.api import AchError
    from ..attribution.api import HypothesisError
    from ..store.db import ConflictError

    try:
        return fn()
    except (AchError, HypothesisError, ConflictError, ValueError) as exc:
        fail(str(exc))


# --------------------------------------------------------------------------- hypotheses


@main.group(invoke_without_command=True)
@case_option
@user_option
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--all", "show_all", is_flag=True, help="Include merged and dropped hypotheses.")
@click.pass_context
def hypotheses(ctx: click.Context, case_path: str, user: str, fmt: str, show_all: bool) -> None:
    """Competing hypotheses, their aliases, and each document's stance with quotes."""
    ctx.obj = {"case_path": case_path, "user": user}
    if ctx.invoked_subcommand is not None:
        return
    with open_case(case_path, user) as case:
        api = case.hypotheses
        items = api.list(include_inactive=show_all)
        stances = api.stances()
        if fmt == "json":
            click.echo(json.dumps({"hypotheses": [h.model_dump(mode="json") for h in items],
                                   "stances": [s.model_dump(mode="json") for s in stances]}, ensure_ascii=False,
                                  indent=2))
            return
        rows = [{"id": h.id, "label": h.label, "status": h.status + (f" → {h.merged_into}" if h.merged_into else ""),
                 "origin": h.origin + (f" (split from {h.split_from})" if h.split_from else ""),
                 "names found": h.seen, "claims": h.evidence_count, "documents": h.doc_ids,
                 "from claims": h.claim_ids} for h in items]
        emit(rows, ["id", "label", "status", "origin", "names found", "claims", "documents", "from claims"], fmt,
             title="hypotheses")
        if fmt == "csv":
            return
        stance_rows = [{"document": s.doc_id, "hypothesis": s.hypothesis_id,
                        "stance": s.stance + (" (disputed)" if s.disputed else "") + (" (mixed)" if s.mixed else ""),
                        "confidence": "—" if s.confidence is None else f"{s.confidence:.2f}",
                        "evidence": "\n".join(f"[{e.start}-{e.end}] {e.speaker}: {e.stance} “{e.quote}”"
                                              + ("" if e.bears else f" (not counted: {e.excluded})")
                                              for e in s.evidence)}
                       for s in stances]
        emit(stance_rows, ["document", "hypothesis", "stance", "confidence", "evidence"], fmt, title="stances")
        out.print("confidence: the stance label's precision on the real-news dev split (docs/ach.md)")


def _hypotheses_api(ctx: click.Context):
    return open_case(ctx.obj["case_path"], ctx.obj["user"])


@hypotheses.command("add")
@click.argument("label")
@click.option("--alias", "aliases", multiple=True, help="A name that counts as this hypothesis (repeatable).")
@click.option("--note")
@click.pass_context
def hypotheses_add(ctx: click.Context, label: str, aliases: tuple[str, ...], note: str | None) -> None:
    """Add a hypothesis of your own."""
    with _hypotheses_api(ctx) as case:
        h = _analyst_errors(lambda: case.hypotheses.add(label, aliases, note=note))
    out.print(f"added {safe(h.id)}: {safe(h.label)}")


@hypotheses.command("merge")
@click.argument("target")
@click.argument("others", nargs=-1, required=True)
@click.option("--note")
@click.pass_context
def hypotheses_merge(ctx: click.Context, target: str, others: tuple[str, ...], note: str | None) -> None:
    """Merge OTHERS into TARGET."""
    with _hypotheses_api(ctx) as case:
        _analyst_errors(lambda: case.hypotheses.merge(target, *others, note=note))
    out.print(f"merged {safe(', '.join(others))} into {safe(target)}")


@hypotheses.command("split")
@click.argument("hypothesis_id")
@click.option("--alias", "aliases", multiple=True, required=True,
              help="A name of HYPOTHESIS_ID to move out, with the evidence naming it (repeatable).")
@click.option("--label", help="Label of the new hypothesis (default: its names).")
@click.option("--note")
@click.pass_context
def hypotheses_split(ctx: click.Context, hypothesis_id: str, aliases: tuple[str, ...], label: str | None,
                     note: str | None) -> None:
    """Split names (and the evidence naming them) out of a hypothesis into a new one."""
    with _hypotheses_api(ctx) as case:
        h = _analyst_errors(lambda: case.hypotheses.split(hypothesis_id, aliases, label, note=note))
    out.print(f"split {safe(h.id)}: {safe(h.label)} out of {safe(hypothesis_id)} ({h.evidence_count} claim(s))")


@hypotheses.command("rename")
@click.argument("hypothesis_id")
@click.argument("label")
@click.option("--note")
@click.option("--expected-rev", type=int, help="Refuse if someone changed it since this revision.")
@click.pass_context
def hypotheses_rename(ctx: click.Context, hypothesis_id: str, label: str, note: str | None,
                      expected_rev: int | None) -> None:
    """Give a hypothesis a new label."""
    with _hypotheses_api(ctx) as case:
        _analyst_errors(lambda: case.hypotheses.rename(hypothesis_id, label, note=note, expected_rev=expected_rev))
    out.print(f"renamed {safe(hypothesis_id)}: {safe(label)}")


@hypotheses.command("drop")
@click.argument("hypothesis_id")
@click.option("--note")
@click.option("--expected-rev", type=int)
@click.pass_context
def hypotheses_drop(ctx: click.Context, hypothesis_id: str, note: str | None, expected_rev: int | None) -> None:
    """Drop a hypothesis from the analysis (undoable)."""
    with _hypotheses_api(ctx) as case:
        _analyst_errors(lambda: case.hypotheses.drop(hypothesis_id, note=note, expected_rev=expected_rev))
    out.print(f"dropped {safe(hypothesis_id)}")


# --------------------------------------------------------------------------- ACH


def _priors(values: tuple[str, ...]) -> dict[str, float]:
    priors = {}
    for item in values:
        key, _, raw = item.partition("=")
        try:
            priors[key.strip()] = float(raw)
        except ValueError:
            raise click.BadParameter(f"{item!r}: use H1=0.3") from None
    return priors


@main.group(invoke_without_command=True)
@case_option
@user_option
@click.option("--method", type=METHODS, default="heuer", show_default=True,
              help="heuer: inconsistency count; weighted: × Admiralty weights; bayes: posteriors.")
@click.option("--prior", "priors", multiple=True, metavar="H=P", help="Prior for bayes (others share the rest).")
@click.option("--transpose", is_flag=True, help="Hypotheses as rows, evidence as columns.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "xlsx"]), default="table",
              show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write here (xlsx needs it).")
@click.pass_context
def ach(ctx: click.Context, case_path: str, user: str, method: str, priors: tuple[str, ...], transpose: bool,
        fmt: str, output: str | None) -> None:
    """Analysis of competing hypotheses: evidence × hypotheses, ranked."""
    ctx.obj = {"case_path": case_path, "user": user, "method": method, "priors": _priors(priors)}
    if ctx.invoked_subcommand is not None:
        return
    with open_case(case_path, user) as case:
        api = case.ach
        prior = ctx.obj["priors"]
        if fmt == "xlsx":
            if not output:
                fail("--format xlsx needs -o FILE")
            _analyst_errors(lambda: api.to_xlsx(output, method, prior, transpose))
            console.print(f"wrote {safe(output)}")
            return
        if fmt in ("json", "csv"):
            text = _analyst_errors(lambda: json.dumps(api.to_json(method, prior), ensure_ascii=False, indent=2)
                                   if fmt == "json" else api.to_csv(method, prior, transpose))
            if output:
                with open(output, "w", encoding="utf-8", newline="") as fh:
                    fh.write(text)
                console.print(f"wrote {safe(output)}")
            else:
                click.echo(text, nl=fmt == "json")
            return
        _print_matrix(api, method, prior, transpose)


def _print_matrix(api: Any, method: str, priors: dict[str, float], transpose: bool) -> None:
    matrix = _analyst_errors(lambda: api.matrix(method, priors))
    ranking = Table(title=f"ranking ({method}; {'higher' if method == 'bayes' else 'lower'} is better)",
                    header_style="bold")
    for col in ("rank", "id", "hypothesis", "heuer", "weighted", "prior", "posterior", "rows for/against",
                "origins for/against"):
        ranking.add_column(col)
    for h in matrix.hypotheses:
        ranking.add_row(str(h.rank), h.id, h.label, f"{h.heuer:g}", f"{h.weighted:.3g}", f"{h.prior:.2f}",
                        f"{h.posterior:.3f}", f"{h.rows_for}/{h.rows_against}", f"{h.origins_for}/{h.origins_against}")
    out.print(ranking)
    if matrix.thin:
        out.print(f"[bold]thin lead:[/bold] {safe(matrix.thin)}")
    header, body = api.table(method, priors, transpose)
    grid = Table(title="matrix (CC C N I II NA; analyst ratings marked *)", header_style="bold", show_lines=False)
    for col in header:
        grid.add_column(col, overflow="fold", max_width=60)
    marked = {(r.id, h): c.by == "analyst" for r in matrix.rows for h, c in r.cells.items()}
    ids = [h.split(" ", 1)[0] for h in header]
    for line in body:
        cells = []
        for n, value in enumerate(line):
            key = (line[0], ids[n]) if not transpose else (ids[n], line[0].split(" ", 1)[0])
            text = "" if value is None else f"{value:.3g}" if isinstance(value, float) else str(value)
            cells.append(f"{text}*" if marked.get(key) else text if len(text) <= 70 else text[:69] + "…")
        grid.add_row(*cells)
    out.print(grid)
    out.print(f"[dim]{matrix.limits}[/dim]")


def _ach_case(ctx: click.Context):
    return open_case(ctx.obj["case_path"], ctx.obj["user"])


@ach.command("rate")
@click.argument("evidence_id")
@click.argument("hypothesis_id")
@click.argument("rating", type=click.Choice(["CC", "C", "N", "I", "II", "NA", "auto"]))
@click.option("--note")
@click.option("--expected-rev", type=int, help="Refuse if the cell changed since this revision (0: never rated).")
@click.pass_context
def ach_rate(ctx: click.Context, evidence_id: str, hypothesis_id: str, rating: str, note: str | None,
             expected_rev: int | None) -> None:
    """Rate one cell (overrides the suggestion; 'auto' returns to it). Audited."""
    with _ach_case(ctx) as case:
        rev = _analyst_errors(lambda: case.ach.rate(evidence_id, hypothesis_id, None if rating == "auto" else rating,
                                                    note=note, expected_rev=expected_rev))
    out.print(f"{safe(evidence_id)} × {safe(hypothesis_id)} = {safe(rating)} (revision {rev})")


@ach.command("credibility")
@click.argument("evidence_id")
@click.argument("grade", type=click.IntRange(1, 6), required=False)
@click.option("--relevance", type=click.Choice(["high", "medium", "low"]))
@click.option("--note")
@click.option("--expected-rev", type=int)
@click.pass_context
def ach_credibility(ctx: click.Context, evidence_id: str, grade: int | None, relevance: str | None, note: str | None,
                    expected_rev: int | None) -> None:
    """Set an evidence row's Admiralty credibility (1 confirmed … 6 cannot be judged) and/or relevance."""
    with _ach_case(ctx) as case:
        _analyst_errors(lambda: case.ach.set_credibility(evidence_id, grade, relevance=relevance, note=note,
                                                         expected_rev=expected_rev))
    out.print(safe(f"{evidence_id}: credibility {grade or 'unchanged'}, relevance {relevance or 'unchanged'}"))


@ach.command("evidence")
@click.argument("text")
@click.option("--source", help="Where it comes from (an outlet or document id, for its reliability).")
@click.option("--note")
@click.pass_context
def ach_evidence(ctx: click.Context, text: str, source: str | None, note: str | None) -> None:
    """Add evidence the sources do not give; rate its cells with `ach rate`."""
    with _ach_case(ctx) as case:
        eid = _analyst_errors(lambda: case.ach.add_evidence(text, source=source, note=note))
    out.print(f"added {safe(eid)}")


@ach.command("event-kind")
@click.argument("kind", required=False)
@click.option("--note")
@click.option("--expected-rev", type=int)
@click.pass_context
def ach_event_kind(ctx: click.Context, kind: str | None, note: str | None, expected_rev: int | None) -> None:
    """Show the detected kind of event, or set KIND (explosion, crash, ...; 'auto' returns to detection)."""
    from ..ach.checklists import checklists

    with _ach_case(ctx) as case:
        if kind is not None:
            _analyst_errors(lambda: case.ach.set_event_kind(kind, note=note, expected_rev=expected_rev))
        current = case.ach.event_kind()
    if current is None:
        fail("no ACH yet: run analyze first")
    out.print(safe(f"event kind: {current.kind} ({current.label}), {current.by}; {current.reason}"))
    out.print(safe(f"checklist basis: {current.provenance}"))
    for item in checklists()[current.kind]["items"]:
        out.print(safe(f"  - {item['item']}"))
    out.print(safe(f"kinds: {', '.join(checklists())}, auto"))


@ach.command("sensitivity")
@click.option("--runs", default=1000, show_default=True)
@click.option("--seed", default=7, show_default=True)
@click.option("--p-rating", default=0.1, show_default=True, help="Chance each rating moves one step.")
@click.option("--p-weight", default=0.2, show_default=True, help="Chance each Admiralty grade moves one step.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
def ach_sensitivity(ctx: click.Context, runs: int, seed: int, p_rating: float, p_weight: float, fmt: str) -> None:
    """Linchpin evidence (leave-one-out), Monte Carlo shares, and evidence no source reports."""
    with _ach_case(ctx) as case:
        api = case.ach
        result = _analyst_errors(lambda: api.sensitivity(ctx.obj["method"], runs=runs, seed=seed, p_rating=p_rating,
                                                         p_weight=p_weight, priors=ctx.obj["priors"]))
        labels = {h.id: h.label for h in api.active_hypotheses()}
        kind = api.event_kind()
    if fmt == "json":
        click.echo(json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return
    out.print(safe(f"leading ({result.method}): {', '.join(f'{h} {labels[h]}' for h in result.leaders) or 'none'}"))
    if result.caveat:
        out.print(f"[bold]caveat:[/bold] {safe(result.caveat)}")
    emit([{"evidence": p.evidence_id, "leaders without it": p.leaders_after} for p in result.linchpins],
         ["evidence", "leaders without it"], "table", title="linchpins (removing one changes the leader)")
    mc = result.monte_carlo
    emit([{"hypothesis": f"{h} {labels[h]}", "share ranked first": f"{share:.1%}"}
          for h, share in sorted(mc.first_share.items(), key=lambda kv: -kv[1])],
         ["hypothesis", "share ranked first"], "table",
         title=f"Monte Carlo: {mc.runs} runs, seed {mc.seed}, p_rating {mc.p_rating}, p_weight {mc.p_weight}")
    emit([{"hypothesis": f"{e.hypothesis_id} {labels.get(e.hypothesis_id, '')}", "expected": e.item}
          for e in result.missing], ["hypothesis", "expected"], "table",
         title="missing expected evidence (no source reports it: look for it)"
               + (f"; checklist for {kind.label} ({kind.by}; `ach event-kind` to change)" if kind else ""))


# --------------------------------------------------------------------------- sources


@main.group(invoke_without_command=True)
@case_option
@user_option
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.pass_context
def sources(ctx: click.Context, case_path: str, user: str, fmt: str) -> None:
    """Sources (outlets, or documents with no outlet) and their Admiralty reliability A-F."""
    ctx.obj = {"case_path": case_path, "user": user}
    if ctx.invoked_subcommand is not None:
        return
    with open_case(case_path, user) as case:
        items = case.ach.sources()
    emit([s.model_dump() for s in items], ["source", "documents", "reliability", "meaning", "rev"], fmt,
         title="source reliability (default F: cannot be judged)", json_data=[s.model_dump() for s in items])


@sources.command("rate")
@click.argument("source")
@click.argument("grade", type=click.Choice(list("ABCDEF")))
@click.option("--note")
@click.option("--expected-rev", type=int)
@click.pass_context
def sources_rate(ctx: click.Context, source: str, grade: str, note: str | None, expected_rev: int | None) -> None:
    """Set a source's reliability (A completely reliable … E unreliable, F cannot be judged). Audited."""
    with open_case(ctx.obj["case_path"], ctx.obj["user"]) as case:
        rev = _analyst_errors(lambda: case.ach.rate_source(source, grade, note=note, expected_rev=expected_rev))
    out.print(safe(f"{source}: {grade} (revision {rev})"))
