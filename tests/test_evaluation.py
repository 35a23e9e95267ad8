"""The evaluation harness: gold resolution against rebuilt texts, metrics by hand, skipped rows."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from counterclaim.cli import main
from counterclaim.evaluation.gold import GoldError, resolve, summary_stance
from counterclaim.evaluation.metrics import classification, fnc_score
from counterclaim.evaluation.sources import load_text

from .conftest import ROOT

# Two feed entries as the Crocus RSS dataset stores them (BBC, 23 March 2024; see its README).
ENTRIES = [
    {"source": "BBC", "title": "Gunmen arrested after Moscow concert attack, says Putin",
     "summary": "At least 133 people were killed when the attackers opened fire at a venue packed with people.",
     "date_published": "2024-03-23T17:49:18+00:00"},
    {"source": "BBC", "title": "What we know about the attack on a Moscow concert hall",
     "summary": "More than 100 people were killed when gunmen opened fire inside a packed arena before setting it alight.",
     "date_published": "2024-03-23T15:07:07+00:00"},
]


@pytest.fixture
def data_root(tmp_path):
    folder = tmp_path / "data" / "crocus_city_hall_2024_rss"
    folder.mkdir(parents=True)
    (folder / "crocus_rss_entries.jsonl").write_text("".join(json.dumps(e) + "\n" for e in ENTRIES), encoding="utf-8")
    return tmp_path / "data"


def _story(tmp_path, **extra):
    story = {"story": "t", "split": "dev",
             "hypotheses": [{"id": "H1", "label": "gunmen", "aliases": []}],
             "documents": [{"ref": "crocus:0", "figures": [
                 {"quote": "At least 133", "value": 133, "qualifier": "at_least", "measure": "killed",
                  "speaker": "outlet", "in_scope": True}]},
                 {"ref": "crocus:1"}], **extra}
    path = tmp_path / "story.json"
    path.write_text(json.dumps(story), encoding="utf-8")
    return path


def test_rebuilt_text_is_title_blank_line_summary(data_root):
    src = load_text("crocus:0", data_root)
    assert src.text.startswith("Gunmen arrested after Moscow concert attack, says Putin\n\nAt least 133 people")
    # the feed's full timestamp: one outlet's same-day entries are ordered by it
    assert src.outlet == "BBC" and src.published == "2024-03-23T17:49:18+00:00"


def test_resolve_fills_offsets_and_hash(tmp_path, data_root):
    data, notes = resolve(_story(tmp_path), data_root)
    fig = data["documents"][0]["figures"][0]
    text = load_text("crocus:0", data_root).text
    assert text[fig["start"]:fig["end"]] == "At least 133"
    assert data["documents"][0]["sha256"] == load_text("crocus:0", data_root).sha256
    assert notes == []


def test_resolve_refuses_a_quote_not_in_the_text_and_a_changed_text(tmp_path, data_root):
    path = _story(tmp_path, contradictions=[{"type": "numeric", "a": {"ref": "crocus:0", "quote": "At least 137"},
                                             "b": {"ref": "crocus:1", "quote": "More than 100"}}])
    with pytest.raises(GoldError, match="quote not found"):
        resolve(path, data_root)
    story = json.loads(_story(tmp_path).read_text())
    story["documents"][0]["sha256"] = "0" * 64
    path.write_text(json.dumps(story))
    with pytest.raises(GoldError, match="text changed"):
        resolve(path, data_root)


def test_summary_rule_reports_an_accusation_beside_its_denial():
    accusation = {"speaker": "Putin", "says": "for"}
    denial = {"speaker": "Kyiv", "says": "against"}
    assert summary_stance([accusation, denial]) == "reports"
    assert summary_stance([denial]) == "denies"
    assert summary_stance([{"speaker": "outlet", "says": "for"}, denial]) == "asserts"
    assert summary_stance([]) == "absent"


def test_metrics_by_hand():
    gold = ["asserts", "absent", "denies", "reports"]
    pred = ["asserts", "absent", "reports", "reports"]
    m = classification(gold, pred, ["asserts", "reports", "denies", "absent"])
    assert m["accuracy"] == 0.75
    assert m["per_class"]["reports"]["precision"] == 0.5 and m["per_class"]["denies"]["recall"] == 0.0
    # FNC score: 0.25 + 0.75 (asserts) + 0.25 (absent) + 0.25 (denies only related) + 1.0 (reports) of 3.25
    assert fnc_score(gold, pred) == round(2.5 / 3.25, 4)


def test_eval_without_data_skips_each_row(tmp_path, monkeypatch):
    monkeypatch.setenv("COUNTERCLAIM_DATA", str(tmp_path / "none"))
    monkeypatch.setattr("counterclaim.evaluation.sources.Path.is_dir", lambda self: False)
    result = CliRunner().invoke(main, ["eval", "--no-write", "--stage", "stance", "--stage", "figures"])
    assert result.exit_code == 0, result.output
    assert "skipped" in result.output and "fnc1_stance" in result.output


def test_eval_refuses_an_unknown_stage():
    result = CliRunner().invoke(main, ["eval", "--no-write", "--stage", "vibes"])
    assert result.exit_code == 2 and "unknown stage vibes" in result.output


def test_eval_refuses_a_story_the_gold_does_not_have():
    result = CliRunner().invoke(main, ["eval", "--stage", "hypotheses", "--story", "no-such-story-2099"])
    assert result.exit_code == 2 and "no gold story no-such-story-2099" in " ".join(result.output.split())


def test_a_subset_of_stories_is_scored_alone_and_never_written():
    from counterclaim.evaluation.gold import load_stories
    from counterclaim.evaluation.sources import data_dir

    root = data_dir(None)
    if root is None or not load_stories(root, "dev"):
        pytest.skip("the shared data is not here")
    result = CliRunner().invoke(main, ["eval", "--stage", "hypotheses", "--story", "weiner-photo-2011"])
    out = " ".join(result.output.split())
    assert result.exit_code == 0, result.output
    assert "(1 stories, 3 documents) (dev)" in out and "not written to the table" in out


def test_a_named_data_folder_that_is_missing_is_an_error_not_a_fallback(tmp_path):
    result = CliRunner().invoke(main, ["eval", "--no-write", "--data", str(tmp_path / "typo"), "--stage", "stance"])
    assert result.exit_code == 2 and "data folder not found" in " ".join(result.output.split())


@pytest.mark.parametrize("table, script", [
    ("conflicts/calibration.json", "calibrate_conflicts.py"),
    ("calibration/doc_stance.json", "calibrate_stances.py"),
    ("techniques/shown.json", "calibrate_techniques.py"),
])
def test_calibration_tables_were_measured_on_the_current_stages(table, script):
    """A confidence means a measured precision only for the pipeline it was measured on: a stage whose version
    changed since makes the table stale (re-run the script on the dev split, which needs the shared data)."""
    from counterclaim.stages import versions

    data = json.loads((ROOT / "counterclaim" / "data" / table).read_text(encoding="utf-8"))
    upto = list(data["stages"])[-1]
    assert data["stages"] == versions(upto), f"{table} is stale: run python scripts/{script} --data ../shared/data"


def test_labelled_scope_readings_point_into_their_texts_and_a_moved_one_is_refused(shared_data, tmp_path):
    from counterclaim.evaluation.gold import SCOPE_DIR, SCOPE_LABELS, scope_readings

    readings = scope_readings(shared_data)
    assert len(readings) >= 100 and {fig["label"] for *_, fig in readings} <= set(SCOPE_LABELS)
    assert all(text[fig["start"]:fig["end"]] == fig["quote"] for _, text, fig in readings)
    labelled = json.loads(next(SCOPE_DIR.glob("*.json")).read_text(encoding="utf-8"))
    labelled["documents"][0]["figures"][0]["start"] += 1
    (tmp_path / "moved.json").write_text(json.dumps(labelled), encoding="utf-8")
    with pytest.raises(GoldError, match="does not match its text"):
        scope_readings(shared_data, tmp_path)


def test_figure_speakers_are_scored_on_dev_readings_only(tmp_path):
    from counterclaim.evaluation.readings import speaker_rows

    [row] = speaker_rows(tmp_path, "test")
    assert row["stage"] == "figure-speakers" and "dev material" in row["skipped"]


def test_labelled_attribution_readings_point_into_their_texts_and_a_moved_one_is_refused(shared_data, tmp_path):
    from counterclaim.evaluation.gold import ATTRIBUTION_DIR, ATTRIBUTION_LABELS, attribution_readings

    readings = attribution_readings(shared_data)
    statements = [st for *_, sts in readings for st in sts]
    assert len(readings) >= 60 and {st["label"] for st in statements} == set(ATTRIBUTION_LABELS)
    assert all(text[st["actor_start"]:st["actor_end"]] == st["actor"] for _, text, sts in readings for st in sts)
    labelled = json.loads(next(ATTRIBUTION_DIR.glob("*.json")).read_text(encoding="utf-8"))
    doc = next(d for d in labelled["documents"] if d["statements"])
    doc["statements"][0]["actor_start"] += 1
    (tmp_path / "moved.json").write_text(json.dumps(labelled), encoding="utf-8")
    with pytest.raises(GoldError, match="does not match its text"):
        attribution_readings(shared_data, tmp_path)


def test_attribution_is_scored_on_dev_readings_only(tmp_path):
    from counterclaim.evaluation.readings import attribution_rows

    rows = attribution_rows(tmp_path, "test")
    assert [r["stage"] for r in rows] == ["attribution", "attribution-given"]
    assert all("dev material" in r["skipped"] for r in rows)
