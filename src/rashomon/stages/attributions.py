"""Stage attribution.rules.v1: quotes and reported speech as source-cue-content triples."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from rashomon.extract.article.attributions import (
    CUE_VERBS,
    PersonIndex,
    collect_referents,
    find_attributions,
    find_quotes,
    resolve_attributions,
)
from rashomon.extract.article.ru_attributions import ru_attributions
from rashomon.nlp.languages import article_language
from rashomon.nlp.pipelines import doc_text

from ..errors import StageError
from ..model import ArticleDoc, Attribution, Span
from ..registry import ArticleStage, registry

DEFAULT = ["attribution.rules.v1"]

STAGE_NAME = "attribution.rules.v1"


def article_attributions(
    doc: ArticleDoc, *, cues: frozenset[str] = CUE_VERBS
) -> tuple[Attribution, ...]:
    """Attributions of one article from its parsed blocks, entity layers and relays.

    Args:
        doc: an article doc with ``parsed`` set (``(offset, spacy Doc)`` blocks).
        cues: cue verb lemmas.

    Returns:
        The attributions in text order, spans into ``doc.text``.
    """
    blocks: Sequence[tuple[int, Any]] = doc.parsed or ()
    text = doc.text
    quotes: list[Span] = []
    found = []
    for offset, parsed in blocks:
        block_quotes = find_quotes(doc_text(parsed), offset=offset)
        quotes.extend(block_quotes)
        found.extend(find_attributions(parsed, offset=offset, cues=cues, quotes=block_quotes))
    if doc.mentions or doc.entities:
        people = PersonIndex.from_layers(doc.mentions, doc.entities)
    else:
        people = PersonIndex.from_docs(blocks)
    relays = [(r.outlet, r.span) for r in doc.meta.relays]
    referents = collect_referents(blocks, quotes, [m.span for m in people.persons])
    return tuple(
        resolve_attributions(
            found,
            text=text,
            article_id=doc.id,
            people=people,
            relays=relays,
            quotes=quotes,
            referents=referents,
        )
    )


@registry.article_stage(
    STAGE_NAME, requires={"sentences", "entities", "parsed"}, produces={"attributions"}
)
def make_attribution_stage(*, cues: Sequence[str] = tuple(sorted(CUE_VERBS))) -> ArticleStage:
    """Quotes and reported speech (who said what, through which outlet) from the parse."""
    cue_set = frozenset(cues)

    def stage(doc: ArticleDoc) -> ArticleDoc:
        if doc.parsed is None:
            raise StageError(
                STAGE_NAME,
                doc.id,
                "no parsed blocks on the doc; run nlp.spacy.v1 before attribution.rules.v1 "
                "in the same worker (parsed Docs are not serialised)",
            )
        if article_language(doc) == "ru":
            return replace(doc, attributions=ru_attributions(doc))
        return replace(doc, attributions=article_attributions(doc, cues=cue_set))

    return stage
