"""A learned second reading of a figure's scope: does this count belong to the case's incident?

The scope cues (:mod:`.figure_scope`) catch the phrasings they list ("since the war began", "last year"); real
coverage dates background tolls in endless other ways ("2,053 civilians were killed in the first half of the
year", "the siege last September ... left 67 people dead"). This logistic regression reads the words around a
figure (its clause, its sentence), where the sentence stands in the article and how much it shares with the
lead, and gives the probability that the count is the incident's. It is trained by ``scripts/train_scope.py``
on every figure of the project's real-news dev stories (``eval/gold``) and on the stage's own readings of other
real articles (``eval/scope``), scope labelled by hand, texts read by path, never on test. The artefact in ``data/scope/`` holds plain arrays (feature names, weights, threshold) in
an ``.npz`` loaded without pickle; features are computed here from the text and offsets alone, the same in
training and in use, and every reading comes with the features that weighed most against it (:meth:`ScopeModel.read`).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import numpy as np

from .figure_scope import clause_window

MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "scope"
MODEL_FILE = MODEL_DIR / "model.npz"
CARD_FILE = MODEL_DIR / "card.json"

_WORD = re.compile(r"[a-z]+")
_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s|\n")
# Function words carry no sign of what a sentence is about: left out of its overlap with the lead.
_FUNCTION = frozenset("the a an of to in and or for on at by with from as is was were are be been has have had that "
                      "this it its their his her he she they who which said says".split())
LEAD_PARAGRAPHS = 2  # the title and the first paragraph say what the incident is


def _sentence(text: str, start: int) -> tuple[int, int]:
    """The sentence around ``start``, from punctuation and line breaks (no parse: training reads raw text)."""
    begin = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
    end = _SENTENCE_END.search(text, start)
    return begin, end.start() if end else len(text)


def _content(words: Iterable[str]) -> set[str]:
    return {w for w in words if w not in _FUNCTION and len(w) > 2}


def lead_words(text: str) -> frozenset[str]:
    """The content words of an article's title and first paragraph."""
    paragraphs = [p for p in text.split("\n") if p.strip()]
    return frozenset(_content(_WORD.findall(" ".join(paragraphs[:LEAD_PARAGRAPHS]).lower())))


def features(text: str, start: int, end: int, lead: frozenset[str] | None = None) -> list[str]:
    """The figure's features: the last words before it and the first after it in its clause, the words of its
    sentence, its paragraph and place in the article, its sentence's share of the lead's words, and whether the
    sentence names a year before the latest one the article names."""
    begin, stop = _sentence(text, start)
    before, after = clause_window(text, start, end, begin)
    sentence = _WORD.findall(text[begin:stop].lower())
    out = ["c:" + w for w in _WORD.findall(before.lower())[-6:]]
    out += ["a:" + w for w in _WORD.findall(after.lower())[:8]]
    out += ["s:" + w for w in sorted(set(sentence))]
    breaks = "\n\n" if "\n\n" in text else "\n"
    out.append(f"para:{min(text.count(breaks, 0, start), 6)}")
    out.append(f"rel:{int(4 * start / max(len(text), 1))}")
    content = _content(sentence)
    shared = len(content & (lead_words(text) if lead is None else lead)) / max(len(content), 1)
    out.append(f"lead:{min(int(shared * 5), 4)}")
    latest = _latest_year(text)
    out += ["year:old" if latest is not None and int(y) < latest else "year:latest"
            for y in _YEAR.findall(text[begin:stop])]
    return out


@lru_cache(maxsize=64)
def _latest_year(text: str) -> int | None:
    """The latest year an article names (once per article, not once per figure)."""
    return max((int(y) for y in _YEAR.findall(text)), default=None)


class ScopeModel:
    """The shipped model: ``probability`` that a figure counts the case's incident."""

    def __init__(self, path: Path = MODEL_FILE):
        with np.load(path, allow_pickle=False) as data:
            self.names = [str(f) for f in data["features"]]
            self.index = {f: i for i, f in enumerate(self.names)}
            self.coef = data["coef"].astype(np.float64)
            self.intercept = float(data["intercept"])
            self.threshold = float(data["threshold"])
            self.version = str(data["version"])

    def read(self, text: str, start: int, end: int, lead: frozenset[str] | None = None,
             top: int = 3) -> tuple[float, list[str]]:
        """The probability that the figure counts the incident, and, in words, what pulled it furthest away
        (strongest first; a function word's weight is real but tells an analyst nothing, so it is not shown)."""
        ids = sorted({i for i in map(self.index.get, features(text, start, end, lead)) if i is not None})
        p = 1.0 / (1.0 + math.exp(-(self.intercept + float(self.coef[ids].sum()))))
        away = sorted((i for i in ids if self.coef[i] < 0 and self.names[i].partition(":")[2] not in _FUNCTION),
                      key=lambda i: self.coef[i])
        return p, [describe(self.names[i]) for i in away[:top]]


_PLACES = {"c": "before it", "a": "after it", "s": "in its sentence"}
_QUARTERS = ("first", "second", "third", "last")


def describe(feature: str) -> str:
    """A feature in an analyst's words ("s:half" -> "'half' in its sentence")."""
    kind, _, value = feature.partition(":")
    if kind in _PLACES:
        return f"‘{value}’ {_PLACES[kind]}"
    if kind == "para":
        return f"paragraph {value}"
    if kind == "rel":
        return f"in the article's {_QUARTERS[min(int(value), 3)]} quarter"
    if kind == "lead":
        return f"shares {int(value) * 20}-{int(value) * 20 + 20} % of its words with the lead"
    if kind == "year":
        return "an earlier year named" if value == "old" else "the article's latest year named"
    return feature


@lru_cache(maxsize=1)
def load() -> ScopeModel:
    """The shipped model, loaded once per process."""
    return ScopeModel()


def card() -> dict:
    return json.loads(CARD_FILE.read_text(encoding="utf-8"))
