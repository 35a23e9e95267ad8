"""Alignment on analysed articles: the bundled Crocus pair, the revision reports, the CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from counterclaim.cli import main

REVISIONS = Path(__file__).parent / "data" / "revisions"


def _find(relations, quote_a: str, quote_b: str):
    """The relation between a claim quoting ``quote_a`` and one quoting ``quote_b`` (either order)."""
    for r in relations:
        if (quote_a in r.quote_a and quote_b in r.quote_b) or (quote_a in r.quote_b and quote_b in r.quote_a):
            return r
    raise AssertionError(f"no relation between {quote_a!r} and {quote_b!r}")


@pytest.fixture(scope="module")
def crocus_relations(crocus_case):
    return crocus_case.alignment.relations()


@pytest.mark.parametrize("quote_a,quote_b,subtype", [
    # who organised the attack: the Russian state (OAKKE) vs GUR / the CIA (ICWP)
    ("Russian Putin’s state and no one else", "carried out by the GUR", "agent"),
    ("Russian Putin’s state and no one else", "The US CIA surely knew about, and helped instigate", "agent"),
    # Ukraine's role denied (OAKKE, in the attribution parser's reading) vs asserted (ICWP)
    ("only Ukraine had no reason", "carried out by the GUR", "negation"),
    ("only Ukraine had no reason", "These incriminated Ukraine", "negation"),
])
def test_crocus_contradictions(crocus_relations, quote_a, quote_b, subtype):
    r = _find(crocus_relations, quote_a, quote_b)
    assert (r.type, r.subtype) == ("contradict", subtype), r.reason
    assert r.quote_a and r.quote_b and r.reason
    assert {r.doc_a, r.doc_b} == {"oakke-2024", "icwp-2024-03-27"}


def test_a_background_toll_is_listed_with_why_and_never_compared(crocus_case, crocus_relations):
    # OAKKE's "about 100 civilians in Iran" (another massacre, in a sentence of "typical facts"): no cue dates it,
    # the scope model reads it as background; it stays listed with its probability, never set against ICWP's toll
    iran = next(q for q in crocus_case.annotations("quantity", "oakke-2024") if q.text == "about 100")
    assert (iran.measure, iran.scope, iran.counts_incident) == ("killed", "background", False)
    assert iran.scope_cue.startswith("scope model") and iran.scope_confidence < 0.5
    assert not [r for r in crocus_relations if r.subtype == "numeric" and "about 100 civilians" in r.quote_a + r.quote_b]


@pytest.mark.parametrize("quote_a,quote_b", [
    ("ISIS would strike their mass gatherings", "Islamic extremists"),  # the US advance warning, the US its speaker
    ("ISIS is involved in this massacre", "ISIS was behind the Crocus Hall attack"),  # the ISIS claim of responsibility
    ("This means world war", "World War III"),  # the conclusion
])
def test_crocus_agreements(crocus_relations, quote_a, quote_b):
    assert _find(crocus_relations, quote_a, quote_b).type == "agree"


def test_crocus_records_trace_to_claims(crocus_case):
    claims = {c.id: c for c in crocus_case.claims()}
    alignment = crocus_case.alignment
    for r in alignment.relations():
        for cid, quote in ((r.claim_a, r.quote_a), (r.claim_b, r.quote_b)):
            claim = claims[cid]
            assert crocus_case.document(claim.doc_id).text[claim.start:claim.end] == claim.text == quote
    for c in alignment.clusters():
        assert set(c.claim_ids) <= set(claims)
    assert sorted(d for g in alignment.origin_groups() for d in g.doc_ids) == ["icwp-2024-03-27", "oakke-2024"]


def test_export_carries_alignment_layers(crocus_case):
    records = crocus_case.export()["records"]
    assert {"claim_cluster", "claim_relation", "origin_group"} <= set(records)
    relation = next(r for r in records["claim_relation"] if r["type"] == "contradict")
    assert relation["subtype"] and relation["reason"] and relation["quote_a"]
    assert any(c["stances"] for c in records["claim_cluster"])


@pytest.fixture(scope="module")
def revisions_case(tmp_path_factory):
    from counterclaim import Case

    case = Case(tmp_path_factory.mktemp("revisions"))
    assert case.analyze([str(p) for p in sorted(REVISIONS.glob("*.txt"))]).ok
    yield case
    case.close()


def test_rising_toll_is_not_contradicted(revisions_case):
    # Governor 12, emergency officials 27, officials 41, health ministry 45: a rising toll told by four
    # authorities on four days. Not a contradiction; and not a revision either, since no source changes its
    # own figure (issue 15): rival figures, each in its own series.
    rels = revisions_case.alignment.relations()
    for earlier, later in [("killed 12 people", "rose to 27"), ("rose to 27", "41 people had died"),
                           ("41 people had died", "45 people had been killed")]:
        r = _find(rels, earlier, later)
        assert r.type == "compatible", r.reason
        assert "different sources at different times" in r.reason
    clash = _find(rels, "45 people had been killed", "killed 19 people")
    assert (clash.type, clash.subtype) == ("contradict", "numeric")
    assert "both hold as of 2025-06-05" in clash.reason
    assert not any("were working" in r.quote_a + r.quote_b for r in rels)  # working ≠ killed


def test_wire_copies_are_one_origin(revisions_case):
    groups = revisions_case.alignment.origin_groups()
    wire = next(g for g in groups if len(g.doc_ids) > 1)
    assert wire.doc_ids == ["coastal-wire-2025-06-03", "river-daily-2025-06-03"] and wire.wire == "Reuters"
    killed = next(c for c in revisions_case.alignment.clusters() if c.topic == "killed")
    assert len(killed.doc_ids) == 6 and killed.independent_sources == 5


def test_figures_reconcile(revisions_case):
    report = revisions_case.alignment.figures("killed")
    assert [f.figure for f in report.figures][:2] == ["12 killed", "27 killed"]
    assert report.reconciliation[0].startswith("how many killed — 2025-06-02: by as-of date, 12 killed (2025-06-02")


@pytest.fixture
def revisions_copy(revisions_case, tmp_path):
    from counterclaim.store.db import DB_FILENAME

    revisions_case.store.engine.dispose()
    shutil.copy(Path(revisions_case.location) / DB_FILENAME, tmp_path / DB_FILENAME)
    return str(tmp_path)


def test_cli_commands(revisions_copy):
    runner = CliRunner()
    res = runner.invoke(main, ["conflicts", "--case", revisions_copy, "--type", "numeric", "--format", "json",
                               "--low-confidence"])
    assert res.exit_code == 0, res.output
    assert {r["subtype"] for r in json.loads(res.stdout)} == {"numeric"}
    shown = runner.invoke(main, ["conflicts", "--case", revisions_copy, "--type", "numeric", "--format", "json"])
    assert all(r["confidence"] >= 0.8 for r in json.loads(shown.stdout))
    res = runner.invoke(main, ["conflicts", "--case", revisions_copy, "--format", "csv"])
    assert res.exit_code == 0 and res.stdout.startswith("type,subtype,confidence")
    res = runner.invoke(main, ["matrix", "--case", revisions_copy, "--format", "json"])
    rows = json.loads(res.output)["rows"]
    killed = next(r for r in rows if r["label"].startswith("how many killed"))
    assert killed["cells"]["valley-post-2025-06-05"]["answers"] == ["19 killed"]
    assert {c["stance"] for c in killed["cells"].values()} <= {"asserts", "reports", "denies", "silent"}
    res = runner.invoke(main, ["figures", "--case", revisions_copy, "--measure", "killed"])
    assert res.exit_code == 0 and "by as-of date" in res.output


def test_cli_aliases_are_audited(revisions_copy):
    from counterclaim import Case

    runner = CliRunner()
    res = runner.invoke(main, ["aliases", "--case", revisions_copy, "--user", "ana", "add", "Karsk", "Karsk city",
                               "--kind", "place", "--country", "Valdoria", "--note", "town in the reports"])
    assert res.exit_code == 0, res.output
    res = runner.invoke(main, ["aliases", "--case", revisions_copy, "--format", "json"])
    entry = next(e for e in json.loads(res.output) if e["canonical"] == "Karsk")
    assert entry["aliases"] == ["Karsk city"] and entry["source"] == "analyst" and entry["country"] == "Valdoria"
    res = runner.invoke(main, ["aliases", "--case", revisions_copy, "remove", "Kiev"])
    assert res.exit_code == 0, res.output
    assert runner.invoke(main, ["aliases", "--case", revisions_copy, "remove", "Nowhere"]).exit_code == 1
    with Case(revisions_copy) as case:
        edits = case.store.edits("alias")
        assert [(e.user, e.target) for e in edits[:1]] == [("ana", "alias:Karsk city")]
        assert case.alignment.alias_table().resolve("Kiev") is None
