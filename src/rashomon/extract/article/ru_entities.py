"""Name mentions of Russian articles, from natasha's entities on the parsed blocks.

Russian inflects names: ``Путин``, ``Путина``, ``Путину`` are one name. Each mention keeps its
surface text as evidence and is compared, linked and named by its nominative form (natasha's
span normalisation, kept on the doc by :mod:`rashomon.nlp.russian`), so an article's local
entity is ``Владимир Путин`` whatever case its mentions are in.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from rashomon.extract.article.entities import NAME_LABELS, RawMention
from rashomon.lexicon import words
from rashomon.model import Role, Span
from rashomon.nlp.pipelines import doc_text
from rashomon.nlp.russian import normal_forms

__all__ = ["find_ru_mentions"]


def find_ru_mentions(
    blocks: Sequence[tuple[int, Any]], text: str, *, labels: frozenset[str] = NAME_LABELS
) -> tuple[list[RawMention], list[str]]:
    """Name mentions of a Russian article and the nominative form of each.

    Args:
        blocks: ``(offset, Doc)`` pairs from :class:`~rashomon.nlp.russian.RussianPipeline`.
        text: the article text.
        labels: entity labels to keep.

    Returns:
        The mentions in text order (article offsets, roles stated before person names) and,
        per mention, its nominative form.

    Raises:
        ValueError: a block's text is not the article text at its offset.
    """
    out: list[RawMention] = []
    names: list[str] = []
    lemmas: list[str] = []
    for offset, doc in blocks:
        if text[offset : offset + len(doc_text(doc))] != doc_text(doc):
            raise ValueError(f"parsed block at offset {offset} does not match the article text")
        forms = normal_forms(doc)
        for whole in doc.ents:
            ent = _trimmed(whole)
            if ent is None or ent.label_ not in labels or not ent.text[:1].isupper():
                continue
            if ent.label_ == "PERSON" and _role_word(ent.text):
                continue  # "Президент" alone, tagged as a person
            start, end = offset + ent.start_char, offset + ent.end_char
            roles = _roles(doc, ent, offset) if ent.label_ == "PERSON" else []
            out.append(RawMention(start=start, end=end, label=ent.label_, roles=roles))
            normal = forms.get((whole.start_char, whole.end_char), whole.text)
            if ent is not whole:
                normal = normal.strip(_PUNCT + " ")
            lemma = _lemma_form(ent)
            if ent.label_ == "PERSON" and normal == ent.text and _inflected(ent):
                normal = lemma  # natasha left a foreign name in its case: "Гвардиолы"
            names.append(normal)
            lemmas.append(lemma)
    return out, unify_case_forms([text[m.start : m.end] for m in out], names, lemmas)


_PUNCT = "()[]«»\"„“”'.,;:!?-–—"


def _trimmed(ent: Any) -> Any | None:
    """An entity span without punctuation at its edges ("(Хейс)" -> "Хейс")."""
    lo, hi = ent.start, ent.end
    doc = ent.doc
    while lo < hi and doc[lo].text in _PUNCT:
        lo += 1
    while hi > lo and doc[hi - 1].text in _PUNCT:
        hi -= 1
    if lo == hi:
        return None
    if (lo, hi) == (ent.start, ent.end):
        return ent
    return _span(doc, lo, hi, ent.label_)


def _span(doc: Any, lo: int, hi: int, label: str) -> Any:
    from spacy.tokens import Span as SpacySpan

    return SpacySpan(doc, lo, hi, label=label)


def _inflected(ent: Any) -> bool:
    """Whether a name's words are in a case other than the nominative."""
    cases = {c for tok in ent if tok.pos_ in ("PROPN", "NOUN") for c in tok.morph.get("Case")}
    return bool(cases) and "Nom" not in cases


def _lemma_form(ent: Any) -> str:
    """A name as its words' lemmas, capitalised as written (``Гвардиолы`` -> ``Гвардиола``)."""
    words = []
    for tok in ent:
        lemma = tok.lemma_ or tok.text
        words.append(lemma[:1].upper() + lemma[1:] if tok.text[:1].isupper() else lemma)
        if tok.whitespace_ and tok.i < ent.end - 1:
            words.append(" ")
    return "".join(words)


# Case endings of Russian nouns and adjectives, longest first: what is left is a name's stem.
_ENDINGS = re.compile(r"(?:ого|ему|ыми|ими|ой|ей|ом|ем|ым|им|ых|их|ою|ею|а|я|ы|и|у|ю|е|о)$")


def name_stem(name: str) -> str:
    """A name with each word's case ending cut (``Дзюбы`` and ``Дзюба`` -> ``дзюб``)."""
    out = []
    for word in name.casefold().replace("ё", "е").split():
        stem = _ENDINGS.sub("", word)
        out.append(stem if len(stem) >= 2 else word)
    return " ".join(out)


def unify_case_forms(
    surfaces: Sequence[str], names: Sequence[str], lemmas: Sequence[str] | None = None
) -> list[str]:
    """One nominative per name whose case forms the morphology could not all undo.

    pymorphy2 inflects known names (``Путину`` -> ``Путин``), but guesses at foreign and rare
    ones (``Дзюбы`` stays ``Дзюбы``). Mentions whose words share their stems are one name,
    written as the form the article itself uses in the nominative (a surface equal to its
    lemma form), else the most frequent lemma form, else the most frequent normal form.

    Args:
        surfaces: the mentions as written.
        names: natasha's normal form of each.
        lemmas: each mention as its words' lemmas.

    Returns:
        The name of each mention.
    """
    groups: dict[str, list[int]] = defaultdict(list)
    for i, name in enumerate(names):
        groups[name_stem(name)].append(i)
    out = list(names)
    for members in groups.values():
        forms = {names[i] for i in members}
        if len(forms) < 2:
            continue
        # Written in the nominative: the surface is its own lemma form.
        written = Counter(
            names[i] for i in members if lemmas is not None and surfaces[i] == lemmas[i]
        )
        lemma_forms = Counter(lemmas[i] for i in members) if lemmas is not None else Counter()
        counts = written or lemma_forms or Counter(names[i] for i in members)
        best = max(counts, key=lambda n: (counts[n], n))
        for i in members:
            out[i] = best
    return out


def _role_word(name: str) -> bool:
    return name.casefold() in words("role_nouns", "ru")


def _roles(doc: Any, ent: Any, offset: int) -> list[Role]:
    """A role written before a person's name: ``пресс-секретарь Кремля Дмитрий Песков``.

    The role is the noun phrase the name stands in apposition to (its head when the parser
    hangs the name from a role noun), or the role noun right before the name.
    """
    role_nouns = words("role_nouns", "ru")
    head = ent.root.head
    if head.i < ent.start and head.lemma_ in role_nouns:
        first = min(t.i for t in head.subtree if t.i < ent.start)
        return [_role(doc, first, ent.start, offset)]
    if ent.start > 0:
        prev = doc[ent.start - 1]
        if prev.lemma_ in role_nouns:
            first = min(t.i for t in prev.subtree if t.i < ent.start)
            return [_role(doc, first, ent.start, offset)]
    return []


def _role(doc: Any, i: int, j: int, offset: int) -> Role:
    span = doc[i:j]
    value = span.text.strip(" ,")
    start = offset + span.start_char
    return Role(text=value, span=Span(start, start + len(value)))
