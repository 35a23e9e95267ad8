"""Hypothesis edits (add, merge, split) through the CLI and the workbench, where each hypothesis comes from,
what does not count as evidence, event-kind checklists and stance confidence.

The case is made here: two outlets on a pipeline sabotage, written for these tests."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from counterclaim import Case
from counterclaim.ach.checklists import checklists, detect
from counterclaim.attribution import confidence
from counterclaim.cli import main
from counterclaim.model import Document
from counterclaim.store.db import DB_FILENAME
from counterclaim.web import create_app
from counterclaim.web.security import Guard

DOCS = {
    "wire": ("Divers inspect damaged gas link\n\n"
             "The sabotage of the Baltic gas link on 1 March 2025 was carried out by Ukraine's military intelligence, "
             "investigators said. The SBU was behind the sabotage, a Polish newspaper reported. "
             "Ukraine carried out the sabotage unless the divers' findings are wrong. "
             "Officials asked whether Russia was behind the blast.\n", "Baltic Wire", "2025-03-02"),
    "post": ("Sabotage suspected at gas link\n\n"
             "Ukraine denied any involvement in the sabotage. Analysts said the GUR was behind the sabotage. "
             "The United States carried out a bombing of the old terminal in October 2002.\n", "Harbour Post",
             "2025-03-03"),
}


@pytest.fixture(scope="module")
def analysed(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("sabotage")
    for name, (text, outlet, published) in DOCS.items():
        (root / f"{name}.txt").write_text(text, encoding="utf-8")
        (root / f"{name}.txt.meta.json").write_text(json.dumps({"outlet": outlet, "published": published}))
    case = Case(root / "case")
    assert case.analyze([str(root / f"{n}.txt") for n in DOCS]).ok
    case.close()
    return root / "case"


@pytest.fixture
def case_dir(analysed, tmp_path) -> Path:
    shutil.copy(analysed / DB_FILENAME, tmp_path / DB_FILENAME)
    return tmp_path


def cli(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def listing(case_dir: Path, *extra: str) -> dict:
    return json.loads(cli("hypotheses", "--case", str(case_dir), "--format", "json", *extra))


def by_label(data: dict) -> dict[str, dict]:
    return {h["label"]: h for h in data["hypotheses"]}


# --------------------------------------------------------------------------- where a hypothesis comes from


def test_every_hypothesis_lists_its_claims_and_documents(case_dir):
    data = listing(case_dir)
    ukraine = by_label(data)["Ukraine (GUR, SBU)"]
    cited = {e["claim_id"] for s in data["stances"] if s["hypothesis_id"] == ukraine["id"]
             for e in s["evidence"] if e["bears"]}
    assert set(ukraine["claim_ids"]) == cited and ukraine["evidence_count"] == len(cited) == 4
    assert set(ukraine["doc_ids"]) == {"wire", "post"}
    table = cli("hypotheses", "--case", str(case_dir), "--format", "csv")
    assert "documents,from claims" in table.splitlines()[0] and "wire; post" in table


# --------------------------------------------------------------------------- split, merge, undo (CLI)


def test_split_moves_names_and_their_evidence_and_one_undo_puts_them_back(case_dir):
    before = by_label(listing(case_dir))["Ukraine (GUR, SBU)"]
    out = cli("hypotheses", "--case", str(case_dir), "split", before["id"], "--alias", "GUR",
              "--alias", "Ukraine's military intelligence", "--label", "GUR acting alone", "--note", "own chain")
    assert "out of " + before["id"] in out
    after = by_label(listing(case_dir))
    gur, rest = after["GUR acting alone"], after["Ukraine (SBU)"]
    assert gur["split_from"] == before["id"] and gur["origin"] == "analyst"
    assert set(gur["seen"]) == {"GUR", "Ukraine's military intelligence"} and set(gur["doc_ids"]) == {"wire", "post"}
    assert set(gur["claim_ids"]) | set(rest["claim_ids"]) == set(before["claim_ids"])
    assert not set(gur["claim_ids"]) & set(rest["claim_ids"]) and "GUR" not in rest["aliases"]
    edits = json.loads(cli("edits", "--case", str(case_dir), "--format", "json"))
    assert [(e["action"], e["target"], e["note"]) for e in edits] == [("split", f"hypothesis:{gur['id']}", "own chain")]
    cli("undo", str(edits[0]["id"]), "--case", str(case_dir))
    restored = by_label(listing(case_dir, "--all"))
    assert "GUR acting alone" not in restored
    assert restored["Ukraine (GUR, SBU)"]["claim_ids"] == before["claim_ids"]


def test_split_refuses_a_name_the_hypothesis_does_not_have(case_dir):
    hid = by_label(listing(case_dir))["Ukraine (GUR, SBU)"]["id"]
    result = CliRunner().invoke(main, ["hypotheses", "--case", str(case_dir), "split", hid, "--alias", "NATO"])
    assert result.exit_code != 0 and "not a name of" in result.output


def test_a_split_merged_back_returns_its_evidence(case_dir):
    source = by_label(listing(case_dir))["Ukraine (GUR, SBU)"]
    cli("hypotheses", "--case", str(case_dir), "split", source["id"], "--alias", "SBU")
    split = by_label(listing(case_dir))["SBU"]
    cli("hypotheses", "--case", str(case_dir), "merge", source["id"], split["id"])
    merged = {h["id"]: h for h in listing(case_dir, "--all")["hypotheses"]}
    assert merged[split["id"]]["status"] == "merged"
    assert set(merged[source["id"]]["claim_ids"]) == set(source["claim_ids"])


# --------------------------------------------------------------------------- the same edits in the workbench


def _client(case_dir: Path) -> TestClient:
    return TestClient(create_app(case_dir, user="tester", guard=Guard()), base_url="http://127.0.0.1",
                      follow_redirects=False)


def _post(client: TestClient, path: str, **fields: str):
    token = re.search(r'name="csrf" value="([^"]+)"', client.get("/hypotheses").text).group(1)
    return client.post(path, data={"csrf": token, "next": "/hypotheses", **fields})


def test_workbench_add_merge_split_are_audited_and_undoable(case_dir):
    client = _client(case_dir)
    page = client.get("/hypotheses").text
    assert 'action="/hypotheses/split"' in page and "where from" in page and "/doc/wire" in page
    ukraine = by_label(listing(case_dir))["Ukraine (GUR, SBU)"]["id"]
    assert _post(client, "/hypotheses/add", label="Rogue divers", aliases="Polish newspaper").status_code == 303
    assert _post(client, "/hypotheses/split", hypothesis=ukraine, aliases="SBU", label="SBU alone").status_code == 303
    labels = by_label(listing(case_dir))
    assert _post(client, "/hypotheses/merge", target=ukraine, other=labels["SBU alone"]["id"]).status_code == 303
    refused = _post(client, "/hypotheses/split", hypothesis=ukraine, aliases="Atlantis")
    assert refused.status_code == 422 and "not a name of" in refused.text
    log = client.get("/edits").text
    assert all(f"<td>{action}</td>" in log for action in ("add", "split", "merge"))
    edits = json.loads(cli("edits", "--case", str(case_dir), "--format", "json"))
    for edit in reversed(edits):  # newest first, as the audit log offers them
        token = re.search(r'name="csrf" value="([^"]+)"', client.get("/edits").text).group(1)
        form = {"csrf": token, "next": "/edits", "edit_id": str(edit["id"])}
        assert client.post("/undo", data=form).status_code == 303
    assert set(by_label(listing(case_dir, "--all"))) == {"Ukraine (GUR, SBU)"}


# --------------------------------------------------------------------------- what bears on the hypothesis


def test_moods_are_read_off_the_parse(analysed):
    case = Case(analysed)
    moods = {c.text: (c.mood, c.mood_cue) for c in case.claims()}
    case.close()
    assert moods["Ukraine carried out the sabotage unless the divers' findings are wrong"] == ("conditional", "unless")
    assert ("question", "whether") in moods.values()
    assert moods["the GUR was behind the sabotage"] == ("indicative", None)


def test_conditionals_are_shown_on_the_stance_but_never_counted_nor_ach_rows(case_dir):
    data = listing(case_dir)
    items = [e for s in data["stances"] for e in s["evidence"]]
    conditional = [e for e in items if "unless" in e["quote"]]
    assert conditional and not conditional[0]["bears"] and conditional[0]["excluded"].startswith("conditional")
    rows = json.loads(cli("ach", "--case", str(case_dir), "--format", "json"))["rows"]
    quoted = " ".join(m["quote"] for r in rows for m in r.get("members", []))
    assert "sabotage" in quoted and "unless" not in quoted
    assert "United States" not in by_label(data)  # only named for a 2002 bombing: another event


def test_copies_of_one_origin_count_once(tmp_path):
    text = ("Gas link attack blamed on Kyiv\n\nThe sabotage of the gas link on 1 March 2025 was carried out by "
            "the SBU, and the divers found the charges.\n")  # the outlet's own voice: no quoted speaker
    for n, outlet in enumerate(("North Wire", "Coast Daily")):
        (tmp_path / f"copy{n}.txt").write_text(text.replace("Gas link", f"Gas link ({outlet})"), encoding="utf-8")
        (tmp_path / f"copy{n}.txt.meta.json").write_text(json.dumps({"outlet": outlet, "published": "2025-03-02"}))
    case = Case(tmp_path / "case")
    assert case.analyze([str(tmp_path / "copy0.txt"), str(tmp_path / "copy1.txt")]).ok
    groups = case.alignment.origin_groups()
    rows = case.ach.rows()
    case.close()
    assert any(len(g.doc_ids) == 2 for g in groups)
    assert rows
    for row in rows:  # both copies' claims share a row, with one independent origin: not "2 probably true"
        assert len({m.doc_id for m in row.members}) == 2 and len({m.origin for m in row.members}) == 1, row
        assert row.credibility_suggested == 6


# --------------------------------------------------------------------------- event kinds


def _doc(doc_id: str, text: str) -> Document:
    return Document(id=doc_id, source="-", text=text, sha256=doc_id)


def test_event_kind_is_detected_from_event_nouns_specific_before_generic():
    docs = [_doc("a", "The crash killed 40. Rebels denied the attack."), _doc("b", "Wreckage of the crash."),
            _doc("c", "Some called it an attack.")]
    kind, why, counts = detect(docs)
    assert kind == "crash" and counts["crash"] == [2, 2] and counts["terror-attack"] == [2, 2]
    assert "2 of 3" in why
    assert detect([_doc("d", "Nothing happened here.")])[0] == "unknown"


def test_every_checklist_has_items_and_a_provenance():
    kinds = checklists()
    assert {"explosion", "crash", "poisoning", "dam-breach", "shooting", "sabotage", "terror-attack"} <= set(kinds)
    for spec in kinds.values():
        assert spec["provenance"] and spec["label"] and len(spec["items"]) >= 3
        assert all("pattern" in i or i.get("check") == "actor-statement" for i in spec["items"])


def test_event_kind_override_is_stored_audited_and_reversible(case_dir):
    shown = cli("ach", "--case", str(case_dir), "event-kind")
    assert "event kind: sabotage" in shown and "detected" in shown
    cli("ach", "--case", str(case_dir), "event-kind", "explosion", "--note", "the blast came first")
    case = Case(case_dir)
    kind = case.ach.event_kind()
    items = {e.item for e in case.ach.expected()}
    assert (kind.kind, kind.by, kind.detected) == ("explosion", "analyst", "sabotage")
    assert {e.event_kind for e in case.ach.expected()} == {"explosion"}
    assert items == {i["item"] for i in checklists()["explosion"]["items"]}
    case.close()
    client = _client(case_dir)
    page = client.get("/ach").text
    assert 'action="/ach/event-kind"' in page and "explosion or bombing" in page
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    rev = re.search(r'action="/ach/event-kind".*?name="expected_rev" value="(\d+)"', page, re.S).group(1)
    assert client.post("/ach/event-kind", data={"csrf": token, "next": "/ach", "kind": "auto",
                                                "expected_rev": rev}).status_code == 303
    assert "(sabotage of infrastructure), detected" in cli("ach", "--case", str(case_dir), "event-kind")
    actions = [e["action"] for e in json.loads(cli("edits", "--case", str(case_dir), "--format", "json"))]
    assert actions == ["event kind", "event kind"]


# --------------------------------------------------------------------------- stance confidence


def test_each_stance_carries_the_dev_precision_of_its_label(case_dir):
    table = confidence.table()["labels"]
    for stance in listing(case_dir)["stances"]:
        right, n = table.get(stance["stance"], (0, 0))
        expected = round((right + 0.5) / (n + 1), 2) if n else None
        assert stance["confidence"] == expected
        assert ("dev split" in stance["confidence_basis"]) and (str(n) in stance["confidence_basis"] or not n)
