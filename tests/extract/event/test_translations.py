"""Translated relays: multilingual sentence alignment between articles of two languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rashomon.extract.event.translations import find_translations
from rashomon.model import Article, ArticleDoc
from rashomon.nlp.encoders import get_encoder
from rashomon.pipeline import BASE_LAYERS, Pipeline

pytestmark = pytest.mark.model

EVENT = Path(__file__).resolve().parents[3] / "examples" / "verkhnelesk-plant-fire"


@pytest.fixture(scope="module")
def docs() -> dict[str, ArticleDoc]:
    pipeline = Pipeline.from_config(kinds=frozenset({"article"}))
    rows = [json.loads(line) for line in (EVENT / "reports.jsonl").read_text("utf-8").splitlines()]
    out = {}
    for r in rows:
        art = Article(id=Article.make_id(r["text"]), source=r["outlet"], text=r["text"],
                      outlet=r["outlet"], published=r["published"], title=r["title"])
        (doc,) = pipeline.map_articles([ArticleDoc(article=art, layers=BASE_LAYERS)])
        assert isinstance(doc, ArticleDoc)
        out[r["outlet"]] = doc
    return out


def test_the_translation_and_its_original_are_paired(docs: dict[str, ArticleDoc]) -> None:
    order = list(docs.values())
    found = find_translations(order, get_encoder())
    pairs = [(order[t.translated].article.outlet, order[t.original].article.outlet)
             for t in found]
    assert pairs == [("Northern Digest", "Вестник Приозерья")]
    assert found[0].share >= 0.8


@pytest.mark.parametrize("other", ["The Baltic Ledger", "The Lakeshore Times"])
def test_independent_reports_of_the_story_are_no_translations(
    docs: dict[str, ArticleDoc], other: str
) -> None:
    pair = [docs["Вестник Приозерья"], docs[other], docs["Информ-Север"]]
    assert find_translations(pair, get_encoder()) == []


def test_articles_in_one_language_are_not_compared(docs: dict[str, ArticleDoc]) -> None:
    english = [d for name, d in docs.items() if name.isascii()]
    assert find_translations(english, get_encoder()) == []
