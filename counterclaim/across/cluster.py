"""Candidate pairs and clusters: which facts from different documents are about one thing.

Never all pairs. Candidates come from two sub-quadratic sources:

* **blocking** — facts with the same topic (a measure such as *killed*, or a
  frame such as *responsible*), sorted by event date and place; each fact is
  paired with the next ``WINDOW`` facts in that order (all pairs when the
  block is small);
* **nearest neighbours** — the ``K`` nearest claims by MiniLM embedding
  (exact inner product with numpy; faiss HNSW for very large cases with the ``[ann]`` extra).

A candidate becomes an edge only once its events resolve as the same event
(no date more than a month apart, no disjoint countries) and, for plain
statements, the texts share a content bigram or are very similar. Clusters
are the connected components of the edges.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from .frames import Fact
from .relations import units_clash

K = 10
WINDOW = 24
SMALL_BLOCK = 48
EXACT_SEARCH_MAX = 20_000  # beyond this many claims, HNSW instead of exact search
STATEMENT_MIN_SIM = 0.4
STATEMENT_SURE_SIM = 0.72
STOP = set("""a an the and or but of to in on at by for with from as is are was were be been being it its this that these
those there their they them he she his her we our you your i not no so such than then also which who whom what when where
while has have had do does did will would can could may might must should shall more most very just only even into over
after before about against between all any some one two""".split())


class UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)

    def groups(self) -> list[list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.parent)):
            out[self.find(i)].append(i)
        return list(out.values())


def neighbours(vectors: np.ndarray, k: int = K) -> tuple[np.ndarray, np.ndarray]:
    """(similarities, indices) of each row's ``k`` nearest rows (itself included).

    With the ``[ann]`` extra, faiss: exact (``IndexFlatIP``) up to ``EXACT_SEARCH_MAX`` rows, its HNSW index
    beyond. Without it, exact search with numpy, the same neighbours at several times faiss's cost on large
    cases (its top-k selection is a full partition of every row: 1.6 s of 7.4 s on 6,000 claims)."""
    n, dim = vectors.shape
    k = min(k, n)
    if n == 0:  # a case with no claims yet (every input failed): nothing is near anything
        return np.zeros((0, 0), dtype=np.float32), np.zeros((0, 0), dtype=np.int64)
    try:
        import faiss
    except ImportError:
        return exact_neighbours(vectors, k)
    if n <= EXACT_SEARCH_MAX:
        index = faiss.IndexFlatIP(dim)
    else:
        index = faiss.IndexHNSWFlat(dim, 16, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efSearch = 32
    index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index.search(np.ascontiguousarray(vectors, dtype=np.float32), k)


def exact_neighbours(vectors: np.ndarray, k: int, block: int = 2048) -> tuple[np.ndarray, np.ndarray]:
    """Exact inner-product top ``k`` per row, in blocks of rows so memory stays at ``block`` x n."""
    n = len(vectors)
    k = min(k, n)
    sims = np.empty((n, k), dtype=np.float32)
    ids = np.empty((n, k), dtype=np.int64)
    for start in range(0, n, block):
        scores = vectors[start:start + block] @ vectors.T
        top = np.argpartition(-scores, k - 1, axis=1)[:, :k] if k < n else np.tile(np.arange(n), (len(scores), 1))
        top_scores = np.take_along_axis(scores, top, axis=1)
        order = np.lexsort((top, -top_scores), axis=1)  # best first; ties by row number
        ids[start:start + block] = np.take_along_axis(top, order, axis=1)
        sims[start:start + block] = np.take_along_axis(top_scores, order, axis=1)
    return sims, ids


def _block_order(fact: Fact) -> tuple:
    anchor = fact.anchor
    return (anchor.date.toordinal() if anchor.date else 0, tuple(sorted(anchor.countries)), fact.doc_id)


def block_pairs(facts: list[Fact]) -> Iterable[tuple[int, int]]:
    """Pairs of facts with the same topic that sit close in (date, place) order."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, fact in enumerate(facts):
        if fact.topic != "statement":
            blocks[fact.topic].append(i)
    for members in blocks.values():
        members.sort(key=lambda i: _block_order(facts[i]))
        reach = len(members) if len(members) <= SMALL_BLOCK else WINDOW
        for pos, i in enumerate(members):
            for j in members[pos + 1:pos + 1 + reach]:
                yield i, j


def _bigrams(text: str) -> set[tuple[str, str]]:
    words = [w for w in re.findall(r"[a-z]+", text.lower()) if w not in STOP]
    return set(zip(words, words[1:]))


@dataclass
class Candidates:
    """Facts, the claim vectors, and the gated edges between facts."""

    facts: list[Fact]
    claim_index: dict[str, int]  # claim id -> row of the vectors
    vectors: np.ndarray

    def similarity(self, a: Fact, b: Fact) -> float:
        return float(self.vectors[self.claim_index[a.claim.id]] @ self.vectors[self.claim_index[b.claim.id]])

    def edges(self) -> set[tuple[int, int]]:
        """Candidate pairs that pass the same-event gate, as (i, j) with i < j."""
        by_claim: dict[str, list[int]] = defaultdict(list)
        for i, fact in enumerate(self.facts):
            by_claim[fact.claim.id].append(i)
        claim_ids = list(self.claim_index)
        pairs = set(tuple(sorted(p)) for p in block_pairs(self.facts))
        _, idx = neighbours(self.vectors)
        for row, hits in enumerate(idx):
            for col in hits:
                if col >= 0 and col != row:
                    for i in by_claim[claim_ids[row]]:
                        for j in by_claim[claim_ids[col]]:
                            pairs.add((min(i, j), max(i, j)))
        return {(i, j) for i, j in pairs if self.same_proposition(self.facts[i], self.facts[j])}

    def same_proposition(self, a: Fact, b: Fact) -> bool:
        """Comparable facts from different documents."""
        return a.doc_id != b.doc_id and self.comparable(a, b)

    def comparable(self, a: Fact, b: Fact) -> bool:
        """Same topic, events resolved as the same; figures in one unit; statements alike."""
        if a.topic != b.topic or a.anchor.conflicts(b.anchor):
            return False
        if a.quantity is not None and b.quantity is not None:
            return not units_clash(a.quantity, b.quantity)
        if a.topic != "statement":
            return True
        sim = self.similarity(a, b)
        return sim >= STATEMENT_SURE_SIM or (sim >= STATEMENT_MIN_SIM and bool(_bigrams(a.claim.text) & _bigrams(b.claim.text)))


# A statement component this wide and this sparse is a chain (A like B, B like C, ...), not one proposition.
CHAIN_MIN_DOCS = 4
CHAIN_MAX_DENSITY = 0.3


def _components(n: int, edges: Iterable[tuple[int, int]]) -> list[list[int]]:
    uf = UnionFind(n)
    for i, j in edges:
        uf.union(i, j)
    return [sorted(g) for g in uf.groups()]


def _unchain(candidates: Candidates, group: list[int], edges: set[tuple[int, int]]) -> list[list[int]]:
    """A catch-all statement component split into what its near-paraphrase edges hold together.

    Figures and who-did-it frames share a proposition by construction (one measure or one role of one
    event); plain statements join on similarity, which chains: each neighbour is like the next, and the
    ends say different things. A component spanning many documents whose members are mostly not linked
    to each other is rebuilt from its sure edges only (near paraphrases)."""
    facts = candidates.facts
    docs = {facts[i].doc_id for i in group}
    if facts[group[0]].topic != "statement" or len(docs) < CHAIN_MIN_DOCS:
        return [group]
    members = set(group)
    inside = [(i, j) for i, j in edges if i in members]
    if len(inside) >= CHAIN_MAX_DENSITY * len(group) * (len(group) - 1) / 2:
        return [group]
    sure = [(i, j) for i, j in inside if candidates.similarity(facts[i], facts[j]) >= STATEMENT_SURE_SIM]
    index = {i: k for k, i in enumerate(group)}
    return [[group[k] for k in g] for g in _components(len(group), ((index[i], index[j]) for i, j in sure))]


def clusters(candidates: Candidates, edges: set[tuple[int, int]]) -> list[list[int]]:
    """Connected components of the edges with at least two documents (catch-all statement chains split), in a
    stable order."""
    groups = [part for g in _components(len(candidates.facts), edges) for part in _unchain(candidates, g, edges)]
    groups = [g for g in groups if len({candidates.facts[i].doc_id for i in g}) > 1]
    return sorted(groups, key=lambda g: (candidates.facts[g[0]].claim.id, g[0]))
