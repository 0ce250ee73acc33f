"""What a figure counts: the counted noun, and the slot its noun, verb or topic gives it."""

from __future__ import annotations

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from .figure import Found
from .vocabulary import (
    AGENT_VERBS,
    AMBIGUOUS_QUALIFIERS,
    COPULAS,
    DEATH_TOPICS,
    DURATION_UNITS,
    EVENT_NOUNS,
    FORECAST_MODALS,
    NOUN_SLOTS,
    PEOPLE_NOUNS,
    ROLE_NOUNS,
    SOURCE_ENTS,
    STATE_VERBS,
    STATE_WORDS,
    SUBSET_CUES,
    THING_VERB_SLOTS,
    TOPIC_GENERIC_MODS,
    TOPIC_NOUNS,
    TOPIC_PREPS,
    VERB_SLOTS,
)


def counted_noun(
    doc: Doc, sent: TokenSpan, last: Token, end_tok: int, value: float, start_tok: int
) -> Token | None:
    """The noun the number counts, or None when the number stands alone.

    ``start_tok`` is the first token of the figure with its qualifier ("up to 50").
    """
    head = last.head
    # "dozens of people", "hundreds of witnesses": the counted thing is the object of "of".
    if end_tok < sent.end and doc[end_tok - 1].lower_ == "of":
        nxt = [t for t in doc[end_tok - 1].children if t.dep_ == "pobj"]
        if nxt:
            return nxt[0]
    counts_head = last.dep_ in {"nummod", "quantmod", "compound", "amod"} and head.i > last.i
    if counts_head and head.pos_ in {"NOUN", "PROPN", "ADJ"}:
        # A plural count on a singular common noun is a mis-parse ("four heading towards"),
        # except for nouns that do not inflect ("staff", "police") and units ("2 min").
        if (
            value != 1
            and head.tag_ == "NN"
            and head.lemma_.lower() not in ROLE_NOUNS | PEOPLE_NOUNS | set(DURATION_UNITS)
        ):
            return None
        if head.pos_ == "ADJ" and head.lower_ not in NOUN_SLOTS:
            return None
        return head
    # "25 million more people": the comparative sits between number and noun.
    if (
        end_tok + 1 < sent.end
        and doc[end_tok].lower_ in {"more", "fewer", "additional", "other", "extra", "new"}
        and doc[end_tok + 1].tag_ == "NNS"
    ):
        return doc[end_tok + 1]
    # "a dozen suspects": spaCy may hang the noun on "dozen" itself.
    if end_tok < sent.end and doc[end_tok].tag_ == "NNS" and doc[end_tok].head.i == last.i:
        return doc[end_tok]
    # "Up to 8,464 people were killed": the parser may read the qualifier as a preposition
    # governing the number and leave the adjacent plural noun unattached to it.
    if (
        end_tok < sent.end
        and doc[end_tok].tag_ == "NNS"
        and last.dep_ == "pobj"
        and start_tok <= last.head.i < last.i
    ):
        return doc[end_tok]
    return None


def is_role(noun: Token) -> bool:
    """Whether ``noun`` names people by their role ("suspects", "police")."""
    return bool(noun.lemma_.lower() in ROLE_NOUNS or noun.lower_ in ROLE_NOUNS)


def _next_word_slot(
    doc: Doc, sent: TokenSpan, after: int, verb_slots: dict[str, str]
) -> str | None:
    """The slot the word right after the count gives, skipping adverbs and auxiliaries: the
    most reliable cue when the parser mis-attaches an elliptical "and 182 injured"."""
    k = after
    while k < sent.end and doc[k].pos_ in {"ADV", "AUX", "PART"} and doc[k].lower_ != "not":
        k += 1
    if k >= sent.end:
        return None
    nxt = doc[k]
    lem = nxt.lemma_.lower()
    slot = verb_slots.get(lem) or verb_slots.get(nxt.lower_)
    if (
        slot is not None
        and nxt.tag_ in {"VBN", "JJ", "VBG", "VBD"}
        and not any(c.dep_ == "dobj" for c in nxt.children)
        and not (nxt.tag_ == "VBD" and lem in AGENT_VERBS)
    ):
        return slot
    return None


def _governing_verb(tok: Token) -> tuple[Token, str]:
    """The verb the count (or its noun) depends on, and how: through conjuncts and appositions,
    and "injured over 200" parsed as a prepositional phrase makes the count the object."""
    x = tok
    for _ in range(3):
        if x.dep_ in {"conj", "appos"} and x.head.pos_ in {"NOUN", "PROPN", "NUM"}:
            x = x.head
        else:
            break
    if x.dep_ == "pobj" and x.head.lower_ in AMBIGUOUS_QUALIFIERS and x.head.dep_ == "prep":
        return x.head.head, "dobj"
    return x.head, x.dep_


def verb_slot(
    doc: Doc, sent: TokenSpan, tok: Token, after: int, *, person: bool = True,
    governed: bool = True,
) -> str | None:  # fmt: skip
    """The slot a verb gives a count of people: '182 injured', 'people were killed'.

    Args:
        doc: the spaCy Doc.
        sent: the sentence span.
        tok: the counted noun, or the number when it stands alone.
        after: token index just after the count.
        person: whether the count is known to be of people; ambiguous verbs ("held 3
            meetings", "missing 2 pages") give a slot only for people.
        governed: whether the verb governing the count may give the slot; False for a part
            of a group ("among them four managers"), where only the word right after counts.
    """
    verb_slots = VERB_SLOTS if person else THING_VERB_SLOTS
    slot = _next_word_slot(doc, sent, after, verb_slots)
    if slot is not None or not governed:
        return slot
    # Dependency: the verb whose object or passive subject the count is.
    verb, dep = _governing_verb(tok)
    if verb.pos_ not in {"VERB", "ADJ", "AUX"} or dep not in {"nsubjpass", "dobj", "nsubj", "conj"}:
        return None
    lem = verb.lemma_.lower()
    slot = verb_slots.get(lem) or verb_slots.get(verb.lower_)
    if slot is not None:
        is_agent = dep == "nsubj" and lem in AGENT_VERBS and verb.tag_ != "VBN"
        if not is_agent:
            return slot
    # "19 people remain missing" (subject of a copula), "were listed as missing", "left
    # 5 dead" (object of a verb that ascribes a state); never the agent ("the flood left").
    copula = lem in COPULAS and dep == "nsubj"
    ascribed = lem in STATE_VERBS and dep in {"dobj", "nsubjpass"}
    if person and (copula or ascribed):
        return state_slot(verb)
    return None


def state_slot(verb: Token) -> str | None:
    """The slot a state complement of ``verb`` gives: 'remain missing', 'listed as missing'."""
    for c in verb.children:
        if c.dep_ in {"acomp", "oprd", "xcomp", "attr"} and c.lower_ in STATE_WORDS:
            return STATE_WORDS[c.lower_]
        if c.dep_ == "prep" and c.lower_ == "as":
            for g in c.children:
                if g.dep_ in {"pobj", "pcomp", "acomp", "amod"} and g.lower_ in STATE_WORDS:
                    return STATE_WORDS[g.lower_]
    return None


def _verb_topic(x: Token, child: Token) -> tuple[str | None, str | None]:
    """"the toll is expected to rise to 80": the topic is the subject (or object) of the head
    verb ``x``; a topic verb with a modal predicts a figure rather than gives one."""
    holders = [x, x.head] if x.dep_ == "xcomp" else [x]
    for c in (c for h in holders for c in h.children):
        if (
            c.i != child.i
            and c.dep_ in {"nsubj", "dobj", "nsubjpass"}
            and c.lemma_.lower() in TOPIC_NOUNS
        ):
            slot, topic = topic_noun_slot(c)
            if slot is not None and forecast(x):
                # "the toll will go above fifty" predicts a figure; it is not one.
                slot += "_forecast"
            return slot, topic
    return None, None


def topic_slot(tok: Token) -> tuple[str | None, str | None]:
    """What a figure counts when it is a topic noun's value.

    'the death toll rose to 93', 'put the toll at 93', 'a death toll of 93', 'the official
    count stands at 43', 'the real figure is more than 60'.

    Returns:
        ``(slot, topic lemma)``; ``(None, topic)`` when the topic noun does not say what it
        counts ("the figure"), so the slot must come from context; ``(None, None)`` when the
        figure is no topic's value.
    """
    x = tok
    for _ in range(4):
        if x.head.i == x.i:
            break
        child, x = x, x.head
        if child.dep_ == "pobj":
            low = x.lower_
            if low == "of" and x.head.lemma_.lower() in TOPIC_NOUNS:
                return topic_noun_slot(x.head)  # "a death toll of 93"
            # "at", "to", "toward" give a topic's value: "rose by 5" is a change, not the toll.
            # "rose by 12 to 80" is often parsed as "by (12 to 80)": the "to" still marks it.
            to_marked = any(c.dep_ == "quantmod" and c.lower_ == "to" for c in child.children)
            if low not in TOPIC_PREPS and low not in AMBIGUOUS_QUALIFIERS and not to_marked:
                break
        if x.pos_ in {"VERB", "AUX"}:
            return _verb_topic(x, child)
    return None, None


def forecast(verb: Token) -> bool:
    """Whether a topic's verb predicts ('will rise to', 'could reach', 'is expected to top')."""
    auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if auxes & FORECAST_MODALS and "have" not in auxes:  # "may have reached" is a past
        return True
    head = verb.head
    return bool(
        verb.dep_ == "xcomp" and head.lemma_.lower() in {"expect", "set", "likely", "project"}
    )


def cue_slot(tok: Token) -> str | None:
    """The slot a single word names: 'deaths', 'dead', 'injuries', 'missing', 'arrests'."""
    low, lem = tok.lower_, tok.lemma_.lower()
    slot = NOUN_SLOTS.get(lem) or NOUN_SLOTS.get(low) or STATE_WORDS.get(low)
    if slot is None and (lem in PEOPLE_NOUNS or low in PEOPLE_NOUNS):
        # "the number of people killed": the participle after the people noun.
        for c in tok.children:
            if c.dep_ in {"acl", "amod"} and c.lower_ in STATE_WORDS:
                return STATE_WORDS[c.lower_]
    return slot


def topic_noun_slot(noun: Token) -> tuple[str | None, str | None]:
    """Slot of a topic noun from its modifiers ('death toll', 'number of injured')."""
    lemma = noun.lemma_.lower()
    specific = False
    for c in noun.children:
        if c.dep_ in {"compound", "amod", "nmod"}:
            cue = cue_slot(c)
            if cue is not None:
                return cue, lemma
            if c.lemma_.lower() not in TOPIC_GENERIC_MODS and c.ent_type_ not in SOURCE_ENTS:
                specific = True  # "the vote count", "the budget figure"
        elif c.dep_ == "prep":
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if c.lower_ == "of" and objs:
                cue = cue_slot(objs[0])
                if cue is not None:
                    return cue, lemma
                # "the count of the Directorate" names a source, not what is counted.
                if objs[0].pos_ == "PROPN" or objs[0].ent_type_ in SOURCE_ENTS:
                    continue
            specific = True  # "the number of votes", "the figure for the budget"
    if specific:
        return None, None
    if lemma == "toll":
        return "killed", lemma
    return None, lemma


def resolve_topic(found: Found, sent: TokenSpan, previous: str | None) -> str | None:
    """Slot of an unspecified topic figure ('put the figure at 41') from its context.

    The nearest slot word earlier in the sentence wins ('which publishes the official toll,
    put the figure at 41'); then the slot of a topic figure in the two sentences before ('the
    real figure is more than 60' after 'the official count stands at 43'); then, for toll,
    count and tally, the death toll, their unmarked sense in casualty reports.
    """
    for t in reversed(sent):
        if t.idx >= found.start:  # both are offsets in the block
            continue
        if t.lemma_.lower() in TOPIC_NOUNS:
            slot, _ = topic_noun_slot(t)
        else:
            slot = cue_slot(t) if t.pos_ in {"NOUN", "ADJ", "VERB"} else None
        # Only what befell people is a toll's sense ("6,200 seats" names no toll).
        if slot is not None and slot != "seats":
            return slot
    if previous is not None:
        return previous
    return "killed" if found.topic in DEATH_TOPICS else None


def subset(doc: Doc, sent: TokenSpan, start_tok: int) -> bool:
    """Whether the figure starting at ``start_tok`` names part of a group given before."""
    before = [t.lower_ for t in doc[max(sent.start, start_tok - 2) : start_tok]]
    return bool(before) and (
        before[-1] in {"including", "incl.", "notably"} or tuple(before[-2:]) in SUBSET_CUES
    )


def apposed_event_slot(doc: Doc, sent: TokenSpan, start_tok: int, noun: Token) -> str | None:
    """'The arrests announced on Friday - eleven people, ...': the count the event names."""
    if noun.dep_ == "appos":
        slot = EVENT_NOUNS.get(noun.head.lemma_.lower())
        if slot is not None:
            return slot
    if start_tok <= sent.start or doc[start_tok - 1].text not in {"-", "–", "—", ":", "("}:
        return None
    # The parser often misreads a dash apposition, so read back to the nearest event noun
    # without crossing another number.
    for k in range(start_tok - 2, sent.start - 1, -1):
        t = doc[k]
        if t.like_num:
            break
        if t.pos_ == "NOUN" and t.lemma_.lower() in EVENT_NOUNS:
            return EVENT_NOUNS[t.lemma_.lower()]
    return None


def plural(tok: Token) -> str:
    """The plural of a counted noun, as its slot ("4 gunmen" -> "gunmen", "a crane" -> "cranes")."""
    if tok.tag_ in {"NNS", "NNPS"}:
        return str(tok.lower_)
    lemma = str(tok.lemma_.lower())
    if lemma.endswith(("s", "x", "ch", "sh")):
        return lemma + "es"
    if lemma.endswith("y") and lemma[-2:-1] not in set("aeiou"):
        return lemma[:-1] + "ies"
    return lemma + "s"


def singular(slot: str) -> str:
    """The unit of a duration slot ("hours" -> "hour")."""
    return "century" if slot == "centuries" else slot[:-1]
