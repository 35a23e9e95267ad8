"""What the technique views show by default: per technique, the confidence from which judged suggestions on
real news were right at least 80% of the time (``scripts/calibrate_techniques.py``, dev stories only).

The detector's confidence is calibrated on PTC, whose articles read unlike wire, NGO and state-media
coverage; on real news a suggestion at 0.3 was plausible about half the time. So the default is measured
where the tool is used: a technique whose judged suggestions never reach the target is hidden by default,
and everything stays one option away (``--min-confidence 0``) with its confidence.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from ..model import Technique

PATH = Path(__file__).resolve().parents[1] / "data" / "techniques" / "shown.json"

@lru_cache(maxsize=1)
def _table() -> dict:
    return json.loads(PATH.read_text(encoding="utf-8")) if PATH.is_file() else {"techniques": {}}


def shown_from(technique: str) -> float | None:
    """The confidence from which ``technique`` is shown by default; None: never by default."""
    return (_table()["techniques"].get(technique) or {}).get("shown_from")


def shown_by_default(technique: str, confidence: float) -> bool:
    threshold = shown_from(technique)
    return threshold is not None and confidence >= threshold


def is_shown(item: Technique, min_confidence: float | None = None) -> bool:
    """Shown by default (``min_confidence`` None), or at or above an explicit ``min_confidence``."""
    confidence = item.confidence or 0.0
    if min_confidence is not None:
        return confidence >= min_confidence
    return shown_by_default(item.technique, confidence)


def basis() -> str:
    """One line on how the default was measured, for the CLI's and the report's captions."""
    t = _table()
    right, n = (sum(v["right_when_shown"][i] for v in t["techniques"].values()) for i in (0, 1))
    shown = sorted(k for k, v in t["techniques"].items() if v.get("shown_from") is not None)
    if not shown:
        return ("no technique's suggestions reached 80% precision on judged real news (dev split), so none is "
                "shown by default")
    return (f"shown by default: {len(shown)} techniques above their thresholds, {right} of {n} right on judged "
            f"real news (dev)")
