"""The local workbench: server-rendered pages over one case, with audited, undoable edits.

Pages render the same :class:`~counterclaim.report.view.CaseView` and section
templates as the offline report; edits go through the Case and stage APIs,
which store them as analyst items with ``expected_rev`` so two tabs never
silently overwrite each other (the stale save gets HTTP 409).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from starlette.datastructures import FormData

from ..ach.checklists import checklists
from ..case import Case
from ..report.highlight import anchor
from ..report.render import SECTIONS, charts, environment, render_report
from ..report.render import STATIC as REPORT_STATIC
from ..report.view import CaseView
from ..store.db import ConflictError, StoreError
from . import edits
from .security import Guard, GuardMiddleware

HERE = Path(__file__).parent
STATIC_FILES = {
    "report.css": (REPORT_STATIC / "report.css", "text/css"),
    "highlights.js": (REPORT_STATIC / "highlights.js", "text/javascript"),
    "app.js": (HERE / "static" / "app.js", "text/javascript"),
}
NOTICES = {
    "saved": "Saved.", "deleted": "Extraction marked as false.", "undone": "Edit undone.",
    "rated": "Rating saved.", "merged": "Merged.", "added": "Added.", "renamed": "Renamed.", "split": "Alias removed.",
    "split-off": "Split off into a new hypothesis.", "event-kind": "Event kind saved.",
}
NAV = [("/", "Overview"), ("/narratives", "Narratives"), ("/conflicts", "Conflicts"), ("/figures", "Figures"),
       ("/stances", "Stances"), ("/hypotheses", "Hypotheses"), ("/ach", "ACH"), ("/timeline", "Timeline"),
       ("/techniques", "Techniques"), ("/entities", "Entities"), ("/edits", "Audit log")]


def create_app(location: str | Path, *, user: str = "analyst", guard: Guard | None = None) -> FastAPI:
    """The workbench for the case at ``location``; ``guard`` sets token and accepted hosts."""
    bench = Workbench(Case(location, user=user), guard or Guard())
    app = FastAPI(title="counterclaim", docs_url=None, redoc_url=None, openapi_url=None)
    app.add_middleware(GuardMiddleware, guard=bench.guard)
    app.state.case = bench.case
    _page_routes(app, bench)
    _file_routes(app, bench)
    _write_routes(app, bench)
    return app


class Workbench:
    """One case as the app serves it: the cached read model, page rendering, and the write protocol."""

    def __init__(self, case: Case, guard: Guard):
        self.case = case
        self.guard = guard
        self.env = environment(HERE / "templates")
        self.cached: dict[str, Any] = {}  # the last CaseView and the store generation it was read at
        self.lock = threading.Lock()

    @staticmethod
    def link(annotation_id: str) -> str:
        return Workbench.doc_link(annotation_id.split("/", 1)[0]) + "#" + anchor(annotation_id)

    @staticmethod
    def doc_link(doc_id: str) -> str:
        return "/doc/" + quote(doc_id, safe="")

    def current_view(self) -> CaseView:
        """The case as the pages show it, rebuilt only after a write (from this app or any other process):
        building it reads the whole case, seconds for a few hundred documents."""
        generation = self.case.store.generation()
        with self.lock:
            if self.cached.get("generation") == generation:
                return self.cached["view"]
        # Kept under the generation read before it: the view reads the case lazily, later, and any write
        # in between (another process, or the stages refreshed after an edit) moves the generation, so the
        # next request builds afresh. No view outlives a write it did not see.
        view = CaseView(self.case)
        with self.lock:
            self.cached.update(generation=generation, view=view, sections={})
        return view

    def section_body(self, view: CaseView, section_id: str) -> Markup:
        """A section without forms, rendered once per read model (narratives: about 1.5 s for 200 documents)."""
        with self.lock:
            body = self.cached["sections"].get(section_id) if self.cached.get("view") is view else None
        if body is None:
            body = Markup(self.env.get_template("section_body.html.j2").render(
                view=view, section=section_id, link=self.link, doc_link=self.doc_link, admiralty=None,
                ach_cell=None, charts=charts(view, self.link) if section_id == "figures" else {}))
            with self.lock:
                if self.cached.get("view") is view:
                    self.cached["sections"][section_id] = body
        return body

    def page(self, request: Request, template: str, *, status: int = 200, view: CaseView | None = None,
             error: str | None = None, **context: Any) -> HTMLResponse:
        view = view or self.current_view()
        case = self.case
        notice = NOTICES.get(request.query_params.get("done", ""))
        revs = {k: r for k, (_d, r) in case.store.analyst_items("correction", include_deleted=True).items()}
        html = self.env.get_template(template).render(
            view=view, link=self.link, doc_link=self.doc_link, csrf=request.state.csrf, path=request.url.path,
            nav=NAV, user=case.user, case_name=Path(case.location).name or case.location, notice=notice,
            error=error, admiralty=None, ach_cell=None, correction_rev=lambda i: revs.get(i, 0), **context)
        return HTMLResponse(html, status_code=status)

    async def form(self, request: Request) -> FormData:
        """The posted form, after the CSRF check every write must pass."""
        data = await request.form()
        if not self.guard.csrf_ok(request.state.session, data.get("csrf")):
            raise HTTPException(403, "missing or invalid CSRF token: reload the page and try again")
        return data

    @staticmethod
    def done(data: FormData, code: str) -> RedirectResponse:
        target = data.get("next") if isinstance(data.get("next"), str) else "/"
        target = target or "/"
        if not target.startswith("/") or target.startswith(("//", "/\\")):
            target = "/"
        path, _, fragment = target.partition("#")
        sep = "&" if "?" in path else "?"
        return RedirectResponse(f"{path}{sep}done={code}" + (f"#{fragment}" if fragment else ""), status_code=303)

    def refused(self, request: Request, data: FormData, message: str, status: int) -> HTMLResponse:
        return self.page(request, "refused.html.j2", status=status, error=message, title="Not saved",
                         back=data.get("next") if isinstance(data.get("next"), str) else "/")

    def write(self, request: Request, data: FormData, action: Callable[[], str]) -> Response:
        """Run one edit; a stale revision is refused with 409, a bad value with 422."""
        try:
            code = action()
        except ConflictError as exc:
            return self.refused(request, data, f"Not saved: {exc}", 409)
        except (StoreError, KeyError, ValueError, TypeError, OverflowError) as exc:
            # AchError and HypothesisError are ValueErrors; a form field of the wrong shape is a TypeError
            return self.refused(request, data, f"Not saved: {_first_line(exc)}", 422)
        return self.done(data, code)


def _page_routes(app: FastAPI, bench: Workbench) -> None:
    case, page = bench.case, bench.page

    @app.get("/", response_class=HTMLResponse)
    def overview(request: Request) -> HTMLResponse:
        return page(request, "section.html.j2", section="overview", title="Overview")

    for section_id, label in SECTIONS:
        if section_id in ("overview", "ach"):
            continue

        def section_page(request: Request, section_id: str = section_id, label: str = label) -> HTMLResponse:
            view = bench.current_view()
            return page(request, "section.html.j2", view=view, section=section_id, title=label,
                        body=bench.section_body(view, section_id))

        app.add_api_route(f"/{section_id}", section_page, methods=["GET"], response_class=HTMLResponse)

    @app.get("/doc/{doc_id}", response_class=HTMLResponse)
    def document(request: Request, doc_id: str) -> HTMLResponse:
        view = bench.current_view()
        if doc_id not in view.docs:
            raise HTTPException(404, "no such document")
        return page(request, "document.html.j2", view=view, doc=view.docs[doc_id], title=view.docs[doc_id].title or doc_id,
                    corrections=edits.corrections(case, doc_id))

    @app.get("/hypotheses", response_class=HTMLResponse)
    def hypotheses(request: Request) -> HTMLResponse:
        return page(request, "hypotheses.html.j2", title="Hypotheses")

    @app.get("/ach", response_class=HTMLResponse)
    def ach(request: Request) -> HTMLResponse:
        # The form's revision counts a kind set and then returned to detection (a deleted item keeps its rev).
        kind_rev = case.store.analyst_items("event_kind", include_deleted=True).get("case", (None, 0))[1]
        return page(request, "ach.html.j2", title="ACH", event_kind=case.ach.event_kind(), kind_rev=kind_rev,
                    kinds=checklists())

    @app.get("/entities", response_class=HTMLResponse)
    def entities(request: Request) -> HTMLResponse:
        return page(request, "entities.html.j2", title="Entities", entities=edits.entity_table(case))

    @app.get("/edits", response_class=HTMLResponse)
    def audit(request: Request) -> HTMLResponse:
        log = list(reversed(case.store.edits()))
        return page(request, "edits.html.j2", title="Audit log", log=log, dumps=_dumps)


def _file_routes(app: FastAPI, bench: Workbench) -> None:
    case = bench.case

    @app.get("/report.html")
    def report() -> Response:
        # The offline report carries its own CSP (inline hashes); replace the app's for this download.
        html = render_report(case)
        name = (Path(case.location).name or "case") + "-report.html"
        return Response(html, media_type="text/html; charset=utf-8", headers={
            "Content-Disposition": f'attachment; filename="{quote(name)}"',
            "Content-Security-Policy": "sandbox; default-src 'none'; frame-ancestors 'none'"})

    @app.get("/favicon.ico")
    def favicon() -> Response:
        return Response(status_code=204)

    @app.get("/static/{name}")
    def static(name: str) -> Response:
        if name not in STATIC_FILES:
            raise HTTPException(404)
        path, media = STATIC_FILES[name]
        return Response(path.read_bytes(), media_type=media, headers={"Cache-Control": "no-cache"})


def _write_routes(app: FastAPI, bench: Workbench) -> None:
    case, write, form = bench.case, bench.write, bench.form

    @app.post("/correct")
    def correct(request: Request, data: FormData = Depends(form)) -> Response:  # noqa: B008
        return write(request, data, lambda: edits.correct(case, data))

    @app.post("/undo")
    def undo(request: Request, data: FormData = Depends(form)) -> Response:  # noqa: B008
        def undo_edit() -> str:
            edit_id = edits.number(data, "edit_id")
            if edit_id is None:
                raise ValueError("edit_id is required")
            case.undo(edit_id)
            return "undone"

        return write(request, data, undo_edit)

    @app.post("/source")
    def source(request: Request, data: FormData = Depends(form)) -> Response:  # noqa: B008
        return write(request, data, lambda: edits.set_source_rating(case, data))

    @app.post("/ach/rate")
    def rate(request: Request, data: FormData = Depends(form)) -> Response:  # noqa: B008
        return write(request, data, lambda: edits.rate(case, data))

    @app.post("/ach/event-kind")
    def event_kind(request: Request, data: FormData = Depends(form)) -> Response:  # noqa: B008
        return write(request, data, lambda: edits.set_event_kind(case, data))

    @app.post("/hypotheses/{action}")
    def hypotheses_edit(request: Request, action: str, data: FormData = Depends(form)) -> Response:  # noqa: B008
        fn = {"add": edits.hypothesis_add, "rename": edits.hypothesis_rename, "merge": edits.hypothesis_merge,
              "split": edits.hypothesis_split}.get(action)
        if fn is None:
            raise HTTPException(404)
        return write(request, data, lambda: fn(case, data))

    @app.post("/aliases/{action}")
    def aliases_edit(request: Request, action: str, data: FormData = Depends(form)) -> Response:  # noqa: B008
        fn = {"merge": edits.alias_merge, "split": edits.alias_split}.get(action)
        if fn is None:
            raise HTTPException(404)
        return write(request, data, lambda: fn(case, data))


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().strip("'\"")
    return text.splitlines()[0][:300] if text else type(exc).__name__


def _dumps(value: Any) -> str:
    return "—" if value is None else json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)
