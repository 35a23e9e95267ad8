"""Attribution and denial in the forms real coverage uses, beyond the verbal cues of :mod:`.cues`.

Each pattern below is written from the shape of real news sentences (the real-news dev split of
``eval/gold`` and the public sets its references point into), never from one case's wording:

* causal and passive: "shot dead by unidentified attackers", "injured in a US-led air strike",
  "Hospital Blast Caused by Misfired Islamic Jihad Rocket";
* nominal: "the Israeli drone strike", "US-led airstrikes", "the work of terrorists", "a Ukrainian plot";
* attributed: "which U.S. officials attributed to ISIS-K", "linked the attack to Ukraine";
* credit for the incident: "Islamic State group, which claimed the Moscow attack";
* headline labels: "ISIS-K, Blamed in Moscow Attack", "ISIS-K, Alleged Perpetrators of ...";
* acts: "The U.S. military shot down rockets", "the gunmen who attacked";
* denial: "Ukraine Rejects ...", "Kyiv denied any involvement", "not the work of terrorists",
  "there is no evidence that X", "X had nothing to do with", "falsely blame X".

What is neither assertion nor denial is dropped: conditionals ("if the report is true"), questions,
and demands for proof ("must prove it was not involved"); a cue inside a clause about another
event ("since the Islamic State targeted Kabul airport in August") is context, not attribution.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .. import lexicons
from ..model import Claim
from .actors import DEFAULT_TABLE
from .lexicon import CAUSES, Mention
from .records import Polarity
from .responsibility import NO_EVIDENCE_WORDS

# Past participles of doing the harm, for "... by X" ("assassinated ... by a group of unidentified gunmen").
# Not the idiom "hit back at allegations by ..." (allsides:5904/center): a rebuttal.
ACT_PARTICIPLE = (r"killed|shot(?: dead| down)?|assassinated|attacked|targeted|bombed|struck|hit(?! back)|destroyed|"
                  r"damaged|blown up|caused|triggered|downed|intercepted|injured|wounded|hacked|infiltrated|"
                  r"fired|launched|staged|murdered|stabbed|executed|sabotaged|organi[sz]ed|planned|perpetrated|"
                  r"assaulted|beaten|kidnapped|abducted")
PASSIVE_BY = re.compile(rf"\b(?:{ACT_PARTICIPLE})\b[^.;:!?]{{0,50}}?\bby\s+", re.I)
# A harm named by its noun, its doer after "by": "the shooting of a 16-year-old girl by a Columbus police officer"
# (allsides:6111/center). No verb between ("the attack on the hall was condemned by ...": the condemner).
_HARM_NOUN = lexicons.alternation("event_nouns", "harm")
NOMINAL_BY = re.compile(rf"\b(?:{_HARM_NOUN})\s+(?:of|on|against)\s+(?:(?!(?:was|were|is|are|has|have|had|been|be|"
                        r"said|says|and)\b)[^.;:!?,]){1,50}?\bby\s+", re.I)
# ... or a common noun for the doer right before it: "fatal police shooting of Black teen" (allsides:6111/left),
# "the police-involved shooting of Ma'Khia Bryant" (allsides:6111/right).
HARM_AFTER = re.compile(rf"(?:-involved)?\s+(?:{_HARM_NOUN})s?\b", re.I)
_TABLE_ACTORS = frozenset(e.canonical for e in DEFAULT_TABLE if e.kind == "actor")
# Active acts with the actor as subject ("The U.S. military shot down rockets").
ACT_VERB = re.compile(rf"\b(?:{lexicons.alternation('acts')})\b", re.I)
_AGE = r",\s*\d{1,3},"
AGE = re.compile(rf"^{_AGE}")
_REFLEXIVE = r"\s+(?:himself|herself|themselves|itself)\b"
REFLEXIVE = re.compile(_REFLEXIVE, re.I)
# The subject as the one the harm befell (BASIL 2017 58f414e5_3).
UNDERGOES = re.compile(r"\s+(?:\w+ly\s+)?(?:sustained|suffered|received|underwent)\b", re.I)
NOUN_PHRASE_BEFORE = re.compile(r"\b(?:a|an|the)\s+(?:[\w-]+\s+){0,2}$", re.I)
# A name as the subject of such an act: a person named so is a candidate doer (names.new_actors).
ACT_SUBJECT = re.compile(rf"(?:{_AGE})?\s+(?:\w+ly\s+)?(?:{ACT_VERB.pattern})(?!{_REFLEXIVE})", re.I)
# A participle after a preposition or article modifies a noun: "coming from kidnapped individuals".
ADJECTIVAL_BEFORE = re.compile(r"\b(?:from|of|with|among|the|an?)\s+$", re.I)
# The same words read as a passive: "militants killed in the strike", "was shot", "got hacked".
PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|be|is|are|get|gets|got)\s+(?:\w+ly\s+)?$", re.I)
# What starts the object of a verb (case-sensitive: a capital starts a name).
OBJECT_START = re.compile(r"\s+(?:(?i:the|an?|his|her|its|their|more|several|dozens|hundreds|scores)\b|[A-Z0-9])")
# The agent after "by" is the noun phrase there; a preposition ends it.
# A collective noun before the agent belongs to its phrase: "by a group of unidentified gunmen".
COLLECTIVE_OF = re.compile(r"^(?:(?:an?|the)\s+)?(?:group|gang|band|team|squad|cell|unit|handful|pair|couple)\s+of\s+",
                           re.I)
BY_NP_ENDS = re.compile(r",|\b(?:near|in|at|on|of|from|with|outside|inside|during|after|before|while)\b", re.I)
# A participle clause of the harm done, whose doer is the clause's subject: "..., killing at least one".
RESULT_CLAUSE = re.compile(r",\s+(?:killing|wounding|injuring)\b", re.I)
_REPORTING_WORDS = r"said|says|say|reported|reports|told|tells|claimed|claims|according"
REPORTING = re.compile(rf"\b(?:{_REPORTING_WORDS}|alleged|accused)\b", re.I)
NOT_SUBJECT_GAP = re.compile(rf"\d|\b(?:{_REPORTING_WORDS})\b", re.I)
# ... unless the preposition joins a spokesperson to the body they speak for ("a spokesman for the Iraqi
# health ministry denied"): then the name stands for the subject.
ROLE_OF = re.compile(rf"\b(?:{lexicons.alternation('roles')})\s+(?:for|of|from|at|in)\s+(?:the\s+)?$", re.I)
# A preposition's object, after its modifiers ("in northern Syria") or as a later member of a list ("large
# swathes of Syria and Iraq"); a relative pronoun starts a clause instead ("for which Hamas claimed").
OBJECT_OF = re.compile(r"\b(?:of|on|at|in|against|from|to|into|with|for|towards?|near|between|through(?:out)?|across|"
                       r"over|around|along|within|beyond|inside|outside|among|amid|via)\s+(?:the\s+|an?\s+)?"
                       r"(?:(?!(?:which|whom|whose|that)\b)[a-z][\w-]*\s+){0,2}"
                       r"(?:[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)?(?:,\s+|\s+(?:and|or)\s+))*$")
# A name right after a participle is its object, not the subject of the verb that follows: "a car bomb targeting
# a police officer killed his 10-year-old son" (FNC-1 competition_test_bodies.csv Body ID 1100). Times of day
# are not participles.
PARTICIPLE_OBJECT = re.compile(r"\b(?!(?:morning|evening)\b)\w{3,}ing\s+(?:the\s+|an?\s+)?$", re.I)
# "as many as five rockets" is the object's quantity, not "killed as ..." (allsides:5746/center).
PASSIVE_AFTER = re.compile(r"\s+(?:by|in|on|at|during|when|after|while|as(?!\s+(?:many|much|few|little)\s+as\b)|near|"
                           r"outside|inside)\b", re.I)
# A harm a name owns is its deed: "Russia’s attack on our democracy" (basil:2018/c6a0e65c_1, attribution readings).
# Without the possessive a name before these nouns is often the place or the target ("the Moscow attack").
POSSESSED_HARM = re.compile(r"^['’]s\s+(?:[a-z]+\s+)?(?:attacks?|strikes?|hack(?:s|ing)?|assaults?|invasion|interference|"
                            r"meddling|offensive|aggression)\b", re.I)
# What an actor's name is attached to in a nominal attribution ("US-led air strike", "a Ukrainian plot").
STRIKE_NOUN = re.compile(r"^(?:['’]s)?(?:[- ]led|[- ]backed)?\s*(?:misfired\s+|surgical\s+)?"
                         r"(?:air ?strikes?|airstrikes?|drone strikes?|missile strikes?|rocket fire|rockets?|"
                         r"missiles?|shelling|bombardment|bombing|raid|plot|sabotage|involvement|complicity|role)\b"
                         # the head of a longer compound is what is named: "U.S. anti-missile defences" (allsides:5746)
                         # are equipment, not a missile strike
                         r"(?!\s+(?:systems?|defen[cs]es?|batter(?:y|ies)|launchers?|sites?|bases?|units?|programmes?|programs?))",
                         re.I)
WORK_OF = re.compile(r"\b(?:the )?work of\s+", re.I)
# Verb forms only: the nouns "a link to the website", "ties to" attribute nothing (but "no link to X" denies).
ATTRIBUTED_TO = re.compile(r"\b(?:attribut(?:e|ed|es|ing)|blamed|pinned|link(?:ed|ing)|(?<=no )links?|(?<=to )link|t(?:ied|ying)|(?<=no )ties?|(?<=to )tie)"
                           r"\b[^.;:!?]{0,60}?\b(?:to|on)\s+", re.I)
CLAIMED_EVENT = re.compile(r"\bclaim(?:ed|s|ing)?\s+(?:the\s+)?(?:[\w’'-]+\s+){0,3}?"
                           r"(?:attack|bombing|assault|massacre|killing|shooting|blast|explosion|strike)s?\b", re.I)
LABELLED = re.compile(r"^\s*,?\s*(?:(?:(?:who|which) )?(?:(?:was|were|is|are|has been|have been|had been) (?:\w+ly )?)?"
                      r"(?:blamed (?:in|for)|accused of|"
                      r"(?:alleged |suspected )?perpetrators? of|(?:prime |main )?suspects? in)|"
                      # "... Abdel Majed Abdel Bary is the suspect believed to be Foley's executioner" (FNC-1 train
                      # Body ID 472)
                      r"(?:is|was) (?:a|an|the) (?:prime |main |chief |key |possible )?suspect)\b", re.I)
# A name given to the one who did it: "Boston Marathon bombing suspect Dzhokhar Tsarnaev" (FNC-1 train_bodies.csv
# Body ID 220), "a man named as Michael Zehaf-Bibeau as a possible suspect" (Body ID 440).
DOER_NOUNS = ("suspect", "gunman", "shooter", "attacker", "assailant", "bomber", "killer")
_DOER = rf"(?:{'|'.join(DOER_NOUNS)})"
DOER = re.compile(rf"\b{_DOER}\b", re.I)
NAMED_AS = re.compile(rf"\b(?:{_DOER},?|(?:{_DOER})\s*,?\s+(?:who\s+(?:\w+\s+){{0,2}})?(?:was\s+|has been\s+|had been\s+)?"
                      r"(?:identified|named)\s+as(?:\s+(?:an?\s+)?\d{1,3}-year-old)?)\s+$", re.I)
NAMED_AS_AFTER = re.compile(rf"\s+as\s+(?:a|an|the)\s+(?:possible |prime |main |likely )?{_DOER}\b", re.I)
# What a subject denies when it denies a part in the incident: nothing more ("Kyiv denied."), a that-clause,
# its involvement, an accusation ("Russian speculation"), or the act itself ("Denies Sending Photo").
# What a that-clause must speak of for "X denied that ..." to deny X's part: doing it, or being behind it.
PART_IN_IT = re.compile(rf"\b(?:involved|involvement|responsib\w+|behind|role|part|carr(?:y|ied) out|"
                        rf"{lexicons.alternation('acts')})\b", re.I)
# What a source can deny having been said: "denied the reports", "rejects Russian speculation".
REPORT_NOUNS = r"speculation|claims?|accusations?|allegations?|suggestions?|charges?|reports?|rumou?rs?|assertions?"
DENIED_OBJECT = re.compile(r"\s*(?:\w+ly\s+)?(?:$|[.,;:!?'\"“”‘’]|(?:that|any|all|it|this|ever|having|being|they|he|she|we|involvement|"
                           r"responsibility|role|part|culpability|wrongdoing|blame|knowledge)\b|\w+ing\b|"
                           rf"(?:(?:the|these|those|such|an?|[\w’']+['’]s|[A-Z]\w*)\s+)?(?:\w+\s+)?(?:{REPORT_NOUNS})\b)", re.I)
SUBJECT_DENY = re.compile(rf"\b(?:{lexicons.alternation('denial', 'subject-deny')})\b", re.I)
# What a person denies doing: a part in it, or a deed ("Weiner Denies Sending Photo", "denied taking a selfie").
_OWN_DEED = re.compile(r"\s*(?:\w+ly\s+)?(?:any\s+)?(?:involvement|responsibility|role|part|wrongdoing|\w+ing)\b", re.I)
ACCUSATION = re.compile(r"\s+(?:the\s+|an?\s+)?(?:([A-Z][\w’'-]*)\s+)?(?:\w+\s+)?(?:speculation|claims?|accusations?|"
                        r"allegations?|suggestions?|charges?)\b", re.I)
NOTHING_TO_DO = re.compile(r"\b(?:ha(?:d|s|ve) nothing to do with|played no (?:part|role)|"
                           r"(?:was|were|is|are) not (?:to blame|the culprits?))\b", re.I)
NO_EVIDENCE = re.compile(rf"\b{NO_EVIDENCE_WORDS}\b[^.;:!?]{{0,40}}?(?=\S)", re.I)
FALSELY = re.compile(rf"\b(?:{lexicons.alternation('denial', 'forms')})\b", re.I)
NON_COMMITTAL = re.compile(r"\bconfirm(?:ed)?\s+n?or\s+$", re.I)
NEGATED_BEFORE = re.compile(r"\b(?:not|never|no)\s+(?:\w+\s+)?$", re.I)
# Neither assertion nor denial.
CONDITIONAL = re.compile(r"\b(?:if|unless|whether)\b", re.I)
DEMAND = re.compile(r"\b(?:must|should|has to|have to) prove\b|\bdemand(?:ed|s|ing)? (?:proof|evidence)\b|"
                    r"\bcall(?:ed|s)? (?:on \w+ )?(?:to provide|for) (?:proof|evidence)\b", re.I)
# A clause about another event: "since the Islamic State targeted Kabul airport in August".
# "a previous claim that ..." dates the claim, not the event it is about.
# "since sundown on Monday", "since Sunday" date the incident's own days.
_THIS_WEEK = (r"(?:(?:early|late)\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|last night|"
              r"this|the weekend|sundown|sunset|dawn|daybreak|midnight|noon|morning)")
OTHER_EVENT = re.compile(rf"\b(?:since(?!\s+{_THIS_WEEK}\b)|previous(?:ly)?(?!\s+(?:claim|statement|remark|comment|"
                         r"accusation|allegation|assertion|report|suggestion)s?\b)|last (?:year|month)|years? ago|"
                         r"in (?:19|20)\d\d|in the past(?=\s*(?:[,.;:!?]|$)))\b", re.I)
# What ends the clause a name is the subject in: a sentence break, a new clause, or a new subject after a place
# ("in neighboring Lebanon, where it has claimed responsibility": "it" claims, not Lebanon).
BARRIER = re.compile(r"[.;:!?]|\b(?:that|which|who|whom|but|while|because|although|whether|if|where)\b"
                     r"|\b(?:it|they|he|she)\s+(?:has|have|had|was|were|is|are)\b", re.I)

# A pronoun stands for the event; "this injustice" does not ("this", "that" only standing alone).
_EVENT_NOUNS = "|".join(e.get("pattern") or re.escape(e["term"]) + "s?"
                        for e in sorted(lexicons.entries("event_nouns"), key=lambda e: len(e["term"]), reverse=True))
EVENT_WORD = re.compile(rf"\b(?:{_EVENT_NOUNS}|it|them|(?:this|that|these|those)(?=\s*(?:[^\w\s]|$)))\b", re.I)


def event_in(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` names an event; a pronoun there is read with the words after it ("in this
    video" names none)."""
    return any(m.start() < end for m in EVENT_WORD.finditer(text, start))


# "involved in a search", "responsible for security": a part in something other than an event.
OBJECT = re.compile(r"\s+((?:[\w’'-]+\s+){0,5}[\w’'-]+)")
DETERMINER = re.compile(r"\s+(?:the|an?|this|that|these|those|it|its|their|his|her)\b", re.I)
IN_WHAT = re.compile(r"\s+(?:in|for)\s+((?:[\w’'-]+\s+){0,3}[\w’'-]+)", re.I)


def not_in_event(text: str, word: str, end: int) -> bool:
    """Whether the cue ``word`` ending at ``end`` is about something that is no event: a part "in a search",
    "Kushner's involvement in the proposed back channel", "responsible for its failure", "ordered troops to
    get vaccinated", "organized crime", "organizing for months"."""
    if re.search(r"(?:involved|involvement|responsible|role)$", word, re.I):
        what = IN_WHAT.match(text, end)
        return bool(what) and not event_in(text, what.start(1), what.end(1))
    if re.search(r"\bin$", word):  # "participated in the attack", not "took part in the talks"
        what = OBJECT.match(text, end)
        return not (what and event_in(text, what.start(1), what.end(1)))
    if re.fullmatch(r"(?:ordered|organi[sz](?:ed|ing)|committed)", word, re.I):
        what = OBJECT.match(text, end)
        if re.match(r"organi[sz]ed$", word, re.I) and not DETERMINER.match(text, end):
            return True  # "organized crime", "organised labour": an adjective
        return bool(what) and not event_in(text, what.start(1), what.end(1))
    return False


def denies_own_deed(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` is the subject of a denial of its own deed: such a person is a
    candidate doer, as a state or group that denies is ("Weiner Denies Sending Photo")."""
    cue = SUBJECT_DENY.search(text, end, end + 30)
    return bool(cue) and not re.search(r"[.;:!?,]", text[end:cue.start()]) and bool(_OWN_DEED.match(text, cue.end()))


# What a source calls a hoax or an accident when it means the story told: the report, the picture, the event.
_TOLD = re.compile(r"\b(?:stor(?:y|ies)|reports?|news|claims?|allegations?|rumou?rs?|videos?|photos?|pictures?|"
                   r"images?|tweets?|posts?|articles?)\b", re.I)
# "called global warming a hoax": the cause is named for something else.
_CALLED = re.compile(r"\b(?:call(?:s|ed|ing)?|dubb(?:ed|ing)|brand(?:s|ed|ing)|labell?(?:ed|ing))\s+"
                     r"([^,.;:!?]{1,50}?)\s+(?:as\s+)?(?:an?|the)\s+(?:[\w-]+\s+)?$", re.I)

# A cause said of a subject with a copula ("her death was an accident", "the story is a hoax"): the subject, from
# the clause start, must name the event, stand for it ("the whole thing"), or be the telling of it (_TOLD).
_WHOLE = re.compile(r"\b(?:(?:whole|entire)\s+(?:thing|affair|episode|saga|matter)|everything|it\s+all)\s*$", re.I)
_PREDICATE = re.compile(r"(?:^|[.;:!?]\s*)([^.;:!?]*?)\s+(?:is|was|are|were|been|be)\s+(?:\w+ly\s+)?(?:not\s+)?"
                        r"(?:an?\s+)?(?:\w+ly\s+)?$", re.I)

Add = Callable[[Mention, str, str, Polarity, tuple[str, str]], None]


def speakers(mentions: list[Mention]) -> list[Mention]:
    """The mentions that can speak (claim, deny): actors, not causes ("the account had been hacked and
    dismissed the episode as a prank": the hack dismisses nothing)."""
    causes = set(CAUSES.values())
    return [m for m in mentions if m.actor not in causes]


def not_evidence(text: str) -> bool:
    """A question, a conditional or a demand for proof: neither assertion nor denial."""
    return text.rstrip(" '\"’”").endswith("?") or bool(DEMAND.search(text))


def conditional_before(text: str, pos: int) -> bool:
    """A conditional opens the clause the cue stands in ("if the report is true, Y ...")."""
    clause = re.split(r"[.;:!?]", text[:pos])[-1]
    return bool(CONDITIONAL.search(clause))


def other_event(text: str, start: int, end: int) -> bool:
    """The cue's own clause dates itself to another event ("since ... in August")."""
    clause_start = max((m.end() for m in re.finditer(r"[.;:!?,]", text[:start])), default=0)
    clause_end = min((m.start() for m in re.finditer(r"[.;:!?,]", text[end:])), default=len(text) - end) + end
    return bool(OTHER_EVENT.search(text[clause_start:clause_end]))


def prepositional_object(before: str) -> bool:
    """Whether a name after ``before`` is the object of a preposition, not a subject ("the home of Hamas ...")."""
    return bool(OBJECT_OF.search(before)) and not ROLE_OF.search(before)


# The verbs' base forms, which are nouns too ("the Hamas attack", "Israeli forces attack Gaza Strip", allsides:6045).
BARE = frozenset(e["term"] for e in lexicons.entries("acts") if " " not in e["term"])
# A base form after "to", a modal or a negation is not a deed done: "vowed to attack", "could strike", "did not kill".
# In a title-case headline the verb follows its subject's words at once: "Israeli Ground Troops Attack".
SUBJECT_WORDS = re.compile(r"(?:\s+[A-Z][\w’'-]*){0,2}\s+")
NOT_DONE = re.compile(r"(?:\b(?:to|will|would|could|can|cannot|may|might|must|should|shall|not|never|did|does|do)|"
                      r"n['’]t)\s+(?:\w+ly\s+)?[“\"‘']?$", re.I)  # "a plot ... to “attack the 2016 election" (BASIL 2018)


def noun_like(cue: re.Match[str], text: str) -> bool:
    """A one-word "-s" form or base form with no object after it is a noun ("the 9/11 terrorist attacks and",
    "the Hamas attack on"), not a verb ("Israel strikes Gaza", "ISIS kills 10", "Israeli forces attack Gaza")."""
    word = cue.group()
    plural_or_bare = word.lower().endswith("s") or word.lower() in BARE
    return " " not in word and plural_or_bare and not OBJECT_START.match(text, cue.end())


# A subject pronoun right before the verb is its subject ("killed two senior Isis members in a raid they carried
# out"), unless a reporting verb makes it the named speaker again ("Hamas said they carried out").
NEW_SUBJECT = re.compile(r"\b(?:they|he|she|we)\s+(?:\w+ly\s+)?$", re.I)
# A name inside a relative clause that closes before the verb is not its subject ("the coalition, which includes
# Britain's RAF and Canadian planes, struck").
_RELATIVE_OPEN = re.compile(r",\s+(?:which|who)\b[^,]*$", re.I)
# A source in an "as" clause is who tells it, not its subject ("as The Guardian points out, Jewish werewolf-hood has
# no part in the tradition", fnc1:697).
_AS_SOURCE_OPEN = re.compile(r"\bas\s+(?:the\s+)?$", re.I)
_AS_SOURCE_CLOSE = re.compile(r"\s+(?:\w+\s+){0,2}?\w+,")


def nearest_before(mentions: list[Mention], pos: int, text: str, window: int) -> Mention | None:
    m = max((m for m in mentions if m.end <= pos), key=lambda m: m.end, default=None)
    if m is None or len(gap := text[m.end:pos]) > window or BARRIER.search(gap):
        return None
    if NEW_SUBJECT.search(gap) and not REPORTING.search(gap):
        return None
    if "," in gap and _RELATIVE_OPEN.search(text[:m.start]):
        return None
    if _AS_SOURCE_OPEN.search(text[:m.start]) and _AS_SOURCE_CLOSE.match(gap):
        return None
    return m


def _nearest_after(mentions: list[Mention], pos: int, text: str, window: int) -> Mention | None:
    m = min((m for m in mentions if m.start >= pos), key=lambda m: m.start, default=None)
    return m if m and len(text[pos:m.start]) <= window and not re.search(r"[.;:!?]", text[pos:m.start]) else None


# A harm done to the one who carried out the incident is the response to it, not the incident: "The assailant, who
# authorities have identified as ..., was shot by police" (BASIL 2017 58f414e5_3), "police shot dead the gunman".
_PERPETRATOR = lexicons.alternation("agents", role="perpetrator")
_PATIENT_SUBJECT = re.compile(rf"^\W*(?:the|an?)\s+(?:[\w-]+\s+)?(?:{_PERPETRATOR})\b", re.I)
_PERPETRATOR_NP = rf"(?:the|an?|both|all|two|three|four)\s+(?:[\w-]+\s+)?(?:{_PERPETRATOR})\b"
_PATIENT_OF = re.compile(rf"\b(?:of|on|against)\s+{_PERPETRATOR_NP}", re.I)
_PATIENT_OBJECT = re.compile(rf"\s+(?:dead\s+)?{_PERPETRATOR_NP}", re.I)


def harms_the_perpetrator(text: str, cue_start: int, cue_end: int, kind: str) -> bool:
    """Whether a passive (``kind`` "passive") or active ("act") cue's patient is the incident's perpetrator."""
    if kind == "passive":
        # A claim is one sentence; a full stop inside it is an initial's ("James T. Hodgkinson").
        clause = max((b.end() for b in re.finditer(r"[;:!?]", text[:cue_start])), default=0)
        return bool(_PATIENT_SUBJECT.match(text[clause:cue_start]))
    return kind == "act" and bool(_PATIENT_OBJECT.match(text, cue_end))


def _doer_around(text: str, m: Mention, own: tuple[str, str], add: Add) -> None:
    """The forms that put one name in the doer's role by what stands right around it: a strike or harm noun after
    it, a label ("suspect", "accused of") before or after it."""
    # Only the table's common noun for a doer ("police"): a name before the noun is often the victim or the
    # place ("the Sony hack", "the Moscow attack"), a case's own name may be a word ("its time killing", Time
    # the magazine), a kind of attack names no doer ("citing its use of suicide bombing, terrorist attacks and ...",
    # FNC-1 competition_test_bodies.csv Body ID 1520), and "suicide bombing" names no cause.
    harm = HARM_AFTER.match(text, m.end) if m.text.islower() and m.actor in _TABLE_ACTORS else None
    if harm:
        add(m, harm.group().strip(), "nominal", "supports", own)
    nominal = STRIKE_NOUN.match(text[m.end:]) or POSSESSED_HARM.match(text[m.end:])
    if nominal and not not_in_event(text, nominal.group().rstrip(), m.end + len(nominal.group().rstrip())):
        add(m, nominal.group(), "nominal", "supports", own)
    label, named = doer_labels(text, m.start, m.end)
    if label:
        add(m, label.group().strip(" ,"), "labelled", "supports", ("unnamed", "reported"))
    if named:  # the speaker names the doer: "The gunman, Omar Mir Seddique Mateen, was heard shouting"
        add(m, named.group().strip(" ,"), "labelled", "supports", own)


def doer_labels(text: str, start: int, end: int) -> tuple[re.Match[str] | None, re.Match[str] | None]:
    """What labels the name at ``text[start:end]`` as the one who did it: after it, as others say ("..., accused of",
    "as a possible suspect"), and before it, in the speaker's words ("bombing suspect", "identified as")."""
    return (LABELLED.match(text[end:]) or NAMED_AS_AFTER.match(text, end),
            NAMED_AS.search(text[max(0, start - 60):start]))


# Words between an agent phrase's first name and the name it is headed by: titles and roles, no break.
_TITLE_GAP = re.compile(r"\s+(?:[a-z][\w-]*\s+){0,3}")
_NOT_TITLE = re.compile(r"\b(?:and|or|in|on|at|of|from|with|near|after|before|during|the|an?|who|which|to|for|"
                        r"against|into|over|as|by|than|under|through|while|when|where|if|\w+ing|\w+ed)\b")


def _phrase_head(mentions: list[Mention], m: Mention, text: str) -> Mention:
    """The name an agent phrase is headed by: "was shot by Ferguson police officer Darren Wilson" (FNC-1 training
    body 944, eval/attribution) is Wilson's deed, not Ferguson's nor the police's."""
    while True:
        head = min((n for n in mentions if n.start >= m.end), key=lambda n: n.start, default=None)
        if head is None or not _TITLE_GAP.fullmatch(text[m.end:head.start] + " ") \
                or _NOT_TITLE.search(text[m.end:head.start]):
            return m
        m = head


def find_forms(claim: Claim, mentions: list[Mention], own: tuple[str, str], add: Add) -> None:
    """Call ``add(mention, cue, kind, polarity, voice)`` for every attribution or denial form found."""
    text = claim.text
    for cue in PASSIVE_BY.finditer(text):
        m = _nearest_after(mentions, cue.end(), text, 35)
        gap = COLLECTIVE_OF.sub("", text[cue.end():m.start]) if m else ""  # "by a group of unidentified gunmen"
        if m and not BY_NP_ENDS.search(gap):  # "hit by a tractor trailer near the South Lebanon exit"
            m = _phrase_head(mentions, m, text)
            add(m, cue.group(), "passive", "rejects" if NEGATED_BEFORE.search(text[:cue.start()]) else "supports", own)
    for cue in NOMINAL_BY.finditer(text):
        m = _nearest_after(mentions, cue.end(), text, 35)
        gap = COLLECTIVE_OF.sub("", text[cue.end():m.start]) if m else ""
        if m and not BY_NP_ENDS.search(gap) and not _PATIENT_OF.search(cue.group()):
            add(m, cue.group(), "nominal", "supports", own)
    for m in mentions:
        _doer_around(text, m, own, add)
    for cue in WORK_OF.finditer(text):
        m = _nearest_after(mentions, cue.end(), text, 10)
        if m:
            negative = NEGATED_BEFORE.search(text[:cue.start()]) or re.search(r"\bnot\s*$", text[:cue.start()])
            add(m, cue.group(), "work-of", "rejects" if negative else "supports", own)
    for cue in ATTRIBUTED_TO.finditer(text):
        m = _nearest_after(mentions, cue.end(), text, 25)
        who = nearest_before(mentions, cue.start(), text, 40)
        if m and m is not who:  # "which U.S. officials attributed to ISIS-K": said by U.S. officials
            polarity = "rejects" if NEGATED_BEFORE.search(text[:cue.start()]) else "supports"  # "no link to X"
            add(m, cue.group(), "attributed", polarity, (who.text, "reported") if who else own)
    for cue in CLAIMED_EVENT.finditer(text):
        m = nearest_before(speakers(mentions), cue.start(), re.sub(r",\s*(?:which|who)\b", "      ", text), 40)
        if m:
            add(m, cue.group(), "claimed", "supports", (m.text, "reported"))
    for cue in ACT_VERB.finditer(text):
        # A bare participle may be a passive ("militants killed in the strike"); "fired on", "launched
        # airstrikes on" carry their object and are active.
        if PASSIVE_BEFORE.search(text[:cue.start()]) or (" " not in cue.group() and PASSIVE_AFTER.match(text, cue.end())) \
                or ADJECTIVAL_BEFORE.search(text[:cue.start()]):
            continue
        if noun_like(cue, text) or REFLEXIVE.match(text, cue.end()) \
                or (cue.group().lower() in BARE and NOT_DONE.search(text[:cue.start()])):
            continue  # "Leelah Alcorn killed herself" (FNC-1 Body ID 1633): a suicide, not a doer of a harm to another
        m = nearest_before(mentions, cue.start(), text, 30)
        article = NOUN_PHRASE_BEFORE.search(text[:cue.start()])
        if m and article and article.start() >= m.end:
            continue  # a noun with its article: "Scalise sustained “a single rifle shot to the left hip”" (BASIL 2017)
        # Not the subject: "the home of Hamas leader, destroys"; "the Archive reported 189 people killed".
        # An age is no figure: "Samuel Cassidy, 57, attacked" (allsides:6006/right).
        if m and cue.group()[:1].isupper() and cue.group().lower() in BARE and cue.start() \
                and not SUBJECT_WORDS.fullmatch(text[m.end:cue.start()]):
            continue  # a title-case headline: only the words of its subject before the verb ("Israeli Ground Troops
            # Attack Targets In Gaza", allsides:6045), not "Putin Seeks to Ease Concert Hall Attack Blunder"
        if m and not prepositional_object(text[:m.start]) and not PARTICIPLE_OBJECT.search(text[:m.start]) \
                and not NOT_SUBJECT_GAP.search(AGE.sub("", text[m.end:cue.start()])):
            add(m, cue.group(), "act", "supports", own)
    for cue in RESULT_CLAUSE.finditer(text):  # "The Taliban violently broke up a protest ..., killing at least one"
        clause = text[:cue.start()]
        start = max((b.end() for b in re.finditer(r"[.;:!?]", clause)), default=0)
        m = next((m for m in speakers(mentions) if start <= m.start and m.end <= cue.start() and cue.start() - m.end <= 120
                  and not prepositional_object(clause[:m.start]) and not REPORTING.search(clause[m.end:])), None)
        if m and UNDERGOES.match(clause, m.end):
            continue  # "Scalise sustained “a single rifle shot ...” that “travelled across his pelvis, injuring ...”"
        if m:
            add(m, cue.group().strip(" ,"), "act", "supports", own)
    _denials(text, mentions, own, add)
    causes = set(CAUSES.values())
    for m in mentions:  # naming a cause proposes it: "my account was hacked", "a fire ... during repairs"
        called = _CALLED.search(text[max(0, m.start - 70):m.start])
        # "Any use of real names is accidental" is said of the use; an adverb ("was accidentally chopped down")
        # says how the act was done, not what the subject is.
        said_of = None if m.text.lower().endswith("ly") else _PREDICATE.search(text[:m.start])
        if said_of and not (EVENT_WORD.search(said_of.group(1)) or _TOLD.search(said_of.group(1))
                            or _WHOLE.search(said_of.group(1))):
            continue
        if m.actor in causes and not (called and not (EVENT_WORD.search(called.group(1)) or _TOLD.search(called.group(1)))):
            # "it “wasn’t an accident”" (basil:2018/c6a0e65c_3): a contracted negation too
            negative = re.search(r"(?:\b(?:not|no|never|ruled out)\b|n['’]t\b)[^,.;]*$", text[max(0, m.start - 30):m.start],
                                 re.I)
            add(m, m.text, "cause", "rejects" if negative else "supports", own)


# "reports that al-Sisi had offered ...": a report and what it says; the object of a denial may name it with a
# few words before the noun ("denied Israeli reports stating that", read by propositions.py too), and whose it is
# after the noun, a name with no preposition ("allegations by Fox News host Tucker Carlson that it is spying on him",
# allsides:5904/center; not "reports by residents in a village that was hit").
_BY_WHOM = r"(?:(?:by|from)\s+(?:(?!(?:in|of|at|on|near|who|which|that)\b)[\w.'’-]+\s+){1,6}?)?"
_REPORT_THAT = rf"(?:{REPORT_NOUNS})\s+{_BY_WHOM}(?:\w+ing\s+)?that\b"
DENIED_REPORT_OBJECT = rf"(?:[\w'’-]+\s+){{0,3}}?{_REPORT_THAT}"
_REPORT_SAYS = re.compile(rf"{_REPORT_THAT}([^.;:!?]{{0,150}})", re.I)
_DENIED_REPORT_SAYS = re.compile(rf"\s*{DENIED_REPORT_OBJECT}([^.;:!?]{{0,150}})", re.I)
_THE_REPORTS = re.compile(rf"\s*(?:the|these|those|such)\s+(?:{REPORT_NOUNS})\b", re.I)


def denies_a_report(text: str, cue_end: int, subject_start: int) -> bool:
    """Whether a denial is of a report about something other than the denier's part: "denied reports that
    al-Sisi had offered ...", or "refuted the reports" when the sentence already told what they say."""
    after = _DENIED_REPORT_SAYS.match(text, cue_end)
    if after:
        return not PART_IN_IT.search(after.group(1))
    if _THE_REPORTS.match(text, cue_end):
        told = list(_REPORT_SAYS.finditer(text, 0, subject_start))
        return bool(told) and not PART_IN_IT.search(told[-1].group(1))
    return False


def _denials(text: str, mentions: list[Mention], own: tuple[str, str], add: Add) -> None:
    for cue in SUBJECT_DENY.finditer(text):
        if NON_COMMITTAL.search(text[:cue.start()]):
            continue  # "could neither confirm nor deny the reports" denies nothing
        m = nearest_before(speakers(mentions), cue.start(), text, 40)
        rest = text[cue.end():cue.end() + 60]
        if not DENIED_OBJECT.match(rest) or (m and prepositional_object(text[:m.start])):
            continue  # "Biden rejected the advice of ...": no denial of a part; "a person in Kobane has refuted": not Kobane
        if m and re.search(r",(?!\s*(?:the|an?)\s)", text[m.end:cue.start()]):
            continue  # "... a Palestinian state, Abbas refuted the reports": another subject after the comma
        that = re.match(r"\s*(?:\w+ly\s+)?that\b([^.;:!?]{0,100})", text[cue.end():])
        if that and not PART_IN_IT.search(that.group(1)):
            continue  # "denied that any such press conference was scheduled": a denial of something else
        if m and denies_a_report(text, cue.end(), m.start):
            continue  # "Abbas refuted the reports" of al-Sisi's offer: the proposition's denial (propositions.py)
        if m and not any(cue.end() <= o.start < cue.end() + 60 and o.actor != m.actor for o in mentions) \
                and not re.match(r"\s*(?:that|the claim that)?\s*\w+\s+(?:was|were) (?:behind|responsible)", rest):
            add(m, cue.group(), "self-deny", "rejects", (m.text, "reported"))
            accusation = ACCUSATION.match(rest)
            if accusation:  # "Ukraine Rejects Russian Speculation That It Had Role": the accusation is reported too
                add(m, accusation.group(), "accusation", "supports", (accusation.group(1) or "unnamed", "reported"))
    for cue in NOTHING_TO_DO.finditer(text):
        m = nearest_before(mentions, cue.start(), text, 40)
        if m and not prepositional_object(text[:m.start]):  # "whatever happened in Nicaragua had nothing to do"
            add(m, cue.group(), "deny", "rejects", own)
    for cue in NO_EVIDENCE.finditer(text):
        m = _nearest_after(mentions, cue.end(), text, 20)
        if m:
            add(m, cue.group(), "no-evidence", "rejects", own)
    for cue in FALSELY.finditer(text):
        m = _nearest_after(mentions, cue.end(), text, 25)
        if m:
            add(m, cue.group(), "falsely", "rejects", own)
