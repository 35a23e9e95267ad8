"""Measure how often each kind of contradiction is real, on the real-news dev split, and store it.

    python scripts/calibrate_conflicts.py --data ../shared/data

Runs the whole pipeline over every dev story of ``eval/gold`` (never the test stories), matches
each cross-document contradiction it lists against the annotated ones (same document pair,
overlapping spans), and writes ``counterclaim/data/conflicts/calibration.json``: per kind and
structural score (rounded to 0.1), per kind, and overall, [right, listed]. The alignment reads it
to give every contradiction a confidence equal to its measured (smoothed) precision.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from counterclaim.across.calibration import PATH, cell  # noqa: E402
from counterclaim.evaluation.gold import load_stories  # noqa: E402
from counterclaim.evaluation.realnews import analyse, matched_relations  # noqa: E402
from counterclaim.evaluation.metrics import write_calibration  # noqa: E402
from counterclaim.evaluation.sources import require_data_dir  # noqa: E402
from counterclaim.stages import versions  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data")
    args = ap.parse_args()
    root = require_data_dir(args.data, "calibrate_conflicts")
    cells, kinds, overall = Counter(), Counter(), Counter()
    for story in load_stories(root, "dev"):
        with tempfile.TemporaryDirectory(prefix="cc-cal-") as tmp:
            exported, refs = analyse(story, root, Path(tmp))
        for relation, right in matched_relations(story, exported, refs, "contradictions"):
            raw = relation.get("raw_confidence") or relation["confidence"]
            for counter, key in ((cells, cell(relation["subtype"], raw)), (kinds, relation["subtype"]),
                                 (overall, "all")):
                counter[(key, "n")] += 1
                counter[(key, "right")] += right
        print(f"{story.id}: {overall[('all', 'n')]} contradictions so far, {overall[('all', 'right')]} real",
              file=sys.stderr)

    def table(counter):
        keys = sorted({k for k, _ in counter})
        return {k: [counter[(k, "right")], counter[(k, "n")]] for k in keys}

    write_calibration(PATH, "python scripts/calibrate_conflicts.py --data ../shared/data", stages=versions("align"),
                      cells=table(cells), kinds=table(kinds), overall=table(overall).get("all", [0, 0]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
