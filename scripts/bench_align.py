"""Benchmark the ``align`` case stage on synthetic corpora of growing size.

    python scripts/bench_align.py --sizes 1000 10000 [--modes spread one-event]

Each size runs in its own process (so peak memory is that size's own). The corpus is
generated here: events in invented towns and countries, each told by outlets on
different days with a rising death toll, injuries, a perpetrator (sometimes a rival
one, sometimes a denial), background statements, and 10% wire copies. Two modes:

* ``spread``: ~8 reports per event; the period covered grows with the number of
  events, so each story (and each cluster) keeps its size as the corpus grows;
* ``one-event``: every document reports the same event over 30 days, so each
  cluster grows with the corpus — the case that all-pairs relations cannot survive.

Claims,
figures and dates are constructed directly — spaCy and the document stages are not
run or timed. Timed, per size:

* ``embed``: MiniLM embeddings of every claim (cold cache) — the bottleneck;
* ``align``: everything else in the stage (facts, candidates, clusters, relations,
  origin groups) with the embeddings cached;
* peak RSS of the process above its baseline before the corpus was built.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import resource
import subprocess
import sys
import time
from collections import Counter

SYLLABLES = ["ar", "ven", "tol", "mir", "ka", "dor", "lis", "ban", "ost", "rel", "ula", "zen", "pra", "gor", "tev", "nas"]
NOUNS = ["attack", "bombing", "explosion", "shooting"]
STATEMENTS = [
    "Residents of {city} described scenes of panic as crowds fled the {noun} site.",
    "Hospitals in {city} asked for blood donations after the {noun}.",
    "Schools across {country} stayed closed the following day.",
    "The {noun} was the deadliest in {country} for a decade, analysts said.",
    "Mourners laid flowers outside the {place} in {city}.",
    "Local television showed smoke rising above central {city}.",
]


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def world(rng: random.Random, n_events: int):
    """Countries with towns and armed groups, and the alias table that knows them."""
    from counterclaim.attribution.actors import DEFAULT_TABLE, AliasEntry, AliasTable

    countries = sorted({_name(rng, 3) + "ia" for _ in range(60)})
    entries = list(DEFAULT_TABLE)
    towns, groups = {}, {}
    for country in countries:
        entries.append(AliasEntry(canonical=country, aliases=[f"{country} government"], country=country, source="analyst"))
        towns[country] = sorted({_name(rng, 2) + "ov" for _ in range(8)})
        for town in towns[country]:
            entries.append(AliasEntry(canonical=town, kind="place", country=country, source="analyst"))
        groups[country] = [f"{_name(rng, 2)} Brigade" for _ in range(3)]
        entries.extend(AliasEntry(canonical=g, parent=country, source="analyst") for g in groups[country])
    events = []
    start = dt.date(2015, 1, 1)
    # Events spread over time in proportion to their number: a bigger archive covers a longer
    # period, so events per country per month — and so the size of each story — stay the same.
    days = 30 * n_events
    for i in range(n_events):
        country = rng.choice(countries)
        perpetrator_home, rival_home = rng.sample(countries, 2)
        events.append({
            "id": i, "country": country, "city": rng.choice(towns[country]), "noun": rng.choice(NOUNS),
            "date": start + dt.timedelta(days=rng.randrange(days)), "toll": rng.randrange(5, 200),
            "actor": rng.choice(groups[perpetrator_home]), "rival": rng.choice(groups[rival_home]),
            "place": rng.choice(["station", "market", "stadium", "concert hall", "mall"]),
        })
    return AliasTable(entries), events


def corpus(n_docs: int, one_event: bool = False, seed: int = 7):
    """(documents, claims, quantities, dates, alias table) for ``n_docs`` synthetic reports."""
    from counterclaim.model import Claim, DateMention, Document, MetaSpan, Quantity, Speaker

    rng = random.Random(seed)
    aliases, events = world(rng, 1 if one_event else max(1, n_docs // 8))
    days = 30 if one_event else 5  # reports published up to this many days after the event
    docs, claims, quantities, dates = [], [], [], []
    for n in range(n_docs):
        ev = rng.choice(events)
        doc_id = f"d{n:06d}"
        lag = rng.randrange(days)
        published = ev["date"] + dt.timedelta(days=lag)
        toll = int(ev["toll"] * (1 + 0.3 * lag / (days / 5))) + rng.choice([0, 0, 0, 1, 2, -1])
        day = f"{ev['date']:%B} {ev['date'].day}"
        injured = toll * 2 + rng.randrange(9)
        sentences = [  # (text, measure, figure text, value)
            (f"The {ev['noun']} at the {ev['place']} in {ev['city']} on {day} killed {toll} people.", "killed",
             f"{toll} people", toll),
            (f"At least {injured} people were injured in {ev['city']}.", "injured", f"At least {injured}", injured),
        ]
        roll = rng.random()
        if roll < 0.7:
            sentences.append((f"The {ev['noun']} was carried out by the {ev['actor']}.", None, None, None))
        elif roll < 0.85:
            sentences.append((f"The {ev['noun']} was organised by the {ev['rival']}.", None, None, None))
        else:
            sentences.append((f"The {ev['actor']} was not involved in the {ev['noun']}, its leaders said.", None, None, None))
        for template in rng.sample(STATEMENTS, 3):
            sentences.append((template.format(**ev), None, None, None))
        wire = rng.random() < 0.1
        prefix = f"{ev['city'].upper()}, {day} (Reuters) - " if wire else ""
        text = prefix + " ".join(s[0] for s in sentences)
        spans = [MetaSpan(kind="dateline", start=0, end=len(prefix), text=prefix, wire="Reuters")] if wire else []
        docs.append(Document(id=doc_id, source=f"{doc_id}.txt", outlet=f"Outlet {n % 400}", published=published,
                             text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), meta_spans=spans))
        pos = len(prefix)
        for sentence, measure, figure, value in sentences:
            qids, dids = [], []
            if measure:
                fs = text.index(figure, pos)
                # where the sentence says what is counted, as the quantities stage records it ("killed")
                ms = text.find(measure, fs, pos + len(sentence) + 1)
                ms, me = (ms, ms + len(measure)) if ms >= 0 else (fs, fs + len(figure))
                q = Quantity(id=f"{doc_id}/q{fs}", doc_id=doc_id, start=fs, end=fs + len(figure), component="bench",
                             version="1", text=figure, value=value, unit="people", measure=measure,
                             measure_start=ms, measure_end=me,
                             qualifier="at least" if figure.startswith("At least") else "exact")
                quantities.append(q)
                qids.append(q.id)
            if day in sentence:
                ds = text.index(day, pos)
                d = DateMention(id=f"{doc_id}/d{ds}", doc_id=doc_id, start=ds, end=ds + len(day), component="bench",
                                version="1", text=day, value=ev["date"], precision="day")
                dates.append(d)
                dids.append(d.id)
            end = pos + len(sentence)
            claims.append(Claim(id=f"{doc_id}/c{pos}-{end}", doc_id=doc_id, start=pos, end=end, component="bench",
                                version="1", text=sentence, speaker=Speaker(kind="outlet", name=docs[-1].outlet),
                                stance="asserts", quantity_ids=qids, date_ids=dids))
            pos = end + 1
    return docs, claims, quantities, dates, aliases


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(n_docs: int, mode: str) -> dict:
    from counterclaim.across.align import AlignInput, align
    from counterclaim.across.embed import embed

    embed(["warm up the model"])
    base = rss_mb()
    docs, claims, quantities, dates, aliases = corpus(n_docs, one_event=mode == "one-event")
    t0 = time.perf_counter()
    embed([c.text for c in claims])
    t1 = time.perf_counter()
    records = align(AlignInput(docs, claims, quantities, dates, aliases=aliases))
    t2 = time.perf_counter()
    kinds = Counter(type(r).__name__ for r in records)
    relation_types = Counter(getattr(r, "type", None) for r in records if type(r).__name__ == "ClaimRelation")
    return {"mode": mode, "docs": n_docs, "claims": len(claims), "embed_s": round(t1 - t0, 2), "align_s": round(t2 - t1, 2),
            "embed_ms_per_doc": round(1000 * (t1 - t0) / n_docs, 2), "align_ms_per_doc": round(1000 * (t2 - t1) / n_docs, 2),
            "peak_rss_mb": round(rss_mb(), 1), "rss_above_baseline_mb": round(rss_mb() - base, 1),
            "kb_per_doc": round(1024 * (rss_mb() - base) / n_docs, 1), "records": dict(kinds),
            "relations": {k: v for k, v in relation_types.items()},
            "relations_per_doc": round(sum(relation_types.values()) / n_docs, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--modes", nargs="+", choices=["spread", "one-event"], default=["spread", "one-event"])
    parser.add_argument("--run", type=int, help=argparse.SUPPRESS)  # one size, in this process
    args = parser.parse_args()
    if args.run:
        print(json.dumps(run(args.run, args.modes[0])))
        return
    for mode in args.modes:
        results = []
        for size in args.sizes:
            out = subprocess.run([sys.executable, __file__, "--run", str(size), "--modes", mode], check=True,
                                 capture_output=True, text=True)
            results.append(json.loads(out.stdout.strip().splitlines()[-1]))
            print(json.dumps(results[-1]), flush=True)
        if len(results) > 1:
            first, last = results[0], results[-1]
            for key in ("embed_ms_per_doc", "align_ms_per_doc", "kb_per_doc", "relations_per_doc"):
                print(f"{mode} {key}: x{last[key] / max(first[key], 1e-9):.2f} from {first['docs']} to {last['docs']} "
                      "documents", flush=True)


if __name__ == "__main__":
    main()
