"""Core commands: analyze, summary, documents, claims, export, schema, edits, undo."""

from __future__ import annotations

import json
import os
import sys
from collections import Counter

import click
from rich.panel import Panel

from .base import (
    case_option,
    compact,
    console,
    emit,
    fail,
    format_option,
    iter_progress,
    main,
    open_case,
    out,
    safe,
    user_option,
)


@main.command()
@click.argument("articles", nargs=-1)
@case_option
@click.option("--n-process", type=int, default=None, show_default="1",
              help="Worker processes; each parses and analyses whole documents (use up to your core count). "
                   "With --executor dask and no --scheduler: the local cluster's workers (default: one per core).")
@click.option("--batch-size", default=16, show_default=True)
@click.option("--executor", type=click.Choice(["processes", "dask"]), default="processes", show_default=True,
              help="dask: ingest and analyse documents on a Dask cluster (pip install 'counterclaim[dask]').")
@click.option("--scheduler", metavar="ADDRESS",
              help="With --executor dask: an existing cluster's scheduler (tcp://host:8786); default a local cluster.")
@click.option("--allow-private", is_flag=True, help="Allow URLs on private/loopback addresses.")
@click.option("--max-bytes", default=5_000_000, show_default=True, help="Refuse inputs larger than this.")
def analyze(articles: tuple[str, ...], case_path: str, n_process: int | None, batch_size: int, executor: str,
            scheduler: str | None, allow_private: bool, max_bytes: int) -> None:
    """Add ARTICLES (files, folders, globs, URLs, '-' for stdin) to a case and analyse them.

    Unchanged documents are not processed again; a new pipeline version re-processes them.
    Exits 1 if any input failed (the others are still analysed).
    """
    if scheduler and executor != "dask":
        fail("--scheduler needs --executor dask")
    if executor == "dask":
        from ..cluster import available

        if not available():
            fail("--executor dask needs the dask extra: pip install 'counterclaim[dask]'")
    n_process = n_process or ((os.cpu_count() or 1) if executor == "dask" else 1)
    with open_case(case_path) as case, iter_progress("analysing") as progress:
        tasks: dict[str, int] = {}

        def report(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = progress.add_task(stage, total=total)
            progress.update(tasks[stage], completed=done, total=total)

        result = case.analyze(list(articles), n_process=n_process, batch_size=batch_size,
                              allow_private=allow_private, max_bytes=max_bytes, stdin=sys.stdin.buffer,
                              progress=report, executor=executor, scheduler=scheduler)
        progress.stop()
        for err in result.errors:
            console.print(f"[red]error:[/red] {safe(err.source, newlines=False)}: {safe(err.reason, newlines=False)}",
                          soft_wrap=True)
        for warn in result.warnings:
            console.print(f"[yellow]warning:[/yellow] {safe(warn.source, newlines=False)}: "
                          f"{safe(warn.reason, newlines=False)}", soft_wrap=True)
        _summary(case, result)
    if not result.ok:
        sys.exit(1)


def _summary(case, result) -> None:
    from .. import tally

    counts = tally.summary(case)
    lines = [
        f"[bold]{counts['documents']}[/bold] documents in case ({len(result.added)} added, {len(result.reanalysed)} re-analysed, "
        f"{len(result.updated)} with changed metadata, {len(result.unchanged)} unchanged, {len(result.duplicates)} duplicate inputs, {len(result.errors)} failed)",
        *_count_lines(case, counts),
    ]
    console.print(Panel("\n".join(lines), title=f"case {safe(case.location, newlines=False)}", expand=False))


def _count_lines(case, counts: dict) -> list[str]:
    """The counts of :func:`tally.summary` as the lines of a panel, then the documents' warnings."""
    from ..across.calibration import SHOW

    lines = [f"[bold]{counts['sources']}[/bold] sources (outlets) · [bold]{counts['claims']}[/bold] claims · "
             f"[bold]{counts['figures']}[/bold] figures · [bold]{counts['dates']}[/bold] dates "
             f"({counts['event dates']} of events) · [bold]{counts['techniques']}[/bold] technique suggestions"
             + (f" ({counts['techniques hidden']} not shown: below the real-news precision threshold)"
                if counts["techniques hidden"] else "")]
    if counts["measures"]:
        lines.append("figures by measure: " + compact((f"{safe(k)} {n}" for k, n in counts["measures"].items()), 6))
    relations = {kind: n for kind, n in counts["relations"].items() if n}
    if counts["clusters"] or relations or counts["contradictions hidden"]:
        hidden = counts["contradictions hidden"]
        lines.append(f"[bold]{counts['clusters']}[/bold] claim clusters across sources: "
                     + (" · ".join(f"{n} {kind}" for kind, n in relations.items()) or "no relations")
                     + (f" ({hidden} contradiction(s) below confidence {SHOW} not shown)" if hidden else ""))
    for origin, doc_ids in counts["origin groups"].items():
        lines.append(f"{len(doc_ids)} copies of one origin ({safe(origin)}): {compact((safe(d) for d in doc_ids), 6)}")
    if counts["hypotheses"]:
        lines.append(f"[bold]{len(counts['hypotheses'])}[/bold] competing hypotheses: "
                     f"{safe(compact(counts['hypotheses'], 6))} · {counts['evidence rows']} ACH evidence rows")
    if counts["undated"]:
        figures = Counter(q.doc_id for q in case.annotations("quantity"))
        lines.append(f"[yellow]{len(counts['undated'])} without a publication date[/yellow] (their "
                     f"{sum(figures[d] for d in counts['undated'])} figures have no as-of date; add `published` "
                     "in a sidecar): " + compact((safe(d) for d in counts["undated"]), 10))
    ambiguous = [d.id for d in case.documents() if d.published_ambiguous]
    if ambiguous:
        lines.append(f"[yellow]{len(ambiguous)} with day/month order ambiguous[/yellow] (read month first): "
                     + compact((safe(d) for d in ambiguous), 10))
    for w in case.warnings():
        colour = {"info": "cyan", "warning": "yellow", "error": "red"}[w.severity]
        lines.append(f"[{colour}]{w.severity}[/{colour}] {safe(w.doc_id)}: {safe(w.message)}")
    return lines


@main.command()
@case_option
@format_option("table", "json")
def summary(case_path: str, fmt: str) -> None:
    """The case's counts, each as the report shows it: documents, sources, figures by measure, relations
    (and the contradictions hidden), copies, hypotheses, warnings. ``--format json`` for scripts."""
    from .. import tally

    with open_case(case_path) as case:
        counts = tally.summary(case)
        if fmt == "json":
            click.echo(json.dumps(counts, ensure_ascii=False, indent=2))
            return
        lines = [f"[bold]{counts['documents']}[/bold] documents", *_count_lines(case, counts)]
        out.print(Panel("\n".join(lines), title=f"case {safe(case.location, newlines=False)}", expand=False),
                  soft_wrap=False)


@main.command()
@case_option
@format_option("table", "json", "csv")
def documents(case_path: str, fmt: str) -> None:
    """List the documents of a case."""
    with open_case(case_path) as case:
        docs = case.documents()
        # Copies of one origin (a wire story, or each other), as the report's sources table marks them.
        origin = case.alignment.origin_of()
        rows = [
            {"id": d.id, "outlet": d.outlet,
             "title": d.title or ("(no title found)" if fmt == "table" else None),
             "published": d.published or ("(none)" if fmt == "table" else None),
             "published from": (d.published_source or "") + (" (day/month order ambiguous)"
                                                              if d.published_ambiguous else ""), "words": len(d.text.split()), "source": d.source,
             "origin": origin.get(d.id)}
            for d in docs
        ]
        emit(rows, ["id", "outlet", "title", "published", "published from", "words", "origin", "source"], fmt,
             json_data=[d.model_dump(mode="json", exclude={"text"}) | {"origin": origin.get(d.id)} for d in docs])


@main.command()
@case_option
@click.option("--doc", "doc_id", help="Only this document.")
@click.option("--kind", type=click.Choice(["event", "quantity", "attribution", "quote", "evaluation", "prediction",
                                           "call_to_action"]))
@click.option("--min-checkworthiness", type=float, default=None)
@format_option("table", "json", "csv")
def claims(case_path: str, doc_id: str | None, kind: str | None, min_checkworthiness: float | None, fmt: str) -> None:
    """Claims with speaker, stance, hedging, kind, figures and dates."""
    with open_case(case_path) as case:
        items = case.claims(doc_id, kind)
        if min_checkworthiness is not None:
            items = [c for c in items if (c.checkworthiness or 0) >= min_checkworthiness]
        quantities = {q.id: q for q in case.annotations("quantity", doc_id)}
        dates = {d.id: d for d in case.annotations("date", doc_id)}
        rows = []
        for c in items:
            rows.append({
                "id": c.id, "doc": c.doc_id, "offsets": f"{c.start}-{c.end}", "speaker": c.speaker.name,
                "stance": c.stance, "hedges": [h.cue for h in c.hedges], "kind": c.kind,
                "check": None if c.checkworthiness is None else round(c.checkworthiness, 2),
                "figures": [_figure(quantities[q]) for q in c.quantity_ids if q in quantities],
                "dates": [f"{dates[d].text}={dates[d].value}" for d in c.date_ids if d in dates],
                "text": c.text,
            })
        emit(rows, ["id", "speaker", "stance", "hedges", "kind", "check", "figures", "dates", "text"], fmt,
             title=f"{len(rows)} claims", json_data=[c.model_dump(mode="json") for c in items])


def _number(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}".rstrip("0")


def _figure(q) -> str:
    """'at least 60 people injured', '5,000 USD paid per person', '200-999 people killed'."""
    if q.value is not None:
        value = _number(q.value)
    elif q.low is not None and q.high is not None:
        value = f"{_number(q.low)}-{_number(q.high)}"
    else:
        bound = q.low if q.low is not None else q.high
        value = _number(bound) if bound is not None else "?"
    per = f"per {q.per}" if q.per else None
    return " ".join(p for p in (None if q.qualifier == "exact" else q.qualifier, value, q.unit, q.measure, per) if p)


@main.command()
@case_option
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write here instead of stdout.")
def export(case_path: str, fmt: str, output: str | None) -> None:
    """Write the whole case as JSON following case.schema.json."""
    with open_case(case_path) as case:
        text = json.dumps(case.export(), ensure_ascii=False, indent=2)
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text)
        console.print(f"wrote {output}")
    else:
        click.echo(text)


@main.command()
def schema() -> None:
    """Print the JSON Schema of the case file."""
    from ..export import json_schema

    click.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))


@main.command()
@case_option
@format_option("table", "json", "csv")
def edits(case_path: str, fmt: str) -> None:
    """The audit log of analyst edits (who, when, old, new, note)."""
    with open_case(case_path) as case:
        items = case.store.edits()
        rows = [{"id": e.id, "when": e.ts.isoformat(timespec="seconds"), "user": e.user, "action": e.action,
                 "target": e.target, "old": json.dumps(e.old), "new": json.dumps(e.new), "note": e.note,
                 "undone": e.undone} for e in items]
        emit(rows, ["id", "when", "user", "action", "target", "old", "new", "note", "undone"], fmt,
             json_data=[e.model_dump(mode="json") for e in items])


@main.command()
@click.argument("edit_id", type=int)
@case_option
@user_option
def undo(edit_id: int, case_path: str, user: str) -> None:
    """Undo one analyst edit (the undo is audited too)."""
    from ..store.db import StoreError

    with open_case(case_path, user) as case:
        try:
            case.undo(edit_id)
        except StoreError as exc:
            fail(str(exc))
    out.print(f"undid edit {edit_id}")


@main.command()
@click.argument("annotation_id")
@case_option
@user_option
@click.option("--delete", is_flag=True, help="Mark the extraction as false.")
@click.option("--set", "assignments", multiple=True, metavar="FIELD=JSON", help="e.g. --set value=145 --set measure='\"killed\"'")
@click.option("--note")
def correct(annotation_id: str, case_path: str, user: str, delete: bool, assignments: tuple[str, ...],
            note: str | None) -> None:
    """Correct an extraction without touching the source text."""
    fields = {}
    for item in assignments:
        key, _, raw = item.partition("=")
        try:
            fields[key] = json.loads(raw)
        except json.JSONDecodeError:
            fields[key] = raw
    with open_case(case_path, user) as case:
        try:
            case.correct(annotation_id, delete=delete, note=note, **fields)
        except KeyError:
            fail(f"no annotation {annotation_id!r}")
        except ValueError as exc:
            fail(f"invalid correction: {exc}")
    out.print(f"corrected {safe(annotation_id)}" + (" (deleted)" if delete else f": {safe(compact(fields))}"))
