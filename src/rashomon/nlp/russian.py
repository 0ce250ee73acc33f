"""Russian analysis with natasha, handed on as spaCy ``Doc`` objects.

natasha (razdel segmentation, slovnet morphology, UD syntax and NER, pymorphy2 lemmas; the
weights ship inside its wheel) does the analysis; :class:`RussianPipeline` turns each text into
a ``spacy.tokens.Doc`` on the vocab of ``spacy.blank("ru")`` (no model download) with words,
whitespace, lemmas, UD parts of speech and features, UD heads and relations (``root`` becomes
spaCy's ``ROOT``), sentence starts and entity spans. The article stages after the nlp stage
then read one structure for both languages.

Conventions of the Russian docs:

* Entity labels: natasha's ``PER``/``LOC``/``ORG`` become ``PERSON``/``GPE``/``ORG``.
* ``doc.user_data[NORMAL_KEY]`` maps an entity's ``(start_char, end_char)`` to its nominative
  form (``Владимира Путина`` -> ``Владимир Путин``), natasha's span normalisation.
* ``doc.lang_`` is ``"ru"``; relations are UD (``nsubj``, ``obj``, ``obl``, ``ccomp``,
  ``parataxis``...), unlike the English pipeline's ClearNLP labels.
* A sentence never crosses a line break (scraped headlines carry no full stop).

Inference runs in batches over the sentences of many texts, sorted by length so that little
padding is computed; with one BLAS thread this is several times faster than natasha's
per-document calls.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "ENTITY_LABELS",
    "NORMAL_KEY",
    "RussianPipeline",
    "is_cyrillic",
    "load_russian",
    "normal_forms",
]

NORMAL_KEY = "rashomon.normal"
ENTITY_LABELS: dict[str, str] = {"PER": "PERSON", "LOC": "GPE", "ORG": "ORG"}
BATCH = 64  # sentences per slovnet call

_CYRILLIC_RE = re.compile(r"[\u0400-\u04FF]")
_LETTER_RE = re.compile(r"[^\W\d_]")


def is_cyrillic(text: str, *, share: float = 0.5) -> bool:
    """Whether at least ``share`` of the letters of ``text`` are Cyrillic (and there are any)."""
    letters = len(_LETTER_RE.findall(text))
    return letters > 0 and len(_CYRILLIC_RE.findall(text)) >= share * letters


@functools.lru_cache(maxsize=1)
def load_russian() -> RussianPipeline:
    """The Russian pipeline, loaded once per process (natasha's packaged weights).

    Raises:
        ModelError: natasha's files differ from the pinned hashes.
    """
    return RussianPipeline()


def normal_forms(doc: Any) -> dict[tuple[int, int], str]:
    """The nominative form of each entity span of a Russian doc, by character offsets."""
    forms = doc.user_data.get(NORMAL_KEY)
    return dict(forms) if forms else {}


@dataclass(slots=True)
class _Sent:
    """One sentence of one text: its natasha tokens (offsets into the text)."""

    text_index: int
    start: int
    tokens: list[Any] = field(default_factory=list)


class RussianPipeline:
    """natasha's segmenter, morphology tagger, syntax parser, NER and lemmatiser as one step."""

    def __init__(self) -> None:
        from natasha import (
            MorphVocab,
            NewsEmbedding,
            NewsMorphTagger,
            NewsNERTagger,
            NewsSyntaxParser,
        )
        from spacy import blank

        from rashomon.nlp.pins import verify_package
        from rashomon.nlp.pipelines import use_numpy_blas

        verify_package("natasha")
        use_numpy_blas()  # one BLAS thread: slovnet's matrices are small
        emb = NewsEmbedding()
        self.morph = NewsMorphTagger(emb)
        self.syntax = NewsSyntaxParser(emb)
        self.ner = NewsNERTagger(emb)
        self.vocab_morph = MorphVocab()
        self.vocab = blank("ru").vocab

    def __call__(self, text: str) -> Any:
        """Analyse one text."""
        return self.pipe([text])[0]

    def pipe(self, texts: Sequence[str]) -> list[Any]:
        """Analyse texts together; one spaCy ``Doc`` per text, its text equal to the input.

        Args:
            texts: the texts (body blocks of articles).

        Returns:
            The docs, in order.
        """
        from natasha.doc import DocSpan

        sents = [s for n, text in enumerate(texts) for s in _segment(n, text)]
        self._tag(sents)
        by_text: list[list[_Sent]] = [[] for _ in texts]
        for s in sents:
            by_text[s.text_index].append(s)
        spans_by_text: list[list[Any]] = [[] for _ in texts]
        ner_input = [(s, texts[s.text_index][s.start : s.tokens[-1].stop]) for s in sents]
        for (s, _), markup in zip(ner_input, self.ner.map([t for _, t in ner_input]), strict=True):
            for span in markup.spans:
                start, stop = s.start + span.start, s.start + span.stop
                inside = [t for t in s.tokens if t.start >= start and t.stop <= stop]
                if inside:
                    text = texts[s.text_index][start:stop]
                    spans_by_text[s.text_index].append(
                        DocSpan(start, stop, span.type, text, tokens=inside)
                    )
        return [
            self._to_doc(text, by_text[n], spans_by_text[n]) for n, text in enumerate(texts)
        ]

    def _tag(self, sents: Sequence[_Sent]) -> None:
        """Morphology, syntax and lemmas of every sentence, batched by length."""
        order = sorted(range(len(sents)), key=lambda i: len(sents[i].tokens))
        words = [[t.text for t in sents[i].tokens] for i in order]
        for i, morph in zip(order, _mapped(self.morph, words), strict=True):
            for tok, tagged in zip(sents[i].tokens, morph.tokens, strict=True):
                tok.pos, tok.feats = tagged.pos, tagged.feats
        for i, parse in zip(order, _mapped(self.syntax, words), strict=True):
            for tok, parsed in zip(sents[i].tokens, parse.tokens, strict=True):
                tok.id, tok.head_id, tok.rel = parsed.id, parsed.head_id, parsed.rel
        vocab = self.vocab_morph
        for s in sents:
            for tok in s.tokens:
                tok.lemmatize(vocab)

    def _to_doc(self, text: str, sents: Sequence[_Sent], spans: Sequence[Any]) -> Any:
        from spacy.tokens import Doc

        from rashomon.nlp.pipelines import doc_text

        words, spaces, lemmas, pos, morphs, heads, deps = _columns(text, sents)
        doc = Doc(
            self.vocab,
            words=words,
            spaces=spaces,
            lemmas=lemmas,
            pos=pos,
            morphs=morphs,
            heads=heads,
            deps=deps,
        )
        if doc_text(doc) != text:  # cannot happen unless the segmenter drops characters
            raise ValueError("Russian doc text differs from its input")
        ents: list[Any] = []
        forms: dict[tuple[int, int], str] = {}
        for span in spans:
            if span.type == "PER" and not self._may_be_name(span):
                continue
            ent = doc.char_span(span.start, span.stop, ENTITY_LABELS.get(span.type, span.type),
                                alignment_mode="expand")
            if ent is None or any(e.start < ent.end and ent.start < e.end for e in ents):
                continue
            ents.append(ent)
            span.normalize(self.vocab_morph)
            # natasha writes е for ё; a name already in the nominative keeps its spelling.
            same = span.normal == span.text.replace("ё", "е").replace("Ё", "Е")
            forms[(ent.start_char, ent.end_char)] = span.text if same else span.normal
        doc.ents = ents
        doc.user_data[NORMAL_KEY] = forms
        return doc


    def _may_be_name(self, span: Any) -> bool:
        """False for a "person" whose every word is a dictionary word that is no name
        (``Например``, ``Смерть``, ``Тартуских``): the NER guesses from capitals."""
        for tok in span.tokens:
            parses = self.vocab_morph.parse(tok.text)
            if not parses or not parses[0].is_known:
                return True
            if any({"Name", "Surn", "Patr"} & set(p.tag.grammemes) for p in parses):
                return True
        return False


def _mapped(model: Any, items: Sequence[Any]) -> Iterator[Any]:
    for lo in range(0, len(items), BATCH):
        yield from model.map(items[lo : lo + BATCH])


def _segment(index: int, text: str) -> Iterator[_Sent]:
    """Sentences of one text: razdel's, never across a line break."""
    from natasha.doc import DocToken
    from razdel import sentenize, tokenize

    pos = 0
    for line in text.split("\n"):
        for sent in sentenize(line):
            start = pos + sent.start
            toks = [
                DocToken(start + t.start, start + t.stop, t.text) for t in tokenize(sent.text)
            ]
            if toks:
                yield _Sent(text_index=index, start=start, tokens=toks)
        pos += len(line) + 1


def _columns(
    text: str, sents: Sequence[_Sent]
) -> tuple[list[str], list[bool], list[str], list[str], list[str], list[int], list[str]]:
    """The token columns of a spaCy doc: the sentences' tokens with whitespace between them.

    Whitespace other than one space after a token becomes a token of its own (as spaCy's
    tokenizer makes one), attached to the token before it, or after it at the very start.
    """
    # First the layout: each entry is a natasha token or a run of whitespace.
    layout: list[tuple[str, Any]] = []
    index: dict[int, int] = {}  # id() of a natasha token -> its doc position
    spaces: list[bool] = []
    cursor = 0
    for s in sents:
        for tok in s.tokens:
            gap = text[cursor : tok.start]
            if gap.startswith(" ") and layout:
                spaces[-1] = True
                gap = gap[1:]
            if gap:
                layout.append(("space", gap))
                spaces.append(False)
            index[id(tok)] = len(layout)
            layout.append(("token", tok))
            spaces.append(False)
            cursor = tok.stop
    tail = text[cursor:]
    if tail.startswith(" ") and layout:
        spaces[-1] = True
        tail = tail[1:]
    if tail:
        layout.append(("space", tail))
        spaces.append(False)
    heads_of: dict[int, int] = {}
    for s in sents:
        for tok, h in zip(s.tokens, _tree(s.tokens), strict=True):
            heads_of[index[id(tok)]] = index[id(s.tokens[h])]
    words: list[str] = []
    lemmas: list[str] = []
    pos: list[str] = []
    morphs: list[str] = []
    heads: list[int] = []
    deps: list[str] = []
    for i, (kind, item) in enumerate(layout):
        if kind == "space":
            words.append(item)
            lemmas.append(item)
            pos.append("SPACE")
            morphs.append("")
            heads.append(i - 1 if i > 0 else min(i + 1, len(layout) - 1))
            deps.append("dep")
            continue
        words.append(item.text)
        lemmas.append(item.lemma or item.text)
        pos.append(item.pos or "X")
        morphs.append("|".join(f"{k}={v}" for k, v in sorted((item.feats or {}).items())))
        heads.append(heads_of[i])
        rel = item.rel or "dep"
        # A second root natasha gave a sentence hangs from the first as a parenthetical clause
        # ("..., передает ТАСС"), which UD calls parataxis.
        deps.append("ROOT" if heads_of[i] == i else "parataxis" if rel == "root" else rel)
    return words, spaces, lemmas, pos, morphs, heads, deps


def _tree(tokens: Sequence[Any]) -> list[int]:
    """Sentence-relative heads as a tree: one root, no cycles (slovnet decodes greedily).

    The first token natasha marks as root stays root (else the first verb, else the first
    token); any other root, and any token whose chain of heads never reaches the root, hangs
    from the root.
    """
    n = len(tokens)
    heads: list[int] = []
    for tok in tokens:
        try:
            h = int(str(tok.head_id).rsplit("_", 1)[-1]) - 1
        except ValueError:
            h = -1
        heads.append(h if 0 <= h < n else -1)
    roots = [i for i, h in enumerate(heads) if h < 0 or h == i]
    verbs = [i for i, t in enumerate(tokens) if t.pos == "VERB"]
    root = roots[0] if roots else (verbs[0] if verbs else 0)
    heads[root] = root
    for i in range(n):
        if i != root and (heads[i] < 0 or heads[i] == i):
            heads[i] = root
    for i in range(n):
        seen = {i}
        j = heads[i]
        while j != root and j not in seen:
            seen.add(j)
            j = heads[j]
        if j != root:
            heads[i] = root
    return heads
