"""Readers for the public labelled datasets in the data folder (read by path, never copied).

Every reader yields plain tuples and names its evaluation half where the data README fixes
one: FNC-1 odd body ids and MultiNLI odd rows are evaluation-only, never trained or tuned on.
"""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

NLI_LABELS = ("entails", "contradicts", "neutral")
FNC_TO_STANCE = {"agree": "asserts", "disagree": "denies", "discuss": "reports", "unrelated": "absent"}
_NLI_MAP = {"entailment": "entails", "e": "entails", "contradiction": "contradicts", "c": "contradicts",
            "neutral": "neutral", "n": "neutral"}


@dataclass(frozen=True)
class Pair:
    a: str
    b: str
    label: str
    source: str


def mnli(root: Path, half: str) -> list[Pair]:
    """MultiNLI dev-matched; ``half`` is ``"train"`` (even index) or ``"eval"`` (odd index)."""
    path = root / "nli_mnli_snli" / "mnli_dev_matched_from_hans_repo.tsv"
    out = []
    with path.open(encoding="utf-8") as fh:
        rows = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        for r in rows:
            if (int(r["index"]) % 2 == 1) == (half == "eval") and r["gold_label"] in _NLI_MAP:
                out.append(Pair(r["premise"], r["hypothesis"], _NLI_MAP[r["gold_label"]], "mnli"))
    return out


def snli(root: Path, split: str) -> list[Pair]:
    path = root / "nli_mnli_snli" / f"snli_1.0_{split}_PARTIAL.jsonl"
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if d["gold_label"] in _NLI_MAP:
                out.append(Pair(d["sentence1"], d["sentence2"], _NLI_MAP[d["gold_label"]], "snli"))
    return out


def sick(root: Path) -> list[Pair]:
    path = root / "sick_nli" / "SICK.txt"
    with path.open(encoding="utf-8") as fh:
        return [Pair(r["sentence_A"], r["sentence_B"], _NLI_MAP[r["entailment_judgment"].lower()], "sick")
                for r in csv.DictReader(fh, delimiter="\t")]


def anli(root: Path, split: str, rounds: tuple[str, ...] = ("R1", "R2", "R3")) -> list[Pair]:
    out = []
    for rnd in rounds:
        with (root / "anli_v1" / rnd / f"{split}.jsonl").open(encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                out.append(Pair(d["context"], d["hypothesis"], _NLI_MAP[d["label"]], f"anli-{rnd}"))
    return out


def rte(root: Path, split: str) -> list[Pair]:
    """RTE 1-3; labels ``entails`` or ``not`` (two-way)."""
    out = []
    for n in (1, 2, 3):
        tree = ET.parse(root / "rte_1_3_pascal" / f"rte{n}_{split}.xml")
        for p in tree.getroot().iter("pair"):
            yes = (p.get("entailment") or p.get("value") or "").upper() in ("YES", "TRUE")
            out.append(Pair(p.findtext("t", "").strip(), p.findtext("h", "").strip(), "entails" if yes else "not",
                            f"rte{n}"))
    return out


@dataclass(frozen=True)
class StancePair:
    statement: str
    body_id: int
    text: str
    stance: str  # asserts / denies / reports / absent


def fnc(root: Path, half: str) -> list[StancePair]:
    """FNC-1 competition test pairs; ``half`` ``"train"`` (even body id) or ``"eval"`` (odd)."""
    folder = root / "fnc1_stance"
    with (folder / "competition_test_bodies.csv").open(encoding="utf-8", newline="") as fh:
        bodies = {int(r["Body ID"]): r["articleBody"].replace("\r\n", "\n") for r in csv.DictReader(fh)}
    out = []
    with (folder / "competition_test_stances.csv").open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            body = int(r["Body ID"])
            if (body % 2 == 1) == (half == "eval"):
                out.append(StancePair(r["Headline"], body, bodies[body], FNC_TO_STANCE[r["Stance"]]))
    return out
