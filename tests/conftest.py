"""Shared fixtures. Tests may read ../shared (beside the checkout) but never copy it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("RASHOMON_SHARED", REPO.parent / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared data folder; required on CI, skipped locally when absent."""
    if not SHARED.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"shared data folder missing on CI: {SHARED}")
        pytest.skip(f"shared data folder not found: {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def crocus_dir(shared_dir: Path) -> Path:
    """The real example event: five scraped reports."""
    return shared_dir / "corpus" / "crocus"


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    """The bundled, invented example event."""
    return REPO / "examples"


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    """The pinned spaCy pipeline, loaded once per test session."""
    from rashomon.nlp.pipelines import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def ru_analyse():  # type: ignore[no-untyped-def]
    """Analyse a Russian text as the article stages do (metadata, natasha parse, attributions,
    quantities, dates), without the boilerplate cleaner: test texts are a sentence or two."""
    from dataclasses import replace

    from rashomon.extract.article.ru_attributions import ru_attributions
    from rashomon.extract.article.ru_quantities import extract_ru_quantities
    from rashomon.extract.article.ru_times import extract_ru_times
    from rashomon.model import Article, ArticleDoc
    from rashomon.stages.metadata import make_metadata_stage
    from rashomon.stages.nlp import SpacyStage

    meta_stage = make_metadata_stage()
    nlp_stage = SpacyStage()

    def analyse(text: str, published: str | None = None) -> ArticleDoc:
        art = Article(id=Article.make_id(text), source="t.txt", text=text, language="ru",
                      published=published)
        doc = nlp_stage(meta_stage(ArticleDoc(article=art)))
        doc = replace(doc, attributions=ru_attributions(doc))
        quantities = tuple(extract_ru_quantities(doc.parsed, article_id=doc.id,
                                                 attributions=doc.attributions))
        times = tuple(extract_ru_times(doc.id, text, body_spans=doc.body_spans(),
                                       sentences=[s.span for s in doc.sentences],
                                       published=published, parsed=doc.parsed))
        return replace(doc, quantities=quantities, times=times)

    return analyse
