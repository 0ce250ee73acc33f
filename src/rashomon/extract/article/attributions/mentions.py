"""Noun phrases a pronoun or a definite phrase may point back to, with what makes them salient.

Read once per article from the parse: every noun phrase that names a person, a group of people,
an organisation or a document (:func:`~rashomon.extract.article.attributions.phrases.describe`),
with its sentence, whether it is a subject (and of the main clause), and whether it lies inside a
quotation (words inside a quotation are the quoted speaker's, not the narrator's, and do not set
up antecedents for the narrator's pronouns).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from rashomon.extract.article.attributions.phrases import Phrase, describe
from rashomon.model import Span

__all__ = ["Referent", "Referents", "collect_referents"]

# Kinds of phrase worth keeping as antecedents.
_KINDS = frozenset(
    {
        "person", "pronoun", "group", "organisation", "anonymous", "spokesperson", "official",
        "document",
    }
)
# Pronouns kept as referents: a subject "he" carries its person on to the next sentence.
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
# Dependency labels of a noun phrase's head (modifiers such as compounds are not phrases).
_HEAD_DEPS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "pobj", "appos", "attr", "conj", "ROOT", "poss", "dative",
     "agent", "oprd"}
)


# Verbs whose object is asked to answer ("asked Trump", "pressed the senator").
_ASKING = frozenset({"ask", "question", "interview", "press", "quiz", "challenge"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Referent:
    """A noun phrase that can be pointed back to (article offsets)."""

    span: Span  # the head token
    phrase: Phrase
    sentence: int  # sentence number in the article
    subject: bool  # nsubj / nsubjpass of some clause
    main: bool  # subject of the sentence's main clause
    quoted: bool  # inside a quotation
    listener: bool = False  # the one asked or interviewed ("X asked Trump"): who answers
    proper: bool = False  # headed by a proper name
    clause: int = -1  # article offset of the verb it is an argument of (-1: none)
    # The article offset of the first conjunct of the coordination it stands in ("Acme, Bolt
    # and Crane": all three share Acme's offset); -1 when it stands alone.
    coordination: int = -1


@dataclass(slots=True)
class Referents:
    """An article's referents in text order, and its sentence starts."""

    items: list[Referent] = field(default_factory=list)
    sentence_starts: list[int] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)

    def sentence_of(self, pos: int) -> int:
        """The number of the sentence holding article offset ``pos``."""
        return max(bisect.bisect_right(self.sentence_starts, pos) - 1, 0)

    def before(self, pos: int, *, sentences: int) -> Iterator[Referent]:
        """Referents that start before ``pos``, within ``sentences`` sentences back, nearest
        first."""
        first = self.sentence_of(pos) - sentences
        hi = bisect.bisect_left(self._starts, pos)
        for r in reversed(self.items[:hi]):
            if r.sentence < first:
                break
            yield r

    def at(self, span: Span) -> Referent | None:
        """The referent whose head lies inside ``span``, if any (the first)."""
        lo = bisect.bisect_left(self._starts, span.start)
        for r in self.items[lo:]:
            if r.span.start >= span.end:
                return None
            if span.contains(r.span):
                return r
        return None


def collect_referents(
    blocks: Sequence[tuple[int, Doc]], quotes: Sequence[Span] = (), persons: Sequence[Span] = ()
) -> Referents:
    """The referents of an article's parsed blocks (``(offset, Doc)`` pairs, in text order).

    ``persons`` are the spans of the article's person mentions as its entity layer has them:
    a proper noun inside one is a person even where the parser's own NER said otherwise.
    """
    person_spans = sorted(persons, key=lambda s: s.start)
    out = Referents()
    number = 0
    for offset, doc in blocks:
        for sent in doc.sents:
            out.sentence_starts.append(offset + sent.start_char)
            for tok in sent:
                ref = _referent(tok, offset, number, quotes, person_spans)
                if ref is not None:
                    out.items.append(ref)
            number += 1
    out.items.sort(key=lambda r: r.span.start)
    out._starts = [r.span.start for r in out.items]
    return out


def _referent(
    tok: Token, offset: int, sentence: int, quotes: Sequence[Span], persons: Sequence[Span]
) -> Referent | None:
    if tok.dep_ not in _HEAD_DEPS or not (
        tok.pos_ in ("NOUN", "PROPN") or (tok.pos_ == "PRON" and tok.lower_ in _PERSON_PRONOUNS)
    ):
        return None
    if tok.ent_iob_ == "I" and _one_name(tok, tok.head):
        return None  # inside a name whose head is another token
    start = offset + tok.idx
    span = Span(start, start + len(tok.text))
    phrase = describe(tok, offset)
    if tok.pos_ == "PROPN" and phrase.kind in ("organisation", "outlet", "other"):
        at = bisect.bisect_right(persons, span.start, key=lambda p: p.start) - 1
        if at >= 0 and persons[at].contains(span):
            phrase = replace(phrase, kind="person", name=persons[at])
    if phrase.kind not in _KINDS:
        return None
    head = tok.head
    subject = tok.dep_ in ("nsubj", "nsubjpass")
    main = subject and (head.dep_ == "ROOT" or (head.dep_ == "conj" and head.head.dep_ == "ROOT"))
    quoted = any(q.start <= span.start < q.end for q in quotes)
    listener = tok.dep_ in ("dobj", "dative") and head.lemma_.lower() in _ASKING
    return Referent(
        span=span,
        phrase=phrase,
        sentence=sentence,
        subject=subject,
        main=main,
        quoted=quoted,
        listener=listener,
        proper=tok.pos_ == "PROPN",
        clause=offset + head.idx if head.pos_ in ("VERB", "AUX") else -1,
        coordination=_coordination(tok, offset),
    )


def _one_name(a: Token, b: Token) -> bool:
    # Both tokens inside one named entity ("Bolt Industries" conjoined to "Acme Corp" is a
    # name of its own).
    lo, hi = sorted((a.i, b.i))
    doc = a.doc
    return bool(a.ent_type_) and all(doc[k].ent_iob_ == "I" for k in range(lo + 1, hi + 1))


def _coordination(tok: Token, offset: int) -> int:
    # The first conjunct of a coordination: up the ``conj`` arcs to the head they hang from.
    first = tok
    while first.dep_ == "conj" and first.head is not first:
        first = first.head
    if first is tok and not any(c.dep_ == "conj" for c in tok.children):
        return -1
    return offset + first.idx
