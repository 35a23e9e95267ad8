"""How far a document's stance on a hypothesis can be trusted: the precision of that stance label,
measured on the real-news dev split.

The stance rules have no score of their own that means "how often is this right", so, as for
contradictions (:mod:`counterclaim.across.calibration`), the confidence is measured:
``scripts/calibrate_stances.py`` runs the pipeline over the dev stories of ``eval/gold`` and stores,
per predicted label, how many document × hypothesis pairs the gold labels the same. Every stance
with that label carries that (smoothed) precision and says where it came from.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

PATH = Path(__file__).resolve().parents[1] / "data" / "calibration" / "doc_stance.json"


@lru_cache(maxsize=1)
def table() -> dict:
    return json.loads(PATH.read_text(encoding="utf-8")) if PATH.is_file() else {"labels": {}}


def stance_confidence(stance: str, read_by: str = "rules") -> tuple[float | None, str]:
    """(confidence, how it was measured) for a document stance ``stance`` read by the rules or the stance model
    (measured apart: ``"reports (stance model)"``); None when never measured."""
    key = stance if read_by == "rules" else f"{stance} ({read_by})"
    right, n = table()["labels"].get(key) or (0, 0)
    if not n:
        return None, f"no '{key}' stance was measured on the dev split"
    # Jeffreys-style smoothing, as for contradictions: two of two right is 0.83, not 1.0.
    return round((right + 0.5) / (n + 1), 2), f"{right} of {n} '{key}' stances were right on the real-news dev split"
