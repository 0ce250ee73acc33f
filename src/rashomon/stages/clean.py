"""Stage clean.lines.v1: mark scraped boilerplate lines (learned line score + structural rules)."""

from __future__ import annotations

from dataclasses import replace

from rashomon.extract.article.boilerplate import find_boilerplate, load_model

from ..model import ArticleDoc, Boilerplate
from ..registry import ArticleStage, registry

DEFAULT = ["clean.lines.v1"]

STAGE_NAME = "clean.lines.v1"

# Formats whose text trafilatura already extracted from a page's markup.
EXTRACTED_FORMATS = frozenset({"html", "warc", "url", "feed"})


@registry.article_stage(STAGE_NAME, produces={"boilerplate"})
def make_clean_stage(
    *, threshold: float | None = None, extracted_threshold: float = 0.9
) -> ArticleStage:
    """Boilerplate lines (navigation, teasers, captions, bylines, title...) marked, not deleted.

    The same rules run on every input format. For HTML-ingested articles trafilatura has
    already dropped most junk; the lines it kept (captions, sign-offs) still need marking, but
    there only the first-pass line score counts, and only at ``extracted_threshold``, since
    what is left is mostly body (lists, short paragraphs) the score would otherwise take for
    junk. When the
    input declared a title, only the line matching it is marked "title" (no headline is
    guessed).

    Args:
        threshold: the learned-score cut-off above which an unexplained line is boilerplate;
            the trained model's own threshold when None.
        extracted_threshold: the cut-off for text already extracted from HTML (html, warc,
            url formats); never lower than ``threshold``.
    """
    model = load_model()
    if threshold is not None:
        model = replace(model, threshold=threshold)
    # The second (context) pass learned what a whole scraped page looks like; text trafilatura
    # already extracted is mostly body and would look to it like one long junk-free region
    # with odd edges, so extracted text is judged by the first pass alone, as it always was.
    extracted = replace(model, threshold=max(model.threshold, extracted_threshold), context=None)

    def stage(doc: ArticleDoc) -> ArticleDoc:
        chosen = extracted if doc.article.format in EXTRACTED_FORMATS else model
        marks = tuple(
            Boilerplate(article_id=doc.id, span=span, reason=reason, score=round(score, 4))
            for span, reason, score in find_boilerplate(
                doc.text, model=chosen, title=doc.article.title
            )
        )
        return replace(doc, boilerplate=marks)

    return stage
