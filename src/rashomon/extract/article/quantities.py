"""Quantity mentions from a spaCy parse: value, what it counts (slot), qualifier interval, source.

Interval convention (``Quantity.low`` / ``Quantity.high``, closed bounds, ``None`` = unbounded):

==========================================  ==================  ===============================
qualifier                                   example             interval
==========================================  ==================  ===============================
none (an exact figure)                      ``139 deaths``      ``[v, v]``
at least, no fewer than, a minimum of       ``at least 137``    ``[v, None]``
more than, over, above, upwards of          ``over 140``        ``[v, None]``
nearly, almost, close to, just under        ``nearly 140``      ``[0.9 v, v]``
about, around, approximately, some, ...     ``about 300``       ``[0.9 v, 1.1 v]``
up to, as many as, at most, no more than    ``up to 50``        ``[0, v]``
fewer than, less than, under, below         ``fewer than 20``   ``[0, v]``
dozens of / scores of                       ``dozens of``       ``[24, 99]`` / ``[40, 99]``
hundreds / thousands / millions (of)        ``hundreds of``     ``[200, 999]`` ...
tens / hundreds of thousands                ``tens of thou...`` ``[20000, 99999]`` ...
==========================================  ==================  ===============================

Why these choices: bounds are closed on purpose. ``more than 140`` strictly means 141 or more,
but reporters round, so a lenient ``[140, None]`` avoids flagging "140" against "over 140" as a
conflict while still separating it from "139". ``nearly``/``almost`` never exceed the figure and
are taken to be within 10% of it; ``about`` is 10% either way. For vague plurals ("dozens") the
value is the least the word implies (two dozen), and the upper bound is where a writer would
have switched to the next word ("hundreds").

Coordinated figures: a qualifier belongs only to the number it stands before. In
``at least 137 people were killed and 182 injured`` the 182 is exact; English does not say
whether "at least" scopes over both conjuncts, and copying it would invent a qualifier the text
never gives. Consumers comparing figures can widen exact figures themselves if they want to.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from rashomon.model import Attribution, Quantity, Span, content_id
from rashomon.nlp.pipelines import doc_text

# --------------------------------------------------------------------------------------------
# Lexicons. Hand-written because no maintained, pinned package covers English number words
# with spaCy tokens (word2number / text2num are not in the lock and parse strings, not tokens);
# the grammar needed here is a few dozen words.

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}  # fmt: skip
_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "m": 1_000_000,
    "bn": 1_000_000_000,
}
# Vague plurals: (least value implied, largest value before the next word would be used).
_VAGUE = {
    "dozens": (24.0, 99.0),
    "scores": (40.0, 99.0),
    "tens": (20.0, 99.0),
    "hundreds": (200.0, 999.0),
    "thousands": (2_000.0, 9_999.0),
    "millions": (2_000_000.0, 9_999_999.0),
}

# Qualifier phrase -> interval kind. Single ambiguous words (over, under, about, some...) are
# only taken when the parser attaches them to the number (see _qualifier).
_QUALIFIERS: dict[str, str] = {
    "at least": "min", "no fewer than": "min", "no less than": "min", "not less than": "min",
    "a minimum of": "min", "a total of": "exact",
    "more than": "gt", "over": "gt", "above": "gt", "upwards of": "gt", "in excess of": "gt",
    "greater than": "gt", "just over": "gt", "well over": "gt", "exceeding": "gt",
    "nearly": "near", "almost": "near", "close to": "near", "just under": "near",
    "just shy of": "near", "nearly all": "near",
    "about": "approx", "around": "approx", "approximately": "approx", "roughly": "approx",
    "some": "approx", "an estimated": "approx", "estimated": "approx", "circa": "approx",
    "approx.": "approx",
    "up to": "max", "as many as": "max", "at most": "max", "no more than": "max",
    "not more than": "max", "a maximum of": "max",
    "fewer than": "lt", "less than": "lt", "under": "lt", "below": "lt",
}  # fmt: skip
_AMBIGUOUS_QUALIFIERS = {"over", "under", "above", "below", "about", "around", "some"}
_MAX_QUALIFIER_WORDS = 3

# Noun (lemma or lower text) -> slot.
_NOUN_SLOTS = {
    "death": "killed", "deaths": "killed", "dead": "killed", "fatality": "killed",
    "fatalities": "killed", "body": "killed", "bodies": "killed",
    "injury": "injured", "injuries": "injured", "injured": "injured", "wounded": "injured",
    "arrest": "arrested", "arrests": "arrested", "detainee": "detained",
    "detainees": "detained", "detention": "detained",
    "casualty": "casualties", "casualties": "casualties",
    "hostage": "hostages", "hostages": "hostages",
    "seat": "seats", "seats": "seats",
}  # fmt: skip
# Verb or adjective (lemma) -> slot, for counts of people whose fate the verb states.
_VERB_SLOTS = {
    "kill": "killed", "die": "killed", "dead": "killed", "perish": "killed",
    "injure": "injured", "wound": "injured", "hurt": "injured", "injured": "injured",
    "wounded": "injured",
    "detain": "detained", "arrest": "arrested", "hold": "detained", "apprehend": "detained",
    "detained": "detained", "arrested": "arrested", "treat": "injured",
    "hospitalize": "hospitalized", "hospitalise": "hospitalized",
    "evacuate": "evacuated", "rescue": "rescued", "miss": "missing", "missing": "missing",
    "charge": "charged", "displace": "displaced", "kidnap": "hostages", "abduct": "hostages",
}  # fmt: skip
_THING_VERB_SLOTS = {
    k: v for k, v in _VERB_SLOTS.items() if k not in {"hold", "miss", "missing", "charge", "treat"}
}
# Verbs whose active subject is the agent, not the counted victims ("four men killed 137").
_TRANSITIVE_SLOT_VERBS = {
    "kill", "injure", "wound", "hurt", "detain", "arrest", "hold", "apprehend", "hospitalize",
    "hospitalise", "evacuate", "rescue", "charge", "displace", "kidnap", "abduct", "treat",
}  # fmt: skip
# What a state word after a copular or listing verb says of a count of people: "19 people
# remain missing", "were listed as missing", "were confirmed dead", "left 5 dead". Matched on
# the lower-cased word (spaCy lemmatises "missing" to "miss").
_STATE_WORDS = {
    "missing": "missing", "unaccounted": "missing", "dead": "killed", "killed": "killed",
    "injured": "injured", "wounded": "injured", "hurt": "injured", "detained": "detained",
    "arrested": "arrested", "hospitalized": "hospitalized", "hospitalised": "hospitalized",
    "displaced": "displaced", "evacuated": "evacuated",
}  # fmt: skip
# Verbs that ascribe a state to their object (or passive subject) rather than act on it.
_COPULAS = {"be", "remain", "stay", "become"}
_STATE_VERBS = {
    "list", "report", "confirm", "declare", "fear",
    "presume", "believe", "count", "register", "record", "class", "classify", "consider",
    "pronounce", "leave", "find", "assume",
}  # fmt: skip
# Nouns whose value a copular or "stands at"/"put ... at"/"rose to" construction gives: "the
# death toll rose to 43", "the official count stands at 43", "put the figure at 41".
_TOPIC_NOUNS = {"toll", "count", "tally", "figure", "number", "total"}
# Topic nouns that, with no word saying what they count, mean the death toll in a report of
# casualties ("the toll rose to 93", "the official count stands at 43"). "figure", "number"
# and "total" refer back to whatever was counted before and take their slot from context.
_DEATH_TOPICS = {"toll", "count", "tally"}
# Modals that make a topic's value a prediction: "the toll will rise above fifty".
_FORECAST_MODALS = {"will", "'ll", "’ll", "shall", "would", "could", "may", "might"}
# Two words before a figure that make it part of a group named before ("among them four").
# ("among the 40 dead were 12 children": there the figure is the whole group.)
_SUBSET_CUES = {
    ("among", "them"), ("among", "whom"), ("of", "whom"), ("of", "them"), ("including", "the"),
}  # fmt: skip
# Prepositions that introduce a topic's value: "stands at", "rose to", "climbed toward".
_TOPIC_PREPS = {"at", "to", "toward", "towards", "past", "near", "beyond"}
# Modifiers that leave a topic noun unspecified ("the official count", "the real figure").
_TOPIC_GENERIC_MODS = {
    "official", "latest", "real", "final", "new", "overall", "total", "confirmed",
    "provisional", "unofficial", "current", "revised", "updated", "true", "actual", "grim",
    "preliminary", "initial", "previous", "last", "same", "government", "govt",
}  # fmt: skip
# Event nouns a count of people can stand in apposition to: "the arrests - eleven people".
_EVENT_NOUNS = {
    "arrest": "arrested", "detention": "detained", "death": "killed", "fatality": "killed",
    "injury": "injured", "evacuation": "evacuated", "casualty": "casualties",
}  # fmt: skip
# Generic nouns for people: the count's slot is "people" unless a verb says what befell them.
_PEOPLE_NOUNS = {
    "people", "person", "persons", "man", "men", "woman", "women", "child", "children",
    "civilian", "individual", "goer", "concertgoer", "spectator", "visitor", "victim",
    "resident", "attendee", "citizen", "passenger", "adult", "teenager", "boy", "girl",
    "guest", "fan", "other", "others", "customer", "audience", "member", "survivor",
}  # fmt: skip
# Role nouns for people: a verb slot wins if any, else the noun itself is the slot.
_ROLE_NOUNS = {
    "suspect", "attacker", "gunman", "gunmen", "terrorist", "militant", "soldier", "officer",
    "policeman", "firefighter", "worker", "employee", "student", "perpetrator", "assailant",
    "fighter", "journalist", "national", "migrant", "foreigner", "tourist", "patient",
    "witness", "staff", "crew", "rescuer", "serviceman", "servicemen", "troop", "police",
}  # fmt: skip
_DURATION_UNITS = {
    "second": "seconds", "sec": "seconds", "minute": "minutes", "min": "minutes",
    "mins": "minutes", "hour": "hours", "hr": "hours", "hrs": "hours", "day": "days",
    "week": "weeks", "month": "months", "year": "years", "yr": "years", "decade": "decades",
    "century": "centuries",
}  # fmt: skip
_SPEECH_VERBS = {
    "say", "tell", "announce", "report", "state", "claim", "confirm", "add", "estimate",
    "put", "show", "indicate", "reveal", "note", "write", "declare", "insist", "assert",
    "allege", "publish", "release", "cite", "acknowledge", "admit", "warn", "explain",
    "brief", "record", "count", "tally", "update", "quote", "suggest", "disclose", "give",
}  # fmt: skip
_MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday",
}  # fmt: skip
_CURRENCIES = {
    "$": "USD", "us$": "USD", "dollar": "USD", "dollars": "USD", "€": "EUR", "euro": "EUR",
    "euros": "EUR", "£": "GBP", "pound": "GBP", "pounds": "GBP", "rouble": "RUB",
    "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "₽": "RUB", "yen": "JPY", "¥": "JPY",
    "hryvnia": "UAH", "hryvnias": "UAH",
}  # fmt: skip
_PERCENT_WORDS = {"%", "percent", "pct"}
_RANK_CUES = {
    "no",
    "no.",
    "#",
    "number",
    "rank",
    "ranked",
    "ranks",
    "top",
    "page",
    "article",
    "chapter",
    "section",
    "paragraph",
    "round",
    "level",
    "grade",
    "class",
    "phase",
}
_SKIP_ENTS = {
    "PERSON",
    "ORG",
    "GPE",
    "FAC",
    "PRODUCT",
    "LAW",
    "EVENT",
    "WORK_OF_ART",
    "LANGUAGE",
    "NORP",
    "ORDINAL",
}
# Entities that name who gives a figure ("the count of the Directorate"), not what it counts.
_SOURCE_ENTS = {"ORG", "GPE", "NORP", "PERSON"}
_PRONOUNS_IMPERSONAL = {"it", "there", "this", "that", "which", "what", "who"}
_ORDINAL_RE = re.compile(r"^\d+(st|nd|rd|th)$", re.IGNORECASE)
_DIGITS_RE = re.compile(r"^\d[\d,]*(\.\d+)?$")
_YEAR_RE = re.compile(r"^(1[89]|20)\d\d$")


@dataclass(frozen=True, slots=True)
class _Found:
    """A quantity before it is turned into a :class:`Quantity` (token-level, block offsets)."""

    start: int  # character offsets within the block
    end: int
    slot: str | None
    value: float
    low: float | None
    high: float | None
    qualifier: str | None
    unit: str | None
    anchor: Any  # the token whose ancestors locate the governing verb (noun or number)
    noun_slot: str | None  # the slot the counted noun alone gives (for ellipsis)
    bare: bool = False  # no counted noun: "and 182 injured", "four heading towards Ukraine"
    # The topic noun whose value the figure is ("the official count stands at 43"); with
    # ``slot`` None the slot is still to be taken from the context (see _resolve_topic).
    topic: str | None = None


# --------------------------------------------------------------------------------------------
# Public API


def extract_quantities(
    blocks: Iterable[tuple[int, Any]],
    *,
    article_id: str,
    attributions: Sequence[Attribution] = (),
) -> Iterator[Quantity]:
    """Yield the quantity mentions in parsed body blocks, in text order.

    Args:
        blocks: ``(offset, spacy.tokens.Doc)`` pairs; ``offset`` is the block's start in the
            article text, so a token's article offset is ``offset + token.idx``.
        article_id: id of the article, used for annotation ids.
        attributions: the article's attribution layer, if it was produced. A quantity inside
            an attribution's content takes that attribution's speaker; otherwise the subject
            of a speech verb governing the number (or "according to X") is used.

    Yields:
        One :class:`~rashomon.model.Quantity` per number mention (dates, clock times, years,
        ordinals and rankings are skipped).
    """
    for offset, sdoc in blocks:
        # The slot of the last topic figure ("the official count stands at 43") and the index
        # of its sentence: "the real figure is more than 60" in the next sentence counts the same.
        last_topic: tuple[str, int] | None = None
        for n_sent, sent in enumerate(sdoc.sents):
            previous: _Found | None = None
            for found in _sentence_quantities(sent):
                slot = found.slot
                if slot is None and found.bare and found.topic is None and previous is not None:
                    # Ellipsis ("11 people were detained, four heading ..."): a bare number
                    # counts what the previous figure's noun counted.
                    slot = previous.noun_slot
                if found.topic is not None:
                    if slot is None:
                        recent = last_topic if last_topic and n_sent - last_topic[1] <= 2 else None
                        slot = _resolve_topic(found, sent, recent[0] if recent else None)
                    if slot is not None:
                        # A forecast's topic is still the toll: "the figure" after it counts.
                        last_topic = (slot.removesuffix("_forecast"), n_sent)
                start, end = offset + found.start, offset + found.end
                span = Span(start, end)
                who, attribution_id = _attribution_for(span, attributions)
                if who is None and attribution_id is None:
                    who = _speaker(found.anchor, sent, sdoc)
                yield Quantity(
                    id=content_id(article_id, "quantity", str(start), str(end)),
                    article_id=article_id,
                    span=span,
                    text=doc_text(sdoc)[found.start : found.end],
                    slot=slot,
                    value=found.value,
                    low=found.low,
                    high=found.high,
                    qualifier=found.qualifier,
                    unit=found.unit,
                    attributed_to=who,
                    attribution_id=attribution_id,
                )
                previous = found


def parse_number(words: Sequence[str]) -> float | None:
    """Return the value of a number written in digits and/or words, or None.

    Args:
        words: the tokens of the number, e.g. ``["6,200"]``, ``["two", "hundred"]``,
            ``["seventy", "-", "five"]``, ``["1.5", "million"]``, ``["a", "dozen"]``.

    Returns:
        The value, or None when the tokens are not a number.
    """
    total = 0.0
    current = 0.0
    seen = False
    for raw in words:
        w = raw.lower()
        if w in {"-", "and", "a", "an"}:
            continue
        if _DIGITS_RE.match(w):
            current += float(w.replace(",", ""))
        elif w in _UNITS:
            current += _UNITS[w]
        elif w in _SCALES:
            scale = _SCALES[w]
            if scale == 100:
                current = (current or 1.0) * 100
            else:
                total += (current or 1.0) * scale
                current = 0.0
        else:
            return None
        seen = True
    return total + current if seen else None


def interval(value: float, qualifier_kind: str | None) -> tuple[float | None, float | None]:
    """Return ``(low, high)`` for a value and a qualifier kind (see the module docstring).

    Args:
        value: the stated figure.
        qualifier_kind: one of ``min``, ``gt``, ``near``, ``approx``, ``max``, ``lt``,
            ``exact`` or None.

    Returns:
        Closed bounds; None means unbounded.
    """
    if qualifier_kind in {"min", "gt"}:
        return value, None
    if qualifier_kind == "near":
        return round(0.9 * value, 6), value
    if qualifier_kind == "approx":
        return round(0.9 * value, 6), round(1.1 * value, 6)
    if qualifier_kind in {"max", "lt"}:
        return 0.0, value
    return value, value


# --------------------------------------------------------------------------------------------
# Finding numbers in a sentence


def _is_number_word(tok: Any) -> bool:
    low = tok.lower_
    if low in _VAGUE or low in _UNITS or low in _SCALES and low not in {"m", "bn"}:
        return True
    return bool(tok.tag_ == "CD" and (_DIGITS_RE.match(low) or low in _UNITS or low in _SCALES))


def _sentence_quantities(sent: Any) -> Iterator[_Found]:
    doc = sent.doc
    i = sent.start
    while i < sent.end:
        tok = doc[i]
        if not _is_number_word(tok):
            i += 1
            continue
        j = i + 1
        # Extend over the rest of the number: "two hundred", "1.5 million", "seventy-five".
        while j < sent.end:
            nxt = doc[j]
            if (
                nxt.lower_ in _SCALES
                and nxt.lower_ not in {"m", "bn"}
                or (_is_number_word(nxt) and nxt.lower_ not in _VAGUE and doc[j - 1].lower_ != ",")
            ):
                j += 1
            elif (
                nxt.text == "-"
                and j + 1 < sent.end
                and doc[j + 1].lower_ in _UNITS
                and doc[j - 1].lower_ in _UNITS
            ):
                j += 2
            else:
                break
        found = _analyse(doc, sent, i, j)
        if found is not None:
            yield found
            # Skip what the span swallowed ("tens of thousands of people").
            while j < sent.end and doc[j].idx < found.end:
                j += 1
        i = j


def _analyse(doc: Any, sent: Any, i: int, j: int) -> _Found | None:  # noqa: C901
    """Turn the number tokens ``doc[i:j]`` into a found quantity, or None to skip them."""
    toks = list(doc[i:j])
    first, last = toks[0], toks[-1]
    if _skip(doc, sent, i, j):
        return None

    start_tok, end_tok = i, j  # token range of the surface span
    vague = first.lower_ in _VAGUE
    qualifier: str | None = None
    qkind: str | None = None
    value: float
    low: float | None
    high: float | None

    if vague:
        low_v, high_v = _VAGUE[first.lower_]
        k = j
        # "tens of thousands", "hundreds of thousands"
        if k + 1 < sent.end and doc[k].lower_ == "of" and doc[k + 1].lower_ in _VAGUE:
            mult = _SCALES.get(doc[k + 1].lower_[:-1], 1)
            low_v, high_v = low_v * mult, (high_v + 1) * mult - 1
            k += 2
        value, low, high = low_v, low_v, high_v
        end_tok = k
        qualifier = doc[i:end_tok].text.lower()
        if k < sent.end and doc[k].lower_ == "of":
            qualifier = doc[i : k + 1].text.lower()
            end_tok = k + 1
    else:
        words = [t.text for t in toks]
        if (
            i > sent.start
            and doc[i - 1].lower_ in {"a", "an"}
            and first.lower_ in {"dozen", "hundred", "thousand", "million", "billion"}
        ):
            start_tok = i - 1
        parsed = parse_number(words)
        if parsed is None:
            return None
        value = parsed
        low = high = value

    # Qualifier before the number.
    if not vague:
        qualifier, qkind, qstart = _qualifier(doc, sent, start_tok, toks)
        if qualifier is not None:
            start_tok = qstart
        low, high = interval(value, qkind)

    after = end_tok
    slot: str | None = None
    noun_slot: str | None = None
    unit: str | None = None
    anchor = last

    # Hyphenated compounds: "6,200-seat", "15-year-old", "48-hour".
    if (
        after + 1 < sent.end
        and doc[after].text == "-"
        and doc[after + 1].is_alpha
        and not doc[after + 1].is_stop  # "$12-an-hour" is a rate, not a unit "an"
    ):
        word = doc[after + 1]
        wl = word.lemma_.lower()
        if (
            wl in {"year", "month", "week"}
            and after + 3 < sent.end
            and doc[after + 2].text == "-"
            and doc[after + 3].lower_ == "old"
        ):
            return _found(
                doc,
                start_tok,
                after + 4,
                "age",
                value,
                low,
                high,
                qualifier,
                "year" if wl == "year" else wl,
                word,
                None,
            )
        if wl in _DURATION_UNITS:
            slot = _DURATION_UNITS[wl]
            return _found(
                doc,
                start_tok,
                after + 2,
                slot,
                value,
                low,
                high,
                qualifier,
                _singular(slot),
                word.head,
                None,
            )
        slot = _NOUN_SLOTS.get(wl) or _plural(word)
        return _found(
            doc,
            start_tok,
            after + 2,
            slot,
            value,
            low,
            high,
            qualifier,
            None,
            word.head if word.dep_ == "compound" else word,
            slot,
        )

    # Ages: "aged 20", "age 20", "20 years old", "Jane Doe, 40, said", "who is 70".
    prev = doc[start_tok - 1] if start_tok > sent.start else None
    prev2 = doc[start_tok - 2] if start_tok - 1 > sent.start else None
    closes = after >= sent.end or doc[after].is_punct
    apposed_age = (
        prev is not None
        and prev2 is not None
        and qualifier is None
        and value < 120
        and closes
        and (
            (prev.text == "," and prev2.ent_type_ == "PERSON")
            or (prev.lemma_ == "be" and prev2.lower_ in {"who", "he", "she"})
        )
    )
    if apposed_age or (prev is not None and prev.lower_ in {"aged", "age", "ages"}):
        return _found(
            doc, start_tok, end_tok, "age", value, low, high, qualifier, "year", last, None
        )
    if (
        after + 1 < sent.end
        and doc[after].lemma_.lower() == "year"
        and doc[after + 1].lower_ == "old"
    ):
        return _found(
            doc, start_tok, after + 2, "age", value, low, high, qualifier, "year", last, None
        )

    # Money and percentages carry their own units.
    money = _currency(doc, sent, start_tok, end_tok)
    if money is not None:
        unit, mstart, mend = money
        start_q = min(start_tok, mstart)
        return _found(
            doc, start_q, max(end_tok, mend), "money", value, low, high, qualifier, unit, last, None
        )
    if after < sent.end and doc[after].lower_ in _PERCENT_WORDS:
        return _found(
            doc, start_tok, after + 1, "percent", value, low, high, qualifier, "%", last, None
        )
    if after + 1 < sent.end and doc[after].lower_ == "per" and doc[after + 1].lower_ == "cent":
        return _found(
            doc, start_tok, after + 2, "percent", value, low, high, qualifier, "%", last, None
        )

    noun = _counted_noun(doc, sent, last, end_tok, value, start_tok)
    if noun is not None:
        nl = noun.lemma_.lower()
        anchor = noun
        if noun.i >= end_tok and all(
            t.dep_ in {"compound", "amod", "nmod", "punct"} or t.i == noun.i
            for t in doc[end_tok : noun.i + 1]
        ):
            end_tok = noun.i + 1  # the counted noun is adjacent: include it in the span
        if nl in _DURATION_UNITS or noun.lower_ in _DURATION_UNITS:
            slot = _DURATION_UNITS.get(nl) or _DURATION_UNITS[noun.lower_]
            return _found(
                doc,
                start_tok,
                end_tok,
                slot,
                value,
                low,
                high,
                qualifier,
                _singular(slot),
                noun,
                None,
            )
        noun_slot = _NOUN_SLOTS.get(nl) or _NOUN_SLOTS.get(noun.lower_)
        if noun_slot is not None:
            slot = noun_slot
        else:
            # What befell them (a verb slot) wins over the noun: "killed 300 villagers".
            # The noun lists only decide "people" and whether ambiguous verbs apply.
            generic = nl in _PEOPLE_NOUNS or noun.lower_ in _PEOPLE_NOUNS
            person = generic or _is_role(noun)
            noun_slot = "people" if generic else _plural(noun)
            # "eleven people ..., among them four senior managers": a part of a figure
            # given before is not a rival figure for the same slot; it keeps its noun.
            subset = _subset(doc, sent, start_tok)
            first_conjunct = noun
            while not subset and first_conjunct.dep_ == "conj":
                # "among them four managers and two inspectors": the list is the subset.
                first_conjunct = first_conjunct.head
                nums = [c.i for c in first_conjunct.children if c.dep_ == "nummod"]
                subset = any(
                    c.dep_ == "prep" and c.lower_ in {"among", "including"} and c.i < noun.i
                    for c in first_conjunct.children
                ) or (bool(nums) and _subset(doc, sent, min(nums)))
            # Its own participle still counts: "including the 219 girls kidnapped ...".
            slot = _verb_slot(doc, sent, noun, noun.i + 1, person=person, governed=not subset)
            if slot is None and not subset:
                topic_slot, topic = _topic_slot(noun)
                # A topic names what a count of people counts ("the toll rose to 93 people"),
                # never what a count of things is ("the total rose to 5 plants").
                if topic_slot is not None and (generic or topic == "toll"):
                    slot = topic_slot
            if slot is None and generic:
                slot = _apposed_event_slot(doc, sent, start_tok, noun)
            slot = slot or noun_slot
    else:
        if first.lower_ == "one" and len(toks) == 1:
            return None  # bare "one" is nearly always a pronoun ("one of the attackers")
        if after < sent.end and doc[after].lower_ in _DURATION_UNITS:
            # "2 min": an abbreviated unit the parser does not attach to the number.
            slot = _DURATION_UNITS[doc[after].lower_]
            return _found(
                doc,
                start_tok,
                after + 1,
                slot,
                value,
                low,
                high,
                qualifier,
                _singular(slot),
                doc[after],
                None,
            )
        slot = _verb_slot(doc, sent, last, end_tok)
        topic = None
        if slot is None:
            slot, topic = _topic_slot(last)
        if slot is None and topic is None and first.ent_type_ == "DATE" and value >= 1000:
            return None  # a bare year-like number spaCy saw as a date
        return _found(
            doc,
            start_tok,
            end_tok,
            slot,
            value,
            low,
            high,
            qualifier,
            unit,
            anchor,
            None,
            bare=True,
            topic=topic,
        )
    return _found(
        doc, start_tok, end_tok, slot, value, low, high, qualifier, unit, anchor, noun_slot
    )


def _found(
    doc: Any,
    start_tok: int,
    end_tok: int,
    slot: str | None,
    value: float,
    low: float | None,
    high: float | None,
    qualifier: str | None,
    unit: str | None,
    anchor: Any,
    noun_slot: str | None,
    *,
    bare: bool = False,
    topic: str | None = None,
) -> _Found:
    span = doc[start_tok:end_tok]
    return _Found(
        start=span.start_char,
        end=span.end_char,
        slot=slot,
        value=value,
        low=low,
        high=high,
        qualifier=qualifier,
        unit=unit,
        anchor=anchor,
        noun_slot=noun_slot,
        bare=bare,
        topic=topic,
    )


def _skip(doc: Any, sent: Any, i: int, j: int) -> bool:
    """Whether ``doc[i:j]`` is a date, clock time, year, ordinal, ranking or part of a name."""
    first, last = doc[i], doc[j - 1]
    low = first.lower_
    if _ORDINAL_RE.match(low) or first.ent_type_ == "ORDINAL":
        return True
    if ":" in first.text or "/" in first.text:
        return True  # clock times (1:57) and numeric dates
    # ISO dates are split at hyphens: "2024-03-28" -> 2024 - 03 - 28.
    if (i >= sent.start + 2 and doc[i - 1].text == "-" and doc[i - 2].is_digit) or (
        j + 1 < sent.end and doc[j].text == "-" and doc[j + 1].is_digit
    ):
        return True
    if i > sent.start and doc[i - 1].lower_ in _RANK_CUES:
        return True
    ent = first.ent_type_
    if ent in _SKIP_ENTS and low not in _VAGUE:
        return True
    # A month or weekday right next to the number: "March 22", "22 March", "March 27, 2024".
    window = [doc[k].lower_ for k in range(max(sent.start, i - 3), min(sent.end, j + 2))]
    if any(w.rstrip(".") in _MONTHS for w in window) and (
        ent in {"DATE", ""} or first.tag_ == "CD"
    ):
        near = doc[max(sent.start, i - 1) : min(sent.end, j + 1)]
        if any(t.lower_.rstrip(".") in _MONTHS for t in near) or (
            i >= sent.start + 2 and doc[i - 1].text == "," and doc[i - 2].like_num
        ):
            return True
    # "Not one rescuer has found a trace" denies that any did; it counts no rescuers.
    if low == "one" and i > sent.start and doc[i - 1].lower_ in {"not", "no"}:
        return True
    # A day in brackets after its weekday or month: "on Tuesday (10)".
    if (
        i >= sent.start + 2
        and j < sent.end
        and doc[i - 1].text == "("
        and doc[j].text == ")"
        and doc[i - 2].lower_.rstrip(".") in _MONTHS
    ):
        return True
    if j < sent.end and (
        doc[j].lower_ in {"am", "pm", "a.m.", "p.m."} or doc[j].lower_.startswith(("o'c", "o’c"))
    ):
        return True  # clock times: "8 pm", "three o'clock"
    # Years: a bare four-digit number in 1800-2099 not counting anything.
    if len(doc[i:j]) == 1 and _YEAR_RE.match(last.text):
        nxt = doc[j] if j < sent.end else None
        if nxt is None or ent == "DATE" or not (nxt.pos_ == "NOUN" and nxt.tag_ == "NNS"):
            return True  # "since 2008", "2005 levels"; "2000 people" stays
    # Decades: "the 1990s" is one token that parse_number rejects anyway.
    return False


def _qualifier(
    doc: Any, sent: Any, start_tok: int, num_toks: Sequence[Any]
) -> tuple[str | None, str | None, int]:
    """Return ``(qualifier text, kind, first token index)`` for words before the number."""
    num_idx = {t.i for t in num_toks}
    for n in range(_MAX_QUALIFIER_WORDS, 0, -1):
        k = start_tok - n
        if k < sent.start:
            continue
        phrase = " ".join(t.lower_ for t in doc[k:start_tok])
        kind = _QUALIFIERS.get(phrase)
        if kind is None:
            continue
        if n == 1 and phrase in _AMBIGUOUS_QUALIFIERS:
            q = doc[k]
            # "over two weeks" (a preposition) is not "over 140" (a quantity modifier); a
            # number that is itself the preposition's object ("injured over 200") is.
            number_is_object = any(t.head.i == q.i and t.dep_ == "pobj" for t in num_toks)
            if (
                q.head.i not in num_idx
                and q.dep_ not in {"quantmod", "advmod", "nmod"}
                and not number_is_object
            ):
                continue
            if phrase == "some" and q.head.i not in num_idx and q.dep_ == "det":
                continue
        if kind == "exact":
            return None, None, start_tok
        return phrase, kind, k
    return None, None, start_tok


def _currency(doc: Any, sent: Any, start_tok: int, end_tok: int) -> tuple[str, int, int] | None:
    """Currency code and token range when the number is a sum of money."""
    if start_tok > sent.start and doc[start_tok - 1].lower_ in _CURRENCIES:
        return _CURRENCIES[doc[start_tok - 1].lower_], start_tok - 1, end_tok
    if end_tok < sent.end and doc[end_tok].lower_ in _CURRENCIES:
        return _CURRENCIES[doc[end_tok].lower_], start_tok, end_tok + 1
    # "$5m" style: the currency sign can be glued inside the number's entity.
    if doc[start_tok].ent_type_ == "MONEY":
        for t in doc[max(sent.start, start_tok - 2) : min(sent.end, end_tok + 2)]:
            if t.lower_ in _CURRENCIES and t.ent_type_ == "MONEY":
                return _CURRENCIES[t.lower_], min(start_tok, t.i), max(end_tok, t.i + 1)
        return "money", start_tok, end_tok
    return None


def _counted_noun(
    doc: Any, sent: Any, last: Any, end_tok: int, value: float, start_tok: int
) -> Any | None:
    """The noun the number counts, or None when the number stands alone.

    ``start_tok`` is the first token of the figure with its qualifier ("up to 50").
    """
    head = last.head
    # "dozens of people", "hundreds of witnesses": the counted thing is the object of "of".
    if end_tok < sent.end and doc[end_tok - 1].lower_ == "of":
        nxt = [t for t in doc[end_tok - 1].children if t.dep_ == "pobj"]
        if nxt:
            return nxt[0]
    counts_head = last.dep_ in {"nummod", "quantmod", "compound", "amod"} and head.i > last.i
    if counts_head and head.pos_ in {"NOUN", "PROPN", "ADJ"}:
        # A plural count on a singular common noun is a mis-parse ("four heading towards"),
        # except for nouns that do not inflect ("staff", "police") and units ("2 min").
        if (
            value != 1
            and head.tag_ == "NN"
            and head.lemma_.lower() not in _ROLE_NOUNS | _PEOPLE_NOUNS | set(_DURATION_UNITS)
        ):
            return None
        if head.pos_ == "ADJ" and head.lower_ not in _NOUN_SLOTS:
            return None
        return head
    # "25 million more people": the comparative sits between number and noun.
    if (
        end_tok + 1 < sent.end
        and doc[end_tok].lower_ in {"more", "fewer", "additional", "other", "extra", "new"}
        and doc[end_tok + 1].tag_ == "NNS"
    ):
        return doc[end_tok + 1]
    # "a dozen suspects": spaCy may hang the noun on "dozen" itself.
    if end_tok < sent.end and doc[end_tok].tag_ == "NNS" and doc[end_tok].head.i == last.i:
        return doc[end_tok]
    # "Up to 8,464 people were killed": the parser may read the qualifier as a preposition
    # governing the number and leave the adjacent plural noun unattached to it.
    if (
        end_tok < sent.end
        and doc[end_tok].tag_ == "NNS"
        and last.dep_ == "pobj"
        and start_tok <= last.head.i < last.i
    ):
        return doc[end_tok]
    return None


def _is_role(noun: Any) -> bool:
    return bool(noun.lemma_.lower() in _ROLE_NOUNS or noun.lower_ in _ROLE_NOUNS)


def _verb_slot(
    doc: Any, sent: Any, tok: Any, after: int, *, person: bool = True, governed: bool = True
) -> str | None:
    """The slot a verb gives a count of people: '182 injured', 'people were killed'.

    Args:
        doc: the spaCy Doc.
        sent: the sentence span.
        tok: the counted noun, or the number when it stands alone.
        after: token index just after the count.
        person: whether the count is known to be of people; ambiguous verbs ("held 3
            meetings", "missing 2 pages") give a slot only for people.
        governed: whether the verb governing the count may give the slot; False for a part
            of a group ("among them four managers"), where only the word right after counts.
    """
    verb_slots = _VERB_SLOTS if person else _THING_VERB_SLOTS
    # Linear first: the word right after the count, skipping adverbs and auxiliaries, is the
    # most reliable cue when the parser mis-attaches an elliptical "and 182 injured".
    k = after
    while k < sent.end and doc[k].pos_ in {"ADV", "AUX", "PART"} and doc[k].lower_ != "not":
        k += 1
    if k < sent.end:
        nxt = doc[k]
        lem = nxt.lemma_.lower()
        slot = verb_slots.get(lem) or verb_slots.get(nxt.lower_)
        if (
            slot is not None
            and nxt.tag_ in {"VBN", "JJ", "VBG", "VBD"}
            and not any(c.dep_ == "dobj" for c in nxt.children)
            and not (nxt.tag_ == "VBD" and lem in _TRANSITIVE_SLOT_VERBS)
        ):
            return slot
    if not governed:
        return None
    # Dependency: the verb whose object or passive subject the count is.
    x = tok
    for _ in range(3):
        if x.dep_ in {"conj", "appos"} and x.head.pos_ in {"NOUN", "PROPN", "NUM"}:
            x = x.head
        else:
            break
    if x.dep_ == "pobj" and x.head.lower_ in _AMBIGUOUS_QUALIFIERS and x.head.dep_ == "prep":
        # "injured over 200" parsed as a prepositional phrase: the object is the count.
        x = x.head
        dep = "dobj"
    else:
        dep = x.dep_
    verb = x.head
    if verb.pos_ in {"VERB", "ADJ", "AUX"} and dep in {"nsubjpass", "dobj", "nsubj", "conj"}:
        lem = verb.lemma_.lower()
        slot = verb_slots.get(lem) or verb_slots.get(verb.lower_)
        if slot is not None:
            is_agent = dep == "nsubj" and lem in _TRANSITIVE_SLOT_VERBS and verb.tag_ != "VBN"
            if not is_agent:
                return slot
        # "19 people remain missing" (subject of a copula), "were listed as missing", "left
        # 5 dead" (object of a verb that ascribes a state); never the agent ("the flood left").
        copula = lem in _COPULAS and dep == "nsubj"
        ascribed = lem in _STATE_VERBS and dep in {"dobj", "nsubjpass"}
        if person and (copula or ascribed):
            state = _state_slot(verb)
            if state is not None:
                return state
    return None


def _state_slot(verb: Any) -> str | None:
    """The slot a state complement of ``verb`` gives: 'remain missing', 'listed as missing'."""
    for c in verb.children:
        if c.dep_ in {"acomp", "oprd", "xcomp", "attr"} and c.lower_ in _STATE_WORDS:
            return _STATE_WORDS[c.lower_]
        if c.dep_ == "prep" and c.lower_ == "as":
            for g in c.children:
                if g.dep_ in {"pobj", "pcomp", "acomp", "amod"} and g.lower_ in _STATE_WORDS:
                    return _STATE_WORDS[g.lower_]
    return None


def _topic_slot(tok: Any) -> tuple[str | None, str | None]:
    """What a figure counts when it is a topic noun's value.

    'the death toll rose to 93', 'put the toll at 93', 'a death toll of 93', 'the official
    count stands at 43', 'the real figure is more than 60'.

    Returns:
        ``(slot, topic lemma)``; ``(None, topic)`` when the topic noun does not say what it
        counts ("the figure"), so the slot must come from context; ``(None, None)`` when the
        figure is no topic's value.
    """
    x = tok
    for _ in range(4):
        if x.head.i == x.i:
            break
        child, x = x, x.head
        if child.dep_ == "pobj":
            low = x.lower_
            if low == "of" and x.head.lemma_.lower() in _TOPIC_NOUNS:
                return _topic_noun_slot(x.head)  # "a death toll of 93"
            # "at", "to", "toward" give a topic's value: "rose by 5" is a change, not the toll.
            # "rose by 12 to 80" is often parsed as "by (12 to 80)": the "to" still marks it.
            to_marked = any(c.dep_ == "quantmod" and c.lower_ == "to" for c in child.children)
            if low not in _TOPIC_PREPS and low not in _AMBIGUOUS_QUALIFIERS and not to_marked:
                break
        if x.pos_ in {"VERB", "AUX"}:
            # "the toll is expected to rise to 80": the topic is the subject of the head verb.
            holders = [x, x.head] if x.dep_ == "xcomp" else [x]
            for c in (c for h in holders for c in h.children):
                if (
                    c.i != child.i
                    and c.dep_ in {"nsubj", "dobj", "nsubjpass"}
                    and c.lemma_.lower() in _TOPIC_NOUNS
                ):
                    slot, topic = _topic_noun_slot(c)
                    if slot is not None and _forecast(x):
                        # "the toll will go above fifty" predicts a figure; it is not one.
                        slot += "_forecast"
                    return slot, topic
            break
    return None, None


def _forecast(verb: Any) -> bool:
    """Whether a topic's verb predicts ('will rise to', 'could reach', 'is expected to top')."""
    auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if auxes & _FORECAST_MODALS and "have" not in auxes:  # "may have reached" is a past
        return True
    head = verb.head
    return bool(
        verb.dep_ == "xcomp" and head.lemma_.lower() in {"expect", "set", "likely", "project"}
    )


def _cue_slot(tok: Any) -> str | None:
    """The slot a single word names: 'deaths', 'dead', 'injuries', 'missing', 'arrests'."""
    low, lem = tok.lower_, tok.lemma_.lower()
    slot = _NOUN_SLOTS.get(lem) or _NOUN_SLOTS.get(low) or _STATE_WORDS.get(low)
    if slot is None and (lem in _PEOPLE_NOUNS or low in _PEOPLE_NOUNS):
        # "the number of people killed": the participle after the people noun.
        for c in tok.children:
            if c.dep_ in {"acl", "amod"} and c.lower_ in _STATE_WORDS:
                return _STATE_WORDS[c.lower_]
    return slot


def _topic_noun_slot(noun: Any) -> tuple[str | None, str | None]:
    """Slot of a topic noun from its modifiers ('death toll', 'number of injured')."""
    lemma = noun.lemma_.lower()
    specific = False
    for c in noun.children:
        if c.dep_ in {"compound", "amod", "nmod"}:
            cue = _cue_slot(c)
            if cue is not None:
                return cue, lemma
            if c.lemma_.lower() not in _TOPIC_GENERIC_MODS and c.ent_type_ not in _SOURCE_ENTS:
                specific = True  # "the vote count", "the budget figure"
        elif c.dep_ == "prep":
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if c.lower_ == "of" and objs:
                cue = _cue_slot(objs[0])
                if cue is not None:
                    return cue, lemma
                # "the count of the Directorate" names a source, not what is counted.
                if objs[0].pos_ == "PROPN" or objs[0].ent_type_ in _SOURCE_ENTS:
                    continue
            specific = True  # "the number of votes", "the figure for the budget"
    if specific:
        return None, None
    if lemma == "toll":
        return "killed", lemma
    return None, lemma


def _resolve_topic(found: _Found, sent: Any, previous: str | None) -> str | None:
    """Slot of an unspecified topic figure ('put the figure at 41') from its context.

    The nearest slot word earlier in the sentence wins ('which publishes the official toll,
    put the figure at 41'); then the slot of a topic figure in the two sentences before ('the
    real figure is more than 60' after 'the official count stands at 43'); then, for toll,
    count and tally, the death toll, their unmarked sense in casualty reports.
    """
    for t in reversed(sent):
        if t.idx >= found.start:  # both are offsets in the block
            continue
        if t.lemma_.lower() in _TOPIC_NOUNS:
            slot, _ = _topic_noun_slot(t)
        else:
            slot = _cue_slot(t) if t.pos_ in {"NOUN", "ADJ", "VERB"} else None
        # Only what befell people is a toll's sense ("6,200 seats" names no toll).
        if slot is not None and slot != "seats":
            return slot
    if previous is not None:
        return previous
    return "killed" if found.topic in _DEATH_TOPICS else None


def _subset(doc: Any, sent: Any, start_tok: int) -> bool:
    """Whether the figure starting at ``start_tok`` names part of a group given before."""
    before = [t.lower_ for t in doc[max(sent.start, start_tok - 2) : start_tok]]
    return bool(before) and (
        before[-1] in {"including", "incl.", "notably"} or tuple(before[-2:]) in _SUBSET_CUES
    )


def _apposed_event_slot(doc: Any, sent: Any, start_tok: int, noun: Any) -> str | None:
    """'The arrests announced on Friday - eleven people, ...': the count the event names."""
    if noun.dep_ == "appos":
        slot = _EVENT_NOUNS.get(noun.head.lemma_.lower())
        if slot is not None:
            return slot
    if start_tok <= sent.start or doc[start_tok - 1].text not in {"-", "–", "—", ":", "("}:
        return None
    # The parser often misreads a dash apposition, so read back to the nearest event noun
    # without crossing another number.
    for k in range(start_tok - 2, sent.start - 1, -1):
        t = doc[k]
        if t.like_num:
            break
        if t.pos_ == "NOUN" and t.lemma_.lower() in _EVENT_NOUNS:
            return _EVENT_NOUNS[t.lemma_.lower()]
    return None


def _plural(tok: Any) -> str:
    if tok.tag_ in {"NNS", "NNPS"}:
        return str(tok.lower_)
    lemma = str(tok.lemma_.lower())
    if lemma.endswith(("s", "x", "ch", "sh")):
        return lemma + "es"
    if lemma.endswith("y") and lemma[-2:-1] not in set("aeiou"):
        return lemma[:-1] + "ies"
    return lemma + "s"


def _singular(slot: str) -> str:
    return "century" if slot == "centuries" else slot[:-1]


# --------------------------------------------------------------------------------------------
# Who gives the figure


def _attribution_for(
    span: Span, attributions: Sequence[Attribution]
) -> tuple[str | None, str | None]:
    """Speaker and id of the attribution whose content holds the quantity (the tightest)."""
    best: Attribution | None = None
    for a in attributions:
        if a.content.overlaps(span) and (best is None or len(a.content) < len(best.content)):
            best = a
    if best is None:
        return None, None
    return best.speaker_resolved or best.speaker_text, best.id


def _speaker(anchor: Any, sent: Any, sdoc: Any) -> str | None:
    """The source a sentence gives for a figure: 'according to X' or a speech verb's subject."""
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < sent.end and sdoc[tok.i + 1].lower_ == "to":
            objs = [c for c in sdoc[tok.i + 1].children if c.dep_ == "pobj"]
            lo, hi = sorted((tok.idx, anchor.idx))
            if objs and "\n" not in doc_text(sdoc)[lo:hi]:
                who = _phrase(objs[0], sdoc)
                return None if "\n" in who else who
    x = anchor
    while not (x.dep_ == "ROOT" or x.head.i == x.i):
        if x.dep_ in {"relcl", "acl", "appos"} and x is not anchor:
            return None  # a relative clause or apposition is the writer's aside
        child, x = x, x.head
        # Only a figure inside what was said (its object or complement clause) is the
        # speaker's; "less than an hour after X, Y said" dates the saying instead.
        if (
            x.pos_ == "VERB"
            and x.lemma_.lower() in _SPEECH_VERBS
            and child.dep_ in {"ccomp", "dobj", "xcomp", "parataxis", "conj"}
        ):
            subj = [c for c in x.children if c.dep_ == "nsubj"]
            if not subj:  # passive: "139 deaths were reported by the ministry"
                subj = [
                    g
                    for c in x.children
                    if c.dep_ == "agent"
                    for g in c.children
                    if g.dep_ == "pobj"
                ]
            if not subj or subj[0].lower_ in _PRONOUNS_IMPERSONAL:
                return None
            if subj[0].pos_ == "PRON":
                # Only he/she can be resolved cheaply; "you", "they" name no source.
                return _resolve_pronoun(subj[0], sdoc)
            if subj[0].pos_ not in {"NOUN", "PROPN"}:
                return None
            who = _phrase(subj[0], sdoc)
            # Scraped text glues lines into one "sentence"; a source never spans lines.
            return None if "\n" in who else who
    return None


def _phrase(tok: Any, sdoc: Any) -> str:
    """The noun phrase headed by ``tok``, without a leading article, names given in full."""
    if tok.ent_type_ == "PERSON":
        # A person is named by the name alone, not "Jane Doe, 40," or an apposition.
        return _fullest_name(tok, sdoc) or str(tok.text)
    # Drop appositions and clauses after the head: "the ministry, which ..." -> "the ministry".
    cut = {t.i for c in tok.rights if c.dep_ in {"appos", "relcl", "acl", "punct"}
           for t in c.subtree}  # fmt: skip
    toks = [t for t in tok.subtree if t.i not in cut]
    while toks and toks[0].lower_ in {"the", "a", "an"}:
        toks = toks[1:]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    if not toks:
        return str(tok.text)
    return str(sdoc[toks[0].i : toks[-1].i + 1].text)


def _fullest_name(tok: Any, sdoc: Any) -> str | None:
    """The longest PERSON name in the block that ends with this surname ('Putin')."""
    best: str | None = None
    for ent in sdoc.ents:
        if ent.label_ == "PERSON" and ent[-1].lower_ == tok.lower_:
            name = str(ent.text)
            if name.endswith(("'s", "’s")):
                name = name[:-2]
            if best is None or len(name) > len(best):
                best = name
    return best


def _resolve_pronoun(tok: Any, sdoc: Any) -> str | None:
    """'He said ...': the nearest PERSON named before, in full. A cheap stand-in for coref,
    used only when no attribution layer is available."""
    if tok.lower_ not in {"he", "she"}:
        return None
    before = [e for e in sdoc.ents if e.label_ == "PERSON" and e.end <= tok.i]
    if not before:
        return None
    name = before[-1]
    return _fullest_name(name[-1], sdoc) or str(name.text)
