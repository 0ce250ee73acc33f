"""The second pass of the boilerplate line scorer: each line judged with its neighbours' scores.

A scraped page keeps its main text as one mostly contiguous run of paragraphs between menus,
teasers and footers. The first pass (:class:`rashomon.extract.article.boilerplate.LineModel`) scores
each line from its own shape and words; this pass re-scores it from the first-pass scores
around it: the scores of the three lines on either side, window means and minima, whether the
line lies inside the page's best body region (the run of lines whose summed body evidence is
largest, a maximum-sum subarray), how much body text lies before and after it, and how many of
its content words the body elsewhere on the page shares (a teaser or a sign-up box shares few).
A logistic regression over these and the first pass's shape features gives the final
probability that the line is boilerplate; ``scripts/train_boilerplate.py`` fits it on
out-of-fold first-pass scores.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "CONTEXT_FEATURE_NAMES",
    "KEEP_BELOW",
    "MIN_LINES",
    "ContextModel",
    "best_region",
    "context_features",
]

_OFFSETS = (1, 2, 3)
_WINDOWS = (2, 5, 15)
_REGION_CUTS = (0.5, 0.3)

CONTEXT_FEATURE_NAMES: tuple[str, ...] = (
    "logit",
    *(f"{side}{d}_logit" for d in _OFFSETS for side in ("prev", "next")),
    *(f"window{r}_{stat}" for r in _WINDOWS for stat in ("mean", "min")),
    *(f"region{int(c * 10)}_{x}" for c in _REGION_CUTS for x in ("inside", "log_distance")),
    "body_before",
    "body_after",
    "log_body_chars",
    "shared_words",
    "shared_weight",
    "log_content_words",
)


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def best_region(weights: Sequence[float]) -> tuple[int, int]:
    """The contiguous run of indices with the largest sum of ``weights`` (Kadane).

    Args:
        weights: one weight per line; positive for body evidence.

    Returns:
        ``(first, last)`` inclusive; ``(0, -1)`` for an empty sequence.
    """
    best, best_lo, best_hi = -math.inf, 0, -1
    cur, lo = 0.0, 0
    for i, w in enumerate(weights):
        if cur <= 0:
            cur, lo = w, i
        else:
            cur += w
        if cur > best:
            best, best_lo, best_hi = cur, lo, i
    return best_lo, best_hi


def context_features(
    probs: Sequence[float], lengths: Sequence[int], words: Sequence[frozenset[str]]
) -> list[list[float]]:
    """The context feature vector of every line, in the order of :data:`CONTEXT_FEATURE_NAMES`.

    Args:
        probs: first-pass boilerplate probabilities, one per line.
        lengths: the lines' lengths in characters.
        words: each line's content words (case-folded, function words removed).

    Returns:
        One list of floats per line.
    """
    n = len(probs)
    z = [_logit(p) for p in probs]
    log_len = [math.log1p(x) for x in lengths]
    regions = [best_region([(c - p) * w for p, w in zip(probs, log_len, strict=True)])
               for c in _REGION_CUTS]  # fmt: skip
    body = [x if p < 0.5 else 0 for p, x in zip(probs, lengths, strict=True)]
    total = sum(body)
    weight: dict[str, float] = {}
    for p, ws in zip(probs, words, strict=True):
        for w in ws:
            weight[w] = weight.get(w, 0.0) + (1 - p)
    rows: list[list[float]] = []
    before = 0.0
    for i in range(n):
        row = [z[i]]
        for d in _OFFSETS:
            # Beyond the text's edge the nearest line stands in: a scraped page ends in
            # junk, a clean article in a paragraph, and the edge itself says neither.
            row.append(z[max(i - d, 0)])
            row.append(z[min(i + d, n - 1)])
        for r in _WINDOWS:
            win = z[max(0, i - r) : i + r + 1]
            row.extend((sum(win) / len(win), min(win)))
        for lo, hi in regions:
            dist = 0 if lo <= i <= hi else (lo - i if i < lo else i - hi)
            row.extend((float(lo <= i <= hi), math.log1p(dist)))
        row.extend((before / max(total, 1), (total - before - body[i]) / max(total, 1),
                    math.log1p(total)))  # fmt: skip
        before += body[i]
        own = 1 - probs[i]
        shared = [weight[w] - own for w in words[i]]
        if shared:
            row.append(sum(1 for s in shared if s >= 0.5) / len(shared))
            row.append(sum(math.log1p(max(s, 0.0)) for s in shared) / len(shared))
        else:
            row.extend((0.0, 0.0))
        row.append(math.log1p(len(words[i])))
        rows.append(row)
    return rows


# A line the first pass is this sure is body stays body whatever its context says: in a short,
# mostly clean article the lead paragraph sits next to the page's edge and the headline, which
# on a scraped page is where menus are. On cleaning-dev this guard costs nothing (segment F1
# 0.889 without, 0.890 with it, out of fold).
KEEP_BELOW = 0.1
# The second pass was learned on whole scraped pages (nearly all 40 lines or more); a shorter
# text, a mostly clean article, is judged by the first pass alone. On cleaning-dev this rule
# changes nothing (segment F1 0.890 either way, out of fold).
MIN_LINES = 30


@dataclass(frozen=True, slots=True)
class ContextModel:
    """Logistic regression over standardised context features plus the first-pass features.

    Attributes:
        threshold: the cut-off on its probability above which a line is boilerplate.
        keep_below: a line whose first-pass probability is under it keeps that probability.
        min_lines: texts with fewer lines are left to the first pass.
    """

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float = 0.5
    keep_below: float = KEEP_BELOW
    min_lines: int = MIN_LINES

    def score(self, row: Sequence[float]) -> float:
        """The probability that the line is boilerplate, from its context row.

        Args:
            row: :func:`context_features` of the line followed by its first-pass features.
        """
        z = self.intercept
        for x, m, s, c in zip(row, self.mean, self.scale, self.coef, strict=True):
            z += c * (x - m) / s
        return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))

    @classmethod
    def from_json(cls, data: dict[str, Any], width: int) -> ContextModel:
        """Build the model from its JSON section.

        Args:
            data: the ``context`` section written by the training script.
            width: the expected row width (context plus first-pass features).

        Raises:
            ValueError: the stored feature names or widths do not match (retrain).
        """
        if tuple(data["features"]) != CONTEXT_FEATURE_NAMES or len(data["coef"]) != width:
            raise ValueError(
                "boilerplate_lines.json has another context model; "
                "retrain with scripts/train_boilerplate.py"
            )
        return cls(
            mean=tuple(float(x) for x in data["mean"]),
            scale=tuple(float(x) for x in data["scale"]),
            coef=tuple(float(x) for x in data["coef"]),
            intercept=float(data["intercept"]),
            threshold=float(data["threshold"]),
            keep_below=float(data.get("keep_below", KEEP_BELOW)),
            min_lines=int(data.get("min_lines", MIN_LINES)),
        )
