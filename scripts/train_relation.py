"""Train the relation model (entails / contradicts / neutral) on public NLI data, CPU only.

    python scripts/train_relation.py --data ../shared/data

Training pool (all from the data folder; sources and commits in each folder's README.txt):
SICK (all pairs), MultiNLI dev-matched EVEN rows, SNLI dev+test (partial), ANLI R1-R3 dev.
Never used: MultiNLI odd rows, ANLI test, RTE test (the evaluation halves). 10% of the pool,
stratified, is held out to stop training and fit the softmax temperature. Writes
``counterclaim/data/nli/relation.npz`` and its card ``relation.json``.
"""

from __future__ import annotations

import argparse
import datetime
import platform
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from counterclaim.evaluation import datasets as ds  # noqa: E402
from counterclaim.evaluation.sources import require_data_dir  # noqa: E402
from counterclaim.nli.features import pair_features  # noqa: E402
from counterclaim.nli.mlp import save  # noqa: E402
from counterclaim.nli.relation import MODEL_PATH  # noqa: E402
from nli_cache import encode_cached  # noqa: E402

LABELS = list(ds.NLI_LABELS)


def featurise(pairs, name):
    enc = encode_cached([t for p in pairs for t in (p.a, p.b)], name)
    X = np.stack([pair_features(p.a, p.b, enc[p.a], enc[p.b]) for p in pairs])
    y = np.array([LABELS.index(p.label) for p in pairs])
    return X, y


def fit_temperature(logits: np.ndarray, y: np.ndarray) -> float:
    best = (np.inf, 1.0)
    for t in np.arange(0.5, 3.01, 0.05):
        z = logits / t
        z = z - z.max(axis=1, keepdims=True)
        nll = -(z[np.arange(len(y)), y] - np.log(np.exp(z).sum(axis=1))).mean()
        best = min(best, (nll, float(t)))
    return best[1]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data")
    ap.add_argument("--C", type=float, nargs="+", default=[0.003, 0.01, 0.03])
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    root = require_data_dir(args.data, "train_relation")
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import train_test_split

    pool = (ds.sick(root) + ds.mnli(root, "train") + ds.snli(root, "dev") + ds.snli(root, "test")
            + ds.anli(root, "dev"))
    X, y = featurise(pool, "train-pool")
    idx_tr, idx_ho = train_test_split(np.arange(len(y)), test_size=0.1, stratify=y, random_state=args.seed)
    mean, scale = X[idx_tr].mean(axis=0), X[idx_tr].std(axis=0) + 1e-6
    Z = (X - mean) / scale
    # A one-hidden-layer MLP (alpha 1e-3 to 1e-1) scored 0.656-0.663 on the held-out 10%, below the
    # linear model (0.676), so the linear model ships; C is chosen on the held-out part.
    best = None
    for C in args.C:
        clf = LogisticRegression(C=C, max_iter=3000).fit(Z[idx_tr], y[idx_tr])
        acc = float((clf.predict(Z[idx_ho]) == y[idx_ho]).mean())
        print(f"C={C}: held-out accuracy {acc:.3f}")
        if best is None or acc > best[0]:
            best = (acc, C, clf)
    acc, C, clf = best
    temperature = fit_temperature(Z[idx_ho] @ clf.coef_.T + clf.intercept_, y[idx_ho])
    clf = LogisticRegression(C=C, max_iter=3000).fit(Z, y)  # refit on the whole pool
    print(f"held-out accuracy {acc:.3f} (n={len(idx_ho)}), C {C}, temperature {temperature:.2f}")
    card = {
        "name": "counterclaim-relation", "version": "1", "labels": LABELS,
        "trained": datetime.date.today().isoformat(),
        "command": "python scripts/train_relation.py --data ../shared/data",
        "environment": {"python": platform.python_version(), "numpy": np.__version__},
        "model": {"features": "MiniLM-L6 int8 pooled u*v, |u-v|; token-alignment coverage both ways; negation, "
                              "number and overlap features; 512 hashed buckets of unaligned statement pieces",
                  "classifier": f"multinomial logistic regression, C {C} chosen on the held-out 10% (an MLP "
                                "scored lower there); softmax temperature fitted on the held-out 10%"},
        "data": {"train": {"sick_nli": "all 9,927 pairs", "nli_mnli_snli": "MultiNLI dev-matched even rows; SNLI "
                           "dev+test partial", "anli_v1": "R1-R3 dev"},
                 "never_used": "MultiNLI odd rows, ANLI test, RTE test",
                 "sources": "see each folder's README.txt in ../shared/data (repository and commit)",
                 "n_train": int(len(idx_tr)), "n_heldout": int(len(idx_ho))},
        "heldout_accuracy": round(acc, 4), "temperature": temperature,
    }
    MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
    save(MODEL_PATH, mean, scale, [clf.coef_.T], [clf.intercept_], temperature, card)
    print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
