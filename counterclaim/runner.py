"""Runs case stages over a store: reads each stage's inputs, calls it, writes what it returns.

Stages never see the store. For each case stage the runner computes one fingerprint of its
inputs (the stage's name and version, which documents are analysed with which pipeline and their
metadata, the analyst items it reads, analyst corrections when it reads annotations, and the fingerprints of
the stages that add the records it reads). A stage whose stored fingerprint differs is stale: it
is re-run and its records, its state and the new fingerprint are written. That is the one
invalidation scheme for every derived record; reading never runs a stage.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from typing import Any, Protocol

from .model import Annotation, CaseRecord, Document
from .pipeline import ANALYST, BASE_INPUTS, CaseInputs, Stage, allocate_id, registry
from .store.db import Store

ProgressFn = Callable[[str, int, int], None]


class CaseAccess(Protocol):
    """What the stage APIs (``case.alignment``, ``case.hypotheses``, ``case.ach``) and the export use of a case."""

    store: Store
    user: str

    def documents(self) -> list[Document]: ...

    def records(self, layer: str) -> list[CaseRecord]: ...

    def annotations(self, layer: str, doc_id: str | None = None, *, corrected: bool = True) -> list[Annotation]: ...

    def stage_inputs(self, name: str) -> CaseInputs: ...

    def pipeline_version(self) -> str: ...

    def refresh(self, progress: ProgressFn | None = None) -> list[str]: ...


def corrected(item: Annotation, fix: tuple[Any, int] | None) -> Annotation | None:
    """``item`` with an analyst correction applied; None when the analyst deleted it."""
    if fix is None:
        return item
    if fix[0].get("deleted"):
        return None
    return type(item).model_validate(item.model_dump() | fix[0].get("set", {}))


def annotations(store: Store, layer: str | None, doc_id: str | None = None) -> list[Annotation]:
    """One layer (or every layer) with the analyst's corrections applied."""
    items = store.annotations(layer, doc_id)
    corrections = store.analyst_items("correction")
    if not corrections:
        return items
    fixed = (corrected(item, corrections.get(item.id)) for item in items)
    return [item for item in fixed if item is not None]


def _kinds(stage: Stage) -> list[str]:
    return [n[len(ANALYST):] for n in stage.needs if n.startswith(ANALYST)]


def _layers(stage: Stage, registered: Iterable[str]) -> tuple[list[str], list[str]]:
    """(annotation layers, record layers) among what ``stage`` needs."""
    names = [n for n in stage.needs if not n.startswith(ANALYST) and n not in BASE_INPUTS]
    records = set(registered)
    return [n for n in names if n not in records], [n for n in names if n in records]


def load_inputs(store: Store, stage: Stage, record_layers: Iterable[str]) -> CaseInputs:
    """Everything ``stage`` declared it needs, read from the store (corrections applied)."""
    annotation_layers, record_names = _layers(stage, record_layers)
    return CaseInputs(
        documents=store.documents(),
        annotations={layer: annotations(store, layer) for layer in annotation_layers},
        records={layer: store.records(layer) for layer in record_names},
        analyst={kind: store.analyst_items(kind) for kind in _kinds(stage)},
        state=stage_state(store, stage),
    )


# Where the id maps lived before stages had state (cases analysed before then keep their ids).
LEGACY_STATE = {"hypotheses": "hypotheses.ids", "ach": "ach.evidence_ids"}


def stage_state(store: Store, stage: Stage) -> dict[str, Any]:
    """What ``stage`` returned as state last time."""
    state = store.get_meta(stage.state_key)
    if state is None and stage.name in LEGACY_STATE:
        legacy = store.get_meta(LEGACY_STATE[stage.name])
        return {"ids": json.loads(legacy)} if legacy else {}
    return json.loads(state) if state else {}


def fingerprint(store: Store, stage: Stage, upstream: dict[str, str], record_layers: Iterable[str]) -> str:
    """The fingerprint of ``stage``'s inputs; ``upstream``: layer -> fingerprint of the stage that adds it."""
    annotation_layers, record_names = _layers(stage, record_layers)
    kinds = _kinds(stage) + (["correction"] if annotation_layers else [])
    state = {
        "stage": [stage.name, stage.version],
        "documents": sorted(store.document_status().items()),
        "metadata": sorted(store.document_digests().items()),  # a changed outlet or date re-runs the stage
        "analyst": {kind: store.analyst_items(kind) for kind in kinds},
        "records": {layer: upstream.get(layer) for layer in record_names},
    }
    return hashlib.sha256(json.dumps(state, sort_keys=True, default=str).encode()).hexdigest()[:16]


def new_analyst_id(store: Store, stage_name: str, prefix: str) -> str:
    """Allocate, in the id map of stage ``stage_name``, the id of something the analyst adds (H7, E12)."""
    stage = registry.get(stage_name)
    legacy = stage_state(store, stage)  # read first: a case from before stage state keeps its ids

    def allocate(old: str | None) -> tuple[str, str]:  # in one transaction: two tabs never get one id
        state = json.loads(old) if old else legacy
        ids = state.setdefault("ids", {})
        new = allocate_id(ids, f"analyst:{len(ids)}", prefix)
        return json.dumps(state, sort_keys=True), new

    return store.update_meta(stage.state_key, allocate)


def fingerprint_key(stage: Stage) -> str:
    return f"stage.{stage.name}.fingerprint"


def refresh(store: Store, stages: list[Stage], *, force: bool = False, progress: ProgressFn | None = None) -> list[str]:
    """Re-run the stale case stages (every one with ``force``), in order; returns the names of those run."""
    record_layers = {layer for s in stages for layer in s.adds}
    upstream: dict[str, str] = {}
    ran: list[str] = []
    for n, stage in enumerate(stages, 1):
        fp = fingerprint(store, stage, upstream, record_layers)
        if force or store.get_meta(fingerprint_key(stage)) != fp:
            result = stage.fn(load_inputs(store, stage, record_layers))
            store.replace_records(stage.adds, result.records)
            if result.state is not None:
                store.set_meta(stage.state_key, json.dumps(result.state, sort_keys=True))
            store.set_meta(fingerprint_key(stage), fp)
            ran.append(stage.name)
        upstream |= {layer: fp for layer in stage.adds}
        if progress:
            progress("case", n, len(stages))
    return ran
