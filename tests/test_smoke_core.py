from counterclaim.model import Sentence


def test_bundled_corpus_analyses(crocus_case):
    docs = {d.id: d for d in crocus_case.documents()}
    assert set(docs) == {"oakke-2024", "icwp-2024-03-27"}
    sentences = crocus_case.annotations("sentence", "icwp-2024-03-27")
    text = docs["icwp-2024-03-27"].text
    first = sentences[0]
    assert isinstance(first, Sentence)
    assert text[first.start:first.end] == "US-Russia War Heats Up"


def test_dependency_parse_is_kept(crocus_case):
    from counterclaim.document.nlp import parsed_text

    doc = crocus_case.parse("icwp-2024-03-27")
    text = crocus_case.document("icwp-2024-03-27").text
    assert "\xa0" in text and doc.text == parsed_text(text) and len(doc.text) == len(text)
    killed = next(t for t in doc if t.text == "killed")
    assert killed.dep_ == "ROOT" or killed.head.dep_ == "ROOT"
    assert any(t.dep_ == "dobj" and t.head.i == killed.i and t.text == "people" for t in doc)
    assert [e.text for e in doc.ents][:3] == [e.text for e in crocus_case.annotations("entity", "icwp-2024-03-27")][:3]
