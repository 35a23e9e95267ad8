"""The entity alias table: many names, one actor or place.

A default table ships with the package (``data/lexicons/actors.json``, every
name with its source); each case adds the analyst's own
entries as analyst items of kind ``alias`` (key: the alias, data:
``{"canonical": ..., "parent": ..., "kind": ...}``; ``{"removed": true}`` hides
a default alias). Every edit goes through ``store.put_analyst`` and is audited.

``parent`` links an organ to its state (GUR → Ukraine, FSB → Russian state) so
"Ukraine had no part in it" can be compared with "the GUR carried it out";
``country`` lets places nest (a venue → its city → its country), once a case adds the venue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from pydantic import Field
from rapidfuzz import fuzz, process

from .. import lexicons
from ..lexicons import SHORT_ACRONYM, normalise_name
from ..model import Record

EntryKind = Literal["actor", "place"]


class AliasEntry(Record):
    """One canonical entity and the names it goes by."""

    canonical: str
    kind: EntryKind = "actor"
    aliases: list[str] = Field(default_factory=list)
    parent: str | None = Field(None, description="the actor this one belongs to (an agency's state)")
    country: str | None = Field(None, description="for places and states: the country they lie in")
    source: Literal["default", "analyst"] = "default"


def _default_table() -> tuple[AliasEntry, ...]:
    """The actor table shipped in ``data/lexicons/actors.json`` and ``states.json`` (each name has its source)."""
    entities = lexicons.actor_entities()
    names: dict[str, list[str]] = {canonical: [] for canonical in entities}
    for entry in lexicons.actor_entries(role=None):
        names[entry["canonical"]].append(entry["term"])
    return tuple(AliasEntry(canonical=canonical, aliases=names[canonical], **fields)
                 for canonical, fields in entities.items())


# Names are matched case-insensitively except all-caps acronyms of up to 4
# characters ("IS", "US"), which must match exactly so "is"/"us" never do.
DEFAULT_TABLE = _default_table()
# Words that stand for a state only in a responsibility role ("Syrian involvement", "accuse Damascus").
DEMONYMS = {e["term"]: e["canonical"] for e in lexicons.actor_entries("demonym", role="stands-for")}
METONYMS = {e["term"]: e["canonical"] for e in lexicons.actor_entries("metonym", role="stands-for")}

# Words, with apostrophes and dots ("Putin's", "U.S."); a hyphen joins only capitals or digits, so
# "IS-K" is one word and "ISIS-perpetrated" starts with the word "ISIS".
_TOKEN = re.compile(r"[\w'’.]+(?:-[A-Z0-9][\w'’.]*)*")


normalise = normalise_name  # the package's one name normaliser (see counterclaim.lexicons)


@dataclass(frozen=True)
class Mention:
    """A name found in a text: ``text[start:end]`` (``text``) names the actor or place ``canonical``."""

    start: int
    end: int
    canonical: str
    text: str = ""

    @property
    def actor(self) -> str:
        return self.canonical


class AliasTable:
    """Resolve names to canonical entities; find alias mentions in text."""

    FUZZY_CUTOFF = 90

    def __init__(self, entries: list[AliasEntry]):
        self.entries = {e.canonical: e for e in entries}
        self._cache: dict[str, list[Mention]] = {}
        self.lookup: dict[str, str] = {}
        for entry in entries:
            for name in [entry.canonical, *entry.aliases]:
                self.lookup[normalise(name)] = entry.canonical

    @classmethod
    def default(cls) -> "AliasTable":
        return cls(list(DEFAULT_TABLE))

    @classmethod
    def with_analyst_items(cls, items: dict[str, tuple[dict, int]]) -> "AliasTable":
        """The default table overlaid with a case's analyst ``alias`` items."""
        entries = {e.canonical: e.model_copy(update={"aliases": list(e.aliases)}) for e in DEFAULT_TABLE}
        for alias, (data, _rev) in items.items():
            for entry in entries.values():  # an alias belongs to one entity only
                entry.aliases[:] = [a for a in entry.aliases if normalise(a) != normalise(alias)]
            if data.get("removed"):
                continue
            canonical = data["canonical"]
            entry = entries.get(canonical) or AliasEntry(
                canonical=canonical, kind=data.get("kind", "actor"), parent=data.get("parent"),
                country=data.get("country"), source="analyst")
            entry.aliases.append(alias)
            entries[canonical] = entry
        return cls(list(entries.values()))

    # ------------------------------------------------------------------ resolution

    def resolve(self, name: str | None) -> str | None:
        """Canonical name for ``name``: exact alias, then a close fuzzy match, else None."""
        if not name:
            return None
        key = normalise(name)
        if key in self.lookup:
            return self.lookup[key]
        if len(key) < 5:  # fuzzy matching of short strings confuses acronyms
            return None
        hit = process.extractOne(key, self.lookup.keys(), scorer=fuzz.token_sort_ratio, score_cutoff=self.FUZZY_CUTOFF)
        return self.lookup[hit[0]] if hit else None

    def ancestors(self, canonical: str) -> list[str]:
        """``canonical`` and the actors it belongs to, innermost first."""
        chain = [canonical]
        while (entry := self.entries.get(chain[-1])) and entry.parent and entry.parent not in chain:
            chain.append(entry.parent)
        return chain

    def side(self, canonical: str) -> str:
        """The outermost actor an entity belongs to (GUR → Ukraine)."""
        return self.ancestors(canonical)[-1]

    def related(self, a: str, b: str) -> bool:
        """True when one actor is, or belongs to, the other."""
        return a in self.ancestors(b) or b in self.ancestors(a)

    def country(self, canonical: str) -> str | None:
        entry = self.entries.get(self.side(canonical))
        return entry.country if entry else None

    def is_place(self, canonical: str) -> bool:
        entry = self.entries.get(canonical)
        return bool(entry and entry.kind == "place")

    # ------------------------------------------------------------------ mentions

    @cached_property
    def _acronyms(self) -> tuple[set[str], set[str]]:
        """Keys that only short all-caps acronyms produce, and those acronyms as written ("IS", "US")."""
        short = {n for e in self.entries.values() for n in [e.canonical, *e.aliases] if SHORT_ACRONYM.match(n)}
        longer = {normalise(n) for e in self.entries.values() for n in [e.canonical, *e.aliases] if n not in short}
        return {normalise(n) for n in short} - longer, short

    @cached_property
    def _longest(self) -> int:
        return max((len(k.split()) for k in self.lookup), default=1)

    @cached_property
    def _first_words(self) -> set[str]:
        return {k.split()[0] for k in self.lookup if k}

    def mentions(self, text: str) -> list[Mention]:
        """Every alias in ``text``, longest match first, left to right.

        Word n-grams are looked up in the normalised table, so the cost does not grow with
        the size of the table; "IS"/"US" match only as written, so "is"/"us" never do.
        """
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        acronym_keys, acronyms = self._acronyms
        tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
        found, i = [], 0
        while i < len(tokens):
            if normalise(text[tokens[i][0]:tokens[i][1]]) not in self._first_words:  # most words start no name
                i += 1
                continue
            for n in range(min(self._longest, len(tokens) - i), 0, -1):
                start, end = tokens[i][0], tokens[i + n - 1][1]
                key = normalise(text[start:end])
                if key in self.lookup and (key not in acronym_keys or text[start:end].rstrip(".,;:") in acronyms):
                    stop = _name_end(text, start, end)
                    found.append(Mention(start, stop, self.lookup[key], text[start:stop]))
                    i += n
                    break
            else:
                i += 1
        if len(self._cache) < 200_000:
            self._cache[text] = found
        return found


def _name_end(text: str, start: int, end: int) -> int:
    """Where the name itself ends: before a possessive 's and sentence punctuation ("Russia's" → "Russia")."""
    raw = text[start:end]
    if not re.search(r"\b[A-Z]\.$", raw):  # keep the dot of "U.S."
        raw = raw.rstrip(".,;:")
    if raw[-2:] in ("'s", "’s"):
        raw = raw[:-2]
    return start + len(raw)
