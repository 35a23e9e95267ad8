"""A small rule layer for techniques the PTC data is too sparse or too uneven to teach the model.

Each rule names a technique by its definition in the SemEval-2020 guidelines, not by the
wording of any one article:

* ``hitler``: comparisons with Hitler, the Nazis, Stalin (*a new Hitler*, *Nazi-like*,
  *Hitlerite*), not bare mentions, so history reporting is mostly left alone
  (Bandwagon,Reductio_ad_hitlerum; 72 training spans, too few to learn the comparison).
* ``dire-consequence``: a clause that says something means, leads to, risks or brings a
  catastrophe (*this means world war*, *it will end in genocide*): Appeal to fear, "instilling
  anxiety and/or panic ... towards an alternative".
* ``discrediting-hedge``: an epistemic hedge on a circumstance that discredits testimony or
  evidence (*probably under torture*, *supposedly fabricated*, *the so-called evidence*): Doubt,
  "questioning the credibility of someone or something".

A rule's confidence is its precision on PTC train, floored for small samples
(:func:`confidence`), measured by ``python -m counterclaim.techniques.measure_rules`` and
stored in ``data/techniques/rules.json``; docs/techniques.md has the table.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Token

from .scorer import merge_spans

RULES_VERSION = "rules-2"
RULES_FILE = Path(__file__).resolve().parent.parent / "data" / "techniques" / "rules.json"
RULE_TECHNIQUE = "Bandwagon,Reductio_ad_hitlerum"  # the Hitler rule's label (scripts/train_techniques.py)

# --------------------------------------------------------------------------- Hitler/Nazi comparisons

_HATED = r"(?:hitler|nazi\w*|goebbels|gestapo|third\s+reich|f[üu]hrer|stalin|holocaust|vichy)"
PATTERNS: tuple[re.Pattern[str], ...] = tuple(re.compile(p, re.I) for p in (
    # "the new Hitler", "a modern-day Hitler", "another Stalin"
    rf"\b(?:the|a|an)\s+(?:new|modern(?:-day)?|latest|next|second|another|little|budding|wannabe|would-be)\s+{_HATED}\b",
    # "Hitler-type imperialism", "Nazi-like tactics", "Hitler's like rage", "Gestapo like police state"
    rf"\b{_HATED}(?:['’]s)?[\s-]*(?:type|like|style|esque)\b",
    # "Hitlerite(s)", "new-Hitlerite", "Stalinist statements", "fascistic manner"
    r"\b(?:[\w-]+-)?(?:hitlerite|hitlerites|hitlerism|stalinist|stalinism|fascistic)\b",
    # "like Hitler", "worse than the Nazis", "reminiscent of Nazi Germany", "compared ... to Nazi Germany"
    rf"\b(?:like|than|as|of|to|reminiscent\s+of|echoes\s+of|straight\s+out\s+of|comparable\s+to|call(?:s|ed)?\s+(?:me|him|her|them|us))\s+(?:the\s+)?{_HATED}(?:\s+germany)?",
    # "neo-Nazi", "feminazi"
    r"\b(?:neo-?nazi\w*|\w+nazis?)\b",
))


def find(text: str) -> list[tuple[int, int]]:
    """Character spans of Hitler/Nazi comparisons, overlapping matches merged."""
    return merge_spans((m.start(), m.end()) for p in PATTERNS for m in p.finditer(text))


# --------------------------------------------------------------------------- dire consequences (fear)

# Outcomes catastrophic in themselves. "war" counts only as the whole outcome (*means war*),
# not as a modifier (*war crimes charges*), which the parse tells apart. "death(s)" is left
# out: news reports casualties with the same verbs (*resulting in one death*).
OUTCOMES = frozenset({
    "war", "warfare", "catastrophe", "cataclysm", "annihilation", "extinction", "genocide", "bloodbath",
    "apocalypse", "armageddon", "holocaust", "extermination", "massacre", "slaughter", "carnage",
    "devastation", "destruction", "collapse", "ruin", "doom", "disaster", "famine", "chaos", "anarchy",
    "bloodshed", "oblivion", "obliteration", "enslavement", "tyranny",
})
# Verbs whose object is the consequence of their subject ("this means war", "risks extinction").
OBJECT_VERBS = frozenset({"mean", "bring", "risk", "spell", "cause", "trigger", "provoke", "unleash",
                          "invite", "court", "face", "threaten", "spark", "ignite", "precipitate"})
# Verbs that reach the consequence through a preposition ("leads to war", "ends in genocide").
PREP_VERBS = {"lead": {"to"}, "end": {"in"}, "result": {"in"}, "plunge": {"into"}, "drag": {"into"},
              "push": {"into", "towards", "toward"}, "descend": {"into"}, "spiral": {"into"}}
# Verbs whose subject is the looming outcome ("World War III is coming").
ARRIVAL_VERBS = frozenset({"come", "loom", "await", "beckon"})


def _consequence_verb(outcome: Token) -> Token | None:
    """The verb that presents ``outcome`` as a consequence, if the parse says so."""
    head = outcome.head
    if outcome.dep_ in {"dobj", "attr", "oprd"} and head.lemma_ in OBJECT_VERBS:
        return head
    if outcome.dep_ == "pobj" and head.head.lemma_ in PREP_VERBS and head.lower_ in PREP_VERBS[head.head.lemma_]:
        return head.head
    if outcome.dep_ == "nsubj" and head.dep_ == "ccomp" and head.head.lemma_ in OBJECT_VERBS:
        return head.head  # "that means nuclear war is about to break out"
    if outcome.dep_ == "nsubj" and head.lemma_ in ARRIVAL_VERBS and not any(
            c.dep_ in {"prep", "xcomp", "dobj"} for c in head.children):  # not "has come to light"
        return head
    return None


def _hypothetical(outcome: Token) -> bool:
    """A threatened outcome, not a known one: no definite determiner or possessor
    (*a new war*, *nuclear war*, not *the massacre*, *Syria's civil war*)."""
    return not any(c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in {"the", "this", "that", "these", "those"}
                   for c in outcome.children)


def _asserted(verb: Token) -> bool:
    """A finite, unnegated assertion: not a past report (*the assassination led to war*, *were
    leading to war*), an infinitive (*to provoke a war*), or a phrasal verb (*leading up to*)."""
    children = list(verb.children)
    if any(c.dep_ in {"neg", "prt"} or c.dep_ == "aux" and c.tag_ == "TO" for c in children):
        return False
    auxiliaries = [c for c in children if c.dep_ in {"aux", "auxpass"}]
    past = verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in auxiliaries)
    return not past or any(c.tag_ == "MD" for c in auxiliaries)


def _clause_span(verb: Token, outcome: Token) -> tuple[int, int]:
    """Subject and auxiliaries next to the verb, the verb, the outcome with its modifiers."""
    tokens = [verb, *outcome.lefts, outcome]
    tokens += [c for c in verb.children if c.dep_ in {"aux", "nsubj"} and verb.i - 4 <= c.i < verb.i]
    left = min(t.i for t in tokens)
    right = max(t.i for t in tokens)
    span = verb.doc[left:right + 1]
    return span.start_char, span.end_char


def _outcome_head(token: Token) -> Token:
    """The noun phrase an outcome word heads: itself, or a name it is part of (*World War III*)."""
    return token.head if token.dep_ == "compound" and token.head.pos_ == "PROPN" else token


def find_dire_consequences(doc: Doc) -> list[tuple[int, int]]:
    """Clauses asserting that something means, leads to, risks or brings a catastrophe."""
    spans = []
    for token in doc:
        if token.lemma_.lower() not in OUTCOMES or token.pos_ not in {"NOUN", "PROPN"}:
            continue
        head = _outcome_head(token)
        for outcome in (head, *head.conjuncts):  # "leads to chaos and war": the verb governs the first
            verb = _consequence_verb(outcome)
            if verb is not None and _asserted(verb) and _hypothetical(outcome):
                spans.append(_clause_span(verb, head))
                break
    return merge_spans(spans)


# --------------------------------------------------------------------------- discrediting hedges (doubt)

_HEDGE = r"(?:probably|allegedly|supposedly|reportedly|presumably|purportedly|apparently|possibly|likely)"
# Not "under pressure/threat": "reportedly under pressure from investors" doubts nothing.
_COERCED = r"under\s+(?:torture|duress|coercion|interrogation)"
_FAKED = r"(?:fabricated|forged|faked|fake|staged|doctored|planted|coerced|invented|made\s+up|scripted|extracted)"
_EVIDENCE = (r"(?:evidence|proofs?|confessions?|testimon(?:y|ies)|witness(?:es)?|claims?|statements?|"
             r"admissions?|investigations?|reports?|dossiers?|intelligence|facts|findings|leaks?|videos?|"
             r"photos?|recordings?|documents?|sources?|experts?|narratives?|story|version|account)")
_FUNCTION = r"(?:in|on|at|of|by|to|for|with|from|that|the|a|an)"
DOUBT_PATTERNS: tuple[re.Pattern[str], ...] = tuple(re.compile(p, re.I) for p in (
    # "probably under torture", "allegedly confessed under duress", "supposedly fabricated"
    rf"\b{_HEDGE}\s+(?:(?:[\w-]+\s+)?{_COERCED}|{_FAKED})\b",
    # "obtained under torture", "confessions extracted under duress" (the circumstance alone discredits)
    rf"\b(?:obtained|extracted|given|made|signed|beaten\s+out)\s+{_COERCED}\b",
    # "the so-called evidence", "the supposed ISIS claim", "an alleged confession": up to two modifiers
    # between, no function word ("alleged in court documents" is a verb). Events are left out:
    # "the alleged incident" is ordinary legal hedging in news, not doubt (PTC train: 4 of 21).
    rf"\b(?:so-called|so\s+called|supposed|alleged|purported)\s+(?:(?!{_FUNCTION}\b)[\w'’-]+\s+){{0,2}}?{_EVIDENCE}\b",
))


def find_discrediting_hedges(text: str) -> list[tuple[int, int]]:
    """Hedges on testimony or evidence that question its credibility."""
    return merge_spans((m.start(), m.end()) for p in DOUBT_PATTERNS for m in p.finditer(text))


# --------------------------------------------------------------------------- the layer


@dataclass(frozen=True)
class Rule:
    name: str
    technique: str
    find: Callable[[Doc], list[tuple[int, int]]]


RULES: tuple[Rule, ...] = (
    Rule("hitler", RULE_TECHNIQUE, lambda doc: find(doc.text)),
    Rule("dire-consequence", "Appeal_to_fear-prejudice", find_dire_consequences),
    Rule("discrediting-hedge", "Doubt", lambda doc: find_discrediting_hedges(doc.text)),
)


def confidence(hits: int, matches: int, z: float = 1.0) -> float:
    """Precision on train, floored for small samples: the Wilson score lower bound at one standard
    error (about 84% one-sided), so 1 right of 3 counts for 0.14 while 13 of 23 keeps 0.46."""
    if not matches:
        return 0.0
    p, n = hits / matches, matches
    centre = p + z * z / (2 * n)
    margin = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (centre - margin) / (1 + z * z / n)


@lru_cache(maxsize=1)
def confidences() -> dict[str, float]:
    """Each rule's measured confidence (data/techniques/rules.json)."""
    table = json.loads(RULES_FILE.read_text(encoding="utf-8"))["rules"]
    return {name: row["confidence"] for name, row in table.items()}
