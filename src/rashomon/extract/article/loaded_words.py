"""Loaded words: one list (lexicon ``loaded_words``) and one matcher, shared by hedges (kind
``loaded``) and framing.

Each entry is a lemma or a phrase; the matcher adds regular English inflections to its last
word (plural and third person ``-s``/``-es``/``-ies``, past ``-ed``/``-d``, ``-ing``), so the
list stays one word per line. A hyphen in an entry also matches a space or nothing
(*cover-up*, *cover up*, *coverup*). Phrases of ``loaded_words_neutral`` (*tax regime*,
*regime change*) give a loaded word its neutral, technical sense: it is not matched there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from rashomon.lexicon import entries

__all__ = ["LOADED_PATTERN", "LOADED_WORDS", "find_loaded", "inflected"]

LOADED_WORDS: tuple[str, ...] = entries("loaded_words")
"""Emotive or evaluative words whose use in an outlet's own voice frames the story."""

_VOWELS = "aeiou"
# Adjectives and adverbs take no inflection ("shameful", "cynically", "callous").
_UNINFLECTED = ("ly", "ful", "ous", "ic", "less", "al", "ed")


def _ending(word: str) -> str:
    """The regex for a lemma's last word with its regular inflections."""
    w = word.lower()
    if w.endswith(_UNINFLECTED):
        return re.escape(w)
    if w.endswith("y") and len(w) > 1 and w[-2] not in _VOWELS:
        return re.escape(w[:-1]) + "(?:y|ies)"  # atrocity, atrocities
    if w.endswith("e"):
        return re.escape(w[:-1]) + "(?:e|es|ed|ing)"  # massacre, massacred, massacring
    if w.endswith(("s", "sh", "ch", "x", "z")):
        return re.escape(w) + "(?:es|ed|ing)?"  # whitewash, whitewashes
    return re.escape(w) + "(?:s|ed|ing)?"  # regime(s), slaughter(ed)


def inflected(entry: str) -> str:
    """One entry as a regex: inner spaces match any whitespace, a hyphen also matches a space
    or nothing, and the last word takes its regular inflections."""
    parts = entry.split()
    head = [re.escape(p) for p in parts[:-1]]
    last_parts = parts[-1].split("-")
    last = "[-\\s]?".join([*(re.escape(p) for p in last_parts[:-1]), _ending(last_parts[-1])])
    return r"\s+".join([*(h.replace(r"\-", "[-\\s]?") for h in head), last])


def _compile(items: Iterable[str]) -> re.Pattern[str]:
    alternatives = sorted({inflected(e) for e in items}, key=lambda s: (-len(s), s))
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.IGNORECASE)


LOADED_PATTERN = _compile(LOADED_WORDS)
_NEUTRAL = _compile(entries("loaded_words_neutral"))


def find_loaded(text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
    """Loaded words in ``text[start:end]``, in text order, leaving out neutral phrases.

    Args:
        text: the text to search (match offsets are into it).
        start: where to start.
        end: where to stop (the end of ``text`` by default).

    Returns:
        The matches, whole words only, case-insensitive.
    """
    stop = len(text) if end is None else end
    # A neutral phrase may start a few words before the loaded word ("sanctions regime").
    neutral = [(m.start(), m.end()) for m in _NEUTRAL.finditer(text, start, stop)]
    for m in LOADED_PATTERN.finditer(text, start, stop):
        if not any(s < m.end() and m.start() < e for s, e in neutral):
            yield m
