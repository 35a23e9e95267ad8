"""The project's own stand-off gold over real multi-outlet coverage (``eval/gold/*.json``).

Each story file names its documents by reference (see :mod:`.sources`), the competing
explanations, and per document: its stance toward each explanation with evidence spans and
speakers, every count figure, incident dates; across documents: copies of one origin, true
contradictions and revisions. Annotators write quotes; :func:`resolve` turns each quote into
offsets and checks them against the rebuilt text. Guidelines: ``docs/annotation.md``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .sources import SourceText, load_text

STANCES = ("asserts", "reports", "denies", "absent")
SAYS = ("for", "against")
QUALIFIERS = ("exact", "about", "at_least", "more_than", "at_most", "less_than", "range", "vague")
CONFLICT_TYPES = ("numeric", "agent", "temporal", "negation", "existence")
GOLD_DIR = Path(__file__).resolve().parents[2] / "eval" / "gold"
# Counts of people the quantities stage read in other real articles, each labelled in / out / projection / not.
SCOPE_DIR = GOLD_DIR.parent / "scope"
SCOPE_LABELS = ("in", "out", "projection", "not")
# Statements of who did a deed (or denials of it) in other real articles, every one in each article labelled.
ATTRIBUTION_DIR = GOLD_DIR.parent / "attribution"
ATTRIBUTION_LABELS = ("responsible", "not_responsible", "open")


class GoldError(ValueError):
    """A gold file that does not match its texts or the schema."""


@dataclass(frozen=True)
class Story:
    path: Path
    data: dict

    @property
    def id(self) -> str:
        return self.data["story"]

    @property
    def split(self) -> str:
        return self.data["split"]

    @property
    def documents(self) -> list[dict]:
        return self.data["documents"]

    @property
    def hypotheses(self) -> list[dict]:
        return self.data.get("hypotheses", [])


def summary_stance(evidence: list[dict]) -> str:
    """The documented rule: own-voice asserts/denies wins; else any accusation reported; else denial."""
    own = [e["says"] for e in evidence if e.get("speaker", "outlet") == "outlet"]
    if "for" in own:
        return "asserts"
    if "against" in own:
        return "denies"
    said = {e["says"] for e in evidence}
    if "for" in said:
        return "reports"
    if "against" in said:
        return "denies"
    return "absent"


def _locate(text: str, item: dict, where: str) -> None:
    quote = item.get("quote")
    if not quote:
        raise GoldError(f"{where}: no quote")
    occurrence = int(item.get("occurrence", 0))
    pos = -1
    for _ in range(occurrence + 1):
        pos = text.find(quote, pos + 1)
        if pos < 0:
            raise GoldError(f"{where}: quote not found (occurrence {occurrence}): {quote[:80]!r}")
    if "start" in item and (item["start"], item["end"]) != (pos, pos + len(quote)):
        if text[item["start"]:item["end"]] != quote:
            raise GoldError(f"{where}: offsets {item['start']}-{item['end']} do not hold the quote")
        return
    item["start"], item["end"] = pos, pos + len(quote)


def _check_doc(doc: dict, text: str, hyp_ids: set[str], where: str) -> None:
    for s in doc.get("stance", []):
        if s["hypothesis"] not in hyp_ids:
            raise GoldError(f"{where}: unknown hypothesis {s['hypothesis']}")
        if s["label"] not in STANCES:
            raise GoldError(f"{where}: stance label {s['label']!r} not in {STANCES}")
        for e in s.get("evidence", []):
            if e.get("says") not in SAYS:
                raise GoldError(f"{where}: evidence 'says' must be one of {SAYS}")
            _locate(text, e, f"{where} {s['hypothesis']}")
    for f in doc.get("figures", []):
        if f.get("qualifier") not in QUALIFIERS:
            raise GoldError(f"{where}: figure qualifier {f.get('qualifier')!r} not in {QUALIFIERS}")
        if not isinstance(f.get("in_scope"), bool):
            raise GoldError(f"{where}: figure {f.get('quote')!r} needs in_scope true/false")
        _locate(text, f, f"{where} figure")
    for d in doc.get("dates", []):
        _locate(text, d, f"{where} date")


def resolve(path: Path, root: Path) -> tuple[dict, list[str]]:
    """Fill offsets and text hashes in one story file; return it and rule-mismatch notes."""
    data = json.loads(path.read_text(encoding="utf-8"))
    for key in ("story", "split", "documents"):
        if key not in data:
            raise GoldError(f"{path.name}: missing {key!r}")
    if data["split"] not in ("dev", "test"):
        raise GoldError(f"{path.name}: split must be dev or test")
    hyp_ids = {h["id"] for h in data.get("hypotheses", [])}
    texts: dict[str, str] = {}
    notes: list[str] = []
    for doc in data["documents"]:
        src = load_text(doc["ref"], root)
        if doc.get("sha256") and doc["sha256"] != src.sha256:
            raise GoldError(f"{path.name} {doc['ref']}: text changed since annotation (sha256 differs)")
        doc["sha256"] = src.sha256
        texts[doc["ref"]] = src.text
        _check_doc(doc, src.text, hyp_ids, f"{path.name} {doc['ref']}")
        for s in doc.get("stance", []):
            rule = summary_stance(s.get("evidence", []))
            if rule != s["label"]:
                notes.append(f"{doc['ref']} {s['hypothesis']}: label {s['label']} but the rule gives {rule}")
    for group in data.get("copies", []):
        for ref in group:
            if ref not in texts:
                raise GoldError(f"{path.name}: copy group names unknown document {ref}")
    for kind in ("contradictions", "revisions"):
        for pair in data.get(kind, []):
            if kind == "contradictions" and pair.get("type") not in CONFLICT_TYPES:
                raise GoldError(f"{path.name}: contradiction type {pair.get('type')!r} not in {CONFLICT_TYPES}")
            for side in ("a", "b"):
                ref = pair[side]["ref"]
                if ref not in texts:
                    raise GoldError(f"{path.name}: {kind} names unknown document {ref}")
                _locate(texts[ref], pair[side], f"{path.name} {kind} {ref}")
    return data, notes


def load_stories(root: Path, split: str | None = None, gold_dir: Path = GOLD_DIR) -> list[Story]:
    """Every story (of one split), checked against the texts it points into."""
    stories = []
    for path in sorted(gold_dir.glob("*.json")):
        data, _ = resolve(path, root)
        if split is None or data["split"] == split:
            stories.append(Story(path, data))
    return stories


def test_references(gold_dir: Path = GOLD_DIR) -> set[str]:
    """The references of every test story's documents, read without the texts: what rules, lexicons and training
    must never be drawn from."""
    refs: set[str] = set()
    for path in sorted(gold_dir.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("split") == "test":
            refs.update(doc["ref"] for doc in data["documents"])
    return refs


def _labelled_documents(root: Path, folder: Path) -> Iterator[tuple[str, dict, SourceText]]:
    """(file name, labelled document, its text) for every document of ``folder/*.json``, refused where the text
    changed since labelling."""
    for path in sorted(folder.glob("*.json")):
        for doc in json.loads(path.read_text(encoding="utf-8"))["documents"]:
            src = load_text(doc["ref"], root)
            if src.sha256 != doc["sha256"]:
                raise GoldError(f"{path.name} {doc['ref']}: text changed since labelling (sha256 differs)")
            yield path.name, doc, src


def scope_readings(root: Path, scope_dir: Path = SCOPE_DIR) -> list[tuple[str, str, dict]]:
    """(reference, text, labelled figure) for every reading in ``eval/scope/*.json``, checked against its text."""
    out = []
    for name, doc, src in _labelled_documents(root, scope_dir):
        for fig in doc["figures"]:
            if src.text[fig["start"]:fig["end"]] != fig["quote"] or fig["label"] not in SCOPE_LABELS:
                raise GoldError(f"{name} {doc['ref']}: {fig['quote']!r} at {fig['start']} "
                                f"({fig['label']!r}) does not match its text or the labels {SCOPE_LABELS}")
            out.append((doc["ref"], src.text, fig))
    return out


def attribution_readings(root: Path, folder: Path = ATTRIBUTION_DIR) -> list[tuple[str, str, list[dict]]]:
    """(reference, text, labelled statements) for every article in ``eval/attribution/*.json``, checked against
    its text: each statement's sentence and actor offsets must hold its quotes."""
    out = []
    for name, doc, src in _labelled_documents(root, folder):
        for st in doc["statements"]:
            if (src.text[st["start"]:st["end"]] != st["quote"] or st["label"] not in ATTRIBUTION_LABELS
                    or src.text[st["actor_start"]:st["actor_end"]] != st["actor"]
                    or not st["start"] <= st["actor_start"] < st["actor_end"] <= st["end"]):
                raise GoldError(f"{name} {doc['ref']}: {st['actor']!r} in {st['quote'][:60]!r} "
                                f"({st['label']!r}) does not match its text or the labels {ATTRIBUTION_LABELS}")
        out.append((doc["ref"], src.text, doc["statements"]))
    return out
