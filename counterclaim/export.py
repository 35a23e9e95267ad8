"""The JSON case file and its published schema (``case.schema.json``).

The schema is generated from the record types, so it cannot drift from the
code; a test compares the committed file with the generated one and validates
a real export against it.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from .model import ANNOTATION_TYPES, CASE_RECORD_TYPES, Document, Edit
from .runner import CaseAccess
from .store.db import SCHEMA_VERSION
from .version import __version__

FORMAT = "counterclaim-case"


class AnalystItem(BaseModel):
    model_config = ConfigDict(extra="forbid")
    data: Any
    rev: int


def export_model() -> type[BaseModel]:
    """The pydantic model of a whole case file, over every registered layer."""
    from . import stages  # noqa: F401  (layers register on import)

    annotation_fields: dict[str, Any] = {
        layer: (list[cls], Field(default_factory=list)) for layer, cls in sorted(ANNOTATION_TYPES.items())
    }
    record_fields: dict[str, Any] = {
        layer: (list[cls], Field(default_factory=list)) for layer, cls in sorted(CASE_RECORD_TYPES.items())
    }
    config = ConfigDict(extra="forbid")
    Annotations = create_model("Annotations", __config__=config, **annotation_fields)
    Records = create_model("Records", __config__=config, **record_fields)
    return create_model(
        "CaseFile",
        __config__=config,
        format=(str, FORMAT),
        schema_version=(int, SCHEMA_VERSION),
        counterclaim_version=(str, ...),
        pipeline_version=(str, ...),
        documents=(list[Document], ...),
        annotations=(Annotations, ...),
        records=(Records, ...),
        analyst=(dict[str, dict[str, AnalystItem]], ...),
        edits=(list[Edit], ...),
    )


def json_schema() -> dict[str, Any]:
    schema = export_model().model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://counterclaim.invalid/case.schema.json"
    schema["title"] = "counterclaim case file"
    return schema


def export_case(case: CaseAccess) -> dict[str, Any]:
    """Every document, annotation (corrections applied), record and analyst edit of a case."""
    analyst: dict[str, dict[str, Any]] = {}
    for kind in case.store.analyst_kinds():
        items = case.store.analyst_items(kind)
        if items:
            analyst[kind] = {key: {"data": data, "rev": rev} for key, (data, rev) in items.items()}
    return {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "counterclaim_version": __version__,
        "pipeline_version": case.pipeline_version(),
        "documents": [d.model_dump(mode="json") for d in case.documents()],
        "annotations": {layer: [a.model_dump(mode="json") for a in case.annotations(layer)] for layer in ANNOTATION_TYPES},
        "records": {layer: [r.model_dump(mode="json") for r in case.records(layer)] for layer in CASE_RECORD_TYPES},
        "analyst": analyst,
        "edits": [e.model_dump(mode="json") for e in case.store.edits()],
    }
