"""Scoring figures on the real-news gold: what counts as a hit, and speaker and measure agreement."""

from __future__ import annotations

from pathlib import Path

from counterclaim.evaluation.gold import Story
from counterclaim.evaluation.realnews import figure_counts

GOLD = [{"start": 0, "end": 11, "value": 133, "measure": "killed", "speaker": "outlet", "in_scope": True},
        {"start": 40, "end": 45, "value": 60, "measure": "injured", "speaker": "health ministry", "in_scope": True},
        {"start": 60, "end": 65, "value": 1000, "measure": "killed", "speaker": "outlet", "in_scope": True,
         "projection": True},
        {"start": 80, "end": 85, "value": 3000, "measure": "killed", "speaker": "outlet", "in_scope": False}]


def _q(qid, start, end, value, measure, **extra):
    return {"id": qid, "doc_id": "d1", "start": start, "end": end, "value": value, "measure": measure, **extra}


def _export(quantities, claims):
    return {"annotations": {"quantity": quantities, "claim": claims}}


def test_hits_need_value_and_measure_and_projections_and_other_scopes_stay_out():
    story = Story(Path("-"), {"story": "s", "split": "dev", "documents": [{"ref": "r1", "figures": GOLD}]})
    quantities = [_q("q1", 0, 11, 133, "killed"), _q("q2", 40, 45, 60, "killed"),  # right number, wrong measure
                  _q("q3", 60, 65, 1000, "killed", projection=True), _q("q4", 80, 85, 3000, "killed", scope="cumulative")]
    claims = [{"quantity_ids": ["q1"], "speaker": {"kind": "outlet", "name": "BBC"}},
              {"quantity_ids": ["q2"], "speaker": {"kind": "reported", "name": "the Health Ministry"}}]
    c = figure_counts(story, _export(quantities, claims), {"r1": "d1"})
    assert (c["tp"], c["fp"], c["fn"]) == (1, 1, 1)
    assert (c["matched"], c["measure_ok"], c["speaker_ok"]) == (2, 1, 2)


def test_a_figure_no_claim_carries_has_no_speaker():
    story = Story(Path("-"), {"story": "s", "split": "dev", "documents": [{"ref": "r1", "figures": GOLD[:1]}]})
    c = figure_counts(story, _export([_q("q1", 0, 11, 133, "killed")], []), {"r1": "d1"})
    assert (c["tp"], c["speaker_ok"], c["matched"]) == (1, 0, 1)
