"""The tagger's word lists, read from ``lexicon/en``, and the regex fragments built from them.

Each table keeps its file order, and each fragment lists its words in that order, so a word
added to a file is matched (and its value known) without touching a pattern.
"""

from __future__ import annotations

from functools import cache

from rashomon.lexicon import entries, table


def _months() -> dict[str, int]:
    out: dict[str, int] = {}
    for name, row in table("months").items():
        out[name] = row["number"]
        for short in row["abbreviations"]:
            out[short] = row["number"]
    return out


def _month_re() -> str:
    rows = table("months")
    full = [name.capitalize() for name in rows]
    short = [rf"{s.capitalize()}\." for row in rows.values() for s in row["abbreviations"]]
    caps = [name.upper() for name, row in rows.items() if row.get("capitals", True)]
    return "(?:" + "|".join(full + short + caps) + ")"


def _counts() -> dict[str, float]:
    # Zero counts no time: no pattern matches it, and "zero days" is no duration.
    cardinals = {w: v for w, v in table("number_words")["cardinals"].items() if v}
    return {**table("time_counts"), **cardinals}


def _numword_re() -> str:
    # One word per value, the first listed ("twelve", not "dozen").
    by_value: dict[int, str] = {}
    for w, v in table("number_words")["cardinals"].items():
        by_value.setdefault(v, w)
    tens = "|".join(w for v, w in by_value.items() if v >= 20 and v % 10 == 0)
    units = "|".join(w for v, w in by_value.items() if 1 <= v <= 9)
    ones = "|".join(w for v, w in by_value.items() if 1 <= v <= 19)
    return rf"(?:(?:{tens})(?:[- ](?:{units}))?|{ones}|a hundred|hundred)"


def _units() -> dict[str, str]:
    return dict(table("time_units")["designators"])


def _unit_words() -> list[str]:
    """Each unit followed by its irregular plural, if any (``century centuries``)."""
    plurals = table("time_units")["irregular_plurals"]
    out: list[str] = []
    for unit in _units():
        out.append(unit)
        if unit in plurals:
            out.append(plurals[unit])
    return out


MONTHS = _months()  # month name or abbreviation -> number
WEEKDAYS = {day: i for i, day in enumerate(entries("weekdays"))}  # name -> Python weekday()
COUNTS = _counts()  # count word in a duration -> number ("a" = 1, "half" = 0.5)
VAGUE_COUNTS = frozenset(entries("time_vague_counts"))
ORDINALS: dict[str, int] = dict(table("ordinals"))
UNITS = _units()  # unit word -> TimeML designator
SEASONS: dict[str, str] = dict(table("seasons")["codes"])  # season word -> TimeML code
SEASON_START: dict[str, int] = dict(table("seasons")["start_month"])  # code -> first month
PARTS: dict[str, str] = dict(table("parts_of_day"))  # part of day -> TimeML code
DECADES: dict[str, int] = dict(table("decade_words"))  # "sixties" -> 6


@cache
def calendar_names() -> frozenset[str]:
    """Capitalised words that name a day, a month or a relative day and never continue a
    person's or an outlet's name ("an interview with WMUR Monday"), lower-cased; abbreviations
    with and without their full stop."""
    months = {m for name in MONTHS for m in (name, f"{name}.")}
    return frozenset({*WEEKDAYS, *months, *(w.casefold() for w in entries("calendar_words"))})
DEICTIC_DAYS: dict[str, int] = dict(table("deictic_days"))  # "yesterday" -> -1
FREQUENCIES: dict[str, str] = dict(table("frequency_adverbs"))  # "weekly" -> "week"
REFERENCES: dict[str, str] = dict(table("time_references"))  # "recently" -> "PAST_REF"
TENSE_CUES: dict[str, list[str]] = dict(table("time_tense_cues"))
PRE_MODIFIERS = entries("time_pre_modifiers")

# Regex fragments
MONTH_RE = _month_re()
WEEKDAY_RE = "(?:" + "|".join(f"[{d[0].upper()}{d[0]}]{d[1:]}" for d in WEEKDAYS) + ")"
DAY_RE = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR_RE = r"(?:1[6-9]\d\d|20\d\d)"
NUMWORD_RE = _numword_re()
NUM_RE = (
    rf"(?:\d+(?:\.\d+)?(?: 1/2)?|{NUMWORD_RE}(?: and a half)?|a couple of|a few|a dozen|several"
    r"|a|an|few|many|some|half an?)"
)
UNIT_RE = "(?:" + "|".join(_unit_words()) + ")"
PRE_MODIFIER_RE = "|".join(PRE_MODIFIERS)
PRE_MOD_RE = f"(?:(?:{PRE_MODIFIER_RE}) )"
DEICTIC_RE = "|".join(DEICTIC_DAYS)
DECADE_RE = "|".join(DECADES)
REFERENCE_RE = "|".join(REFERENCES)
FREQUENCY_RE = "|".join(FREQUENCIES)
PART_RE = "|".join(PARTS)

# Trigger words (lower case, as the tokens of a text are looked up)
MONTH_WORDS = " ".join(MONTHS)
WEEKDAY_WORDS = " ".join(WEEKDAYS)
UNIT_WORDS = " ".join(w.removesuffix("s") for w in _unit_words())
DEICTIC_WORDS = " ".join(w for w in DEICTIC_DAYS if " " not in w)
