"""Score counterclaim's findings on the project's own real-news gold (``eval/gold``).

Each story's documents are rebuilt from the data folder, analysed as one case (in a
temporary folder, with the outlet and date as sidecar metadata), exported, and compared with
the gold: hypotheses found, document stance per hypothesis, casualty figures (scope, speaker,
measure), dates, copies of one origin, contradictions and revisions. Matching is by character
offsets (overlap) and normalised names, so the scores measure what an analyst sees.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import Counter
from itertools import combinations
from pathlib import Path

from ..across.calibration import SHOW
from ..techniques.shown import shown_by_default
from .gold import STANCES, Story
from .metrics import classification, prf
from .sources import load_text
from .techniques import judged_suggestions, precision_at

CASUALTY = {"killed": "killed", "dead": "killed", "deaths": "killed", "died": "killed", "fatalities": "killed",
            "injured": "injured", "wounded": "injured", "hurt": "injured", "missing": "missing",
            "hostages": "hostages"}
_NORM = re.compile(r"[^a-z0-9]+")
_STOP = {"the", "a", "an", "of", "and", "by", "s"}
_HEAD = re.compile(r":|\(| - ")


def _head(label: str) -> str:
    """A gold label's head, before ":", "(" or " - " ("Accident: a fire during repair work" → "Accident")."""
    return _HEAD.split(label, maxsplit=1)[0].strip()


def _gold_names(hypothesis: dict) -> list[str]:
    """The names of a gold hypothesis: its aliases, and the head of its label where the label describes it or
    it has no aliases."""
    label, aliases = hypothesis["label"], hypothesis.get("aliases", [])
    return aliases + ([_head(label)] if _head(label) != label.strip() or not aliases else [])


def analyse(story: Story, root: Path, workdir: Path, given: dict[str, list[str]] | None = None
            ) -> tuple[dict, dict[str, str]]:
    """Run the whole pipeline over one story; the export and each reference's document id. With ``given``, the
    analyst then adds each gold hypothesis under its names (``hypotheses add``), and ``given`` is filled with
    gold id → [the added hypothesis's id]."""
    from ..case import Case

    folder = workdir / "docs"
    folder.mkdir(parents=True, exist_ok=True)
    names = {}
    for i, doc in enumerate(story.documents):
        src = load_text(doc["ref"], root)
        name = f"{i:03d}.txt"
        (folder / name).write_text(src.text, encoding="utf-8")
        meta = {k: v for k, v in (("outlet", src.outlet or None), ("title", src.title or None),
                                  ("published", src.published)) if v}
        (folder / f"{name}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
        names[name] = doc["ref"]
    with Case(workdir / "case") as case:
        result = case.analyze([str(folder)])
        for h in story.hypotheses if given is not None else ():
            given[h["id"]] = [case.hypotheses.add(_head(h["label"]), aliases=_gold_names(h)).id]
        exported = case.export()
    by_name = {Path(d["source"]).name: d["id"] for d in exported["documents"]}
    for source, existing in result.duplicates:
        by_name[Path(source).name] = existing
    return exported, {ref: by_name[name] for name, ref in names.items() if name in by_name}


def _words(s: str) -> set[str]:
    # Singular and plural are one name: "hacker" is "hackers".
    return {w[:-1] if len(w) > 3 and w.endswith("s") else w for w in _NORM.sub(" ", s.lower()).split() if w not in _STOP}


def _names_match(system: list[str], gold: list[str]) -> int:
    """How well names match: 2 when a system name and a gold name have the same words, 1 when one's words
    hold the other's, 0 when none do. Inside a system label that is a sentence (a denied proposition), a
    single gold word ("IS", "Sisi") names nothing: it needs a phrase of two words or more."""
    best = 0
    for s in system:
        ws = _words(s)
        for g in gold:
            wg = _words(g)
            if ws and wg and (ws <= wg or wg <= ws and (len(ws) < 5 or len(wg) >= 2)):
                best = max(best, 2 if ws == wg else 1)
    return best


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _hypothesis_map(story: Story, exported: dict) -> dict[str, list[str]]:
    """Gold hypothesis id → the active system hypotheses that name it."""
    system = [h for h in exported["records"].get("hypothesis", []) if h.get("status", "active") == "active"]
    quality: dict[tuple[str, str], int] = {}
    for g in story.hypotheses:
        # The aliases are the names. A label is a description ("Hamas and other Gaza militants (rocket fire
        # on Israel)"): only its head before ":", "(" or " - " names the hypothesis ("Accident: a fire during
        # repair work"), else its words would match every actor it mentions.
        gold_names = _gold_names(g)
        for h in system:
            quality[(g["id"], h["id"])] = _names_match([h["label"]] + h.get("actors", []) + h.get("aliases", []),
                                                       gold_names)
    # A system hypothesis names one gold hypothesis, the one it matches best: "police" is the police hypothesis,
    # not the driver's one whose description ("tried to run over a cop") mentions the police. One that merges
    # two explanations finds only the first.
    out: dict[str, list[str]] = {g["id"]: [] for g in story.hypotheses}
    for h in system if story.hypotheses else []:
        (score, _), gold = max(((quality[(g["id"], h["id"])], -n), g["id"]) for n, g in enumerate(story.hypotheses))
        if score:
            out[gold].append(h["id"])
    return out


def score_hypotheses(story: Story, exported: dict, hmap: dict[str, list[str]]) -> dict:
    system = [h for h in exported["records"].get("hypothesis", []) if h.get("status", "active") == "active"]
    matched_system = {s for ids in hmap.values() for s in ids}
    return {"gold": len(story.hypotheses), "found": sum(bool(v) for v in hmap.values()),
            "system": len(system), "system_matched": len(matched_system),
            "over_split": sum(len(v) > 1 for v in hmap.values())}


_PRIORITY = ("asserts", "reports", "denies")


def stance_pairs(story: Story, exported: dict, refs: dict[str, str],
                 hmap: dict[str, list[str]]) -> list[tuple[str, str, bool, str]]:
    """(gold, predicted, gold-is-denial-only, what read the prediction) for every document x gold hypothesis."""
    by_doc_hyp: dict[tuple[str, str], tuple[str, str]] = {}
    for r in exported["records"].get("hypothesis_stance", []):
        by_doc_hyp[(r["doc_id"], r["hypothesis_id"])] = (r["stance"], r.get("read_by", "rules"))
    out = []
    for doc in story.documents:
        gold = {s["hypothesis"]: s for s in doc.get("stance", [])}
        doc_id = refs.get(doc["ref"])
        for h in story.hypotheses:
            g = gold.get(h["id"])
            label = g["label"] if g else "absent"
            evidence = g.get("evidence", []) if g else []
            denial_only = bool(evidence) and all(e["says"] == "against" for e in evidence)
            found = dict(by_doc_hyp[(doc_id, s)] for s in hmap[h["id"]] if (doc_id, s) in by_doc_hyp) if doc_id else {}
            pred = next((p for p in _PRIORITY if p in found), "absent")
            out.append((label, pred, denial_only, found.get(pred, "rules")))
    return out


def _quantities(exported: dict, doc_id: str) -> list[dict]:
    return [q for q in exported["annotations"].get("quantity", []) if q["doc_id"] == doc_id]


def _value_match(q: dict, f: dict) -> bool:
    v = f["value"]
    lo, hi = (v[0], v[1]) if isinstance(v, list) else (v, v)
    sys_lo = q.get("low") if q.get("low") is not None else q.get("value")
    sys_hi = q.get("high") if q.get("high") is not None else q.get("value")
    return sys_lo is not None and abs(float(sys_lo) - lo) < 1e-6 or sys_hi is not None and abs(float(sys_hi) - hi) < 1e-6


def _measure(name: str | None) -> str | None:
    return CASUALTY.get((name or "").lower().strip())


def speakers_of_quantities(exported: dict) -> dict[str, dict]:
    """Quantity id -> the speaker of the claim that carries it."""
    return {q: c["speaker"] for c in exported["annotations"].get("claim", []) for q in c.get("quantity_ids", [])}


def speaker_match(speaker: dict | None, gold: str) -> bool:
    if speaker is None:
        return False
    if gold.lower() == "outlet" or speaker["kind"] == "outlet":
        return gold.lower() == "outlet" and speaker["kind"] == "outlet"
    return _names_match([speaker["name"]], [gold]) > 0


def _shown(q: dict) -> bool:
    """What the incident's series shows: a casualty figure about the incident that is not a projection."""
    return bool(_measure(q.get("measure"))) and q.get("scope", "incident") == "incident" and not q.get("projection")


def figure_counts(story: Story, exported: dict, refs: dict[str, str]) -> Counter:
    """Counts for in-scope casualty figures: P/R (a hit needs overlap, value and measure), and, over gold
    figures whose number the system found (overlap and value), how often it names the measure and speaker."""
    c: Counter = Counter()
    speakers = speakers_of_quantities(exported)
    for doc in story.documents:
        doc_id = refs.get(doc["ref"])
        system = _quantities(exported, doc_id) if doc_id else []
        shown = [q for q in system if _shown(q)]
        gold_in = [f for f in doc.get("figures", []) if f["in_scope"] and not f.get("projection")
                   and _measure(f["measure"])]

        def hit(q: dict, f: dict) -> bool:
            return _overlaps((q["start"], q["end"]), (f["start"], f["end"])) and _value_match(q, f) \
                and _measure(f["measure"]) == _measure(q.get("measure"))
        c["tp"] += sum(any(hit(q, f) for f in gold_in) for q in shown)
        c["fp"] += sum(not any(hit(q, f) for f in gold_in) for q in shown)
        c["fn"] += sum(not any(hit(q, f) for q in shown) for f in gold_in)
        for f in gold_in:
            found = [q for q in system if _overlaps((q["start"], q["end"]), (f["start"], f["end"])) and _value_match(q, f)]
            if found:
                c["matched"] += 1
                c["measure_ok"] += _measure(found[0].get("measure")) == _measure(f["measure"])
                c["speaker_ok"] += speaker_match(speakers.get(found[0]["id"]), f.get("speaker") or "outlet")
        for f in doc.get("figures", []):
            overlapping = [q for q in system if _overlaps((q["start"], q["end"]), (f["start"], f["end"]))]
            if overlapping:
                c["matched_all"] += 1
                c["measure_ok_all"] += (_measure(overlapping[0].get("measure")) or (overlapping[0].get("measure") or "")) \
                    == (_measure(f["measure"]) or f["measure"])
    return c


def date_counts(story: Story, exported: dict, refs: dict[str, str]) -> Counter:
    c: Counter = Counter()
    for doc in story.documents:
        doc_id = refs.get(doc["ref"])
        system = [d for d in exported["annotations"].get("date", []) if d["doc_id"] == doc_id] if doc_id else []
        gold = doc.get("dates", [])
        for d in system:
            ok = any(_overlaps((d["start"], d["end"]), (g["start"], g["end"])) and str(d.get("value") or "").startswith(g["value"])
                     for g in gold)
            c["tp" if ok else "fp"] += 1
        for g in gold:
            if not any(_overlaps((d["start"], d["end"]), (g["start"], g["end"])) and str(d.get("value") or "").startswith(g["value"])
                       for d in system):
                c["fn"] += 1
    return c


def origin_counts(story: Story, exported: dict, refs: dict[str, str]) -> Counter:
    def pairs(groups):
        return {frozenset(p) for g in groups for p in combinations(sorted(set(g)), 2)}

    gold = pairs([[refs.get(r) for r in g if refs.get(r)] for g in story.data.get("copies", [])])
    system = pairs([g["doc_ids"] for g in exported["records"].get("origin_group", [])])
    known = set(refs.values())
    system = {p for p in system if p <= known}
    return Counter(tp=len(gold & system), fp=len(system - gold), fn=len(gold - system))


def _gold_pairs(story: Story, refs: dict[str, str], kind: str) -> list[tuple[tuple, tuple]]:
    out = []
    for pair in story.data.get(kind, []):
        a, b = pair["a"], pair["b"]
        if refs.get(a["ref"]) and refs.get(b["ref"]):
            out.append(((refs[a["ref"]], a["start"], a["end"]), (refs[b["ref"]], b["start"], b["end"])))
    return out


def _same_pair(s: tuple, g: tuple) -> bool:
    def hit(x, y):
        return x[0] == y[0] and _overlaps(x[1:], y[1:])
    return (hit(s[0], g[0]) and hit(s[1], g[1])) or (hit(s[0], g[1]) and hit(s[1], g[0]))


def _system_pairs(exported: dict, kind: str) -> list[tuple[dict, tuple]]:
    spans = {a["id"]: (a["doc_id"], a["start"], a["end"]) for a in exported["annotations"].get("claim", [])}
    sys_type = "contradict" if kind == "contradictions" else "revision"
    return [(r, (spans[r["claim_a"]], spans[r["claim_b"]])) for r in exported["records"].get("claim_relation", [])
            if r["type"] == sys_type and r["doc_a"] != r["doc_b"] and r["claim_a"] in spans and r["claim_b"] in spans]


def matched_relations(story: Story, exported: dict, refs: dict[str, str], kind: str) -> list[tuple[dict, bool]]:
    """Every cross-document contradiction (or revision) the system lists, and whether the gold has it."""
    gold = _gold_pairs(story, refs, kind)
    return [(r, any(_same_pair(pair, g) for g in gold)) for r, pair in _system_pairs(exported, kind)]


def relation_counts(story: Story, exported: dict, refs: dict[str, str], kind: str,
                    min_confidence: float = 0.0) -> Counter:
    """Matched by document pair and span overlap; only relations at or above ``min_confidence`` count as listed."""
    system = [pair for r, pair in _system_pairs(exported, kind) if r["confidence"] >= min_confidence]
    gold = _gold_pairs(story, refs, kind)
    return Counter(tp=sum(any(_same_pair(s, g) for g in gold) for s in system),
                   fp=sum(not any(_same_pair(s, g) for g in gold) for s in system),
                   fn=sum(not any(_same_pair(s, g) for s in system) for g in gold))


def technique_row(suggestions: list[tuple[str, float, str | None]]) -> dict:
    """Precision of the technique suggestions shown by default, and of all of them, on judged real news."""
    return {**precision_at(suggestions, shown_by_default), "view": "default (per-technique thresholds, docs/techniques.md)",
            "all_suggestions": precision_at(suggestions, lambda t, c: True)}


def stance_summary(pairs: list[tuple[str, str, bool, str]]) -> dict:
    """Accuracy, macro F1, per class and confusion of document x hypothesis pairs, with the precision of each
    predicted label by what read it (the stance confidences: calibrate_stances.py)."""
    gold, pred = [g for g, *_ in pairs], [p for _, p, *_ in pairs]
    taking = [(g, p) for g, p, *_ in pairs if g != "absent"]
    stance = classification(gold, pred, list(STANCES))
    stance["accuracy_where_gold_takes_a_stance"] = round(sum(g == p for g, p in taking) / max(len(taking), 1), 4)
    stance["asserts_on_denial_only"] = sum(d and p == "asserts" for _, p, d, _ in pairs)
    read = Counter((p if by == "rules" else f"{p} ({by})", g == p) for g, p, _, by in pairs)
    stance["precision_by_reader"] = {k: [read[(k, True)], read[(k, True)] + read[(k, False)]]
                                     for k in sorted({k for k, _ in read})}
    return stance


def given_stance(stories: list[Story], root: Path) -> dict:
    """Document stance when the analyst adds each gold hypothesis under its gold names: the stance reading
    measured apart from hypothesis discovery (the workflow for an explanation the tool did not find)."""
    pairs: list[tuple[str, str, bool, str]] = []
    for story in stories:
        given: dict[str, list[str]] = {}
        with tempfile.TemporaryDirectory(prefix="cc-eval-") as tmp:
            exported, refs = analyse(story, root, Path(tmp), given)
        pairs += stance_pairs(story, exported, refs, given)
    return stance_summary(pairs)


def evaluate(stories: list[Story], root: Path) -> dict:
    """Every gold-based row over the given stories."""
    hyp, fig, dates, origins = Counter(), Counter(), Counter(), Counter()
    contra, contra_all, revis = Counter(), Counter(), Counter()
    pairs: list[tuple[str, str, bool, str]] = []
    suggestions: list[tuple[str, float, str | None]] = []
    per_story = []
    for story in stories:
        with tempfile.TemporaryDirectory(prefix="cc-eval-") as tmp:
            exported, refs = analyse(story, root, Path(tmp))
        hmap = _hypothesis_map(story, exported)
        h = score_hypotheses(story, exported, hmap)
        hyp.update(h)
        sp = stance_pairs(story, exported, refs, hmap)
        pairs += sp
        fig.update(figure_counts(story, exported, refs))
        dates.update(date_counts(story, exported, refs))
        origins.update(origin_counts(story, exported, refs))
        contra.update(relation_counts(story, exported, refs, "contradictions", SHOW))
        contra_all.update(relation_counts(story, exported, refs, "contradictions"))
        revis.update(relation_counts(story, exported, refs, "revisions"))
        suggestions += judged_suggestions(story.id, exported, refs)
        per_story.append({"story": story.id, "documents": len(story.documents), "hypotheses": h,
                          "stance_accuracy": round(sum(g == p for g, p, *_ in sp) / max(len(sp), 1), 4)})
    return {
        "hypotheses": {**dict(hyp), "recall": round(hyp["found"] / max(hyp["gold"], 1), 4),
                       "precision": round(hyp["system_matched"] / max(hyp["system"], 1), 4)},
        "stance": stance_summary(pairs),
        "figures": {**prf(fig["tp"], fig["fp"], fig["fn"]), "matched": fig["matched"],
                    "measure_accuracy": round(fig["measure_ok"] / max(fig["matched"], 1), 4),
                    "speaker_accuracy": round(fig["speaker_ok"] / max(fig["matched"], 1), 4),
                    "measure_accuracy_all_figures": round(fig["measure_ok_all"] / max(fig["matched_all"], 1), 4)},
        "dates": prf(dates["tp"], dates["fp"], dates["fn"]),
        "origins": prf(origins["tp"], origins["fp"], origins["fn"]),
        "contradictions": {**prf(contra["tp"], contra["fp"], contra["fn"]), "view": f"default (confidence >= {SHOW})",
                           "all_listed": prf(contra_all["tp"], contra_all["fp"], contra_all["fn"])},
        "revisions": prf(revis["tp"], revis["fp"], revis["fn"]),
        "techniques-news": technique_row(suggestions),
        "per_story": per_story,
    }
