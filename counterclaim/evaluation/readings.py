"""Who gives a figure, scored on labelled readings of articles outside the gold stories (``eval/scope``).

Each labelled article is analysed alone, as an analyst would load it; every count of its own incident that the
labellers gave a speaker is matched to the quantity the system read there and to the speaker of the claim carrying
it. The labels are dev material: the speaker rules were revised while reading these errors, so the figure says how
the rules do on articles the gold stories do not hold, not on unseen text (the test stories' ``figures`` row does).
"""

from __future__ import annotations

import tempfile
from collections import defaultdict
from pathlib import Path

from .gold import SCOPE_DIR, scope_readings
from .realnews import speaker_match, speakers_of_quantities

DATA = "labelled scope readings (eval/scope: FNC-1 bodies outside the gold)"


def speaker_rows(root: Path, split: str, scope_dir: Path = SCOPE_DIR) -> list[dict]:
    """One row: the share of labelled in-scope figures whose speaker the system names (dev only)."""
    if split != "dev":
        return [{"stage": "figure-speakers", "data": DATA, "split": split,
                 "skipped": "the labelled readings are dev material (see docs/annotation.md)"}]
    from ..case import Case  # the whole pipeline: imported only when measuring

    texts: dict[str, str] = {}
    labelled: dict[str, list[dict]] = defaultdict(list)
    for ref, text, fig in scope_readings(root, scope_dir):
        if fig.get("speaker"):
            texts[ref] = text
            labelled[ref].append(fig)
    right = found = total = 0
    for ref, figures in sorted(labelled.items()):
        text = texts[ref]
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "docs"
            folder.mkdir()
            (folder / "article.txt").write_text(text, encoding="utf-8")
            with Case(Path(tmp) / "case") as case:
                case.analyze([str(folder)])
                exported = case.export()
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
