"""Source independence: which documents are copies of one origin.

Ten outlets running the same Reuters story are one source, not ten. Two documents are
grouped (union-find) when their *texts* show it: most of the shorter one's word 5-shingles
(over the lower-cased words, whatever the paragraph layout) occur in the other. Candidates
come from MinHash signatures of overlapping 50-word windows with LSH banding, so only
windows sharing a band bucket are ever compared; each candidate pair is then checked on
the exact shingle sets. A mention of an agency or another outlet ("Reuters reported"), or a
public statement both quote, does not make two different texts one origin: only shared
text does. Copies that differ in figures stay grouped, and the evidence names the figures
each has that the other lacks. A group's ``wire`` is the agency its members' datelines
name ("MOSCOW, March 23 (Reuters) -").
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import Counter, defaultdict

import numpy as np

from ..model import Document
from .cluster import UnionFind

SHINGLE = 5
MIN_WORDS = 20  # shorter texts (bylines, captions) are too generic to prove copying
WINDOW, STEP = 50, 25  # candidate windows: independent of paragraph breaks
PERMUTATIONS = 64
BANDS = 16  # 16 bands x 4 rows: windows with Jaccard ~0.5 collide with probability ~0.65, ~0.8 almost surely
CONTAINMENT = 0.5  # share of the shorter text's shingles found in the other

_rng = np.random.default_rng(20240322)  # fixed: signatures must be comparable across runs
_PRIME = (1 << 61) - 1
_A = _rng.integers(1, _PRIME, PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, _PRIME, PERMUTATIONS, dtype=np.uint64)
_NUMBER = re.compile(r"\b\d[\d,.]*\b")


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def shingles(words: list[str]) -> set[int]:
    """Hashed word 5-shingles."""
    return {zlib.crc32(" ".join(words[i:i + SHINGLE]).encode()) for i in range(len(words) - SHINGLE + 1)}


def minhash(hashed: set[int]) -> np.ndarray:
    """MinHash signature of a set of hashed shingles."""
    hashes = np.fromiter(hashed, dtype=np.uint64, count=len(hashed))
    # (a*h + b) mod 2^61-1 with uint64 wrap-around is a fine universal hash for 32-bit inputs here.
    return ((hashes[:, None] * _A[None, :] + _B[None, :]) % _PRIME).min(axis=0)


def _windows(words: list[str]) -> list[list[str]]:
    if len(words) < MIN_WORDS:
        return []
    return [words[i:i + WINDOW] for i in range(0, max(len(words) - WINDOW, 0) + 1, STEP)]


def _wire(doc: Document) -> str | None:
    return next((m.wire for m in doc.meta_spans if m.wire), None)


def origin_groups(documents: list[Document]) -> list[tuple[list[str], str | None, list[str]]]:
    """(doc ids, wire, evidence) for every origin group; a document on its own is a group of one."""
    uf = UnionFind(len(documents))
    evidence: dict[int, list[str]] = defaultdict(list)
    for i, j, why in near_duplicates(documents):
        uf.union(i, j)
        evidence[i].append(why)
    groups = []
    for members in sorted(uf.groups(), key=lambda g: documents[g[0]].id):
        wires = Counter(w for i in members if (w := _wire(documents[i])))
        why = sorted(e for i in members for e in evidence[i])
        groups.append((sorted(documents[i].id for i in members), wires.most_common(1)[0][0] if wires else None, why))
    return groups


def group_id(doc_ids: list[str]) -> str:
    return "origin-" + hashlib.sha1("\0".join(sorted(doc_ids)).encode()).hexdigest()[:12]


def near_duplicates(documents: list[Document]) -> list[tuple[int, int, str]]:
    """(i, j, why) for every pair of documents whose texts are copies of one another."""
    words = [_words(d.text) for d in documents]
    sets = [shingles(w) for w in words]
    rows = PERMUTATIONS // BANDS
    buckets: dict[tuple[int, bytes], set[int]] = defaultdict(set)
    for i, w in enumerate(words):
        for window in _windows(w):
            sig = minhash(shingles(window))
            for band in range(BANDS):
                buckets[(band, sig[band * rows:(band + 1) * rows].tobytes())].add(i)
    candidates: set[tuple[int, int]] = set()
    for members in buckets.values():
        ordered = sorted(members)
        # A window shared by very many documents (a wire story everyone ran) pairs each with the first only:
        # union-find still joins them all, and the candidate count stays linear.
        pairs = ((ordered[0], j) for j in ordered[1:]) if len(ordered) > 20 else \
            ((i, j) for n, i in enumerate(ordered) for j in ordered[n + 1:])
        candidates.update(pairs)
    found = []
    for i, j in sorted(candidates):
        shared = len(sets[i] & sets[j]) / max(min(len(sets[i]), len(sets[j])), 1)
        if shared >= CONTAINMENT:
            found.append((i, j, f"{documents[i].id} and {documents[j].id} share near-duplicate text ({shared:.0%} of "
                          f"the shorter text's word 5-shingles){_figure_differences(documents[i], documents[j])}"))
    return found


def _figure_differences(a: Document, b: Document) -> str:
    """Figures one copy has and the other lacks (an edited wire copy that changed the toll)."""
    na, nb = set(_NUMBER.findall(a.text)), set(_NUMBER.findall(b.text))
    only_a, only_b = sorted(na - nb)[:5], sorted(nb - na)[:5]
    if not (only_a or only_b):
        return ""
    return f"; figures differ: {a.id} has {', '.join(only_a) or 'none'}, {b.id} has {', '.join(only_b) or 'none'}"
