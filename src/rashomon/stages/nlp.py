"""Stage nlp.spacy.v1: sentences, parse and linked name mentions from spaCy, on body text only."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any

from rashomon.extract.article.entities import NAME_LABELS, find_mentions
from rashomon.extract.article.name_linking import link_mentions
from rashomon.extract.article.ru_entities import find_ru_mentions
from rashomon.extract.event.aliases import translit_key
from rashomon.nlp.languages import check_supported
from rashomon.nlp.pipelines import DEFAULT_MODEL, index_sentences, load_pipeline
from rashomon.nlp.russian import load_russian
from rashomon.nlp.shims import fast_components, guard_long_tokens, with_line_sentences

from ..model import ArticleDoc, Sentence, Span
from ..registry import registry

DEFAULT = ["nlp.spacy.v1"]

STAGE_NAME = "nlp.spacy.v1"

class SpacyStage:
    """Runs the pipeline of each article's language over the body blocks of docs, in batches.

    English goes through spaCy, Russian through natasha (:mod:`rashomon.nlp.russian`, which
    yields spaCy ``Doc`` objects too); an article in another language fails with
    :class:`~rashomon.nlp.languages.UnsupportedLanguage` and the others go on. Each body span
    of a doc (``ArticleDoc.body_spans()``) is one ``Doc``; offsets are mapped back to
    ``Article.text`` by adding the block's start.
    """

    def __init__(
        self,
        *,
        model: str = DEFAULT_MODEL,
        batch_size: int = 64,
        max_chars: int = 50_000,
        labels: Iterable[str] = NAME_LABELS,
    ) -> None:
        self.model = model
        self.batch_size = batch_size
        self.max_chars = max_chars
        self.labels = frozenset(labels)

    @property
    def nlp(self) -> Any:
        """The spaCy ``Language`` (loaded lazily, once per process)."""
        return with_line_sentences(guard_long_tokens(load_pipeline(self.model)))

    def __call__(self, doc: ArticleDoc) -> ArticleDoc:
        """Annotate one doc."""
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Sequence[ArticleDoc]) -> Iterator[ArticleDoc]:
        """Annotate a batch of docs; their body blocks go through ``nlp.pipe`` in bounded runs.

        Args:
            docs: article docs (any boilerplate layer already set).

        Yields:
            Each doc with ``sentences``, ``mentions``, ``entities`` and ``parsed`` set.
        """
        languages = [check_supported(d, STAGE_NAME) for d in docs]
        blocks: list[list[tuple[int, Any]]] = [[] for _ in docs]
        for lang, run in (("en", self._english), ("ru", self._russian)):
            jobs: list[tuple[int, Span]] = [
                (n, piece)
                for n, d in enumerate(docs)
                if languages[n] == lang
                for span in d.body_spans()
                for piece in pieces(d.text, span, MAX_BLOCK)
            ]
            if not jobs:
                continue
            texts = [docs[n].text[s.start : s.end] for n, s in jobs]
            for (n, span), parsed in zip(jobs, run(texts), strict=True):
                blocks[n].append((span.start, index_sentences(parsed)))
        for d, lang, parsed_blocks in zip(docs, languages, blocks, strict=True):
            yield annotate(d, parsed_blocks, labels=self.labels, language=lang)

    def _english(self, texts: Sequence[str]) -> Iterator[Any]:
        nlp = self.nlp
        # Both run after the rest of the pipeline, in their order: nothing between them and
        # the end (the entity recogniser) reads parts of speech or lemmas.
        cached = fast_components(nlp)
        skip = [c.name for c in cached]
        queue = iter(texts)
        for chunk in text_runs([len(t) for t in texts], self.batch_size, self.max_chars):
            for parsed in nlp.pipe(
                [next(queue) for _ in range(chunk)], batch_size=chunk, disable=skip
            ):
                for component in cached:
                    component(parsed)
                yield parsed

    def _russian(self, texts: Sequence[str]) -> Iterator[Any]:
        pipeline = load_russian()
        pos = 0
        for chunk in text_runs([len(t) for t in texts], self.batch_size, self.max_chars):
            yield from pipeline.pipe(texts[pos : pos + chunk])
            pos += chunk


# The longest text one spaCy ``Doc`` gets. spaCy's parser needs about 1 GB of working memory
# per 100,000 characters of one text, and refuses texts over a million; a block longer than
# this (a whole article on one line, a pathological run) is parsed in pieces.
MAX_BLOCK = 20_000
_PIECE_ENDS = (". ", "? ", "! ", "\u201d ", '" ', "; ", ", ", " ")


def pieces(text: str, span: Span, most: int) -> Iterator[Span]:
    """Cut ``span`` of ``text`` into pieces of at most ``most`` characters.

    Each cut falls after the last sentence end (else clause mark, else space) in the second
    half of the piece, so that sentences stay whole wherever the text allows; a run without
    spaces is cut where it must be.
    """
    start, end = span.start, span.end
    while end - start > most:
        limit = start + most
        cut = -1
        for mark in _PIECE_ENDS:
            at = text.rfind(mark, start + most // 2, limit - len(mark) + 1)
            if at >= 0:
                cut = at + len(mark)
                break
        if cut <= start:
            cut = limit
        yield Span(start, cut)
        start = cut
    if end > start:
        yield Span(start, end)


def text_runs(lengths: Sequence[int], most: int, max_chars: int) -> Iterator[int]:
    """Sizes of consecutive runs of texts: at most ``most`` texts and about ``max_chars``.

    spaCy's working memory for one minibatch grows with its tokens, not its texts: 64 whole
    news articles took about 450 MB more than 64 paragraphs. A run always holds at least
    one text.
    """
    count = chars = 0
    for n in lengths:
        if count and (count >= most or chars + n > max_chars):
            yield count
            count = chars = 0
        count += 1
        chars += n
    if count:
        yield count


def annotate(
    doc: ArticleDoc,
    blocks: Sequence[tuple[int, Any]],
    *,
    labels: frozenset[str] = NAME_LABELS,
    language: str = "en",
) -> ArticleDoc:
    """Fill the sentence, mention and local-entity layers of ``doc`` from its parsed blocks.

    Args:
        doc: the article doc.
        blocks: ``(offset, spacy.tokens.Doc)`` per body span, offset into ``doc.text``.
        labels: entity labels kept as name mentions.
        language: the language the blocks were parsed in (``en`` or ``ru``); a Russian
            name is linked and written by its nominative form.

    Returns:
        ``doc`` with ``sentences``, ``mentions``, ``entities`` and ``parsed`` replaced.
    """
    text = doc.text
    sentences = tuple(
        Sentence(article_id=doc.id, span=span)
        for offset, parsed in blocks
        for sent in parsed.sents
        for span in _split_lines(text, offset + sent.start_char, offset + sent.end_char)
    )
    if language == "ru":
        raw, names = find_ru_mentions(blocks, text, labels=labels)
        mentions, entities = link_mentions(
            doc.id, text, raw, translit=translit_key, names=names
        )
    else:
        raw = find_mentions(blocks, text, labels=labels)
        mentions, entities = link_mentions(doc.id, text, raw, translit=translit_key)
    return replace(
        doc, sentences=sentences, mentions=mentions, entities=entities, parsed=tuple(blocks)
    )


def _split_lines(text: str, start: int, end: int) -> Iterator[Span]:
    """Cut a spaCy sentence at line breaks and trim whitespace.

    Scraped text puts headlines, captions and bylines on their own lines without a full stop,
    and the parser runs them into the next sentence; a line break ends a sentence here.
    """
    pos = start
    for piece in text[start:end].split("\n"):
        s, e = pos, pos + len(piece)
        pos = e + 1
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            yield Span(s, e)


@registry.article_stage(
    "nlp.spacy.v1",
    requires={"boilerplate"},
    produces={"sentences", "mentions", "entities", "parsed"},
)
def make_spacy_stage(
    *,
    model: str = DEFAULT_MODEL,
    batch_size: int = 64,
    max_chars: int = 50_000,
    labels: Sequence[str] = tuple(NAME_LABELS),
) -> SpacyStage:
    """Sentences, parse and linked named entities with spaCy, on body text only."""
    return SpacyStage(model=model, batch_size=batch_size, max_chars=max_chars, labels=labels)
