"""Span candidates and their features.

Both classifiers are linear over hashed feature strings ("u:attack", "pos:NOUN", ...), so
training (scikit-learn) and inference (numpy) share exactly these functions and nothing else
about features. A feature is used as its crc32 bucket; what belongs to a token or a sentence
is hashed once per document, not once per candidate span (a document has about 1,400
candidates, most of them sharing their tokens and sentence with many others).
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from spacy.tokens import Doc, Span

N_BUCKETS = 1 << 18  # hashed feature space: every weight matrix has this many rows
QUOTES = ('"', "“", "”")
CHAR_NGRAM_MAX = 40  # char n-grams only for short spans: that is where spelling-level cues matter

_BUCKETS: dict[str, int] = {}  # feature string -> bucket; most strings recur across documents
_BUCKETS_MAX = 500_000  # under about 100 MB per process (workers each hold one); then start over


def bucket(feature: str) -> int:
    """The feature's column in every weight matrix: crc32, stable across processes and platforms."""
    found = _BUCKETS.get(feature)
    if found is None:
        if len(_BUCKETS) >= _BUCKETS_MAX:
            _BUCKETS.clear()
        found = _BUCKETS[feature] = zlib.crc32(feature.encode()) % N_BUCKETS
    return found


def feature_matrix(rows: Iterable[list[int]]) -> sparse.csr_matrix:
    """Rows of feature buckets (repeats allowed) -> binary CSR matrix."""
    indptr, indices = [0], []
    for row in rows:
        indices.extend(row)
        indptr.append(len(indices))
    matrix = sparse.csr_matrix((np.ones(len(indices), dtype=np.float32), np.asarray(indices, dtype=np.int64),
                                np.asarray(indptr)), shape=(len(indptr) - 1, N_BUCKETS))
    matrix.sum_duplicates()
    matrix.data[:] = 1.0
    return matrix


def _edge_label(n: int, edges: tuple[int, ...]) -> str:
    """The first edge n does not exceed, or ">last": a count as a coarse feature value."""
    for edge in edges:
        if n <= edge:
            return str(edge)
    return f">{edges[-1]}"


class _Scale:
    """The bucket of ``f"{name}:{_edge_label(n, edges)}"`` for a count n, from a table."""

    def __init__(self, name: str, edges: tuple[int, ...]):
        self.table = [bucket(f"{name}:{_edge_label(n, edges)}") for n in range(edges[-1] + 2)]

    def __call__(self, n: int) -> int:
        return self.table[min(n, len(self.table) - 1)]


_LEN, _REP, _REPMIN = _Scale("len", (1, 2, 3, 5, 8, 16, 32)), _Scale("rep", (1, 2, 3, 5)), _Scale("repmin", (1, 2, 3, 5))
_PHRASE, _COVER = _Scale("phrase", (1, 2, 3)), _Scale("cover", (2, 5, 8, 10))
_FLAGS = {(name, value): bucket(f"{name}:{value}") for name in ("constituent", "title", "quoted") for value in (False, True)}
_HAS = [(c, bucket(f"has:{c}")) for c in "!?\"“"]


@dataclass(frozen=True)
class DocStats:
    """What a document's span features are made of, read from spaCy and hashed once per document:
    per token (indexed by token), per sentence (indexed by its first token), and the document-wide
    counts that make repeated words and phrases visible (Repetition)."""

    word: list[bool]  # not whitespace
    content: list[bool]  # alphabetic and not a stop word
    upper: list[bool]  # an all-capitals word of two letters or more
    lower: list[str]
    counts: Counter[str]  # lower-case word -> occurrences in the document
    text: str
    lower_text: str
    title_end: int  # end of the first line
    sent_first: list[int]  # first token of each token's sentence
    sent_start_char: list[int]  # start offset of each token's sentence
    sent_words: dict[int, int]  # sentence -> its word count
    sent_context: dict[int, list[tuple[int, int]]]  # sentence -> (token, "ctx:" lemma) of its content words
    sent_marks: dict[int, list[int]]  # sentence -> "s!" / "s?" when it has one
    quotes_before: list[int]  # quote characters in text[:offset], for every offset
    words: list[list[int]]  # token -> "u:" word, "l:" lemma, "pos:" tag
    bigram: list[int]  # word token -> "b:" it and the next word
    first: list[list[int]]  # token -> "first:" word, "fpos:" tag (when it starts a span)
    last: list[int]  # token -> "last:" word
    root: list[list[int]]  # token -> "root:" dependency, "rootl:" lemma (when it is the span's root)
    head: list[int]  # absolute index of each token's head
    left_edge: list[int]
    right_edge: list[int]
    to_root: list[int]  # words to the sentence root, as spaCy's Span.root ranks tokens
    phrase_counts: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Doc) -> DocStats:
        text = doc.text
        n = len(doc)
        lower = [t.lower_ for t in doc]
        lemma = [t.lemma_.lower() for t in doc]
        pos = [t.pos_ for t in doc]
        word = [not t.is_space for t in doc]
        content = [t.is_alpha and not t.is_stop for t in doc]
        sent_first, sent_start_char = [0] * n, [0] * n
        sent_words, sent_context, sent_marks = {}, {}, {}
        for sent in doc.sents:
            s, e = sent.start, sent.end
            sent_first[s:e] = [s] * (e - s)
            sent_start_char[s:e] = [sent.start_char] * (e - s)
            sent_words[s] = sum(word[s:e])
            sent_context[s] = [(i, bucket(f"ctx:{lemma[i]}")) for i in range(s, e) if content[i]]
            sent_marks[s] = [bucket(f"s{c}") for c in "!?" if c in text[sent.start_char:sent.end_char]]
        following = [-1] * n  # each word's next word
        last_word = -1
        for i in range(n):
            if word[i]:
                if last_word >= 0:
                    following[last_word] = i
                last_word = i
        head = [t.head.i for t in doc]
        depth = [-1] * n  # steps from each token up to its sentence's root
        for i in range(n):
            path, j = [], i
            while depth[j] < 0 and head[j] != j:
                path.append(j)
                j = head[j]
            depth[j] = max(depth[j], 0)
            for k in reversed(path):
                depth[k] = depth[head[k]] + 1
        quotes = [0]
        for ch in text:
            quotes.append(quotes[-1] + (ch in QUOTES))
        return cls(
            word=word, content=content, upper=[t.is_upper and len(t) > 1 for t in doc], lower=lower,
            counts=Counter(t.lower_ for t in doc if t.is_alpha), text=text, lower_text=text.lower(),
            title_end=max(text.find("\n"), 0), sent_first=sent_first, sent_start_char=sent_start_char,
            sent_words=sent_words, sent_context=sent_context, sent_marks=sent_marks, quotes_before=quotes,
            words=[[bucket(f"u:{lower[i]}"), bucket(f"l:{lemma[i]}"), bucket(f"pos:{pos[i]}")] for i in range(n)],
            bigram=[bucket(f"b:{lower[i]}|{lower[following[i]]}") if following[i] >= 0 else -1 for i in range(n)],
            first=[[bucket(f"first:{lower[i]}"), bucket(f"fpos:{pos[i]}")] for i in range(n)],
            last=[bucket(f"last:{lower[i]}") for i in range(n)],
            root=[[bucket(f"root:{t.dep_}"), bucket(f"rootl:{lemma[t.i]}")] for t in doc],
            head=head, left_edge=[t.left_edge.i for t in doc], right_edge=[t.right_edge.i for t in doc],
            # As spaCy's _count_words_to_root: a childless space or punctuation token ranks last.
            to_root=[n - 1 if (t.is_space or t.is_punct) and t.n_lefts == 0 and t.n_rights == 0 else depth[t.i]
                     for t in doc],
        )

    def occurrences(self, phrase: str) -> int:
        """How often the lower-case phrase occurs in the document (memoised: candidates share words)."""
        found = self.phrase_counts.get(phrase)
        if found is None:
            found = self.phrase_counts[phrase] = self.lower_text.count(phrase)
        return found

    def root_of(self, start: int, end: int) -> int:
        """The token spaCy's ``Span.root`` returns for tokens start..end-1."""
        head = self.head
        for i in range(start, end):
            if head[i] == i:
                return i
        best, root = len(head), -1
        for i in range(start, end):
            if start <= head[i] < end:
                continue
            if self.to_root[i] < best:
                best, root = self.to_root[i], i
        return start if root == -1 else root


_NGRAMS: dict[str, list[int]] = {}  # short span text -> its "c:" buckets (words and phrases recur)


def _char_ngrams(padded: str) -> list[int]:
    found = _NGRAMS.get(padded)
    if found is None:
        if len(_NGRAMS) >= _BUCKETS_MAX // 10:
            _NGRAMS.clear()
        found = _NGRAMS[padded] = [bucket(f"c:{padded[i:i + 4]}") for i in range(len(padded) - 3)]
    return found


def span_features(span: Span, stats: DocStats) -> list[int]:
    """Feature buckets of a candidate span: its words, shape, length, repetition and sentence context."""
    start, end, start_char, end_char = span.start, span.end, span.start_char, span.end_char
    words = [i for i in range(start, end) if stats.word[i]]
    feats = [b for i in words for b in stats.words[i]]
    feats += [stats.bigram[i] for i in words[:-1]]
    feats.append(_LEN(len(words)))
    raw = stats.text[start_char:end_char]  # span.text and doc.text rebuild strings from tokens
    text = raw.lower()
    padded = f" {' '.join(text.split())} "
    if len(padded) <= CHAR_NGRAM_MAX:
        feats += _char_ngrams(padded)
    repeats = [stats.counts[stats.lower[i]] for i in words if stats.content[i]]
    feats.append(_REP(max(repeats, default=0)))
    feats.append(_REPMIN(min(repeats, default=0)))
    feats.append(_PHRASE(stats.occurrences(text.strip())))
    if words:
        sentence = stats.sent_first[start]
        feats.append(_COVER(int(10 * len(words) / max(stats.sent_words[sentence], 1))))
        feats += [b for i, b in stats.sent_context[sentence] if not start <= i < end]
        root = stats.root_of(start, end)
        feats += stats.first[words[0]]
        feats.append(stats.last[words[-1]])
        feats += stats.root[root]
        constituent = stats.left_edge[root] == words[0] and stats.right_edge[root] >= words[-1]
        quoted = (stats.quotes_before[start_char] - stats.quotes_before[stats.sent_start_char[start]]) % 2 == 1
        feats += [_FLAGS["constituent", constituent], _FLAGS["title", start_char < stats.title_end],
                  _FLAGS["quoted", quoted]]
        feats += stats.sent_marks[sentence]
    feats += [b for c, b in _HAS if c in raw]
    if any(stats.upper[i] for i in words):
        feats.append(bucket("caps"))
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
