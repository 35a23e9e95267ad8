"""Throughput of the relation and stance models on this machine (pairs/s), CPU only.

    python scripts/bench_nli.py --data ../shared/data [--pairs 1000] [--docs 200]

Relation: MultiNLI odd rows (first N pairs). Stance: FNC-1 odd body ids (first N distinct
bodies, one headline each). Both run cold (no cache between runs), as ``relate`` and ``stance``
do. Peak RSS is the process's (resource.getrusage).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from counterclaim.evaluation import datasets as ds  # noqa: E402
from counterclaim.evaluation.sources import require_data_dir  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data")
    ap.add_argument("--pairs", type=int, default=1000)
    ap.add_argument("--docs", type=int, default=200)
    args = ap.parse_args()
    root = require_data_dir(args.data, "bench_nli")
    from counterclaim.nli.relation import relate_many
    from counterclaim.nli.stance import stance_many

    pairs = [(p.a, p.b) for p in ds.mnli(root, "eval")[:args.pairs]]
    relate_many(pairs[:8])  # load the models outside the timing
    t0 = time.perf_counter()
    relate_many(pairs)
    rel_s = time.perf_counter() - t0
    seen, items = set(), []
    for p in ds.fnc(root, "eval"):
        if p.body_id not in seen and len(seen) < args.docs:
            seen.add(p.body_id)
            items.append((p.statement, p.text))
    words = sum(len(t.split()) for _, t in items)
    t0 = time.perf_counter()
    stance_many(items)
    st_s = time.perf_counter() - t0
    result = {"relation_pairs": len(pairs), "relation_pairs_per_s": round(len(pairs) / rel_s, 1),
              "stance_documents": len(items), "stance_words": words,
              "stance_documents_per_s": round(len(items) / st_s, 2),
              "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
