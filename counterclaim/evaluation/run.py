"""``counterclaim eval``: score every analysis stage and keep the table in ``docs/evaluation.md``.

Rows are kept in ``docs/evaluation.json`` keyed by stage, data and split; a run replaces the
rows it measured and rewrites the Markdown table from all of them, so measuring one stage
never drops another's figures. A dataset that is missing gives a skipped row with its reason.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable
from pathlib import Path

from . import public, readings, realnews
from .gold import GOLD_DIR, load_stories

PUBLIC: dict[str, tuple[Callable, str]] = {
    "relation": (public.relation_rows, "nli_mnli_snli"),
    "stance": (public.stance_rows, "fnc1_stance"),
    "checkworthiness": (public.checkworthy_rows, "checkthat2024_task1_english"),
    "techniques": (public.technique_rows, "semeval2020_task11_ptc"),
    "figure-speakers": (readings.speaker_rows, "fnc1_stance"),
    "attribution": (readings.attribution_rows, "fnc1_stance"),
}
GOLD = ("hypotheses", "doc-stance", "doc-stance-given", "figures", "dates", "origins", "contradictions", "revisions",
        "techniques-news")
STAGES = tuple(PUBLIC) + GOLD
DOCS = Path(__file__).resolve().parents[2] / "docs"


def _gold_rows(root: Path, split: str, wanted: set[str], only: tuple[str, ...] = ()) -> list[dict]:
    stories = [s for s in load_stories(root, split, GOLD_DIR) if not only or s.id in only]
    if not stories:
        return [{"stage": s, "data": "real-news gold", "split": split, "skipped": f"no {split} stories in eval/gold"}
                for s in GOLD if s in wanted]
    out = []
    if wanted - {"doc-stance-given"}:
        r = realnews.evaluate(stories, root)
        rows = {
            "hypotheses": r["hypotheses"], "doc-stance": _stance_row(r["stance"]),
            "figures": r["figures"], "dates": r["dates"], "origins": r["origins"],
            "contradictions": r["contradictions"], "revisions": r["revisions"], "techniques-news": r["techniques-news"],
        }
        out = [{"stage": s, "data": _gold_data(stories), "split": split, **rows[s]} for s in GOLD if s in wanted
               and s in rows]
        if out:
            out[0]["per_story"] = r["per_story"]
    if "doc-stance-given" in wanted:
        out.append({"stage": "doc-stance-given", "data": _gold_data(stories) + ", the gold hypotheses added by name",
                    "split": split, **_stance_row(realnews.given_stance(stories, root))})
    return out


def _gold_data(stories: list) -> str:
    return f"real-news gold ({len(stories)} stories, {sum(len(s.documents) for s in stories)} documents)"


def _stance_row(st: dict) -> dict:
    return {"n": st["n"], "accuracy": st["accuracy"], "macro_f1": st["macro_f1"],
            "per_class": st["per_class"], "confusion": st["confusion"],
            "accuracy_where_gold_takes_a_stance": st["accuracy_where_gold_takes_a_stance"],
            "denial_recall": st["per_class"]["denies"]["recall"],
            "asserts_on_denial_only": st["asserts_on_denial_only"],
            "precision_by_reader": st["precision_by_reader"]}


def evaluate(root: Path | None, split: str = "dev", stages: tuple[str, ...] = STAGES,
             progress: Callable[[str], None] = lambda s: None, stories: tuple[str, ...] = ()) -> list[dict]:
    """Rows for the named stages (the real-news gold's only over ``stories`` when given); every row names its
    command."""
    rows: list[dict] = []
    for name in stages:
        if name not in PUBLIC:
            continue
        fn, folder = PUBLIC[name]
        if root is None or not (root / folder).is_dir():
            rows.append({"stage": name, "data": folder, "split": split, "skipped": f"data folder {folder} not found"})
            continue
        progress(name)
        rows += fn(root, split)
    wanted = {s for s in stages if s in GOLD}
    if wanted:
        if root is None:
            rows += [{"stage": s, "data": "real-news gold", "split": split, "skipped": "no data folder"} for s in GOLD
                     if s in wanted]
        else:
            progress("real-news gold")
            rows += _gold_rows(root, split, wanted, stories)
    command = f"counterclaim eval --split {split} " + " ".join(f"--stage {s}" for s in stages) \
        + "".join(f" --story {s}" for s in stories)
    today = datetime.date.today().isoformat()
    for row in rows:
        row.setdefault("command", command)
        row.setdefault("measured", today)
    return rows


def _key(row: dict) -> str:
    # The gold's size is part of its label but not of its identity: a grown gold replaces its old row.
    data = re.sub(r" \(\d+ stories, \d+ documents\)", "", row["data"])
    return f"{row['stage']}|{data}|{row['split']}"


def headline(row: dict) -> str:
    """One line of a row's figures for the table."""
    if "skipped" in row:
        return f"skipped: {row['skipped']}"
    parts = []
    if "gold" in row:
        parts.append(f"found {row['found']}/{row['gold']}, system {row['system']}")
    if "tp" in row:
        listed = row["tp"] + row["fp"]
        parts.append((f"{row['view']}: " if 'view' in row else '') + f"{listed} listed, {row['tp'] + row['fn']} in gold")
    for k in ("accuracy", "macro_f1", "fnc_score", "precision", "recall", "f1", "tc_micro_f1", "ece", "pairs_per_s",
              "accuracy_where_gold_takes_a_stance", "denial_recall", "asserts_on_denial_only", "measure_accuracy",
              "speaker_accuracy", "measure_accuracy_all_figures", "over_split", "read_by_system"):
        v = row.get(k)
        if k == "precision" and "tp" in row and row["tp"] + row["fp"] == 0:
            parts.append("precision n/a (nothing listed)")
        elif isinstance(v, (int, float)) and not isinstance(v, bool):
            parts.append(f"{k} {v}")
    if "judged" in row:  # technique suggestions: pooled judgements, precision only
        parts.append(f"{row['view']}: {row['shown']} shown, {row['judged']} judged, {row['right']} right, "
                     f"precision {row['precision']}, {row['unjudged']} unjudged")
        a = row["all_suggestions"]
        parts.append(f"all suggestions: {a['shown']}, precision {a['precision']} of {a['judged']} judged")
        return " · ".join(parts)
    if "all_listed" in row:
        a = row["all_listed"]
        parts.append(f"all contradictions: {a['tp'] + a['fp']} listed, precision {a['precision']}, recall {a['recall']}")
    return " · ".join(parts)


def write(rows: list[dict], docs: Path = DOCS) -> Path:
    """Merge ``rows`` into ``docs/evaluation.json`` and rewrite ``docs/evaluation.md``."""
    store = docs / "evaluation.json"
    kept = json.loads(store.read_text(encoding="utf-8")) if store.exists() else []
    merged = {_key(r): r for r in kept}
    merged.update({_key(r): r for r in rows})
    ordered = sorted(merged.values(), key=lambda r: (STAGES.index(r["stage"]) if r["stage"] in STAGES else 99,
                                                     r["split"], r["data"]))
    store.write_text(json.dumps(ordered, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    lines = ["# Evaluation", "",
             "Written by `counterclaim eval` (rows merged from `docs/evaluation.json`; every row says the command that",
             "produced it). Public data is read from `../shared/data` or `$COUNTERCLAIM_DATA`; the real-news gold is",
             "`eval/gold/` (stand-off, see `docs/annotation.md`): tune on `dev`, report `test`.", "",
             "| stage | data | split | n | result | command | measured |", "|---|---|---|---|---|---|---|"]
    for r in ordered:
        lines.append(f"| {r['stage']} | {r['data']} | {r['split']} | {r.get('n', '')} | {headline(r)} | "
                     f"`{r['command']}` | {r['measured']} |")
    (docs / "evaluation.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return docs / "evaluation.md"
