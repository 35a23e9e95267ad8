"""The offline HTML report: exact text, working anchors, CSP, no network, inert hostile input."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from counterclaim.report import CaseView, render_report
from counterclaim.report.highlight import Span, anchor, runs
from counterclaim.report.render import packed_data, safe_url, utf16_offsets

HOSTILE = Path(__file__).parent / "data" / "hostile"


class Page(HTMLParser):
    """What a browser would build from the markup, reduced to what the tests check."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []  # executable scripts' text
        self.data: list[str] = []  # <script type="application/gzip"> blocks' text (inert data)
        self.styles: list[str] = []
        self.texts: list[str] = []  # content of each <div class="text">, tags stripped
        self._in: str | None = None
        self._depth = 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.elements.append((tag, a))
        if a.get("id"):
            self.ids.add(a["id"])
        if tag in ("a", "link", "area") and a.get("href") is not None:
            self.hrefs.append(a["href"])
        if tag == "style":
            self._in = tag
        if tag == "script":
            self._in = "data" if a.get("type") == "application/gzip" else "script"
        if self._depth:
            self._depth += 1
        elif tag == "div" and "text" in (a.get("class") or "").split():
            self._depth = 1
            self.texts.append("")

    def handle_endtag(self, tag: str) -> None:
        if self._depth:
            self._depth -= 1
        self._in = None if tag in ("script", "style") else self._in

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            self.scripts.append(data)
        elif self._in == "data":
            self.data.append(data)
        elif self._in == "style":
            self.styles.append(data)
        elif self._depth:
            self.texts[-1] += data


def inert_problems(html: str, own_scripts: int = 1) -> list[str]:
    """Anything in a page through which article content could run script or load a resource."""
    page = Page(html)
    problems = []
    for tag, attrs in page.elements:
        for name, value in attrs.items():
            if name.startswith("on"):
                problems.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action", "formaction", "xlink:href") and value and \
                    re.match(r"\s*(javascript|data|vbscript):", value, re.IGNORECASE):
                problems.append(f"<{tag} {name}={value[:40]!r}>")
        if tag in ("iframe", "img", "object", "embed", "base", "meta") and not (
                tag == "meta" and set(attrs) <= {"charset", "name", "content", "http-equiv"}
                and attrs.get("http-equiv") in (None, "Content-Security-Policy")):
            problems.append(f"<{tag}>")
    scripts = [(t, a) for t, a in page.elements if t == "script" and a.get("type") != "application/gzip"]
    if len(scripts) != own_scripts:
        problems.append(f"{len(scripts)} script elements, expected {own_scripts}")
    for block in page.data:  # data blocks: base64 of gzipped JSON, so nothing that could end the element early
        if not re.fullmatch(r"[A-Za-z0-9+/]*={0,2}", block):
            problems.append(f"a data block that is not base64: {block[:40]!r}")
        unpack(block)
    # With scripting on, a lazy block is raw text up to the first "</noscript": it must be exactly our block.
    markup = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.DOTALL | re.IGNORECASE)
    if len(re.findall(r"<noscript\b", markup, re.IGNORECASE)) != len(re.findall(r"</noscript", markup, re.IGNORECASE)):
        problems.append("a lazy block's text holds a <noscript> tag")
    for raw in re.findall(r'<noscript class="lazy">(.*?)</noscript', markup, re.DOTALL | re.IGNORECASE):
        if re.search(r"<noscript", raw, re.IGNORECASE):
            problems.append("a lazy block nested in another")
    return problems


def unpack(block: str) -> object:
    """A data block's value, as report.js reads it."""
    return json.loads(gzip.decompress(base64.b64decode(block, validate=True)))


# --------------------------------------------------------------------------- highlighting


def test_runs_split_overlapping_and_nested_spans():
    text = "Officials said 137 people were killed on March 22."
    claim = Span(0, 50, "claim", "d/c0-50")
    figure = Span(15, 37, "quantity", "d/q15-37")
    date = Span(41, 49, "date", "d/d41-49")
    speaker = Span(0, 9, "speaker", "d/c0-50")
    overlap = Span(30, 44, "technique", "d/t30-44")  # crosses the figure's end and the date's start
    out = runs(text, [date, claim, overlap, figure, speaker, Span(60, 70, "claim", "outside")])
    assert "".join(r.text for r in out) == text
    by_text = {r.text: r for r in out}
    assert by_text["Officials"].kinds == ["speaker", "claim"]
    assert by_text[" killed"].kinds == ["quantity", "technique", "claim"]
    assert by_text[" killed"].primary.id == "d/q15-37"  # a figure wins the click over a wider technique
    assert by_text[" on "].kinds == ["technique", "claim"]
    assert [s.id for r in out for s in r.starts] == ["d/c0-50", "d/c0-50", "d/q15-37", "d/t30-44", "d/d41-49"]


def test_anchor_ids_never_collide():
    ids = ["doc/q1-2", "doc_2fq1-2", "doc_/q1-2", "doc q1-2", "dóc/q1-2", "doc/q1_2"]
    anchors = [anchor(i) for i in ids]
    assert len(set(anchors)) == len(ids)
    assert all(re.fullmatch(r"ann-[A-Za-z0-9_-]+", a) for a in anchors)


@pytest.mark.parametrize("url, ok", [
    ("https://example.org/a?b=1", True), ("http://example.org", True), ("javascript:alert(1)", False),
    (" JaVaScRiPt:alert(1)", False), ("data:text/html,<script>", False), ("//evil.example/x", False),
    ("vbscript:x", False), ("https:evil", False), (None, False),
])
def test_only_web_links_become_links(url, ok):
    assert (safe_url(url) is not None) == ok


# --------------------------------------------------------------------------- the report on the bundled case


@pytest.fixture(scope="module")
def crocus_report(crocus_case) -> str:
    return render_report(crocus_case)


def test_report_shows_each_text_exactly(crocus_case, crocus_report):
    page = Page(crocus_report)
    docs = crocus_case.documents()
    assert page.texts == [d.text for d in docs]


def test_every_finding_is_anchored_and_every_link_resolves(crocus_case, crocus_report):
    page = Page(crocus_report)
    view = CaseView(crocus_case, compact=True)
    for f in view.findings.values():
        assert f.anchor in page.ids and view.card_of(f.id) in page.ids, f.id
    internal = [h[1:] for h in page.hrefs if h.startswith("#")]
    assert internal and not [h for h in internal if h not in page.ids]
    for m in view.measures:  # every plotted number leads back to its sentence
        for p in m.points:
            assert f'href="#{p.finding.anchor}"' in crocus_report


def test_a_figure_is_shown_in_its_claim_or_else_its_sentence(crocus_case):
    view = CaseView(crocus_case, compact=True)
    points = {p.finding.quote: p for m in view.measures for p in m.points}
    # "137" sits in a claim: the claim is what it says
    killed = next(p for q, p in points.items() if q == "137")
    assert view.context(killed.finding.item) == view.findings[view.claim_of(killed.finding.item).id].quote
    # "Two weeks ago, US officials warned Russia ...": no claim holds the duration, so its sentence does
    two = points["Two"]
    assert view.claim_of(two.finding.item) is None
    assert view.context(two.finding.item).startswith("Two weeks ago, US officials warned Russia that")


def test_cards_are_data_that_lead_to_their_sentences(crocus_case, crocus_report):
    page = Page(crocus_report)
    view = CaseView(crocus_case, compact=True)
    docs = crocus_case.documents()
    assert len(page.data) == len(docs)
    for doc, block, text in zip(docs, page.data, page.texts):
        cards = unpack(block)
        assert set(cards) == {f.anchor for f in view.doc_findings(doc.id)}
        for key, card in cards.items():
            assert key in page.ids
            start, end = card["at"]  # UTF-16 offsets; these texts are all in the BMP
            assert text[start:end] == view.findings[next(f.id for f in view.doc_findings(doc.id) if f.anchor == key)].quote
            links = [p[1] for _, parts in card["r"] for p in parts if isinstance(p, list) and p[0] in ("a", "q")]
            assert all(link in page.ids for link in links), key


@pytest.mark.parametrize("text", ["</script><script>alert(1)</script>", "</SCRIPT >", "<!--<script>", "a\u2028b\u2029c & d"])
def test_packed_data_cannot_leave_its_script_element(text):
    out = packed_data({"q": text, text: [text]})
    assert re.fullmatch(r"[A-Za-z0-9+/]*={0,2}", out)
    assert unpack(out) == {"q": text, text: [text]}
    assert packed_data({"q": text}) == packed_data({"q": text})  # no timestamp: the same case, the same report


def test_card_offsets_count_like_javascript():
    text = "a😀b😀c"  # each emoji is two UTF-16 code units
    js = utf16_offsets(text)
    assert [js(i) for i in range(len(text) + 1)] == [0, 1, 3, 4, 6, 7]


def test_report_is_self_contained_under_its_csp(crocus_report):
    page = Page(crocus_report)
    csp = next(a["content"] for t, a in page.elements if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "'unsafe-inline'" not in csp
    for body, directive in ((page.scripts, "script-src"), (page.styles, "style-src")):
        assert len(body) == 1
        digest = base64.b64encode(hashlib.sha256(body[0].encode()).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in csp
    # Nothing to fetch: no external stylesheet, script, image, font or frame.
    assert not [a for t, a in page.elements if a.get("src") or (t == "link")]
    assert "@import" not in page.styles[0] and "url(" not in page.styles[0]
    assert not inert_problems(crocus_report)


def test_sections_render_with_data_or_an_empty_state(crocus_report):
    for section in ("overview", "narratives", "conflicts", "figures", "stances", "ach", "timeline", "techniques"):
        assert f'id="{section}"' in crocus_report
    assert "What ACH can and cannot tell you" in crocus_report


def test_cli_report_writes_one_file(crocus_case, tmp_path):
    from counterclaim.cli import main

    out = tmp_path / "crocus.html"
    result = CliRunner().invoke(main, ["report", "--case", crocus_case.location, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")


# --------------------------------------------------------------------------- hostile input


@pytest.fixture(scope="session")
def hostile_case(tmp_path_factory):
    from counterclaim import Case

    case = Case(tmp_path_factory.mktemp("hostile"))
    result = case.analyze([str(HOSTILE)])
    assert result.ok and len(case.documents()) == 3, result.errors
    yield case
    case.close()


def test_hostile_articles_render_inert(hostile_case):
    html = render_report(hostile_case, lazy=True)  # the lazy blocks must hold hostile text too
    assert not inert_problems(html)
    page = Page(html)
    assert page.texts == [d.text for d in hostile_case.documents()]  # shown, as text
    assert "&lt;script&gt;window.__pwned=30" in html  # the hostile title, escaped
    assert 'href="javascript:' not in html.lower()
