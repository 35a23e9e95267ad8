"""Span candidates and their feature strings.

Both classifiers are linear over hashed feature strings, so training (scikit-learn) and
inference (numpy) share exactly these functions and nothing else about features.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from spacy.tokens import Doc, Span

N_BUCKETS = 1 << 18  # hashed feature space: every weight matrix has this many rows


def hash_features(rows: Iterable[list[str]], n_buckets: int = N_BUCKETS) -> sparse.csr_matrix:
    """Rows of feature strings -> binary CSR matrix (crc32 buckets: stable across processes)."""
    indptr, indices = [0], []
    for feats in rows:
        indices.extend(sorted({zlib.crc32(f.encode()) % n_buckets for f in feats}))
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float32)
    return sparse.csr_matrix((data, np.asarray(indices, dtype=np.int64), np.asarray(indptr)),
                             shape=(len(indptr) - 1, n_buckets))


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if n <= edge:
            return str(edge)
    return f">{edges[-1]}"


@dataclass(frozen=True)
class DocStats:
    """Document-wide context for span features: repeated words and phrases (Repetition)."""

    counts: Counter[str]
    lower_text: str

    @classmethod
    def of(cls, doc: Doc) -> "DocStats":
        return cls(Counter(t.lower_ for t in doc if t.is_alpha), doc.text.lower())


def span_features(span: Span, stats: DocStats) -> list[str]:
    """Features of a candidate span: its words, shape, length, repetition and sentence context."""
    words = [t for t in span if not t.is_space]
    lows = [t.lower_ for t in words]
    feats = [f"u:{w}" for w in lows] + [f"l:{t.lemma_.lower()}" for t in words]
    feats += [f"b:{a}|{b}" for a, b in zip(lows, lows[1:])]
    feats += [f"pos:{t.pos_}" for t in words]
    feats.append(f"len:{_bucket(len(words), (1, 2, 3, 5, 8, 16, 32))}")
    text = span.text.lower()
    padded = f" {' '.join(text.split())} "
    if len(padded) <= 40:  # char n-grams only for short spans: that is where spelling-level cues matter
        feats += [f"c:{padded[i:i + 4]}" for i in range(len(padded) - 3)]
    content = [t.lower_ for t in words if t.is_alpha and not t.is_stop]
    repeats = [stats.counts[w] for w in content]
    feats.append(f"rep:{_bucket(max(repeats, default=0), (1, 2, 3, 5))}")
    feats.append(f"repmin:{_bucket(min(repeats, default=0), (1, 2, 3, 5))}")
    feats.append(f"phrase:{_bucket(stats.lower_text.count(text.strip()), (1, 2, 3))}")
    sent = span.sent if len(span) else None
    if sent is not None:
        sent_words = [t for t in sent if not t.is_space]
        cover = len(words) / max(len(sent_words), 1)
        feats.append(f"cover:{_bucket(int(10 * cover), (2, 5, 8, 10))}")
        inside = {t.i for t in words}
        feats += [f"ctx:{t.lemma_.lower()}" for t in sent_words if t.i not in inside and t.is_alpha and not t.is_stop]
    if words:
        feats += [f"first:{words[0].lower_}", f"last:{words[-1].lower_}", f"fpos:{words[0].pos_}",
                  f"root:{span.root.dep_}", f"rootl:{span.root.lemma_.lower()}"]
    feats += [f"has:{c}" for c in "!?\"“" if c in span.text]
    if any(t.is_upper and len(t) > 1 for t in words):
        feats.append("caps")
    return feats


MAX_CANDIDATE_TOKENS = 40
_NOT_MODIFIERS = {"det", "poss", "predet", "case", "punct", "cc", "prep"}


def _trim(doc: Doc, first: int, last: int) -> tuple[int, int] | None:
    """Character span of tokens first..last without edge punctuation/space; None if empty or too long."""
    while first <= last and (doc[first].is_punct or doc[first].is_space):
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    if first > last or last - first + 1 > MAX_CANDIDATE_TOKENS:
        return None
    return doc[first].idx, doc[last].idx + len(doc[last])


def candidate_spans(doc: Doc) -> list[tuple[int, int]]:
    """Syntactic span candidates: content words, modified nouns, subtrees, noun chunks, sentences.

    Propaganda spans are mostly one of these: a loaded word, a labelled noun ("arch-KGB
    agent"), a phrase or clause (a subtree), or a whole sentence.
    """
    found: set[tuple[int, int] | None] = set()
    for tok in doc:
        if tok.is_space or tok.is_punct:
            continue
        if tok.pos_ in {"ADJ", "NOUN", "PROPN", "VERB", "ADV"}:
            found.add(_trim(doc, tok.i, tok.i))
        found.add(_trim(doc, tok.left_edge.i, tok.right_edge.i))
        if tok.pos_ in {"NOUN", "PROPN"}:  # the noun with its modifiers, from each modifier on
            for child in tok.lefts:
                if child.dep_ not in _NOT_MODIFIERS:
                    found.add(_trim(doc, child.left_edge.i, tok.i))
    for chunk in doc.noun_chunks:
        found.add(_trim(doc, chunk.start, chunk.end - 1))
    for sent in doc.sents:
        found.add(_trim(doc, sent.start, sent.end - 1))
    found.discard(None)
    return sorted(found)  # type: ignore[arg-type]
