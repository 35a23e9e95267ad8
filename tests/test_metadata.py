"""Metadata as pages and analysts give it (issue 17): sidecars in both namings, orphan sidecars,
re-reading changed metadata, publication dates in the forms pages carry, chrome that is no title.

Every input is made here, in a temporary folder, not taken from the demo corpus."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from counterclaim.cli import main
from counterclaim.ingest.articles import IngestError, IngestWarning, RawArticle, iter_inputs, layout

BODY = "Officials said at least 60 people were injured in the attack on Friday evening."


def read(*specs: str) -> tuple[list[RawArticle], list[IngestError], list[IngestWarning]]:
    items = list(iter_inputs(list(specs)))
    return ([i for i in items if isinstance(i, RawArticle)],
            [i for i in items if isinstance(i, IngestError) and not isinstance(i, IngestWarning)],
            [i for i in items if isinstance(i, IngestWarning)])


# --------------------------------------------------------------------------- sidecars


@pytest.mark.parametrize("sidecar", ["01.meta.json", "01.txt.meta.json"])
def test_both_sidecar_namings_are_read(tmp_path, sidecar):
    (tmp_path / "01.txt").write_text(f"Toll rises\n\n{BODY}")
    (tmp_path / sidecar).write_text(json.dumps({"outlet": "Example Times", "published": "2024-03-23"}))
    (art,), errors, warnings = read(str(tmp_path))
    assert not errors and not warnings
    assert (art.outlet, art.published) == ("Example Times", date(2024, 3, 23))
    assert art.published_source == f"given ({sidecar})"
    (art,), _, _ = read(str(tmp_path / "01.txt"))  # the file named alone finds its sidecar too
    assert art.outlet == "Example Times"


def test_full_name_sidecar_wins_and_the_other_is_reported(tmp_path):
    (tmp_path / "01.txt").write_text(f"Toll rises\n\n{BODY}")
    (tmp_path / "01.meta.json").write_text(json.dumps({"outlet": "Stem"}))
    (tmp_path / "01.txt.meta.json").write_text(json.dumps({"outlet": "Full"}))
    (art,), errors, (warning,) = read(str(tmp_path))
    assert art.outlet == "Full" and not errors
    assert warning.source.endswith("01.meta.json") and "01.txt.meta.json" in warning.reason


def test_orphan_sidecar_is_reported_by_name(tmp_path):
    (tmp_path / "01.txt").write_text(f"Toll rises\n\n{BODY}")
    (tmp_path / "02.meta.json").write_text(json.dumps({"outlet": "Nobody"}))
    arts, errors, (warning,) = read(str(tmp_path))
    assert len(arts) == 1 and not errors
    assert warning.source.endswith("02.meta.json") and "matches no input" in warning.reason
    _, _, (warning,) = read(str(tmp_path / "*"))  # a glob that matches the sidecar itself
    assert warning.source.endswith("02.meta.json")
    result = CliRunner().invoke(main, ["analyze", str(tmp_path), "--case", str(tmp_path / "case")])
    assert result.exit_code == 0, result.output  # a warning, not a failed input
    assert "02.meta.json" in result.output and "matches no input" in result.output


def test_changed_sidecar_updates_the_document_and_what_depends_on_it(tmp_path):
    from counterclaim import Case

    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "01.txt").write_text(f"Toll rises\n\n{BODY}")
    with Case(tmp_path / "case") as case:
        first = case.analyze([str(corpus)])
        assert first.added == ["01"] and case.document("01").outlet is None
        fingerprints = {k: case.store.get_meta(k) for k in ("stage.align.fingerprint",)}
        again = case.analyze([str(corpus)])
        assert again.unchanged == ["01"] and not again.updated
        (corpus / "01.meta.json").write_text(json.dumps({"outlet": "Example Times", "published": "2024-03-23"}))
        changed = case.analyze([str(corpus)])
        assert changed.updated == ["01"] and not changed.unchanged
        doc = case.document("01")
        assert (doc.outlet, doc.published) == ("Example Times", date(2024, 3, 23))
        assert case.store.document_status()["01"][0] == "analysed"  # re-analysed with the new date
        assert {k: case.store.get_meta(k) for k in fingerprints} != fingerprints  # case stages re-ran
        assert case.analyze([str(corpus)]).unchanged == ["01"]


def test_cli_summary_counts_changed_metadata(tmp_path):
    (tmp_path / "01.txt").write_text(f"Toll rises\n\n{BODY}")
    args = ["analyze", str(tmp_path / "01.txt"), "--case", str(tmp_path / "case")]
    CliRunner().invoke(main, args)
    (tmp_path / "01.meta.json").write_text(json.dumps({"title": "A better title"}))
    result = CliRunner().invoke(main, args)
    assert "1 with changed metadata" in result.output.replace("\n", " ")


# --------------------------------------------------------------------------- publication dates

RETRIEVED = date(2025, 5, 20)


@pytest.mark.parametrize(
    "line, when, ambiguous",
    [
        ("Published: Feb 10, 2023 08:07 PM", date(2023, 2, 10), False),  # not October
        ("Created: 07-03-2023 21:10 IST", date(2023, 3, 7), False),  # IST: day first
        ("Posted on 10/02/2023", date(2023, 10, 2), True),  # no evidence: month first, marked ambiguous
        ("Published: 13/02/2023", date(2023, 2, 13), False),  # a day > 12 decides
        ("Stand: 26.09.2023 14:05 Uhr", date(2023, 9, 26), False),
        ("Stand: 03.04.2023", date(2023, 4, 3), False),  # German label: day first
        ("Updated 16.05.2025", date(2025, 5, 16), False),
        ("Mis à jour le 12 mars 2024 à 10h05", date(2024, 3, 12), False),
        ("Publié le 05/04/2024", date(2024, 4, 5), False),  # French label: day first
        ("Actualizado: 15 de marzo de 2024 10:05 CET", date(2024, 3, 15), False),
        ("2023-02-10T20:07:00Z", date(2023, 2, 10), False),
        ("By Jane Doe | Posted 3 hours ago", date(2025, 5, 20), False),
        ("Updated: 2 days ago", date(2025, 5, 18), False),
    ],
)
def test_publication_date_forms(line, when, ambiguous):
    text = f"Toll rises in Moscow\n{line}\n\n{BODY}"
    found = layout(text, "page.txt", retrieved=RETRIEVED)
    assert found.published == when, found.published_source
    assert found.published_ambiguous is ambiguous
    span = next(s for s in found.spans if s.kind == "date")
    assert text[span.start:span.end] in line and span.date == when
    assert found.published_source  # where the date came from is kept


def test_day_month_order_from_the_outlet_country_and_another_date_of_the_page():
    text = f"Toll rises\nCreated: 07-03-2023 21:10\n\n{BODY}"
    assert layout(text, "p.txt").published_ambiguous
    assert layout(text, "p.txt", country="in").published == date(2023, 3, 7)
    assert layout(text, "p.txt", country="us").published == date(2023, 7, 3)
    both = f"Toll rises\nCreated: 07-03-2023 21:10\nUpdated: 15-03-2023\n\n{BODY}"
    found = layout(both, "p.txt")
    assert found.published == date(2023, 3, 7) and not found.published_ambiguous


def test_relative_age_needs_a_retrieval_date(tmp_path):
    text = f"Toll rises\nPosted 3 hours ago\n\n{BODY}"
    assert layout(text, "p.txt").published is None
    (tmp_path / "01.txt").write_text(text)
    (tmp_path / "01.meta.json").write_text(json.dumps({"retrieved": "2025-05-20", "url": "https://example.co.uk/a"}))
    (art,), errors, _ = read(str(tmp_path))
    assert not errors and art.published == date(2025, 5, 20) and art.retrieved == date(2025, 5, 20)


def test_sidecar_url_country_decides_day_month_order(tmp_path):
    (tmp_path / "01.txt").write_text(f"Toll rises\nCreated: 07-03-2023 21:10\n\n{BODY}")
    (tmp_path / "01.meta.json").write_text(json.dumps({"url": "https://www.example.in/news/1"}))
    (art,), _, _ = read(str(tmp_path))
    assert art.published == date(2023, 3, 7) and not art.published_ambiguous
    assert "outlet country in" in art.published_source


def test_tass_dateline_after_title_and_caption():
    text = ("Russia says something\nA photo caption: people at the scene\n\n"
            "MOSCOW, October 18. /TASS/. The ministry said 12 people were detained on Tuesday.")
    found = layout(text, "tass.txt", retrieved=RETRIEVED)
    dateline = next(s for s in found.spans if s.kind == "dateline")
    assert (dateline.place, dateline.wire, dateline.date) == ("MOSCOW", "TASS", date(2024, 10, 18))
    assert found.published == date(2024, 10, 18) and "year from retrieval date" in found.published_source


def test_json_record_dates_and_retrieval(tmp_path):
    record = {"text": f"Toll rises\nPosted 2 days ago\n\n{BODY}", "retrieved": "2025-05-20"}
    (tmp_path / "a.json").write_text(json.dumps(record))
    (art,), errors, _ = read(str(tmp_path / "a.json"))
    assert not errors and art.published == date(2025, 5, 18)


# --------------------------------------------------------------------------- titles


@pytest.mark.parametrize("chrome", ["Trending", "All news", "loading…", "Facts", "https://example.com/news/1"])
def test_page_chrome_is_never_a_title(chrome):
    found = layout(f"{chrome}\n\n{BODY}", "p.txt")
    assert found.title is None
    found = layout(f"{chrome}\nToll rises in Moscow\n\n{BODY}", "p.txt")
    assert found.title == "Toll rises in Moscow"


def test_a_line_of_related_links_is_metadata_not_content():
    # FNC-1 competition_test_bodies.csv Body ID 1276 (the label glued to the first headline) and the
    # "SEE ALSO:" of train_bodies.csv Body ID 687; "Related to this," opens a sentence, not links.
    links = "RelatedNorth Korea: Runaway soldier kills four Chinese civiliansChina mourns 36 people killed"
    text = (f"Toll rises in Moscow\n\n{BODY}\n\n{links}\n\nSEE ALSO: Two killed in crash\n\n"
            "Related to this, police said three people were injured.")
    found = layout(text, "p.txt")
    related = [s.text for s in found.spans if s.kind == "related"]
    assert related == [links, "SEE ALSO: Two killed in crash"]
    assert not any(s.kind == "dateline" and s.text.startswith("SEE") for s in found.spans)


def test_a_related_label_alone_heads_a_list_of_links():
    # FNC-1 train_bodies.csv Body ID 600 (boko-haram-ceasefire-2014, dev), abridged: the list ends where a sentence does
    lines = ["Nigeria says reaches deal with Boko Haram over abducted girls Reuters",
             "Nigeria, extremists agree to immediate cease-fire Associated Press"]
    text = (f"Toll rises in Moscow\n\n{BODY}\n\nRelated Stories\n\n" + "\n".join(lines)
            + "\nChief of Defence Staff Air Marshal Alex Badeh told senior military officials that a \"ceasefire "
              "agreement\" had been concluded.\n")
    related = [s.text for s in layout(text, "p.txt").spans if s.kind == "related"]
    assert related == ["Related Stories", *lines]


def test_chrome_html_title_falls_back_to_the_text(tmp_path):
    page = ("<html><head><title>Trending</title></head><body><article><h1>Toll rises</h1><p>"
            + BODY * 4 + "</p></article></body></html>")
    (tmp_path / "a.html").write_text(page)
    (art,), errors, _ = read(str(tmp_path / "a.html"))
    assert not errors and art.title != "Trending"


def test_no_title_is_said(tmp_path):
    (tmp_path / "01.txt").write_text(f"Trending\n\n{BODY}")
    CliRunner().invoke(main, ["analyze", str(tmp_path / "01.txt"), "--case", str(tmp_path / "case")])
    listing = CliRunner().invoke(main, ["documents", "--case", str(tmp_path / "case")])
    assert "no title found" in listing.output
