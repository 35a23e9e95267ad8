"""ACH: scores against hand-computed examples, suggestions, persistence, CLI."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from counterclaim import Case
from counterclaim.ach import scoring as S
from counterclaim.ach.evidence import LIMITS, suggest_credibility
from counterclaim.cli import main
from counterclaim.store.db import ConflictError


def row(rid: str, reliability: str = "F", credibility: int = 6, relevance: str = "high", **ratings: str) -> S.Row:
    return S.Row(id=rid, ratings=ratings, reliability=reliability, credibility=credibility, relevance=relevance)


H3 = ["H1", "H2", "H3"]


def scores(method, rows, hyps, priors=None):
    m, w = S.encode(rows, hyps)
    return S.scores(method, m, w, S.normalise_priors(hyps, priors))


# --------------------------------------------------------------------------- Heuer and weighted


def test_heuer_counts_inconsistency_with_na_and_neutral_rows():
    rows = [row("E1", H1="C", H2="I", H3="II"), row("E2", H1="I", H2="I", H3="NA"), row("E3", H1="N", H2="N", H3="N")]
    values = scores("heuer", rows, H3)
    assert values.tolist() == [1.0, 2.0, 2.0]  # H1: I; H2: I + I; H3: II, NA counts 0
    assert S.ranks("heuer", values) == [1, 2, 2]  # a tie shares the rank
    assert S.leaders("heuer", values) == {0}


def test_heuer_tie_for_first_and_all_neutral():
    tie = scores("heuer", [row("E1", H1="I", H2="I", H3="CC")], H3)
    assert S.leaders("heuer", tie) == {2}
    tie = scores("heuer", [row("E1", H1="I", H2="I")], ["H1", "H2"])
    assert S.ranks("heuer", tie) == [1, 1] and S.leaders("heuer", tie) == {0, 1}
    neutral = scores("heuer", [row("E1", H1="N", H2="N", H3="N")], H3)
    assert neutral.tolist() == [0, 0, 0] and S.leaders("heuer", neutral) == {0, 1, 2}


def test_weighted_uses_reliability_credibility_relevance():
    rows = [row("E1", "A", 1, H1="C", H2="I", H3="II"),           # weight 1.0 × 1.0 × 1.0
            row("E2", "C", 3, "medium", H1="I", H2="I", H3="NA")]  # weight 0.6 × 0.6 × 0.7 = 0.252
    assert rows[1].weight == pytest.approx(0.252)
    assert scores("weighted", rows, H3) == pytest.approx([0.252, 1.252, 2.0])
    assert row("E", "F", 6).weight == pytest.approx(0.09)  # "cannot be judged" twice: 0.3 × 0.3


def test_admiralty_weights_are_monotonic():
    """Issue 14: "cannot be judged" (F, 6) never weighs more than "not usually reliable"/"doubtful" (D, 4)."""
    rel = [S.RELIABILITY_WEIGHT[g] for g in "ABCDE"]
    cred = [S.CREDIBILITY_WEIGHT[g] for g in range(1, 6)]
    assert rel == sorted(rel, reverse=True) and cred == sorted(cred, reverse=True)
    assert S.CREDIBILITY_WEIGHT[6] <= S.CREDIBILITY_WEIGHT[4]
    assert S.RELIABILITY_WEIGHT["F"] <= S.RELIABILITY_WEIGHT["D"]
    assert row("E", "A", 6).weight <= row("E", "A", 4).weight


def test_diagnosticity_per_row():
    rows = [row("E1", H1="C", H2="I", H3="II"), row("E2", H1="I", H2="I", H3="NA"), row("E3", H1="N", H2="N", H3="N"),
            row("E4", H1="CC", H2="NA", H3="NA")]
    m, _ = S.encode(rows, H3)
    assert S.diagnosticity(m).tolist() == [3.0, 0.0, 0.0, 0.0]  # C(+1) − II(−2); alike; all neutral; one cell


def test_single_hypothesis():
    rows = [row("E1", "A", 1, H1="I"), row("E2", H1="II")]
    assert scores("heuer", rows, ["H1"]).tolist() == [3.0]
    assert scores("bayes", rows, ["H1"]).tolist() == [1.0]
    assert S.ranks("heuer", scores("heuer", rows, ["H1"])) == [1]
    assert S.diagnosticity(S.encode(rows, ["H1"])[0]).tolist() == [0.0, 0.0]
    assert S.linchpins(rows, ["H1"], "heuer") == []


# --------------------------------------------------------------------------- Bayes


def test_bayes_posteriors_by_hand():
    full = [row("E1", "A", 1, H1="C", H2="I", H3="II")]  # weight 1: likelihoods 0.7, 0.3, 0.1
    assert scores("bayes", full, H3) == pytest.approx([0.7 / 1.1, 0.3 / 1.1, 0.1 / 1.1])
    half = [row("E1", "A", 6, H1="C", H2="I", H3="II")]  # weight 0.3: 0.3·L + 0.35 = 0.56, 0.44, 0.38
    assert scores("bayes", half, H3) == pytest.approx([0.56 / 1.38, 0.44 / 1.38, 0.38 / 1.38])
    # explicit prior for H1, the others share the rest: 0.5·0.7, 0.25·0.3, 0.25·0.1
    assert scores("bayes", full, H3, {"H1": 0.5}) == pytest.approx([0.35 / 0.45, 0.075 / 0.45, 0.025 / 0.45])
    # NA and N leave the odds alone: posteriors equal the priors
    flat = [row("E1", "A", 1, H1="N", H2="NA", H3="N")]
    assert scores("bayes", flat, H3, {"H1": 0.2, "H2": 0.3, "H3": 0.5}) == pytest.approx([0.2, 0.3, 0.5])
    assert S.ranks("bayes", scores("bayes", flat, H3)) == [1, 1, 1]


def test_priors_are_checked():
    with pytest.raises(ValueError):
        S.normalise_priors(H3, {"H9": 0.5})
    with pytest.raises(ValueError):
        S.normalise_priors(H3, {"H1": 0.6, "H2": 0.6})
    assert S.normalise_priors(H3, None).tolist() == pytest.approx([1 / 3] * 3)


# --------------------------------------------------------------------------- sensitivity


def test_linchpins_leave_one_out():
    rows = [row("E1", H1="I", H2="N"), row("E2", H1="N", H2="I"), row("E3", H1="N", H2="I")]
    # H1 = 1, H2 = 2: H1 leads. Without E2 (or E3) they tie; without E1 H1 still leads.
    found = S.linchpins(rows, ["H1", "H2"], "heuer")
    assert [(p.evidence_id, p.leaders_after) for p in found] == [("E2", ["H1", "H2"]), ("E3", ["H1", "H2"])]


def test_monte_carlo_is_seeded_and_splits_ties():
    rows = [row("E1", H1="I", H2="N"), row("E2", H1="N", H2="II")]
    a = S.monte_carlo(rows, ["H1", "H2"], "heuer", runs=300, seed=3)
    b = S.monte_carlo(rows, ["H1", "H2"], "heuer", runs=300, seed=3)
    assert a == b and sum(a.first_share.values()) == pytest.approx(1.0)
    assert a.first_share["H1"] > a.first_share["H2"]
    fixed = S.monte_carlo(rows, ["H1", "H2"], "heuer", runs=50, seed=1, p_rating=0, p_weight=0)
    assert fixed.first_share == {"H1": 1.0, "H2": 0.0}
    tied = S.monte_carlo([row("E1", H1="N", H2="N")], ["H1", "H2"], "weighted", runs=10, p_rating=0, p_weight=0.5)
    assert tied.first_share == {"H1": 0.5, "H2": 0.5}


def test_suggested_credibility_from_independent_origins_and_contradictions():
    assert suggest_credibility(3, 0)[0] == 1
    assert suggest_credibility(2, 0)[0] == 2
    assert suggest_credibility(1, 0)[0] == 6
    assert suggest_credibility(2, 1)[0] == 4
    assert suggest_credibility(1, 2)[0] == 5


# --------------------------------------------------------------------------- the bundled case


def _label_ids(case) -> dict[str, str]:
    return {h.label: h.id for h in case.hypotheses.list()}


def test_bundled_matrix_rows_trace_to_text(crocus_case):
    ach = crocus_case.ach
    matrix = ach.matrix("weighted")
    assert matrix.rows and matrix.limits == LIMITS and "does not remove bias" in LIMITS
    labels = _label_ids(crocus_case)
    for r in matrix.rows:
        assert set(r.cells) == set(labels.values())
        for m in r.members:
            assert crocus_case.document(m.doc_id).text[m.start:m.end] == m.quote
    only = next(r for r in matrix.rows if any("no one else" in m.quote for m in r.members))
    assert only.cells[labels["Russian state false flag"]].rating == "CC"
    assert only.cells[labels["Ukraine (GUR)"]].rating == "I"
    export = crocus_case.export()
    assert export["records"]["ach_evidence"] and export["records"]["hypothesis"]
    assert export["records"]["ach_expected"]


def test_ratings_persist_conflict_and_undo(crocus_copy):
    labels = _label_ids(crocus_copy)
    ach = crocus_copy.ach
    first = ach.rows()[0]
    hid = labels["ISIS"]
    suggested = first.cells[hid].suggested
    assert ach.rate(first.id, hid, "II", note="forged claim of responsibility", expected_rev=0) == 1
    before = [(r.id, r.text) for r in ach.rows()]
    crocus_copy.run_case_stages()  # re-analysis keeps evidence ids (and so the rating's target)
    assert [(r.id, r.text) for r in crocus_copy.ach.rows()] == before
    location = crocus_copy.location
    crocus_copy.close()
    with Case(location, user="second") as reopened:
        cell = reopened.ach.row(first.id).cells[hid]
        assert (cell.rating, cell.by, cell.note, cell.rev) == ("II", "analyst", "forged claim of responsibility", 1)
        with pytest.raises(ConflictError):
            reopened.ach.rate(first.id, hid, "C", expected_rev=0)  # stale: someone rated it since
        edit = reopened.store.edits("rating")[-1]
        assert (edit.user, edit.old, edit.new["rating"]) == ("analyst", None, "II")
        reopened.undo(edit.id)
        cell = reopened.ach.row(first.id).cells[hid]
        assert (cell.rating, cell.by) == (suggested, "suggested")


def test_admiralty_weights_and_analyst_evidence(crocus_copy):
    ach = crocus_copy.ach
    row_id = next(r.id for r in ach.rows() if r.sources == ["ICWP"] or r.sources == ["icwp-2024-03-27"])
    source = ach.row(row_id).sources[0]
    ach.rate_source("icwp-2024-03-27", "E", note="partisan outlet")  # a doc id maps to its source
    assert ach.row(row_id).reliability == "E"
    ach.set_credibility(row_id, 2, relevance="low")
    r = ach.row(row_id)
    assert (r.credibility, r.credibility_by, r.relevance) == (2, "analyst", "low")
    assert r.weight == pytest.approx(0.2 * 0.8 * 0.4)
    assert {s.source: s.reliability for s in ach.sources()}[source] == "E"
    eid = ach.add_evidence("Four suspects were arrested near the Ukrainian border")
    ach.rate(eid, _label_ids(crocus_copy)["ISIS"], "N")
    assert crocus_copy.ach.row(eid).origin == "analyst"
    assert any(e.status == "missing" for e in crocus_copy.ach.expected())


def test_cli_ach_formats_rate_sources_sensitivity(crocus_copy, tmp_path):
    runner = CliRunner()
    case = crocus_copy.location
    labels = _label_ids(crocus_copy)
    crocus_copy.close()
    table = runner.invoke(main, ["ach", "--case", case, "--method", "weighted"])
    assert table.exit_code == 0 and "ranking" in table.output and "does not remove bias" in table.output
    data = json.loads(runner.invoke(main, ["ach", "--case", case, "--format", "json", "--method", "bayes",
                                           "--prior", f"{labels['ISIS']}=0.4"]).output)
    assert sum(h["posterior"] for h in data["hypotheses"]) == pytest.approx(1.0, abs=1e-5)
    assert next(h for h in data["hypotheses"] if h["id"] == labels["ISIS"])["prior"] == pytest.approx(0.4)
    rows = list(csv.reader(io.StringIO(runner.invoke(main, ["ach", "--case", case, "--format", "csv",
                                                             "--transpose"]).output)))
    assert rows[0][0] == "evidence" and any(r[0] == f"{labels['ISIS']} ISIS" for r in rows)  # hypotheses as rows
    xlsx = tmp_path / "ach.xlsx"
    assert runner.invoke(main, ["ach", "--case", case, "--format", "xlsx", "-o", str(xlsx)]).exit_code == 0
    from openpyxl import load_workbook

    assert load_workbook(xlsx).sheetnames == ["Matrix", "Hypotheses", "Evidence", "About"]
    rated = runner.invoke(main, ["ach", "--case", case, "rate", "E1", labels["ISIS"], "II", "--note", "n"])
    assert rated.exit_code == 0, rated.output
    stale = runner.invoke(main, ["ach", "--case", case, "rate", "E1", labels["ISIS"], "C", "--expected-rev", "0"])
    assert stale.exit_code == 1
    assert runner.invoke(main, ["sources", "--case", case, "rate", "icwp-2024-03-27", "C"]).exit_code == 0
    listed = json.loads(runner.invoke(main, ["sources", "--case", case, "--format", "json"]).output)
    assert "C" in {s["reliability"] for s in listed}
    runs = [runner.invoke(main, ["ach", "--case", case, "sensitivity", "--runs", "200", "--seed", "7", "--format",
                                 "json"]) for _ in range(2)]
    assert runs[0].exit_code == 0 and runs[0].output == runs[1].output
    result = json.loads(runs[0].output)
    assert sum(result["monte_carlo"]["first_share"].values()) == pytest.approx(1.0, abs=1e-3)
    assert result["missing"]


def test_thin_lead_is_flagged():
    """Issue 14: a leader with fewer than three independent origins, or whose lead rests on one origin, is thin."""
    rows = [row("E1", H1="C", H2="I"), row("E2", H1="C", H2="I")]
    assert "fewer than 3" in S.thin_lead(rows, [["a"], ["a"]], ["H1", "H2"], "heuer")
    three = [row(f"E{i}", H1="C", H2="I") for i in range(3)]
    assert S.thin_lead(three, [["a"], ["b"], ["c"]], ["H1", "H2"], "heuer") is None
    one = three + [row("E9", H1="N", H2="N")]
    support = S.origin_support(one, [["a"], ["b"], ["c"], ["d"]], ["H1", "H2"])
    assert support["H1"] == {"rows_for": 3, "rows_against": 0, "origins_for": 3, "origins_against": 0}
    assert support["H2"]["origins_against"] == 3
    # three origins for H1, but the lead comes from one origin's two rows against H2 ... and H1
    lean = [row("E1", H1="C", H2="C"), row("E2", H1="C", H2="C"), row("E3", H1="C", H2="C"),
            row("E4", H1="N", H2="II")]
    assert "rests on one origin (d)" in S.thin_lead(lean, [["a"], ["b"], ["c"], ["d"]], ["H1", "H2"], "heuer")
