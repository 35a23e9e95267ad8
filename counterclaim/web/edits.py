"""Form posts to Case / stage API calls. Each function returns the notice code for the redirect.

Every edit is an analyst item in the store (audited with old and new values,
undoable) and carries the revision the form was rendered with, so a stale
second save raises :class:`~counterclaim.store.ConflictError`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..case import Case
from ..model import Annotation, Edit

# Entity labels whose names can be merged into actors and places.
MERGEABLE = ("ORG", "GPE", "PERSON", "NORP", "FAC", "LOC")

MAX_ID = 2**63 - 1  # revisions and edit ids are 64-bit integers in the database


def finite(raw: str) -> float:
    """A figure as an analyst may type it: a finite number (``nan``, ``inf`` and ``1e309`` are refused)."""
    value = float(raw)
    if not math.isfinite(value):
        raise ValueError(raw)
    return value


# What the document page lets an analyst fix, per layer, with the parser for each field.
EDITABLE: dict[str, dict[str, Any]] = {
    "quantity": {"value": finite, "low": finite, "high": finite, "qualifier": str, "unit": str, "measure": str},
    "date": {"value": dt.date.fromisoformat, "precision": str},
    "claim": {"stance": str, "kind": str},
}


def number(data: Mapping[str, Any], key: str) -> int | None:
    """A non-negative integer form field (a revision, an edit id); anything else is a ValueError."""
    raw = data.get(key)
    if raw is None or raw == "":
        return None
    if not isinstance(raw, str) or not raw.strip().isdigit() or len(raw.strip()) > 19:
        raise ValueError(f"{key} must be a whole number")
    value = int(raw)
    if value > MAX_ID:
        raise ValueError(f"{key} is out of range")
    return value


def rev(data: Mapping[str, Any], key: str = "expected_rev") -> int | None:
    return number(data, key)


def text(data: Mapping[str, Any], key: str, limit: int = 2_000) -> str:
    """A text form field (a multipart file where text belongs is refused)."""
    raw = data.get(key)
    if raw is None:
        return ""
    if not isinstance(raw, str):
        raise ValueError(f"{key} must be text")
    if len(raw) > limit:
        raise ValueError(f"{key} is too long (limit {limit:,} characters)")
    return raw


def note(data: Mapping[str, Any]) -> str | None:
    return text(data, "note", 10_000).strip() or None


# ---------------------------------------------------------------------- corrections


def correction_rev(case: Case, annotation_id: str) -> int:
    """Current revision of an annotation's correction (0 if never corrected)."""
    item = case.store.analyst_items("correction", include_deleted=True).get(annotation_id)
    return item[1] if item else 0


def correction_fields(current: Annotation, data: Mapping[str, Any]) -> dict[str, Any]:
    """The editable fields the form changed, parsed to their types (blank means none)."""
    fields: dict[str, Any] = {}
    for name, parse in EDITABLE.get(current.layer, {}).items():
        if name not in data:
            continue
        raw = text(data, name).strip()
        try:
            value = parse(raw) if raw else None
        except ValueError:
            raise ValueError(f"{name}: {raw!r} is not a valid value") from None
        if value != getattr(current, name):
            fields[name] = value
    return fields


def correct(case: Case, data: Mapping[str, Any]) -> str:
    annotation_id = text(data, "annotation_id", 300)
    if data.get("action") == "delete":
        case.correct(annotation_id, delete=True, note=note(data), expected_rev=rev(data))
        return "deleted"
    current = case.annotation(annotation_id)
    fields = correction_fields(current, data)
    if fields:
        case.correct(annotation_id, note=note(data), expected_rev=rev(data), **fields)
    return "saved"


def corrections(case: Case, doc_id: str) -> list[tuple[Annotation, Edit | None]]:
    """The document's corrected or deleted extractions, each with its latest edit (for undo)."""
    items = case.store.analyst_items("correction")
    out = []
    for key in items:
        if key.split("/", 1)[0] != doc_id:
            continue
        try:
            original = case.annotation_original(key)
        except KeyError:  # the pipeline no longer produces this span
            continue
        history = [e for e in case.store.edits("correction", key) if not e.undone and e.action != "undo"]
        out.append((original, history[-1] if history else None))
    return out


# ---------------------------------------------------------------------- entity aliases


@dataclass
class EntityRow:
    canonical: str
    kind: str
    aliases: list[tuple[str, int]]  # (alias, analyst rev; 0 for a default alias)
    source: str
    mentions: int


def entity_table(case: Case) -> tuple[list[EntityRow], list[tuple[str, int]]]:
    """Known entities with their aliases and mention counts, and the names found in the case that
    resolve to none of them."""
    api = case.alignment
    revs = {k: r for k, (_d, r) in case.store.analyst_items("alias", include_deleted=True).items()}
    table = api.alias_table()
    names = Counter(e.text for e in case.annotations("entity") if e.label in MERGEABLE)
    counts: Counter = Counter()
    unknown: Counter = Counter()
    for name, n in names.items():
        canonical = table.resolve(name)
        (counts if canonical else unknown)[canonical or name] += n
    rows = [EntityRow(e.canonical, e.kind, [(a, revs.get(a, 0)) for a in e.aliases], e.source, counts[e.canonical])
            for e in api.aliases()]
    rows.sort(key=lambda r: (-r.mentions, r.canonical.lower()))
    return rows, sorted(unknown.items(), key=lambda kv: (-kv[1], kv[0].lower()))


def alias_merge(case: Case, data: Mapping[str, Any]) -> str:
    """Make a name an alias of an entity (a new entity when the target is new)."""
    alias, canonical = text(data, "alias", 300).strip(), text(data, "canonical", 300).strip()
    if not alias or not canonical:
        raise ValueError("both the name and the entity it belongs to are needed")
    case.alignment.add_alias(canonical, alias, kind=text(data, "kind", 40) or "actor", note=note(data),
                             expected_rev=rev(data))
    return "merged"


def alias_split(case: Case, data: Mapping[str, Any]) -> str:
    """Detach a name from its entity (a default alias is hidden, the analyst's removed)."""
    case.alignment.remove_alias(str(data["alias"]), note=note(data), expected_rev=rev(data))
    return "split"


# ---------------------------------------------------------------------- hypotheses, ACH, sources


def _names(raw: Any) -> list[str]:
    return [n.strip() for n in str(raw or "").split(",") if n.strip()]


def hypothesis_add(case: Case, data: Mapping[str, Any]) -> str:
    case.hypotheses.add(str(data.get("label") or ""), _names(data.get("aliases")), note=note(data))
    return "added"


def hypothesis_rename(case: Case, data: Mapping[str, Any]) -> str:
    case.hypotheses.rename(str(data["hypothesis"]), str(data.get("label") or ""), note=note(data),
                           expected_rev=rev(data))
    return "renamed"


def hypothesis_merge(case: Case, data: Mapping[str, Any]) -> str:
    case.hypotheses.merge(str(data["target"]), str(data["other"]), note=note(data))
    return "merged"


def hypothesis_split(case: Case, data: Mapping[str, Any]) -> str:
    case.hypotheses.split(str(data["hypothesis"]), _names(data.get("aliases")), text(data, "label", 300) or None,
                          note=note(data))
    return "split-off"


def set_source_rating(case: Case, data: Mapping[str, Any]) -> str:
    case.ach.rate_source(str(data["source"]), str(data.get("reliability") or ""), note=note(data),
                         expected_rev=rev(data))
    return "saved"


def set_event_kind(case: Case, data: Mapping[str, Any]) -> str:
    case.ach.set_event_kind(text(data, "kind", 40).strip() or None, note=note(data), expected_rev=rev(data))
    return "event-kind"


def rate(case: Case, data: Mapping[str, Any]) -> str:
    rating = str(data.get("rating") or "")
    case.ach.rate(str(data["evidence"]), str(data["hypothesis"]), rating or None, note=note(data),
                  expected_rev=rev(data))
    return "rated"
