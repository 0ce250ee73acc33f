"""Dates across the articles of one event: happenings an article names but does not date,
dated by the days the other articles give them."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from rashomon.extract.article.dated_events import (
    COMPOUND,
    POST,
    Anchor,
    best_anchor,
    event_classes,
    extract_times,
    referent_bounds,
    shift,
    statement,
    word_stems,
)
from rashomon.extract.article.times import number as _num
from rashomon.extract.article.times import tag_timexes
from rashomon.extract.article.times.vocabulary import WEEKDAYS
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
        if t.value is None or t.granularity not in ("day", "time") or t.anchor == "cross-article":
            continue
        if t.granularity == "time" and not _WEEKDAY_DATE.search(t.text):
            continue  # "at 3:40 a.m." alone is read on the publication day, not its own
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
                           reporting=reporting, clock=_clock_in(text, sent)))  # fmt: skip
    return out


_CLOCK = re.compile(r"\b(\d{1,2})(?::([0-5]\d))?\s*([ap])\.?\s?m\b\.?", re.IGNORECASE)


def _clock_in(text: str, sent: tuple[int, int]) -> int | None:
    """The time of day (minutes after midnight) a sentence states for its happening ("gave
    way at about 3:40 a.m. on Tuesday"), when it states exactly one."""
    found = {
        (int(m.group(1)) % 12 + (12 if m.group(3).lower() == "p" else 0)) * 60
        + int(m.group(2) or 0)
        for m in _CLOCK.finditer(text, sent[0], sent[1])
    }
    return found.pop() if len(found) == 1 else None


def _stated_clock(
    referent: str, day: date, own: str, anchors: dict[str, list[Anchor]]
) -> int | None:
    """The time of day the other reports give the referent's happening on ``day`` ("gave way
    at about 3:40 a.m. on Tuesday"), when they agree on one."""
    classes, stems = event_classes(referent), word_stems(referent)
    clocks = {
        a.clock for aid, found in anchors.items() if aid != own for a in found
        if a.day == day and a.clock is not None and (classes & a.classes or stems & a.stems)
    }  # fmt: skip
    return clocks.pop() if len(clocks) == 1 else None


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
                    clock = _stated_clock(x, ranked[0][0], doc.id, anchors)
                    shifted = shift(ranked[0][0], n, unit, sign, clock)
                    if shifted is not None:
                        t = replace(t, value=shifted[0], granularity=shifted[1],
                                    anchor="cross-article")  # fmt: skip
                        changed = True
            times.append(t)
        out.append(replace(doc, times=tuple(times)) if changed else doc)
    return out


# --------------------------------------------------------------------------------------------
# Articles that state no year and carry no publication date: anchored by the event


_OWN_ANCHORS = frozenset({"window", "explicit", "published"})
_WEEKDAY_DATE = re.compile(r"\b(?P<wd>" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)


def publication_date(doc: ArticleDoc) -> date | None:
    """The article's publication day: resolved metadata, else what the input declared."""
    value = doc.meta.published.value if doc.meta.published is not None else None
    value = value or doc.article.published
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _needs_event_anchor(doc: ArticleDoc) -> bool:
    """No publication date, and nothing the article itself dates with a year."""
    if doc.duplicate_of is not None or publication_date(doc) is not None:
        return False
    return not any(t.anchor in _OWN_ANCHORS for t in doc.times)


def _dated_articles(docs: Sequence[ArticleDoc]) -> list[tuple[str, date]]:
    """(article id, its date) for each article that has one: its publication date, else the
    latest full date it states."""
    out: list[tuple[str, date]] = []
    for doc in docs:
        if doc.duplicate_of is not None:
            continue
        day = publication_date(doc)
        if day is None:
            stated = [date.fromisoformat(t.value) for t in doc.times
                      if t.anchor == "explicit" and t.granularity == "day" and t.value]  # fmt: skip
            day = max(stated) if stated else None
        if day is not None:
            out.append((doc.id, day))
    return out


def _weekday_years(text: str, years: Sequence[int]) -> list[int]:
    """The candidate years in which every "Sunday, July 26" the text writes falls on its
    weekday (all of them when the text writes none)."""
    pairs: list[tuple[int, int, int]] = []
    for t in tag_timexes(text, anchor=None):
        m = re.fullmatch(r"XXXX-(\d\d)-(\d\d)", t.value or "")
        wd = _WEEKDAY_DATE.search(t.text)
        if m and wd:
            pairs.append((int(m.group(1)), int(m.group(2)), WEEKDAYS[wd.group(1).lower()]))
    if not pairs:
        return list(years)
    fits = []
    for y in years:
        try:
            if all(date(y, mon, day).weekday() == wd for mon, day, wd in pairs):
                fits.append(y)
        except ValueError:
            continue
    return fits


def _event_year(doc: ArticleDoc, others: Sequence[tuple[str, date]]) -> tuple[int, str, date]:
    """The year to read the article's month-day dates in, and the article and date giving it.

    The year most of the other articles are dated in, unless the article's own weekday-dates
    ("Sunday, July 26") fit only a neighbouring year.
    """
    counts = Counter(d.year for _, d in others)
    candidates = sorted({y + k for y in counts for k in (0, -1, 1)})
    fitting = _weekday_years(doc.text, candidates)
    ranked = sorted(fitting or candidates, key=lambda y: (-counts.get(y, 0), -y))
    year = ranked[0]
    near = min(others, key=lambda o: (abs(o[1].year - year), o[1]))
    return year, near[0], near[1]


def _reanchored(doc: ArticleDoc, others: Sequence[tuple[str, date]]) -> ArticleDoc:
    year, source, source_date = _event_year(doc, others)
    spans, sents = doc.body_spans(), [s.span for s in doc.sentences]
    times = list(extract_times(doc.id, doc.text, body_spans=spans, sentences=sents,
                               fallback_year=year))  # fmt: skip
    label = "event-window"
    if not any(t.anchor == "window" for t in times):
        # Nothing dated in the text to open a window from: read it as published when the
        # event's other articles were (their middle date).
        middle = sorted(others, key=lambda o: o[1])[len(others) // 2]
        source, source_date, label = middle[0], middle[1], "event-published"
        times = list(extract_times(doc.id, doc.text, body_spans=spans, sentences=sents,
                                   published=middle[1].isoformat()))  # fmt: skip
    old = {(t.span.start, t.span.end): t for t in doc.times}
    out = []
    for t in times:
        before = old.get((t.span.start, t.span.end))
        if before is not None:  # the parse-based fields the article stage found
            t = replace(t, event_text=before.event_text, happening=before.happening)
        if t.anchor in ("window", "published"):
            t = replace(t, anchor=label, anchor_from=source, anchor_date=source_date.isoformat())
        out.append(t)
    return replace(doc, times=tuple(out))


def anchor_undated(docs: Sequence[ArticleDoc]) -> list[ArticleDoc]:
    """Date the articles that name no year and carry no publication date by their event.

    "On March 7" in a report that states neither is read in the year the event's other
    articles are dated in (a weekday written beside a date, "Sunday, July 26", picks between
    neighbouring years), through a window opened by the latest date the report states
    (``anchor="event-window"``); a report that states no date at all is read as published
    when the others were (``anchor="event-published"``). Each re-dated mention records the
    article and date that anchored it (``anchor_from``, ``anchor_date``).

    Args:
        docs: the articles of one event, with the ``times`` layer.

    Returns:
        The articles, re-dated ones replaced.
    """
    dated = _dated_articles(docs)
    out: list[ArticleDoc] = []
    for doc in docs:
        others = [o for o in dated if o[0] != doc.id]
        out.append(_reanchored(doc, others) if others and _needs_event_anchor(doc) else doc)
    return out
