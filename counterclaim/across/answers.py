"""Answer groups: the claims of a cluster that give one answer, so relations stay linear.

A cluster about one event can hold thousands of claims, but only a handful of
distinct answers (a figure at an as-of date, an actor, a denial, a point made).
Members of a group agree with its representative (the earliest-published
claim); typed relations are computed between groups, not between all claims:

* every member is linked to its representative by an ``agree`` relation (a star);
* groups are related pairwise up to ``GROUP_PAIRS_MAX`` groups; beyond that each
  group meets the next ``NEAREST_GROUPS`` in as-of order through its representative,
  which keeps the revision chain of a rising figure and bounds the count at
  O(members + groups · NEAREST_GROUPS).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field

from .cluster import Candidates
from .frames import Fact
from .relations import ANTONYMS, TOPIC_PHRASES, RelationEnv, Verdict, as_of, describe, interval, relate, words

GROUP_PAIRS_MAX = 16  # up to this many groups, every pair of groups is related
NEAREST_GROUPS = 8  # beyond, each group is related to this many next groups in as-of order
PAIR_SCAN = 4  # members per group tried for cross-group pairs (the representative first)


@dataclass
class AnswerGroup:
    """Facts giving one answer; the first represents the group, ``verdicts[i]`` is member i's agreement."""

    as_of: dt.date | None
    members: list[Fact] = field(default_factory=list)
    verdicts: list[Verdict | None] = field(default_factory=list)

    @property
    def representative(self) -> Fact:
        return self.members[0]


def answer(fact: Fact) -> str | None:
    """What a fact answers to its cluster's question: '137 killed', 'ISIS', '¬Ukraine'; None for statements."""
    text = describe(fact.quantity) if fact.quantity is not None else fact.agent
    return ("¬" if fact.negative else "") + text if text else None


def _published(fact: Fact, env: RelationEnv) -> dt.date | None:
    doc = env.documents.get(fact.doc_id)
    return doc.published if doc else None


def _as_of(fact: Fact, env: RelationEnv) -> dt.date | None:
    """When a figure held; for other answers, when it was published."""
    return as_of(fact, fact.anchor.date, env)[0] if fact.quantity is not None else _published(fact, env)


def _key(fact: Fact, env: RelationEnv) -> tuple:
    """Facts with equal keys usually agree (the join is still checked with :func:`relate`)."""
    if fact.quantity is not None:
        return ("figure", interval(fact.quantity), (fact.quantity.unit or "").lower(), fact.event_day,
                _as_of(fact, env))
    if fact.topic in TOPIC_PHRASES:
        return ("agent", fact.agent, fact.negative, fact.event_day)
    present = words(fact.claim.text)
    return ("statement", fact.negative, frozenset(w for pair in ANTONYMS for w in pair if w in present), fact.event_day)


def _join(group: AnswerGroup, fact: Fact, candidates: Candidates, env: RelationEnv) -> Verdict | None:
    """The representative's ``agree`` verdict on ``fact``, or None when it does not agree."""
    rep = group.representative
    if not candidates.comparable(rep, fact):
        return None
    verdict = relate(rep, fact, env, candidates.similarity(rep, fact))
    return verdict if verdict.type == "agree" else None


def answer_groups(facts: list[Fact], candidates: Candidates, env: RelationEnv) -> list[AnswerGroup]:
    """The cluster's facts in answer groups, ordered by as-of time."""
    latest: dict[tuple, AnswerGroup] = {}  # key -> its newest group; only that one is tried, so this stays linear
    groups: list[AnswerGroup] = []
    for fact in sorted(facts, key=lambda f: (_published(f, env) or dt.date.max, f.doc_id, f.claim.start)):
        key = _key(fact, env)
        group = latest.get(key)
        verdict = _join(group, fact, candidates, env) if group else None
        if verdict is None:
            group = latest[key] = AnswerGroup(_as_of(fact, env))
            groups.append(group)
        group.members.append(fact)
        group.verdicts.append(verdict)
    return sorted(groups, key=lambda g: g.as_of or dt.date.max)


def group_pairs(groups: list[AnswerGroup],
                candidates: Candidates) -> Iterator[tuple[AnswerGroup, AnswerGroup, Fact, Fact]]:
    """The pairs of members to relate across groups.

    Up to ``GROUP_PAIRS_MAX`` groups, every pair of groups, and within it every comparable cross-document
    pair among the first ``PAIR_SCAN`` members of each (so a source repeating one answer in several claims
    keeps those claims' relations). Beyond, each group meets its next ``NEAREST_GROUPS`` in as-of order
    through one pair, the earliest members from different documents.
    """
    few = len(groups) <= GROUP_PAIRS_MAX
    reach = len(groups) if few else NEAREST_GROUPS
    for n, g in enumerate(groups):
        for h in groups[n + 1:n + 1 + reach]:
            pairs = ((a, b) for a in g.members[:PAIR_SCAN] for b in h.members[:PAIR_SCAN]
                     if candidates.same_proposition(a, b))
            for a, b in pairs if few else itertools.islice(pairs, 1):
                yield g, h, a, b
