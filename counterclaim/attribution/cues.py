"""Responsibility cues: which actor a claim puts in the role of the one who did it, and in whose voice."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Literal

from .. import lexicons
from ..model import Claim
from .forms import (conditional_before, event_in, find_forms, harms_the_perpetrator, nearest_before, not_evidence,
                    not_in_event, other_event, prepositional_object, speakers)
from .lexicon import Lexicon, Mention
from .records import Polarity
from .responsibility import (BEHIND, CREDIT_CLAIM, NO_EVIDENCE_WORDS, NO_ONE_ELSE, PERPETRATED, PERPETRATION_VERBS,
                             negated)

# A responsibility phrase and where the actor stands relative to it.
#   agent:     "REvil carried out", "Russia has been behind", "X helped plan"  (actor before)
#   passive:   "carried out by Hamas", "assassinated by gunmen"              (actor after "by")
#   claimed:   "ISIS-K ... claim credit" — the actor speaks for itself       (actor before)
#   self-deny: "the ministry denies any involvement"                          (actor before)
#   deny:      "Ukraine is not responsible", "X had no role"                 (actor before)
#   only:      "the only one ... is X", "X and no one else"
#   blame:     "Russia blamed the US", "accused Iran"                        (actor after; blamer before)
#   incriminate: "the evidence implicates X"                                (actor after; the speaker's voice)
# The wording shared with alignment frames (credit, perpetration, negation) is in responsibility.py.
SELF_DENY = lexicons.alternation("denial", "self-deny")
# "The U.S. Marine Corps sharply denied the allegations" (fnc1:566, attribution readings): the charges its subject
# denies are its own, unless the sentence says whose ("the claims that X ...", "the accusations of Y").
DENIED_CHARGES = r"(?:the|these|those|such|all|any)\s+(?:allegations?|accusations?|charges?|claims?)\b" \
                 r"(?!\s+(?:that|of|by|from|made|about)\b)"
DENIED_PART = rf"(?:(?:any\s+)?(?:involvement|responsibility|role|part)\b|{DENIED_CHARGES})"
BLAME = r"blam(?:es|ed|ing|e)|accus(?:es|ed|ing|e)|holds? responsible|condemn(?:s|ed|ing)?"
# Hiring or recruiting takes part in a deed only when it hires someone to do something, in the same clause ("hired
# foreign doctors to run an organ trafficking system"), not when it hires a lawyer.
HIRED_TO = r"\b(?=(?:(?!\b(?:and|but|or)\b)[^.;,]){0,60}?\bto\s+(?!the\b|an?\b)[a-z]+\b)"
CUES: dict[str, re.Pattern[str]] = {
    "agent": re.compile(
        rf"\b(?:(?:helped )?(?:{PERPETRATION_VERBS})|{BEHIND}|"
        r"(?:is|are|was|were|being|been|be) (?:\w+ )?(?:responsible|complicit|to blame)|did (?:it|this|the (?:attack|massacre))|"
        rf"(?:recruit(?:ed|ing|s)?|hired){HIRED_TO}|(?:is|are|was|were|been|be) involved|involvement|"
        r"particip(?:ated|ating|ates?) in|t(?:ook|aking|akes?) part in|"
        r"slaughter(?:s|ed)? (?:his|its|their) own)\b(?!\s+by\b)", re.I),
    "passive": re.compile(rf"\b(?:{PERPETRATED}|planned)\s+by\b", re.I),
    "claimed": re.compile(rf"\b{CREDIT_CLAIM}\b", re.I),
    "self-deny": re.compile(rf"\b(?:{SELF_DENY})\s+{DENIED_PART}", re.I),
    "deny": re.compile(rf"\b(?:{lexicons.alternation('denial', 'deny')})", re.I),
    "only": NO_ONE_ELSE,
    "only-is": re.compile(r"\bthe only\b[^.;]{0,120}?\b(?:is|was)\s+", re.I),
    "blame": re.compile(rf"\b(?:{BLAME})\b", re.I),
    "incriminate": re.compile(r"\b(?:incriminat|implicat)\w*", re.I),
}
SUPPORTING = {"agent", "passive", "claimed", "only", "only-is", "blame", "incriminate"}
# The outlet distancing itself: its own claim becomes a dispute, a reported one is marked disputed.
# "Putin wants to blame Ukraine": an accusation someone is said to intend is theirs, never the outlet's own.
INTENT_BEFORE = re.compile(rf"\b(?:{lexicons.alternation('hedges', 'intent')})\s+$", re.I)
HEARSAY = re.compile(rf"\b(?:{lexicons.alternation('hedges', 'hearsay')})\b", re.I)
DOUBT = re.compile(rf"\b(?:{lexicons.alternation('hedges', 'doubt')})\b", re.I)
DISPUTE_AFTER = re.compile(rf"^['’]?s?\s+(?:{lexicons.alternation('hedges', 'dispute-after')})\b", re.I)
DISPUTE_BEFORE = re.compile(rf"\b(?:{lexicons.alternation('hedges', 'dispute-before')})\s+$", re.I)
# A name inside what is denied or said to lack evidence: "there is no evidence that X was involved",
# "Y rejected claims that X was behind it". A supporting cue there is a rejection.
DENIED_SCOPE = re.compile(rf"\b(?:{NO_EVIDENCE_WORDS}|(?:{lexicons.alternation('denial', 'claims')})"
                          rf"(?:\s+(?:the|any|all)?\s*(?:claims?|suggestions?|allegations?|reports?|accusations?))?)"
                          r"\s+(?:that|of)\s+[^.;:!?]{0,40}$", re.I)
# A name inside the content of someone's claim is theirs to assert, not the outlet's: "he also doubled down on a
# previous claim that Ukraine may have been involved" (The Moscow Times, dev), "Moscow's allegations that Kyiv ...".
CLAIM_CONTENT = re.compile(r"(?:\b([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)['’]s\s+(?:\w+\s+)?)?\b(?:claims?|allegations?|"
                           r"accusations?|assertions?|suggestions?|speculation|rumou?rs?|theor(?:y|ies)|narrative)\s+"
                           r"(?:that|of)\s+[^.;:!?]{0,40}$")
# "blame X for Y", "accuse X of Y": what follows "for"/"of" is the deed, not the accused.
BLAMED_FOR = re.compile(r"\b(?:for|of|over)\b", re.I)
ACCUSED_BEFORE = re.compile(rf"\b(?:{BLAME})\s+(?:the\s+)?$", re.I)
LISTED = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?")
# What the accused is accused of, after a parenthesis ("accused CNN - who published the story - of ...").
DEED = re.compile(r"[\s\-–—,]*(?:(?:who|which)\b[^-–—,;]{0,80}[-–—,]\s*|(?:[\w.’'-]+\s+){0,6}?)(?:for|of|over)\s+"
                  r"([^.;:!?]{1,80})", re.I)
# Where the actor may stand: within so many characters of its cue, in the same clause.
ACTOR_WINDOW = 60
AFTER_WINDOW = 45
# Words that end the stretch between an actor and its cue: the actor must be in the same clause.
RELATIVE = re.compile(r",\s*(?:which|who|whom)\b[^,.;]*,", re.I)
# A relative clause that reports what its antecedent says or thinks: ", who have assessed that ...".
SAYS_THAT = re.compile(r",\s*(?:who|which)\s+(?:\w+\s+){0,3}?(?:said|say|says|assessed|assess|believe[sd]?|think|thinks|"
                       r"thought|claimed|claim|claims|concluded|conclude|suspect(?:s|ed)?)\s+(?:that\s+)?", re.I)
RELATIVE_TAIL = re.compile(r"(?:,\s*|\s)(?:which|whom|who)\s+([^,.;]{1,40}?)\s*$", re.I)
SUBJECT_FILLER = {"could", "can", "may", "might", "would", "will", "have", "has", "had", "also", "openly", "or",
                  "covertly", "now", "to", "even", "then", "so", "and", "is", "are", "was", "were", "be", "not",
                  "tried", "tries", "try", "trying", "sought", "seek", "seeks", "wants", "want", "wanted", "sought to",
                  "falsely", "publicly", "repeatedly", "again", "already"}
SUBJECT_STOP = {"for", "by", "of", "to", "with", "from", "in", "on", "at", "it", "easier", "is", "are", "was"}


@dataclass(frozen=True)
class Hit:
    """An actor named in a responsibility role inside one claim."""

    claim: Claim
    mention: Mention
    cue: str
    cue_kind: str
    polarity: Polarity
    speaker: str
    speaker_kind: Literal["outlet", "quoted", "reported"]
    exclusive: bool = False
    disputed: bool = False


def _before(mentions: list[Mention], pos: int, text: str, window: int = ACTOR_WINDOW) -> Mention | None:
    """The closest actor ending before ``pos``, if it is in the same clause."""
    return nearest_before(mentions, pos, text, window)


def _after(mentions: list[Mention], pos: int, text: str, window: int = AFTER_WINDOW) -> Mention | None:
    """The closest actor starting after ``pos``, if no sentence or clause boundary lies between."""
    m = min((m for m in mentions if m.start >= pos), key=lambda m: m.start, default=None)
    gap = text[pos:m.start] if m else ""
    # "The only way I will rest in peace is if one day transgender people ...": a condition names no one.
    return m if m and len(gap) <= window and not re.search(r"[.;:!?]|\b(?:that|because|if|unless|when|whether)\b",
                                                           gap) else None


_NAME_WITH_ACRONYM = re.compile(r"[^()]*\(([A-Z][A-Z.&-]{1,9})\)")


def _acronym(match: re.Match[str]) -> str:
    """The acronym for the name before it, where its letters are the name's initials."""
    letters = re.sub(r"[^A-Z]", "", match.group(1))
    words = re.findall(r"[A-Z][\w’'-]*", match.group()[:match.start(1) - match.start()])
    initials = "".join(w[0] for w in words[-len(letters):])
    return f" {match.group(1)} " if initials == letters and letters.lower() not in SUBJECT_FILLER else match.group()


def subject_before(text: str) -> str:
    """The words naming who blames/accuses: the end of the clause before the cue."""
    clause = re.split(r"[,.;:]|\bthat\b", text)[-1]
    # A name with its acronym is the acronym: "The US National Security Agency (NSA) has hit back"
    # (allsides:5904/center); not a party tag ("Adam Schiff (D-CA)") nor an acronym that is a word ("(IS)")
    clause = _NAME_WITH_ACRONYM.sub(_acronym, clause)
    words = re.findall(r"[\w’'-]+", clause)
    while words and words[-1].lower() in SUBJECT_FILLER:
        words.pop()
    subject: list[str] = []
    for word in reversed(words[-3:]):
        if word.lower() in SUBJECT_STOP:
            break
        subject.insert(0, word)
    return " ".join(subject)


# The subject pronoun a reported claim opens with ("Kyiv said [it had nothing to do with the attack]"), unless
# it is the empty "it" of "it was not clear who ...", "it is likely that ...".
_OPENING_PRONOUN = re.compile(r"\s*(?:that\s+)?\b(it|he|she|they|we|I)\b(?!\s+(?:is|was|'s|seems|seemed|appears|"
                              r"appeared)\s+(?:not\s+)?(?:\w+ly\s+)?(?:clear|unclear|likely|unlikely|possible|"
                              r"impossible|probable|believed|thought|known|unknown|understood|certain|uncertain|"
                              r"too|true|false)\b)")


_MODAL = re.compile(r"\b(?:would|will|could|can|should|might|may|must|wo|to)\b", re.I)


def _before_cue(text: str, hit: Hit) -> str:
    """The words between a hit's name and its cue ("" when the cue does not follow the name)."""
    at = text.find(hit.cue, hit.mention.end)
    return text[hit.mention.end:at] if at >= 0 else ""


def speaker_pronoun(claim: Claim, lexicon: Lexicon, mentions: list[Mention]) -> list[Mention]:
    """The pronoun a reported or quoted claim opens with, standing for its speaker when the speaker is one actor:
    the claims stage keeps "Kyiv said" out of "it had nothing to do with the attack", so the denial is Kyiv's."""
    if claim.speaker.kind == "outlet" or re.match(r"according|report", claim.speaker.cue or "", re.I):
        return []  # "according to TMZ, she has also denied ...": the source of a report is not its subject
    opening = _OPENING_PRONOUN.match(claim.text)
    if opening is None or any(m.start < opening.end(1) for m in mentions):
        return []
    actors = {m.actor for m in speakers(lexicon.mentions(claim.speaker.name))}
    return [Mention(opening.start(1), opening.end(1), actors.pop(), opening.group(1))] if len(actors) == 1 else []


# A claim that is itself the denial of its speaker: "[The U.S. Marine Corps] sharply [denied the allegations]" (the
# claims stage keeps the speaker apart from what it says).
_DENIAL_CLAIM = re.compile(rf"\s*(?:\w+ly\s+)?(?:{SELF_DENY})\s+{DENIED_PART}", re.I)


def speaker_denial(claim: Claim, lexicon: Lexicon) -> Hit | None:
    """The speaker's own denial where the claim is nothing but it, the speaker one actor; the mention is the
    speaker's name (offsets relative to the claim, before its start)."""
    said = _DENIAL_CLAIM.match(claim.text)
    # "Russia did not deny involvement": the claims stage reads no denial, nor does this.
    if said is None or claim.stance != "denies" or claim.speaker.kind == "outlet" or claim.speaker.start is None \
            or claim.speaker.end is None:
        return None
    actors = {m.actor for m in speakers(lexicon.mentions(claim.speaker.name))}
    if len(actors) != 1:
        return None
    name = Mention(claim.speaker.start - claim.start, claim.speaker.end - claim.start, actors.pop(), claim.speaker.name)
    return Hit(claim, name, said.group().strip(), "self-deny", "rejects", claim.speaker.name, "reported")


def find_hits(claim: Claim, lexicon: Lexicon) -> list[Hit]:
    """Every actor the claim puts in a responsibility role (offsets are claim-relative here)."""
    if not_evidence(claim.text):  # questions and demands for proof are neither assertion nor denial
        return []
    denial = speaker_denial(claim, lexicon)  # a speaker's bare denial is all the claim says
    return [denial] if denial else _role_hits(claim, lexicon)


def _role_hits(claim: Claim, lexicon: Lexicon) -> list[Hit]:
    """The cues and forms of :func:`find_hits`, read in the claim's text."""
    text = claim.text
    # Blank relative clauses (", which Moscow blames for the blast,") so "Kyiv ... had no part"
    # finds Kyiv, not Moscow; blanking keeps offsets.
    masked = RELATIVE.sub(lambda m: " " * len(m.group()), text)
    mentions = lexicon.mentions(text)
    pronoun = speaker_pronoun(claim, lexicon, mentions)
    mentions += pronoun
    outside = [m for m in mentions if masked[m.start:m.end] == text[m.start:m.end]]
    own = (claim.speaker.name, claim.speaker.kind)
    hearsay = bool(HEARSAY.search(text))
    doubt = hearsay or bool(DOUBT.search(text))
    hits: list[Hit] = []

    def add(m: Mention | None, cue: re.Match[str] | str, kind: str, polarity: Polarity, voice: tuple[str, Any],
            exclusive: bool = False) -> None:
        if m is None:
            return
        cue_text = cue if isinstance(cue, str) else cue.group()
        found = text.find(cue_text) if isinstance(cue, str) else cue.start()
        lo, hi = (min(m.start, found), max(m.end, found + len(cue_text))) if found >= 0 else (m.start, m.end)
        if conditional_before(text, lo) or other_event(text, lo, hi):
            return  # "if the report is true, Y ...", "since Y targeted the airport in August"
        if found >= 0 and harms_the_perpetrator(text, found, found + len(cue_text), kind):
            return  # "the gunman was shot by police": the response, not the incident
        if polarity == "supports" and DENIED_SCOPE.search(text[:m.start]):
            polarity = "rejects"
        elif polarity == "supports" and voice == own and own[1] == "outlet" \
                and (held := CLAIM_CONTENT.search(text[:m.start])):
            voice = (held.group(1) or "unnamed", "reported")
        if voice == own and polarity == "supports":
            # A denial frame ("Russia denied that ...") flips the claim; clause negation anywhere
            # in the clause (claim.negated) does not: the cue's own negation is checked locally.
            if claim.stance == "denies" and not claim.negated:
                polarity = "rejects"
            elif hearsay and own[1] == "outlet":
                polarity = "disputes"
        hits.append(Hit(claim, m, cue_text.strip(), kind, polarity, voice[0], voice[1], exclusive,
                        disputed=doubt and voice[1] != "outlet"))

    # The claim outside its relative clauses, then each relative clause on its own: "American officials,
    # who have assessed that a branch of the Islamic State was responsible, ..." is theirs.
    views = [(masked, outside, own)]
    for rel in RELATIVE.finditer(text):
        inner = " " * rel.start() + rel.group() + " " * (len(text) - rel.end())
        voice = ((subject_before(text[:rel.start()]) or own[0], "reported") if SAYS_THAT.match(rel.group()) else own)
        views.append((inner, [m for m in mentions if rel.start() <= m.start and m.end <= rel.end()], voice))
    for view, names, voice in views:
        _cue_hits(view, names, voice, add)
    for cue in CUES["only-is"].finditer(text):
        add(_after(mentions, cue.end(), text, 15), cue, "only-is", "supports", own, exclusive=True)
    for cue in CUES["passive"].finditer(text):
        add(_after(mentions, cue.end(), text, 30), cue, "passive", "supports", own)
    for kind, polarity in (("claimed", "supports"), ("self-deny", "rejects")):
        for cue in CUES[kind].finditer(text):
            m = _before(speakers(mentions), cue.start(), text, 40)
            if m and prepositional_object(text[:m.start]):
                continue  # "... in Lebanon, has claimed responsibility": the claimant is the clause's subject
            add(m, cue, kind, polarity, (m.text, "reported") if m else own)
    for m, cue, voice in _accusations(text, mentions):
        add(m, cue, "blame", "supports", voice or own)
    for cue in CUES["incriminate"].finditer(text):
        blamer = subject_before(text[:cue.start()])
        add(_after(mentions, cue.end(), text, 30), cue, "incriminate", "supports", (blamer, "reported") if blamer else own)
    find_forms(claim, mentions, own, add)
    if own[1] == "outlet":  # the outlet's own doubt about a name: "the X narrative", "so-called ..."
        for m in mentions:
            cue = DISPUTE_AFTER.search(text[m.end:]) or DISPUTE_BEFORE.search(text[:m.start])
            if cue:
                add(m, cue, "dispute", "disputes", own)
    # The speaker's pronoun carries its denials of the past only: what else it says of itself ("he had hired a
    # security company", weiner-photo-2011 dev) or will not do ("they would not ... carry out any military
    # action", FNC-1 even Body ID 250) is no denial of a part in the incident.
    own_words = [replace(h, speaker=claim.speaker.name) if h.speaker == h.mention.text else h for h in hits
                 if h.mention in pronoun and h.polarity == "rejects" and not _MODAL.search(_before_cue(text, h))]
    return _dedupe([h for h in hits if h.mention not in pronoun] + own_words)


def _cue_hits(masked: str, outside: list[Mention], own: tuple[str, Any], add: Callable[..., None]) -> None:
    """The agent, deny and only cues of one view of a claim (its other parts blanked), with the names in it.
    "denies any involvement" is a denial, not an "involvement" cue."""
    denials = [m.span() for m in CUES["self-deny"].finditer(masked)]
    for kind in ("agent", "deny", "only"):
        for cue in CUES[kind].finditer(masked):
            if any(s <= cue.start() < e for s, e in denials) or not_in_event(masked, cue.group(), cue.end()):
                continue
            m = _before(outside, cue.start(), masked)
            if masked[cue.start() - 1:cue.start()] == "-" and m and m.end != cue.start() - 1:
                continue  # "Trump-ordered attack": the word joined to the cue is its agent
            if m and ACCUSED_BEFORE.search(masked[:m.start]):
                continue  # "accused Russia of orchestrating the attack": the accuser's claim (see _accusations)
            # The cue itself may hold the negation ("was not responsible" matches "was ... responsible").
            if kind == "agent" and m and negated(masked[m.end:cue.end()]):
                add(m, cue, kind, "rejects", own)
            else:
                add(m, cue, kind, "rejects" if kind == "deny" else "supports", own, exclusive=kind == "only")


def _accusations(text: str, mentions: list[Mention]) -> list[tuple[Mention | None, re.Match[str], tuple[str, str] | None]]:
    """(the accused, the cue, who accuses: None for the claim's own voice) for each blame cue."""
    out = []
    for cue in CUES["blame"].finditer(text):
        if re.match(r"\s+(?:in|for)\b", text[cue.end():]) and cue.group().lower().endswith("ed"):
            continue  # "ISIS-K, Blamed in Moscow Attack": the name before is the one blamed (forms.LABELLED)
        relative = RELATIVE_TAIL.search(text[:cue.start()])
        if relative:  # "Kyiv, which Moscow blames"
            m = _before(mentions, relative.start(), text, 3)
            blamer = relative.group(1)
        else:
            m = _after(mentions, cue.end(), text)
            if m and (BLAMED_FOR.search(text[cue.end():m.start]) or len(text[cue.end():m.start].split()) > 2):
                m = None  # "blamed him for Joan's death", "blamed the failure on ...": the accused comes first
            deed = DEED.match(text, m.end) if m else None
            if deed and not (event_in(text, deed.start(1), deed.end(1)) or CUES["agent"].search(deed.group(1))):
                m = None  # "accused CNN of 'making up lies'": an accusation of something other than an event
            before = text[:cue.start()]
            intent = INTENT_BEFORE.search(before)
            blamer = subject_before(before[:intent.start()] if intent else before)
            if intent and not blamer:
                blamer = (before[:intent.start()].split() or ["someone"])[-1]
        voice = (blamer, "reported") if blamer else None
        out.append((m, cue, voice))
        while m and (listed := LISTED.match(text, m.end)):  # "blamed the US, Britain and Ukraine"
            m = next((n for n in mentions if n.start == listed.end()), None)
            if m:
                out.append((m, cue, voice))
    return out


def _dedupe(hits: list[Hit]) -> list[Hit]:
    """One hit per (actor, polarity, voice) in a claim: the first cue explains it, and it is exclusive
    when any of them is ("X and no one else ordered it": the agent cue, exclusively)."""
    out: dict[tuple[str, str, str], Hit] = {}
    falsely = {h.mention.actor for h in hits if h.cue_kind == "falsely"}  # "falsely blame X" is not also for X
    hits = [h for h in hits if not (h.mention.actor in falsely and h.cue_kind in ("blame", "incriminate", "attributed"))]
    for hit in hits:
        key = (hit.mention.actor, hit.polarity, hit.speaker)
        if key not in out:
            out[key] = hit
        elif hit.exclusive and not out[key].exclusive:
            out[key] = replace(out[key], exclusive=True)
    return list(out.values())
