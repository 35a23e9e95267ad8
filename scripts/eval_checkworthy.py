"""Evaluate the shipped check-worthiness model on a CLEF CheckThat! 2024 English split.

    .venv/bin/python scripts/eval_checkworthy.py [--split test] [--data DIR] [--limit N]

Prints JSON: precision, recall and F1 on the positive (check-worthy) class at the
model's threshold, beside two reference baselines computed on the same sentences: the
lab's random baseline (uniform Yes/No, mean over 100 seeds) and "all Yes". ``test``
is CT24_checkworthy_english_test_gold.tsv, the official test split with gold labels.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from counterclaim.document.checkworthy import SPLITS, evaluate, load, positive_class_prf, read_split  # noqa: E402
from counterclaim.evaluation.sources import require_data_dir  # noqa: E402

RANDOM_SEEDS = 100


def baselines(labels: list[bool]) -> dict[str, dict[str, float]]:
    """Random (mean over seeds) and all-positive F1 on the positive class."""
    random_f1 = [positive_class_prf(labels, [random.Random(seed).random() < 0.5 for _ in labels])[2]
                 for seed in range(RANDOM_SEEDS)]
    p, r, f = positive_class_prf(labels, [True] * len(labels))
    return {"random": {"f1": round(sum(random_f1) / len(random_f1), 4)},
            "all_yes": {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}}


def run(split: str, data: Path, limit: int | None = None) -> dict:
    texts, labels = read_split(data, split)
    texts, labels = texts[:limit], labels[:limit]
    model = load()
    return {"split": split, "file": SPLITS[split], "model_version": model.version, "threshold": model.threshold,
            "model": evaluate(model, texts, labels), "baselines": baselines(labels)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=sorted(SPLITS), default="test")
    parser.add_argument("--data", help="shared data folder (default $COUNTERCLAIM_DATA or ../shared/data)")
    parser.add_argument("--limit", type=int, help="only the first N sentences (smoke tests)")
    args = parser.parse_args(argv)
    print(json.dumps(run(args.split, require_data_dir(args.data, "eval_checkworthy"), args.limit), indent=2))


if __name__ == "__main__":
    main()
