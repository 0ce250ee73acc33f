"""Story clustering across languages: a Russian report and its translation share a story."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rashomon.model import Article
from rashomon.nlp.encoders import get_encoder
from rashomon.streams.clustering import (
    StoryClusterer,
    article_lead,
    cheap_entities,
    features_many,
)

EVENT = Path(__file__).resolve().parents[2] / "examples" / "verkhnelesk-plant-fire"


def test_a_russian_lead_is_prose() -> None:
    text = ("Пожар на заводе\nВ понедельник на заводе «Северный азот» произошел взрыв, после "
            "которого начался пожар. Погибли семь человек.")
    title, lead = article_lead(text, sentences=1)
    assert title == "Пожар на заводе"
    assert lead.startswith("В понедельник") and lead.endswith("пожар.")


def test_russian_names_get_the_keys_english_ones_get() -> None:
    ru = cheap_entities("Певец Сергей Жуков ответил форварду Артему Дзюбе и Олегу Тинькову.")
    en = cheap_entities("The singer Sergey Zhukov answered the striker Artem Dzyuba.")
    assert {"zhukov", "sergey zhukov", "dzyuba"} <= ru & en


@pytest.mark.model
def test_a_report_and_its_translation_open_one_story_and_another_story_stays_apart() -> None:
    rows = [json.loads(line) for line in (EVENT / "reports.jsonl").read_text("utf-8").splitlines()]
    by_outlet = {r["outlet"]: r for r in rows}
    chosen = [by_outlet["Вестник Приозерья"], by_outlet["Northern Digest"]]
    arts = [Article(id=r["outlet"], source=r["outlet"], text=r["text"], title=r["title"])
            for r in chosen]
    other = ("Council approves new tram line\nThe city council voted on Tuesday to fund a new "
             "tram line across the river, with building to start next spring.")
    arts.append(Article(id="tram", source="tram", text=other))
    clusterer = StoryClusterer()
    events = [clusterer.add(f) for f in features_many(arts, encoder=get_encoder())]
    assert events[0] == events[1] != events[2]
