"""A small numpy multilayer perceptron loaded from an ``.npz`` artefact (no pickle).

The artefact holds the input standardisation, one hidden ReLU layer, the output layer, a
softmax temperature fitted on held-out data (so confidences track accuracy) and the label
names. Training code writes it with :func:`save`; inference needs only numpy.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np


class MLP:
    def __init__(self, arrays: dict[str, np.ndarray], labels: list[str]):
        self.mean = arrays["mean"]
        self.scale = arrays["scale"]
        self.layers = [(arrays[f"W{i}"], arrays[f"b{i}"]) for i in range(int(arrays["depth"]))]
        self.temperature = float(arrays["temperature"])
        # Per-class offsets for confidences only (a class-balanced model decides; the offsets undo the balancing
        # so that a confidence says how often that answer is right).
        self.offsets = arrays.get("offsets", np.zeros(len(labels), np.float32))
        self.labels = labels

    @classmethod
    def load(cls, path: Path) -> "MLP":
        with np.load(path, allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
        labels = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["labels"]
        return cls(arrays, labels)

    def logits(self, X: np.ndarray) -> np.ndarray:
        h = (X - self.mean) / self.scale
        for i, (W, b) in enumerate(self.layers):
            h = h @ W + b
            if i < len(self.layers) - 1:
                h = np.maximum(h, 0.0)
        return h

    def proba(self, X: np.ndarray, calibrated: bool = False) -> np.ndarray:
        z = self.logits(X) / self.temperature + (self.offsets if calibrated else 0.0)
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)


def save(path: Path, mean, scale, coefs, intercepts, temperature: float, card: dict, offsets=None) -> None:
    """Write the weights (``.npz``) and the model card (``.json``, with the weights' SHA-256)."""
    arrays = {"mean": np.asarray(mean, np.float32), "scale": np.asarray(scale, np.float32),
              "depth": np.array(len(coefs)), "temperature": np.array(temperature, np.float32)}
    if offsets is not None:
        arrays["offsets"] = np.asarray(offsets, np.float32)
    for i, (W, b) in enumerate(zip(coefs, intercepts)):
        arrays[f"W{i}"] = np.ascontiguousarray(W, np.float32)
        arrays[f"b{i}"] = np.asarray(b, np.float32)
    np.savez_compressed(path, **arrays)
    card = dict(card, sha256=hashlib.sha256(path.read_bytes()).hexdigest())
    path.with_suffix(".json").write_text(json.dumps(card, indent=1) + "\n", encoding="utf-8")
