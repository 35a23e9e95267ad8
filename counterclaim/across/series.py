"""One authority's figures as a series in time: who gives a figure, when it held, and which came later.

A revision is one authority changing its own count, so two figures can only form one
unless both come from the same authority and can be put in time order. Both are decided
here, each with a reason a person can read:

* **Authority.** The quoted or reported speaker, else the outlet in its own voice. A
  spokesperson speaks for the body named with them ("a spokesman for the Interior Ministry"
  → the Interior Ministry); a name the alias table knows becomes its entity ("the Kremlin",
  "Russian authorities" → Russian state); bare "authorities" are those of the country where
  the event took place, when the alias table has that country's state.
* **Order.** Different as-of days; on one day, the publication times where the metadata
  gives them; else the wording: a figure the text presents as an update ("the toll rose to
  143", ``lexicons/updates.json``) is the later one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .. import lexicons
from ..lexicons import normalise_name
from .frames import Fact

# "the toll rose to" right before the figure: at most a few words in between ("rose sharply to").
UPDATE_CUE = re.compile(rf"\b(?:{lexicons.alternation('updates', 'revisions')})\b(?:\s+\S+){{0,2}}?\s*$", re.I)
CUE_WINDOW = 60  # characters before the figure searched for an update cue
SPOKESPERSON = rf"(?:{lexicons.alternation('roles', speaks_for=True)})"
FOR_BODY = re.compile(rf"^(?:an? |the )?(?:senior |chief )?{SPOKESPERSON} (?:for|of|at) (?P<body>.+)$", re.I)
BODY_S = re.compile(rf"^(?P<body>.+?)(?:'s)? {SPOKESPERSON}$", re.I)
BARE_AUTHORITIES = {"authorities", "local authorities", "the authorities"}
# Collective nouns a source names an authority by, bare ("officials said") or qualified ("Miami-Dade County
# officials"): a bare one is read as the one qualified authority of that noun the case names, if only one.
COLLECTIVE = re.compile(r"^(?:(?P<qualifier>.+?)\s+)?(?P<head>officials|authorities|police)$", re.I)


def qualified_authorities(speakers: list[str]) -> dict[str, str]:
    """Collective noun -> the one qualified authority of that noun among ``speakers`` (none where several)."""
    found: dict[str, set[str]] = {}
    for name in speakers:
        # A named body qualifies ("Miami-Dade County officials"); a kind of officials ("emergency officials",
        # "health officials") may be other officials than the bare ones.
        m = COLLECTIVE.match(name.strip())
        if m and m["qualifier"] and m["qualifier"][:1].isupper() and m["qualifier"].split()[0] not in ("The", "Some"):
            found.setdefault(m["head"].lower(), set()).add(name.strip())
    return {head: next(iter(names)) for head, names in found.items() if len(names) == 1}


@dataclass(frozen=True)
class Authority:
    """Who a figure's series belongs to: a comparison key, a display name, and how the name was read."""

    key: str
    name: str
    how: str = ""


def authority(fact: Fact, env) -> Authority:
    """The authority behind a figure (``env`` is a :class:`..relations.RelationEnv`)."""
    speaker = fact.claim.speaker
    doc = env.documents.get(fact.doc_id)
    if speaker.kind == "outlet" or not speaker.name:
        name = doc.outlet if doc and doc.outlet else fact.doc_id
        return Authority(normalise_name(name), name)
    name, how = speaker.name, ""
    bare = COLLECTIVE.match(normalise_name(name))
    if bare and not bare["qualifier"] and (only := env.qualified.get(bare["head"].lower())):
        name, how = only, f"'{speaker.name}' read as {only}, the only {bare['head']} the sources name"
    for pattern in (FOR_BODY, BODY_S):
        if (m := pattern.match(normalise_name(name))) and len(m.group("body").split()) <= 5:
            name, how = m.group("body"), "; ".join(x for x in (how, f"'{name}' speaks for {m.group('body')}") if x)
            break
    if normalise_name(name) in BARE_AUTHORITIES and len(fact.anchor.countries) == 1:
        country = next(iter(fact.anchor.countries))
        state = next((e.canonical for e in env.aliases.entries.values()
                      if e.country == country and e.kind == "actor" and not e.parent), None)
        if state:
            return Authority(normalise_name(state), state, f"'{speaker.name}' in an event placed in {country}")
    canonical = env.aliases.entries.get(env.aliases.lookup.get(normalise_name(name), ""))
    if canonical is not None and canonical.kind == "actor":
        via = f"'{name}' is a name of {canonical.canonical} (alias table)"
        return Authority(normalise_name(canonical.canonical), canonical.canonical, f"{how}; {via}" if how else via)
    return Authority(normalise_name(name), name, how)


def update_cue(fact: Fact, env) -> str | None:
    """The words that present the figure as an update of an earlier one ('Death Toll Climbs to'), or None."""
    q, doc = fact.quantity, env.documents.get(fact.doc_id)
    if q is None or doc is None:
        return None
    before = doc.text[max(0, q.start - CUE_WINDOW):q.start]
    before = re.split(r"[.!?\n]\s", before)[-1]  # the figure's own sentence
    m = UPDATE_CUE.search(before)
    return m.group(0).strip() if m else None


def published_time(fact: Fact, env) -> dt.datetime | None:
    """The publication timestamp of a figure's document, when the metadata gives a time of day."""
    doc = env.documents.get(fact.doc_id)
    return doc.published_at if doc and fact.stated_as_of is None else None


@dataclass(frozen=True)
class Order:
    """Two figures in time order, and what ordered them."""

    earlier: Fact
    later: Fact
    by: str


def order(a: Fact, b: Fact, day_a: dt.date | None, day_b: dt.date | None, env) -> Order | None:
    """``a`` and ``b`` in time order, or None when nothing orders them.

    ``day_a``/``day_b`` are their as-of days (None: unknown). Times of day only order figures of one
    as-of day; an update cue only where neither the days nor the times do, and never against a figure
    whose as-of day is unknown (its document could be from any time)."""
    if day_a and day_b and day_a != day_b:
        return Order(a, b, "as-of dates") if day_a < day_b else Order(b, a, "as-of dates")
    if not (day_a and day_b):
        return None
    ta, tb = published_time(a, env), published_time(b, env)
    if ta and tb and ta != tb:
        return Order(a, b, "publication times") if ta < tb else Order(b, a, "publication times")
    ca, cb = update_cue(a, env), update_cue(b, env)
    if bool(ca) != bool(cb):
        return Order(b, a, f"“{ca}” presents it as an update") if ca else Order(a, b, f"“{cb}” presents it as an update")
    return None


def when(fact: Fact, day: dt.date | None, env) -> str:
    """'2024-03-23 17:49 UTC' (with the time where known), or the as-of day."""
    t = published_time(fact, env)
    return f"{t:%Y-%m-%d %H:%M} UTC" if t and day == t.date() else str(day)
