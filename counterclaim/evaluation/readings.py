"""Stages scored on labelled readings of articles outside the gold stories (``eval/scope``, ``eval/attribution``).

Each labelled article is analysed alone, as an analyst would load it.

- ``figure-speakers``: every count of the article's own incident that the labellers gave a speaker is matched to
  the quantity the system read there and to the speaker of the claim carrying it.
- ``attribution``: every statement that says or denies who did a deed was labelled; the system's evidence for
  its hypotheses is matched to them by sentence and name, which measures recall (of accusations and of denials)
  and precision of what the analyst is shown.

The labels are dev material: rules are revised while reading these errors, so the figures say how the rules do on
articles the gold stories do not hold, not on unseen text (the test stories' rows do).
"""

from __future__ import annotations

import re
import tempfile
from collections import defaultdict
from pathlib import Path

from .gold import ATTRIBUTION_DIR, SCOPE_DIR, attribution_readings, scope_readings
from .realnews import speaker_match, speakers_of_quantities

DATA = "labelled scope readings (eval/scope: FNC-1, AllSides, BASIL and PTC articles outside the gold)"
ATTRIBUTION_DATA = "labelled attribution readings (eval/attribution: FNC-1, AllSides and BASIL articles outside the gold)"


def speaker_rows(root: Path, split: str, scope_dir: Path = SCOPE_DIR) -> list[dict]:
    """One row: the share of labelled in-scope figures whose speaker the system names (dev only)."""
    if split != "dev":
        return [_dev_only("figure-speakers", DATA, split)]
    texts: dict[str, str] = {}
    labelled: dict[str, list[dict]] = defaultdict(list)
    for ref, text, fig in scope_readings(root, scope_dir):
        if fig.get("speaker"):
            texts[ref] = text
            labelled[ref].append(fig)
    right = found = total = 0
    for ref, figures in sorted(labelled.items()):
        [exported] = _analysed(texts[ref])
        quantities = exported["annotations"].get("quantity", [])
        speakers = speakers_of_quantities(exported)
        for fig in figures:
            total += 1
            q = next((q for q in quantities if q["start"] < fig["end"] and fig["start"] < q["end"]), None)
            if q is None:
                continue
            found += 1
            right += _right(speakers.get(q["id"]), fig["speaker"])
    return [{"stage": "figure-speakers", "data": DATA, "split": split, "n": total, "read_by_system": found,
             "speaker_accuracy": round(right / max(found, 1), 4)}]


def _right(speaker: dict | None, gold: str) -> bool:
    """An unnamed report is right when the system names any reporting party rather than the outlet."""
    if gold == "unnamed":
        return speaker is not None and speaker["kind"] != "outlet"
    return speaker_match(speaker, gold)


def _dev_only(stage: str, data: str, split: str) -> dict:
    return {"stage": stage, "data": data, "split": split,
            "skipped": "the labelled readings are dev material (see docs/annotation.md)"}


def _analysed(text: str, given: dict[str, list[str]] | None = None) -> list[dict]:
    """The case file of ``text`` analysed alone, by the whole pipeline; with ``given``, also the case file after
    the analyst adds each label → names as a hypothesis (``hypotheses add LABEL --alias ...``), from the same
    analysis."""
    from ..case import Case  # imported only when measuring

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "docs"
        folder.mkdir()
        (folder / "article.txt").write_text(text, encoding="utf-8")
        with Case(Path(tmp) / "case") as case:
            case.analyze([str(folder)])
            exported = [case.export()]
            if given is not None:
                for label, names in given.items():
                    case.hypotheses.add(label, aliases=names)
                exported.append(case.export())
            return exported


# A pronoun or a bare noun names no one an analyst would add as a hypothesis.
_NOT_A_NAME = re.compile(r"^(?:(?:the|a|an|some|any|those|these)\s+)?[a-z]+$|^\W")


def _labelled_parties(statements: list[dict]) -> dict[str, list[str]]:
    """Each labelled party (its resolved name) → the names it goes by in the article, as an analyst would add it."""
    out: dict[str, set[str]] = {}
    for st in statements:
        names = {n for n in (st["names"], st["actor"]) if not _NOT_A_NAME.match(n)}
        if names:
            out.setdefault(st["names"], set()).update(names)
    return {label: sorted(names) for label, names in out.items()}


# A hypothesis's evidence item, read as a label: support is responsibility; a denial or the outlet's doubt is not.
_READS_AS = {"supports": "responsible", "rejects": "not_responsible", "disputes": "not_responsible"}
# A document naming a hypothesis (``mentioned``) or told by the stance model (``carried``) is not a reading of who
# did it.
_NOT_READINGS = ("mention", "model")


def attribution_rows(root: Path, split: str, folder: Path = ATTRIBUTION_DIR) -> list[dict]:
    """Two rows: recall of labelled accusations and denials of the article's own deed, and the precision of the
    responsibility readings the system shows (names it merely mentions are not readings and are left out); as
    discovered, and with the labelled parties added by name (``attribution-given``: how the wording is read,
    whatever discovery finds)."""
    if split != "dev":
        return [_dev_only(stage, ATTRIBUTION_DATA, split) for stage in ("attribution", "attribution-given")]
    discovered, given = _Tally(), _Tally()
    for _ref, text, statements in attribution_readings(root, folder):
        as_found, as_given = _analysed(text, _labelled_parties(statements))
        discovered.add(as_found, statements)
        given.add(as_given, statements)
    return [{"stage": "attribution", "data": ATTRIBUTION_DATA, **discovered.row()},
            {"stage": "attribution-given", "data": ATTRIBUTION_DATA + ", the labelled parties added by name",
             **given.row()}]


class _Tally:
    """The counts of one attribution row, article by article."""

    def __init__(self) -> None:
        self.found = {"responsible": 0, "not_responsible": 0}
        self.wanted = {"responsible": 0, "not_responsible": 0}
        self.verdicts = {"right": 0, "wrong_polarity": 0, "other_event": 0, "open_read_as_claim": 0, "unlabelled": 0}
        self.by_cue_kind: dict[str, list[int]] = {}

    def add(self, exported: dict, statements: list[dict]) -> None:
        items = [e for r in exported["records"].get("hypothesis_stance", []) for e in r.get("evidence", [])
                 if e.get("bears", True) and e.get("cue_kind") not in _NOT_READINGS]
        for st in statements:
            if st["main"] and st["label"] in self.wanted:
                self.wanted[st["label"]] += 1
                self.found[st["label"]] += any(_READS_AS[e["polarity"]] == st["label"] for e in items if _same(e, st))
        for e in items:
            verdict = _verdict(e, [st for st in statements if _same(e, st)])
            self.verdicts[verdict] += 1
            # Which forms can be trusted: right and shown, per kind of cue ("act", "blame", "self-deny", ...).
            by_cue = self.by_cue_kind.setdefault(e["cue_kind"], [0, 0])
            by_cue[0] += verdict == "right"
            by_cue[1] += 1

    def row(self) -> dict:
        listed = sum(self.verdicts.values())
        return {"split": "dev", "n": sum(self.wanted.values()),
                "responsible_recall": round(self.found["responsible"] / max(self.wanted["responsible"], 1), 4),
                "denial_recall": round(self.found["not_responsible"] / max(self.wanted["not_responsible"], 1), 4),
                "listed": listed, "precision": round(self.verdicts["right"] / listed, 4) if listed else None,
                **self.verdicts, "labelled": dict(self.wanted),
                "right_of_shown_by_cue_kind": dict(sorted(self.by_cue_kind.items()))}


def _same(item: dict, statement: dict) -> bool:
    """The evidence quote overlaps the labelled sentence and names the labelled party there."""
    if not (item["start"] < statement["end"] and statement["start"] < item["end"]):
        return False
    if item["alias_start"] < statement["actor_end"] and statement["actor_start"] < item["alias_end"]:
        return True
    names = {statement["names"].lower(), statement["actor"].lower()}
    said = {(item.get("actor") or "").lower(), (item.get("alias") or "").lower()}
    return any(a and b and (a in b or b in a) for a in names for b in said)


def _verdict(item: dict, statements: list[dict]) -> str:
    label = _READS_AS[item["polarity"]]
    if any(st["main"] and st["label"] == label for st in statements):
        return "right"
    if any(st["label"] == "open" for st in statements):
        return "open_read_as_claim"
    if any(st["label"] == label for st in statements):
        return "other_event"
    return "wrong_polarity" if statements else "unlabelled"
