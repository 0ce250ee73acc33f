"""Stage clean.lines.v1: mark scraped boilerplate lines (learned line score + structural rules)."""

from __future__ import annotations

from dataclasses import replace

from ..extract.boilerplate import find_boilerplate, load_model
from ..model import ArticleDoc, Boilerplate
from ..registry import ArticleStage, registry

DEFAULT = ["clean.lines.v1"]

STAGE_NAME = "clean.lines.v1"


@registry.article_stage(STAGE_NAME, produces={"boilerplate"})
def make_clean_stage(*, threshold: float | None = None) -> ArticleStage:
    """Boilerplate lines (navigation, teasers, captions, bylines, title...) marked, not deleted.

    The same classifier runs on every input format: for HTML-ingested articles trafilatura has
    already dropped most junk, and the lines it kept (title, captions, sign-offs) still need
    marking so the body holds news paragraphs only.

    Args:
        threshold: the learned-score cut-off above which an unexplained line is boilerplate;
            the trained model's own threshold when None.
    """
    model = load_model()
    if threshold is not None:
        model = replace(model, threshold=threshold)

    def stage(doc: ArticleDoc) -> ArticleDoc:
        marks = tuple(
            Boilerplate(article_id=doc.id, span=span, reason=reason, score=round(score, 4))
            for span, reason, score in find_boilerplate(doc.text, model=model)
        )
        return replace(doc, boilerplate=marks)

    return stage
