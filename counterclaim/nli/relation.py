"""Relation between two statements: entails, contradicts or neutral, with a calibrated confidence.

``relate(a, b)`` judges statement ``b`` against ``a``. The model (``data/nli/relation.npz``,
trained by ``scripts/train_relation.py``) reads the features of :mod:`.features`; its softmax
temperature was fitted on held-out pairs, so a confidence of 0.7 is right about 70% of the time
on data like its training data (measured figures: ``docs/evaluation.md``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from .encoder import Encoded, encoder
from .features import pair_features
from .mlp import MLP

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "nli" / "relation.npz"


@dataclass(frozen=True)
class Relation:
    relation: str  # entails / contradicts / neutral
    confidence: float
    probabilities: dict[str, float]

    def to_json(self) -> dict:
        return {"relation": self.relation, "confidence": round(self.confidence, 4)}


@lru_cache(maxsize=1)
def model() -> MLP:
    if not MODEL_PATH.is_file():
        raise RuntimeError(f"relation model missing: {MODEL_PATH} (train it with scripts/train_relation.py)")
    return MLP.load(MODEL_PATH)


def features_for(pairs: list[tuple[str, str]], encoded: dict[str, Encoded] | None = None) -> np.ndarray:
    """Feature rows for text pairs, encoding each distinct text once."""
    encoded = dict(encoded or {})
    todo = sorted({t for p in pairs for t in p if t not in encoded})
    encoded.update(zip(todo, encoder().encode(todo)))
    return np.stack([pair_features(a, b, encoded[a], encoded[b]) for a, b in pairs])


def probabilities(pairs: list[tuple[str, str]], encoded: dict[str, Encoded] | None = None) -> np.ndarray:
    """Rows of probabilities in the order of ``model().labels``."""
    if not pairs:
        return np.zeros((0, len(model().labels)), dtype=np.float32)
    return model().proba(features_for(pairs, encoded))


def relate_many(pairs: list[tuple[str, str]]) -> list[Relation]:
    labels = model().labels
    out = []
    for row in probabilities(pairs):
        k = int(row.argmax())
        out.append(Relation(labels[k], float(row[k]), {lab: float(p) for lab, p in zip(labels, row)}))
    return out


def relate(a: str, b: str) -> Relation:
    """The relation of statement ``b`` to statement ``a``."""
    return relate_many([(a, b)])[0]
