"""Train the boilerplate line scorer on cleaning-dev pages dumped to scraped-style plain text.

Usage::

    .venv/bin/python scripts/train_boilerplate.py [--data ../shared/data/cleaning-dev]
        [--out src/rashomon/data/boilerplate_lines.json] [--cv] [--heldout-only]

Each HTML page is rendered to plain text with every visible line kept
(:func:`rashomon.evaluation.cleaning.render_lines`), which is what a naive scraper produces.
Lines are labelled by the page's gold segments (``with`` = main text, ``without``/``comments`` =
boilerplate) and, for the remaining lines, weakly by whether trafilatura's extraction of the
page contains them.

Two passes are fitted (both logistic regressions):

1. the line scorer over :func:`rashomon.extract.article.boilerplate.featurize` plus hashed words;
2. the context scorer (:mod:`rashomon.extract.article.line_context`) over each line's
   neighbourhood of first-pass scores, fitted on *out-of-fold* first-pass scores (five folds
   by page), as the first pass behaves on pages it has not seen; gold lines weigh
   ``--context-gold-weight`` times a weakly labelled line, since the gold segments are what
   the evaluation counts. Each page also gives an article-like slice (its body lines with up
   to three lines either side) so that the second pass learns texts that start and end in
   body, too. A line the first pass puts under ``KEEP_BELOW`` stays body whatever the second
   pass says.

The first pass keeps its own threshold (it alone judges texts shorter than ``MIN_LINES``
and text extracted from HTML): the best gold-line F1 that keeps 95% of gold body lines, on
out-of-fold scores. The second pass's threshold maximises segment-level F1 (trafilatura's
evaluation measure, see :mod:`rashomon.evaluation.cleaning`) on out-of-fold second-pass
scores of the training pages.

Pages are split into five folds by a hash of the file name (``page_fold``). By default the
model is trained on folds 1-4 and measured on fold 0 (held out), and written. ``--cv`` instead
trains five models, each without one fold, and scores every page with the model that did not
see it (nothing is written).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from rashomon.evaluation.cleaning import (
    FOLDS,
    CleaningPage,
    SegmentCounts,
    evaluate_html,
    evaluate_plain,
    format_counts,
    load_pages,
)
from rashomon.extract.article.boilerplate import (
    FEATURE_NAMES,
    WORD_BUCKETS,
    LineModel,
    content_words,
    featurize,
    word_buckets,
)
from rashomon.extract.article.line_context import (
    CONTEXT_FEATURE_NAMES,
    MIN_LINES,
    ContextModel,
    context_features,
)

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "cleaning-dev"
DEFAULT_OUT = REPO / "src" / "rashomon" / "data" / "boilerplate_lines.json"


@dataclass(frozen=True, slots=True)
class Labelled:
    """One page with its line labels (0 body, 1 boilerplate) and which labels are gold."""

    page: CleaningPage
    labels: tuple[int, ...]
    gold: tuple[bool, ...]


def _norm(s: str) -> str:
    return " ".join(s.split()).casefold()


def label_page(page: CleaningPage) -> Labelled | None:
    """Label one page's dumped lines from its gold segments, else from trafilatura."""
    import trafilatura

    if len(page.lines) < 3:
        return None
    raw = page.raw.decode("utf-8", "replace")
    extracted = trafilatura.extract(raw, include_comments=False) or ""
    ext_norm = _norm(extracted)
    ext_lines = {_norm(x) for x in extracted.splitlines() if x.strip()}
    good = [_norm(s) for s in page.with_]
    bad = [_norm(s) for s in page.without + page.comments]
    labels: list[int] = []
    gold: list[bool] = []
    for line in page.lines:
        n = _norm(line)
        is_good = any(s and (s in n or (len(n) >= 15 and n in s)) for s in good)
        is_bad = any(s and (s in n or (len(n) >= 15 and n in s)) for s in bad)
        if is_good != is_bad:
            labels.append(0 if is_good else 1)
            gold.append(True)
            continue
        weak_main = n in ext_lines or (len(n) >= 30 and n in ext_norm)
        labels.append(0 if weak_main else 1)
        gold.append(False)
    return Labelled(page, tuple(labels), tuple(gold))


# --------------------------------------------------------------------------------------------
# Fitting


def _word_matrix(lines: Sequence[str]) -> Any:
    """Binary word-bucket rows, L2-normalised, as LineModel.score computes them."""
    rows, cols, vals = [], [], []
    for i, line in enumerate(lines):
        buckets = word_buckets(line, WORD_BUCKETS)
        for b in buckets:
            rows.append(i)
            cols.append(b)
            vals.append(1.0 / np.sqrt(len(buckets)))
    return sparse.csr_matrix((vals, (rows, cols)), shape=(len(lines), WORD_BUCKETS))


@dataclass(frozen=True, slots=True)
class _Data:
    x: Any  # dense features
    y: Any
    gold: Any
    lines: list[str]
    page: Any  # index of the page of each line


def _data(pages: Sequence[Labelled]) -> _Data:
    xs: list[list[float]] = []
    lines: list[str] = []
    ys: list[int] = []
    gs: list[bool] = []
    idx: list[int] = []
    for i, p in enumerate(pages):
        xs.extend(featurize(p.page.lines))
        lines.extend(p.page.lines)
        ys.extend(p.labels)
        gs.extend(p.gold)
        idx.extend([i] * len(p.labels))
    return _Data(np.array(xs, dtype=float), np.array(ys), np.array(gs, dtype=bool), lines,
                 np.array(idx))  # fmt: skip


def _fit_lines(d: _Data, mask: Any, args: argparse.Namespace) -> LineModel:
    """The first pass: standardised features plus word buckets, on the lines in ``mask``."""
    x = d.x[mask]
    scaler = StandardScaler().fit(x)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    design = sparse.csr_matrix((x - scaler.mean_) / scale)
    n_dense = design.shape[1]
    lines = [t for t, keep in zip(d.lines, mask, strict=True) if keep]
    design = sparse.hstack([design, _word_matrix(lines)], format="csr")
    weights = np.where(d.gold[mask], args.gold_weight, 1.0)
    clf = LogisticRegression(max_iter=3000, C=args.C, class_weight="balanced")
    clf.fit(design, d.y[mask], sample_weight=weights)
    coef = clf.coef_[0]
    return LineModel(
        mean=tuple(float(v) for v in scaler.mean_),
        scale=tuple(float(v) for v in scale),
        coef=tuple(float(v) for v in coef[:n_dense]),
        intercept=float(clf.intercept_[0]),
        threshold=0.5,
        word_coef=tuple(round(float(v), 5) for v in coef[n_dense:]),
    )


def _context_rows(pages: Sequence[Labelled], first: Sequence[Sequence[float]]) -> Any:
    """Context rows (context features + first-pass features) of every line of ``pages``."""
    rows: list[list[float]] = []
    for p, probs in zip(pages, first, strict=True):
        lines = p.page.lines
        ctx = context_features(probs, [len(t) for t in lines], [content_words(t) for t in lines])
        rows.extend(c + r for c, r in zip(ctx, featurize(lines), strict=True))
    return np.array(rows, dtype=float)


def _fit_context(z: Any, y: Any, gold: Any, args: argparse.Namespace) -> ContextModel:
    scaler = StandardScaler().fit(z)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    clf = LogisticRegression(max_iter=3000, C=args.context_C, class_weight="balanced")
    weights = np.where(gold, args.context_gold_weight, 1.0)
    clf.fit((z - scaler.mean_) / scale, y, sample_weight=weights)
    return ContextModel(
        mean=tuple(round(float(v), 6) for v in scaler.mean_),
        scale=tuple(round(float(v), 6) for v in scale),
        coef=tuple(round(float(v), 6) for v in clf.coef_[0]),
        intercept=round(float(clf.intercept_[0]), 6),
    )


def _per_page(d: _Data, values: Any, n_pages: int) -> list[list[float]]:
    return [list(values[d.page == i]) for i in range(n_pages)]


def _first_pass(model: LineModel, pages: Sequence[Labelled]) -> list[list[float]]:
    out = []
    for p in pages:
        rows = featurize(p.page.lines)
        out.append([model.score(r, t) for r, t in zip(rows, p.page.lines, strict=True)])
    return out


def _segment_f1(pages: Sequence[Labelled], keep: Sequence[Sequence[bool]]) -> float:
    counts = SegmentCounts()
    for p, k in zip(pages, keep, strict=True):
        kept = "\n".join(x for x, q in zip(p.page.lines, k, strict=True) if q)
        counts.add(p.page.file, kept, p.page, "\n".join(p.page.lines))
    return counts.f1


def _first_threshold(d: _Data, oof: Any) -> float:
    """The first pass's cut-off: the best boilerplate F1 on gold lines that keeps >= 95% of
    gold body lines (losing body costs more than keeping junk), on out-of-fold scores."""
    y, g = d.y[d.gold], oof[d.gold]
    best = (0.5, -1.0)
    for t in np.arange(0.30, 0.96, 0.01):
        pred = g >= t
        body_kept = np.sum(~pred & (y == 0)) / max(np.sum(y == 0), 1)
        tp = np.sum(pred & (y == 1))
        f1 = 2 * tp / max(np.sum(pred) + np.sum(y == 1), 1)
        if body_kept >= 0.95 and f1 > best[1]:
            best = (float(t), float(f1))
    return round(best[0], 2)


def _crop(p: Labelled) -> tuple[int, int] | None:
    """The article-like slice of a page: its body lines with up to three lines either side
    (as many as a hash of the file name says), when that is long enough for the context pass.

    A scraped page starts and ends in junk; an article's text often starts and ends in body.
    Training the context pass on these slices too keeps it from taking a last paragraph for a
    footer because it ends the text.
    """
    body = [i for i, y in enumerate(p.labels) if y == 0]
    if not body:
        return None
    h = int(hashlib.sha1(p.page.file.encode()).hexdigest(), 16)
    lo, hi = max(0, body[0] - h % 4), min(len(p.labels), body[-1] + 1 + (h // 4) % 4)
    return (lo, hi) if hi - lo >= MIN_LINES and (lo, hi) != (0, len(p.labels)) else None


def _crop_rows(pages: Sequence[Labelled], models: Sequence[LineModel]) -> tuple[Any, ...]:
    """Context rows, labels, gold flags and page indices of every page's crop, each page's
    first-pass scores from ``models[page % FOLDS]`` (the model that did not see it)."""
    rows: list[list[float]] = []
    ys: list[int] = []
    gs: list[bool] = []
    idx: list[int] = []
    for i, p in enumerate(pages):
        cut = _crop(p)
        if cut is None:
            continue
        lines = p.page.lines[cut[0] : cut[1]]
        feats = featurize(lines)
        probs = [models[i % FOLDS].score(r, t) for r, t in zip(feats, lines, strict=True)]
        ctx = context_features(probs, [len(t) for t in lines], [content_words(t) for t in lines])
        rows.extend(c + r for c, r in zip(ctx, feats, strict=True))
        ys.extend(p.labels[cut[0] : cut[1]])
        gs.extend(p.gold[cut[0] : cut[1]])
        idx.extend([i] * len(lines))
    width = len(CONTEXT_FEATURE_NAMES) + len(FEATURE_NAMES)
    return (np.array(rows, dtype=float).reshape(-1, width), np.array(ys, dtype=int),
            np.array(gs, dtype=bool), np.array(idx, dtype=int))  # fmt: skip


def train(pages: Sequence[Labelled], args: argparse.Namespace, log: bool = False) -> LineModel:
    """Fit both passes on ``pages`` and choose their thresholds on out-of-fold scores."""
    d = _data(pages)
    inner = d.page % FOLDS
    oof = np.zeros(len(d.y))
    fold_models = []
    for k in range(FOLDS):
        held = inner == k
        fitted = _fit_lines(d, ~held, args)
        fold_models.append(fitted)
        oof[held] = [fitted.score(r, t) for r, t, h in zip(d.x, d.lines, held, strict=True) if h]
        if log:
            print(f"  first pass, inner fold {k} done", file=sys.stderr)
    first_cut = _first_threshold(d, oof)
    z = _context_rows(pages, _per_page(d, oof, len(pages)))
    cz, cy, cg, cpage = _crop_rows(pages, fold_models)
    oof2 = np.zeros(len(d.y))
    for k in range(FOLDS):
        held, crop_held = inner == k, cpage % FOLDS == k
        ctx = _fit_context(np.vstack([z[~held], cz[~crop_held]]),
                           np.concatenate([d.y[~held], cy[~crop_held]]),
                           np.concatenate([d.gold[~held], cg[~crop_held]]), args)  # fmt: skip
        oof2[held] = [
            p if p < ctx.keep_below else ctx.score(list(r))
            for p, r in zip(oof[held], z[held], strict=True)
        ]
    first = _per_page(d, oof, len(pages))
    second = _per_page(d, oof2, len(pages))

    def f1_at(t: float) -> float:
        # Pages shorter than the context pass's minimum are judged by the first pass.
        kept = [
            [q < t for q in s] if len(s) >= MIN_LINES else [q < first_cut for q in f]
            for f, s in zip(first, second, strict=True)
        ]
        return _segment_f1(pages, kept)

    best = max(np.arange(0.2, 0.81, 0.01), key=lambda t: (f1_at(float(t)), -t))
    lines = _fit_lines(d, np.ones(len(d.y), dtype=bool), args)
    context = _fit_context(np.vstack([z, cz]), np.concatenate([d.y, cy]),
                           np.concatenate([d.gold, cg]), args)  # fmt: skip
    return replace(lines, threshold=first_cut,
                   context=replace(context, threshold=round(float(best), 2)))  # fmt: skip


# --------------------------------------------------------------------------------------------
# Reports


def _gold_lines(pages: Sequence[Labelled], model: LineModel) -> dict[str, float]:
    """Line-level precision/recall/F1 of keeping body, on gold-labelled lines only."""
    from rashomon.extract.article.boilerplate import classify_lines

    tp = fp = fn = 0
    for p in pages:
        verdicts = classify_lines("\n".join(p.page.lines), model=model)
        for v, y, g in zip(verdicts, p.labels, p.gold, strict=True):
            if not g:
                continue
            kept = v.reason is None
            tp += kept and y == 0
            fp += kept and y == 1
            fn += (not kept) and y == 0
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"precision": round(prec, 3), "recall": round(rec, 3), "f1": round(f1, 3),
            "lines": tp + fp + fn}  # fmt: skip


def _counts_json(c: SegmentCounts) -> dict[str, Any]:
    return {"precision": round(c.precision, 3), "recall": round(c.recall, 3),
            "f1": round(c.f1, 3), "body_kept": c.tp, "body_lost": c.fn, "junk_kept": c.fp,
            "pages": c.pages}  # fmt: skip


def _report(pages: Sequence[Labelled], model_for: Any, html_model: LineModel | None) -> Any:
    plain = evaluate_plain([p.page for p in pages], model_for=lambda pg: model_for(pg))
    out: dict[str, Any] = {k: _counts_json(v) for k, v in plain.items()}
    if html_model is not None:
        html = evaluate_html([p.page for p in pages], model=html_model)
        out.update({f"html:{k}": _counts_json(v) for k, v in html.items()})
        out["gold_lines"] = _gold_lines(pages, html_model)
    for name, c in plain.items():
        print(format_counts(name, c))
    if html_model is not None:
        for name, c in html.items():
            print(format_counts(f"html {name}", c))
    return out


def _data_hash(data: Path) -> str:
    h = hashlib.sha256()
    h.update((data / "segments.json").read_bytes())
    for p in sorted((data / "html").glob("*.html")):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def _cross_validate(pages: Sequence[Labelled], args: argparse.Namespace) -> dict[str, Any]:
    models: dict[int, LineModel] = {}
    for k in range(FOLDS):
        models[k] = train([p for p in pages if p.page.fold != k], args)
        ctx = models[k].context
        print(f"fold {k}: thresholds {models[k].threshold} / {ctx and ctx.threshold}",
              file=sys.stderr)
    print(f"cross-validated ({FOLDS} folds by page), plain-text path, first pass alone:")
    first_only = {k: replace(m, context=None) for k, m in models.items()}
    report = {"first_pass_only": _report(pages, lambda pg: first_only[pg.fold], None)}
    print(f"cross-validated ({FOLDS} folds by page), plain-text path, both passes:")
    report["both_passes"] = _report(pages, lambda pg: models[pg.fold], None)
    return report


def main(argv: list[str] | None = None) -> int:
    """Train, evaluate on held-out pages and write the model JSON (or cross-validate)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--gold-weight", type=float, default=5.0)
    ap.add_argument("--context-gold-weight", type=float, default=60.0)
    ap.add_argument("--heldout-only", action="store_true", help="evaluate the stored model only")
    ap.add_argument("--cv", action="store_true", help="cross-validate by page; write nothing")
    ap.add_argument("-C", type=float, default=0.3, help="first pass: inverse regularisation")
    ap.add_argument("--context-C", type=float, default=1.0, help="second pass: the same")
    args = ap.parse_args(argv)

    all_pages = load_pages(args.data)
    with ProcessPoolExecutor(2) as pool:
        pages = [p for p in pool.map(label_page, all_pages, chunksize=4) if p is not None]
    if args.cv:
        print(json.dumps(_cross_validate(pages, args), indent=1))
        return 0
    train_pages = [p for p in pages if p.page.fold != 0]
    test = [p for p in pages if p.page.fold == 0]
    if args.heldout_only:
        stored = json.loads(args.out.read_text(encoding="utf-8"))
        model = LineModel.from_json(stored)
    else:
        model = train(train_pages, args, log=True)
    ctx_cut = model.context.threshold if model.context else None
    print(f"held-out pages (fold 0, {len(test)} pages), thresholds {model.threshold} / {ctx_cut}:")
    report = _report(test, lambda pg: model, model)
    if args.heldout_only:
        return 0
    _write(args, model, train_pages, report)
    return 0


def _write(args: argparse.Namespace, model: LineModel, train_pages: Sequence[Labelled],
           report: Any) -> None:  # fmt: skip
    assert model.context is not None
    defaults = {"gold_weight": 5.0, "context_gold_weight": 60.0, "C": 0.3, "context_C": 1.0}
    flags = "".join(
        f" --{k.replace('_', '-') if k != 'C' else 'C'} {getattr(args, k)}"
        for k, v in defaults.items() if getattr(args, k) != v
    )  # fmt: skip
    payload = {
        "model": "logistic-regression line scorer: P(boilerplate | features), then in context",
        "features": list(FEATURE_NAMES),
        "mean": list(model.mean),
        "scale": list(model.scale),
        "coef": [round(c, 6) for c in model.coef],
        "intercept": round(model.intercept, 6),
        "word_buckets": len(model.word_coef),
        "word_coef": list(model.word_coef),
        "threshold": model.threshold,
        "context": {
            "features": list(CONTEXT_FEATURE_NAMES),
            "mean": list(model.context.mean),
            "scale": list(model.context.scale),
            "coef": list(model.context.coef),
            "intercept": model.context.intercept,
            "threshold": model.context.threshold,
            "keep_below": model.context.keep_below,
            "min_lines": model.context.min_lines,
        },
        "training": {
            "data": "cleaning-dev (trafilatura evaluation pages), html/*.html + segments.json",
            "data_sha256": _data_hash(args.data),
            "command": "python scripts/train_boilerplate.py" + flags,
            "pages": len(train_pages),
            "lines": sum(len(p.labels) for p in train_pages),
            "gold_lines": sum(sum(p.gold) for p in train_pages),
            "heldout_fold0": report,
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
