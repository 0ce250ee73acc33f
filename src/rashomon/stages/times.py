"""Stages times.rules.v1 and times.event.v1: temporal expressions normalised to dates."""

from __future__ import annotations

from dataclasses import replace

from rashomon.extract.article.dated_events import extract_times
from rashomon.extract.article.ru_times import extract_ru_times
from rashomon.extract.event.dates import anchor_undated, resolve_across_articles
from rashomon.nlp.languages import article_language

from ..model import ArticleDoc, EventDoc
from ..registry import ArticleStage, EventStage, registry

# times.event.v1 is an event stage: it cannot sit in this module's DEFAULT, which comes before
# later article stages (hedges); the pipeline names it before timeline.v1.
DEFAULT = ["times.rules.v1"]

STAGE_NAME = "times.rules.v1"


def publication_date(doc: ArticleDoc) -> str | None:
    """The article's publication date: the resolved metadata, else what the input declared."""
    if doc.meta.published is not None and doc.meta.published.value:
        return doc.meta.published.value
    return doc.article.published


@registry.article_stage(STAGE_NAME, requires={"meta", "sentences"}, produces={"times"})
def make_times_stage(*, fallback_year: int | None = None) -> ArticleStage:
    """Dates and times resolved against the publication date (or a window of stated dates).

    Args:
        fallback_year: the year assumed for month-day dates when an article states neither a
            publication date nor any year (set it to the event's year).
    """

    def stage(doc: ArticleDoc) -> ArticleDoc:
        extract = extract_ru_times if article_language(doc) == "ru" else extract_times
        times = tuple(
            extract(
                doc.id,
                doc.text,
                body_spans=doc.body_spans(),
                sentences=[s.span for s in doc.sentences],
                published=publication_date(doc),
                fallback_year=fallback_year,
                parsed=doc.parsed,
            )
        )
        return replace(doc, times=times)

    return stage


@registry.event_stage("times.event.v1", requires={"times"}, produces={"times"})
def make_event_times_stage(*, min_articles: int = 2) -> EventStage:
    """Dates that need the other reports: an article with no year and no publication date is
    read in the event's year; "two weeks before the collapse" by the day others give it.

    Args:
        min_articles: how many other articles must date the referent the same day.
    """

    def stage(event: EventDoc) -> EventDoc:
        docs = anchor_undated(event.docs)
        return replace(event, docs=tuple(resolve_across_articles(docs, min_articles=min_articles)))

    return stage
