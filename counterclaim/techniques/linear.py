"""Plain-numpy pieces of the model: hashed linear classifiers and Platt calibration.

Weights live in ``.npz`` (loaded with ``allow_pickle=False``) and everything else in JSON,
so the artefact carries no executable content.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .features import feature_matrix


def softmax(scores: np.ndarray) -> np.ndarray:
    z = scores - scores.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


@dataclass
class LinearClassifier:
    """A linear classifier over hashed features, applied as ``softmax(X @ W + b)``.

    Trained one-vs-rest with log loss; the softmax only ranks classes, and the detector's
    probabilities are calibrated downstream.
    """

    classes: list[str]
    weights: np.ndarray  # (n_buckets, n_classes), float32 in memory, float16 on disk
    bias: np.ndarray  # (n_classes,)

    @classmethod
    def from_sklearn(cls, model) -> "LinearClassifier":
        """From a fitted multi-class scikit-learn linear model (``coef_``, ``intercept_``, ``classes_``)."""
        coef, intercept = model.coef_, model.intercept_
        # Round through float16 now so held-out tuning sees exactly the weights that ship.
        weights = coef.T.astype(np.float16).astype(np.float32)
        return cls([str(c) for c in model.classes_], weights, intercept.astype(np.float32))

    def predict_proba(self, rows: list[list[int]]) -> np.ndarray:
        """Class probabilities for rows of feature buckets (:func:`features.span_features`)."""
        return softmax(np.asarray(feature_matrix(rows) @ self.weights) + self.bias)

    def arrays(self, prefix: str) -> dict[str, np.ndarray]:
        # float16 halves the artefact; logistic-regression weights need no more precision.
        return {f"{prefix}_weights": self.weights.astype(np.float16), f"{prefix}_bias": self.bias}

    @classmethod
    def from_arrays(cls, arrays, prefix: str, classes: list[str]) -> "LinearClassifier":
        # C order: stored transposed (Fortran order), the weights would be copied on every sparse product.
        return cls(classes, np.ascontiguousarray(arrays[f"{prefix}_weights"], dtype=np.float32), arrays[f"{prefix}_bias"])


@dataclass
class Calibrator:
    """Platt scaling on the logit of a raw probability: ``sigmoid(a * logit(p) + b)``.

    Two parameters cannot overfit the few very confident held-out findings the way a
    step function (isotonic regression) does.
    """

    a: float = 1.0
    b: float = 0.0

    def __call__(self, raw: np.ndarray | float) -> np.ndarray:
        p = np.clip(raw, 1e-6, 1 - 1e-6)
        return 1.0 / (1.0 + np.exp(-(self.a * np.log(p / (1 - p)) + self.b)))

    @classmethod
    def fit(cls, raw: np.ndarray, correct: np.ndarray) -> "Calibrator":
        from sklearn.linear_model import LogisticRegression

        p = np.clip(raw, 1e-6, 1 - 1e-6)
        model = LogisticRegression(C=1e6).fit(np.log(p / (1 - p)).reshape(-1, 1), correct.astype(int))
        return cls(float(model.coef_[0, 0]), float(model.intercept_[0]))
