"""A figure being read (its tokens, value and qualifier) and what was found for it."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from .numbers import interval, parse_number, qualifier, skip
from .vocabulary import SCALES, VAGUE


@dataclass(frozen=True, slots=True)
class Found:
    """A quantity before it is turned into a :class:`~rashomon.model.Quantity` (block offsets).

    Attributes:
        start: start of the surface span, in characters of the block.
        end: its end (exclusive).
        slot: what the figure counts (``killed``, ``people``, ``money``...), None if unknown.
        value: the figure (the least a vague plural implies).
        low: the interval's lower bound (None: unbounded).
        high: its upper bound (None: unbounded).
        qualifier: the words that qualify it (``at least``, ``dozens of``).
        unit: a unit (``USD``, ``%``, ``year``).
        anchor: the token whose ancestors locate the governing verb (the noun or the number).
        noun_slot: the slot the counted noun alone gives (for ellipsis).
        bare: no counted noun: "and 182 injured", "four heading towards Ukraine".
        topic: the topic noun whose value the figure is ("the official count stands at 43");
            with ``slot`` None the slot is still to be taken from the context.
    """

    start: int
    end: int
    slot: str | None
    value: float
    low: float | None
    high: float | None
    qualifier: str | None
    unit: str | None
    anchor: Token
    noun_slot: str | None
    bare: bool = False
    topic: str | None = None


@dataclass(frozen=True, slots=True)
class Figure:
    """The tokens of a figure with its value and qualifier, before what it counts is known.

    Attributes:
        doc: the parsed block.
        sent: the sentence.
        toks: the number's own tokens.
        start: first token of the surface span (a qualifier or "a" of "a dozen" included).
        end: the token after it ("of" of "dozens of" included).
        value: the figure.
        low: the interval's lower bound.
        high: its upper bound.
        qualifier: the qualifying words, lower-cased.
    """

    doc: Doc
    sent: TokenSpan
    toks: tuple[Token, ...]
    start: int
    end: int
    value: float
    low: float | None
    high: float | None
    qualifier: str | None

    @property
    def first(self) -> Token:
        """The number's first token."""
        return self.toks[0]

    @property
    def last(self) -> Token:
        """The number's last token."""
        return self.toks[-1]

    def found(
        self,
        slot: str | None,
        *,
        start: int | None = None,
        end: int | None = None,
        unit: str | None = None,
        anchor: Token | None = None,
        noun_slot: str | None = None,
        bare: bool = False,
        topic: str | None = None,
    ) -> Found:
        """What was found: this figure over tokens ``[start, end)`` (its own by default)."""
        span = self.doc[self.start if start is None else start : self.end if end is None else end]
        return Found(
            start=span.start_char, end=span.end_char, slot=slot, value=self.value, low=self.low,
            high=self.high, qualifier=self.qualifier, unit=unit,
            anchor=self.last if anchor is None else anchor, noun_slot=noun_slot, bare=bare,
            topic=topic,
        )  # fmt: skip


def _vague(doc: Doc, sent: TokenSpan, i: int, j: int) -> Figure:
    """``dozens of``, ``tens of thousands of``: the word's interval, the words as qualifier."""
    low_v, high_v = VAGUE[doc[i].lower_]
    k = j
    if k + 1 < sent.end and doc[k].lower_ == "of" and doc[k + 1].lower_ in VAGUE:
        mult = SCALES.get(doc[k + 1].lower_[:-1], 1)
        low_v, high_v = low_v * mult, (high_v + 1) * mult - 1
        k += 2
    end = k
    words = doc[i:end].text.lower()
    if k < sent.end and doc[k].lower_ == "of":
        words = doc[i : k + 1].text.lower()
        end = k + 1
    return Figure(doc, sent, tuple(doc[i:j]), i, end, low_v, low_v, high_v, words)


def _exact(doc: Doc, sent: TokenSpan, i: int, j: int) -> Figure | None:
    """``at least 137``, ``a dozen``, ``1.5 million``: the value and its qualifier interval."""
    toks = tuple(doc[i:j])
    start = i
    if (
        i > sent.start
        and doc[i - 1].lower_ in {"a", "an"}
        and toks[0].lower_ in {"dozen", "hundred", "thousand", "million", "billion"}
    ):
        start = i - 1
    value = parse_number([t.text for t in toks])
    if value is None:
        return None
    words, kind, qstart = qualifier(doc, sent, start, toks)
    if words is not None:
        start = qstart
    low, high = interval(value, kind)
    return Figure(doc, sent, toks, start, j, value, low, high, words)


def read_figure(doc: Doc, sent: TokenSpan, i: int, j: int) -> Figure | None:
    """The figure the number tokens ``doc[i:j]`` make, or None when they are no count."""
    if skip(doc, sent, i, j):
        return None
    if doc[i].lower_ in VAGUE:
        return _vague(doc, sent, i, j)
    return _exact(doc, sent, i, j)
