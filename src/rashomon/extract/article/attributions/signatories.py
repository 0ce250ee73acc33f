"""Signatories: a joint statement's speakers, named after it.

News reports a joint statement under its group ("five Missouri Republican senators urged him
to step aside. 'The right decision is to step aside,' they said.") and only then names who
issued it ("The statement came from Sen. Roy Blunt and former Sens. John Ashcroft, Kit Bond,
John Danforth and Jim Talent"). The group's attributions just before such a sentence are the
named people's, in one speaker: ``Roy Blunt, John Ashcroft, Kit Bond, John Danforth and Jim
Talent``. The phrases that introduce the names are ``lexicon/en/signatory_cues.txt``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from rashomon.extract.article.attributions.people import PersonIndex
from rashomon.lexicon import entries, phrase_alternation, table
from rashomon.model import Attribution

__all__ = ["name_signatories"]

# How far before the naming sentence the group's statement may stand (characters): the
# paragraph before it, not the story's first mention of a group.
_REACH = 800
# How far after the cue the names may run.
_NAMES = 300


@cache
def _naming() -> re.Pattern[str]:
    nouns = sorted({w for group in table("document_nouns").values() for w in group})
    return re.compile(rf"\b(?:the|that|this|their)\s+{phrase_alternation(nouns)}s?\s+"
                      rf"{phrase_alternation(entries('signatory_cues'))}\s+", re.I)


def name_signatories(attributions: Sequence[Attribution], text: str,
                     people: PersonIndex) -> list[Attribution]:
    """The attributions with a group speaker named after its statement by its people.

    Args:
        attributions: an article's attributions, resolved.
        text: the article text.
        people: its named mentions.

    Returns:
        The attributions, those of a group whose statement a later sentence says came from two
        or more named people spoken by those people.
    """
    out = list(attributions)
    for m in _naming().finditer(text):
        stop = text.find("\n", m.end())
        end = min(stop if stop >= 0 else len(text), m.end() + _NAMES)
        names = list(dict.fromkeys(p.name for p in people.persons
                                   if m.end() <= p.span.start < end))
        group = [i for i, a in enumerate(out) if a.speaker_kind == "group"
                 and a.speaker_resolved and 0 <= m.start() - a.span.end < _REACH]
        if len(names) < 2 or not group:
            continue
        who = out[group[-1]].speaker_resolved
        joined = f"{', '.join(names[:-1])} and {names[-1]}"
        for i in group:
            if out[i].speaker_resolved == who:
                out[i] = replace(out[i], speaker_resolved=joined)
    return out
