"""Stage hedges.rules.v1: hedges, certainty markers and loaded wording in the writer's voice."""

from __future__ import annotations

from dataclasses import replace

from rashomon.extract.article.hedges import find_hedges

from ..model import ArticleDoc
from ..registry import ArticleStage, registry

DEFAULT = ["hedges.rules.v1"]

STAGE_NAME = "hedges.rules.v1"


@registry.article_stage(STAGE_NAME, requires={"sentences", "attributions"}, produces={"hedges"})
def make_hedge_stage() -> ArticleStage:
    """Hedges per sentence: allegedly, so-called, conditional, unverified, unsupported, loaded."""

    def stage(doc: ArticleDoc) -> ArticleDoc:
        hedges = find_hedges(
            doc.text, doc.sentences, article_id=doc.id, attributions=doc.attributions
        )
        return replace(doc, hedges=tuple(hedges))

    return stage
