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

from .. import lexicons
from ..model import Claim
from . import forms
from .actors import DEMONYMS, METONYMS, normalise
from .lexicon import Lexicon


def case_names(claims: list[Claim], entities: Iterable[Any], alias_items: dict[str, tuple[Any, int]],
               hypothesis_items: dict[str, tuple[Any, int]]) -> Lexicon:
    """The lexicon for a case: the actor table with the analyst's aliases and hypothesis aliases, plus
    the actors and unnamed agents ``claims`` name as responsible."""
    analyst = [a for data, _ in hypothesis_items.values() for a in data.get("aliases", [])]
    known = Lexicon.for_aliases(alias_items, analyst)
    heads = leaders(claims, entities, known)
    known.add_aliases(heads)
    discovered = new_actors(claims, entities, known)
    variants = name_variants(discovered, {e.text.strip(" .,'’") for e in entities if e.label == "PERSON"})
    discovered = [n for n in discovered if n not in variants]
    named = Lexicon.for_aliases(alias_items, analyst + discovered)
    named.add_aliases(heads)
    named.add_aliases(variants)
    groups = {n: c for n, c in unnamed_agents(claims).items() if not named.mentions(n)}  # "ISIS militants" is ISIS
    lexicon = Lexicon.for_aliases(alias_items, analyst + discovered + [g for g in groups if g == groups[g]])
    lexicon.add_aliases(heads)
    lexicon.add_aliases(variants)
    lexicon.add_aliases(groups)  # "a group of unidentified gunmen" and "unidentified attackers": one
    return lexicon


def name_variants(names: list[str], people: set[str] | frozenset[str] = frozenset()) -> dict[str, str]:
    """A longer form of a name found first → that name: the same first and last word ("Omar Mir Seddique Mateen"
    and "Omar Mateen", BASIL 2016 76810849) are one person, named in full once and shortly after. A surname alone,
    itself a person of ``people``, → the one person of ``people`` named in full with it ("Zehaf-Bibeau" → "Michael
    Zehaf-Bibeau", FNC-1 training body 2246, ottawa-parliament-shooting-2014, dev); where two people's full names
    end with it, it stays apart."""
    out: dict[str, str] = {}
    for n, name in enumerate(names):
        words = name.split()
        if len(words) < 2 or name in out:
            continue
        for other in names[n + 1:]:
            more = other.split()
            if other not in out and len(more) >= 2 and (more[0], more[-1]) == (words[0], words[-1]):
                longer, shorter = (name, other) if len(words) > len(more) else (other, name)
                out[longer] = shorter
    for name in names:
        if " " in name or name in out or name not in people or name.isupper():
            continue
        full = [o for o in people if " " in o and o.split()[-1] == name]
        if len(full) == 1 and full[0] in names and full[0] not in out:
            out[name] = full[0]
    return out


# Unnamed agents a source puts in the role of the one who did it: "assassinated ... by a group of
# unidentified gunmen" (allsides:5888/left), "not the work of terrorists" (fnc1:1641).
_AGENT_NOUN = lexicons.alternation("agents")
UNNAMED_AGENT = re.compile(rf"\b(?:{forms.ACT_PARTICIPLE})\b[^.;:!?]{{0,50}}?\bby\s+|\bwork of\s+", re.I)
AGENT_NP = re.compile(rf"(?:(?:an?|the)\s+)?(?:group of\s+)?((?:[\w’'-]+\s+){{0,2}}?(?:{_AGENT_NOUN}))\b", re.I)
_VAGUE = {"unidentified", "unknown", "masked", "armed", "unnamed"}


# ... or as the subject of a harm done: "Militants fired more than 250 missiles at Israel" (allsides:6054/center).
# Not the nouns for the perpetrators themselves ("gunmen opened fire"): who they are is what is in question.
_GROUP_NOUN = lexicons.alternation_of(e for e in lexicons.entries("agents") if e.get("role") != "perpetrator")
AGENT_SUBJECT = re.compile(rf"(?:^|[,;:]\s+|\b(?:while|as|when|and)\s+)(?:(?:an?|the)\s+)?((?:[\w’'-]+\s+)?(?:{_GROUP_NOUN}))"
                           rf"\s+(?:\w+ly\s+)?(?={forms.ACT_VERB.pattern})", re.I)


def unnamed_agents(claims: Iterable[Claim]) -> dict[str, str]:
    """Unnamed agents ("unidentified attackers") → the name that stands for them; agents sharing a vague
    modifier ("unidentified") or a head noun are one."""
    out: dict[str, str] = {}
    for claim in claims:
        nps = [AGENT_NP.match(claim.text, cue.end()) for cue in UNNAMED_AGENT.finditer(claim.text)]
        for np in [*nps, *AGENT_SUBJECT.finditer(claim.text)]:
            if not np:
                continue
            name = np.group(1).strip()
            words = set(name.lower().split())
            head = name.lower().split()[-1].rstrip("s")
            same = next((c for n, c in out.items() if (words & set(n.lower().split()) & _VAGUE)
                         or n.lower().split()[-1].rstrip("s") == head), None)
            out.setdefault(name, same or name)
    return out


# Not GPE: the states are in the table, and an unknown GPE is a place ("Raqqa"), not an accused. Not NORP:
# the nationalities are in the table, and the other NORP names are mostly faiths and peoples ("Muslim").
ACTOR_LABELS = {"ORG", "PERSON"}
_STANDS_FOR = {normalise(n) for n in (*DEMONYMS, *METONYMS)}  # the table knows them, for the roles they stand in
# Words a source adds to a name that do not change who is meant ("Taliban fighters", "Hamas militants").
_MEMBERS = re.compile(rf"\s+(?i:{_AGENT_NOUN}|fighters?|members?|forces|operatives?|supporters?|mercenar(?:y|ies))$")


def new_actors(claims: Iterable[Claim], entities: Iterable[Any], lexicon: Lexicon) -> list[str]:
    """Named organisations and groups in claims, and people in the agent slot of attribution claims, that the
    alias table does not know: candidate actors, named as the entity is ("Islamic Jihad", not "a
    misfired Islamic Jihad rocket"). Whether one is put in the role of the one who did it is the cues' call."""
    by_id = {e.id: e for e in entities}
    found: list[str] = []
    checked: set[str] = set()  # names already looked up: an entity recurs in many claims
    for claim in claims:
        for i in claim.entity_ids:
            e = by_id.get(i)
            if e is None or e.label not in ACTOR_LABELS:
                continue
            text = e.text
            cut = forms.SUBJECT_DENY.search(text)
            if cut and cut.start() > 0 and forms.denies_own_deed(text, cut.start()):
                text = text[:cut.start()]  # a title-case headline read as one name: "Weiner Denies Sending Photo"
            elif e.label == "PERSON" and not (
                    claim.kind == "attribution" and claim.slots.agent and e.text in claim.slots.agent
                    or claim.start <= e.start < e.end <= claim.end and _named_doer(claim.text, e.start - claim.start,
                                                                                   e.end - claim.start)):
                continue  # a person is a candidate only as the doer or one denying a deed; most are speakers, victims
            name = _MEMBERS.sub("", re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.I)).strip(" .,'’")
            if name in checked:
                continue
            checked.add(name)
            if len(name) > 1 and normalise(name) not in _STANDS_FOR and not lexicon.mentions(name):
                found.append(name)
    return found


def _named_doer(text: str, start: int, end: int) -> bool:
    """Whether the person at ``text[start:end]`` is named as the one who did it or denies a deed: "Samuel Cassidy,
    57, attacked", "bombing suspect Dzhokhar Tsarnaev", "Lin denied taking part"."""
    return bool(forms.denies_own_deed(text, end) or forms.ACT_SUBJECT.match(text, end)
                or any(forms.doer_labels(text, start, end)))


# A state's leader stands for the state, as its forces do: "Russian President Vladimir Putin", "Egypt's
# President Abdel Fattah al-Sisi" before the name, "Vladimir Putin, the Russian president" after it.
_TITLES = "|".join(re.escape(t) for t in sorted(lexicons.terms("leaders"), key=len, reverse=True))
_CAP = r"[A-Z][\w.’'-]*"
_TITLE_BEFORE = re.compile(rf"(?:^|\s)((?:{_CAP}\s+)?{_CAP}?)(?:['’]s)?\s+(?i:{_TITLES})\s+$")
_TITLE_AFTER = re.compile(rf"^,\s+(?:the\s+)?((?:{_CAP}\s+)?{_CAP}?)(?:['’]s)?\s+(?i:{_TITLES})\b")


def _state(words: str, lexicon: Lexicon) -> str | None:
    """The state a name or nationality word names ("North Korean", "Egypt's"), trying the last two words
    and the last one."""
    parts = words.split()
    for n in (2, 1):
        if len(parts) >= n:
            name = " ".join(parts[-n:])
            state = DEMONYMS.get(name) or lexicon.resolve(name)
            if state and lexicon.parent.get(state) is None and lexicon.country.get(state):
                return state
    return None


def leaders(claims: Iterable[Claim], entities: Iterable[Any], lexicon: Lexicon) -> dict[str, str]:
    """People a claim titles as a state's leader → the state: the full name and the surname ("Putin")."""
    by_id = {e.id: e for e in entities}
    out: dict[str, str] = {}
    for claim in claims:
        for i in claim.entity_ids:
            e = by_id.get(i)
            if e is None or e.label != "PERSON" or not claim.start <= e.start < e.end <= claim.end:
                continue
            at, to = e.start - claim.start, e.end - claim.start
            title = _TITLE_BEFORE.search(claim.text[:at]) or _TITLE_AFTER.match(claim.text[to:])
            state = _state(title.group(1), lexicon) if title else None
            if state is None:
                continue
            name = e.text.strip(" .,'’")
            surname = name.split()[-1] if len(name.split()) > 1 else None
            for alias in (name, surname):
                if alias and len(alias) > 3:
                    out.setdefault(alias, state)
    return out
