"""CLI listings stay readable when there are many sources (issue 17): a terminal too narrow for
the columns side by side gets one block per row; `figures` without --measure lists the measures."""

from __future__ import annotations

import json

from click.testing import CliRunner

from counterclaim.cli import main


def test_figures_without_measure_lists_measures_with_counts(crocus_case):
    result = CliRunner().invoke(main, ["figures", "--case", crocus_case.location, "--format", "json"])
    assert result.exit_code == 0, result.output
    measures = {row["measure"]: row for row in json.loads(result.output)}
    background = "killed (background)"  # OAKKE's tolls the scope model reads as not the incident's
    killed = CliRunner().invoke(main, ["figures", "--case", crocus_case.location, "--measure", background,
                                       "--format", "json"])
    # --measure lists every figure of the series, the ones the alignment does not compare with why
    listed = json.loads(killed.output)["figures"]
    assert measures[background]["figures"] == len(listed) > measures[background]["aligned"] == 0
    assert all(f["event"].startswith("not compared: background (“scope model") for f in listed)
    assert measures[background]["sources"] == 1 and measures["killed"]["sources"] == 1
    # The same counts as the report's figures section (issue 17: report and CLI agree).
    from counterclaim.report.view import CaseView

    report = {m.name: len(m.points) for m in CaseView(crocus_case).measures}
    assert report == {name: row["figures"] for name, row in measures.items()}
    table = CliRunner().invoke(main, ["figures", "--case", crocus_case.location])
    assert "pick one with --measure" in table.output and "killed" in table.output


def test_matrix_at_a_narrow_width_prints_one_block_per_cluster(crocus_case):
    # 2 sources in 30 columns take the same path as 20+ sources in a normal terminal
    result = CliRunner().invoke(main, ["matrix", "--case", crocus_case.location], env={"COLUMNS": "30"})
    assert result.exit_code == 0
    assert "┃" not in result.output  # no folded table
    assert "cluster  who warned beforehand" in result.output
    assert "reports (United States): “ISIS would strike their mass gatherings”" in result.output


def test_techniques_profile_at_a_narrow_width_is_one_row_per_source(crocus_case):
    result = CliRunner().invoke(main, ["techniques", "--case", crocus_case.location, "profile"],
                                env={"COLUMNS": "30"})
    assert result.exit_code == 0
    assert "source  ICWP" in result.output and "source  OAKKE" in result.output


def test_analyze_summary_lists_documents_without_publication_date(tmp_path):
    (tmp_path / "undated.txt").write_text("Toll rises\n\nOfficials said at least 60 people were injured.")
    result = CliRunner().invoke(main, ["analyze", str(tmp_path / "undated.txt"), "--case", str(tmp_path / "c")],
                                env={"COLUMNS": "200"})
    assert "1 without a publication date" in result.output
    assert "figures have no as-of date" in result.output and "undated" in result.output


def test_report_and_cli_show_the_same_technique_suggestions(crocus_case):
    from counterclaim.report.view import CaseView

    shown = CliRunner().invoke(main, ["techniques", "--case", crocus_case.location, "--format", "json"])
    everything = CliRunner().invoke(main, ["techniques", "--case", crocus_case.location, "--format", "json",
                                           "--min-confidence", "0"])
    view = CaseView(crocus_case)
    in_report = sum(len(ts) for ts in view.layer("technique").values())
    assert in_report == len(json.loads(shown.stdout))
    assert in_report + view.hidden_techniques == len(json.loads(everything.stdout))
