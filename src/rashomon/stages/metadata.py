"""Stage meta.rules.v1: title, date, author, language, translation note and relayed outlets."""

from __future__ import annotations

from dataclasses import replace

from rashomon.extract.article.metadata import LANGUAGES, infer_meta

from ..model import ArticleDoc
from ..registry import ArticleStage, registry

DEFAULT = ["meta.rules.v1"]

STAGE_NAME = "meta.rules.v1"


@registry.article_stage(STAGE_NAME, requires={"boilerplate"}, produces={"meta"})
def make_metadata_stage(*, languages: tuple[str, ...] = LANGUAGES) -> ArticleStage:
    """Metadata: declared fields win; title, date, byline, outlet, language and relays from text.

    Args:
        languages: ISO 639-1 codes language identification may answer.
    """

    def stage(doc: ArticleDoc) -> ArticleDoc:
        meta = infer_meta(doc.article, doc.boilerplate, doc.body_spans(), languages=languages)
        return replace(doc, meta=meta)

    return stage
