"""Russian hedges: the English layer's kinds from a Russian phrase table."""

from __future__ import annotations

import pytest

from rashomon.extract.article.ru_hedges import find_ru_hedges
from rashomon.model import Attribution, Span

CASES = [
    ("Взрыв якобы устроили конкуренты.", "hedge", "якобы"),
    ("Так называемая комиссия не работала.", "so-called", "Так называемая"),
    ("Возможно, завод откроют через месяц.", "conditional", "Возможно"),
    ("Это неподтвержденные сведения.", "unverified", "неподтвержденные"),
    ("По неофициальным данным, погибли 12 человек.", "reported", "По неофициальным данным"),
    ("Сообщается, что пожар потушен.", "reported", "Сообщается"),
    ("Он обвинил соседей без доказательств.", "unsupported", "без доказательств"),
    ("Это была настоящая бойня.", "loaded", "бойня"),
]


@pytest.mark.parametrize(("text", "kind", "marker"), CASES)
def test_hedge_table(text: str, kind: str, marker: str) -> None:
    (h,) = find_ru_hedges(text, [Span(0, len(text))], article_id="a")
    assert (h.kind, h.span.of(text)) == (kind, marker)


@pytest.mark.parametrize(
    "text",
    [
        "В регионе введен режим чрезвычайной ситуации.",
        "Комиссия подтвердила данные о погибших.",
    ],
)
def test_no_hedge(text: str) -> None:
    assert find_ru_hedges(text, [Span(0, len(text))], article_id="a") == []


def test_loaded_words_in_a_quotation_or_a_sources_words_are_not_the_writers() -> None:
    text = "«Это бойня», — сказал он. Депутат назвал событие бойней."
    quoted = find_ru_hedges(text, [Span(0, 25)], article_id="a")
    assert quoted == []
    content = Span(text.index("событие"), len(text) - 1)
    said = Attribution(id="x", article_id="a", kind="indirect", span=Span(26, len(text) - 1),
                       content=content)
    second = [Span(26, len(text))]
    assert [h.kind for h in find_ru_hedges(text, second, article_id="a")] == ["loaded"]
    assert find_ru_hedges(text, second, article_id="a", attributions=[said]) == []
