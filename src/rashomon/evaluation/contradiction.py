"""Score the contradiction scorer: FNC-1 disagree on held-out bodies, SNLI contradiction."""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from rashomon.evaluation.stance import read_fnc_bodies, read_fnc_stances, score_predictions
from rashomon.extract.event.contradiction import ContradictionScorer
from rashomon.extract.event.stance import STANCE_LABELS, StanceClassifier

__all__ = [
    "ContradictionReport",
    "binary_f1",
    "combined_stance",
    "evaluate_contradiction",
    "format_contradiction_report",
    "read_nli",
]


def read_nli(path: Path) -> list[dict[str, str]]:
    """Read NLI pairs from JSON Lines with ``premise``, ``hypothesis``, ``label``, ``split``.

    Raises:
        ValueError: unreadable file, bad JSON or a missing field (with the line number).
    """
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: cannot read ({exc})") from exc
    rows = []
    for i, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            rows.append({k: str(row[k]) for k in ("premise", "hypothesis", "label", "split")})
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}: line {i} is not an NLI pair ({exc})") from exc
    return rows


def binary_f1(gold: npt.ArrayLike, pred: npt.ArrayLike) -> tuple[float, float, float]:
    """Precision, recall and F1 of the positive class."""
    g = np.asarray(gold, dtype=bool)
    p = np.asarray(pred, dtype=bool)
    tp = float((g & p).sum())
    prec = tp / p.sum() if p.sum() else 0.0
    rec = tp / g.sum() if g.sum() else 0.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def combined_stance(stance_proba: npt.NDArray[Any], contra: npt.NDArray[Any],
                    threshold: float) -> list[str]:
    """Stance labels whose disagree calls come from the contradiction scorer.

    A pair scoring at least ``threshold`` is ``disagree``; any other takes the stance
    classifier's most probable label other than ``disagree``.
    """
    d = STANCE_LABELS.index("disagree")
    masked = np.array(stance_proba, dtype=np.float64)
    masked[:, d] = -1.0
    return ["disagree" if c >= threshold else STANCE_LABELS[int(row.argmax())]
            for row, c in zip(masked, contra, strict=True)]


@dataclass(frozen=True, slots=True, kw_only=True)
class ContradictionReport:
    """Held-out figures of the contradiction scorer.

    Attributes:
        threshold: The decision threshold used.
        fnc_pairs: FNC-1 pairs scored (held-out bodies only).
        fnc_disagree: Gold disagree pairs among them.
        fnc: Precision, recall, F1 of disagree = score >= threshold.
        stance_disagree_f1: The stance classifier's disagree F1 on the same pairs.
        stance_relative: The stance classifier's FNC-1 weighted score, % of the maximum.
        combined_relative: The same score when its disagree calls come from this scorer.
        nli: Contradiction precision, recall, F1 per NLI split scored.
    """

    threshold: float
    fnc_pairs: int
    fnc_disagree: int
    fnc: tuple[float, float, float]
    stance_disagree_f1: float
    stance_relative: float
    combined_relative: float
    nli: dict[str, tuple[int, tuple[float, float, float]]]


def evaluate_contradiction(fnc_dir: Path | None, nli: Path | None, *,
                           splits: Collection[str] = ("dev", "test"),
                           model_path: Path | None = None) -> ContradictionReport:
    """Score the scorer on the FNC-1 bodies its training held out, and on NLI pairs.

    Args:
        fnc_dir: Folder with ``train_bodies.csv`` and ``train_stances_40k.csv``; only pairs
            whose body id the weights list as held out are scored. ``None`` skips FNC-1.
        nli: JSON Lines NLI file; ``None`` skips it.
        splits: NLI splits to score.
        model_path: Weights file; ``None`` uses the shipped one.

    Raises:
        ValueError: unreadable or malformed data.
    """
    scorer = ContradictionScorer.load(model_path)
    t = scorer.threshold
    fnc: tuple[float, float, float] = (0.0, 0.0, 0.0)
    n = n_dis = 0
    stance_f1 = stance_rel = comb_rel = 0.0
    if fnc_dir is not None:
        held = set(scorer.meta["split"]["validation_body_ids"])
        bodies = read_fnc_bodies(Path(fnc_dir) / "train_bodies.csv")
        ex = [e for e in read_fnc_stances(Path(fnc_dir) / "train_stances_40k.csv")
              if e.body_id in held and e.body_id in bodies]
        pairs = [(e.headline, bodies[e.body_id]) for e in ex]
        gold = [e.stance for e in ex]
        p = scorer.scores(pairs)
        n, n_dis = len(ex), gold.count("disagree")
        fnc = binary_f1([g == "disagree" for g in gold], p >= t)
        sp = StanceClassifier.load().predict_proba(pairs)
        alone = score_predictions(gold, [STANCE_LABELS[int(i)] for i in sp.argmax(axis=1)])
        both = score_predictions(gold, combined_stance(sp, p, t))
        stance_f1 = alone.f1[STANCE_LABELS.index("disagree")]
        stance_rel, comb_rel = alone.relative, both.relative
    scored: dict[str, tuple[int, tuple[float, float, float]]] = {}
    if nli is not None:
        rows = read_nli(nli)
        for split in splits:
            part = [r for r in rows if r["split"] == split]
            if part:
                ps = scorer.scores([(r["premise"], r["hypothesis"]) for r in part])
                scored[split] = (len(part), binary_f1(
                    [r["label"] == "contradiction" for r in part], ps >= t))
    return ContradictionReport(threshold=t, fnc_pairs=n, fnc_disagree=n_dis, fnc=fnc,
                               stance_disagree_f1=stance_f1, stance_relative=stance_rel,
                               combined_relative=comb_rel, nli=scored)


def format_contradiction_report(r: ContradictionReport) -> str:
    """Plain-text rendering of a :class:`ContradictionReport`."""
    lines = [f"threshold: {r.threshold:.3f}"]
    if r.fnc_pairs:
        lines += [
            f"FNC-1 held-out bodies: {r.fnc_pairs} pairs, {r.fnc_disagree} disagree",
            f"  disagree  precision {r.fnc[0]:.4f}  recall {r.fnc[1]:.4f}  F1 {r.fnc[2]:.4f}"
            f"   (stance classifier F1 {r.stance_disagree_f1:.4f})",
            f"  FNC-1 weighted score: stance classifier {r.stance_relative:.2f}%, "
            f"with disagree from this scorer {r.combined_relative:.2f}%",
        ]
    for split, (n, (p, rec, f1)) in r.nli.items():
        lines.append(f"NLI {split}: {n} pairs, contradiction  precision {p:.4f}  "
                     f"recall {rec:.4f}  F1 {f1:.4f}")
    return "\n".join(lines)

