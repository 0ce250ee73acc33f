"""Russian attributions: quotes, cue verbs, source phrases, speakers and relays."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

pytestmark = pytest.mark.model

# (text, kind, speaker as resolved, start of the content)
CASES = [
    ("«Пожар локализован, угрозы для жителей нет», — заявил губернатор Аркадий Вершинин.",
     "direct", "Аркадий Вершинин", "«Пожар локализован"),
    ('"Мы проверим каждого", - сказал Вершинин журналистам.',
     "direct", None, '"Мы проверим каждого"'),
    ("Директор завода Олег Мельников сообщил, что причины взрыва устанавливает комиссия.",
     "indirect", "Олег Мельников", "причины взрыва"),
    ("Министр подчеркнул: «Выплаты начнутся в понедельник».",
     "direct", None, "«Выплаты начнутся"),
    ("Число погибших выросло до девяти, сообщает ТАСС.",
     "indirect", "TASS", "Число погибших"),
    ("По словам Мельникова, все пострадавшие доставлены в больницу.",
     "according-to", None, "все пострадавшие"),
    ("Как сообщили в пресс-службе МЧС, пожар потушен к утру.",
     "indirect", "МЧС", "пожар потушен"),
    ("Источник в правительстве утверждает, что проверка уже началась.",
     "indirect", "Источник в правительстве", "проверка уже началась"),
]


@pytest.mark.parametrize(("text", "kind", "speaker", "content"), CASES)
def test_attribution_table(
    ru_analyse: Callable[..., Any], text: str, kind: str, speaker: str | None, content: str
) -> None:
    doc = ru_analyse(text)
    assert len(doc.attributions) == 1, [a.content.of(text) for a in doc.attributions]
    a = doc.attributions[0]
    assert a.kind == kind
    assert a.content.of(text).startswith(content)
    if speaker is not None:
        assert a.speaker_resolved == speaker


def test_a_surname_in_another_case_resolves_to_the_person_named_before(
    ru_analyse: Callable[..., Any],
) -> None:
    text = ("Губернатор Аркадий Вершинин прибыл на место пожара.\n"
            "По словам Вершинина, семьи погибших получат помощь.\n"
            "«Мы проверим каждого», — сказал он журналистам.")
    doc = ru_analyse(text)
    assert [a.speaker_resolved for a in doc.attributions] == ["Аркадий Вершинин"] * 2
    assert doc.attributions[1].speaker is not None
    assert doc.attributions[1].speaker.of(text) == "он"


def test_an_outlet_named_as_source_is_the_relay(ru_analyse: Callable[..., Any]) -> None:
    text = "Губернатор заявил, что угрозы нет, передает Интерфакс со ссылкой на МЧС."
    doc = ru_analyse(text)
    assert {r.outlet for r in doc.meta.relays} == {"Interfax"}


def test_an_unnamed_source_is_anonymous(ru_analyse: Callable[..., Any]) -> None:
    doc = ru_analyse("Источник в правительстве утверждает, что проверка уже началась.")
    assert doc.attributions[0].anonymous


@pytest.mark.parametrize(
    "text",
    [
        "Ураган «Ханна» обрушился на побережье Техаса.",  # a quoted name is no quotation
        "Власти объявили тревогу в двух штатах.",  # announcing an alert reports no speech
    ],
)
def test_no_attribution_without_reported_content(
    ru_analyse: Callable[..., Any], text: str
) -> None:
    assert ru_analyse(text).attributions == ()


def test_what_a_cue_is_about_is_its_content(ru_analyse: Callable[..., Any]) -> None:
    text = "Министр рассказал о новых выплатах семьям погибших."
    (a,) = ru_analyse(text).attributions
    assert a.content.of(text) == "о новых выплатах семьям погибших"


def test_ob_etom_points_back_at_the_sentence_before(ru_analyse: Callable[..., Any]) -> None:
    text = "Пожар на складе потушен.\nОб этом сообщило региональное управление МЧС."
    (a,) = ru_analyse(text).attributions
    assert a.content.of(text) == "Пожар на складе потушен"
