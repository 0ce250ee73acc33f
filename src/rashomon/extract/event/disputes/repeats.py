"""Repeats: two disputes that ask one question with the same camps are one dispute.

Seeds about one statement can grow into two disputes when the statements around them differ a
little (one outlet's wording of the answer, another's). When both ask the same question and
their sides name the same holders -- each side of one shares a holder with one side of the
other and none with the opposite side -- the repeat is folded into the better-ranked one, which
keeps its holders and evidence and takes each side's fuller position and the question that says
what it is about.
Disputes whose camps do not line up stay apart: two quarrels may ask one thing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from rashomon.extract.event.disputes.holders import holder_key
from rashomon.model import Dispute, Side

__all__ = ["merge_repeats", "question_key"]

_ABOUT = re.compile(r"^On [^:?]{1,120}:\s+")


def question_key(question: str) -> str:
    """The question without its ``On X:`` lead, lower-cased: ``On Obama: was he late?`` and
    ``Was he late?`` ask one thing."""
    return " ".join(_ABOUT.sub("", question).lower().split())


def _keys(side: Side) -> set[str]:
    return {holder_key(h) for h in side.holders}


def _pairing(a: Dispute, b: Dispute) -> tuple[int, int] | None:
    # Which side of ``a`` each side of ``b`` is: (a's side for b's side 0, for b's side 1).
    if len(a.sides) != 2 or len(b.sides) != 2:
        return None
    ka = [_keys(s) for s in a.sides]
    kb = [_keys(s) for s in b.sides]
    for first, second in ((0, 1), (1, 0)):
        if (ka[first] & kb[0] and ka[second] & kb[1]
                and not ka[second] & kb[0] and not ka[first] & kb[1]):
            return first, second
    return None


def _fold(a: Dispute, b: Dispute, pairing: tuple[int, int]) -> Dispute:
    # The repeat's holders stay out: a second grouping of the same seeds drags in statements
    # the first left aside for good reason. What it gives is wording: each side's fuller
    # position, and the question that says what it is about ("On Obama and Romney: ...").
    sides = list(a.sides)
    for k, at in enumerate(pairing):
        if len(b.sides[k].position.split()) > len(sides[at].position.split()):
            sides[at] = replace(sides[at], position=b.sides[k].position)
    question = b.question if len(b.question) > len(a.question) else a.question
    return replace(a, question=question, sides=tuple(sides))


def merge_repeats(disputes: Sequence[Dispute]) -> list[Dispute]:
    """Fold the disputes that ask one question with the same camps into the first, best one.

    Args:
        disputes: the event's disputes, best first.

    Returns:
        The disputes, each repeat folded into the first dispute it repeats.
    """
    out: list[Dispute] = []
    for d in disputes:
        for i, kept in enumerate(out):
            if question_key(kept.question) != question_key(d.question):
                continue
            pairing = _pairing(kept, d)
            if pairing is not None:
                out[i] = _fold(kept, d, pairing)
                break
        else:
            out.append(d)
    return out
