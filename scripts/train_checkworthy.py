"""Train the check-worthiness model on CLEF CheckThat! 2024 Task 1 English.

    nice .venv/bin/python scripts/train_checkworthy.py [--data DIR]

DIR defaults to $COUNTERCLAIM_DATA or ../shared/data. Fits TF-IDF (word 1-2 +
char 2-5 n-grams, analysers from counterclaim.checkworthy) and a logistic
regression on the train split; picks C and the decision threshold by F1 on the
dev split; writes counterclaim/data/checkworthy/model.npz (plain arrays, no
pickle) and card.json (command, data sha256, metrics). Runs in about a minute
on two cores.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import re
import sys
import time
from pathlib import Path

import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from counterclaim.checkworthy import ANALYZERS, CARD_FILE, MODEL_FILE, CheckworthyModel, positive_class_prf  # noqa: E402

VERSION = "1"
CT24 = "checkthat2024_task1_english"
SPLITS = {
    "train": "CT24_checkworthy_english_train.tsv",
    "dev": "CT24_checkworthy_english_dev.tsv",
    "dev-test": "CT24_checkworthy_english_dev-test.tsv",
    "test": "CT24_checkworthy_english_test_gold.tsv",
}
MAX_FEATURES = {"word": 20000, "char": 40000}  # keeps the artefact small; more does not help on dev
C_GRID = (0.5, 1.0, 2.0, 4.0)


def data_dir(arg: str | None) -> Path:
    return Path(arg or os.environ.get("COUNTERCLAIM_DATA") or ROOT.parent / "shared" / "data")


_JOINED = re.compile(r"\t(Yes|No)(\d+)\t")


def read_split(data: Path, split: str) -> tuple[list[str], list[bool]]:
    """Texts and Yes/No labels of one CT24 split.

    Read line by line rather than with csv: texts contain bare double quotes, and one
    train line holds two records joined by a missing newline ("...<TAB>No29286<TAB>...").
    """
    raw = (data / CT24 / SPLITS[split]).read_text(encoding="utf-8")
    texts, labels = [], []
    for line in _JOINED.sub(r"\t\1\n\2\t", raw).splitlines()[1:]:
        sid, text, label = line.split("\t")
        if label not in ("Yes", "No") or not sid.isdigit():
            raise ValueError(f"{split}: bad record {line!r}")
        texts.append(unquote(text))
        labels.append(label == "Yes")
    return texts, labels


def unquote(text: str) -> str:
    """Undo CSV quoting of a field: a quoted field with doubled inner quotes."""
    if len(text) > 1 and text[0] == text[-1] == '"':
        return text[1:-1].replace('""', '"')
    return text


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def evaluate(model: CheckworthyModel, texts: list[str], labels: list[bool], threshold: float) -> dict[str, float]:
    scores = model.score(texts)
    p, r, f = positive_class_prf(labels, [s >= threshold for s in scores])
    return {"n": len(texts), "positives": sum(labels), "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def best_threshold(probs: np.ndarray, labels: list[bool]) -> tuple[float, float]:
    """Threshold (from a 0.05 grid) with the best positive-class F1."""
    grid = [round(t, 2) for t in np.arange(0.2, 0.81, 0.05)]
    scored = [(positive_class_prf(labels, list(probs >= t))[2], t) for t in grid]
    f1, t = max(scored)
    return t, f1


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", help="shared data folder (default $COUNTERCLAIM_DATA or ../shared/data)")
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    args = parser.parse_args(argv)
    data = data_dir(args.data)
    started = time.time()
    splits = {name: read_split(data, name) for name in SPLITS}
    train_x, train_y = splits["train"]
    dev_x, dev_y = splits["dev"]

    vectorizers = {name: TfidfVectorizer(analyzer=fn, sublinear_tf=True, max_features=MAX_FEATURES[name], min_df=2)
                   for name, fn in ANALYZERS.items()}
    x_train = hstack([v.fit_transform(train_x) for v in vectorizers.values()]).tocsr()
    x_dev = hstack([v.transform(dev_x) for v in vectorizers.values()]).tocsr()

    best = None
    for c in C_GRID:
        clf = LogisticRegression(C=c, class_weight="balanced", max_iter=2000, solver="liblinear")
        clf.fit(x_train, train_y)
        threshold, f1 = best_threshold(clf.predict_proba(x_dev)[:, 1], dev_y)
        print(f"C={c}: dev F1 {f1:.4f} at threshold {threshold}", flush=True)
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
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, **arrays)

    # Score with the shipped reimplementation, not scikit-learn: the card describes what users get.
    model = CheckworthyModel(args.out)
    sk = clf.predict_proba(x_dev[:200])[:, 1]
    ours = np.array(model.score(dev_x[:200]))
    if np.abs(sk - ours).max() > 1e-4:
        raise SystemExit(f"reimplementation differs from scikit-learn by {np.abs(sk - ours).max():.2g}")

    card = {
        "name": "counterclaim-checkworthy",
        "version": VERSION,
        "trained": dt.date.today().isoformat(),
        "command": "nice .venv/bin/python scripts/train_checkworthy.py --data $COUNTERCLAIM_DATA",
        "model": {"features": {"word": "TF-IDF word 1-2 grams", "char": "TF-IDF char_wb 2-5 grams"},
                  "max_features": MAX_FEATURES, "min_df": 2, "sublinear_tf": True, "digits": "mapped to 0",
                  "classifier": "LogisticRegression(liblinear, class_weight=balanced)", "C": c,
                  "C_grid": list(C_GRID), "threshold": threshold, "selected_on": "dev (F1, positive class)"},
        "data": {name: {"path": f"{CT24}/{file}", "sha256": sha256(data / CT24 / file)} for name, file in SPLITS.items()},
        "metrics": {name: evaluate(model, *splits[name], threshold) for name in ("dev", "dev-test", "test")},
        "artefact": {"file": args.out.name, "bytes": args.out.stat().st_size, "sha256": sha256(args.out)},
        "train_seconds": round(time.time() - started, 1),
    }
    args.out.with_name(CARD_FILE.name).write_text(json.dumps(card, indent=2) + "\n")
    print(json.dumps(card["metrics"], indent=2))


if __name__ == "__main__":
    main()
