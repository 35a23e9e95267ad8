"""Persuasion techniques: the task scorer, the shipped model on the bundled articles, the CLI."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from counterclaim.techniques.scorer import expected_calibration_error, merge_spans, si_score, tc_score
from counterclaim.techniques.taxonomy import SEMEVAL2023, TECHNIQUES

# --------------------------------------------------------------------------- scorer


def test_si_exact_match_is_perfect():
    gold = [("a", 0, 10), ("a", 20, 30)]
    assert si_score(gold, gold).f1 == pytest.approx(1.0)


def test_si_partial_overlap_credit():
    # predicted 0-10 covers half of gold 5-15: precision credit 5/10, recall credit 5/10
    r = si_score([("a", 0, 10)], [("a", 5, 15)])
    assert (r.precision, r.recall) == pytest.approx((0.5, 0.5))
    # a short prediction inside a long gold span is precise but recalls little
    r = si_score([("a", 10, 12)], [("a", 0, 20)])
    assert (r.precision, r.recall) == pytest.approx((1.0, 0.1))


def test_si_counts_every_span_and_keeps_articles_apart():
    r = si_score([("a", 0, 10), ("a", 50, 60), ("b", 0, 10)], [("a", 0, 10), ("c", 0, 10)])
    assert r.precision == pytest.approx(1 / 3)
    assert r.recall == pytest.approx(1 / 2)
    assert r.f1 == pytest.approx(2 * (1 / 3) * (1 / 2) / (1 / 3 + 1 / 2))


def test_si_merges_overlapping_predictions():
    assert merge_spans([(5, 10), (0, 6), (20, 25), (10, 12)]) == [(0, 12), (20, 25)]
    assert si_score([("a", 0, 6), ("a", 4, 10)], [("a", 0, 10)]).f1 == pytest.approx(1.0)


def test_si_empty_sides():
    assert si_score([], [("a", 0, 1)]).f1 == 0.0
    assert si_score([("a", 0, 1)], []).f1 == 0.0


def test_tc_micro_f1_with_repeated_gold_spans():
    gold = [("a", 0, 5, "Doubt"), ("a", 0, 5, "Slogans"), ("a", 9, 12, "Repetition")]
    pred = [("a", 0, 5, "Slogans"), ("a", 0, 5, "Repetition"), ("a", 9, 12, "Repetition")]
    micro, per = tc_score(pred, gold, TECHNIQUES)
    assert micro.f1 == pytest.approx(2 / 3)
    assert per["Repetition"].precision == pytest.approx(1 / 2)
    assert per["Repetition"].recall == pytest.approx(1.0)
    assert per["Doubt"].recall == 0.0


def test_expected_calibration_error():
    assert expected_calibration_error([0.95, 0.95], [True, True]) == pytest.approx(0.05)
    # two bins: 0.2 said, 0.5 right; 0.8 said, 1.0 right -> (0.3 + 0.2) / 2
    assert expected_calibration_error([0.2, 0.2, 0.8, 0.8], [True, False, True, True]) == pytest.approx(0.25)


def test_taxonomy_maps_every_ptc_label():
    assert len(TECHNIQUES) == 14 and set(SEMEVAL2023) == set(TECHNIQUES)


# --------------------------------------------------------------------------- rules and model


def test_rules_find_comparisons_not_mentions():
    from counterclaim.techniques.rules import find

    text = "He is the new Hitler. Hitler invaded Poland in 1939. Their Nazi-like tactics. Stalinist statements."
    found = [text[s:e] for s, e in find(text)]
    assert found == ["the new Hitler", "Nazi-like", "Stalinist"]


def _rule_matches(find, sentence: str) -> list[str]:
    from counterclaim.document.nlp import load

    doc = load()(sentence)
    return [sentence[s:e] for s, e in find(doc)]


@pytest.mark.parametrize("sentence,expected", [
    ("That will lead to nuclear war.", "That will lead to nuclear war"),
    ("This risks total extinction.", "This risks total extinction"),
    ("It will end in genocide.", "It will end in genocide"),
    ("We face annihilation.", "We face annihilation"),
    ("World War III is coming.", "World War III is coming"),
    ("Sanctions could plunge the region into chaos and famine.", "Sanctions could plunge the region into chaos and famine"),
])
def test_dire_consequence_rule_finds_threatened_catastrophes(sentence, expected):
    from counterclaim.techniques.rules import find_dire_consequences

    assert _rule_matches(find_dire_consequences, sentence) == [expected]


@pytest.mark.parametrize("sentence", [
    "This means the bridge will close.",  # not a catastrophe
    "The assassination led to world war.",  # a past report, not a threat
    "The protests were leading to chaos.",
    "This does not mean war.",  # negated
    "He faced war crimes charges.",  # "war" modifies, it is not the outcome
    "The talks led to the collapse of the coalition.",  # a known, definite outcome
    "They want to provoke a war.",  # an infinitive, not an assertion
])
def test_dire_consequence_rule_leaves_reports_alone(sentence):
    from counterclaim.techniques.rules import find_dire_consequences

    assert _rule_matches(find_dire_consequences, sentence) == []


@pytest.mark.parametrize("sentence,expected", [
    ("The confession was obtained under torture.", "obtained under torture"),
    ("He allegedly confessed under duress.", "allegedly confessed under duress"),
    ("The video was supposedly fabricated.", "supposedly fabricated"),
    ("The so-called evidence was thin.", "so-called evidence"),
    ("They cited the supposed ISIS claim.", "supposed ISIS claim"),
])
def test_discrediting_hedge_rule_finds_doubt(sentence, expected):
    from counterclaim.techniques.rules import find_discrediting_hedges

    assert [sentence[s:e] for s, e in find_discrediting_hedges(sentence)] == [expected]


@pytest.mark.parametrize("sentence", [
    "He probably went home.",
    "Prices will probably rise.",
    "The alleged incident happened in 2015.",  # legal hedging on an event, not on evidence
    "It was alleged in court documents that he lied.",
    "The firm is reportedly under pressure from investors.",
])
def test_discrediting_hedge_rule_leaves_plain_hedges_alone(sentence):
    from counterclaim.techniques.rules import find_discrediting_hedges

    assert find_discrediting_hedges(sentence) == []


def test_rule_confidence_is_floored_train_precision():
    from counterclaim.techniques.rules import RULES, confidence, confidences

    assert confidence(0, 0) == 0.0
    # the floor matters for few matches and fades with many
    assert confidence(1, 3) < 0.15 < 0.3 < confidence(100, 300) < 1 / 3
    assert set(confidences()) == {r.name for r in RULES}
    assert all(0.0 < c < 1.0 for c in confidences().values())


def test_artefact_is_small_safe_and_documented():
    from counterclaim.techniques.model import ARTEFACT_DIR, default_model

    model = default_model()
    size = sum(p.stat().st_size for p in ARTEFACT_DIR.iterdir())
    assert size < 20_000_000
    assert not list(ARTEFACT_DIR.glob("*.pkl")) and not list(ARTEFACT_DIR.glob("*.pickle"))
    assert set(model.classifier.classes) == set(TECHNIQUES)
    assert len(model.meta["data_sha256"]) == 64 and model.meta["command"].startswith("python scripts/train_techniques.py")


def test_detect_is_deterministic_and_filters_by_confidence():
    from counterclaim.document.nlp import load
    from counterclaim.techniques.model import default_model

    doc = load()("This is a disgraceful, shameful betrayal by the corrupt elite. We must never surrender!")
    first, second = default_model().detect(doc), default_model().detect(doc)
    assert first == second and first
    assert all(0.0 <= f.confidence <= 1.0 for f in first)
    cut = sorted(f.confidence for f in first)[len(first) // 2]
    assert all(f.confidence >= cut for f in default_model().detect(doc, min_confidence=cut))


# --------------------------------------------------------------------------- the bundled articles

# (document, phrase, technique) that a reader sees at once in the bundled articles
EXPECTED = [
    ("oakke-2024", "the new Hitler", "Bandwagon,Reductio_ad_hitlerum"),
    ("oakke-2024", "arch-KGB agent", "Name_Calling,Labeling"),
    ("oakke-2024", "the most politically repulsive thing in human history", "Exaggeration,Minimisation"),
]
# Found by the rule layer, with its train precision (floored) as confidence: the fear rule
# clears the CLI's default 0.3, the doubt rule (1 of 3 train matches right) does not.
BY_RULE = [
    ("oakke-2024", "This means world war", "Appeal_to_fear-prejudice", (0.3, 0.5)),
    ("icwp-2024-03-27", "probably under torture", "Doubt", (0.05, 0.3)),
]


def _doc_id(case, stem: str) -> str:
    return next(d.id for d in case.documents() if stem in d.source)


def _finds(case, stem: str, phrase: str, technique: str):
    doc_id = _doc_id(case, stem)
    text = case.document(doc_id).text
    start = text.index(phrase)
    end = start + len(phrase)
    return [t for t in case.annotations("technique", doc_id)
            if t.technique == technique and min(t.end, end) - max(t.start, start) >= len(phrase) / 2]


@pytest.mark.parametrize("stem,phrase,technique", EXPECTED)
def test_bundled_articles_obvious_techniques(crocus_case, stem, phrase, technique):
    found = _finds(crocus_case, stem, phrase, technique)
    assert found, f"{technique} not found on {phrase!r}"
    assert max(t.confidence for t in found) >= 0.2


@pytest.mark.parametrize("stem,phrase,technique,bounds", BY_RULE)
def test_bundled_articles_rule_findings(crocus_case, stem, phrase, technique, bounds):
    found = [t for t in _finds(crocus_case, stem, phrase, technique) if t.component == "techniques.rule"]
    assert [t.text for t in found] == [phrase]
    assert bounds[0] <= found[0].confidence <= bounds[1]


def test_stage_annotations_are_well_formed(crocus_case):
    items = crocus_case.annotations("technique")
    assert items
    claims = {c.id: c for c in crocus_case.claims()}
    for t in items:
        doc = crocus_case.document(t.doc_id)
        assert doc.text[t.start:t.end] == t.text
        assert t.id == f"{t.doc_id}/t{t.start}-{t.end}"
        assert t.technique in TECHNIQUES and t.component in {"techniques.model", "techniques.rule"}
        assert not doc.is_metadata(t.start, t.end)
        for cid in t.claim_ids:
            assert claims[cid].start < t.end and t.start < claims[cid].end
    assert len({t.id for t in items}) == len(items)


# --------------------------------------------------------------------------- CLI


def test_cli_lists_filters_and_profiles(crocus_case):
    from counterclaim.cli import main

    runner = CliRunner()
    loc = crocus_case.location
    all_items = json.loads(runner.invoke(main, ["techniques", "--case", loc, "--min-confidence", "0",
                                                "--format", "json"]).output)
    confident = json.loads(runner.invoke(main, ["techniques", "--case", loc, "--min-confidence", "0.3",
                                                "--format", "json"]).output)
    assert all_items and len(confident) < len(all_items)
    assert all(t["confidence"] >= 0.3 for t in confident)
    doc_id = all_items[0]["doc_id"]
    one = runner.invoke(main, ["techniques", "--case", loc, "--doc", doc_id, "--min-confidence", "0", "--format", "csv"])
    assert one.exit_code == 0 and one.output.startswith("id,doc,offsets,technique")
    assert {line.split(",")[1] for line in one.output.strip().splitlines()[1:]} == {doc_id}

    profile = runner.invoke(main, ["techniques", "--case", loc, "--min-confidence", "0", "--format", "json", "profile"])
    assert profile.exit_code == 0, profile.output
    sources = json.loads(profile.output)
    assert {p["source"] for p in sources} == {"ICWP", "OAKKE"}
    for p in sources:
        assert p["total"] == sum(v["count"] for v in p["techniques"].values())
        assert p["top"] and p["top"][0]["examples"]
    table = runner.invoke(main, ["techniques", "--case", loc, "profile"])
    assert table.exit_code == 0 and "per 1,000 words" in table.output


# --------------------------------------------------------------------------- PTC data (skipped without it)


def test_ptc_loader_and_scorer_on_gold(shared_data):
    from counterclaim.techniques.data import load_split

    dev = load_split(shared_data / "semeval2020_task11_ptc", "dev")
    assert len(dev.articles) == 75 and len(dev.techniques) == 1063
    assert si_score(dev.spans, dev.spans).f1 == pytest.approx(1.0)
    assert tc_score(dev.techniques, dev.techniques)[0].f1 == pytest.approx(1.0)
    a, s, e, _ = dev.techniques[0]
    assert 0 <= s < e <= len(dev.articles[a])


# --------------------------------------------------------------------------- default view, measured on real news


def test_threshold_is_the_lowest_confidence_that_stays_precise():
    from counterclaim.evaluation.techniques import threshold

    rows = [(0.9, True)] * 8 + [(0.6, True)] * 4 + [(0.6, False)] + [(0.2, False)] * 6
    assert threshold(rows, 0.8, 5) == 0.6  # 12 of 13 at >= 0.6; adding the 0.2s drops to 12 of 19
    assert threshold(rows[:3], 0.8, 5) is None  # right, but too few judged
    assert threshold([(0.5, False)] * 10, 0.8, 5) is None
    # smoothing: 4 of 4 right is (4.5 / 5) = 0.9, 4 of 5 is 0.75
    assert threshold([(0.7, True)] * 4 + [(0.4, False)], 0.8, 4) == 0.7


def test_default_view_follows_the_measured_thresholds(monkeypatch):
    from counterclaim.model import Technique
    from counterclaim.techniques import shown

    monkeypatch.setattr(shown, "_table", lambda: {"techniques": {
        "Loaded_Language": {"shown_from": 0.6, "right_when_shown": [9, 10]},
        "Doubt": {"shown_from": None, "right_when_shown": [0, 0]}}})

    def item(technique: str, confidence: float) -> Technique:
        return Technique(id="d/t0-4", doc_id="d", start=0, end=4, component="techniques.model", version="1",
                         confidence=confidence, technique=technique, text="vile")

    assert shown.is_shown(item("Loaded_Language", 0.65))
    assert not shown.is_shown(item("Loaded_Language", 0.55))
    assert not shown.is_shown(item("Doubt", 0.99))  # never precise enough on real news: hidden by default
    assert not shown.is_shown(item("Slogans", 0.99))  # never judged: hidden by default
    assert shown.is_shown(item("Doubt", 0.99), min_confidence=0.5)  # an explicit threshold wins
    assert "1 techniques above their thresholds, 9 of 10 right" in shown.basis()


def test_judgements_are_keyed_by_reference_offsets_and_technique(tmp_path, monkeypatch):
    from counterclaim.evaluation import techniques as judged

    (tmp_path / "s.json").write_text(json.dumps({"story": "s", "judgements": [
        {"ref": "fnc1:1", "start": 0, "end": 4, "technique": "Doubt", "quote": "Who?", "label": "yes"},
        {"ref": "fnc1:1", "start": 9, "end": 14, "technique": "Loaded_Language", "quote": "awful", "label": "no"}]}))
    monkeypatch.setattr(judged, "JUDGED_DIR", tmp_path)
    exported = {"annotations": {"technique": [
        {"doc_id": "doc1", "start": 0, "end": 4, "technique": "Doubt", "confidence": 0.9},
        {"doc_id": "doc1", "start": 9, "end": 14, "technique": "Loaded_Language", "confidence": 0.7},
        {"doc_id": "doc1", "start": 20, "end": 25, "technique": "Loaded_Language", "confidence": 0.8}]}}
    rows = judged.judged_suggestions("s", exported, {"fnc1:1": "doc1"})
    assert rows == [("Doubt", 0.9, "yes"), ("Loaded_Language", 0.7, "no"), ("Loaded_Language", 0.8, None)]
    at = judged.precision_at(rows, lambda t, c: c >= 0.75)
    assert at == {"shown": 2, "judged": 1, "right": 1, "unjudged": 1, "precision": 1.0}
    (tmp_path / "bad.json").write_text(json.dumps({"story": "bad", "judgements": [
        {"ref": "x:1", "start": 0, "end": 1, "technique": "Doubt", "label": "maybe"}]}))
    with pytest.raises(ValueError, match="maybe"):
        judged.judgements(tmp_path / "bad.json")


def test_judged_quotes_match_their_texts(shared_data):
    from counterclaim.evaluation.sources import load_text
    from counterclaim.evaluation.techniques import JUDGED_DIR

    files = sorted(JUDGED_DIR.glob("*.json"))
    assert files
    for path in files:
        for j in json.loads(path.read_text(encoding="utf-8"))["judgements"]:
            assert load_text(j["ref"], shared_data).text[j["start"]:j["end"]] == j["quote"], (path.name, j)
