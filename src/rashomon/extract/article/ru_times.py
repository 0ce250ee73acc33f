"""Dates and times in Russian reports, anchored to the article's date like English ones.

Expressions (month and weekday forms are data, ``lexicon/ru/calendar.toml``):

* full dates: ``22 марта 2024 года``, ``22.03.2024``; month and year: ``в июле 2020 года``;
  years: ``в 2019 году``, ``2019 г.``;
* dates without a year: ``22 марта``, ``в марте``;
* weekdays: ``в понедельник``, ``в ночь на воскресенье``, ``в прошлую пятницу``;
* relative days, weeks, months and years: ``вчера``, ``сегодня``, ``завтра``, ``на прошлой
  неделе``, ``в этом месяце``, ``в прошлом году``, ``три дня назад``;
* durations: ``в течение трех дней``, ``13 лет`` (no calendar date).

Anchoring follows :mod:`rashomon.extract.article.times`: the publication date, else a window
anchor (the latest date the body states, month-day dates taking the latest year the text
states or ``fallback_year``); a date without a year takes the year closest to the anchor,
leaning on tense; a weekday is the last one on or before the anchor, the next one in a future
clause (natasha's ``Tense=Fut``), and with a window anchor the first one after it. Values are
TimeML (``2024-03-22``, ``2024-W12``, ``2024-03``) turned into ISO dates with
:func:`~rashomon.extract.article.times.timeml_to_iso`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

from rashomon.extract.article.times import timeml_to_iso
from rashomon.lexicon import table
from rashomon.model import Span, TimeMention, content_id

__all__ = ["extract_ru_times", "tag_ru_times"]

_NUMBER_WORDS = {
    "один": 1, "одну": 1, "одна": 1, "два": 2, "две": 2, "двух": 2, "три": 3, "трех": 3,
    "трёх": 3, "четыре": 4, "четырех": 4, "четырёх": 4, "пять": 5, "пяти": 5, "шесть": 6,
    "шести": 6, "семь": 7, "семи": 7, "восемь": 8, "восьми": 8, "девять": 9, "девяти": 9,
    "десять": 10, "десяти": 10, "несколько": None, "нескольких": None, "пару": 2,
}  # fmt: skip
_UNITS = {
    "секунд": "S", "минут": "M", "час": "H", "сут": "D", "дн": "D", "ден": "D", "недел": "W",
    "месяц": "MO", "год": "Y", "лет": "Y", "десятилети": "DE",
}  # fmt: skip
_UNIT_RE = (
    r"(?:секунд[аыу]?|минут[аыу]?|час(?:а|ов)?|сут(?:ки|ок)|дн(?:я|ей)|день|недел[ьяию]|"
    r"недель|месяц(?:а|ев)?|год(?:а|у)?|лет|десятилети[йея])"
)
_NUM_RE = r"(?:\d+(?:[.,]\d+)?|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + ")"


@dataclass(frozen=True, slots=True)
class RuTimex:
    """A Russian temporal expression: offsets into the tagged text, TimeML type and value."""

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION
    value: str | None
    absolute: bool  # the text alone fixes the date


@cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    cal = table("calendar", "ru")
    month = cal["month_forms"]["pattern"]
    wday = cal["weekday_forms"]["pattern"]
    year = r"(?:1[6-9]\d\d|20\d\d)"
    flags = re.IGNORECASE
    specs = [
        ("dmy_num", rf"\b(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>{year})\b"),
        ("dmy", rf"\b(?P<d>[0-3]?\d)(?:-(?:го|е))?\s+(?P<mon>{month})\s+(?P<y>{year})"
                rf"(?:\s*(?:года|г\.))?"),
        ("dm", rf"\b(?P<d>[0-3]?\d)(?:-(?:го|е))?\s+(?P<mon>{month})(?![\w-])"),
        ("my", rf"\b(?:в\s+)?(?P<mon>{month})\s+(?P<y>{year})(?:\s*(?:года|г\.))?"),
        ("month", rf"\bв\s+(?:(?P<part>начале|конце|середине)\s+)?(?P<mon>{month})(?![\w-])"),
        ("year", rf"\b(?:в|с|до|к|по|за)?\s*(?P<y>{year})(?:-?(?:м|й|го))?\s*"
                 rf"(?:году|года|год|г\.)"),
        ("wday", rf"\b(?:(?:утром|днем|днём|вечером|ночью)\s+)?(?:в\s+ночь\s+на\s+|в\s+|во\s+)"
                 rf"(?:(?P<rel>прошл\w+|эт\w+|следующ\w+|ближайш\w+)\s+)?(?P<wd>{wday})(?![\w-])"),
        ("rel_day", r"\b(?P<w>сегодня|вчера|позавчера|завтра|послезавтра)\b"),
        ("rel_week", r"\b(?:на|в)\s+(?P<rel>этой|прошлой|следующей|текущей|предыдущей)\s+неделе\b"),
        ("rel_month", r"\bв\s+(?P<rel>этом|прошлом|следующем|текущем)\s+месяце\b"),
        ("rel_year", r"\bв\s+(?P<rel>этом|прошлом|следующем|текущем|минувшем)\s+году\b"),
        ("ago", rf"\b(?P<n>{_NUM_RE})\s+(?P<u>{_UNIT_RE})\s+назад\b"),
        ("duration", rf"\b(?:в\s+течение\s+|на\s+протяжении\s+|за\s+)?(?P<n>{_NUM_RE})\s+"
                     rf"(?P<u>{_UNIT_RE})(?![\w-])"),
    ]
    return [(name, re.compile(p, flags)) for name, p in specs]


def _month(word: str) -> int:
    low = word.casefold()
    for stem, n in sorted(table("calendar", "ru")["months"].items(), key=lambda kv: -len(kv[0])):
        if low.startswith(stem):
            return int(n)
    raise ValueError(word)


def _weekday(word: str) -> int:
    low = word.casefold()
    for stem, n in table("calendar", "ru")["weekdays"].items():
        if low.startswith(stem):
            return int(n)
    raise ValueError(word)


# --------------------------------------------------------------------------------------------
# Anchoring (the rules of rashomon.extract.article.times)


def _choose_year(month: int, day: int | None, anchor: date, future: bool) -> int:
    """The year of a month(-day) written without one: the closest to the anchor, days ahead of
    it counting more than days behind (news mostly reports the past)."""
    d0 = day or 15
    try:
        cand = date(anchor.year, month, min(d0, 28) if month == 2 and d0 > 28 else d0)
    except ValueError:
        return anchor.year
    if future:
        slack = 31 if day is None else 1
        return anchor.year + 1 if cand < anchor - timedelta(days=slack) else anchor.year
    best, cost_best = anchor.year, float("inf")
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        c = cand.replace(year=y)
        cost = (c - anchor).days * 2.2 if c > anchor else (anchor - c).days
        if cost < cost_best:
            best, cost_best = y, cost
    return best


def _weekday_date(wd: int, anchor: date, window: str | None, rel: str, future: bool) -> date:
    delta = (anchor.weekday() - wd) % 7
    prev = anchor - timedelta(days=delta)
    nxt = anchor + timedelta(days=(wd - anchor.weekday()) % 7)
    if rel.startswith("прошл"):
        return prev if delta else anchor - timedelta(days=7)
    if rel.startswith(("следующ", "ближайш")):
        return nxt if nxt != anchor else anchor + timedelta(days=7)
    if future:
        return nxt
    if window == "forward":
        return anchor + timedelta(days=(wd - anchor.weekday() - 1) % 7 + 1)
    if window == "nearest":
        return nxt if (nxt - anchor).days < delta else prev
    return prev


def _shift_months(d: date, months: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    return date(y, m + 1, 1)


def _num(word: str) -> float | None:
    low = word.casefold()
    if low in _NUMBER_WORDS:
        n = _NUMBER_WORDS[low]
        return float(n) if n is not None else None
    try:
        return float(low.replace(",", "."))
    except ValueError:
        return None


def _unit(word: str) -> str:
    low = word.casefold()
    for stem, code in _UNITS.items():
        if low.startswith(stem):
            return code
    return "D"


def _duration(n: float | None, unit: str) -> str:
    if unit == "DE":
        return f"P{int(n * 10)}Y" if n is not None else "PXE"
    letter = "M" if unit == "MO" else unit
    amount = "X" if n is None else (str(int(n)) if float(n).is_integer() else str(n))
    return f"PT{amount}{letter}" if unit in ("H", "M", "S") else f"P{amount}{letter}"


def _ago(n: float | None, unit: str, anchor: date | None) -> str | None:
    if n is None or anchor is None or not float(n).is_integer():
        return None
    k = int(n)
    if unit == "D":
        return (anchor - timedelta(days=k)).isoformat()
    if unit == "W":
        y, w, _ = (anchor - timedelta(weeks=k)).isocalendar()
        return f"{y}-W{w:02d}"
    if unit == "MO":
        return _shift_months(anchor, -k).strftime("%Y-%m")
    if unit == "Y":
        return str(anchor.year - k)
    return None


# --------------------------------------------------------------------------------------------
# Tagging


def tag_ru_times(
    text: str,
    *,
    anchor: date | None,
    start: int = 0,
    end: int | None = None,
    window: str | None = None,
    future: Any = None,
) -> list[RuTimex]:
    """Temporal expressions of ``text[start:end]`` with TimeML values.

    Args:
        text: the text.
        anchor: the date relative expressions resolve against; None leaves them unresolved.
        start: where to start.
        end: where to stop.
        window: ``"forward"``/``"nearest"`` when the anchor is inferred (see the module).
        future: ``future(pos) -> bool``, whether the clause at ``pos`` is future tense.

    Returns:
        Non-overlapping expressions in text order, longest match first.
    """
    end = len(text) if end is None else end
    cands: list[tuple[int, int, int, str, re.Match[str]]] = []
    for order, (name, pattern) in enumerate(_patterns()):
        for m in pattern.finditer(text, start, end):
            s, e = m.span()
            while s < e and text[s].isspace():
                s += 1
            cands.append((s, e, order, name, m))
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int, int, str, re.Match[str]]] = []
    for c in cands:
        if all(c[1] <= t[0] or c[0] >= t[1] for t in taken):
            taken.append(c)
    out: list[RuTimex] = []
    for s, e, _, name, m in sorted(taken, key=lambda c: c[0]):
        fut = bool(future(s)) if future is not None else False
        got = _value(name, m, anchor, window, fut)
        if got is not None:
            ttype, value, absolute = got
            out.append(RuTimex(s, e, text[s:e], ttype, value, absolute))
    return out


def _value(  # noqa: C901 - one branch per pattern reads best
    name: str, m: re.Match[str], anchor: date | None, window: str | None, future: bool
) -> tuple[str, str | None, bool] | None:
    g = m.groupdict()
    if name in ("dmy", "dmy_num"):
        mon = _month(g["mon"]) if name == "dmy" else int(g["m"])
        try:
            return "DATE", date(int(g["y"]), mon, int(g["d"])).isoformat(), True
        except ValueError:
            return None
    if name == "my":
        return "DATE", f"{int(g['y']):04d}-{_month(g['mon']):02d}", True
    if name == "year":
        return "DATE", g["y"], True
    if name == "dm":
        mon, day = _month(g["mon"]), int(g["d"])
        if not 1 <= day <= 31:
            return None
        if anchor is None:
            return "DATE", f"XXXX-{mon:02d}-{day:02d}", False
        try:
            return "DATE", date(_choose_year(mon, day, anchor, future), mon, day).isoformat(), False
        except ValueError:
            return None
    if name == "month":
        mon = _month(g["mon"])
        if anchor is None:
            return "DATE", None, False
        return "DATE", f"{_choose_year(mon, None, anchor, future):04d}-{mon:02d}", False
    if anchor is None:
        if name == "duration":
            return "DURATION", _duration(_num(g["n"]), _unit(g["u"])), False
        return "DATE", None, False
    if name == "wday":
        wd = _weekday(g["wd"])
        rel = (g.get("rel") or "").casefold()
        return "DATE", _weekday_date(wd, anchor, window, rel, future).isoformat(), False
    if name == "rel_day":
        shift = {"сегодня": 0, "вчера": -1, "позавчера": -2, "завтра": 1, "послезавтра": 2}
        return "DATE", (anchor + timedelta(days=shift[g["w"].casefold()])).isoformat(), False
    if name == "rel_week":
        k = {"прош": -1, "пред": -1, "след": 1}.get(g["rel"].casefold()[:4], 0)
        y, w, _ = (anchor + timedelta(weeks=k)).isocalendar()
        return "DATE", f"{y}-W{w:02d}", False
    if name == "rel_month":
        k = {"прош": -1, "след": 1}.get(g["rel"].casefold()[:4], 0)
        return "DATE", _shift_months(anchor, k).strftime("%Y-%m"), False
    if name == "rel_year":
        k = {"прош": -1, "мину": -1, "след": 1}.get(g["rel"].casefold()[:4], 0)
        return "DATE", str(anchor.year + k), False
    if name == "ago":
        return "DATE", _ago(_num(g["n"]), _unit(g["u"]), anchor), False
    return "DURATION", _duration(_num(g["n"]), _unit(g["u"])), False


# --------------------------------------------------------------------------------------------
# Articles


def window_anchor(text: str, *, fallback_year: int | None = None) -> date | None:
    """The latest date a Russian text states (month-day dates take its latest stated year,
    else ``fallback_year``), or None."""
    full: list[date] = []
    partial: list[tuple[int, int]] = []
    for t in tag_ru_times(text, anchor=None):
        if t.value and re.fullmatch(r"\d{4}-\d\d-\d\d", t.value):
            full.append(date.fromisoformat(t.value))
        elif t.value and t.value.startswith("XXXX-"):
            _, month_s, day_s = t.value.split("-")
            partial.append((int(month_s), int(day_s)))
    if full:
        return max(full)
    if not partial:
        return None
    years = [int(y) for y in re.findall(r"(?<!\d)(1[6-9]\d\d|20\d\d)(?!\d)", text)]
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


def extract_ru_times(
    article_id: str,
    text: str,
    *,
    body_spans: Sequence[Span],
    sentences: Sequence[Span] = (),
    published: str | None = None,
    fallback_year: int | None = None,
    parsed: Sequence[tuple[int, Any]] | None = None,
) -> Iterator[TimeMention]:
    """The temporal expressions of a Russian article as :class:`TimeMention` objects.

    Args:
        article_id: the article's id.
        text: the article text.
        body_spans: where to read.
        sentences: body sentences (each mention is tied to its sentence).
        published: the publication date (ISO), the anchor when known.
        fallback_year: the year of month-day dates when nothing else gives one.
        parsed: the parsed blocks, for tense and the governing verb.

    Yields:
        Mentions in text order.
    """
    anchor, kind, window = _anchor(text, body_spans, published, fallback_year)
    starts = [s.start for s in sentences]
    verbs = _verbs(parsed or ())
    verb_starts = [v[0] for v in verbs]

    def sentence_of(pos: int) -> Span | None:
        k = bisect_right(starts, pos) - 1
        return sentences[k] if k >= 0 and sentences[k].end > pos else None

    def future(pos: int) -> bool:
        v = _nearest(verbs, verb_starts, pos, within=sentence_of(pos))
        return v is not None and v[2]

    for sp in body_spans:
        for t in tag_ru_times(text, anchor=anchor, start=sp.start, end=sp.end, window=window,
                              future=future):
            iso, gran = timeml_to_iso(t.value, t.type)
            sentence = sentence_of(t.start)
            v = _nearest(verbs, verb_starts, t.start, within=sentence)
            yield TimeMention(
                id=content_id(article_id, "time", str(t.start), str(t.end)),
                article_id=article_id,
                span=Span(t.start, t.end),
                text=t.text,
                value=iso,
                granularity=gran,
                anchor=("explicit" if t.absolute else kind) if iso or gran == "duration"
                else "none",
                sentence=sentence,
                event_text=v[1] if v is not None else None,
            )


def _anchor(
    text: str, spans: Sequence[Span], published: str | None, fallback_year: int | None
) -> tuple[date | None, str, str | None]:
    if published:
        try:
            return date.fromisoformat(published[:10]), "published", None
        except ValueError:
            pass
    body = "\n\n".join(text[s.start : s.end] for s in spans)
    found = window_anchor(body, fallback_year=fallback_year)
    if found is not None:
        return found, "window", "forward"
    found = window_anchor(text, fallback_year=fallback_year)
    return found, ("window" if found else "none"), "nearest"


def _verbs(parsed: Sequence[tuple[int, Any]]) -> list[tuple[int, str, bool]]:
    """Finite verbs of the article: (offset, text, future tense), in text order."""
    out = []
    for offset, sdoc in parsed:
        for tok in sdoc:
            if tok.pos_ in ("VERB", "AUX") and tok.morph.get("Tense"):
                out.append((offset + tok.idx, tok.text, "Fut" in tok.morph.get("Tense")))
    return out


def _nearest(
    verbs: Sequence[tuple[int, str, bool]],
    starts: Sequence[int],
    pos: int,
    within: Span | None = None,
) -> tuple[int, str, bool] | None:
    k = bisect_right(starts, pos)
    cands = [verbs[i] for i in (k - 1, k) if 0 <= i < len(verbs)]
    if within is not None:
        cands = [v for v in cands if within.start <= v[0] < within.end]
    return min(cands, key=lambda v: abs(v[0] - pos)) if cands else None
