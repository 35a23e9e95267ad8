"""Alignment reads who did it with the attribution parser (issues 14, 15): one reading for frames and hypotheses.

Sentences are quoted from the real-news dev split of ``eval/gold`` (``python scripts/gold.py text REF``),
never from the demo articles.
"""

from __future__ import annotations

import datetime as dt

from .test_align_units import Builder, _facts

D = dt.date


def test_a_false_accusation_is_a_denial_of_the_accused():
    # crocus:11: the frames used to read this as a statement with no agent
    facts = _facts("American officials have voiced concern that the Russian leader could seek to falsely blame Ukraine")
    assert ("responsible", "Ukraine", True) in facts


def test_reported_and_asserted_attributions_keep_their_voice():
    from counterclaim.across.frames import ClaimContext, facts_of
    from counterclaim.attribution.actors import AliasTable

    b = Builder()
    text = "Vladimir Putin has linked the deadliest attack in Russia for years to Ukraine"  # crocus:35
    b.doc("a", text)
    fact = next(f for f in facts_of(b.claim("a", text), ClaimContext(b.docs["a"], AliasTable.default()))
                if f.agent == "Ukraine")
    assert (fact.voice.kind, fact.voice.name, fact.negative, fact.reported) == ("reported", "Vladimir Putin", False, True)
    # Ukraine is who is blamed, not where the attack happened: no place from the agent's name
    assert "Ukraine" not in fact.anchor.countries


def test_accusation_and_false_blame_are_one_proposition():
    # crocus:35 against crocus:11: annotated as a dispute (negation) in eval/gold
    b = Builder()
    b.doc("a", "Vladimir Putin has linked the deadliest attack in Russia for years to Ukraine.", D(2024, 3, 26),
          outlet="Sky News")
    b.doc("b", "American officials have voiced concern that the Russian leader could seek to falsely blame Ukraine.",
          D(2024, 3, 23), outlet="NY times")
    linked = b.claim("a", "Vladimir Putin has linked the deadliest attack in Russia for years to Ukraine")
    falsely = b.claim("b", "to falsely blame Ukraine", stance="reports", speaker="Russian leader")
    rel = b.run().between(linked, falsely)
    assert (rel.type, rel.subtype) == ("contradict", "negation"), rel.reason
    assert "Vladimir Putin" in rel.reason


def test_rival_explanations_are_not_contradictions_unless_one_is_exclusive():
    # crocus:35 ("despite a branch of Islamic State claiming responsibility") against crocus:11
    b = Builder()
    b.doc("a", "A branch of Islamic State claimed responsibility for the attack.", D(2024, 3, 23))
    b.doc("b", "Vladimir Putin has linked the deadliest attack in Russia for years to Ukraine.", D(2024, 3, 26))
    b.doc("c", "Ukraine and no one else carried out the attack.", D(2024, 3, 26))  # constructed: exclusive
    isis = b.claim("a", b.docs["a"].text)
    linked = b.claim("b", b.docs["b"].text)
    only = b.claim("c", b.docs["c"].text)
    r = b.run()
    rival = r.between(isis, linked)
    assert rival.type == "rival" and rival.subtype is None and "rival explanations" in rival.reason
    exclusive = r.between(isis, only)
    assert (exclusive.type, exclusive.subtype) == ("contradict", "agent"), exclusive.reason
