"""Find, for each lexicon entry, a real-news sentence that uses it, and record where it is.

Usage: python scripts/attest_lexicons.py [--data DIR] [--write]

Reads the lexicons in counterclaim/data/lexicons/ and, for every entry whose ``source`` is empty or
starts with "news:", searches real news text in ``$COUNTERCLAIM_DATA`` (FNC-1 article bodies,
BASIL articles, PTC news articles, SemEval-2022 Task 8 English articles, AllSides roundups;
never the demo corpus, never the Crocus feed, never an article or AllSides round-up of a test story) for the first
sentence the entry's pattern matches (an entry whose recorded sentence still matches keeps it). The reference (dataset file, record id, sentence number)
becomes the entry's ``source`` as ``news:<file>#<record>:s<n>``: stand-off, the text itself is
not copied. Entries found nowhere are listed; with ``--write`` their source is left empty, so the
lexicon test fails until a public resource is named for them or they are removed.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from counterclaim.evaluation.gold import test_references  # noqa: E402
from counterclaim.lexicons import LEXICON_DIR, entry_pattern  # noqa: E402

SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")


def sentences(data: Path) -> Iterator[tuple[str, str]]:
    """(reference, sentence) over the real-news texts, in a fixed order, leaving out the test stories' texts: an
    entry attested by a test sentence would look written from the test split."""
    csv.field_size_limit(10**8)
    test = test_references()
    kinds = {"competition_test_bodies.csv": "fnc1", "train_bodies.csv": "fnc1train"}
    for name in ("train_bodies.csv", "competition_test_bodies.csv"):
        with open(data / "fnc1_stance" / name, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if f"{kinds[name]}:{row['Body ID']}" in test:
                    continue
                for n, s in enumerate(SENTENCE.split(row["articleBody"]), 1):
                    yield f"fnc1_stance/{name}#Body ID {row['Body ID']}:s{n}", s
    for path in sorted((data / "basil_triplets" / "articles").rglob("*.json")):
        if f"basil:{path.parent.name}/{path.stem}" in test:
            continue
        record = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = record.get("body-paragraphs") or []
        text = " ".join(p if isinstance(p, str) else " ".join(p) for p in paragraphs)
        for n, s in enumerate(SENTENCE.split(text), 1):
            yield f"basil_triplets/{path.relative_to(data / 'basil_triplets')}:s{n}", s
    for split in ("train", "dev", "test"):
        for path in sorted((data / "semeval2020_task11_ptc" / f"{split}-articles").glob("*.txt")):
            if split == "train" and f"ptc:{path.stem.removeprefix('article')}" in test:
                continue
            for n, s in enumerate(SENTENCE.split(" ".join(path.read_text(encoding="utf-8").split())), 1):
                yield f"semeval2020_task11_ptc/{split}-articles/{path.name}:s{n}", s
    for name in ("training_set.csv", "testing_set.csv"):
        with open(data / "semeval2022_task8_news_similarity_sample" / name, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                for side in ("1", "2"):
                    if row[f"lang{side}"] == "en":
                        for n, s in enumerate(SENTENCE.split(" ".join(row[f"text{side}"].split())), 1):
                            yield (f"semeval2022_task8_news_similarity_sample/{name}#pair_id {row['pair_id']}"
                                   f"/text{side}:s{n}"), s
    roundups = data / "allsides_neus_story_clusters" / "allsides_headline_roundups_crawled_2021-10-19.jsonl"
    with open(roundups, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            if any(ref.startswith(f"allsides:{record['id']}/") for ref in test):
                continue
            for n, s in enumerate(SENTENCE.split(" ".join(record.get("roundup") or [])), 1):
                yield f"allsides_neus_story_clusters/{roundups.name}#id {record['id']}:s{n}", s


def dumps(lexicon: dict) -> str:
    """The lexicon as JSON with one entry per line (reviewable diffs)."""
    head = {k: v for k, v in lexicon.items() if k != "entries"}
    lines = [json.dumps(e, ensure_ascii=False) for e in lexicon["entries"]]
    body = json.dumps(head, indent=1, ensure_ascii=False)[:-2]
    return body + ',\n "entries": [\n  ' + ",\n  ".join(lines) + "\n ]\n}\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(os.environ.get("COUNTERCLAIM_DATA") or ROOT.parent / "shared" / "data"))
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    corpus = list(sentences(args.data))
    by_ref = dict(corpus)
    missing = 0
    for path in sorted(LEXICON_DIR.glob("*.json")):
        lexicon = json.loads(path.read_text(encoding="utf-8"))
        for entry in lexicon["entries"]:
            if entry.get("source") and not entry["source"].startswith("news:"):
                continue
            pattern = entry_pattern(entry)
            kept = entry.get("source", "").removeprefix("news:")
            # A source that still holds the entry stays (reviewed by hand, or found before): only a stale or
            # missing one is searched for again, so re-running the script changes nothing it need not.
            found = kept if kept in by_ref and pattern.search(by_ref[kept]) else \
                next((ref for ref, s in corpus if pattern.search(s)), None)
            if found is None:
                missing += 1
                print(f"{path.name}: {entry['term']!r} not attested")
            entry["source"] = f"news:{found}" if found else ""
        if args.write:
            path.write_text(dumps(lexicon), encoding="utf-8")
    print(f"{missing} entries without a real-news sentence")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
