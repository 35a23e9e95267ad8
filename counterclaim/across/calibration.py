"""Contradiction confidences that mean something: measured precision on the real-news dev split.

A structural verdict's own score (0.6 "as-of time unknown", 0.85 "a denial against an
assertion", ...) says how the rule ranks its cases, not how often such a contradiction is real.
``scripts/calibrate_conflicts.py`` runs the pipeline over the dev stories of ``eval/gold``,
matches every contradiction it lists against the annotated ones, and stores, per kind and
score, how many were right. A contradiction's confidence is that smoothed precision; the
default views show only those at or above :data:`SHOW` (the issue's precision target), the
rest stay one flag away (``conflicts --low-confidence``) with their confidence.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from ..evaluation.metrics import smoothed_precision

PATH = Path(__file__).resolve().parents[1] / "data" / "conflicts" / "calibration.json"
SHOW = 0.8


@lru_cache(maxsize=1)
def table() -> dict:
    return json.loads(PATH.read_text(encoding="utf-8")) if PATH.is_file() else {"cells": {}, "kinds": {}, "overall": [0, 0]}


def cell(kind: str | None, raw: float) -> str:
    return f"{kind}|{round(raw, 1):.1f}"


def calibrated(kind: str | None, raw: float) -> tuple[float, str]:
    """(confidence, how it was measured) for a contradiction of ``kind`` with structural score ``raw``."""
    t = table()
    for key, label in ((cell(kind, raw), f"{kind} verdicts scored {round(raw, 1):.1f}"), (kind, f"{kind} verdicts")):
        right, n = t["cells"].get(key) or t["kinds"].get(key) or (0, 0)
        if n >= 5:
            return round(smoothed_precision(right, n), 2), f"{right} of {n} {label} were real on the dev split"
    right, n = t["overall"]
    return round(smoothed_precision(right, n), 2), f"too few {kind} verdicts measured; {right} of {n} contradictions were real on the dev split"
