"""Pick what the technique view shows by default, from judged suggestions on real news (dev stories only).

    python scripts/calibrate_techniques.py --data ../shared/data

Runs the whole pipeline over every dev story of ``eval/gold`` (never the test stories), looks up each
technique suggestion's judgement in ``eval/techniques/<story>.json`` and, per technique, picks the lowest
confidence from which the judged suggestions are right at least ``--target`` of the time (smoothed, with
at least ``--min-judged`` of them judged); a technique that never gets there is not shown by default.
Writes ``counterclaim/data/techniques/shown.json``, which the CLI, the report and the workbench read.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from counterclaim.evaluation.gold import load_stories  # noqa: E402
from counterclaim.evaluation.realnews import analyse  # noqa: E402
from counterclaim.evaluation.metrics import write_calibration  # noqa: E402
from counterclaim.evaluation.sources import require_data_dir  # noqa: E402
from counterclaim.stages import versions  # noqa: E402
from counterclaim.evaluation.techniques import judged_suggestions, threshold  # noqa: E402
from counterclaim.techniques.shown import PATH  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data")
    ap.add_argument("--target", type=float, default=0.8)
    ap.add_argument("--min-judged", type=int, default=5)
    args = ap.parse_args()
    root = require_data_dir(args.data, "calibrate_techniques")
    rows: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    unjudged = 0
    for story in load_stories(root, "dev"):
        with tempfile.TemporaryDirectory(prefix="cc-tech-") as tmp:
            exported, refs = analyse(story, root, Path(tmp))
        for technique, confidence, label in judged_suggestions(story.id, exported, refs):
            if label is None:
                unjudged += 1 if confidence >= 0.05 else 0
                continue
            rows[technique].append((confidence, label == "yes"))
        print(f"{story.id}: {sum(map(len, rows.values()))} judged suggestions so far", file=sys.stderr)
    per = {}
    for technique, items in sorted(rows.items()):
        t = threshold(items, args.target, args.min_judged)
        bins = sorted({round(c, 1) for c, _ in items})
        per[technique] = {"judged": len(items), "right": sum(r for _, r in items), "shown_from": t,
                          "by_confidence": {f"{b:.1f}": [sum(r for c, r in items if round(c, 1) == b),
                                                         sum(1 for c, _ in items if round(c, 1) == b)] for b in bins},
                          "right_when_shown": [sum(r for c, r in items if c >= t), sum(1 for c, _ in items if c >= t)]
                          if t is not None else [0, 0]}
    write_calibration(PATH, f"python scripts/calibrate_techniques.py --data ../shared/data --target {args.target} "
                      f"--min-judged {args.min_judged}", stages=versions("techniques"), target=args.target,
                      unjudged=unjudged, techniques=per)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
