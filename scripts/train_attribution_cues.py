"""Train the learned attribution cue tagger and write rashomon/data/attribution_cues.json.

Data: PolNeAR's train split only (``../shared/data/polnear/data/train``; the dev split is what
``rashomon eval attribution`` reports and is never read here). Each article is parsed with
rashomon's pipeline and run through the rule extractor (``find_attributions(learned=False)``);
the tagger only ever sees what the rules leave:

* cue rows: every candidate token (``learned_features.is_candidate``) outside the rules'
  attributions; positive when it is the head of a gold ``Cue`` span (the token of the span
  whose parse head lies outside it).
* content rows: for each positive cue, its content options (``content_options``); positive for
  the option that overlaps the gold content best (Jaccard >= 0.3).
* filter rows: the rules' outermost indirect attributions (``rule_features``); positive when
  their content overlaps a gold content. The filter drops those below its threshold.

All three are L2 logistic regressions over binary string features; weights below 1e-2 are dropped.
The last 15 % of the train articles (file-name order) are held out to choose the cue
threshold and then the filter's (best content overlap F1 there, scored as ``rashomon eval
attribution`` scores); the final models are refitted on all train articles with those
thresholds. Written as plain JSON (no pickle) with the data hash and this command.

    python scripts/train_attribution_cues.py            # ~5 min on 2 busy cores
    python scripts/train_attribution_cues.py --dry-run  # report only
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shlex
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from spacy.tokens import Doc, DocBin, Token

from rashomon.evaluation.attribution import (
    GoldAttribution,
    annotated_pairs,
    match_spans,
    predicted_spans,
    read_brat_attributions,
    read_brat_triples,
    trim_span,
)
from rashomon.extract.article.attributions.find import find_attributions
from rashomon.extract.article.attributions.found import Found
from rashomon.extract.article.attributions.learned import FILTERED_KINDS, CueTagger
from rashomon.extract.article.attributions.learned_features import (
    content_options,
    cue_features,
    is_candidate,
    rule_features,
)
from rashomon.extract.article.attributions.quotes import find_quotes
from rashomon.model import Span
from rashomon.nlp.pipelines import load_pipeline
from rashomon.nlp.shims import with_line_sentences

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "polnear" / "data" / "train"
OUT = ROOT / "src" / "rashomon" / "data" / "attribution_cues.json"
HOLDOUT = 0.15
MIN_WEIGHT = 1e-2


@dataclass
class Article:
    """One parsed train article with the rules' attributions and the gold triples."""

    name: str
    doc: Doc
    quotes: list[Span]
    found: list[Found]
    gold: list[GoldAttribution]
    gold_spans: dict[str, list[Span]]


def data_hash(pairs: Sequence[tuple[Path, Path]]) -> str:
    """sha256 over the train texts and annotations, in file-name order."""
    h = hashlib.sha256()
    for text, ann in pairs:
        h.update(text.read_bytes())
        h.update(ann.read_bytes())
    return h.hexdigest()


def _parse(texts: list[str], cache: Path | None) -> list[Doc]:
    """Parse with rashomon's pipeline; ``cache`` keeps the parses between runs (DocBin)."""
    nlp = with_line_sentences(load_pipeline())
    if cache is not None and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if [d.text for d in docs] == texts:
            return docs
    docs = list(nlp.pipe(texts, batch_size=16))
    if cache is not None:
        DocBin(store_user_data=True, docs=docs).to_disk(cache)
    return docs


def load(pairs: Sequence[tuple[Path, Path]], cache: Path | None = None) -> list[Article]:
    """Parse the articles and run the rules over them."""
    texts = [t.read_text(encoding="utf-8") for t, _ in pairs]
    out = []
    for (text_path, ann), text, doc in zip(pairs, texts, _parse(texts, cache), strict=True):
        quotes = find_quotes(text)
        found = find_attributions(doc, quotes=quotes, learned=False)
        gold = read_brat_triples(ann)
        out.append(Article(text_path.name, doc, quotes, found, gold, read_brat_attributions(ann)))
    return out


def _cue_head(doc: Doc, cue: Span) -> Token | None:
    toks = [t for t in doc if cue.start <= t.idx < cue.end and is_candidate(t)]
    for t in toks:
        if not (cue.start <= t.head.idx < cue.end) or t.head.i == t.i:
            return t
    return toks[0] if toks else None


def _taken(found: Sequence[Found]) -> list[Span]:
    return sorted((f.span for f in found), key=lambda s: s.start)


def _covered(pos: int, spans: Sequence[Span]) -> bool:
    return any(s.start <= pos < s.end for s in spans)


def _jaccard(a: Span, b: Span) -> float:
    inter = max(0, min(a.end, b.end) - max(a.start, b.start))
    return inter / (max(a.end, b.end) - min(a.start, b.start))


def rows(
    articles: Sequence[Article],
) -> tuple[list[dict[str, int]], list[int], list[dict[str, int]], list[int]]:
    """Cue rows and content rows (features, labels) of the given articles."""
    cue_x, cue_y, con_x, con_y = [], [], [], []
    for art in articles:
        text = art.doc.text
        heads: dict[int, GoldAttribution] = {}
        for g in art.gold:
            head = _cue_head(art.doc, g.cue) if g.cue is not None else None
            if head is not None:
                heads[head.i] = g
        taken = _taken(art.found)
        for tok in art.doc:
            if not is_candidate(tok) or _covered(tok.idx, taken):
                continue
            in_quote = _covered(tok.idx, art.quotes)
            cue_x.append(dict.fromkeys(cue_features(tok, in_quote), 1))
            gold = heads.get(tok.i)
            cue_y.append(int(gold is not None))
            if gold is None:
                continue
            lo = text.rfind("\n", 0, tok.idx) + 1
            hi = text.find("\n", tok.idx)
            options = content_options(tok, (lo, len(text) if hi < 0 else hi))
            scores = [_jaccard(o.span, gold.content) for o in options]
            if not options or max(scores) < 0.3:
                continue
            best = scores.index(max(scores))
            for k, o in enumerate(options):
                con_x.append(dict.fromkeys(o.features, 1))
                con_y.append(int(k == best))
    return cue_x, cue_y, con_x, con_y


def fit(x: list[dict[str, int]], y: list[int], c: float) -> dict[str, float]:
    """An L2 logistic regression as a sparse feature -> weight map (``bias`` = intercept)."""
    vec = DictVectorizer()
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit(vec.fit_transform(x), y)
    weights = {
        name: round(float(w), 4)
        for name, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(w) >= MIN_WEIGHT
    }
    weights["bias"] = round(weights.get("bias", 0.0) + float(model.intercept_[0]), 4)
    return weights


def keep_rows(articles: Sequence[Article]) -> tuple[list[dict[str, int]], list[int]]:
    """Filter rows: the rules' outermost indirect attributions; positive when the content
    overlaps a gold content."""
    x, y = [], []
    for art in articles:
        for f in art.found:
            if f.nested or f.kind not in FILTERED_KINDS or f.cue is None:
                continue
            in_quote = _covered(f.cue.start, art.quotes)
            x.append(dict.fromkeys(rule_features(art.doc, f, in_quote), 1))
            y.append(int(any(g.content.overlaps(f.content) for g in art.gold)))
    return x, y


def _content_f1(articles: Sequence[Article], tagger: CueTagger | None) -> tuple[float, float]:
    """Content and source overlap F1 as ``rashomon eval attribution`` scores them."""
    counts = {t: [0, 0, 0] for t in ("content", "source")}  # gold, predicted, matched
    for art in articles:
        text = art.doc.text
        pred = predicted_spans(art.doc, text, learned=tagger is not None, tagger=tagger)
        for t, c in counts.items():
            gold = [trim_span(s, text) for s in art.gold_spans[t]]
            mine = [trim_span(s, text) for s in pred[t]]
            c[0] += len(gold)
            c[1] += len(mine)
            c[2] += match_spans(gold, mine)
    f1 = {t: 2 * c[2] / (c[0] + c[1]) if c[0] + c[1] else 0.0 for t, c in counts.items()}
    return f1["content"], f1["source"]


def choose_thresholds(
    held: Sequence[Article],
    cue: dict[str, float],
    content: dict[str, float],
    keep: dict[str, float],
) -> tuple[float, float, dict[str, float]]:
    """The cue threshold, then the filter's, with the best held-out content overlap F1."""
    base, src = _content_f1(held, None)
    print(f"  rules only: content F1 {base:.4f}, source {src:.4f}", flush=True)
    report = {"rules_only": round(base, 4)}
    best_t, best_f = 1.0, base
    for t in (0.3, 0.4, 0.5, 0.6):
        f1, src = _content_f1(held, CueTagger(cue, content, t))
        report[f"cue>={t}"] = round(f1, 4)
        print(f"  cue threshold {t}: content F1 {f1:.4f}, source {src:.4f}", flush=True)
        if f1 > best_f:
            best_t, best_f = t, f1
    best_k = 0.0
    for k in (0.3, 0.4, 0.5):
        f1, src = _content_f1(held, CueTagger(cue, content, best_t, keep, k))
        report[f"keep>={k}"] = round(f1, 4)
        print(f"  keep threshold {k}: content F1 {f1:.4f}, source {src:.4f}", flush=True)
        if f1 > best_f:
            best_k, best_f = k, f1
    return best_t, best_k, report


def _options() -> list[str]:
    """The command-line options that shape the weights (not ``--cache`` or ``--dry-run``)."""
    out, skip = [], False
    for a in sys.argv[1:]:
        if skip or a == "--dry-run":
            skip = False
            continue
        if a == "--cache" or a.startswith("--cache="):
            skip = a == "--cache"
            continue
        out.append(a)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="PolNeAR train split")
    ap.add_argument("--c-cue", type=float, default=0.2)
    ap.add_argument("--c-content", type=float, default=0.5)
    ap.add_argument("--c-keep", type=float, default=0.2)
    ap.add_argument("--limit", type=int, default=None, help="use the first N articles only")
    ap.add_argument("--cache", type=Path, default=None, help="keep the parses in this file")
    ap.add_argument("--dry-run", action="store_true", help="report only; write nothing")
    args = ap.parse_args()
    if "dev" in args.data.parts:
        sys.exit("train on the train split only: the dev split is what the evaluation reports")
    pairs = annotated_pairs(args.data)[: args.limit]
    t0 = time.time()
    articles = load(pairs, args.cache)
    print(f"parsed {len(articles)} articles in {time.time() - t0:.0f} s", flush=True)
    cut = int(len(articles) * (1 - HOLDOUT))
    train, held = articles[:cut], articles[cut:]
    cx, cy, nx, ny = rows(train)
    kx, ky = keep_rows(train)
    print(
        f"cue rows {len(cy)} ({sum(cy)} positive); content rows {len(ny)}; "
        f"filter rows {len(ky)} ({len(ky) - sum(ky)} negative)",
        flush=True,
    )
    threshold, keep_threshold, report = choose_thresholds(
        held, fit(cx, cy, args.c_cue), fit(nx, ny, args.c_content), fit(kx, ky, args.c_keep)
    )
    print(f"thresholds cue {threshold}, keep {keep_threshold}: {report}", flush=True)
    cx, cy, nx, ny = rows(articles)
    kx, ky = keep_rows(articles)
    cue, content = fit(cx, cy, args.c_cue), fit(nx, ny, args.c_content)
    keep = fit(kx, ky, args.c_keep)
    meta = {
        "data": "PolNeAR v1.0.0 train split (text/ + attributions/, first annotator)",
        "data_sha256": data_hash(pairs),
        "articles": len(articles),
        "command": shlex.join(["python", "scripts/train_attribution_cues.py", *_options()]),
        "c_cue": args.c_cue,
        "c_content": args.c_content,
        "c_keep": args.c_keep,
        "heldout_content_overlap_f1": report,
        "spacy": version("spacy"),
        "scikit_learn": version("scikit-learn"),
    }
    print(f"weights: cue {len(cue)}, content {len(content)}, keep {len(keep)}", flush=True)
    if args.dry_run:
        return
    payload = {
        "meta": meta,
        "threshold": threshold,
        "cue": cue,
        "content": content,
        "keep_threshold": keep_threshold,
        "keep": keep,
    }
    OUT.write_text(json.dumps(payload, sort_keys=True, separators=(",", ":")) + "\n", "utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
