"""P(two statements contradict each other): sentence-encoder features, lexical cues, small MLPs.

A pair ``(a, b)`` is two texts: two sentences, a claim and a paragraph, or a headline and an
article body. Each text is cut into sentences; the two most similar sentences (one per side, by
the multilingual sentence encoder) are the pair's *focus*. The features are

* the encoder's view of the focus: ``u * v`` and ``|u - v|`` (symmetric in ``a`` and ``b``);
* similarity and lexical overlap (content words, names, numbers) of the focus and of the texts;
* contradiction cues counted per side and compared: negators, refutation words, antonym pairs
  across the two sides, numbers present on both sides with none shared.

Every feature is symmetric, so ``score(a, b) == score(b, a)``. A few small networks (trained by
``scripts/train_contradiction.py`` on SNLI and FNC-1, weights in ``rashomon/data``) map the row
to a probability; inference needs only numpy. Embeddings are cached per text, so scoring many
pairs over the same sentences costs one encoding per sentence.
"""

from __future__ import annotations

import json
import math
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from rashomon.extract.event.stance import sentence_spans
from rashomon.lexicon import entries, table
from rashomon.model import Span
from rashomon.nlp.encoders import Encoder, get_encoder

__all__ = [
    "DEFAULT_MODEL",
    "FEATURES",
    "MAX_SENTENCES",
    "VECTOR_BLOCKS",
    "ContradictionReason",
    "ContradictionScorer",
    "EmbeddingCache",
    "contradiction_reasons",
    "contradiction_scores",
    "contradiction_threshold",
]

DEFAULT_MODEL = "contradiction.npz"
"""Weights file shipped in ``rashomon/data``."""

MAX_SENTENCES = 40
"""Sentences read per text: bounds the cost of a whole article; its lead carries the claims."""

FEATURES: tuple[str, ...] = (
    "cos_focus",
    "cos_text",
    "align",
    "n_sents_short",
    "n_sents_long",
    "len_focus_min",
    "len_focus_max",
    "tok_jaccard_focus",
    "tok_cover_focus",
    "tok_only_focus",
    "tok_cover_text",
    "name_jaccard_focus",
    "name_only_focus",
    "num_both_focus",
    "num_mismatch_focus",
    "num_shared_focus",
    "num_mismatch_text",
    "neg_focus_max",
    "neg_focus_diff",
    "neg_focus_parity",
    "neg_near_long",
    "ref_focus_max",
    "ref_focus_diff",
    "ref_near_long",
    "ref_rate_long",
    "ref_short",
    "ref_sim_long",
    "ref_one_side",
    "ant_focus",
    "ant_near",
    "question_focus",
    "lang_ru",
    "domain_nli",
)
"""Names of the hand-made features, in column order (encoder blocks follow them).

``domain_nli`` is 1 only on the NLI rows of training (captions of photographs, where any two
different scenes count as contradicting) and always 0 at inference: the networks learn what
NLI adds to the notion of contradiction without taking its quirks for news."""

VECTOR_BLOCKS: tuple[str, ...] = ("prod", "absdiff")
"""Encoder blocks that may follow the hand features: ``u * v`` and ``|u - v|`` of the focus."""

_NEAR = 3  # sentences of the longer text nearest the shorter one, where its reply to it sits
_CACHE_SIZE = 20_000  # texts kept (embeddings: 2 KB each)
_WORD_RE = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)?")
_NUM_RE = re.compile(r"\d+(?:[.,]\d+)*")
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
_LATIN_RE = re.compile(r"[A-Za-z]")
_STOP = frozenset(ENGLISH_STOP_WORDS)


def _lang(text: str) -> str:
    return "ru" if len(_CYRILLIC_RE.findall(text)) > len(_LATIN_RE.findall(text)) else "en"


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    """Crude English suffix stripping so "denied", "denies" and "deny" meet."""
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""),
                         ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + repl
    return word


@dataclass(frozen=True, slots=True)
class _Matcher:
    """A compiled word list: stems matched exactly, prefixes (``word*``) and phrases."""

    stems: frozenset[str]
    prefixes: tuple[str, ...]
    phrases: re.Pattern[str] | None

    @classmethod
    def of(cls, items: Iterable[str], lang: str) -> _Matcher:
        stems, prefixes, phrases = set(), [], []
        for raw in items:
            e = raw.casefold().replace("\u2019", "'")
            if " " in e:
                # words of a phrase may end in * too (a prefix of an inflected word)
                phrases.append(r"(?<!\S)" + " ".join(
                    re.escape(w[:-1]) + r"\S*" if w.endswith("*") else re.escape(w)
                    for w in e.split()) + r"(?!\S)")
            elif e.endswith("*"):
                prefixes.append(e[:-1])
            else:
                stems.add(_stem(e) if lang == "en" else e)
        return cls(frozenset(stems), tuple(prefixes),
                   re.compile("|".join(phrases)) if phrases else None)

    def hits(self, words: Sequence[str], stems: Sequence[str]) -> list[str]:
        """The words (and phrases) of a sentence that this list matches."""
        out = [w for w, s in zip(words, stems, strict=True)
               if s in self.stems or w.startswith(self.prefixes)
               or ("n't" in self.stems and w.endswith("n't"))]
        if self.phrases is not None:
            out += [m.group() for m in self.phrases.finditer(" ".join(words))]
        return out


@dataclass(frozen=True, slots=True)
class _Antonyms:
    """Antonym pairs indexed for lookup: each word maps to its (pair index, side) slots."""

    by_stem: dict[str, tuple[tuple[int, int], ...]]
    by_prefix: tuple[tuple[str, tuple[int, int]], ...]
    prefixes: tuple[str, ...]

    def present(self, words: Sequence[str], stems: Sequence[str]) -> frozenset[tuple[int, int]]:
        """The (pair, side) slots whose word occurs."""
        out = {slot for st in stems for slot in self.by_stem.get(st, ())}
        for w in words:
            if w.startswith(self.prefixes):
                out.update(slot for p, slot in self.by_prefix if w.startswith(p))
        return frozenset(out)


@cache
def _lexicon(lang: str) -> tuple[_Matcher, _Matcher, _Antonyms]:
    """Negators, refutation cues and antonym pairs of a language, compiled once."""
    neg = _Matcher.of(entries("negators", lang), lang)
    ref = _Matcher.of(entries("refutation_cues", lang), lang)
    by_stem: dict[str, list[tuple[int, int]]] = {}
    by_prefix: list[tuple[str, tuple[int, int]]] = []
    for k, pair in enumerate(table("antonyms", lang)["pairs"]):
        for side, word in enumerate(pair):
            w = str(word).casefold()
            # Russian antonyms are word beginnings (the language inflects); English ones stems
            if lang == "ru":
                by_prefix.append((w, (k, side)))
            else:
                by_stem.setdefault(_stem(w), []).append((k, side))
    ants = _Antonyms({k: tuple(v) for k, v in by_stem.items()}, tuple(by_prefix),
                     tuple(p for p, _ in by_prefix))
    return neg, ref, ants


@dataclass(frozen=True, slots=True)
class _Sentence:
    """One sentence's words and the cues counted in it."""

    text: str
    span: Span
    n_words: int
    content: frozenset[str]
    names: frozenset[str]
    numbers: frozenset[str]
    neg: tuple[str, ...]
    ref: tuple[str, ...]
    antonyms: frozenset[tuple[int, int]]  # (pair index, side 0/1) present


def _sentence(text: str, span: Span, lang: str) -> _Sentence:
    s = text[span.start:span.end]
    toks = [m.group() for m in _WORD_RE.finditer(s)]
    words = [t.casefold().replace("\u2019", "'") for t in toks]
    stems = [_stem(w) for w in words] if lang == "en" else words
    neg, ref, ants = _lexicon(lang)
    present = ants.present(words, stems)
    stop = _STOP if lang == "en" else frozenset()
    return _Sentence(
        text=s,
        span=span,
        n_words=len(words),
        content=frozenset(st for w, st in zip(words, stems, strict=True)
                          if not w.isdigit() and w not in stop and len(w) > 2),
        # a capitalised word after the first is a name (or an acronym)
        names=frozenset(t.casefold() for t in toks[1:] if t[:1].isupper()),
        numbers=frozenset(n.replace(",", "") for n in _NUM_RE.findall(s)),
        neg=tuple(neg.hits(words, stems)),
        ref=tuple(ref.hits(words, stems)),
        antonyms=present,
    )


@dataclass(frozen=True, slots=True)
class _Text:
    """A text cut into analysed sentences."""

    sentences: tuple[_Sentence, ...]
    lang: str

    @classmethod
    def of(cls, text: str) -> _Text:
        lang = _lang(text)
        spans = sentence_spans(text)[:MAX_SENTENCES]
        return cls(tuple(_sentence(text, sp, lang) for sp in spans), lang)

    @property
    def n_words(self) -> int:
        return sum(s.n_words for s in self.sentences)


def _union(sets: Iterable[frozenset[str]]) -> frozenset[str]:
    return frozenset().union(*sets)


def _jaccard(x: frozenset[str], y: frozenset[str]) -> float:
    return len(x & y) / len(x | y) if x | y else 0.0


def _cover(x: frozenset[str], y: frozenset[str]) -> float:
    small, big = (x, y) if len(x) <= len(y) else (y, x)
    return len(small & big) / len(small) if small else 0.0


def _antonym_hits(x: _Sentence | Iterable[_Sentence], y: _Sentence | Iterable[_Sentence]
                  ) -> list[int]:
    """Antonym pairs with one word only on one side and its opposite only on the other."""
    ax = x.antonyms if isinstance(x, _Sentence) else frozenset().union(*(s.antonyms for s in x))
    ay = y.antonyms if isinstance(y, _Sentence) else frozenset().union(*(s.antonyms for s in y))
    only_x, only_y = ax - ay, ay - ax
    return sorted({k for k, side in only_x if (k, 1 - side) in only_y})


class EmbeddingCache:
    """Sentence embeddings kept per text (least recently used dropped past ``size``).

    Args:
        encoder: The sentence encoder.
        size: Most texts kept.
    """

    def __init__(self, encoder: Encoder, size: int = _CACHE_SIZE) -> None:
        self.encoder = encoder
        self.size = size
        self._vecs: OrderedDict[str, npt.NDArray[np.float32]] = OrderedDict()
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str]) -> dict[str, npt.NDArray[np.float32]]:
        """Embeddings of ``texts``; those not cached are encoded in one batch."""
        with self._lock:
            missing = [t for t in dict.fromkeys(texts) if t not in self._vecs]
            if missing:
                for t, v in zip(missing, self.encoder.encode(missing), strict=True):
                    self._vecs[t] = v
            out = {}
            for t in texts:
                self._vecs.move_to_end(t)
                out[t] = self._vecs[t]
            while len(self._vecs) > max(self.size, len(out)):
                self._vecs.popitem(last=False)
            return out


@dataclass(frozen=True, slots=True)
class _Focus:
    """The pair's most similar sentences (index into each side) and the analysed texts."""

    a: _Text
    b: _Text
    i: int
    j: int


class PairFeaturizer:
    """Feature rows for text pairs; each distinct text is analysed and embedded once per call.

    Args:
        cache: Where sentence embeddings come from.
        vectors: Encoder blocks (from :data:`VECTOR_BLOCKS`) appended to the hand features.
    """

    def __init__(self, cache: EmbeddingCache, vectors: Sequence[str] = VECTOR_BLOCKS) -> None:
        unknown = set(vectors) - set(VECTOR_BLOCKS)
        if unknown:
            raise ValueError(f"unknown vector blocks {sorted(unknown)}; known: {VECTOR_BLOCKS}")
        self.cache = cache
        self.vectors = tuple(vectors)
        self._texts: OrderedDict[str, _Text] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def dim(self) -> int:
        """Width of a feature row."""
        return len(FEATURES) + self.cache.encoder.dim * len(self.vectors)

    def _analyse(self, text: str) -> _Text:
        with self._lock:
            t = self._texts.get(text)
        if t is None:
            t = _Text.of(text)
            with self._lock:
                self._texts[text] = t
                if len(self._texts) > _CACHE_SIZE:
                    self._texts.popitem(last=False)
        return t

    def transform(self, pairs: Sequence[tuple[str, str]]
                  ) -> tuple[npt.NDArray[np.float32], list[_Focus | None]]:
        """One feature row per pair, and its focus (``None`` where a side has no sentence).

        Args:
            pairs: ``(a, b)`` text pairs.

        Returns:
            An ``(len(pairs), dim)`` float32 array (zero rows for empty sides) and the foci.
        """
        texts = {t: self._analyse(t) for t in dict.fromkeys(x for p in pairs for x in p)}
        emb = self.cache.encode([s.text for t in texts.values() for s in t.sentences])
        mats = {k: np.stack([emb[s.text] for s in t.sentences]) if t.sentences else None
                for k, t in texts.items()}
        # each text's mean direction, once per text rather than once per pair
        means = {k: _unit(m.mean(axis=0)) if len(m) > 1 else m[0]
                 for k, m in mats.items() if m is not None}
        out = np.zeros((len(pairs), self.dim), dtype=np.float32)
        foci: list[_Focus | None] = []
        d = self.cache.encoder.dim
        for row, (a, b) in enumerate(pairs):
            ea, eb = mats[a], mats[b]
            if ea is None or eb is None:
                foci.append(None)
                continue
            sims = ea @ eb.T
            i, j = np.unravel_index(int(np.argmax(sims)), sims.shape)
            focus = _Focus(texts[a], texts[b], int(i), int(j))
            foci.append(focus)
            out[row, : len(FEATURES)] = _hand(focus, float(means[a] @ means[b]), sims)
            u, v = ea[i], eb[j]
            col = len(FEATURES)
            for block in self.vectors:
                out[row, col: col + d] = u * v if block == "prod" else np.abs(u - v)
                col += d
        return out, foci


def _unit(v: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    n = float(np.linalg.norm(v))
    return v / n if n > 0 else v


def _hand(f: _Focus, cos_text: float, sims: npt.NDArray[np.float32]) -> list[float]:
    """The hand features of one pair, symmetric in its two sides (``cos_text``: cosine of the
    two texts' mean sentence directions; ``sims``: sentence-by-sentence cosines)."""
    sa, sb = f.a.sentences[f.i], f.b.sentences[f.j]
    # "short" is the side with fewer sentences: the claim a longer text may answer
    # (ties go by text, so that swapping the sides changes nothing)
    if (len(f.a.sentences), [s.text for s in f.a.sentences]) <= (
            len(f.b.sentences), [s.text for s in f.b.sentences]):
        short, long_, lsims = f.a, f.b, sims.max(axis=0)
    else:
        short, long_, lsims = f.b, f.a, sims.max(axis=1)
    near = [long_.sentences[int(k)] for k in np.argsort(-lsims)[:_NEAR]]
    short_words = _union(s.content for s in short.sentences)
    long_words = _union(s.content for s in long_.sentences)
    nums_a = _union(s.numbers for s in f.a.sentences)
    nums_b = _union(s.numbers for s in f.b.sentences)
    na, nb = len(sa.neg), len(sb.neg)
    ra, rb = len(sa.ref), len(sb.ref)
    ref_short = sum(len(s.ref) for s in short.sentences)
    ref_near = sum(len(s.ref) for s in near)
    feats = {
        "cos_focus": float(sims[f.i, f.j]),
        "cos_text": cos_text,
        "align": float(np.mean(lsims)) if len(short.sentences) == 1 else float(
            (np.mean(sims.max(axis=1)) + np.mean(sims.max(axis=0))) / 2),
        "n_sents_short": math.log1p(len(short.sentences)),
        "n_sents_long": math.log1p(len(long_.sentences)),
        "len_focus_min": math.log1p(min(sa.n_words, sb.n_words)),
        "len_focus_max": math.log1p(max(sa.n_words, sb.n_words)),
        "tok_jaccard_focus": _jaccard(sa.content, sb.content),
        "tok_cover_focus": _cover(sa.content, sb.content),
        "tok_only_focus": math.log1p(len(sa.content ^ sb.content)),
        "tok_cover_text": _cover(short_words, long_words),
        "name_jaccard_focus": _jaccard(sa.names, sb.names),
        "name_only_focus": math.log1p(len(sa.names ^ sb.names)),
        "num_both_focus": float(bool(sa.numbers) and bool(sb.numbers)),
        "num_mismatch_focus": float(bool(sa.numbers) and bool(sb.numbers)
                                    and not sa.numbers & sb.numbers),
        "num_shared_focus": math.log1p(len(sa.numbers & sb.numbers)),
        "num_mismatch_text": float(bool(nums_a) and bool(nums_b) and not nums_a & nums_b),
        "neg_focus_max": math.log1p(max(na, nb)),
        "neg_focus_diff": math.log1p(abs(na - nb)),
        "neg_focus_parity": float(na % 2 != nb % 2),
        "neg_near_long": math.log1p(sum(len(s.neg) for s in near)),
        "ref_focus_max": math.log1p(max(ra, rb)),
        "ref_focus_diff": math.log1p(abs(ra - rb)),
        "ref_near_long": math.log1p(ref_near),
        "ref_rate_long": math.log1p(100.0 * sum(len(s.ref) for s in long_.sentences)
                                    / max(long_.n_words, 1)),
        "ref_short": math.log1p(ref_short),
        # how close to the claim the nearest refuting sentence of the longer text is
        "ref_sim_long": max((float(lsims[k]) for k, s in enumerate(long_.sentences) if s.ref),
                            default=0.0),
        "ref_one_side": float((ref_short == 0) != (ref_near == 0)),
        "ant_focus": math.log1p(len(_antonym_hits(sa, sb))),
        "ant_near": math.log1p(len(_antonym_hits(short.sentences, near))),
        "question_focus": float(sa.text.rstrip().endswith("?") or sb.text.rstrip().endswith("?")),
        "lang_ru": float(f.a.lang == "ru" or f.b.lang == "ru"),
        "domain_nli": 0.0,
    }
    return [feats[name] for name in FEATURES]


@dataclass(frozen=True, slots=True)
class ContradictionReason:
    """Why a pair scored as it did: the focus sentences and the cues that fired.

    Attributes:
        score: P(contradict).
        span_a: Span, into ``a``, of the sentence most similar to ``b`` (``None`` if empty).
        span_b: Span, into ``b``, of the sentence most similar to ``a``.
        cues: Short readable notes, e.g. ``"negation on one side: not"``,
            ``"numbers differ: 12 / 15"``, ``"opposites: rise / fall"``.
    """

    score: float
    span_a: Span | None
    span_b: Span | None
    cues: tuple[str, ...]


def _cues(f: _Focus) -> tuple[str, ...]:
    sa, sb = f.a.sentences[f.i], f.b.sentences[f.j]
    out = []
    if bool(sa.neg) != bool(sb.neg):
        out.append("negation on one side: " + ", ".join(sa.neg or sb.neg))
    if sa.ref or sb.ref:
        out.append("refutation: " + ", ".join(dict.fromkeys((*sa.ref, *sb.ref))))
    if sa.numbers and sb.numbers and not sa.numbers & sb.numbers:
        out.append(f"numbers differ: {', '.join(sorted(sa.numbers))} / "
                   f"{', '.join(sorted(sb.numbers))}")
    lang = f.a.lang if f.a.lang == f.b.lang else "en"
    pairs = table("antonyms", lang)["pairs"]
    ants = _antonym_hits(sa, sb)
    if ants:
        out.append("opposites: " + "; ".join(" / ".join(pairs[k]) for k in ants))
    return tuple(out)


class ContradictionScorer:
    """Averaged small feed-forward networks over :class:`PairFeaturizer` rows.

    The weights are an ``.npz`` file (no pickle): standardisation, each member's dense layers,
    and a JSON ``meta`` entry with the feature names, the decision threshold and the training
    provenance.

    Args:
        arrays: The arrays of a weights file.
        encoder: Encoder to use; defaults to the one named in the weights.
    """

    def __init__(self, arrays: dict[str, npt.NDArray[Any]], *,
                 encoder: Encoder | None = None) -> None:
        self.meta: dict[str, Any] = json.loads(str(arrays["meta"]))
        if tuple(self.meta["features"]) != FEATURES:
            raise ValueError("weights were built for a different feature set; retrain with "
                             "scripts/train_contradiction.py")
        enc_name = self.meta["encoder"]
        if encoder is not None and encoder.name != enc_name:
            raise ValueError(f"weights were trained with encoder {enc_name!r}, "
                             f"got {encoder.name!r}")
        self._encoder_name = enc_name
        self._encoder = encoder
        self.vectors: tuple[str, ...] = tuple(self.meta["vectors"])
        self.threshold = float(self.meta["threshold"])
        self._mean = np.asarray(arrays["mean"], dtype=np.float32)
        self._scale = np.asarray(arrays["scale"], dtype=np.float32)
        self._members = [
            [(np.asarray(arrays[f"m{m}_W{k}"], dtype=np.float32),
              np.asarray(arrays[f"m{m}_b{k}"], dtype=np.float32))
             for k in range(int(self.meta["layers"][m]))]
            for m in range(len(self.meta["layers"]))
        ]
        if not self._members:
            raise ValueError("weights file holds no network")
        self._featurizer: PairFeaturizer | None = None
        self._lock = threading.Lock()

    @classmethod
    def load(cls, path: str | Path | None = None, *,
             encoder: Encoder | None = None) -> ContradictionScorer:
        """Load a weights file; by default the model shipped with rashomon.

        Raises:
            ValueError: the file is not a contradiction weights file.
        """
        src = (resources.files("rashomon.data").joinpath(DEFAULT_MODEL) if path is None
               else Path(path))
        try:
            with src.open("rb") as fh, np.load(fh, allow_pickle=False) as z:
                arrays = {k: z[k] for k in z.files}
            return cls(arrays, encoder=encoder)
        except (OSError, KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{path or DEFAULT_MODEL}: not a contradiction weights file "
                             f"({exc})") from exc

    @property
    def featurizer(self) -> PairFeaturizer:
        """The featurizer matching these weights (loads the encoder on first use)."""
        with self._lock:
            if self._featurizer is None:
                enc = self._encoder or get_encoder(self._encoder_name)
                self._featurizer = PairFeaturizer(EmbeddingCache(enc), self.vectors)
            return self._featurizer

    def proba_from_features(self, x: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        """P(contradict) for precomputed feature rows (mean over the member networks)."""
        z = (np.asarray(x, dtype=np.float32) - self._mean) / self._scale
        total = np.zeros(z.shape[0], dtype=np.float32)
        for layers in self._members:
            h = z
            for k, (w, b) in enumerate(layers):
                h = h @ w + b
                if k < len(layers) - 1:
                    h = np.maximum(h, 0.0)
            total += 1.0 / (1.0 + np.exp(-np.clip(h[:, -1], -30.0, 30.0)))
        return (total / np.float32(len(self._members))).astype(np.float32)

    def scores(self, pairs: Sequence[tuple[str, str]]) -> npt.NDArray[np.float32]:
        """P(contradict) per pair; 0 where a side has no sentence."""
        if not pairs:
            return np.zeros(0, dtype=np.float32)
        x, foci = self.featurizer.transform(pairs)
        p = self.proba_from_features(x)
        p[[f is None for f in foci]] = 0.0
        return p

    def reasons(self, pairs: Sequence[tuple[str, str]]) -> list[ContradictionReason]:
        """Score, focus sentences and fired cues per pair."""
        if not pairs:
            return []
        x, foci = self.featurizer.transform(pairs)
        p = self.proba_from_features(x)
        return [ContradictionReason(0.0, None, None, ()) if f is None else
                ContradictionReason(float(s), f.a.sentences[f.i].span,
                                    f.b.sentences[f.j].span, _cues(f))
                for s, f in zip(p, foci, strict=True)]


@cache
def _default() -> ContradictionScorer:
    return ContradictionScorer.load()


def contradiction_scores(pairs: Sequence[tuple[str, str]]) -> npt.NDArray[np.float32]:
    """P(the two texts of a pair contradict each other), per pair.

    Texts may be sentences, claims or whole articles (their best-matching sentences are
    compared). The shipped model is loaded once; sentence embeddings are batch-encoded and
    cached per text, so repeated texts across calls are encoded once.

    Args:
        pairs: ``(a, b)`` text pairs; the order inside a pair does not matter.

    Returns:
        A float32 array of probabilities, one per pair (0 where a side has no words).
    """
    return _default().scores(pairs)


def contradiction_threshold() -> float:
    """The score from which the shipped model calls a pair contradicting (F1-best on news)."""
    return _default().threshold


def contradiction_reasons(pairs: Sequence[tuple[str, str]]) -> list[ContradictionReason]:
    """Like :func:`contradiction_scores`, with the focus sentences and the cues that fired."""
    return _default().reasons(pairs)
