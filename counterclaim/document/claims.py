"""The ``claims`` stage: clause-level claims with speaker, stance, hedges, kind and slots.

Rules over the spaCy dependency parse, so every decision points at a cue in the text:

* **Clauses.** A sentence yields one claim per independent clause (the root, and each
  coordinated verb with its own subject), per reported content clause ("claims *that
  ISIS was behind the attack*"), per accusation ("Ukraine, *which Putin blames for this
  massacre*") and per direct quotation. Coordinated verbs sharing a subject ("knew about,
  and helped instigate, this attack") stay one claim. The reporting frame itself is not a
  claim: it becomes the claim's :class:`Speaker`.
* **Speakers.** The outlet's own voice unless a frame attributes the clause: a reporting
  verb's complement, "as X has revealed", ", they said,", "according to X", "evidence
  that ...", an accusation verb, or a direct quotation (quote marks around a clause).
  The innermost frame wins in nested reporting. Pronoun speakers are resolved only
  when a nearby antecedent is unambiguous by form (a person for *he*, a plural subject
  for *they*); otherwise the pronoun is kept. First-person frames ("we have every reason
  to believe that ...") are the outlet's own, hedged, claims.
* **Stance** is ``denies`` on clause negation or a denial verb, ``reports`` for any
  other attributed claim and ``asserts`` for the outlet's voice; hedges are kept
  separately with offsets.
* **Kind**, first rule that matches: attribution (a responsibility cue outside the
  subject), call to action, prediction, quantity (a figure with a measure from the
  quantities stage), quote, evaluation, else event. **Slots** come from the
  attribution cue when there is one, so "it was carried out by the GUR" gives
  GUR / carry out / the attack.
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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from ..model import Annotation, Claim, DateMention, Entity, Hedge, Quantity, Sentence, Slots, Speaker
from ..pipeline import DocContext, registry
from . import checkworthy

VERSION = "1"

REPORTING = {
    "say", "state", "claim", "tell", "warn", "brag", "boast", "reveal", "report", "announce", "declare", "insist",
    "argue", "allege", "assert", "confirm", "deny", "reject", "refute", "dispute", "admit", "acknowledge", "write",
    "add", "note", "explain", "suggest", "believe", "think", "show", "demonstrate", "maintain", "contend",
    "stress", "indicate", "predict", "promise", "threaten", "conclude", "testify", "confess", "dismiss", "vow",
    "pledge",
}
DENIAL = {"deny", "reject", "refute", "dispute", "dismiss", "rebut"}
# Verbs whose object is told to do something: "warned US citizens to avoid gatherings".
DIRECTIVE = {"warn", "urge", "tell", "ask", "advise", "call", "instruct"}
# The speaker of these is their subject and the claim is about who is to blame.
ACCUSATION = {"blame", "accuse", "denounce", "condemn"}
# Nouns that carry a content clause: "clear evidence that it was carried out by the GUR".
CONTENT_NOUNS = {"evidence", "proof", "claim", "allegation", "report", "warning", "statement", "announcement",
                 "declaration", "assertion", "accusation", "admission", "sign", "indication"}
ATTRIBUTION = {"organize", "organise", "orchestrate", "order", "instigate", "perpetrate", "mastermind", "sponsor",
               "blame", "accuse", "plot", "involve", "attribute", "implicate"}
RESPONSIBILITY = {"responsible", "responsibility", "credit", "culpable", "guilty"}
EVENT_NOUNS = {"attack", "massacre", "bombing", "shooting", "explosion", "blast", "assault", "killing", "strike",
               "raid", "atrocity", "crime", "operation", "incident", "tragedy", "act", "provocation"}
FIRST_PERSON = {"i", "we", "us", "me"}
NEGATIONS = {"not", "n't", "never", "no", "none", "nothing", "nobody", "neither", "nor", "nowhere", "cannot"}
HEDGE_WORDS = {"probably", "allegedly", "reportedly", "surely", "supposedly", "apparently", "possibly", "perhaps",
               "likely", "presumably", "seemingly", "purportedly", "ostensibly", "arguably", "evidently"}
HEDGE_MODALS = {"may", "might", "could"}
HEDGE_PHRASES = re.compile(
    r"\b(?:it is (?:possible|likely|probable|plausible) that|we have every reason to believe|"
    r"working hypothes[ie]s|it (?:seems|appears) that|is (?:believed|thought|said|suspected) to|"
    r"(?:seems|appears) to)\b", re.I)
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


# --------------------------------------------------------------------------- quotations


@dataclass(frozen=True)
class Quote:
    """A direct quotation: the characters between the marks, and who is quoted."""

    start: int
    end: int
    speaker: Speaker | None
    confidence: float
    verb: Token | None


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans inside paired quotation marks, never across a blank line."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    closers = ""
    for i, ch in enumerate(text):
        if ch == "\n" and text[i + 1:i + 2] == "\n":
            opened = None
        elif opened is None and ch in QUOTE_PAIRS:
            opened, closers = i + 1, QUOTE_PAIRS[ch]
        elif opened is not None and ch in closers and not _apostrophe(text, i):
            spans.append((opened, i))
            opened = None
    return spans


def _apostrophe(text: str, i: int) -> bool:
    """A right single quote between letters is an apostrophe (Putin’s), not a closing mark."""
    return text[i] == "’" and text[i - 1:i].isalpha() and text[i + 1:i + 2].isalpha()


def direct_quotes(doc: Doc) -> list[Quote]:
    """Quotations that hold a clause (a subject and a verb), each attributed to the nearest
    reporting verb outside it.

    Scare quotes, titles and quoted fragments ("safe house", "special military
    operation", vowed to “identify and punish”) are left to the clause around them.
    """
    out: list[Quote] = []
    text = doc.text  # built from the tokens on each access: read it once
    for start, end in quote_spans(text):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not (any(t.dep_ in SUBJECTS for t in span) and any(t.pos_ in ("VERB", "AUX") for t in span)):
            continue
        verb = _quoting_verb(doc, span)
        if verb is None:
            out.append(_continued(text, out, start, end))
        else:
            speaker, confidence, _ = _speaker(verb, "quoted")
            out.append(Quote(start, end, speaker, confidence, verb))
    return out


def _continued(text: str, earlier: list[Quote], start: int, end: int) -> Quote:
    """A quotation with no reporting verb of its own: in news style it continues the previous
    quotation of the same paragraph, else its speaker is unknown."""
    previous = earlier[-1] if earlier else None
    if previous is not None and previous.speaker is not None and "\n\n" not in text[previous.end:start]:
        return Quote(start, end, previous.speaker, CONFIDENCE["resolved"], None)
    return Quote(start, end, Speaker(kind="quoted", name="unspecified"), CONFIDENCE["pronoun"], None)


def _quoting_verb(doc: Doc, quote: Span) -> Token | None:
    """The reporting verb governing a quotation: its syntactic head, else the nearest one
    before it in the same sentence, else the first one after it in the next."""
    for token in quote:
        if not (quote.start <= token.head.i < quote.end) and _is_reporting(token.head):
            return token.head
    sent = doc[quote.start].sent
    before = [t for t in sent if t.i < quote.start and _is_reporting(t)]
    if before:
        return before[-1]
    after_sent = doc[quote.end].sent if quote.end < len(doc) else None
    after = [t for t in (after_sent or []) if t.i >= quote.end and _is_reporting(t)]
    return after[0] if after else None


def _is_reporting(token: Token) -> bool:
    """A reporting verb, but not "claimed responsibility" (an attribution, not a frame)."""
    return token.pos_ == "VERB" and token.lemma_.lower() in REPORTING and not any(
        c.dep_ == "dobj" and c.lemma_.lower() in RESPONSIBILITY for c in token.children)


# --------------------------------------------------------------------------- speakers


def _subject(verb: Token) -> Token | None:
    """A verb's subject, shared through coordination, control and participles: "helped
    instigate", "was forced to say", "we have every reason to believe", "adding that"."""
    node, deps = verb, ("nsubj", "csubj")
    while True:
        subject = _first(node, deps)
        if subject is not None:
            return subject
        if node.dep_ in ("conj", "xcomp"):
            node = node.head
        elif node.dep_ == "advcl" and node.tag_ == "VBG" and _first(node, ("mark",)) is None:
            # "X said ..., adding that ...": the participle shares the sayer's subject, also
            # when the parser hangs it on the reported clause
            node = node.head.head if node.head.dep_ == "ccomp" and _is_reporting(node.head.head) else node.head
        elif node.dep_ in ("acl", "relcl") and node.head.dep_ == "dobj":
            node = node.head.head
        else:
            return None
        deps = ("nsubj", "nsubjpass", "csubj")


def _passive_agent(verb: Token) -> Token | None:
    """The last by-phrase of a passive participle: "denounced as organized by the FSB by two
    democrats" names the denouncers last."""
    if verb.tag_ != "VBN" or "have" in {c.lemma_ for c in verb.children if c.dep_ == "aux"}:
        return None
    agents = [t for t in verb.subtree if t.dep_ == "agent" and t.head.tag_ == "VBN"]
    objects = [c for a in agents[-1:] for c in a.children if c.dep_ == "pobj"]
    return objects[0] if objects else None


def _speaker(verb: Token, kind: str) -> tuple[Speaker | None, float, Token | None]:
    """Speaker of a frame verb (None when it is the outlet in the first person), its
    confidence and the token naming it."""
    who = _passive_agent(verb) or _subject(verb)
    if who is None:
        return Speaker(kind=kind, name="unspecified", cue=verb.text), CONFIDENCE["pronoun"], None  # type: ignore[arg-type]
    return (*_named_speaker(who, kind, verb.text), who)


def _named_speaker(who: Token, kind: str, cue: str) -> tuple[Speaker | None, float]:
    confidence = CONFIDENCE["frame"]
    if who.tag_ in ("WP", "WDT") and who.head.dep_ in ("relcl", "acl"):
        who = who.head.head
    if who.lower_ in FIRST_PERSON:
        return None, CONFIDENCE["outlet"]
    if who.pos_ == "PRON":
        antecedent = resolve_pronoun(who)
        confidence = CONFIDENCE["resolved"] if antecedent is not None else CONFIDENCE["pronoun"]
        who = antecedent or who
    name = _name(who)
    return Speaker(kind=kind, name=name.text, start=name.start_char, end=name.end_char,  # type: ignore[arg-type]
                   cue=cue), confidence


def _name(token: Token) -> Span:
    """The words naming a speaker: proper names over descriptions ("two heroic Russian
    democrats: Litvinenko and Politkovskaya" is Litvinenko and Politkovskaya)."""
    doc = token.doc
    if token.i + 2 < len(doc) and doc[token.i + 1].text == ":" and doc[token.i + 2].pos_ == "PROPN":
        return _phrase(doc[token.i + 2])
    apposition = [c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
    return _phrase(apposition[0] if apposition else token)


def _phrase(token: Token) -> Span:
    """A noun phrase without determiners, descriptive adjectives or clauses, with its conjuncts:
    "The imperialist Atlantic Council" -> "Atlantic Council", "Russia and others"."""
    keep = [token, *_modifiers(token)]
    for conj in (c for c in token.children if c.dep_ == "conj"):
        keep += [conj, *_modifiers(conj)]
    return token.doc[min(t.i for t in keep):max(t.i for t in keep) + 1]


def _modifiers(token: Token) -> list[Token]:
    out: list[Token] = []
    for child in token.lefts:
        if token.pos_ == "PROPN" and child.pos_ != "PROPN":
            continue  # "the journalistic group Meduza" is Meduza
        if child.dep_ in ("compound", "nmod", "nummod", "poss") or (child.dep_ == "amod" and child.text[:1].isupper()):
            out += [child, *_modifiers(child)]
    return out


def resolve_pronoun(pronoun: Token) -> Token | None:
    """The antecedent of a pronoun when its form makes it unambiguous, else None.

    *he/she*: the nearest person named before it (this or the two previous sentences);
    *they*: the nearest plural noun subject before it; *it/this*: the nearest event noun
    ("the attack"). Anything else stays unresolved.
    """
    low = pronoun.lower_
    window = _preceding(pronoun)
    if low in ("he", "she", "him", "her", "his"):
        return next((t for t in window if t.ent_type_ == "PERSON" and t.pos_ == "PROPN"), None)
    if low in ("they", "them"):
        return next((t for t in window if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ != "PRON"
                     and (t.head.dep_ == "ROOT" or t.head.dep_ == "conj" and t.head.head.dep_ == "ROOT")
                     and (t.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in t.children))), None)
    if low in ("it", "this"):
        return next((t for t in window if t.pos_ == "NOUN" and t.lemma_.lower() in EVENT_NOUNS), None)
    return None


def _preceding(token: Token, sentences: int = 2) -> Iterator[Token]:
    """Tokens before ``token``, nearest first, back to the start of an earlier sentence."""
    sent = token.sent
    start = sent.start
    for _ in range(sentences):
        if start == 0:
            break
        start = token.doc[start - 1].sent.start
    for i in range(token.i - 1, start - 1, -1):
        yield token.doc[i]


# --------------------------------------------------------------------------- clauses


@dataclass
class Frame:
    """What attributes a clause: the speaker (None for the outlet) and the frame's own tokens
    (the reporting verb, its subject, auxiliaries and adverbs: where a frame's hedges sit)."""

    speaker: Speaker | None
    verb: Token | None
    tokens: set[int] = field(default_factory=set)
    confidence: float = CONFIDENCE["frame"]
    directive: bool = False


def _has_subject(token: Token) -> bool:
    return any(c.dep_ in SUBJECTS for c in token.children)


def _frame_of(node: Token) -> Frame | None:
    """The frame that makes ``node``'s clause someone else's, if any."""
    head = node.head
    if node.dep_ == "ccomp" and _is_reporting(head):
        return _verb_frame(head)
    if node.dep_ == "xcomp" and head.lemma_.lower() in DIRECTIVE and head.pos_ == "VERB":
        frame = _verb_frame(head)
        return replace(frame, directive=True) if frame is not None else None
    if node.dep_ in ("acl", "ccomp", "relcl") and head.lemma_.lower() in CONTENT_NOUNS and _marked(node, "that"):
        return _noun_frame(head)
    if _is_accusation(node):
        return _accusation_frame(node)
    for child in node.children:
        if _is_reporting(child) and (child.dep_ == "parataxis" or (child.dep_ == "advcl" and _marked(child, "as"))):
            return _verb_frame(child)
        if child.lower_ == "according" and child.dep_ == "prep":
            source = [g for t in child.children if t.lower_ == "to" for g in t.children if g.dep_ == "pobj"]
            if source:
                speaker, confidence = _named_speaker(source[0], "reported", "according to")
                return Frame(speaker, None, {t.i for t in child.subtree}, confidence)
    return None


def _is_accusation(token: Token) -> bool:
    """An accusation verb, but not the idiom "X is to blame"."""
    return token.pos_ == "VERB" and token.lemma_.lower() in ACCUSATION and not (
        token.head.lemma_ == "be" and "to" in _aux(token))


def _marked(token: Token, word: str) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == word for c in token.children)


def _core(verb: Token, who: Token | None) -> set[int]:
    """A frame's own tokens: the verb, its speaker phrase, auxiliaries, negation and adverbs."""
    core = {verb.i} | {c.i for c in verb.children if c.dep_ in ("aux", "auxpass", "neg", "advmod", "mark", "prt")}
    return core | _speaker_phrase(who) if who is not None else core


def _speaker_phrase(who: Token) -> set[int]:
    """The tokens naming a speaker, with the "by" of a passive agent."""
    top = who.head if who.head.dep_ == "agent" else who
    return {t.i for t in top.subtree}


def _verb_frame(verb: Token) -> Frame | None:
    speaker, confidence, who = _speaker(verb, "reported")
    if speaker is None:
        return None  # the outlet's "we believe that ...": its own (hedged) claim
    return Frame(speaker, verb, _core(verb, who), confidence)


def _noun_frame(noun: Token) -> Frame | None:
    """ "Russia shows clear evidence that ..." / "the Kremlin's announcement that ..."."""
    owner = _first(noun, ("poss",))
    verb = noun.head if noun.dep_ in ("dobj", "attr") and noun.head.pos_ == "VERB" else None
    who = owner or (verb and _subject(verb))
    if who is None:
        return None
    top = verb if owner is None and verb is not None else noun
    cue = noun.doc[min(top.i, noun.i):noun.i + 1].text
    speaker, confidence = _named_speaker(who, "reported", cue)
    if speaker is None:
        return None
    noun_phrase = {noun.i} | {t.i for c in noun.lefts for t in c.subtree}
    return Frame(speaker, verb or noun, _core(top, who) | noun_phrase, confidence)


def _accusation_frame(verb: Token) -> Frame | None:
    """ "which Putin blames for this massacre", "denounced as organized by the FSB by X"."""
    speaker, confidence, who = _speaker(verb, "reported")
    if who is None or speaker is None:
        return None
    return Frame(speaker, verb, _speaker_phrase(who), confidence)


def _claim_heads(sent: Span, quotes: list[Quote]) -> dict[int, Frame | None]:
    """Tokens heading a claim's clause in one sentence, each with its innermost frame.

    Reporting verbs that frame another head are dropped (they become speakers), as are
    hedge frames like "it is possible that ..." whose content is a claim of its own.
    """
    frame_at = {t.i: _frame_of(t) for t in sent}
    heads = [t for t in sent if t.dep_ == "ROOT" or _quote_root(t, quotes) or frame_at[t.i] is not None
             or (t.pos_ in ("VERB", "AUX") and t.dep_ == "conj" and _has_subject(t))]
    ids = {h.i for h in heads}
    frames = {h.i: None if _quote_at(h, quotes) else _innermost_frame(h, frame_at) for h in heads}
    framing = {f.verb.i for h, f in frames.items()
               if f is not None and f.verb is not None and f.verb.i != h and not _is_accusation(f.verb)}
    framing |= {q.verb.i for q in quotes if q.verb is not None and q.verb.sent.start == sent.start}
    for verb in list(framing):  # "are trying to prove", "was being forced to say"
        token = sent.doc[verb]
        while token.dep_ == "xcomp":
            token = token.head
            framing.add(token.i)
    return {h.i: frames[h.i] for h in heads if h.i not in framing and not _hedge_frame(h, ids)}


def _hedge_frame(head: Token, heads: set[int]) -> bool:
    """ "it is possible that <claim>": an impersonal copula whose content is split off."""
    return (head.lemma_ == "be" and any(c.lower_ == "it" and c.dep_ == "nsubj" for c in head.children)
            and any(c.dep_ == "acomp" for c in head.children)
            and any(t.i in heads for c in head.children if c.dep_ == "ccomp" for t in c.subtree))


def _quote_root(token: Token, quotes: list[Quote]) -> bool:
    """The top verb of a direct quotation (its head lies outside the quotation)."""
    quote = _quote_at(token, quotes)
    return token.pos_ in ("VERB", "AUX") and quote is not None and (
        token.head.i == token.i or _quote_at(token.head, quotes) is not quote)


def _quote_at(token: Token, quotes: list[Quote]) -> Quote | None:
    return next((q for q in quotes if q.start <= token.idx < q.end), None)


def _innermost_frame(head: Token, frame_at: dict[int, Frame | None]) -> Frame | None:
    """The nearest frame above a clause head; claims nested in reported content inherit it."""
    node = head
    while True:
        frame = frame_at[node.i]
        if frame is not None or node.head.i == node.i:
            return frame
        node = node.head


# --------------------------------------------------------------------------- the stage


@dataclass
class _Clause:
    head: Token
    tokens: list[Token]
    frame: Frame | None
    quote: Quote | None

    @property
    def start(self) -> int:
        return self.tokens[0].idx

    @property
    def end(self) -> int:
        return self.tokens[-1].idx + len(self.tokens[-1])


def _clause_tokens(head: Token, heads: set[int], framing: set[int],
                   is_metadata: Callable[[int, int], bool]) -> list[Token]:
    """The head's subtree without nested claims, frames and metadata, trimmed at the edges."""
    drop = set(framing)
    for token in head.subtree:
        if token.i != head.i and token.i in heads:
            drop |= {t.i for t in token.subtree}
    tokens = [t for t in head.subtree if t.i not in drop and not t.is_space and not is_metadata(t.idx, t.idx + len(t))]
    while tokens and tokens[0].i != head.i and (_loose(tokens[0]) or _complementizer(tokens[0])):
        tokens.pop(0)
    while tokens and tokens[-1].i != head.i and (_loose(tokens[-1]) or tokens[-1].dep_ == "mark"):
        tokens.pop()
    return _balance_quotes(tokens)


def _loose(token: Token) -> bool:
    """An edge token left over from cutting: punctuation or a conjunction. Quotation marks
    stay while their partner is inside (see _balance_quotes)."""
    return (token.is_punct and not token.is_quote) or token.dep_ == "cc"


def _complementizer(token: Token) -> bool:
    """The "that" of "claims that ...", which belongs to the frame, not the content."""
    return token.dep_ == "mark" and token.lower_ in ("that", "whether", "if")


def _balance_quotes(tokens: list[Token]) -> list[Token]:
    """Drop a quotation mark at either edge whose partner was cut off, with the punctuation
    it leaves exposed."""
    if tokens and tokens[0].is_quote and not any(t.is_quote for t in tokens[1:]):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct and (not tokens[-1].is_quote or not any(t.is_quote for t in tokens[:-1])):
        tokens = tokens[:-1]
    return tokens


def clauses(ctx: DocContext) -> list[_Clause]:
    """Every claim-bearing clause in the document, in text order."""
    quotes = direct_quotes(ctx.doc)
    out: dict[tuple[int, int], _Clause] = {}
    for sent in ctx.doc.sents:
        heads = _claim_heads(sent, quotes)
        # A frame's words belong to no claim, also where the parser hangs them inside another
        # claim's clause ("the attack was planned abroad, adding that ...").
        framing = {i for frame in heads.values() if frame is not None for i in frame.tokens}
        for i, frame in heads.items():
            head = ctx.doc[i]
            tokens = _clause_tokens(head, set(heads), framing - {i}, ctx.document.is_metadata)
            if _is_claim(tokens):
                clause = _Clause(head, tokens, frame, _quote_at(head, quotes))
                out.setdefault((clause.start, clause.end), clause)  # one claim per span: ids are offsets
    return [out[span] for span in sorted(out)]


def _is_claim(tokens: list[Token]) -> bool:
    """A clause with a verb and two words, or a verbless line (a headline) of four."""
    words = [t for t in tokens if t.is_alpha]
    return len(words) >= 4 or len(words) >= 2 and any(t.pos_ in ("VERB", "AUX") for t in tokens)


@registry.document_stage("claims", version=VERSION, needs=("parse", "sentence", "entity", "date", "quantity"),
                         adds=("claim",))
def claims(ctx: DocContext) -> list[Claim]:
    """Clause-level claims with speaker, stance, hedges, kind, slots, links and check-worthiness."""
    found = clauses(ctx)
    texts = [ctx.text[c.start:c.end] for c in found]
    scores = checkworthy.score(texts)
    outlet = ctx.document.outlet or ctx.document.id
    return [_claim(ctx, clause, text, score, outlet) for clause, text, score in zip(found, texts, scores)]


def _claim(ctx: DocContext, clause: _Clause, text: str, score: float, outlet: str) -> Claim:
    speaker, speaker_conf, cue_lemma = _claim_speaker(clause, outlet)
    negated = _negated(clause)
    kind, kind_conf = _kind(ctx, clause, speaker)
    stance = "denies" if negated or cue_lemma in DENIAL else "asserts" if speaker.kind == "outlet" else "reports"
    start, end = clause.start, clause.end
    return Claim(
        id=ctx.make_id("c", start, end), doc_id=ctx.document.id, start=start, end=end, component="counterclaim.claims",
        version=VERSION, confidence=round(min(speaker_conf, kind_conf), 2), text=text,
        sentence_id=_sentence_id(ctx, start), speaker=speaker, stance=stance, negated=negated,
        hedges=_hedges(clause), kind=kind, checkworthiness=round(score, 4), slots=_slots(clause, kind),
        entity_ids=_overlapping(ctx.get(Entity), start, end), quantity_ids=_overlapping(ctx.get(Quantity), start, end),
        date_ids=_overlapping(ctx.get(DateMention), start, end),
    )


def _sentence_id(ctx: DocContext, start: int) -> str | None:
    """The nlp stage's sentence holding a claim."""
    return next((s.id for s in ctx.get(Sentence) if s.start <= start < s.end), None)


def _claim_speaker(clause: _Clause, outlet: str) -> tuple[Speaker, float, str | None]:
    """Speaker, its confidence and the frame verb's lemma (for denial verbs)."""
    if clause.quote is not None and clause.quote.speaker is not None:
        return clause.quote.speaker, clause.quote.confidence, None
    frame = clause.frame
    if frame is None or frame.speaker is None:
        return Speaker(kind="outlet", name=outlet), CONFIDENCE["outlet"], None
    return frame.speaker, frame.confidence, frame.verb.lemma_.lower() if frame.verb is not None else None


_NESTED = ("relcl", "acl", "advcl", "ccomp", "pcomp", "csubj", "parataxis")


def _core_of(token: Token, head: Token, content: bool = False) -> bool:
    """Whether a token belongs to the clause itself rather than to a clause nested in it
    (a relative clause, an adverbial clause, a complement). With ``content``, clauses
    that carry what the main clause says count as its own (see _carries_content)."""
    while token.i != head.i:
        if token.dep_ in _NESTED and not (content and _carries_content(token)):
            return False
        token = token.head
    return True


def _carries_content(token: Token) -> bool:
    """ "the facts are *that ISIS had taken responsibility*", "the fact *that ISIS is involved*",
    "It is the one *that orchestrated* ...", "denounced *as organized by* the FSB", "every
    reason *to believe that* ..."; but not
    "the question of *who ordered it*" or "the man *who ordered it*"."""
    return (token.dep_ == "ccomp" or token.dep_ == "acl" and _marked(token, "that")
            or token.dep_ in ("relcl", "acl") and (token.head.dep_ == "attr" or _is_reporting(token))
            or token.dep_ == "advcl" and _marked(token, "as"))


def _negated(clause: _Clause) -> bool:
    """Clause negation: "not", "never", "has none of", "no one else" (but not "not only")."""
    for token in clause.tokens:
        low = token.lower_
        if low in NEGATIONS and _core_of(token, clause.head) and not (
                low == "not" and token.i + 1 < len(token.doc) and token.nbor(1).lower_ in ("only", "just")):
            return True
    return False


_LEADS_IN = re.compile(r"[\s,]*(?:that\b)?[\s,]*")


def _hedges(clause: _Clause) -> list[Hedge]:
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


# --------------------------------------------------------------------------- kinds and slots


def _attribution_cue(clause: _Clause) -> Token | None:
    """The token that makes a clause about responsibility ("carried out", "was behind",
    "ordered", "claim credit"), in the clause itself: not in "the question of who ordered
    it" or "the man who ordered it"."""
    for token in clause.tokens:
        lemma = token.lemma_.lower()
        if not _core_of(token, clause.head, content=True):
            continue
        if token.pos_ == "VERB" and (lemma in ATTRIBUTION or lemma == "carry" and _particle(token) == "out"):
            return token
        if token.lower_ == "behind" and token.head.lemma_ == "be":
            return token.head
        if lemma in RESPONSIBILITY:
            return token
    return None


def _kind(ctx: DocContext, clause: _Clause, speaker: Speaker) -> tuple[str, float]:
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


def _aux(head: Token) -> set[str]:
    return {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}


def _is_call(head: Token) -> bool:
    """ "Communists must prepare ...", "workers need to join ...", sentence-initial imperatives."""
    if _aux(head) & CALL_MODALS:
        return True
    subject = _subject(head)
    if head.lemma_ in ("need", "have") and any(c.dep_ == "xcomp" and "to" in _aux(c) for c in head.children):
        return subject is not None and subject.lower_ not in ("it", "there")
    return head.tag_ == "VB" and head.dep_ == "ROOT" and subject is None and not _aux(head) \
        and head.i == head.sent.start


def _is_prediction(head: Token) -> bool:
    """ "They will increase ...", "is going to ...", and consequences: "This means world war"."""
    if _aux(head) & {"will", "shall", "'ll", "’ll"}:
        return True
    if head.lemma_ == "go" and head.tag_ == "VBG" and _first(head, ("xcomp",)) is not None:
        return True
    subject = _subject(head)
    return (head.lemma_ == "mean" and subject is not None and subject.lower_ in ("this", "that")
            and any(c.dep_ == "dobj" and c.pos_ == "NOUN" for c in head.children))


def _has_figure(ctx: DocContext, clause: _Clause) -> bool:
    """A figure with a measure: from the quantities stage, or spaCy's numeric entities without it."""
    quantities = ctx.get(Quantity)
    if not quantities:
        return any(t.ent_type_ in ("CARDINAL", "MONEY", "PERCENT", "QUANTITY") for t in clause.tokens)
    starts = {t.idx for t in clause.tokens}
    return any((q.measure or q.unit) and any(q.start <= s < q.end for s in starts) for q in quantities)


def _is_evaluation(clause: _Clause) -> bool:
    """Value judgements: a copula with an adjective, superlatives, or evaluative words."""
    head = clause.head
    if head.lemma_ in ("be", "seem", "appear", "become") and any(c.dep_ == "acomp" and c.tag_ == "JJ"
                                                                   for c in head.children):
        return True
    return any(t.tag_ in ("JJS", "RBS") or t.lemma_.lower() in EVALUATIVE for t in clause.tokens)


def _slots(clause: _Clause, kind: str) -> Slots:
    """Agent, predicate, patient and place of the clause (of its attribution cue, if any).

    For an accusation ("which Putin blames for this massacre") the agent is the accused
    party: the slots describe the content, the speaker says who holds it.
    """
    cue = _attribution_cue(clause) if kind == "attribution" else None
    verb = clause.head if cue is None else _governing_verb(cue)
    if _is_accusation(verb):
        agent = _first(verb, ("dobj",)) or (verb.head if verb.dep_ == "relcl" else None)
        patient = _pobj(verb, "for")
    elif _first(verb, ("auxpass", "nsubjpass")) is not None or (
            verb.tag_ == "VBN" and verb.dep_ == "acl" and _first(verb, ("nsubj",)) is None):
        agent = _by_agent(verb)
        patient = _first(verb, ("nsubjpass",)) or (verb.head if verb.dep_ == "acl" else None)
    else:
        agent = _subject(verb)
        patient = _object(verb)
    if cue is not None and cue.lemma_.lower() in RESPONSIBILITY:  # "claimed responsibility for the attack"
        patient = _pobj(cue, "for") or _pobj(verb, "for") or (patient if patient is not None and patient.i != cue.i else None)
    predicate = _predicate(verb, cue)
    about_event = kind == "attribution"
    return Slots(agent=_slot_text(agent, about_event), predicate=predicate, patient=_slot_text(patient, about_event),
                 place=_place(clause))


def _governing_verb(token: Token) -> Token:
    """The token itself if a verb, else its nearest verbal ancestor ("responsible" -> "was")."""
    return next((t for t in (token, *token.ancestors) if t.pos_ in ("VERB", "AUX")), token)


def _first(token: Token, deps: tuple[str, ...]) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def _pobj(token: Token, preposition: str) -> Token | None:
    return next((g for c in token.children if c.lower_ == preposition for g in c.children if g.dep_ == "pobj"), None)


def _particle(token: Token) -> str | None:
    particle = _first(token, ("prt",))
    return particle.lower_ if particle is not None else None


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
        found = _first(node, ("dobj", "attr", "acomp")) or _pobj(node, "behind") or _first(node, ("npadvmod",))
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
    particle = _particle(verb)
    if particle:
        return f"{lemma} {particle}"
    if lemma == "be" and _pobj(verb, "behind") is not None:
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
    return _phrase(token).text


def _place(clause: _Clause) -> str | None:
    """The first location governed by a locative preposition inside the clause."""
    inside = {t.i for t in clause.tokens}
    for token in clause.tokens:
        if token.ent_type_ in ("GPE", "LOC", "FAC") and token.head.lower_ in ("in", "at", "on", "near", "inside") \
                and token.head.i in inside and token.dep_ == "pobj":
            return _phrase(token).text
    return None
