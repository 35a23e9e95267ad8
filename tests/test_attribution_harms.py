"""Who did a harm, read off its noun and off a person named as its doer; hoax wordings; and a story other
outlets call made up as the disputed statement. Sentences are real news, the source named with each."""

from __future__ import annotations

from counterclaim.attribution.cues import find_hits
from counterclaim.attribution.lexicon import Lexicon
from counterclaim.attribution.names import name_variants, new_actors, unnamed_agents
from counterclaim.attribution.stance import item_stance
from counterclaim.model import Claim, Entity, Speaker

from .test_hypotheses import LEXICON, _BareCase, case_records


def claim(text: str, entity_ids: list[str] | None = None) -> Claim:
    return Claim(id=f"d/c0-{len(text)}", doc_id="d", start=0, end=len(text), component="test", version="1", text=text,
                 speaker=Speaker(kind="outlet", name="OUTLET"), stance="asserts", entity_ids=entity_ids or [])


def hits(text: str, lexicon: Lexicon = LEXICON):
    return [(h.mention.actor, item_stance(h), h.cue_kind, h.cue) for h in find_hits(claim(text), lexicon)]


def test_the_doer_of_a_harm_named_by_its_noun():
    # allsides:6111/center: "the shooting of <victim> by <doer>"
    assert hits("In an unprecedented move, Columbus police showed body camera footage of the shooting of a 16-year-old "
                "girl by a Columbus police officer just hours after the incident on the Southeast Side.") == [
        ("police", "asserts", "nominal", "shooting of a 16-year-old girl by")]
    # allsides:6111/left: a common noun for the doer right before the harm
    assert hits("Ohio officials release more body cam video of fatal police shooting of Black teen and urge community "
                "to await the facts") == [("police", "asserts", "nominal", "shooting")]
    # allsides:6111/right
    assert hits("Critics bashed \"NBC Nightly News\" Wednesday after the Peacock Network's flagship evening news program "
                "omitted key details from a report on the police-involved shooting of Ma'Khia Bryant in Columbus, "
                "Ohio") == [("police", "asserts", "nominal", "-involved shooting")]


def test_a_name_before_a_harm_noun_is_the_doer_only_when_it_is_a_common_noun():
    # A proper name there is often the victim or the place: "the Colonial Pipeline hack" (AllSides roundup 6012)
    lexicon = Lexicon.for_case(_BareCase())
    lexicon.add_aliases({"Colonial Pipeline": "Colonial Pipeline"})
    assert hits("Tensions are high between the U.S. and Russia, due to Russia’s military buildup on the Ukrainian "
                "border; the poisoning and imprisonment of opposition leader Alexei Navalny; the Colonial Pipeline hack, "
                "allegedly carried out by a Russian-based cybercriminal group; Russia’s indifference towards Belarus",
                lexicon) == []
    # "suicide bombing" names no cause of the bombing (FNC-1 train_bodies.csv Body ID 77)
    assert hits("The group was also responsible for a suicide bombing at a World Cup watching party in Kampala, Uganda, "
                "in 2010 that left 74 dead and 70 injured.") == []


def test_a_person_named_as_the_doer_is_a_candidate_and_an_age_is_no_figure():
    # allsides:6006/right
    text = ("Samuel Cassidy, 57, attacked San Jose’s VTA Light Rail Facility on West Younger Avenue near the airport "
            "around 6:30 a.m. local time before turning the gun on himself when he encountered sheriff deputies, "
            "according to the Santa Clara Sheriff’s Office.")
    person = Entity(id="d/e0-14", doc_id="d", start=0, end=14, component="t", version="1", label="PERSON",
                    text="Samuel Cassidy", key="samuel cassidy")
    said = claim(text, ["d/e0-14"])
    assert new_actors([said], [person], LEXICON) == ["Samuel Cassidy"]
    lexicon = Lexicon.for_case(_BareCase())
    lexicon.add_aliases({"Samuel Cassidy": "Samuel Cassidy"})
    assert hits(text, lexicon) == [("Samuel Cassidy", "asserts", "act", "attacked")]
    # The one who killed is a candidate, the one killed is not (FNC-1 train_bodies.csv Body ID 121)
    text = "His body was found, with lighter fluid all over it, not far from where Darren Wilson killed Michael Brown."
    people = [Entity(id=f"d/e{text.index(n)}-{text.index(n) + len(n)}", doc_id="d", start=text.index(n),
                     end=text.index(n) + len(n), component="t", version="1", label="PERSON", text=n, key=n.lower())
              for n in ("Darren Wilson", "Michael Brown")]
    assert new_actors([claim(text, [p.id for p in people])], people, LEXICON) == ["Darren Wilson"]


def test_protesters_after_a_harm_done_by_them_are_an_unnamed_agent():
    # allsides:6022/center
    text = ("A Jewish man was allegedly assaulted by a group of pro-Palestinian protesters in New York City, as "
            "demonstrators from both sides clashed following the announcement of a ceasefire between Israel and Hamas.")
    assert unnamed_agents([claim(text)]) == {"pro-Palestinian protesters": "pro-Palestinian protesters"}


def test_parody_sites_and_fabrications_say_the_story_was_made_up():
    # fnc1:1537 and fnc1:1193 (lexicons/causes.json, canonical "hoax", type "fabrication")
    assert [h[:2] for h in hits("A parody website posted a story earlier this week claiming Raven was telling people "
                                "Cosby had sexually assaulted her")] == [("hoax", "asserts")]
    assert [h[:2] for h in hits("my name was mentioned there, it is a total false and fabrication.")] == [
        ("hoax", "asserts")]


def test_a_story_that_reports_call_a_hoax_is_disputed_even_where_outlets_tell_it_straight(tmp_path):
    """Lines of fnc1:129, fnc1:1907, fnc1:561, fnc1:785 and fnc1:889 (three-breast-hoax-2014, dev): three outlets
    tell the story in their own voice, two report that it is a hoax. The story is then the disputed statement, even
    though most carriers do not pass it on as hearsay."""
    records = case_records(tmp_path, {
        "a.txt": "A woman has spent $20,000 on surgery to get a third breast and her dream is to become a celebrity.\n\n"
                 "The Florida massage therapist, who calls herself Jasmine Tridevil, said she had the surgery a few "
                 "months ago.\n",
        "b.txt": "In order to become a reality star, a woman from Florida underwent an expensive surgery to implant a "
                 "third breast on her chest.\n",
        "c.txt": "Tampa, Fla. (CBS TAMPA) – A Tampa massage therapist who calls herself “Jasmine Tridevil” says she spent "
                 "$20,000 on a procedure to add a third breast to her chest.\n",
        "d.txt": "She made headlines around the world when she revealed she paid thousands of dollars to get a third breast "
                 "surgically attached to her chest.\n\nNew York plastic surgeon Matthew Schulman told The Daily Dot: "
                 "“[I] believe 100 percent that this is a hoax that everyone is falling for.”\n",
        "e.txt": "Tampa, Florida -- Jasmine Tridevil had made international headlines by posting pictures and videos "
                 "claiming she got a third breast implanted into the center of her chest.\n\nSnopes.com, the urban "
                 "legends website, took an in-depth look at her story and concluded the facts decisively pointed to a "
                 "hoax.\n",
    })
    labels = [h["label"] for h in records["hypothesis"]]
    assert "hoax" in labels
    [story] = [h for h in records["hypothesis"] if h["label"].startswith("“")]
    assert "third breast" in story["label"]


def test_a_person_named_as_the_suspect_is_a_candidate_reported_as_the_doer():
    # FNC-1 train_bodies.csv Body IDs 220 and 440: the suspect named before or after the name
    tsarnaev = ("FORT DEVENS, Massachusetts -\n\nInfamous Boston Marathon bombing suspect Dzhokhar Tsarnaev, 21, was the "
                "victim of an “unfortunate accident” yesterday at Ft.")
    bibeau = ("TORONTO, Oct 22 (Reuters) - Canadian police are investigating a man named as Michael Zehaf-Bibeau as a "
              "possible suspect in the shootings around parliament, a source familiar with the matter said on Wednesday.")
    for text, name, said in ((tsarnaev, "Dzhokhar Tsarnaev", "asserts"), (bibeau, "Michael Zehaf-Bibeau", "reports")):
        at = text.index(name)
        person = Entity(id=f"d/e{at}-{at + len(name)}", doc_id="d", start=at, end=at + len(name), component="t",
                        version="1", label="PERSON", text=name, key=name.lower())
        assert new_actors([claim(text, [person.id])], [person], LEXICON) == [name]
        lexicon = Lexicon.for_case(_BareCase())
        lexicon.add_aliases({name: name})
        assert [h[:3] for h in hits(text, lexicon) if h[0] == name] == [(name, said, "labelled")]


def test_the_doer_named_in_the_speakers_voice_and_the_one_the_harm_befell():
    """BASIL 2016 76810849 (Fox News) and 2017 58f414e5 (HuffPost, dev): the gunman named in apposition or as the one
    authorities identified; the wounded congressman is not the doer of the harm his wound did."""
    def named(text: str, name: str):
        lexicon = Lexicon.for_case(_BareCase())
        lexicon.add_aliases({name: name})
        return [h[:3] for h in hits(text, lexicon) if h[0] == name]

    assert named("The gunman, Omar Mir Seddique Mateen, was heard shouting “Allahu Akbar” while engaging officers, law "
                 "enforcement sources told Fox News.", "Omar Mir Seddique Mateen") == [
        ("Omar Mir Seddique Mateen", "asserts", "labelled")]
    assert named("The assailant, who authorities have identified as 66-year-old James T. Hodgkinson of Belleville, "
                 "Illinois, was shot by police and later died of his injuries at a hospital.", "James T. Hodgkinson") == [
        ("James T. Hodgkinson", "asserts", "labelled")]
    assert named("In a statement Wednesday night, the hospital said Scalise sustained “a single rifle shot to the left "
                 "hip” that “travelled across his pelvis, fracturing bones, injuring internal organs and causing severe "
                 "bleeding.", "Scalise") == []


def test_a_name_in_full_and_a_shorter_form_of_it_are_one_candidate():
    # BASIL 2016 76810849: "Omar Mir Seddique Mateen" (Fox News), "Omar Mateen" (the three outlets)
    assert name_variants(["Omar Mir Seddique Mateen", "ISIS", "Omar Mateen", "Islamic State"]) == {
        "Omar Mir Seddique Mateen": "Omar Mateen"}


def test_a_surname_alone_is_the_one_person_named_in_full_with_it():
    # FNC-1 training bodies 2246 and 502 (ottawa-parliament-shooting-2014, dev): "Michael Zehaf-Bibeau", then
    # "Zehaf-Bibeau"; a surname two full names end with, or a name no person has, stays apart
    people = {"Michael Zehaf-Bibeau", "Zehaf-Bibeau", "Nathan Cirillo", "Tony Cirillo", "Cirillo",
              "Christine Blasey Ford"}
    assert name_variants(["Michael Zehaf-Bibeau", "ISIS", "Zehaf-Bibeau"], people) == {
        "Zehaf-Bibeau": "Michael Zehaf-Bibeau"}
    assert name_variants(["Nathan Cirillo", "Cirillo"], people) == {}  # Tony Cirillo is named too
    assert name_variants(["Christine Blasey Ford", "Ford"], people) == {}  # "Ford" is no person here
    assert name_variants(["Free Syrian Army", "Army"], people) == {}


def test_one_who_killed_herself_is_no_doer_and_a_condition_names_no_one():
    """FNC-1 competition_test_bodies.csv Body ID 1633 (leelah-alcorn-suicide-2014, dev)."""
    text = "Transgender teen Leelah Alcorn killed herself by jumping in front of a semi."
    at = text.index("Leelah Alcorn")
    person = Entity(id=f"d/e{at}-{at + 13}", doc_id="d", start=at, end=at + 13, component="t", version="1",
                    label="PERSON", text="Leelah Alcorn", key="leelah alcorn")
    assert new_actors([claim(text, [person.id])], [person], LEXICON) == []
    lexicon = Lexicon.for_case(_BareCase())
    lexicon.add_aliases({"Leelah Alcorn": "Leelah Alcorn", "transgender": "transgender"})
    assert [h for h in hits(text, lexicon) if h[0] == "Leelah Alcorn"] == []
    assert hits("The only way I will rest in peace is if one day transgender people aren’t treated the way I was, they’re "
                "treated like humans, with valid feelings and human rights.", lexicon) == []
