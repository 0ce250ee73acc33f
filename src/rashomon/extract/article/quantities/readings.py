"""What a figure is: an age, a sum of money, a percentage, a duration, or a count of something.

:func:`sentence_quantities` reads every figure of a sentence; :func:`analyse` tries the
readings of one figure in order (a hyphenated compound, an age, money or a percentage, a
counted noun, a figure standing alone).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from .figure import Figure, Found, read_figure
from .numbers import is_number_word, number_end
from .slots import (
    apposed_event_slot,
    counted_noun,
    is_role,
    plural,
    singular,
    subset,
    topic_slot,
    verb_slot,
)
from .vocabulary import CURRENCIES, DURATION_UNITS, NOUN_SLOTS, PEOPLE_NOUNS, PERCENT_WORDS


def _compound(fig: Figure) -> Found | None:
    """Hyphenated compounds: "6,200-seat", "15-year-old", "48-hour"."""
    doc, sent, after = fig.doc, fig.sent, fig.end
    if not (
        after + 1 < sent.end
        and doc[after].text == "-"
        and doc[after + 1].is_alpha
        and not doc[after + 1].is_stop  # "$12-an-hour" is a rate, not a unit "an"
    ):
        return None
    word = doc[after + 1]
    wl = word.lemma_.lower()
    if (
        wl in {"year", "month", "week"}
        and after + 3 < sent.end
        and doc[after + 2].text == "-"
        and doc[after + 3].lower_ == "old"
    ):
        return fig.found("age", end=after + 4, unit="year" if wl == "year" else wl, anchor=word)
    if wl in DURATION_UNITS:
        slot = DURATION_UNITS[wl]
        return fig.found(slot, end=after + 2, unit=singular(slot), anchor=word.head)
    slot = NOUN_SLOTS.get(wl) or plural(word)
    anchor = word.head if word.dep_ == "compound" else word
    return fig.found(slot, end=after + 2, anchor=anchor, noun_slot=slot)


def _age(fig: Figure) -> Found | None:
    """Ages: "aged 20", "age 20", "20 years old", "Jane Doe, 40, said", "who is 70"."""
    doc, sent, start, after = fig.doc, fig.sent, fig.start, fig.end
    prev = doc[start - 1] if start > sent.start else None
    prev2 = doc[start - 2] if start - 1 > sent.start else None
    closes = after >= sent.end or doc[after].is_punct
    apposed_age = (
        prev is not None
        and prev2 is not None
        and fig.qualifier is None
        and fig.value < 120
        and closes
        and (
            (prev.text == "," and prev2.ent_type_ == "PERSON")
            or (prev.lemma_ == "be" and prev2.lower_ in {"who", "he", "she"})
        )
    )
    if apposed_age or (prev is not None and prev.lower_ in {"aged", "age", "ages"}):
        return fig.found("age", unit="year")
    if (after + 1 < sent.end and doc[after].lemma_.lower() == "year"
            and doc[after + 1].lower_ == "old"):  # fmt: skip
        return fig.found("age", end=after + 2, unit="year")
    return None


def currency(
    doc: Doc, sent: TokenSpan, start_tok: int, end_tok: int
) -> tuple[str, int, int] | None:
    """Currency code and token range when the number is a sum of money."""
    if start_tok > sent.start and doc[start_tok - 1].lower_ in CURRENCIES:
        return CURRENCIES[doc[start_tok - 1].lower_], start_tok - 1, end_tok
    if end_tok < sent.end and doc[end_tok].lower_ in CURRENCIES:
        return CURRENCIES[doc[end_tok].lower_], start_tok, end_tok + 1
    # "$5m" style: the currency sign can be glued inside the number's entity.
    if doc[start_tok].ent_type_ == "MONEY":
        for t in doc[max(sent.start, start_tok - 2) : min(sent.end, end_tok + 2)]:
            if t.lower_ in CURRENCIES and t.ent_type_ == "MONEY":
                return CURRENCIES[t.lower_], min(start_tok, t.i), max(end_tok, t.i + 1)
        return "money", start_tok, end_tok
    return None


def _money_or_percent(fig: Figure) -> Found | None:
    """Money and percentages carry their own units: "$5m", "€40", "12 percent", "3 per cent"."""
    doc, sent, after = fig.doc, fig.sent, fig.end
    money = currency(doc, sent, fig.start, fig.end)
    if money is not None:
        unit, mstart, mend = money
        return fig.found("money", start=min(fig.start, mstart), end=max(fig.end, mend), unit=unit)
    if after < sent.end and doc[after].lower_ in PERCENT_WORDS:
        return fig.found("percent", end=after + 1, unit="%")
    if after + 1 < sent.end and doc[after].lower_ == "per" and doc[after + 1].lower_ == "cent":
        return fig.found("percent", end=after + 2, unit="%")
    return None


def _bare(fig: Figure) -> Found | None:
    """A figure that counts no noun: "and 182 injured", "2 min", "the toll rose to 93"."""
    doc, sent, after = fig.doc, fig.sent, fig.end
    if fig.first.lower_ == "one" and len(fig.toks) == 1:
        return None  # bare "one" is nearly always a pronoun ("one of the attackers")
    if after < sent.end and doc[after].lower_ in DURATION_UNITS:
        # "2 min": an abbreviated unit the parser does not attach to the number.
        unit_slot = DURATION_UNITS[doc[after].lower_]
        return fig.found(unit_slot, end=after + 1, unit=singular(unit_slot), anchor=doc[after])
    slot = verb_slot(doc, sent, fig.last, fig.end)
    topic = None
    if slot is None:
        slot, topic = topic_slot(fig.last)
    if slot is None and topic is None and fig.first.ent_type_ == "DATE" and fig.value >= 1000:
        return None  # a bare year-like number spaCy saw as a date
    return fig.found(slot, bare=True, topic=topic)


def _in_subset(fig: Figure, noun: Token) -> bool:
    """"eleven people ..., among them four senior managers": a part of a figure given before
    is not a rival figure for the same slot; "among them four managers and two inspectors":
    the whole list is the subset."""
    doc, sent = fig.doc, fig.sent
    part = subset(doc, sent, fig.start)
    first_conjunct = noun
    while not part and first_conjunct.dep_ == "conj":
        first_conjunct = first_conjunct.head
        nums = [c.i for c in first_conjunct.children if c.dep_ == "nummod"]
        part = any(
            c.dep_ == "prep" and c.lower_ in {"among", "including"} and c.i < noun.i
            for c in first_conjunct.children
        ) or (bool(nums) and subset(doc, sent, min(nums)))
    return part


def _people_slot(fig: Figure, noun: Token) -> tuple[str, str]:
    """``(slot, noun slot)`` of a count whose noun names no slot itself: what befell them (a
    verb slot) wins over the noun ("killed 300 villagers"); the noun lists only decide
    "people" and whether ambiguous verbs apply."""
    generic = noun.lemma_.lower() in PEOPLE_NOUNS or noun.lower_ in PEOPLE_NOUNS
    person = generic or is_role(noun)
    noun_slot = "people" if generic else plural(noun)
    part = _in_subset(fig, noun)
    # Its own participle still counts: "including the 219 girls kidnapped ...".
    slot = verb_slot(fig.doc, fig.sent, noun, noun.i + 1, person=person, governed=not part)
    if slot is None and not part:
        topic_slot_, topic = topic_slot(noun)
        # A topic names what a count of people counts ("the toll rose to 93 people"),
        # never what a count of things is ("the total rose to 5 plants").
        if topic_slot_ is not None and (generic or topic == "toll"):
            slot = topic_slot_
    if slot is None and generic:
        slot = apposed_event_slot(fig.doc, fig.sent, fig.start, noun)
    return slot or noun_slot, noun_slot


def _counted(fig: Figure, noun: Token) -> Found:
    """A figure with the noun it counts: "139 deaths", "two hours", "300 villagers"."""
    doc, end = fig.doc, fig.end
    nl = noun.lemma_.lower()
    if noun.i >= end and all(
        t.dep_ in {"compound", "amod", "nmod", "punct"} or t.i == noun.i
        for t in doc[end : noun.i + 1]
    ):
        end = noun.i + 1  # the counted noun is adjacent: include it in the span
    if nl in DURATION_UNITS or noun.lower_ in DURATION_UNITS:
        slot = DURATION_UNITS.get(nl) or DURATION_UNITS[noun.lower_]
        return fig.found(slot, end=end, unit=singular(slot), anchor=noun)
    noun_slot = NOUN_SLOTS.get(nl) or NOUN_SLOTS.get(noun.lower_)
    if noun_slot is not None:
        return fig.found(noun_slot, end=end, anchor=noun, noun_slot=noun_slot)
    slot, noun_slot = _people_slot(fig, noun)
    return fig.found(slot, end=end, anchor=noun, noun_slot=noun_slot)


def analyse(doc: Doc, sent: TokenSpan, i: int, j: int) -> Found | None:
    """Turn the number tokens ``doc[i:j]`` into a found quantity, or None to skip them."""
    fig = read_figure(doc, sent, i, j)
    if fig is None:
        return None
    for reading in (_compound, _age, _money_or_percent):
        found = reading(fig)
        if found is not None:
            return found
    noun = counted_noun(doc, sent, fig.last, fig.end, fig.value, fig.start)
    return _bare(fig) if noun is None else _counted(fig, noun)


def sentence_quantities(sent: TokenSpan) -> Iterator[Found]:
    """Every figure of ``sent`` that counts something, left to right."""
    doc = sent.doc
    i = sent.start
    while i < sent.end:
        if not is_number_word(doc[i]):
            i += 1
            continue
        j = number_end(doc, sent, i)
        found = analyse(doc, sent, i, j)
        if found is not None:
            yield found
            # Skip what the span swallowed ("tens of thousands of people").
            while j < sent.end and doc[j].idx < found.end:
                j += 1
        i = j
