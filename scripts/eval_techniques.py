"""Measure the technique model on the PTC dev split (SI, TC, per technique, calibration).

    nice .venv/bin/python scripts/eval_techniques.py ../shared/data/semeval2020_task11_ptc \
        --write counterclaim/data/techniques/metrics-dev.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from counterclaim.techniques.data import data_sha256, load_split, parse_split  # noqa: E402
from counterclaim.techniques.evaluate import evaluate  # noqa: E402
from counterclaim.techniques.model import ARTEFACT_DIR, TechniqueModel  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", help="PTC folder (holds dev-articles/, dev-task-flc-tc.labels, ...)")
    parser.add_argument("--model", default=str(ARTEFACT_DIR), help="folder with model.json + model.npz")
    parser.add_argument("--split", default="dev")
    parser.add_argument("--cache", default=str(Path.home() / ".cache" / "counterclaim"), help="spaCy parse cache")
    parser.add_argument("--write", help="also write the metrics as JSON here")
    args = parser.parse_args()

    model = TechniqueModel.load(args.model)
    split = load_split(args.data, args.split)
    metrics = evaluate(model, split, parse_split(split, args.cache))
    metrics |= {"model_version": model.version, "data_sha256": data_sha256(args.data, args.split),
                "command": "python scripts/eval_techniques.py <PTC folder>" + (f" --split {args.split}" if args.split != "dev" else "")}
    text = json.dumps(metrics, indent=1)
    print(text)
    if args.write:
        Path(args.write).write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
