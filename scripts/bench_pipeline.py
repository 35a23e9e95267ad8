#!/usr/bin/env python
"""Speed and memory of the per-document pipeline against bare spaCy on the same text.

    .venv/bin/python scripts/bench_pipeline.py --sizes 10 100 1000 [--n-process 1] [--out docs/bench/pipeline.json]

For each size N a synthetic corpus is generated from the bundled articles
(paragraphs of both articles shuffled and recombined, figures and names varied,
so no two documents are identical and none is a dedup hit). Each measurement runs
in a fresh subprocess so peak RSS (ru_maxrss) belongs to that run alone:

* ``spacy``: ``nlp.pipe`` over the texts, nothing else (the floor);
* ``pipeline``: ``Case.analyze`` of the same texts into a fresh SQLite case with
  every document stage (ingest, parse, dates, quantities, claims, consistency,
  techniques, writes) but without the cross-document case stages, which have
  their own benchmark (scripts/bench_align.py).

The ratio pipeline/spacy is the overhead that matters (goal: within 1.3x).
``--stages N`` instead times each document stage separately on N generated
documents, as a share of the parse: where the overhead goes.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "crocus-seeds"
NAMES = ["Moscow", "Kazan", "Samara", "Omsk", "Perm", "Tver"]


def paragraphs() -> list[str]:
    paras = []
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        paras += [p.strip() for p in re.split(r"\n\s*\n", text) if len(p.split()) > 12]
    return paras


def make_corpus(n: int, folder: Path, seed: int = 1) -> list[Path]:
    """N distinct articles of 8-14 paragraphs each, written as .txt files."""
    rng = random.Random(seed)
    paras = paragraphs()
    files = []
    for i in range(n):
        chosen = rng.sample(paras, k=min(len(paras), rng.randint(8, 14)))
        body = "\n\n".join(chosen)
        body = re.sub(r"\b\d{2,4}\b", lambda m: str(int(m.group()) + rng.randint(0, 9)), body)
        body = body.replace("Moscow", rng.choice(NAMES))
        path = folder / f"doc-{i:05d}-2024-03-{rng.randint(23, 30)}.txt"
        path.write_text(f"Report {i} on the attack\n\n{body}\n", encoding="utf-8")
        files.append(path)
    return files


def run_child(mode: str, folder: Path, n_process: int) -> dict:
    from counterclaim import Case
    from counterclaim.document.nlp import load

    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    words = sum(len(t.split()) for t in texts)
    nlp = load()  # model loading is outside the timed part in both modes
    if mode == "spacy":
        start = time.perf_counter()
        for _ in nlp.pipe(texts, n_process=n_process, batch_size=16):
            pass
    else:
        case = Case(folder / "case")
        start = time.perf_counter()
        case.analyze([str(folder)], n_process=n_process, run_case_stages=False)
    seconds = time.perf_counter() - start
    return {"mode": mode, "docs": len(texts), "words": words, "seconds": round(seconds, 2),
            "words_per_s": round(words / seconds), "docs_per_s": round(len(texts) / seconds, 2),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def stage_times(n: int) -> dict[str, float]:
    """Seconds per document stage (and the parse) over n generated documents, in this process."""
    from counterclaim import Case
    from counterclaim.document.nlp import load
    from counterclaim.ingest.articles import iter_inputs, to_document
    from counterclaim.pipeline import DocContext

    with tempfile.TemporaryDirectory() as tmp:
        make_corpus(n, Path(tmp))
        taken: set[str] = set()
        docs = [to_document(a, taken) for a in iter_inputs([tmp])]
    nlp = load()
    start = time.perf_counter()
    parsed = list(nlp.pipe([d.text for d in docs], batch_size=16))
    times = {"spaCy parse": time.perf_counter() - start}
    for document, doc in zip(docs, parsed):
        ctx = DocContext(document=document, doc=doc)
        for stage in Case.document_stages():
            start = time.perf_counter()
            ctx.add(stage.fn(ctx))
            times[stage.name] = times.get(stage.name, 0.0) + time.perf_counter() - start
    return {k: round(v, 2) for k, v in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--n-process", type=int, default=1)
    parser.add_argument("--out", type=Path, help="write results as JSON here")
    parser.add_argument("--stages", type=int, metavar="N", help="time each stage on N documents instead")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_child(args.child[0], Path(args.child[1]), args.n_process)))
        return
    if args.stages:
        times = stage_times(args.stages)
        for name, seconds in times.items():
            print(f"{name:>12}  {seconds:7.2f} s  {seconds / times['spaCy parse']:5.2f} x parse")
        if args.out:
            args.out.write_text(json.dumps({"documents": args.stages, "seconds": times}, indent=2) + "\n")
        return
    results = []
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            make_corpus(n, Path(tmp))
            row = {"n": n}
            for mode in ("spacy", "pipeline"):
                out = subprocess.run([sys.executable, __file__, "--child", mode, tmp, "--n-process", str(args.n_process)],
                                     check=True, capture_output=True, text=True, env=os.environ | {"HF_HUB_OFFLINE": "1"})
                row[mode] = json.loads(out.stdout.strip().splitlines()[-1])
            row["ratio"] = round(row["pipeline"]["seconds"] / row["spacy"]["seconds"], 2)
            results.append(row)
            s, p = row["spacy"], row["pipeline"]
            print(f"N={n:>5}  words={p['words']:>9,}  spaCy {s['words_per_s']:>6,} w/s {s['peak_rss_mb']:>5} MB | "
                  f"pipeline {p['words_per_s']:>6,} w/s {p['docs_per_s']:>6} docs/s {p['peak_rss_mb']:>5} MB | "
                  f"ratio {row['ratio']}x", flush=True)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps({"n_process": args.n_process, "cpus": os.cpu_count(), "results": results},
                                       indent=2) + "\n")


if __name__ == "__main__":
    main()
