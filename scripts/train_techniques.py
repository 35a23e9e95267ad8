"""Train the persuasion-technique model on the PTC train split and write the shipped artefact.

    nice .venv/bin/python scripts/train_techniques.py ../shared/data/semeval2020_task11_ptc

Held-out train articles (never seen by the classifiers) tune the detection threshold and
fit the confidence calibrator. Writes model.npz + model.json to --out (docs/techniques.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import shlex
import sys
import time
from pathlib import Path

import numpy as np
import sklearn
from sklearn.linear_model import SGDClassifier

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from counterclaim.techniques import rules  # noqa: E402
from counterclaim.techniques.data import Split, data_sha256, load_split, parse_split  # noqa: E402
from counterclaim.techniques.evaluate import evaluate, gold_by_article, is_correct  # noqa: E402
from counterclaim.techniques.features import N_BUCKETS, candidate_spans, feature_matrix  # noqa: E402
from counterclaim.techniques.linear import Calibrator, LinearClassifier  # noqa: E402
from counterclaim.techniques.measure_rules import write_rules_table  # noqa: E402
from counterclaim.techniques.model import ARTEFACT_DIR, NONE, TechniqueModel, span_rows  # noqa: E402
from counterclaim.techniques.scorer import si_score  # noqa: E402

MIN_JACCARD = 0.5  # a candidate stands for a gold span when they share half their joint extent


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def candidate_label(span: tuple[int, int], gold: list[tuple[int, int, str]]) -> str:
    """The technique of the gold span the candidate matches best (Jaccard >= MIN_JACCARD), else "none"."""
    best, best_j = NONE, MIN_JACCARD
    for s, e, technique in gold:
        inter = min(span[1], e) - max(span[0], s)
        if inter > 0:
            jaccard = inter / (max(span[1], e) - min(span[0], s))
            if jaccard >= best_j:
                best, best_j = technique, jaccard
    return best


def fit_linear(rows: list[list[int]], labels: list[str], alpha: float, epochs: int) -> LinearClassifier:
    model = SGDClassifier(loss="log_loss", alpha=alpha, max_iter=epochs, tol=None, random_state=0)
    return LinearClassifier.from_sklearn(model.fit(feature_matrix(rows), np.array(labels)))


def train_detector(split: Split, docs, negatives: float, alpha: float, seed: int) -> LinearClassifier:
    """15-class detector over candidates; only a sample of the many "none" candidates is kept."""
    rng = np.random.default_rng(seed)
    gold = {a: [(s, e, t) for _, s, e, t in items] for a, items in gold_by_article(split).items()}
    rows, labels = [], []
    for a in sorted(split.articles):
        spans = candidate_spans(docs[a])
        keep = [(sp, y) for sp in spans if (y := candidate_label(sp, gold.get(a, []))) != NONE or rng.random() < negatives]
        rows.extend(span_rows(docs[a], [sp for sp, _ in keep]))
        labels.extend(y for _, y in keep)
    log(f"detector: {len(rows)} candidates ({sum(y != NONE for y in labels)} matched), fitting")
    return fit_linear(rows, labels, alpha, epochs=15)


def train_classifier(split: Split, docs, alpha: float) -> LinearClassifier:
    """14-class technique classifier over the gold spans."""
    by_article = gold_by_article(split)
    rows, labels = [], []
    for a, items in sorted(by_article.items()):
        rows.extend(span_rows(docs[a], [(s, e) for _, s, e, _ in items]))
        labels.extend(t for *_, t in items)
    log(f"classifier: {len(rows)} gold spans, fitting")
    return fit_linear(rows, labels, alpha, epochs=30)


def tune_threshold(model: TechniqueModel, split: Split, docs) -> dict[str, float]:
    """The detection threshold that maximises SI F1 on held-out articles."""
    model.threshold = 0.1  # candidates() drops anything below the threshold: collect from the lowest tried
    candidates = {a: model.candidates(docs[a]) for a in split.articles}
    best = (-1.0, 0.0)
    for threshold in np.arange(0.1, 0.81, 0.05):
        model.threshold = float(round(threshold, 2))
        pred = [(a, f.start, f.end) for a, items in candidates.items() for f in model.select(items)]
        best = max(best, (si_score(pred, split.spans).f1, model.threshold))
    model.threshold = best[1]
    return {"heldout_si_f1": round(best[0], 4), "threshold": best[1]}


def fit_calibrator(model: TechniqueModel, split: Split, docs) -> Calibrator:
    """Map detector probability to P(finding overlaps gold of its technique), fitted on held-out."""
    gold = gold_by_article(split)
    pairs = [(f.score, is_correct(a, f, gold)) for a in split.articles for f in model.detect(docs[a], use_rules=False)]
    return Calibrator.fit(np.array([p for p, _ in pairs]), np.array([h for _, h in pairs]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", help="PTC folder (holds train-articles/, train-task-flc-tc.labels, ...)")
    parser.add_argument("--out", default=str(ARTEFACT_DIR))
    parser.add_argument("--cache", default=str(Path.home() / ".cache" / "counterclaim"), help="spaCy parse cache")
    parser.add_argument("--heldout", type=float, default=0.15, help="share of train articles for tuning")
    parser.add_argument("--negatives", type=float, default=0.08, help="share of unmatched candidates trained on")
    parser.add_argument("--alpha-detector", type=float, default=1e-4)
    parser.add_argument("--alpha-classifier", type=float, default=1e-4)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--no-refit", dest="refit", action="store_false",
                        help="keep the classifiers fitted without the held-out articles")
    parser.add_argument("--version", default="ptc-linear-2")
    args = parser.parse_args()

    started = time.time()
    train = load_split(args.data, "train")
    log(f"parsing {len(train.articles)} train articles")
    docs = parse_split(train, args.cache)
    ids = sorted(train.articles)
    held_ids = set(np.random.default_rng(args.seed).choice(ids, size=round(len(ids) * args.heldout), replace=False))
    fit = train.subset(set(ids) - held_ids, "train-fit")
    held = train.subset(held_ids, "train-heldout")

    detector = train_detector(fit, docs, args.negatives, args.alpha_detector, args.seed)
    classifier = train_classifier(fit, docs, args.alpha_classifier)
    model = TechniqueModel(args.version, detector, classifier)
    tuned = tune_threshold(model, held, docs)
    log(f"threshold: {tuned}")
    model.calibrator = fit_calibrator(model, held, docs)
    heldout = evaluate(model, held, docs)
    log(f"held-out: SI {heldout['si']} TC {heldout['tc_micro_f1']} ECE {heldout['ece']}")
    if args.refit:  # same settings, all train articles; threshold and calibrator stay as tuned above
        model.detector = train_detector(train, docs, args.negatives, args.alpha_detector, args.seed)
        model.classifier = train_classifier(train, docs, args.alpha_classifier)
    model.meta = {
        "trained": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "command": "python " + shlex.join(["scripts/train_techniques.py", *sys.argv[1:]]),
        "data": "SemEval-2020 Task 11 PTC v2, train split", "data_sha256": data_sha256(args.data, "train"),
        "articles": {"fit": len(fit.articles), "heldout": len(held.articles)}, "hashed_features": N_BUCKETS,
        "negatives": args.negatives, "alpha_detector": args.alpha_detector, "alpha_classifier": args.alpha_classifier,
        "seed": args.seed, "refit_on_all_train": args.refit, "tuning": tuned,
        "heldout": {k: heldout[k] for k in ("si", "si_without_rules", "tc_micro_f1", "ece")},
        "sklearn": sklearn.__version__, "train_seconds": round(time.time() - started),
    }
    model.save(args.out)
    write_rules_table(args.data, train, docs)
    log(f"wrote {args.out} and {rules.RULES_FILE} in {time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
