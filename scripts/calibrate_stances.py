"""Measure how often each document stance label is right, on the real-news dev split, and store it.

    python scripts/calibrate_stances.py --data ../shared/data

Runs the whole pipeline over every dev story of ``eval/gold`` (never the test stories), scores the
document × hypothesis stances as ``counterclaim eval --split dev --stage doc-stance`` does, and
writes ``counterclaim/data/calibration/doc_stance.json``: per predicted label, [right, predicted]
(the label's precision), the stance model's readings ("reports (stance model)") and the readings from
the first claim naming a hypothesis ("asserts (mentions)") apart from the rules'. The hypotheses stage
gives every stance that (smoothed) precision as its confidence
(:mod:`counterclaim.attribution.confidence`).

A reading from mentions is mostly what an analyst's added hypothesis gets (its names are ones no
pattern reads), so its labels also count the pairs of a second run in which the gold hypotheses are
added by name (``--stage doc-stance-given``); every other label counts the discovered hypotheses only.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from counterclaim.attribution.confidence import PATH  # noqa: E402
from counterclaim.evaluation.gold import load_stories  # noqa: E402
from counterclaim.attribution.mentioned import READER  # noqa: E402
from counterclaim.evaluation.realnews import evaluate, given_stance  # noqa: E402
from counterclaim.evaluation.metrics import write_calibration  # noqa: E402
from counterclaim.evaluation.sources import require_data_dir  # noqa: E402
from counterclaim.stages import versions  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data")
    args = ap.parse_args()
    root = require_data_dir(args.data, "calibrate_stances")
    stories = load_stories(root, "dev")
    stance = evaluate(stories, root)["stance"]
    labels = dict(stance["precision_by_reader"])
    for key, (right, n) in given_stance(stories, root)["precision_by_reader"].items():
        if key.endswith(f"({READER})"):
            before = labels.get(key, [0, 0])
            labels[key] = [before[0] + right, before[1] + n]
    write_calibration(PATH, "python scripts/calibrate_stances.py --data ../shared/data", stages=versions("hypotheses"),
                      pairs=stance["n"], accuracy=stance["accuracy"], labels=dict(sorted(labels.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
