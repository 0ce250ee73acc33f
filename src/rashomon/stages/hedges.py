"""Stage hedges.rules.v1: hedges, certainty markers and loaded wording in the writer's voice."""

from __future__ import annotations

from dataclasses import replace

from rashomon.extract.article.hedges import find_hedges
from rashomon.extract.article.ru_hedges import find_ru_hedges
from rashomon.nlp.languages import article_language

from ..model import ArticleDoc
from ..registry import ArticleStage, registry

DEFAULT = ["hedges.rules.v1"]

STAGE_NAME = "hedges.rules.v1"


@registry.article_stage(STAGE_NAME, requires={"sentences", "attributions"}, produces={"hedges"})
def make_hedge_stage() -> ArticleStage:
    """Hedges per sentence: allegedly, so-called, conditional, unverified, unsupported, loaded."""

    def stage(doc: ArticleDoc) -> ArticleDoc:
        find = find_ru_hedges if article_language(doc) == "ru" else find_hedges
        hedges = find(
            doc.text, doc.sentences, article_id=doc.id, attributions=doc.attributions
        )
        return replace(doc, hedges=tuple(hedges))

    return stage
