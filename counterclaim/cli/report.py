"""``report`` (one self-contained HTML file) and ``serve`` (the local workbench)."""

from __future__ import annotations

import secrets

import click

from .base import case_option, console, main, open_case, safe, user_option


@main.command()
@case_option
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, writable=True),
              help="HTML file to write.")
def report(case_path: str, output: str) -> None:
    """Write the case as one HTML file that opens offline and makes no network requests."""
    from ..report import write_report

    with open_case(case_path) as case:
        path = write_report(case, output)
    console.print(f"wrote {safe(path)} ({path.stat().st_size / 1024:,.0f} KiB)")


@main.command()
@case_option
@user_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind. Anything but loopback requires an access token.")
@click.option("--port", default=8765, show_default=True, type=int)
@click.option("--token", envvar="COUNTERCLAIM_TOKEN", show_envvar=True,
              help="Access token (generated and printed when binding beyond loopback and none is given).")
def serve(case_path: str, user: str, host: str, port: int, token: str | None) -> None:
    """Open the local web workbench: browse, correct, rate, undo."""
    import uvicorn

    from ..web import create_app
    from ..web.security import LOOPBACK, Guard, is_loopback

    local = is_loopback(host)
    if not local and not token:
        token = secrets.token_urlsafe(24)
    hosts = set(LOOPBACK) | ({"*"} if host in ("0.0.0.0", "::") else {host})
    app = create_app(case_path, user=user, guard=Guard(token=token, hosts=hosts))
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    url = f"http://{'[' + shown + ']' if ':' in shown else shown}:{port}/"
    console.print(f"counterclaim workbench for [bold]{safe(case_path)}[/bold] at {url}" + (f"?token={token}" if token else ""))
    if not local:
        console.print("[yellow]bound beyond loopback:[/yellow] traffic is plain HTTP; share the token only over a trusted channel")
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
