"""Limits and checks at the ingestion boundary: every refusal is an :class:`IngestError` naming the input.

See docs/reliability.md for what is refused and why.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from typing import Any

MAX_BYTES = 5_000_000
# spaCy refuses longer texts (E088) and parsing one takes about a gigabyte of memory: such a text is
# refused at ingestion, before anything is written, with advice to split it.
MAX_CHARS = 1_000_000
# Metadata limits: longer values are refused, not truncated (a 200 kB title is a mistake, not a title).
MAX_FIELD_CHARS = {"title": 1_000, "author": 500, "outlet": 300, "url": 2_048, "published": 64}
MAX_SIDECAR_BYTES = 64_000
# Publication dates outside this range are refused (metadata) or ignored (datelines): no news article
# is that old, and dates near year 9999 overflow every later date arithmetic.
MIN_DATE = date(1800, 1, 1)
MAX_DATE = date(2100, 12, 31)
TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES
SIDECAR_FIELDS = {"outlet", "url", "title", "author", "published", "retrieved"}


class IngestError(Exception):
    """A bad input: ``source`` names it, ``reason`` says why in one line."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class IngestWarning(IngestError):
    """Not a failed input but something the analyst must hear about (a sidecar that matches no input).

    A subclass of :class:`IngestError` so that callers which only keep articles skip it too;
    :meth:`counterclaim.Case.ingest` lists it under ``warnings``, not ``errors``."""



def given_date(value: Any, source: str) -> date | None:
    """A given publication date: a short string (ISO 8601 or a written date) within MIN_DATE..MAX_DATE."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        found = value
    elif not isinstance(value, str):
        raise IngestError(source, f"published date must be a string, not {json_type(value)}")
    elif len(value) > MAX_FIELD_CHARS["published"]:
        # dateparser is slow on long strings; no date is this long
        raise IngestError(source, f"published date too long ({len(value):,} characters; limit {MAX_FIELD_CHARS['published']})")
    else:
        try:
            found = datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
        except ValueError:
            import dateparser

            try:
                parsed = dateparser.parse(value, settings={"STRICT_PARSING": True})
            except (ValueError, OverflowError):
                parsed = None
            if parsed is None:
                raise IngestError(source, f"unreadable published date {short(value)}") from None
            found = parsed.date()
    if not MIN_DATE <= found <= MAX_DATE:
        raise IngestError(source, f"published date {found.isoformat()} is outside {MIN_DATE.year}-{MAX_DATE.year}")
    return found


def given_stamp(value: Any, source: str) -> tuple[date | None, datetime | None]:
    """A given publication date (:func:`given_date`) and, where the value has one, its time (:func:`given_time`)."""
    return given_date(value, source), given_time(value)


def given_time(value: Any) -> datetime | None:
    """The publication time a given timestamp states, in UTC without tzinfo, or None.

    Only ISO 8601 timestamps that carry a time ("2024-03-23T17:49:18+00:00") give one: a bare date says
    nothing about the hour, and one source's same-day figures are ordered by it. Call after (or through)
    :func:`given_date`, which refuses what cannot be read. A timestamp without an offset is taken as UTC."""
    if isinstance(value, datetime):
        found = value
    elif isinstance(value, str) and len(value) <= MAX_FIELD_CHARS["published"] and _has_time(value.strip()):
        try:
            found = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
    else:
        return None
    if found.tzinfo is not None:
        found = found.astimezone(timezone.utc).replace(tzinfo=None)
    return found.replace(microsecond=0)


def _has_time(value: str) -> bool:
    """'2024-03-23T17:49' or '2024-03-23 17:49', not '2024-03-23' nor 'March 23, 2024'."""
    return len(value) > 10 and value[10] in "T " and value[11:13].isdigit()


def json_type(value: Any) -> str:
    return {dict: "an object", list: "an array", bool: "a boolean", int: "a number", float: "a number",
            str: "a string", type(None): "null"}.get(type(value), type(value).__name__)


def short(value: str, limit: int = 60) -> str:
    """A value quoted for an error message: one line, at most ``limit`` characters."""
    return repr(value if len(value) <= limit else value[:limit] + "…")


def meta_field(value: Any, name: str, source: str) -> str | None:
    """A metadata string (title, author, outlet, url): a string within its size limit, or None."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise IngestError(source, f"field {name!r} must be a string, not {json_type(value)}")
    value = value.strip()
    limit = MAX_FIELD_CHARS[name]
    if len(value) > limit:
        raise IngestError(source, f"field {name!r} too long ({len(value):,} characters; limit {limit:,})")
    if any(ord(ch) < 32 for ch in value):
        raise IngestError(source, f"field {name!r} contains control characters")
    return value or None


def check_length(text: str, source: str) -> None:
    """Refuse a text the parser cannot take (spaCy's E088), before anything is stored."""
    if len(text) > MAX_CHARS:
        raise IngestError(source, f"text too long to analyse ({len(text):,} characters; limit {MAX_CHARS:,}): "
                                  "split it into several files")


def loads_json(raw: str, source: str) -> Any:
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise IngestError(source, f"invalid JSON ({exc.msg} at line {exc.lineno})") from None
    except RecursionError:
        raise IngestError(source, "invalid JSON (nested too deeply)") from None
