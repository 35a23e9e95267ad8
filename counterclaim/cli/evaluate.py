"""``eval``, ``relate`` and ``stance``: measure every stage; run the learned models on JSON lines."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator

import click
from rich.markup import escape

from .base import console, fail, main


@main.command("eval")
@click.option("--data", type=click.Path(file_okay=False), help="Public data folder (default $COUNTERCLAIM_DATA or ../shared/data).")
@click.option("--split", type=click.Choice(["dev", "test"]), default="dev", show_default=True,
              help="Tune on dev, report test (FNC-1 and MultiNLI always use their fixed evaluation halves).")
@click.option("--stage", "stages", multiple=True, help="Stage(s) to score; default all. Repeat the option.")
@click.option("--story", "stories", multiple=True,
              help="Score the real-news gold over these stories only (ids as in eval/gold); never written to the table.")
@click.option("--write/--no-write", default=True, show_default=True, help="Merge the rows into docs/evaluation.md/json.")
def eval_cmd(data: str | None, split: str, stages: tuple[str, ...], stories: tuple[str, ...], write: bool) -> None:
    """Score each analysis stage against labelled data and write the table."""
    from ..evaluation.gold import GOLD_DIR
    from ..evaluation.run import STAGES, evaluate, headline, write as write_rows
    from ..evaluation.sources import data_dir

    unknown = [s for s in stages if s not in STAGES]
    if unknown:
        fail(f"unknown stage {', '.join(unknown)}; known: {', '.join(STAGES)}", 2)
    missing = [s for s in stories if not (GOLD_DIR / f"{s}.json").is_file()]
    if missing:
        fail(f"no gold story {', '.join(missing)} in {GOLD_DIR}", 2)
    root = data_dir(data)
    if data and root is None:
        fail(f"data folder not found: {data}", 2)
    rows = evaluate(root, split, tuple(stages) or STAGES, progress=lambda s: console.print(f"measuring {escape(s)} ..."),
                    stories=stories)
    for row in rows:
        console.print(f"[bold]{escape(row['stage'])}[/bold] {escape(row['data'])} ({row['split']}): {escape(headline(row))}")
    if write and stories:
        console.print("a subset of the stories is not written to the table")
    elif write:
        console.print(f"wrote {write_rows(rows)}")


def _read_jsonl(path: str, keys: tuple[str, ...]) -> Iterator[tuple[int, dict]]:
    stream = sys.stdin if path == "-" else open(path, encoding="utf-8")
    try:
        for number, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                fail(f"{path}: line {number}: not JSON ({exc.msg})", 2)
            if not isinstance(item, dict) or any(not isinstance(item.get(k), str) for k in keys):
                fail(f"{path}: line {number}: needs string fields {', '.join(keys)}", 2)
            yield number, item
    finally:
        if stream is not sys.stdin:
            stream.close()


def _jsonl_command(path: str, keys: tuple[str, ...], run, size: int, label: str) -> None:
    """Read JSON lines, run ``run`` on batches of ``size`` items, print one JSON line per input, in order."""
    from rich.progress import Progress

    items = [item for _, item in _read_jsonl(path, keys)]
    with Progress(console=console, transient=True, disable=len(items) < 2 * size) as bar:
        task = bar.add_task(label, total=len(items))
        for i in range(0, len(items), size):
            chunk = items[i:i + size]
            for result in run([tuple(item[k] for k in keys) for item in chunk]):
                click.echo(json.dumps(result.to_json()))
            bar.advance(task, len(chunk))


@main.command()
@click.option("--jsonl", "path", required=True, help='Input: one {"a": TEXT, "b": TEXT} per line; - for stdin.')
def relate(path: str) -> None:
    """Relation of b to a for each line: entails, contradicts or neutral, with a confidence."""
    from ..nli.relation import relate_many

    _jsonl_command(path, ("a", "b"), relate_many, 64, "relate")


@main.command()
@click.option("--jsonl", "path", required=True, help='Input: one {"statement": TEXT, "text": DOCUMENT} per line; - for stdin.')
def stance(path: str) -> None:
    """Stance of each text toward its statement: asserts, reports, denies or absent, with evidence offsets."""
    from ..nli.stance import stance_many

    _jsonl_command(path, ("statement", "text"), stance_many, 8, "stance")
