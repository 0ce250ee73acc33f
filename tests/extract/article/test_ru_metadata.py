"""Relays in Russian reports, by the English outlet table's names."""

from __future__ import annotations

import pytest

from rashomon.extract.article.ru_metadata import find_ru_relays, resolve_ru_outlet
from rashomon.model import Span

CASES = [
    ("Тревогу объявили в двух штатах, сообщает ТАСС.", "TASS", "ТАСС", "reports"),
    ("Как сообщает Интерфакс, пожар потушен.", "Interfax", "Интерфакс", "as reported by"),
    ("Об этом пишет газета «Туой че».", "Туой че", "Туой че", "reports"),
    ("Об этом сообщает портал vl.ru со ссылкой на полицию.", "vl.ru", "vl.ru", "reports"),
    ("По данным РБК, цены выросли.", "RBC", "РБК", "according to"),
    ("Об этом сообщил источник со ссылкой на Интерфакса.", "Interfax", "Интерфакса", "citing"),
    ("Как пишет The New York Times, сделка сорвалась.", "The New York Times",
     "The New York Times", "as reported by"),
    ("Тела нашли спасатели, передает РИА Новости.", "RIA Novosti", "РИА Новости", "reports"),
]


@pytest.mark.parametrize(("text", "outlet", "written", "cue"), CASES)
def test_relay_table(text: str, outlet: str, written: str, cue: str) -> None:
    (relay,) = find_ru_relays(text, [Span(0, len(text))])
    assert (relay.outlet, relay.span.of(text), relay.cue) == (outlet, written, cue)


@pytest.mark.parametrize(
    "text",
    [
        "Об этом сообщает Microsoft.",  # a company, not an outlet the table knows
        "Губернатор заявил Путину о пожаре.",  # a person
        "Пожар потушили к утру.",
    ],
)
def test_no_relay(text: str) -> None:
    assert list(find_ru_relays(text, [Span(0, len(text))])) == []


@pytest.mark.parametrize(
    ("written", "outlet"),
    [("ТАСС", "TASS"), ("Интерфаксу", "Interfax"), ("«Коммерсантъ»", "Kommersant"),
     ("Би-би-си", "BBC"), ("Рога и копыта", None)],
)
def test_resolve_ru_outlet(written: str, outlet: str | None) -> None:
    assert resolve_ru_outlet(written) == outlet
