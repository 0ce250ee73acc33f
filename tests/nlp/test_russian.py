"""The Russian backend: natasha's analysis as spaCy Docs, and routing articles by language."""

from __future__ import annotations

from typing import Any

import pytest

from rashomon.model import Article, ArticleDoc, ArticleMeta, Failure, MetaField
from rashomon.nlp.languages import UnsupportedLanguage, article_language, language_code
from rashomon.nlp.russian import is_cyrillic, load_russian, normal_forms
from rashomon.pipeline import BASE_LAYERS, Pipeline

pytestmark = pytest.mark.model

TEXT = (
    "Глава МЧС Ирина Соловьёва заявила, что погибли семь человек.\n"
    "Губернатор позвонил Путину  вечером.\n\n"
    "Встреча Путина с губернатором прошла в Кремле."
)


@pytest.fixture(scope="module")
def doc() -> Any:
    return load_russian()(TEXT)


def test_the_doc_text_is_the_input_character_for_character(doc: Any) -> None:
    assert doc.text == TEXT
    assert doc.lang_ == "ru"


def test_sentences_end_at_line_breaks(doc: Any) -> None:
    sents = [s.text.strip() for s in doc.sents]
    assert sents == [
        "Глава МЧС Ирина Соловьёва заявила, что погибли семь человек.",
        "Губернатор позвонил Путину  вечером.",
        "Встреча Путина с губернатором прошла в Кремле.",
    ]


def test_every_sentence_is_one_tree_with_ud_relations(doc: Any) -> None:
    for sent in doc.sents:
        roots = [t for t in sent if t.dep_ == "ROOT"]
        assert len(roots) == 1
        for tok in sent:
            assert sent.start <= tok.head.i < sent.end
    verb = next(t for t in doc if t.text == "заявила")
    assert verb.lemma_ == "заявить" and verb.pos_ == "VERB"
    assert {c.dep_ for c in verb.children} >= {"nsubj", "ccomp"}


@pytest.mark.parametrize(
    ("surface", "label", "normal"),
    [
        ("Ирина Соловьёва", "PERSON", "Ирина Соловьёва"),
        ("Путину", "PERSON", "Путин"),
        ("Путина", "PERSON", "Путин"),
        ("Кремле", "GPE", "Кремль"),
    ],
)
def test_entities_carry_english_labels_and_their_nominative(
    doc: Any, surface: str, label: str, normal: str
) -> None:
    ents = {e.text: e for e in doc.ents}
    assert ents[surface].label_ == label
    assert normal_forms(doc)[(ents[surface].start_char, ents[surface].end_char)] == normal


def test_extra_whitespace_becomes_space_tokens(doc: Any) -> None:
    # One space after a token is its trailing whitespace; anything more is a token, as spaCy's
    # own tokenizer makes it.
    assert [t.text for t in doc if t.pos_ == "SPACE"] == ["\n", " ", "\n\n"]


def test_symbols_the_tokenizer_drops_are_kept_as_tokens() -> None:
    d = load_russian()("Цена выросла до $5 за штуку.")
    assert d.text == "Цена выросла до $5 за штуку."
    assert "$" in [t.text for t in d] and "5" in [t.text for t in d]
    assert all(t.pos_ != "SPACE" or not t.text.strip() for t in d)


def test_a_dictionary_word_the_ner_calls_a_person_is_dropped() -> None:
    d = load_russian()("Например, Путин заявил это вчера.")
    persons = [e.text for e in d.ents if e.label_ == "PERSON"]
    assert persons == ["Путин"]


def test_empty_text_gives_an_empty_doc() -> None:
    assert len(load_russian()("")) == 0


# --------------------------------------------------------------------------------------------
# Language routing


@pytest.mark.parametrize(
    ("declared", "code"),
    [("ru", "ru"), ("ru-RU", "ru"), ("Russian", "ru"), ("en_GB", "en"), ("", None), (None, None)],
)
def test_declared_languages_become_codes(declared: str | None, code: str | None) -> None:
    assert language_code(declared) == code


@pytest.mark.parametrize(
    ("text", "declared", "meta", "expected"),
    [
        ("Губернатор заявил, что угрозы нет.", None, None, "ru"),
        ("The governor said there was no threat.", None, None, "en"),
        ("Губернатор заявил.", "en", None, "en"),  # the input's word wins over the script
        ("The governor said.", None, "de", "de"),  # identified by the metadata stage
    ],
)
def test_an_articles_language_comes_from_metadata_then_script(
    text: str, declared: str | None, meta: str | None, expected: str
) -> None:
    art = Article(id="a", source="a.txt", text=text, language=declared)
    language = MetaField(value=meta) if meta else None
    doc = ArticleDoc(article=art, meta=ArticleMeta(language=language))
    assert article_language(doc) == expected


@pytest.mark.parametrize(
    ("text", "cyrillic"),
    [("Путин заявил", True), ("Putin said", False), ("ТАСС: Putin said today", False), ("", False)],
)
def test_cyrillic_means_most_letters(text: str, cyrillic: bool) -> None:
    assert is_cyrillic(text) is cyrillic


def test_each_article_gets_its_own_languages_pipeline_and_others_are_reported() -> None:
    pipeline = Pipeline.from_config(kinds=frozenset({"article"}))
    texts = {
        "ru.txt": (
            "Пожар на складе в Верхнелесске потушили к утру понедельника.\n"
            "Губернатор Аркадий Вершинин заявил, что угрозы для жителей больше нет.\n"
            "Причины пожара устанавливает комиссия, в её составе работают пожарные эксперты.",
            None,
        ),
        "en.txt": (
            "The warehouse fire in Verkhnelesk was put out by Monday morning.\n"
            "Governor Arkady Vershinin said residents were no longer at risk.\n"
            "A commission of fire experts is looking into the cause of the blaze.",
            None,
        ),
        "de.txt": (
            "Der Brand im Lager von Werchnelessk wurde bis Montagmorgen gelöscht.\n"
            "Gouverneur Arkadi Werschinin sagte, für die Anwohner bestehe keine Gefahr mehr.\n"
            "Eine Kommission von Brandexperten untersucht die Ursache des Feuers.",
            None,
        ),
    }
    docs = [
        ArticleDoc(
            article=Article(id=Article.make_id(t), source=s, text=t, language=lang),
            layers=BASE_LAYERS,
        )
        for s, (t, lang) in texts.items()
    ]
    out = list(pipeline.map_articles(docs, on_error="record"))
    done = {d.article.source: d for d in out if isinstance(d, ArticleDoc)}
    failed = [f for f in out if isinstance(f, Failure)]
    assert set(done) == {"ru.txt", "en.txt"}
    assert [f.source for f in failed] == ["de.txt"]
    assert "'de'" in failed[0].reason and "does not analyse" in failed[0].reason
    ru_people = {e.name for e in done["ru.txt"].entities if e.label == "PERSON"}
    assert ru_people == {"Аркадий Вершинин"}
    speakers = [a.speaker_resolved for a in done["ru.txt"].attributions]
    assert speakers == ["Аркадий Вершинин"]


def test_an_unsupported_language_raises_a_stage_error() -> None:
    from rashomon.stages.nlp import SpacyStage

    art = Article(id="x", source="x.txt", text="Le feu est éteint.", language="fr")
    with pytest.raises(UnsupportedLanguage, match="'fr'"):
        SpacyStage()(ArticleDoc(article=art))
