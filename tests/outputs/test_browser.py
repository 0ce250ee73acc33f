"""Real headless Chromium: click evidence in the report and the viewer, prove payloads stay inert.

Uses the system Chromium (``/usr/bin/chromium``; ``make browser`` installs it) through
Playwright, never a downloaded browser.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rashomon.model import Article
from rashomon.outputs.report import write_report
from sample_event import HOSTILE_CLAIM, HOSTILE_TEXT, bidi_event, hostile_event, sample_event

pytestmark = pytest.mark.browser

CHROMIUM = Path(os.environ.get("RASHOMON_CHROMIUM", "/usr/bin/chromium"))
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
CAR_DECK = ("Bluewake Lines said the fire started on the car deck, where a passenger's van "
            "caught fire.")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists() and not shutil.which("chromium"):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} missing on CI (run `make browser`)")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


class Watch:
    """Everything a page does that a test may want to forbid: dialogs, requests, errors."""

    def __init__(self, page: Any) -> None:
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", self._dialog)
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def remote(self, allowed: tuple[str, ...]) -> list[str]:
        return [u for u in self.requests if not u.startswith(allowed)]


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    p = context.new_page()
    yield p
    context.close()


def _mark_text(page: Any, expected: str | None = None) -> str:
    """The highlighted text in the reader, once it equals ``expected`` (hashchange is async)."""
    js = "() => Array.from(document.querySelectorAll('#reader mark'))" \
         ".map(e => e.textContent).join('')"
    if expected is not None:
        # On timeout, fall through: the caller's assertion then shows the real text.
        with contextlib.suppress(Exception):
            page.wait_for_function(f"expected => ({js})() === expected", arg=expected,
                                   timeout=5000)
    return str(page.evaluate(js))


def test_report_click_evidence_highlights_sentence(page: Any, tmp_path: Path) -> None:
    report = write_report(sample_event(), tmp_path / "report.html")
    watch = Watch(page)
    page.goto(report.as_uri())
    link = page.locator("#disputes a.ev", has_text="on the car deck").first
    link.click()
    reader = page.locator("#reader")
    reader.wait_for(state="visible")
    mark = page.locator("#reader mark#hl")
    assert mark.is_visible()
    assert _mark_text(page, CAR_DECK) == CAR_DECK
    # Scrolled into view inside the reader, not just present.
    box = mark.bounding_box()
    assert box is not None and 0 <= box["y"] < 900
    assert page.locator("#reader-outlet").text_content() == "Tamsel Gazette"
    page.screenshot(path=str(tmp_path / "report-evidence.png"))
    assert (tmp_path / "report-evidence.png").stat().st_size > 10_000
    # Escape closes the reader; a deep link opens it again on the same span.
    page.keyboard.press("Escape")
    reader.wait_for(state="hidden")
    href = link.get_attribute("href")
    page.goto(report.as_uri() + href)
    page.locator("#reader mark").first.wait_for(state="visible")
    assert _mark_text(page, CAR_DECK) == CAR_DECK
    # A coverage cell opens the outlet's own sentence for that claim.
    page.keyboard.press("Escape")
    cell = page.locator("#coverage a.cellink").first
    cell.click()
    start, end = int(cell.get_attribute("data-start")), int(cell.get_attribute("data-end"))
    page.locator("#reader mark").first.wait_for(state="visible")
    assert len(_mark_text(page)) == end - start > 20
    assert watch.remote(("file://",)) == []
    assert watch.errors == [] and watch.dialogs == []


def test_report_print_layout_hides_reader(page: Any, tmp_path: Path) -> None:
    report = write_report(sample_event(), tmp_path / "report.html")
    page.goto(report.as_uri() + "#src=nonexistent")
    page.emulate_media(media="print")
    assert page.locator("nav.toc").is_hidden()
    assert page.locator("#disputes a.ev").first.is_visible()
    pdf = page.pdf(path=str(tmp_path / "report.pdf"))
    assert len(pdf) > 10_000


def test_report_payloads_never_execute(page: Any, tmp_path: Path) -> None:
    report = write_report(hostile_event(), tmp_path / "hostile.html")
    watch = Watch(page)
    page.goto(report.as_uri())
    # Open every piece of evidence in the hostile report, payload spans included.
    links = page.locator(f'a.ev[data-article="{Article.make_id(HOSTILE_TEXT)}"]')
    assert links.count() >= 4
    for i in range(links.count()):
        links.nth(i).click()
        page.locator("#reader").wait_for(state="visible")
        page.keyboard.press("Escape")
        page.locator("#reader").wait_for(state="hidden")
    page.wait_for_timeout(200)
    assert watch.dialogs == []
    injected = page.evaluate(
        """() => ({
            img: document.querySelectorAll('img').length,
            handlers: Array.from(document.querySelectorAll('*')).filter(
                e => Array.from(e.attributes).some(a => a.name.startsWith('on'))).length,
            scripts: document.querySelectorAll('script').length,
            svgOnload: document.querySelectorAll('svg[onload]').length,
            jsLinks: Array.from(document.querySelectorAll('[href],[src]')).filter(
                e => /^\\s*javascript:/i.test(e.getAttribute('href') || e.getAttribute('src')))
                .length,
        })"""
    )
    assert injected == {"img": 0, "handlers": 0, "scripts": 2, "svgOnload": 0, "jsLinks": 0}
    # The payload is shown as text, highlighted, character for character.
    page.locator("a.ev", has_text="<script>alert(1)</script>").first.click()
    assert _mark_text(page, "<script>alert(1)</script>") == "<script>alert(1)</script>"
    # Offsets are code points: the claim after two astral emoji is highlighted exactly.
    page.locator("a.ev", has_text=HOSTILE_CLAIM).first.click()
    assert _mark_text(page, HOSTILE_CLAIM) == HOSTILE_CLAIM
    page.screenshot(path=str(tmp_path / "report-hostile.png"))
    assert watch.errors == []
    assert watch.remote(("file://",)) == []


# --------------------------------------------------------------------------------------------
# The viewer, served by uvicorn on a free loopback port


@pytest.fixture(scope="module")
def viewer_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    pytest.importorskip("uvicorn")
    from rashomon.outputs.web import build_server
    from rashomon.store import write_sqlite

    db = tmp_path_factory.mktemp("viewer") / "r.db"
    write_sqlite(sample_event(), db)
    write_sqlite(hostile_event(), db)
    write_sqlite(bidi_event(), db)
    server = build_server(db, port=0)  # what `rashomon serve` runs, on a free loopback port
    server.config.log_level = "warning"
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def test_viewer_click_evidence_opens_highlighted_article(
    page: Any, viewer_url: str, tmp_path: Path
) -> None:
    watch = Watch(page)
    page.goto(viewer_url + "/")
    page.get_by_role("link", name="Ferry Aurelia fire (invented sample)").click()
    page.get_by_role("link", name="Disputes").first.click()
    page.locator("a.ev", has_text="on the car deck").first.click()
    page.wait_for_url("**/article/**")
    mark = page.locator("mark#hl")
    mark.wait_for(state="visible")
    assert mark.text_content() == CAR_DECK
    box = mark.bounding_box()
    assert box is not None and 0 <= box["y"] < 900
    page.screenshot(path=str(tmp_path / "viewer-evidence.png"))
    assert watch.remote((viewer_url,)) == []
    assert watch.errors == [] and watch.dialogs == []


def test_viewer_payloads_never_execute(page: Any, viewer_url: str, tmp_path: Path) -> None:
    watch = Watch(page)
    page.goto(viewer_url + "/")
    page.get_by_role("link", name="with a hostile report").click()
    for section in ("Disputes", "Quotes", "Timeline", "Coverage", "Entities"):
        page.get_by_role("link", name=section).first.click()
    page.goto(viewer_url + "/search?q=witness")
    page.locator("a", has_text="Evil").first.click()
    page.locator(".article-text").wait_for(state="visible")
    page.goto(viewer_url + "/search?q=" + "%3Cscript%3Ealert(9)%3C%2Fscript%3E")
    page.wait_for_timeout(200)
    assert watch.dialogs == []
    assert page.evaluate("document.querySelectorAll('img,[onerror],[onload]').length") == 0
    page.screenshot(path=str(tmp_path / "viewer-hostile.png"))
    assert watch.remote((viewer_url,)) == []


# --------------------------------------------------------------------------------------------
# Bidi: a right-to-left override in one name must not reorder the text around it

# For each needle, where its first and last characters are drawn (left edges, in px).
_EDGES_JS = """([selector, needles]) => {
  const out = [];
  for (const el of document.querySelectorAll(selector)) {
    const xs = {};
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const needle of needles) {
        const i = node.data.indexOf(needle);
        if (i < 0 || xs[needle]) continue;
        const r = document.createRange();
        r.setStart(node, i); r.setEnd(node, i + 1);
        const first = r.getBoundingClientRect().left;
        r.setStart(node, i + needle.length - 1); r.setEnd(node, i + needle.length);
        xs[needle] = [first, r.getBoundingClientRect().left];
      }
    }
    if (needles.every(n => xs[n])) out.push(xs);
  }
  return out;
}"""


def _assert_in_reading_order(page: Any, selector: str, label: str, after: str) -> None:
    """In some ``selector`` element, ``label`` then ``after`` (a name listed after the one with
    the override) are drawn left to right, each in its own character order."""
    found = page.evaluate(_EDGES_JS, [selector, [label, after]])
    assert found, f"no {selector} holds {label!r} and {after!r}"
    for xs in found:
        (l_first, l_last), (a_first, a_last) = xs[label], xs[after]
        assert l_first < l_last < a_first < a_last, (selector, xs)


def test_report_isolates_names_with_bidi_overrides(page: Any, tmp_path: Path) -> None:
    report = write_report(bidi_event(), tmp_path / "bidi.html")
    page.goto(report.as_uri())
    _assert_in_reading_order(page, "#disputes .who", "Reported by:", "Nordwire")
    _assert_in_reading_order(page, "#disputes .who", "Held by:", "Mira Olsen")
    # The reader's header names the outlet of the opened article.
    page.locator("#disputes a.ev").first.click()
    page.locator("#reader").wait_for(state="visible")
    assert page.evaluate(
        "getComputedStyle(document.querySelector('#reader-outlet')).unicodeBidi") == "isolate"
    page.screenshot(path=str(tmp_path / "report-bidi.png"))


def test_viewer_isolates_names_with_bidi_overrides(page: Any, viewer_url: str) -> None:
    page.goto(viewer_url + "/")
    page.get_by_role("link", name="with a bidi override").click()
    page.get_by_role("link", name="Disputes").first.click()
    _assert_in_reading_order(page, ".who", "Reported by:", "Nordwire")
    _assert_in_reading_order(page, ".who", "Held by:", "Mira Olsen")
