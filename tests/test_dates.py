"""Dates: the bundled articles' date expressions resolved against their publication dates.

The helpers here run only the document stages these tests need (``analysed``), so the date,
figure and consistency tests stay fast and independent of the later stages.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import pytest

from counterclaim import stages  # noqa: F401  (registers the stages)
from counterclaim.document.dates import resolve
from counterclaim.document.nlp import load
from counterclaim.ingest.articles import iter_inputs, read_text, to_document
from counterclaim.model import DateMention
from counterclaim.pipeline import DocContext, registry
from tests.conftest import ICWP, OAKKE

STAGES = ("nlp", "dates", "quantities", "consistency")


def run_stages(document) -> DocContext:
    ctx = DocContext(document=document, doc=load()(document.text))
    for name in STAGES:
        ctx.add(registry.get(name).fn(ctx))
    return ctx


@lru_cache(maxsize=None)
def analysed(path: str) -> DocContext:
    """A bundled article (with its sidecar metadata) through the stages up to consistency."""
    (article,) = iter_inputs([path])
    return run_stages(to_document(article, set()))


def analyse_text(text: str, name: str = "article.txt") -> DocContext:
    """Text read as a plain-text file called ``name`` (datelines, notes, file-name dates apply)."""
    return run_stages(to_document(read_text(text, name), set()))


def by_text(ctx: DocContext) -> dict[str, DateMention]:
    return {m.text: m for m in ctx.get(DateMention)}


def test_icwp_dates():
    ctx = analysed(str(ICWP))
    assert ctx.document.published == dt.date(2024, 3, 27)
    found = by_text(ctx)
    assert set(found) == {"March 27", "March 22", "five days after Putin’s re-election", "March 25",
                          "Two weeks ago", "9/11", "October 1917"}
    for m in found.values():
        assert ctx.text[m.start:m.end] == m.text

    dateline = found["March 27"]
    assert (dateline.role, dateline.value, dateline.year_inferred) == ("dateline", dt.date(2024, 3, 27), True)

    attack = found["March 22"]
    assert (attack.value, attack.precision, attack.year_inferred, attack.relative, attack.role) == (
        dt.date(2024, 3, 22), "day", True, False, "event")
    assert found["March 25"].value == dt.date(2024, 3, 25) and found["March 25"].year_inferred

    # "weeks ago" is approximate: the best estimate with day precision and a low confidence
    weeks = found["Two weeks ago"]
    assert (weeks.value, weeks.precision, weeks.relative, weeks.confidence) == (dt.date(2024, 3, 13), "day", True, 0.5)
    assert "2024-03-27" in weeks.anchor

    nine_eleven = found["9/11"]
    assert (nine_eleven.value, nine_eleven.precision, nine_eleven.year_inferred) == (dt.date(2001, 9, 11), "day", False)
    october = found["October 1917"]
    assert (october.value, october.precision, october.year_inferred) == (dt.date(1917, 10, 1), "month", False)


def test_event_anchored_date_is_derived_from_the_dated_event():
    """'This massacre took place five days after Putin's re-election': the massacre is the
    'March 22 terrorist attack', so the re-election was 2024-03-17."""
    m = by_text(analysed(str(ICWP)))["five days after Putin’s re-election"]
    assert (m.value, m.anchor_date, m.relative, m.precision) == (
        dt.date(2024, 3, 22), dt.date(2024, 3, 17), True, "day")
    assert "Putin’s re-election = 2024-03-17" in m.anchor and "'March 22' (offset 113)" in m.anchor
    assert m.confidence is not None and m.confidence < 0.9


def test_oakke_dates():
    ctx = analysed(str(OAKKE))
    assert ctx.document.published == dt.date(2024, 1, 18)
    found = by_text(ctx)
    assert set(found) == {"January\xa018, 2024", "today", "1999", "2002", "the last decades",
                          "a few hours after the Kremlin's announcement", "yesterday", "the last fifteen years",
                          "January"}
    note = found["January\xa018, 2024"]
    assert (note.role, note.value, note.year_inferred) == ("publication", dt.date(2024, 1, 18), False)
    assert found["today"].role == "other"  # "today's technical means"
    assert (found["1999"].value, found["1999"].precision) == (dt.date(1999, 1, 1), "year")
    assert (found["2002"].value, found["2002"].precision) == (dt.date(2002, 1, 1), "year")
    assert (found["yesterday"].value, found["yesterday"].relative) == (dt.date(2024, 1, 17), True)

    # "in January", read against the stated (wrong) publication date: January 2024, year inferred
    january = found["January"]
    assert (january.value, january.precision, january.year_inferred, january.relative) == (
        dt.date(2024, 1, 1), "month", True, False)

    fifteen = found["the last fifteen years"]
    assert (fifteen.value, fifteen.precision, fifteen.period_end, fifteen.relative) == (
        dt.date(2009, 1, 1), "year", dt.date(2024, 1, 18), True)

    decades = found["the last decades"]
    assert decades.value is None and decades.relative

    # the Kremlin's announcement is dated nowhere in the text: keep the offset and anchor, never invent
    hours = found["a few hours after the Kremlin's announcement"]
    assert (hours.value, hours.anchor_date) == (None, None)
    assert hours.anchor == "the Kremlin's announcement (date unknown); a few hours after it"


def test_anchor_that_is_itself_a_date():
    ctx = analyse_text("The following article was published on April 2, 2024.\n\n"
                       "Two days after the March 22 attack, the toll rose. "
                       "The siege took place three days before the March 22 attack.")
    found = by_text(ctx)
    after = found["Two days after the March 22 attack"]
    assert (after.value, after.anchor_date) == (dt.date(2024, 3, 24), dt.date(2024, 3, 22))
    before = found["three days before the March 22 attack"]
    assert (before.value, before.anchor_date) == (dt.date(2024, 3, 19), dt.date(2024, 3, 22))


def test_partial_and_relative_dates():
    ctx = analyse_text("Kyiv attack\n\nMOSCOW, March 23 (Reuters) - Gunmen opened fire on Saturday. "
                       "Last year the group attacked, and in the 1990s too. Police said so yesterday. "
                       "In December the group said it would strike.", name="reuters-2024.txt")
    found = by_text(ctx)
    assert found["March 23"].role == "dateline"
    assert ctx.document.published == dt.date(2024, 3, 23)
    assert found["Saturday"].value == dt.date(2024, 3, 23) and found["Saturday"].relative
    assert (found["Last year"].value, found["Last year"].precision) == (dt.date(2023, 1, 1), "year")
    assert (found["the 1990s"].value, found["the 1990s"].precision) == (dt.date(1990, 1, 1), "decade")
    assert found["yesterday"].value == dt.date(2024, 3, 22)
    # a year-less month reported as past in a March article is last December, not next
    assert (found["December"].value, found["December"].year_inferred) == (dt.date(2023, 12, 1), True)


def test_ranges_modifiers_and_narrative_offsets():
    ctx = analyse_text("The following article was published on April 2, 2024.\n\n"
                       "Gunmen attacked on March 22-23. Between March 1 and March 5 police warned. "
                       "In early 2023 and mid-March 2023 they trained. Two years later the attack happened.")
    found = by_text(ctx)
    assert (found["March 22-23"].value, found["March 22-23"].precision) == (dt.date(2024, 3, 22), "day")
    assert found["Between March 1 and March 5"].value == dt.date(2024, 3, 1)  # a range is dated by its start
    assert (found["early 2023"].value, found["early 2023"].precision) == (dt.date(2023, 1, 1), "year")
    assert (found["mid-March 2023"].value, found["mid-March 2023"].precision) == (dt.date(2023, 3, 1), "month")
    # "later" counts from an event in the story, not from publication
    assert found["Two years later"].value is None and found["Two years later"].relative


def test_no_publication_date_resolves_nothing_relative():
    ctx = analyse_text("Gunmen attacked on March 22. Two weeks ago police warned. It began on 5 May 2023.",
                       name="undated.txt")
    assert ctx.document.published is None
    found = by_text(ctx)
    assert found["March 22"].value is None and found["Two weeks ago"].value is None
    assert found["5 May 2023"].value == dt.date(2023, 5, 5)


@pytest.mark.parametrize("text, base, expected", [
    ("March 25", dt.date(2024, 3, 27), (dt.date(2024, 3, 25), "day")),
    ("October 1917", None, (dt.date(1917, 10, 1), "month")),
    ("1999", dt.date(2024, 1, 18), (dt.date(1999, 1, 1), "year")),
    ("March 25", None, None),
])
def test_resolve(text, base, expected):
    assert resolve(text, base) == expected


def test_date_mentions_survive_serialisation():
    m = by_text(analysed(str(ICWP)))["five days after Putin’s re-election"]
    assert DateMention.model_validate(m.model_dump(mode="json")) == m


def test_governing_verb_ends_at_a_verbless_root():
    """A clause with no verb up to its root has none (this once looped forever: a generated article hung)."""
    from counterclaim.document.dates import governing_verb, is_past

    doc = load()("Moscow, March 22, 2024.")
    assert doc[0].dep_ == "ROOT" and doc[0].pos_ not in ("VERB", "AUX")
    assert governing_verb(doc[2]) is None and is_past(doc[2:4]) is False


def test_a_copyright_year_is_page_chrome_not_a_date():
    # The closing lines of fnc1:1705 (afghan-soldiers-canada-2014) and fnc1:1977 (jihadi-john-airstrike-2014), dev
    ctx = analyse_text("The police officer duo told officials they just wanted a better life. They will be returning to "
                       "Afghanistan.\n\n© 2014 CBS Interactive Inc. All Rights Reserved.\n\n(Reporting by Michael Holden; "
                       "editing by Andrew Hay)\n\nThis article originally appeared at Reuters. Copyright 2014. Follow "
                       "Reuters on Twitter.")
    assert by_text(ctx) == {}
