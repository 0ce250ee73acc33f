"""spaCy speed shims: line-break sentence starts, and cached stand-ins for the attribute ruler
and lemmatizer that give identical output faster (see benchmarks/README.md)."""

from __future__ import annotations

import functools
import re
from typing import Any

LINE_SENTS = "rashomon_line_sents"


def _mark_line_starts(doc: Any) -> Any:
    """Start a sentence after every line break, so the parser does not run across lines.

    Scraped text puts headlines, bylines and paragraphs on their own lines, often without a
    full stop; parsed as one sentence, a headline steals the next sentence's subject.

    The marks are written as one array: setting ``token.is_sent_start`` checks the whole doc
    for a parse each time, which made a text of many short lines quadratic.
    """
    from spacy.attrs import SENT_START

    after = [tok.i + 1 for tok in doc[:-1] if "\n" in tok.text]
    if after:
        starts = doc.to_array([SENT_START])
        starts[after] = 1
        doc.from_array([SENT_START], starts)
    return doc


# A whitespace-free run this long is kept as one token. spaCy's tokenizer strips a long
# token's prefixes and suffixes one at a time, searching the whole rest of it each time: a
# line of 20,000 quotation marks took two minutes. No word or URL worth parsing is this long.
LONG_TOKEN = 256


def guard_long_tokens(nlp: Any) -> Any:
    """Make ``nlp``'s tokenizer keep whitespace-free runs of :data:`LONG_TOKEN` characters or
    more as single tokens (once), and return ``nlp``."""
    tokenizer = nlp.tokenizer
    inner = getattr(tokenizer, "token_match", None)
    if getattr(inner, "rashomon_long_tokens", False):
        return nlp

    def token_match(text: str) -> Any:
        if len(text) >= LONG_TOKEN:
            return True
        return inner(text) if inner is not None else None

    token_match.rashomon_long_tokens = True  # type: ignore[attr-defined]
    tokenizer.token_match = token_match
    return nlp


def with_line_sentences(nlp: Any) -> Any:
    """Add the line-break sentence marker before the parser of ``nlp`` (once) and return it."""
    from spacy.language import Language

    if LINE_SENTS not in Language.factories:
        Language.component(LINE_SENTS, func=_mark_line_starts)
    if "parser" in nlp.pipe_names and LINE_SENTS not in nlp.pipe_names:
        nlp.add_pipe(LINE_SENTS, before="parser")
    return nlp


class CachedLemmas:
    """spaCy's rule or lookup lemmatizer, applied through a table of the lemmas already found.

    The lemmatizer's result depends only on a token's form, part of speech and morphology
    (spaCy caches it on exactly that key), but it still builds a Python ``Token`` and sets
    one attribute per token. Reading those three columns as an array and writing the lemma
    column back costs a fraction of that, with identical lemmas.
    """

    def __init__(self, name: str, lemmatizer: Any) -> None:
        self.name = name
        self.lemmatizer = lemmatizer
        self.table: dict[tuple[int, int, int], int] = {}

    @classmethod
    def for_pipeline(cls, nlp: Any) -> CachedLemmas | None:
        """The cached form of ``nlp``'s lemmatizer, or None when it has none this applies to."""
        from spacy.pipeline import Lemmatizer

        for name, proc in nlp.pipeline:
            if isinstance(proc, Lemmatizer) and proc.mode in ("rule", "lookup"):
                return cls(name, proc)
        return None

    def __call__(self, doc: Any) -> Any:
        """Fill the lemmas of ``doc`` that an earlier component did not set."""
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        if not len(doc):
            return doc
        cols = doc.to_array([ORTH, POS, MORPH, LEMMA])
        out = cols[:, 3].copy()
        overwrite = bool(getattr(self.lemmatizer, "overwrite", False))
        strings = doc.vocab.strings
        table = self.table
        for i, (orth, pos, morph, lemma) in enumerate(cols.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            found = table.get(key)
            if found is None:
                found = table[key] = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            out[i] = found
        doc.from_array([LEMMA], out.reshape(-1, 1))
        return doc


class CachedAttributes:
    """spaCy's attribute ruler, applied through a table of the results already found.

    The ruler's patterns are short (one or two tokens) and look only at a token's tag,
    lowercase form, dependency label and whether it is a space, so its effect on a token is
    fixed by those values for the token and its neighbours within the longest pattern. Values
    that no pattern names behave alike and are folded together, which makes the table small;
    each new context is run through the real ruler once, on a doc of just those tokens.
    Running spaCy's matcher over every token of every block cost more than the parser.
    """

    _ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")
    # Stands for every value no pattern names (a label no pipeline uses, a word no regex matches).
    _OTHER = "rashomonother"

    def __init__(self, name: str, ruler: Any) -> None:
        self.name = name
        self.ruler = ruler
        self.table: dict[tuple[Any, ...], tuple[int, int, int, int, int]] = {}
        self.folds: dict[tuple[int, ...], tuple[Any, Any]] = {}
        # Values named by any pattern (for the token itself) and by multi-token patterns (for
        # its neighbours, which matter only through a pattern that covers both).
        named: dict[str, set[Any]] = {a: set() for a in self._ATTRS}
        near: dict[str, set[Any]] = {a: set() for a in self._ATTRS}
        regexes: list[re.Pattern[str]] = []
        near_regexes: list[re.Pattern[str]] = []
        longest = 1
        for entry in ruler.patterns:
            for pattern in entry["patterns"]:
                longest = max(longest, len(pattern))
                sets = (named, near) if len(pattern) > 1 else (named,)
                for spec in pattern:
                    for attr, want in spec.items():
                        if attr not in named:
                            raise ValueError(f"attribute ruler pattern on {attr}")
                        for op, arg in want.items() if isinstance(want, dict) else [("", want)]:
                            if op == "REGEX":
                                regexes.append(re.compile(arg))
                                if len(pattern) > 1:
                                    near_regexes.append(re.compile(arg))
                            elif op in ("IN", "NOT_IN", ""):
                                for target in sets:
                                    target[attr].update(arg if op else [arg])
                            else:
                                raise ValueError(f"attribute ruler operator {op}")
        self.named, self.near = named, near
        self.regexes, self.near_regexes = regexes, near_regexes
        self.window = longest - 1

    @classmethod
    def for_pipeline(cls, nlp: Any) -> CachedAttributes | None:
        """The cached form of ``nlp``'s attribute ruler, or None when its patterns don't fit."""
        from spacy.pipeline import AttributeRuler

        for name, proc in nlp.pipeline:
            if isinstance(proc, AttributeRuler):
                try:
                    return cls(name, proc)
                except (ValueError, KeyError, TypeError, re.error):
                    return None
        return None

    def _fold(
        self, tag: str, lower: str, dep: str, space: bool, *, near: bool = False
    ) -> tuple[str, str, str, bool]:
        named = self.near if near else self.named
        regexes = self.near_regexes if near else self.regexes
        if tag not in named["TAG"]:
            tag = self._OTHER
        if dep not in named["DEP"]:
            dep = self._OTHER
        if (
            not space
            and lower not in named["LOWER"]
            and not any(rx.search(lower) for rx in regexes)
        ):
            lower = self._OTHER
        return (tag, lower, dep, space)

    def _compute(self, context: tuple[Any, ...], at: int) -> tuple[int, int, int, int, int]:
        from spacy.tokens import Doc

        words = [lower for _, lower, _, _ in context]
        mini = Doc(self.ruler.vocab, words=words, spaces=[False] * len(words))
        for tok, (tag, _, dep, _) in zip(mini, context, strict=True):
            tok.tag_ = tag
            tok.dep_ = dep
        before_tag, before_dep = mini[at].tag, mini[at].dep
        self.ruler(mini)
        tok = mini[at]
        # 0 means "the ruler left it as it was" for tag and dep.
        tag = tok.tag if tok.tag != before_tag else 0
        dep = tok.dep if tok.dep != before_dep else 0
        return (tok.pos, tok.morph.key, tok.lemma, tag, dep)  # type: ignore[attr-defined]

    def __call__(self, doc: Any) -> Any:
        """Set what the attribute ruler sets (POS, MORPH, LEMMA and exceptions) on ``doc``."""
        from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG

        n = len(doc)
        if not n:
            return doc
        strings = doc.vocab.strings
        folds = self.folds
        own, near = [], []
        for key in doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist():
            f = folds.get(tuple(key))
            if f is None:
                tag, lower, dep, space = key
                values = (strings[tag] if tag else "", strings[lower], strings[dep] if dep else "")
                f = folds[tuple(key)] = (
                    self._fold(*values, bool(space)),
                    self._fold(*values, bool(space), near=True),
                )
            own.append(f[0])
            near.append(f[1])
        cols = doc.to_array([POS, MORPH, LEMMA, TAG, DEP])
        w = self.window
        table = self.table
        for i in range(n):
            lo, hi = max(0, i - w), min(n, i + w + 1)
            context = (*near[lo:i], own[i], *near[i + 1 : hi])
            key = (i - lo, *context)
            found = table.get(key)
            if found is None:
                found = table[key] = self._compute(context, i - lo)
            pos, morph, lemma, tag, dep = found
            if pos:
                cols[i, 0] = pos
            if morph:
                cols[i, 1] = morph
            if lemma:
                cols[i, 2] = lemma
            if tag:
                cols[i, 3] = tag
            if dep:
                cols[i, 4] = dep
        doc.from_array([POS, MORPH, LEMMA, TAG, DEP], cols)
        return doc


@functools.lru_cache(maxsize=4)
def fast_components(nlp: Any) -> tuple[CachedAttributes | CachedLemmas, ...]:
    """The cached stand-ins for ``nlp``'s attribute ruler and lemmatizer that can replace them.

    They replace the originals only when, as in spaCy's English pipelines, the two are
    adjacent and every component after them ignores parts of speech and lemmas (the entity
    recogniser); otherwise none, and the pipeline runs unchanged. Built once per pipeline
    (pipelines are loaded once per process), so their tables fill across batches.
    """
    names = list(nlp.pipe_names)
    ruler, lemmas = CachedAttributes.for_pipeline(nlp), CachedLemmas.for_pipeline(nlp)
    if ruler is None or lemmas is None:
        return ()
    at = names.index(ruler.name)
    if names[at + 1 : at + 2] != [lemmas.name] or any(n != "ner" for n in names[at + 2 :]):
        return ()
    return (ruler, lemmas)
