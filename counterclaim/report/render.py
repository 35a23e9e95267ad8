"""The Jinja2 environment shared by the report and the workbench, and the report itself.

Autoescaping is on for every template and nothing in them is marked safe
except our own static CSS/JS, which the report inlines under a CSP hash.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .. import __version__
from .highlight import anchor
from .svg import figure_chart, source_colours
from .view import LEGEND, CaseView, date_text, technique_name

if TYPE_CHECKING:  # pragma: no cover
    from ..case import Case

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

SECTIONS = [
    ("overview", "Overview"),
    ("narratives", "Narratives"),
    ("conflicts", "Conflicts"),
    ("figures", "Figures"),
    ("stances", "Stances"),
    ("ach", "ACH"),
    ("timeline", "Timeline"),
    ("techniques", "Techniques"),
]
LABELS = {"claim": "claim", "quantity": "figure", "date": "date", "technique": "technique", "speaker": "speaker",
          "warning": "warning"}


def safe_url(url: str | None) -> str | None:
    """The URL if it is a plain web link; anything else (javascript:, data:, ...) is shown as text only."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def environment(*extra: Path) -> Environment:
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader([*map(str, extra), str(TEMPLATES)])]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
    )
    env.globals.update(LEGEND=LEGEND, LABELS=LABELS, SECTIONS=SECTIONS, anchor=anchor, safe_url=safe_url,
                       technique_name=technique_name, date_text=date_text, version=__version__,
                       RATINGS=("CC", "C", "N", "I", "II", "NA"))
    return env


def static_text(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


def csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def inline(text: str, tag: str) -> Markup:
    """Our own static asset for inlining; refuse anything that could end its element early."""
    if f"</{tag}" in text.lower():
        raise ValueError(f"static asset contains </{tag}")
    return Markup(text)


def charts(view: CaseView, link: Callable[[str], str]) -> dict:
    colours = source_colours([d.id for d in view.documents])
    return {m.name: figure_chart(m, colours, link) for m in view.measures}


def render_report(case: Case, *, now: dt.datetime | None = None) -> str:
    """The whole case as one self-contained HTML page (no network requests, no external files)."""
    view = CaseView(case, compact=True)
    css, js = static_text("report.css"), static_text("report.js")
    csp = ("default-src 'none'; " f"style-src {csp_hash(css)}; script-src {csp_hash(js)}; "
           "img-src data:; base-uri 'none'; form-action 'none'")

    def link(annotation_id: str) -> str:
        return "#" + anchor(annotation_id)

    generated = (now or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%d %H:%M UTC")
    template = environment().get_template("report.html.j2")
    return template.render(
        view=view, link=link, doc_link=lambda doc_id: "#" + anchor(doc_id, "doc"), charts=charts(view, link),
        css=inline(css, "style"), js=inline(js, "script"), csp=csp, title=Path(case.location).name or case.location,
        generated=generated, pipeline=case.pipeline_version(), admiralty=None, ach_cell=None,
    )


def write_report(case: Case, path: str | Path) -> Path:
    path = Path(path)
    path.write_text(render_report(case), encoding="utf-8")
    return path
