"""Names across scripts: BGN/PCGN romanization, folding, and merges that say why."""

from __future__ import annotations

from dataclasses import replace

import pytest

from rashomon.extract.article.entities import RawMention
from rashomon.extract.article.name_linking import link_mentions
from rashomon.extract.article.ru_entities import name_stem, unify_case_forms
from rashomon.extract.event.aliases import merge_entities, translit_key
from rashomon.extract.event.translit import (
    describe,
    has_cyrillic,
    latin_name_keys,
    romanize,
    transcribed,
    with_latin,
)
from rashomon.model import Article, ArticleDoc, ArticleMeta, MetaField


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Нарышкин", "Naryshkin"),
        ("Сергей Шойгу", "Sergey Shoygu"),
        ("Елена Андреева", "Yelena Andreyeva"),  # е after a vowel and at a word's start
        ("Хабаровск", "Khabarovsk"),
        ("Щукин", "Shchukin"),
        ("Юрий Ушаков", "Yuriy Ushakov"),
        ("Объект", "Obyekt"),  # ъ is left out, е after it iotated
        ("ТАСС", "TASS"),  # a word in capitals stays in capitals
        ("Nikolai Петров", "Nikolai Petrov"),  # Latin is left as it is
    ],
)
def test_bgn_pcgn_table(cyrillic: str, latin: str) -> None:
    assert romanize(cyrillic) == latin


@pytest.mark.parametrize(
    ("a", "b"),
    [("Нарышкин", "Naryshkin"), ("Нарышкин", "Narishkin"), ("Сергей Шойгу", "Sergei Shoigu"),
     ("Дмитрий Песков", "Dmitry Peskov"), ("Юрий", "Yuri"), ("Зеленский", "Zelensky")],
)
def test_spellings_across_scripts_fold_to_one_key(a: str, b: str) -> None:
    assert translit_key(a) == translit_key(b)


def test_names_that_differ_stay_apart() -> None:
    assert translit_key("Песков") != translit_key("Peshkov")


def test_display_forms() -> None:
    assert describe("Нарышкин") == "Нарышкин (BGN/PCGN: Naryshkin)"
    assert describe("Naryshkin") == "Naryshkin"
    assert with_latin("Вестник Приозерья") == "Вестник Приозерья (Vestnik Priozerya)"
    assert has_cyrillic("Путин said") and not has_cyrillic("Putin said")


@pytest.mark.parametrize(
    ("name", "stem"), [("Дзюбы", "дзюб"), ("Дзюба", "дзюб"), ("Олега Тинькова", "олег тиньков")]
)
def test_name_stems(name: str, stem: str) -> None:
    assert name_stem(name) == stem


def test_case_forms_the_morphology_missed_become_one_name() -> None:
    surfaces = ["Дзюба", "Дзюбы", "Дзюбе", "Жуков"]
    names = ["Дзюба", "Дзюбы", "Дзюбе", "Жуков"]
    lemmas = ["Дзюба", "Дзюба", "Дзюба", "Жуков"]
    assert unify_case_forms(surfaces, names, lemmas) == ["Дзюба", "Дзюба", "Дзюба", "Жуков"]


def test_latin_name_keys_meet_english_ones() -> None:
    keys = latin_name_keys("Певец Сергей Жуков ответил форварду Артему Дзюбе.")
    assert {"sergey zhukov", "zhukov", "dzyuba"} <= keys
    assert "pevets" not in keys  # a common word at the sentence start is no name


def _doc(article_id: str, outlet: str, text: str, names: list[tuple[str, str, str]]) -> ArticleDoc:
    """An article whose PERSON mentions are given: (surface, nominative)."""
    raw, forms = [], []
    for surface, nominative, label in names:
        start = text.index(surface)
        raw.append(RawMention(start=start, end=start + len(surface), label=label))
        forms.append(nominative)
    mentions, entities = link_mentions(article_id, text, raw, translit=translit_key,
                                       names=forms)
    art = Article(id=article_id, source=f"{article_id}.txt", text=text)
    doc = ArticleDoc(article=art, mentions=mentions, entities=entities)
    return replace(doc, meta=ArticleMeta(outlet=MetaField(value=outlet, origin="declared")))


def test_case_forms_are_one_local_entity_named_in_the_nominative() -> None:
    text = "Губернатор позвонил Путину. Встреча Путина прошла в Кремле."
    doc = _doc("r", "РИА", text, [("Путину", "Путин", "PERSON"), ("Путина", "Путин", "PERSON")])
    (ent,) = doc.entities
    assert ent.name == "Путин" and len(ent.mention_spans) == 2
    assert [m.text for m in doc.mentions] == ["Путину", "Путина"]


def test_one_person_in_three_spellings_and_two_scripts_is_one_entity() -> None:
    ru = _doc("r", "Вестник", "Директор СВР Сергей Нарышкин заявил, что Нарышкина не было.",
              [("Сергей Нарышкин", "Сергей Нарышкин", "PERSON"),
               ("Нарышкина", "Нарышкин", "PERSON")])
    en1 = _doc("a", "Ledger", "Sergei Naryshkin, the intelligence chief, said so.",
               [("Sergei Naryshkin", "Sergei Naryshkin", "PERSON")])
    en2 = _doc("b", "Times", "Intelligence chief Sergey Narishkin said it.",
               [("Sergey Narishkin", "Sergey Narishkin", "PERSON")])
    merged = [e for e in merge_entities([ru, en1, en2]) if e.label == "PERSON"]
    assert len(merged) == 1
    (ent,) = merged
    assert {"Сергей Нарышкин", "Sergei Naryshkin", "Sergey Narishkin"} <= set(ent.aliases)
    reasons = " | ".join(ent.merge_reasons)
    assert "Сергей Нарышкин (BGN/PCGN: Sergey Naryshkin)" in reasons
    assert "transliteration" in reasons


def test_different_people_of_one_surname_across_scripts_stay_apart() -> None:
    ru = _doc("r", "Вестник", "Министр Анна Петрова заявила это.",
              [("Анна Петрова", "Анна Петрова", "PERSON")])
    en = _doc("a", "Ledger", "Minister Olga Petrova said so.",
              [("Olga Petrova", "Olga Petrova", "PERSON")])
    assert len([e for e in merge_entities([ru, en]) if e.label == "PERSON"]) == 2


@pytest.mark.parametrize(
    ("ru", "en", "same"),
    [
        ("Гитлер", "Hitler", True),
        ("Кубертен", "Coubertin", True),
        ("Медоуз", "Meadows", True),
        ("Раб", "Raab", True),
        ("Путин", "Patton", False),  # one skeleton, too few letters in common
        ("Ким", "Kum", False),  # a three-letter skeleton needs a close spelling
        ("Hitler", "Hitler", False),  # only across scripts
    ],
)
def test_foreign_names_as_russian_transcribes_them(ru: str, en: str, same: bool) -> None:
    assert (transcribed(ru, en) is not None) is same


def test_a_transcribed_foreign_name_merges_and_says_so() -> None:
    ru = _doc("r", "Вестник", "Актер Хьюго Уивинг сыграл злодея.",
              [("Хьюго Уивинг", "Хьюго Уивинг", "PERSON")])
    en = _doc("a", "Ledger", "The actor Hugo Weaving played the villain.",
              [("Hugo Weaving", "Hugo Weaving", "PERSON")])
    (ent,) = [e for e in merge_entities([ru, en]) if e.label == "PERSON"]
    assert any(r.startswith("transcription: Хьюго Уивинг") for r in ent.merge_reasons)
