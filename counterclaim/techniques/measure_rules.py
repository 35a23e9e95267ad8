"""Measure the rule layer on PTC train and write each rule's confidence to ``rules.json``.

    nice .venv/bin/python -m counterclaim.techniques.measure_rules ../shared/data/semeval2020_task11_ptc
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from spacy.tokens import Doc

from . import rules
from .data import Split, data_sha256, load_split, parse_split
from .evaluate import measure_rules


def write_rules_table(data: str, train: Split, docs: dict[str, Doc], out: str | Path = rules.RULES_FILE) -> dict:
    """Measure every rule on train and write the confidences the stage reads."""
    table = {
        "version": rules.RULES_VERSION, "split": "train", "data_sha256": data_sha256(data, "train"),
        "confidence": "Wilson score lower bound (z = 1) of correct / matches: precision floored for few matches",
        "command": "python -m counterclaim.techniques.measure_rules <PTC folder>",
        "rules": measure_rules(train, docs),
    }
    Path(out).write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", help="PTC folder (holds train-articles/, train-task-flc-tc.labels, ...)")
    parser.add_argument("--cache", default=str(Path.home() / ".cache" / "counterclaim"), help="spaCy parse cache")
    parser.add_argument("--out", default=str(rules.RULES_FILE))
    args = parser.parse_args()

    train = load_split(args.data, "train")
    print(json.dumps(write_rules_table(args.data, train, parse_split(train, args.cache), args.out), indent=1))


if __name__ == "__main__":
    main()
