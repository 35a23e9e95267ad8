"""Annotation helper for the project's gold (see docs/annotation.md).

    python scripts/gold.py text REF            print the exact text a reference names
    python scripts/gold.py fnc PATTERN         FNC-1 bodies related to headlines matching PATTERN
    python scripts/gold.py resolve FILE...     fill offsets and hashes from quotes, check, rewrite
    python scripts/gold.py stats               documents, stories and labels per split
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from counterclaim.evaluation.gold import GOLD_DIR, GoldError, load_stories, resolve  # noqa: E402
from counterclaim.evaluation.sources import load_text, require_data_dir  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", help="public data folder (default $COUNTERCLAIM_DATA or ../shared/data)")
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("text").add_argument("ref")
    sub.add_parser("fnc").add_argument("pattern")
    sub.add_parser("resolve").add_argument("files", nargs="+", type=Path)
    sub.add_parser("stats")
    args = ap.parse_args()
    root = require_data_dir(args.data, "gold")
    if args.cmd == "text":
        src = load_text(args.ref, root)
        print(f"# {src.ref} outlet={src.outlet!r} published={src.published} sha256={src.sha256[:12]}")
        print(src.text)
    elif args.cmd == "fnc":
        rx = re.compile(args.pattern, re.I)
        with (root / "fnc1_stance" / "competition_test_stances.csv").open(encoding="utf-8", newline="") as fh:
            rows = [r for r in csv.DictReader(fh) if r["Stance"] != "unrelated" and rx.search(r["Headline"])]
        by_body = collections.defaultdict(list)
        for r in rows:
            by_body[int(r["Body ID"])].append(f"{r['Stance']}: {r['Headline']}")
        for body in sorted(by_body):
            print(f"fnc1:{body}{'  (odd: usable)' if body % 2 else '  (even: model training half, do not annotate)'}")
            for h in by_body[body][:3]:
                print("    " + h)
    elif args.cmd == "resolve":
        status = 0
        for path in args.files:
            try:
                data, notes = resolve(path, root)
            except (GoldError, KeyError, json.JSONDecodeError) as exc:
                print(f"{path}: ERROR {exc}", file=sys.stderr)
                status = 1
                continue
            path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            print(f"{path}: ok, {len(data['documents'])} documents")
            for n in notes:
                print(f"  note: {n}")
        return status
    elif args.cmd == "stats":
        for split in ("dev", "test"):
            stories = load_stories(root, split, GOLD_DIR)
            docs = sum(len(s.documents) for s in stories)
            labels = collections.Counter(st["label"] for s in stories for d in s.documents for st in d.get("stance", []))
            figs = sum(len(d.get("figures", [])) for s in stories for d in s.documents)
            print(f"{split}: {len(stories)} stories, {docs} documents, stances {dict(labels)}, figures {figs}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
