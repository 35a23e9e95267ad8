"""Measuring a :class:`TechniqueModel` on a PTC split with the task's own measures."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

import numpy as np
from spacy.tokens import Doc

from . import rules
from .data import Split
from .model import Finding, TechniqueModel
from .scorer import LabelledSpan, expected_calibration_error, si_score, tc_score
from .taxonomy import TECHNIQUES


def classify_gold(model: TechniqueModel, split: Split, docs: dict[str, Doc]) -> list[LabelledSpan]:
    """TC: label every gold span; a span annotated k times gets the k most probable techniques."""
    repeats: dict[str, Counter[tuple[int, int]]] = defaultdict(Counter)
    for a, s, e, _ in split.techniques:
        repeats[a][(s, e)] += 1
    out = []
    for a, spans in repeats.items():
        keys = list(spans)
        probs = model.classify(docs[a], keys)
        for (s, e), row in zip(keys, probs):
            for best in np.argsort(-row)[: spans[(s, e)]]:
                out.append((a, s, e, model.classifier.classes[best]))
    return out


def is_correct(article: str, finding: Finding, gold: dict[str, list[LabelledSpan]]) -> bool:
    """A finding is right when it overlaps a gold span of the same technique."""
    return any(t == finding.technique and s < finding.end and finding.start < e for _, s, e, t in gold.get(article, ()))


def gold_by_article(split: Split) -> dict[str, list[LabelledSpan]]:
    grouped: dict[str, list[LabelledSpan]] = defaultdict(list)
    for item in split.techniques:
        grouped[item[0]].append(item)
    return grouped


def measure_rules(split: Split, docs: dict[str, Doc]) -> dict[str, dict[str, Any]]:
    """Per rule: matches, those overlapping a gold span of its technique / of any technique, confidence."""
    gold = gold_by_article(split)
    out = {}
    for rule in rules.RULES:
        matches = [(a, Finding(s, e, rule.technique, 1.0, "rule")) for a in split.articles for s, e in rule.find(docs[a])]
        hits = sum(is_correct(a, f, gold) for a, f in matches)
        any_gold = sum(any(s < f.end and f.start < e for _, s, e, _ in gold.get(a, ())) for a, f in matches)
        out[rule.name] = {"technique": rule.technique, "matches": len(matches), "correct": hits,
                          "overlaps_any_gold": any_gold, "precision": round(hits / len(matches), 4) if matches else None,
                          "confidence": round(rules.confidence(hits, len(matches)), 4)}
    return out


def flc_per_technique(found: dict[str, list[Finding]], split: Split) -> dict[str, dict[str, float]]:
    """Span + technique P/R/F1 per technique (the SI measure restricted to one label)."""
    out = {}
    for technique in TECHNIQUES:
        pred = [(a, f.start, f.end) for a, fs in found.items() for f in fs if f.technique == technique]
        gold = [(a, s, e) for a, s, e, t in split.techniques if t == technique]
        out[technique] = si_score(pred, gold).as_dict() | {"predicted": len(pred), "gold": len(gold)}
    return out


def evaluate(model: TechniqueModel, split: Split, docs: dict[str, Doc]) -> dict[str, Any]:
    """SI (with and without rules), TC given gold spans, span+technique per label, calibration."""
    gold = gold_by_article(split)
    found = {a: model.detect(docs[a]) for a in split.articles}
    model_only = {a: [f for f in fs if f.source == "model"] for a, fs in found.items()}
    tc_micro, tc_per = tc_score(classify_gold(model, split, docs), split.techniques, TECHNIQUES)
    pairs = [(f.confidence, is_correct(a, f, gold)) for a, fs in found.items() for f in fs]
    conf = np.array([c for c, _ in pairs])
    hit = np.array([h for _, h in pairs], dtype=bool)
    return {
        "split": split.name, "articles": len(split.articles),
        "si": si_score([(a, f.start, f.end) for a, fs in found.items() for f in fs], split.spans).as_dict(),
        "si_without_rules": si_score([(a, f.start, f.end) for a, fs in model_only.items() for f in fs],
                                     split.spans).as_dict(),
        "rule_findings": sum(len(fs) - len(model_only[a]) for a, fs in found.items()),
        "tc_micro_f1": round(tc_micro.f1, 4),
        "tc_per_technique": {t: p.as_dict() for t, p in tc_per.items()},
        "span_technique_per_technique": flc_per_technique(found, split),
        "findings": len(pairs), "findings_correct": int(hit.sum()),
        "ece": round(expected_calibration_error(conf, hit), 4),
        "mean_confidence": round(float(conf.mean()), 4) if conf.size else 0.0,
        "accuracy": round(float(hit.mean()), 4) if hit.size else 0.0,
        "by_min_confidence": {str(c): {"findings": int((conf >= c).sum()),
                                       "correct_share": round(float(hit[conf >= c].mean()), 4) if (conf >= c).any() else None}
                              for c in (0.2, 0.3, 0.5, 0.7)},
    }
