"""The names the hypotheses stage looks for: the actor table's actors and places, plus a case's own names."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cached_property
from typing import Any

from .. import lexicons
from ..lexicons import SHORT_ACRONYM
from .actors import DEMONYMS, METONYMS, AliasTable, Mention, normalise


# Non-actor causes ("hacked", "during repairs", "gas explosion"): wording → the cause it proposes.
CAUSES = {e["term"]: e["canonical"] for e in lexicons.entries("causes", "hypotheses")}
_CAUSE_RE = [(re.compile(rf"(?<![\w-])(?:{e.get('pattern') or re.escape(e['term'])})(?![\w-])", re.I), e["canonical"])
             for e in lexicons.entries("causes", "hypotheses")]


# A nationality word names its state only before a noun for the state acting ("the Israeli military",
# "American and Iraqi jets", "Israeli airstrikes"); "Haitian President", "British-accented" name no actor.
_DEMONYM_KEYS = {normalise(t) for t in DEMONYMS}
_ORGANS = "|".join(rf"{re.escape(t)}" for t in sorted(lexicons.terms("organs"), key=len, reverse=True))
ACTING_AFTER = re.compile(rf"(?:[- ](?:led|backed))?(?:\s+and\s+[A-Z][\w.’'-]*)?\s+(?:[\w-]+\s+)?(?:{_ORGANS})\b", re.I)


def _name_pattern(name: str) -> str:
    body = re.escape(name).replace("'", "['’]")
    return body if SHORT_ACRONYM.match(name) else f"(?i:{body})"


class Lexicon:
    """Actor names to look for: alias → canonical actor, actor → side and country, place → country."""

    def __init__(self, aliases: dict[str, str], parent: dict[str, str | None], country: dict[str, str | None],
                 places: dict[str, str]):
        self.aliases = aliases
        self.parent = parent
        self.country = country
        self.places = places
        self._norm: dict[str, str] = {}
        self._norm_size = -1

    @classmethod
    def for_aliases(cls, alias_items: dict[str, tuple[Any, int]], extra: Iterable[str] = ()) -> "Lexicon":
        """The actor table with a case's analyst ``alias`` items, plus ``extra`` names (an analyst
        hypothesis's own aliases, or actors found in the case) that stand for themselves."""
        return cls.for_table(AliasTable.with_analyst_items(alias_items), extra)

    @classmethod
    def for_table(cls, table: AliasTable, extra: Iterable[str] = ()) -> "Lexicon":
        """The actors and places of an alias table, plus ``extra`` names that stand for themselves."""
        actors = [e for e in table.entries.values() if e.kind == "actor"]
        lexicon = cls(
            {name: e.canonical for e in actors for name in (e.canonical, *e.aliases)},
            {e.canonical: e.parent for e in actors},
            {e.canonical: e.country for e in actors},
            {name: e.country for e in table.entries.values() if e.kind == "place" and e.country
             for name in (e.canonical, *e.aliases)},
        )
        for adjective, actor in METONYMS.items():
            if actor in lexicon.parent:
                lexicon.aliases.setdefault(adjective, actor)
        for cause in set(CAUSES.values()):
            lexicon.parent.setdefault(cause, None)
        for name in extra:
            if lexicon.resolve(name) is None:
                lexicon.aliases[name] = name
                lexicon.parent[name] = None
        return lexicon

    @classmethod
    def for_case(cls, case: Any, extra: Iterable[str] = ()) -> "Lexicon":
        """:meth:`for_aliases` with the alias items of ``case`` (anything with ``store.analyst_items``)."""
        return cls.for_aliases(case.store.analyst_items("alias"), extra)

    def _bynormalise(self) -> dict[str, str]:
        # Names are only ever added after construction (``for_table``, ``names.case_names``), so the
        # table is rebuilt when their number changes: with every state in the table, rebuilding it on
        # each call cost a quarter of a case's analysis.
        if self._norm_size != len(self.aliases):
            self._norm = {normalise(a): c for a, c in self.aliases.items()}
            self._norm_size = len(self.aliases)
        return self._norm

    def add_aliases(self, names: dict[str, str]) -> None:
        """Each name → its canonical actor, where the lexicon does not already resolve the name."""
        for name, canonical in names.items():
            if self.resolve(name) is None:
                self.aliases[name] = canonical

    def resolve(self, name: str) -> str | None:
        return self._bynormalise().get(normalise(name))

    def side(self, actor: str) -> str:
        """The outermost actor (GUR → Ukraine): what a hypothesis is about."""
        seen = [actor]
        while (parent := self.parent.get(seen[-1])) and parent not in seen:
            seen.append(parent)
        return seen[-1]

    def names_of(self, actors: Iterable[str]) -> list[str]:
        wanted = set(actors)
        return sorted({a for a, c in self.aliases.items() if c in wanted and a not in METONYMS}, key=str.lower)

    @cached_property
    def _actor_re(self) -> re.Pattern[str]:
        return _alternation(self.aliases)

    @cached_property
    def _place_re(self) -> re.Pattern[str]:
        return _alternation(self.places)

    @cached_property
    def _first_words(self) -> frozenset[str]:
        return frozenset(_token_keys(name.split()[0]) for name in self.aliases if name.split())

    def _name_matches(self, text: str) -> Iterator[re.Match[str]]:
        """``_actor_re.finditer(text)``, trying the alternation only where a word could start a name: a
        regex of every state's names is slow to run at each position of every claim."""
        starts, end = self._first_words, 0
        for word in _WORD.finditer(text):
            if word.start() < end or not (_token_variants(text, word.start()) & starts):
                continue
            m = self._actor_re.match(text, word.start())
            if m:
                end = m.end()
                yield m

    def mentions(self, text: str) -> list[Mention]:
        by_norm = self._bynormalise()
        found = [Mention(m.start(), m.end(), by_norm[key], m.group())
                 for m in self._name_matches(text) if (key := normalise(m.group())) in by_norm
                 and (key not in _DEMONYM_KEYS or ACTING_AFTER.match(text, m.end()))]
        taken = [(m.start, m.end) for m in found]
        for pattern, cause in _CAUSE_RE:
            for m in pattern.finditer(text):
                if not any(s < m.end() and m.start() < e for s, e in taken):
                    found.append(Mention(m.start(), m.end(), cause, m.group()))
                    taken.append(m.span())
        return sorted(found, key=lambda m: m.start)

    def place_country(self, text: str) -> str | None:
        by_norm = {normalise(p): c for p, c in self.places.items()}
        m = self._place_re.match(text)
        return by_norm.get(normalise(m.group())) if m else None


_WORD = re.compile(r"(?<!\w)\w")  # where a run of word characters starts
_CHUNK = re.compile(r"[\w.’'-]+")


def _token_keys(word: str) -> str:
    return word.lower().replace("’", "'")


def _token_variants(text: str, pos: int) -> set[str]:
    """The forms of the word at ``pos`` that may begin a name: as written ("al-Qaida", "Putin's"), before a
    hyphen ("U.S.-led"), an apostrophe ("Russia's") or a full stop ("Russia.", "Jordan.Jordan")."""
    w = _token_keys(_CHUNK.match(text, pos).group())
    head = w.split("-")[0]
    return {w, head, w.split("'")[0], w.rstrip(".,;:"), head.rstrip(".,;:"), head.split("'")[0],
            re.split(r"[-'.]", w)[0]}


def _alternation(names: Iterable[str]) -> re.Pattern[str]:
    ordered = sorted(set(names), key=len, reverse=True)
    if not ordered:
        return re.compile(r"(?!x)x")
    # A hyphen ends a name only before "-led"/"-backed"/"-involved" ("U.S.-led airstrikes" names the United States,
    # "the police-involved shooting" the police).
    return re.compile(r"(?<![\w-])(?:" + "|".join(_name_pattern(n) for n in ordered)
                      + r")(?!\w|-(?!led\b|backed\b|involved\b))")
