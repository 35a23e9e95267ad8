"""Word lists the claims stage reads off the parse: reporting and denial verbs, hedges, kinds of claims."""

from __future__ import annotations

import re

from .. import lexicons

REPORTING = {
    "say", "state", "claim", "tell", "warn", "brag", "boast", "reveal", "report", "announce", "declare", "insist",
    "argue", "allege", "assert", "confirm", "deny", "reject", "refute", "dispute", "admit", "acknowledge", "write",
    "add", "note", "explain", "suggest", "believe", "think", "show", "demonstrate", "maintain", "contend",
    "stress", "indicate", "predict", "promise", "threaten", "conclude", "testify", "confess", "dismiss", "vow",
    "pledge",
}


DENIAL = lexicons.terms("denial", "claims")


# Verbs whose object is told to do something: "warned US citizens to avoid gatherings".
DIRECTIVE = {"warn", "urge", "tell", "ask", "advise", "call", "instruct"}


# The speaker of these is their subject and the claim is about who is to blame.
ACCUSATION = {"blame", "accuse", "denounce", "condemn"}


# Nouns that carry a content clause: "clear evidence that it was carried out by Hamas".
CONTENT_NOUNS = {"evidence", "proof", "claim", "allegation", "report", "warning", "statement", "announcement",
                 "declaration", "assertion", "accusation", "admission", "sign", "indication"}


ATTRIBUTION = {"organize", "organise", "orchestrate", "order", "instigate", "perpetrate", "mastermind", "sponsor",
               "blame", "accuse", "plot", "involve", "attribute", "implicate"}


RESPONSIBILITY = {"responsible", "responsibility", "credit", "culpable", "guilty"}


EVENT_NOUNS = lexicons.terms("event_nouns", "claims")


FIRST_PERSON = {"i", "we", "us", "me"}


NEGATIONS = {"not", "n't", "n’t", "never", "no", "none", "nothing", "nobody", "neither", "nor", "nowhere", "cannot"}


HEDGE_WORDS = lexicons.terms("hedges", "claims", type="adverb")


HEDGE_MODALS = lexicons.terms("hedges", "claims", type="modal")


HEDGE_PHRASES = re.compile(rf"\b(?:{lexicons.alternation('hedges', 'claims', type='phrase')})\b", re.I)


CALL_MODALS = {"must", "should", "ought"}


EVALUATIVE = {
    "absurd", "suicidal", "repulsive", "sloppy", "terrible", "heroic", "ruthless", "shameless", "abominable",
    "nightmarish", "brutal", "murderous", "sadistic", "cannibal", "fanatical", "gruesome", "enormous", "fruitful",
    "imperialist", "fascist", "criminal", "disgraceful", "outrageous", "hypocritical", "cynical", "barbaric",
}


SUBJECTS = ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl")


# Opening marks and the marks that may close them: writers mix straight and curly
# double quotes ("We are in a state of war ... for us”).
QUOTE_PAIRS = {'"': '"”', "“": '”"', "„": '“”', "«": "»", "‘": "’"}


# How sure the speaker attribution is, by how it was found.
CONFIDENCE = {"outlet": 0.8, "frame": 0.9, "resolved": 0.7, "pronoun": 0.6}
