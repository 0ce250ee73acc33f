"""The cleaning evaluation: page dumps, segment counting, and a run on a few real pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.evaluation.cleaning import (
    CleaningPage,
    SegmentCounts,
    evaluate_html,
    evaluate_plain,
    load_pages,
    page_fold,
    render_lines,
)

PAGE = b"""<html><head><title>T</title><style>p {color: red}</style></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<script>var x = 1;</script>
<div hidden>Secret offer</div><div style="display: none">Also hidden</div>
<article><h1>Library opening hours extended</h1>
<p>The city council voted on <b>Tuesday</b> to keep the library open.</p><p>Staff agreed.</p>
</article><footer>Contact us<br>Privacy policy</footer></body></html>"""


def test_render_lines_keeps_every_visible_line() -> None:
    assert render_lines(PAGE) == [
        "Home", "News", "Library opening hours extended",
        "The city council voted on Tuesday to keep the library open.", "Staff agreed.",
        "Contact us", "Privacy policy",
    ]  # fmt: skip
    assert render_lines(b"") == []


def _page(with_: tuple[str, ...], without: tuple[str, ...]) -> CleaningPage:
    return CleaningPage(file="p.html", url="u", with_=with_, without=without, raw=PAGE,
                        lines=tuple(render_lines(PAGE)))  # fmt: skip


@pytest.mark.parametrize(
    ("kept", "present", "counts"),
    [
        # kept text, text segments must occur in to count (None: all), (tp, fn, fp, tn)
        ("Staff agreed.\nHome", None, (1, 1, 1, 1)),
        ("Staff   agreed.", None, (1, 1, 0, 2)),  # whitespace does not matter
        ("", "Staff agreed. Home", (0, 1, 0, 1)),  # segments absent from the dump do not count
    ],
)
def test_segment_counts(kept: str, present: str | None, counts: tuple[int, ...]) -> None:
    c = SegmentCounts()
    c.add("p.html", kept, _page(("Staff agreed.", "Tuesday to keep"), ("Home", "Privacy")), present)
    assert (c.tp, c.fn, c.fp, c.tn) == counts
    if c.tp:
        assert c.precision == c.tp / (c.tp + c.fp) and c.recall == c.tp / (c.tp + c.fn)


def test_folds_are_fixed_by_file_name() -> None:
    assert page_fold("a.html") == page_fold("a.html")
    assert {page_fold(f"{i}.html") for i in range(50)} == set(range(5))


def test_both_paths_on_real_pages(shared_dir: Path) -> None:
    pages = load_pages(shared_dir / "data" / "cleaning-dev", folds=(0,))[:6]
    assert pages and all(p.fold == 0 and p.lines for p in pages)
    plain = evaluate_plain(pages)
    assert plain["keep-all"].recall == 1.0  # keeping every line loses no body
    assert plain["cleaner"].precision >= plain["keep-all"].precision
    html = evaluate_html(pages)
    assert html["trafilatura"].pages == html["trafilatura+cleaner"].pages == 6
