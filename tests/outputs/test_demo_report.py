"""What `make demo` shows: the bundled example's report, opened in real headless Chromium."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.mark.model
@pytest.mark.browser
@pytest.mark.slow
def test_demo_report_shows_disputes_coverage_and_timeline(
    examples_dir: Path, tmp_path: Path
) -> None:
    if not CHROMIUM.exists():
        pytest.fail("Debian chromium missing: `make test` installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    out = tmp_path / "demo"
    proc = subprocess.run(
        [sys.executable, "-m", "rashomon", "analyze", str(examples_dir / "kresny-dam-collapse"),
         "-o", str(out)],
        capture_output=True, text=True, timeout=900,
    )
    assert proc.returncode == 0, proc.stderr
    last = proc.stderr.strip().splitlines()[-1]
    assert last == f"report: {out / 'report.html'}"  # the demo ends by naming the report
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1280, "height": 1800})
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto((out / "report.html").as_uri())
        disputes = page.locator("#disputes")
        assert disputes.is_visible()
        # Several disputes, each with at least two sides that cite evidence.
        assert page.locator("#disputes a.ev").count() >= 10
        assert "sabotage" in disputes.inner_text().lower()
        coverage_cells = page.locator("#coverage a.cellink")
        assert coverage_cells.count() >= 5
        timeline = page.locator("#timeline")
        assert "2025-06" in timeline.inner_text()
        page.screenshot(path=str(tmp_path / "demo-report.png"), full_page=False)
        # Clicking a dispute's evidence opens the article with that span highlighted.
        link = page.locator("#disputes a.ev").first
        link.click()
        mark = page.locator("#reader mark").first
        mark.wait_for(state="visible")
        start, end = int(link.get_attribute("data-start")), int(link.get_attribute("data-end"))
        marked = page.evaluate(
            "() => Array.from(document.querySelectorAll('#reader mark'))"
            ".map(e => e.textContent).join('')"
        )
        assert len(marked) == end - start > 10
        page.screenshot(path=str(tmp_path / "demo-evidence.png"))
        browser.close()
    assert all(u.startswith(("file://", "data:", "about:")) for u in requests), requests
    assert (tmp_path / "demo-report.png").stat().st_size > 20_000
