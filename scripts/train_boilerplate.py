"""Train the boilerplate line scorer on cleaning-dev pages dumped to scraped-style plain text.

Usage::

    .venv/bin/python scripts/train_boilerplate.py [--data ../shared/data/cleaning-dev]
        [--out src/rashomon/data/boilerplate_lines.json] [--heldout-only]

Each HTML page is rendered to plain text with every visible line kept (block elements become
newlines), which is what a naive scraper produces. Lines are labelled by the page's gold
segments (``with`` = main text, ``without``/``comments`` = boilerplate) and, for the remaining
lines, weakly by whether trafilatura's extraction contains them. A logistic regression over
:func:`rashomon.extract.article.boilerplate.featurize` is fitted on ~80% of the pages (split by
a hash of the file name) and measured on the rest, on gold-labelled lines only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
from lxml import html as lxml_html
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from rashomon.extract.article.boilerplate import (
    FEATURE_NAMES,
    WORD_BUCKETS,
    LineModel,
    classify_lines,
    featurize,
    word_buckets,
)

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "cleaning-dev"
DEFAULT_OUT = REPO / "src" / "rashomon" / "data" / "boilerplate_lines.json"

_DROP = {
    "script",
    "style",
    "noscript",
    "template",
    "head",
    "svg",
    "iframe",
    "object",
    "select",
    "canvas",
    "map",
    "audio",
    "video",
    "input",
    "textarea",
}
_BLOCK = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "aside",
    "main",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "form",
    "dd",
    "dt",
    "dl",
    "hr",
    "address",
    "body",
    "center",
    "caption",
    "fieldset",
    "legend",
    "details",
    "summary",
    "menu",
    "option",
}


def render_lines(raw: bytes) -> list[str]:
    """Render HTML to its visible lines, as a scraper that keeps everything would."""
    try:
        root = lxml_html.fromstring(raw)
    except (ValueError, lxml_html.etree.ParserError):
        return []
    out: list[str] = []

    def walk(el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        hidden = (
            tag in _DROP
            or el.get("hidden") is not None
            or "display:none" in (el.get("style") or "").replace(" ", "")
        )
        if tag and not hidden:
            block = tag.lower() in _BLOCK
            if block:
                out.append("\n")
            if el.text:
                out.append(el.text)
            for child in el:
                walk(child)
            if block:
                out.append("\n")
        if el.tail:
            out.append(el.tail)

    walk(root)
    lines = (" ".join(x.split()) for x in "".join(out).split("\n"))
    return [x for x in lines if x]


def _norm(s: str) -> str:
    return " ".join(s.split()).casefold()


def label_page(args: tuple[Path, dict[str, Any]]) -> dict[str, Any] | None:
    """Render one page and label its lines: 0 body, 1 boilerplate; gold flag per line."""
    import trafilatura

    path, seg = args
    raw = path.read_bytes()
    lines = render_lines(raw)
    if len(lines) < 3:
        return None
    extracted = trafilatura.extract(raw.decode("utf-8", "replace"), include_comments=False) or ""
    ext_norm = _norm(extracted)
    ext_lines = {_norm(x) for x in extracted.splitlines() if x.strip()}
    good = [_norm(s) for s in seg.get("with", [])]
    bad = [_norm(s) for s in seg.get("without", []) + seg.get("comments", [])]
    labels: list[int] = []
    gold: list[bool] = []
    for line in lines:
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
    import langid

    lang = langid.classify(" ".join(lines))[0]
    return {"file": path.name, "lines": lines, "labels": labels, "gold": gold, "lang": lang}


def _sub(lines: list[str], mask: Any) -> list[str]:
    return [x for x, keep in zip(lines, mask, strict=True) if keep]


def _fit(x: Any, y: Any, gold: Any, lines: list[str], args: argparse.Namespace) -> LineModel:
    """Fit the logistic regression on standardised features (+ word buckets)."""
    scaler = StandardScaler().fit(x)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    design = sparse.csr_matrix((x - scaler.mean_) / scale)
    n_dense = design.shape[1]
    if not args.no_words:
        design = sparse.hstack([design, _word_matrix(lines)], format="csr")
    weights = np.where(gold, args.gold_weight, 1.0)
    clf = LogisticRegression(max_iter=3000, C=args.C, class_weight="balanced")
    clf.fit(design, y, sample_weight=weights)
    coef = clf.coef_[0]
    return LineModel(
        mean=tuple(float(v) for v in scaler.mean_),
        scale=tuple(float(v) for v in scale),
        coef=tuple(float(v) for v in coef[:n_dense]),
        intercept=float(clf.intercept_[0]),
        threshold=0.5,
        word_coef=tuple(round(float(v), 5) for v in coef[n_dense:]),
    )


def _word_matrix(lines: list[str]) -> Any:
    """Binary word-bucket rows, L2-normalised, as LineModel.score computes them."""
    rows, cols, vals = [], [], []
    for i, line in enumerate(lines):
        buckets = word_buckets(line, WORD_BUCKETS)
        for b in buckets:
            rows.append(i)
            cols.append(b)
            vals.append(1.0 / np.sqrt(len(buckets)))
    return sparse.csr_matrix((vals, (rows, cols)), shape=(len(lines), WORD_BUCKETS))


def _heldout(name: str) -> bool:
    # About one page in five, fixed by a hash of the file name.
    return int(hashlib.sha1(name.encode()).hexdigest(), 16) % 5 == 0


def _data_hash(data: Path) -> str:
    h = hashlib.sha256()
    h.update((data / "segments.json").read_bytes())
    for p in sorted((data / "html").glob("*.html")):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def _prf(pred: list[int], gold: list[int], positive: int) -> dict[str, float]:
    tp = sum(1 for p, g in zip(pred, gold, strict=True) if p == positive and g == positive)
    fp = sum(1 for p, g in zip(pred, gold, strict=True) if p == positive and g != positive)
    fn = sum(1 for p, g in zip(pred, gold, strict=True) if p != positive and g == positive)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {
        "precision": round(prec, 3),
        "recall": round(rec, 3),
        "f1": round(f1, 3),
        "support": tp + fn,
    }


def _evaluate(pages: list[dict[str, Any]], model: LineModel) -> dict[str, Any]:
    score_pred: list[int] = []
    full_pred: list[int] = []
    gold_y: list[int] = []
    weak_pred: list[int] = []
    weak_y: list[int] = []
    for p in pages:
        rows = featurize(p["lines"])
        verdicts = classify_lines("\n".join(p["lines"]), model=model)
        for row, v, y, g in zip(rows, verdicts, p["labels"], p["gold"], strict=True):
            full = int(v.reason is not None)
            if g:
                score_pred.append(int(model.score(row, v.line.text) >= model.threshold))
                full_pred.append(full)
                gold_y.append(y)
            else:
                weak_pred.append(full)
                weak_y.append(y)
    return {
        "pages": len(pages),
        "gold_lines": len(gold_y),
        "score_only": {
            "boilerplate": _prf(score_pred, gold_y, 1),
            "body": _prf(score_pred, gold_y, 0),
        },
        "rules_and_score": {
            "boilerplate": _prf(full_pred, gold_y, 1),
            "body": _prf(full_pred, gold_y, 0),
        },
        "rules_and_score_vs_trafilatura_weak": {
            "boilerplate": _prf(weak_pred, weak_y, 1),
            "body": _prf(weak_pred, weak_y, 0),
        },
    }


def _pages(data: Path) -> Iterator[tuple[Path, dict[str, Any]]]:
    segments = json.loads((data / "segments.json").read_text(encoding="utf-8"))
    for seg in segments.values():
        path = data / "html" / seg["file"]
        if path.exists():
            yield path, seg


def main(argv: list[str] | None = None) -> int:
    """Train, evaluate on held-out pages and write the model JSON."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--gold-weight", type=float, default=5.0)
    ap.add_argument("--heldout-only", action="store_true", help="evaluate the stored model only")
    ap.add_argument("--no-words", action="store_true", help="dense shape features only")
    ap.add_argument("-C", type=float, default=0.3, help="inverse regularisation strength")
    args = ap.parse_args(argv)

    with ProcessPoolExecutor() as pool:
        pages = [p for p in pool.map(label_page, _pages(args.data), chunksize=4) if p]
    train = [p for p in pages if not _heldout(p["file"])]
    test = [p for p in pages if _heldout(p["file"])]

    def matrix(ps: list[dict[str, Any]]) -> tuple[Any, Any, Any, list[str]]:
        xs, ys, gs, ls = [], [], [], []
        for p in ps:
            xs.extend(featurize(p["lines"]))
            ys.extend(p["labels"])
            gs.extend(p["gold"])
            ls.extend(p["lines"])
        return np.array(xs, dtype=float), np.array(ys), np.array(gs, dtype=bool), ls

    x_tr, y_tr, g_tr, l_tr = matrix(train)
    if args.heldout_only:
        stored = json.loads(args.out.read_text(encoding="utf-8"))
        model = LineModel.from_json(stored)
    else:
        pages_of = np.concatenate([np.full(len(p["lines"]), i) for i, p in enumerate(train)])
        # Losing a body line costs more than keeping a junk line (later stages skip fragments),
        # so the threshold is the one that keeps >= 95% of gold body lines, chosen on
        # out-of-fold scores (5 folds by page): in-sample scores flatter the word weights.
        oof = np.zeros(len(y_tr))
        for fold in range(5):
            held = pages_of % 5 == fold
            fitted = _fit(x_tr[~held], y_tr[~held], g_tr[~held], _sub(l_tr, ~held), args)
            oof[held] = [
                fitted.score(r, t) for r, t in zip(x_tr[held], _sub(l_tr, held), strict=True)
            ]
        best = (0.5, -1.0)
        for t in np.arange(0.30, 0.96, 0.01):
            pred = (oof >= t).astype(int)
            body_rec = _prf(list(1 - pred[g_tr]), list(1 - y_tr[g_tr]), 1)["recall"]
            f1 = _prf(list(pred[g_tr]), list(y_tr[g_tr]), 1)["f1"]
            if body_rec >= 0.95 and f1 > best[1]:
                best = (float(t), f1)
        model = replace(_fit(x_tr, y_tr, g_tr, l_tr, args), threshold=round(best[0], 2))

    # Held-out evaluation on gold-labelled lines: the learned score alone, then the full
    # classifier (rules + score) run on each page's dumped text; all pages and English ones.
    report: dict[str, Any] = {"pages": {"train": len(train), "heldout": len(test)}}
    for subset, pages_ in (("all", test), ("english", [p for p in test if p["lang"] == "en"])):
        report[subset] = _evaluate(pages_, model)
    print(json.dumps(report, indent=2))
    if args.heldout_only:
        return 0
    payload = {
        "model": "logistic-regression line scorer: P(boilerplate | features)",
        "features": list(FEATURE_NAMES),
        "mean": list(model.mean),
        "scale": list(model.scale),
        "coef": [round(c, 6) for c in model.coef],
        "intercept": round(model.intercept, 6),
        "word_buckets": len(model.word_coef),
        "word_coef": list(model.word_coef),
        "threshold": model.threshold,
        "training": {
            "data": "cleaning-dev (trafilatura evaluation pages), html/*.html + segments.json",
            "data_sha256": _data_hash(args.data),
            "command": "python scripts/train_boilerplate.py"
            + (f" -C {args.C}" if args.C != 0.3 else "")
            + (" --no-words" if args.no_words else ""),
            "C": args.C,
            "lines": int(len(y_tr)),
            "gold_lines": int(g_tr.sum()),
            "gold_weight": args.gold_weight,
            "heldout": report,
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
