"""Inference speed of the technique model against the spaCy parse of the same texts (CPU).

    nice .venv/bin/python scripts/bench_techniques.py                 # the bundled articles
    nice .venv/bin/python scripts/bench_techniques.py ../shared/data/semeval2020_task11_ptc/dev-articles
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from counterclaim.document.nlp import load  # noqa: E402
from counterclaim.techniques.model import default_model  # noqa: E402


def best_of(repeats: int, fn) -> float:
    """The fastest of ``repeats`` runs: the least disturbed by other load on a shared machine."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", default=str(ROOT / "corpus" / "crocus-seeds"), help="folder of .txt files")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(args.folder).glob("*.txt"))]
    words = sum(len(t.split()) for t in texts)
    nlp, model = load(), default_model()
    docs = list(nlp.pipe(texts))  # warm-up, and the parses the model runs on
    parse_s = best_of(args.repeats, lambda: list(nlp.pipe(texts)))
    detect_s = best_of(args.repeats, lambda: [model.detect(d) for d in docs])
    result = {
        "texts": len(texts), "words": words, "spacy_parse_s": round(parse_s, 3), "techniques_s": round(detect_s, 3),
        "spacy_words_per_s": round(words / parse_s), "techniques_words_per_s": round(words / detect_s),
        "techniques_over_parse": round(detect_s / parse_s, 2), "model_version": model.version,
    }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
