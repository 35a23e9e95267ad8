"""Check-worthiness: how much a sentence deserves a fact-checker's attention, in [0, 1].

A logistic regression over TF-IDF word (1-2) and character (2-5) n-grams, trained on
the CLEF CheckThat! 2024 Task 1 English data by ``scripts/train_checkworthy.py``.
The artefact in ``data/checkworthy/`` holds plain arrays (vocabulary, idf,
coefficients) in an ``.npz`` loaded without pickle; this module applies them
itself, so scoring needs neither scikit-learn nor the training data, and every
score can be explained term by term (:func:`CheckworthyModel.explain`).
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "checkworthy"
MODEL_FILE = MODEL_DIR / "model.npz"
CARD_FILE = MODEL_DIR / "card.json"

WORD_NGRAMS = (1, 2)
CHAR_NGRAMS = (2, 5)
_WORD = re.compile(r"(?u)\b\w\w+\b")
_DIGIT = re.compile(r"\d")


def normalise(text: str) -> str:
    """Lower-case and map every digit to 0: "137 killed" and "60 killed" share features."""
    return _DIGIT.sub("0", text.lower())


def word_ngrams(text: str) -> list[str]:
    """Word unigrams and bigrams (scikit-learn's default token pattern)."""
    tokens = _WORD.findall(normalise(text))
    lo, hi = WORD_NGRAMS
    return [" ".join(tokens[i:i + n]) for n in range(lo, hi + 1) for i in range(len(tokens) - n + 1)]


def char_ngrams(text: str) -> list[str]:
    """Character n-grams inside space-padded words (scikit-learn's ``char_wb``)."""
    grams: list[str] = []
    lo, hi = CHAR_NGRAMS
    for word in normalise(text).split():
        padded = f" {word} "
        for n in range(lo, hi + 1):
            grams.extend(padded[i:i + n] for i in range(max(1, len(padded) - n + 1)))
            if n >= len(padded):  # a short word counts once, as in char_wb
                break
    return grams


ANALYZERS = {"word": word_ngrams, "char": char_ngrams}


@dataclass(frozen=True)
class Block:
    """One TF-IDF block: vocabulary, idf and the classifier's weights for it."""

    index: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray

    def features(self, grams: Iterable[str]) -> tuple[np.ndarray, np.ndarray]:
        """Sublinear, l2-normalised TF-IDF (as ``TfidfVectorizer(sublinear_tf=True)``): (term ids, weights)."""
        counts = Counter(i for i in map(self.index.get, grams) if i is not None)
        ids = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        weights = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))) * self.idf[ids]
        norm = float(np.sqrt(weights @ weights)) or 1.0
        return ids, weights / norm


class CheckworthyModel:
    """The shipped model: ``score(texts)`` gives probabilities of being check-worthy."""

    def __init__(self, path: Path = MODEL_FILE):
        with np.load(path, allow_pickle=False) as data:
            self.blocks = {
                name: Block({str(t): i for i, t in enumerate(data[f"{name}_vocab"])},
                            data[f"{name}_idf"].astype(np.float64), data[f"{name}_coef"].astype(np.float64))
                for name in ANALYZERS
            }
            self._word_grams: dict[str, list[str]] = {}
            self.intercept = float(data["intercept"])
            self.threshold = float(data["threshold"])
            self.version = str(data["version"])

    def decision(self, text: str) -> float:
        total = self.intercept
        for name, block in self.blocks.items():
            grams = self._char_grams(text) if name == "char" else ANALYZERS[name](text)
            ids, weights = block.features(grams)
            total += float(block.coef[ids] @ weights)
        return total

    def _char_grams(self, text: str) -> list[str]:
        """``char_ngrams(text)`` less the n-grams outside the vocabulary, from a per-word memo (words recur)."""
        index, memo = self.blocks["char"].index, self._word_grams
        grams: list[str] = []
        for word in normalise(text).split():
            found = memo.get(word)
            if found is None:
                if len(memo) >= 200_000:
                    memo.clear()
                found = memo[word] = [g for g in char_ngrams(word) if g in index]
            grams += found
        return grams

    def score(self, texts: Sequence[str]) -> list[float]:
        return [1.0 / (1.0 + math.exp(-self.decision(t))) for t in texts]

    def explain(self, text: str, top: int = 5) -> list[tuple[str, float]]:
        """The n-grams that pushed this text's score most, with their contributions."""
        parts: list[tuple[str, float]] = []
        for name, block in self.blocks.items():
            vocab = {i: g for g, i in block.index.items()}
            ids, weights = block.features(ANALYZERS[name](text))
            parts += [(vocab[int(i)], float(block.coef[i] * x)) for i, x in zip(ids, weights)]
        return sorted(parts, key=lambda p: -abs(p[1]))[:top]


@lru_cache(maxsize=1)
def load() -> CheckworthyModel:
    """The shipped model, loaded once per process."""
    return CheckworthyModel()


def card() -> dict:
    return json.loads(CARD_FILE.read_text())


def score(texts: Sequence[str]) -> list[float]:
    """Check-worthiness of each text in [0, 1]."""
    return load().score(texts)


def evaluate(model: CheckworthyModel, texts: Sequence[str], labels: Sequence[bool],
             threshold: float | None = None) -> dict[str, float]:
    """Precision, recall and F1 (positive class) of ``model`` at ``threshold`` (default: the model's)."""
    cut = model.threshold if threshold is None else threshold
    p, r, f = positive_class_prf(labels, [s >= cut for s in model.score(texts)])
    return {"n": len(texts), "positives": sum(labels), "precision": round(p, 4), "recall": round(r, 4),
            "f1": round(f, 4)}


def positive_class_prf(gold: Sequence[bool], predicted: Sequence[bool]) -> tuple[float, float, float]:
    """Precision, recall and F1 on the positive (check-worthy) class, the CheckThat! measure."""
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted differ in length")
    tp = sum(g and p for g, p in zip(gold, predicted))
    fp = sum(p and not g for g, p in zip(gold, predicted))
    fn = sum(g and not p for g, p in zip(gold, predicted))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


# --------------------------------------------------------------------------- CheckThat! 2024 data (training, evaluation)

CT24 = "checkthat2024_task1_english"
SPLITS = {
    "train": "CT24_checkworthy_english_train.tsv",
    "dev": "CT24_checkworthy_english_dev.tsv",
    "dev-test": "CT24_checkworthy_english_dev-test.tsv",
    "test": "CT24_checkworthy_english_test_gold.tsv",
}


_JOINED = re.compile(r"\t(Yes|No)(\d+)\t")


def read_split(data: Path, split: str) -> tuple[list[str], list[bool]]:
    """Texts and Yes/No labels of one CT24 split.

    Read line by line rather than with csv: texts contain bare double quotes, and one
    train line holds two records joined by a missing newline ("...<TAB>No29286<TAB>...").
    """
    raw = (data / CT24 / SPLITS[split]).read_text(encoding="utf-8")
    texts, labels = [], []
    for line in _JOINED.sub(r"\t\1\n\2\t", raw).splitlines()[1:]:
        sid, text, label = line.split("\t")
        if label not in ("Yes", "No") or not sid.isdigit():
            raise ValueError(f"{split}: bad record {line!r}")
        texts.append(unquote(text))
        labels.append(label == "Yes")
    return texts, labels


def unquote(text: str) -> str:
    """Undo CSV quoting of a field: a quoted field with doubled inner quotes."""
    if len(text) > 1 and text[0] == text[-1] == '"':
        return text[1:-1].replace('""', '"')
    return text
