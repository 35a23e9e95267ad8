"""The check-worthiness scorer: metric, analysers, shipped model, evaluation on public data."""

from __future__ import annotations

import importlib.util
import json

import pytest

from counterclaim.document import checkworthy
from counterclaim.document.checkworthy import char_ngrams, positive_class_prf, read_split, word_ngrams

from .conftest import ROOT


def test_positive_class_prf_by_hand():
    gold = [True, True, True, False, False, False]
    predicted = [True, True, False, True, False, False]
    precision, recall, f1 = positive_class_prf(gold, predicted)  # tp 2, fp 1, fn 1
    assert (precision, recall) == (2 / 3, 2 / 3)
    assert f1 == pytest.approx(2 / 3)


def test_positive_class_prf_edges():
    assert positive_class_prf([False, False], [False, False]) == (0.0, 0.0, 0.0)
    assert positive_class_prf([True, False], [True, True]) == (0.5, 1.0, pytest.approx(2 / 3))
    with pytest.raises(ValueError):
        positive_class_prf([True], [True, False])


def test_analysers_match_scikit_learn():
    """The shipped model applies its own analysers; they must equal the training-time ones."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    text = "After 9/11, the US  government put 2.8 million people into I security-forces."
    normalised = checkworthy.normalise(text)
    assert char_ngrams(text) == TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5)).build_analyzer()(normalised)
    assert word_ngrams(text) == TfidfVectorizer(ngram_range=(1, 2)).build_analyzer()(normalised)
    assert checkworthy.normalise("9/11 killed 137") == "0/00 killed 000"  # figures share features


def test_model_loads_offline_and_ranks():
    model = checkworthy.load()
    worthy, chatter = model.score(["137 people were killed in the attack", "Thank you all for coming tonight"])
    assert 0.0 <= chatter < model.threshold <= worthy <= 1.0
    assert model.version == checkworthy.card()["version"]
    top = model.explain("137 people were killed in the attack", top=3)
    assert len(top) == 3 and all(weight > 0 for _, weight in top)


def test_card_records_command_data_hashes_and_metrics():
    card = checkworthy.card()
    assert "scripts/train_checkworthy.py" in card["command"]
    assert {"train", "dev", "dev-test", "test"} <= set(card["data"])
    assert all(len(entry["sha256"]) == 64 for entry in card["data"].values())
    assert 0.0 < card["metrics"]["test"]["f1"] <= 1.0
    assert card["artefact"]["bytes"] == checkworthy.MODEL_FILE.stat().st_size < 5_000_000


def test_artefact_is_not_a_pickle():
    import numpy as np

    with np.load(checkworthy.MODEL_FILE, allow_pickle=False) as data:
        assert {"word_vocab", "char_vocab", "intercept", "threshold"} <= set(data.files)


def test_reader_and_eval_on_a_slice(shared_data):
    texts, labels = read_split(shared_data, "dev")
    assert len(texts) == 1032 and sum(labels) == 238
    assert texts[0] == 'You know, I saw a movie - "Crocodile Dundee."'
    spec = importlib.util.spec_from_file_location("eval_checkworthy", ROOT / "scripts" / "eval_checkworthy.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    result = module.run("test", shared_data, limit=60)
    json.dumps(result)
    assert result["model"]["n"] == 60
    assert result["model"]["f1"] > result["baselines"]["random"]["f1"]
