"""Forms of who did it and who denies it that the labelled attribution readings (eval/attribution) showed the rules
missing: a verb's base form in headlines and after a plural subject, "to blame", "accused of" after its subject, and
a denial that is its speaker's whole claim. Sentences are real news, the source named with each."""

from __future__ import annotations

from counterclaim.attribution.cues import find_hits
from counterclaim.attribution.lexicon import Lexicon
from counterclaim.attribution.stance import item_stance
from counterclaim.model import Claim, Speaker

from .test_hypotheses import LEXICON, _BareCase


def claim(text: str, speaker: Speaker | None = None, start: int = 0, stance: str | None = None) -> Claim:
    return Claim(id=f"d/c{start}-{len(text)}", doc_id="d", start=start, end=start + len(text), component="test",
                 version="1", text=text, speaker=speaker or Speaker(kind="outlet", name="OUTLET"),
                 stance=stance or ("asserts" if speaker is None else "reports"))


def hits(text: str, lexicon: Lexicon = LEXICON, speaker: Speaker | None = None, start: int = 0,
         stance: str | None = None):
    return [(h.mention.actor, item_stance(h), h.cue) for h in find_hits(claim(text, speaker, start, stance), lexicon)]


def test_a_base_form_with_its_object_is_a_deed_done():
    # allsides:6045/center and /right headlines, allsides:6045/left
    assert hits("Israeli forces attack Gaza Strip") == [("Israel", "asserts", "attack")]
    assert hits("Israeli Ground Troops Attack Targets In Gaza") == [("Israel", "asserts", "Attack")]
    assert hits("Israel Ground Forces Shell Gaza as Fighting Intensifies") == [("Israel", "asserts", "Shell")]


def test_a_base_form_is_no_deed_as_a_noun_an_intent_or_deep_in_a_headline():
    lexicon = Lexicon.for_case(_BareCase())
    lexicon.add_aliases({"Nusra Front": "Nusra Front"})
    # FNC-1 train_bodies.csv Body ID 509: a threat is not the deed
    assert hits("On Monday night, the Nusra Front threatened to kill one of the soldiers it holds captive.",
                lexicon) == []
    # crocus:31 (The Moscow Times): "Attack" is a noun of the headline, Putin its subject's far end
    assert hits("By Visiting Loyal Small-Town Russians, Putin Seeks to Ease Concert Hall Attack Blunder") == []
    # basil:2018/c6a0e65c-4f8b-41de-8200-cd700f683c64_3 (HuffPost): an aim, its quotation mark before the verb
    said = Speaker(kind="reported", name="He", start=0, end=2)
    assert "attack" not in [cue for *_, cue in hits(
        "the indictments are evidence of an “extensive plot” by Putin’s government to “attack the 2016 election, sow "
        "chaos and dissension among the American electorate", speaker=said, start=8)]


def test_hitting_back_at_allegations_by_someone_is_no_deed_of_theirs():
    lexicon = Lexicon.for_case(_BareCase())
    lexicon.add_aliases({"Fox News": "Fox News"})
    # allsides:5904/center (BBC)
    assert hits("The US National Security Agency (NSA) has hit back at allegations by Fox News host Tucker Carlson "
                "that it is spying on him to force him off air.", lexicon) == []


def test_to_blame_in_a_denial_denies():
    # FNC-1 train_bodies.csv Body ID 1965, quoting VICE News: "Israeli officials categorically denied they were to
    # blame while speaking to VICE News on Monday." The claims stage keeps the officials as the speaker of a denial.
    said = Speaker(kind="reported", name="Israeli officials", start=0, end=17)
    denied = claim("they were to blame while speaking to VICE News on Monday.", said, 39).model_copy(
        update={"stance": "denies"})
    assert [(h.mention.actor, item_stance(h), h.cue) for h in find_hits(denied, LEXICON)] == [
        ("Israel", "denies", "were to blame")]


def test_a_name_accused_of_a_deed_is_held_responsible_by_others():
    lexicon = Lexicon.for_case(_BareCase())
    lexicon.add_aliases({"Isroil Islomov": "Isroil Islomov"})
    # crocus:29 (The Moscow Times)
    assert hits("Brothers Aminchon and Dilovar Islomov, as well as their father Isroil Islomov, are accused of aiding "
                "and abetting terrorism.", lexicon) == [("Isroil Islomov", "reports", "are accused of")]


def test_a_denial_that_is_the_speakers_whole_claim_is_the_speakers_own():
    # fnc1:566 (FNC-1 competition body): the claims stage keeps "The U.S. Marine Corps" apart as the speaker, and
    # reads the claim as a denial
    said = Speaker(kind="reported", name="The U.S. Marine Corps", start=0, end=21)
    assert hits("denied the allegations.", speaker=said, start=30, stance="denies") == [
        ("United States", "denies", "denied the allegations")]
    [hit] = find_hits(claim("denied the allegations.", said, 30, "denies"), LEXICON)
    assert (hit.claim.start + hit.mention.start, hit.claim.start + hit.mention.end) == (0, 21)
    # FNC-1 train_bodies.csv Body ID 1967 (Gaza flooding): "Israel has denied the claim as “entirely false.”"
    israel = Speaker(kind="reported", name="Israel", start=0, end=6)
    assert hits("denied the claim as “entirely false.”", speaker=israel, start=11, stance="denies") == [
        ("Israel", "denies", "denied the claim")]
    # ... but where the claims stage reads no denial ("did not deny the allegations"), neither does this
    assert hits("deny the allegations.", speaker=said, start=38) == []


def test_condemning_a_party_for_a_deed_blames_it():
    # allsides:6016/center (BBC) and allsides:6016/right (New York Post) headline
    assert hits("Western countries have condemned Belarus for diverting a plane flying over its territory to arrest an "
                "opposition journalist.") == [("Belarus", "reports", "condemned")]
    assert hits("US condemns Belarus over opposition journalist’s arrest after forced landing") == [
        ("Belarus", "reports", "condemns")]


def test_a_harm_a_name_owns_and_a_deed_in_progress_are_its_deeds():
    # basil:2018/c6a0e65c-4f8b-41de-8200-cd700f683c64_1 (Fox News), quoting Sen. Wyden
    assert ("Russian state", "asserts", "’s attack") in hits(
        "In light of what's been revealed about Russia’s attack on our democracy, the president shaking Putin's hand "
        "would be a moment of historic cowardice.")
    # allsides:6045/center (The Hill), quoting the Israel Defense Force: the progressive is the verb, with its auxiliary
    lexicon = Lexicon.for_case(_BareCase())
    lexicon.add_aliases({"IDF": "Israel"})
    assert hits("IDF air and ground troops are currently attacking in the Gaza Strip.", lexicon) == [
        ("Israel", "asserts", "are currently attacking")]


def test_a_cause_word_in_another_sense_or_denied_proposes_no_cause():
    # FNC-1 train_bodies.csv Body ID 830: "hacked off" cuts; it names no hacker
    assert hits("A man accused of trying to rape a teenage girl is in a critical condition after locals hacked off his "
                "genitals with a meat cleaver in a butcher shop.") == []
    # basil:2018/c6a0e65c-4f8b-41de-8200-cd700f683c64_3 (Fox News), a White House official told Politico: "wasn’t"
    said = Speaker(kind="reported", name="a White House official", start=0, end=22)
    assert hits("it “wasn’t an accident” that the indictments were announced before the Helsinki summit.",
                speaker=said, start=60) == [("accident", "denies", "accident")]


def test_a_passive_agent_is_the_name_its_phrase_is_headed_by():
    lexicon = Lexicon.for_case(_BareCase())
    lexicon.add_aliases({"Darren Wilson": "Darren Wilson", "Ferguson": "Ferguson"})
    # FNC-1 train_bodies.csv Body ID 944: the place and the force name the officer's post, not the shooter
    assert hits("Brown, who was unarmed, was shot by Ferguson police officer Darren Wilson shortly after noon.",
                lexicon) == [("Darren Wilson", "asserts", "shot by")]


def test_blame_for_an_uprising_or_a_leak_is_blame_for_an_event():
    # allsides:5875/right headline: unrest is a deed one can be blamed for, as an attack is
    assert hits("Cuba blames US, social media for uprising against communist regime") == [
        ("United States", "reports", "blames")]
