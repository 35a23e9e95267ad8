"""Shared CLI pieces: the command group, the --case option, output formats."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..version import __version__

console = Console(stderr=True)
out = Console(highlight=False, soft_wrap=True)


_CONTROL = {c: f"\\x{c:02x}" for c in [*range(0, 9), *range(11, 32), 127, *range(0x80, 0xA0)]}
_CONTROL.update({0x200E: "\\u200e", 0x200F: "\\u200f", **{c: f"\\u{c:04x}" for c in range(0x202A, 0x202F)},
                 **{c: f"\\u{c:04x}" for c in range(0x2066, 0x206A)}})


def plain(value: Any, *, newlines: bool = True) -> str:
    """Untrusted text (a file name, article text) made safe for a terminal: control characters (escape
    sequences, carriage returns, bidi overrides) shown as ``\\xNN``; newlines kept unless ``newlines`` is false."""
    text = str(value)
    table = _CONTROL if newlines else {**_CONTROL, 10: "\\n"}
    return text.translate(table)


def safe(value: Any, *, newlines: bool = True) -> str:
    """Untrusted text for ``console.print``: :func:`plain`, then rich markup escaped (``[/red]`` prints as is)."""
    return escape(plain(value, newlines=newlines))


class Main(click.Group):
    """The command group: a case that cannot be used ends in one line naming it, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        from sqlalchemy.exc import DBAPIError

        from ..store.db import StoreError, describe_db_error

        try:
            return super().invoke(ctx)
        except StoreError as exc:
            fail(str(exc))
        except DBAPIError as exc:  # the case became unusable mid-command (read-only, disk full, locked)
            fail(describe_db_error("case", exc))
        except KeyboardInterrupt:
            console.print("[red]interrupted[/red]")
            sys.exit(130)


@click.group(cls=Main, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="counterclaim")
def main() -> None:
    """Analyse conflicting accounts of one event: claims, conflicts, hypotheses, rhetoric."""


def case_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--case", "case_path", required=True, envvar="COUNTERCLAIM_CASE", show_envvar=True,
        help="Case folder (SQLite) or database URL (postgresql://...).",
    )(fn)


def user_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--user", default=lambda: os.environ.get("USER", "analyst"), show_default="$USER",
                        help="Name recorded in the audit log.")(fn)


def format_option(*choices: str, default: str = "table") -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option("--format", "fmt", type=click.Choice(list(choices)), default=default, show_default=True)


def open_case(case_path: str, user: str = "analyst"):
    from ..case import Case

    return Case(case_path, user=user)


def emit(rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: str, title: str | None = None,
         json_data: Any = None) -> None:
    """Print rows as a rich table, JSON or CSV (machine formats go to stdout unstyled)."""
    if fmt == "json":
        click.echo(json.dumps(json_data if json_data is not None else list(rows), ensure_ascii=False, indent=2, default=str))
        return
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(row.get(k)) for k in columns})
        click.echo(buf.getvalue(), nl=False)
        return
    if not fits(len(columns)):
        records(rows, columns, title)
        return
    table = Table(title=safe(title) if title else None, show_lines=False, header_style="bold")
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        # Article text is hostile input: "[...]" must print as text, never as rich markup.
        table.add_row(*(safe(_cell(row.get(c))) for c in columns))
    out.print(table)


MIN_COLUMN = 14  # below this many characters a column folds a word per line: print records instead


def fits(columns: int) -> bool:
    """Whether ``columns`` columns side by side stay readable in this terminal."""
    return columns * MIN_COLUMN <= out.width


def records(rows: Sequence[dict[str, Any]], columns: Sequence[str], title: str | None = None) -> None:
    """Rows too wide for the terminal, one block per row ("column: value" lines), readable at any width."""
    if title:
        out.print(f"[bold]{safe(title)}[/bold]")
    width = max((len(c) for c in columns), default=0)
    for n, row in enumerate(rows):
        if n:
            out.print()
        for col in columns:
            value = _cell(row.get(col))
            if value:
                out.print(f"[bold]{safe(col.rjust(width))}[/bold]  {safe(value)}")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, tuple, set)):
        return "; ".join(_cell(v) for v in value)
    return str(value)


def fail(message: str, code: int = 1) -> None:
    """One line on stderr (``message`` is shown as text, never as markup) and exit ``code``."""
    console.print(f"[red]error:[/red] {safe(message, newlines=False)}", soft_wrap=True)
    sys.exit(code)


def iter_progress(label: str) -> Any:
    """A rich progress bar fed by the (stage, done, total) callbacks of Case.analyze."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeElapsedColumn
    from rich.text import Text

    class Rate(ProgressColumn):
        """Items per second over the whole run so far (documents/s across every worker)."""

        def render(self, task: Any) -> Text:
            elapsed = task.elapsed or 0.0
            return Text(f"{task.completed / elapsed:.1f}/s" if elapsed > 0 and task.completed else "", style="cyan")

    return Progress(TextColumn(f"{label} [progress.description]{{task.description}}"), BarColumn(),
                    MofNCompleteColumn(), Rate(), TimeElapsedColumn(), console=console, transient=True)


def compact(items: Iterable[str], limit: int = 3) -> str:
    items = list(items)
    return ", ".join(items[:limit]) + (f" (+{len(items) - limit})" if len(items) > limit else "")
