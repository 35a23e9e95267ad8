"""The ``claims`` stage: clause-level claims with speaker, stance, hedges, kind and slots.

Rules over the spaCy dependency parse, so every decision points at a cue in the text:

* **Clauses.** A sentence yields one claim per independent clause (the root, and each
  coordinated verb with its own subject), per reported content clause ("claims *that
  Hamas was behind the attack*"), per accusation ("Kyiv, *which Moscow blames for the
  blast*") and per direct quotation. Coordinated verbs sharing a subject ("knew about,
  and helped instigate, this attack") stay one claim. The reporting frame itself is not a
  claim: it becomes the claim's :class:`Speaker`.
* **Speakers.** The outlet's own voice unless a frame attributes the clause: a reporting
  verb's complement, "as X has revealed", ", they said,", "according to X", "evidence
  that ...", an accusation verb, a direct quotation (quote marks around a clause), or a
  headline's source label ("Kremlin: Death Toll Hits 133", a named entity before the colon, or a
  role quoted after it, "WHO chief: 'Premature' to ..."; a title-case headline opened by a name
  and an inflected saying or accusing verb, "Ted Cruz Accuses Donald Trump Of ..."; or a generic
  source after a closing dash, "Death Toll Rises to 143 – Authorities"). What a report
  or rumour no one is named as making carries ("a report that ...", "rumours are circulating that
  ..."), and a clause passed on with "reportedly" (or "allegedly" on its verb), is "unnamed reports";
  a report named in a saying is the sayer's ("X said in a report that ...").
  The innermost frame wins in nested reporting. Pronoun speakers are resolved only
  when a nearby antecedent is unambiguous by form (a person for *he*, a plural subject
  for *they*); otherwise the pronoun is kept. First-person frames ("we believe
  that ...") are the outlet's own, hedged, claims.
* **Stance** is ``denies`` on clause negation or a denial verb, ``reports`` for any
  other attributed claim and ``asserts`` for the outlet's voice; hedges are kept
  separately with offsets.
* **Kind**, first rule that matches: attribution (a responsibility cue outside the
  subject), call to action, prediction, quantity (a figure with a measure from the
  quantities stage), quote, evaluation, else event. **Slots** come from the
  attribution cue when there is one, so "it was carried out by Hamas" gives
  Hamas / carry out / the attack.
* **Confidence** is the lower of the speaker's (0.9 read off a frame, 0.8 for the
  outlet by default, 0.7 through a resolved pronoun or a continued quotation, 0.6
  unresolved) and the kind rule's (0.85 attribution down to 0.5 for the event default).

A claim's span is its clause with nested claims and the frame cut out (so gaps such as
", they said," may remain inside); datelines and editorial notes never yield claims.
Figures, dates and entities are linked by span overlap with whatever earlier stages found,
and each claim's text is scored by :mod:`counterclaim.checkworthy`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Token

from .. import lexicons
from ..model import Annotation, Claim, DateMention, Entity, Hedge, Quantity, Sentence, Speaker
from ..pipeline import DocContext, registry
from . import checkworthy
from .clauses import Clause, calls_false, clauses, core_of, denial_verb, is_negated
from .kinds import claim_kind, claim_slots
from .speakers import SOURCE_ENTITIES
from .syntax import is_title_case
from .words import (ACCUSATION, CLOSING_SOURCES, CONFIDENCE, DENIAL, HEARSAY_ADVERBS, HEDGE_MODALS, HEDGE_PHRASES,
                    HEDGE_WORDS, ISSUING, NEGATIONS, REPORTING, ROLES, SAID_NOUNS, SILENCE)

VERSION = "26"
# Subordinators that make a clause a condition or an open question (lexicons/mood.json).
MOOD_MARKS = {e["term"]: e["mood"] for e in lexicons.entries("mood", "claims")}


@registry.document_stage("claims", version=VERSION, needs=("parse", "sentence", "entity", "date", "quantity"),
                         adds=("claim",))
def claims(ctx: DocContext) -> list[Claim]:
    """Clause-level claims with speaker, stance, hedges, kind, slots, links and check-worthiness."""
    found = clauses(ctx)
    texts = [ctx.text[c.start:c.end] for c in found]
    scores = checkworthy.score(texts)
    outlet = ctx.document.outlet or ctx.document.id
    return [_claim(ctx, clause, text, score, outlet) for clause, text, score in zip(found, texts, scores)]


def _claim(ctx: DocContext, clause: Clause, text: str, score: float, outlet: str) -> Claim:
    speaker, speaker_conf, cue_lemma = _claim_speaker(clause, outlet)
    if speaker.kind == "outlet":
        said = _headline_says(ctx, clause, outlet)
        speaker, cue_lemma = said if said else (_headline_source(ctx, clause, outlet) or _hearsay(clause) or speaker,
                                                cue_lemma)
    negated = _negated(clause)
    kind, kind_conf = claim_kind(ctx, clause, speaker)
    rejected = clause.frame is not None and clause.frame.denies
    stance = "denies" if negated or rejected or cue_lemma in DENIAL else "asserts" if speaker.kind == "outlet" \
        else "reports"
    start, end = clause.start, clause.end
    mood, mood_cue = _mood(clause)
    return Claim(
        id=ctx.make_id("c", start, end), doc_id=ctx.document.id, start=start, end=end, component="counterclaim.claims",
        version=VERSION, confidence=round(min(speaker_conf, kind_conf), 2), text=text,
        sentence_id=_sentence_id(ctx, start), speaker=speaker, stance=stance, negated=negated, mood=mood,
        mood_cue=mood_cue,
        hedges=_hedges(clause), kind=kind, checkworthiness=round(score, 4), slots=claim_slots(clause, kind),
        entity_ids=_overlapping(ctx.get(Entity), start, end), quantity_ids=_overlapping(ctx.get(Quantity), start, end),
        date_ids=_overlapping(ctx.get(DateMention), start, end),
    )


def _sentence_id(ctx: DocContext, start: int) -> str | None:
    """The nlp stage's sentence holding a claim."""
    return next((s.id for s in ctx.get(Sentence) if s.start <= start < s.end), None)


def _claim_speaker(clause: Clause, outlet: str) -> tuple[Speaker, float, str | None]:
    """Speaker, its confidence and the frame verb's lemma (for denial verbs; none where it is negated)."""
    if clause.quote is not None and clause.quote.speaker is not None:
        return clause.quote.speaker, clause.quote.confidence, None
    frame = clause.frame
    if frame is None or frame.speaker is None:
        return Speaker(kind="outlet", name=outlet), CONFIDENCE["outlet"], None
    # "The ministry did not deny that ...": a negated denial verb denies nothing.
    verb = frame.verb
    return frame.speaker, frame.confidence, verb.lemma_.lower() if verb is not None and not is_negated(verb) else None


_SOURCE_LABEL = re.compile(r"\s*(?P<who>[^:\n]{1,40}?)\s*:\s+\S")
_QUOTE_OPENS = re.compile(r"[\"“‘']")
# "... – Authorities" closing a headline (a dash with spaces, so "Al-Qaeda" or "2023-24" never match).
_SOURCE_SUFFIX = re.compile(r"\s+[–—-]\s+(?P<who>[A-Za-z][A-Za-z ]{1,30}?)\s*$")
SOURCE_LABELS = lexicons.terms("source_labels", "claims")
# "..., Taliban Say", "..., police say", "..., says president" closing a headline.
_SAYS_SUFFIX = re.compile(r",\s+(?:(?P<who>[\w.’'-]+(?:\s+[\w.’'-]+){0,4}?)\s+(?:says?|said|claims?)"
                          r"|(?:says?|said|claims?)\s+(?P<who2>[\w.’'-]+(?:\s+[\w.’'-]+){0,4}?))\s*$", re.I)


# A title-case headline that opens with who says it: "WHO Head Says Dismissal of COVID Lab-Leak Hypothesis
# ‘Premature’", "Ted Cruz Accuses Donald Trump Of Planting 'Garbage' Affair Story" (the parser reads title case badly).
_NAME_WORD = re.compile(r"[A-Z][\w.’'&-]*|of|the|and|for|in|at")
_PARTICLES = {"up", "off", "out", "down", "away", "back"}
_QUESTION_WORDS = {"How", "Why", "What", "When", "Where", "Who", "Which", "Whether", "If", "Here", "This", "That"}


def _title(ctx: DocContext) -> tuple[int, int]:
    titles = [(m.start, m.end) for m in ctx.document.meta_spans if m.kind == "title"]
    line_end = ctx.text.find("\n")
    return titles[0] if titles else (0, line_end if line_end >= 0 else len(ctx.text))


def _headline_says(ctx: DocContext, clause: Clause, outlet: str) -> tuple[Speaker, str] | None:
    """(speaker, the verb's lemma) for a clause of a title-case headline opened by a speaker and a saying or accusing
    verb; the name must be the headline's subject, not the outlet's own name."""
    start, end = _title(ctx)
    if clause.start < start or clause.end > end:  # the cheap test first: most clauses are not the headline's
        return None
    headline = ctx.doc.char_span(start, end, alignment_mode="expand")
    if headline is None or not is_title_case(headline):
        return None
    words = list(re.finditer(r"\S+", ctx.text[start:end]))
    if not words or not _NAME_WORD.fullmatch(words[0].group()):  # "Kremlin: Putin Denies ...": a label first
        return None
    for n, word in enumerate(words[1:7], start=1):
        verb = ctx.doc.char_span(start + word.start(), start + word.end())
        lemma = next(iter(_verb_lemmas(word.group(), verb) & (REPORTING | ACCUSATION)), "")
        particle = n + 1 < len(words) and words[n + 1].group().lower() in _PARTICLES  # "Police Show Up"
        if lemma and word.group()[:1].isupper() and not particle:
            break
        if not _NAME_WORD.fullmatch(word.group()):
            return None
    else:
        return None
    who = ctx.text[start + words[0].start():start + words[n - 1].end()]
    span = ctx.doc.char_span(start + words[0].start(), start + words[n - 1].end())
    # The name must end as a name or a role ends ("Ted Cruz", "WHO Head", "Police"), not as a noun phrase does
    # ("Police Arrest Suspects", "Trump Fraud Claims Rejected"); never a count ("First Two Suspects in ... Court").
    if span is None or any(t.like_num for t in span) or not (
            span[-1].ent_type_ in SOURCE_ENTITIES or span[-1].lower_ in ROLES | CLOSING_SOURCES):
        return None
    if clause.end <= start + word.end() or words[0].group() in _QUESTION_WORDS or who.lower() in outlet.lower():
        return None
    return Speaker(kind="reported", name=who, start=start + words[0].start(), end=start + words[n - 1].end(),
                   cue=word.group()), lemma


def _verb_lemmas(word: str, span) -> set[str]:
    """The lemmas a title-case word may have as a verb in the present tense: the parser's (when it reads a verb), and
    "-s" undone ("Accuses": the parser takes it for a name). A bare form ("Report", "Claim") is more often a noun."""
    w = word.lower()
    parsed = span[0].lemma_.lower() if span is not None and len(span) == 1 and span[0].pos_ == "VERB" else w
    # Only the present tense a headline speaks in; a report or a claim named in it is a noun ("Official Reports").
    undone = {w[:-1], w[:-2], w[:-3] + "y"} - SAID_NOUNS if w.endswith("s") else set()
    return undone | ({parsed} - {w})


def _headline_source(ctx: DocContext, clause: Clause, outlet: str) -> Speaker | None:
    """A headline's 'Kremlin: Death Toll Hits 133' gives the claim to the name before the colon, when that
    name is a whole named entity (so topic labels such as 'Ukraine war:' or 'Analysis:' stay the outlet's);
    'Death Toll Rises to 143 – Authorities' to the generic source after the dash (lexicons/source_labels.json);
    '..., Taliban Say', '..., says president' to the one who says it."""
    start, end = _title(ctx)
    if clause.start < start or clause.end > end:
        return None
    suffix = _SOURCE_SUFFIX.search(ctx.text, start, end)
    if suffix and suffix.group("who").lower() in SOURCE_LABELS and clause.start < suffix.start():
        return Speaker(kind="reported", name=suffix.group("who"), start=suffix.start("who"), end=suffix.end("who"),
                       cue="–")
    says = _SAYS_SUFFIX.search(ctx.text, start, end)
    if says and clause.start < says.start():
        who = "who" if says.group("who") else "who2"
        return Speaker(kind="reported", name=says.group(who), start=says.start(who), end=says.end(who), cue="says")
    label = _SOURCE_LABEL.match(ctx.text, start, end)
    if label is None or clause.end <= label.end():
        return None
    who = ctx.doc.char_span(label.start("who"), label.end("who"))
    # A role that speaks for a body, with a quotation after the colon, is the speaker too ("WHO chief: 'Premature'
    # to rule out COVID-19 lab leak theory", allsides:5859/center); a topic label quoted after ("Ukraine war:") is not.
    spokesperson = _QUOTE_OPENS.match(ctx.text, label.end() - 1) and who is not None and who[-1].lower_ in ROLES
    if who is None or not spokesperson and not any(
            e.start == who.start and e.end == who.end and e.label_ in SOURCE_ENTITIES for e in who.ents):
        return None
    if who.text.lower() in outlet.lower():
        return None
    return Speaker(kind="reported", name=who.text, start=who.start_char, end=who.end_char, cue=":")


def _hearsay(clause: Clause) -> Speaker | None:
    """Unnamed reports the outlet passes on: "reportedly", "allegedly", "have been reported killed" (no one named as
    saying it)."""
    for token in clause.tokens:
        passive_report = token.lemma_ == "report" and token.tag_ == "VBN" and not any(c.dep_ == "agent" for c in token.children) \
            and any(c.dep_ in ("auxpass", "aux") and c.lemma_ == "be" for c in token.children)
        # "allegedly" passes the clause on only where it modifies the clause's verb, not "a video allegedly taken"
        alleged = token.lower_ in HEARSAY_ADVERBS and token.head.i == clause.head.i
        if token.lower_ == "reportedly" or alleged or passive_report:
            # No one is named, so the speaker has no span: the cue holds the word that passes it on.
            return Speaker(kind="reported", name="unnamed reports", cue=token.text)
    return None


def _negated(clause: Clause) -> bool:
    """Clause negation: "not", "never", "none of", "no one else" (but not "not only"); a clause calling something
    false ("the story is 100 percent false", "it is a lie") negates it. A negated denial denies nothing ("have not
    ruled out the possibility that ..."), nor does silence ("Boko Haram has not commented on the announcement", "has
    not released a public statement about the ceasefire")."""
    if calls_false(clause.head):
        return True
    for token in clause.tokens:
        low = token.lower_
        if low in NEGATIONS and core_of(token, clause.head) and not (
                low == "not" and token.i + 1 < len(token.doc) and token.nbor(1).lower_ in ("only", "just")) \
                and not (_rejected_by(clause, token.head) or _silent(token.head)):
            return True
    return False


def _rejected_by(clause: Clause, verb: Token) -> bool:
    """Whether ``verb`` denies a claim, so that its negation denies nothing ("did not deny the rumors", "did not
    dispute the contents of the Post account", FNC-1 training body 1017): the denial verb of the clause's own
    rejection frame, or one that has no other sense; "reject" and "dismiss" also turn down proposals and cases, so
    "did not dismiss the case" stays a negated statement."""
    frame = clause.frame
    denial = denial_verb(verb)
    return bool(denial) and (denial not in _OTHER_SENSES or (frame is not None and frame.verb is not None
                                                             and frame.verb.i == verb.i))


_OTHER_SENSES = {"reject", "dismiss"}


def _silent(word: Token) -> bool:
    """A word of silence or a verb issuing one: "has not commented", "made no statement", "has not released a public
    statement" (not "did not support the police statement")."""
    return word.lemma_.lower() in SILENCE or (word.lemma_.lower() in ISSUING and any(
        c.dep_ == "dobj" and c.lemma_.lower() in SILENCE for c in word.children))


def _mood(clause: Clause) -> tuple[str, str | None]:
    """(mood, cue): a condition or open question marks the clause's verb ("if Y did it"), an adverbial
    clause of it ("if the report is true, Y ...", unless conceded: "even if") or its complement, which
    is then an embedded question ("asked whether Y was behind it"); a direct question ends with "?"."""
    head = clause.head
    for verb in (head, *(c for c in head.children if c.dep_ in ("advcl", "ccomp"))):
        if verb.dep_ == "advcl" and verb is not head and any(c.lower_ == "even" for c in verb.children):
            continue
        mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ in MOOD_MARKS), None)
        if mark is not None:
            embedded = verb is not head and verb.dep_ == "ccomp"
            return "question" if embedded else MOOD_MARKS[mark.lower_], mark.text
    last = next((t for t in reversed(head.sent) if not (t.is_space or t.is_quote or t.is_bracket)), None)
    return ("question", "?") if last is not None and last.text == "?" else ("indicative", None)


_LEADS_IN = re.compile(r"[\s,]*(?:that\b)?[\s,]*")


def _hedges(clause: Clause) -> list[Hedge]:
    """Hedge cues in the clause and its frame, and a hedging phrase that introduces it."""
    doc = clause.head.doc
    tokens = clause.tokens + ([doc[i] for i in clause.frame.tokens] if clause.frame else [])
    found = {(t.idx, t.idx + len(t)): t.text for t in tokens
             if t.lower_ in HEDGE_WORDS or (t.lower_ in HEDGE_MODALS and t.tag_ == "MD")}
    sent = clause.head.sent
    text, offset = sent.text, sent.start_char
    for m in HEDGE_PHRASES.finditer(text):
        start, end = offset + m.start(), offset + m.end()
        inside = clause.start <= start and end <= clause.end
        introduces = end <= clause.start and _LEADS_IN.fullmatch(text[m.end():clause.start - offset]) is not None
        if inside or introduces:
            found[(start, end)] = m.group(0)
    return [Hedge(cue=cue, start=s, end=e) for (s, e), cue in sorted(found.items())]


def _overlapping(items: Iterable[Annotation], start: int, end: int) -> list[str]:
    return [a.id for a in items if a.start < end and start < a.end]
