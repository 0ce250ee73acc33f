"""Attributions the rules miss, found by a learned cue tagger (PolNeAR-trained linear models).

The rules find reports with a cue word from the lexicon. PolNeAR also annotates beliefs,
intentions and stances ("Clinton is seizing on X", "the bill allows X", "his opposition to X"),
a long tail no word list covers. Here each content word that no rule attribution covers is
scored by a linear cue classifier; above the threshold, a second linear model picks which of
its dependents carries the content, and the source is the cue's subject, as for the rules.
Every span still comes from the parse. The weights are trained by
``scripts/train_attribution_cues.py`` on PolNeAR's train split and shipped as
``rashomon/data/attribution_cues.json``; without that file nothing is added.
"""

from __future__ import annotations

import bisect
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token

from rashomon.extract.article.attributions.found import Found, mark_nested, tok_span
from rashomon.extract.article.attributions.learned_features import (
    content_options,
    cue_features,
    is_candidate,
    rule_features,
)
from rashomon.extract.article.attributions.quotes import quote_kind
from rashomon.extract.article.attributions.verbs import cue_span, verb_source
from rashomon.extract.article.attributions.vocab import CUE_VERBS
from rashomon.model import Span
from rashomon.nlp.pipelines import doc_text

__all__ = [
    "DEFAULT_MODEL",
    "FILTERED_KINDS",
    "NOUN_PHRASE_DEPS",
    "CueTagger",
    "default_tagger",
    "drop_unlikely",
    "learned_attributions",
    "with_learned",
]

DEFAULT_MODEL = "attribution_cues.json"
# A learned verb cue whose content would be a bare noun phrase ("Prosecutors opened a criminal
# case") reports an action, not a statement or a stance: as an attribution it would turn the
# sentence's claim into "a criminal case". Only clauses and prepositional contents are added,
# unless the verb is a cue verb of the lexicon: what one wants, considers or indicates is a
# view even when it is a noun phrase ("Democrats want policies that ...").
NOUN_PHRASE_DEPS = frozenset(
    {
        "dobj",
        "attr",
        "dative",
        "oprd",
        "npadvmod",
        "nsubj",
        "nsubjpass",
        "pobj",
        "relcl",
        "acl",
        "conj",
    }
)
# Only reported speech without quotation marks is filtered: quoted words are attributed
# whatever their cue, and they are what a reader checks first.
FILTERED_KINDS = frozenset({"indirect"})


def _logistic(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True, slots=True)
class CueTagger:
    """Two sparse linear models over string features, and the cue threshold.

    Attributes:
        cue: weight per cue feature (``bias`` included).
        content: weight per content-option feature.
        threshold: the cue probability above which a candidate becomes an attribution.
        keep: weight per feature of a rule attribution (``rule_features``) for the filter.
        keep_threshold: reported-speech attributions of the rules whose keep probability
            falls below this are dropped (0: none is).
        meta: training record (data hash, command, held-out scores).
    """

    cue: Mapping[str, float]
    content: Mapping[str, float]
    threshold: float = 0.5
    keep: Mapping[str, float] = field(default_factory=dict)
    keep_threshold: float = 0.0
    meta: Mapping[str, object] = field(default_factory=dict)

    def cue_probability(self, features: Sequence[str]) -> float:
        """Probability that a token with these features heads an attribution's cue."""
        return _logistic(sum(self.cue.get(f, 0.0) for f in features))

    def keep_probability(self, features: Sequence[str]) -> float:
        """Probability that a rule attribution with these features is one PolNeAR annotates."""
        return _logistic(sum(self.keep.get(f, 0.0) for f in features))

    def content_score(self, features: Sequence[str]) -> float:
        """Score of one content option (higher is better; compared between options)."""
        return sum(self.content.get(f, 0.0) for f in features)

    @classmethod
    def from_json(cls, raw: str) -> CueTagger:
        """Read a tagger written by ``scripts/train_attribution_cues.py``."""
        data = json.loads(raw)
        return cls(
            cue={str(k): float(v) for k, v in data["cue"].items()},
            content={str(k): float(v) for k, v in data["content"].items()},
            threshold=float(data["threshold"]),
            keep={str(k): float(v) for k, v in data.get("keep", {}).items()},
            keep_threshold=float(data.get("keep_threshold", 0.0)),
            meta=dict(data.get("meta", {})),
        )


@lru_cache(maxsize=1)
def default_tagger() -> CueTagger | None:
    """The shipped tagger, or None when its weights are not installed."""
    try:
        raw = resources.files("rashomon.data").joinpath(DEFAULT_MODEL).read_text("utf-8")
    except FileNotFoundError:
        return None
    return CueTagger.from_json(raw)


class _Taken:
    """Character ranges already claimed by attributions (sorted, for point lookups)."""

    def __init__(self, spans: Sequence[Span]) -> None:
        self.spans = sorted(spans, key=lambda s: (s.start, s.end))
        self.starts: list[int] = []
        self.reach: list[int] = []
        self._index()

    def _index(self) -> None:
        self.starts = [s.start for s in self.spans]
        self.reach = []
        for s in self.spans:
            self.reach.append(max(self.reach[-1] if self.reach else 0, s.end))

    def covers(self, pos: int) -> bool:
        k = bisect.bisect_right(self.starts, pos) - 1
        return k >= 0 and self.reach[k] > pos

    def overlaps(self, span: Span) -> bool:
        k = bisect.bisect_left(self.starts, span.end) - 1
        return k >= 0 and self.reach[k] > span.start

    def add(self, span: Span) -> None:
        k = bisect.bisect_left(self.starts, span.start)
        self.spans.insert(k, span)
        self._index()  # a block holds few attributions: rebuilding the prefix maximum is cheap


def _paragraph(text: str, pos: int) -> tuple[int, int]:
    lo = text.rfind("\n", 0, pos) + 1
    hi = text.find("\n", pos)
    return lo, len(text) if hi < 0 else hi


def _in_quote(pos: int, quotes: Sequence[Span]) -> bool:
    return any(q.start <= pos < q.end for q in quotes)


def _candidates(
    doc: Doc, taken: _Taken, quotes: Sequence[Span], tagger: CueTagger
) -> list[tuple[float, Token]]:
    out = []
    for tok in doc:
        if not is_candidate(tok) or taken.covers(tok.idx):
            continue
        p = tagger.cue_probability(cue_features(tok, _in_quote(tok.idx, quotes)))
        if p >= tagger.threshold:
            out.append((p, tok))
    out.sort(key=lambda x: (-x[0], x[1].i))
    return out


def _source_fields(cue: Token, content: Span) -> dict[str, object]:
    """The source of a learned cue: a verb's subject (as the rules read it), or a noun's
    possessor (``his opposition to X``)."""
    if cue.pos_ in ("VERB", "AUX"):
        return verb_source(cue, content, parenthetical=False) or {}
    poss = next((c for c in cue.children if c.dep_ == "poss"), None)
    if poss is None:
        return {}
    span = tok_span(poss.subtree)
    if span is None or span.overlaps(content):
        return {}
    return {"speaker": span, "speaker_text": doc_text(cue.doc)[span.start : span.end]}


def _attribution(cue: Token, quotes: Sequence[Span], tagger: CueTagger) -> Found | None:
    text = doc_text(cue.doc)
    options = content_options(cue, _paragraph(text, cue.idx))
    if not options:
        return None
    best = max(options, key=lambda o: tagger.content_score(o.features))
    if (
        cue.pos_ in ("VERB", "AUX")
        and best.token.dep_ in NOUN_PHRASE_DEPS
        and cue.lemma_.lower() not in CUE_VERBS
    ):
        return None
    cue_sp = cue_span(cue) if cue.pos_ in ("VERB", "AUX") else tok_span([cue])
    assert cue_sp is not None
    if best.joins_cue is not None:
        end = best.joins_cue.idx + len(best.joins_cue.text)
        cue_sp = Span(min(cue_sp.start, best.joins_cue.idx), max(cue_sp.end, end))
    if cue_sp.overlaps(best.span):
        return None
    found = Found(kind=quote_kind(best.span, quotes), content=best.span, cue=cue_sp)
    return replace(found, **_source_fields(cue, best.span))  # type: ignore[arg-type]


def learned_attributions(
    doc: Doc,
    found: Sequence[Found],
    quotes: Sequence[Span],
    tagger: CueTagger | None = None,
) -> list[Found]:
    """Attributions the learned tagger finds outside those already ``found`` (block offsets).

    Candidates are taken best first; one whose attribution would overlap another's is
    dropped, so, as in PolNeAR, each word belongs to at most one attribution.

    Args:
        doc: the parsed block.
        found: attributions the rules found in it (block offsets).
        quotes: quotation spans (block offsets).
        tagger: the models (default: the shipped ones; none installed: nothing is added).

    Returns:
        The new attributions (block offsets), in no particular order.
    """
    tagger = tagger or default_tagger()
    if tagger is None:
        return []
    taken = _Taken([f.span for f in found])
    out = []
    for _p, cue in _candidates(doc, taken, quotes, tagger):
        item = _attribution(cue, quotes, tagger)
        if item is None or taken.overlaps(item.span):
            continue
        taken.add(item.span)
        out.append(item)
    return out


def drop_unlikely(
    doc: Doc, found: Sequence[Found], quotes: Sequence[Span], tagger: CueTagger
) -> list[Found]:
    """``found`` without the outermost indirect attributions the filter finds unlikely
    ("issued a statement", "was asked Clinton"), and without what nests inside them."""
    if not tagger.keep or tagger.keep_threshold <= 0:
        return list(found)
    marked = mark_nested(list(found))
    dropped = [
        f.content
        for f in marked
        if not f.nested
        and f.kind in FILTERED_KINDS
        and f.cue is not None
        and tagger.keep_probability(rule_features(doc, f, _in_quote(f.cue.start, quotes)))
        < tagger.keep_threshold
    ]
    if not dropped:
        return list(found)
    out = []
    for f, m in zip(found, marked, strict=True):
        anchor = f.cue or f.content
        if not m.nested and f.content in dropped:
            continue
        if m.nested and any(d.contains(anchor) for d in dropped):
            continue
        out.append(f)
    return out


def with_learned(
    doc: Doc, found: Sequence[Found], quotes: Sequence[Span], tagger: CueTagger | None = None
) -> list[Found]:
    """The rules' attributions of a block after the learned filter, with the tagger's additions.

    Args:
        doc: the parsed block.
        found: attributions the rules found in it (block offsets).
        quotes: quotation spans (block offsets).
        tagger: the models (default: the shipped ones; none installed: ``found`` unchanged).

    Returns:
        The attributions (block offsets), rules' first.
    """
    tagger = tagger or default_tagger()
    if tagger is None:
        return list(found)
    extra = learned_attributions(doc, found, quotes, tagger)
    return drop_unlikely(doc, found, quotes, tagger) + extra
