"""Numbers in news text: digits and number words normalised to a value or interval, with the qualifier,
range, currency and scale written around them ("at least 60", "between 40 and 60", "$2.8 million", "dozens").
Which of them are counts, and of what, is the quantities stage's business (:mod:`.quantities`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
          "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
WORD_VALUES: dict[str, int] = {w: i for i, w in enumerate(_UNITS)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000, "bn": 1_000_000_000, "mn": 1_000_000, "k": 1_000}
# Plural scale words and "a few"/"several" name an order of magnitude, not a number.
VAGUE: dict[str, tuple[float, float]] = {
    "dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999), "thousands": (2_000, 9_999),
    "tens of thousands": (20_000, 99_999), "hundreds of thousands": (200_000, 999_999),
    "millions": (2_000_000, 999_999_999), "a few": (2, 5), "a couple of": (2, 3), "several": (3, 9),
}
CURRENCY_SIGNS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB"}
CURRENCY_WORDS = {"dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR", "pounds": "GBP",
                  "rubles": "RUB", "roubles": "RUB", "hryvnias": "UAH"}
TIME_UNITS = {"second": "seconds", "minute": "minutes", "hour": "hours", "day": "days", "week": "weeks",
              "month": "months", "year": "years", "decade": "decades", "century": "centuries"}
YEARS_IN = {"decade": 10, "century": 100}
# Lengths count no one: "about 10 miles outside of Baghdad" (fnc1:131).
LENGTH_UNITS = {"mile": "miles", "kilometre": "km", "kilometer": "km", "km": "km", "metre": "metres", "meter": "metres",
                "foot": "feet", "yard": "yards", "inch": "inches"}
UNIT_ALIASES = {"%": "percent", "pct": "percent"}
CURRENCIES = set(CURRENCY_SIGNS.values()) | set(CURRENCY_WORDS.values())

_UNIT_WORDS = "|".join(sorted(_UNITS, key=len, reverse=True))  # longest first: "seventeen" before "seven"
_WORD = rf"(?:(?:{'|'.join(_TENS)})(?:-(?:{'|'.join(_UNITS[1:10])}))?|{_UNIT_WORDS})"
_SCALE_WORD = "hundred|thousand|million|billion|trillion"
# "two dozen" is 24: "dozen" scales a word number ("a dozen" alone is matched in _NUMBER)
_WORDNUM = rf"(?:{_WORD}|an?(?=[\s-]+(?:{_SCALE_WORD})\b))(?:[\s-]+(?:and[\s-]+)?(?:{_WORD}|{_SCALE_WORD}|dozen)\b)*"
# Thousands grouped by commas, or by spaces as in South African and SI style ("over 2 200 arrested").
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,]\d)|\d+(?:\.\d+)?"
_NUMBER = (rf"(?:(?:{_DIGITS})(?:\s?(?:{_SCALE_WORD})\b|(?:bn|mn|k)\b)?"
           rf"|\d+/\d+|half\s+a\s+dozen|(?:a\s+)?dozen|no\s+one|none|nobody|{_WORDNUM})")
_VAGUE = (r"(?:tens|hundreds)\s+of\s+thousands|(?:dozens|scores|hundreds|thousands|millions)"
          rf"|(?:a\s+few|several|a\s+couple\s+of)(?:\s+(?:{_SCALE_WORD}|dozen)\b)?")
_CURRENCY = r"US\$|[$€£₽]"

QUALIFIERS: dict[str, str] = {
    "at least": "at least", "no fewer than": "at least", "no less than": "at least", "not less than": "at least",
    "a minimum of": "at least",
    "more than": "more than", "over": "more than", "above": "more than", "in excess of": "more than",
    "upwards of": "more than",
    "at most": "at most", "no more than": "at most", "not more than": "at most", "a maximum of": "at most",
    "less than": "less than", "fewer than": "less than", "under": "less than", "below": "less than",
    "up to": "up to", "as many as": "up to",
    "about": "about", "around": "about", "approximately": "about", "roughly": "about", "some": "about",
    "nearly": "about", "almost": "about", "close to": "about", "an estimated": "about", "estimated": "about",
    "circa": "about",
}
_QUAL = "|".join(sorted((re.escape(q).replace(r"\ ", r"\s+") for q in QUALIFIERS), key=len, reverse=True))

FIGURE = re.compile(
    rf"(?<![\w$€£₽/.,-])"
    rf"(?:(?P<between>between|from)\s+)?(?:(?P<qual>{_QUAL})\s+)?"
    rf"(?P<cur>{_CURRENCY})?\s?"
    rf"(?:(?P<vague>{_VAGUE})|(?P<num>{_NUMBER})"
    rf"(?:\s*(?P<sep>[-–]to[-–]|-|–|to|and|or)\s*(?P<cur2>{_CURRENCY})?(?P<num2>{_NUMBER}))?)"
    rf"(?![\w/]|[.,]\d)",
    re.I,
)
OF_TIME = re.compile(r"\s+of\s+an?\s+(?P<unit>century|decade|year)\b", re.I)
EACH = re.compile(r"\s*(?:each|apiece|per\s+(?:person|head|man)|a\s+head)\b", re.I)
COMPARISON = re.compile(r"^[\s,]*(?:\w+\s+)?(?:instead\s+of|rather\s+than|compared\s+(?:with|to)|up\s+from|"
                         r"down\s+from|than|versus|vs\.?)(?:\s+the)?(?:\s+\w+)?\s*$", re.I)
NOT_FIGURES = {"9/11", "24/7", "7/7", "4/20", "50/50"}


def parse_number(text: str) -> float | None:
    """'2.8 million' -> 2800000, 'twenty-five' -> 25, '3/4' -> 0.75, 'a dozen' -> 12, '1.5bn' -> 1.5e9."""
    text = re.sub(r"(?<=\d)[ \u00a0\u202f](?=\d{3}\b)", "", text)
    text = " ".join(text.lower().replace("-", " ").replace(",", "").split())
    if text in ("no one", "none", "nobody", "zero"):
        return 0
    if re.fullmatch(r"\d+/\d+", text):
        top, bottom = map(int, text.split("/"))
        return top / bottom if bottom else None
    text = re.sub(r"^(\d+(?:\.\d+)?)(bn|mn|k)$", r"\1 \2", text)
    total, current, seen = 0.0, 0.0, False
    for word in text.split():
        if word in ("and", "a", "an"):
            current = current or (1 if word != "and" else 0)
            continue
        if word == "half":
            current, seen = 0.5, True
        elif word == "dozen":
            current, seen = (current or 1) * 12, True
        elif word in SCALES:
            scale = SCALES[word]
            current = (current or 1) * scale
            if scale >= 1000:
                total, current = total + current, 0.0
            seen = True
        elif word in WORD_VALUES:
            current, seen = current + WORD_VALUES[word], True
        else:
            try:
                current, seen = current + float(word), True
            except ValueError:
                return None
    return total + current if seen else None


def vague_interval(text: str) -> tuple[float, float]:
    """'hundreds' -> (200, 999); 'a few thousand' -> (2000, 5000)."""
    text = " ".join(text.lower().split())
    if text in VAGUE:
        return VAGUE[text]
    head, scale = text.rsplit(" ", 1)
    low, high = VAGUE[head]
    factor = SCALES.get(scale, 12 if scale == "dozen" else 1)
    return low * factor, high * factor


@dataclass
class Figure:
    """A figure as the pattern reads it, before the parse says what it counts."""

    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    unit: str | None


def scan(text: str) -> Iterator[Figure]:
    for m in FIGURE.finditer(text):
        qual = QUALIFIERS.get(" ".join((m["qual"] or "").lower().split()), "exact")
        unit = CURRENCY_SIGNS.get(m["cur"] or m["cur2"] or "")
        groups = ("between", "qual", "cur", "vague", "num") if m["num2"] else ("qual", "cur", "vague", "num")
        start = min(m.start(g) for g in groups if m[g])
        value = low = high = None
        if m["vague"]:
            low, high, qual = *vague_interval(m["vague"]), "vague"
        elif m["num2"]:
            low, high, qual = parse_number(m["num"]), parse_number(m["num2"]), "range"
        else:
            value = parse_number(m["num"])
        if value is None and (low is None or high is None):
            continue
        if m["sep"] and len(m["sep"]) > 2 and low > high:  # "a 10-to-1 ratio" compares, it counts nothing
            continue
        yield Figure(start, m.end(), value, low, high, qual, unit)
