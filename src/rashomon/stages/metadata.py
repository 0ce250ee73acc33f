"""Stage meta.rules.v1: title, date, author, language, translation note and relayed outlets."""

from __future__ import annotations

from dataclasses import replace

from rashomon.extract.article.metadata import LANGUAGES, infer_meta
from rashomon.extract.article.ru_metadata import find_ru_relays
from rashomon.nlp.languages import article_language

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
        doc = replace(doc, meta=meta)
        if article_language(doc) == "ru":
            # Russian cues and outlet names ("сообщает ТАСС"); the English rules found none.
            title = [meta.title.span] if meta.title and meta.title.span else []
            seen = {r.span for r in meta.relays}
            spans = sorted([*doc.body_spans(), *title], key=lambda s: s.start)
            relays = tuple(r for r in find_ru_relays(doc.text, spans) if r.span not in seen)
            doc = replace(doc, meta=replace(meta, relays=meta.relays + relays))
        return doc

    return stage
