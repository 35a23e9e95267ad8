"""Figures: numbers in digits or words normalised to a value or interval, with what they count.

A figure is found in the text by pattern (qualifier, number or vague amount, range, currency)
and read in the spaCy parse: the counted noun becomes the ``unit`` and the predicate it
belongs to becomes the ``measure`` ("killed 137 people" counts *killed*). Years, calendar
dates, times of day and ordinals are dates, not figures, and numbers in datelines and
editorial notes are metadata.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from .. import lexicons
from ..model import Quantity
from ..pipeline import DocContext, registry
from . import scope_model
from .figure_scope import TREND_VERBS, incident_kinds, is_projection, other_incident, scope_of
from .numbers import (
    COMPARISON,
    CURRENCIES,
    CURRENCY_WORDS,
    EACH,
    LENGTH_UNITS,
    NOT_FIGURES,
    OF_TIME,
    SCALES,
    TIME_UNITS,
    UNIT_ALIASES,
    VAGUE,
    YEARS_IN,
    Figure,
    scan,
)
from .syntax import is_title_case

VERSION = "27"

# --------------------------------------------------------------------------- measures

# Words that are themselves a count of casualties ("300 dead and 1000 wounded").
COUNT_WORDS = {"dead": "killed", "killed": "killed", "deaths": "killed", "fatalities": "killed",
               "wounded": "injured", "injured": "injured", "hurt": "injured", "injuries": "injured",
               "casualties": "casualties", "attendees": "attending", "detainees": "detained", "bodies": "killed",
               "corpses": "killed", "remains": "killed"}
# Counted as the dead only right after the figure ("60 bodies", not "two international bodies").
_REMAINS = {"bodies", "corpses", "remains"}
# Events whose "of" object is what they count ("the massacre of about 150 civilians").
EVENT_NOUNS = {e["term"]: e["counts"] for e in lexicons.entries("event_nouns", "quantities")}
# Every noun naming an event: a year right before one names the event ("the 1969 killings"), it counts nothing.
ANY_EVENT = lexicons.terms("event_nouns")
# Verbs normalised so sources compare; any other verb is kept as written.
VERBS = {"kill": "killed", "murder": "killed", "massacre": "killed", "slaughter": "killed", "die": "killed",
         "execute": "killed", "wound": "injured", "injure": "injured", "hurt": "injured",
         "hospitalise": "injured", "hospitalize": "injured", "attend": "attending", "detain": "detained",
         "arrest": "detained", "pay": "paid", "recruit": "recruited", "hire": "recruited",
         "kidnap": "kidnapped", "abduct": "kidnapped", "deport": "deported", "evacuate": "evacuated",
         "destroy": "destroyed", "blow": "destroyed", "bomb": "destroyed", "raze": "destroyed",
         "vanish": "missing", "disappear": "missing"}
PHRASES = {"warning period": "warning time", "warning": "warning time", "notice": "warning time",
           "death toll": "killed", "toll": "killed"}
CASUALTIES = {"killed", "injured", "casualties"}
PERSON_COUNTS = CASUALTIES | {"missing", "detained", "kidnapped", "hostages", "attending"}
# Measures a verb's object undergoes, so its active subject is the doer ("gunmen killed 133").
DONE_TO_OTHERS = {"killed", "injured", "detained", "kidnapped", "deported", "evacuated", "destroyed"}
# Verbs too light to say what is counted; their complement does ("put 2.8 million people into security forces").
LIGHT_VERBS = {"be", "have", "put", "get", "make", "take", "give", "send", "bring", "include", "remain"}
# States a verb can put the counted in ("went missing", "were found dead", "reported injured").
STATES = {"missing": "missing", "dead": "killed", "killed": "killed", "injured": "injured", "wounded": "injured",
          "hurt": "injured", "unaccounted": "missing"}
KNOWN_MEASURES = set(COUNT_WORDS.values()) | set(EVENT_NOUNS.values()) | set(VERBS.values()) | set(STATES.values())
CORE_DEPS = {"nsubj", "nsubjpass", "dobj", "attr", "npadvmod", "oprd", "dative", "appos"}
# "one", "no one", "none" are mostly pronouns ("one thing", "no one else"): figures only with a known measure.
_SMALL = re.compile(r"\b(?:an?|one|none|nobody|zero)$", re.I)
_PARTITIVE = re.compile(r"\s+of\b", re.I)
# A part of a count told beside it ("seven of the deaths", "16 of them", "including nine children"): closed-class
# words only, the counted noun says nothing more.
_PART_AFTER = re.compile(r"\s+of\s+(?:the|those|these|them|whom|which)\b", re.I)
_PART_BEFORE = re.compile(r"\b(?:including|among\s+them|of\s+whom|of\s+which|of\s+them)\s+$", re.I)
_OUT_OF = re.compile(r"\bout\s+of\s+$", re.I)
_AMOUNT_WORDS = set(VAGUE) | set(SCALES) | {"few", "dozen"}
# A share ("74%", "74 percent", "74 per cent"): never a count of people.
_SHARE = re.compile(r"\s*(?:%|per\s?cent\b|pct\b)", re.I)


def _phrase(noun: Token) -> Span:
    """A noun with its common-noun compounds: 'Patriot missile systems' -> 'missile systems'."""
    first = noun
    while first.i > 0 and first.nbor(-1).dep_ == "compound" and first.nbor(-1).pos_ == "NOUN":
        first = first.nbor(-1)
    return noun.doc[first.i:noun.i + 1]


def _counted_noun(span: Span) -> Token | None:
    """The noun a figure counts: the next noun after adjectives and names, or the object of 'of'."""
    doc = span.doc
    i = span.end
    if i < len(doc) and doc[i].lower_ == "of" and span[-1].lower_ in _AMOUNT_WORDS:  # "hundreds of spectators"
        i += 1
    if doc[i:i + 3].text.lower().split()[:2] in (["of", "the"], ["of", "those"]) and i + 2 < len(doc) \
            and doc[i + 2].lower_ in COUNT_WORDS:  # "seven of the deaths": a part of a count
        return doc[i + 2]
    # Modifiers before the noun, participles too ("24 confirmed deaths").
    while i < len(doc) and (doc[i].pos_ in ("ADJ", "PROPN", "NOUN", "DET") or (doc[i].tag_ == "VBN" and doc[i].dep_ == "amod")) \
            and doc[i].lower_ not in COUNT_WORDS:
        if doc[i].pos_ == "NOUN" and doc[i].dep_ != "compound":
            return doc[i]
        if doc[i].pos_ == "DET" and doc[i].lower_ not in ("the", "a", "an"):
            return None
        i += 1
    return doc[i] if i < len(doc) and doc[i].lower_ in COUNT_WORDS else None


def _phrase_head(span: Span, noun: Token | None) -> Token:
    """The token linking the figure phrase to the rest of the sentence."""
    if noun is not None and noun.dep_ in CORE_DEPS:  # the noun's role is clearest ("from 40 to 60 people were held")
        return noun
    last = noun.i if noun is not None else span.end - 1
    inside = range(span.start, last + 1)
    head = next((t for t in span.doc[span.start:last + 1] if t.head.i not in inside or t.head is t), span[-1])
    while head.dep_ in ("nummod", "quantmod") and head.head.i > head.i:  # "60 more were injured" -> more
        head = head.head
    return head


def _up_from_of(token: Token) -> Token | None:
    """'the blowing up of four blocks' -> blowing (through 'of' and particles)."""
    if token.dep_ != "pobj" or token.head.lower_ != "of":
        return None
    up = token.head.head
    while up.pos_ in ("ADP", "PART") and up.head.i != up.i:  # spaCy makes a new Token per access
        up = up.head
    return up


Measure = tuple[str, Span]


def _measure(span: Span, noun: Token | None, guess: bool) -> Measure | None:
    """What the figure counts, with the words it was read from; None when the parse says nothing.

    ``guess`` allows the nearby-verb fallback, which suits counts but not durations
    ("were detained within 24 hours" does not count detentions)."""
    if noun is not None and noun.lower_ in COUNT_WORDS and (noun.i == span.end or noun.lower_ not in _REMAINS):
        return COUNT_WORDS[noun.lower_], noun.doc[noun.i:noun.i + 1]
    state = _state_after(span, noun)
    if state is not None:  # "at least 60 people dead ..., 80 missing", "121 people still unaccounted for"
        return state
    if noun is not None and noun.lemma_ in EVENT_NOUNS:  # "two massacres" counts massacres
        return _phrase(noun).text.lower(), _phrase(noun)
    head = _phrase_head(span, noun)
    first = head
    while first.dep_ == "conj" and first.head.pos_ in ("NOUN", "PROPN", "NUM"):
        first = first.head
    if first is not head and first.dep_ in ("dobj", "nsubjpass") and first.head.lemma_ in VERBS:
        head = first  # a later conjunct shares the first one's role: "killed a number ... and at least two Israelis"
    verb = head.head
    children = noun.children if noun is not None else head.children if head.like_num else ()  # "2 200 arrested"
    attached = [c for c in children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"] or _who_clause(noun)
    if attached and _agent(attached[0], next((c for c in attached[0].children if c.dep_ == "nsubj"), None)):
        attached = []  # "three gunmen who killed 133 people" count the killers: the main clause may say more
    if attached and attached[0].dep_ == "acl" and attached[0].tag_ == "VBG" and attached[0].lemma_ not in VERBS \
            and head.dep_ == "nsubj" and verb.pos_ == "VERB":
        attached = []  # "Eight people ranging in age from 2 to 86 died" (allsides:5735/right): what befell them
    if attached or (head.dep_ == "nsubj" and verb.tag_ == "VBG"):  # "people killed", "with 6000 people attending"
        return _verb(attached[0] if attached else verb)
    event = _up_from_of(head)
    if event is not None and event.lemma_ in EVENT_NOUNS:
        return EVENT_NOUNS[event.lemma_], event.doc[event.i:event.i + 1]
    if event is not None and event.lower_ in COUNT_WORDS:  # "the remains of 24 people", "the deaths of three"
        return COUNT_WORDS[event.lower_], event.doc[event.i:event.i + 1]
    if head.dep_ == "pobj" and head.head.lower_ in ("to", "at") and verb.head.lemma_ in TREND_VERBS:
        return _subject(verb.head)  # "the toll rose to 143"
    if head.dep_ in CORE_DEPS and verb.pos_ in ("VERB", "AUX"):
        if head.dep_ == "attr" or verb.lemma_ in TREND_VERBS:  # "the death toll was 26"
            return _subject(verb)
        if _agent(verb, head):  # "three gunmen killed 133 people": 133 were killed, the three killed
            return None
        return _verb(verb) if verb.lemma_ not in LIGHT_VERBS else _complement(verb)
    if noun is not None and noun.dep_ == "pobj" and noun.head.lower_ != "of":
        return None  # "killed in two countries": a verb's adjunct is not what it counts
    return _nearby_verb(span) if guess else None


def _who_clause(noun: Token | None) -> list[Token]:
    """A "who" clause the parse hangs on a noun inside the counted one's modifiers: "Three Afghan soldiers in
    Massachusetts for training who went missing" (fnc1:2285) tells of the soldiers, not of the training."""
    if noun is None:
        return []
    return [c for prep in noun.children if prep.dep_ == "prep" for o in prep.children if o.dep_ == "pobj"
            for c in o.children if c.dep_ == "relcl" and c.pos_ == "VERB"
            and any(w.dep_ == "nsubj" and w.lower_ == "who" for w in c.children)][:1]


def _state_after(span: Span, noun: Token | None) -> Measure | None:
    """A state word right after the counted (an adverb between): '60 people dead', '99 missing, 10 hurt',
    'leaving at least one person dead', '121 people still unaccounted for'; the parse often attaches such a
    predicate adjective to another figure of the list."""
    doc = span.doc
    i = (noun.i if noun is not None else span.end - 1) + 1
    while i < len(doc) and doc[i].pos_ == "ADV" and i - span.end < 3:
        i += 1
    if i < len(doc) and doc[i].lower_ in STATES and doc[i].sent == span.sent and _is_state(doc[i]):
        return STATES[doc[i].lower_], doc[i:i + 1]
    return None


def _is_state(token: Token) -> bool:
    """An adjective or a bare participle ('10 hurt', '99 missing'), not a verb with an object ('three gunmen
    killed 133')."""
    return token.pos_ == "ADJ" or (token.tag_ == "VBG" and token.dep_ == "amod") \
        or (token.tag_ in ("VBN", "VBD") and not any(c.dep_ == "dobj" for c in token.children))


def _headline_measure(span: Span, noun: Token | None) -> Measure | None:
    """The parse fallback for headlines, by word form: a measure verb or 'toll' just before the figure
    ('Attack Kills More Than 60', 'Death Toll Climbs to 133'); a state just after it ('Leaves 5 Dead') is
    read for every sentence (``_state_after``)."""
    doc = span.doc
    for token in reversed(doc[max(span.sent.start, span.start - 4):span.start]):
        word = token.lower_
        if word == "toll":
            return "killed", doc[token.i:token.i + 1]
        lemma = next((w for w in (word, word[:-1], word[:-2]) if w in VERBS), None)
        if lemma is not None:
            return VERBS[lemma], doc[token.i:token.i + 1]
    return None


def _agent(verb: Token, subject: Token | None) -> bool:
    """True when ``subject`` does what a measure verb with an object says to others ('gunmen killed 133
    people', 'who killed 133'): the figure counts the doers, not the victims the measure counts."""
    return (subject is not None and subject.dep_ == "nsubj" and subject.head.i == verb.i
            and verb.lemma_ in VERBS and VERBS[verb.lemma_] in DONE_TO_OTHERS
            and any(c.dep_ == "dobj" for c in verb.children))


def _verb(verb: Token) -> Measure:
    if verb.lemma_ == "lose" and any(c.dep_ == "dobj" and c.lemma_ in ("life", "lives") for c in verb.children):
        return "killed", verb.doc[verb.i:verb.i + 1]  # "people who have lost their lives"
    state = next((c for c in verb.children if c.dep_ in ("acomp", "oprd", "xcomp", "advcl") and c.lower_ in STATES), None)
    if state is not None:  # "three soldiers went missing", "were found dead"
        return STATES[state.lower_], verb.doc[state.i:state.i + 1]
    # Unknown verbs keep their surface form: the small model's lemmas slip ("bleed" -> "blee").
    return VERBS.get(verb.lemma_, verb.lower_), verb.doc[verb.i:verb.i + 1]


def _subject(verb: Token) -> Measure | None:
    """A figure stated of a subject: 'the death toll was 26', 'the death toll rose to 143'."""
    # Headlines capitalise common nouns, and the tagger then reads "Death Toll" as a name.
    # The one nearest the verb: a headline's topic before a colon is parsed as a subject too ("KZN, Gauteng
    # unrest: Death toll rises to 117").
    subjects = [t for t in verb.children if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN")]
    subject = max(subjects, key=lambda t: (t.i < verb.i, t.i if t.i < verb.i else -t.i)) if subjects else None
    if subject is None and verb.dep_ == "xcomp":  # "the toll is feared to exceed 1,000": the subject is the head's
        return _subject(verb.head)
    if subject is None:
        return None
    counted = next((o for p in subject.children if p.lower_ == "of" for o in p.children
                    if o.dep_ == "pobj" and o.lower_ in COUNT_WORDS), None)
    if counted is not None:  # "the number of dead rose to 200"
        return COUNT_WORDS[counted.lower_], counted.doc[counted.i:counted.i + 1]
    told = next((v for p in subject.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"
                 for v in o.children if v.dep_ in ("relcl", "acl") and v.pos_ == "VERB"), None)
    if told is not None:  # "the number of people who have lost their lives has risen to 117"
        return _verb(told)
    told = next((o for p in subject.children if p.lower_ == "of" for o in p.children
                 if o.dep_ == "pcomp" and o.pos_ == "VERB"), None)
    if told is not None:  # "The number of confirmed dead ... jumped to 60" (allsides:5883/right)
        return _verb(told)
    phrase = _phrase(subject)
    name = phrase.text.lower()
    return PHRASES.get(name, PHRASES.get(subject.lower_, name)), phrase


def _complement(verb: Token) -> Measure | None:
    """Light verbs: 'put 2.8 million people into security forces', '95 remain missing'."""
    state = next((c for c in verb.children if c.dep_ == "acomp"), None)
    if state is not None:  # "95 remain missing", "100 people were unaccounted for"
        return STATES.get(state.lower_, state.lower_), verb.doc[state.i:state.i + 1]
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("into", "to", "as"):
            target = next((t for t in prep.children if t.dep_ == "pobj" and t.pos_ == "NOUN"), None)
            if target is not None:
                phrase = _phrase(target)
                return phrase.text.lower(), phrase
    return None


def _nearby_verb(span: Span) -> Measure | None:
    """Parse fallback: a known measure verb shortly before the figure in the same clause
    ('kill en masse, like flies, a few thousand of civilian inhabitants')."""
    for token in reversed(span.doc[max(span.sent.start, span.start - 8):span.start]):
        if token.pos_ in ("VERB", "AUX"):
            return _verb(token) if token.lemma_ in VERBS else None
    return None


CALENDAR_WORDS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                  "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
                  "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
# A number inside one of these is part of a name or rank: "Section 230", "World War 2", "Flight 370", "first".
NAME_ENTITIES = {"ORDINAL", "PRODUCT", "LAW", "EVENT", "WORK_OF_ART", "FAC", "ORG", "PERSON"}
_NUMBERED = re.compile(r"(?:\bNo\.|#)\s*$")  # "No. 10", "#3"
_AGE = re.compile(r"\bage[sd]?\s+(?:of\s+)?$", re.I)  # "died ... at the age of 84", "aged 23": an age, not a count
_DIED_AT = re.compile(r"\bdie[sd]?\b[^.;:!?,]{0,25}\bat\s+$", re.I)  # "John Warner dies at 94", "died Tuesday at 94"
_CLOCK = re.compile(r":\d\d|\b[ap]\.?m\b|o'clock", re.I)
# Digits joined by ':' or '/' to other digits are times, dates, scores or counters ("16:41", "3/22", photo
# "1/2"), never counts; "3/4 of a century" is read before this check.
_JOINED_DIGITS = re.compile(r"\d[:/]$|^[:/]\d")
_YEAR = re.compile(r"1\d{3}|20\d\d")


def _entity(token: Token) -> Span | None:
    """The named entity a token is part of."""
    if not token.ent_type_:
        return None
    doc, first, last = token.doc, token.i, token.i
    while doc[first].ent_iob_ == "I":
        first -= 1
    while last + 1 < len(doc) and doc[last + 1].ent_iob_ == "I":
        last += 1
    return Span(doc, first, last + 1, label=token.ent_type_)


def _is_date_like(fig: Figure, text: str, span: Span, noun: Token | None) -> bool:
    """Years, dates, times of day, ages, ordinals and numbered names; durations ('three days') are figures."""
    raw = text[fig.start:fig.end]
    if "/" in raw and not OF_TIME.match(text, fig.end) or _JOINED_DIGITS.search(text[max(0, fig.start - 2):fig.start]) \
            or _JOINED_DIGITS.search(text[fig.end:fig.end + 2]):
        return True
    if raw in NOT_FIGURES or _NUMBERED.search(text[max(0, fig.start - 5):fig.start]) \
            or _AGE.search(text[max(0, fig.start - 12):fig.start]) \
            or noun is None and _DIED_AT.search(text[max(0, fig.start - 40):fig.start]):
        return True
    if fig.qualifier != "vague" and any(t.ent_type_ in NAME_ENTITIES for t in span):  # "Several Civilians" is no name
        return True
    before = span.doc[max(0, span.start - 2):span.start]
    if len(before) == 2 and before[1].lower_ == "to" and before[0].lemma_.lower() in TREND_VERBS \
            and not _YEAR.fullmatch(raw):
        return False  # "the toll jumped to 60 overnight": where a count went, whatever the tagger calls it
    entities = {e for e in map(_entity, span) if e is not None and e.label_ in ("DATE", "TIME")}
    if any(_CLOCK.search(e.text) or CALENDAR_WORDS & {t.lower_.rstrip(".") for t in e} for e in entities):
        return True
    if noun is not None:  # the model sometimes calls "between 40 and 60 people" a date; a counted noun says not
        return bool(_YEAR.fullmatch(raw)) and noun.lemma_.lower() in ANY_EVENT
    year = fig.unit is None and bool(_YEAR.fullmatch(raw))
    word = span.doc[span.start - 1].lower_ if span.start else ""
    return bool(entities) or (year and word in ("in", "since", "until", "by", "from", "of"))


@registry.document_stage("quantities", version=VERSION, needs=("parse",), adds=("quantity",))
def quantities(ctx: DocContext) -> list[Quantity]:
    """Figures in the text, each with its value or interval, qualifier, unit and measure."""
    out: list[Quantity] = []
    for fig in scan(ctx.text):
        if ctx.document.is_metadata(fig.start, fig.end):
            continue
        span = ctx.doc.char_span(fig.start, fig.end, alignment_mode="expand")
        if span is None:
            continue
        noun = None if OF_TIME.match(ctx.text, fig.end) else _counted_noun(span)
        if _is_date_like(fig, ctx.text, span, noun):
            continue
        quantity = _read(ctx, fig, span, noun, out[-1] if out else None)
        if quantity is not None:
            quantity = _part_measure(ctx, _antecedent_measure(ctx, quantity, out), out)
            out.append(_shared_scope(ctx, quantity, out))
    return _scope_read(ctx, _other_incidents(ctx, out))


LEAD_SENTENCES = 3  # the title (when the text has one) and the first sentences name the incident


def _other_incidents(ctx: DocContext, found: list[Quantity]) -> list[Quantity]:
    """Counts of people after the lead whose clause names another kind of incident than the lead does."""
    sentences = list(ctx.doc.sents)
    if len(sentences) <= LEAD_SENTENCES:
        return found
    lead_end = sentences[LEAD_SENTENCES - 1].end_char
    lead = incident_kinds(ctx.text[:lead_end])
    if not lead:
        return found
    out = []
    for q in found:
        if q.start >= lead_end and q.counts_incident and q.measure in PERSON_COUNTS \
                and (span := ctx.doc.char_span(q.start, q.end, alignment_mode="expand")) is not None \
                and (cue := other_incident(ctx.text, q.start, q.end, span.sent.start_char, lead)):
            q = q.model_copy(update={"scope": "other-event", "scope_cue": cue})
        out.append(q)
    return out


def _scope_read(ctx: DocContext, found: list[Quantity]) -> list[Quantity]:
    """Counts of people the cues leave the incident's, read again by the scope model: below its threshold they
    are background, shown and labelled but kept out of the incident's series and conflicts."""
    model = scope_model.load()
    lead = scope_model.lead_words(ctx.text)
    out = []
    for q in found:
        if q.counts_incident and q.measure in PERSON_COUNTS:
            p, away = model.read(ctx.text, q.start, q.end, lead)
            update: dict = {"scope_confidence": round(p, 3)}
            if p < model.threshold:
                why = "; ".join(away)
                update |= {"scope": "background", "scope_cue": f"scope model {p:.2f}" + (f": {why}" if why else "")}
            q = q.model_copy(update=update)
        out.append(q)
    return out


# A figure joined to the one before it in one list ("2,100 Palestinians killed as well as 66 Israeli soldiers")
_LISTED_AFTER = re.compile(r"^[^,.;:!?\n]{0,60}\b(?:and|as well as|plus|along with)\s+$", re.I)


def _shared_scope(ctx: DocContext, q: Quantity, earlier: list[Quantity]) -> Quantity:
    """A figure listed with the figure before it shares that figure's scope: a cue names the count the list
    belongs to once ("a 50-day conflict which saw 2,100 Palestinians killed as well as 66 Israeli soldiers"),
    often beyond the later figure's own clause."""
    before = earlier[-1] if earlier else None
    if q.scope != "incident" or before is None or before.scope == "incident" \
            or not _LISTED_AFTER.match(ctx.text[before.end:q.start]):
        return q
    return q.model_copy(update={"scope": before.scope, "scope_cue": before.scope_cue})


_DEFINITE = re.compile(r"\bthe\s+$", re.I)
_PART_OF = re.compile(r"\b(?:of|between|among|amongst)\s+the\s+$", re.I)


def _part_measure(ctx: DocContext, q: Quantity, earlier: list[Quantity]) -> Quantity:
    """A part of a count says nothing of its own measure: it is the whole's ("At least 28 Palestinians, including
    nine children, have been reported killed"; "Of the 26 people who died, 16 of them were militants")."""
    whole = earlier[-1] if earlier else None
    if not q.part or q.measure in KNOWN_MEASURES or whole is None or whole.measure not in PERSON_COUNTS \
            or "\n" in ctx.text[whole.end:q.start] or q.start - whole.end > 200:
        return q
    return q.model_copy(update={"measure": whole.measure, "measure_start": whole.measure_start,
                                "measure_end": whole.measure_end})


def _antecedent_measure(ctx: DocContext, q: Quantity, earlier: list[Quantity]) -> Quantity:
    """A definite figure ('the three men were found') names a group counted before: it counts what the last
    earlier figure of the same value counted ('three soldiers went missing'), unless its own words name a known
    measure or a state ('taken into custody')."""
    if q.measure in KNOWN_MEASURES or q.value is None or not _DEFINITE.search(ctx.text[max(0, q.start - 5):q.start]):
        return q
    own = ctx.doc.char_span(q.measure_start, q.measure_end) if q.measure_start is not None else None
    if own is not None and own.root.pos_ not in ("VERB", "AUX"):
        return q
    if _PART_OF.search(ctx.text, max(0, q.start - 16), q.start):
        return q  # 'between the two', 'one of the two guards': a member of or a pair from some group, not a group told of before
    before = next((e for e in reversed(earlier) if e.value == q.value and e.measure in KNOWN_MEASURES), None)
    if before is None:
        return q
    return q.model_copy(update={"measure": before.measure, "unit": before.unit or q.unit})


def _read(ctx: DocContext, fig: Figure, span: Span, noun: Token | None, previous: Quantity | None
          ) -> Quantity | None:
    """Unit, measure and distributive reading of one figure."""
    end, value, unit = fig.end, fig.value, fig.unit
    of_time = OF_TIME.match(ctx.text, fig.end)
    if of_time and value is not None:  # "3/4 of a century" -> 75 years
        value, unit, end = value * YEARS_IN[of_time["unit"].lower()], "years", of_time.end()
    if noun is not None and unit is None and noun.lower_ not in COUNT_WORDS:
        unit = (TIME_UNITS.get(noun.lemma_.lower()) or LENGTH_UNITS.get(noun.lemma_.lower())
                or CURRENCY_WORDS.get(noun.lower_) or UNIT_ALIASES.get(noun.lower_) or _phrase(noun).text.lower())
    # A time or a length counts no one: "two days after the attack killed 50", "killed Sunday ... about 10 miles
    # outside"; no verb nearby is guessed for it.
    physical = "duration" if unit in TIME_UNITS.values() else "distance" if unit in LENGTH_UNITS.values() else None
    found = None if of_time else _measure(span, noun, guess=physical is None)
    if not of_time and (found is None or found[0] not in KNOWN_MEASURES) and is_title_case(span.sent):
        found = _headline_measure(span, noun) or found
    measure, where = found if found else (None, None)
    if unit in CURRENCIES and measure in (None, unit):
        measure = "paid"
    if measure is None and previous is not None and COMPARISON.match(ctx.text[previous.end:fig.start]):
        # "... killed 26, up from 20": the compared figure counts the same thing
        return _quantity(ctx, fig, end, value, unit or previous.unit, previous.measure,
                         (previous.measure_start, previous.measure_end), None)
    if physical and (measure is None or measure in KNOWN_MEASURES):
        measure = physical
    if _SMALL.search(ctx.text[fig.start:fig.end]) and measure not in KNOWN_MEASURES:
        return None  # "one thing", "no one else": a pronoun, not a figure
    if value == 1 and fig.qualifier == "exact" and _PARTITIVE.match(ctx.text, fig.end):
        return None  # "one of the victims": a member of a group, not a count
    if measure in PERSON_COUNTS and value is not None and value != int(value):
        measure = None  # people come whole: 'a magnitude 7.2 earthquake that killed' counts no one
    if measure in PERSON_COUNTS and _SHARE.match(ctx.text, fig.end):
        measure = None  # a share is no count: '49 died – a 74% fatality rate' (ptc:756114837)
    if measure in PERSON_COUNTS and _OUT_OF.search(ctx.text, max(0, fig.start - 8), fig.start):
        measure = None  # 'the death of 300 out of 400 soldiers': 400 is the whole group
    if measure in PERSON_COUNTS:
        unit = _group(span, noun, unit)
    each = EACH.match(ctx.text, end)
    per = "person" if each else None
    bounds = (where[0].idx, where[-1].idx + len(where[-1])) if where is not None else (None, None)
    part = bool(_PART_AFTER.match(ctx.text, fig.end)
                or _PART_BEFORE.search(ctx.text, max(0, fig.start - 16), fig.start))
    return _quantity(ctx, fig, each.end() if each else end, value, unit, measure, bounds, per, part)


def _group(span: Span, noun: Token | None, unit: str | None) -> str:
    """Who a count of people counts, with the nationality that narrows it: '2 Israelis' -> 'israelis', 'three
    Afghan soldiers' -> 'afghan soldiers', '28 killed' -> 'people'. Two counts of different groups never clash."""
    doc = span.doc
    stop = noun.i if noun is not None else span.end + 1
    nationals = [t.lower_ for t in doc[span.end:min(stop, len(doc))] if t.ent_type_ == "NORP"]
    if noun is None:
        return " ".join(nationals) or unit or "people"
    return " ".join([*nationals, unit or "people"])


def _quantity(ctx: DocContext, fig: Figure, end: int, value: float | None, unit: str | None, measure: str | None,
              bounds: tuple[int | None, int | None], per: str | None, part: bool = False) -> Quantity:
    low, high = fig.low, fig.high
    span = ctx.doc.char_span(fig.start, end, alignment_mode="expand")
    scope, cue = scope_of(ctx.text, fig.start, end, span.sent.start_char if span is not None else 0,
                          ctx.document.published)
    own = ctx.doc.char_span(fig.start, fig.end, alignment_mode="expand")
    projection = own is not None and is_projection(_phrase_head(own, _counted_noun(own)))
    if fig.qualifier in ("at least", "more than"):
        low = value
    elif fig.qualifier in ("at most", "less than", "up to"):
        high = value
    return Quantity(
        id=ctx.make_id("q", fig.start, end), doc_id=ctx.document.id, start=fig.start, end=end,
        component="counterclaim.quantities", version=VERSION, text=ctx.text[fig.start:end], value=value, low=low,
        high=high, qualifier=fig.qualifier, unit=unit, measure=measure,  # type: ignore[arg-type]
        measure_start=bounds[0], measure_end=bounds[1], per=per, scope=scope, scope_cue=cue,  # type: ignore[arg-type]
        projection=projection, part=part,
    )
