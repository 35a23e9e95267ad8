#!/usr/bin/env python
"""Pool the technique suggestions counterclaim makes on the real-news gold, for judging.

    .venv/bin/python scripts/technique_pool.py --split dev --out /tmp/pool.jsonl [--data DIR] [--min-confidence 0.05]
    .venv/bin/python scripts/technique_pool.py --merge POOL.jsonl LABELS.jsonl [--judge NAME]

Each story of ``eval/gold`` is analysed as one case (exactly as ``counterclaim eval`` does) and every
technique suggestion at or above ``--min-confidence`` is written as one JSON line: the story, the
document's gold reference, offsets, technique, the span's text and its sentence. The confidence is
left out on purpose: judges must not see it (``docs/annotation.md``, "Technique suggestions").
Suggestions already judged in ``eval/techniques/<story>.json`` are skipped, so after a model change
only the new ones need judging (pooled evaluation).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from counterclaim.evaluation.gold import load_stories  # noqa: E402
from counterclaim.evaluation.realnews import analyse  # noqa: E402
from counterclaim.evaluation.sources import require_data_dir  # noqa: E402
from counterclaim.evaluation.techniques import JUDGED_DIR, LABELS, judgements  # noqa: E402


def sentence(text: str, start: int, end: int) -> str:
    """The span's sentence(s), cut at the nearest sentence ends or paragraph breaks around it."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    m = re.compile(r"[.!?](\s|$)|\n").search(text, end)
    return text[left + 1 if left >= 0 else 0: m.end() if m else len(text)].strip()


def merge(pool: Path, labels: Path, judge: str | None) -> None:
    """Write judged pool items into the story files (sorted by reference and offsets)."""
    items = {item["id"]: item for item in map(json.loads, pool.read_text(encoding="utf-8").splitlines())}
    by_story: dict[str, list[dict]] = {}
    for line in labels.read_text(encoding="utf-8").splitlines():
        label = json.loads(line)
        if label["label"] not in LABELS:
            raise SystemExit(f"technique_pool: {labels}: {label['id']}: label {label['label']!r} is not yes or no")
        item = items[label["id"]]
        entry = {k: item[k] for k in ("ref", "start", "end", "technique", "quote")} | {"label": label["label"]}
        entry |= {"note": label["note"]} if label.get("note") else {}
        by_story.setdefault(item["story"], []).append(entry | ({"judge": judge} if judge else {}))
    for story, entries in by_story.items():
        path = JUDGED_DIR / f"{story}.json"
        data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {"story": story, "judgements": []}
        have = judgements(path)
        data["judgements"] += [e for e in entries if (e["ref"], e["start"], e["end"], e["technique"]) not in have]
        data["judgements"].sort(key=lambda e: (e["ref"], e["start"], e["end"], e["technique"]))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{sum(map(len, by_story.values()))} judgements merged into {len(by_story)} story files", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", help="the public data folder (default: $COUNTERCLAIM_DATA or ../shared/data)")
    parser.add_argument("--split", choices=("dev", "test"))
    parser.add_argument("--merge", nargs=2, type=Path, metavar=("POOL", "LABELS"))
    parser.add_argument("--judge", help="with --merge: who judged (kept with each judgement)")
    parser.add_argument("--min-confidence", type=float, default=0.05)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if args.merge:
        merge(*args.merge, args.judge)
        return
    if not (args.split and args.out):
        parser.error("--split and --out are needed to pool suggestions")
    root = require_data_dir(args.data, "technique_pool")
    n = 0
    with args.out.open("w", encoding="utf-8") as out:
        for story in load_stories(root, args.split):
            done = judgements(JUDGED_DIR / f"{story.id}.json")
            with tempfile.TemporaryDirectory() as tmp:
                exported, refs = analyse(story, root, Path(tmp))
            docs = {d["id"]: d["text"] for d in exported["documents"]}
            ref_of = {doc_id: ref for ref, doc_id in refs.items()}
            for t in exported["annotations"]["technique"]:
                ref = ref_of.get(t["doc_id"])
                key = (ref, t["start"], t["end"], t["technique"])
                if ref is None or (t["confidence"] or 0.0) < args.min_confidence or key in done:
                    continue
                text = docs[t["doc_id"]]
                out.write(json.dumps({"id": f"{args.split[0]}{n:03d}", "story": story.id, "ref": ref,
                                      "start": t["start"], "end": t["end"], "technique": t["technique"],
                                      "quote": text[t["start"]:t["end"]],
                                      "sentence": sentence(text, t["start"], t["end"])}, ensure_ascii=False) + "\n")
                n += 1
    print(f"{n} suggestions to judge -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
