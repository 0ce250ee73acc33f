"""Stage duplicates.minhash.v1: syndicated near-duplicates (one wire story in several outlets)."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from datasketch import MinHash, MinHashLSH  # type: ignore[import-untyped]

from ..model import ArticleDoc, EventDoc
from ..registry import EventStage, registry

# times.event.v1 (dates an article leaves open, from what other articles agree on) runs right
# after duplicates, which it needs, and before the claims read the dates.
DEFAULT = ["duplicates.minhash.v1", "times.event.v1"]

STAGE_NAME = "duplicates.minhash.v1"

_WORD_RE = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, *, size: int = 5) -> frozenset[str]:
    """Word ``size``-grams of ``text``, case-folded (the unit syndicated copies share).

    Args:
        text: the cleaned body.
        size: words per shingle; a text shorter than that yields one shingle of all its words.

    Returns:
        The set of shingles (empty for a text with no words).
    """
    words = [w.casefold() for w in _WORD_RE.findall(text)]
    if not words:
        return frozenset()
    if len(words) < size:
        return frozenset({" ".join(words)})
    return frozenset(" ".join(words[i : i + size]) for i in range(len(words) - size + 1))


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    """Two articles whose bodies are near-duplicates, with their measured overlap."""

    left: int
    right: int
    jaccard: float
    containment: float


@functools.lru_cache(maxsize=16)
def _lsh_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """datasketch's optimal (bands, rows) for a threshold, computed once rather than per event.

    datasketch integrates the false positive and negative probabilities numerically for
    every index it builds, which cost more than the rest of the duplicate search.
    """
    from datasketch.lsh import _optimal_param  # type: ignore[import-untyped]

    bands, rows = _optimal_param(threshold, num_perm, 0.5, 0.5)
    return int(bands), int(rows)


def find_near_duplicates(
    bodies: Sequence[str],
    *,
    threshold: float = 0.5,
    containment: float = 0.8,
    shingle_size: int = 5,
    num_perm: int = 128,
    min_shingles: int = 20,
) -> list[DuplicatePair]:
    """Pairs of near-duplicate texts: MinHash LSH finds candidates, exact overlap confirms.

    A pair counts when the Jaccard similarity of their shingle sets reaches ``threshold``, or
    when the shorter text lies almost wholly inside the longer one (``containment``: a wire
    story that one outlet printed cut short).

    Args:
        bodies: the cleaned bodies, in input order.
        threshold: minimum Jaccard similarity of the shingle sets.
        containment: minimum share of the smaller set found in the larger one.
        shingle_size: words per shingle.
        num_perm: MinHash permutations.
        min_shingles: texts with fewer shingles are never duplicates (too little to judge).

    Returns:
        The confirmed pairs, ``left < right`` by input index, sorted.
    """
    sets = [shingles(b, size=shingle_size) for b in bodies]
    # LSH recall drops for pairs close to its threshold; query lower and confirm exactly.
    query = max(0.1, min(threshold, containment) * 0.6)
    lsh = MinHashLSH(threshold=query, num_perm=num_perm, params=_lsh_bands(query, num_perm))
    hashes: dict[int, MinHash] = {}
    for i, s in enumerate(sets):
        if len(s) < min_shingles:
            continue
        mh = MinHash(num_perm=num_perm, seed=1)
        mh.update_batch(x.encode("utf-8") for x in sorted(s))
        hashes[i] = mh
        lsh.insert(str(i), mh)
    pairs: list[DuplicatePair] = []
    for i, mh in hashes.items():
        for key in lsh.query(mh):
            j = int(key)
            if j <= i:
                continue
            inter = len(sets[i] & sets[j])
            jac = inter / len(sets[i] | sets[j])
            cont = inter / min(len(sets[i]), len(sets[j]))
            if jac >= threshold or cont >= containment:
                pairs.append(DuplicatePair(i, j, round(jac, 4), round(cont, 4)))
    return sorted(pairs, key=lambda p: (p.left, p.right))


def _published(doc: ArticleDoc) -> str | None:
    if doc.meta.published is not None and doc.meta.published.value:
        return doc.meta.published.value
    return doc.article.published


@registry.event_stage(STAGE_NAME, requires={"boilerplate"}, produces={"duplicates"})
def make_duplicates_stage(
    *,
    threshold: float = 0.5,
    containment: float = 0.8,
    shingle_size: int = 5,
    num_perm: int = 128,
) -> EventStage:
    """Near-duplicate bodies (MinHash LSH over word shingles) point at the earliest copy.

    Each group of near-duplicates keeps its earliest-published article (the first in input
    order when dates are missing or equal) as the original; the others get ``duplicate_of``
    set to its id.

    Args:
        threshold: minimum Jaccard similarity of body shingles.
        containment: minimum share of the shorter body's shingles found in the longer one.
        shingle_size: words per shingle.
        num_perm: MinHash permutations.
    """

    def stage(event: EventDoc) -> EventDoc:
        docs = list(event.docs)
        pairs = find_near_duplicates(
            [d.body for d in docs],
            threshold=threshold,
            containment=containment,
            shingle_size=shingle_size,
            num_perm=num_perm,
        )
        # Union-find over the pairs: a story syndicated three times is one group.
        parent = list(range(len(docs)))

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for p in pairs:
            parent[root(p.right)] = root(p.left)
        groups: dict[int, list[int]] = {}
        for i in range(len(docs)):
            groups.setdefault(root(i), []).append(i)
        out = list(docs)
        for members in groups.values():
            if len(members) < 2:
                continue
            # ISO dates sort as strings; undated copies come after dated ones.
            original = min(
                members, key=lambda i: (_published(docs[i]) is None, _published(docs[i]) or "", i)
            )
            for i in members:
                if i != original:
                    out[i] = replace(docs[i], duplicate_of=docs[original].id)
        return replace(event, docs=tuple(out))

    return stage
