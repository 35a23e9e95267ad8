"""Every count the report shows equals the CLI's for the same case (issue 17), and the workbench shows
the same: on the bundled pair and on a case written here (wire copies, an undated document, a rival
toll, a war-wide toll, low-confidence contradictions and technique suggestions that stay hidden)."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from click.testing import CliRunner

from counterclaim.cli import main
from counterclaim.report import render_report
from counterclaim.report.view import CaseView

WIRE = """{title}

TALBEK, May 12 (Reuters) - At least 41 people were killed and 90 injured when a ferry capsized on the
Ostra river on May 11, river police said on Sunday.

The police chief said the ferry was carrying more than twice its permitted load. Divers were still
searching the hull on Sunday evening, and the regional governor declared two days of mourning.
"""

ARTICLES = {
    # two outlets running one wire story: one origin group
    "lakeside-gazette-2025-05-12.txt": ("Lakeside Gazette", WIRE.format(title="Ferry toll rises on the Ostra")),
    "plains-courier-2025-05-12.txt": ("Plains Courier", WIRE.format(title="Dozens dead as Ostra ferry capsizes")),
    "ostra-voice-2025-05-13.txt": ("Ostra Voice", """Survivors blame the owners

Survivors of the Ostra ferry disaster said on Monday that 58 people were killed when the boat capsized on May 11,
far more than the police count. The owners deny that the ferry was overloaded. The regional governor
blamed the ferry's owners for the disaster.

Since the war began, more than 3,000 people have been killed on the region's roads and rivers, a local
charity says. This is a shameful, disgraceful cover-up by cowardly officials who betray every grieving family!
"""),
    "talbek-herald-2025-05-14.txt": ("Talbek Herald", """Ferry owners reject blame

The ferry's owners said on Tuesday that the boat was not overloaded and that a sudden storm capsized it on
May 11. Officials now put the toll at 44 killed, with 87 injured still in hospital. The owners said the
river police were responsible for the disaster, having waved the overloaded ferry through.
"""),
}

UNDATED = """Questions over river safety

The ferry that capsized on the Ostra carried 120 passengers, a rescuer said, and about 50 of them were killed.
"""


@pytest.fixture(scope="module")
def ferry_case(tmp_path_factory):
    """Five documents written here: two wire copies, rival tolls, one document without a date."""
    from counterclaim import Case

    folder = tmp_path_factory.mktemp("ferry-articles")
    for name, (outlet, text) in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
        (folder / f"{name}.meta.json").write_text(json.dumps({"outlet": outlet}), encoding="utf-8")
    (folder / "river-notes.txt").write_text(UNDATED, encoding="utf-8")
    case = Case(tmp_path_factory.mktemp("ferry-case"))
    assert case.analyze([str(folder)]).ok
    # Not an attack, so no hypothesis is discovered: the analyst names the two explanations the sources give.
    case.hypotheses.add("The owners overloaded the ferry", ["the ferry's owners", "owners"])
    case.hypotheses.add("River police negligence", ["river police"])
    yield case
    case.close()


def cli(case, *args: str):
    result = CliRunner().invoke(main, [args[0], "--case", case.location, "--format", "json", *args[1:]])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def stats(html: str) -> dict[str, int]:
    """The overview's headline numbers as rendered: label -> number."""
    return {label: int(n) for n, label in re.findall(r'<div class="stat"><b>(\d+)</b><span>([^<]+)</span>', html)}


def headings(html: str, unit: str) -> dict[str, int]:
    """Section sub-headings with a count, '<h3 ...>killed <span ...>(6 figures)</span>' -> {'killed': 6}."""
    found = re.findall(rf'<h3[^>]*>([^<]+?) <span class="muted small">\((\d+) {unit}s?\)</span>', html)
    return {name.replace("&#39;", "'"): int(n) for name, n in found}


def hidden(html: str, what: str) -> int:
    m = re.search(rf"(\d+) further {what}", html)
    return int(m.group(1)) if m else 0


def report_counts(view: CaseView) -> dict:
    """What the report shows, read from its read model in the shape of ``summary --format json``."""
    return {
        "documents": len(view.documents),
        "sources": len(view.outlets),
        "undated": [d.id for d in view.undated],
        "claims": view.totals["claim"],
        "figures": view.totals["quantity"],
        "dates": view.totals["date"],
        "event dates": len(view.timeline),
        "techniques": view.totals["technique"],
        "techniques hidden": view.hidden_techniques,
        "warnings": len(view.warnings),
        "measures": {m.name: len(m.points) for m in view.measures},
        "clusters": len(view.alignment.stance_rows),
        "relations": view.alignment.counts,
        "contradictions hidden": view.alignment.hidden_conflicts,
        "origin groups": {name: sorted(d for d, o in view.alignment.origin_of.items() if o == name)
                          for name in set(view.alignment.origin_of.values())},
        "hypotheses": [row.label for row in view.hypotheses.rows],
        "evidence rows": len(view.ach.rows),
    }


def assert_report_equals_cli(case) -> dict:
    """Each count of the report against the CLI command that lists the same thing; returns the summary."""
    view = CaseView(case, compact=True)
    summary = cli(case, "summary")
    assert report_counts(view) == summary
    # listings, one per count
    assert len(cli(case, "documents")) == summary["documents"]
    assert {d["id"]: d["origin"] for d in cli(case, "documents") if d["origin"]} == view.alignment.origin_of
    assert len([s for s in cli(case, "sources") if s["documents"]]) == summary["sources"]
    assert [d["id"] for d in cli(case, "documents") if d["published"] is None] == summary["undated"]
    assert len(cli(case, "claims")) == summary["claims"]
    measures = cli(case, "figures")
    assert {m["measure"]: m["figures"] for m in measures} == summary["measures"]
    for m in view.measures:
        listed = cli(case, "figures", "--measure", m.name)["figures"]
        assert sorted(f["quantity_id"] for f in listed) == sorted(p.finding.id for p in m.points), m.name
    assert len(cli(case, "conflicts")) == summary["relations"]["contradict"]
    assert len(cli(case, "conflicts", "--low-confidence")) == (summary["relations"]["contradict"]
                                                               + summary["contradictions hidden"])
    every = Counter(r["type"] for r in cli(case, "conflicts", "--all"))
    for kind in ("revision", "compatible", "agree"):
        assert every[kind] == summary["relations"][kind], kind
    assert len(cli(case, "matrix")["rows"]) == summary["clusters"]
    hypotheses = cli(case, "hypotheses")
    assert [h["label"] for h in hypotheses["hypotheses"]] == summary["hypotheses"]
    # per hypothesis: evidence (claims) and the stance cells the report draws (an absent stance draws none)
    assert {h["id"]: h["evidence_count"] for h in hypotheses["hypotheses"]} == {
        h.id: h.evidence_count for h in view.hypotheses.active}
    cells = Counter((s["hypothesis_id"], "disputes" if s["disputed"] else s["stance"])
                    for s in hypotheses["stances"] if s["stance"] != "absent")
    assert cells == Counter((row.id, c.stance) for row in view.hypotheses.rows for c in row.cells.values())
    ach = cli(case, "ach")
    assert len(ach["rows"]) == len(view.ach.rows) and len(ach["hypotheses"]) == len(view.ach.hypotheses)
    assert len(cli(case, "techniques")) == summary["techniques"]
    assert len(cli(case, "techniques", "--min-confidence", "0")) == summary["techniques"] + summary["techniques hidden"]
    per_doc = {d.id: view.technique_profile(d.id) for d in view.documents}
    for p in cli(case, "techniques", "profile"):  # per outlet: the sum of its documents' columns
        assert p["total"] == sum(sum(per_doc[d].values()) for d in p["documents"]), p["source"]
    return summary


def assert_pages_show(html: str, summary: dict) -> None:
    """The rendered overview, conflicts and figures sections carry the summary's numbers."""
    shown = stats(html)
    for label, key in (("documents", "documents"), ("sources", "sources"), ("claims", "claims"),
                       ("figures", "figures"), ("dates", "dates"), ("technique suggestions", "techniques"),
                       ("warnings", "warnings")):
        assert shown[label] == summary[key], label
    assert shown["hypotheses"] == len(summary["hypotheses"])
    assert shown["contradictions"] == summary["relations"]["contradict"]
    assert shown["revisions"] == summary["relations"]["revision"]


def test_crocus_report_counts_equal_the_cli(crocus_case):
    summary = assert_report_equals_cli(crocus_case)
    html = render_report(crocus_case)
    assert_pages_show(html, summary)
    assert headings(html, "figure") == summary["measures"]
    assert hidden(html, "contradiction") == summary["contradictions hidden"] > 0
    assert hidden(html, "suggestion") == summary["techniques hidden"] > 0
    # a warning found across documents (a date before the event) is in the report as in the CLI
    assert summary["warnings"] == len(crocus_case.warnings()) > len(crocus_case.annotations("warning"))


def test_written_case_report_counts_equal_the_cli(ferry_case):
    summary = assert_report_equals_cli(ferry_case)
    # the case has what the comparison is about
    assert summary["undated"] == ["river-notes"]
    assert list(summary["origin groups"].values()) == [["lakeside-gazette-2025-05-12", "plains-courier-2025-05-12"]]
    assert summary["sources"] == 5 and summary["documents"] == 5
    assert summary["techniques hidden"] > 0
    assert len(summary["measures"]) >= 2 and summary["measures"]["killed"] >= 5
    html = render_report(ferry_case)
    assert_pages_show(html, summary)
    assert headings(html, "figure") == summary["measures"]
    pairs = {kind: n for kind, n in summary["relations"].items() if n}
    assert {k.lower(): n for k, n in headings(html, "pair").items()} == pairs


def test_workbench_pages_show_the_cli_counts(ferry_case):
    from .test_web import client_for

    summary = cli(ferry_case, "summary")
    web = client_for(ferry_case)
    assert_pages_show(web.get("/").text, summary)
    assert headings(web.get("/figures").text, "figure") == summary["measures"]
    conflicts = web.get("/conflicts").text
    assert {k.lower(): n for k, n in headings(conflicts, "pair").items()} == {
        kind: n for kind, n in summary["relations"].items() if n}
    assert hidden(conflicts, "contradiction") == summary["contradictions hidden"]
    assert hidden(web.get("/techniques").text, "suggestion") == summary["techniques hidden"]
    hypotheses = web.get("/hypotheses").text
    for label in summary["hypotheses"]:
        assert label in hypotheses
