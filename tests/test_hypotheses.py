"""Competing hypotheses: discovery, stances with quotes, analyst edits, CLI."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from counterclaim.attribution import responsibility
from counterclaim.attribution.api import HypothesisError
from counterclaim.attribution.cues import find_hits
from counterclaim.attribution.names import new_actors, unnamed_agents
from counterclaim.attribution.lexicon import Lexicon
from counterclaim.attribution.records import StanceEvidence
from counterclaim.attribution.stance import item_stance, overall_stance
from counterclaim.cli import main
from counterclaim.model import Claim, Entity, Slots, Speaker
from counterclaim.store.db import ConflictError

OAKKE, ICWP = "oakke-2024", "icwp-2024-03-27"


class _NoAliases:
    def analyst_items(self, kind):
        return {}


class _BareCase:
    store = _NoAliases()


LEXICON = Lexicon.for_case(_BareCase())


def claim(text: str, kind: str = "outlet", name: str = "OUTLET", stance: str | None = None) -> Claim:
    stance = stance or ("asserts" if kind == "outlet" else "reports")
    return Claim(id=f"d/c0-{len(text)}", doc_id="d", start=0, end=len(text), component="test", version="1", text=text,
                 speaker=Speaker(kind=kind, name=name), stance=stance)


def hits(text: str, **kw):
    return [(h.mention.actor, item_stance(h), h.speaker, h.cue_kind) for h in find_hits(claim(text, **kw), LEXICON)]


# --------------------------------------------------------------------------- patterns (constructed claims)


def test_agent_passive_and_reported_voice():
    assert hits("The US CIA surely knew about, and helped instigate, this attack.") == [
        ("CIA", "asserts", "OUTLET", "agent")]
    assert hits("it was carried out by the GUR") == [("GUR", "asserts", "OUTLET", "passive")]
    assert hits("ISIS was behind the Crocus Hall attack", kind="reported", name="The US government") == [
        ("ISIS", "reports", "The US government", "agent")]


def test_a_name_inside_someone_s_claim_is_reported_not_asserted():
    # crocus:28 (The Moscow Times, dev): the outlet tells Putin's claim, it does not make it
    assert hits("But he also doubled down on a previous claim that Ukraine may have been involved.") == [
        ("Ukraine", "reports", "unnamed", "agent")]
    assert hits("Ukraine may have been involved.") == [("Ukraine", "asserts", "OUTLET", "agent")]


def test_as_many_as_is_the_object_s_quantity_not_a_passive():
    # allsides:5746/center (kabul-airport-rockets-2021, dev)
    assert hits("U.S. anti-missile defences intercepted as many as five rockets fired at Kabul's airport early on "
                "Monday, a U.S. official said", kind="reported", name="a U.S. official") == [
        ("United States", "reports", "a U.S. official", "act")]


def test_relative_clause_blame_and_outlet_denial():
    found = hits("Ukraine, which Putin blames for this massacre, had no part in these provocative acts")
    assert ("Ukraine", "denies", "OUTLET", "deny") in found  # the subject is Ukraine, not Putin
    assert ("Ukraine", "reports", "Putin", "blame") in found
    assert not any(actor == "Russian state" for actor, *_ in found)


def test_claimed_responsibility_is_the_actor_speaking():
    assert hits("GUR used an outdated news template for ISIS-K to claim credit for the attack") == [
        ("ISIS", "reports", "ISIS-K", "claimed")]
    assert hits("The Kremlin denies any involvement") == [("Russian state", "denies", "The Kremlin", "self-deny")]


def test_doubt_negation_and_exclusivity():
    assert hits("instead of lending false credence to the ISIS narrative") == [
        ("ISIS", "disputes", "OUTLET", "dispute")]
    assert hits("the massacre was supposedly ordered by the US") == [("United States", "disputes", "OUTLET", "passive")]
    assert hits("The FSB never ordered the attack") == [("Russian state", "denies", "OUTLET", "agent")]
    only = find_hits(claim("The only global actor that has them is the Russian Putin’s state and no one else"), LEXICON)
    assert {h.mention.actor for h in only} == {"Russian state"} and all(h.exclusive for h in only)


def test_a_denial_frame_flips_but_clause_negation_elsewhere_does_not():
    assert hits("Ukraine was behind it", kind="reported", name="Kremlin", stance="denies") == [
        ("Ukraine", "denies", "Kremlin", "agent")]
    negated = claim("GUR’s first mistake was recruiting men who were not willing to die", stance="denies")
    negated = negated.model_copy(update={"negated": True})
    assert [item_stance(h) for h in find_hits(negated, LEXICON)] == ["asserts"]


def test_contracted_negation_rejects_the_cue():
    """ClaimBuster, a 1960 debate: "doesn't ... carry out" once read as asserting the Soviet Union carried it out."""
    text = ('When I say "phony spirit," I mean phony, not because the spirit is not good on our side, but because '
            "the Soviet Union simply doesn't intend to carry out what they say.")
    lexicon = Lexicon.for_case(_BareCase(), ["Soviet Union"])
    assert [(h.mention.actor, item_stance(h), h.cue_kind) for h in find_hits(claim(text), lexicon)] == [
        ("Soviet Union", "denies", "agent")]


def test_no_one_else_before_the_cue_is_exclusive_not_a_negation():
    # OAKKE's "the Russian Putin’s state and no one else", with the cue after it: once a denial and an
    # assertion at once, now one exclusive assertion.
    found = find_hits(claim("The Russian Putin’s state and no one else ordered this massacre"), LEXICON)
    assert [(h.mention.actor, item_stance(h), h.exclusive) for h in found] == [("Russian state", "asserts", True)]


def test_negation_scopes():
    negated, or_denial = responsibility.negated, responsibility.NEGATION_OR_DENIAL
    assert negated("Ukraine didn't carry it out") and not negated("The Kremlin denies any involvement")
    assert negated("The Kremlin denies any involvement", or_denial)  # a claim in denial words (alignment)
    assert not negated("the Russian Putin’s state and no one else", or_denial)


def test_default_lexicon_groups_organs_under_their_state():
    lexicon = Lexicon.for_aliases({})  # the one actor table (the built-in fallback table is gone)
    assert lexicon.side(lexicon.resolve("Ukrainian military intelligence")) == "Ukraine"
    assert lexicon.side(lexicon.resolve("CIA")) == "United States"
    assert lexicon.resolve("Putin’s state") == "Russian state"


def test_unknown_actors_named_as_responsible_become_candidates():
    text = "The massacre was organized by Wagner Group mercenaries"
    c = claim(text).model_copy(update={"kind": "attribution", "entity_ids": ["d/e30-42"],
                                       "slots": Slots(agent="Wagner Group mercenaries", predicate="organize")})
    entity = Entity(id="d/e30-42", doc_id="d", start=30, end=42, component="t", version="1", label="ORG",
                    text="Wagner Group", key="wagner group")
    # Named as the entity is, without the words that add members to it ("mercenaries", "fighters").
    assert new_actors([c], [entity], LEXICON) == ["Wagner Group"]
    gur = entity.model_copy(update={"text": "the GUR", "key": "gur"})
    assert new_actors([c], [gur], LEXICON) == []  # the alias table knows it
    extended = Lexicon.for_case(_BareCase(), ["Wagner Group"])
    assert [(h.mention.actor, item_stance(h)) for h in find_hits(c, extended)] == [("Wagner Group", "asserts")]


def _item(stance: str, kind: str = "outlet", disputed: bool = False) -> StanceEvidence:
    polarity = {"denies": "rejects", "disputes": "disputes"}.get(stance, "supports")
    return StanceEvidence(claim_id="d/c", doc_id="d", start=0, end=1, quote="x", stance=stance, polarity=polarity,
                          speaker="s", speaker_kind=kind, actor="A", alias="A", alias_start=0, alias_end=1, cue="c",
                          cue_kind="agent", disputed=disputed, reason="r")


def test_overall_stance_own_voice_then_reports_then_quoted_denials():
    assert overall_stance([_item("reports", "reported"), _item("denies")])[0] == "denies"
    assert overall_stance([_item("asserts"), _item("asserts"), _item("denies")])[:3] == ("asserts", False, True)
    assert overall_stance([_item("reports", "reported"), _item("disputes")])[:2] == ("reports", True)
    assert overall_stance([_item("denies", "quoted")])[0] == "denies"
    assert overall_stance([])[0] == "absent"


# --------------------------------------------------------------------------- the bundled articles


def _by_label(case) -> dict[str, str]:
    return {h.label: h.id for h in case.hypotheses.list()}


def test_bundled_hypotheses_discovered(crocus_case):
    labels = _by_label(crocus_case)
    assert {"Russian state false flag", "Ukraine (GUR)", "United States (CIA)", "ISIS"} <= set(labels)
    flag = crocus_case.hypotheses.get(labels["Russian state false flag"])
    assert flag.false_flag and {"FSB", "Kremlin", "Putin's state"} <= set(flag.aliases)
    assert {"GUR", "Ukraine"} <= set(crocus_case.hypotheses.get(labels["Ukraine (GUR)"]).seen)


def test_bundled_stances_with_exact_quotes(crocus_case):
    labels = _by_label(crocus_case)
    h = crocus_case.hypotheses
    expected = {
        (OAKKE, "Russian state false flag"): ("asserts", "no one else"),
        (OAKKE, "Ukraine (GUR)"): ("denies", "has none of these provocative characteristics"),
        (ICWP, "Ukraine (GUR)"): ("asserts", "it was carried out by the GUR"),
        (ICWP, "United States (CIA)"): ("asserts", "helped instigate, this attack"),
        (ICWP, "ISIS"): ("reports", "ISIS was behind the Crocus Hall attack"),
    }
    for (doc_id, label), (stance, quote) in expected.items():
        found = h.stance(doc_id, labels[label])
        assert found.stance == stance, (doc_id, label, found.reason)
        assert any(quote in e.quote for e in found.evidence), (doc_id, label)
        text = crocus_case.document(doc_id).text
        for e in found.evidence:
            assert text[e.start:e.end] == e.quote
            assert text[e.alias_start:e.alias_end] == e.alias
    isis = h.stance(ICWP, labels["ISIS"])
    assert isis.disputed  # "false credence to the ISIS narrative"
    assert {e.speaker for e in isis.evidence if e.stance == "reports"} >= {"US government", "ISIS-K"}
    assert any(e.stance == "disputes" and "ISIS narrative" in e.quote for e in isis.evidence)


# --------------------------------------------------------------------------- analyst edits


def test_add_merge_rename_drop_are_audited_and_ids_survive(crocus_copy):
    h = crocus_copy.hypotheses
    labels = _by_label(crocus_copy)
    before = {x.id: x.label for x in h.list()}
    added = h.add("Russian state false flag (analyst)", ["FSB", "Putin's state"], note="from OAKKE")
    assert added.origin == "analyst" and added.id not in before
    assert crocus_copy.hypotheses.stance(OAKKE, added.id).stance == "asserts"
    h.merge(added.id, labels["Russian state false flag"], note="same hypothesis")
    assert crocus_copy.hypotheses.get(labels["Russian state false flag"]).status == "merged"
    h.rename(labels["ISIS"], "ISIS-K carried it out")
    with pytest.raises(ConflictError):
        h.rename(labels["ISIS"], "stale", expected_rev=0)
    with pytest.raises(HypothesisError):
        h.rename(labels["ISIS"], " ")
    h.drop(labels["United States (CIA)"])
    assert labels["United States (CIA)"] not in {x.id for x in crocus_copy.hypotheses.list()}
    edits = crocus_copy.store.edits("hypothesis")
    assert [e.action for e in edits] == ["add", "merge", "rename", "drop"]
    assert edits[0].note == "from OAKKE" and edits[2].new["label"] == "ISIS-K carried it out"
    crocus_copy.run_case_stages()  # re-analysis keeps ids and edits
    after = {x.id: x.label for x in crocus_copy.hypotheses.list(include_inactive=True)}
    assert after[labels["ISIS"]] == "ISIS-K carried it out" and after[added.id] == added.label
    crocus_copy.undo(edits[-1].id)  # undo the drop: the case refreshes when read
    assert labels["United States (CIA)"] in {x.id for x in crocus_copy.hypotheses.list()}


def test_cli_lists_and_adds(crocus_copy):
    runner = CliRunner()
    case = crocus_copy.location
    crocus_copy.close()
    result = runner.invoke(main, ["hypotheses", "--case", case, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert any(x["label"] == "ISIS" for x in data["hypotheses"]) and data["stances"]
    result = runner.invoke(main, ["hypotheses", "--case", case, "add", "Russian state false flag", "--alias", "FSB",
                                  "--alias", "Putin's state"])
    assert result.exit_code == 0 and "added H" in result.output, result.output
    result = runner.invoke(main, ["hypotheses", "--case", case, "drop", "H99"])
    assert result.exit_code == 1
    table = runner.invoke(main, ["hypotheses", "--case", case])
    assert table.exit_code == 0 and "stances" in table.output


def test_attributions_of_other_events_discover_no_hypothesis(crocus_case):
    """OAKKE's '2002 ... organized by Islamo-fascist renegades' is about the Moscow theatre siege,
    not this attack: it must not become a candidate explanation of the 2024 attack."""
    labels = [h.label for h in crocus_case.hypotheses.list()]
    assert not [label for label in labels if "renegades" in label.lower()]
    assert len(labels) == 4


def test_add_with_aliases_is_one_hypothesis_that_takes_their_evidence(crocus_copy):
    """Issue 14: ``hypotheses add LABEL --alias ...`` adds one hypothesis; the discovered ones its
    aliases name are shown merged into it (not spawned beside it), and undo restores them."""
    h = crocus_copy.hypotheses
    before = {x.id for x in h.list()}
    ukraine = next(x.id for x in h.list() if "Ukraine" in x.actors and x.label.startswith("Ukraine"))
    added = h.add("Ukraine did it (analyst)", ["Ukraine", "Kyiv"])
    active = {x.id for x in h.list()}
    assert active == (before - {ukraine}) | {added.id}
    assert h.get(ukraine).merged_into == added.id
    assert h.get(added.id).evidence_count >= 1
    crocus_copy.undo(crocus_copy.store.edits("hypothesis")[-1].id)
    assert ukraine in {x.id for x in crocus_copy.hypotheses.list()}


def test_name_search_skips_no_name_the_full_alternation_finds():
    """``Lexicon.mentions`` tries the alternation only where a word may start a name; on these FNC-1
    training-body sentences (train_bodies.csv) it finds exactly what the plain regex scan finds."""
    lexicon = Lexicon.for_aliases({}, ["al-Qaida"])
    for text in ("'U.S. officials said", "Moaz al-Kasasbeh, in Karak, Jordan.Jordan, Unabashed, Announces Latest "
                 "Bombing Raid on ISIS Targets", "She never said, 'I’m representing Israel.'", "the pro-Isis media group",
                 "U.S.-led airstrikes hit al-Qaida's positions", "Russia's role, Putin’s state"):
        assert [m.span() for m in lexicon._name_matches(text)] == [m.span() for m in lexicon._actor_re.finditer(text)]


def test_a_state_leader_titled_in_the_case_stands_for_the_state(tmp_path):
    """FNC-1 train_bodies.csv Body ID 2418 titles Kim Jong Un as North Korea's dictator, then reports officials
    blaming "Kim Jong Un's regime"; Body ID 1047 has the FBI accusing North Korea. One explanation, one hypothesis."""
    from counterclaim import Case

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "restaurant.txt").write_text(
        "Kim Jong Un restaurant\n\nNorth Korean dictator Kim Jong Un could be opening a restaurant in Scotland and "
        "serving national favorites such as dog on the menu, experts said.\n\nNorth Korea has been seen as "
        "notoriously closed to the outside world and its reputation took at further battering at the end of last "
        "year when U.S. officials blamed Kim Jong Un's regime for the unprecedented hacking of Sony Pictures "
        "Entertainment.\n", encoding="utf-8")
    (folder / "fbi.txt").write_text(
        "Cyber attacks\n\nThe FBI recently accused North Korea of being behind cyber attacks on the US.\n",
        encoding="utf-8")
    with Case(tmp_path / "case") as case:
        assert case.analyze([str(folder)]).ok
        found = case.export()["records"]["hypothesis"]
    korea = [h for h in found if "North Korea" in h["actors"]]
    assert len(korea) == 1 and not any("Kim" in h["label"] for h in found)
    assert "Kim Jong Un" in korea[0]["seen"] and set(korea[0]["doc_ids"]) == {"restaurant", "fbi"}


def test_a_person_denying_a_deed_is_a_candidate_and_unnamed_agents_come_from_a_lexicon():
    # FNC-1 competition_test_bodies.csv Body ID 354: the person who denies a deed is a candidate doer
    text = "Lin denied taking part in any infidelity."
    c = Claim(id="d/c0-41", doc_id="d", start=0, end=len(text), component="test", version="1", text=text,
              speaker=Speaker(kind="outlet", name="OUTLET"), stance="denies", entity_ids=["d/e0-3"])
    lin = Entity(id="d/e0-3", doc_id="d", start=0, end=3, component="t", version="1", label="PERSON", text="Lin",
                 key="lin")
    assert new_actors([c], [lin], LEXICON) == ["Lin"]
    said = claim("Lin said police searched the area.").model_copy(update={"entity_ids": ["d/e0-3"]})
    assert new_actors([said], [lin], LEXICON) == []  # a person who only speaks is no candidate
    # allsides:5858/left: an unnamed agent after "planned by" (lexicons/agents.json)
    planned = claim("The wave of protest and looting that swept across much of South Africa over the past week was "
                    "planned by enemies of democracy in a deliberate effort to sow chaos, the president has said.")
    assert unnamed_agents([planned]) == {"enemies of democracy": "enemies of democracy"}
    # allsides:6054/center: a group noun as the subject of the harm done
    fired = claim("Militants fired more than 250 missiles at Israel, killing two women, the first Israeli casualties in "
                  "the current violence.")
    assert unnamed_agents([fired]) == {"Militants": "Militants"}
    # FNC-1 train_bodies.csv Body ID 1688: the perpetrators as subject say nothing of who they are
    assert unnamed_agents([claim("The magazine staff was in an editorial meeting, around lunchtime in Paris, when the "
                                 "gunmen opened fire.")]) == {}


def test_a_denied_report_is_a_hypothesis_with_its_carriers_and_deniers(tmp_path):
    """FNC-1 competition_test_bodies.csv Body ID 1 and 485 (both whole texts): one document denies what the
    other reports. The proposition, with the denier put for its pronoun, is the hypothesis."""
    from counterclaim import Case

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "denial.txt").write_text(
        "Al-Sisi has denied Israeli reports stating that he offered to extend the Gaza Strip.\n", encoding="utf-8")
    (folder / "report.txt").write_text(
        "Israel's Army Radio reported that al-Sisi had offered Abbas an to extend Sinai and form a Palestinian "
        "state.\n", encoding="utf-8")
    with Case(tmp_path / "case") as case:
        assert case.analyze([str(folder)]).ok
        records = case.export()["records"]
    [offer] = [h for h in records["hypothesis"] if h["label"] == "“Al-Sisi offered to extend the Gaza Strip”"]
    stances = {s["doc_id"]: s["stance"] for s in records["hypothesis_stance"] if s["hypothesis_id"] == offer["id"]}
    assert stances == {"denial": "denies", "report": "reports"}


def test_a_report_denied_with_whose_it_is_named_is_denied(tmp_path):
    """allsides:5904/center (BBC), its headline and first sentence as written: the sentence names whose allegations
    they are before "that", the acronym names the denier, and the clause that frames the denial carries nothing. The
    headline drops "that", which a relative clause also does ("denied the charges he faced"), so it is not read."""
    from counterclaim import Case

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "bbc.txt").write_text(
        "NSA hits back at allegations it spied on Fox News host\n\nThe US National Security Agency (NSA) has hit back "
        "at allegations by Fox News host Tucker Carlson that it is spying on him to force him off air.\n",
        encoding="utf-8")
    with Case(tmp_path / "case") as case:
        assert case.analyze([str(folder)]).ok
        records = case.export()["records"]
    labels = {h["id"]: h["label"] for h in records["hypothesis"]}
    evidence = {(labels[s["hypothesis_id"]], e["polarity"]) for s in records["hypothesis_stance"]
                for e in s["evidence"] if e["cue_kind"] != "mention"}
    assert evidence == {("“NSA is spying on him to force him off air”", "rejects")}


def test_a_denied_part_in_the_incident_is_no_proposition():
    from counterclaim.attribution.propositions import denied

    # crocus:13 headline: the actor hypotheses read this denial
    text = "Ukraine Rejects Russian Speculation That It Had Role in Attack"
    assert denied([claim(text)], {"d": text}) == []


def test_a_title_case_headline_read_as_one_name_gives_its_denier():
    # The NER tags the whole headline "Weiner Denies Sending Photo" (BASIL 2011 c21cb217..._1, dev) as one ORG:
    # the name before the denial of a deed is the candidate.
    text = "Weiner Denies Sending Photo but Is Less Sure About Its Origin"
    c = claim(text).model_copy(update={"entity_ids": ["d/e0-27"]})
    org = Entity(id="d/e0-27", doc_id="d", start=0, end=27, component="t", version="1", label="ORG",
                 text="Weiner Denies Sending Photo", key="weiner denies sending photo")
    assert new_actors([c], [org], LEXICON) == ["Weiner"]


def test_a_proposition_told_in_other_words_is_read_by_the_stance_model(tmp_path):
    """Real-news dev split of eval/gold: fnc1:1181 (the denial, whole first paragraph) and fnc1:1963 (the first
    two sentences), which tells the same thing in other words (no claim shares enough of its content words);
    allsides:5883/left (its headline and first sentence) is about something else."""
    from counterclaim import Case
    from counterclaim.report import render_report

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "denial.txt").write_text(
        "According to TMZ, Joan Rivers's personal doctor, Gwen Korovin, has denied CNN's allegations that she took a "
        "selfie in the operating room while the 81-year-old was under anesthesia, saying that the network's source is "
        "\"making up lies.\"\n", encoding="utf-8")
    (folder / "paraphrase.txt").write_text(
        "Joan Rivers personal doctor had reportedly clicked a selfie while the comedienne was under anesthesia.\n"
        "The picture was snapped in the procedure room right before the physician was about to perform an "
        "unauthorized biopsy on Rivers' vocal chords, which had lead to her cardiac arrest, the CNN reported.\n",
        encoding="utf-8")
    (folder / "other.txt").write_text(
        "Surfside death toll jumps to 60 one day after shift from search-and-rescue to recovery\n\n"
        "Two weeks after the building collapse at Surfside, Miami-Dade Mayor Daniella Levine Cava said 60 bodies "
        "have been recovered from the rubble.\n", encoding="utf-8")
    with Case(tmp_path / "case") as case:
        assert case.analyze([str(folder)]).ok
        records = case.export()["records"]
        html = render_report(case)
    [selfie] = [h for h in records["hypothesis"] if "took a selfie in the operating room" in h["label"]]
    stances = {s["doc_id"]: s for s in records["hypothesis_stance"] if s["hypothesis_id"] == selfie["id"]}
    assert stances["denial"]["stance"] == "denies" and stances["denial"]["read_by"] == "rules"
    told = stances["paraphrase"]
    assert (told["stance"], told["read_by"]) == ("reports", "stance model")
    assert told["evidence"] and all(e["cue_kind"] == "model" for e in told["evidence"])
    assert any("selfie" in e["quote"] or "picture" in e["quote"] for e in told["evidence"])
    assert stances["other"]["stance"] == "absent"
    assert html.count('<span class="muted small">(model)</span>') == 1  # the report says which stance is the model's
    # ... and the ACH matrix holds only what the rules read: the model's sentence is no evidence row
    rows = [m["doc_id"] for r in records["ach_evidence"] for m in r["members"]]
    assert "denial" in rows and "paraphrase" not in rows


def case_records(folder, texts: dict[str, str]) -> dict:
    """The exported records of one case made of ``texts`` (file name -> text), analysed in ``folder``."""
    from counterclaim import Case

    (folder / "articles").mkdir(parents=True)
    for name, text in texts.items():
        (folder / "articles" / name).write_text(text, encoding="utf-8")
    with Case(folder / "case") as case:
        assert case.analyze([str(folder / "articles")]).ok
        return case.export()["records"]


def test_the_statement_most_documents_report_is_a_hypothesis(tmp_path):
    """The opening paragraphs of fnc1:183, fnc1:435 and fnc1:1449 (foley-body-sale-2014, dev): all three report
    the sale offer (according to reports, for a reported $1 million, sources told BuzzFeed), nobody denies
    it in words propositions.py reads, and no actor is put in a role. Told in the outlets' own voice, the same
    statement would be the event itself and propose nothing."""
    texts = {
        "a.txt": "The Islamic State (Isis) are attempting to sell the body of beheading victim James Foley for $1m "
                 "(£638,000) to raise funds for their terrorist organisation, according to reports.\n",
        "b.txt": "The jihadist group the Islamic State is trying to sell the body of US journalist James Foley for a "
                 "reported $1 million.\n",
        "c.txt": "The Islamic State is attempting to sell the body of dead U.S. hostage James Foley for $1 million, "
                 "multiple sources told BuzzFeed in a report published Wednesday night.\n",
    }

    records = case_records(tmp_path / "reported", texts)
    [sale] = [h for h in records["hypothesis"] if "sell the body" in h["label"]]
    assert sale["label"].startswith("“") and len(sale["doc_ids"]) == 3
    stances = {s["doc_id"]: s["stance"] for s in records["hypothesis_stance"] if s["hypothesis_id"] == sale["id"]}
    assert set(stances.values()) <= {"reports", "asserts"} and len(stances) == 3
    stated = {name: text.split(",")[0].replace("are attempting", "is attempting") + ".\n"
              for name, text in texts.items()}
    assert not [h for h in case_records(tmp_path / "stated", stated)["hypothesis"] if "sell the body" in h["label"]]



def test_one_document_s_denied_report_does_not_hide_what_the_coverage_reports(tmp_path):
    """Opening paragraphs of fnc1:1381, 1443, 1701, 287, 1685 and 1809 (with 1809's paragraph on Gretzky's agent;
    nhl-las-vegas-expansion-2014, dev): the expansion report most documents pass on is the hypothesis, although one
    document tells of a different report someone denied; its label is a plain telling, not "may be set to"."""
    texts = {
        "globe.txt": "The NHL may be set to expand in a big, big way.\n\nSports Business News reported late Tuesday the "
                     "league is preparing to add four teams by 2017 in Toronto, Quebec City, Seattle and Las Vegas.\n",
        "cbc.txt": "The NHL is considering expanding by as many as four teams, according to a pair of reports, with "
                   "Toronto and Quebec City in the mix to land new franchises.\n",
        "bettman.txt": "The NHL has no plans to expand, said NHL commissioner Gary Bettman.\n",
        "cp.txt": "BOUCHERVILLE, Que. - Gary Bettman has vehemently denied the NHL is considering expansion.\n\nBut the "
                  "commissioner said if it ever does, prospective owners may have to pay up big time.\n\nSports Business "
                  "News reported via Twitter last week the NHL will expand into Las Vegas, Seattle, and Quebec City while "
                  "adding a second franchise in Toronto by 2017.\n",
        "puck.txt": "There are few topics in the NHL that get people buzzing like expansion and relocation do.\n\nOn "
                    "Tuesday, Tony Gallagher and Howard Bloom chucked their meat and the flock went crazy. Gallagher said "
                    "that NHL expansion to Las Vegas was a “done deal,” and then Bloom upped the ante by claiming that the "
                    "NHL will add Vegas, Seattle, a second Toronto franchise and Quebec City by 2017, the 100th "
                    "anniversary of the League.\n",
        "province.txt": "The Commissioner of the National Hockey League, Gary Bettman, has repeatedly insisted that the "
                        "league is not engaged in an active \"expansion process,\" but reports insisting otherwise "
                        "continue to crop up.\n\nThe latest is from veteran Vancouver Province columnist Tony Gallagher, "
                        "who suggested on Tuesday that the NHL will expand to Las Vegas, Nev. sooner rather than later.\n\n"
                        "In July, former NHL great Wayne Gretzky's agent denied a report that his client is among a group "
                        "of investors looking to bring a team to the city.\n",
    }
    records = case_records(tmp_path / "nhl", texts)
    [expansion] = [h for h in records["hypothesis"] if "Toronto" in h["label"] or "expand" in h["label"]]
    assert "may be set" not in expansion["label"] and len(expansion["doc_ids"]) >= 4
    stances = {s["doc_id"]: s["stance"] for s in records["hypothesis_stance"] if s["hypothesis_id"] == expansion["id"]}
    assert stances["globe"] == "reports"


def test_a_statement_told_straight_is_contested_when_two_documents_negate_it(tmp_path):
    """Opening paragraphs of fnc1:1421, fnc1:963, fnc1:897, fnc1:697 and fnc1:2007 (argentina-werewolf-godson-2014,
    dev): three outlets tell the werewolf adoption in their own voice, two others carry it negated ("but not to
    keep him from turning into a werewolf", "read: not the adopted child"). Told straight everywhere, it would be
    the event itself; negated by two, it is what the coverage disputes."""
    texts = {
        "independent.txt": "The tradition to stop stigma about the 'lobison' has continued for a century\n\nThe President "
                           "of Argentina has adopted a young Jewish man as her godson to stop him turning into a "
                           "werewolf.\n",
        "upi.txt": "BUENOS AIRES, Dec. 29 (UPI) -- Argentinian President Cristina Kirchner adopted Jewish boy Yair Tawil "
                   "as her godson to protect him from the stigma of a folk tale prophesying he will turn into a "
                   "werewolf.\n",
        "exaggerated.txt": "Reports that the president of Argentina adopted a boy as her godson to prevent him from "
                           "becoming a werewolf may have been greatly exaggerated.\n\nOn December 23, Argentine president "
                           "Christina Kirchner adopted Yair Tawil, 21, as her godson, as part of a tradition that has "
                           "been performed in the country for more than 100 years.\n",
    }
    debunkers = {
        "rumors.txt": "So here's the latest in wild internet rumors.\n\nEveryone thinks that the President of Argentina "
                      "Christina Fernández de Kirchner adopted a young Jewish man in order to stop him from turning into "
                      "a werewolf. The story was reported by The Independent and others.\n\nWell, the story's kind of "
                      "true — Fernández de Kirchner did adopt the young man as her godson — but not to keep him from "
                      "turning into a werewolf.\n",
        "mashable.txt": "If you've been anywhere even remotely near a computer today, you've probably heard that "
                        "Argentina's president recently adopted a young Jewish man to stop him from turning into a "
                        "werewolf. And why not—it's internet gold! Also, as it turns out, not even remotely true.\n\n"
                        "While, yes, seventh sons and daughters in Argentina are eligible to become the godson or "
                        "goddaughter (read: not the adopted child) of the country's president, as The Guardian points "
                        "out, Jewish werewolf-hood has no part in the tradition.\n",
    }
    records = case_records(tmp_path / "disputed", texts | debunkers)
    [told] = [h for h in records["hypothesis"] if "werewolf" in h["label"]]
    assert told["label"].startswith("“") and "not" not in told["label"].split()
    stances = {s["doc_id"]: s["stance"] for s in records["hypothesis_stance"] if s["hypothesis_id"] == told["id"]}
    assert (stances["rumors"], stances["mashable"], stances["independent"], stances["upi"]) == (
        "denies", "denies", "asserts", "asserts")
    straight = case_records(tmp_path / "straight", texts)
    assert not [h for h in straight["hypothesis"] if "werewolf" in h["label"]]

def test_who_passed_a_statement_on_is_not_part_of_it():
    from counterclaim.attribution.reported import what_is_reported

    # fnc1:1449 (foley-body-sale-2014, dev) and fnc1:2323's wording in joan-rivers-selfie-2014 (dev)
    assert what_is_reported("The Islamic State is attempting to sell the body of dead U.S. hostage James Foley for "
                            "$1 million, multiple sources told BuzzFeed in a report published Wednesday night") == (
        "The Islamic State is attempting to sell the body of dead U.S. hostage James Foley for $1 million")
    assert what_is_reported("Rivers’s personal doctor took a selfie while she was under general anesthesia, "
                            "according to a report by CNN") == (
        "Rivers’s personal doctor took a selfie while she was under general anesthesia")
    # allsides:5608/center (in no gold file): commas inside the statement stay
    powell = ("Colin Powell, the first Black U.S. secretary of state and top military officer, died on Monday at the "
              "age of 84 due to complications from COVID-19")
    assert what_is_reported(powell) == powell


def test_an_unconfirmed_event_the_outlets_pass_on_is_a_reported_statement(tmp_path):
    """Openings of fnc1:439, fnc1:1279 and fnc1:1801 (saudi-pipeline-explosion-2014, dev): the outlets tell the
    explosion as an unconfirmed rumour, so they report it rather than assert it."""
    records = case_records(tmp_path, {
        "a.txt": "An unconfirmed explosion at a Saudi Arabian oil pipeline briefly sent crude prices higher on "
                 "Wednesday but the market shrugged off the scare.\n",
        "b.txt": "Oil prices jumped Wednesday on unconfirmed rumors in the market that a pipeline exploded in Saudi "
                 "Arabia, raising fears that the country's crude production and exports could be curtailed.\n",
        "c.txt": "Oil futures extended gains Wednesday on unconfirmed rumors of an oil pipeline explosion in Saudi "
                 "Arabia after previously spiking on data that showed U.S. crude inventories rose less than "
                 "expected.\n",
    })
    [blast] = [h for h in records["hypothesis"] if "pipeline" in h["label"] and h["label"].startswith("“")]
    stances = [s["stance"] for s in records["hypothesis_stance"] if s["hypothesis_id"] == blast["id"]]
    assert stances and set(stances) == {"reports"}


def test_a_carrier_that_negates_the_reported_statement_denies_it(tmp_path):
    """FNC-1 competition bodies 1470, 1484, 1770 and 2428 (even ids: unlabelled, opening paragraphs): three pass
    on the NHL expansion report, and the commissioner's "no plans to expand" denies it."""
    records = case_records(tmp_path, {
        "bettman.txt": "NHL Commissioner Gary Bettman says the NHL has no plans to expand to other cities.\n",
        "province.txt": "The NHL continues to listen to expressions of interest amid swirling rumours about expansion "
                        "but the league says nothing is imminent.\n\nOn Tuesday, the Vancouver Province reported "
                        "expansion to Las Vegas was a “done deal” but did not include a timeline.\n\nSports Business "
                        "News reported via Twitter that the NHL was planning to expand to four markets — Quebec City, "
                        "Seattle and Las Vegas and Toronto — by the 2017 centennial season.\n",
        "bloom.txt": "Apparently Las Vegas isn't the only city on the National Hockey League's expansion team radar: "
                     "Seattle, Toronto and Quebec City will add franchises as well with a target date of 2017, "
                     "according to a tweet from SportsBusinessNews' Howard Bloom.\n",
        "sources.txt": "Sources close to the situation have indicated Las Vegas is a done deal, the only thing to be "
                       "determined being which owner will be entitled to proclaim that he brought the first major "
                       "league sports franchise to Sin City.\n",
    })
    [expansion] = [h for h in records["hypothesis"] if h["label"].startswith("“")]
    assert "no plans" not in expansion["label"]  # the label is what is reported, not its denial
    stances = {s["doc_id"]: s["stance"] for s in records["hypothesis_stance"] if s["hypothesis_id"] == expansion["id"]}
    assert stances["bettman"] == "denies"


def test_the_police_are_an_actor_and_a_participles_object_is_no_subject():
    # FNC-1 competition_test_bodies.csv Body ID 437: the police as the doer (lexicons/actors.json)
    assert hits("Dornella Conner was travelling through the mayhem on Monday night, when a cop shot a non-lethal "
                "bean bag round at her boyfriend's car") == [("police", "asserts", "OUTLET", "act")]
    # Body ID 631: what was fired, one round of it, with a hyphenated word before it (lexicons/acts.json "fire on")
    assert hits("Dornnella Conner lost her left eye when a police officer fired a non-lethal bean bag round at the car "
                "her boyfriend was driving on the outskirts of Ferguson, Mo.") == [("police", "asserts", "OUTLET", "act")]
    # Body ID 1100: the officer is what the car bomb targeted, not the subject of "killed"
    assert hits("In the town of Baquba, 40 miles northeast of Baghdad, a gunman killed a Shi'ite militiaman, and a car "
                "bomb targeting a police officer killed his 10-year-old son.") == []


def test_the_accused_denying_the_deed_in_their_own_words():
    """BASIL 2011 c21cb217-3e2c-49bd-884d-5c74a165ef10 (NYT and Fox News): the headline's self-denial names the deed
    (sending); the accused's own "I did not send this" then denies it too, and "I didn't know her" does not."""
    from counterclaim.attribution.deeds import own_word_denials

    lexicon = Lexicon.for_case(_BareCase())
    lexicon.add_aliases({"Weiner": "Weiner"})
    headline = claim("Weiner Denies Sending Photo but Is Less Sure About Its Origin")
    found = find_hits(headline, lexicon)
    assert [(h.mention.actor, h.cue_kind) for h in found] == [("Weiner", "self-deny")]
    quote = claim("I can definitively say that I did not send this", kind="quoted", name="Rep. Anthony Weiner")
    other = claim("I didn't know her", kind="quoted", name="Weiner")
    [denial] = own_word_denials([quote, other], found, lexicon)
    assert (denial.claim, denial.mention.actor, denial.polarity, denial.cue) == (quote, "Weiner", "rejects",
                                                                                "I did not send")


def test_the_reported_statement_is_the_hearsay_one_not_the_undisputed_event(tmp_path):
    """Openings of fnc1:421, fnc1:517, fnc1:673, fnc1:1505 and fnc1:1705 (afghan-soldiers-canada-2014, dev): all
    tell that three soldiers went missing, which nobody disputes; where they were found is passed on from sources
    and other outlets' reports. That is the statement in question."""
    records = case_records(tmp_path, {
        "a.txt": "Tree Afghan soldiers, who went missing while in Massachusetts for military training, have been found "
                 "trying to cross the border into Canada, a defense department official said on Monday.\n",
        "b.txt": "Three Afghan national army soldiers who did not return to a training exercise at US military base in "
                 "Massachusetts were found trying to cross the Canadian border, local media reported on Monday.\n",
        "c.txt": "Three Afghanistan National Army soldiers who went missing Saturday night from a Regional Cooperation "
                 "training exercise at Camp Edwards in Sandwich have been found on near the Canadian border, "
                 "according to sources close to the investigation.\n",
        "d.txt": "The three Afghanistan National Army officers who went missing during a training exercise at a Cape "
                 "Cod military base have been found trying to cross the border into Canada, according to U.S. "
                 "authorities.\n",
        "e.txt": "The three Afghanistan National Army officers who went missing during a training exercise at a Cape "
                 "Cod military base on Saturday were located Monday afternoon near the Canadian border.\n\nCBS Boston "
                 "reports that the three soldiers were taken into custody early Monday afternoon attempting to cross "
                 "the Canadian border.\n",
    })
    [found] = records["hypothesis"]
    assert found["label"].startswith("“") and "border" in found["label"] and "went missing" not in found["label"]


def test_a_harm_done_to_the_perpetrator_is_the_response_not_the_incident():
    from counterclaim.attribution.forms import harms_the_perpetrator

    # BASIL 2017 58f414e5-a122-49f5-819e-512d91069da5_3 (HuffPost): the police shot the assailant, not the victims
    assert hits("The assailant, who authorities have identified as 66-year-old James T. Hodgkinson of Belleville, "
                "Illinois, was shot by police and later died of his injuries at a hospital.") == []
    # BASIL 2014 ed8c136f-8d44-4c83-ad05-0dcfc3a0c54a_1 (HuffPost): a victim's, so the police are the doer
    assert hits("Attorney General Eric Holder said Wednesday that the “eyes of the nation and the world” are on this "
                "small suburb of St. Louis where an unarmed teenager was shot and killed by police earlier this month.",
                kind="reported", name="Attorney General Eric Holder") == [
        ("police", "reports", "Attorney General Eric Holder", "passive")]
    # FNC-1 Body ID 533: the active form, whose object is the gunman
    text = "The heroic sergeant-at-arms who shot dead a lone gunman in Canada's Parliament on Wednesday"
    at = text.index("shot dead") + len("shot")
    assert harms_the_perpetrator(text, text.index("shot"), at, "act")
    assert not harms_the_perpetrator("a gunman who shot dead a guard", 13, 17, "act")


def test_a_document_that_calls_the_story_a_hoax_denies_what_it_reports(tmp_path):
    """Openings of fnc1:549, fnc1:575, fnc1:1695 and fnc1:2233 (hefner-death-hoax-2014, dev): three pass the death
    story on while calling it fake; the one that tells it straight carries it."""
    records = case_records(tmp_path, {
        "a.txt": "Hugh Hefner was presumed to be dead of natural causes, Sunday, December 28, 2014. Well, that’s the "
                 "story which was given from a fake sub-medium of NBC called NBCToday.co.\n\nThough the story is fake, it "
                 "spread like wildfire, seemingly without anyone bothering to research the issue himself or herself.\n",
        "b.txt": "Sunday night Facebook went crazy with Hugh Hefner dead rumors — but RumorFix can tell you they are not "
                 "true.\n\nA bogus website with the url — nbctoday.co — published a story on Sunday with the headline: "
                 "“Breaking: Playboy Tycoon Hugh Hefner Passes Away at Age of 88.”\n",
        "c.txt": "Hugh Hefner, Founder and chief creative officer of Playboy Enterprises, was found dead of natural causes "
                 "Sunday morning at his home, the Playboy Mansion, in the Holmby Hills neighborhood of Los Angeles, "
                 "according to Los Angeles police officer Jimmy N. Gardner. He was 88.\n",
        "d.txt": "Uh oh. A report recently went wild on the internet that 88-year-old ‘Playboy’ founder Hugh Hefner had "
                 "died of natural causes on Dec. 28. Is Hugh really gone for good?\nOh no! Is Hugh Hefner dead? A "
                 "shocking report went viral on the internet claiming that the Playboy tycoon had passed away of natural "
                 "causes at his home in the Playboy Mansion.\n\nHugh Hefner Dead? New Death Hoax Spread On Internet\n",
    })
    [death] = [h for h in records["hypothesis"] if h["label"].startswith("“")]
    assert "Hefner" in death["label"] and re.search(r"passed away|found dead", death["label"])
    stances = {s["doc_id"]: s["stance"] for s in records["hypothesis_stance"] if s["hypothesis_id"] == death["id"]}
    assert (stances["b"], stances["c"], stances["d"]) == ("denies", "reports", "denies")


def test_a_story_called_made_up_is_named_as_its_source_calls_it(tmp_path):
    # fnc1:287 (nhl-las-vegas-expansion-2014, dev), its first paragraphs: "a complete fabrication" proposes that the
    # story is false; the hypothesis says so in Bettman's word, its canonical cause ("hoax") kept as its actor.
    text = ("BOUCHERVILLE, Que. - Gary Bettman has vehemently denied the NHL is considering expansion.\n\nBut the "
            "commissioner said if it ever does, prospective owners may have to pay up big time.\n\nSports Business News "
            "reported via Twitter last week the NHL will expand into Las Vegas, Seattle, and Quebec City while adding a "
            "second franchise in Toronto by 2017.\nOn Wednesday, Bettman called the report a \"complete fabrication,\" "
            "and took issue with the franchise fees cited in the story — US$1.4 billion, or $350 million per team.\n")
    [made_up] = [h for h in case_records(tmp_path / "nhl", {"cp.txt": text})["hypothesis"] if h["actors"] == ["hoax"]]
    assert made_up["label"] == "fabrication" and made_up["statement"] == "The story is false or made up (fabrication)"


def test_an_outlet_s_short_verdict_calls_the_story_false():
    from counterclaim.attribution.reported import verdicts

    texts = {
        "snopes": "Claim: An aerial photograph shows a giant 50-foot crab off the coast of Whitstable, UK.\n\n"
                  "PROBABLY FALSE\n",  # fnc1:489 (crabzilla-whitstable-2014, dev), its rating
        "mashable": "And why not—it's internet gold! Also, as it turns out, not even remotely true.\n",  # fnc1:697
        # a saying, a quotation and a long sentence with a word of falsity are not the outlet's verdict
        "said": "Crystal stated that the story wasn’t true.\n",  # fnc1:549 (hefner-death-hoax-2014, dev)
        "quoted": "\"I had a good giggle about it - it's ridiculous,\" he said, adding that it \"is definitely not real.\"\n",
        "long": "Apple has denied TechCrunch's claims that Beats Music is being shut down, saying the report \"is not "
                "true.\"\n",  # fnc1:1845 (beats-music-shutdown-2014, dev)
        "fabricated": "Fortunately, the entire story is fabricated.\n",  # fnc1:549 (hefner-death-hoax-2014, dev)
        "in passing": "The fake Twitter account has since been suspended.\n",  # fnc1:2449 (bonet-cosby-tweet-2014, dev)
    }
    assert verdicts(texts) == {"snopes", "mashable", "fabricated"}


def test_a_source_in_an_as_clause_is_not_the_subject_it_precedes(tmp_path):
    # fnc1:697 (argentina-werewolf-godson-2014, dev): The Guardian tells it; "Jewish werewolf-hood" has no part
    text = ("While, yes, seventh sons and daughters in Argentina are eligible to become the godson or goddaughter "
            "(read: not the adopted child) of the country's president, as The Guardian points out, Jewish "
            "werewolf-hood has no part in the tradition.\n")
    assert not case_records(tmp_path / "as", {"mashable.txt": text})["hypothesis"]


def test_the_one_named_doer_is_who_the_others_call_the_gunman(tmp_path):
    """The first paragraphs of BASIL 2017 58f414e5_2 and _3 (scalise-baseball-shooting-2017, dev): one names the
    assailant, the other only says "a gunman had opened fire"; the gunman is the one person named as the doer."""
    texts = {
        "nyt.txt": "Shooting Brings Rare Comity to the Capital, but Will It Last?\n\nWASHINGTON — The lawmakers trotted "
                   "from their dugouts at Nationals Park, together in a near-summer air that never quite felt swampy, "
                   "united in a certainty that the game must go on, just not exactly as it had before.\n\nA day earlier, "
                   "on another ball field some seven miles southwest, a gunman had opened fire on members of the "
                   "Republican congressional baseball team, striking four people — including Steve Scalise, the "
                   "majority whip of the House of Representatives — who were there for a practice.\n",
        "hpo.txt": "GOP Whip Steve Scalise, Others Shot At Early Morning Baseball Practice\n\nWASHINGTON ―House Majority "
                   "Whip Steve Scalise (R-La.) was still in critical condition on Thursday after a lone gunman opened fire "
                   "Wednesday morning on a group of Republican lawmakers practicing for a congressional baseball game.\n\n"
                   "Six people, including two congressmen, two police officers, a congressional aide and a lobbyist, were "
                   "injured in the attack in an Alexandria, Virginia, park. The assailant, who authorities have "
                   "identified as 66-year-old James T. Hodgkinson of Belleville, Illinois, was shot by police and later "
                   "died of his injuries at a hospital.\n",
    }
    records = case_records(tmp_path / "scalise", texts)
    [doer] = [h for h in records["hypothesis"] if h["label"] == "James T. Hodgkinson"]
    told = next(s for s in records["hypothesis_stance"] if s["doc_id"] == "nyt" and s["hypothesis_id"] == doer["id"])
    assert (told["stance"], told["read_by"]) == ("asserts", "mentions")
    assert "a gunman had opened fire" in told["evidence"][0]["quote"]


def test_a_cause_is_named_as_its_sources_call_it(tmp_path):
    # allsides:6059/center's first paragraphs (colonial-pipeline-hack-2021, dev): "ransomware" proposes the hacker
    # cause; the hypothesis carries the sources' word, its canonical cause kept as its actor
    text = ("U.S. Pipeline Shutdown Exposes Cyber Threat to Energy Sector\n\nThe ransomware attack that forced the "
            "closure of the largest U.S. fuel pipeline this weekend showed how cybercriminals pose a far-reaching threat "
            "to the aging, vulnerable infrastructure that keeps the nation’s energy moving.\n\nColonial Pipeline Co. "
            "closed its entire 5,500-mile conduit carrying gasoline and other fuels from the Gulf Coast to the New York "
            "metro area Friday as it moved to contain an assault that involved ransomware, code that holds computer "
            "systems hostage.\n")
    [cause] = case_records(tmp_path / "colonial", {"wsj.txt": text})["hypothesis"]
    assert (cause["label"], cause["actors"], cause["statement"]) == ("ransomware", ["hacker"], "The cause was ransomware")


def test_a_record_called_authentic_denies_the_hoax(tmp_path):
    """Sentences of FNC-1 training bodies 2235, 2345 and 1009 (ferguson-brown-audio-2014, dev): a CNN analyst calls
    the recording a hoax; Glide says the audiotape was genuine, which rejects the hoax although it never names it;
    CNN's "could not independently verify whether it was authentic" asks, it rejects nothing."""
    records = case_records(tmp_path, {
        "mediaite.txt": "CNN analyst Tom Fuentes also doubted its authenticity: “When I heard this yesterday, I "
                        "thought the exact same thing: it’s a hoax.”\n",
        "mail.txt": "Glide, an app which provides a real-time video texting service, said on Thursday that the "
                    "audiotape was genuine and that it was now in the hands of the FBI\n",
        "wapo.txt": "CNN aired the tape but cautioned that it could not independently verify whether it was "
                    "authentic.\n",
        "ibt.txt": "A previously unverified audio recording that allegedly captures the final moments of Michael "
                   "Brown’s life has been verified as authentic, according to the video streaming application it was "
                   "recorded on.\n",
        # Not from the story: doubt before it, and "genuine" said of no record, reject nothing
        "doubt.txt": "Police have not confirmed that the tape is genuine.\n",
        "mayor.txt": "It was a genuine tragedy for the town, the mayor said.\n",
    })
    [hoax] = [h for h in records["hypothesis"] if h["label"] == "hoax"]
    stances = {s["doc_id"]: s for s in records["hypothesis_stance"] if s["hypothesis_id"] == hoax["id"]}
    docs = {d: s["stance"] for d, s in stances.items()}
    assert sorted(docs.values()) == ["absent", "absent", "absent", "denies", "denies", "reports"]
    denials = [s for s in stances.values() if s["stance"] == "denies"]
    assert sorted(e["alias"] for s in denials for e in s["evidence"]) == ["authentic", "genuine"]
    assert "genuine" not in hoax["seen"]
