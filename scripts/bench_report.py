"""Benchmark the HTML report on a 200-document case: build time, file size, load time in Chromium.

    .venv/bin/python scripts/bench_report.py [--docs 200] [--runs 3] [--out /tmp/bench-report]

How the case is made: the two bundled articles are analysed once by the real
document pipeline; then each of the N documents is a copy of one of them with
a distinct header line, outlet and publication date, and each figure's digits
replaced by a different number of the same length (so the figures chart has
spread). Annotations are copied with their offsets shifted past the header
and the changed figures' values updated: no document is parsed again. The
case stages (alignment, hypotheses, ACH) then run over all N documents, as
``counterclaim analyze`` would.

Load time is measured in headless Debian Chromium (Playwright, file:// URL): the
navigation's load event end and first contentful paint; then, since the report parses
its heavy blocks after load (report.js), when the last block was parsed and the longest
main-thread task after the load event. Best and median of --runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from counterclaim import Case  # noqa: E402
from counterclaim.ingest.articles import sha256  # noqa: E402
from counterclaim.model import Annotation, Document, Quantity  # noqa: E402

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def shifted(item: Annotation, doc_id: str, old_id: str, offset: int) -> Annotation:
    """A copy of ``item`` for the new document: ids re-prefixed, every offset moved by ``offset``."""
    data = item.model_dump()

    def move(value):
        if isinstance(value, dict):
            return {k: (v + offset if k in ("start", "end", "measure_start", "measure_end", "alias_start", "alias_end")
                        and isinstance(v, int) else move(v)) for k, v in value.items()}
        if isinstance(value, list):
            return [move(v) for v in value]
        if isinstance(value, str) and value.startswith(old_id + "/"):
            return doc_id + value[len(old_id):]
        return value

    data = move(data)
    data["doc_id"] = doc_id
    return type(item).model_validate(data)


def vary_figures(text: str, items: list[Annotation], n: int) -> tuple[str, list[Annotation]]:
    """Replace each integer figure's digits with another number of the same length (offsets unchanged)."""
    chars = list(text)
    out = []
    for item in items:
        if isinstance(item, Quantity) and item.value is not None and float(item.value).is_integer():
            digits = str(int(item.value))
            at = text.find(digits, item.start, item.end)
            new = int(item.value) + (n % 9) - 4
            if at >= 0 and len(str(new)) == len(digits) and new > 0:
                chars[at:at + len(digits)] = str(new)
                item = item.model_copy(update={"value": float(new), "text": item.text.replace(digits, str(new), 1)})
        out.append(item)
    return "".join(chars), out


def build(folder: Path, docs: int) -> Case:
    shutil.rmtree(folder, ignore_errors=True)
    t = time.perf_counter()
    with Case(folder / "seeds") as seeds_case:
        seeds_case.analyze([str(ROOT / "corpus" / "crocus-seeds")], run_case_stages=False)
        seeds = [(d, seeds_case.store.annotations(None, d.id)) for d in seeds_case.documents()]
        version = seeds_case.pipeline_version()
    print(f"analysed the bundled articles in {time.perf_counter() - t:.1f} s")
    case = Case(folder / "case")
    base = dt.date(2024, 3, 22)
    for n in range(docs):
        seed, items = seeds[n % len(seeds)]
        doc_id = f"{seed.id}-v{n:03d}"
        header = f"Variant {n} of {seed.title or seed.id}\n\n"
        moved = [shifted(a, doc_id, seed.id, len(header)) for a in items]
        text, moved = vary_figures(header + seed.text, moved, n)
        spans = [m.model_copy(update={"start": m.start + len(header), "end": m.end + len(header)})
                 for m in seed.meta_spans]
        doc = Document(id=doc_id, source=f"bench:{n}", outlet=f"Outlet {n % 40:02d}", title=f"{seed.title} ({n})",
                       published=base + dt.timedelta(days=n % 30), published_source="given", text=text,
                       sha256=sha256(text), meta_spans=spans)
        case.store.add_document(doc)
        case.store.save_analysis(doc_id, version, moved, None)
    t = time.perf_counter()
    case.run_case_stages()
    print(f"case stages over {docs} documents in {time.perf_counter() - t:.1f} s")
    return case


HYDRATED = "performance.getEntriesByName('counterclaim:hydrated').length > 0"
LONG_TASKS = """new Promise(done => new PerformanceObserver((list, observer) => {
    observer.disconnect(); done(list.getEntries().map(e => [e.startTime, e.duration]));
}).observe({type: 'longtask', buffered: true}))"""


def measure_load(path: Path, runs: int) -> dict[str, list[float]]:
    """Per run: load event end, first contentful paint, when every lazy block was parsed, and the longest
    main-thread task after the load event (what a reader scrolling during background parsing could feel)."""
    from playwright.sync_api import sync_playwright

    out: dict[str, list[float]] = {"load event": [], "first contentful paint": [], "all blocks parsed": [],
                                   "longest task after load": []}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=ARGS)
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            page.goto(path.as_uri(), wait_until="load")
            load = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
            out["load event"].append(load)
            out["first contentful paint"].append(page.evaluate(
                "(performance.getEntriesByName('first-contentful-paint')[0] || {startTime: NaN}).startTime"))
            while not page.evaluate(HYDRATED):  # polled: wait_for_function evaluates strings, which the CSP forbids
                page.wait_for_timeout(20)
            out["all blocks parsed"].append(page.evaluate(
                "performance.getEntriesByName('counterclaim:hydrated')[0].startTime"))
            tasks = page.evaluate(LONG_TASKS)
            out["longest task after load"].append(max([d for s, d in tasks if s >= load], default=0.0))
            page.close()
        browser.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("/tmp/bench-report"))
    parser.add_argument("--reuse", action="store_true", help="Reuse the case a previous run built in --out.")
    args = parser.parse_args()
    case = Case(args.out / "case") if args.reuse else build(args.out, args.docs)
    from counterclaim.report import render_report

    t = time.perf_counter()
    html = render_report(case)
    render_s = time.perf_counter() - t
    path = args.out / "report.html"
    path.write_text(html, encoding="utf-8")
    counts = {layer: len(case.annotations(layer)) for layer in ("claim", "quantity", "date", "technique")}
    timings = measure_load(path, args.runs)
    print(f"documents: {len(case.documents())}; annotations: {counts}")
    print(f"render: {render_s:.2f} s; size: {path.stat().st_size / 1e6:.2f} MB")
    for name, values in timings.items():
        print(f"Chromium {name}: best {min(values):.0f} ms, median {statistics.median(values):.0f} ms of {args.runs}")

if __name__ == "__main__":
    main()
