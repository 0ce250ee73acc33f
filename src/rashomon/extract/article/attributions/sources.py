"""The source of a cue: the cue's grammatical subject, its span, and what kind of phrase it is."""

from __future__ import annotations

from spacy.tokens import Token

from rashomon.extract.article.attributions.found import char_span
from rashomon.extract.article.attributions.phrases import looks_like_name
from rashomon.extract.article.attributions.vocab import (
    ANONYMOUS_HEADS,
    CUE_VERBS,
    MEDIUM_NOUNS,
    OUTLET_NAME,
    OUTLET_NOUNS,
    PRONOUNS_PERSON,
    ROLE_SYNONYMS,
    ROLE_WORDS,
)
from rashomon.model import Span
from rashomon.nlp.pipelines import doc_text

# Conjunctions that open a sentence, which the parser sometimes takes for a preposition.
_OPENERS = frozenset({"but", "and", "yet", "so", "or"})

# Passive verbs of showing and hearing whose subject is the one heard ("X is quoted as saying").
_PERCEIVED = frozenset({"show", "hear", "see", "quote", "record", "film", "catch", "overhear"})


def subject(verb: Token) -> Token | None:
    """The grammatical subject of a cue verb, climbing through participles and conjuncts."""
    seen = 0
    v = verb
    via_adjective = False
    while v is not None and seen < 4:
        # Nearest first: in '"X," said Y' the parser may take the quoted clause as a subject too.
        for child in sorted(v.children, key=lambda c: abs(c.i - v.i)):
            if child.dep_ in ("nsubj", "nsubjpass") and child.dep_ != "expl":
                if child.dep_ == "nsubjpass":
                    for agent in v.children:
                        if agent.dep_ == "agent":
                            for pobj in agent.children:
                                if pobj.dep_ == "pobj":
                                    return pobj
                    if v.lemma_.lower() in _PERCEIVED and (
                        (seen and verb.tag_ == "VBG")
                        or any(
                            c.dep_ in ("xcomp", "oprd") and c.tag_ == "VBG"
                            and c.lemma_.lower() in CUE_VERBS
                            for c in v.children
                        )
                    ):
                        # "X is shown saying", "X was heard telling": X speaks.
                        return child
                    return None
                if child.tag_ in ("WP", "WDT") and v.dep_ == "relcl":
                    # "critics who said ...": the relative pronoun is the noun it follows.
                    return _copula_subject(v.head) or v.head
                if child.lower_ == "it" and seen and (
                    via_adjective or any(c.dep_ == "acomp" for c in v.children)
                ):
                    return None  # "It is important to note that": no one notes
                return child
        # "But the president's campaign, responding ..., said": the small parser may read a
        # sentence-opening "But" as a preposition and its subject as that word's object.
        opener = next((c for c in v.children if c.i == v.sent.start and c.i < v.i
                       and c.lower_ in _OPENERS), None)
        if opener is not None:
            misread = next((g for g in opener.children if g.dep_ == "pobj"
                            and g.pos_ in ("NOUN", "PROPN")), None)
            if misread is not None:
                return misread
        # '"...," say anonymous sources': inverted, the parser calls the subject an object.
        if any(c.dep_ == "ccomp" and c.i < v.i for c in v.children):
            inverted = next(
                (c for c in v.children if c.dep_ in ("dobj", "attr") and c.i > v.i), None
            )
            if inverted is not None:
                return inverted
        # "..., saying that", "and added that": the subject is the head verb's.
        # "is determined to warn", "seemed eager to discuss": through the adjective.
        if v.dep_ in ("advcl", "conj", "xcomp", "pcomp", "oprd", "acomp") and v.head.i != v.i:
            via_adjective = via_adjective or v.pos_ == "ADJ"
            trailing = v.tag_ == "VBG" and v.dep_ == "advcl"
            v = v.head
            seen += 1
            if (
                trailing
                and v.dep_ == "ccomp"
                and v.head.lemma_.lower() in CUE_VERBS
                and v.head.i < v.i
            ):
                # "X said he had no doubt, arguing that Y": X argues, not "he".
                v = v.head
            if v.pos_ == "ADP" and v.dep_ == "prep" and v.head.pos_ in ("VERB", "AUX"):
                # "She began by saying", "sings before asking her": through the preposition.
                v = v.head
            continue
        if v.dep_ == "compound" and v.head.pos_ == "PROPN" and v.i == v.sent.start:
            # 'Said Ellis: "..."': an inverted cue read as part of the name.
            return v.head
        if v.dep_ == "relcl":  # "Romney was the latest voice to weigh in and urge her"
            return _copula_subject(v.head) or v.head
        if v.dep_ == "acl" and v.head.pos_ in ("NOUN", "PROPN", "PRON"):
            # "the man saying he was nervous", "groups backing Cruz": the noun speaks.
            return v.head
        return None
    return None


def _copula_subject(noun: Token) -> Token | None:
    # The subject a predicate noun is said of ("X was the latest voice ..."): X.
    if noun.dep_ != "attr" or noun.head.lemma_ != "be":
        return None
    return next((c for c in noun.head.children if c.dep_ == "nsubj"), None)


def source_span(subj: Token, verb: Token | None = None) -> Span | None:
    span = _source_span_raw(subj, verb)
    if span is None:
        return None
    text = doc_text(subj.doc)
    start = span.start
    while start < span.end and text[start] in "\"“”'’ ":
        start += 1
    return Span(start, span.end) if start < span.end else None


def _source_span_raw(subj: Token, verb: Token | None = None) -> Span | None:
    # The parser runs over line breaks (a headline hung on the next line's subject): the
    # source stays on its own line.
    text = doc_text(subj.doc)
    lo = text.rfind("\n", 0, subj.idx) + 1
    hi = text.find("\n", subj.idx)
    hi = len(text) if hi < 0 else hi
    toks = [t for t in subj.subtree if lo <= t.idx < hi]
    if verb is not None and subj.is_ancestor(verb):
        if subj.lemma_.lower() not in MEDIUM_NOUNS:
            # "groups backing Cruz", "a man named X": rarely a source of what follows.
            return None
        # "a text message telling people X": the message, without the clause it carries.
        toks = [t for t in toks if t.i < verb.left_edge.i or t.i > verb.right_edge.i]
        if not toks:
            return None
    # A relative clause on the source ("sources who spoke...") is part of PolNeAR's source,
    # but a trailing reporting clause that swallowed the verb is not: cut at the verb.
    head = subj.head
    toks = [
        t
        for t in toks
        if not (head.i >= 0 and t.i >= head.i and t.i > subj.i and t.dep_ in ("ccomp",))
    ]
    # Only the unbroken stretch around the head: a non-projective parse can hang a later
    # apposition ("..., another example of X") on the subject.
    keep = {t.i for t in toks}
    if verb is not None:
        keep.discard(verb.i)
    start = end = subj.i
    while start - 1 in keep:
        start -= 1
    while end + 1 in keep:
        end += 1
    return char_span(subj.doc, start, end + 1)


def describe_source(subj: Token) -> tuple[str, str, tuple[str, ...]]:
    """(speaker_kind, head lemma, modifiers) of a subject token."""
    lemma = subj.lemma_.lower()
    lower = subj.lower_
    if subj.tag_ in ("WP", "WDT") or lower in ("who", "which", "that"):
        return "relative", lemma, ()
    if subj.pos_ == "PRON" or lower in PRONOUNS_PERSON:
        return "pronoun", lower, ()
    mods = tuple(c.lower_ for c in subj.children if c.dep_ in ("amod", "compound", "nmod", "poss"))
    sub = list(subj.subtree)
    if any(t.ent_type_ == "PERSON" for t in _core(subj)):
        return "name", lemma, mods
    if looks_like_name(subj, sub):
        # "Volodymyr Zelenskyy characterized...": a first-and-last name the NER missed.
        return "name", lemma, mods
    if lemma in ANONYMOUS_HEADS or lower in ANONYMOUS_HEADS:
        # Checked before outlets: "one Bloomberg source" is an unnamed person.
        return "anonymous", lemma, mods
    if any(t.ent_type_ in ("ORG", "GPE", "NORP") and OUTLET_NAME.search(t.text) for t in sub):
        return "outlet", lemma, mods
    if lemma in OUTLET_NOUNS:
        return "outlet", lemma, mods
    if lemma in ROLE_SYNONYMS and subj.pos_ in ("NOUN", "PROPN"):
        indefinite = any(c.dep_ == "det" and c.lower_ in ("a", "an", "one") for c in subj.children)
        qualified = any(c.dep_ == "prep" for c in subj.children)
        if indefinite or qualified:
            # "A spokesman for the NSC": an unnamed person, not someone named before.
            return "anonymous", lemma, mods
        return "role", lemma, mods
    if (
        lemma in ROLE_WORDS
        and subj.pos_ in ("NOUN", "PROPN")
        and any(c.dep_ == "det" and c.lower_ == "the" for c in subj.children)
    ):
        # "the prosecutor general", "the chairman": a definite title for someone named.
        return "role", lemma, mods
    return "other", lemma, mods


def _core(head: Token) -> list[Token]:
    """A noun phrase without its prepositional and clausal modifiers.

    "A source in the rescue service, heard by X" is a source, not X: names inside the
    modifiers do not make the phrase name a person (an apposition does).
    """
    skip = [c for c in head.children if c.dep_ in ("prep", "acl", "relcl")]
    return [
        t for t in head.subtree if not any(c.left_edge.i <= t.i <= c.right_edge.i for c in skip)
    ]

