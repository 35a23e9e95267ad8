"""Technique suggestions on real news, judged: how often what counterclaim shows is right.

The PTC dev set measures the detector on the corpus it was trained for; real wire and
state-media coverage reads differently, so the default threshold is picked on suggestions
made on the real-news gold and judged by annotators (``eval/techniques/<story>.json``,
guidelines in ``docs/annotation.md``). This is pooled evaluation: only suggestions the
system made are judged, so it measures precision, not recall, and suggestions made after a
model change that nobody has judged yet are counted as unjudged, never as right or wrong.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from .metrics import smoothed_precision

JUDGED_DIR = Path(__file__).resolve().parents[2] / "eval" / "techniques"
LABELS = ("yes", "no")


def judgements(path: Path) -> dict[tuple[str, int, int, str], str]:
    """(reference, start, end, technique) -> "yes" | "no" for one story's judgement file."""
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    out = {}
    for j in data["judgements"]:
        if j["label"] not in LABELS:
            raise ValueError(f"{path}: label {j['label']!r} is not one of {LABELS}")
        out[(j["ref"], j["start"], j["end"], j["technique"])] = j["label"]
    return out


def judged_suggestions(story_id: str, exported: dict, refs: dict[str, str]) -> list[tuple[str, float, str | None]]:
    """(technique, confidence, label or None when unjudged) for every suggestion in one story's export."""
    judged = judgements(JUDGED_DIR / f"{story_id}.json")
    ref_of = {doc_id: ref for ref, doc_id in refs.items()}
    return [(t["technique"], t["confidence"] or 0.0,
             judged.get((ref_of.get(t["doc_id"]), t["start"], t["end"], t["technique"])))
            for t in exported["annotations"]["technique"] if t["doc_id"] in ref_of]


def precision_at(rows: list[tuple[str, float, str | None]], shown) -> dict:
    """Precision of what ``shown(technique, confidence)`` lets through, with the unjudged counted apart."""
    c = Counter()
    for technique, confidence, label in rows:
        if shown(technique, confidence):
            c[label or "unjudged"] += 1
    judged = c["yes"] + c["no"]
    return {"shown": judged + c["unjudged"], "judged": judged, "right": c["yes"], "unjudged": c["unjudged"],
            "precision": round(c["yes"] / judged, 4) if judged else None}


def threshold(rows: list[tuple[float, bool]], target: float, min_judged: int) -> float | None:
    """The lowest confidence c such that the judged suggestions at or above c are right at least ``target``
    of the time (smoothed precision, so a few lucky ones do not qualify), with at least ``min_judged`` of
    them; None when no c gets there. Every c from the top down is tried, so a dip further down does not
    hide a precise top."""
    best = None
    for c in sorted({conf for conf, _ in rows}, reverse=True):
        above = [right for conf, right in rows if conf >= c]
        if len(above) >= min_judged and smoothed_precision(sum(above), len(above)) >= target:
            best = c
    return best
