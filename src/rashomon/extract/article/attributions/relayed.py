"""The outlets an attribution is relayed through: named in its source phrase, its sentence or
its paragraph, and ``according to <outlet>, X said`` folded into X's attribution."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from rashomon.extract.article.attributions.according import clean_outlet
from rashomon.extract.article.attributions.found import Found
from rashomon.extract.article.attributions.people import PersonIndex
from rashomon.extract.article.attributions.vocab import OUTLET_NAME
from rashomon.model import Attribution, Span

__all__ = ["fold_relays", "outlet_in", "para_of", "paragraph_starts", "relay_for"]


def fold_relays(items: list[Attribution], people: PersonIndex) -> list[Attribution]:
    """Drop ``according to <outlet>, X said Y`` and ``X said Y, according to <document>``.

    The outlet or transcript is the channel X's words came by, not their speaker; the inner
    attribution keeps an outlet as ``relayed_from``. A leading ``according to her account``
    stays: there the account is the attribution and the clause inside only narrates.
    """
    drop: set[int] = set()
    out = list(items)
    persons = {p.name for p in people.persons}
    for i, a in enumerate(out):
        if a.kind != "according-to" or a.anonymous or a.speaker_resolved in persons:
            continue
        for j, b in enumerate(out):
            if (
                j != i
                and b.cue is not None
                and b.speaker is not None
                and b.speaker_resolved in persons
                and a.content.contains(b.cue)
                and a.content.contains(b.speaker)
                and (a.relayed_from is not None or (a.cue is not None and a.cue.start > b.cue.end))
            ):
                drop.add(i)
                if b.relayed_from is None:
                    out[j] = replace(b, relayed_from=a.relayed_from)
    return [a for i, a in enumerate(out) if i not in drop]


def paragraph_starts(text: str) -> list[int]:
    starts = [0]
    for m in re.finditer(r"\n", text):
        if text[m.end() : m.end() + 1].strip():
            starts.append(m.end())
    return starts


def para_of(starts: Sequence[int], pos: int) -> int:
    best = 0
    for s in starts:
        if s > pos:
            break
        best = s
    return best


def outlet_in(
    span: Span, text: str, people: PersonIndex, relays: Sequence[tuple[str, Span]]
) -> str | None:
    """The outlet named inside a source phrase, if any."""
    phrase = text[span.start : span.end]
    for outlet, rspan in relays:
        if rspan.overlaps(span) or outlet.lower() in phrase.lower():
            return outlet
    for m in people.mentions:
        if m.label in ("ORG", "PERSON", "GPE", "WORK_OF_ART", "NORP") and span.contains(m.span):
            name = text[m.span.start : m.span.end]
            if OUTLET_NAME.search(name):
                return clean_outlet(name)
    m2 = re.search(r"\b(?:at|from|of)\s+((?:the\s+)?[A-Z][\w.&'’ -]*)$", phrase)
    if m2 and OUTLET_NAME.search(m2.group(1)):
        return clean_outlet(m2.group(1))
    return None


def relay_for(
    f: Found, text: str, relays: Sequence[tuple[str, Span]], paragraphs: Sequence[int]
) -> str | None:
    """An outlet the attribution's sentence or paragraph says it is relayed from."""
    para = para_of(paragraphs, f.span.start)
    idx = list(paragraphs).index(para)
    para_end = paragraphs[idx + 1] if idx + 1 < len(paragraphs) else len(text)
    for outlet, rspan in relays:
        if para <= rspan.start < para_end:
            return outlet
    # "..., according to US officials. by the Washington Post." (a trailing credit)
    tail = text[f.span.end : min(para_end, f.span.end + 60)]
    m = re.match(r"^[\s.,;]*(?:by|via|per)\s+((?:the\s+)?[A-Z][\w.&'’ ]+)", tail)
    if m and OUTLET_NAME.search(m.group(1)):
        return clean_outlet(m.group(1).rstrip(". "))
    return None

