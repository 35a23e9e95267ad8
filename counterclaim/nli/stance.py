"""Document stance toward a statement: asserts, reports, denies or absent, with evidence spans.

FNC-1's four classes map onto counterclaim's: agree → asserts, discuss → reports,
disagree → denies, unrelated → absent. The document is split into sentences; the ones
closest to the statement are judged with the relation model, and a linear model
(``data/nli/stance.npz``, trained by ``scripts/train_stance.py``) reads those judgements,
similarities and hashed words of the closest sentences and of the whole text (so wording
such as "denied", "reportedly" or "hoax" is learned from data, not listed by hand).
Evidence is the sentences the decision rests on, as offsets into the text.
"""

from __future__ import annotations

import re
import sys
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from .encoder import Encoded, encoder
from .mlp import MLP
from .relation import model as relation_model
from .features import pair_features

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "nli" / "stance.npz"
TOP_K = 3
WORD_BUCKETS = 1024
MAX_SENTENCES = 200  # a longer document is judged on its first 200 sentences (said in the result)
_SPLIT = re.compile(r"(?P<end>[.!?][\"'”’)]?)\s+(?=[\"“‘'(\[]?[A-Z0-9])|\n\s*")
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


@dataclass(frozen=True)
class Stance:
    stance: str
    confidence: float
    evidence: list[tuple[int, int]]
    truncated: bool = False

    def to_json(self) -> dict:
        return {"stance": self.stance, "confidence": round(self.confidence, 4),
                "evidence": [{"start": s, "end": e} for s, e in self.evidence]}


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) without surrounding white space."""
    spans, start = [], 0
    for m in _SPLIT.finditer(text):
        spans.append((start, m.end("end") if m.group("end") else m.start()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        seg = text[s:e]
        stripped = seg.strip()
        if len(stripped) >= 3:
            lead = len(seg) - len(seg.lstrip())
            out.append((s + lead, s + lead + len(stripped)))
    return out


def _bag(text: str, buckets: int) -> np.ndarray:
    v = np.zeros(buckets, dtype=np.float32)
    words = _WORD.findall(text.lower())
    for tok in words + [f"{a} {b}" for a, b in zip(words, words[1:])]:
        v[zlib.crc32(tok.encode()) % buckets] = 1.0
    return v


def doc_features(statement: str, text: str, spans: list[tuple[int, int]], enc: dict[str, Encoded]) -> tuple[np.ndarray, list[int], np.ndarray]:
    """Feature row, the indices of the closest sentences and their relation probabilities."""
    sents = [text[s:e] for s, e in spans] or [text or " "]
    s_vec = enc[statement]
    sims = np.array([float(enc[t].pooled @ s_vec.pooled) for t in sents])
    top = list(np.argsort(-sims)[:TOP_K])
    rel = relation_model()
    probs = rel.proba(np.stack([pair_features(sents[i], statement, enc[sents[i]], s_vec) for i in top]))
    probs = np.vstack([probs, np.repeat(probs[-1:], TOP_K - len(top), axis=0)]) if len(top) < TOP_K else probs
    doc_vec = np.mean([enc[t].pooled for t in sents], axis=0)
    s_words = {w for w in _WORD.findall(statement.lower()) if len(w) > 3}
    d_words = set(_WORD.findall(text.lower()))
    top_words = set(_WORD.findall(" ".join(sents[i] for i in top).lower()))
    top_sims = np.sort(sims)[::-1][:TOP_K]
    top_sims = np.pad(top_sims, (0, TOP_K - len(top_sims)), constant_values=top_sims[-1] if len(top_sims) else 0)
    dense = np.concatenate([
        top_sims, [float(sims.mean()), float(sims[0]), float(doc_vec @ s_vec.pooled / max(np.linalg.norm(doc_vec), 1e-9))],
        [len(s_words & d_words) / max(len(s_words), 1), len(s_words & top_words) / max(len(s_words), 1)],
        probs.reshape(-1), probs.max(axis=0), probs.mean(axis=0),
    ]).astype(np.float32)
    feats = np.concatenate([dense, _bag(" ".join(sents[i] for i in top), WORD_BUCKETS), _bag(text, WORD_BUCKETS)])
    return feats, [int(i) for i in top], probs


@lru_cache(maxsize=1)
def model() -> MLP:
    if not MODEL_PATH.is_file():
        raise RuntimeError(f"stance model missing: {MODEL_PATH} (train it with scripts/train_stance.py)")
    return MLP.load(MODEL_PATH)


def _evidence(label: str, spans: list[tuple[int, int]], top: list[int], probs: np.ndarray, labels: list[str]) -> list[tuple[int, int]]:
    if label == "absent" or not spans:
        return []
    column = {"asserts": "entails", "denies": "contradicts"}.get(label)
    if column is None:  # reports: the closest sentences
        order = list(range(len(top)))
    else:
        col = relation_model().labels.index(column)
        order = sorted(range(len(top)), key=lambda j: -probs[j, col])
    return [spans[top[j]] for j in order[:2]]


def stance_many(items: list[tuple[str, str]], progress: bool = False) -> list[Stance]:
    """Stance of each text toward its statement; ``items`` are (statement, text) pairs.

    Every distinct sentence and statement is encoded once for the whole call, so many
    statements against one document (or one statement against many) cost one encoding each.
    """
    clf = model()
    split = {}
    for _, text in items:
        if text not in split:
            spans = sentences(text)
            split[text] = (spans[:MAX_SENTENCES], len(spans) > MAX_SENTENCES)
    todo = list(dict.fromkeys([st for st, _ in items] + [text[s:e] for text, (spans, _) in split.items()
                                                         for s, e in spans] + [" "]))
    enc = dict(zip(todo, encoder().encode(todo)))
    out = []
    for n, (statement, text) in enumerate(items):
        spans, truncated = split[text]
        feats, top, probs = doc_features(statement, text, spans, enc)
        k = int(clf.proba(feats[None])[0].argmax())
        confidence = float(clf.proba(feats[None], calibrated=True)[0, k])
        out.append(Stance(clf.labels[k], confidence, _evidence(clf.labels[k], spans, top, probs, clf.labels), truncated))
        if progress and (n + 1) % 1000 == 0:
            print(f"stance: {n + 1}/{len(items)}", file=sys.stderr, flush=True)
    return out


def stance(statement: str, text: str) -> Stance:
    """The stance ``text`` takes toward ``statement``."""
    return stance_many([(statement, text)])[0]
