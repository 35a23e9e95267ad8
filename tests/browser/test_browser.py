"""The report and the workbench in real headless Chromium: views, edits, 409, hostile input."""

from __future__ import annotations

import re

import pytest

from counterclaim.report import render_report
from counterclaim.report.highlight import anchor

from ..test_report import hostile_case  # noqa: F401  (a shared fixture)
from .conftest import Server, Watch, wait_parsed

PAYLOAD_MARKER = "() => [window.__pwned, document.title]"


@pytest.fixture(scope="module")
def report_file(crocus_case, tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "crocus.html"
    path.write_text(render_report(crocus_case, lazy=True), encoding="utf-8")  # as a large case is written
    return path


@pytest.fixture(scope="module")
def static_report(crocus_case, tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "crocus-static.html"
    path.write_text(render_report(crocus_case), encoding="utf-8")  # a small case: plain markup
    return path


def test_static_render_is_complete_before_any_script_runs(browser, static_report, crocus_case, shots):
    """A screenshot or print taken at once (scripts blocked) shows narratives, sources and undated documents."""
    ctx = browser.new_context(java_script_enabled=False, viewport={"width": 1400, "height": 900})
    page = ctx.new_page()
    page.goto(static_report.as_uri(), wait_until="domcontentloaded")
    assert page.locator("noscript.lazy").count() == 0
    docs = crocus_case.documents()
    assert page.locator("table.sources tbody tr").count() == len(docs)
    texts = page.locator("#narratives .text").all_inner_texts()
    assert len(texts) == len(docs) and all(t.strip() for t in texts)
    # every narrative column is on the page without scrolling sideways, and the sources table fits 1,400 px
    assert page.evaluate("document.documentElement.scrollWidth") <= 1400
    widths = page.locator("table.sources").evaluate("t => [t.parentNode.scrollWidth, t.parentNode.clientWidth]")
    assert widths[0] <= widths[1]
    page.screenshot(path=shots / "report-static.png", full_page=True)
    ctx.close()


def test_static_render_with_scripts_on_is_complete_at_once_and_in_print(context, static_report, crocus_case):
    page = context.new_page()
    watch = Watch(page, ("file:", "data:", "about:"))
    page.goto(static_report.as_uri(), wait_until="domcontentloaded")
    assert page.locator("#narratives .text").count() == len(crocus_case.documents())
    page.emulate_media(media="print")
    assert all(t.strip() for t in page.locator("#narratives .text").all_inner_texts())
    assert watch.errors == []


@pytest.fixture
def server(crocus_copy):
    crocus_copy.store.engine.dispose()
    with Server(crocus_copy.location) as srv:
        yield srv


# --------------------------------------------------------------------------- the offline report


def test_report_opens_offline_and_links_lead_to_sentences(context, report_file, shots):
    page = context.new_page()
    watch = Watch(page, ("file:", "data:", "about:"))
    page.goto(report_file.as_uri())
    assert page.title().endswith("counterclaim report")
    wait_parsed(page)
    assert page.locator("noscript.lazy").count() == 0
    page.screenshot(path=shots / "report-overview.png")
    for section in ("narratives", "conflicts", "figures", "stances", "ach", "timeline", "techniques"):
        page.click(f'nav a[href="#{section}"]')
        assert page.evaluate("location.hash") == f"#{section}"
        page.screenshot(path=shots / f"report-{section}.png")
    # A click on a highlight opens its finding card in the side panel.
    panel = page.locator("#panel")

    def open_card(highlight):
        """Click a highlight; its card is drawn once the data is unpacked (asynchronously)."""
        highlight.click()
        panel.locator(f'.card blockquote a[href="{highlight.get_attribute("href")}"]').wait_for()

    open_card(page.locator("#narratives a.hl").first)
    assert panel.is_visible() and panel.locator(".card blockquote").inner_text().startswith("“")
    page.screenshot(path=shots / "report-finding.png")
    # A figure inside a claim opens the claim's card, drawn from data: its links lead to sentences that exist.
    open_card(page.locator("#narratives a.hl.k-quantity").first)
    links = panel.locator(".card a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert len(links) > 1 and all(page.locator(href).count() == 1 for href in links)
    assert panel.locator("dd", has_text=re.compile(r"\d")).count()  # the figure, listed in the claim it sits in
    page.screenshot(path=shots / "report-finding-figure.png")
    # Two quick clicks in different columns: the panel ends on the second, whichever unpacks last.
    page.reload()
    wait_parsed(page)
    first, second = page.locator("#narratives .column:nth-child(1) a.hl").first, \
        page.locator("#narratives .column:nth-child(2) a.hl").first
    first.click()
    second.click()
    panel.locator(f'.card blockquote a[href="{second.get_attribute("href")}"]').wait_for()
    page.wait_for_timeout(300)
    assert panel.locator(".card blockquote a").get_attribute("href") == second.get_attribute("href")
    # A number in the figures table leads back to its highlighted sentence.
    figure_links = page.locator('#figures td.num a')
    if figure_links.count():
        target = figure_links.first.get_attribute("href")
        figure_links.first.click()
        assert page.evaluate("location.hash") == target
        assert page.locator(f"{target}").evaluate("el => el.closest('.hl').classList.contains('flash')")
        page.screenshot(path=shots / "report-figure-to-sentence.png")
    assert watch.requests == [] and watch.errors == [] and watch.dialogs == []


def test_a_link_into_a_block_not_yet_parsed_lands_on_its_sentence(context, report_file, crocus_case):
    """A followed #anchor parses the block holding it first: here on DOMContentLoaded, before background parsing."""
    last = crocus_case.documents()[-1]
    target = anchor(crocus_case.claims(last.id)[-1].id)
    page = context.new_page()
    watch = Watch(page, ("file:", "data:", "about:"))
    page.goto(f"{report_file.as_uri()}#{target}", wait_until="domcontentloaded")
    run = page.locator(f"#{target}").locator("xpath=ancestor-or-self::a[contains(@class, 'hl')][1]")
    assert run.evaluate("el => el.classList.contains('flash')")
    assert run.is_visible() and run.inner_text().strip() in last.text
    assert watch.errors == []


def test_printing_parses_every_block_at_once(context, report_file):
    page = context.new_page()
    watch = Watch(page, ("file:", "data:", "about:"))
    page.goto(report_file.as_uri(), wait_until="domcontentloaded")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")  # before background parsing starts
    assert page.locator("noscript.lazy").count() == 0
    wait_parsed(page)  # the background pass still ends, with nothing left to parse
    assert watch.errors == []


def test_report_reads_without_javascript(browser, report_file, crocus_case, shots):
    ctx = browser.new_context(java_script_enabled=False, viewport={"width": 1440, "height": 900})
    page = ctx.new_page()
    page.goto(report_file.as_uri())
    texts = page.locator("#narratives .text").all_inner_texts()
    assert len(texts) == len(crocus_case.documents())
    for text, doc in zip(texts, crocus_case.documents()):
        assert doc.text.split("\n")[0].strip() in text
    page.locator("#figures").scroll_into_view_if_needed()
    page.screenshot(path=shots / "report-nojs.png")
    ctx.close()


# --------------------------------------------------------------------------- the workbench


def test_workbench_views_correction_undo_and_reload(context, server, crocus_copy, shots):
    page = context.new_page()
    watch = Watch(page, (server.url, "data:", "about:"))
    page.goto(server.url + "/")
    page.screenshot(path=shots / "app-overview.png")
    for link, name in (("Narratives", "narratives"), ("Conflicts", "conflicts"), ("Figures", "figures"),
                       ("Stances", "stances"), ("Hypotheses", "hypotheses"), ("ACH", "ach"), ("Entities", "entities")):
        page.click(f"header nav >> text={link}")
        page.wait_for_load_state()
        assert page.url.endswith("/" + name)
        page.screenshot(path=shots / f"app-{name}.png", full_page=False)

    doc_id = next(d.id for d in crocus_copy.documents() if crocus_copy.claims(d.id))
    claim = crocus_copy.claims(doc_id)[0]
    page.goto(f"{server.url}/doc/{doc_id}")
    page.screenshot(path=shots / "app-document.png")
    card = page.locator(f'article.card:has(input[name="annotation_id"][value="{claim.id}"])')
    card.locator('input[name="note"]').fill("browser test: not in the source")
    card.locator('button[value="delete"]').click()
    page.wait_for_load_state()
    assert page.locator("#notice").inner_text() == "Extraction marked as false."
    page.reload()
    assert page.locator(f'input[name="annotation_id"][value="{claim.id}"]').count() == 0  # persisted
    page.screenshot(path=shots / "app-after-delete.png")

    page.goto(server.url + "/edits")
    assert "browser test: not in the source" in page.locator("table.audit").inner_text()
    page.screenshot(path=shots / "app-audit.png")
    page.locator("table.audit button", has_text="Undo").first.click()
    page.wait_for_load_state()
    page.goto(f"{server.url}/doc/{doc_id}")
    assert page.locator(f'input[name="annotation_id"][value="{claim.id}"]').count() == 1
    assert watch.errors == [] and watch.requests == []


def test_two_tabs_second_save_is_refused(context, server, crocus_copy, shots):
    quantity = next(q for q in crocus_copy.annotations("quantity") if q.value is not None)
    url = f"{server.url}/doc/{quantity.doc_id}"
    tabs = [context.new_page(), context.new_page()]
    for tab in tabs:
        tab.goto(url)
    forms = [tab.locator(f'article.card:has(input[name="annotation_id"][value="{quantity.id}"]) form') for tab in tabs]
    forms[0].locator('input[name="value"]').fill("145")
    forms[0].locator('button[value="set"]').click()
    tabs[0].wait_for_load_state()
    assert tabs[0].locator("#notice").inner_text() == "Saved."

    forms[1].locator('input[name="value"]').fill("999")
    with tabs[1].expect_response(lambda r: r.url.endswith("/correct")) as response:
        forms[1].locator('button[value="set"]').click()
    assert response.value.status == 409
    notice = tabs[1].locator("#notice")
    assert notice.is_visible() and "changed by someone else" in notice.inner_text()
    tabs[1].screenshot(path=shots / "app-conflict-409.png")
    tabs[0].reload()
    field = tabs[0].locator(f'article.card:has(input[name="annotation_id"][value="{quantity.id}"]) input[name="value"]')
    assert float(field.input_value()) == 145


def test_ach_rating_persists(context, server, shots):
    page = context.new_page()
    page.goto(server.url + "/ach")
    selects = page.locator("table.ach select[name=rating]")
    if not selects.count():
        pytest.skip("no ACH matrix in this case")
    cell = selects.first
    current = cell.input_value()
    new = "II" if current != "II" else "CC"
    form_id = cell.evaluate("el => el.form.querySelector('[name=evidence]').value + '|' + el.form.querySelector('[name=hypothesis]').value")
    cell.select_option(new)  # app.js submits on change
    page.wait_for_url(re.compile(r"done=rated"))
    page.reload()
    evidence, hypothesis = form_id.split("|")
    again = page.locator(f'form:has(input[name=evidence][value="{evidence}"]):has(input[name=hypothesis][value="{hypothesis}"]) select')
    assert again.input_value() == new
    page.screenshot(path=shots / "app-ach-rated.png")


# --------------------------------------------------------------------------- hostile articles


def _assert_nothing_ran(page, watch):
    pwned, title = page.evaluate(PAYLOAD_MARKER)
    assert pwned is None, f"payload {pwned} executed"
    assert title != "PWNED"  # the payload sets it to exactly this; the escaped title text may contain it
    assert watch.dialogs == [], watch.dialogs
    assert page.locator('a[href^="javascript:" i], [onerror], [onload], [onmouseover], iframe, img').count() == 0


def _poke(page):
    """Hover and click what a reader would: highlights, links, the text of hostile URLs."""
    for locator in (page.locator(".text").first, page.locator("a.hl").first, page.locator(".mono.small").first):
        if locator.count():
            locator.hover()
            locator.click(no_wait_after=True)


def test_hostile_report_and_pages_run_nothing(context, hostile_case, tmp_path, shots):  # noqa: F811
    path = tmp_path / "hostile.html"
    path.write_text(render_report(hostile_case), encoding="utf-8")
    page = context.new_page()
    watch = Watch(page, ("file:", "data:", "about:"))
    page.goto(path.as_uri())
    wait_parsed(page)  # every lazy block is now markup
    _poke(page)
    _assert_nothing_ran(page, watch)
    assert "<script>window.__pwned=30" in page.locator("#overview").inner_text()  # visible, as text
    page.screenshot(path=shots / "hostile-report.png")
    assert watch.requests == []

    hostile_case.store.engine.dispose()
    with Server(hostile_case.location) as srv:
        page = context.new_page()
        watch = Watch(page, (srv.url, "data:", "about:"))
        for path in ["/", "/narratives", "/figures", "/timeline", "/entities"] + \
                [f"/doc/{d.id}" for d in hostile_case.documents()]:
            page.goto(srv.url + path)
            _poke(page)
            _assert_nothing_ran(page, watch)
        page.screenshot(path=shots / "hostile-app-document.png")
        assert watch.requests == [], watch.requests
