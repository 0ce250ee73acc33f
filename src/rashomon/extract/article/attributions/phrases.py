"""What a noun phrase names, read off its parse: a person, a group, an organisation, an unnamed
source with its affiliation, a document with its author, an outlet.

Speaker resolution asks this of every source phrase ("Grimm's lawyer, William McGinley" is
McGinley, not Grimm; "a Romney campaign aide" is an unnamed aide of the Romney campaign; "the
suit" is a document) and of every noun phrase a pronoun might point back to.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from rashomon.extract.article.attributions.gender import Gender, word_gender
from rashomon.extract.article.attributions.vocab import (
    ANONYMOUS_HEADS,
    OUTLET_NAME,
    OUTLET_NOUNS,
    ROLE_WORDS,
)
from rashomon.lexicon import table, words
from rashomon.model import Span

__all__ = [
    "DOCUMENT_GROUPS",
    "Phrase",
    "describe",
    "document_group",
    "is_person_noun",
]

# Dependency labels of the modifiers that a phrase's name or affiliation is built from.
_NAME_DEPS = frozenset({"compound", "flat", "nmod"})
_AFFILIATION_PREPS = frozenset({"for", "at", "with", "from", "of", "in", "to"})
_AUTHOR_PREPS = frozenset({"from", "by", "of"})
_PREMODIFIERS = frozenset(
    {"det", "poss", "amod", "compound", "nummod", "nmod", "quantmod", "case", "npadvmod"}
)
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_ORG_ENTS = frozenset({"ORG", "GPE", "NORP"})


@cache
def _document_words() -> dict[str, str]:
    """Document noun -> its group ("lawsuit" -> "suit")."""
    return {str(w).casefold(): group for group, ws in table("document_nouns").items() for w in ws}


DOCUMENT_GROUPS: frozenset[str] = frozenset(table("document_nouns"))


@cache
def _titles() -> dict[str, str]:
    """Head noun of an unnamed speaker -> its kind (spokesperson, official)."""
    return {str(w).casefold(): kind for kind, ws in table("speaker_titles").items() for w in ws}


def document_group(lemma: str) -> str | None:
    """The kind of document a noun names (``lawsuit``: ``suit``), or None for no document."""
    return _document_words().get(lemma.casefold())


def is_person_noun(lemma: str) -> bool:
    """Whether a common noun names a person by role, office or relation."""
    lower = lemma.casefold()
    return (
        lower in words("person_nouns")
        or lower in ANONYMOUS_HEADS
        or lower in ROLE_WORDS
        or word_gender(lower) is not None
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Phrase:
    """What a noun phrase names (article offsets).

    Attributes:
        kind: ``person``, ``group`` (people, plural), ``organisation``, ``anonymous``,
            ``spokesperson``, ``official`` (unnamed sources), ``document``, ``outlet``,
            ``pronoun`` or ``other``.
        lemma: the head noun's lemma, lower case.
        text: the head noun phrase, without trailing clauses, appositions or dates.
        span: where ``text`` lies.
        name: the span of the name the phrase stands for: the head name, or a name in
            apposition ("Grimm's lawyer, William McGinley"); for organisations the phrase.
        affiliation: the body an unnamed source speaks for ("Romney campaign", "Google").
        author: for documents, the phrase that issued it ("a statement from X": X).
        plural: the phrase names more than one.
        definite: the phrase opens with a definite determiner (it points back).
        described: the head has modifiers of its own after it (a prepositional phrase, a
            clause): "the head of the rescue service" describes someone rather than points back.
        gender: the gender its head word states (spokeswoman), if any.
    """

    kind: str
    lemma: str
    text: str
    span: Span | None = None  # where ``text`` lies
    name: Span | None = None
    affiliation: str | None = None
    author: Phrase | None = None
    plural: bool = False
    definite: bool = False
    described: bool = False
    gender: Gender | None = None


def describe(root: Token, offset: int = 0, *, depth: int = 0) -> Phrase:
    """What the noun phrase headed by ``root`` names.

    Args:
        root: the head token of the phrase.
        offset: the block's start in the article (added to spans).
        depth: recursion guard (a document's author is described in turn).
    """
    lemma = root.lemma_.lower()
    text = head_text(root)
    plural = root.tag_ in ("NNS", "NNPS") or any(
        c.dep_ == "conj" and c.ent_type_ == root.ent_type_ for c in root.children
    )
    definite = any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in root.children)
    # "the congressman" points back; "the head of the rescue service" describes in full.
    described = any(c.dep_ in ("prep", "relcl", "acl") for c in root.children)
    first, last = head_range(root)
    doc = root.doc
    span = Span(offset + doc[first].idx, offset + doc[last].idx + len(doc[last].text))
    base = {
        "lemma": lemma,
        "text": text,
        "span": span,
        "plural": plural,
        "definite": definite,
        "described": described,
    }
    if root.pos_ == "PRON":
        return Phrase(kind="pronoun", **base)  # type: ignore[arg-type]
    name = _person_name(root, offset)
    if name is not None:
        return Phrase(kind="person", name=name, **base)  # type: ignore[arg-type]
    group = document_group(lemma)
    if group is not None and root.pos_ == "NOUN":
        author = _author(root, offset, depth) if depth < 2 else None
        return Phrase(kind="document", author=author, **base)  # type: ignore[arg-type]
    unnamed = _titles().get(lemma) or ("anonymous" if lemma in ANONYMOUS_HEADS else None)
    if unnamed is not None and root.pos_ in ("NOUN", "PROPN"):
        return Phrase(
            kind=unnamed,
            affiliation=_affiliation(root),
            gender=word_gender(lemma),
            **base,  # type: ignore[arg-type]
        )
    if _is_outlet(root):
        return Phrase(kind="outlet", name=_tokens_span(root, offset), **base)  # type: ignore[arg-type]
    if _is_organisation(root, lemma):
        return Phrase(kind="organisation", **base)  # type: ignore[arg-type]
    if root.pos_ in ("NOUN", "PROPN") and is_person_noun(lemma):
        kind = "group" if plural else "person"
        return Phrase(kind=kind, gender=word_gender(lemma), **base)  # type: ignore[arg-type]
    if root.ent_type_ == "NORP" and root.tag_ in ("NNS", "NNPS"):
        # "Democrats", "some Republicans", "many Russians": people, by party or nation.
        return Phrase(kind="group", **base)  # type: ignore[arg-type]
    return Phrase(kind="other", **base)  # type: ignore[arg-type]


def head_text(root: Token) -> str:
    """The noun phrase up to its head: the determiners, possessor, numbers, adjectives and
    compounds before it, and nothing after ("A release sent to media from X late Friday":
    ``A release``; "Grimm's lawyer, William McGinley": ``Grimm's lawyer``)."""
    start, end = head_range(root)
    text = re.sub(r"\s+", " ", root.doc[start : end + 1].text)
    return text.strip(" ,\"'“”—–-")  # noqa: RUF001


def head_range(root: Token) -> tuple[int, int]:
    """The token range (first, last) of :func:`head_text`."""
    start = root.i
    for child in sorted(root.lefts, key=lambda c: -c.i):
        if child.dep_ not in _PREMODIFIERS:
            break
        start = min(start, child.left_edge.i)
    end = root.i
    conj = [c for c in root.rights if c.dep_ == "conj" and c.pos_ == "PROPN" and c.i <= root.i + 4]
    if root.pos_ == "PROPN" and conj:
        end = conj[-1].i  # "Nebraska and Oklahoma": both name the one party
    return start, end


def _tokens_span(root: Token, offset: int) -> Span:
    doc = root.doc
    left = root.i
    while left - 1 >= 0 and doc[left - 1].head.i == root.i and doc[left - 1].dep_ in _NAME_DEPS:
        left -= 1
    return Span(offset + doc[left].idx, offset + root.idx + len(root.text))


def _person_name(root: Token, offset: int) -> Span | None:
    """The person a phrase's head names, or the one named in apposition to it."""
    for tok in [root, *_appositions(root)]:
        if tok.ent_type_ == "PERSON":
            ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
            if ent is not None:
                return Span(offset + ent.start_char, offset + ent.end_char)
        first, last = head_range(tok)
        flat = list(tok.doc[first : last + 1])
        if looks_like_name(tok, flat):
            words = [t for t in flat if not (t.is_punct or t.pos_ == "DET")]
            return Span(offset + words[0].idx, offset + words[-1].idx + len(words[-1].text))
    return None


def _appositions(root: Token) -> list[Token]:
    """Names set beside the head ("The head of the rescue service, Radim Kostka"): appositions
    of the head or, for a head naming a person's role, of a noun in its prepositional modifiers,
    where the parser may hang them (but "a statement from X's lawyer, Y" is a document)."""
    out = [c for c in root.children if c.dep_ == "appos"]
    if root.pos_ != "NOUN" or not is_person_noun(root.lemma_.lower()):
        return out
    for prep in (c for c in root.children if c.dep_ == "prep"):
        for pobj in (g for g in prep.children if g.dep_ == "pobj"):
            out.extend(c for c in pobj.children if c.dep_ == "appos" and c.ent_type_ == "PERSON")
    return out


def looks_like_name(head: Token, tokens: Sequence[Token]) -> bool:
    """Whether a proper-noun phrase is a first-and-last name the NER missed: two or three
    title-case proper nouns, none a place or nationality, not an outlet's or a body's name."""
    parts = [t for t in tokens if not (t.is_punct or t.pos_ == "DET")]
    return (
        head.pos_ == "PROPN"
        and 2 <= len(parts) <= 3
        and all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.text[1:].islower() for t in parts)
        and not any(t.ent_type_ in ("GPE", "NORP", "LOC", "FAC") for t in parts)
        and not OUTLET_NAME.search(" ".join(t.text for t in parts))
        and not any(
            t.lemma_.lower() in words("organisation_nouns")
            or t.lower_.rstrip(".") in words("organisation_name_words")
            or t.lower_.rstrip(".") in words("legal_forms")
            for t in parts
        )
    )


def _affiliation(root: Token) -> str | None:
    """The body an unnamed source belongs to: its possessor, the object of ``for``/``at``/
    ``with``... when that names a body, or the proper-noun and noun compounds before the head
    ("a Romney campaign aide": Romney campaign)."""
    poss = next((c for c in root.children if c.dep_ == "poss"), None)
    if poss is not None and poss.pos_ != "PRON":
        return _strip_the(poss.doc[poss.left_edge.i : poss.i + 1].text)
    for prep in root.children:
        if prep.dep_ == "prep" and prep.lower_ in _AFFILIATION_PREPS and prep.i > root.i:
            pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if pobj is not None and (
                pobj.ent_type_ in _ORG_ENTS | {"PERSON"}
                or pobj.pos_ == "PROPN"
                or pobj.lemma_.lower() in words("organisation_nouns")
            ):
                return _strip_the(head_text(pobj))
    compounds = [c for c in root.lefts if c.dep_ in ("compound", "nmod", "npadvmod")]
    if compounds:
        first = min(c.left_edge.i for c in compounds)
        parts = [t for t in root.doc[first : root.i] if t.pos_ in ("PROPN", "NOUN")]
        if parts and any(t.pos_ == "PROPN" or t.ent_type_ in _ORG_ENTS for t in parts):
            return " ".join(t.text for t in parts)
        if parts and any(t.lemma_.lower() in words("organisation_nouns") for t in parts):
            return " ".join(t.text for t in parts)
    return None


def _author(root: Token, offset: int, depth: int) -> Phrase | None:
    """Who issued a document: ``X's statement``, ``a statement from X``, ``the report, by X``,
    or the subject of the verb that issued it (``X sent a letter``, ``X said in a statement``)."""
    for child in root.children:
        if child.dep_ == "poss" and child.pos_ != "PRON":
            return describe(child, offset, depth=depth + 1)
    for tok in root.subtree:
        if tok.dep_ == "prep" and tok.lower_ in _AUTHOR_PREPS and tok.head.i in (root.i, *[
            c.i for c in root.children if c.dep_ == "acl"
        ]):
            pobj = next((g for g in tok.children if g.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ in ("PROPN", "NOUN"):
                author = describe(pobj, offset, depth=depth + 1)
                if author.kind not in ("other", "document"):
                    return author
    if root.dep_ == "nsubj":
        # "the report, by X, concluded": the parser hangs the by-phrase on the verb.
        by = next(
            (c for c in root.head.children if c.dep_ == "prep" and c.lower_ == "by"
             and root.i < c.i < root.head.i),
            None,
        )
        pobj = None if by is None else next((g for g in by.children if g.dep_ == "pobj"), None)
        if pobj is not None:
            author = describe(pobj, offset, depth=depth + 1)
            if author.kind not in ("other", "document"):
                return author
    verb = root.head
    if root.dep_ == "pobj" and verb.dep_ == "prep" and verb.lower_ in ("in", "with", "through"):
        verb = verb.head
    elif root.dep_ not in ("dobj", "nsubjpass"):
        return None
    if root.dep_ == "nsubjpass" or verb.pos_ not in ("VERB", "AUX"):
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ == "PRON":
        return None
    author = describe(subj, offset, depth=depth + 1)
    return author if author.kind not in ("other", "document", "pronoun") else None


def _is_outlet(root: Token) -> bool:
    lemma = root.lemma_.lower()
    if lemma in OUTLET_NOUNS:
        return True
    ent = next((e for e in root.doc.ents if e.start <= root.i < e.end), None)
    return ent is not None and ent.label_ in _ORG_ENTS | {"WORK_OF_ART"} and bool(
        OUTLET_NAME.search(ent.text)
    )


def _is_organisation(root: Token, lemma: str) -> bool:
    if root.ent_type_ == "ORG" or (root.ent_type_ == "GPE" and root.dep_ in ("nsubj", "pobj")):
        # A state or country that sues, rules or says is a body ("Nebraska and Oklahoma").
        return True
    if lemma not in words("organisation_nouns"):
        return False
    # "the committee", "the Obama campaign", "Democratic National Committee": a body, not any
    # group in general ("a group of students" stays a group of people).
    return root.pos_ == "PROPN" or any(
        c.dep_ in ("det", "compound", "poss", "amod") for c in root.children
    )


def _strip_the(text: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", re.sub(r"['’]s$", "", text.strip()))
