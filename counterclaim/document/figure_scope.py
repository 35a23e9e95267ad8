"""What a figure's count covers: the case's incident, a longer period or another event, and whether it
is a projection ("the toll could reach 1,000") rather than a toll.

Scope is read from cues in the figure's own clause or in the sentence's opening adverbial ("Earlier this
month, ...") (``lexicons/scope.json``); from a year there older than the publication ("in 2004, 334 were
killed") or, in an undated article, two or more years before the latest year it names; and, for a casualty
figure after an article's lead, from a clause that names only other kinds of incident than the lead
(``lexicons/incident_kinds.json``: "a car bomb killed eight" in a story about an air strike). A projection
is a figure that a verb of rising or reaching takes under a modal ("could reach") or a verb of expecting
("feared to exceed").
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from spacy.tokens import Token

from .. import lexicons

# Verbs a toll moves or stands with: "rose to 143", "stands at 10", "could reach 1,000".
TREND_VERBS = {"rise", "climb", "reach", "stand", "total", "increase", "grow", "jump", "exceed", "hit", "top", "surpass"}
# Of these, the ones that say where a count is going, not where it stands.
_MOVING = TREND_VERBS - {"stand", "total"}
PREDICTIONS = {e["lemma"] for e in lexicons.entries("projection", "quantities")}

SCOPE_CUES = [(re.compile(rf"\b(?:{e.get('pattern') or re.escape(e['term'])})\b", re.I), e["scope"])
              for e in lexicons.entries("scope", "quantities")]
# The clause a figure belongs to: up to the next sentence or clause break, a comma opening an apposition
# ("killed 133, the deadliest attack since 2004" keeps 'since 2004' out of the count's clause) or closing the
# relative clause the figure is in ("which killed 133, was the worst in two decades"), or a relative clause
# after it, which says more about the counted, not over what time they were counted ("Kurds who have resisted
# for weeks").
_CLAUSE_END = re.compile(r"[.;:!?]|,\s+(?:the|a|an|which|who|making|in what|its|is|was|are|were|has|have|had)\b"
                         r"|\s[-–—]\s|\s(?:who|whom|whose|which)\s")
_CLAUSE_START = re.compile(r".*(?:[.;:!?]|\s[-–—]\s)", re.S)
_IN_YEAR = re.compile(r"\bin\s+$")
_YEAR = re.compile(r"(?<![\w$€£/.,-])(?:19[5-9]\d|20[0-4]\d)(?![\w/]|[.,]\d)")


def clause_window(text: str, start: int, end: int, sentence_start: int) -> tuple[str, str]:
    """The words of a figure's clause before and after it (at most 60 characters before, 120 after)."""
    before = text[max(sentence_start, start - 60):start]
    clause = _CLAUSE_START.match(before)
    after = text[end:end + 120]
    stop = _CLAUSE_END.search(after)
    return before[clause.end():] if clause else before, after[:stop.start() if stop else len(after)]


# A sentence-opening adverbial up to its comma ("Earlier this month, ...", "In 1969, ..."): it sets the time of
# the whole sentence, however far the figure comes after it.
_OPENING = re.compile(r"\s*([^,.;:!?\n]{3,40}),\s")


# Kinds of incident and the words that name them (an event, its weapon, its doer); lower-case after the lead.
_KIND_WORDS = [(e["kind"], rf"\b(?:{e['pattern']})\b") for e in lexicons.entries("incident_kinds", "quantities")]
_KINDS_ANY_CASE = [(k, re.compile(p, re.I)) for k, p in _KIND_WORDS]
_KINDS_LOWER = [(k, re.compile(p)) for k, p in _KIND_WORDS]


def incident_kinds(lead: str) -> set[str]:
    """The kinds of incident an article's lead (title and first sentences) names."""
    return {k for k, p in _KINDS_ANY_CASE if p.search(lead)}


def other_incident(text: str, start: int, end: int, sentence_start: int, lead_kinds: set[str]) -> str | None:
    """The words naming another kind of incident in a figure's clause, when it names only kinds the lead does
    not ('a car bomb killed eight' in a story about an air strike); None when it names none or one of the lead's."""
    before, after = clause_window(text, start, end, sentence_start)
    window = before + " " + after
    named: dict[str, str] = {}
    for kind, pattern in _KINDS_LOWER:  # the first (most specific) words of each kind: "car bomb" before "bomb"
        if kind not in named and (m := pattern.search(window)):
            named[kind] = m.group(0)
    if not named or named.keys() & lead_kinds:
        return None
    return next(iter(named.values()))


def scope_of(text: str, start: int, end: int, sentence_start: int, published: dt.date | None = None
             ) -> tuple[str, str | None]:
    """'incident', or the scope a cue in the figure's clause (or the sentence's opening adverbial) gives it,
    with the cue."""
    before, after = clause_window(text, start, end, sentence_start)
    opening = _OPENING.match(text, sentence_start, start)
    window = (opening.group(1) + " , " if opening else "") + before + " " + after
    for pattern, scope in SCOPE_CUES:
        m = pattern.search(window)
        if m:
            return scope, m.group(0)
    if published is not None:
        # A count dated years before the article is another event's; one over the article's own year
        # ('killed more than 2,000 civilians in 2014 alone') is a running total.
        for m in _YEAR.finditer(window):
            year = int(m.group(0))
            if year < published.year:
                return "other-event", m.group(0)
            if year == published.year and _IN_YEAR.search(window[:m.start()]):
                return "cumulative", window[m.start() - 3:m.end()]
    elif (latest := _latest_year(text)) is not None:
        # Undated (a body without its page): a count dated well before the latest year the article names
        # ("In 2010, the North shelled ..., killing four", in a story that names 2012) is another event's.
        for m in _YEAR.finditer(window):
            if int(m.group(0)) <= latest - 2:
                return "other-event", m.group(0)
    return "incident", None


@lru_cache(maxsize=64)
def _latest_year(text: str) -> int | None:
    return max((int(m.group(0)) for m in _YEAR.finditer(text)), default=None)


def is_projection(head: Token) -> bool:
    """True when the figure is where a count may go: the object of a rising verb under a modal
    ('could reach 1,000') or a verb of expecting or fearing ('feared to exceed 1,000', 'expected to rise to 200')."""
    verb = head.head.head if head.dep_ == "pobj" else head.head  # "rise to 200": figure -> to -> rise
    if verb.lemma_ not in _MOVING or verb is head:
        return False
    if any(c.tag_ == "MD" for c in verb.children):
        return True
    return verb.dep_ in ("xcomp", "ccomp") and (verb.head.lemma_.lower() in PREDICTIONS
                                                  or any(c.tag_ == "MD" for c in verb.head.children))
