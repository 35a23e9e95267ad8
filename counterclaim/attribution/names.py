"""The names a case's who-did-it reading looks for, shared by alignment frames and hypotheses.

The actor table with the analyst's ``alias`` items, the aliases of the analyst's own hypotheses,
actors the table does not know that attribution claims name ("organized by a splinter cell"), and
unnamed agents ("a group of unidentified gunmen"). Alignment and hypotheses build their lexicon
here, so both read one claim with the same names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..model import Claim
from . import forms
from .lexicon import Lexicon


def case_names(claims: list[Claim], entities: Iterable[Any], alias_items: dict[str, tuple[Any, int]],
               hypothesis_items: dict[str, tuple[Any, int]]) -> Lexicon:
    """The lexicon for a case: the actor table with the analyst's aliases and hypothesis aliases, plus
    the actors and unnamed agents ``claims`` name as responsible."""
    analyst = [a for data, _ in hypothesis_items.values() for a in data.get("aliases", [])]
    known = Lexicon.for_aliases(alias_items, analyst)
    discovered = new_actors([c for c in claims if c.kind == "attribution"], entities, known)
    groups = {n: c for n, c in unnamed_agents(claims).items() if not known.mentions(n)}  # "ISIS militants" is ISIS
    lexicon = Lexicon.for_aliases(alias_items, analyst + discovered + [g for g in groups if g == groups[g]])
    for name, canonical in groups.items():  # "a group of unidentified gunmen" and "unidentified attackers": one
        if lexicon.resolve(name) is None:
            lexicon.aliases[name] = canonical
    return lexicon


# Unnamed agents a source puts in the role of the one who did it: "assassinated ... by a group of
# unidentified gunmen" (allsides:5888/left), "not the work of terrorists" (fnc1:1641).
_AGENT_NOUN = (r"gunm[ae]n|attackers?|assailants?|militants?|hackers?|terrorists?|individuals|insurgents|bombers?|"
               r"rebels?|extremists?|jihadists?|islamists?|pranksters?|saboteurs?")
UNNAMED_AGENT = re.compile(rf"\b(?:{forms.ACT_PARTICIPLE})\b[^.;:!?]{{0,50}}?\bby\s+|\bwork of\s+", re.I)
AGENT_NP = re.compile(rf"(?:(?:an?|the)\s+)?(?:group of\s+)?((?:[\w’'-]+\s+){{0,2}}?(?:{_AGENT_NOUN}))\b", re.I)
_VAGUE = {"unidentified", "unknown", "masked", "armed", "unnamed"}


def unnamed_agents(claims: Iterable[Claim]) -> dict[str, str]:
    """Unnamed agents ("unidentified attackers") → the name that stands for them; agents sharing a vague
    modifier ("unidentified") or a head noun are one."""
    out: dict[str, str] = {}
    for claim in claims:
        for cue in UNNAMED_AGENT.finditer(claim.text):
            np = AGENT_NP.match(claim.text, cue.end())
            if not np:
                continue
            name = np.group(1).strip()
            words = set(name.lower().split())
            head = name.lower().split()[-1].rstrip("s")
            same = next((c for n, c in out.items() if (words & set(n.lower().split()) & _VAGUE)
                         or n.lower().split()[-1].rstrip("s") == head), None)
            out.setdefault(name, same or name)
    return out


ACTOR_LABELS = {"ORG", "NORP", "PERSON", "GPE"}


def new_actors(claims: Iterable[Claim], entities: Iterable[Any], lexicon: Lexicon) -> list[str]:
    """Agents of attribution claims that contain a named entity the alias table does not know
    ("organized by a splinter cell"): new candidate actors, named as the claim has them."""
    by_id = {e.id: e for e in entities}
    found: list[str] = []
    for claim in claims:
        agent = claim.slots.agent
        if not agent or lexicon.mentions(agent) or agent in found:
            continue
        named = (by_id[i] for i in claim.entity_ids if i in by_id)
        if any(e.label in ACTOR_LABELS and e.text in agent for e in named):
            found.append(agent)
    return found
