"""Who says a clause: direct quotations, reporting verbs and their subjects, pronoun speakers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..model import Speaker
from .syntax import first_child, name_of, pobj
from .words import CONFIDENCE, EVENT_NOUNS, FIRST_PERSON, QUOTE_PAIRS, RECORD_NOUNS, REPORTING, RESPONSIBILITY, \
    SAID_NOUNS, SUBJECTS


@dataclass(frozen=True)
class Quote:
    """A direct quotation: the characters between the marks, and who is quoted."""

    start: int
    end: int
    speaker: Speaker | None
    confidence: float
    verb: Token | None


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans inside paired quotation marks, never across a blank line. A quotation still open where its
    paragraph ends runs to that end when the next paragraph opens a quotation (news style leaves it open when the
    quote goes on) or the paragraph is cut off with "..." ("How did we get here? This is a failure on the part of
    our community. Some are guilty but all of...", allsides:6111/left); a stray mark opens nothing."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    closers = ""
    padded = text + "\n\n"  # the last paragraph ends like the others
    for i, ch in enumerate(padded):
        if ch == "\n" and padded[i + 1:i + 2] == "\n":
            inside = text[opened:i].rstrip() if opened is not None else ""
            if inside and (inside.endswith(("...", "…")) or padded[i:].lstrip()[:1] in QUOTE_PAIRS):
                spans.append((opened, opened + len(inside)))
            opened = None
        elif opened is None and ch in QUOTE_PAIRS and not (ch == '"' and text[i - 1:i].isdigit()):  # 6'2"
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
            speaker, confidence, _ = speaker_of(verb, "quoted")
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
        if not (quote.start <= token.head.i < quote.end) and is_reporting(token.head):
            return token.head
    sent = doc[quote.start].sent
    before = [t for t in sent if t.i < quote.start and is_reporting(t)]
    if before:
        return before[-1]
    after_sent = doc[quote.end].sent if quote.end < len(doc) else None
    after = [t for t in (after_sent or []) if t.i >= quote.end and is_reporting(t)]
    return after[0] if after else None


NOMINAL = ("nsubj", "nsubjpass", "dobj", "pobj")


def is_reporting(token: Token) -> bool:
    """A reporting verb, but not "claimed responsibility" (an attribution, not a frame), nor a noun the tagger
    took for a verb ("reports" as a subject)."""
    return token.pos_ == "VERB" and token.lemma_.lower() in REPORTING and token.dep_ not in NOMINAL and not any(
        c.dep_ == "dobj" and c.lemma_.lower() in RESPONSIBILITY for c in token.children)


def subject_of(verb: Token) -> Token | None:
    """A verb's subject, shared through coordination, control and participles: "helped
    instigate", "was forced to say", "we believe", "adding that"."""
    node, deps = verb, ("nsubj", "csubj")
    while True:
        subject = first_child(node, deps)
        if subject is not None:
            return subject
        if node.dep_ in ("conj", "xcomp"):
            node = node.head
        elif node.dep_ == "advcl" and node.tag_ == "VBG" and first_child(node, ("mark",)) is None:
            # "X said ..., adding that ...": the participle shares the sayer's subject, also
            # when the parser hangs it on the reported clause
            node = node.head.head if node.head.dep_ == "ccomp" and is_reporting(node.head.head) else node.head
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


def speaker_of(verb: Token, kind: str) -> tuple[Speaker | None, float, Token | None]:
    """Speaker of a frame verb (None when it is the outlet in the first person), its
    confidence and the token naming it."""
    who = _passive_agent(verb) or subject_of(verb)
    if who is None:
        return Speaker(kind=kind, name="unspecified", cue=verb.text), CONFIDENCE["pronoun"], None  # type: ignore[arg-type]
    return (*named_speaker(who, kind, verb.text), who)


def named_speaker(who: Token, kind: str, cue: str) -> tuple[Speaker | None, float]:
    confidence = CONFIDENCE["frame"]
    if who.tag_ in ("WP", "WDT") and who.head.dep_ in ("relcl", "acl"):
        who = who.head.head
    if who.lower_ in FIRST_PERSON and who.pos_ == "PRON":  # "we", but not "the US"
        return None, CONFIDENCE["outlet"]
    if who.pos_ == "PRON":
        antecedent = _speaking(who)
        confidence = CONFIDENCE["resolved"] if antecedent is not None else CONFIDENCE["pronoun"]
        who = antecedent or who
    who = _author(who) or _members(who) or who
    name = _compound_name(who) or name_of(who)
    return Speaker(kind=kind, name=_full_name(name).text, start=name.start_char,  # type: ignore[arg-type]
                   end=name.end_char, cue=cue), confidence


# Entity labels that can name a source: people, organisations, groups and places.
SOURCE_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def _author(noun: Token) -> Token | None:
    """Whose word a said noun or a record is, when it says so: "a statement from the health ministry said", "the
    ministry's statement", "a statement on the defence ministry's website", "a Reuters report", "data compiled by
    the Gun Violence Archive", "the latest NBC News tally". A bare "statement" names no one; a common-noun modifier
    ("a news report") names no author either."""
    if noun.lemma_.lower() not in SAID_NOUNS and not is_record(noun):
        return None
    owner = first_child(noun, ("poss",))
    for prep in (c for c in noun.children if c.dep_ == "prep" and owner is None):
        obj = first_child(prep, ("pobj",))
        if obj is None:
            continue
        named = obj.pos_ == "PROPN" or obj.ent_type_ in SOURCE_ENTITIES
        if prep.lower_ == "of" and is_record(obj):
            owner = _author(obj)  # "a Wall Street Journal analysis of Johns Hopkins University data": whose data
        elif prep.lower_ in ("from", "by") or prep.lower_ == "of" and named:
            owner = obj
        elif prep.lower_ in ("on", "in"):  # "on the ministry's website", "on the website of Yemen's defence ministry"
            owner = first_child(obj, ("poss",)) or pobj(obj, "of")
    if owner is None:  # "data compiled by the Gun Violence Archive" (allsides:5892/center)
        owner = next((o for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"
                      for a in c.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"), None)
    if owner is None:  # the compound next to the noun, which holds the name's first words ("NBC News tally")
        owner = next((c for c in reversed(list(noun.lefts))
                      if c.dep_ == "compound" and (c.pos_ == "PROPN" or c.ent_type_ in SOURCE_ENTITIES)), None)
    return owner


def is_record(token: Token) -> bool:
    """A count or record whose compiler gives what it holds ("data", "tally"); by its word too, as spaCy lemmatises
    "data" "datum"."""
    return token.lemma_.lower() in RECORD_NOUNS or token.lower_ in RECORD_NOUNS


def _compound_name(token: Token) -> Span | None:
    """A name told as the compounds of a noun ("the latest NBC News tally"): all of them, not the one found."""
    if token.dep_ != "compound" or token.pos_ != "PROPN":
        return None
    names = [c for c in token.head.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    # One compound names itself with its own compounds ("New York Times report"): name_of reads those.
    return token.doc[names[0].left_edge.i:names[-1].i + 1] if len(names) > 1 else None


def _members(noun: Token) -> Token | None:
    """The people a singular common noun counts or picks out of: "a number of residents said", "a member of the
    militias said" are the residents and the militias, not "number" and "member"."""
    of = pobj(noun, "of") if noun.tag_ == "NN" else None
    return of if of is not None and of.tag_ in ("NNS", "NNPS") else None


def _full_name(name: Span) -> Span:
    """A person named again by surname ("Mr Babagana", "Ambassador Alhakim") is the one named in full before
    ("Mallam Babagana"), so that one speaker is not counted as two; when two people share the surname, as named."""
    last = name[-1]
    if last.pos_ != "PROPN":
        return name
    earlier = {e.text: e for e in name.doc.ents if e.label_ == "PERSON" and e.end <= name.start and len(e) >= 2
               and e[-1].text == last.text}
    return next(iter(earlier.values())) if len(earlier) == 1 and name.text not in earlier else name


def _speaking(pronoun: Token) -> Token | None:
    """Who a pronoun that speaks stands for: :func:`resolve_pronoun`, except that "it said" after "a statement on the
    website of Yemen's defence ministry" is that statement, and that "He also said" after a paragraph of Mr Alhakim's
    quotation is Mr Alhakim, looked for back to the previous paragraph when the two sentences before name no one."""
    low = pronoun.lower_
    if low == "it":
        said = next((t for t in _preceding(pronoun) if t.pos_ == "NOUN" and t.lemma_.lower() in SAID_NOUNS), None)
        return said or resolve_pronoun(pronoun)
    found = resolve_pronoun(pronoun)
    if found is not None or low not in ("he", "she"):
        return found
    text = pronoun.doc.text
    paragraph = text.rfind("\n\n", 0, pronoun.idx)
    previous = text.rfind("\n\n", 0, paragraph) if paragraph > 0 else -1  # -1: from the start
    for token in reversed(pronoun.doc[:pronoun.i]):
        if token.idx <= previous:
            break
        if token.ent_type_ == "PERSON" and token.pos_ == "PROPN":
            return token
    return None


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
