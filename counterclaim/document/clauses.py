"""Clauses of a sentence: the frames that attribute them and the tokens each claim is made of."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from ..model import Speaker
from ..pipeline import DocContext
from .numbers import TIME_UNITS
from .speakers import SOURCE_ENTITIES, Quote, direct_quotes, is_record, is_reporting, named_speaker, speaker_of, \
    subject_of
from .syntax import auxiliaries, first_child, marked
from .words import ACCUSATION, CLOSING_SOURCES, CONFIDENCE, CONTENT_NOUNS, DENIAL, DENIES_ANY_OBJECT, DIRECTIVE, \
    FALSITY, LABELS_FALSE, NEGATIONS, REJECTING, REPORTING, SAID_NOUNS, SUBJECTS, TALLY, TRUTH


@dataclass
class Frame:
    """What attributes a clause: the speaker (None for the outlet) and the frame's own tokens
    (the reporting verb, its subject, auxiliaries and adverbs: where a frame's hedges sit)."""

    speaker: Speaker | None
    verb: Token | None
    tokens: set[int] = field(default_factory=set)
    confidence: float = CONFIDENCE["frame"]
    directive: bool = False
    denies: bool = False  # the speaker rejects what the frame carries ("shot down the story that ...")
    closing: bool = False  # "..., police said.": its verb closes the sentence and is no part of what it carries


def _has_subject(token: Token) -> bool:
    return any(c.dep_ in SUBJECTS for c in token.children)


def _frame_of(node: Token) -> Frame | None:
    """The frame that makes ``node``'s clause someone else's, if any."""
    head = node.head
    if node.dep_ == "ccomp" and is_reporting(head) and not _raising(head):
        return _verb_frame(_denied_report(head) or head)
    if node.dep_ == "relcl" and head.dep_ == "npadvmod" and head.ent_type_ == "DATE" and is_reporting(head.head) \
            and not _raising(head.head):  # "Tedros said Wednesday the death toll stood at 207" (ptc:111111111): the
        return _verb_frame(head.head)  # parser takes the clause for the day's relative clause
    if node.dep_ == "xcomp" and head.lemma_.lower() in DIRECTIVE and head.pos_ == "VERB":
        frame = _verb_frame(head)
        return replace(frame, directive=True) if frame is not None else None
    if node.dep_ in ("acl", "ccomp", "relcl") and head.lemma_.lower() in CONTENT_NOUNS and (
            marked(node, "that") or (_called_false(head) is not None and _own_subject(node))):
        return _noun_frame(head)
    said = first_child(head, ("nsubj",))
    if node.dep_ == "ccomp" and marked(node, "that") and said is not None and said.lemma_.lower() in SAID_NOUNS:
        frame = _noun_frame(said)  # "rumours are circulating that ...", "a report went viral that ...": the verb frames
        return replace(frame, verb=head, tokens=frame.tokens | _core(head, None)) if frame is not None else None
    if node.dep_ == "ccomp" and marked(node, "that") and calls_false(head) and any(
            c.lower_ == "it" and c.dep_ == "nsubj" for c in head.children):  # "it is false that ..."
        return Frame(_outer_speaker(head), head, {head.i}, CONFIDENCE["frame"], denies=True)
    if is_accusation(node):
        return _accusation_frame(node)
    for child in node.children:
        if is_reporting(child) and (child.dep_ == "parataxis" or (child.dep_ == "advcl" and marked(child, "as"))):
            return _verb_frame(child)
        if child.lower_ == "according" and child.dep_ == "prep":
            source = [g for t in child.children if t.lower_ == "to" for g in t.children if g.dep_ == "pobj"]
            if source:
                speaker, confidence = named_speaker(source[0], "reported", "according to")
                return Frame(speaker, None, {t.i for t in child.subtree}, confidence)
    return _tally_frame(node)


def _tally_frame(verb: Token) -> Frame | None:
    """A count its subject gives: "the Gun Violence Archive reported 189 people killed" (allsides:5892/center), "The
    WHO has tallied 32 suspected or confirmed cases ..., including 18 deaths" (ptc:756114837). The clause stays whole,
    told by its subject, as an "according to" tells it."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in TALLY \
            or not any(c.dep_ == "dobj" and _counts(c) for c in verb.children):
        return None
    who = subject_of(verb)
    if not _can_tally(who):
        return None
    speaker, confidence = named_speaker(who, "reported", verb.text)
    return Frame(speaker, None, _speaker_phrase(who), confidence)


def _can_tally(subject: Token | None) -> bool:
    """A subject that gives a count rather than suffers it: a named body or person, a source noun ("police",
    "officials") or a record ("data compiled by the CDC"); not a place ("the country has recorded 651,690 deaths,
    according to the latest NBC News tally", allsides:5724/left)."""
    if subject is None or subject.ent_type_ in ("GPE", "LOC"):
        return False
    return subject.ent_type_ in SOURCE_ENTITIES or is_record(subject) \
        or bool({subject.lemma_.lower(), subject.lower_} & CLOSING_SOURCES)


_AGES = set(TIME_UNITS) | {"old"}


def _counts(noun: Token) -> bool:
    """An object phrase that holds a count ("189 people killed", "the deaths of three soldiers"), not an age
    ("Columbus police showed body camera footage of the shooting of a 16-year-old girl", allsides:6111/center)."""
    doc = noun.doc
    return any(t.like_num and t.head.lemma_.lower() not in _AGES
               and not (t.i + 1 < len(doc) and doc[t.i + 1].text == "-") for t in noun.subtree)


def _raising(verb: Token) -> bool:
    """ "gunmen believed to be Boko Haram fighters attacked ...": a reporting verb right before "to be" describes
    its subject ("believed to be", "said to be"); the parser may still hang the sentence on it, but the subject
    is not the one who believes."""
    doc = verb.doc
    return verb.i + 2 < len(doc) and doc[verb.i + 1].lower_ == "to" and doc[verb.i + 2].lemma_ == "be"


def _denied_report(verb: Token) -> Token | None:
    """The denial verb whose object a reporting participle describes ("denied Israeli reports stating that
    ..."): what the reports state is denied, as in "denied reports that ...", by the denier."""
    noun = verb.head if verb.dep_ == "acl" else None
    if noun is not None and noun.dep_ == "dobj" and noun.head.lemma_.lower() in DENIAL:
        return noun.head
    return None


def _phrasal(verb: Token, deps: tuple[str, ...], particles: frozenset[str] | None = None) -> str:
    """A verb's lemma with its particle, where it has one of ``deps`` (and of ``particles``): "shot down" -> "shoot
    down", "ruled out" -> "rule out"."""
    lemma = verb.lemma_.lower()
    particle = next((c.lower_ for c in verb.children
                     if c.dep_ in deps and (particles is None or c.lower_ in particles)), None)
    return f"{lemma} {particle}" if particle else lemma


def _rejecting(verb: Token) -> str | None:
    """A verb's lemma with its particle ("shot down" -> "shoot down"), when it rejects a report it takes as object."""
    phrase = _phrasal(verb, ("prt", "advmod"), _REJECTING_PARTICLES)
    return phrase if phrase in REJECTING else None


_REJECTING_PARTICLES = frozenset({"down", "back", "off", "aside"})


def _called_false(noun: Token) -> Token | None:
    """The copula that calls a said noun false ("reports that ... are false", "... are not true", "are 'lies'"),
    also where the parser makes the noun an object and the copula a subjectless complement of the same verb
    ("say reports she took photo are 'lies'")."""
    if noun.lemma_.lower() not in SAID_NOUNS:
        return None
    if noun.dep_ in ("nsubj", "nsubjpass") and calls_false(noun.head):
        return noun.head
    if noun.dep_ == "dobj":
        return next((c for c in noun.head.children if c.dep_ == "ccomp" and c.i > noun.i and not _has_subject(c)
                     and calls_false(c)), None)
    return None


def calls_false(verb: Token) -> bool:
    """A copula predicating falsity ("is false", "are lies") or a negated truth ("are not true")."""
    if verb.lemma_ != "be":
        return False
    predicates = [c for c in verb.children if c.dep_ in ("acomp", "attr")]
    predicates += [c for p in predicates for c in p.children if c.dep_ == "conj"]  # "'incorrect' and 'unfounded'"
    negated = any(c.dep_ == "neg" or c.lower_ in NEGATIONS for c in verb.children)
    return any(p.lemma_.lower() in FALSITY or (negated and p.lemma_.lower() in TRUTH) for p in predicates)


def _own_subject(clause: Token) -> bool:
    """A clause with a subject of its own, not a relative pronoun ("reports she took a selfie")."""
    subject = first_child(clause, SUBJECTS)
    return subject is not None and subject.tag_ not in ("WDT", "WP")


def _outer_speaker(verb: Token) -> Speaker | None:
    """Who says the clause ``verb`` heads: the nearest frame above it (None: the outlet)."""
    node = verb
    while True:
        frame = _frame_of(node)
        if frame is not None:
            return frame.speaker
        if node.head.i == node.i:
            return None
        node = node.head


def denial_verb(verb: Token) -> str | None:
    """A verb's denial lemma, with its particle where it has one ("ruled out" -> "rule out")."""
    phrase, lemma = _phrasal(verb, ("prt",)), verb.lemma_.lower()
    return phrase if phrase in DENIAL else lemma if lemma in DENIAL else None


def _rejection_frame(verb: Token) -> Frame | None:
    """A clause whose verb denies or rejects a report it names, with nothing it carries ("Cruz vehemently
    denied the rumors", "the claim is being shot down by the alleged victim"), or, in the active voice, denies
    whatever it takes as object ("police ruled out terrorism"): the rejecter's denial. Negated, it is no denial but
    the subject's report ("authorities have not ruled out the possibility that ...")."""
    denial = denial_verb(verb)
    if verb.pos_ != "VERB" or not (denial or _rejecting(verb) or _labels_false(verb)):
        return None
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    objects += [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    any_object = denial in DENIES_ANY_OBJECT and not any(c.dep_ in ("dative", "auxpass", "nsubjpass")
                                                         for c in verb.children) and any(
        c.dep_ == "dobj" and c.pos_ != "PRON" for c in verb.children)
    if not (any_object or any(o.lemma_.lower() in SAID_NOUNS for o in objects)):
        return None
    speaker, confidence, who = speaker_of(verb, "reported")
    if speaker is None:
        return None
    return Frame(speaker, verb, _core(verb, who), confidence, denies=not is_negated(verb))


def is_negated(verb: Token) -> bool:
    """A verb with a negation of its own or a negative subject ("did not deny", "has not ruled out", "nobody has
    ruled out", "no one has ruled out")."""
    return any(c.dep_ == "neg" or (c.dep_ in ("nsubj", "nsubjpass") and (
        c.lower_ in NEGATIONS or any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
        or (c.lower_ == "one" and c.i > 0 and c.nbor(-1).lower_ == "no"))) for c in verb.children)


def _labels_false(verb: Token) -> bool:
    """A verb that gives what it names a name of falsity, unnegated: "Bettman called the report a 'complete
    fabrication'" (fnc1:287), not "did not call the report a fabrication"."""
    return verb.lemma_.lower() in LABELS_FALSE and not any(c.dep_ == "neg" for c in verb.children) and any(
        c.dep_ in ("oprd", "xcomp", "attr") and c.lemma_.lower() in FALSITY for c in verb.children)


def is_accusation(token: Token) -> bool:
    """An accusation verb, but not the idiom "X is to blame"."""
    return token.pos_ == "VERB" and token.lemma_.lower() in ACCUSATION and not (
        token.head.lemma_ == "be" and "to" in auxiliaries(token))


def _core(verb: Token, who: Token | None) -> set[int]:
    """A frame's own tokens: the verb, its speaker phrase, auxiliaries, negation and adverbs."""
    core = {verb.i} | {c.i for c in verb.children if c.dep_ in ("aux", "auxpass", "neg", "advmod", "mark", "prt")}
    return core | _speaker_phrase(who) if who is not None else core


def _speaker_phrase(who: Token) -> set[int]:
    """The tokens naming a speaker, with the "by" of a passive agent."""
    top = who.head if who.head.dep_ == "agent" else who
    return {t.i for t in top.subtree}


def _verb_frame(verb: Token) -> Frame | None:
    speaker, confidence, who = speaker_of(verb, "reported")
    if speaker is None:
        return None  # the outlet's "we believe that ...": its own (hedged) claim
    return Frame(speaker, verb, _core(verb, who), confidence)


def _noun_frame(noun: Token) -> Frame | None:
    """ "Russia shows clear evidence that ..." / "the ministry's announcement that ..."; with no one named,
    what a said noun carries is passed on ("pushing back against a report that ...": unnamed reports), while
    "there is evidence that ..." stays the outlet's."""
    if (copula := _called_false(noun)) is not None:  # "reports that ... are false": their content is denied
        return Frame(_outer_speaker(copula), copula, {noun.i, copula.i}, CONFIDENCE["frame"], denies=True)
    owner = first_child(noun, ("poss",))
    verb = noun.head if noun.dep_ in ("dobj", "attr") and noun.head.pos_ == "VERB" else None
    if noun.dep_ == "pobj" and noun.head.head.pos_ == "VERB" and _rejecting(noun.head.head):
        verb = noun.head.head  # "pushing back against a report that ..."
    rejects = verb is not None and bool(_rejecting(verb))
    # The one who denies a report is its subject, not whose report it is ("denied CNN's allegations that ...").
    denier = subject_of(verb) if verb is not None and (rejects or verb.lemma_.lower() in DENIAL) else None
    who = denier or owner or (verb and subject_of(verb))
    if who is None:
        governor = noun.head.head if noun.dep_ == "pobj" else None
        if governor is not None and is_reporting(governor):  # "Human Rights Watch said in a report that ..."
            return _verb_frame(governor)
        if noun.lemma_.lower() not in SAID_NOUNS:
            return None
        phrase = noun.doc[min([noun.i] + [t.i for c in noun.lefts for t in c.subtree]):noun.i + 1]
        speaker = Speaker(kind="reported", name="unnamed reports", cue=phrase.text)
        return Frame(speaker, noun, {t.i for t in phrase}, CONFIDENCE["frame"])
    top = verb if (owner is None or denier is not None) and verb is not None else noun
    cue = noun.doc[min(top.i, noun.i):noun.i + 1].text
    speaker, confidence = named_speaker(who, "reported", cue)
    if speaker is None:
        return None
    noun_phrase = {noun.i} | {t.i for c in noun.lefts for t in c.subtree}
    return Frame(speaker, verb or noun, _core(top, who) | noun_phrase, confidence, denies=rejects)


def _accusation_frame(verb: Token) -> Frame | None:
    """ "which Moscow blames for the blast", "denounced as organized by the FSB by X"."""
    speaker, confidence, who = speaker_of(verb, "reported")
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
    frames = {h.i: None if _quote_at(h, quotes) else _innermost_frame(h, frame_at) or _rejection_frame(h)
              for h in heads}
    final = _final_according(sent, frame_at) or _final_report(sent)
    if final is not None:  # "..., according to officials." at a sentence's end is the whole sentence's source
        frames = {i: final if (f is None or final.verb is not None and f.verb is not None and f.verb.i == final.verb.i)
                  and not _quote_at(sent.doc[i], quotes) else f for i, f in frames.items()}
    framing = {f.verb.i for h, f in frames.items()
               if f is not None and f.verb is not None and f.verb.i != h and not is_accusation(f.verb)}
    framing |= {q.verb.i for q in quotes if q.verb is not None and q.verb.sent.start == sent.start}
    for verb in list(framing):  # "are trying to prove", "was being forced to say"
        token = sent.doc[verb]
        while token.dep_ == "xcomp":
            token = token.head
            framing.add(token.i)
    return {h.i: frames[h.i] for h in heads if h.i not in framing and not _hedge_frame(h, ids)}


def _final_according(sent: Span, frame_at: dict[int, Frame | None]) -> Frame | None:
    """The frame of an "according to X" that closes the sentence after a comma (the parser hangs it on the
    nearest verb, but news style puts it there for the whole sentence); without the comma when X is a name
    ("... during a day off according to NBC News.")."""
    for token in sent:
        if token.lower_ != "according" or token.dep_ != "prep" or token.i == sent.start:
            continue
        source = [g for t in token.children if t.lower_ == "to" for g in t.children if g.dep_ == "pobj"]
        if token.nbor(-1).text != "," and not (source and (source[0].pos_ == "PROPN" or source[0].ent_type_)):
            continue
        after = sent.doc[max(t.i for t in token.subtree) + 1:sent.end]
        if all(t.is_punct or t.is_space for t in after):
            return frame_at.get(token.head.i)
    return None


def _final_report(sent: Span) -> Frame | None:
    """ "..., a military source and residents said on Monday." / "..., US media have reported." / "..., WCVB and NBC
    News report.": a comma, a noun phrase, a reporting verb and nothing but its time, place or addressee closing
    the sentence attribute everything before the comma, however the parser attached the verb."""
    commas = [t for t in sent if t.text == "," and t.i > sent.start]
    if not commas:
        return None
    tail = [t for t in sent.doc[commas[-1].i + 1:sent.end] if not (t.is_punct or t.is_space)]
    verb = next((t for t in tail if t.lemma_.lower() in REPORTING and t.i > tail[0].i), None) if tail else None
    if verb is None or any(t.i > verb.i and (t.pos_ in ("VERB", "AUX") or t.lower_ in ("that", "whether"))
                           for t in tail):
        return None  # "..., police said the gunman had fled": the verb carries a clause of its own
    if any(t.lemma_ == "be" for t in tail if t.i < verb.i):
        return None  # "..., two were reported": a passive tells what is reported, not who reports it
    phrase = [t for t in tail if t.i < verb.i and t.pos_ != "AUX"]
    if not phrase or any(t.pos_ not in ("DET", "ADJ", "NOUN", "PROPN", "PRON", "NUM", "CCONJ", "PART") for t in phrase):
        return None
    inside = {t.i for t in phrase}
    who = next((t for t in phrase if t.head.i not in inside and t.pos_ in ("NOUN", "PROPN", "PRON")), None)
    if who is None or not any(t.pos_ in ("VERB", "AUX") for t in sent.doc[sent.start:commas[-1].i]):
        return None
    if not (who.pos_ in ("PRON", "PROPN") or who.ent_type_ or first_child(who, ("poss",)) is not None
            or who.lower_ in CLOSING_SOURCES or who.lemma_.lower() in CLOSING_SOURCES):
        return None  # "..., Fatalities Reported": what is reported, not who reports it
    speaker, confidence = named_speaker(who, "reported", verb.text)
    if speaker is not None and who.pos_ != "PRON":  # the phrase itself: the parser may hang the verb on it
        words = [t for t in phrase if t.pos_ != "DET"]
        speaker = speaker.model_copy(update={"name": sent.doc[words[0].i:words[-1].i + 1].text,
                                             "start": words[0].idx, "end": words[-1].idx + len(words[-1])})
    return Frame(speaker, verb, {t.i for t in tail}, confidence, closing=True) if speaker is not None else None


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


@dataclass
class Clause:
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


def clauses(ctx: DocContext) -> list[Clause]:
    """Every claim-bearing clause in the document, in text order."""
    quotes = direct_quotes(ctx.doc)
    out: dict[tuple[int, int], Clause] = {}
    for sent in ctx.doc.sents:
        heads = _claim_heads(sent, quotes)
        # A frame's words belong to no claim, also where the parser hangs them inside another
        # claim's clause ("the attack was planned abroad, adding that ...").
        framing = {i for frame in heads.values() if frame is not None for i in frame.tokens}
        for i, frame in heads.items():
            head = ctx.doc[i]
            closing = frame is not None and frame.closing and frame.verb is not None and frame.verb.i == i
            keep = set() if closing else {i}  # "..., US media have reported.": the verb heads nothing it says
            tokens = _clause_tokens(head, set(heads), framing - keep, ctx.document.is_metadata)
            if _is_claim(tokens):
                clause = Clause(head, tokens, frame, _quote_at(head, quotes))
                out.setdefault((clause.start, clause.end), clause)  # one claim per span: ids are offsets
    return [out[span] for span in sorted(out)]


def _is_claim(tokens: list[Token]) -> bool:
    """A clause with a verb and two words, or a verbless line (a headline) of four; a figure is a word
    ("five were killed and 10 injured": '10 injured' is a claim of its own)."""
    words = [t for t in tokens if t.is_alpha or t.like_num]
    return len(words) >= 4 or len(words) >= 2 and any(t.pos_ in ("VERB", "AUX") for t in tokens)


_NESTED = ("relcl", "acl", "advcl", "ccomp", "pcomp", "csubj", "parataxis")


def core_of(token: Token, head: Token, content: bool = False) -> bool:
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
    return (token.dep_ == "ccomp" or token.dep_ == "acl" and marked(token, "that")
            or token.dep_ in ("relcl", "acl") and (token.head.dep_ == "attr" or is_reporting(token))
            or token.dep_ == "advcl" and marked(token, "as"))
