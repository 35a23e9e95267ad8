"""Revisions: one authority's own figures ordered in time, told apart from rival figures and restatements.

Built on hand-made records (no spaCy) with real sentences: the Crocus City Hall feed entries in
``../shared/data/crocus_city_hall_2024_rss/crocus_rss_entries.jsonl`` (0-based line numbers given
with each), with the times of day their feed gives.
"""

from __future__ import annotations

import datetime as dt

import pytest

from counterclaim.across.align import AlignInput
from counterclaim.across.alignment import Figure, series_lines
from counterclaim.across.series import authority
from counterclaim.ingest.checks import given_stamp, given_time

from .test_align_units import Builder

D, T = dt.date, dt.datetime
# BBC, lines 2, 1 and 0: 15:07, 17:49 and 18:48 UTC on 23 March 2024.
BBC_1507 = "More than 100 people were killed when gunmen opened fire inside a packed arena before setting it alight."
BBC_1749 = "At least 133 people were killed when the attackers opened fire at a venue packed with people."
BBC_1848 = "More than a hundred people were killed in a packed concert venue in Moscow after gunmen opened fire."
# The New York Times, lines 15 (08:20 UTC) and 6 (23:03 UTC), headlines.
NYT_0820 = "Moscow Concert Hall Shooting: Russia Searches for Assailants After Attack Kills More Than 60"
NYT_2303 = "Russia Arrests 4 Suspects in Moscow Attack as Death Toll Climbs to 133"


def _timed(b: Builder, doc_id: str, at: T | None) -> None:
    b.docs[doc_id] = b.docs[doc_id].model_copy(update={"published_at": at})


def _bbc(times: bool, outlets: tuple[str, str, str] = ("BBC", "BBC", "BBC")) -> tuple:
    b = Builder()
    claims = []
    for (doc_id, text, figure, value, qualifier, at), outlet in zip(
            [("b1", BBC_1507, "More than 100", 100, "more than", T(2024, 3, 23, 15, 7)),
             ("b2", BBC_1749, "At least 133", 133, "at least", T(2024, 3, 23, 17, 49)),
             ("b3", BBC_1848, "More than a hundred", 100, "more than", T(2024, 3, 23, 18, 48))], outlets):
        b.doc(doc_id, text, D(2024, 3, 23), outlet=outlet)
        _timed(b, doc_id, at if times else None)
        claims.append(b.claim(doc_id, text, figures=[(figure, value, qualifier, "killed")]))
    return b.run(), claims


def test_a_rising_floor_from_one_outlet_ordered_by_publication_time_is_a_revision():
    r, (c1507, c1749, c1848) = _bbc(times=True)
    rel = r.between(c1507, c1749)
    assert rel.type == "revision" and rel.authority == "BBC"
    assert "ordered by publication times" in rel.reason and "15:07 UTC" in rel.reason
    # "more than a hundred" an hour after "at least 133": a less precise restatement, not a revision down.
    assert r.between(c1749, c1848).type == "compatible"


def test_without_times_same_day_floors_stay_compatible():
    r, (c1507, c1749, _) = _bbc(times=False)
    assert r.between(c1507, c1749).type == "compatible"


def test_two_outlets_at_two_times_are_rival_figures_never_a_revision():
    r, (c1507, c1749, _) = _bbc(times=True, outlets=("BBC", "Reuters", "BBC"))
    assert r.between(c1507, c1749).type == "compatible"
    assert not [x for x in r.relations if x.type == "revision"]


def test_an_update_cue_orders_same_day_figures_of_one_outlet():
    b = Builder()
    b.doc("n1", NYT_2303, D(2024, 3, 23), outlet="NY times")
    b.doc("n2", NYT_0820, D(2024, 3, 23), outlet="NY times")
    later = b.claim("n1", NYT_2303, figures=[("133", 133, "exact", "killed")])
    earlier = b.claim("n2", NYT_0820, figures=[("More Than 60", 60, "more than", "killed")])
    rel = b.run().between(earlier, later)
    assert rel.type == "revision" and "Climbs to" in rel.reason
    assert rel.reason.index("more than 60") < rel.reason.index("'133")


def test_the_kremlin_and_bare_authorities_in_russia_are_one_authority():
    # Epoch Times (line 40, 23 March) and The Moscow Times (line 32, 27 March), headlines.
    b = Builder()
    b.doc("e", "Kremlin: Death Toll Hits 133 in Moscow Concert Attack", D(2024, 3, 23), outlet="Epoch Times")
    b.doc("m", "Moscow Attack Death Toll Rises to 143", D(2024, 3, 27), outlet="The Moscow Times")
    first = b.claim("e", "Death Toll Hits 133 in Moscow Concert Attack", figures=[("133", 133, "exact", "killed")],
                    speaker="Kremlin")
    then = b.claim("m", "Moscow Attack Death Toll Rises to 143", figures=[("143", 143, "exact", "killed")],
                   speaker="Authorities")
    rel = b.run().between(first, then)
    assert rel.type == "revision" and rel.authority == "Russian state"
    assert "alias table" in rel.reason and "event placed in Russia" in rel.reason


@pytest.mark.parametrize("speaker, key", [("a Taliban spokesman", "taliban"),
                                            ("a spokesman for the Interior Ministry", "interior ministry"),
                                            ("the Interior Ministry", "interior ministry")])
def test_a_spokesperson_speaks_for_the_body_named_with_them(speaker, key):
    # The Washington Post on the Kabul mosque bombing (AllSides story 5651, left).
    text = "A bombing outside Kabul’s main mosque killed at least two Afghan civilians and left others wounded"
    b = Builder()
    b.doc("w", text, D(2021, 10, 3), outlet="Washington Post")
    b.claim("w", text, figures=[("at least two", 2, "at least", "killed")], speaker=speaker)
    inp = AlignInput(list(b.docs.values()), b.claims, b.quantities, b.dates)
    fact = next(f for f in inp.facts() if f.quantity is not None)
    who = authority(fact, inp.env())
    assert who.key == key and ("speaks for" in who.how) == ("spokesman" in speaker)


def test_published_time_is_read_only_from_a_timestamp():
    assert given_time("2024-03-23T17:49:18+00:00") == T(2024, 3, 23, 17, 49, 18)
    assert given_time("2021-10-03T08:30:00-07:00") == T(2021, 10, 3, 15, 30)  # kept in UTC
    assert given_time("2024-03-23") is None and given_time("March 23, 2024") is None
    assert given_stamp("2024-03-23T23:03:05+00:00", "x") == (D(2024, 3, 23), T(2024, 3, 23, 23, 3, 5))


def test_series_lines_follow_one_authority_in_time():
    r, (c1507, c1749, _) = _bbc(times=True)
    rel = r.between(c1507, c1749)

    def fig(claim, figure, at):
        return Figure(doc_id=claim.doc_id, outlet="BBC", published=at.date(), as_of=at.date(), as_of_time=at,
                      as_of_note="", figure=figure, low=None, high=None, quantity_id=claim.id + "/q",
                      claim_id=claim.id, quote=claim.text, event="e")
    lines = series_lines([fig(c1749, "at least 133 killed", T(2024, 3, 23, 17, 49)),
                          fig(c1507, "more than 100 killed", T(2024, 3, 23, 15, 7))], [rel])
    assert lines == ["Series of BBC: more than 100 killed (2024-03-23 15:07 UTC, BBC) → at least 133 killed "
                     "(2024-03-23 17:49 UTC, BBC)."]


def test_a_series_lists_its_steps_not_every_pair_of_its_figures():
    """surfside-condo-collapse-2021 (dev): Miami-Dade officials' toll went 1 → 24 → 60; the gold and the analyst
    read two steps, not also the jump from 1 to 60. Another authority's series is its own."""
    from collections import defaultdict

    from counterclaim.across.align import _skips_a_step
    from counterclaim.across.relations import Verdict

    steps = defaultdict(set, {("Miami-Dade", "c1"): {"c24", "c60"}, ("Miami-Dade", "c24"): {"c60"},
                              ("Fox News", "f1"): {"f60"}})

    def revision(who: str, earlier: str, later: str) -> Verdict:
        return Verdict("revision", "", 0.8, authority=who, steps=(earlier, later))
    assert _skips_a_step(revision("Miami-Dade", "c1", "c60"), steps)
    assert not _skips_a_step(revision("Miami-Dade", "c1", "c24"), steps)
    assert not _skips_a_step(revision("Miami-Dade", "c24", "c60"), steps)
    assert not _skips_a_step(revision("Fox News", "f1", "f60"), steps)
