"""Opposed propositions: two holders saying things about one subject that cannot both be true.

Rules, each a general shape of contradiction between two statements on one subject:

* **polarity**: one denies what the other asserts, the negator governing a word both use
  (``nothing improper took place`` / ``the talks might be improper``);
* **antonyms**: incompatible characterisations from ``lexicon/en/antonyms.toml``
  (``lawful`` / ``illegal``, ``constitutional`` / ``unconstitutional``);
* **near-identical**: nearly the same statement with a "not" in one of them;
* **recast**: one re-characterises the other's word (``savings, not cuts``);
* **learned**: the pair scorer of :mod:`.scorer` is confident they contradict.

Whether two statements are on one subject is the caller's decision (sentence-encoder
similarity and shared entities); these rules only decide opposition.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache

from rashomon.extract.event.disputes.holders import head_noun, same_holder
from rashomon.extract.event.disputes.propositions import Proposition, denies, stem
from rashomon.lexicon import table

__all__ = [
    "antonym_clash",
    "camp_clash",
    "negated_words",
    "opposed_pairs",
    "opposition",
    "polarity_clash",
    "recast_clash",
]

_NEGATOR = re.compile(
    r"\b(?:not|no|never|nothing|none|nobody|neither|nor|cannot|without)\b|n['\u2019]t\b", re.I
)
# Two statements this alike (the encoder's similarity) that differ in a "not" say opposite
# things even when the negator governs another word than they share ("I'm not aware of anyone
# in my office having seen the cable" / "somebody within your office should have seen this
# cable"). On the 20 dev events: 0.75 pairs answers of one camp (28/45 disputes), 0.8 finds
# 30/45 at precision 0.74, 0.85 and 0.9 find 28/45.
NEAR_IDENTICAL = 0.8
_QUESTION = re.compile(r"\?[\s\"'\u201d\u2019]*$")
_WHETHER = re.compile(r"\bwhether\b", re.I)
_WORD = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")
_RECAST = re.compile(r",\s+(?:and\s+)?not\s+(?:a\s+|an\s+|the\s+)?([^\W_]+)", re.I)
# Words a negator skips before the word it governs ("did not cut a single benefit").
_FILLER = frozenset([
    "a", "an", "the", "any", "single", "such", "be", "been", "being", "is", "was", "are",
    "were", "have", "has", "had", "do", "does", "did", "to", "of", "in", "on", "at", "so",
    "very", "really", "just",
])


@lru_cache(maxsize=1 << 14)
def negated_words(text: str, reach: int = 1) -> frozenset[str]:
    """Stems of the content words a negator governs: the first content word after each
    negator (``did not cut a single benefit`` -> cut; ``no such impropriety`` ->
    impropriety), and the stem of a word negated by its prefix (``unchanged`` -> change)."""
    out: set[str] = set()
    for m in _NEGATOR.finditer(text):
        taken = 0
        for w in _WORD.findall(text[m.end() : m.end() + 60]):
            if w.lower() in _FILLER:
                continue
            out.add(stem(w))
            taken += 1
            if taken >= reach:
                break
    for m in _prefixed().finditer(text):
        out.add(stem(m.group(1)))
    return frozenset(out)


def polarity_clash(a: Proposition, b: Proposition) -> bool:
    """Whether one of ``a`` and ``b`` negates a word the other asserts. A denial holds the
    opposite of its words: ``denied that she had misled Congress`` agrees with ``I have not
    misled Congress``."""
    na, nb = negated_words(a.text), negated_words(b.text)
    if not (na or nb):
        return False
    neg, pos = (a, b) if len(na & b.words) >= len(nb & a.words) else (b, a)
    if denies(pos.cue) and not denies(neg.cue):
        return False
    if _WHETHER.search(pos.text):
        return False  # "real doubts about whether he was born here" asserts no birthplace
    governed = (negated_words(neg.text) & pos.words) - negated_words(pos.text)
    # A word negated only by its prefix ("illegal") clashes with the word said of something
    # ("is legal"), not with the word naming something ("legal weed", "legal sales").
    only_prefixed = {stem(m.group(1)) for m in _prefixed().finditer(neg.text)} - (
        negated_words(_prefixed().sub(" ", neg.text)))
    return bool({w for w in governed if w not in only_prefixed or w in _predicates(pos.text)})


@cache
def _prefixed() -> re.Pattern[str]:
    # "unchanged", "improper", "illegal", "nonpartisan": a prefix negates the word after it.
    stems = "|".join(re.escape(str(x)) for x in table("antonyms")["prefixed"])
    return re.compile(rf"\b(?:un|non-?|in|im|il|ir|dis)((?:{stems})\w*)", re.I)


@cache
def _antonym_stems() -> tuple[tuple[str, str], ...]:
    return tuple((stem(x), stem(y)) for x, y in _antonyms())


@cache
def _antonyms() -> tuple[tuple[str, str], ...]:
    # The shared lexical pairs and the characterisations kept for disputes.
    t = table("antonyms")
    return tuple((str(x).lower(), str(y).lower()) for x, y in (*t["pairs"], *t["predicates"]))


# Up to two words may stand between the verb and what it says ("might be very illegal",
# "called it unconstitutional"), but not a preposition: "are on this small suburb" says
# nothing is small.
_PREDICATIVE = re.compile(
    r"\b(?:is|was|are|were|be|been|being|remains?|seems?|called|deemed|found|as|not|"
    r"too|so|very|n't)\s+(?:(?!(?:on|in|at|of|for|with|from|to|by|into|onto|over|under|"
    r"about|after|before|near|through|across|against|between)\b)\w+\s+){0,2}?$", re.I)


@lru_cache(maxsize=1 << 14)
def _predicates(text: str) -> frozenset[str]:
    # Stems of words said of something ("the suit is without merit", "might be illegal",
    # "called it unconstitutional"), not words that only name something ("legal weed").
    out = set()
    for m in _WORD.finditer(text):
        if _PREDICATIVE.search(text, max(0, m.start() - 40), m.start()):
            out.add(stem(m.group(0)))
    return frozenset(out)


def antonym_clash(a: Proposition, b: Proposition) -> bool:
    """Whether ``a`` and ``b`` each say one word of an antonym pair of something, unnegated
    (``the talks were improper`` / ``the talks were proper``)."""
    pa = _predicates(a.text) - negated_words(a.text)
    pb = _predicates(b.text) - negated_words(b.text)
    for sx, sy in _antonym_stems():
        if (sx in pa and sy in pb and sy not in pa) or (sy in pa and sx in pb and sx not in pa):
            return True
    return False


def recast_clash(a: Proposition, b: Proposition) -> bool:
    """Whether one re-characterises a word of the other: ``those are savings, not cuts``."""
    for x, y in ((a, b), (b, a)):
        for m in _RECAST.finditer(x.text):
            if stem(m.group(1)) in y.words - negated_words(y.text):
                return True
    return False


@cache
def _camp_words() -> tuple[frozenset[str], frozenset[str]]:
    camps = table("dispute_responses")["camps"]
    return frozenset(camps["for"]), frozenset(camps["against"])


def camp_clash(a: Proposition, b: Proposition) -> bool:
    """Whether ``a`` and ``b`` are held by groups on opposite sides (``supporters`` and
    ``critics`` of whatever both speak about)."""
    if a.holder is None or b.holder is None:
        return False
    pro, con = _camp_words()
    ha, hb = head_noun(a.holder), head_noun(b.holder)
    return (ha in pro and hb in con) or (ha in con and hb in pro)


def opposition(a: Proposition, b: Proposition, learned: float = 0.0,
               similarity: float = 1.0, *, close: float = 0.65) -> float:
    """How strongly ``a`` and ``b`` oppose each other, from 0 (not at all) to 1.

    Statements by the same holder never oppose (a holder changing its words is not a
    dispute between parties). Polarity only counts between statements that say nearly the
    same thing otherwise (``similarity >= close``): two statements of one story share words,
    and one of them has a ``not`` somewhere, all the time. Antonyms said of something are
    rarer and count from a little less alike (``close - 0.15``). Statements nearly the same
    (``similarity >= NEAR_IDENTICAL``) oppose when one of them is negated, wherever its "not".

    Args:
        a: one statement.
        b: another statement on the same subject.
        learned: the pair scorer's probability that they contradict.
        similarity: how alike the two statements are.
        close: the similarity from which polarity and antonyms decide.

    Returns:
        The strength of the strongest rule that fires.
    """
    if same_holder(a.holder, b.holder):
        return 0.0
    score = 0.0
    if camp_clash(a, b):
        score = max(score, 0.7)
    if recast_clash(a, b):
        score = max(score, 0.9)
    if similarity >= close - 0.15 and antonym_clash(a, b):
        score = max(score, 0.8)
    # A question asserts nothing its "not" could deny ("Why can't Romney run his race?").
    asked = _QUESTION.search(a.text) is not None or _QUESTION.search(b.text) is not None
    if similarity >= close and not asked and polarity_clash(a, b):
        score = max(score, 0.7 if a.modality == b.modality else 0.6)
    if similarity >= NEAR_IDENTICAL and not asked and a.negated != b.negated:
        score = max(score, 0.6)
    return max(score, learned)


def opposed_pairs(
    props: Sequence[Proposition],
    candidates: Sequence[tuple[int, int]],
    similarity: Sequence[float],
    learned: Sequence[float] | None = None,
    *,
    threshold: float = 0.6,
    close: float = 0.65,
) -> list[tuple[int, int, float]]:
    """The candidate pairs that oppose, with their strength.

    Args:
        props: the event's propositions.
        candidates: index pairs already judged to be on one subject.
        similarity: how alike each candidate pair is.
        learned: the pair scorer's probability per candidate, when it ran.
        threshold: the least strength kept.
        close: the similarity from which polarity and antonyms decide.

    Returns:
        ``(i, j, strength)`` for each opposed pair.
    """
    out = []
    for k, (i, j) in enumerate(candidates):
        s = opposition(props[i], props[j], learned[k] if learned is not None else 0.0,
                       similarity[k], close=close)
        if s >= threshold:
            out.append((i, j, s))
    return out
