"""A hypothesis the analyst adds under names no attribution pattern reads (a cause, a condition): a document
takes the stance of its first claim naming it, marked as read from a mention, and never an ACH row. Sentences
are real news, the source named with each."""

from __future__ import annotations

import pytest

from counterclaim import Case

# fnc1:1353 (FNC-1 train_bodies.csv Body ID 1353, kim-jong-un-health-2014, dev), its first paragraphs
GOUT = ('North Korean leader Kim Jong-un has not stepped out in public for weeks, with his officials citing an '
        '"uncomfortable physical condition".\n\nBut now rumours are circulating that the 31-year-old\'s weakness for '
        'cheese is to blame for a debilitating spell of gout which has rendered him immobile.\n\nHis last public '
        'appearance was on September 3, when he was spotted with a limp.\n\nSouth Korean news agencies claim he also '
        'suffers from diabetes and high blood pressure.\n')
# fnc1:659, its last sentence: a conditional
IF_CHEESE = ("If Kim Jong Un continues to consume Swiss cheese as at a rapid pace, the dictator may be in capable of "
             "ruling much longer.\n")


@pytest.fixture(scope="module")
def kim(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("kim")
    folder = tmp / "articles"
    folder.mkdir()
    (folder / "gout.txt").write_text(GOUT, encoding="utf-8")
    (folder / "swiss.txt").write_text(IF_CHEESE, encoding="utf-8")
    with Case(tmp / "case") as case:
        assert case.analyze([str(folder)]).ok
        yield case


def test_an_added_cause_is_read_from_the_claim_that_names_it(kim):
    h = kim.hypotheses
    gout = h.add("Gout", aliases=["gout"])
    diabetes = h.add("Diabetes", aliases=["diabetes", "high blood pressure"])
    told = h.stance("gout", gout.id)
    # "rumours are circulating that ...": the outlet passes the rumours on
    assert (told.stance, told.read_by) == ("reports", "mentions")
    assert told.evidence[0].speaker == "unnamed reports"
    assert [(e.alias, e.cue_kind) for e in told.evidence] == [("gout", "mention")]
    quote = told.evidence[0]
    assert GOUT[quote.alias_start:quote.alias_end] == "gout" and quote.quote in GOUT
    # "South Korean news agencies claim he also suffers from diabetes": the outlet passes on someone's claim
    said = h.stance("gout", diabetes.id)
    assert said.stance == "reports" and said.read_by == "mentions"
    assert "news agencies" in said.evidence[0].speaker.lower()


def test_a_conditional_naming_it_is_no_stance_and_mentions_are_no_ach_rows(kim):
    cheese = kim.hypotheses.add("Cheese", aliases=["cheese", "Swiss cheese"])
    assert kim.hypotheses.stance("swiss", cheese.id).stance == "absent"
    # "cheese is to blame for ... gout" is read by the rules, passed on from the rumours: an ACH row
    told = kim.hypotheses.stance("gout", cheese.id)
    assert (told.stance, told.read_by, told.evidence[0].cue) == ("reports", "rules", "is to blame")
    # "... claim he also suffers from diabetes" only names it: no ACH row
    diabetes = kim.hypotheses.add("Diabetes", aliases=["diabetes"])
    assert kim.hypotheses.stance("gout", diabetes.id).read_by == "mentions"
    rows = kim.export()["records"]["ach_evidence"]
    assert [r["text"] for r in rows if any(m["doc_id"] == "gout" for m in r["members"])] == [
        "the 31-year-old's weakness for cheese is to blame for a debilitating spell of gout which has rendered him "
        "immobile"]


def _stance_of_added(tmp_path, name: str, text: str, label: str, aliases: list[str]):
    """The stance of the one document ``name`` toward a hypothesis the analyst adds under ``aliases``."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    with Case(tmp_path / "case") as case:
        assert case.analyze([str(folder)]).ok
        added = case.hypotheses.add(label, aliases=aliases)
        return case.hypotheses.stance(name, added.id)


def test_a_document_that_also_negates_a_claim_naming_it_reports_it(tmp_path):
    # fnc1:2291 (three-breast-hoax-2014, dev), its first four paragraphs: the lede tells the implant in the
    # outlet's words, a later sentence negates a claim about "the third breast"
    text = ("A Florida woman — because where else? — claims to have gotten a third breast surgically implanted "
            "dead-centre on her chest.\n\nJasmine Tridevil (not her birth name) says she spoke with over 50 cosmetic "
            "surgeons before she found one willing to break the ethical boundaries of his profession for $20,000.\n\n"
            "“They put a mini-implant to make it look like a nipple poking out,” she told The News Junkie, an Orlando "
            "radio show. “And for a while it didn’t have an areola but I got a tattoo.”\nThe motivation for the third "
            "breast was not to pay homage to Total Recall, apparently, but because Tridevil wants to become "
            "“unattractive” since she is not interested in dating anymore.\n")
    told = _stance_of_added(tmp_path, "implant", text, "Implant", ["third breast"])
    assert (told.stance, told.read_by) == ("reports", "mentions") and "negated" in told.reason
    assert told.evidence[0].quote.startswith("A Florida woman")


# The summary rule, own voice first, then reports, in a reading from names (both nhl and werewolf stories are dev):
# fnc1:897's first paragraphs, where the rumour is what "everyone thinks" and the outlet then says it is not so; and
# fnc1:287's, where Bettman's denial comes first and the report he denies after it (the document carries both).
WEREWOLF = ("So here's the latest in wild internet rumors.\n\nEveryone thinks that the President of Argentina "
            "Christina Fernández de Kirchner adopted a young Jewish man in order to stop him from turning into a "
            "werewolf. The story was reported by The Independent and others.\n\nWell, the story's kind of true — "
            "Fernández de Kirchner did adopt the young man as her godson — but not to keep him from turning into a "
            "werewolf.\n")
EXPANSION = ("BOUCHERVILLE, Que. - Gary Bettman has vehemently denied the NHL is considering expansion.\n\nBut the "
             "commissioner said if it ever does, prospective owners may have to pay up big time.\n\nSports Business "
             "News reported via Twitter last week the NHL will expand into Las Vegas, Seattle, and Quebec City while "
             "adding a second franchise in Toronto by 2017.\n")


@pytest.mark.parametrize("text, aliases, stance, speaker, quoted", [
    (WEREWOLF, ["turning into a werewolf"], "denies", "outlet", "but not to keep him"),
    (EXPANSION, ["expansion", "expand into Las Vegas"], "reports", "Sports Business News", "will expand into"),
])
def test_own_voice_first_then_reports_in_a_reading_from_names(tmp_path, text, aliases, stance, speaker, quoted):
    told = _stance_of_added(tmp_path, "doc", text, "Story", aliases)
    assert (told.stance, told.read_by) == (stance, "mentions")
    assert speaker in (told.evidence[0].speaker_kind, told.evidence[0].speaker) and quoted in told.evidence[0].quote


def test_what_the_outlet_passes_on_as_unconfirmed_it_reports(tmp_path):
    # fnc1:1279 (saudi-pipeline-explosion-2014, dev), its first two paragraphs: told in the outlet's words, but as
    # unconfirmed rumours (a hearsay word, lexicons/hedges.json)
    text = ("NEW YORK—Oil prices jumped Wednesday on unconfirmed rumors in the market that a pipeline exploded in Saudi "
            "Arabia, raising fears that the country’s crude production and exports could be curtailed.\n\nA spokesperson "
            "for Saudi Aramco, Saudi Arabia’s oil company, told The Wall Street Journal that the company has seen the "
            "rumors, which circulated on Twitter, but isn’t able to confirm them.\n")
    told = _stance_of_added(tmp_path, "wsj", text, "Explosion", ["pipeline exploded"])
    assert (told.stance, told.read_by) == ("reports", "mentions")
    assert told.evidence[0].speaker_kind == "outlet" and "unconfirmed rumors" in told.evidence[0].quote


def test_a_report_called_false_denies_it_and_a_name_of_falsity_is_supported(tmp_path):
    # FNC-1 train_bodies Body ID 108, sentence 4: what claims called false say is denied
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    crossing = _stance_of_added(tmp_path / "a", "dhs", "Claims that four terrorists had crossed the border were false, "
                                "he said, and the government is intensifying efforts to keep Ebola out of the U.S.\n",
                                "Crossing", ["crossed the border"])
    assert (crossing.stance, crossing.evidence[0].speaker) == ("denies", "he")
    # Body IDs 23 (s10) and 324 (s10): an explanation named by a word of falsity ("lies") is supported, not denied,
    # by a claim calling something that
    lies = _stance_of_added(tmp_path / "b", "print", "A lot of the other things printed are lies.\n", "Lies", ["lies"])
    assert (lies.stance, lies.read_by) == ("asserts", "mentions")
    (tmp_path / "c").mkdir()
    unfounded = _stance_of_added(tmp_path / "c", "dhs", "On Wednesday, DHS flatly said that Hunter’s claim was "
                                 "unfounded.\n", "Unfounded", ["unfounded"])
    assert (unfounded.stance, unfounded.evidence[0].speaker) == ("reports", "DHS")
    (tmp_path / "d").mkdir()
    negated = _stance_of_added(tmp_path / "d", "dhs", "On Wednesday, DHS flatly said that Hunter’s claim wasn't "
                               "unfounded.\n", "Unfounded", ["unfounded"])
    assert negated.stance == "denies"  # the same sentence negated (not in the source) still denies it
