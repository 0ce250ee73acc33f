"""Who a pronoun or a definite phrase stands for: a salience model over the article's referents.

A pronoun source ("he said") is resolved to the referent that agrees with it and is most salient
where it stands: he/she to a person of agreeing gender (never an organisation, a place, a law or
a document), they to a group or an organisation, it to an organisation or a document. Salience
follows the centering intuition of news prose: recent sentences count most, subjects more than
objects, the main clause's subject more than an embedded one's, and the speaker of the last
attribution most of all (news paragraphs chain quotes by one speaker). Words inside quotations
are the quoted speaker's and set up no antecedent for the narrator's pronouns.

A definite phrase ("the congressman", "the senators", "the spokesperson", "the suit") is
resolved the same way, restricted to referents of its own kind, and preferring one with the same
head noun.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rashomon.extract.article.attributions.gender import (
    Gender,
    agrees,
    pronoun_gender,
    pronoun_plural,
)
from rashomon.extract.article.attributions.mentions import Referent, Referents
from rashomon.extract.article.attributions.phrases import Phrase, document_group

__all__ = ["Candidate", "Named", "antecedent", "conjoined", "pronoun_wants"]

# How far back (in sentences) an antecedent may lie.
WINDOW = 3
_PERSON_KINDS = frozenset({"person", "pronoun", "anonymous", "spokesperson", "official"})
_UNNAMED = frozenset({"anonymous", "spokesperson", "official"})


@dataclass(frozen=True, slots=True)
class Named:
    """The person a referent names or points to."""

    name: str
    entity: str | None
    gender: Gender | None
    certain: bool = True  # gender from a title or a gendered word, not a first name


@dataclass(frozen=True, slots=True)
class Candidate:
    """A referent with the identity it stands for (a full name, or the phrase itself)."""

    ref: Referent
    name: str | None  # a person's full name, when the referent names (or points to) one
    entity: str | None
    gender: Gender | None
    certain: bool = True


# Resolves a referent to the person it names (None: no one).
NameOf = Callable[[Referent], Named | None]

# A first name's gender is a guess ("Hilary" is a man's name too): a mismatch costs this much
# salience instead of ruling the referent out.
_GUESSED_GENDER_MISMATCH = 1.5


def pronoun_wants(pronoun: str) -> tuple[frozenset[str], Gender | None, bool | None]:
    """The referent kinds, gender and number a pronoun asks for."""
    lower = pronoun.casefold()
    if lower in ("it", "its"):
        return frozenset({"organisation", "document"}), None, False
    if pronoun_plural(lower):
        return frozenset({"group", "organisation", *_UNNAMED}), None, None
    return _PERSON_KINDS, pronoun_gender(lower), False


def antecedent(
    refs: Referents,
    pos: int,
    *,
    kinds: frozenset[str],
    gender: Gender | None,
    plural: bool | None,
    name_of: NameOf,
    last_speaker: str | None,
    like: Phrase | None = None,
    answer: bool = False,
    sentences: int = WINDOW,
    named_only: bool = False,
    clause: int = -1,
) -> Candidate | None:
    """The most salient referent before ``pos`` that agrees with what is asked for.

    Args:
        refs: the article's referents.
        pos: where the pronoun or definite phrase stands (article offset).
        kinds: referent kinds allowed (``person``, ``group``, ``organisation``...).
        gender: the gender asked for (None: any).
        plural: the number asked for (None: either).
        name_of: resolves a person referent to a full name (and its gender).
        last_speaker: the resolved speaker of the previous attribution.
        like: a definite phrase being resolved: a referent with its head noun is preferred,
            and a document must be of the same kind ("the suit": "the lawsuit from X").
        answer: the pronoun introduces an answer ("His response: ..."): the one asked, not
            the one asking, is preferred.
        sentences: how many sentences back to look.
        named_only: only referents headed by a proper name ("the firm": a firm named before).
        clause: the verb the phrase being resolved is an argument of: its co-arguments are
            someone else ("Ashby met the minister": the minister is not Ashby).
    """
    here = refs.sentence_of(pos)
    best: tuple[float, int, Candidate] | None = None
    for ref in refs.before(pos, sentences=sentences):
        if ref.quoted or ref.phrase.kind not in kinds or ref.span.start >= pos:
            continue
        if named_only and not ref.proper:
            continue
        if clause >= 0 and ref.clause == clause:
            continue
        if plural is not None and ref.phrase.plural != plural and ref.phrase.kind != "organisation":
            continue
        cand = _candidate(ref, name_of)
        if ref.phrase.kind in ("person", "pronoun") and cand.name is None:
            continue  # "a terrorist", "the woman": no one it could be resolved to
        mismatch = not agrees(gender, cand.gender)
        if mismatch and (cand.certain or like is not None):
            continue  # a pronoun may overrule a first name's guess; "the woman" may not
        if like is not None and not _same_kind(like, ref.phrase):
            continue
        score = _salience(ref, here, cand, None if answer else last_speaker, like)
        if answer and ref.listener:
            score += 2.5
        if mismatch:
            score -= _GUESSED_GENDER_MISMATCH
        key = (score, ref.span.start)
        if best is None or key > best[:2]:
            best = (score, ref.span.start, cand)
    return None if best is None else best[2]


def conjoined(refs: Referents, pos: int, *, kinds: frozenset[str],
              sentences: int = WINDOW) -> list[Referent]:
    """The named members of the nearest coordination of two or more names of ``kinds`` before
    ``pos``, in text order: what a plural phrase points back to ("servers at Acme, Bolt and
    similar companies. Those firms denied it": Acme and Bolt); empty when there is none."""
    groups: dict[int, list[Referent]] = {}
    for ref in refs.before(pos, sentences=sentences):
        if (ref.quoted or not ref.proper or ref.phrase.kind not in kinds
                or ref.coordination < 0 or ref.span.start >= pos):
            continue
        groups.setdefault(ref.coordination, []).append(ref)
    full = [g for g in groups.values() if len(g) >= 2]
    if not full:
        return []
    nearest = max(full, key=lambda g: g[0].coordination)
    return sorted(nearest, key=lambda r: r.span.start)


def _candidate(ref: Referent, name_of: NameOf) -> Candidate:
    named = name_of(ref) if ref.phrase.kind in ("person", "pronoun") else None
    if named is None:
        return Candidate(ref, None, None, ref.phrase.gender)
    gender = ref.phrase.gender or named.gender
    certain = ref.phrase.gender is not None or named.certain
    return Candidate(ref, named.name, named.entity, gender, certain)


def _salience(
    ref: Referent, here: int, cand: Candidate, last_speaker: str | None, like: Phrase | None
) -> float:
    score = -1.0 * (here - ref.sentence)
    if ref.subject:
        score += 1.0
    if ref.main:
        score += 0.5
    if last_speaker is not None and cand.name is not None and cand.name == last_speaker:
        score += 0.75
    if like is not None and ref.phrase.lemma == like.lemma:
        score += 1.0
    return score


def _same_kind(like: Phrase, other: Phrase) -> bool:
    """Whether a definite phrase can point back to ``other``."""
    if like.kind == "document":
        # Only a document whose issuer is known helps ("the statement from X").
        return (
            other.kind == "document"
            and other.author is not None
            and document_group(other.lemma) == document_group(like.lemma)
        )
    if like.kind in _UNNAMED:
        return other.kind in _UNNAMED and other.lemma == like.lemma
    if like.kind == "group":
        # "three state senators — Adam Driggs, Steve Pierce and Bob Worsley": a group that
        # names its members is still the group "the senators" points back to.
        return (other.kind == "group" or (other.kind == "person" and other.plural)) and (
            other.lemma == like.lemma)
    return other.kind in _PERSON_KINDS
