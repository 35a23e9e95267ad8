"""Ingestion: formats, metadata, datelines, and hostile or broken input."""

from __future__ import annotations

import http.server
import io
import json
import threading
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from counterclaim.cli import main
from counterclaim.ingest.articles import IngestError, RawArticle, iter_inputs, text_layout

from .conftest import CORPUS, ICWP, OAKKE


def articles(*specs: str, **kw) -> tuple[list[RawArticle], list[IngestError]]:
    items = list(iter_inputs(list(specs), **kw))
    return [i for i in items if isinstance(i, RawArticle)], [i for i in items if isinstance(i, IngestError)]


def test_bundled_icwp_dateline_and_title():
    (art,), errors = articles(str(ICWP))
    assert not errors
    assert art.title == "US-Russia War Heats Up"
    assert art.outlet == "ICWP"  # from the .meta.json sidecar
    assert art.published == date(2024, 3, 27)
    assert art.published_source == "dateline (year from file name)"
    dateline = next(m for m in art.extra_meta if m.kind == "dateline")
    assert art.text[dateline.start:dateline.end] == "March 27—"
    assert dateline.year_inferred


def test_bundled_oakke_publication_note():
    (art,), _ = articles(str(OAKKE))
    assert art.published == date(2024, 1, 18)
    assert art.published_source == "editorial note"
    note = next(m for m in art.extra_meta if m.kind == "note")
    assert art.text[note.start:note.end].startswith("The following article was published on")
    assert art.text[note.start:note.end].endswith("in the Greek Language")


@pytest.mark.parametrize(
    "line, place, when, wire",
    [
        ("MOSCOW, March 23 (Reuters) - Russia said on Saturday", "MOSCOW", date(2024, 3, 23), "Reuters"),
        ("MOSCOW (AP) — The death toll rose", "MOSCOW", None, "AP"),
        ("KYIV, 24 March 2024 -- Ukraine denied", "KYIV", date(2024, 3, 24), None),
    ],
)
def test_wire_datelines(line, place, when, wire):
    text = f"Headline here\n\n{line}. More text follows here."
    _, spans, published, _ = text_layout(text, "report-2024.txt")
    dateline = next(s for s in spans if s.kind == "dateline")
    assert (dateline.place, dateline.date, dateline.wire) == (place, when, wire)
    assert published == when


def test_no_dateline_in_ordinary_prose():
    _, spans, published, _ = text_layout("Title\n\nThe US government claims that ISIS was behind it.", "x.txt")
    assert [s.kind for s in spans] == ["title"]
    assert published is None


def test_html_main_text_and_metadata_scripts_removed(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        """<html><head><title>Toll rises to 137</title>
        <meta name="author" content="Jane Roe"><meta property="article:published_time" content="2024-03-24">
        <script>window.__pwned = 1; alert(1)</script></head>
        <body><nav>Home | World</nav><article><h1>Toll rises to 137</h1>
        <p>At least 137 people were killed in the attack on Crocus City Hall, officials said on Sunday.</p>
        <p>Investigators detained eleven people, including the four suspected gunmen.<img src=x onerror="alert(2)"></p>
        </article><footer>Copyright</footer></body></html>""",
        encoding="utf-8",
    )
    (art,), errors = articles(str(page))
    assert not errors
    assert "137 people were killed" in art.text
    assert "alert" not in art.text and "<script" not in art.text and "onerror" not in art.text
    assert art.title == "Toll rises to 137"
    assert art.published == date(2024, 3, 24)
    assert art.published_source == "html metadata"


def test_json_and_jsonl_records(tmp_path):
    rec = {"text": "Officials said 133 people died.", "title": "Toll", "url": "https://www.example.org/a",
           "published": "2024-03-24", "author": "A. Writer"}
    (tmp_path / "one.json").write_text(json.dumps(rec))
    (tmp_path / "many.jsonl").write_text(
        json.dumps(rec | {"text": "Officials said 143 people died."}) + "\n\nnot json\n" + json.dumps({"title": "no text"}) + "\n")
    arts, errors = articles(str(tmp_path))
    assert sorted(a.text for a in arts) == ["Officials said 133 people died.", "Officials said 143 people died."]
    assert {a.outlet for a in arts} == {"example.org"}
    assert {a.published for a in arts} == {date(2024, 3, 24)}
    reasons = sorted(f"{e.source.rsplit('/', 1)[-1]}: {e.reason}" for e in errors)
    assert reasons[0].startswith("many.jsonl:3: invalid JSON")
    assert reasons[1] == "many.jsonl:4: JSON record needs a non-empty string field 'text'"


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("empty.txt", b"   \n\n", "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file"),
        ("ctrl.txt", bytes([1, 2, 3, 4, 5, 6, 7, 8, 11, 14, 15, 16, 17, 18, 19, 20] * 40), "binary file"),
        ("notes.docx", b"PK\x03\x04 whatever", "unsupported file type '.docx'"),
    ],
)
def test_bad_files_get_one_clear_error(tmp_path, name, content, reason):
    (tmp_path / name).write_bytes(content)
    arts, (err,) = articles(str(tmp_path / name))
    assert not arts
    assert err.source.endswith(name) and err.reason.startswith(reason)


def test_too_large(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("The toll rose. " * 2000)
    _, (err,) = articles(str(big), max_bytes=10_000)
    assert err.reason.startswith("too large (30,000 bytes; limit 10,000)")


def test_legacy_encoding_is_detected(tmp_path):
    text = "Le bilan s'élève à 137 morts, selon les autorités françaises à Moscou. " * 3
    (tmp_path / "latin.txt").write_bytes(("Attentat à Moscou\n\n" + text).encode("cp1252"))
    (art,), _ = articles(str(tmp_path / "latin.txt"))
    assert "s'élève à 137 morts" in art.text


def test_stdin_and_missing_paths():
    arts, errors = articles("-", "does/not/exist.txt", stdin=io.BytesIO(b"Title\n\nOfficials said 60 were injured."))
    assert arts[0].source == "<stdin>" and arts[0].title == "Title"
    assert errors[0].source == "does/not/exist.txt" and "no such file" in errors[0].reason


def test_glob_and_folder_skip_sidecars():
    arts, errors = articles(str(CORPUS / "*.txt"))
    assert not errors and len(arts) == 2
    arts, errors = articles(str(CORPUS))
    assert not errors and sorted(Path(a.source).name for a in arts) == ["icwp-2024-03-27.txt", "oakke-2024.txt"]


def test_url_to_loopback_refused_unless_allowed(tmp_path):
    (tmp_path / "a.html").write_text("<html><head><title>Local</title></head><body><article><p>"
                                     + "The attack killed 137 people, officials said on Sunday. " * 5
                                     + "</p></article></body></html>")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **kw):
            super().__init__(*a, directory=str(tmp_path), **kw)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/a.html"
        _, (err,) = articles(url)
        assert "refusing private/loopback address 127.0.0.1" in err.reason
        (art,), errors = articles(url, allow_private=True)
        assert not errors and "killed 137 people" in art.text and art.url == url
        _, (err,) = articles(url.replace("a.html", "missing.html"), allow_private=True)
        assert err.reason == "HTTP 404"
    finally:
        server.shutdown()


def test_cli_reports_bad_file_and_keeps_going(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    good = tmp_path / "good.txt"
    good.write_text("Toll rises\n\nOfficials said at least 60 people were injured in the attack.")
    result = CliRunner().invoke(main, ["analyze", str(bad), str(good), "--case", str(tmp_path / "case")])
    assert result.exit_code == 1
    assert f"{bad}: binary file (contains NUL bytes)" in result.output.replace("\n", "")
    listing = CliRunner().invoke(main, ["documents", "--case", str(tmp_path / "case"), "--format", "json"])
    assert [d["id"] for d in json.loads(listing.output)] == ["good"]
