"""Russian quantities: decimal comma, scales, number words, qualifiers, slots, non-quantities."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from rashomon.extract.article.ru_quantities import parse_ru_number

pytestmark = pytest.mark.model

# (text, figure's text, value, low, high, slot, unit)
CASES = [
    ("Ущерб оценили в 15,5 млн рублей.", "15,5 млн рублей", 15_500_000, 15_500_000, 15_500_000,
     "money", "RUB"),
    ("Инфляция составила 2,3%.", "2,3%", 2.3, 2.3, 2.3, "percent", "%"),
    ("Город посетили 639 тысяч туристов.", "639 тысяч туристов", 639_000, 639_000, 639_000,
     "people", None),
    ("Пострадали более 140 человек.", "более 140 человек", 140, 140, None, "injured", None),
    ("Погибли не менее 137 человек.", "не менее 137 человек", 137, 137, None, "killed", None),
    ("Эвакуировали около 140 жителей.", "около 140 жителей", 140, 126, 154, "evacuated", None),
    ("В результате взрыва погибли семь человек.", "семь человек", 7, 7, 7, "killed", None),
    ("Штраф составит 150 тыс. евро.", "150 тыс. евро", 150_000, 150_000, 150_000, "money",
     "EUR"),
    ("Полиция задержала двух подозреваемых.", "двух подозреваемых", 2, 2, 2, "подозревать",
     None),
    ("На выборы пришли 10 000 избирателей.", "10 000 избирателей", 10_000, 10_000, 10_000,
     "избиратель", None),
    ("Задержан 42-летний житель города.", "42-летний", 42, 42, 42, "age", "year"),
    ("Работы продлятся три часа.", "три часа", 3, 3, 3, "hours", "hour"),
    ("Тушение заняло до 10 часов.", "до 10 часов", 10, 0, 10, "hours", "hour"),
]


@pytest.mark.parametrize(("text", "figure", "value", "low", "high", "slot", "unit"), CASES)
def test_quantity_table(
    ru_analyse: Callable[..., Any],
    text: str,
    figure: str,
    value: float,
    low: float | None,
    high: float | None,
    slot: str | None,
    unit: str | None,
) -> None:
    (q,) = ru_analyse(text).quantities
    assert (q.span.of(text), q.value, q.low, q.high, q.slot, q.unit) == (
        figure, value, low, high, slot, unit
    )


@pytest.mark.parametrize(
    "text",
    [
        "Суд рассмотрит дело 19 июля.",  # a date
        "В 2019 году завод закрыли.",  # a year
        "Сбор назначен на 15:30.",  # a clock time
        "В 17 часов поступило сообщение о пожаре.",  # a clock time
        "Школа № 30 ликует.",  # a label
        "Фрегат построен по проекту 22350.",  # a project number
        "Заболевших COVID-19 стало меньше.",  # part of a name
    ],
)
def test_not_quantities(ru_analyse: Callable[..., Any], text: str) -> None:
    assert ru_analyse(text).quantities == ()


def test_a_range_gives_both_figures(ru_analyse: Callable[..., Any]) -> None:
    text = "Прогнозируют от 150 до 250 литров осадков."
    values = [(q.span.of(text), q.value, q.low, q.high) for q in ru_analyse(text).quantities]
    assert values == [("150", 150, 150, 150), ("250 литров", 250, 250, 250)]


def test_the_killer_is_not_counted_among_the_killed(ru_analyse: Callable[..., Any]) -> None:
    (q,) = ru_analyse("Трое боевиков убили мирных жителей.").quantities
    assert q.value == 3 and q.slot != "killed"


def test_a_figure_in_a_quote_is_given_by_its_speaker(ru_analyse: Callable[..., Any]) -> None:
    text = "«Погибли семь человек», — заявил губернатор Аркадий Вершинин."
    (q,) = ru_analyse(text).quantities
    assert (q.value, q.slot, q.attributed_to) == (7, "killed", "Аркадий Вершинин")


@pytest.mark.parametrize(
    ("written", "value"),
    [("15,5", 15.5), ("10 000", 10_000), ("2.3", 2.3), ("1\xa0500", 1500), ("пять", None)],
)
def test_parse_ru_number(written: str, value: float | None) -> None:
    assert parse_ru_number(written) == value


def test_a_sentences_full_stop_is_not_part_of_a_scale(ru_analyse: Callable[..., Any]) -> None:
    text = "Выборы посетили 10 тысяч."
    (q,) = ru_analyse(text).quantities
    assert q.span.of(text) == "10 тысяч" and q.value == 10_000
