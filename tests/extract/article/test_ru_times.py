"""Russian dates: day-month, weekdays, relative expressions, anchored like English ones."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from rashomon.extract.article.ru_times import tag_ru_times, window_anchor

pytestmark = pytest.mark.model

PUBLISHED = "2025-03-05"  # a Wednesday

# (text, expression, ISO date, granularity)
CASES = [
    ("Пожар начался 3 марта.", "3 марта", "2025-03-03", "day"),
    ("Суд состоялся 22 марта 2024 года.", "22 марта 2024 года", "2024-03-22", "day"),
    ("Дело рассмотрели 12.12.2019.", "12.12.2019", "2019-12-12", "day"),
    ("Завод закрыли в 2019 году.", "в 2019 году", "2019-01-01", "year"),
    ("Проверка прошла в июле 2020 года.", "в июле 2020 года", "2020-07-01", "month"),
    ("Губернатор приехал в понедельник.", "в понедельник", "2025-03-03", "day"),
    ("Комиссия соберется в понедельник.", "в понедельник", "2025-03-10", "day"),
    ("Взрыв прогремел в ночь на воскресенье.", "в ночь на воскресенье", "2025-03-02", "day"),
    ("Об этом стало известно вчера.", "вчера", "2025-03-04", "day"),
    ("Проверка прошла на прошлой неделе.", "на прошлой неделе", "2025-02-24", "week"),
    ("Цены выросли в прошлом году.", "в прошлом году", "2024-01-01", "year"),
    ("Склад построили три года назад.", "три года назад", "2022-01-01", "year"),
    ("Пожар случился пять дней назад.", "пять дней назад", "2025-02-28", "day"),
    ("Новый цех откроют в декабре.", "в декабре", "2025-12-01", "month"),
]


@pytest.mark.parametrize(("text", "expression", "iso", "granularity"), CASES)
def test_date_table(
    ru_analyse: Callable[..., Any], text: str, expression: str, iso: str, granularity: str
) -> None:
    (t,) = ru_analyse(text, published=PUBLISHED).times
    assert (t.text, t.value, t.granularity) == (expression, iso, granularity)
    assert t.anchor in ("published", "explicit")


def test_a_duration_has_no_date(ru_analyse: Callable[..., Any]) -> None:
    (t,) = ru_analyse("Тушение продолжалось в течение трех часов.", published=PUBLISHED).times
    assert (t.text, t.value, t.granularity) == ("в течение трех часов", None, "duration")


def test_without_a_publication_date_the_latest_stated_date_anchors(
    ru_analyse: Callable[..., Any],
) -> None:
    text = "Взрыв произошел 3 марта 2025 года.\nВ пятницу на место прибыла комиссия."
    times = ru_analyse(text).times
    assert [(t.text, t.value, t.anchor) for t in times] == [
        ("3 марта 2025 года", "2025-03-03", "explicit"),
        ("В пятницу", "2025-03-07", "window"),  # the first Friday after the stated date
    ]


def test_month_day_dates_take_the_year_the_text_states() -> None:
    assert str(window_anchor("В 2020 году 19 июля начались работы.")) == "2020-07-19"
    assert window_anchor("19 июля начались работы.") is None
    assert str(window_anchor("19 июля начались работы.", fallback_year=2021)) == "2021-07-19"


def test_day_month_is_one_date_not_a_number_and_a_month() -> None:
    (t,) = tag_ru_times("Матч пройдет 29 июля.", anchor=None)
    assert (t.text, t.value) == ("29 июля", "XXXX-07-29")
