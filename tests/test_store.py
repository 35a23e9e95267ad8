"""Case store: incremental analysis, interrupted-run resume, corrections, audit, concurrency."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import update

from counterclaim import Case
from counterclaim.pipeline import registry
from counterclaim.store.db import ConflictError, Store, StoreError, meta

from .conftest import CORPUS, ICWP


def test_reanalysis_is_incremental(tmp_path):
    case = Case(tmp_path)
    first = case.analyze([str(ICWP)])
    assert first.added == ["icwp-2024-03-27"]
    before = case.annotations("sentence")
    second = case.analyze([str(CORPUS)])
    assert second.added == ["oakke-2024"]
    assert second.unchanged == ["icwp-2024-03-27"] and second.reanalysed == []
    assert [a.id for a in case.annotations("sentence", "icwp-2024-03-27")] == [a.id for a in before]
    # The same text under another name is a duplicate, not a new document.
    copy = tmp_path / "copy.txt"
    copy.write_text(ICWP.read_text(encoding="utf-8"), encoding="utf-8")
    third = case.analyze([str(copy)])
    assert third.added == [] and third.unchanged == ["icwp-2024-03-27"]


def test_new_pipeline_version_reanalyses(tmp_path, monkeypatch):
    case = Case(tmp_path)
    case.analyze([str(ICWP)])
    nlp_stage = registry.get("nlp")
    monkeypatch.setitem(registry.stages, "nlp", dataclasses.replace(nlp_stage, version="changed"))
    result = case.analyze([str(ICWP)])
    assert result.reanalysed == ["icwp-2024-03-27"] and result.unchanged == []


def test_interrupted_run_resumes(tmp_path, monkeypatch):
    nlp_stage = registry.get("nlp")

    def crash_on_oakke(ctx):
        if ctx.document.id == "oakke-2024":
            raise KeyboardInterrupt("power cut")
        return nlp_stage.fn(ctx)

    monkeypatch.setitem(registry.stages, "nlp", dataclasses.replace(nlp_stage, fn=crash_on_oakke))
    case = Case(tmp_path)
    with pytest.raises(KeyboardInterrupt):
        case.analyze([str(CORPUS)])
    status = case.store.document_status()
    assert status["icwp-2024-03-27"][0] == "analysed"
    assert status["oakke-2024"] == ("ingested", None)
    assert case.annotations("sentence", "oakke-2024") == []  # nothing half-written

    monkeypatch.setitem(registry.stages, "nlp", nlp_stage)
    resumed = Case(tmp_path).analyze()  # no inputs: finish what is pending
    assert resumed.reanalysed == []
    assert Case(tmp_path).store.document_status()["oakke-2024"][0] == "analysed"
    assert len(Case(tmp_path).annotations("sentence", "oakke-2024")) > 20


def test_worker_processes_give_the_same_analysis(tmp_path, crocus_case):
    """--n-process: whole documents (parse and stages) in worker processes, written by this one, in order."""
    case = Case(tmp_path)
    case.analyze([str(CORPUS)], n_process=2, batch_size=1, run_case_stages=False)
    assert [d.id for d in case.documents()] == [d.id for d in crocus_case.documents()]
    assert set(case.store.document_status().values()) == {("analysed", crocus_case.pipeline_version())}
    for layer in ("sentence", "entity", "claim", "quantity", "date", "technique", "warning"):
        assert case.annotations(layer) == crocus_case.annotations(layer), layer
    doc_id = crocus_case.documents()[0].id
    assert [t.dep_ for t in case.parse(doc_id)] == [t.dep_ for t in crocus_case.parse(doc_id)]


def test_corrections_never_touch_source_and_are_undoable(crocus_copy):
    case = crocus_copy
    entity = next(e for e in case.annotations("entity", "icwp-2024-03-27") if e.text == "Crocus Hall")
    original_text = case.document("icwp-2024-03-27").text
    case.correct(entity.id, label="FAC", note="a building, not an organisation")
    assert case.annotation(entity.id).label == "FAC"
    assert case.annotation_original(entity.id).label == "ORG"
    case.correct(entity.id, delete=True)
    assert entity.id not in {e.id for e in case.annotations("entity")}
    edits = case.store.edits("correction", entity.id)
    assert [e.action for e in edits] == ["correct", "delete"]
    assert edits[0].old is None and edits[0].new == {"set": {"label": "FAC"}} and edits[0].note
    case.undo(edits[1].id)
    assert case.annotation(entity.id).label == "FAC"
    case.undo(edits[0].id)
    assert case.annotation(entity.id).label == "ORG"
    with pytest.raises(StoreError):
        case.undo(edits[0].id)
    assert case.document("icwp-2024-03-27").text == original_text
    with pytest.raises(ValueError):
        case.correct(entity.id, start="not a number")


def test_optimistic_concurrency(tmp_path):
    store = Store.open(tmp_path)
    rev = store.put_analyst("rating", "E1:H1", {"rating": "I"}, user="ana", expected_rev=0)
    assert rev == 1
    store.put_analyst("rating", "E1:H1", {"rating": "II"}, user="bo", expected_rev=1)
    with pytest.raises(ConflictError, match="changed by someone else"):
        store.put_analyst("rating", "E1:H1", {"rating": "C"}, user="ana", expected_rev=1)
    assert store.analyst_item("rating", "E1:H1") == ({"rating": "II"}, 2)


def test_newer_schema_is_refused(tmp_path):
    store = Store.open(tmp_path)
    with store.transaction() as conn:
        conn.execute(update(meta).where(meta.c.key == "schema_version").values(value="999"))
    store.close()
    with pytest.raises(StoreError, match="newer than this counterclaim"):
        Store.open(tmp_path)
