"""A claim's kind (attribution, call, prediction, quantity, quote, evaluation, event) and its slots."""

from __future__ import annotations

from spacy.tokens import Token

from ..model import Quantity, Slots, Speaker
from ..pipeline import DocContext
from .clauses import Clause, core_of, is_accusation
from .speakers import resolve_pronoun, subject_of
from .syntax import auxiliaries, first_child, governing_verb, particle_of, phrase_of, pobj
from .words import ATTRIBUTION, CALL_MODALS, EVALUATIVE, RESPONSIBILITY


def _attribution_cue(clause: Clause) -> Token | None:
    """The token that makes a clause about responsibility ("carried out", "was behind",
    "ordered", "claim credit"), in the clause itself: not in "the question of who ordered
    it" or "the man who ordered it"."""
    for token in clause.tokens:
        lemma = token.lemma_.lower()
        if not core_of(token, clause.head, content=True):
            continue
        if token.pos_ == "VERB" and (lemma in ATTRIBUTION or lemma == "carry" and particle_of(token) == "out"):
            return token
        if token.lower_ == "behind" and token.head.lemma_ == "be":
            return token.head
        if lemma in RESPONSIBILITY:
            return token
    return None


def claim_kind(ctx: DocContext, clause: Clause, speaker: Speaker) -> tuple[str, float]:
    """The claim's kind and how sure the rule is; the first matching rule wins."""
    if _attribution_cue(clause) is not None:
        return "attribution", 0.85
    if _is_call(clause.head) or (clause.frame is not None and clause.frame.directive):
        return "call_to_action", 0.8
    if _is_prediction(clause.head):
        return "prediction", 0.75
    if _has_figure(ctx, clause):
        return "quantity", 0.8
    if speaker.kind == "quoted":
        return "quote", 0.9
    if _is_evaluation(clause):
        return "evaluation", 0.6
    return "event", 0.5


def _is_call(head: Token) -> bool:
    """ "Communists must prepare ...", "workers need to join ...", sentence-initial imperatives."""
    if auxiliaries(head) & CALL_MODALS:
        return True
    subject = subject_of(head)
    if head.lemma_ in ("need", "have") and any(c.dep_ == "xcomp" and "to" in auxiliaries(c) for c in head.children):
        return subject is not None and subject.lower_ not in ("it", "there")
    return head.tag_ == "VB" and head.dep_ == "ROOT" and subject is None and not auxiliaries(head) \
        and head.i == head.sent.start


def _is_prediction(head: Token) -> bool:
    """ "They will increase ...", "is going to ...", and consequences: "This means world war"."""
    if auxiliaries(head) & {"will", "shall", "'ll", "’ll"}:
        return True
    if head.lemma_ == "go" and head.tag_ == "VBG" and first_child(head, ("xcomp",)) is not None:
        return True
    subject = subject_of(head)
    return (head.lemma_ == "mean" and subject is not None and subject.lower_ in ("this", "that")
            and any(c.dep_ == "dobj" and c.pos_ == "NOUN" for c in head.children))


def _has_figure(ctx: DocContext, clause: Clause) -> bool:
    """A figure with a measure: from the quantities stage, or spaCy's numeric entities without it."""
    quantities = ctx.get(Quantity)
    if not quantities:
        return any(t.ent_type_ in ("CARDINAL", "MONEY", "PERCENT", "QUANTITY") for t in clause.tokens)
    starts = {t.idx for t in clause.tokens}
    return any((q.measure or q.unit) and any(q.start <= s < q.end for s in starts) for q in quantities)


def _is_evaluation(clause: Clause) -> bool:
    """Value judgements: a copula with an adjective, superlatives, or evaluative words."""
    head = clause.head
    if head.lemma_ in ("be", "seem", "appear", "become") and any(c.dep_ == "acomp" and c.tag_ == "JJ"
                                                                   for c in head.children):
        return True
    return any(t.tag_ in ("JJS", "RBS") or t.lemma_.lower() in EVALUATIVE for t in clause.tokens)


def claim_slots(clause: Clause, kind: str) -> Slots:
    """Agent, predicate, patient and place of the clause (of its attribution cue, if any).

    For an accusation ("which Putin blames for this massacre") the agent is the accused
    party: the slots describe the content, the speaker says who holds it.
    """
    cue = _attribution_cue(clause) if kind == "attribution" else None
    verb = clause.head if cue is None else governing_verb(cue)
    if is_accusation(verb):
        agent = first_child(verb, ("dobj",)) or (verb.head if verb.dep_ == "relcl" else None)
        patient = pobj(verb, "for")
    elif first_child(verb, ("auxpass", "nsubjpass")) is not None or (
            verb.tag_ == "VBN" and verb.dep_ == "acl" and first_child(verb, ("nsubj",)) is None):
        agent = _by_agent(verb)
        patient = first_child(verb, ("nsubjpass",)) or (verb.head if verb.dep_ == "acl" else None)
    else:
        agent = subject_of(verb)
        patient = _object(verb)
    if cue is not None and cue.lemma_.lower() in RESPONSIBILITY:  # "claimed responsibility for the attack"
        patient = pobj(cue, "for") or pobj(verb, "for") or (patient if patient is not None and patient.i != cue.i else None)
    predicate = _predicate(verb, cue)
    about_event = kind == "attribution"
    return Slots(agent=_slot_text(agent, about_event), predicate=predicate, patient=_slot_text(patient, about_event),
                 place=_place(clause))


def _by_agent(verb: Token) -> Token | None:
    """ "by the CIA" on this verb or on a conjunct sharing it ("created and trained by the CIA")."""
    for node in (verb, *(c for c in verb.children if c.dep_ == "conj")):
        agent = next((g for c in node.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        if agent is not None:
            return agent
    return None


def _object(verb: Token) -> Token | None:
    """The verb's object, looking through control and coordination: "helped instigate, this attack"."""
    for node in (verb, verb.head) if verb.dep_ in ("xcomp", "conj") else (verb,):
        found = first_child(node, ("dobj", "attr", "acomp")) or pobj(node, "behind") or first_child(node, ("npadvmod",))
        if found is not None and found.pos_ in ("NOUN", "PROPN", "PRON", "ADJ", "NUM"):
            return found
    return None


def _predicate(verb: Token, cue: Token | None) -> str | None:
    """The lemma with its particle ("carry out"), preposition ("be behind") or responsibility
    noun ("claim credit", "be responsible")."""
    lemma = verb.lemma_.lower()
    if cue is not None and cue.lemma_.lower() in RESPONSIBILITY:
        return f"{lemma} {cue.lemma_.lower()}"
    if not any(ch.isalpha() for ch in lemma):
        return None  # a mis-parsed contraction ("That’s") is no predicate
    particle = particle_of(verb)
    if particle:
        return f"{lemma} {particle}"
    if lemma == "be" and pobj(verb, "behind") is not None:
        return "be behind"
    return lemma


def _slot_text(token: Token | None, about_event: bool) -> str | None:
    """A slot's words; pronouns resolved where clear ("it" to the attack only in attributions)."""
    if token is None:
        return None
    if token.tag_ in ("WDT", "WP") and token.head.dep_ == "relcl":
        token = token.head.head
    if token.pos_ == "PRON" and (about_event or token.lower_ not in ("it", "this")):
        token = resolve_pronoun(token) or token
    return phrase_of(token).text


def _place(clause: Clause) -> str | None:
    """The first location governed by a locative preposition inside the clause."""
    inside = {t.i for t in clause.tokens}
    for token in clause.tokens:
        if token.ent_type_ in ("GPE", "LOC", "FAC") and token.head.lower_ in ("in", "at", "on", "near", "inside") \
                and token.head.i in inside and token.dep_ == "pobj":
            return phrase_of(token).text
    return None
