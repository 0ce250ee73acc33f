"""Property tests: any string or bytes into ingest, cleaning, spaCy, attribution, numbers, dates.

No exception escapes (bad input is an IngestError, never anything else), every span lies
inside its article's text, and the cleaned body is a subsequence of the original text.
"""

from __future__ import annotations

import gzip
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from rashomon.config import Limits, PipelineConfig, StageConfig
from rashomon.errors import IngestError
from rashomon.extract.article.attributions import find_quotes
from rashomon.extract.article.boilerplate import find_boilerplate, load_model
from rashomon.extract.article.dated_events import extract_times
from rashomon.extract.article.quantities import parse_number
from rashomon.ingest import iter_articles
from rashomon.ingest.html import article_from_html
from rashomon.ingest.text import decode_bytes
from rashomon.model import Article, ArticleDoc, Failure, Span
from rashomon.pipeline import BASE_LAYERS, Pipeline

FAST = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SLOW = settings(max_examples=8, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Words and marks that trigger the rules (cue verbs, numbers, dates, quotes, bylines...), so
# generated text reaches deep into the extractors instead of stopping at the first check.
_WORDS = (
    "said", "told", "according", "to", "police", "the", "mayor", "Anna", "Berg", "at", "least",
    "12", "1,200", "three", "dozen", "killed", "injured", "on", "Monday", "March", "3",
    "2031", "last", "week", "ago", "years", "people", "\u201c", "\u201d", '"', "'", ".", ",",
    "\n", "\n\n", "By", "Reuters", "Copyright", "Read", "more", "-", "\u2014", "(", ")",
    "%", "$", "million", "about", "nearly", "up", "from", "between", "and", "officials",
    "\u202e", "\u200f", "\x00", "\x0b", "\u2028", "\ufeff", "\ud800", "\udfff", "<script>",
)
news_text = st.lists(st.sampled_from(_WORDS), max_size=80).map(" ".join)
any_text = st.text(alphabet=st.characters(codec=None), max_size=300)  # surrogates included
texts = st.one_of(news_text, any_text, st.lists(st.one_of(news_text, any_text),
                                                max_size=4).map("\n".join))
SUFFIXES = (".txt", ".html", ".json", ".jsonl", ".warc", ".txt.gz", ".jsonl.gz", ".htm")


def _in_bounds(spans: object, text: str) -> None:
    for span in spans:  # type: ignore[attr-defined]
        assert isinstance(span, Span)
        assert 0 <= span.start <= span.end <= len(text), (span, len(text))


def _doc(text: str) -> ArticleDoc | None:
    try:
        from rashomon.ingest._common import make_article

        art = make_article(text, source="prop", fmt="txt", limits=Limits())
    except IngestError:
        return None
    return ArticleDoc(article=art, layers=BASE_LAYERS)


def _is_subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(ch in it for ch in small)


# ---------------------------------------------------------------------------------------------
# Ingestion


@FAST
@given(data=st.binary(max_size=2000))
def test_decode_bytes_text_or_ingest_error(data: bytes) -> None:
    try:
        text = decode_bytes(data, source="x")
    except IngestError as exc:
        assert exc.reason
        return
    assert "\x00" not in text


@FAST
@given(data=st.one_of(st.binary(max_size=1500), texts.map(lambda t: t.encode("utf-8",
                                                                            "surrogatepass"))),
       suffix=st.sampled_from(SUFFIXES))
def test_ingest_any_bytes_any_suffix(data: bytes, suffix: str) -> None:
    if suffix.endswith(".gz"):
        data = gzip.compress(data)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        items = list(iter_articles([path], limits=Limits()))
    assert items, "every input is read or reported"
    sources = [i.source for i in items]
    assert len(set(sources)) == len(sources), "each unit reported once"
    for item in items:
        assert isinstance(item, Article | Failure)
        if isinstance(item, Failure):
            assert item.reason.strip()
        else:
            assert item.text.strip()
            # Ingest cleans lone surrogates, so every text can be written as UTF-8.
            item.text.encode("utf-8")
            assert item.id == Article.make_id(item.text)


@FAST
@given(body=texts, wrap=st.booleans(), depth=st.integers(0, 40))
def test_html_any_markup(body: str, wrap: bool, depth: int) -> None:
    page = "<div>" * depth + body + "</div>" * depth
    if wrap:
        page = f"<html><body><article><p>{page}</p></article></body></html>"
    try:
        art = article_from_html(page, source="p.html", limits=Limits())
    except IngestError as exc:
        assert exc.reason
        return
    assert art.text.strip()
    assert "<script>" not in art.text or "<script>" in body


@FAST
@given(lines=st.lists(st.one_of(texts, st.builds(lambda t: '{"text": ' + t + '}', texts)),
                      max_size=6))
def test_jsonl_any_lines(lines: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "in.jsonl"
        path.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass"))
        items = list(iter_articles([path], limits=Limits()))
    sources = [i.source for i in items]
    assert items and len(set(sources)) == len(sources)


# ---------------------------------------------------------------------------------------------
# Cleaning and metadata


@FAST
@given(text=texts, title=st.one_of(st.none(), news_text))
def test_boilerplate_spans_in_text_and_body_subsequence(text: str, title: str | None) -> None:
    doc = _doc(text)
    assume(doc is not None)
    assert doc is not None
    marks = find_boilerplate(doc.text, model=load_model(), title=title)
    _in_bounds((s for s, _, _ in marks), doc.text)
    from rashomon.model import Boilerplate

    doc = replace(doc, boilerplate=tuple(Boilerplate(article_id=doc.id, span=s, reason=r)
                                         for s, r, _ in marks))
    body = doc.body_spans()
    _in_bounds(body, doc.text)
    assert all(a.end <= b.start for a, b in zip(body, body[1:], strict=False))
    joined = "".join(doc.text[s.start:s.end].strip() for s in body)
    assert _is_subsequence(joined, doc.text)
    # Every body paragraph is literally in the text, at its span.
    for part in doc.body.split("\n\n"):
        assert part in doc.text


_CHEAP = Pipeline.from_config(
    PipelineConfig((StageConfig("clean.lines.v1"), StageConfig("meta.rules.v1"))),
    kinds=frozenset({"article"}),
)


@FAST
@given(text=texts)
def test_clean_and_meta_stages(text: str) -> None:
    doc = _doc(text)
    assume(doc is not None)
    assert doc is not None
    out = list(_CHEAP.map_articles([doc], on_error="raise"))
    assert len(out) == 1 and isinstance(out[0], ArticleDoc)
    assert out[0].text == doc.text  # text never changes
    _in_bounds(out[0].all_spans(), doc.text)


# ---------------------------------------------------------------------------------------------
# Attribution (quotes), numbers and dates without a parse


@FAST
@given(text=texts, offset=st.integers(0, 50))
def test_find_quotes_in_bounds(text: str, offset: int) -> None:
    padded = " " * offset + text
    _in_bounds(find_quotes(text, offset=offset), padded)


@FAST
@given(words=st.lists(st.sampled_from(_WORDS + ("hundred", "thousand", "half", "1.5", "-3",
                                                "1e308", "9" * 400, "twenty-one", "")),
                      max_size=8))
def test_parse_number_never_raises(words: list[str]) -> None:
    value = parse_number(words)
    assert value is None or isinstance(value, float)


@FAST
@given(text=texts, published=st.one_of(st.none(), st.sampled_from(
    ["2031-03-04", "2031-02-29", "0001-01-01", "9999-12-31", "not a date", "2031-13-45",
     "2031-03-04T10:00:00Z", ""])), fallback=st.one_of(st.none(), st.integers(1, 9999)))
@example(text="Monday", published="9999-12-31", fallback=None)  # past the calendar's end
@example(text="last Friday", published="0001-01-01", fallback=None)  # before its start
def test_times_without_parse(text: str, published: str | None, fallback: int | None) -> None:
    doc = _doc(text)
    assume(doc is not None)
    assert doc is not None
    whole = [Span(0, len(doc.text))]
    times = list(extract_times(doc.id, doc.text, body_spans=whole, sentences=whole,
                               published=published, fallback_year=fallback))
    for t in times:
        _in_bounds([t.span] + ([t.sentence] if t.sentence else []), doc.text)
        assert doc.text[t.span.start:t.span.end] == t.text


# ---------------------------------------------------------------------------------------------
# The spaCy stages: sentence splitting, attribution, quantities and dates on the parse


@pytest.fixture(scope="module")
def full_pipeline() -> Pipeline:
    names = ("clean.lines.v1", "meta.rules.v1", "nlp.spacy.v1", "attribution.rules.v1",
             "quantities.rules.v1", "times.rules.v1", "hedges.rules.v1")
    return Pipeline.from_config(PipelineConfig(tuple(StageConfig(n) for n in names)),
                                kinds=frozenset({"article"}))


@pytest.mark.model
@SLOW
@given(text=texts)
def test_spacy_stages_any_text(full_pipeline: Pipeline, text: str) -> None:
    doc = _doc(text)
    assume(doc is not None)
    assert doc is not None
    out = list(full_pipeline.map_articles([doc], on_error="raise"))
    assert len(out) == 1 and isinstance(out[0], ArticleDoc)
    d = out[0]
    assert d.text == doc.text
    _in_bounds(d.all_spans(), d.text)
    body = d.body_spans()
    for s in d.sentences:
        # Sentences come from body text only and are trimmed, non-empty.
        assert any(b.contains(s.span) for b in body)
        assert d.text[s.span.start:s.span.end].strip() == d.text[s.span.start:s.span.end]
    for q in d.quantities:
        assert d.text[q.span.start:q.span.end] == q.text
    for m in d.mentions:
        assert d.text[m.span.start:m.span.end] == m.text
