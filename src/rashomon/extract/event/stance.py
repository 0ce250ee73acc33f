"""Stance of a text towards a claim (agree/disagree/discuss/unrelated): features and classifier."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from rashomon.lexicon import table
from rashomon.model import Span
from rashomon.nlp.encoders import Encoder, get_encoder

__all__ = [
    "DEFAULT_MODEL",
    "HAND_FEATURES",
    "HEDGE_CUES",
    "NEGATION_CUES",
    "REFUTE_CUES",
    "STANCE_LABELS",
    "SUPPORT_CUES",
    "PairFeaturizer",
    "StanceClassifier",
    "StancePrediction",
    "sentence_spans",
]

STANCE_LABELS: tuple[str, ...] = ("agree", "disagree", "discuss", "unrelated")
"""Output labels, in the column order of :meth:`StanceClassifier.predict_proba`."""

DEFAULT_MODEL = "stance_fnc1.json"
"""Weights file shipped in ``rashomon/data``."""

# Cue lists are matched on lower-cased word sequences. Single words are compared after
# stripping a few inflections (see _stem), so "denied"/"denies"/"deny" share one entry.
REFUTE_CUES: tuple[str, ...] = tuple(table("stance_cues")["refute"])
"""Words and phrases that signal a denial or debunking."""

HEDGE_CUES: tuple[str, ...] = tuple(table("stance_cues")["hedge"])
"""Words and phrases that report a claim without committing to it."""

SUPPORT_CUES: tuple[str, ...] = tuple(table("stance_cues")["support"])
"""Words and phrases that assert a claim as established."""

NEGATION_CUES: tuple[str, ...] = tuple(table("stance_cues")["negation"])
"""Plain negators."""

HAND_FEATURES: tuple[str, ...] = (
    "emb_cos_body",
    "emb_cos_max",
    "emb_cos_mean",
    "emb_cos_top3",
    "emb_cos_lead",
    "emb_best_pos",
    "emb_cos_gap",
    "tok_jaccard",
    "tok_head_cov",
    "tok_head_cov_lead",
    "tok_head_cov_best",
    "tok_head_cov_max",
    "bigram_cov",
    "name_cov",
    "name_head",
    "num_head",
    "num_cov",
    "num_mismatch",
    "head_refute",
    "head_hedge",
    "head_support",
    "head_neg",
    "head_question",
    "body_refute",
    "body_hedge",
    "body_support",
    "body_neg",
    "best_refute",
    "best_hedge",
    "best_support",
    "best_neg",
    "lead_refute",
    "lead_hedge",
    "refute_sim_max",
    "hedge_sim_max",
    "support_sim_max",
    "neg_sim_max",
    "refute_body_only",
    "refute_head_only",
    "hedge_body_only",
    "refute_polarity",
    "neg_polarity_best",
    "len_head",
    "len_body",
    "n_sents",
)
"""Names of the hand-made features, in column order (dense vector blocks follow them)."""

VECTOR_BLOCKS: tuple[str, ...] = ("head", "best_prod", "best_absdiff", "body_mean")
"""Embedding blocks that can be appended after the hand features."""

_MAX_SENTENCES = 60  # bounds encoding cost on very long bodies; the lead carries the stance
_TOP_K = 3
_LEAD = 2
_SENT_RE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"'\u201d\u2019)\]]*|\n|$)")
_WORD_RE = re.compile(r"[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)?")
_NUM_RE = re.compile(r"\d+(?:[.,]\d+)*")
_CAP_RE = re.compile(r"\b[A-Z][a-zA-Z\-']+")
_ABBREV_RE = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|Gen|Sen|Rep|Gov|Lt|Col|Sgt|No|vs|etc|Inc|Co"
    r"|Corp|Ltd|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec))\.$"
)
_STOP = frozenset(ENGLISH_STOP_WORDS)


def sentence_spans(text: str) -> list[Span]:
    """Split ``text`` into sentence spans with a punctuation rule.

    Hand-written rather than spaCy because it runs over every body in training and every
    pair at inference; features only need rough sentences, and the spans stay exact.

    Args:
        text: Any text.

    Returns:
        Spans of the non-blank sentences, whitespace trimmed, in order.
    """
    spans: list[Span] = []
    for m in _SENT_RE.finditer(text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if spans and start < end and _glues(text[spans[-1].start : spans[-1].end], text[start]):
            spans[-1] = Span(spans[-1].start, end)
            continue
        if any(c.isalnum() for c in text[start:end]):
            spans.append(Span(start, end))
    return spans


def _glues(prev: str, first: str) -> bool:
    """Whether a period ending ``prev`` was an abbreviation or decimal point, not a full stop."""
    if not prev.endswith("."):
        return False
    return (
        first.islower()
        or (first.isdigit() and prev[-2:-1].isdigit())
        or _ABBREV_RE.search(prev) is not None
    )


def _stem(word: str) -> str:
    """Crude suffix stripping so inflected forms meet; no stemmer package is installed."""
    w = word.lower().replace("\u2019", "'")
    for suffix, repl in (
        ("ies", "y"),
        ("ied", "y"),
        ("ing", ""),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
    ):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)] + repl
    return w


def _words(text: str) -> list[str]:
    return [w.lower().replace("\u2019", "'") for w in _WORD_RE.findall(text)]


_Cues = tuple[frozenset[str], tuple[str, ...]]


def _compile_cues(cues: Iterable[str]) -> _Cues:
    """Split cues into single stems and space-padded phrases ("n't" counts as a single)."""
    singles = frozenset(_stem(c) for c in cues if " " not in c and ("'" not in c or c == "n't"))
    phrases = tuple(
        " " + " ".join(_words(c)) + " " for c in cues if " " in c or ("'" in c and c != "n't")
    )
    return singles, phrases


_REFUTE = _compile_cues(REFUTE_CUES)
_HEDGE = _compile_cues(HEDGE_CUES)
_SUPPORT = _compile_cues(SUPPORT_CUES)
_NEG = _compile_cues(NEGATION_CUES)


def _count_cues(words: Sequence[str], stems: Sequence[str], cues: _Cues) -> int:
    singles, phrases = cues
    n = sum(
        1
        for w, st in zip(words, stems, strict=True)
        if st in singles or ("n't" in singles and w.endswith("n't"))
    )
    if phrases:
        joined = " " + " ".join(words) + " "
        n += sum(joined.count(p) for p in phrases)
    return n


_CUE_GROUPS = {"refute": _REFUTE, "hedge": _HEDGE, "support": _SUPPORT, "neg": _NEG}


def _cue_counts(words: Sequence[str]) -> dict[str, int]:
    stems = [_stem(w) for w in words]
    return {name: _count_cues(words, stems, cues) for name, cues in _CUE_GROUPS.items()}


def _sum_counts(counts: Iterable[dict[str, int]]) -> dict[str, int]:
    total = dict.fromkeys(_CUE_GROUPS, 0)
    for c in counts:
        for k, v in c.items():
            total[k] += v
    return total


@dataclass(frozen=True, slots=True)
class _Text:
    """Pre-computed lexical views of one text (computed once per distinct text)."""

    text: str
    sentences: tuple[Span, ...]
    n_words: int
    content: frozenset[str]
    bigrams: frozenset[tuple[str, str]]
    names: frozenset[str]
    numbers: frozenset[str]
    cues: dict[str, int]
    sent_content: tuple[frozenset[str], ...] = field(repr=False)
    sent_cues: tuple[dict[str, int], ...] = field(repr=False)

    @classmethod
    def of(cls, text: str) -> _Text:
        sents = tuple(sentence_spans(text)[:_MAX_SENTENCES]) or (Span(0, len(text)),)
        words = _words(text)
        stems = [_stem(w) for w in words]
        sent_words = [_words(s.of(text)) for s in sents]
        return cls(
            text=text,
            sentences=sents,
            n_words=len(words),
            content=frozenset(s for s, w in zip(stems, words, strict=True) if w not in _STOP),
            bigrams=frozenset(zip(stems, stems[1:], strict=False)),
            names=frozenset(m.lower() for m in _CAP_RE.findall(text) if m.lower() not in _STOP),
            numbers=frozenset(n.replace(",", "") for n in _NUM_RE.findall(text)),
            cues=_cue_counts(words),
            sent_content=tuple(
                frozenset(_stem(w) for w in sw if w not in _STOP) for sw in sent_words
            ),
            sent_cues=tuple(_cue_counts(sw) for sw in sent_words),
        )


def _cover(needles: frozenset[Any], hay: frozenset[Any]) -> float:
    return len(needles & hay) / len(needles) if needles else 0.0


class PairFeaturizer:
    """Turns (claim, text) pairs into feature rows for the stance model.

    Args:
        encoder: Sentence encoder for the embedding features.
        vectors: Names from :data:`VECTOR_BLOCKS` to append after :data:`HAND_FEATURES`.
    """

    def __init__(self, encoder: Encoder, *, vectors: Sequence[str] = ()) -> None:
        unknown = set(vectors) - set(VECTOR_BLOCKS)
        if unknown:
            raise ValueError(f"unknown vector blocks {sorted(unknown)}; known: {VECTOR_BLOCKS}")
        self.encoder = encoder
        self.vectors = tuple(vectors)

    @property
    def dim(self) -> int:
        """Width of a feature row."""
        return len(HAND_FEATURES) + self.encoder.dim * len(self.vectors)

    def transform(self, pairs: Sequence[tuple[str, str]]) -> npt.NDArray[np.float32]:
        """Compute one feature row per ``(claim, text)`` pair.

        Each distinct claim and text is analysed and embedded once, so many claims against
        one body (or the reverse) cost little more than one.

        Args:
            pairs: ``(claim, text)`` tuples; ``text`` may be one sentence or a whole article.

        Returns:
            A float32 array of shape ``(len(pairs), self.dim)``.
        """
        out, _ = self._transform(pairs)
        return out

    def _transform(
        self, pairs: Sequence[tuple[str, str]]
    ) -> tuple[npt.NDArray[np.float32], list[Span]]:
        heads = {h: _Text.of(h) for h in dict.fromkeys(h for h, _ in pairs)}
        bodies = {b: _Text.of(b) for b in dict.fromkeys(b for _, b in pairs)}
        to_embed = list(
            dict.fromkeys([*heads, *(s.of(t.text) for t in bodies.values() for s in t.sentences)])
        )
        emb = dict(zip(to_embed, self.encoder.encode(to_embed), strict=True))
        body_sent_emb = {
            b: np.stack([emb[s.of(t.text)] for s in t.sentences]) for b, t in bodies.items()
        }
        out = np.zeros((len(pairs), self.dim), dtype=np.float32)
        best_spans: list[Span] = []
        d = self.encoder.dim
        for i, (h, b) in enumerate(pairs):
            hv = emb[h]
            sv = body_sent_emb[b]
            sims = sv @ hv
            best = int(np.argmax(sims))
            best_spans.append(bodies[b].sentences[best])
            out[i, : len(HAND_FEATURES)] = self._hand(heads[h], bodies[b], hv, sv, sims)
            col = len(HAND_FEATURES)
            for block in self.vectors:
                if block == "head":
                    out[i, col : col + d] = hv
                elif block == "best_prod":
                    out[i, col : col + d] = hv * sv[best]
                elif block == "best_absdiff":
                    out[i, col : col + d] = np.abs(hv - sv[best])
                else:  # body_mean
                    out[i, col : col + d] = _unit(sv.mean(axis=0))
                col += d
        return out, best_spans

    @staticmethod
    def _hand(
        head: _Text,
        body: _Text,
        hv: npt.NDArray[np.float32],
        sv: npt.NDArray[np.float32],
        sims: npt.NDArray[np.float32],
    ) -> list[float]:
        n = len(sims)
        order = np.argsort(-sims)
        top = [int(j) for j in order[:_TOP_K]]
        best = top[0]
        body_vec = _unit(sv.mean(axis=0))
        top_cues = _sum_counts(body.sent_cues[j] for j in top)
        lead_cues = _sum_counts(body.sent_cues[:_LEAD])
        lead_content = frozenset().union(*body.sent_content[:_LEAD])
        bw = max(body.n_words, 1)
        head_ref, body_ref = head.cues["refute"], body.cues["refute"]
        head_neg, best_neg = head.cues["neg"], body.sent_cues[best]["neg"]
        shared_nums = head.numbers & body.numbers
        feats = {
            "emb_cos_body": float(body_vec @ hv),
            "emb_cos_max": float(sims[best]),
            "emb_cos_mean": float(sims.mean()),
            "emb_cos_top3": float(sims[top].mean()),
            "emb_cos_lead": float(sims[0]),
            "emb_best_pos": best / max(n - 1, 1),
            "emb_cos_gap": float(sims[best] - sims.mean()),
            "tok_jaccard": len(head.content & body.content)
            / max(len(head.content | body.content), 1),
            "tok_head_cov": _cover(head.content, body.content),
            "tok_head_cov_lead": _cover(head.content, lead_content),
            "tok_head_cov_best": _cover(head.content, body.sent_content[best]),
            "tok_head_cov_max": max(_cover(head.content, c) for c in body.sent_content),
            "bigram_cov": _cover(head.bigrams, body.bigrams),
            "name_cov": _cover(head.names, body.names),
            "name_head": float(len(head.names) > 0),
            "num_head": float(len(head.numbers) > 0),
            "num_cov": _cover(head.numbers, body.numbers),
            "num_mismatch": float(bool(head.numbers) and bool(body.numbers) and not shared_nums),
            "head_refute": math.log1p(head_ref),
            "head_hedge": math.log1p(head.cues["hedge"]),
            "head_support": math.log1p(head.cues["support"]),
            "head_neg": math.log1p(head_neg),
            "head_question": float("?" in head.text),
            # counts are log-squashed so the dense cues of a short text do not extrapolate;
            # body counts are a rate per 100 words so article length does not dominate
            "body_refute": math.log1p(100.0 * body_ref / bw),
            "body_hedge": math.log1p(100.0 * body.cues["hedge"] / bw),
            "body_support": math.log1p(100.0 * body.cues["support"] / bw),
            "body_neg": math.log1p(100.0 * body.cues["neg"] / bw),
            "best_refute": math.log1p(top_cues["refute"]),
            "best_hedge": math.log1p(top_cues["hedge"]),
            "best_support": math.log1p(top_cues["support"]),
            "best_neg": math.log1p(best_neg),
            "lead_refute": math.log1p(lead_cues["refute"]),
            "lead_hedge": math.log1p(lead_cues["hedge"]),
            # how close to the claim the nearest sentence carrying each kind of cue is
            **{
                f"{g}_sim_max": max(
                    (float(sims[j]) for j in range(n) if body.sent_cues[j][g]), default=0.0
                )
                for g in ("refute", "hedge", "support", "neg")
            },
            # a text that refutes a claim stated plainly (and the reverse) is the disagree case;
            # explicit interactions let a linear model see it
            "refute_body_only": float(head_ref == 0) * math.log1p(top_cues["refute"]),
            "refute_head_only": float(head_ref > 0 and top_cues["refute"] == 0),
            "hedge_body_only": float(head.cues["hedge"] == 0) * math.log1p(top_cues["hedge"]),
            # FNC-1 baseline's polarity idea: an odd number of refuting words on one side only
            "refute_polarity": float((head_ref % 2) != (body_ref % 2)),
            "neg_polarity_best": float((head_neg % 2) != (best_neg % 2)),
            "len_head": math.log1p(head.n_words),
            "len_body": math.log1p(body.n_words),
            "n_sents": math.log1p(n),
        }
        return [feats[name] for name in HAND_FEATURES]


def _unit(v: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    norm = float(np.linalg.norm(v))
    return v / norm if norm > 0 else v


@dataclass(frozen=True, slots=True)
class StancePrediction:
    """One pair's stance with the body sentence that best matches the claim.

    Attributes:
        label: The most probable of :data:`STANCE_LABELS`.
        proba: Probability per label, keyed by label.
        evidence: Span, into the pair's text, of the sentence most similar to the claim.
    """

    label: str
    proba: dict[str, float]
    evidence: Span


class StanceClassifier:
    """Averaged small feed-forward networks (or logistic regressions) over feature rows.

    Weights live in a JSON file (no pickle): standardisation, each member's dense layers,
    per-class logit offsets and the training provenance. Inference needs only numpy.

    Args:
        weights: Parsed weights document (see ``scripts/train_stance.py``).
        encoder: Encoder to use; defaults to the one named in the weights.
    """

    def __init__(self, weights: dict[str, Any], *, encoder: Encoder | None = None) -> None:
        self.metadata: dict[str, Any] = weights["metadata"]
        enc_name = weights["encoder"]
        if encoder is not None and encoder.name != enc_name:
            raise ValueError(
                f"weights were trained with encoder {enc_name!r}, got {encoder.name!r}"
            )
        self.labels: tuple[str, ...] = tuple(weights["labels"])
        self._encoder_name = enc_name
        self._encoder = encoder
        self._vectors = tuple(weights["vectors"])
        if tuple(weights["hand_features"]) != HAND_FEATURES:
            raise ValueError(
                "weights file was built for a different feature set; retrain with "
                "scripts/train_stance.py"
            )
        self._mean = np.asarray(weights["scaler"]["mean"], dtype=np.float32)
        self._scale = np.asarray(weights["scaler"]["scale"], dtype=np.float32)
        # an ensemble of networks sharing one scaler; their probabilities are averaged
        self._members = [
            [
                (np.asarray(layer["W"], dtype=np.float32), np.asarray(layer["b"], dtype=np.float32))
                for layer in member["layers"]
            ]
            for member in weights["members"]
        ]
        if not self._members:
            raise ValueError("weights file holds no network")
        self._offsets = np.asarray(
            weights.get("logit_offsets", [0.0] * len(self.labels)), dtype=np.float32
        )

    @classmethod
    def load(
        cls, path: str | Path | None = None, *, encoder: Encoder | None = None
    ) -> StanceClassifier:
        """Load a weights file; by default the FNC-1 model shipped with rashomon.

        Args:
            path: A JSON weights file, or ``None`` for ``rashomon/data/stance_fnc1.json``.
            encoder: Encoder instance to use instead of the registered one.

        Returns:
            The classifier.

        Raises:
            ValueError: the file is not a stance weights file.
        """
        if path is None:
            raw = resources.files("rashomon.data").joinpath(DEFAULT_MODEL).read_text("utf-8")
            where = f"rashomon/data/{DEFAULT_MODEL}"
        else:
            raw = Path(path).read_text("utf-8")
            where = str(path)
        try:
            weights = json.loads(raw)
            return cls(weights, encoder=encoder)
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise ValueError(f"{where}: not a stance weights file ({exc})") from exc

    @cached_property
    def featurizer(self) -> PairFeaturizer:
        """The featurizer matching these weights (loads the encoder on first use)."""
        enc = self._encoder or get_encoder(self._encoder_name)
        return PairFeaturizer(enc, vectors=self._vectors)

    def proba_from_features(self, x: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        """Class probabilities for precomputed feature rows.

        Args:
            x: Rows from :meth:`PairFeaturizer.transform`.

        Returns:
            Array ``(n, len(labels))`` whose rows sum to 1.
        """
        z = (np.asarray(x, dtype=np.float32) - self._mean) / self._scale
        total = np.zeros((z.shape[0], len(self.labels)), dtype=np.float32)
        for layers in self._members:
            h = z
            for k, (w, b) in enumerate(layers):
                h = h @ w + b
                if k < len(layers) - 1:
                    h = np.maximum(h, 0.0)
            h = h + self._offsets
            h -= h.max(axis=1, keepdims=True)
            e = np.exp(h)
            total += e / e.sum(axis=1, keepdims=True)
        total /= len(self._members)
        return total

    def predict_proba(self, pairs: Sequence[tuple[str, str]]) -> npt.NDArray[np.float32]:
        """Probability of each label for each ``(claim, text)`` pair.

        Args:
            pairs: ``(claim, text)`` tuples; ``text`` may be a sentence or an article body.

        Returns:
            Array ``(len(pairs), 4)`` with columns in :attr:`labels` order.
        """
        if not pairs:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        return self.proba_from_features(self.featurizer.transform(pairs))

    def predict(self, pairs: Sequence[tuple[str, str]]) -> list[str]:
        """Most probable label for each ``(claim, text)`` pair.

        Args:
            pairs: ``(claim, text)`` tuples.

        Returns:
            One of :data:`STANCE_LABELS` per pair.
        """
        proba = self.predict_proba(pairs)
        return [self.labels[int(j)] for j in proba.argmax(axis=1)]

    def explain(self, pairs: Sequence[tuple[str, str]]) -> list[StancePrediction]:
        """Labels, probabilities and the best-matching sentence span for each pair.

        Args:
            pairs: ``(claim, text)`` tuples.

        Returns:
            One :class:`StancePrediction` per pair; ``evidence`` indexes into that pair's text.
        """
        if not pairs:
            return []
        x, spans = self.featurizer._transform(pairs)
        proba = self.proba_from_features(x)
        return [
            StancePrediction(
                label=self.labels[int(row.argmax())],
                proba={lab: float(p) for lab, p in zip(self.labels, row, strict=True)},
                evidence=span,
            )
            for row, span in zip(proba, spans, strict=True)
        ]
