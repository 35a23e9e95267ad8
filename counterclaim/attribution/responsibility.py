"""Who-did-it wording, shared by alignment frames and competing hypotheses.

``align/frames.py`` turns claims about who was responsible or claimed credit into
facts to compare across sources; ``hypotheses.py`` finds which actor each claim
puts in that role. Both read the same words, so the words live here once:
claiming credit, carrying out and ordering, being behind, denial, negation and exclusivity
("X and no one else"). Where the two need a different reach, each variant is
named for what it matches (``NEGATION`` / ``NEGATION_OR_DENIAL``,
``PERPETRATION_WORDS`` / ``PERPETRATION_VERBS``), not for who uses it.

The string fragments are regex source, alternations without capturing groups:
wrap one in ``(?:...)`` before composing it into a pattern.
"""

from __future__ import annotations

import re

from .. import lexicons

# Claiming credit: "claimed responsibility", "took credit", "assumed the responsibility".
CLAIM = r"claim(?:ed|s|ing)?"
TAKE = r"(?:took|taken|take|takes|taking)"
CREDIT = r"(?:credit|responsibility)"
CREDIT_CLAIM = rf"(?:{CLAIM}|{TAKE}|assumed?)\s+(?:the\s+)?{CREDIT}"

# Doing it: "carried out", "ordered", "committed", and the stems of organise, orchestrate,
# instigate, perpetrate and mastermind with the endings that make each a verb form here.
CARRY_OUT = r"carr(?:y|ied|ies|ying) out"
_PERPETRATION = {"organi[sz]": "ed|es|ing", "orchestrat": "ed|es|ing", "instigat": "e|ed|es|ing",
                 "perpetrat": "ed|es", "mastermind": "ed"}
_STEMS = "(?:" + "|".join(_PERPETRATION) + ")"
# Any word on those stems, nouns included ("the mastermind", "perpetrators"), except on organise:
# its nouns name an institution or a body ("organisation", "organism"), or mostly the organisers of
# a concert or a rally, so only its verb forms count, the bare one too ("to organise the attack").
_WORD_ENDINGS = {"organi[sz]": "ed|es|ing|e"}
PERPETRATION_WORDS = "|".join([CARRY_OUT, *(f"{stem}(?:{_WORD_ENDINGS[stem]})" if stem in _WORD_ENDINGS
                                            else rf"{stem}\w*" for stem in _PERPETRATION), "ordered", "committed"])
# Only verb forms: not "organisation", not "perpetrators".
PERPETRATION_VERBS = "|".join([CARRY_OUT, *(f"{stem}(?:{endings})" for stem, endings in _PERPETRATION.items()),
                               "ordered", "committed"])
# Past participles, for "... by X".
PERPETRATED = rf"carried out|{_STEMS}ed|ordered|committed"
# Being behind it, with or without an auxiliary: "ISIS was behind", "Russia has been behind these hacks",
# "suspected of being behind".
BEHIND = r"(?:was|were|is|are|be|been|being) behind"
DENY = lexicons.alternation("denial", "responsibility")
# Saying the evidence is missing: "there is no evidence that X", "no signs of foul play".
NO_EVIDENCE_WORDS = r"no (?:evidence|proof|indication|sign)s?"

# A nationality word standing for its state in a responsibility role ("Syrian involvement").
DEMONYM = "(?:" + "|".join(re.escape(e["term"]) for e in lexicons.actor_entries("demonym", role="stands-for")) + ")"

# "X and no one else" singles X out; with the other exclusive phrasings ("nothing but",
# "none other than X") it negates nothing about X.
EXCLUSIVE = re.compile(
    r"\b(?:and |but )?(?:no one|nobody|none|nothing|no other \w+) (?:else|other than|but)\b|\bnone other than\b", re.I)
# Only the phrasings that single out the actor named before them.
NO_ONE_ELSE = re.compile(r"\b(?:and no one|nobody) else\b", re.I)
_NEGATION_WORDS = "not|no|never|none|nothing|neither|nor"
# News text writes the contraction with a typographic apostrophe as often as a plain one ("didn’t").
NEGATION = re.compile(rf"\b(?:{_NEGATION_WORDS})\b|n['’]t\b", re.I)
# Also "denies", "without": a claim in these words says something did not happen.
NEGATION_OR_DENIAL = re.compile(rf"\b(?:{_NEGATION_WORDS}|{DENY}|without)\b|n['’]t\b", re.I)


def negated(text: str, negation: re.Pattern[str] = NEGATION) -> bool:
    """Whether ``text`` holds a negation, exclusive phrasing aside ("X and no one else" denies nothing)."""
    return bool(negation.search(EXCLUSIVE.sub(" ", text)))
