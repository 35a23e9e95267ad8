"""Train the check-worthiness model on CLEF CheckThat! 2024 Task 1 English.

    nice .venv/bin/python scripts/train_checkworthy.py [--data DIR]

DIR defaults to $COUNTERCLAIM_DATA or ../shared/data. Fits TF-IDF (word 1-2 +
char 2-5 n-grams, analysers from counterclaim.document.checkworthy) and a logistic
regression on the train split; picks C and the decision threshold by F1 on the
dev-test split (the test debates differ from the ClaimBuster-derived dev split;
dev-test is closer to them); writes counterclaim/data/checkworthy/model.npz (plain
arrays, no pickle) and card.json (command, data sha256, metrics). Runs in under a
minute on two cores.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np
import sklearn
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from counterclaim.document.checkworthy import (  # noqa: E402
    ANALYZERS,
    CARD_FILE,
    CT24,
    MODEL_FILE,
    SPLITS,
    CheckworthyModel,
    evaluate,
    positive_class_prf,
    read_split,
)
from counterclaim.evaluation.sources import training_arguments  # noqa: E402

VERSION = "1"
MAX_FEATURES = {"word": 20000, "char": 40000}  # keeps the artefact small; more does not help on dev
C_GRID = (0.5, 1.0, 2.0, 4.0)
SELECT_ON = "dev-test"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def best_threshold(probs: np.ndarray, labels: list[bool]) -> tuple[float, float]:
    """Threshold (from a 0.05 grid) with the best positive-class F1."""
    grid = [round(t, 2) for t in np.arange(0.2, 0.81, 0.05)]
    scored = [(positive_class_prf(labels, list(probs >= t))[2], t) for t in grid]
    f1, t = max(scored)
    return t, f1


def main(argv: list[str] | None = None) -> None:
    data, out = training_arguments(__doc__, "train_checkworthy", MODEL_FILE, argv)
    started = time.time()
    splits = {name: read_split(data, name) for name in SPLITS}
    train_x, train_y = splits["train"]
    select_x, select_y = splits[SELECT_ON]

    vectorizers = {name: TfidfVectorizer(analyzer=fn, sublinear_tf=True, max_features=MAX_FEATURES[name], min_df=2)
                   for name, fn in ANALYZERS.items()}
    x_train = hstack([v.fit_transform(train_x) for v in vectorizers.values()]).tocsr()
    x_select = hstack([v.transform(select_x) for v in vectorizers.values()]).tocsr()

    best = None
    for c in C_GRID:
        clf = LogisticRegression(C=c, class_weight="balanced", max_iter=2000, solver="liblinear", random_state=0)
        clf.fit(x_train, train_y)
        threshold, f1 = best_threshold(clf.predict_proba(x_select)[:, 1], select_y)
        print(f"C={c}: {SELECT_ON} F1 {f1:.4f} at threshold {threshold}", flush=True)
        if best is None or f1 > best[0]:
            best = (f1, c, threshold, clf)
    _, c, threshold, clf = best

    arrays: dict[str, np.ndarray] = {"intercept": np.array(clf.intercept_[0]), "threshold": np.array(threshold),
                                     "version": np.array(VERSION)}
    offset = 0
    for name, v in vectorizers.items():
        vocab = v.get_feature_names_out()
        arrays[f"{name}_vocab"] = vocab.astype(str)
        arrays[f"{name}_idf"] = v.idf_.astype(np.float32)
        arrays[f"{name}_coef"] = clf.coef_[0, offset:offset + len(vocab)].astype(np.float32)
        offset += len(vocab)
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out, **arrays)

    # Score with the shipped reimplementation, not scikit-learn: the card describes what users get.
    model = CheckworthyModel(out)
    sk = clf.predict_proba(x_select[:200])[:, 1]
    ours = np.array(model.score(select_x[:200]))
    if np.abs(sk - ours).max() > 1e-4:
        raise SystemExit(f"reimplementation differs from scikit-learn by {np.abs(sk - ours).max():.2g}")

    card = {
        "name": "counterclaim-checkworthy",
        "version": VERSION,
        "trained": dt.date.today().isoformat(),
        "command": "nice .venv/bin/python scripts/train_checkworthy.py --data $COUNTERCLAIM_DATA",
        "environment": {"python": sys.version.split()[0], "scikit-learn": sklearn.__version__, "numpy": np.__version__},
        "model": {"features": {"word": "TF-IDF word 1-2 grams", "char": "TF-IDF char_wb 2-5 grams"},
                  "max_features": MAX_FEATURES, "min_df": 2, "sublinear_tf": True, "digits": "mapped to 0",
                  "classifier": "LogisticRegression(liblinear, class_weight=balanced)", "C": c,
                  "C_grid": list(C_GRID), "threshold": threshold, "selected_on": f"{SELECT_ON} (F1, positive class)"},
        "data": {name: {"path": f"{CT24}/{file}", "sha256": sha256(data / CT24 / file)} for name, file in SPLITS.items()},
        "metrics": {name: evaluate(model, *splits[name]) for name in ("dev", "dev-test", "test")},
        "artefact": {"file": out.name, "bytes": out.stat().st_size, "sha256": sha256(out)},
        "train_seconds": round(time.time() - started, 1),
    }
    out.with_name(CARD_FILE.name).write_text(json.dumps(card, indent=2) + "\n")
    print(json.dumps(card["metrics"], indent=2))


if __name__ == "__main__":
    main()
