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

How it is laid out: :mod:`.numbers` finds a figure's tokens, value and qualifier and skips
dates, clock times and ranks; :mod:`.figure` holds the figure being read and what is found;
:mod:`.readings` decides what the figure is (age, money, percentage, duration, a count of a
noun, a figure alone); :mod:`.slots` says what a count counts; :mod:`.sources` who gives it.
The word lists and tables are lexicon files (``lexicon/en/quantity_*``, ``number_words``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc
from spacy.tokens import Span as TokenSpan

from rashomon.model import Attribution, Quantity, Span, content_id
from rashomon.nlp.pipelines import doc_text

from .figure import Found
from .numbers import interval, parse_number
from .readings import sentence_quantities
from .slots import resolve_topic
from .sources import attribution_for, speaker

__all__ = ["extract_quantities", "interval", "parse_number"]


@dataclass(slots=True)
class _LastTopic:
    """The slot of the last topic figure in a block ("the official count stands at 43") and
    the index of its sentence: "the real figure is more than 60" in the next sentence counts
    the same."""

    slot: str | None = None
    sentence: int = -1


def _slotted(sent: TokenSpan, n_sent: int, last: _LastTopic) -> Iterator[tuple[Found, str | None]]:
    """Each figure of a sentence with its slot, filled from context where it has none."""
    previous: Found | None = None
    for found in sentence_quantities(sent):
        slot = found.slot
        if slot is None and found.bare and found.topic is None and previous is not None:
            # Ellipsis ("11 people were detained, four heading ..."): a bare number
            # counts what the previous figure's noun counted.
            slot = previous.noun_slot
        if found.topic is not None:
            if slot is None:
                recent = last.slot if n_sent - last.sentence <= 2 else None
                slot = resolve_topic(found, sent, recent)
            if slot is not None:
                # A forecast's topic is still the toll: "the figure" after it counts.
                last.slot, last.sentence = slot.removesuffix("_forecast"), n_sent
        yield found, slot
        previous = found


def extract_quantities(
    blocks: Iterable[tuple[int, Doc]],
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
        last = _LastTopic()
        for n_sent, sent in enumerate(sdoc.sents):
            for found, slot in _slotted(sent, n_sent, last):
                start, end = offset + found.start, offset + found.end
                span = Span(start, end)
                who, attribution_id = attribution_for(span, attributions)
                if who is None and attribution_id is None:
                    who = speaker(found.anchor, sent, sdoc)
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
