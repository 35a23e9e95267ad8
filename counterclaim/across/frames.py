"""Facts: the comparable propositions inside a claim, with their event anchors.

A claim may hold several facts: each figure with a measure ("killed 137
people" → killed=137), each actor the claim puts in the role of the one who did
it (who was *responsible*), and who *warned*. Who did it is read by the
attribution parser (:func:`..attribution.cues.find_hits`), the one reading the
hypotheses use too: its actor, polarity (asserted or denied) and voice (the
outlet, or the speaker it reports) become the fact's agent, ``negative`` and
``speaker``. A claim with none of these is one *statement* fact, compared by
meaning and polarity only. Every fact records the event it is about — date,
places (as countries, so a venue, its city and its country nest) — taken from
its own clause when that names one, else from the whole claim; two facts are
only compared once their events are resolved as the same one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from .. import lexicons
from ..attribution.actors import AliasTable, Mention
from ..attribution.cues import find_hits
from ..attribution.lexicon import Lexicon
from ..attribution.responsibility import EXCLUSIVE, NEGATION_OR_DENIAL, negated
from ..model import Claim, DateMention, Document, Quantity, Speaker

EVENT_NOUNS = lexicons.alternation("event_nouns", "frames")
# A warning given beforehand: not who did it, but a fact sources can agree or disagree on.
WARNED = re.compile(r"\b(warn|warns|warned|advance warning|advance notice|tipped off)\b", re.I)

# Words before a state's name that make it a place ('civilians in Russia').
PLACE_BEFORE = re.compile(r"\b(in|at|near|outside|inside|within|into|to|from|across|on)\s+(?:the\s+)?$", re.I)
EVENT_BEFORE = re.compile(rf"\b({EVENT_NOUNS})\s+(?:on|of)\s+(?:\w+day,?\s+)?$", re.I)
EVENT_AFTER = re.compile(rf"^(?:['’]s)?\s+(?:\w+\s+){{0,2}}?({EVENT_NOUNS})\b", re.I)
UPDATE = re.compile(r"\b(toll|rose|risen|climbed|increased|reached|stood at|stands at|so far|had died|have died"
                    r"|had been killed|have been killed|updated|revised)\b", re.I)
AS_OF_BEFORE = re.compile(
    r"\b(as of|as at|by|until|so far|since|updated|said|says|announced|reported|confirmed|stated|added)\s+(?:on\s+|the\s+)?$", re.I)
CLAUSE_BREAK = re.compile(r"[,;:()—–]|\s-\s")
SAME_EVENT_DAYS = 31  # dates further apart than this are different events, not a temporal clash


@dataclass(frozen=True)
class Anchor:
    """What event a fact is about: a date (with precision) and the countries of its places."""

    date: dt.date | None = None
    precision: str | None = None
    countries: frozenset[str] = frozenset()
    date_text: str | None = None

    def conflicts(self, other: "Anchor") -> str | None:
        """Why two anchors cannot be one event (dates far apart, disjoint countries), or None."""
        if self.date and other.date and abs((self.date - other.date).days) > SAME_EVENT_DAYS:
            coarse = min(_RANK[self.precision or "day"], _RANK[other.precision or "day"])
            if coarse >= _RANK["day"] or self.date.year != other.date.year or coarse >= _RANK["month"] and self.date.month != other.date.month:
                return f"different dates ({self.date_text or self.date} vs {other.date_text or other.date})"
        if self.countries and other.countries and not self.countries & other.countries:
            return f"different places ({', '.join(sorted(self.countries))} vs {', '.join(sorted(other.countries))})"
        return None


_RANK = {"decade": 0, "year": 1, "month": 2, "day": 3}


@dataclass(frozen=True)
class Fact:
    """One comparable proposition of one claim."""

    claim: Claim
    topic: str
    anchor: Anchor
    negative: bool = False
    agent: str | None = None
    quantity: Quantity | None = None
    stated_as_of: DateMention | None = None  # "as of March 24", "officials said on Saturday"
    event_day: dt.date | None = None  # a day-precision event date stated in the claim itself
    speaker: Speaker | None = None  # who says it, where not the claim's speaker ("Putin has linked it to Ukraine")
    cue: str | None = None  # the attribution wording that named the agent
    exclusive: bool = False  # "X and no one else", "the only one ... is X": every other agent is excluded

    doc_id: str = field(init=False)  # the claim's; a field because pairing reads it millions of times

    def __post_init__(self) -> None:
        object.__setattr__(self, "doc_id", self.claim.doc_id)

    @property
    def voice(self) -> Speaker:
        """Who says the fact: the attribution's own voice, else the claim's speaker."""
        return self.speaker or self.claim.speaker

    @property
    def reported(self) -> bool:
        """Said by someone the document reports, not in its own voice."""
        return self.speaker.kind != "outlet" if self.speaker else self.claim.stance == "reports"


@dataclass
class ClaimContext:
    """What fact extraction needs besides the claim: its document and annotations."""

    document: Document
    aliases: AliasTable
    quantities: dict[str, Quantity] = field(default_factory=dict)
    dates: dict[str, DateMention] = field(default_factory=dict)
    doc_anchor: Anchor = Anchor()
    parents: dict[str, Claim] = field(default_factory=dict)  # claim id -> the claim it is nested in
    lexicon: Lexicon | None = None  # the case's names for who did it; by default the alias table's

    def __post_init__(self) -> None:
        if self.lexicon is None:
            self.lexicon = Lexicon.for_table(self.aliases)


def clauses(text: str) -> list[tuple[int, int]]:
    """Comma/semicolon/dash-delimited stretches of ``text`` as (start, end)."""
    spans, start = [], 0
    for m in CLAUSE_BREAK.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [s for s in spans if text[s[0]:s[1]].strip()]


def _clause_of(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    return next((s for s in spans if s[0] <= pos <= s[1]), (0, 0))


def facts_of(claim: Claim, ctx: ClaimContext) -> list[Fact]:
    """Every fact in ``claim``: its figures, who it says did it or warned, else one statement."""
    assert ctx.lexicon is not None
    text = claim.text
    hits = find_hits(claim, ctx.lexicon)
    # An actor named in a who-did-it role is not where the event happened ("linked the attack to Ukraine").
    roles = {(h.mention.start, h.mention.end) for h in hits}
    mentions = [m for m in ctx.aliases.mentions(text) if (m.start, m.end) not in roles]
    dates = _claim_dates(claim, ctx)
    spans = clauses(text)
    # What the claim leaves open (no date, no place) comes from the claim it is nested in, then the document.
    own = _fill(_own_anchor(claim, ctx, mentions), _own_anchor(ctx.parents[claim.id], ctx)
                if claim.id in ctx.parents else None)
    whole = _fill(own, ctx.doc_anchor)
    stated = [d for d in dates if _is_as_of(text, d, claim.start)]
    common = {"stated_as_of": stated[-1] if stated else None, "negative": _negative(claim),
              "event_day": next((d.value for d in dates if d.precision == "day"
                                 and _date_role(text, d, claim.start) == "event"), None)}

    def local(pos: int, fallback: Anchor = whole) -> Anchor:
        """The event named in the clause around ``pos``, filled from ``fallback``."""
        lo, hi = _clause_of(spans, pos)
        here = _anchor(ctx, text, [m for m in mentions if lo <= m.start < hi],
                       [d for d in dates if lo <= d.start - claim.start < hi and not _is_as_of(text, d, claim.start)])
        return _fill(here, fallback)

    facts = [Fact(claim, q.measure, local(q.start - claim.start), quantity=q, **common)
             for q in _claim_quantities(claim, ctx)
             if q.measure and q.qualifier != "vague" and (q.value is not None or q.low is not None or q.high is not None)]
    # The document's most-named country is too weak to tell two who-did-it claims apart as different events:
    # only a place the claim itself names does.
    agent_fallback = _fill(own, replace(ctx.doc_anchor, countries=frozenset()))
    seen: set[tuple] = set()
    for hit in hits:
        voice = Speaker(kind=hit.speaker_kind, name=hit.speaker)
        fact = Fact(claim, "responsible", local(hit.mention.start, agent_fallback), agent=hit.mention.actor,
                    speaker=voice, cue=hit.cue, exclusive=hit.exclusive,
                    **common | {"negative": hit.polarity != "supports"})  # a denial or the outlet's doubt
        if (key := (fact.anchor, fact.agent, fact.negative, voice.name)) not in seen:
            seen.add(key)
            facts.append(fact)
    warner = ctx.aliases.resolve(claim.speaker.name) if claim.speaker.cue else None
    if warner and WARNED.search(claim.speaker.cue or ""):
        # "officials warned the embassy that ...": the reporting frame is not a claim, but the warning is a fact.
        facts.append(Fact(claim, "warned", whole, agent=warner, **common))
    elif (cue := WARNED.search(text)) and (who := _warner(text, mentions, ctx.aliases, claim.slots.agent)):
        facts.append(Fact(claim, "warned", local(cue.start()), agent=who, **common))
    return facts or [Fact(claim, "statement", whole, **common)]


def _fill(anchor: Anchor | None, fallback: Anchor | None) -> Anchor:
    """``anchor`` with its missing date or places taken from ``fallback``."""
    if anchor is None or fallback is None:
        return anchor or fallback or Anchor()
    # A date only carries over from a stretch about the same places: "150 killed in Russia" must not take
    # the "January" of the Iran massacre named in the next clause.
    if anchor.date is None and fallback.date and (not anchor.countries or fallback.countries <= anchor.countries):
        anchor = replace(anchor, date=fallback.date, precision=fallback.precision, date_text=fallback.date_text)
    if not anchor.countries and fallback.countries:
        anchor = replace(anchor, countries=fallback.countries)
    return anchor


def _negative(claim: Claim) -> bool:
    """Negated in its own words, or a denial — but "X and no one else" singles X out and denies nothing."""
    if negated(claim.text, NEGATION_OR_DENIAL):
        return True
    return claim.stance == "denies" and not EXCLUSIVE.search(claim.text)


def _own_anchor(claim: Claim, ctx: ClaimContext, mentions: list[Mention] | None = None) -> Anchor | None:
    """The event the claim's own words name, if any (``mentions``: its names, by default all)."""
    dates = [d for d in _claim_dates(claim, ctx) if not _is_as_of(claim.text, d, claim.start)]
    return _anchor(ctx, claim.text, ctx.aliases.mentions(claim.text) if mentions is None else mentions, dates)


# ------------------------------------------------------------------ pieces


def _claim_quantities(claim: Claim, ctx: ClaimContext) -> list[Quantity]:
    """The claim's figures that count the incident: a war-wide or year's toll, or a projection, never joins its
    series or conflicts."""
    if claim.quantity_ids:
        found = [ctx.quantities[q] for q in claim.quantity_ids if q in ctx.quantities]
    else:
        found = [q for q in ctx.quantities.values() if claim.start <= q.start and q.end <= claim.end]
    return [q for q in found if q.counts_incident]


def _claim_dates(claim: Claim, ctx: ClaimContext) -> list[DateMention]:
    found = [ctx.dates[d] for d in claim.date_ids if d in ctx.dates] if claim.date_ids else [
        d for d in ctx.dates.values() if claim.start <= d.start and d.end <= claim.end]
    return [d for d in found if d.value and d.role not in ("publication", "dateline")]


def _date_role(text: str, date: DateMention, offset: int) -> str:
    """'event' for the date of the event itself ('the March 22 attack', 'the blast on June 2'), 'as_of' for
    the date of a report ('as of March 24', 'officials said on Saturday', 'the toll rose to 27 on June 3'),
    else 'other' (still places the fact in time, but never decides a temporal clash or a revision)."""
    start, end = date.start - offset, date.end - offset
    before, after = text[max(0, start - 40):max(0, start)], text[end:end + 40]
    if EVENT_BEFORE.search(before) or EVENT_AFTER.search(after):
        return "event"
    if AS_OF_BEFORE.search(before) or UPDATE.search(text[max(0, start - 150):end + 150]):
        return "as_of"
    return "other"


def _is_as_of(text: str, date: DateMention, offset: int) -> bool:
    return _date_role(text, date, offset) == "as_of"


def _anchor(ctx: ClaimContext, text: str, mentions: list[Mention], dates: list[DateMention]) -> Anchor | None:
    """The event a stretch of text names, or None when it names no place and no date."""
    places = {m.canonical for m in mentions if ctx.aliases.is_place(m.canonical) or _place_use(m, text, ctx.aliases)}
    countries = {c for p in places if (c := ctx.aliases.country(p))}
    if not (places or dates):
        return None
    date = max(dates, key=lambda d: _RANK.get(d.precision or "day", 3)) if dates else None
    return Anchor(date.value if date else None, date.precision if date else None, frozenset(countries),
                  date.text if date else None)


def _place_use(m: Mention, text: str, aliases: AliasTable) -> bool:
    """A state's name used as a place ('civilians in Russia')."""
    return aliases.country(m.canonical) is not None and bool(PLACE_BEFORE.search(text[max(0, m.start - 24):m.start]))


def _warner(text: str, mentions: list[Mention], aliases: AliasTable, slot: str | None) -> str | None:
    """Who warned: the claim's agent slot, else the first actor it names that is not a place."""
    if slot and (resolved := aliases.resolve(slot)) and not aliases.is_place(resolved):
        return resolved
    actors = [m for m in mentions if not aliases.is_place(m.canonical)
              and not PLACE_BEFORE.search(text[max(0, m.start - 24):m.start])]
    return actors[0].canonical if actors else None


def document_anchor(document: Document, dates: list[DateMention], aliases: AliasTable) -> Anchor:
    """A document's main event: its first day-precision event date and its most-named country.

    Facts whose own claim names no place or date are taken to be about this event.
    """
    text = document.text
    # Relative dates ("yesterday") are skipped: they are only as good as the publication date they hang on.
    days = sorted((d for d in dates if d.value and d.precision == "day" and d.role == "event" and not d.relative
                   and not document.is_metadata(d.start, d.end) and not _is_as_of(text, d, 0)), key=lambda d: d.start)
    counts: dict[str, int] = {}
    for m in aliases.mentions(text):
        if aliases.is_place(m.canonical) or _place_use(m, text, aliases):
            if country := aliases.country(m.canonical):
                counts[country] = counts.get(country, 0) + 1
    top = max(counts, key=lambda c: (counts[c], c)) if counts else None
    first = days[0] if days else None
    return Anchor(first.value if first else None, "day" if first else None, frozenset([top] if top else []),
                  first.text if first else None)
