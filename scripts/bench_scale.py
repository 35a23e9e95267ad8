#!/usr/bin/env python
"""Scale-out: one process vs ``--n-process 2`` vs ``--executor dask`` with 2 workers, on generated corpora.

    .venv/bin/python scripts/bench_scale.py --sizes 1000 3000 [--modes one processes2 dask2] [--out docs/bench/scale.json]

For each size N a corpus of N distinct short articles (``--paragraphs``, default 3-5 paragraphs of the
bundled articles, figures and places varied) is written as .txt files, and each mode analyses it into a
fresh SQLite case in its own subprocess (ingest, parse, every document stage, one writer; the case
stages are left out: they have their own benchmark, scripts/bench_align.py). Reported per run:

* ``seconds``: the whole ``Case.analyze`` call (for dask including the local cluster's start-up and
  its workers loading the models);
* ``docs_per_s``: the steady rate, from the first document written to the last (start-up excluded);
* ``ms_per_doc_cpu``: steady per-document cost in worker-seconds (workers / rate): flat in N means
  the cost per document does not grow with the corpus;
* ``driver_mb``: peak RSS of the driver (the process that ingests and writes);
* ``worker_mb``: the largest peak RSS of any worker process (sampled every 0.2 s with psutil);
* ``window_docs_per_s``: the rate in each successive window of ``--window`` documents written (default
  1,000), so flatness shows inside one run, under one machine load, not only across runs;
* ``load``: the machine's 1-minute load average at the start and the end of the run.

The numbers are only comparable within one run on one machine: on a machine shared with other
work the rates move with its load.
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
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "crocus-seeds"
PLACES = ["Moscow", "Kazan", "Samara", "Omsk", "Perm", "Tver"]
MODES = {"one": ("processes", 1), "processes2": ("processes", 2), "dask2": ("dask", 2)}


def make_corpus(n: int, folder: Path, paragraphs: tuple[int, int] = (3, 5), seed: int = 1) -> int:
    """N distinct articles as .txt files; returns the number of words."""
    rng = random.Random(seed)
    paras = [p.strip() for path in sorted(CORPUS.glob("*.txt"))
             for p in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")) if len(p.split()) > 12]
    words = 0
    for i in range(n):
        body = "\n\n".join(rng.sample(paras, k=min(len(paras), rng.randint(*paragraphs))))
        body = re.sub(r"\b\d{2,4}\b", lambda m: str(int(m.group()) + rng.randint(0, 9)), body)
        body = body.replace("Moscow", rng.choice(PLACES))
        text = f"Report {i} on the attack\n\n{body}\n"
        (folder / f"doc-{i:05d}-2024-03-{rng.randint(23, 30)}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


class WorkerMemory:
    """Peak RSS of this process's descendants (the worker processes), sampled in a thread."""

    def __init__(self, every: float = 0.2):
        import psutil

        self.me = psutil.Process()
        self.peak: dict[int, int] = {}
        self.every = every
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self) -> None:
        while not self.stop.wait(self.every):
            for child in self.me.children(recursive=True):
                try:
                    rss = child.memory_info().rss
                except Exception:  # noqa: BLE001 - gone between listing and reading
                    continue
                self.peak[child.pid] = max(self.peak.get(child.pid, 0), rss)

    def __enter__(self) -> "WorkerMemory":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()

    def max_mb(self) -> int:
        return round(max(self.peak.values(), default=0) / 2**20)


def window_rates(marks: list[tuple[int, float]], window: int) -> list[float]:
    """Documents/s in each successive window of ``window`` documents (up to document ``window``, ``2 × window``,
    ...; the first window starts at the first document written)."""
    rates, (n0, t0) = [], marks[0]
    for done, t in marks[1:]:
        if done % window == 0:
            rates.append(round((done - n0) / (t - t0), 2) if t > t0 else float("nan"))
            n0, t0 = done, t
    return rates


def run_child(mode: str, folder: Path, batch_size: int, window: int) -> dict:
    from counterclaim import Case

    executor, workers = MODES[mode]
    case = Case(folder / f"case-{mode}")
    case.pipeline_version()  # the driver's models load outside the timed part in every mode
    marks: list[tuple[int, float]] = []
    load_start = os.getloadavg()[0]
    with WorkerMemory() as memory:
        start = time.perf_counter()
        case.analyze([str(folder)], n_process=workers, executor=executor, batch_size=batch_size,
                     run_case_stages=False, progress=lambda stage, done, total: marks.append((done, time.perf_counter())))
        seconds = time.perf_counter() - start
    (n0, t0), (n1, t1) = marks[0], marks[-1]
    rate = (n1 - n0) / (t1 - t0) if t1 > t0 else float("nan")
    return {"mode": mode, "docs": n1, "seconds": round(seconds, 1), "docs_per_s": round(rate, 2),
            "ms_per_doc_cpu": round(1000 * workers / rate, 1), "first_doc_s": round(t0 - start, 1),
            "driver_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "worker_mb": memory.max_mb() if workers > 1 or executor == "dask" else None,
            "window_docs_per_s": window_rates(marks, window),
            "load": [round(load_start, 1), round(os.getloadavg()[0], 1)]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000])
    parser.add_argument("--modes", nargs="+", choices=list(MODES), default=list(MODES))
    parser.add_argument("--paragraphs", type=int, nargs=2, default=[3, 5], metavar=("MIN", "MAX"))
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--window", type=int, default=1000, help="documents per window of window_docs_per_s")
    parser.add_argument("--out", type=Path, help="write results as JSON here (rewritten after every run)")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_child(args.child[0], Path(args.child[1]), args.batch_size, args.window)))
        return
    results = []
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            words = make_corpus(n, Path(tmp), tuple(args.paragraphs))
            for mode in args.modes:
                out = subprocess.run([sys.executable, __file__, "--child", mode, tmp, "--batch-size", str(args.batch_size),
                                      "--window", str(args.window)],
                                     check=True, capture_output=True, text=True, env=os.environ | {"HF_HUB_OFFLINE": "1"})
                row = {"n": n, "words": words} | json.loads(out.stdout.strip().splitlines()[-1])
                results.append(row)
                print(f"N={n:>6} {mode:>10}: {row['seconds']:>7} s total, {row['docs_per_s']:>6} docs/s steady, "
                      f"{row['ms_per_doc_cpu']:>6} worker-ms/doc, first doc after {row['first_doc_s']} s, "
                      f"driver {row['driver_mb']} MB, worker {row['worker_mb']} MB, "
                      f"windows {row['window_docs_per_s']}, load {row['load']}", flush=True)
                if args.out:
                    args.out.parent.mkdir(parents=True, exist_ok=True)
                    args.out.write_text(json.dumps({"cpus": os.cpu_count(), "paragraphs": args.paragraphs,
                                                    "batch_size": args.batch_size, "results": results}, indent=2) + "\n")


if __name__ == "__main__":
    main()
