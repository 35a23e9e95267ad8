"""The words the claims stage reads off the parse: open-class lists come from ``data/lexicons`` (claim_words,
denial, hedges, event_nouns), each entry with its source; closed classes (negators, pronouns, modals, dependency
labels, quote marks) stay here."""

from __future__ import annotations

import re

from .. import lexicons

REPORTING = lexicons.terms("claim_words", "claims", type="reporting")


DENIAL = lexicons.terms("denial", "claims")
# Denial verbs that deny whatever they take as object in the active voice ("police ruled out terrorism").
DENIES_ANY_OBJECT = lexicons.terms("denial", "claims", object="any")
# Words of silence: their negation is no denial of what they are about ("has not commented on the announcement",
# "made no statement"), nor is that of a verb issuing them ("has not released a public statement").
SILENCE = lexicons.terms("claim_words", "claims", type="silence")
ISSUING = {"make", "issue", "release", "give", "put"}


# Verbs that deny what a report says only when a report is their object ("shot down the story"), with their
# particle ("shoot down"); and what calls a statement false when predicated of it ("the story is false").
REJECTING = lexicons.terms("denial", "rejects-report")


FALSITY = lexicons.terms("denial", "falsity")
LABELS_FALSE = lexicons.terms("denial", "labels-false")


# Predicates whose negation calls a statement false ("reports ... are not true").
TRUTH = {"true", "real", "accurate", "correct"}


DIRECTIVE = lexicons.terms("claim_words", "claims", type="directive")


ACCUSATION = lexicons.terms("claim_words", "claims", type="accusation")


CONTENT_NOUNS = lexicons.terms("claim_words", "claims", type="content_noun")


# The content nouns that someone said ("a report that", "rumours that"), unlike "evidence that".
SAID_NOUNS = lexicons.terms("claim_words", "hearsay", type="content_noun")
# Counts and records whose author gives what they hold ("data compiled by the Gun Violence Archive").
RECORD_NOUNS = lexicons.terms("claim_words", "claims", type="record_noun")
# Verbs whose object can be a count their subject gives ("the Gun Violence Archive reported 189 people killed").
TALLY = lexicons.terms("claim_words", "claims", type="tally")
# Common nouns that can name who reports a sentence in a closing attribution ("..., residents said on Monday.").
CLOSING_SOURCES = lexicons.terms("source_labels", "closing")
# Nouns for a person who speaks or acts for a body ("WHO chief", "a spokesman for the ministry").
ROLES = lexicons.terms("roles")


ATTRIBUTION = lexicons.terms("claim_words", "claims", type="attribution")


RESPONSIBILITY = lexicons.terms("claim_words", "claims", type="responsibility")


EVENT_NOUNS = lexicons.terms("event_nouns", "claims")


FIRST_PERSON = {"i", "we", "us", "me"}


NEGATIONS = {"not", "n't", "n’t", "never", "no", "none", "nothing", "nobody", "neither", "nor", "nowhere", "cannot"}


HEDGE_WORDS = lexicons.terms("hedges", "claims", type="adverb")


# Adverbs that pass a claim on ("allegedly"), not the speaker's own doubt ("probably"); "so-called" only
# keeps its distance from a name.
HEARSAY_ADVERBS = lexicons.terms("hedges", "hearsay", type="adverb") - {"so-called"}


HEDGE_MODALS = lexicons.terms("hedges", "claims", type="modal")


HEDGE_PHRASES = re.compile(rf"\b(?:{lexicons.alternation('hedges', 'claims', type='phrase')})\b", re.I)


CALL_MODALS = {"must", "should", "ought"}


EVALUATIVE = lexicons.terms("claim_words", "claims", type="evaluative")


SUBJECTS = ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl")


# Opening marks and the marks that may close them: writers mix straight and curly
# double quotes ("We are in a state of war ... for us”).
QUOTE_PAIRS = {'"': '"”', "“": '”"', "„": '“”', "«": "»", "‘": "’"}


# How sure the speaker attribution is, by how it was found.
CONFIDENCE = {"outlet": 0.8, "frame": 0.9, "resolved": 0.7, "pronoun": 0.6}
