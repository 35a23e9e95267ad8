"""ACH scoring maths: ratings, Admiralty weights, scores, sensitivity.

Pure functions over a small matrix type, so every number can be checked by
hand (see docs/ach.md for the tables and tests/test_ach.py for worked
examples). Nothing here reads a case.

Rating scale (Heuer/PARC): CC very consistent, C consistent, N neutral,
I inconsistent, II very inconsistent, NA not applicable.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

Rating = Literal["CC", "C", "N", "I", "II", "NA"]
Method = Literal["heuer", "weighted", "bayes"]
Reliability = Literal["A", "B", "C", "D", "E", "F"]
Relevance = Literal["high", "medium", "low"]

SCALE: tuple[str, ...] = ("CC", "C", "N", "I", "II")  # ordinal order; NA is outside it
NA = -1  # index of a "not applicable" cell

# Heuer: only inconsistency counts ("lowest is best").
INCONSISTENCY = np.array([0.0, 0.0, 0.0, 1.0, 2.0])
# Consistency score, used for diagnosticity only.
CONSISTENCY = np.array([2.0, 1.0, 0.0, -1.0, -2.0])
# Bayesian view: P(this evidence | hypothesis) implied by each rating. N (and NA)
# is 0.5, so a neutral cell leaves the odds between hypotheses unchanged.
LIKELIHOOD = np.array([0.9, 0.7, 0.5, 0.3, 0.1])
NEUTRAL_LIKELIHOOD = 0.5

# Admiralty (NATO AJP-2.1) grades as weights in (0, 1], monotonic along each scale.
# "Cannot be judged" (F, 6) sits at 0.3: below "not usually reliable"/"doubtful" (0.4), above
# "unreliable"/"improbable" (0.2): an unjudged source or claim never outweighs a doubtful one,
# and is not discarded either.
RELIABILITY_ORDER: tuple[str, ...] = ("A", "B", "C", "D", "E", "F")
RELIABILITY_WEIGHT: dict[str, float] = {"A": 1.0, "B": 0.8, "C": 0.6, "D": 0.4, "E": 0.2, "F": 0.3}
CREDIBILITY_WEIGHT: dict[int, float] = {1: 1.0, 2: 0.8, 3: 0.6, 4: 0.4, 5: 0.2, 6: 0.3}
RELEVANCE_WEIGHT: dict[str, float] = {"high": 1.0, "medium": 0.7, "low": 0.4}

RELIABILITY_MEANING = {"A": "completely reliable", "B": "usually reliable", "C": "fairly reliable",
                       "D": "not usually reliable", "E": "unreliable", "F": "reliability cannot be judged"}
CREDIBILITY_MEANING = {1: "confirmed by other sources", 2: "probably true", 3: "possibly true",
                       4: "doubtful", 5: "improbable", 6: "truth cannot be judged"}

TIE = 1e-9


class Row(BaseModel):
    """One evidence row as the maths sees it."""

    model_config = ConfigDict(frozen=True)

    id: str
    ratings: dict[str, Rating] = Field(description="hypothesis id -> rating; a missing hypothesis counts as N")
    reliability: Reliability = "F"
    credibility: int = Field(6, ge=1, le=6)
    relevance: Relevance = "high"

    @property
    def weight(self) -> float:
        """reliability × credibility × relevance, each in (0, 1]."""
        return (RELIABILITY_WEIGHT[self.reliability] * CREDIBILITY_WEIGHT[self.credibility]
                * RELEVANCE_WEIGHT[self.relevance])


def rating_index(rating: str) -> int:
    return NA if rating == "NA" else SCALE.index(rating)


def encode(rows: Sequence[Row], hypotheses: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """(ratings matrix of scale indices, NA = -1; weight vector)."""
    matrix = np.array([[rating_index(r.ratings.get(h, "N")) for h in hypotheses] for r in rows], dtype=int)
    weights = np.array([r.weight for r in rows], dtype=float)
    return matrix.reshape(len(rows), len(hypotheses)), weights


# --------------------------------------------------------------------------- scores


def _lookup(table: np.ndarray, matrix: np.ndarray, na_value: float) -> np.ndarray:
    return np.where(matrix == NA, na_value, table[np.clip(matrix, 0, None)])


def heuer_scores(matrix: np.ndarray) -> np.ndarray:
    """Inconsistency count per hypothesis: I = 1, II = 2 (lowest is best)."""
    return _lookup(INCONSISTENCY, matrix, 0.0).sum(axis=0)


def weighted_scores(matrix: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Σ weight × inconsistency per hypothesis (lowest is best)."""
    return (_lookup(INCONSISTENCY, matrix, 0.0) * weights[:, None]).sum(axis=0)


def bayes_posteriors(matrix: np.ndarray, weights: np.ndarray, priors: np.ndarray) -> np.ndarray:
    """Posterior per hypothesis (sums to 1).

    A row of weight w is genuine with probability w and uninformative otherwise,
    so its likelihood is w·L(rating) + (1 − w)·0.5.
    """
    if matrix.shape[1] == 0:  # no hypotheses yet (a case with no claims of responsibility)
        return np.zeros(0)
    likelihood = _lookup(LIKELIHOOD, matrix, NEUTRAL_LIKELIHOOD)
    effective = weights[:, None] * likelihood + (1 - weights[:, None]) * NEUTRAL_LIKELIHOOD
    log_post = np.log(priors) + np.log(effective).sum(axis=0)
    log_post -= log_post.max()
    post = np.exp(log_post)
    return post / post.sum()


def diagnosticity(matrix: np.ndarray) -> np.ndarray:
    """Per row: spread (max − min) of the consistency score over applicable cells.

    0 means the row cannot discriminate (all neutral, all alike, or one hypothesis).
    """
    out = np.zeros(matrix.shape[0])
    for i, row in enumerate(matrix):
        values = CONSISTENCY[row[row != NA]]
        if len(values) >= 2:
            out[i] = values.max() - values.min()
    return out


def normalise_priors(hypotheses: Sequence[str], priors: Mapping[str, float] | None) -> np.ndarray:
    """Explicit priors; unnamed hypotheses share what is left equally; result sums to 1."""
    priors = dict(priors or {})
    unknown = set(priors) - set(hypotheses)
    if unknown:
        raise ValueError(f"priors name unknown hypotheses: {', '.join(sorted(unknown))}")
    if any(p <= 0 for p in priors.values()):
        raise ValueError("priors must be positive")
    given = sum(priors.values())
    rest = [h for h in hypotheses if h not in priors]
    if rest:
        if given >= 1:
            raise ValueError("priors for some hypotheses sum to 1 or more; give every hypothesis a prior")
        share = (1 - given) / len(rest)
        priors.update({h: share for h in rest})
    values = np.array([priors[h] for h in hypotheses], dtype=float)
    return values / values.sum()


def scores(method: Method, matrix: np.ndarray, weights: np.ndarray, priors: np.ndarray) -> np.ndarray:
    if method == "heuer":
        return heuer_scores(matrix)
    if method == "weighted":
        return weighted_scores(matrix, weights)
    return bayes_posteriors(matrix, weights, priors)


def lower_is_better(method: Method) -> bool:
    return method != "bayes"


def leaders(method: Method, values: np.ndarray) -> frozenset[int]:
    """Indices of the best hypotheses (several on a tie)."""
    if len(values) == 0:
        return frozenset()
    best = values.min() if lower_is_better(method) else values.max()
    return frozenset(int(i) for i in np.flatnonzero(np.abs(values - best) <= TIE))


def ranks(method: Method, values: np.ndarray) -> list[int]:
    """Competition ranks (1, 1, 3): tied hypotheses share a rank."""
    sign = 1 if lower_is_better(method) else -1
    return [1 + int(np.sum(sign * values < sign * v - TIE)) for v in values]


# --------------------------------------------------------------------------- sensitivity


class Linchpin(BaseModel):
    """An evidence row whose removal changes which hypotheses lead."""

    evidence_id: str
    leaders_before: list[str]
    leaders_after: list[str]


def linchpins(rows: Sequence[Row], hypotheses: Sequence[str], method: Method,
              priors: Mapping[str, float] | None = None) -> list[Linchpin]:
    """Leave-one-out: rows without which the leading hypothesis (or tie) changes."""
    matrix, weights = encode(rows, hypotheses)
    prior = normalise_priors(hypotheses, priors)
    before = leaders(method, scores(method, matrix, weights, prior))
    out = []
    for i, row in enumerate(rows):
        keep = np.arange(len(rows)) != i
        after = leaders(method, scores(method, matrix[keep], weights[keep], prior))
        if after != before:
            out.append(Linchpin(evidence_id=row.id, leaders_before=[hypotheses[j] for j in sorted(before)],
                                leaders_after=[hypotheses[j] for j in sorted(after)]))
    return out


class MonteCarlo(BaseModel):
    runs: int
    seed: int
    p_rating: float
    p_weight: float
    first_share: dict[str, float] = Field(description="share of runs each hypothesis ranks first (ties split)")


def _shift(grades: np.ndarray, rng: np.random.Generator, p: float, top: int, unknown: int) -> np.ndarray:
    """Move each ordinal grade one step up or down with probability ``p`` (clamped);
    an "unknown" grade (F, 6) is redrawn uniformly from the ordinal ones instead."""
    grades = grades.copy()
    hit = rng.random(grades.shape) < p
    step = rng.choice([-1, 1], size=grades.shape)
    redraw = rng.integers(0, top + 1, size=grades.shape)
    known = grades != unknown
    grades[hit & known] = np.clip(grades[hit & known] + step[hit & known], 0, top)
    grades[hit & ~known] = redraw[hit & ~known]
    return grades


def monte_carlo(rows: Sequence[Row], hypotheses: Sequence[str], method: Method, *, runs: int = 1000, seed: int = 7,
                p_rating: float = 0.1, p_weight: float = 0.2,
                priors: Mapping[str, float] | None = None) -> MonteCarlo:
    """Perturb ratings (one step along CC…II with probability ``p_rating``; NA stays)
    and Admiralty grades (one step with probability ``p_weight``) and count how
    often each hypothesis leads. Seeded, so the same inputs give the same shares."""
    rng = np.random.default_rng(seed)
    matrix, _ = encode(rows, hypotheses)
    prior = normalise_priors(hypotheses, priors)
    rel_grades = np.array([RELIABILITY_ORDER.index(r.reliability) for r in rows], dtype=int)
    cred_grades = np.array([r.credibility - 1 for r in rows], dtype=int)
    relevance = np.array([RELEVANCE_WEIGHT[r.relevance] for r in rows])
    rel_w = np.array([RELIABILITY_WEIGHT[g] for g in RELIABILITY_ORDER])
    cred_w = np.array([CREDIBILITY_WEIGHT[g] for g in range(1, 7)])
    wins = np.zeros(len(hypotheses))
    for _ in range(runs):
        m = matrix.copy()
        hit = (rng.random(m.shape) < p_rating) & (m != NA)
        step = rng.choice([-1, 1], size=m.shape)
        m[hit] = np.clip(m[hit] + step[hit], 0, len(SCALE) - 1)
        w = (rel_w[_shift(rel_grades, rng, p_weight, 4, 5)] * cred_w[_shift(cred_grades, rng, p_weight, 4, 5)]
             * relevance)
        best = leaders(method, scores(method, m, w, prior))
        for j in best:
            wins[j] += 1 / len(best)
    share = {h: round(float(wins[j] / runs), 4) if runs else 0.0 for j, h in enumerate(hypotheses)}
    return MonteCarlo(runs=runs, seed=seed, p_rating=p_rating, p_weight=p_weight, first_share=share)


# --------------------------------------------------------------------------- thin leads

MIN_ORIGINS = 3


def origin_support(rows: Sequence[Row], origins: Sequence[Sequence[str]], hypotheses: Sequence[str]
                   ) -> dict[str, dict[str, int]]:
    """Per hypothesis: rows and independent origins consistent (C/CC) and inconsistent (I/II) with it."""
    out = {}
    for h in hypotheses:
        pro = [i for i, r in enumerate(rows) if r.ratings.get(h, "N") in ("C", "CC")]
        con = [i for i, r in enumerate(rows) if r.ratings.get(h, "N") in ("I", "II")]
        out[h] = {"rows_for": len(pro), "rows_against": len(con),
                  "origins_for": len({o for i in pro for o in origins[i]}),
                  "origins_against": len({o for i in con for o in origins[i]})}
    return out


def thin_lead(rows: Sequence[Row], origins: Sequence[Sequence[str]], hypotheses: Sequence[str], method: Method,
              priors: Mapping[str, float] | None = None) -> str | None:
    """Why the lead is thin, or None: a leader with fewer than three independent origins for it,
    or a lead that changes when the rows of any one origin are left out."""
    if not rows or not hypotheses:
        return "no evidence rows"
    matrix, weights = encode(rows, hypotheses)
    prior = normalise_priors(hypotheses, priors)
    before = leaders(method, scores(method, matrix, weights, prior))
    support = origin_support(rows, origins, hypotheses)
    few = [hypotheses[j] for j in sorted(before) if support[hypotheses[j]]["origins_for"] < MIN_ORIGINS]
    if few:
        return f"leader {', '.join(few)} rests on fewer than {MIN_ORIGINS} independent origins"
    for origin in sorted({o for os in origins for o in os}):
        keep = np.array([origin not in os for os in origins])
        if leaders(method, scores(method, matrix[keep], weights[keep], prior)) != before:
            return f"the lead rests on one origin ({origin}): without it the leader changes"
    return None
