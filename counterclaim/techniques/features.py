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
QUOTES = ('"', "“", "”")


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
    """Per-document token attributes, read from spaCy once (span features index into them),
    and the document-wide counts that make repeated words and phrases visible (Repetition)."""

    lower: list[str]
    lemma: list[str]
    pos: list[str]
    word: list[bool]  # not whitespace
    content: list[bool]  # alphabetic and not a stop word
    upper: list[bool]  # an all-capitals word of two letters or more
    sent_bounds: list[tuple[int, int]]  # (first token, end token) of each token's sentence
    sent_chars: list[tuple[int, int]]  # (start, end) character offsets of each token's sentence
    title_end: int  # end of the first line
    counts: Counter[str]
    text: str
    lower_text: str

    @classmethod
    def of(cls, doc: Doc) -> "DocStats":
        text = doc.text
        bounds: list[tuple[int, int]] = [(0, 0)] * len(doc)
        chars: list[tuple[int, int]] = [(0, 0)] * len(doc)
        for sent in doc.sents:
            bounds[sent.start:sent.end] = [(sent.start, sent.end)] * (sent.end - sent.start)
            chars[sent.start:sent.end] = [(sent.start_char, sent.end_char)] * (sent.end - sent.start)
        return cls(
            lower=[t.lower_ for t in doc], lemma=[t.lemma_.lower() for t in doc], pos=[t.pos_ for t in doc],
            word=[not t.is_space for t in doc], content=[t.is_alpha and not t.is_stop for t in doc],
            upper=[t.is_upper and len(t) > 1 for t in doc], sent_bounds=bounds, sent_chars=chars,
            title_end=max(text.find("\n"), 0),
            counts=Counter(t.lower_ for t in doc if t.is_alpha), text=text, lower_text=text.lower(),
        )


def span_features(span: Span, stats: DocStats) -> list[str]:
    """Features of a candidate span: its words, shape, length, repetition and sentence context."""
    words = [i for i in range(span.start, span.end) if stats.word[i]]
    lows = [stats.lower[i] for i in words]
    feats = [f"u:{w}" for w in lows] + [f"l:{stats.lemma[i]}" for i in words]
    feats += [f"b:{a}|{b}" for a, b in zip(lows, lows[1:])]
    feats += [f"pos:{stats.pos[i]}" for i in words]
    feats.append(f"len:{_bucket(len(words), (1, 2, 3, 5, 8, 16, 32))}")
    raw = stats.text[span.start_char:span.end_char]  # span.text and doc.text rebuild strings from tokens
    text = raw.lower()
    padded = f" {' '.join(text.split())} "
    if len(padded) <= 40:  # char n-grams only for short spans: that is where spelling-level cues matter
        feats += [f"c:{padded[i:i + 4]}" for i in range(len(padded) - 3)]
    repeats = [stats.counts[stats.lower[i]] for i in words if stats.content[i]]
    feats.append(f"rep:{_bucket(max(repeats, default=0), (1, 2, 3, 5))}")
    feats.append(f"repmin:{_bucket(min(repeats, default=0), (1, 2, 3, 5))}")
    feats.append(f"phrase:{_bucket(stats.lower_text.count(text.strip()), (1, 2, 3))}")
    if words:
        first, end = stats.sent_bounds[span.start]
        sent_words = sum(stats.word[first:end])
        feats.append(f"cover:{_bucket(int(10 * len(words) / max(sent_words, 1)), (2, 5, 8, 10))}")
        feats += [f"ctx:{stats.lemma[i]}" for i in range(first, end)
                  if stats.content[i] and not span.start <= i < span.end]
        root = span.root
        feats += [f"first:{lows[0]}", f"last:{lows[-1]}", f"fpos:{stats.pos[words[0]]}",
                  f"root:{root.dep_}", f"rootl:{root.lemma_.lower()}",
                  f"constituent:{root.left_edge.i == words[0] and root.right_edge.i >= words[-1]}",
                  f"title:{span.start_char < stats.title_end}"]
        sentence = stats.text[stats.sent_chars[span.start][0]:span.start_char]
        feats.append(f"quoted:{sum(sentence.count(q) for q in QUOTES) % 2 == 1}")
        feats += [f"s{c}" for c in "!?" if c in stats.text[slice(*stats.sent_chars[span.start])]]
    feats += [f"has:{c}" for c in "!?\"“" if c in raw]
    if any(stats.upper[i] for i in words):
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
