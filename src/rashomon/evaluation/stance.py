"""Score the stance classifier on FNC-1 style CSVs with the official weighted metric."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rashomon.extract.event.stance import STANCE_LABELS, StanceClassifier

__all__ = [
    "StanceExample",
    "StanceReport",
    "evaluate_stance",
    "fnc_score",
    "format_stance_report",
    "read_fnc_bodies",
    "read_fnc_stances",
    "score_predictions",
]

_RELATED = frozenset({"agree", "disagree", "discuss"})


@dataclass(frozen=True, slots=True, kw_only=True)
class StanceExample:
    """One labelled (headline, body) pair."""

    headline: str
    body_id: str
    stance: str


@dataclass(frozen=True, slots=True, kw_only=True)
class StanceReport:
    """Outcome of scoring predictions against gold stances.

    Attributes:
        n: Number of pairs scored.
        score: FNC-1 weighted score obtained.
        max_score: Score of a perfect prediction on the same pairs.
        relative: ``score / max_score`` as a percentage.
        accuracy: Plain label accuracy.
        labels: Label order used by the per-class tuples and the confusion matrix.
        precision: Per-label precision.
        recall: Per-label recall.
        f1: Per-label F1.
        support: Gold count per label.
        confusion: ``confusion[i][j]`` = pairs with gold ``labels[i]`` predicted ``labels[j]``.
    """

    n: int
    score: float
    max_score: float
    relative: float
    accuracy: float
    labels: tuple[str, ...]
    precision: tuple[float, ...]
    recall: tuple[float, ...]
    f1: tuple[float, ...]
    support: tuple[int, ...]
    confusion: tuple[tuple[int, ...], ...]

    @property
    def macro_f1(self) -> float:
        """Unweighted mean of the per-label F1."""
        return float(np.mean(self.f1)) if self.f1 else 0.0


def _read_csv(path: Path, required: Sequence[str]) -> list[dict[str, str]]:
    """Read a CSV as dicts, trying UTF-8 then cp1252 (FNC-1 ships one of each)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ValueError(f"{path}: cannot read file ({exc.strerror or exc})") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise ValueError(
                f"{path}: not UTF-8 or cp1252 text (bad byte at offset {exc.start}); "
                "re-save it as UTF-8"
            ) from exc
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
        header = reader.fieldnames or []
        missing = [c for c in required if c not in header]
        if missing:
            raise ValueError(
                f"{path}: missing column(s) {', '.join(map(repr, missing))}; "
                f"found {', '.join(map(repr, header)) or 'no header'}"
            )
        rows = list(reader)
    except csv.Error as exc:
        raise ValueError(f"{path}: malformed CSV ({exc})") from exc
    for i, row in enumerate(rows, start=2):
        if any(row.get(c) is None for c in required):
            raise ValueError(f"{path}: row {i} has too few fields")
    return rows


def read_fnc_bodies(path: Path) -> dict[str, str]:
    """Read an FNC-1 bodies file (columns ``Body ID``, ``articleBody``).

    Args:
        path: CSV file, UTF-8 or cp1252.

    Returns:
        Body text by body id.

    Raises:
        ValueError: unreadable or malformed file, or a duplicate body id.
    """
    bodies: dict[str, str] = {}
    for i, row in enumerate(_read_csv(path, ("Body ID", "articleBody")), start=2):
        key = row["Body ID"].strip()
        if key in bodies:
            raise ValueError(f"{path}: row {i} repeats Body ID {key!r}")
        bodies[key] = row["articleBody"]
    return bodies


def read_fnc_stances(path: Path) -> list[StanceExample]:
    """Read an FNC-1 stances file (columns ``Headline``, ``Body ID``, ``Stance``).

    Args:
        path: CSV file, UTF-8 or cp1252.

    Returns:
        The labelled pairs in file order.

    Raises:
        ValueError: unreadable or malformed file, or an unknown stance label.
    """
    out: list[StanceExample] = []
    for i, row in enumerate(_read_csv(path, ("Headline", "Body ID", "Stance")), start=2):
        stance = row["Stance"].strip().lower()
        if stance not in STANCE_LABELS:
            raise ValueError(f"{path}: row {i} has stance {row['Stance']!r}; "
                             f"expected one of {', '.join(STANCE_LABELS)}")
        out.append(StanceExample(headline=row["Headline"], body_id=row["Body ID"].strip(),
                                 stance=stance))
    return out


def fnc_score(gold: Sequence[str], pred: Sequence[str]) -> tuple[float, float]:
    """FNC-1 weighted score: 0.25 for the right related/unrelated call, +0.75 for the right stance.

    Args:
        gold: Gold labels.
        pred: Predicted labels, same length.

    Returns:
        ``(score, max_score)``.
    """
    score = 0.0
    best = 0.0
    for g, p in zip(gold, pred, strict=True):
        g_rel, p_rel = g in _RELATED, p in _RELATED
        best += 1.0 if g_rel else 0.25
        if g == p:
            score += 0.25 + (0.75 if g_rel else 0.0)
        elif g_rel and p_rel:
            score += 0.25
    return score, best


def score_predictions(gold: Sequence[str], pred: Sequence[str]) -> StanceReport:
    """Build a :class:`StanceReport` from gold and predicted labels.

    Args:
        gold: Gold labels from :data:`STANCE_LABELS`.
        pred: Predicted labels, same length.

    Returns:
        The report.
    """
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold labels but {len(pred)} predictions")
    labels = STANCE_LABELS
    index = {lab: i for i, lab in enumerate(labels)}
    conf = np.zeros((len(labels), len(labels)), dtype=np.int64)
    for g, p in zip(gold, pred, strict=True):
        conf[index[g], index[p]] += 1
    tp = np.diag(conf).astype(float)
    col = conf.sum(axis=0).astype(float)
    row = conf.sum(axis=1).astype(float)
    precision = np.divide(tp, col, out=np.zeros_like(tp), where=col > 0)
    recall = np.divide(tp, row, out=np.zeros_like(tp), where=row > 0)
    denom = precision + recall
    f1 = np.divide(2 * precision * recall, denom, out=np.zeros_like(tp), where=denom > 0)
    score, best = fnc_score(gold, pred)
    n = len(gold)
    return StanceReport(
        n=n,
        score=score,
        max_score=best,
        relative=100.0 * score / best if best else 0.0,
        accuracy=float(tp.sum() / n) if n else 0.0,
        labels=labels,
        precision=tuple(float(x) for x in precision),
        recall=tuple(float(x) for x in recall),
        f1=tuple(float(x) for x in f1),
        support=tuple(int(x) for x in row),
        confusion=tuple(tuple(int(x) for x in r) for r in conf),
    )


def evaluate_stance(bodies_csv: Path, stances_csv: Path, *,
                    model_path: Path | None = None) -> StanceReport:
    """Classify every pair of an FNC-1 style dataset and score it.

    Args:
        bodies_csv: File with ``Body ID`` and ``articleBody`` columns.
        stances_csv: File with ``Headline``, ``Body ID`` and ``Stance`` columns.
        model_path: Weights file; ``None`` uses the shipped FNC-1 model.

    Returns:
        The weighted score, per-class figures and confusion matrix.

    Raises:
        ValueError: a file is unreadable or malformed, or a stance names an unknown body.
    """
    bodies_csv, stances_csv = Path(bodies_csv), Path(stances_csv)
    bodies = read_fnc_bodies(bodies_csv)
    examples = read_fnc_stances(stances_csv)
    for i, ex in enumerate(examples, start=2):
        if ex.body_id not in bodies:
            raise ValueError(f"{stances_csv}: row {i} refers to Body ID {ex.body_id!r}, "
                             f"which {bodies_csv} does not contain")
    clf = StanceClassifier.load(model_path)
    pred = clf.predict([(ex.headline, bodies[ex.body_id]) for ex in examples])
    return score_predictions([ex.stance for ex in examples], pred)


def format_stance_report(report: StanceReport) -> str:
    """Render a report as plain text: score line, per-class table, confusion matrix.

    Args:
        report: From :func:`evaluate_stance` or :func:`score_predictions`.

    Returns:
        Multi-line text without a trailing newline.
    """
    w = max(len(lab) for lab in report.labels)
    lines = [
        f"pairs: {report.n}",
        f"FNC-1 weighted score: {report.score:.2f} / {report.max_score:.2f} "
        f"({report.relative:.2f}%)",
        f"accuracy: {report.accuracy:.4f}   macro F1: {report.macro_f1:.4f}",
        "",
        f"{'label':<{w}}  precision  recall     f1  support",
    ]
    for i, lab in enumerate(report.labels):
        lines.append(f"{lab:<{w}}  {report.precision[i]:9.4f}  {report.recall[i]:6.4f}  "
                     f"{report.f1[i]:.4f}  {report.support[i]:7d}")
    lines += ["", "confusion (rows gold, columns predicted):",
              f"{'':<{w}}  " + "  ".join(f"{lab[:9]:>9}" for lab in report.labels)]
    for lab, row in zip(report.labels, report.confusion, strict=True):
        lines.append(f"{lab:<{w}}  " + "  ".join(f"{v:>9d}" for v in row))
    return "\n".join(lines)
