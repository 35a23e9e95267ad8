"""Rows measured on public labelled data: relation (NLI), document stance (FNC-1),
check-worthiness (CheckThat! 2024) and persuasion techniques (PTC)."""

from __future__ import annotations

import time
from pathlib import Path

from . import datasets as ds
from .metrics import classification, expected_calibration_error, fnc_score

STANCE_LABELS = ["asserts", "reports", "denies", "absent"]


def _relation(pairs: list[ds.Pair], two_way: bool = False) -> dict:
    from ..nli.relation import relate_many

    t0 = time.perf_counter()
    out = relate_many([(p.a, p.b) for p in pairs])
    seconds = time.perf_counter() - t0
    pred = [r.relation for r in out]
    gold = [p.label for p in pairs]
    if two_way:
        pred = ["entails" if x == "entails" else "not" for x in pred]
        result = classification(gold, pred, ["entails", "not"])
    else:
        result = classification(gold, pred, list(ds.NLI_LABELS))
    result["ece"] = expected_calibration_error([r.confidence for r in out], [g == p for g, p in zip(gold, pred)])
    result["pairs_per_s"] = round(len(pairs) / max(seconds, 1e-9), 1)
    return result


def relation_rows(root: Path, split: str) -> list[dict]:
    """MultiNLI odd rows (its evaluation half) for either split; ANLI and RTE by split."""
    rows = [{"stage": "relation", "data": "MultiNLI dev-matched, odd rows (evaluation half)", "split": "eval",
             **_relation(ds.mnli(root, "eval"))}]
    anli_split = "test" if split == "test" else "dev"
    for rnd in ("R1", "R2", "R3"):
        rows.append({"stage": "relation", "data": f"ANLI {rnd} {anli_split}", "split": anli_split,
                     **_relation(ds.anli(root, anli_split, (rnd,)))})
    rows.append({"stage": "relation", "data": f"RTE 1-3 {split} (two-way: entails vs not)", "split": split,
                 **_relation(ds.rte(root, split), two_way=True)})
    return rows


def stance_rows(root: Path, split: str) -> list[dict]:
    """FNC-1: the odd body ids are the only evaluation half, whatever the split."""
    from ..nli.stance import stance_many

    pairs = ds.fnc(root, "eval")
    t0 = time.perf_counter()
    out = stance_many([(p.statement, p.text) for p in pairs], progress=True)
    seconds = time.perf_counter() - t0
    gold, pred = [p.stance for p in pairs], [s.stance for s in out]
    result = classification(gold, pred, STANCE_LABELS)
    result["fnc_score"] = fnc_score(gold, pred)
    result["ece"] = expected_calibration_error([s.confidence for s in out], [g == p for g, p in zip(gold, pred)])
    result["pairs_per_s"] = round(len(pairs) / max(seconds, 1e-9), 2)
    return [{"stage": "stance", "data": "FNC-1 competition pairs, odd body ids (evaluation half)", "split": "eval",
             **result}]


def checkworthy_rows(root: Path, split: str) -> list[dict]:
    from ..document.checkworthy import evaluate, load, read_split

    cw_split = "test" if split == "test" else "dev"
    texts, labels = read_split(root, cw_split)
    m = evaluate(load(), texts, labels)
    return [{"stage": "checkworthiness", "data": f"CheckThat! 2024 English {cw_split}", "split": cw_split,
             "n": len(texts), **m}]


def technique_rows(root: Path, split: str) -> list[dict]:
    """PTC: trained on train, reported on dev (the test articles have no labels)."""
    from ..techniques.data import load_split, parse_split
    from ..techniques.evaluate import evaluate
    from ..techniques.model import ARTEFACT_DIR, TechniqueModel

    folder = root / "semeval2020_task11_ptc"
    data = load_split(str(folder), "dev")
    m = evaluate(TechniqueModel.load(str(ARTEFACT_DIR)), data, parse_split(data, str(Path.home() / ".cache" / "counterclaim")))
    # The headline figures: span identification (SI) P/R/F1 and technique classification (TC) micro-F1;
    # "accuracy" in the scorer's output is the share of shown findings judged right, named so here.
    m["share_of_findings_right"] = m.pop("accuracy", None)
    return [{"stage": "techniques", "data": "PTC dev (75 articles)", "split": "dev", "n": m.get("articles"),
             "precision": m["si"].get("precision"), "recall": m["si"].get("recall"), "f1": m["si"].get("f1"), **m}]
