"""The event's timeline: dated happenings merged across the outlets that report them.

Each day-level date an article states becomes one dated happening: the whole clause or phrase
the date belongs to (``TimeMention.happening``, from the parse: who did what), else its
sentence. Happenings on the same day that say the same thing are one entry with every
outlet's evidence: they share enough content words, a kind of event (``the March 22 attack``
and ``the bloodbath ... on March 22`` are both attacks), or a named participant and a word.

Outlets that place the same happening on different days are flagged as a
:class:`~rashomon.model.DateConflict`, with each outlet's version and evidence; where the
difference is exactly a week and one side's date is a bare weekday ("on Thursday", read
against the publication date), the weekday is re-dated to the other outlets' day instead.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from rashomon.extract.article.dated_events import event_classes
from rashomon.extract.article.times.vocabulary import calendar_names
from rashomon.extract.event.text import sentences
from rashomon.lexicon import words
from rashomon.model import (
    ArticleDoc,
    DateConflict,
    DatedVersion,
    EventDoc,
    Evidence,
    Span,
    TimelineEntry,
    TimeMention,
    content_id,
)

__all__ = ["build_timeline", "dated_happenings", "timeline_and_conflicts"]

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+|\d+")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]{2,}\b")
_WEEKDAY = re.compile(
    r"(?i)(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?"
)
CONFLICT_SIMILARITY = 0.5  # content-word overlap for one happening dated two ways


@dataclass(frozen=True, slots=True)
class Happening:
    """One article's dated happening: its day, its words and where it is written."""

    date: str
    article_id: str
    outlet: str
    span: Span
    text: str
    words: frozenset[str]
    classes: frozenset[str]
    names: frozenset[str]
    weekday: bool  # dated by a bare weekday read against the publication date


def _sentence_clause(text: str, sent: Span, pos: int) -> Span:
    """The date's sentence, cut at semicolons around it (never in the middle of a phrase)."""
    start, end = sent.start, sent.end
    for m in re.finditer(r";\s*", text[sent.start : sent.end]):
        cut = sent.start + m.end()
        if cut <= pos:
            start = cut
        elif sent.start + m.start() > pos:
            end = min(end, sent.start + m.start())
            break
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def _names_outside_calendar(names: Sequence[str]) -> frozenset[str]:
    """Capitalised words of a happening, less day and month names (which say when, not who)."""
    calendar = calendar_names()
    return frozenset(n for n in names if n.casefold() not in calendar)


def _content(text: str, date_text: str) -> frozenset[str]:
    stop = words("timeline_stopwords")
    dated = {w.lower() for w in _WORD.findall(date_text)}
    return frozenset(
        w.lower() for w in _WORD.findall(text)
        if len(w) > 2 and w.lower() not in stop and w.lower() not in dated
    )  # fmt: skip


def _happening(doc: ArticleDoc, t: TimeMention, sents: Sequence[Span]) -> Happening | None:
    span = t.happening
    if span is None:
        sent = t.sentence or next((s for s in sents if s.start <= t.span.start < s.end), None)
        if sent is None:
            return None
        span = _sentence_clause(doc.text, sent, t.span.start)
    text = " ".join(doc.text[span.start : span.end].split())
    return Happening(
        date=(t.value or "")[:10],
        article_id=doc.id,
        outlet=doc.outlet_label,
        span=span,
        text=text,
        words=_content(text, t.text),
        classes=event_classes(text),
        names=_names_outside_calendar(_NAME.findall(text)),
        weekday=bool(_WEEKDAY.fullmatch(t.text.strip())) and t.anchor == "published",
    )


def dated_happenings(event: EventDoc, granularity: frozenset[str]) -> list[Happening]:
    """Every dated happening of the event's (non-duplicate) articles, one per clause."""
    out: list[Happening] = []
    for doc in event.docs:
        if doc.duplicate_of is not None:
            continue
        sents = sentences(doc)
        seen: set[tuple[str, int]] = set()
        for t in doc.times:
            if t.value is None or t.granularity not in granularity:
                continue
            h = _happening(doc, t, sents)
            # One clause dated twice ("on Saturday, three days before") is one happening.
            if h is not None and (h.date, h.span.start) not in seen:
                seen.add((h.date, h.span.start))
                out.append(h)
    return out


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


_PHRASE_WORDS = 12  # a happening this short is the dated noun phrase ("Friday's attack")


def same_happening(a: Happening, b: Happening, similarity: float) -> bool:
    """Whether two happenings on one day say the same thing: enough shared content words; or,
    in two articles, one kind of event named by a short phrase ("the March 22 attack", "the
    bloodbath on March 22"); or a shared participant and some shared words."""
    overlap = _jaccard(a.words, b.words)
    if overlap >= similarity:
        return True
    short = min(len(a.text.split()), len(b.text.split())) <= _PHRASE_WORDS
    if short and a.classes & b.classes and a.article_id != b.article_id:
        return True
    return bool(a.names & b.names) and overlap >= similarity / 2


def _groups(items: Sequence[Happening], similarity: float) -> list[list[Happening]]:
    """Happenings of one day, grouped: each joins the first group with at least half of whose
    members it is :func:`same_happening` (a chain of loose likenesses does not merge a day)."""
    groups: list[list[Happening]] = []
    for h in items:
        for g in groups:
            hits = sum(1 for o in g if same_happening(h, o, similarity))
            if 2 * hits >= len(g):
                g.append(h)
                break
        else:
            groups.append([h])
    return groups


def _entry(group: Sequence[Happening], note: str = "") -> TimelineEntry:
    # The text: the happening as the outlet that states it most often words it, the fullest
    # of its versions; its evidence comes first.
    lead = max(group, key=lambda h: (sum(1 for o in group if o.outlet == h.outlet), len(h.text)))
    ev: list[Evidence] = []
    for h in (lead, *group):
        e = Evidence(article_id=h.article_id, span=h.span)
        if e not in ev:
            ev.append(e)
    return TimelineEntry(
        date=group[0].date,
        text=lead.text,
        article_ids=tuple(dict.fromkeys(h.article_id for h in group)),
        evidence=tuple(ev),
        outlets=tuple(dict.fromkeys(h.outlet for h in group)),
        note=note,
    )


def build_timeline(
    event: EventDoc, *, similarity: float = 0.3, granularity: frozenset[str] = frozenset({"day"})
) -> list[TimelineEntry]:
    """Dated entries from day-level time mentions, merged across articles.

    Args:
        event: an event with the ``times`` layer.
        similarity: content-word Jaccard that makes two happenings on one day the same.
        granularity: which time granularities make entries.

    Returns:
        Entries sorted by date, each with evidence in every article that states it.
    """
    return timeline_and_conflicts(event, similarity=similarity, granularity=granularity)[0]


def timeline_and_conflicts(
    event: EventDoc, *, similarity: float = 0.3, granularity: frozenset[str] = frozenset({"day"})
) -> tuple[list[TimelineEntry], list[DateConflict]]:
    """The timeline and the happenings outlets date differently (see the module docstring)."""
    by_day: dict[str, list[Happening]] = defaultdict(list)
    for h in dated_happenings(event, granularity):
        by_day[h.date].append(h)
    groups = [g for day in sorted(by_day) for g in _groups(by_day[day], similarity)]
    groups, notes, conflicts = _reconcile(groups)
    entries = [_entry(g, notes.get(id(g), "")) for g in groups]
    entries.sort(key=lambda e: (e.date, -len(e.outlets), e.text))
    return entries, conflicts


def _similar_across_days(a: Sequence[Happening], b: Sequence[Happening]) -> bool:
    return any(
        _jaccard(x.words, y.words) >= CONFLICT_SIMILARITY
        or (
            (x.classes & y.classes) - {"generic"}
            and x.names & y.names
            and _jaccard(x.words, y.words) >= CONFLICT_SIMILARITY / 2
        )
        for x in a for y in b
    )  # fmt: skip


def _week_off(a: Sequence[Happening], b: Sequence[Happening]) -> bool:
    """``a`` is only bare weekdays, a week away from ``b``'s day."""
    days = abs((date.fromisoformat(a[0].date) - date.fromisoformat(b[0].date)).days)
    return days == 7 and all(h.weekday for h in a) and not all(h.weekday for h in b)


def _reconcile(
    groups: list[list[Happening]],
) -> tuple[list[list[Happening]], dict[int, str], list[DateConflict]]:
    """Pairs of groups from different outlets that date one happening differently: a weekday
    read a week off joins the other day; any other difference is a conflict."""
    notes: dict[int, str] = {}
    conflicts: list[DateConflict] = []
    gone: set[int] = set()
    for i, a in enumerate(groups):
        for j in range(i + 1, len(groups)):
            b = groups[j]
            if i in gone or j in gone or a[0].date == b[0].date:
                continue
            if {h.outlet for h in a} & {h.outlet for h in b} or not _similar_across_days(a, b):
                continue
            for src, dst, k in ((a, b, i), (b, a, j)):
                if _week_off(src, dst):
                    dst.extend(src)
                    notes[id(dst)] = (
                        f"{', '.join(sorted({h.outlet for h in src}))}: a weekday read as "
                        f"{src[0].date} is the same happening as {dst[0].date}"
                    )
                    gone.add(k)
                    break
            else:
                conflicts.append(_conflict(a, b))
    return [g for n, g in enumerate(groups) if n not in gone], notes, conflicts


def _conflict(a: Sequence[Happening], b: Sequence[Happening]) -> DateConflict:
    versions = tuple(
        DatedVersion(
            date=g[0].date,
            outlets=tuple(dict.fromkeys(h.outlet for h in g)),
            evidence=tuple(Evidence(article_id=h.article_id, span=h.span) for h in g),
        )
        for g in sorted((a, b), key=lambda g: g[0].date)
    )
    text = max([*a, *b], key=lambda h: len(h.text)).text
    ids = sorted(f"{e.article_id}:{e.span.start}" for v in versions for e in v.evidence)
    return DateConflict(id=content_id("date-conflict", *ids), text=text, versions=versions)
