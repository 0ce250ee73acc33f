"""Stage nlp.spacy.v1: sentences, parse and linked name mentions from spaCy, on body text only."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any

from rashomon.extract.article.entities import NAME_LABELS, find_mentions, link_mentions
from rashomon.extract.event.aliases import translit_key
from rashomon.nlp.pipelines import DEFAULT_MODEL, index_sentences, load_pipeline
from rashomon.nlp.shims import fast_components, guard_long_tokens, with_line_sentences

from ..model import ArticleDoc, Sentence, Span
from ..registry import registry

DEFAULT = ["nlp.spacy.v1"]

class SpacyStage:
    """Runs one spaCy pipeline over the body blocks of article docs, in batches.

    Each body span of a doc (``ArticleDoc.body_spans()``) is one spaCy ``Doc``; offsets are
    mapped back to ``Article.text`` by adding the block's start.
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
        jobs: list[tuple[int, Span]] = [
            (n, piece)
            for n, d in enumerate(docs)
            for span in d.body_spans()
            for piece in pieces(d.text, span, MAX_BLOCK)
        ]
        texts = iter([docs[n].text[s.start : s.end] for n, s in jobs])
        blocks: list[list[tuple[int, Any]]] = [[] for _ in docs]
        nlp = self.nlp
        # Both run after the rest of the pipeline, in their order: nothing between them and
        # the end (the entity recogniser) reads parts of speech or lemmas.
        cached = fast_components(nlp)
        skip = [c.name for c in cached]
        parsed_all = (
            parsed
            for chunk in text_runs([len(s) for _, s in jobs], self.batch_size, self.max_chars)
            for parsed in nlp.pipe(
                [next(texts) for _ in range(chunk)], batch_size=chunk, disable=skip
            )
        )
        for (n, span), parsed in zip(jobs, parsed_all, strict=True):
            for component in cached:
                component(parsed)
            blocks[n].append((span.start, index_sentences(parsed)))
        for d, parsed_blocks in zip(docs, blocks, strict=True):
            yield annotate(d, parsed_blocks, labels=self.labels)


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
    doc: ArticleDoc, blocks: Sequence[tuple[int, Any]], *, labels: frozenset[str] = NAME_LABELS
) -> ArticleDoc:
    """Fill the sentence, mention and local-entity layers of ``doc`` from its parsed blocks.

    Args:
        doc: the article doc.
        blocks: ``(offset, spacy.tokens.Doc)`` per body span, offset into ``doc.text``.
        labels: entity labels kept as name mentions.

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
