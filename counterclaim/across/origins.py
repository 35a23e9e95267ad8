"""Source independence: which documents share one origin.

Ten outlets running the same Reuters story are one source, not ten. Documents
are grouped (union-find) when they

* carry near-duplicate paragraphs — MinHash over 5-word shingles with LSH
  banding, so only paragraphs sharing a band bucket are ever compared;
* name the same news agency, in a dateline ("MOSCOW, March 23 (Reuters) -",
  ``MetaSpan.wire``) or in the text ("according to TASS", "(AP)");
* cite another document's outlet ("according to Reuters", "the Times reported");
* share two or more long quotations verbatim (one shared quote alone is
  usually a public statement every outlet quoted).

Each group records the evidence that joined it.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import defaultdict

import numpy as np

from ..model import Document
from .cluster import UnionFind

SHINGLE = 5
MIN_WORDS = 20  # shorter paragraphs (bylines, captions) are too generic to prove copying
PERMUTATIONS = 64
BANDS = 16  # 16 bands x 4 rows: pairs with Jaccard ~0.5 collide with probability ~0.65, ~0.8 almost surely
NEAR_DUPLICATE = 0.5
QUOTE_WORDS = 12

WIRES = {
    "reuters": "Reuters", "ap": "AP", "associated press": "AP", "afp": "AFP", "agence france-presse": "AFP",
    "tass": "TASS", "ria novosti": "RIA Novosti", "ria": "RIA Novosti", "interfax": "Interfax", "xinhua": "Xinhua",
    "bloomberg": "Bloomberg", "upi": "UPI", "dpa": "dpa", "anadolu": "Anadolu", "ukrinform": "Ukrinform",
    "efe": "EFE", "ansa": "ANSA", "pti": "PTI",
}
_WIRE_NAMES = "|".join(sorted((re.escape(w) for w in WIRES), key=len, reverse=True))
WIRE_CITE = re.compile(
    rf"(?:according to|cited by|quoted by|told|reported by|via)\s+(?:the\s+)?({_WIRE_NAMES})\b"
    rf"|\(({_WIRE_NAMES})\)|\b({_WIRE_NAMES})\s+(?:news agency\s+)?(?:reported|said|reports)\b", re.I)
QUOTE = re.compile(r"[\"“]([^\"“”]{20,600})[\"”]")

_rng = np.random.default_rng(20240322)  # fixed: signatures must be comparable across runs
_PRIME = (1 << 61) - 1
_A = _rng.integers(1, _PRIME, PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, _PRIME, PERMUTATIONS, dtype=np.uint64)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def minhash(words: list[str]) -> np.ndarray:
    """MinHash signature of a paragraph's word 5-shingles."""
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
    hashes = np.fromiter((zlib.crc32(s.encode()) for s in shingles), dtype=np.uint64, count=len(shingles))
    # (a*h + b) mod 2^61-1 with uint64 wrap-around is a fine universal hash for 32-bit inputs here.
    return ((hashes[:, None] * _A[None, :] + _B[None, :]) % _PRIME).min(axis=0)


def _paragraphs(doc: Document) -> list[list[str]]:
    return [w for p in re.split(r"\n\s*\n", doc.text) if len(w := _words(p)) >= MIN_WORDS]


def _wires(doc: Document) -> set[str]:
    found = {WIRES[m.wire.lower()] for m in doc.meta_spans if m.wire and m.wire.lower() in WIRES}
    for m in WIRE_CITE.finditer(doc.text):
        name = next(g for g in m.groups() if g)
        if name.lower() in ("ap", "ria", "efe", "upi", "pti") and not name.isupper():
            continue  # "ap"/"ria" in running text are not agencies
        found.add(WIRES[name.lower()])
    return found


def _quotes(doc: Document) -> set[str]:
    return {" ".join(w) for m in QUOTE.finditer(doc.text) if len(w := _words(m.group(1))) >= QUOTE_WORDS}


def origin_groups(documents: list[Document]) -> list[tuple[list[str], str | None, list[str]]]:
    """(doc ids, wire, evidence) for every origin group; a document on its own is a group of one."""
    uf = UnionFind(len(documents))
    evidence: dict[tuple[int, int], str] = {}

    def join(i: int, j: int, why: str) -> None:
        if uf.find(i) != uf.find(j):
            evidence[(i, j)] = why
        uf.union(i, j)

    _near_duplicates(documents, join)
    wires: dict[str, list[int]] = defaultdict(list)
    for i, doc in enumerate(documents):
        for wire in sorted(_wires(doc)):
            wires[wire].append(i)
    for wire, members in wires.items():
        for i in members[1:]:
            join(members[0], i, f"{documents[members[0]].id} and {documents[i].id} both go back to {wire}")
    _citations(documents, join)
    _shared_quotes(documents, join)

    why: dict[int, list[str]] = defaultdict(list)
    for (i, _), text in evidence.items():
        why[uf.find(i)].append(text)
    wire_of: dict[int, set[str]] = defaultdict(set)
    for wire, members in wires.items():
        wire_of[uf.find(members[0])].add(wire)
    groups = []
    for members in sorted(uf.groups(), key=lambda g: documents[g[0]].id):
        root = uf.find(members[0])
        group_wires = sorted(wire_of[root])
        groups.append((sorted(documents[i].id for i in members), group_wires[0] if group_wires else None,
                       sorted(why[root])))
    return groups


def group_id(doc_ids: list[str]) -> str:
    return "origin-" + hashlib.sha1("\0".join(sorted(doc_ids)).encode()).hexdigest()[:12]


def _near_duplicates(documents: list[Document], join) -> None:
    rows = PERMUTATIONS // BANDS
    buckets: dict[tuple[int, bytes], list[tuple[int, np.ndarray]]] = defaultdict(list)
    for i, doc in enumerate(documents):
        for words in _paragraphs(doc):
            sig = minhash(words)
            for band in range(BANDS):
                buckets[(band, sig[band * rows:(band + 1) * rows].tobytes())].append((i, sig))
    for members in buckets.values():
        first_doc, first_sig = members[0]
        for doc_i, sig in members[1:]:
            if doc_i != first_doc and float((sig == first_sig).mean()) >= NEAR_DUPLICATE:
                join(first_doc, doc_i, f"{documents[first_doc].id} and {documents[doc_i].id} share a near-duplicate "
                     f"paragraph (estimated Jaccard {(sig == first_sig).mean():.2f})")


def _citations(documents: list[Document], join) -> None:
    outlets = {d.outlet: i for i, d in enumerate(documents) if d.outlet and len(d.outlet) >= 3}
    if not outlets:
        return
    names = "|".join(re.escape(o) for o in sorted(outlets, key=len, reverse=True))
    pattern = re.compile(rf"(?:according to|reported by|cited by|quoted by)\s+(?:the\s+)?({names})\b"
                         rf"|\b({names})\s+(?:reported|wrote|said|reports)\b")
    for i, doc in enumerate(documents):
        for m in pattern.finditer(doc.text):
            j = outlets[next(g for g in m.groups() if g)]
            if j != i:
                join(i, j, f"{doc.id} cites {documents[j].outlet} ({documents[j].id})")


def _shared_quotes(documents: list[Document], join) -> None:
    holders: dict[str, list[int]] = defaultdict(list)
    for i, doc in enumerate(documents):
        for quote in _quotes(doc):
            holders[quote].append(i)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for members in holders.values():
        if len(members) <= 20:  # a quote in very many documents is a public statement, not a copy
            for x in members:
                for y in members:
                    if x < y:
                        shared[(x, y)] += 1
    for (x, y), n in sorted(shared.items()):
        if n >= 2:
            join(x, y, f"{documents[x].id} and {documents[y].id} share {n} long quotations verbatim")
