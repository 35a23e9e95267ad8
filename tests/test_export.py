"""The JSON case file follows the committed schema, which is generated from the record types."""

from __future__ import annotations

import json

import jsonschema
from click.testing import CliRunner

from counterclaim.cli import main
from counterclaim.export import json_schema

from .conftest import ROOT


def test_committed_schema_is_current():
    committed = json.loads((ROOT / "case.schema.json").read_text(encoding="utf-8"))
    assert committed == json_schema(), "case.schema.json is stale: run `counterclaim schema > case.schema.json`"


def test_export_validates_and_is_complete(crocus_copy):
    case = crocus_copy
    entity = case.annotations("entity", "oakke-2024")[0]
    case.correct(entity.id, delete=True, note="not an entity")
    result = CliRunner().invoke(main, ["export", "--case", case.location, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    jsonschema.validate(data, json.loads((ROOT / "case.schema.json").read_text(encoding="utf-8")))
    docs = {d["id"]: d for d in data["documents"]}
    assert docs["oakke-2024"]["published"] == "2024-01-18"
    assert docs["oakke-2024"]["outlet"] == "OAKKE"
    # every annotation points into its document's text
    for layer, items in data["annotations"].items():
        for item in items:
            assert 0 <= item["start"] <= item["end"] <= len(docs[item["doc_id"]]["text"]), (layer, item["id"])
    assert entity.id not in {e["id"] for e in data["annotations"]["entity"]}
    assert data["analyst"]["correction"][entity.id]["data"] == {"deleted": True}
    assert data["edits"][0]["note"] == "not an entity"
