"""Dated happenings in one article: the tagger's expressions turned into dated mentions.

:func:`extract_times` turns the tagger's expressions (:func:`~rashomon.extract.article.times.
tag_timexes`) into :class:`~rashomon.model.TimeMention` objects (ISO date + granularity), adds
compound relative expressions that TimeML splits (``three days before the March 22 attack``,
``the day before the public warning``, ``19 hours post-incident``) and ties each mention to its
sentence and governing event phrase. :func:`infer_window_anchor` finds the anchor of an article
that declares no publication date. The happenings a text dates (:class:`Anchor`) are shared with
the event level (:mod:`rashomon.extract.event.dates`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from rashomon.extract.article.happenings import happening_span
from rashomon.extract.article.times import DATE_KINDS_WITH_DAY as _DATE_KINDS_WITH_DAY
from rashomon.extract.article.times import NUM_RE as _NUM
from rashomon.extract.article.times import UNIT_RE as _UNIT_RE
from rashomon.extract.article.times import YEAR_RE as _YEAR_RE
from rashomon.extract.article.times import Granularity, Timex, Window, tag_timexes, timeml_to_iso
from rashomon.extract.article.times import number as _num
from rashomon.extract.article.times import sentence_bounds as _sentence_bounds
from rashomon.extract.article.times import shift_months as _shift_months
from rashomon.extract.article.times import trigger_windows as _windows
from rashomon.lexicon import table
from rashomon.model import Span, TimeMention, content_id
from rashomon.nlp.pipelines import doc_text

_F = re.IGNORECASE


def _i(pattern: str) -> str:
    return f"(?i:{pattern})"



def infer_window_anchor(text: str, *, fallback_year: int | None = None) -> date | None:
    """Infer an anchor from the explicit dates a text mentions: the latest of them.

    Full dates (with a year) win. Month-day dates without a year take the latest year the text
    states, else ``fallback_year``; with neither, no anchor can be inferred.

    Args:
        text: the article body.
        fallback_year: a year to assume for month-day dates when the text states none.

    Returns:
        The latest explicit date, or None.
    """
    full: list[date] = []
    partial: list[tuple[int, int]] = []
    for t in tag_timexes(text, anchor=None):
        if t.kind in _DATE_KINDS_WITH_DAY and t.value:
            m = re.fullmatch(r"(\d{4}|XXXX)-(\d\d)-(\d\d)", t.value)
            if not m:
                continue
            if m.group(1) == "XXXX":
                partial.append((int(m.group(2)), int(m.group(3))))
            else:
                full.append(date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
    if full:
        return max(full)
    if not partial:
        return None
    years = [int(y) for y in re.findall(rf"\b({_YEAR_RE})\b", text)]
    year = max(years) if years else fallback_year
    if year is None:
        return None
    best: date | None = None
    for mon, day in partial:
        try:
            d = date(year, mon, day)
        except ValueError:
            continue
        best = d if best is None or d > best else best
    return best


COMPOUND = re.compile(
    _i(
        rf"\b(?P<n>{_NUM}|the)[- ](?P<u>{_UNIT_RE})s?(?: or so)?\s+(?P<dir>before|after|"
        rf"prior to|following|since)\b\s*(?P<x>[^.;,:\n“\"]{{0,80}})"
    ),
)
POST = re.compile(_i(rf"\b(?P<n>{_NUM})[- ](?P<u>{_UNIT_RE})s?\s+(?P<dir>post)-(?P<x>\w+)"))
_VERBISH = re.compile(
    r"\w+ed|is|was|were|are|be|been|has|have|had|said|says|spoke|went|began|took|told|made"
    r"|heads?|showed|shows|gets?|got|goes|came|comes|became|won|lost|met|left|ran|saw|will"
    r"|gave|broke|burst|fell|hit|struck|blew|sank|began|caught"
)
_PREPOSITIONS = {
    "at", "in", "on", "for", "with", "from", "by", "to", "during", "over", "between", "into",
    "among", "against", "about", "near", "outside", "inside",
}  # fmt: skip
_STOP = {
    "that", "this", "with", "from", "when", "were", "they", "their", "there", "have", "been",
    "said", "says", "told", "about", "after", "before", "which", "would", "could", "also",
    "than", "into", "what", "where", "only", "some", "more", "most", "other", "over", "will",
}  # fmt: skip
_STOP5 = frozenset(w[:5] for w in _STOP)
_DETERMINERS = {"the", "a", "an", "its", "his", "her", "their", "our", "this", "that"}

# Event vocabulary: what kind of happening a phrase names, so that "the collapse", "the
# structure gave way" and "the rupture" can be linked, and "the disaster" (a generic name
# for the story's main happening) to any of them. Hand-written: linking event mentions across
# sentences has no library short of a trained coreference model, which we do not ship.
_EVENT_CLASSES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", _F))
    for name, alternatives in table("event_classes").items()
)
_HAPPENING = frozenset({"failure", "attack", "hazard", "generic"})

# Where the words a date dates stop: reporting verbs and subordinators belong to another
# clause ("said on Thursday that ... our collapse" does not date the collapse).
_CUT_BEFORE = re.compile(
    r"\b(?:that|said|says|told|tells|according to|announced|stated|declared|added|reported"
    r"|reports|claimed|noted|before|after|since|until|when|while|ago)\b|[;:(\"“”]",
    _F,
)
_SAY = re.compile(
    r"\b(?:said|says|told|tells|announced|stated|declared|added|reported|reports|claimed"
    r"|noted)\b",
    _F,
)
_CUT_AFTER = re.compile(
    r"[,;:.!?(\"“”]|\b(?:that|said|says|told|when|while|after|before|because|but|and"
    r"|according|as)\b",
    _F,
)
# Anaphoric day expressions that the narrative, not the last stated date, resolves.
_NARRATIVE = re.compile(
    r"(?:(?:later|earlier) )?(?:that (?:same )?day|the (?:next|following|previous) (?:day|morning"
    r"|evening|night)|the day (?:before|after))",
    _F,
)


_APPOSITION = re.compile(r"\s*(?:,|\(|-|–|—)\s*")  # "June 6, the day before ..."
_DIRECTION = re.compile(r"\b(?:before|after|prior|following|since|post)\b", _F)


def near_triggers(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """Compound matches in ``text[start:end]``, scanning only around direction words (every
    match holds one), as :func:`_candidates` does for the tagger's patterns."""
    toks = [m.span() for m in _DIRECTION.finditer(text, start, end)]
    starts = [t[0] for t in toks]
    for pat in (COMPOUND, POST):
        for lo, hi in _windows(toks, start, end, (110, 130)):
            for m in pat.finditer(text, lo, hi):
                i = bisect_right(starts, m.end() - 1) - 1
                if i >= 0 and toks[i][1] > m.start():
                    yield m


@dataclass(frozen=True, slots=True)
class _Mention:
    start: int
    end: int
    value: str | None  # timeml value
    ttype: str
    anchor: str
    kind: str = ""
    gran: Granularity | None = None  # set for compounds (their value is already ISO)


@dataclass(frozen=True, slots=True)
class Anchor:
    """A dated happening the text states: what it is (stems, classes) and on which day."""

    pos: int
    day: date
    stems: frozenset[str]
    classes: frozenset[str]
    derived: bool = False  # from a compound ("the June 10 collapse", "June 6, the day before X")
    reporting: bool = False  # the date belongs to a statement ("said on Wednesday")
    clock: int | None = None  # minutes after midnight, when stated ("at 3:40 a.m. on Tuesday")


def word_stems(s: str) -> frozenset[str]:
    return frozenset(w.lower()[:5] for w in re.findall(r"[A-Za-z]{4,}", s)) - _STOP5


def event_classes(s: str) -> frozenset[str]:
    return frozenset(name for name, pat in _EVENT_CLASSES if pat.search(s))


def statement(text: str, s: int, e: int, sent: tuple[int, int]) -> tuple[str, bool]:
    """The words a stated date dates (a few either side, within its clause) and whether it
    dates a statement ("Kostka said on Wednesday that ...") rather than a happening."""
    raw = text[max(sent[0], s - 90) : s]
    cuts = list(_CUT_BEFORE.finditer(raw))
    reporting = False
    if cuts:
        last = cuts[-1]
        reporting = bool(_SAY.fullmatch(last.group(0))) and len(raw[last.end() :].split()) <= 4
        raw = raw[last.end() :]
    before = raw.split()[-10:]
    after_raw = text[e : min(sent[1], e + 70)]
    after_raw = re.sub(r"^\s*(?:\(\d{1,2}\))?\s*,?", "", after_raw)
    cut = _CUT_AFTER.search(after_raw)
    after = (after_raw[: cut.start()] if cut else after_raw).split()[:6]
    if not reporting and before and _SAY.fullmatch(before[-1].strip(",")):
        reporting = True
    return " ".join(before + after), reporting


def referent_bounds(x: str) -> str:
    """Cut a ``before``/``after`` referent to the event phrase it names."""
    cut = re.search(r"\s(?:and|but|when|while|which|who|that|,|calling|saying|where|whether"
                    r"|exactly|how|why|what|according|because|as|if|in order|about|to avoid)\b",
                    x)  # fmt: skip
    if cut:
        x = x[: cut.start()]
    if re.match(r"(?i)(?:about|in|on|at|to|for|with|by|from|of|that|it|he|she|they"
                r"|we|I|you|and|but|or|then|now|\W)\b", x):  # fmt: skip
        return ""  # "warned two weeks before about ...": "before" is an adverb here
    words = x.split()
    # A clause referent ("the US Embassy in Moscow issued a public warning about ...") ends
    # at the first preposition after its verb; a noun phrase keeps its prepositions ("the
    # start of the war").
    verb_at = next((i for i, w in enumerate(words) if i and _VERBISH.fullmatch(w.lower())), None)
    if verb_at is not None:
        for i, w in enumerate(words[verb_at + 1 :], start=verb_at + 1):
            if w.lower() in _PREPOSITIONS:
                words = words[:i]
                break
    words = words[:10]  # a referent clause longer than this is run-on
    if not words:
        return ""
    x = x[: x.find(words[-1], sum(len(w) for w in words[:-1])) + len(words[-1])]
    return re.sub(r"(?i)(?:\s+(?:the|a|an|on|in|of|at|to|by|for|with|from))+$", "", x).rstrip()


def _is_clause(x: str) -> bool:
    tokens = x.split()
    return (
        not tokens
        or tokens[0].lower() not in _DETERMINERS
        or len(tokens) > 6
        or any(_VERBISH.fullmatch(t.lower()) for t in tokens[1:])
    )


def best_anchor(
    x: str, x_start: int, anchors: Sequence[Anchor], sent: tuple[int, int] | None
) -> tuple[date, int | None] | None:
    """The day (and clock time, if stated) of the happening a phrase names (``the collapse``).

    A noun phrase matches a dated statement that shares a word stem or an event class with
    it; a clause ("the structure gave way") only by event class, since its other words
    (subjects, objects) name participants, not the happening. A generic name ("the disaster")
    matches any happening. Statements in the phrase's own sentence are skipped: a date there
    dates the clause the phrase modifies, not the happening it names.
    """
    clause = _is_clause(x)
    cls = event_classes(x)
    stems = frozenset() if clause else word_stems(x)
    if not cls and not stems:
        return None
    scored: dict[date, float] = {}
    clocks: dict[date, set[int | None]] = {}
    best = 0.0
    for a in anchors:
        if not a.derived and sent is not None and sent[0] <= a.pos < sent[1]:
            continue
        score = 2.0 * len(stems & a.stems)
        if cls & a.classes:
            score += 2
        elif ("generic" in cls and a.classes & _HAPPENING) or (
            "generic" in a.classes and cls & _HAPPENING
        ):
            score += 1
        if score <= 0:
            continue
        score += 0.5 if a.derived else 0.0  # an explicit "the June 10 collapse" is surest
        if score > best:
            best, scored, clocks = score, {a.day: 1.0}, {a.day: {a.clock}}
        elif score == best:
            scored[a.day] = scored.get(a.day, 0.0) + 1
            clocks.setdefault(a.day, set()).add(a.clock)
    if not scored:
        return None
    # Equal evidence for different days: the day stated most often; still tied, no guess.
    ranked = sorted(scored.items(), key=lambda kv: -kv[1])
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    day = ranked[0][0]
    stated = clocks[day] - {None}
    return day, (next(iter(stated)) if len(stated) == 1 else None)


# Publication dates outside these years are not read as anchors (9999-12-31 has no "next
# Monday").
_MIN_YEAR, _MAX_YEAR = 2, 9998

# A shift of at most this many hours from a happening whose time of day is not stated is taken
# to stay on its day; a longer one may cross midnight and is left undated.
_SAME_DAY_HOURS = 6


def shift(
    ref: date, n: float, unit: str, sign: int, clock: int | None = None
) -> tuple[str, Granularity] | None:
    """``ref`` moved by ``n`` units (``two weeks before``): a day where the unit allows one.

    Hours and minutes count from ``clock`` (minutes after midnight) when the referent's time
    is stated; otherwise only whole days move the date.
    """
    if unit in ("day", "night", "week"):
        days = int(n * (7 if unit == "week" else 1))
        return (ref + timedelta(days=sign * days)).isoformat(), "day"
    if unit in ("hour", "minute", "second"):
        per_day = {"hour": 24, "minute": 1440, "second": 86400}[unit]
        if clock is not None:
            days = int((clock + sign * n * 1440 / per_day) // 1440)
        elif n * 24 / per_day <= _SAME_DAY_HOURS:
            days = 0
        else:
            # "19 hours after the attack" with no time of day stated: the same day or the
            # next (or the one before), which the text does not say.
            return None
        return (ref + timedelta(days=days)).isoformat(), "day"
    if unit == "month" and float(n).is_integer():
        d2 = _shift_months(ref, sign * int(n))
        return f"{d2.year}-{d2.month:02d}-01", "month"
    if unit == "year" and float(n).is_integer():
        return f"{ref.year + sign * int(n)}-01-01", "year"
    return None


def extract_times(
    article_id: str,
    text: str,
    *,
    body_spans: Iterable[Span],
    sentences: Sequence[Span] = (),
    published: str | None = None,
    fallback_year: int | None = None,
    parsed: Sequence[tuple[int, Any]] | None = None,
) -> Iterator[TimeMention]:
    """Find and normalise the temporal expressions of an article.

    Expressions anchored to another happening rather than to publication (``three days before
    the March 22 attack``, ``two weeks before the collapse``, ``19 hours after the collapse``,
    ``June 6, the day before the public warning``) are resolved against the day the article
    states for that happening, with ``anchor="event"``; when the article does not date it, the
    value stays None. ``the following day`` is resolved against the dated happening the
    narrative is about (the stated date whose clause shares a word with it), else the tagger's
    reading (the last date stated).

    Args:
        article_id: the article's id (for mention ids).
        text: the original article text.
        body_spans: the stretches to read (boilerplate excluded).
        sentences: body sentences (to tie each mention to its sentence and for tense).
        published: the publication date (ISO); when None the anchor is a window inferred from
            the explicit dates the text mentions (``anchor="window"``).
        fallback_year: the year to assume for month-day dates when neither the publication
            date nor the text gives one.
        parsed: ``(offset, spacy Doc)`` blocks, used to find the governing event phrase.

    Yields:
        :class:`TimeMention` objects in text order.
    """
    spans = list(body_spans)
    anchor, anchor_kind, window = _anchor_of(text, spans, published, fallback_year)
    mentions = _tagged(text, spans, sentences, anchor, anchor_kind, window)
    sent_of = _sentence_finder(text, spans, sentences)
    resolved = _resolve_anchored(text, spans, mentions, sent_of)
    compounds = [mt for mt in resolved if mt.gran is not None]
    # A compound wins over the duration it contains ("three days" in "three days before ...").
    kept = [mt for mt in resolved if mt.gran is not None
            or not any(c.start < mt.end and mt.start < c.end and mt.ttype == "DURATION"
                       for c in compounds)]  # fmt: skip
    for mt in _one_per_span(kept):
        yield _time_mention(article_id, text, mt, sent_of(mt.start), parsed)


def _anchor_of(
    text: str, spans: Sequence[Span], published: str | None, fallback_year: int | None
) -> tuple[date | None, str, Window]:
    """What relative dates are read against: (anchor, its kind, how weekdays relate to it)."""
    if published:
        try:
            anchor = date.fromisoformat(published[:10])
        except ValueError:
            anchor = None
        if anchor is not None and _MIN_YEAR <= anchor.year <= _MAX_YEAR:
            return anchor, "published", None
    body = "\n\n".join(text[s.start : s.end] for s in spans)
    # The body's own dates first. News style names the weekday for days in the week before
    # publication and writes full dates for older events, so a weekday in the body most
    # likely falls after the latest date the body states: resolve it forward (window).
    found = infer_window_anchor(body, fallback_year=fallback_year)
    window: Window = "forward" if found is not None else "nearest"
    if found is None:
        # Failing that, a date stamp or photo caption in the boilerplate ("1:57 PM EDT,
        # March 27, 2024"): those sit near publication, either side of it.
        found = infer_window_anchor(text, fallback_year=fallback_year)
    return found, "window" if found is not None else "none", window


def _tagged(
    text: str,
    spans: Sequence[Span],
    sentences: Sequence[Span],
    anchor: date | None,
    anchor_kind: str,
    window: Window,
) -> list[_Mention]:
    """The tagger's expressions in each body stretch, as mentions."""
    sent_bounds = [(s.start, s.end) for s in sentences]
    mentions: list[_Mention] = []
    for sp in spans:
        local = [b for b in sent_bounds if sp.start <= b[0] < sp.end] or None
        if local is not None:
            local = [(s, min(e, sp.end)) for s, e in local]
        for t in tag_timexes(
            text, anchor=anchor, start=sp.start, end=sp.end, sentences=local, window=window
        ):
            mentions.append(_mention_of(text, t, anchor_kind))
    return mentions


def _sentence_finder(
    text: str, spans: Sequence[Span], sentences: Sequence[Span]
) -> Callable[[int], tuple[int, int] | None]:
    """A look-up from a position to its sentence (a punctuation split without a sentence
    layer)."""
    all_sents = sorted(
        [(s.start, s.end) for s in sentences]
        or [b for sp in spans for b in _sentence_bounds(text, sp.start, sp.end)]
    )
    sent_starts = [s for s, _ in all_sents]

    def sent_of(pos: int) -> tuple[int, int] | None:
        i = bisect_right(sent_starts, pos) - 1
        if i >= 0 and all_sents[i][0] <= pos < all_sents[i][1]:
            return all_sents[i]
        return None

    return sent_of


def _time_mention(
    article_id: str,
    text: str,
    mt: _Mention,
    sb: tuple[int, int] | None,
    parsed: Sequence[tuple[int, Any]] | None,
) -> TimeMention:
    if mt.gran is not None:
        iso: str | None = mt.value
        gran: Granularity = mt.gran if iso else "unknown"
    else:
        iso, gran = timeml_to_iso(mt.value, mt.ttype)
    return TimeMention(
        id=content_id(article_id, "time", str(mt.start), str(mt.end)),
        article_id=article_id,
        span=Span(mt.start, mt.end),
        text=text[mt.start : mt.end],
        value=iso,
        granularity=gran,
        anchor=mt.anchor if iso else ("none" if gran != "duration" else mt.anchor),
        sentence=Span(*sb) if sb else None,
        event_text=_event_text(parsed, mt.start, mt.end) if parsed else None,
        happening=happening_span(parsed, mt.start, mt.end) if parsed else None,
    )


def _mention_of(text: str, t: Timex, anchor_kind: str) -> _Mention:
    """The tagger's expression as a mention, its anchor kind, and the year of a demonstrative
    date ("that March 2 event" is the "2008 event" named before it)."""
    absolute = t.kind in ("iso", "mdy_num", "month_year") or (
        t.kind in ("wmdy", "dmy", "year") and bool(re.search(r"\d{4}", t.text))
    )
    if not absolute and t.kind in ("wmdy", "dmy") and t.value:
        year = _demonstrative_year(text, t.start, t.end)
        if year is not None:
            return _Mention(t.start, t.end, f"{year}{t.value[4:]}", t.type, "event", t.kind)
    return _Mention(t.start, t.end, t.value, t.type, "explicit" if absolute else anchor_kind,
                    t.kind)  # fmt: skip


_THAT = re.compile(r"\b(?:that|the same)\s+$", re.IGNORECASE)
_NEXT_NOUN = re.compile(r"(?<!\s)\s+([a-z]{3,})\b")  # from a run's start: linear


def _demonstrative_year(text: str, start: int, end: int) -> str | None:
    """``that March 2 event`` after ``a 2008 event``: the year the earlier mention gave."""
    if not _THAT.search(text, max(0, start - 10), start):
        return None
    noun = _NEXT_NOUN.match(text, end, end + 30)
    if noun is None:
        return None
    earlier = re.compile(rf"\b((?:1[6-9]|20)\d\d)\s+{re.escape(noun.group(1))}\b")
    years = [m.group(1) for m in earlier.finditer(text, max(0, start - 3000), start)]
    return years[-1] if years else None


def _one_per_span(mentions: Sequence[_Mention]) -> list[_Mention]:
    """One mention per span, in text order: "The day before," is both the tagger's anaphoric
    day and a compound without a referent; the resolved reading wins."""
    best: dict[tuple[int, int], _Mention] = {}
    for mt in mentions:
        key = (mt.start, mt.end)
        if key not in best or (best[key].value is None and mt.value is not None):
            best[key] = mt
    return sorted(best.values(), key=lambda mt: (mt.start, -mt.end))


def _day_of(value: str | None) -> date | None:
    if value and re.match(r"\d{4}-\d\d-\d\d(?:T|$)", value):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


# A compound expression: (start, end, n, unit, sign, referent, referent start).
_Compound = tuple[int, int, float | None, str, int, str, int]
_Result = tuple[str, Granularity, str] | None  # value, granularity, anchor


def _stated_days(
    text: str, mentions: Sequence[_Mention], sent_of: Any
) -> tuple[list[Anchor], list[tuple[_Mention, date]]]:
    """Dated happenings stated in the text (day-level values, clock times included)."""
    anchors: list[Anchor] = []
    day_mentions: list[tuple[_Mention, date]] = []
    for mt in mentions:
        d = _day_of(mt.value)
        if d is None:
            continue
        day_mentions.append((mt, d))
        sb = sent_of(mt.start) or (mt.start, mt.end)
        words, reporting = statement(text, mt.start, mt.end, sb)
        hm = re.search(r"T(\d\d):(\d\d)", mt.value or "")
        clock = int(hm.group(1)) * 60 + int(hm.group(2)) if hm else None
        anchors.append(Anchor(mt.start, d, word_stems(words), event_classes(words),
                              reporting=reporting, clock=clock))  # fmt: skip
    return anchors, day_mentions


def _compounds(text: str, spans: Sequence[Span], mentions: Sequence[_Mention]) -> list[_Compound]:
    """Compound expressions: "<n units> before/after <referent>", "<n units> post-<noun>"."""
    raw: list[_Compound] = []
    for sp in spans:
        for m in near_triggers(text, sp.start, sp.end):
            n_s = m.group("n").lower()
            plural = text[m.end("u") : m.end("u") + 1].lower() == "s"
            # "the day before X" is one day; "the days before X" is vague.
            n = (None if plural else 1.0) if n_s == "the" else _num(n_s)
            x = referent_bounds(m.group("x"))
            x_start = m.start("x")
            end = x_start + len(x) if x.strip() else m.end("dir")
            sign = -1 if m.group("dir").lower() in ("before", "prior to") else 1
            start = m.start()
            # Absorb a qualifier the duration carried ("more than two weeks before").
            for mt in mentions:
                if mt.ttype == "DURATION" and mt.start < start < mt.end:
                    start = mt.start
            raw.append((start, end, n, m.group("u").lower(), sign, x, x_start))
    return raw


def _dated_referents(
    text: str,
    raw: Sequence[_Compound],
    anchors: list[Anchor],
    day_mentions: Sequence[tuple[_Mention, date]],
) -> dict[int, _Result]:
    """Pass 1: compounds whose referent carries its own date ("the March 22 attack") or that
    stand in apposition to a date ("On Monday, the day before the disaster"). Each also dates
    its referent (added to ``anchors``), which pass 2 can use."""
    results: dict[int, _Result] = {}
    for i, (start, _end, n, unit, sign, x, x_start) in enumerate(raw):
        own = next((d for mt, d in day_mentions if x_start <= mt.start < x_start + len(x)), None)
        if own is not None and n is not None and x.strip():
            shifted = shift(own, n, unit, sign)
            results[i] = (shifted[0], shifted[1], "explicit") if shifted else None
            anchors.append(Anchor(x_start, own, word_stems(x), event_classes(x), derived=True))
            continue
        appos = next(
            (d for mt, d in day_mentions
             if mt.end <= start and _APPOSITION.fullmatch(text, mt.end, start)),
            None,
        )  # fmt: skip
        if appos is not None:
            results[i] = (appos.isoformat(), "day", "event")
            if n is not None and x.strip() and unit in ("day", "night", "week"):
                back = shift(appos, n, unit, -sign)
                if back is not None:
                    anchors.append(Anchor(x_start, date.fromisoformat(back[0]), word_stems(x),
                                           event_classes(x), derived=True))  # fmt: skip
    return results


def _through_referents(
    text: str, raw: Sequence[_Compound], anchors: Sequence[Anchor], sent_of: Any,
    results: dict[int, _Result],
) -> None:  # fmt: skip
    """Pass 2: the rest, through the happening the referent names."""
    for i, (start, end, n, unit, sign, x, x_start) in enumerate(raw):
        if i in results:
            continue
        if not x.strip() and n == 1.0 and unit in ("day", "night") and text[start:].startswith(
            ("the", "The")
        ):
            # "an emergency meeting the day before": no referent after it, so the narrative
            # says which day ("That cable summarized ..." continues "an Aug. 16 cable").
            adverb = _Mention(start, end, None, "DATE", "none", "anaphoric")
            day = _narrative_day(text, adverb, anchors, sent_of)
            results[i] = (day.value, "day", "event") if day.value else None
            continue
        ref = best_anchor(x, x_start, anchors, sent_of(start)) if x.strip() else None
        shifted = shift(ref[0], n, unit, sign, ref[1]) if ref and n is not None else None
        results[i] = (shifted[0], shifted[1], "event") if shifted else None


def _anaphoric_days(
    text: str, mentions: Sequence[_Mention], anchors: Sequence[Anchor],
    day_mentions: Sequence[tuple[_Mention, date]], sent_of: Any,
) -> list[_Mention]:  # fmt: skip
    """The tagger's mentions, "the next day" re-resolved: in apposition to a date ("the next
    day, Sept. 15", "on Wednesday, the day after"), that date; otherwise the narrative's."""
    out: list[_Mention] = []
    for mt in mentions:
        if mt.kind == "anaphoric" and _NARRATIVE.fullmatch(text[mt.start : mt.end]):
            appos = next(
                (d for o, d in day_mentions
                 if (o.end <= mt.start and _APPOSITION.fullmatch(text, o.end, mt.start))
                 or (mt.end <= o.start and _APPOSITION.fullmatch(text, mt.end, o.start))),
                None,
            )  # fmt: skip
            if appos is not None:
                mt = _Mention(mt.start, mt.end, appos.isoformat(), "DATE", "event", mt.kind)
            else:
                mt = _narrative_day(text, mt, anchors, sent_of)
        out.append(mt)
    return out


def _resolve_anchored(
    text: str,
    spans: Sequence[Span],
    mentions: list[_Mention],
    sent_of: Any,
) -> list[_Mention]:
    """Add compound expressions anchored to a happening and resolve anaphoric days.

    Returns the mentions, the tagger's with narrative days re-resolved and the compounds
    (``gran`` set, ``value`` an ISO date or None) added.
    """
    anchors, day_mentions = _stated_days(text, mentions, sent_of)
    raw = _compounds(text, spans, mentions)
    results = _dated_referents(text, raw, anchors, day_mentions)
    _through_referents(text, raw, anchors, sent_of, results)
    out = _anaphoric_days(text, mentions, anchors, day_mentions, sent_of)
    for i, (start, end, *_rest) in enumerate(raw):
        res = results.get(i)
        if res is None:
            out.append(_Mention(start, end, None, "DATE", "none", "compound", "unknown"))
        else:
            out.append(_Mention(start, end, res[0], "DATE", res[2], "compound", res[1]))
    return out


def _narrative_day(text: str, mt: _Mention, anchors: Sequence[Anchor], sent_of: Any) -> _Mention:
    """``the following day``: the day after the dated happening the clause continues.

    The clause's words pick the earlier statement it continues ("the report reached the
    ministry the following day" continues "the report, dated May 27"); without a shared word,
    the latest happening stated before it (statements such as "said on Wednesday" are not
    happenings); without one, the tagger's value (the last date stated) stands.
    """
    sb = sent_of(mt.start) or (mt.start, mt.end)
    lead = text[sb[0] : mt.start]
    cuts = list(_CUT_BEFORE.finditer(lead))
    clause = lead[cuts[-1].end() :] if cuts else lead
    clause = re.split(r",\s", clause)[-1] if len(clause.split()) > 12 else clause
    words = word_stems(clause)
    before = [a for a in anchors if a.pos < mt.start and not a.derived]
    best: Anchor | None = None
    best_score = 0
    for a in before:
        score = len(words & a.stems)
        if score > best_score or (score == best_score and score and best and a.pos > best.pos):
            best, best_score = a, score
    if best is None:
        happenings = [a for a in before if not a.reporting and (a.stems or a.classes)]
        best = happenings[-1] if happenings else None
    if best is None:
        return mt
    w = text[mt.start : mt.end].lower()
    shift = 0 if "that" in w else (-1 if ("previous" in w or "before" in w) else 1)
    d = best.day + timedelta(days=shift)
    return _Mention(mt.start, mt.end, d.isoformat(), "DATE", "event", mt.kind)


def _event_text(parsed: Sequence[tuple[int, Any]], pos: int, end: int) -> str | None:
    """The phrase a time expression in ``[pos, end)`` dates: a verb with its object ("told
    reporters"), or the noun it modifies ("Friday's deadly attack" -> "deadly attack")."""
    for offset, sdoc in parsed:
        if not offset <= pos < offset + len(doc_text(sdoc)):
            continue
        window = sdoc.char_span(pos - offset, end - offset, alignment_mode="expand")
        inside = [t for t in window or () if pos - offset <= t.idx < end - offset]
        if not inside:
            return None
        # The expression's own head: its token whose syntactic head lies outside it.
        tok = next((t for t in inside if not pos - offset <= t.head.idx < end - offset), None)
        if tok is None:
            tok = inside[0]
        if tok.head is tok:
            return None
        if tok.dep_ in ("poss", "compound", "nmod", "amod") and tok.head.pos_ in ("NOUN", "PROPN"):
            noun = tok.head
            mods = [c for c in noun.children if c.dep_ == "amod" and c.i > tok.i]
            first = mods[0].i if mods else noun.i
            return str(sdoc[first : noun.i + 1].text)
        head = tok
        for _ in range(8):
            if head.pos_ in ("VERB",) or head.head is head:
                break
            head = head.head
        if head.pos_ not in ("VERB", "AUX", "NOUN"):
            return None
        objs = [c for c in head.children if c.dep_ in ("dobj", "obj", "attr", "dative")
                and not (c.left_edge.idx <= tok.idx <= c.right_edge.idx)]  # fmt: skip
        if objs:
            sub = list(objs[0].subtree)
            if len(sub) <= 8:
                start_i = min(head.i, sub[0].i)
                end_i = max(head.i, sub[-1].i)
                if end_i - start_i <= 9:
                    return str(sdoc[start_i : end_i + 1].text)
            return f"{head.text} {objs[0].text}"
        prt = [c for c in head.children if c.dep_ == "prt"]
        return f"{head.text} {prt[0].text}" if prt else str(head.text)
    return None
