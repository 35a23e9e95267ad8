"""What the text of an article says about itself: title, datelines, editorial notes, related links and the
publication date, as metadata spans with offsets (the extraction knowledge lives in ``data/ingest``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..model import MetaSpan
from .checks import MAX_DATE, MIN_DATE
from .pubdate import file_date
from .titles import _looks_like_title, is_chrome, related_spans


# --------------------------------------------------------------------------- dates in metadata

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], 1)}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9
_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_MONTH_DAY = rf"(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?"
_DAY_MONTH = rf"(?P<day2>\d{{1,2}})\s+(?P<month2>{_MONTH})(?:,?\s+(?P<year2>\d{{4}}))?"

# "MOSCOW, March 23 (Reuters) -", "MOSCOW (AP) —", "June 4—", "MOSCOW:"
DATELINE = re.compile(
    rf"^(?:(?P<place>[A-Z][A-Z.'\- ]{{1,40}}?)(?:,\s*[A-Z][A-Za-z.]+)?(?:,\s*)?)?"
    rf"(?:\s*(?:{_MONTH_DAY}|{_DAY_MONTH}))?"
    rf"\s*(?:\((?P<wire>[A-Za-z][A-Za-z .&-]{{1,30}})\))?"
    rf"\s*(?:[—–]|--|-\s|:\s|\.?\s*/(?P<wire2>[A-Z][A-Za-z .&-]{{1,30}})/\.?\s)\s*"  # "MOSCOW, October 18. /TASS/."
)
PUBLICATION_NOTE = re.compile(
    rf"\b(?:was\s+)?(?:first\s+)?(?:published|posted|written)\s+(?:on|in)\s+(?:{_MONTH_DAY}|{_DAY_MONTH})",
    re.I,
)


def _month_day(match: re.Match[str]) -> tuple[int, int, int | None] | None:
    groups = match.groupdict()
    month = groups.get("month") or groups.get("month2")
    day = groups.get("day") or groups.get("day2")
    year = groups.get("year") or groups.get("year2")
    if not month or not day:
        return None
    number = MONTHS.get(month.lower().rstrip(".")) or MONTHS.get(month.lower()[:3])
    return (number, int(day), int(year) if year else None) if number else None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    return found if MIN_DATE <= found <= MAX_DATE else None


# --------------------------------------------------------------------------- text layout


@dataclass
class Layout:
    """What the text of an article says about itself: title, metadata spans, publication date."""

    title: str | None
    spans: list[MetaSpan]
    published: date | None
    published_source: str | None
    published_ambiguous: bool = False


def text_layout(text: str, name_hint: str = "") -> tuple[str | None, list[MetaSpan], date | None, str | None]:
    """Title, metadata spans, and the publication date read from a plain-text article."""
    found = layout(text, name_hint)
    return found.title, found.spans, found.published, found.published_source


def _dateline_or_note(text: str, body_at: int, name_hint: str, retrieved: date | None,
                      spans: list[MetaSpan]) -> tuple[date, str] | None:
    """A dateline or an editorial note near the top (appended to ``spans``) and the date it gives."""
    name_full, name_year = file_date(name_hint)
    published: date | None = None
    published_source: str | None = None
    # A dateline opens one of the first body paragraphs, after the title or a caption
    # ("June 4— The June 2 attack ...", "MOSCOW, October 18. /TASS/. ...").
    # Only the first few paragraphs are searched; a month-day deep in the text is content.
    for para in list(re.finditer(r"[^\n]+", text[body_at:]))[:6]:
        start = body_at + para.start()
        m = None if any(s.start == start for s in spans if s.kind == "related") else DATELINE.match(para.group(0))
        if m and m.end() < len(para.group(0)) and (m["place"] or m["month"] or m["month2"]):
            md = _month_day(m)
            place = (m["place"] or "").strip(" ,") or None
            if place and len(place) < 3:
                place = None
            if not md and not place:
                continue
            when, inferred, year_from = None, False, "file name"
            if md:
                year = md[2] or (name_full.year if name_full else name_year)
                if year is None and retrieved is not None:
                    year, year_from = retrieved.year, "retrieval date"
                    if _safe_date(year, md[0], md[1]) and date(year, md[0], md[1]) > retrieved:
                        year -= 1
                inferred = md[2] is None
                when = _safe_date(year, md[0], md[1]) if year else None
            spans.append(MetaSpan(kind="dateline", start=start, end=start + len(m.group(0).rstrip()), text=m.group(0).strip(),
                                  place=place, date=when, year_inferred=inferred and when is not None,
                                  wire=m["wire"] or m["wire2"]))
            if when and published is None:
                published = when
                published_source = "dateline" + (f" (year from {year_from})" if inferred else "")
            break

    # An editorial note: "The following article was published on January 18, 2024 ..."
    for para in list(re.finditer(r"[^\n]+", text))[:6]:
        m = PUBLICATION_NOTE.search(para.group(0))
        if not m:
            continue
        md = _month_day(m)
        if not md or not md[2]:
            continue
        when = _safe_date(md[2], md[0], md[1])
        start = para.start()
        end = para.end()
        spans.append(MetaSpan(kind="note", start=start, end=end, text=para.group(0).strip(), date=when))
        if when and published is None:
            published, published_source = when, "editorial note"
        break

    return (published, published_source) if published and published_source else None


def layout(text: str, name_hint: str = "", *, retrieved: date | None = None, country: str | None = None,
           language: str | None = None) -> Layout:
    """Title, metadata spans and publication date; ``retrieved`` anchors "3 hours ago", ``country``
    (the outlet's) and ``language`` are evidence for day-month order (see :mod:`.pubdate`)."""
    from .pubdate import find_dates

    spans: list[MetaSpan] = []
    title = None
    lines = list(re.finditer(r"[^\n]+", text))
    body_at = len(text) - len(text.lstrip())
    # Chrome lines above the headline ("Trending", "All news", a URL) are skipped, never taken as the title.
    head = 0
    while head < min(len(lines) - 1, 6) and is_chrome(lines[head].group(0)):
        head += 1
    if head < len(lines) - 1 and _looks_like_title(lines[head].group(0)):
        line = lines[head]
        title = line.group(0).strip()
        lead = line.start() + len(line.group(0)) - len(line.group(0).lstrip())
        spans.append(MetaSpan(kind="title", start=lead, end=lead + len(title), text=title))
        body_at = line.end()
    elif head:
        body_at = lines[head].start()
    name_full = file_date(name_hint)[0]
    published: date | None = None
    published_source: str | None = None
    ambiguous = False
    related = related_spans(text)  # links to other stories: their dates are theirs
    candidates = [c for c in find_dates(text, retrieved=retrieved, country=country, language=language)
                  if not any(r.start <= c.start < r.end for r in related)]
    spans += [MetaSpan(kind="date", start=c.start, end=c.end, text=c.text, date=c.value) for c in candidates
              if not any(s.start <= c.start < s.end for s in spans)] + related
    labelled = [c for c in candidates if c.rank < 20]  # "Published:/Posted:/Created:" lines win over datelines
    if labelled:
        published, published_source, ambiguous = labelled[0].value, labelled[0].source, labelled[0].ambiguous
    found = _dateline_or_note(text, body_at, name_hint, retrieved, spans)
    if found and published is None:
        published, published_source = found
    if published is None and candidates:  # an "Updated:" line, a relative age, a bare ISO timestamp
        published, published_source, ambiguous = candidates[0].value, candidates[0].source, candidates[0].ambiguous
    if published is None and name_full:
        published, published_source = name_full, "file name"
    spans.sort(key=lambda s: s.start)
    return Layout(title, spans, published, published_source, ambiguous)
