"""Consistency: a document's stated publication date against the dates it reports."""

from __future__ import annotations

from counterclaim.model import DateMention, Warning
from tests.conftest import ICWP, OAKKE
from tests.test_dates import analyse_text, analysed

NOTE = "Moscow attack\n\nThe following article was published on January 18, 2024 by the group.\n\n"


def warnings(ctx) -> list[Warning]:
    return ctx.get(Warning)


def test_past_event_after_publication_is_flagged():
    ctx = analyse_text(NOTE + "The attack on March 22, 2024 killed 137 people at the concert hall.")
    (warning,) = warnings(ctx)
    event = next(m for m in ctx.get(DateMention) if m.text == "March 22, 2024")
    note = next(m for m in ctx.get(DateMention) if m.role == "publication")
    assert warning.code == "publication_date_anachronism" and warning.severity == "warning"
    assert (warning.start, warning.end) == (event.start, event.end)
    assert warning.related_ids == [event.id, note.id]
    assert "2024-01-18" in warning.message and "2024-03-22" in warning.message
    assert f"{event.start}-{event.end}" in warning.message  # both offsets: the event's and the note's
    meta = next(m for m in ctx.document.meta_spans if m.kind == "note")
    assert f"{meta.start}-{meta.end}" in warning.message


def test_offset_from_a_stated_date_can_be_an_anachronism():
    ctx = analyse_text(NOTE + "Two days after the March 22, 2024 attack, police arrested the four gunmen.")
    found = {ctx.text[w.start:w.end]: w for w in warnings(ctx)}
    assert set(found) == {"Two days after the March 22, 2024 attack", "March 22, 2024"}
    assert "2024-03-24" in found["Two days after the March 22, 2024 attack"].message


def test_future_and_year_less_dates_are_not_anachronisms():
    ctx = analyse_text(NOTE + "Elections will be held on March 17, 2025. "
                              "On March 22 gunmen killed 137 people. Two weeks ago police warned of attacks.")
    assert warnings(ctx) == []
    # a year-less date reported as past is read in the past: its year cannot contradict the publication date
    march = next(m for m in ctx.get(DateMention) if m.text == "March 22")
    assert march.year_inferred and march.value.year == 2023


def test_no_publication_date_no_warnings():
    ctx = analyse_text("The attack on March 22, 2024 killed 137 people.", name="undated.txt")
    assert ctx.document.published is None
    assert warnings(ctx) == []


def test_icwp_year_taken_from_the_file_name():
    ctx = analysed(str(ICWP))
    (warning,) = warnings(ctx)
    dateline = next(m for m in ctx.get(DateMention) if m.role == "dateline")
    assert (warning.code, warning.severity) == ("publication_year_inferred", "info")
    assert warning.related_ids == [dateline.id]
    assert ctx.text[warning.start:warning.end].startswith("March 27")
    assert "2024-03-27" in warning.message


def test_explicit_dateline_year_is_not_flagged():
    ctx = analyse_text("Attack\n\nMOSCOW, March 23, 2024 (Reuters) - Gunmen killed 137 people.", name="wire.txt")
    assert ctx.document.published is not None and ctx.document.published.isoformat() == "2024-03-23"
    assert warnings(ctx) == []


def test_oakke_text_alone_dates_nothing_after_its_stated_publication():
    """OAKKE says it was published on 2024-01-18 yet reports the 22 March 2024 attack. Its own
    text dates nothing after January 2024: the attack, Peskov's statement and Putin's speech are
    undated there ("a few hours after the Kremlin's announcement", "until yesterday"), and its
    "in January" Iran massacre is consistent with the stated date. The anachronism shows only
    against the other documents (ICWP dates the attack March 22), which is a case-level check."""
    ctx = analysed(str(OAKKE))
    published = ctx.document.published
    assert published is not None and published.isoformat() == "2024-01-18"
    dated = [m for m in ctx.get(DateMention) if m.role == "event" and m.value is not None]
    assert dated and all(m.value <= published for m in dated)
    assert warnings(ctx) == []


def test_oakke_anachronism_is_flagged_across_documents(crocus_case):
    """With ICWP in the case, OAKKE's reports of the attack align with ICWP's 'March 22' attack."""
    (warning,) = [w for w in crocus_case.warnings("oakke-2024") if w.code == "publication_date_anachronism"]
    text = crocus_case.document("oakke-2024").text
    assert warning.severity == "warning"
    assert "Publication date 2024-01-18 (editorial note) precedes" in warning.message
    assert "icwp-2024-03-27 dates 2024-03-22 ('March 22' at 113-121)" in warning.message
    # The warning sits on the first claim that reports the attack as past ("Once again Putin slaughters his own
    # people", a who-did-it fact aligned with ICWP's); the Kremlin claim is among those it quotes.
    assert text[warning.start:warning.end].startswith("Once again Putin slaughters his own people")
    assert "'The Kremlin is using the terrorist attack in Moscow" in warning.message
    assert "icwp-2024-03-27/d113-121" in warning.related_ids
    icwp = crocus_case.document("icwp-2024-03-27").text
    assert icwp[113:121] == "March 22"
    assert not [w for w in crocus_case.warnings("icwp-2024-03-27") if w.code == "publication_date_anachronism"]
