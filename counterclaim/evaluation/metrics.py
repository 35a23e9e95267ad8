"""Plain classification metrics (no scikit-learn at run time), and how measured tables are stored."""

from __future__ import annotations

import datetime
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def smoothed_precision(right: int, n: int) -> float:
    """Precision measured on few items, shrunk towards 0.5: two of two right is 0.83, not 1.0; none measured is 0.5."""
    return (right + 0.5) / (n + 1)


def per_class(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> dict[str, dict[str, float]]:
    out = {}
    for lab in labels:
        tp = sum(g == lab and p == lab for g, p in zip(gold, pred))
        fp = sum(g != lab and p == lab for g, p in zip(gold, pred))
        fn = sum(g == lab and p != lab for g, p in zip(gold, pred))
        out[lab] = prf(tp, fp, fn)
    return out


def classification(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> dict:
    """Accuracy, per-class P/R/F1, macro F1 and the confusion matrix (rows gold, columns predicted)."""
    classes = per_class(gold, pred, labels)
    confusion = Counter(zip(gold, pred))
    return {
        "n": len(gold),
        "accuracy": round(sum(g == p for g, p in zip(gold, pred)) / max(len(gold), 1), 4),
        "macro_f1": round(sum(c["f1"] for c in classes.values()) / max(len(classes), 1), 4),
        "per_class": classes,
        "confusion": {g: {p: confusion[(g, p)] for p in labels} for g in labels},
    }


def fnc_score(gold: Sequence[str], pred: Sequence[str], unrelated: str = "absent") -> float:
    """The FNC-1 score relative to its maximum: 0.25 for related/unrelated, +0.75 for the related class."""
    score = best = 0.0
    for g, p in zip(gold, pred):
        best += 0.25 if g == unrelated else 1.0
        if (g == unrelated) == (p == unrelated):
            score += 0.25
            if g != unrelated and g == p:
                score += 0.75
    return round(score / best, 4) if best else 0.0


def expected_calibration_error(confidence: Sequence[float], correct: Sequence[bool], bins: int = 10) -> float:
    total, err = len(confidence), 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        idx = [i for i, c in enumerate(confidence) if lo < c <= hi or (b == 0 and c == 0)]
        if idx:
            acc = sum(correct[i] for i in idx) / len(idx)
            conf = sum(confidence[i] for i in idx) / len(idx)
            err += len(idx) / total * abs(acc - conf)
    return round(err, 4)


def write_calibration(path: Path, command: str, stages: dict[str, str], **measured: Any) -> dict:
    """Store a table measured on the dev split with the command that made it, the date, and the versions of the
    stages its measure depends on (``counterclaim.stages.versions``: a later change makes it stale), and print it."""
    out = {"command": command, "split": "dev", "measured": datetime.date.today().isoformat(), "stages": stages,
           **measured}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(out, indent=1))
    return out
