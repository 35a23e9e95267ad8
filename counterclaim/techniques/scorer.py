"""The SemEval-2020 Task 11 measures, written from the task description.

Span identification (SI) gives partial credit for overlap: with predicted spans S and
gold spans T in the same article,

    P(S, T) = 1/|S| * sum_{s in S, t in T} |s ∩ t| / |s|
    R(S, T) = 1/|T| * sum_{s in S, t in T} |s ∩ t| / |t|

summed over all articles before dividing. Overlapping spans of one side are merged first
(the task scores span *identification*, so two overlapping predictions are one region).

Technique classification (TC) labels given gold spans; a span annotated with k techniques
appears k times and the best matching assignment counts, so the measure is micro-F1 over
(span, technique) pairs with multiset matching per span.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

Span = tuple[str, int, int]  # (article id, start, end)
LabelledSpan = tuple[str, int, int, str]  # (article id, start, end, technique)


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float

    def as_dict(self) -> dict[str, float]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Union of overlapping or touching intervals, sorted."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def _by_article(spans: Iterable[Span]) -> dict[str, list[tuple[int, int]]]:
    grouped: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for article, start, end in spans:
        if end > start:
            grouped[article].append((start, end))
    return {a: merge_spans(s) for a, s in grouped.items()}


def si_score(predicted: Iterable[Span], gold: Iterable[Span]) -> PRF:
    """SI precision/recall/F1 with partial-overlap credit."""
    pred, ref = _by_article(predicted), _by_article(gold)
    n_pred = sum(len(v) for v in pred.values())
    n_gold = sum(len(v) for v in ref.values())
    p_credit = r_credit = 0.0
    for article, spans in pred.items():
        for s0, s1 in spans:
            for t0, t1 in ref.get(article, ()):
                inter = min(s1, t1) - max(s0, t0)
                if inter > 0:
                    p_credit += inter / (s1 - s0)
                    r_credit += inter / (t1 - t0)
    p = p_credit / n_pred if n_pred else 0.0
    r = r_credit / n_gold if n_gold else 0.0
    return PRF(p, r, _f1(p, r))


def tc_score(predicted: Iterable[LabelledSpan], gold: Iterable[LabelledSpan],
             labels: Sequence[str] = ()) -> tuple[PRF, dict[str, PRF]]:
    """TC micro P/R/F1 and per-technique P/R/F1 (multiset matching per gold span)."""
    pred: dict[Span, Counter[str]] = defaultdict(Counter)
    ref: dict[Span, Counter[str]] = defaultdict(Counter)
    for a, s, e, t in predicted:
        pred[(a, s, e)][t] += 1
    for a, s, e, t in gold:
        ref[(a, s, e)][t] += 1
    tp: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    for span in set(pred) | set(ref):
        p, g = pred.get(span, Counter()), ref.get(span, Counter())
        tp.update(p & g)
        n_pred.update(p)
        n_gold.update(g)
    micro_p = sum(tp.values()) / sum(n_pred.values()) if n_pred else 0.0
    micro_r = sum(tp.values()) / sum(n_gold.values()) if n_gold else 0.0
    per = {}
    for label in labels or sorted(set(n_gold) | set(n_pred)):
        p = tp[label] / n_pred[label] if n_pred[label] else 0.0
        r = tp[label] / n_gold[label] if n_gold[label] else 0.0
        per[label] = PRF(p, r, _f1(p, r))
    return PRF(micro_p, micro_r, _f1(micro_p, micro_r)), per


def expected_calibration_error(confidence: Sequence[float], correct: Sequence[bool], bins: int = 10) -> float:
    """ECE: the bin-weighted mean gap between confidence and accuracy (equal-width bins)."""
    conf = np.asarray(confidence, dtype=float)
    hit = np.asarray(correct, dtype=float)
    if conf.size == 0:
        return 0.0
    which = np.minimum((conf * bins).astype(int), bins - 1)
    ece = 0.0
    for b in range(bins):
        mask = which == b
        if mask.any():
            ece += mask.mean() * abs(conf[mask].mean() - hit[mask].mean())
    return float(ece)
