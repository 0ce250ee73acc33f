"""Stage quantities.rules.v1: numbers with what they count, their qualifier interval and source."""

from __future__ import annotations

from dataclasses import replace

from rashomon.extract.article.quantities import extract_quantities
from rashomon.extract.article.ru_quantities import extract_ru_quantities
from rashomon.nlp.languages import article_language

from ..errors import StageError
from ..model import ArticleDoc
from ..registry import ArticleStage, registry

DEFAULT = ["quantities.rules.v1"]

STAGE_NAME = "quantities.rules.v1"


@registry.article_stage(STAGE_NAME, requires={"sentences", "parsed"}, produces={"quantities"})
def make_quantity_stage() -> ArticleStage:
    """Quantities (tolls, seats, durations...) with qualifier intervals and who gives them."""

    def stage(doc: ArticleDoc) -> ArticleDoc:
        if doc.parsed is None:
            raise StageError(
                STAGE_NAME,
                doc.id,
                "no parsed blocks on the doc; run nlp.spacy.v1 before quantities.rules.v1 "
                "in the same worker (parsed Docs are not serialised)",
            )
        # Use the attribution layer's speakers only when that stage ran; otherwise the
        # extractor falls back to the sentence's speech-verb subject.
        attributions = doc.attributions if "attributions" in doc.layers or doc.attributions else ()
        extract = extract_ru_quantities if article_language(doc) == "ru" else extract_quantities
        quantities = tuple(extract(doc.parsed, article_id=doc.id, attributions=attributions))
        return replace(doc, quantities=quantities)

    return stage
