"""Publication dates in the forms news pages carry them.

Finds labelled date lines ("Published: Feb 10, 2023 08:07 PM", "Created: 07-03-2023 21:10 IST",
"Stand: 26.09.2023", "Mis à jour le 12 mars 2024", "Actualizado: ..."), ISO timestamps and
relative ages ("3 hours ago", against a given retrieval date) near the top or bottom of a page.
The labels and the day-month evidence are data (``data/ingest/date_evidence.json``); the values
are parsed by dateparser, never by patterns written here.

Day-month order is decided from evidence: a reading valid in one order only (a day > 12, here or
in another date of the same page), then a time zone named with the date ("IST", "EST"), then the
language of the label, then the outlet's country (its URL's country domain). Without evidence the
date is read month-first, as dateparser does, and marked ambiguous.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urlparse


@dataclass
class DateFinding:
    """One publication-date candidate and where it came from."""

    value: dt.date
    source: str  # "'Published:' line", "ISO timestamp", "'Updated' line (relative, against retrieval date)"
    start: int
    end: int
    text: str
    rank: int  # lower wins: published labels, then updates, then timestamps
    ambiguous: bool = False  # day-month order not decided by any evidence
    order: str | None = None  # the evidence that decided the order, when it mattered


@lru_cache(maxsize=1)
def evidence() -> dict[str, Any]:
    path = resources.files("counterclaim") / "data" / "ingest" / "date_evidence.json"
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _label_pattern() -> re.Pattern[str]:
    data = evidence()
    labels = sorted(set(data["published_labels"]) | set(data["updated_labels"]), key=len, reverse=True)
    alternatives = "|".join(re.escape(label).replace(r"\ ", r"\s+") for label in labels)
    # A label at a line start or after a separator ("By A. Writer | Published: ..."), then the value.
    return re.compile(rf"(?:^|[|·•]\s*)\W{{0,3}}(?P<label>{alternatives})\b\s*(?::|-|—|–)?\s*(?P<value>[^|·•\n]+)",
                      re.I | re.M)


# ISO 8601 (a standard format, read by datetime.fromisoformat): "2023-02-10", "2023-02-10T20:07:00Z".
ISO = re.compile(r"(?<![\d-])\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\d-])")


def country_of(url: str | None, outlet: str | None = None) -> str | None:
    """The country code of an outlet's domain (``tass.ru`` -> ``ru``), if it has one."""
    for value in (url, outlet):
        if not value:
            continue
        host = urlparse(value).hostname if "://" in value else value.strip().lower()
        if host and "." in host and " " not in host:
            tld = host.rsplit(".", 1)[-1]
            if len(tld) == 2 and tld.isalpha():
                return tld
    return None


def _parse(value: str, order: str, languages: list[str] | None, base: dt.datetime) -> dt.datetime | None:
    import dateparser

    settings = {"DATE_ORDER": order, "RELATIVE_BASE": base, "PREFER_DAY_OF_MONTH": "first",
                "RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DATES_FROM": "past"}
    try:
        return dateparser.parse(value, languages=languages, settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input; an unreadable value is no date
        return None


_PROBE = dt.datetime(2001, 6, 15, 12, 0)
_PROBE2 = dt.datetime(2004, 8, 25, 12, 0)


@dataclass
class _Reading:
    day_first: dt.datetime | None
    month_first: dt.datetime | None
    relative: bool
    year_missing: bool


def _read(value: str, languages: list[str] | None) -> _Reading | None:
    """Both day-month readings of a value, and whether it states an absolute date with a year."""
    value = value.strip(" .,;")[:80]
    if not value or not any(ch.isdigit() for ch in value) and languages is None and "ago" not in value.lower():
        return None
    first = _parse(value, "DMY", languages, _PROBE)
    if first is None:
        return None
    again = _parse(value, "DMY", languages, _PROBE2)
    relative = again is not None and (again - first) == (_PROBE2 - _PROBE)
    year_missing = not relative and again is not None and again.year != first.year
    return _Reading(first, _parse(value, "MDY", languages, _PROBE), relative, year_missing)


def _zone_order(value: str) -> str | None:
    data = evidence()
    words = set(re.findall(r"[A-Z]{2,5}(?:[+-]\d{1,2})?", value))
    if words & set(data["day_first_time_zones"]):
        return "DMY"
    if words & set(data["month_first_time_zones"]):
        return "MDY"
    return None


NUMERIC = re.compile(r"(?<!\d)(\d{1,2})[./-](\d{1,2})[./-](?:\d{4}|\d{2})(?!\d)")


def _page_order(values: list[str]) -> str | None:
    """The order a numeric date of the page settles by itself (a day > 12: "15-03-2023")."""
    orders = set()
    for value in values:
        for m in NUMERIC.finditer(value):
            a, b = int(m.group(1)), int(m.group(2))
            if a > 12 >= b:
                orders.add("DMY")
            elif b > 12 >= a:
                orders.add("MDY")
    return orders.pop() if len(orders) == 1 else None


def find_dates(text: str, *, retrieved: dt.date | None = None, country: str | None = None,
               language: str | None = None, head_lines: int = 15, tail_lines: int = 5) -> list[DateFinding]:
    """Publication-date candidates in the first and last lines of ``text``, best first."""
    data = evidence()
    lines = list(re.finditer(r"[^\n]+", text))
    scanned = lines[:head_lines] + lines[max(head_lines, len(lines) - tail_lines):]
    published_labels = set(data["published_labels"])
    raw: list[tuple[re.Match[str], int, str, str | None, _Reading, int]] = []  # match, rank, label, lang, reading, at
    for line in scanned:
        for m in _label_pattern().finditer(line.group(0)):
            label = re.sub(r"\s+", " ", m["label"].lower())
            lang = data["label_languages"].get(label)
            reading = _read(m["value"], [lang, "en"] if lang else None)
            if reading is None:
                continue
            rank = 10 if label in published_labels else 40
            raw.append((m, rank, m["label"].strip(), lang, reading, line.start()))
    findings: list[DateFinding] = []
    page_order = _page_order([m["value"] for m, *_ in raw])
    for m, rank, label, lang, reading, offset in raw:
        start, end = offset + m.start("label"), offset + m.end("value")
        value_text = m["value"].strip()
        source = f"'{label}' line"
        when = reading.day_first
        ambiguous, order = False, None
        if reading.relative:
            if retrieved is None:
                continue  # "3 hours ago" means nothing without the day the page was retrieved
            base = dt.datetime.combine(retrieved, dt.time(12, 0))
            when = _parse(m["value"].strip(" .,;")[:80], "DMY", [lang, "en"] if lang else None, base)
            source += f" (relative, against retrieval date {retrieved})"
            rank += 20
        elif reading.day_first != reading.month_first and reading.month_first is not None:
            order = _zone_order(value_text)
            why = "time zone"
            if order is None and page_order:
                order, why = page_order, "a day > 12 in a date of the same page"
            if order is None and lang in data["day_first_languages"]:
                order, why = "DMY", f"language {lang}"
            if order is None and country in data["day_first_countries"]:
                order, why = "DMY", f"outlet country {country}"
            if order is None and country in data["month_first_countries"]:
                order, why = "MDY", f"outlet country {country}"
            if order is None and language in data["day_first_languages"]:
                order, why = "DMY", f"language {language}"
            if order is None:
                order, why, ambiguous = "MDY", "no evidence, read month first: ambiguous", True
            when = reading.day_first if order == "DMY" else reading.month_first
            source += f" (day-month order: {why})"
        if when is None:
            continue
        day = when.date()
        if reading.year_missing:
            if retrieved is None:
                continue
            day = day.replace(year=retrieved.year)
            if day > retrieved:
                day = day.replace(year=retrieved.year - 1)
            source += " (year from retrieval date)"
        findings.append(DateFinding(day, source, start, end, text[start:end].rstrip(), rank, ambiguous, order))
    for line in lines[:head_lines]:
        for m in ISO.finditer(line.group(0)):
            try:
                when = dt.datetime.fromisoformat(m.group(0).replace("Z", "+00:00"))
            except ValueError:
                continue
            if any(f.start <= line.start() + m.start() < f.end for f in findings):
                continue
            start = line.start() + m.start()
            findings.append(DateFinding(when.date(), "ISO timestamp", start, start + len(m.group(0)), m.group(0), 60))
    findings.sort(key=lambda f: (f.rank, f.start))
    return findings


FILENAME_DATE = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)[-_.]?(?P<month>[01]\d)[-_.]?(?P<day>[0-3]\d)(?!\d)")
FILENAME_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def file_date(name: str) -> tuple[dt.date | None, int | None]:
    """A full date or a year embedded in a file name ("outlet-2024-03-27.txt")."""
    m = FILENAME_DATE.search(name)
    if m:
        found = _safe_date(int(m["year"]), int(m["month"]), int(m["day"]))
        if found:
            return found, found.year
    m2 = FILENAME_YEAR.search(name)
    return None, int(m2.group(1)) if m2 else None
