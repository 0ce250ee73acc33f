"""Counted stretches of time: ``three weeks``, ``two days ago``, ``years``, ``weekly``."""

from __future__ import annotations

import re
from datetime import timedelta

from .calendar import designator, duration, number, prev_quarter, shift_months, week
from .context import Hit, Result, TimePattern, i, rule
from .vocabulary import FREQUENCIES, FREQUENCY_RE, NUM_RE, PRE_MOD_RE, UNIT_RE, UNIT_WORDS

_F = re.IGNORECASE


def _relative_to_event(x: Hit, n: float | None, unit: str) -> Result:
    """``three days before the vote``: relative to another event, TimeML marks the duration
    only, its plural "s" included."""
    span = x.span
    m_end = span[0] + len(x.group("mod")) + len(x.group("n")) + 1 + len(unit)
    if span[1] > m_end and x.group("u") and x.group("n") and number(x.group("n")) != 1:
        m_end += 1
    return "DURATION", duration(n, unit), (span[0], m_end)


def _year_earlier_quarter(x: Hit) -> Result | None:
    """Earnings copy: "net income rose from $5 million a year earlier" compares quarters."""
    a, sentence = x.anchor, x.state.sentence
    assert a is not None
    if re.search(r"\bquarter|\bperiod\b", sentence, _F):
        last = x.state.last_quarter  # the quarter named in this sentence, if any
        yq, q = last if last and x.state.quarter_sentence == sentence else prev_quarter(a)
        return "DATE", f"{yq - 1}-Q{q}", x.span
    if re.search(
        r"\b(?:net|profit|earnings|income|loss|revenue|sales|per share|earned)\b", sentence, _F
    ) and not re.search(r"\byear\b(?! (?:earlier|ago))", sentence, _F):
        yq, q = prev_quarter(a)
        return "DATE", f"{yq - 1}-Q{q}", x.span
    return None


def _ago(x: Hit) -> Result | None:
    """``two days ago``, ``a year earlier``, ``three weeks from now``."""
    a, span = x.anchor, x.span
    n = number(x.group("n"))
    unit, d = x.low("u"), x.low("dir")
    if d in ("before", "after", "since", "prior", "previously"):
        return _relative_to_event(x, n, unit)
    if d in ("earlier", "later") and not (unit == "year" and n == 1):
        return "DURATION", duration(n, unit), span
    if a is None:
        return "DATE", None, span
    if n is None:
        return "DATE", "PAST_REF" if d in ("ago", "earlier") else "FUTURE_REF", span
    sign = -1 if d in ("ago", "earlier") else 1
    u = designator(unit)  # the unit may be a plural the pattern spells out ("centuries")
    if u == "Y" and n == 1 and d in ("earlier", "ago") and x.state.quarter_context:
        res = _year_earlier_quarter(x)
        if res is not None:
            return res
    k = int(n)
    if u == "D":
        return "DATE", (a + timedelta(days=sign * k)).isoformat(), span
    if u == "W":
        return "DATE", week(a + timedelta(weeks=sign * k)), span
    if u == "M" and unit == "month":
        d2 = shift_months(a, sign * k)
        return "DATE", f"{d2.year}-{d2.month:02d}", span
    if u == "Y":
        return "DATE", str(a.year + sign * k), span
    if u == "DE":
        return "DATE", str(a.year + sign * 10 * k), span
    if u == "CE":
        return "DATE", str(a.year // 100 + sign * k), span
    if u == "H":
        return "TIME", None, span
    return "DATE", None, span


def _article_a(x: Hit, n_s: str, unit: str, det: str) -> Result | None:
    """``a day``: a SET inside "twice a day" or "$5 a year", else no answer here."""
    if n_s.lower() in ("a", "an") and det in ("", "the"):
        before = x.before(12).lower()
        if re.search(r"(?:\d|times|twice|once|percent|%|cents?|dollars?|a)\s*$", before):
            return "SET", duration(1, unit), x.span
    return None


def _is_fraction(x: Hit, unit: str, det: str) -> bool:
    """"three-quarters of the vote" is a fraction, not nine months."""
    return unit == "quarter" and bool(
        "fiscal" in det or re.match(r"\s*of\b", x.after(4)) or "-quarters" in x.m.group(0).lower()
    )


def _duration_start(x: Hit, n_s: str, unit: str, det: str) -> int:
    """Where the duration starts: a possessive or "a" in front is not part of it, nor is
    "the" before a hyphenated one ("the eight-year agreement": the article is the noun's)."""
    s2 = x.span[0]
    hyphenated = bool(re.search(r"\w-" + unit, x.m.group(0).lower()))
    if det.startswith(("its ", "their ", "his ", "her ")) or (
        det in ("a", "an") and n_s.lower() not in ("a", "an", "few", "couple of")
    ):
        s2 += len(det.split(" ")[0]) + 1
    elif det == "the" and hyphenated:
        s2 += 4
    if x.group("mod") and x.group("mod").strip().lower() in ("only", "just", "over", "barely"):
        s2 = x.m.start("n")
    return s2


def _duration(x: Hit) -> Result | None:
    """``three weeks``, ``a two-year term``, ``more than 18 months``."""
    n_s, unit, det = x.group("n"), x.low("u"), x.low("det").strip()
    res = _article_a(x, n_s, unit, det)
    if res is not None:
        return res
    if n_s.lower() in ("some", "many") and unit in ("time",):
        return None
    if _is_fraction(x, unit, det):
        return None
    if unit == "second" and n_s.lower() in ("a",):
        return None
    val = duration(number(n_s), unit)
    if x.group("extra") and "or" in x.low("extra"):
        val = duration(None, unit)
    return "DURATION", val, (_duration_start(x, n_s, unit, det), x.span[1])


def _vague_duration(x: Hit) -> Result | None:
    """``years``, ``the past few months``: a duration of unknown length (``PXY``)."""
    unit, det, span = x.low("u"), x.low("det").strip(), x.span
    if not det:
        before, after = x.before(12).lower(), x.after(12).lower()
        if (
            re.search(r"\b(?:the|their|its|his|her|for|of)\s*$", before) is None
            and not re.match(r"\s*(?:of|to come|later|before|after|ago)", after)
            and unit in ("second", "minute", "hour")
        ):
            return None
        if re.search(r"\bthe\s*$", before):
            return None
    s2 = span[0] + 4 if det == "the" else span[0]
    return "DURATION", duration(None, unit), (s2, span[1])


def _set(x: Hit) -> Result | None:
    """``daily``, ``every week``, ``twice a year``: a TimeML SET."""
    w = x.low("w")
    unit = FREQUENCIES.get(w)
    if unit is None:
        unit = w.split()[-1]
        if w.startswith("a ") and not re.search(
            r"(?:\d|times|twice|once|percent|%|cents?|dollars?|million|billion)\s*$",
            x.before(12).lower(),
        ):
            return None
        if w.startswith("per "):
            return None
    if unit == "quarter":
        return "SET", "P3M", x.span
    return "SET", duration(1, unit), x.span


PATTERNS: dict[str, TimePattern] = {p.name: p for p in (
    rule("ago", i(
        rf"\b(?P<mod>{PRE_MOD_RE})?(?P<n>{NUM_RE}|several|a few|many|some)(?: or so)?[- ]"
        rf"(?P<u>{UNIT_RE})s?"
        rf"(?: or so)? (?P<dir>ago|earlier|later|before|after|from now|hence|previously|"
        rf"prior|since)\b"
    ), _ago, UNIT_WORDS, (110, 50)),
    rule("duration", i(
        rf"\b(?P<det>(?:the |a |an |its |their |his |her )?(?:(?:past|last|next|first|final|"
        rf"previous|coming|following|remaining|ensuing|other|latest|same|better part of the|"
        rf"entire|whole|full|succeeding) )?)(?P<mod>{PRE_MOD_RE})?(?P<n>{NUM_RE})(?: or so)?[- ]"
        rf"(?P<extra>(?:and-a-half|and a half|or (?:two|three|four|five|six|more)) )?"
        rf"(?P<u>{UNIT_RE})s?(?:-long)?\b(?!-old| old)"
    ), _duration, UNIT_WORDS, (110, 40)),
    rule("vague_dur", i(
        r"\b(?P<det>(?:the )?(?:(?:past|last|next|coming|previous|recent|many|several|few|"
        r"some|a few|the last few|the past few|the next few|the past several|the last several"
        r"|the next several|the coming)\s)?)(?P<u>second|minute|hour|day|week|month|year|decade"
        r"|centurie)s\b(?! ago| earlier| later| old)"
    ), _vague_duration, UNIT_WORDS, (60, 40)),
    rule("set", i(
        rf"\b(?P<w>{FREQUENCY_RE}|"
        r"(?:every|each|per|a) (?:day|week|month|year|quarter|hour|night))\b"
    ), _set, f"{' '.join(FREQUENCIES)} {UNIT_WORDS}", (16, 24)),
)}  # fmt: skip
