"""The persuasion-technique model: score syntactic span candidates, keep the best per technique.

1. Candidates: content words, modified nouns, subtrees (phrases and clauses), noun chunks
   and sentences of the spaCy parse (:func:`features.candidate_spans`).
2. Detector: logistic regression over hashed span features with 15 classes, "none" and the
   14 PTC techniques, trained on candidates matched to gold spans (Jaccard >= 0.5).
3. Selection: per technique, greedily keep the most probable candidates above a threshold
   tuned on held-out train articles, never two overlapping spans of one technique (one
   span may carry several techniques, as in the PTC annotations).
4. Calibration: Platt scaling, fitted on held-out train articles, maps the detector
   probability to the probability that a finding overlaps a gold span of its technique.
5. Rules (:mod:`.rules`): Hitler/Nazi comparisons, dire consequences (fear), discrediting
   hedges (doubt), each with its precision measured on train as confidence.

A separate classifier, trained on gold spans only, labels given spans (the task's TC
measure, and :meth:`TechniqueModel.classify` for spans an analyst marks).

The artefact is ``model.npz`` (weights, no pickle) plus ``model.json`` (everything else).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc

from . import rules
from .features import DocStats, candidate_spans, span_features
from .linear import Calibrator, LinearClassifier
from .taxonomy import TECHNIQUES

ARTEFACT_DIR = Path(__file__).resolve().parent.parent / "data" / "techniques"
NONE = "none"


@dataclass(frozen=True)
class Finding:
    """One suggested technique span (character offsets into the parsed text)."""

    start: int
    end: int
    technique: str
    confidence: float
    source: str  # "model" or "rule"
    score: float = 1.0  # the uncalibrated detector probability


def span_rows(doc: Doc, spans: list[tuple[int, int]]) -> list[list[int]]:
    """Feature rows (buckets) of character spans of one parsed document."""
    stats = DocStats.of(doc)
    return [span_features(doc.char_span(s, e, alignment_mode="expand"), stats) for s, e in spans]


@dataclass
class TechniqueModel:
    version: str
    detector: LinearClassifier  # classes: "none" and techniques
    classifier: LinearClassifier  # classes: techniques
    threshold: float = 0.5
    calibrator: Calibrator = field(default_factory=Calibrator)
    meta: dict[str, Any] = field(default_factory=dict)

    def classify(self, doc: Doc, spans: list[tuple[int, int]]) -> np.ndarray:
        """P(technique) of given spans, columns in ``self.classifier.classes`` order."""
        if not spans:
            return np.zeros((0, len(self.classifier.classes)))
        return self.classifier.predict_proba(span_rows(doc, spans))

    def candidates(self, doc: Doc) -> list[tuple[int, int, str, float]]:
        """(start, end, technique, probability) for every candidate span and technique above the threshold.

        One span may carry several techniques, as in the PTC annotations.
        """
        spans = candidate_spans(doc)
        if not spans:
            return []
        probs = self.detector.predict_proba(span_rows(doc, spans))
        probs[:, self.detector.classes.index(NONE)] = 0.0
        rows, cols = np.nonzero(probs >= self.threshold)
        return [(*spans[i], self.detector.classes[k], float(probs[i, k])) for i, k in zip(rows, cols)]

    def select(self, candidates: list[tuple[int, int, str, float]]) -> list[Finding]:
        """Per technique, the most probable candidates above the threshold that do not overlap."""
        kept: dict[str, list[Finding]] = defaultdict(list)
        for start, end, technique, score in sorted(candidates, key=lambda c: -c[3]):
            if score < self.threshold:
                break
            if not any(start < f.end and f.start < end for f in kept[technique]):
                kept[technique].append(Finding(start, end, technique, float(self.calibrator(score)), "model", score))
        return [f for items in kept.values() for f in items]

    def detect(self, doc: Doc, *, min_confidence: float = 0.0, use_rules: bool = True) -> list[Finding]:
        """Technique findings in a parsed document, sorted by offset."""
        findings = self.select(self.candidates(doc))
        if use_rules:
            # A rule match is the more specific judgement: it replaces a model finding on the same offsets.
            confidence = rules.confidences()
            matched = [Finding(s, e, r.technique, confidence[r.name], "rule") for r in rules.RULES for s, e in r.find(doc)]
            taken = {(f.start, f.end) for f in matched}
            findings = [f for f in findings if (f.start, f.end) not in taken] + matched
        return sorted((f for f in findings if f.confidence >= min_confidence), key=lambda f: (f.start, f.end))

    # ------------------------------------------------------------------ storage

    def save(self, folder: str | Path) -> None:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(folder / "model.npz", **self.detector.arrays("detector"),
                            **self.classifier.arrays("classifier"))
        config = {
            "version": self.version, "detector_classes": self.detector.classes,
            "classifier_classes": self.classifier.classes, "threshold": self.threshold,
            "calibrator": {"a": self.calibrator.a, "b": self.calibrator.b},
            "meta": self.meta,
        }
        (folder / "model.json").write_text(json.dumps(config, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: str | Path = ARTEFACT_DIR) -> "TechniqueModel":
        folder = Path(folder)
        config = json.loads((folder / "model.json").read_text(encoding="utf-8"))
        if set(config["classifier_classes"]) - set(TECHNIQUES) or set(config["detector_classes"]) - {NONE, *TECHNIQUES}:
            raise ValueError(f"{folder}: unknown technique labels in the artefact")
        with np.load(folder / "model.npz", allow_pickle=False) as arrays:
            detector = LinearClassifier.from_arrays(arrays, "detector", config["detector_classes"])
            classifier = LinearClassifier.from_arrays(arrays, "classifier", config["classifier_classes"])
        return cls(config["version"], detector, classifier, config["threshold"], Calibrator(**config["calibrator"]),
                   config.get("meta", {}))


@lru_cache(maxsize=1)
def default_model() -> TechniqueModel:
    """The shipped model, loaded once per process."""
    return TechniqueModel.load(ARTEFACT_DIR)
