"""Attribution and denial forms of real coverage (issue 14), on real sentences.

Every sentence is quoted from the real-news dev split of ``eval/gold`` (the reference after each,
readable with ``python scripts/gold.py text REF``), never from the demo articles.
"""

from __future__ import annotations

from counterclaim.attribution.cues import find_hits
from counterclaim.attribution.lexicon import Lexicon
from counterclaim.attribution.stance import item_stance
from counterclaim.model import Claim, Speaker

LEXICON = Lexicon.for_aliases({})


def claim(text: str, kind: str = "outlet", name: str = "OUTLET") -> Claim:
    return Claim(id="d/c0", doc_id="d", start=0, end=len(text), component="test", version="1", text=text,
                 speaker=Speaker(kind=kind, name=name), stance="asserts" if kind == "outlet" else "reports")


def found(text: str, lexicon: Lexicon = LEXICON, **kw) -> set[tuple[str, str, str]]:
    return {(h.mention.actor, item_stance(h), h.speaker) for h in find_hits(claim(text, **kw), lexicon)}


def test_nominal_air_strike_is_an_attribution():
    # fnc1:809 (jihadi-john-airstrike-2014)
    assert ("United States", "reports", "reports") in found(
        "Masked Isis executioner Jihadi John has been injured in US led airstrikes", kind="reported", name="reports")
    # fnc1:1593
    assert ("United States", "asserts", "OUTLET") in found("Jihadi John may have been injured in U.S.-led airstrikes")


def test_act_and_passive_forms():
    # allsides:5746/left (kabul-airport-rockets-2021), a headline: the outlet's own voice
    assert ("United States", "asserts", "OUTLET") in found("The U.S. military shot down rockets aimed at the Kabul airport")
    # allsides:5651/right: the attribution is in the headline's quotation marks
    assert {a for a, _, _ in found("Memorial service for mother of Taliban's chief spokesman 'is targeted by ISIS militants'")} == {"ISIS"}


def test_attributed_to_and_claimed_the_attack_name_the_speaker():
    # crocus:15, crocus:37 (crocus-city-hall-2024)
    assert ("ISIS", "reports", "U.S. officials") in found("the attack, which U.S. officials attributed to ISIS-K")
    assert ("ISIS", "reports", "Islamic State") in found(
        "What to know about Islamic State group, which claimed the Moscow attack")


def test_headline_label_is_reported_not_asserted():
    # crocus:10: "Blamed in" labels the name before it; the outlet does not assert it, nor blame Russia
    hits = found("ISIS-K, Blamed in Moscow Attack, Has Hit at Taliban’s Russia Links")
    assert ("ISIS", "reports", "unnamed") in hits
    assert not any(a == "Russian state" for a, _, _ in hits)


def test_denials_in_their_forms():
    # crocus:13: the accused rejects, and the accusation it rejects is reported too
    hits = found("Ukraine Rejects Russian Speculation That It Had Role in Attack")
    assert ("Ukraine", "denies", "Ukraine") in hits and ("Ukraine", "reports", "Russian") in hits
    # crocus:11: "falsely blame" is against, and not also for
    hits = found("have voiced concern that the Russian leader could seek to falsely blame Ukraine")
    assert {s for a, s, _ in hits if a == "Ukraine"} == {"denies"}


def test_other_events_questions_and_conditionals_are_not_attribution():
    # allsides:5651/left (kabul-mosque-bombing-2021): a past attack is context
    assert not found("the first major attack in the city since the Islamic State targeted Kabul airport in August")
    # crocus:10: "previously attacked" another target
    assert not any(k for k in found("ISIS-K, previously attacked Russia’s embassy in Kabul"))
    # crocus:36: credit taken "in the past" is for other attacks
    assert not found("Islamic State Khorasan (IS-K) has taken credit for attacks by other terror networks in the past")
    assert not found("Was Ukraine behind the attack?")
    assert not found("If the report is true, Ukraine was behind the attack")
    assert not found("Ukraine must prove it was not involved")


def test_non_actor_causes_and_unnamed_agents():
    from counterclaim.attribution.names import unnamed_agents

    # fnc1:1641 (saudi-pipeline-explosion-2014): a cause is proposed by naming it
    assert ("accident", "reports", "a security source") in found(
        "A fire broke out at an oil pipeline in Saudi Arabia during repairs", kind="reported", name="a security source")
    # basil:2011/c21cb217-3e2c-49bd-884d-5c74a165ef10_1 (weiner-photo-2011)
    assert ("hacker", "reports", "Twitter") in found("Mr. Weiner’s account was hacked", kind="reported", name="Twitter")
    # allsides:5888/left and /center (haiti-moise-assassination-2021): two wordings, one unnamed agent
    groups = unnamed_agents([claim("Jovenel Moïse was assassinated on Wednesday at his home by a group of unidentified gunmen"),
                             claim("Jovenel Moise was shot dead by unidentified attackers in his private residence")])
    assert groups == {"unidentified gunmen": "unidentified gunmen", "unidentified attackers": "unidentified gunmen"}


def test_an_intended_accusation_is_the_intender_s_not_the_outlet_s():
    # Headline of a Moscow Times feed entry, 23 March 2024 (crocus_city_hall_2024_rss, dev split).
    hits = find_hits(claim("Putin Wants To Blame Ukraine for Moscow Attack – Zelensky"), Lexicon.for_aliases({}))
    assert [(h.mention.actor, h.speaker, item_stance(h)) for h in hits] == [("Ukraine", "Putin", "reports")]


def test_a_cause_never_speaks():
    # basil:2011/c21cb217-3e2c-49bd-884d-5c74a165ef10_3 (weiner-photo-2011): the spokesman dismisses the episode;
    # the hack is what he proposes, not a speaker denying anything.
    hits = find_hits(claim("the congressman's Twitter account had been hacked and dismissed the episode as a prank",
                           kind="reported", name="Weiner's spokesman"), LEXICON)
    assert {(h.cue_kind, h.polarity) for h in hits} == {("cause", "supports")}


def test_linking_to_an_actor_in_any_verb_form_and_its_negation():
    # crocus:11 (crocus-city-hall-2024): the bare verb after "tries to"
    assert ("Ukraine", "reports", "Putin") in found("Putin Tries to Link Moscow Attackers to Ukraine")
    # crocus:35: the perfect
    assert ("Ukraine", "reports", "Vladimir Putin") in found(
        "Vladimir Putin has linked the deadliest attack in Russia for years to Ukraine")
    # Constructed from the form above: a negated link is a denial, never support.
    assert found("Investigators found no link to Ukraine") == {("Ukraine", "denies", "OUTLET")}


def test_a_previous_claim_is_about_this_event():
    # crocus:28: "previous" dates the claim, not the attack it is about; the claim is someone's, so it is reported
    assert ("Ukraine", "reports", "unnamed") in found(
        "he also doubled down on a previous claim that Ukraine may have been involved")
    # fnc1:1641-style context stays context: another event, dated before this one
    assert not found("since Ukraine was involved in a previous attack")


# ---------------------------------------------------------------- states, acts and scopes (dev split stories
# gaza-media-tower-strike-2021, israel-gaza-rockets-airstrikes-2021, jalalabad-flag-protest-2021,
# mcafee-prison-death-2021, haiti-moise-assassination-2021; the states come from scripts/build_states.py)
CASE = Lexicon.for_aliases({}, ["Taliban", "Hamas"])  # names the case's NER would add (attribution.names)


def found_in(text: str, lexicon: Lexicon = CASE, **kw) -> set[tuple[str, str]]:
    return {(h.mention.actor, item_stance(h)) for h in find_hits(claim(text, **kw), lexicon)}


def test_a_nationality_before_a_force_or_strike_names_its_state():
    # allsides:6040/right
    assert found_in("An Israeli airstrike demolished an 11-story building in Gaza City Saturday") == {
        ("Israel", "asserts")}
    # allsides:5888/left: a nationality before "President" names the victim's country, not an accused
    assert found_in("Haitian President Jovenel Moïse was assassinated on Wednesday at his home by a group of "
                    "unidentified gunmen") == set()


def test_active_acts_of_harm_name_their_subject():
    # allsides:6054/right
    assert found_in("Israel killed more than two dozen Gazans during a series of airstrikes") == {("Israel", "asserts")}
    # allsides:5775/right
    assert found_in("Taliban soldiers fired into the crowd and beat protesters and journalists.",
                    kind="quoted", name="The New York Times") == {("Taliban", "reports")}
    # allsides:6040/center: the second verb's subject is Israel, not the Hamas leader whose home was hit
    assert found_in("Israel strikes Gaza home of Hamas leader, destroys AP office") == {("Israel", "asserts")}


def test_what_is_said_to_lack_evidence_is_rejected():
    # allsides:5926/right: a non-actor cause, rejected by "no signs of"
    assert found_in("Authorities said a preliminary investigation determined there were no signs of foul play",
                    kind="reported", name="Authorities") == {("foul play", "denies")}


def test_a_negated_responsibility_cue_is_a_denial_only():
    # issue 14 (real coverage quoted there): "we assess that Y was not responsible"
    assert found_in("We assess that Israel was not responsible for the explosion at the hospital",
                    kind="quoted", name="US official") == {("Israel", "denies")}
    # The same contracted, with the typographic apostrophe news text uses (constructed): still a denial only
    assert found_in("We assess that Israel wasn’t responsible for the explosion at the hospital",
                    kind="quoted", name="US official") == {("Israel", "denies")}


def test_accusations_name_each_listed_accused_and_only_of_an_event():
    # issue 14 (real coverage quoted there): every actor of a listed accusation
    assert found("Russia blamed the US, Britain and Ukraine for the attack") == {
        ("United States", "reports", "Russia"), ("United Kingdom", "reports", "Russia"), ("Ukraine", "reports", "Russia")}
    # fnc1:1861 (joan-rivers-selfie-2014): accused of lying, not of the incident
    assert found("However sources close to the ENT have accused CNN - who originally published the story - of "
                 "'making up lies'") == set()


def test_the_deed_of_an_accusation_is_the_accuser_s_claim_not_the_outlet_s():
    # crocus-city-hall-2024 dev wording ("has accused Russia of"), with the deed spelt out
    assert found("Ukraine has accused Russia of orchestrating the attack") == {("Russian state", "reports", "Ukraine")}


def test_an_attribution_inside_a_relative_clause_is_its_antecedent_s():
    # crocus:11 (crocus-city-hall-2024): the relative clause says what American officials assessed
    assert ("ISIS", "reports", "American officials") in found(
        "American officials, who have assessed that a branch of the Islamic State was responsible, have voiced "
        "concern that the Russian leader could seek to falsely blame Ukraine.")


def test_a_denial_of_something_else_is_no_denial_of_a_part():
    # FNC-1 training bodies (train_bodies.csv #1305, #767) and an even competition body (#1270)
    assert found("The Cuban Foreign Ministry denied that any such press conference was scheduled for today") == set()
    assert found("Incer and Lindley Johnson agreed that whatever happened in Nicaragua had nothing to do with an "
                 "asteroid that flew past Earth this weekend.") == set()
    assert not any(stance == "denies" for _, stance, _ in found(
        "While some Israeli politicians responded positively to reports that al-Sisi had offered to expand the Gaza "
        "Strip and create a Palestinian state, Abbas refuted the reports."))


def test_a_denial_of_a_report_about_another_s_deed_is_no_denial_of_the_denier_s_part():
    # FNC-1 competition_test_bodies.csv, even (unlabelled) Body IDs 1270 and 2460: the reports are about
    # al-Sisi's offer, so neither Abbas nor al-Sisi denies a part of his own (propositions.py reads these)
    named = Lexicon.for_aliases({}, extra=["Abbas", "al-Sisi"])
    assert found("While some Israeli politicians responded positively to reports that al-Sisi had offered to expand "
                 "the Gaza Strip and create a Palestinian state, Abbas refuted the reports.", lexicon=named) == set()
    assert found("Egyptian President al-Sisi denied reports that he had proposed the extension of the Gaza Strip to "
                 "Palestinian President Abbas.", lexicon=named) == set()
    # ... while reports of the denier's own part are still denied (crocus-city-hall-2024 dev, crocus:13)
    assert ("Ukraine", "denies", "Ukraine") in found("Ukraine Rejects Russian Speculation That It Had Role in Attack")


def test_a_story_called_a_hoax_proposes_a_hoax_and_other_things_called_one_do_not():
    # FNC-1 competition_test_bodies.csv Body ID 2466 and 2146: the story told is a hoax
    assert found_in("The third breast story is a hoax.") == {("hoax", "asserts")}
    assert found_in("Unfortunately, I think this is a hoax", kind="quoted", name="Dr. Verity Nye") == {
        ("hoax", "reports")}
    # Body ID 2552: global warming, not the story, is what he calls a hoax; Body ID 2554: "fake news media" is abuse
    assert found_in("He also said during his presidential campaign that he would cancel the deal and has infamously "
                    "and repeatedly called global warming a hoax perpetrated by the Chinese (and scientists)") == set()
    assert found_in("Whenever you see the words ‘sources say’ in the fake news media, and they don’t mention names it "
                    "is very possible that those sources don't exist", kind="quoted", name="Trump") == set()


def test_places_and_participles_are_not_doers():
    # FNC-1 competition_test_bodies.csv (even body ids, unlabelled): Body ID 1596, a place before a new subject
    assert found_in("Al-Nusra Front, whose leader pledged allegiance to Al-Qaeda leader Ayman Al-Zawahiri, has been "
                    "heavily involved in the fighting in Syria as well as in neighboring Lebanon, where it has claimed "
                    "responsibility for several bombings") == set()
    # Body ID 250 and 884: a preposition's object after a modifier, or later in a list, is no subject
    assert found_in("James Foley was taken hostage on Thanksgiving, 2012, while working for GlobalPost in northern "
                    "Syria and executed - video of the brutal act was released online on August 19") == set()
    assert found_in("Since August, the terrorist group overtaking large swathes of Syria and Iraq, has beheaded two "
                    "more Americans and a Briton in similar displays of barbarism.") == set()
    # Body ID 1620: a subject pronoun before the verb is its subject (with no reporting verb between) ...
    assert found_in("Iraqis officials claimed to have killed two senior Isis members on Saturday in a raid they "
                    "carried out on the town of al-Qaim near the Syrian border.") == set()
    assert found_in("Hamas said they carried out the attack.") == {("Hamas", "asserts")}
    # ... Body ID 1100: a name inside a relative clause that closes before the verb is not its subject
    assert found_in("Separately, the coalition of air forces, which includes Great Britain's RAF and Canadian fighter "
                    "planes, struck a convoy just outside Mosul.", Lexicon.for_aliases({}, ["RAF"])) == set()
    # Body ID 2518: the object of any spatial preposition ("through", "across", ...) is no doer of a result clause
    assert found_in("In short, they’ve cut a fantastically bloody course through Iraq and Syria, killing Muslims, "
                    "Christians and other minorities") == set()


def test_a_part_in_something_that_is_no_event_is_no_attribution():
    lexicon = Lexicon.for_aliases({}, ["Tai", "Natalia Málaga", "Al-Monitor"])
    # FNC-1 competition_test_bodies.csv Body ID 1514, 1218 and 1228
    assert found_in("Tai has been organizing for months, and a look at his planning from June now serves as some "
                    "serious foreshadowing:", lexicon) == set()
    assert found_in("Natalia Málaga, coach of the national women's volleyball team, is responsible for instructing "
                    "mothers in this video with appearance of hidden camera", lexicon) == set()
    assert found_in("The organs, al-Mosuli told Al-Monitor, were coming from kidnapped individuals, or wounded "
                    "fighters", lexicon) == set()


def test_non_committal_answers_passive_agents_after_a_comma_and_a_part_in_no_event():
    lexicon = Lexicon.for_aliases({}, ["British Foreign Office", "Britney Spears", "Kushner"])
    # FNC-1 competition_test_bodies.csv Body ID 1324: neither confirming nor denying denies nothing
    assert found_in("In a statement Saturday, the British Foreign Office could neither confirm nor deny the reports.",
                    lexicon) == set()
    # Body ID 934: the agent after "by" ends at the comma
    assert found_in("But the next time I’m attacked by pirates, I’ve gotta crank that Britney Spears.", lexicon) == set()
    # Body ID 2562: an involvement in something that is no event; a plot is one
    assert found_in("Kushner's involvement in the proposed back channel was first reported by the Washington Post, "
                    "which said he proposed using Russian diplomatic facilities for the discussions", lexicon) == set()
    assert found_in("Iran's role in the plot") == {("Iran", "asserts")}
    # allsides:5747/right: "its" is no "it" standing for the event
    assert found_in("The Mexican government is responsible for its failure to enforce its own laws and control "
                    "rampant crime") == set()


def test_an_idiom_of_harm_is_no_act():
    # allsides:5985/right: a bill is killed by a vote, not by an attack
    lexicon = Lexicon.for_aliases({}, ["Senate"])
    assert found_in("House Democrats proposed creating a presidential commission after Senate Republicans\xa0killed\xa0a "
                    "bill to create one in a vote at the end of May.", lexicon) == set()
    assert found_in("Israel killed more than two dozen Gazans during a series of airstrikes") == {("Israel", "asserts")}


def test_result_clauses_recent_since_and_a_branch_speaking_for_its_group():
    # allsides:5775/center: the doer of ", killing ..." is the clause's subject
    assert found_in("The Taliban violently broke up a protest in eastern Afghanistan on Wednesday, killing at least one "
                    "person as they quashed a rare public show of dissent.") == {("Taliban", "asserts")}
    # allsides:6054/right: "since" an hour of this week dates the incident itself, not another event
    assert found_in("Israel killed more than two dozen Gazans during a series of airstrikes launched since sundown on "
                    "Monday evening.") == {("Israel", "asserts")}
    # crocus:35: a branch of a group claims for the group
    assert ("ISIS", "reports") in found_in("Vladimir Putin has linked the deadliest attack in Russia for years to "
                                           "Ukraine - despite a branch of Islamic State claiming responsibility.")


def test_a_collective_noun_before_the_agent_after_by_is_part_of_its_phrase():
    # allsides:5888/left (haiti-moise-assassination-2021, dev)
    gunmen = Lexicon.for_aliases({}, ["unidentified gunmen"])
    assert found_in("Haitian President Jovenel Moïse was assassinated on Wednesday at his home by a group of "
                    "unidentified gunmen", gunmen) == {("unidentified gunmen", "asserts")}


def test_a_cause_said_of_something_else_than_the_event_proposes_nothing():
    # FNC-1 competition_test_bodies.csv Body ID 1326 (unlabelled half): a satire site's disclaimer
    assert not found("Hip Hop Hangover will use made up names in its posts except when public figures are satirized; "
                     "Any use of real names is accidental and coincidental.")
    # Body ID 1082: said of the death, and denied in capitals
    assert found("The death, however, was NOT accidental.") == {("accident", "denies", "OUTLET")}
    # Body ID 1092: "the whole thing" stands for the story
    assert ("hoax", "asserts", "OUTLET") in found("But now, a final piece of evidence confirms the whole thing was a "
                                                  "hoax.")
    # Body ID 1350: an adverb says how the act was done, whatever the subject
    assert ("accident", "asserts", "OUTLET") in found("the world’s oldest tree has been accidentally chopped down by "
                                                      "loggers in Peru")


def test_the_pronoun_a_reported_claim_opens_with_is_its_speaker_denying():
    # AFP via eastleighvoice.co.ke, 23 March 2024 (crocus coverage outside the gold): the claims stage keeps
    # "Kyiv said Saturday" out of the claim, so "it" is Kyiv
    ukraine = Lexicon.for_aliases({}, extra=[])
    assert found("it rejected Russian claims of a Ukrainian link to an attack on a Moscow concert hall that killed "
                 "more than 100 people", lexicon=ukraine, kind="reported", name="Kyiv") == {("Ukraine", "denies", "Kyiv")}
    # FNC-1 even (unlabelled) Body ID 250: what a speaker will not do is no denial of a part in the incident
    assert found("they would not exchange prisoners or carry out any military action to try and rescue her son",
                 lexicon=ukraine, kind="reported", name="US officials") == set()
    # fnc1:1861 (joan-rivers-selfie-2014 dev): the source of a report is not its subject
    tmz = Claim(id="d/c0", doc_id="d", start=0, end=47, component="test", version="1",
                text="she has also denied performing a biopsy on Joan",
                speaker=Speaker(kind="reported", name="TMZ", cue="according to"), stance="reports")
    assert find_hits(tmz, Lexicon.for_aliases({}, extra=["TMZ"])) == []



def test_hiring_takes_part_in_a_deed_only_when_it_hires_someone_to_do_something():
    named = Lexicon.for_aliases({}, extra=["the congressman", "Sylvia Robinson"])
    # basil:2011/c21cb217-3e2c-49bd-884d-5c74a165ef10_3 (weiner-photo-2011), the claim after "but": hiring a lawyer is
    # no part in anything ("to swirl" is in another clause)
    assert found("this week the congressman hired a lawyer, prompting additional rumors to swirl", named) == set()
    # FNC-1 training body 2080: recruiting people to do something puts the recruiter in the deed
    assert ("Sylvia Robinson", "asserts", "OUTLET") in found(
        "The three friends were unknown MCs when producer Sylvia Robinson recruited them to record the song for her "
        "rap label, Sugar Hill Records.", named)
