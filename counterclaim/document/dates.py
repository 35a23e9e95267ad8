"""Dates: absolute, partial and relative date expressions resolved to calendar dates.

Expressions are found with spaCy's DATE/TIME entities and resolved with dateparser against
the document's publication date (``RELATIVE_BASE``), so "March 25" takes the publication
year (``year_inferred``) and "two weeks ago" counts back from publication. Periods ("the
last fifteen years") and decades are shaped here; dateparser does every calendar step.
Expressions anchored on another event ("five days after Putin's re-election") are dated
through the sentence's own event when the text dates it elsewhere; otherwise they keep the
offset and the anchor with no date. Nothing is resolved against today's clock.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from dateparser.date import DateDataParser
from spacy.tokens import Doc, Span, Token

from .. import lexicons
from ..model import DateMention
from ..pipeline import DocContext, registry
from .numbers import parse_number

VERSION = "2"
# Events known by a name that is not a date expression dateparser could read.
NAMED_DATES = {"9/11": dt.date(2001, 9, 11), "7/7": dt.date(2005, 7, 7)}
# Nouns naming an event a date can belong to (for "this massacre took place five days after ...").
EVENT_NOUNS = lexicons.terms("event_nouns", "dates")
UNITS = r"(?:second|minute|hour|day|week|month|year|decade)s?|centur(?:y|ies)"
PRECISION = {"day": "day", "week": "day", "time": "day", "month": "month", "year": "year"}
UNIT_PRECISION = {"year": "year", "decade": "year", "century": "year", "month": "month"}

_LEAD = re.compile(r"^(?:(?:only|just|about|around|some|nearly|almost|roughly|on|in|at)\s+)+", re.I)
_POSSESSIVE = re.compile(r"['’]s\b")
_DURATION = re.compile(rf"^(?P<n>.+?)\s+(?P<unit>{UNITS})$", re.I)
# "the last fifteen years", "the past decades" (but "last year" is a date, left to dateparser)
_PERIOD = re.compile(rf"^(?:the\s+)?(?:last|past|previous)\s+(?:(?P<n>.+?)\s+(?P<unit>{UNITS})"
                     rf"|(?P<units>(?:{UNITS})(?<=s)))$", re.I)
_DECADE = re.compile(r"^(?:the\s+)?(?P<decade>1\d{2}|20\d)0['’]?s$", re.I)
_ANCHORED = re.compile(r"\s+(?P<dir>after|before)\s+", re.I)  # used with match(text, pos)
_RELATIVE = re.compile(r"\b(?:ago|yesterday|today|tonight|tomorrow|last|next|this|later|earlier|previous|coming|"
                       r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)
_YEAR = re.compile(r"\b\d{4}\b")
_COPYRIGHT = re.compile(r"(?:©|\([cC]\)|\bcopyright)\s*$", re.I)
# What dateparser cannot read, trimmed before it reads: "early 2023" -> "2023", "March 22-23" -> "March 22",
# "between March 1 and March 5" -> "March 1" (a range is dated by its start).
_PART_OF = re.compile(r"^(?:early|earlier|mid-?|late|later|between|from)\s*(?=\S)", re.I)
_RANGE_END = re.compile(r"(?:\s*[-–]\s*\d{1,2}\b|\s+(?:and|to|until)\s+.*)$", re.I)
_NARRATIVE = re.compile(rf"\s(?:{UNITS})\s+(?:later|earlier)$", re.I)  # "two years later": after the story's event
_MONTH = r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b"
_CALENDAR = re.compile(rf"{_MONTH}|\b\d{{4}}\b|{_RELATIVE.pattern}", re.I)


@dataclass
class _Reading:
    """One resolved expression, before it becomes a :class:`DateMention`."""

    start: int
    end: int
    value: dt.date | None = None
    precision: str | None = None
    year_inferred: bool = False
    relative: bool = False
    anchor: str | None = None
    anchor_date: dt.date | None = None
    period_end: dt.date | None = None
    confidence: float | None = None
    role: str = "event"


@lru_cache(maxsize=64)
def _parser(base: dt.date | None, prefer_past: bool) -> DateDataParser:
    """One dateparser per (publication date, preference): building one costs more than most parses."""
    settings = {"PREFER_DATES_FROM": "past" if prefer_past else "current_period", "PREFER_DAY_OF_MONTH": "first",
                "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(base, dt.time())
    return DateDataParser(languages=["en"], settings=settings)


def resolve(text: str, base: dt.date | None, prefer_past: bool = False) -> tuple[dt.date, str] | None:
    """dateparser on one expression: (date truncated to its precision, precision) or None.

    ``prefer_past`` is only for year-less dates in past-tense clauses: "in December" reported
    as past in a March article is last December (PREFER_DATES_FROM would move other dates too).
    """
    if base is None:
        # Nothing to resolve against but a stated year; dateparser fills the rest from today's clock,
        # so these are not memoised (a long-running workbench would keep yesterday's answer).
        return _resolve(text, None, prefer_past) if _YEAR.search(text) else None
    return _resolve_memo(text, base, prefer_past)


def _resolve(text: str, base: dt.date | None, prefer_past: bool) -> tuple[dt.date, str] | None:
    data = _parser(base, prefer_past).get_date_data(text)
    if data.date_obj is None:
        return None
    precision = PRECISION.get(data.period or "day", "day")
    return _truncate(data.date_obj.date(), precision), precision


# The same expressions ("March 22", "yesterday") recur across a case's documents.
_resolve_memo = lru_cache(maxsize=8192)(_resolve)


def _truncate(value: dt.date, precision: str) -> dt.date:
    if precision == "year":
        return value.replace(month=1, day=1)
    if precision == "month":
        return value.replace(day=1)
    return value


def _singular(unit: str) -> str:
    unit = unit.lower()
    return "century" if unit.startswith("centur") else unit.removesuffix("s")


def _shift(base: dt.date, n: float, unit: str, back: bool) -> dt.date | None:
    """base moved by n units, by dateparser ('5 days ago' / 'in 5 days' with RELATIVE_BASE)."""
    amount = f"{n:g} {unit}s"
    found = resolve(f"{amount} ago" if back else f"in {amount}", base)
    return found[0] if found else None


# --------------------------------------------------------------------------- tense and events


def governing_verb(token: Token) -> Token | None:
    """The verb a token's clause hangs on."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:  # spaCy makes a new Token per access
        token = token.head
    return token if token.pos_ in ("VERB", "AUX") else None


def is_past(span: Span) -> bool:
    """True when the span sits in a past-tense clause ('killed', 'had taken', 'two weeks ago')."""
    if any(t.lower_ == "ago" for t in span):
        return True
    verb = governing_verb(span.root)
    if verb is None:
        return False
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if auxiliaries:
        return any(a.tag_ == "VBD" or (a.lemma_ == "have" and verb.tag_ == "VBN") for a in auxiliaries)
    return verb.tag_ == "VBD"


def _event_noun(token: Token, steps: int = 3) -> Token | None:
    """The event a date belongs to: 'The March 22 terrorist attack' -> attack."""
    for _ in range(steps):
        if token.pos_ == "NOUN" and token.lemma_.lower() in EVENT_NOUNS:
            return token
        if token.head is token:
            return None
        token = token.head
    return None


def _clause_event(token: Token) -> Token | None:
    """The event a clause is about when it is referred back to: 'This massacre took place ...'."""
    verb = governing_verb(token)
    if verb is None:
        return None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lemma_.lower() not in EVENT_NOUNS:
        return None
    determiners = {c.lower_ for c in subject.children if c.dep_ == "det"}
    return subject if determiners & {"this", "that", "the", "these"} else None


# --------------------------------------------------------------------------- stage


@registry.document_stage("dates", version=VERSION, needs=("parse",), adds=("date",))
def dates(ctx: DocContext) -> list[DateMention]:
    """Date expressions in the text, resolved against the publication date."""
    readings: list[_Reading] = []
    for ent in date_entities(ctx.doc):
        reading = _read(ctx, ent, readings)
        if reading is not None:
            readings.append(reading)
    return [_mention(ctx, r) for r in readings]


def date_entities(doc: Doc) -> list[Span]:
    """DATE and TIME entities, with a date the model split at its comma joined again ('March 22' + '2024')."""
    out: list[Span] = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        if out and out[-1].label_ == ent.label_ == "DATE" and _YEAR.fullmatch(ent.text) \
                and all(t.text == "," for t in doc[out[-1].end:ent.start]):
            out[-1] = Span(doc, out[-1].start, ent.end, label="DATE")
        else:
            out.append(ent)
    return out


def _read(ctx: DocContext, ent: Span, earlier: list[_Reading]) -> _Reading | None:
    """One DATE/TIME entity: named event, decade, period, anchored offset or calendar date."""
    raw = ent.text
    lead = _LEAD.match(raw)
    start = ent.start_char + (lead.end() if lead else 0)
    text = raw[lead.end() if lead else 0:].strip()
    end = start + len(text)
    if _COPYRIGHT.search(ctx.text, max(0, start - 14), start):
        return None  # "© 2014 CBS Interactive Inc.", "Copyright 2014. Follow Reuters": page chrome, no event's date
    role = _role(ctx, start, end)
    if _POSSESSIVE.match(ctx.text, end) and _RELATIVE.search(text):
        role = "other"  # "today's technical means": the present in general, not an event's date
    if text in NAMED_DATES:
        return _Reading(start, end, NAMED_DATES[text], "day", anchor=f"named event {text}", role=role)
    decade = _DECADE.match(text)
    if decade:
        return _Reading(start, end, dt.date(int(decade["decade"]) * 10, 1, 1), "decade", role=role)
    period = _PERIOD.match(text)
    if period:
        return _period(start, end, period, ctx.document.published, role)
    if _NARRATIVE.search(text):
        return _Reading(start, end, relative=True, anchor=f"an earlier event in the text (date unknown); {text}",
                        role=role)
    duration = _DURATION.match(text)
    if duration and not _RELATIVE.search(text):  # a bare length ("for five days") is no date
        anchored = _ANCHORED.match(ctx.text, ent.end_char)
        return _anchored(ctx, start, ent, duration, anchored, earlier) if anchored else None
    if not _CALENDAR.search(text):
        return None  # "the time", "annual": nothing dateparser should guess at
    return _calendar(ctx, start, end, text, role)


def _calendar(ctx: DocContext, start: int, end: int, text: str, role: str) -> _Reading:
    """Absolute, partial and deictic dates, read by dateparser against the publication date."""
    published = ctx.document.published
    relative = bool(_RELATIVE.search(text))
    inferred = not relative and not _YEAR.search(text)
    plain = _RANGE_END.sub("", _PART_OF.sub("", text))
    found = resolve(plain, published)
    if found and inferred and published and found[0] > published:
        span = ctx.doc.char_span(start, end, alignment_mode="expand")
        if span is not None and is_past(span):
            found = resolve(plain, published, prefer_past=True)
    if found is None:
        why = "unresolved: no publication date" if published is None else "unresolved"
        return _Reading(start, end, relative=relative or inferred, anchor=why, role=role)
    value, precision = found
    if relative and re.search(r"\bweeks?\b", text, re.I):
        # dateparser counts whole weeks back; writers round to weeks, so keep the estimate, say so
        return _Reading(start, end, value, precision, relative=True, confidence=0.5, role=role,
                        anchor=f"publication date {published}; 'weeks' is approximate: about {value}")
    anchor = f"publication date {published}" if relative else \
        f"year from publication date {published}" if inferred else None
    return _Reading(start, end, value, precision, year_inferred=inferred, relative=relative, anchor=anchor,
                    confidence=0.9 if relative or inferred else None, role=role)


def _role(ctx: DocContext, start: int, end: int) -> str:
    for meta in ctx.document.meta_spans:
        if meta.kind != "title" and meta.start <= start and end <= meta.end:
            return "dateline" if meta.kind == "dateline" else "publication"
    return "event"


def _period(start: int, end: int, m: re.Match[str], published: dt.date | None, role: str) -> _Reading:
    """'the last fifteen years': from that long before publication up to publication."""
    unit = _singular(m["unit"] or m["units"])
    n = parse_number(m["n"]) if m["n"] else None  # vague ("a few") -> None
    if published is None or n is None:
        what = f"publication date {published}" if published else "an unknown publication date"
        return _Reading(start, end, relative=True, anchor=f"period of unstated length before {what}", role=role)
    years = {"decade": 10, "century": 100}.get(unit)
    begin = _shift(published, n * years, "year", back=True) if years else _shift(published, n, unit, back=True)
    precision = UNIT_PRECISION.get(unit, "day")
    return _Reading(start, end, _truncate(begin, precision) if begin else None, precision, relative=True,
                    anchor=f"period of {m['n']} {unit}s up to publication date {published}", period_end=published,
                    confidence=0.9, role=role)


def _anchored(ctx: DocContext, start: int, ent: Span, duration: re.Match[str], anchored: re.Match[str],
              earlier: list[_Reading]) -> _Reading:
    """'five days after Putin's re-election': dated through the anchor or through the clause's own event."""
    preposition = ctx.doc.char_span(anchored.start("dir"), anchored.end("dir"))
    anchor_head = next((c for c in preposition.root.children if c.dep_ == "pobj"), None) if preposition else None
    if anchor_head is None:
        return _Reading(start, ent.end_char, relative=True, anchor="unresolved: no anchor")
    anchor_span = _noun_phrase(anchor_head)
    end = anchor_span.end_char
    after = anchored["dir"].lower() == "after"
    n, unit = parse_number(duration["n"]), _singular(duration["unit"])
    offset = f"{duration['n']} {unit}s {anchored['dir'].lower()}"
    inner = next((e for e in date_entities(ctx.doc) if e.label_ == "DATE" and anchor_span.start <= e.start
                  and e.end <= anchor_span.end), None)
    dated = _read(ctx, inner, earlier) if inner is not None else None
    if dated is not None and dated.value is not None:  # "two days after the March 22 attack"
        value = _shift(dated.value, n, unit, back=not after) if n is not None else None
        return _Reading(start, end, value, dated.precision if value else None, dated.year_inferred, relative=True,
                        anchor=f"{anchor_span.text} = {dated.value}; {offset} it", anchor_date=dated.value,
                        confidence=0.8 if value else None)
    own = _clause_event(ent.root)
    antecedent = _antecedent(ctx, ent, earlier) if own is not None else None
    if antecedent is None or antecedent.value is None:
        return _Reading(start, end, relative=True, anchor=f"{anchor_span.text} (date unknown); {offset} it")
    anchor_date = _shift(antecedent.value, n, unit, back=after) if n is not None else None
    subject = ctx.doc[own.left_edge.i:own.i + 1].text
    reason = (f"{anchor_span.text} = {anchor_date or 'unknown'}: {subject!r} taken as the event dated "
              f"{antecedent.value} by {ctx.text[antecedent.start:antecedent.end]!r} (offset {antecedent.start}), "
              f"which is {offset} it")
    return _Reading(start, end, antecedent.value, antecedent.precision, antecedent.year_inferred, relative=True,
                    anchor=reason, anchor_date=anchor_date, confidence=0.6)


def _noun_phrase(head: Token) -> Span:
    """The anchor's noun phrase up to its noun, read along the tokens because the parse of
    names and dates inside it is unreliable: 'the ministry's announcement', 'the June 2, 2023 attack'."""
    doc = head.doc
    j = head.left_edge.i
    while j + 1 < len(doc) and not (doc[j].pos_ == "NOUN" and doc[j].dep_ != "compound" and j >= head.i):
        following = doc[j + 1]
        year_comma = following.text == "," and j + 2 < len(doc) and doc[j + 2].like_num
        if following.pos_ not in ("DET", "PROPN", "NOUN", "NUM", "ADJ", "PART") and not year_comma:
            break
        j += 1
    return doc[head.left_edge.i:_word_end(doc[j]).i + 1]


def _word_end(token: Token) -> Token:
    """The last piece of a word the tokenizer split ('re-election' is 're', '-', 'election')."""
    doc = token.doc
    while not token.whitespace_ and token.i + 1 < len(doc) and (doc[token.i + 1].text == "-" or token.text == "-"):
        token = doc[token.i + 1]
    return token


def _antecedent(ctx: DocContext, ent: Span, earlier: list[_Reading]) -> _Reading | None:
    """The latest earlier dated event within the three sentences before this one."""
    sentences = list(ctx.doc.sents)
    here = next(i for i, sent in enumerate(sentences) if sent.start <= ent.start < sent.end)
    window_start = sentences[max(0, here - 3)].start_char
    for reading in reversed(earlier):
        if reading.start < window_start:
            return None
        span = ctx.doc.char_span(reading.start, reading.end, alignment_mode="expand")
        if reading.role == "event" and reading.value and not reading.relative and span is not None \
                and _event_noun(span.root) is not None:
            return reading
    return None


def _mention(ctx: DocContext, r: _Reading) -> DateMention:
    return DateMention(
        id=ctx.make_id("d", r.start, r.end), doc_id=ctx.document.id, start=r.start, end=r.end,
        component="counterclaim.dates", version=VERSION, confidence=r.confidence, text=ctx.text[r.start:r.end],
        value=r.value, precision=r.precision, year_inferred=r.year_inferred,  # type: ignore[arg-type]
        relative=r.relative, anchor=r.anchor, anchor_date=r.anchor_date, period_end=r.period_end,
        role=r.role,  # type: ignore[arg-type]
    )
