"""Competing hypotheses ("who did it") and each document's stance on them.

Hypotheses are discovered from responsibility claims: a claim that names an
actor in the role of the one who carried out, organised, ordered, was behind,
is responsible for, claimed responsibility for, is blamed for or denies the
attack. Names are merged through the alias table (the alignment's when it is
installed, with the analyst's ``alias`` items) and grouped by the outermost
actor (GUR → Ukraine, CIA → United States), so one hypothesis stands for
"Ukraine (GUR) carried out the attack" however a source phrases it.

Every finding is a :class:`StanceEvidence` naming the claim (document offsets),
the name and cue that matched, who says it and why it counts as asserting,
reporting, denying or disputing. Matching is by transparent patterns, listed
in :data:`CUES`, not by a model: an analyst can see exactly why each quote was
taken and correct it.

Hypothesis ids (H1, H2, ...) are kept in the case's meta table, so they survive
re-analysis; analyst edits (add, merge, rename, drop) are audited analyst
items of kind ``hypothesis`` keyed by hypothesis id.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import Field

from ..model import CaseRecord, Claim, Record, register_case_record
from ..pipeline import registry
from .responsibility import CREDIT_CLAIM, DEMONYMS, DENY, NO_ONE_ELSE, PERPETRATED, PERPETRATION_VERBS, negated

if TYPE_CHECKING:  # pragma: no cover
    from ..case import Case

COMPONENT = "hypotheses"
VERSION = "2"
IDS_META = "hypotheses.ids"
FINGERPRINT_META = "hypotheses.fingerprint"

DocStance = Literal["asserts", "reports", "denies", "absent"]
ItemStance = Literal["asserts", "reports", "denies", "disputes"]
Polarity = Literal["supports", "rejects", "disputes"]


# --------------------------------------------------------------------------- records


class StanceEvidence(Record):
    """One claim that bears on a hypothesis, and why."""

    claim_id: str
    doc_id: str
    start: int
    end: int
    quote: str = Field(description="document text[start:end] (the claim)")
    stance: ItemStance
    polarity: Polarity
    speaker: str = Field(description="who says it: the outlet, or the quoted/reported party")
    speaker_kind: Literal["outlet", "quoted", "reported"]
    actor: str = Field(description="canonical actor named (GUR, CIA, Russian state, ...)")
    alias: str = Field(description="the name as written")
    alias_start: int
    alias_end: int
    cue: str = Field(description="the responsibility phrase that matched")
    cue_kind: str
    exclusive: bool = Field(False, description="'no one else', 'the only ... is': every other hypothesis is excluded")
    disputed: bool = Field(False, description="framed with doubt (supposedly, narrative, so-called)")
    hedged: bool = False
    reason: str


@register_case_record
class Hypothesis(CaseRecord):
    """A candidate answer to "who is responsible"."""

    layer: ClassVar[str] = "hypothesis"

    label: str
    statement: str
    actors: list[str] = Field(description="canonical actors this hypothesis stands for")
    aliases: list[str] = Field(default_factory=list, description="names that count as this hypothesis")
    seen: list[str] = Field(default_factory=list, description="names actually found in the case")
    origin: Literal["discovered", "analyst"] = "discovered"
    status: Literal["active", "merged", "dropped"] = "active"
    merged_into: str | None = None
    false_flag: bool = Field(False, description="the actor is the state where the attack took place")
    evidence_count: int = 0
    rev: int = Field(0, description="revision of the analyst item for this hypothesis (0: none)")


@register_case_record
class DocumentStance(CaseRecord):
    """One document's position on one hypothesis, with the quotes it rests on."""

    layer: ClassVar[str] = "hypothesis_stance"

    doc_id: str
    hypothesis_id: str
    stance: DocStance
    disputed: bool = Field(False, description="the outlet reports the hypothesis but casts doubt on it")
    mixed: bool = Field(False, description="the outlet's own voice both asserts and denies it")
    reason: str
    evidence: list[StanceEvidence] = Field(default_factory=list)


LAYERS = (Hypothesis.layer, DocumentStance.layer)


# --------------------------------------------------------------------------- names


# Used only when the alignment package (and its alias table) is not installed.
FALLBACK_ACTORS: dict[str, tuple[str | None, str | None, tuple[str, ...]]] = {
    # canonical: (parent, country, aliases)
    "Russian state": (None, "Russia", ("Russia", "Russian state", "Putin's state", "Putin", "Kremlin", "FSB", "KGB")),
    "Ukraine": (None, "Ukraine", ("Ukraine", "Ukrainian government", "Kiev government", "Kyiv government")),
    "GUR": ("Ukraine", None, ("GUR", "HUR", "Ukrainian secret service", "Ukrainian military intelligence")),
    "ISIS": (None, None, ("ISIS", "IS", "Islamic State", "IS-K", "ISIS-K", "ISKP", "Daesh", "Amaq")),
    "United States": (None, "United States", ("US", "U.S.", "United States", "US government", "Washington")),
    "CIA": ("United States", None, ("CIA", "US CIA")),
}
FALLBACK_PLACES = {"Moscow": "Russia", "Crocus City Hall": "Russia", "Kyiv": "Ukraine", "Kiev": "Ukraine"}
# Words that stand for a state only in a responsibility role ("Ukrainian involvement",
# "accuse Kiev"); not aliases elsewhere ("the Ukrainian border", "a missile strike on Kiev").
METONYMS = {w: DEMONYMS[w] for w in ("Ukrainian", "American")} | {"Kiev": "Ukraine", "Kyiv": "Ukraine"}

_SHORT_ACRONYM = re.compile(r"^[A-Z.\-]{1,4}$")


def _name_pattern(name: str) -> str:
    body = re.escape(name).replace("'", "['’]")
    return body if _SHORT_ACRONYM.match(name) else f"(?i:{body})"


def _norm(name: str) -> str:
    return re.sub(r"\s+", " ", name.replace("’", "'")).strip().lower()


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    actor: str
    text: str


class Lexicon:
    """Actor names to look for: alias → canonical actor, actor → side and country, place → country."""

    def __init__(self, aliases: dict[str, str], parent: dict[str, str | None], country: dict[str, str | None],
                 places: dict[str, str]):
        self.aliases = aliases
        self.parent = parent
        self.country = country
        self.places = places

    @classmethod
    def for_case(cls, case: "Case", extra: Iterable[str] = ()) -> "Lexicon":
        """The alignment's alias table with the case's analyst aliases (fallback: a small built-in
        table), plus ``extra`` names (an analyst hypothesis's own aliases) that stand for themselves."""
        try:
            from .actors import AliasTable
        except ImportError:
            lexicon = cls._fallback()
        else:
            table = AliasTable.with_analyst_items(case.store.analyst_items("alias"))
            actors = [e for e in table.entries.values() if e.kind == "actor"]
            lexicon = cls(
                {name: e.canonical for e in actors for name in (e.canonical, *e.aliases)},
                {e.canonical: e.parent for e in actors},
                {e.canonical: e.country for e in actors},
                {name: e.country for e in table.entries.values() if e.kind == "place" and e.country
                 for name in (e.canonical, *e.aliases)},
            )
        for adjective, actor in METONYMS.items():
            if actor in lexicon.parent:
                lexicon.aliases.setdefault(adjective, actor)
        for name in extra:
            if lexicon.resolve(name) is None:
                lexicon.aliases[name] = name
                lexicon.parent[name] = None
        return lexicon

    @classmethod
    def _fallback(cls) -> "Lexicon":
        return cls({a: c for c, (_, _, names) in FALLBACK_ACTORS.items() for a in (c, *names)},
                   {c: p for c, (p, _, _) in FALLBACK_ACTORS.items()},
                   {c: k for c, (_, k, _) in FALLBACK_ACTORS.items()}, dict(FALLBACK_PLACES))

    def _by_norm(self) -> dict[str, str]:
        # Not cached: ``for_case`` adds names after construction.
        return {_norm(a): c for a, c in self.aliases.items()}

    def resolve(self, name: str) -> str | None:
        return self._by_norm().get(_norm(name))

    def side(self, actor: str) -> str:
        """The outermost actor (GUR → Ukraine): what a hypothesis is about."""
        seen = [actor]
        while (parent := self.parent.get(seen[-1])) and parent not in seen:
            seen.append(parent)
        return seen[-1]

    def names_of(self, actors: Iterable[str]) -> list[str]:
        wanted = set(actors)
        return sorted({a for a, c in self.aliases.items() if c in wanted and a not in METONYMS}, key=str.lower)

    @cached_property
    def _actor_re(self) -> re.Pattern[str]:
        return _alternation(self.aliases)

    @cached_property
    def _place_re(self) -> re.Pattern[str]:
        return _alternation(self.places)

    def mentions(self, text: str) -> list[Mention]:
        by_norm = self._by_norm()
        return [Mention(m.start(), m.end(), by_norm[_norm(m.group())], m.group())
                for m in self._actor_re.finditer(text) if _norm(m.group()) in by_norm]

    def place_country(self, text: str) -> str | None:
        by_norm = {_norm(p): c for p, c in self.places.items()}
        m = self._place_re.match(text)
        return by_norm.get(_norm(m.group())) if m else None


def _alternation(names: Iterable[str]) -> re.Pattern[str]:
    ordered = sorted(set(names), key=len, reverse=True)
    if not ordered:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<![\w-])(?:" + "|".join(_name_pattern(n) for n in ordered) + r")(?![\w-])")


# --------------------------------------------------------------------------- cues


# A responsibility phrase and where the actor stands relative to it.
#   agent:     "GUR carried out", "ISIS was behind", "CIA helped instigate"   (actor before)
#   passive:   "carried out by the GUR", "organised by the FSB"             (actor after "by")
#   claimed:   "ISIS-K ... claim credit" — the actor speaks for itself       (actor before)
#   self-deny: "the Kremlin denies any involvement"                          (actor before)
#   deny:      "Ukraine ... has none of these characteristics"               (actor before)
#   only:      "the only actor ... is Putin's state", "... and no one else"
#   blame:     "Putin blames Ukraine", "accuse the US"                        (actor after; blamer before)
#   incriminate: "these incriminated Ukraine"                               (actor after; the speaker's voice)
# The wording shared with alignment frames (credit, perpetration, negation) is in responsibility.py.
CUES: dict[str, re.Pattern[str]] = {
    "agent": re.compile(
        rf"\b(?:(?:helped )?(?:{PERPETRATION_VERBS})|(?:was|were|is|are|be|been) behind|"
        r"(?:is|are|was|were|being|been|be) (?:\w+ )?responsible|did (?:it|this|the (?:attack|massacre))|"
        r"recruit(?:ed|ing|s)?|hired|(?:is|are|was|were) involved|involvement|"
        r"slaughter(?:s|ed)? (?:his|its|their) own)\b(?!\s+by\b)", re.I),
    "passive": re.compile(rf"\b(?:{PERPETRATED}|planned)\s+by\b", re.I),
    "claimed": re.compile(rf"\b{CREDIT_CLAIM}\b", re.I),
    "self-deny": re.compile(rf"\b(?:{DENY}|reject(?:s|ed|ing)?)\s+(?:any\s+)?(?:involvement|responsibility|role|part)\b",
                            re.I),
    "deny": re.compile(r"\b(?:ha(?:s|d|ve) none of|ha(?:s|d|ve) no (?:reason|motive|part|role|involvement)|"
                       r"(?:is|are|was|were) not (?:behind|responsible|involved)|"
                       r"(?:did|does|do) not (?:carry out|organi[sz]e|order|commit))", re.I),
    "only": NO_ONE_ELSE,
    "only-is": re.compile(r"\bthe only\b[^.;]{0,120}?\b(?:is|was)\s+", re.I),
    "blame": re.compile(r"\b(?:blam(?:es|ed|ing|e)|accus(?:es|ed|ing|e)|holds? responsible)\b", re.I),
    "incriminate": re.compile(r"\b(?:incriminat|implicat)\w*", re.I),
}
SUPPORTING = {"agent", "passive", "claimed", "only", "only-is", "blame", "incriminate"}
# The outlet distancing itself: its own claim becomes a dispute, a reported one is marked disputed.
HEARSAY = re.compile(r"\b(?:supposedly|allegedly|purportedly|so-called)\b", re.I)
DOUBT = re.compile(r"\b(?:narrative|false credence|propaganda|fabricat\w*|pretext)\b", re.I)
DISPUTE_AFTER = re.compile(r"^['’]?s?\s+(?:narrative|version|story|propaganda|lies?|fabrication)\b", re.I)
DISPUTE_BEFORE = re.compile(r"\b(?:so-called|alleged|supposed)\s+$", re.I)
# Where the actor may stand: within so many characters of its cue, in the same clause.
ACTOR_WINDOW = 60
AFTER_WINDOW = 45
# Words that end the stretch between an actor and its cue: the actor must be in the same clause.
BARRIER = re.compile(r"[.;:!?]|\b(?:that|which|who|whom|but|while|because|although|whether|if)\b", re.I)
RELATIVE = re.compile(r",\s*(?:which|who|whom)\b[^,.;]*,", re.I)
RELATIVE_TAIL = re.compile(r"(?:,\s*|\s)(?:which|whom|who)\s+([^,.;]{1,40}?)\s*$", re.I)
SUBJECT_FILLER = {"could", "can", "may", "might", "would", "will", "have", "has", "had", "also", "openly", "or",
                  "covertly", "now", "to", "even", "then", "so", "and", "is", "are", "was", "were", "be", "not"}
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
    m = max((m for m in mentions if m.end <= pos), key=lambda m: m.end, default=None)
    return m if m and len(text[m.end:pos]) <= window and not BARRIER.search(text[m.end:pos]) else None


def _after(mentions: list[Mention], pos: int, text: str, window: int = AFTER_WINDOW) -> Mention | None:
    """The closest actor starting after ``pos``, if no sentence or clause boundary lies between."""
    m = min((m for m in mentions if m.start >= pos), key=lambda m: m.start, default=None)
    gap = text[pos:m.start] if m else ""
    return m if m and len(gap) <= window and not re.search(r"[.;:!?]|\bthat\b|\bbecause\b", gap) else None


def _subject(text: str) -> str:
    """The words naming who blames/accuses: the end of the clause before the cue."""
    clause = re.split(r"[,.;:]|\bthat\b", text)[-1]
    words = re.findall(r"[\w’'-]+", clause)
    while words and words[-1].lower() in SUBJECT_FILLER:
        words.pop()
    subject: list[str] = []
    for word in reversed(words[-3:]):
        if word.lower() in SUBJECT_STOP:
            break
        subject.insert(0, word)
    return " ".join(subject)


def find_hits(claim: Claim, lexicon: Lexicon) -> list[Hit]:
    """Every actor the claim puts in a responsibility role (offsets are claim-relative here)."""
    text = claim.text
    # Blank relative clauses (", which Putin blames for this massacre,") so "Ukraine ... has none"
    # finds Ukraine, not Putin; blanking keeps offsets.
    masked = RELATIVE.sub(lambda m: " " * len(m.group()), text)
    mentions = lexicon.mentions(text)
    outside = [m for m in mentions if masked[m.start:m.end] == text[m.start:m.end]]
    own = (claim.speaker.name, claim.speaker.kind)
    hearsay = bool(HEARSAY.search(text))
    doubt = hearsay or bool(DOUBT.search(text))
    hits: list[Hit] = []

    def add(m: Mention | None, cue: re.Match[str], kind: str, polarity: Polarity, voice: tuple[str, Any],
            exclusive: bool = False) -> None:
        if m is None:
            return
        if voice == own and polarity == "supports":
            # A denial frame ("Russia denied that ...") flips the claim; clause negation anywhere
            # in the clause (claim.negated) does not: the cue's own negation is checked locally.
            if claim.stance == "denies" and not claim.negated:
                polarity = "rejects"
            elif hearsay and own[1] == "outlet":
                polarity = "disputes"
        hits.append(Hit(claim, m, cue.group().strip(), kind, polarity, voice[0], voice[1], exclusive,
                        disputed=doubt and voice[1] != "outlet"))

    # "denies any involvement" is a denial, not an "involvement" cue.
    denials = [m.span() for m in CUES["self-deny"].finditer(masked)]
    for kind in ("agent", "deny", "only"):
        for cue in CUES[kind].finditer(masked):
            if any(s <= cue.start() < e for s, e in denials):
                continue
            m = _before(outside, cue.start(), masked)
            if kind == "agent" and m and negated(masked[m.end:cue.start()]):
                add(m, cue, kind, "rejects", own)
            else:
                add(m, cue, kind, "rejects" if kind == "deny" else "supports", own, exclusive=kind == "only")
    for cue in CUES["only-is"].finditer(text):
        add(_after(mentions, cue.end(), text, 15), cue, "only-is", "supports", own, exclusive=True)
    for cue in CUES["passive"].finditer(text):
        add(_after(mentions, cue.end(), text, 30), cue, "passive", "supports", own)
    for kind, polarity in (("claimed", "supports"), ("self-deny", "rejects")):
        for cue in CUES[kind].finditer(text):
            m = _before(mentions, cue.start(), text, 40)
            add(m, cue, kind, polarity, (m.text, "reported") if m else own)
    for cue in CUES["blame"].finditer(text):
        relative = RELATIVE_TAIL.search(text[:cue.start()])
        if relative:  # "Ukraine, which Putin blames"
            m = _before(mentions, relative.start(), text, 3)
            blamer = relative.group(1)
        else:
            m = _after(mentions, cue.end(), text)
            blamer = _subject(text[:cue.start()])
        add(m, cue, "blame", "supports", (blamer, "reported") if blamer else own)
    for cue in CUES["incriminate"].finditer(text):
        add(_after(mentions, cue.end(), text, 30), cue, "incriminate", "supports", own)
    if own[1] == "outlet":  # the outlet's own doubt about a name: "the ISIS narrative", "so-called ..."
        for m in mentions:
            cue = DISPUTE_AFTER.search(text[m.end:]) or DISPUTE_BEFORE.search(text[:m.start])
            if cue:
                add(m, cue, "dispute", "disputes", own)
    return _dedupe(hits)


def _dedupe(hits: list[Hit]) -> list[Hit]:
    """One hit per (actor, polarity, voice) in a claim: the first cue explains it, and it is exclusive
    when any of them is ("X and no one else ordered it": the agent cue, exclusively)."""
    out: dict[tuple[str, str, str], Hit] = {}
    for hit in hits:
        key = (hit.mention.actor, hit.polarity, hit.speaker)
        if key not in out:
            out[key] = hit
        elif hit.exclusive and not out[key].exclusive:
            out[key] = replace(out[key], exclusive=True)
    return list(out.values())


# --------------------------------------------------------------------------- stances


def item_stance(hit: Hit) -> ItemStance:
    if hit.polarity == "disputes":
        return "disputes"
    if hit.speaker_kind == "outlet":
        return "asserts" if hit.polarity == "supports" else "denies"
    return "reports" if hit.polarity == "supports" else "denies"


def overall_stance(items: list[StanceEvidence]) -> tuple[DocStance, bool, bool, str]:
    """(stance, disputed, mixed, reason): own voice first, then reports, then quoted denials."""
    counts = Counter((i.stance, i.speaker_kind == "outlet") for i in items)
    own_yes, own_no = counts[("asserts", True)], counts[("denies", True)]
    reports, quoted_no = counts[("reports", False)], counts[("denies", False)]
    disputes = counts[("disputes", True)] + sum(1 for i in items if i.stance == "reports" and i.disputed)
    if own_yes or own_no:
        stance: DocStance = "asserts" if own_yes >= own_no else "denies"
        return stance, False, bool(own_yes and own_no), f"own voice: {own_yes} asserting, {own_no} denying"
    if reports:
        return "reports", bool(disputes), False, (
            f"reports {reports} claim(s) by others" + (f", casts doubt {disputes} time(s)" if disputes else ""))
    if quoted_no:
        return "denies", False, False, f"quotes {quoted_no} denial(s)"
    if disputes:
        return "denies", True, False, f"casts doubt on it {disputes} time(s) without reporting it"
    return "absent", False, False, "no claim names it"


def _evidence(hit: Hit, doc_text: str) -> StanceEvidence:
    claim = hit.claim
    if doc_text[claim.start:claim.end] == claim.text:
        offset = claim.start + hit.mention.start
    else:  # a corrected claim text: find the name inside the claim's span
        offset = max(doc_text.find(hit.mention.text, claim.start, claim.end), claim.start)
    stance = item_stance(hit)
    return StanceEvidence(
        claim_id=claim.id, doc_id=claim.doc_id, start=claim.start, end=claim.end,
        quote=doc_text[claim.start:claim.end], stance=stance, polarity=hit.polarity, speaker=hit.speaker,
        speaker_kind=hit.speaker_kind, actor=hit.mention.actor, alias=hit.mention.text, alias_start=offset,
        alias_end=offset + len(hit.mention.text), cue=hit.cue, cue_kind=hit.cue_kind, exclusive=hit.exclusive,
        disputed=hit.disputed, hedged=bool(claim.hedges),
        reason=f"{hit.speaker} ({hit.speaker_kind}): “{hit.cue}” puts {hit.mention.text} in the {hit.cue_kind} role"
               f" → {stance}" + (" (framed with doubt)" if hit.disputed else ""),
    )


# --------------------------------------------------------------------------- the stage


EVENT_PLACE = re.compile(r"\b(?:attacks?|massacre|bombing|shooting)\s+(?:in|on|at)\s+(?:the\s+)?", re.I)


def event_country(texts: Iterable[str], lexicon: Lexicon) -> str | None:
    """The country the sources most often place the attack in ("attack in Moscow" → Russia)."""
    found = Counter(c for text in texts for m in EVENT_PLACE.finditer(text)
                    if (c := lexicon.place_country(text[m.end():m.end() + 40])))
    return found.most_common(1)[0][0] if found else None


@dataclass
class _Spec:
    """A hypothesis while it is being built."""

    id: str
    key: str
    actors: set[str]
    origin: Literal["discovered", "analyst"]
    label: str | None = None
    status: Literal["active", "merged", "dropped"] = "active"
    merged_into: str | None = None
    rev: int = 0


def _load_ids(case: "Case") -> dict[str, str]:
    return json.loads(case.store.get_meta(IDS_META) or "{}")


def allocate_id(ids: dict[str, str], key: str) -> str:
    """The hypothesis id of ``key``, allocating the next H<n> the first time (ids are never reused)."""
    if key not in ids:
        ids[key] = f"H{1 + max((int(v[1:]) for v in ids.values()), default=0)}"
    return ids[key]


def fingerprint(case: "Case") -> str:
    """Changes whenever analyst hypothesis or alias items do (including an undo)."""
    state = [case.store.analyst_items(kind) for kind in ("hypothesis", "alias")]
    return hashlib.sha256(json.dumps(state, sort_keys=True, default=str).encode()).hexdigest()[:16]


def case_lexicon(case: "Case") -> Lexicon:
    """The names to look for in this case: the alias table, the analyst's hypothesis aliases, and
    actors the alias table does not know that claims name as responsible."""
    edits = case.store.analyst_items("hypothesis")
    analyst = [a for data, _ in edits.values() for a in data.get("aliases", [])]
    known = Lexicon.for_case(case, analyst)
    event_year = _case_event_year(case)
    dates = {d.id: d for d in case.annotations("date")}
    claims = [c for c in case.claims(kind="attribution") if not _about_other_year(c, dates, event_year)]
    discovered = new_actors(claims, case.annotations("entity"), known)
    return Lexicon.for_case(case, analyst + discovered)


def _case_event_year(case: "Case") -> int | None:
    """The year of the event most claim clusters are about (None without alignment)."""
    try:
        from ..across.alignment import Alignment
    except ImportError:  # pragma: no cover - alignment is optional for this stage
        return None
    years = Counter(c.event_date.year for c in Alignment(case).clusters() if c.event_date)
    return years.most_common(1)[0][0] if years else None


def _about_other_year(claim: Claim, dates: dict[str, Any], event_year: int | None) -> bool:
    """A claim dated in another year is about another event ("the Moscow theatre in 2002")."""
    if event_year is None:
        return False
    stated = [dates[i] for i in claim.date_ids if i in dates]
    return any(d.role == "event" and d.value and not d.year_inferred and d.value.year != event_year for d in stated)


ACTOR_LABELS = {"ORG", "NORP", "PERSON", "GPE"}


def new_actors(claims: Iterable[Claim], entities: Iterable[Any], lexicon: Lexicon) -> list[str]:
    """Agents of attribution claims that contain a named entity the alias table does not know
    ("organized by Islamo-fascist renegades"): new candidate actors, named as the claim has them."""
    by_id = {e.id: e for e in entities}
    found: list[str] = []
    for claim in claims:
        agent = claim.slots.agent
        if not agent or lexicon.mentions(agent) or agent in found:
            continue
        named = (by_id[i] for i in claim.entity_ids if i in by_id)
        if any(e.label in ACTOR_LABELS and e.text in agent for e in named):
            found.append(agent)
    return found


@registry.case_stage(COMPONENT, version=VERSION, layers=LAYERS)
def hypotheses_stage(case: "Case") -> list[CaseRecord]:
    """Discover hypotheses, apply the analyst's edits, and work out every document's stance."""
    edits = case.store.analyst_items("hypothesis")
    lexicon = case_lexicon(case)
    docs = case.documents()
    order = {d.id: n for n, d in enumerate(docs)}
    texts = {d.id: d.text for d in docs}
    hits = sorted((h for c in case.claims() if c.doc_id in texts for h in find_hits(c, lexicon)),
                  key=lambda h: (order[h.claim.doc_id], h.claim.start, h.mention.start))
    ids = _load_ids(case)
    specs = _specs(hits, edits, ids, lexicon)
    country = event_country(texts.values(), lexicon)
    records: list[CaseRecord] = []
    for spec in specs.values():
        members = _closure(spec, specs, lexicon)
        mine = [h for h in hits if h.mention.actor in members]
        records.append(_hypothesis(spec, mine, members, lexicon, country))
        if spec.status != "active":
            continue
        for doc in docs:
            items = [_evidence(h, texts[doc.id]) for h in mine if h.claim.doc_id == doc.id]
            stance, disputed, mixed, reason = overall_stance(items)
            records.append(DocumentStance(
                id=f"{doc.id}:{spec.id}", component=COMPONENT, version=VERSION, doc_id=doc.id,
                hypothesis_id=spec.id, stance=stance, disputed=disputed, mixed=mixed, reason=reason, evidence=items))
    case.store.set_meta(IDS_META, json.dumps(ids, sort_keys=True))
    case.store.set_meta(FINGERPRINT_META, fingerprint(case))
    return records


def _specs(hits: list[Hit], edits: dict[str, tuple[Any, int]], ids: dict[str, str],
           lexicon: Lexicon) -> dict[str, _Spec]:
    """Discovered hypotheses (one per outermost actor, in order of first mention) and the analyst's, edits applied."""
    specs: dict[str, _Spec] = {}
    for hit in hits:
        side = lexicon.side(hit.mention.actor)
        hid = allocate_id(ids, f"actor:{side}")
        specs.setdefault(hid, _Spec(hid, f"actor:{side}", {side}, "discovered"))
    for hid, (data, rev) in edits.items():
        spec = specs.get(hid)
        if spec is None:
            if data.get("origin") != "analyst":
                continue  # an edit of a hypothesis no source supports any more
            actors = {lexicon.resolve(a) or a for a in data.get("aliases", [])}
            spec = specs[hid] = _Spec(hid, f"analyst:{hid}", actors, "analyst")
        spec.label = data.get("label", spec.label)
        spec.rev = rev
        if data.get("dropped"):
            spec.status = "dropped"
        if data.get("merged_into"):
            spec.status, spec.merged_into = "merged", data["merged_into"]
    return dict(sorted(specs.items(), key=lambda kv: int(kv[0][1:])))


def _closure(spec: _Spec, specs: dict[str, _Spec], lexicon: Lexicon) -> set[str]:
    """Actors a hypothesis stands for: its own, those merged into it, and their organs (GUR under Ukraine)."""
    roots = set(spec.actors)
    for other in specs.values():
        if other.id != spec.id and _final_target(other, specs) == spec.id:
            roots |= other.actors
    return {a for a in set(lexicon.parent) | roots if a in roots or _ancestors(a, lexicon) & roots}


def _ancestors(actor: str, lexicon: Lexicon) -> set[str]:
    out: set[str] = set()
    while (parent := lexicon.parent.get(actor)) and parent not in out:
        out.add(parent)
        actor = parent
    return out


def _final_target(spec: _Spec, specs: dict[str, _Spec]) -> str | None:
    """Where a merged hypothesis ends up after following merge chains."""
    seen = {spec.id}
    while spec.merged_into and spec.merged_into in specs and spec.merged_into not in seen:
        seen.add(spec.merged_into)
        spec = specs[spec.merged_into]
    return spec.id if len(seen) > 1 else None


def _hypothesis(spec: _Spec, hits: list[Hit], members: set[str], lexicon: Lexicon,
                country: str | None) -> Hypothesis:
    roots = sorted(spec.actors)
    false_flag = bool(country) and any(lexicon.country.get(a) == country for a in roots)
    organs = [a for a, _ in Counter(h.mention.actor for h in hits).most_common() if a not in spec.actors]
    name = " / ".join(roots) + (f" ({', '.join(organs)})" if organs else "")
    label = spec.label or (" / ".join(roots) + " false flag" if false_flag else name)
    statement = (f"The {name} staged the attack on its own territory (false flag)" if false_flag
                 else f"{name} carried out or was behind the attack")
    return Hypothesis(
        id=spec.id, component=COMPONENT, version=VERSION, label=label, statement=statement, actors=sorted(members),
        aliases=lexicon.names_of(members), seen=sorted({h.mention.text for h in hits}), origin=spec.origin,
        status=spec.status, merged_into=spec.merged_into, false_flag=false_flag, evidence_count=len(hits),
        rev=spec.rev)


# --------------------------------------------------------------------------- the API


class HypothesisError(ValueError):
    pass


class Hypotheses:
    """``case.hypotheses``: the hypotheses of a case, stances, and the analyst's edits.

    >>> h = case.hypotheses                                  # doctest: +SKIP
    >>> [x.label for x in h.list()]                          # doctest: +SKIP
    >>> h.stance("oakke-2024", "H1").stance                  # doctest: +SKIP
    >>> h.add("Russian state false flag", aliases=["FSB"])   # doctest: +SKIP
    """

    def __init__(self, case: "Case"):
        self.case = case
        if case.store.get_meta(FINGERPRINT_META) != fingerprint(case):
            refresh(case)

    def list(self, include_inactive: bool = False) -> list[Hypothesis]:
        items = [h for h in self.case.records(Hypothesis.layer) if isinstance(h, Hypothesis)]
        items.sort(key=lambda h: int(h.id[1:]))
        return [h for h in items if include_inactive or h.status == "active"]

    def get(self, hypothesis_id: str) -> Hypothesis:
        for h in self.list(include_inactive=True):
            if h.id == hypothesis_id:
                return h
        raise HypothesisError(f"no hypothesis {hypothesis_id!r}")

    def stances(self, doc_id: str | None = None, hypothesis_id: str | None = None) -> list[DocumentStance]:
        return [s for s in self.case.records(DocumentStance.layer) if isinstance(s, DocumentStance)
                and doc_id in (None, s.doc_id) and hypothesis_id in (None, s.hypothesis_id)]

    def stance(self, doc_id: str, hypothesis_id: str) -> DocumentStance:
        found = self.stances(doc_id, hypothesis_id)
        if not found:
            raise HypothesisError(f"no stance of {doc_id!r} on {hypothesis_id!r} (is the hypothesis active?)")
        return found[0]

    # ------------------------------------------------------------------ analyst edits

    def add(self, label: str, aliases: Iterable[str] = (), *, note: str | None = None) -> Hypothesis:
        """A hypothesis of the analyst's own; ``aliases`` are the names that count as it."""
        aliases = [a.strip() for a in aliases if a.strip()]
        if not label.strip():
            raise HypothesisError("a hypothesis needs a label")
        ids = _load_ids(self.case)
        hid = allocate_id(ids, f"analyst:{len(ids)}")
        self.case.store.set_meta(IDS_META, json.dumps(ids, sort_keys=True))
        self._put(hid, {"origin": "analyst", "label": label.strip(), "aliases": aliases}, "add", note, 0)
        return self.get(hid)

    def rename(self, hypothesis_id: str, label: str, *, note: str | None = None,
               expected_rev: int | None = None) -> Hypothesis:
        self.get(hypothesis_id)
        if not label.strip():
            raise HypothesisError("a hypothesis needs a label")
        self._change(hypothesis_id, {"label": label.strip()}, "rename", note, expected_rev)
        return self.get(hypothesis_id)

    def drop(self, hypothesis_id: str, *, note: str | None = None, expected_rev: int | None = None) -> None:
        self.get(hypothesis_id)
        self._change(hypothesis_id, {"dropped": True}, "drop", note, expected_rev)

    def merge(self, target: str, *others: str, note: str | None = None) -> Hypothesis:
        """Fold ``others`` into ``target`` (their evidence and names count for it)."""
        if self.get(target).status != "active":
            raise HypothesisError(f"{target} is not active")
        for other in others:
            if other == target:
                raise HypothesisError("cannot merge a hypothesis into itself")
            self.get(other)
        for other in others:
            self._change(other, {"merged_into": target}, "merge", note, None, refresh_after=False)
        refresh(self.case)
        return self.get(target)

    def _change(self, hypothesis_id: str, change: dict[str, Any], action: str, note: str | None,
                expected_rev: int | None, refresh_after: bool = True) -> None:
        current = self.case.store.analyst_item("hypothesis", hypothesis_id)
        self._put(hypothesis_id, (current[0] if current else {}) | change, action, note, expected_rev, refresh_after)

    def _put(self, hypothesis_id: str, data: dict[str, Any], action: str, note: str | None,
             expected_rev: int | None, refresh_after: bool = True) -> None:
        self.case.store.put_analyst("hypothesis", hypothesis_id, data, user=self.case.user, action=action, note=note,
                                    expected_rev=expected_rev)
        if refresh_after:
            refresh(self.case)


def refresh(case: "Case") -> None:
    """Re-run the hypotheses and ACH stages (cheap: no NLP) after an analyst edit."""
    for name in (COMPONENT, "ach"):
        if name in registry.stages:
            stage = registry.get(name)
            case.store.replace_records(stage.layers, list(stage.fn(case)))
