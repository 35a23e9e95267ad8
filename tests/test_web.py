"""The workbench over HTTP (TestClient): guards, audited edits, undo, optimistic concurrency."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from counterclaim.report.highlight import anchor
from counterclaim.web import create_app
from counterclaim.web.security import Guard

from .test_report import hostile_case, inert_problems  # noqa: F401  (a shared fixture)

BASE = "http://127.0.0.1"
PAGES = ["/", "/narratives", "/conflicts", "/figures", "/stances", "/hypotheses", "/ach", "/timeline", "/techniques",
         "/entities", "/edits"]


def client_for(case, **guard) -> TestClient:
    case.store.engine.dispose()
    return TestClient(create_app(case.location, user="tester", guard=Guard(**guard)), base_url=BASE,
                      follow_redirects=False)


@pytest.fixture
def web(crocus_copy) -> TestClient:
    return client_for(crocus_copy)


def csrf(client: TestClient, case) -> str:
    html = client.get(f"/doc/{first_doc(case)}").text
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def form_of(html: str, action: str, contains: str = "") -> dict[str, str]:
    """The hidden and preset fields of the first form posting to ``action`` (that contains ``contains``)."""
    pattern = rf'<form method="post" action="{re.escape(action)}".*?</form>'
    for form in re.findall(pattern, html, re.DOTALL):
        if contains in form:
            fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
            return {k: v.replace("&#34;", '"').replace("&#39;", "'").replace("&amp;", "&") for k, v in fields.items()}
    raise AssertionError(f"no form posting to {action} containing {contains!r}")


def first_doc(case) -> str:
    return next(d.id for d in case.documents() if case.claims(d.id))


# --------------------------------------------------------------------------- pages and guards


def test_every_page_renders_with_security_headers(web, crocus_copy):
    for path in PAGES + [f"/doc/{d.id}" for d in crocus_copy.documents()]:
        r = web.get(path)
        assert r.status_code == 200, path
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
        assert r.headers["x-content-type-options"] == "nosniff"
        assert not inert_problems(r.text, own_scripts=2), path  # only our /static/highlights.js and app.js


def test_session_cookie_is_httponly_and_samesite_strict(web):
    r = web.get("/")
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie


def test_writes_need_the_csrf_token_and_same_origin(web, crocus_copy):
    claim = crocus_copy.claims()[0]
    data = {"annotation_id": claim.id, "action": "delete", "next": "/"}
    assert web.post("/correct", data=data).status_code == 403
    assert web.post("/correct", data=data | {"csrf": "forged"}).status_code == 403
    token = csrf(web, crocus_copy)
    assert web.post("/correct", data=data | {"csrf": token}, headers={"Origin": "http://evil.example"}).status_code == 403
    assert crocus_copy.store.edits() == []
    assert web.post("/correct", data=data | {"csrf": token}, headers={"Origin": BASE}).status_code == 303


def test_foreign_host_header_is_refused(web):
    # DNS rebinding: a page on evil.example resolving to 127.0.0.1 sends its own Host.
    assert web.get("/", headers={"Host": "evil.example"}).status_code == 400


def test_token_required_when_set(crocus_copy):
    client = client_for(crocus_copy, token="s3cret", hosts={"*"})
    assert client.get("/").status_code == 401
    assert client.get("/", headers={"Authorization": "Bearer wrong"}).status_code == 401
    r = client.get("/narratives?token=s3cret")
    assert r.status_code == 303 and r.headers["location"] == "/narratives"  # the token leaves the address bar
    assert client.get("/narratives").status_code == 200  # now by cookie


def test_cli_serve_refuses_nothing_but_prints_a_token_beyond_loopback(monkeypatch, crocus_copy):
    import uvicorn
    from click.testing import CliRunner

    from counterclaim.cli import main

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw, app=app))
    result = CliRunner().invoke(main, ["serve", "--case", crocus_copy.location, "--host", "0.0.0.0", "--port", "9"])
    assert result.exit_code == 0, result.output
    assert re.search(r"\?token=[\w-]{20,}", result.output)
    assert seen["host"] == "0.0.0.0"
    result = CliRunner().invoke(main, ["serve", "--case", crocus_copy.location])
    assert "token" not in result.output and seen["host"] == "127.0.0.1"


# --------------------------------------------------------------------------- edits


def test_delete_a_claim_is_audited_and_undoable(web, crocus_copy):
    doc_id = first_doc(crocus_copy)
    claim = crocus_copy.claims(doc_id)[0]
    page = web.get(f"/doc/{doc_id}").text
    fields = form_of(page, "/correct", claim.id)
    r = web.post("/correct", data=fields | {"action": "delete", "note": "not in the source"})
    assert r.status_code == 303 and "done=deleted" in r.headers["location"]
    assert claim.id not in {c.id for c in crocus_copy.claims(doc_id)}
    page = web.get(f"/doc/{doc_id}").text
    assert "Corrected by an analyst" in page and f'id="{anchor(claim.id, "card")}"' not in page
    log = web.get("/edits").text
    assert "tester" in log and "not in the source" in log and claim.id in log
    undo = form_of(log, "/undo")
    assert web.post("/undo", data=undo).status_code == 303
    assert claim.id in {c.id for c in crocus_copy.claims(doc_id)}
    assert [e.action for e in crocus_copy.store.edits()] == ["delete", "undo"]


def test_pages_follow_writes_from_another_process(web, crocus_copy):
    """The app keeps one read model until the case changes; a write through another connection
    (another process: `counterclaim correct`, a second server) shows on the next page load."""
    from counterclaim import Case

    doc_id = first_doc(crocus_copy)
    claim = crocus_copy.claims(doc_id)[0]
    card = f'id="{anchor(claim.id, "card")}"'
    highlight = f'href="/doc/{doc_id}#{anchor(claim.id, "card")}"'
    assert card in web.get(f"/doc/{doc_id}").text
    assert highlight in web.get("/narratives").text and highlight in web.get("/narratives").text  # rendered, then kept
    other = Case(crocus_copy.location, user="someone-else")
    before = other.store.generation()
    other.correct(claim.id, delete=True, note="from the command line")
    assert other.store.generation() > before
    assert card not in web.get(f"/doc/{doc_id}").text
    assert highlight not in web.get("/narratives").text
    assert "someone-else" in web.get("/edits").text
    other.close()


def test_narratives_link_each_highlight_to_its_document_page(web, crocus_copy):
    html = web.get("/narratives").text
    doc_id = first_doc(crocus_copy)
    claim = crocus_copy.claims(doc_id)[0]
    assert f'href="/doc/{doc_id}#{anchor(claim.id, "card")}"' in html
    assert f'href="/doc/{doc_id}"' in html and "review and correct" in html
    assert 'class="card' not in html  # cards, with their forms, live on the document pages


def test_fix_a_figure_and_a_stale_second_save_is_refused(web, crocus_copy):
    quantity = next(q for q in crocus_copy.annotations("quantity") if q.value is not None)
    page = web.get(f"/doc/{quantity.doc_id}").text
    fields = form_of(page, "/correct", quantity.id)
    first = web.post("/correct", data=fields | {"action": "set", "value": "145", "measure": quantity.measure or ""})
    assert first.status_code == 303
    fixed = crocus_copy.annotation(quantity.id)
    assert fixed.value == 145 and crocus_copy.annotation_original(quantity.id).value == quantity.value
    # A second tab still holds the form rendered before the first save.
    second = web.post("/correct", data=fields | {"action": "set", "value": "150"})
    assert second.status_code == 409
    assert "Not saved" in second.text and "changed by someone else" in second.text
    assert crocus_copy.annotation(quantity.id).value == 145


def test_invalid_correction_is_refused_with_a_reason(web, crocus_copy):
    quantity = crocus_copy.annotations("quantity")[0]
    fields = form_of(web.get(f"/doc/{quantity.doc_id}").text, "/correct", quantity.id)
    r = web.post("/correct", data=fields | {"action": "set", "value": "many"})
    assert r.status_code == 422 and "not a valid value" in r.text
    assert crocus_copy.store.edits() == []


def test_next_cannot_redirect_off_site(web, crocus_copy):
    claim = crocus_copy.claims()[0]
    r = web.post("/correct", data={"csrf": csrf(web, crocus_copy), "annotation_id": claim.id, "action": "delete",
                                   "next": "//evil.example/x"})
    assert r.headers["location"].startswith("/?")


def test_downloaded_report_is_sandboxed(web):
    r = web.get("/report.html")
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    assert r.headers["content-security-policy"].startswith("sandbox")


def test_hostile_documents_render_inert(hostile_case):  # noqa: F811
    client = client_for(hostile_case)
    for path in PAGES + [f"/doc/{d.id}" for d in hostile_case.documents()]:
        r = client.get(path)
        assert r.status_code == 200, path
        assert not inert_problems(r.text, own_scripts=2), (path, inert_problems(r.text, own_scripts=2))
        assert 'href="javascript:' not in r.text.lower()


# --------------------------------------------------------------------------- stage APIs through the forms


def test_ach_rating_and_source_reliability_are_audited(web, crocus_copy):
    page = web.get("/ach").text
    fields = form_of(page, "/ach/rate")
    assert web.post("/ach/rate", data=fields | {"rating": "II", "note": "forged"}).status_code == 303
    row = crocus_copy.ach.row(fields["evidence"])
    assert row.cells[fields["hypothesis"]].rating == "II" and row.cells[fields["hypothesis"]].by == "analyst"
    assert web.post("/ach/rate", data=fields | {"rating": "C"}).status_code == 409  # the stale form
    assert web.post("/ach/rate", data=fields | {"expected_rev": "1", "rating": "bogus"}).status_code == 422

    source = form_of(web.get("/").text, "/source")
    assert web.post("/source", data=source | {"reliability": "B"}).status_code == 303
    assert crocus_copy.ach.source_reliability(source["source"]) == "B"
    assert "<td class=\"mono\">" in web.get("/").text
    assert [e.action for e in crocus_copy.store.edits()] == ["rate", "rate source"]


def test_hypotheses_add_rename_merge(web, crocus_copy):
    page = web.get("/hypotheses").text
    add = form_of(page, "/hypotheses/add")
    assert web.post("/hypotheses/add", data=add | {"label": "Russian state false flag", "aliases": "FSB, Kremlin"}
                    ).status_code == 303
    added = next(h for h in crocus_copy.hypotheses.list() if h.label == "Russian state false flag")
    page = web.get("/hypotheses").text
    rename = form_of(page, "/hypotheses/rename", f'value="{added.id}"')
    assert web.post("/hypotheses/rename", data=rename | {"label": "FSB false flag"}).status_code == 303
    assert web.post("/hypotheses/rename", data=rename | {"label": "stale"}).status_code == 409
    assert crocus_copy.hypotheses.get(added.id).label == "FSB false flag"
    other = next(h for h in crocus_copy.hypotheses.list() if h.id != added.id)
    merge = form_of(page, "/hypotheses/merge")
    assert web.post("/hypotheses/merge", data=merge | {"target": other.id, "other": added.id}).status_code == 303
    assert crocus_copy.hypotheses.get(added.id).status == "merged"


def test_alias_merge_and_split(web, crocus_copy):
    page = web.get("/entities").text
    merge = form_of(page, "/aliases/merge")
    assert web.post("/aliases/merge", data=merge | {"alias": "Kyiv regime", "canonical": "Ukraine"}).status_code == 303
    assert crocus_copy.alignment.alias_table().resolve("Kyiv regime") == "Ukraine"
    page = web.get("/entities").text
    split = form_of(page, "/aliases/split", 'value="Kyiv regime"')
    assert web.post("/aliases/split", data=split).status_code == 303
    assert crocus_copy.alignment.alias_table().resolve("Kyiv regime") is None
    assert [e.action for e in crocus_copy.store.edits()] == ["alias", "unalias"]
