from counterclaim.model import Sentence


def test_bundled_corpus_analyses(crocus_case):
    docs = {d.id: d for d in crocus_case.documents()}
    assert set(docs) == {"oakke-2024", "icwp-2024-03-27"}
    sentences = crocus_case.annotations("sentence", "icwp-2024-03-27")
    text = docs["icwp-2024-03-27"].text
    first = sentences[0]
    assert isinstance(first, Sentence)
    assert text[first.start:first.end] == "US-Russia War Heats Up"
