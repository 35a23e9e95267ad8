"""The package's word knowledge, each piece in one data file under ``counterclaim/data/lexicons/``.

One file per kind of knowledge: ``actors.json`` (actors and places, and the names they go by;
``states.json`` adds every state, generated from a public country list), ``event_nouns.json``,
``hedges.json`` (hedges, hearsay and doubt markers), ``denial.json`` (denial verbs and denial
phrasings), ``claim_words.json`` (reporting, accusation and attribution verbs, content nouns,
evaluative adjectives), ``incident_kinds.json`` (the words naming a kind of incident, for figure
scope) and the attribution stage's own files (``acts``, ``agents``, ``causes``, ``leaders``,
``roles``, ``organs``, ``scope`` …, each saying what it holds). Every entry carries a ``source``:
a public resource, or ``news:<dataset file>#<record>:s<sentence>``, a stand-off reference to a
real-news sentence that uses it (``scripts/attest_lexicons.py`` finds and checks them; the demo
corpus never counts).
An entry's ``used_by`` names the rules that read it, so one list serves every stage without
changing what each rule matches.

What one case needs (a nickname, a local place) belongs to that case: ``counterclaim aliases add``
and ``counterclaim hypotheses add``, not these files.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

LEXICON_DIR = Path(__file__).resolve().parent / "data" / "lexicons"
# All-caps acronyms of up to 4 characters ("IS", "US", "U.S.") match only as written.
SHORT_ACRONYM = re.compile(r"^[A-Z.\-]{1,4}$")


@cache
def load(name: str) -> dict[str, Any]:
    """The whole lexicon file ``name`` (without ``.json``)."""
    return json.loads((LEXICON_DIR / f"{name}.json").read_text(encoding="utf-8"))


def entries(name: str, used_by: str | None = None, **fields: Any) -> list[dict[str, Any]]:
    """The entries of lexicon ``name`` in file order, those a rule ``used_by`` reads, with ``fields`` equal."""
    return [e for e in load(name)["entries"]
            if (used_by is None or used_by in e.get("used_by", [used_by]))
            and all(e.get(k) == v for k, v in fields.items())]


# The alias table is two files: ``actors.json`` (written by hand, each name attested) and
# ``states.json`` (every state, generated from a public country list by scripts/build_states.py).
ACTOR_TABLES = ("actors", "states")


def actor_entities() -> dict[str, dict[str, Any]]:
    """Every entity of the alias table; ``actors.json`` wins where both files define one."""
    out: dict[str, dict[str, Any]] = {}
    for name in reversed(ACTOR_TABLES):
        out.update(load(name)["entities"])
    return out


def actor_entries(used_by: str | None = None, **fields: Any) -> list[dict[str, Any]]:
    """The names of the alias table (both files), as :func:`entries` selects them."""
    return [e for name in ACTOR_TABLES for e in entries(name, used_by, **fields)]


def terms(name: str, used_by: str | None = None, **fields: Any) -> frozenset[str]:
    return frozenset(e["term"] for e in entries(name, used_by, **fields))


def alternation(name: str, used_by: str | None = None, **fields: Any) -> str:
    """A regex alternation (no group) of the entries' patterns, in file order."""
    return alternation_of(entries(name, used_by, **fields))


def alternation_of(chosen: Iterable[dict[str, Any]]) -> str:
    """A regex alternation (no group) of the patterns of entries chosen otherwise than by equal fields."""
    return "|".join(e.get("pattern") or re.escape(e["term"]) for e in chosen)


def entry_pattern(entry: dict[str, Any]) -> re.Pattern[str]:
    """What counts as a use of ``entry`` in running text (for attesting it)."""
    body = entry.get("pattern") or re.escape(entry["term"]).replace("'", "['’]")
    flags = 0 if SHORT_ACRONYM.match(entry["term"]) else re.I
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", flags)


def normalise_name(name: str) -> str:
    """The one key names are compared by: lower-cased, curly quotes straightened, spaces collapsed,
    surrounding punctuation, a leading article and a possessive dropped ("the CIA's" -> "cia")."""
    words = name.replace("’", "'").replace("‘", "'").strip().strip(".,;:\"'“”()").split()
    if len(words) > 1 and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    text = " ".join(words).lower()
    return text[:-2] if text.endswith("'s") else text
