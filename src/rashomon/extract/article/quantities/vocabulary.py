"""The quantity extractor's word lists and tables, read from ``lexicon/en``.

Hand-written lists rather than a package: no maintained, pinned package covers English number
words with spaCy tokens (word2number / text2num are not in the lock and parse strings, not
tokens); the grammar needed here is a few dozen words.
"""

from __future__ import annotations

import re

from rashomon.lexicon import entries, table, words

_NUMBER_WORDS = table("number_words")
_QUALIFIERS = table("quantity_qualifiers")
_SLOTS = table("quantity_slots")
_TOPICS = table("quantity_topics")
_UNITS = table("quantity_units")
_SOURCES = table("quantity_sources")

# Numbers
CARDINALS: dict[str, int] = dict(_NUMBER_WORDS["cardinals"])  # "seventy" -> 70, "dozen" -> 12
SCALES: dict[str, int] = dict(_NUMBER_WORDS["scales"])  # "million" -> 1e6, "bn" -> 1e9
# Vague plurals: (least value implied, largest value before the next word would be used).
VAGUE: dict[str, tuple[float, float]] = {
    w: (float(lo), float(hi)) for w, (lo, hi) in table("quantity_vague").items()
}

# Qualifiers: phrase -> interval kind. Single ambiguous words (over, under, about, some...) are
# only taken when the parser attaches them to the number.
QUALIFIERS: dict[str, str] = dict(_QUALIFIERS["phrases"])
AMBIGUOUS_QUALIFIERS = frozenset(_QUALIFIERS["ambiguous"])
MAX_QUALIFIER_WORDS = max(len(p.split()) for p in QUALIFIERS)

# Slots
NOUN_SLOTS: dict[str, str] = dict(_SLOTS["nouns"])
VERB_SLOTS: dict[str, str] = dict(_SLOTS["verbs"])
THING_VERB_SLOTS = {k: v for k, v in VERB_SLOTS.items() if k not in _SLOTS["people_only_verbs"]}
AGENT_VERBS = frozenset(_SLOTS["agent_verbs"])
STATE_WORDS: dict[str, str] = dict(_SLOTS["states"])
COPULAS = frozenset(_SLOTS["copulas"])
STATE_VERBS = frozenset(_SLOTS["state_verbs"])
EVENT_NOUNS: dict[str, str] = dict(_SLOTS["events"])
PEOPLE_NOUNS = words("quantity_people_nouns")
ROLE_NOUNS = words("quantity_role_nouns")

# Topics
TOPIC_NOUNS = frozenset(_TOPICS["topic_nouns"])
DEATH_TOPICS = frozenset(_TOPICS["death_topics"])
FORECAST_MODALS = frozenset(_TOPICS["forecast_modals"])
TOPIC_PREPS = frozenset(_TOPICS["prepositions"])
TOPIC_GENERIC_MODS = frozenset(_TOPICS["generic_modifiers"])
SUBSET_CUES = frozenset(tuple(pair) for pair in _TOPICS["subset_cues"])

# Units
DURATION_UNITS: dict[str, str] = dict(_UNITS["durations"])  # "hrs" -> "hours"
CURRENCIES: dict[str, str] = dict(_UNITS["currencies"])  # "£" -> "GBP"
PERCENT_WORDS = frozenset(_UNITS["percent"])

# Numbers that are no count: ranks, dates
RANK_CUES = frozenset(table("quantity_rank_cues")["cues"])
DATE_WORDS = frozenset(
    [name for name, row in table("months").items() for name in (name, *row["abbreviations"])]
    + list(entries("weekdays"))
)

# Sources
SPEECH_VERBS = frozenset(_SOURCES["speech_verbs"])
IMPERSONAL_SUBJECTS = frozenset(_SOURCES["impersonal_subjects"])

# spaCy entity labels: a number inside one of these names something (a law, an ordinal...)...
SKIP_ENTS = frozenset({"PERSON", "ORG", "GPE", "FAC", "PRODUCT", "LAW", "EVENT", "WORK_OF_ART",
                       "LANGUAGE", "NORP", "ORDINAL"})  # fmt: skip
# ... and these name who gives a figure ("the count of the Directorate"), not what it counts.
SOURCE_ENTS = frozenset({"ORG", "GPE", "NORP", "PERSON"})

ORDINAL_RE = re.compile(r"^\d+(st|nd|rd|th)$", re.IGNORECASE)
DIGITS_RE = re.compile(r"^\d[\d,]*(\.\d+)?$")
YEAR_RE = re.compile(r"^(1[89]|20)\d\d$")
