"""Dates across the articles of one event: happenings an article names but does not date,
dated by the days the other articles give them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from rashomon.extract.article.dated_events import (
    COMPOUND,
    POST,
    Anchor,
    best_anchor,
    event_classes,
    referent_bounds,
    shift,
    statement,
    word_stems,
)
from rashomon.extract.article.times import number as _num
from rashomon.model import ArticleDoc, TimeMention


def _compound_parts(text: str) -> tuple[float, str, int, str] | None:
    """``(n, unit, sign, referent)`` of a compound mention's text, or None."""
    for pat in (COMPOUND, POST):
        m = pat.search(text)
        if m is None:
            continue
        n_s = m.group("n").lower()
        plural = text[m.end("u") : m.end("u") + 1].lower() == "s"
        n = (None if plural else 1.0) if n_s == "the" else _num(n_s)
        x = referent_bounds(m.group("x"))
        if n is None or not x.strip():
            return None
        sign = -1 if m.group("dir").lower() in ("before", "prior to") else 1
        return n, m.group("u").lower(), sign, x
    return None


def _article_anchors(doc: ArticleDoc) -> list[Anchor]:
    """The dated happenings one article states (as :func:`extract_times` finds them)."""
    text = doc.text
    out: list[Anchor] = []
    for t in doc.times:
        if t.value is None or t.granularity != "day" or t.anchor == "cross-article":
            continue
        day = date.fromisoformat(t.value)
        parts = _compound_parts(t.text) if t.anchor in ("event", "explicit") else None
        if parts is not None:
            n, unit, sign, x = parts
            if unit in ("day", "night", "week"):
                back = day - timedelta(days=sign * int(n * (7 if unit == "week" else 1)))
                out.append(
                    Anchor(t.span.start, back, word_stems(x), event_classes(x), derived=True)
                )
            continue
        sent = (t.sentence.start, t.sentence.end) if t.sentence else (0, len(text))
        words, reporting = statement(text, t.span.start, t.span.end, sent)
        out.append(Anchor(t.span.start, day, word_stems(words), event_classes(words),
                           reporting=reporting))  # fmt: skip
    return out


def resolve_across_articles(
    docs: Sequence[ArticleDoc], *, min_articles: int = 2
) -> list[ArticleDoc]:
    """Date ``two weeks before the collapse`` by the day other reports give the collapse.

    A short follow-up often names the story's happening without restating its date. When
    the article itself does not date the referent, each other (non-duplicate) article that
    does votes for its day; the day at least ``min_articles`` articles give, and more give
    than any other day, resolves the expression with ``anchor="cross-article"``.

    Args:
        docs: the articles of one event, with the ``times`` layer.
        min_articles: how many other articles must date the referent the same way.

    Returns:
        The articles, those with newly resolved mentions replaced.
    """
    anchors = {d.id: _article_anchors(d) for d in docs if d.duplicate_of is None}
    out: list[ArticleDoc] = []
    for doc in docs:
        changed = False
        times: list[TimeMention] = []
        for t in doc.times:
            if t.anchor == "cross-article":
                # Recomputed from the articles' own readings, so that re-running the stage on
                # a changed set of articles cannot keep a stale value.
                t = replace(t, value=None, granularity="unknown", anchor="none")
                changed = True
            parts = _compound_parts(t.text) if t.value is None and t.anchor == "none" else None
            if parts is not None:
                n, unit, sign, x = parts
                votes: dict[date, int] = {}
                for aid, other in anchors.items():
                    if aid == doc.id:
                        continue
                    ref = best_anchor(x, -1, other, None)
                    if ref is not None:
                        votes[ref[0]] = votes.get(ref[0], 0) + 1
                ranked = sorted(votes.items(), key=lambda kv: -kv[1])
                if ranked and ranked[0][1] >= min_articles and (
                    len(ranked) == 1 or ranked[0][1] > ranked[1][1]
                ):
                    shifted = shift(ranked[0][0], n, unit, sign)
                    if shifted is not None:
                        t = replace(t, value=shifted[0], granularity=shifted[1],
                                    anchor="cross-article")  # fmt: skip
                        changed = True
            times.append(t)
        out.append(replace(doc, times=tuple(times)) if changed else doc)
    return out
