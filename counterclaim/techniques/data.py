"""Reading the Propaganda Techniques Corpus (SemEval-2020 Task 11) from its release folder.

The corpus is research-only: it is read from where the user keeps it and never shipped.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from .scorer import LabelledSpan, Span


@dataclass
class Split:
    """One split: article texts by id and the gold technique spans (TC) and merged spans (SI)."""

    name: str
    articles: dict[str, str]
    techniques: list[LabelledSpan] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)

    def subset(self, ids: set[str], name: str) -> "Split":
        return Split(name, {a: t for a, t in self.articles.items() if a in ids},
                     [x for x in self.techniques if x[0] in ids], [x for x in self.spans if x[0] in ids])


def _read_tsv(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_split(root: str | Path, split: str) -> Split:
    """``split`` is "train" or "dev"; ``root`` is the folder holding ``train-articles/`` etc."""
    root = Path(root)
    articles = {p.stem.removeprefix("article"): p.read_text(encoding="utf-8")
                for p in sorted((root / f"{split}-articles").glob("article*.txt"))}
    techniques = [(a, int(s), int(e), t) for a, t, s, e in _read_tsv(root / f"{split}-task-flc-tc.labels")]
    spans = [(a, int(s), int(e)) for a, s, e in _read_tsv(root / f"{split}-task-si.labels")]
    return Split(split, articles, techniques, spans)


def data_sha256(root: str | Path, split: str) -> str:
    """One digest over a split's article texts and label files (names and bytes, sorted)."""
    root = Path(root)
    files = sorted((root / f"{split}-articles").glob("*.txt")) + [root / f"{split}-task-flc-tc.labels"]
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def parse_split(split: Split, cache_dir: str | Path | None = None) -> dict[str, Doc]:
    """spaCy parses of a split's articles with the project's pipeline, cached as a DocBin."""
    from spacy.tokens import DocBin

    from ..document.nlp import load, model_version, parse_many, parsed_text

    ids = sorted(split.articles)
    cache = None
    if cache_dir is not None:
        texts = [parsed_text(split.articles[a]) for a in ids]  # as parsed: a change in reading them is a new key
        key = hashlib.sha256("\0".join([model_version(), *texts]).encode()).hexdigest()[:16]
        cache = Path(cache_dir) / f"ptc-{split.name}-{key}.spacy"
        if cache.exists():
            docs = list(DocBin().from_disk(cache).get_docs(load().vocab))
            return dict(zip(ids, docs))
    docs = list(parse_many(split.articles[a] for a in ids))
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        DocBin(attrs=["ORTH", "LEMMA", "POS", "TAG", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE", "SENT_START"],
               docs=docs).to_disk(cache)
    return dict(zip(ids, docs))
