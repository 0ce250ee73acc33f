"""The word lists attribution rules read, loaded once from ``rashomon/lexicon/en``.

Kept as data (one entry a line) so that a linguist can extend a list without reading Python;
each name below says which file it comes from.
"""

from __future__ import annotations

import re

from rashomon.extract.article.outlets import descriptor_words, outlet_name_pattern
from rashomon.lexicon import table, words

__all__ = [
    "ANONYMOUS_HEADS",
    "CLAUSE_ONLY",
    "CUE_NOUNS",
    "CUE_PREPS",
    "CUE_VERBS",
    "FILLERS",
    "IN_SOURCES",
    "IDIOMS",
    "IN_STANCES",
    "MEDIUM_NOUNS",
    "NOT_SPEAKERS",
    "OUTLET_NAME",
    "OUTLET_NOUNS",
    "PAIRING_VERBS",
    "PHRASAL",
    "PRONOUNS_PERSON",
    "RECIPIENT_VERBS",
    "REPLY_NOUNS",
    "ROLE_SYNONYMS",
    "ROLE_WORDS",
]

# Cue verbs that only attribute when they take a clause (not a bare object): "show", "see"...
CLAUSE_ONLY: frozenset[str] = words("cue_verbs_clause_only")
# Verbs whose direct object is the listener, not what was said ("told reporters").
RECIPIENT_VERBS: frozenset[str] = words("cue_recipient_verbs")
# Verbs that set their object beside another ("likened X to Y"): both belong to the content.
PAIRING_VERBS: frozenset[str] = words("cue_verbs_pairing")
# Speech, cognition and reporting verbs (lemmas) that introduce an attribution: each list is
# written once, so the three kinds above are cue verbs too.
CUE_VERBS: frozenset[str] = words("cue_verbs") | CLAUSE_ONLY | RECIPIENT_VERBS | PAIRING_VERBS
# Cognition verbs used as discourse fillers ("you know", "you see", ", I think,").
FILLERS: frozenset[str] = words("cue_fillers")
# Prepositions whose object is the content of a cue verb ("talked about X", "warned of X").
CUE_PREPS: frozenset[str] = words("cue_prepositions")
# Nouns that head an anonymous source ("US officials familiar with the matter").
ANONYMOUS_HEADS: frozenset[str] = words("anonymous_heads")
# Role nouns that a definite phrase uses for a named person ("the Russian leader").
ROLE_SYNONYMS: dict[str, frozenset[str]] = {
    role: frozenset(str(w) for w in synonyms) for role, synonyms in table("role_synonyms").items()
}
# Title words: the roles, their synonyms and a few more ("prosecutor", "ceo", "king").
ROLE_WORDS: frozenset[str] = (
    frozenset(ROLE_SYNONYMS)
    | frozenset(w for ws in ROLE_SYNONYMS.values() for w in ws)
    | words("role_words")
)
PRONOUNS_PERSON: frozenset[str] = words("person_pronouns")
# Words that make a noun phrase name an outlet rather than a person ("the news outlet").
OUTLET_NOUNS: frozenset[str] = descriptor_words()[0]
# A known outlet's name or a word that marks one ("a Times reporter") inside a name.
OUTLET_NAME: re.Pattern[str] = outlet_name_pattern()
# Nouns that report what someone said or thinks ("his claim that...", "criticism of X").
CUE_NOUNS: frozenset[str] = words("cue_nouns")
# Messages and documents that speak for whoever issued them ("a text message telling X").
MEDIUM_NOUNS: frozenset[str] = words("medium_nouns")
# Nouns that make "In <noun>, ..." an attribution ("In a Fox poll, Cruz had 38 percent").
IN_SOURCES: frozenset[str] = words("in_source_nouns")
# "In <noun>, ..." nouns that make "in" the cue itself (the rest only set the scene).
IN_STANCES: frozenset[str] = words("in_stance_nouns")
# Verbs that report only with a fixed object ("as X put it"): lemma -> objects.
IDIOMS: dict[str, frozenset[str]] = {
    verb: frozenset(str(o) for o in objs) for verb, objs in table("cue_verb_idioms").items()
}
# Verbs that report an answer with a particle only ("batting down allegations"): lemma ->
# particles.
PHRASAL: dict[str, frozenset[str]] = {
    verb: frozenset(str(p) for p in parts)
    for verb, parts in table("cue_phrasal_verbs").items()
}
# Nouns that introduce an answer ("His response: '...'").
REPLY_NOUNS: frozenset[str] = words("reply_nouns")
# Labels that open a "Label: text" line without naming a speaker.
NOT_SPEAKERS: frozenset[str] = words("colon_line_non_speakers")
