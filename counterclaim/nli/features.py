"""Features of a text pair for the relation model: embeddings, token alignment, structure.

Embedding products say "same topic"; they do not separate agreement from contradiction, so
the model also sees how well each side's tokens are covered by the other's (what one side
adds or leaves unsupported), negation and number mismatches, and hashed buckets of the
word pieces one side has that the other lacks (the learned part of "what changed").
"""

from __future__ import annotations

import re
import zlib

import numpy as np

from .encoder import Encoded

HASH_BUCKETS = 512
ALIGNED = 0.6  # a piece counts as covered when some piece of the other side is this close
# Closed-class negators (English grammar, not a topical lexicon).
_NEGATORS = frozenset({"not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "nowhere", "cannot", "without"})
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _bucket(piece: str) -> int:
    return zlib.crc32(piece.encode("utf-8")) % HASH_BUCKETS


def _coverage(sim: np.ndarray) -> list[float]:
    if sim.size == 0:
        return [0.0, 0.0, 0.0, 1.0, 1.0]
    best = sim.max(axis=1)
    return [float(best.mean()), float(best.min()), float(np.percentile(best, 25)),
            float((best < ALIGNED).mean()), float((best < 0.75).mean())]


def _negations(text: str) -> int:
    words = _WORD.findall(text.lower())
    return sum(w in _NEGATORS or w.endswith("n't") for w in words)


def pair_features(a_text: str, b_text: str, a: Encoded, b: Encoded) -> np.ndarray:
    """One feature row for the pair (a, b); b is the statement judged against a."""
    u, v = a.pooled, b.pooled
    sim = b.tokens @ a.tokens.T  # (len b, len a)
    wa, wb = set(_WORD.findall(a_text.lower())), set(_WORD.findall(b_text.lower()))
    na, nb = set(_NUMBER.findall(a_text)), set(_NUMBER.findall(b_text))
    neg_a, neg_b = _negations(a_text), _negations(b_text)
    lexical = [
        float(u @ v),
        len(wa & wb) / max(len(wb), 1), len(wa & wb) / max(len(wa), 1), len(wa & wb) / max(len(wa | wb), 1),
        min(neg_a, 3) / 3, min(neg_b, 3) / 3, float((neg_a > 0) != (neg_b > 0)),
        float(bool(nb - na)), float(bool(na - nb)) * float(bool(nb)),
        np.log1p(len(a.pieces)) / 5, np.log1p(len(b.pieces)) / 5,
    ]
    unaligned = np.zeros(HASH_BUCKETS, dtype=np.float32)
    if sim.size:
        for piece, best in zip(b.pieces, sim.max(axis=1)):
            if best < ALIGNED:
                unaligned[_bucket(piece)] = 1.0
    return np.concatenate([u * v, np.abs(u - v), np.array(_coverage(sim) + _coverage(sim.T) + lexical, np.float32),
                           unaligned]).astype(np.float32)
