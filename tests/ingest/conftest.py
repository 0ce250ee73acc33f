"""Helpers for the ingest tests: run iter_articles and split articles from failures."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from rashomon.config import Limits
from rashomon.ingest import iter_articles
from rashomon.model import Article, Failure

Ingest = Callable[..., tuple[list[Article], list[Failure]]]

# Invented report used across the tests (three paragraphs, curly quotes, a dash).
STORY = (
    "Floodwater reached the lower town of Merrow Bay on Thursday night, the harbour office said.\n"
    "\n"
    "“We moved forty families before midnight,” said harbour master Ines Calloway. "
    "About 300 homes were without power on Friday morning.\n"
    "\n"
    "The regional council – which had promised new barriers in 2021 – said repairs would take "
    "at least three weeks.\n"
)

PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Merrow Bay flood: families moved overnight | The Tidewater Gazette</title>
<meta name="author" content="Priya Holloway">
<meta property="og:site_name" content="The Tidewater Gazette">
<meta property="og:title" content="Merrow Bay flood: families moved overnight">
<meta property="article:published_time" content="2024-04-17T08:30:00+00:00">
<link rel="canonical" href="https://tidewater.example/news/merrow-bay-flood">
</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
<article>
<h1>Merrow Bay flood: families moved overnight</h1>
<p>Floodwater reached the lower town of Merrow Bay on Thursday night, the harbour office said,
after the river rose faster than forecast.</p>
<p>“We moved forty families before midnight,” said harbour master Ines Calloway. About 300 homes
were without power on Friday morning, according to the grid operator.</p>
<p>The regional council, which had promised new barriers in 2021, said repairs to the sea wall
would take at least three weeks and asked residents to avoid the promenade.</p>
</article>
<footer><p>© 2024 The Tidewater Gazette. All rights reserved.</p>
<p>Subscribe to our newsletter for daily updates.</p></footer>
</body>
</html>
"""


@pytest.fixture
def ingest() -> Ingest:
    """Run iter_articles and return (articles, failures)."""

    def run(
        sources: Iterable[str | Path], limits: Limits | None = None
    ) -> tuple[list[Article], list[Failure]]:
        items = list(iter_articles(sources, limits=limits))
        articles = [i for i in items if isinstance(i, Article)]
        failures = [i for i in items if isinstance(i, Failure)]
        assert len(articles) + len(failures) == len(items)
        return articles, failures

    return run


@pytest.fixture(scope="session")
def story() -> str:
    """An invented three-paragraph report."""
    return STORY


@pytest.fixture(scope="session")
def page() -> str:
    """An invented news page with navigation and footer around the article."""
    return PAGE
