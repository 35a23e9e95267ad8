"""The learned relation and stance models through the CLI and the Python API.

Sentences are from public data: SICK (pair 2441-style paraphrase/negation pairs, CC BY-NC-SA)
and two Crocus City Hall feed entries (BBC, 23 March 2024; shared/data/crocus_city_hall_2024_rss).
"""

from __future__ import annotations

import json

import numpy as np
from click.testing import CliRunner

from counterclaim.cli import main
from counterclaim.nli import relate, stance
from counterclaim.nli.mlp import MLP
from counterclaim.nli.relation import MODEL_PATH as RELATION
from counterclaim.nli.stance import MODEL_PATH as STANCE, sentences

BBC = ("Gunmen arrested after Moscow concert attack, says Putin\n\n"
       "At least 133 people were killed when the attackers opened fire at a venue packed with people.")


def test_relation_reads_negation_and_paraphrase():
    assert relate("A man is playing a guitar.", "A man is not playing a guitar.").relation == "contradicts"
    assert relate("A man is playing a guitar.", "A person is playing an instrument.").relation == "entails"


def test_relate_cli_keeps_input_order_and_names_a_bad_line(tmp_path):
    lines = [{"a": "A man is playing a guitar.", "b": "A man is not playing a guitar."},
             {"a": "A man is playing a guitar.", "b": "A person is playing an instrument."}]
    path = tmp_path / "pairs.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    result = CliRunner().invoke(main, ["relate", "--jsonl", str(path)])
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["relation"] for o in out] == ["contradicts", "entails"]
    assert all(0 <= o["confidence"] <= 1 for o in out)
    path.write_text(json.dumps(lines[0]) + "\n{not json\n")
    bad = CliRunner().invoke(main, ["relate", "--jsonl", str(path)])
    assert bad.exit_code == 2 and "line 2: not JSON" in " ".join(bad.output.split())


def test_stance_cli_reads_stdin_and_points_into_the_text():
    items = [{"statement": "Gunmen attacked a concert hall in Moscow", "text": BBC},
             {"statement": "Apple will release a new iPhone next month", "text": BBC}]
    result = CliRunner().invoke(main, ["stance", "--jsonl", "-"], input="\n".join(json.dumps(i) for i in items))
    assert result.exit_code == 0, result.output
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["stance"] != "absent" and second["stance"] == "absent"
    for ev in first["evidence"]:
        assert BBC[ev["start"]:ev["end"]] in BBC.split("\n\n")
    assert second["evidence"] == []


def test_stance_cli_needs_both_fields():
    result = CliRunner().invoke(main, ["stance", "--jsonl", "-"], input=json.dumps({"statement": "x"}) + "\n")
    assert result.exit_code == 2 and "line 1: needs string fields statement, text" in " ".join(result.output.split())


def test_python_api_matches_cli_labels():
    s = stance("Gunmen attacked a concert hall in Moscow", BBC)
    assert s.stance in {"asserts", "reports", "denies"} and 0 < s.confidence <= 1


def test_sentences_are_trimmed_spans():
    text = 'Title\n\nHe said "no." Then U.S. forces left.'
    assert [text[s:e] for s, e in sentences(text)] == ["Title", 'He said "no."', "Then U.S. forces left."]


def test_artefacts_are_small_hashed_and_not_pickles():
    import hashlib

    for path in (RELATION, STANCE):
        card = json.loads(path.with_suffix(".json").read_text())
        assert card["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
        assert path.stat().st_size < 2_000_000
        with np.load(path, allow_pickle=False) as z:  # raises on any object array
            assert all(z[k].dtype != object for k in z.files)
        assert "command" in card and "never_used" in card["data"]
        model = MLP.load(path)
        assert model.labels == card["labels"]
