"""The Jinja2 environment shared by the report and the workbench, and the report itself.

Autoescaping is on for every template and nothing in them is marked safe
except our own static CSS/JS, which the report inlines under a CSP hash.
"""

from __future__ import annotations

import base64
import bisect
import datetime as dt
import gzip
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..version import __version__
from .findings import LEGEND, QUOTE_CHARS, date_text, technique_name
from .highlight import anchor
from .svg import figure_chart, source_colours
from .view import CaseView

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
    env.globals.update(LEGEND=LEGEND, LABELS=LABELS, QUOTE_CHARS=QUOTE_CHARS, SECTIONS=SECTIONS, anchor=anchor,
                       safe_url=safe_url, technique_name=technique_name, date_text=date_text, version=__version__,
                       RATINGS=("CC", "C", "N", "I", "II", "NA"), lazy_blocks=False)
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


def packed_data(value: object) -> str:
    """Compact JSON, gzipped and base64-encoded, for a ``<script type="application/gzip">`` data block.

    Base64 has no character that could end the element, whatever article text the value holds; gzip makes
    a large case's cards a sixth of their size (mtime 0, so the same case gives the same report)."""
    raw = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(gzip.compress(raw, mtime=0)).decode("ascii")


def utf16_offsets(text: str) -> Callable[[int], int]:
    """Python string offsets into ``text`` as JavaScript (UTF-16) offsets: characters beyond the BMP count twice."""
    astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
    return lambda offset: offset + bisect.bisect_left(astral, offset)


def card_data(view: CaseView, doc_id: str) -> dict:
    """A document's finding cards, keyed by the anchor a highlight links to.

    Quotes are not repeated: the script cuts them from the column's text at "at" (UTF-16 offsets)."""
    js_offset = utf16_offsets(view.docs[doc_id].text)

    def data(part: object) -> object:
        if isinstance(part, tuple) and part[0] in ("a", "q"):
            return (part[0], anchor(part[1]), *part[2:])
        return part

    return {f.anchor: {"k": f.kind, "b": LABELS[f.kind], "l": f.label,
                       "at": (js_offset(f.item.start), js_offset(f.item.end)),
                       "r": [(term, [data(p) for p in parts]) for term, parts in view.card_rows(f)]}
            for f in view.doc_findings(doc_id)}


def charts(view: CaseView, link: Callable[[str], str]) -> dict:
    colours = source_colours([d.id for d in view.documents])
    return {m.name: figure_chart(m, colours, link) for m in view.measures}


# Below this much article text the report is plain markup, complete in a screenshot or a static render
# before any script runs; above it (about 150 articles) heavy blocks are parsed lazily (docs/report.md).
LAZY_ABOVE_CHARS = 1_000_000


def render_report(case: Case, *, now: dt.datetime | None = None, lazy: bool | None = None) -> str:
    """The whole case as one self-contained HTML page (no network requests, no external files).

    ``lazy``: write heavy blocks for parsing on demand (default: only above ``LAZY_ABOVE_CHARS`` of text)."""
    view = CaseView(case, compact=True)
    css, js = static_text("report.css"), static_text("highlights.js") + static_text("report.js")
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
        cards=lambda doc_id: packed_data(card_data(view, doc_id)),
        lazy_blocks=lazy if lazy is not None else sum(len(d.text) for d in view.documents) > LAZY_ABOVE_CHARS,
    )


def write_report(case: Case, path: str | Path) -> Path:
    path = Path(path)
    path.write_text(render_report(case), encoding="utf-8")
    return path
