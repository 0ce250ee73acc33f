"""Tests for the event timeline (extract/event/timeline.py, stage timeline.v1)."""

from __future__ import annotations

from rashomon.extract.event.timeline import build_timeline
from rashomon.model import (
    Article,
    ArticleDoc,
    ArticleMeta,
    EventDoc,
    MetaField,
    Span,
    TimeMention,
    content_id,
)
from rashomon.registry import registry


def _event(*docs: ArticleDoc) -> EventDoc:
    return EventDoc(id="e", name="e", docs=docs)


def _timed(text: str, outlet: str, *dated: tuple[str, str]) -> ArticleDoc:
    aid = Article.make_id(text)
    times = []
    for surface, value in dated:
        start = text.index(surface)
        times.append(TimeMention(id=content_id(aid, "t", str(start)), article_id=aid,
                                 span=Span(start, start + len(surface)), text=surface,
                                 value=value, granularity="day", anchor="explicit"))
    return ArticleDoc(article=Article(id=aid, source=f"{outlet}.txt", text=text),
                      meta=ArticleMeta(outlet=MetaField(value=outlet, origin="declared")),
                      times=tuple(times))


def test_timeline_merges_the_same_dated_event_across_articles() -> None:
    a = _timed("The Varnholm ferry caught fire on May 3 near the harbour. "
               "Divers resumed the search on May 5.", "Ledger",
               ("May 3", "2031-05-03"), ("May 5", "2031-05-05"))
    b = _timed("On May 3 the Varnholm ferry caught fire near the harbour wall.", "Times",
               ("May 3", "2031-05-03"))
    ev = _event(a, b)
    entries = build_timeline(ev)
    assert [(e.date, len(e.article_ids)) for e in entries] == [
        ("2031-05-03", 2), ("2031-05-05", 1)]
    fire = entries[0]
    cited = sorted(ev.doc(x.article_id).text[x.span.start:x.span.end] for x in fire.evidence)
    assert cited == ["On May 3 the Varnholm ferry caught fire near the harbour wall.",
                     "The Varnholm ferry caught fire on May 3 near the harbour."]
    assert fire.text in cited


def test_stage_registered_with_layers() -> None:
    assert registry.get("timeline.v1").requires == frozenset({"times"})
    assert registry.get("timeline.v1").produces == frozenset({"timeline"})
