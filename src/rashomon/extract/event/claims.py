"""Claims with their voice, claim groups across outlets, and each outlet's coverage of them.

Three pure steps, textacy-style, used by the stages in :mod:`rashomon.stages.claims`:

1. :func:`extract_claims` turns each body sentence of one article into claims: the content of
   each reported-speech attribution becomes an ``attributed`` claim with its resolved speaker,
   and a sentence (or a long enough stretch of one) outside any attribution becomes an
   ``author`` claim, the outlet's own assertion.
2. :func:`group_claims` embeds every claim of an event and clusters them (average-linkage
   agglomerative clustering) on a score that adds, to the cosine similarity of the sentence
   embeddings, a TF-IDF word overlap and bonuses for a shared quotation, shared merged
   entities, numbers (slot and value) and dates; claims quoting the same words and scoring
   above the cut join their clusters. Weights and cut are measured on BASIL by
   ``scripts/eval_grouping.py``.
3. :func:`coverage` reads, for every outlet and group, whether the outlet carries the claim in
   its own voice, only attributes it, contradicts it (stance classifier or polarity), or omits
   it; :func:`blindspots` lists the groups most other outlets carry but one omits.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from rashomon.extract.article.attributions import find_quotes, iter_outermost
from rashomon.model import (
    ArticleDoc,
    Attribution,
    Claim,
    ClaimGroup,
    Coverage,
    CoverageState,
    EventDoc,
    Span,
    content_id,
)
from rashomon.nlp.encoders import Encoder

__all__ = [
    "DEFAULT_THRESHOLD",
    "DEFAULT_THRESHOLDS",
    "ClaimFeatures",
    "GroupingWeights",
    "blindspots",
    "claim_features",
    "cluster_claims",
    "cluster_scores",
    "coverage",
    "extract_claims",
    "group_claims",
    "independent_origin",
    "is_negated",
    "pair_scores",
    "polarity_flip",
    "shorten",
]

_WORD_RE = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)?")
# Negators that flip a clause; "no" as a determiner ("no warning") counts too.
_NEG_RE = re.compile(
    r"\b(?:not|no|never|none|nobody|nothing|neither|nor|without|cannot)\b|n['\u2019]t\b",
    re.IGNORECASE,
)
# Characters trimmed from the edges of a claim span: quotes, dashes and clause punctuation.
_EDGE = " \t\r\n\"'\u201c\u201d\u2018\u2019\u00ab\u00bb,;:\u2013\u2014-("
# Conjunctions left dangling at the edge of a sentence stretch outside an attribution.
# The spaces before a trailing conjunction are bounded: searched from every position of a long
# run of spaces, an unbounded ``\s*`` would read the rest of the run each time.
_DANGLING = re.compile(
    r"^(?:and|but|while|as|or|so)\b\s*|\s{0,40}\b(?:and|but|while|as|or|so)$", re.IGNORECASE
)

_STOP = frozenset(ENGLISH_STOP_WORDS | {"said", "says", "say", "told"})

QUOTE_RUN = 4
"""Words in a quoted run that two claims must share for the quote bonus."""

MIN_CLAIM_WORDS = 4
"""Claims shorter than this many words (``"that"``, ``"accelerating seepage"``) are dropped."""

# A leftover stretch with a speech verb is the frame of an attribution whose span the
# extractor cut short ("The operator said in a [statement that ...]"), not an assertion.
_FRAME_RE = re.compile(
    r"\b(?:said|says|say|told|tells|added|adds|stated|states|according|announced|claimed|"
    r"insisted|wrote|declared)\b",
    re.IGNORECASE,
)

MIN_LEFTOVER_WORDS = 6
"""A stretch of a sentence outside every attribution becomes an author claim from this length."""


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(text)


def is_negated(text: str) -> bool:
    """Whether ``text`` contains a plain negator (``not``, ``no``, ``never``, ``n't``...).

    Lexical rather than from the parse because event stages run after the spaCy docs are
    dropped; claims are short, so one negator is a fair polarity signal.

    Args:
        text: A claim's text.

    Returns:
        True when a negator occurs.
    """
    return _NEG_RE.search(text) is not None


def shorten(text: str, max_words: int = 20) -> str:
    """Collapse whitespace and cut ``text`` to about ``max_words`` words with an ellipsis.

    Args:
        text: Any text.
        max_words: Words to keep.

    Returns:
        The shortened text.
    """
    words = text.split()
    if len(words) <= max_words:
        return " ".join(words)
    return " ".join(words[:max_words]).rstrip(",;:") + "\u2026"


def _trim(text: str, start: int, end: int) -> Span | None:
    """Shrink ``[start, end)`` past edge punctuation and dangling conjunctions."""
    for _ in range(3):
        while start < end and text[start] in _EDGE:
            start += 1
        while end > start and text[end - 1] in _EDGE:
            end -= 1
        m = _DANGLING.search(text, start, end)
        if m is None or m.start() == m.end():
            break
        if m.start() == start:
            start = m.end()
        elif m.end() == end:
            end = m.start()
        else:
            break
    # Keep a final full stop, question or exclamation mark: it belongs to the claim.
    if end < len(text) and end > start and text[end] in ".!?" and text[end - 1] not in ".!?":
        end += 1
    return Span(start, end) if start < end else None


def _subtract(span: Span, cuts: Iterable[Span]) -> list[Span]:
    """The pieces of ``span`` not covered by any of ``cuts``."""
    pieces = [span]
    for cut in sorted(cuts, key=lambda s: s.start):
        nxt: list[Span] = []
        for p in pieces:
            if not p.overlaps(cut):
                nxt.append(p)
                continue
            if cut.start > p.start:
                nxt.append(Span(p.start, cut.start))
            if cut.end < p.end:
                nxt.append(Span(cut.end, p.end))
        pieces = nxt
    return pieces


def _relay_in(doc: ArticleDoc, span: Span) -> str | None:
    """The outlet of a relay cue (``ArticleMeta.relays``) inside ``span``, if any."""
    for relay in doc.meta.relays:
        if span.contains(relay.span):
            return relay.outlet
    return None


def _hedged(doc: ArticleDoc, span: Span) -> bool:
    # Loaded wording is how a thing is described, not doubt about it.
    return any(h.span.overlaps(span) and h.kind != "loaded" for h in doc.hedges)


def _make_claim(
    doc: ArticleDoc, span: Span, *, attribution: Attribution | None, sentence: Span
) -> Claim | None:
    text = span.of(doc.text)
    if len(_words(text)) < MIN_CLAIM_WORDS:
        return None
    if attribution is None:
        return Claim(
            id=content_id(doc.id, "claim", str(span.start), str(span.end)),
            article_id=doc.id,
            span=span,
            text=text,
            voice="author",
            relayed_from=_relay_in(doc, sentence),
            negated=is_negated(text),
            hedged=_hedged(doc, span),
        )
    speaker = attribution.speaker_resolved or attribution.speaker_text
    return Claim(
        id=content_id(doc.id, "claim", str(span.start), str(span.end)),
        article_id=doc.id,
        span=span,
        text=text,
        voice="attributed",
        speaker=speaker,
        relayed_from=attribution.relayed_from or _relay_in(doc, attribution.span),
        attribution_id=attribution.id,
        negated=is_negated(text),
        # The hedge may sit on the cue ("reportedly said") rather than in the content.
        hedged=_hedged(doc, attribution.span) or _hedged(doc, span),
    )


def extract_claims(doc: ArticleDoc) -> Iterator[Claim]:
    """Turn the body sentences of one article into claims with their voice.

    Each outermost attribution's content, cut at sentence boundaries, gives ``attributed``
    claims (speaker, relaying outlet, attribution id). A sentence that no attribution touches,
    or a stretch of at least :data:`MIN_LEFTOVER_WORDS` words outside every attribution, gives
    an ``author`` claim. Fragments under :data:`MIN_CLAIM_WORDS` words are dropped.

    Args:
        doc: An article with its ``sentences`` and ``attributions`` (and, when present,
            ``hedges`` and ``meta.relays``).

    Yields:
        Claims in text order; each span indexes ``doc.text`` and is trimmed of edge quotes
        and punctuation.
    """
    outer = sorted(iter_outermost(doc.attributions), key=lambda a: (a.span.start, a.span.end))
    seen: set[tuple[int, int]] = set()
    body = [s.span for s in doc.sentences]
    for sent in body:
        touching = [a for a in outer if a.span.overlaps(sent) or a.content.overlaps(sent)]
        found: list[tuple[Span, Attribution | None]] = []
        for a in touching:
            # A quote may run over several sentences: each sentence piece is its own claim.
            lo, hi = max(a.content.start, sent.start), min(a.content.end, sent.end)
            if lo < hi:
                piece = _trim(doc.text, lo, hi)
                if piece is not None:
                    found.append((piece, a))
        cuts = [a.span for a in touching] + [a.content for a in touching]
        for rest in _subtract(sent, cuts):
            piece = _trim(doc.text, rest.start, rest.end)
            if piece is None:
                continue
            words = piece.of(doc.text)
            if not touching or (
                len(_words(words)) >= MIN_LEFTOVER_WORDS and _FRAME_RE.search(words) is None
            ):
                found.append((piece, None))
        for span, attribution in sorted(found, key=lambda f: (f[0].start, f[0].end)):
            key = (span.start, span.end)
            if key in seen:
                continue
            claim = _make_claim(doc, span, attribution=attribution, sentence=sent)
            if claim is not None:
                seen.add(key)
                yield claim


# --------------------------------------------------------------------------------------------
# Grouping


@dataclass(frozen=True, slots=True)
class ClaimFeatures:
    """What a claim mentions, beyond its words: merged entities, numbers and dates."""

    entities: frozenset[str] = frozenset()
    numbers: frozenset[tuple[str, float]] = frozenset()  # (slot or "", value)
    dates: frozenset[str] = frozenset()
    quoted: frozenset[tuple[str, ...]] = frozenset()  # word runs inside quotation marks


DEFAULT_THRESHOLD = 0.80
"""Grouping cut for an encoder without a tuned one."""


@dataclass(frozen=True, slots=True)
class GroupingWeights:
    """Bonuses added to the cosine similarity of two claims, and the cut for a group.

    Attributes:
        quote: when they quote the same words (a run of :data:`QUOTE_RUN` words inside
            quotation marks, not all stop words): outlets that quote one phrase ("too
            general") relay one claim however differently they frame it.
        lexical: times the cosine of their TF-IDF word and bigram vectors (idf over the
            event's claims), so a shared distinctive phrase ("too general") counts.
        entity: times the Jaccard overlap of their merged entities.
        number: when they share a number with the same slot and value.
        slot: when they share a numeric slot (``killed``...) with different values: the same
            claim told with another figure, which coverage then reads as a contradiction.
        date: when they share a resolved date.
        same_article: subtracted for two claims of one article (restating oneself is not
            corroboration, and it keeps one article's lead and body from chaining groups).
        threshold: minimum average score inside a group.
    """

    quote: float = 0.30
    lexical: float = 0.40
    entity: float = 0.10
    number: float = 0.30
    slot: float = 0.15
    date: float = 0.05
    same_article: float = 0.10
    threshold: float = DEFAULT_THRESHOLD


DEFAULT_THRESHOLDS: dict[str, float] = {"use.v3": 0.80, "minilm.v1": 0.80}
"""Grouping cut per encoder (cosine scales differ), chosen with ``scripts/eval_grouping.py``.

On BASIL's silver pairs without the quote bonus, ``use.v3`` peaks at F1 0.828 (cut 0.85) and
``minilm.v1`` at 0.811 (0.80); 0.80 keeps more recall on real events for a small loss there.
"""


def claim_features(event: EventDoc, claims: Sequence[Claim]) -> list[ClaimFeatures]:
    """Collect the merged entities, numbers and dates that lie inside each claim's span.

    Args:
        event: The event (its ``entities`` are the merged entities; articles carry
            ``quantities`` and ``times``).
        claims: Claims of the event's articles.

    Returns:
        One :class:`ClaimFeatures` per claim, in order.
    """
    mentions: dict[str, list[tuple[Span, str]]] = defaultdict(list)
    for ent in event.entities:
        for ev in ent.mentions:
            mentions[ev.article_id].append((ev.span, ent.id))
    docs = {d.id: d for d in event.docs}
    quotes: dict[str, list[Span]] = {}
    out: list[ClaimFeatures] = []
    for c in claims:
        doc = docs.get(c.article_id)
        ents = frozenset(e for s, e in mentions.get(c.article_id, ()) if c.span.contains(s))
        if doc is None:
            out.append(ClaimFeatures(entities=ents))
            continue
        if doc.id not in quotes:
            # Found on the whole text: a claim span is trimmed of its edge quotation marks.
            quotes[doc.id] = find_quotes(doc.text)
        nums = frozenset((q.slot or "", q.value) for q in doc.quantities if c.span.contains(q.span))
        dates = frozenset(
            t.value
            for t in doc.times
            if t.value and t.granularity == "day" and c.span.contains(t.span)
        )
        out.append(
            ClaimFeatures(
                entities=ents,
                numbers=nums,
                dates=dates,
                quoted=_quoted_runs(doc.text, c.span, quotes[doc.id]),
            )
        )
    return out


def _quoted_runs(
    text: str, span: Span, quotes: Sequence[Span], n: int = QUOTE_RUN
) -> frozenset[tuple[str, ...]]:
    """Runs of ``n`` words quoted inside ``span``, leaving out runs of stop words only."""
    runs: set[tuple[str, ...]] = set()
    for q in quotes:
        lo, hi = max(q.start, span.start), min(q.end, span.end)
        if lo >= hi:
            continue
        words = [w.lower() for w in _words(text[lo:hi])]
        for i in range(len(words) - n + 1):
            run = tuple(words[i : i + n])
            if not all(w in _STOP for w in run):
                runs.add(run)
    return frozenset(runs)


def pair_scores(
    vectors: npt.NDArray[np.float32],
    features: Sequence[ClaimFeatures],
    article_ids: Sequence[str],
    *,
    weights: GroupingWeights = GroupingWeights(),
    texts: Sequence[str] = (),
) -> npt.NDArray[np.float32]:
    """Combined similarity of every pair of claims.

    Args:
        vectors: Unit-row claim embeddings ``(n, dim)``.
        features: One :class:`ClaimFeatures` per claim.
        article_ids: The article of each claim.
        weights: Bonus weights.
        texts: The claim texts, needed when ``weights.lexical`` is not zero.

    Returns:
        A symmetric ``(n, n)`` float32 matrix: cosine plus bonuses (diagonal undefined).
    """
    scores = (vectors @ vectors.T).astype(np.float32)
    if weights.lexical and len(texts) > 1:
        from sklearn.feature_extraction.text import TfidfVectorizer

        tfidf = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True).fit_transform(texts)
        scores += weights.lexical * (tfidf @ tfidf.T).toarray().astype(np.float32)
    n = len(features)
    ent = [f.entities for f in features]
    slots = [frozenset(s for s, _ in f.numbers if s) for f in features]
    for i in range(n):
        fi = features[i]
        if not (fi.entities or fi.numbers or fi.dates or fi.quoted):
            continue
        for j in range(i + 1, n):
            fj = features[j]
            bonus = 0.0
            if fi.quoted & fj.quoted:
                bonus += weights.quote
            if ent[i] and ent[j]:
                bonus += weights.entity * len(ent[i] & ent[j]) / len(ent[i] | ent[j])
            if fi.numbers & fj.numbers:
                bonus += weights.number
            elif slots[i] & slots[j]:
                bonus += weights.slot
            if fi.dates & fj.dates:
                bonus += weights.date
            if bonus:
                scores[i, j] += bonus
                scores[j, i] += bonus
    same = np.equal.outer(
        np.asarray(article_ids, dtype=object), np.asarray(article_ids, dtype=object)
    ).astype(bool)
    scores[same] -= weights.same_article
    return scores


def cluster_scores(scores: npt.NDArray[np.float32], threshold: float) -> list[list[int]]:
    """Cluster items by a symmetric score matrix (average-linkage agglomerative clustering).

    Args:
        scores: ``(n, n)`` pairwise scores, higher is more alike (e.g. :func:`pair_scores`).
        threshold: Two clusters merge while their mean cross score is at least this.

    Returns:
        Lists of item indices, ordered by their first item; every item is in one list.
    """
    n = scores.shape[0]
    if n == 0:
        return []
    if n == 1:
        return [[0]]
    # Imported here: scikit-learn's clustering import costs about a second.
    from sklearn.cluster import AgglomerativeClustering

    dist = np.clip(1.0 - scores, 0.0, None).astype(np.float64)
    np.fill_diagonal(dist, 0.0)
    model = AgglomerativeClustering(
        n_clusters=None,
        metric="precomputed",
        linkage="average",
        distance_threshold=1.0 - threshold,
    )
    labels = model.fit_predict(dist)
    groups: dict[int, list[int]] = defaultdict(list)
    for i, lab in enumerate(labels):
        groups[int(lab)].append(i)
    return sorted(groups.values(), key=lambda g: g[0])


def cluster_claims(
    scores: npt.NDArray[np.float32],
    features: Sequence[ClaimFeatures],
    threshold: float,
    *,
    quote_link: bool = True,
) -> list[list[int]]:
    """Cluster claims: :func:`cluster_scores`, then join clusters that quote the same words.

    Average linkage keeps a group's phrasing tight, so an outlet that frames a shared
    quotation differently ("a report ... had been 'too general to act on'") can stay apart from
    the others; a pair that quotes the same run of words *and* scores above ``threshold`` on its
    own joins their clusters (single link on that evidence only).

    Args:
        scores: Pairwise scores from :func:`pair_scores`.
        features: The claims' features (``quoted`` runs).
        threshold: The grouping cut.
        quote_link: Whether to join clusters on shared quotations.

    Returns:
        Lists of claim indices, ordered by their first item.
    """
    clusters = cluster_scores(scores, threshold)
    if not quote_link or len(clusters) < 2:
        return clusters
    parent = list(range(len(clusters)))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    owner = {i: k for k, members in enumerate(clusters) for i in members}
    by_run: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, f in enumerate(features):
        for run in f.quoted:
            by_run[run].append(i)
    for members in by_run.values():
        for a_pos, a in enumerate(members):
            for b in members[a_pos + 1 :]:
                ka, kb = find(owner[a]), find(owner[b])
                if ka != kb and scores[a, b] >= threshold:
                    parent[kb] = ka
    joined: dict[int, list[int]] = defaultdict(list)
    for k, members in enumerate(clusters):
        joined[find(k)].extend(members)
    return sorted((sorted(m) for m in joined.values()), key=lambda m: m[0])


def _norm_outlet(name: str) -> frozenset[str]:
    words = {w for w in re.findall(r"[a-z0-9]+", name.lower()) if w not in {"the", "agency"}}
    return frozenset(words)


class _Origins:
    """Canonical outlet keys, so "Meridian Press Agency" and "Meridian Press" are one origin."""

    def __init__(self) -> None:
        self._keys: list[frozenset[str]] = []

    def key(self, name: str) -> frozenset[str]:
        words = _norm_outlet(name) or frozenset({name.lower()})
        for k in self._keys:
            if words <= k or k <= words:
                return k
        self._keys.append(words)
        return words


def independent_origin(event: EventDoc, claim: Claim) -> str:
    """Name of the outlet a claim originally comes from (for counting independent outlets).

    A near-duplicate article (``duplicate_of``) counts as its original's outlet, and a claim
    relayed from another outlet (``relayed_from``) as that outlet.

    Args:
        event: The event holding the claim's article.
        claim: The claim.

    Returns:
        An outlet name.
    """
    doc = event.doc(claim.article_id)
    if doc.duplicate_of is not None:
        try:
            return event.outlet_of(doc.duplicate_of)
        except KeyError:
            pass
    if claim.relayed_from:
        return claim.relayed_from
    return event.outlet_of(claim.article_id)


def group_claims(
    event: EventDoc,
    claims: Sequence[Claim],
    *,
    encoder: Encoder,
    weights: GroupingWeights | None = None,
    min_outlets: int = 2,
    label_words: int = 20,
) -> list[ClaimGroup]:
    """Group claims that say the same thing across outlets.

    Args:
        event: The event (merged entities, article quantities and times, outlet names).
        claims: The claims to group (usually ``event.claims``).
        encoder: Sentence encoder for the claim texts.
        weights: Score bonuses and threshold; by default :class:`GroupingWeights` with the
            threshold of :data:`DEFAULT_THRESHOLDS` for ``encoder``.
        min_outlets: Keep groups whose claims come from at least this many outlets.
        label_words: Length of a group label in words.

    Returns:
        The groups, largest first; each label is its most central claim, shortened.
    """
    if weights is None:
        weights = GroupingWeights(threshold=DEFAULT_THRESHOLDS.get(encoder.name, DEFAULT_THRESHOLD))
    if not claims:
        return []
    vectors = encoder.encode([c.text for c in claims])
    feats = claim_features(event, claims)
    scores = pair_scores(
        vectors,
        feats,
        [c.article_id for c in claims],
        weights=weights,
        texts=[c.text for c in claims],
    )
    outlet_of = {d.id: event.outlet_of(d.id) for d in event.docs}
    origins = _Origins()
    out: list[tuple[int, ClaimGroup]] = []
    for members in cluster_claims(scores, feats, weights.threshold):
        outlets = tuple(sorted({outlet_of.get(claims[i].article_id, "") for i in members}))
        if len(outlets) < min_outlets:
            continue
        sub = scores[np.ix_(members, members)]
        centre = (
            members[int(np.argmax(sub.sum(axis=1) - np.diag(sub)))]
            if len(members) > 1
            else members[0]
        )
        indep = {origins.key(independent_origin(event, claims[i])) for i in members}
        ids = tuple(claims[i].id for i in members)
        group = ClaimGroup(
            id=content_id("group", *sorted(ids)),
            label=shorten(claims[centre].text, label_words),
            label_claim=claims[centre].id,
            claim_ids=ids,
            outlets=outlets,
            independent_outlets=len(indep),
        )
        out.append((len(outlets), group))
    out.sort(key=lambda g: (-g[0], -g[1].independent_outlets, g[1].id))
    return [g for _, g in out]


# --------------------------------------------------------------------------------------------
# Coverage


def coverage(
    event: EventDoc,
    *,
    stance: Mapping[tuple[str, str], str] | None = None,
) -> list[Coverage]:
    """How every outlet treats every claim group: carries, attributed, contradicts or omits.

    An outlet *contradicts* a group when one of its claims there disagrees with the group's
    label claim (``stance`` says ``disagree``) or flips its polarity (:func:`polarity_flip`);
    otherwise it *carries* it when one of its claims is in its own voice, it only
    reports it as *attributed* speech, or it *omits* it.

    Args:
        event: An event with ``claims`` and ``groups``.
        stance: Stance label per ``(label_claim_id, claim_id)`` pair, e.g. from the FNC-1
            classifier; pairs not in it are judged on polarity alone.

    Returns:
        One :class:`Coverage` per (outlet, group), outlets in first-seen order.
    """
    stance = stance or {}
    claims = {c.id: c for c in event.claims}
    outlets = list(dict.fromkeys(event.outlet_of(d.id) for d in event.docs))
    outlet_of = {d.id: event.outlet_of(d.id) for d in event.docs}
    out: list[Coverage] = []
    for g in event.groups:
        label = claims.get(g.label_claim)
        by_outlet: dict[str, list[Claim]] = defaultdict(list)
        for cid in g.claim_ids:
            c = claims.get(cid)
            if c is not None:
                by_outlet[outlet_of.get(c.article_id, "")].append(c)
        for outlet in outlets:
            mine = by_outlet.get(outlet, [])
            state: CoverageState
            if not mine:
                state = "omits"
            elif (
                label is not None
                and all(c.id != label.id for c in mine)
                and any(
                    stance.get((label.id, c.id)) == "disagree" or polarity_flip(label, c)
                    for c in mine
                )
            ):
                state = "contradicts"
            elif any(c.voice == "author" for c in mine):
                state = "carries"
            else:
                state = "attributed"
            out.append(
                Coverage(
                    outlet=outlet, group_id=g.id, state=state, claim_ids=tuple(c.id for c in mine)
                )
            )
    return out


def polarity_flip(a: Claim, b: Claim, *, overlap: float = 0.5) -> bool:
    """Whether two claims say much the same words with opposite polarity.

    Grouped claims are similar already, but a negator in a side clause of one of them is
    common; requiring most content words to be shared keeps only flips of the same statement
    (``the report contained a warning`` / ``the report contained no warning``).

    Args:
        a: One claim.
        b: The other.
        overlap: Minimum Jaccard overlap of their content words (negators left out).

    Returns:
        True when exactly one is negated and their content words overlap enough.
    """
    if a.negated == b.negated:
        return False
    wa = {w for w in _words(_NEG_RE.sub(" ", a.text.lower())) if w not in _STOP}
    wb = {w for w in _words(_NEG_RE.sub(" ", b.text.lower())) if w not in _STOP}
    if not wa or not wb:
        return False
    return len(wa & wb) / len(wa | wb) >= overlap


def blindspots(event: EventDoc, *, share: float = 0.5, min_others: int = 2) -> dict[str, list[str]]:
    """Per outlet, the groups that most other outlets cover but this one omits.

    Args:
        event: An event with ``coverage``.
        share: Fraction of the *other* outlets that must cover a group (any state but
            ``omits``) for its omission to count.
        min_others: At least this many other outlets must cover it.

    Returns:
        Outlet name -> group ids, in group order; every outlet of the event is a key.
    """
    states: dict[str, dict[str, CoverageState]] = defaultdict(dict)
    for cov in event.coverage:
        states[cov.group_id][cov.outlet] = cov.state
    outlets = list(dict.fromkeys(event.outlet_of(d.id) for d in event.docs))
    out: dict[str, list[str]] = {o: [] for o in outlets}
    for g in event.groups:
        row = states.get(g.id, {})
        for outlet in outlets:
            if row.get(outlet, "omits") != "omits":
                continue
            others = [o for o in outlets if o != outlet]
            covering = sum(1 for o in others if row.get(o, "omits") != "omits")
            if covering >= min_others and covering > share * len(others):
                out[outlet].append(g.id)
    return out
