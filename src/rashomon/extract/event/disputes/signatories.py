"""Signatories: the people a joint statement is said, after it, to have come from.

News reports a joint statement under its group ("five Missouri Republican senators urged him
to step aside. 'The right decision is to step aside,' they said.") and only then names who
issued it ("The statement came from Sen. Roy Blunt and former Sens. John Ashcroft, Kit Bond,
John Danforth and Jim Talent"). Each of them holds what the group said. The phrases that
introduce the names are ``lexicon/en/signatory_cues.txt``, after a document noun
(``lexicon/en/document_nouns.toml``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache

from rashomon.lexicon import entries, phrase_alternation, table

__all__ = ["signatories"]

# How far after the group's statement the naming sentence may stand (characters): the next
# sentences, not the rest of the story.
REACH = 800
# How far after the cue the names may run.
_NAMES = 300


@cache
def _naming() -> re.Pattern[str]:
    nouns = sorted({w for group in table("document_nouns").values() for w in group})
    return re.compile(rf"\b(?:the|that|this|their)\s+{phrase_alternation(nouns)}s?\s+"
                      rf"{phrase_alternation(entries('signatory_cues'))}\s+", re.I)


def signatories(text: str, after: int, people_in: Callable[[int, int], Sequence[str]]) -> list[str]:
    """The people the first naming sentence after ``after`` says a statement came from.

    Args:
        text: the article text.
        after: where the group's statement ends.
        people_in: the people named between two offsets, in text order.

    Returns:
        Two or more names, or nothing when no sentence within reach names them.
    """
    m = _naming().search(text, after, min(len(text), after + REACH))
    if m is None:
        return []
    stop = text.find("\n", m.end())
    end = min(stop if stop >= 0 else len(text), m.end() + _NAMES)
    names = list(dict.fromkeys(people_in(m.end(), end)))
    return names if len(names) >= 2 else []
