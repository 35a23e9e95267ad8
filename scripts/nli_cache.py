"""Encode texts once for training and evaluation: a disk cache of MiniLM vectors under .cache/nli/.

Keyed by the SHA-1 of each text; token vectors are stored as float16 (only training and
evaluation read this cache, never the analysis).
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from counterclaim.nli.encoder import Encoded, encoder  # noqa: E402

CACHE = Path(__file__).resolve().parents[1] / ".cache" / "nli"


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def encode_cached(texts: list[str], name: str, progress: bool = True) -> dict[str, Encoded]:
    """Every distinct text of ``texts`` encoded; ``name`` names the cache file."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"{name}.npz"
    known: dict[str, Encoded] = {}
    if path.exists():
        with np.load(path, allow_pickle=False) as z:
            keys, pooled, offsets, tokens, pieces = z["keys"], z["pooled"], z["offsets"], z["tokens"], z["pieces"]
        for i, k in enumerate(keys):
            s, e = offsets[i], offsets[i + 1]
            known[str(k)] = Encoded(pooled[i], tokens[s:e].astype(np.float32), tuple(str(p) for p in pieces[s:e]))
    distinct = list(dict.fromkeys(texts))
    todo = [t for t in distinct if _key(t) not in known]
    if todo:
        enc = encoder()
        step = 512
        for i in range(0, len(todo), step):
            chunk = todo[i:i + step]
            for t, e in zip(chunk, enc.encode(chunk)):
                known[_key(t)] = e
            if progress:
                print(f"  {name}: encoded {min(i + step, len(todo))}/{len(todo)}", file=sys.stderr, flush=True)
        keys = list(known)
        offsets = np.cumsum([0] + [len(known[k].pieces) for k in keys])
        np.savez(path, keys=np.array(keys), pooled=np.stack([known[k].pooled for k in keys]),
                 offsets=offsets, tokens=np.concatenate([known[k].tokens for k in keys]).astype(np.float16),
                 pieces=np.array([p for k in keys for p in known[k].pieces]))
    return {t: known[_key(t)] for t in distinct}
