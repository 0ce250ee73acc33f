"""The learned pair scorer: the probability that two statements contradict each other.

Behind one small interface so that a better model replaces the stand-in with one line. The
stand-in is the shipped FNC-1 stance classifier's ``disagree`` probability; the SNLI + FNC-1
contradiction model (``rashomon.extract.event.contradiction``) replaces it by changing
:data:`SCORER` to its ``contradiction_scores``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from rashomon.extract.event.stance import StanceClassifier

__all__ = ["SCORER", "PairScorer", "contradiction_scores", "stance_disagreement"]

PairScorer = Callable[[Sequence[tuple[str, str]]], npt.NDArray[np.float32]]
"""Maps ``(text, text)`` pairs to one probability of contradiction per pair."""


@functools.cache
def _classifier() -> StanceClassifier | None:
    from rashomon.extract.event.stance import StanceClassifier

    try:
        return StanceClassifier.load()
    except (FileNotFoundError, ValueError):
        return None  # no weights shipped: the rules alone decide


def stance_disagreement(pairs: Sequence[tuple[str, str]]) -> npt.NDArray[np.float32]:
    """P(disagree) of the FNC-1 stance classifier per pair; zeros when it is not installed.

    FNC-1 was trained on headline/body pairs; on two short statements it is a weak signal,
    so callers need a high cut.
    """
    clf = _classifier()
    if clf is None or not pairs:
        return np.zeros(len(pairs), dtype=np.float32)
    try:
        proba = clf.predict_proba(list(pairs))
    except ValueError:
        # Weights that do not fit the installed featurizer (coverage.v1 reports it).
        return np.zeros(len(pairs), dtype=np.float32)
    return np.asarray(proba[:, list(clf.labels).index("disagree")], dtype=np.float32)


SCORER: PairScorer = stance_disagreement
"""The scorer in use. One line swaps in the contradiction model once it lands::

    from rashomon.extract.event.contradiction import contradiction_scores as SCORER
"""


def contradiction_scores(pairs: Sequence[tuple[str, str]]) -> npt.NDArray[np.float32]:
    """P(contradict) per pair from the scorer in use."""
    return SCORER(pairs)
