"""The event's timeline: dated happenings merged across the outlets that report them."""

from __future__ import annotations

import re
from collections import defaultdict

from rashomon.extract.event.stance import sentence_spans
from rashomon.model import ArticleDoc, EventDoc, Evidence, Span, TimelineEntry


def _sentences(doc: ArticleDoc) -> list[Span]:
    """Body sentence spans (a punctuation split when the sentence layer is missing)."""
    if doc.sentences:
        return [s.span for s in doc.sentences]
    out: list[Span] = []
    for body in doc.body_spans():
        for s in sentence_spans(doc.text[body.start : body.end]):
            out.append(Span(body.start + s.start, body.start + s.end))
    return out


def _clause(text: str, sent: Span, pos: int, *, max_chars: int = 240) -> Span:
    # The clause around ``pos``: the sentence cut at semicolons, trimmed to a readable length.
    start, end = sent.start, sent.end
    for m in re.finditer(r";\s*", text[sent.start : sent.end]):
        cut = sent.start + m.end()
        if cut <= pos:
            start = cut
        elif sent.start + m.start() > pos:
            end = min(end, sent.start + m.start())
            break
    if end - start > max_chars:
        start = max(start, pos - max_chars // 2)
        end = min(end, start + max_chars)
        start = text.rfind(" ", sent.start, start) + 1 if start > sent.start else start
        end_space = text.find(" ", end, sent.end)
        end = end_space if end_space != -1 else sent.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)



_WORD = re.compile(r"[a-z0-9]+")
_TL_STOP = frozenset(
    {
        "the",
        "a",
        "an",
        "of",
        "on",
        "in",
        "at",
        "to",
        "and",
        "was",
        "were",
        "is",
        "had",
        "has",
        "have",
        "that",
        "by",
        "for",
        "with",
        "it",
        "its",
        "said",
    }
)


def _content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in _TL_STOP and len(w) > 2)


def _time_clause(text: str, sent: Span, span: Span) -> Span:
    # The clause of the sentence the date sits in: cut at semicolons and at sentence-internal
    # quotes' ends, keep at most ~30 words around the date.
    clause = _clause(text, sent, span.start, max_chars=220)
    return clause


def build_timeline(
    event: EventDoc, *, similarity: float = 0.3, granularity: frozenset[str] = frozenset({"day"})
) -> list[TimelineEntry]:
    """Dated entries from day-level time mentions, merged across articles.

    Two mentions merge when they have the same date and their clauses share enough content
    words (Jaccard >= ``similarity``) or the same linked event head.

    Args:
        event: an event with the ``times`` layer.
        similarity: content-word Jaccard needed to merge clauses with the same date.
        granularity: which time granularities make entries.

    Returns:
        Entries sorted by date, each with evidence in every article that states it.
    """
    raw: list[tuple[str, str, Span, str, frozenset[str]]] = []  # date, aid, clause, head, words
    for doc in event.docs:
        if doc.duplicate_of is not None:
            continue
        sents = _sentences(doc)
        for t in doc.times:
            if t.value is None or t.granularity not in granularity:
                continue
            sent = t.sentence or next((s for s in sents if s.start <= t.span.start < s.end), None)
            if sent is None:
                continue
            clause = _time_clause(doc.text, sent, t.span)
            words = _content_words(doc.text[clause.start : clause.end]) - _content_words(t.text)
            raw.append((t.value[:10], doc.id, clause, (t.event_text or "").lower(), words))
    entries: list[list[tuple[str, str, Span, str, frozenset[str]]]] = []
    # One clause dated twice in one article ("on Saturday, three days before") is one entry.
    raw = list({(r[0], r[1], r[2].start): r for r in raw}.values())
    by_date: dict[str, list[list[tuple[str, str, Span, str, frozenset[str]]]]] = defaultdict(list)
    for item in raw:
        for group in by_date[item[0]]:
            if any(
                _jaccard(item[4], g[4]) >= similarity
                or (item[3] and item[3] == g[3] and item[3] not in {"said", "told", "says"})
                for g in group
            ):
                group.append(item)
                break
        else:
            entries.append([item])
            by_date[item[0]].append(entries[-1])
    out: list[TimelineEntry] = []
    for group in entries:
        seen: set[tuple[str, int]] = set()
        ev = []
        for _, aid, clause, _, _ in group:
            if (aid, clause.start) not in seen:
                seen.add((aid, clause.start))
                ev.append(Evidence(article_id=aid, span=clause))
        first = group[0]
        text = event.doc(first[1]).text[first[2].start : first[2].end]
        out.append(
            TimelineEntry(
                date=first[0],
                text=" ".join(text.split()),
                article_ids=tuple(dict.fromkeys(aid for _, aid, _, _, _ in group)),
                evidence=tuple(ev),
            )
        )
    out.sort(key=lambda e: (e.date, -len(e.article_ids)))
    return out


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0
