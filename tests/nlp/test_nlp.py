"""Tests of the nlp.spacy.v1 stage: sentences, mentions, in-article linking and roles."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.tokens import Span as SpacySpan

from builders import article_doc
from rashomon.errors import ModelError
from rashomon.extract.article.entities import find_mentions
from rashomon.model import ArticleDoc
from rashomon.registry import registry
from rashomon.stages.nlp import SpacyStage

pytestmark = pytest.mark.model

# Invented reports (not copied from any corpus).
REPORT_A = (
    "Harbour talks stall as ministers trade blame\n\n"
    "Kremlin spokesman Dmitry Peskov said on Monday that the harbour talks would continue. "
    "Peskov added that President Vladimir Putin had been briefed by his advisers.\n\n"
    "A spokesman for the National Security Council (NSC) declined to comment. "
    "Later the NSC said the call had been scheduled weeks ago.\n\n"
    "Sergei Naryshkin, the head of Russia's Foreign Intelligence Service, told reporters in "
    "Moscow that the warning was vague. Naryshkin did not take questions.\n"
)
REPORT_B = (
    "Alexander Bortnikov, FSB Director, said the suspects had been detained near Bryansk. "
    "Bortnikov gave no further details. Officials at the Federal Security Service (FSB) "
    "declined to say how many people were held."
)


def _doc(text: str, *, boilerplate: tuple[tuple[int, int], ...] = ()) -> ArticleDoc:
    return article_doc(text, boilerplate=boilerplate)


@pytest.fixture(scope="module")
def stage() -> SpacyStage:
    built = registry.get("nlp.spacy.v1").factory()
    assert isinstance(built, SpacyStage)
    return built


@pytest.fixture(scope="module")
def annotated(stage: SpacyStage) -> list[ArticleDoc]:
    return list(stage.pipe([_doc(REPORT_A), _doc(REPORT_B)]))


def _surfaces(doc: ArticleDoc) -> list[str]:
    return [doc.text[m.span.start : m.span.end] for m in doc.mentions]


def _entity(doc: ArticleDoc, name: str) -> object:
    return next(e for e in doc.entities if e.name == name)


def test_sentences_are_trimmed_body_sentences(annotated: list[ArticleDoc]) -> None:
    doc = annotated[0]
    sents = [doc.text[s.span.start : s.span.end] for s in doc.sentences]
    assert sents[0] == "Harbour talks stall as ministers trade blame"
    assert "Naryshkin did not take questions." in sents
    assert all(s == s.strip() and "\n" not in s for s in sents)
    starts = [s.span.start for s in doc.sentences]
    assert starts == sorted(starts)


def test_mentions_point_at_their_text(annotated: list[ArticleDoc]) -> None:
    for doc in annotated:
        for m in doc.mentions:
            assert doc.text[m.span.start : m.span.end] == m.text
    surfaces = _surfaces(annotated[0])
    assert "Dmitry Peskov" in surfaces
    assert "Vladimir Putin" in surfaces  # "President" is a title, not part of the name
    assert "National Security Council" in surfaces  # leading "the" trimmed
    assert "NSC" in surfaces
    assert not any(s.lower().startswith("the ") or s.endswith("'s") for s in surfaces)


def test_partial_names_link_to_fullest_form(annotated: list[ArticleDoc]) -> None:
    doc = annotated[0]
    ids = {m.text: m.entity for m in doc.mentions}
    peskov = _entity(doc, "Dmitry Peskov")
    assert ids["Peskov"] == ids["Dmitry Peskov"] == peskov.id  # type: ignore[attr-defined]
    assert [doc.text[s.start : s.end] for s in peskov.mention_spans] == [  # type: ignore[attr-defined]
        "Dmitry Peskov",
        "Peskov",
    ]
    # The acronym in parentheses is the same organisation as its long form.
    assert ids["NSC"] == ids["National Security Council"]
    assert _entity(doc, "National Security Council")


def test_roles_from_premodifiers_and_appositions(annotated: list[ArticleDoc]) -> None:
    a, b = annotated

    def roles(doc: ArticleDoc, name: str) -> list[str]:
        ent = next(e for e in doc.entities if e.name == name)
        for r in ent.roles:
            assert doc.text[r.span.start : r.span.end] == r.text
        return [r.text for r in ent.roles]

    assert "Kremlin spokesman" in roles(a, "Dmitry Peskov")
    assert "President" in roles(a, "Vladimir Putin")
    assert "head of Russia's Foreign Intelligence Service" in roles(a, "Sergei Naryshkin")
    assert "FSB Director" in roles(b, "Alexander Bortnikov")


def test_ner_mistakes_are_repaired(stage: SpacyStage) -> None:
    # Force the mistakes the small model makes on news so the test does not hang on its luck.
    text = "President Emma Lindqvist met the Spokesman and Mr. Ivar Holm in Oslo."
    parsed = stage.nlp(text)
    parsed.ents = [
        SpacySpan(parsed, 0, 3, label="PERSON"),  # title inside the person name
        SpacySpan(parsed, 5, 6, label="PERSON"),  # a role noun tagged as a person
        SpacySpan(parsed, 7, 10, label="PERSON"),  # honorific inside the name
        SpacySpan(parsed, 11, 12, label="GPE"),
    ]
    raw = find_mentions([(0, parsed)], text)
    assert [(text[m.start : m.end], m.label) for m in raw] == [
        ("Emma Lindqvist", "PERSON"),
        ("Ivar Holm", "PERSON"),
        ("Oslo", "GPE"),
    ]
    assert [r.text for r in raw[0].roles] == ["President"]
    assert raw[1].roles == []  # "Mr." is an honorific, not a role


def test_only_body_text_is_parsed(stage: SpacyStage) -> None:
    junk = "Subscribe to Harbour Daily News now!\n"
    text = junk + REPORT_B
    doc = stage(_doc(text, boilerplate=((0, len(junk)),)))
    assert all(s.span.start >= len(junk) for s in doc.sentences)
    assert all(m.span.start >= len(junk) for m in doc.mentions)
    assert [off for off, _ in doc.parsed] == [len(junk)]
    off, parsed = doc.parsed[0]
    tok = parsed[0]
    assert text[off + tok.idx : off + tok.idx + len(tok.text)] == "Alexander"
    surfaces = [text[m.span.start : m.span.end] for m in doc.mentions]
    assert "Alexander Bortnikov" in surfaces


def test_missing_model_is_a_model_error() -> None:
    with pytest.raises(ModelError, match="not installed"):
        SpacyStage(model="no_such_pipeline_xyz")(_doc("Oslo is a city."))


def test_empty_body_gives_empty_layers(stage: SpacyStage) -> None:
    doc = stage(_doc("Menu\n", boilerplate=((0, 5),)))
    assert doc.sentences == () and doc.mentions == () and doc.parsed == ()


def test_every_span_inside_text_on_real_reports(stage: SpacyStage, crocus_dir: Path) -> None:
    docs = [_doc(p.read_text(encoding="utf-8")) for p in sorted(crocus_dir.glob("*.txt"))]
    for doc in stage.pipe(docs):
        assert doc.sentences and doc.mentions
        for span in doc.all_spans():
            assert 0 <= span.start < span.end <= len(doc.text)
        for m in doc.mentions:
            assert doc.text[m.span.start : m.span.end] == m.text
            assert m.entity in {e.id for e in doc.entities}
        for layer in ([m.span for m in doc.mentions], [s.span for s in doc.sentences]):
            spans = sorted(layer, key=lambda s: (s.start, s.end))
            assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))


def test_stage_is_idempotent(stage: SpacyStage, annotated: list[ArticleDoc]) -> None:
    again = stage(annotated[0])
    assert again.sentences == annotated[0].sentences
    assert again.mentions == annotated[0].mentions
    assert again.entities == annotated[0].entities


def test_cached_ruler_and_lemmas_match_spacy_on_real_text(crocus_dir: Path) -> None:
    """The table-driven attribute ruler and lemmatizer give exactly spaCy's annotations."""
    from rashomon.nlp.pipelines import load_pipeline
    from rashomon.nlp.shims import fast_components

    nlp = load_pipeline()
    cached = fast_components(nlp)
    assert [c.name for c in cached] == ["attribute_ruler", "lemmatizer"]
    paragraphs = [
        p
        for f in sorted(crocus_dir.glob("*.txt"))
        for p in f.read_text(encoding="utf-8").split("\n")
        if len(p) > 40
    ]
    assert len(paragraphs) > 30

    def rows(doc: object) -> list[tuple[str, str, str, str, str]]:
        return [(t.pos_, t.tag_, t.dep_, str(t.morph), t.lemma_) for t in doc]  # type: ignore[attr-defined]

    plain = [rows(d) for d in nlp.pipe(paragraphs)]
    fast = []
    for d in nlp.pipe(paragraphs, disable=[c.name for c in cached]):
        for component in cached:
            component(d)
        fast.append(rows(d))
    assert fast == plain
    assert any(lemma == "say" and tag == "VBD" for r in fast for _, tag, _, _, lemma in r)


@pytest.mark.parametrize(
    ("lengths", "most", "max_chars", "runs"),
    [
        ([10, 10, 10], 64, 25, [2, 1]),
        ([100, 5, 5], 64, 50, [1, 2]),  # a text longer than the budget still gets a run
        ([1] * 5, 2, 1000, [2, 2, 1]),
        ([], 64, 50, []),
    ],
)
def test_spacy_runs_are_bounded_by_texts_and_characters(
    lengths: list[int], most: int, max_chars: int, runs: list[int]
) -> None:
    from rashomon.stages.nlp import text_runs

    assert list(text_runs(lengths, most, max_chars)) == runs


@pytest.mark.parametrize(("text", "name", "roles"), [
    # A role the name stands in apposition to, before it.
    ('"The levy is fair," the senator\'s current campaign press secretary, Ben Lane, said.',
     "Ben Lane", ["senator's current campaign press secretary"]),
    ("The mayor met the minister, John Smith, on Tuesday.", "John Smith", ["minister"]),
    # A place before a comma is no role; nor is a list of names.
    ("He visited the harbour, Tom Reyes said on Tuesday.", "Tom Reyes", []),
    ("Her lawyers, Tom Reyes and Ann Cole, said it was fine.", "Tom Reyes", []),
])
def test_a_role_before_the_name_in_apposition(stage: SpacyStage, text: str, name: str,
                                              roles: list[str]) -> None:
    raw = find_mentions([(0, stage.nlp(text))], text)
    found = next(m for m in raw if text[m.start:m.end] == name)
    assert [r.text for r in found.roles] == roles
