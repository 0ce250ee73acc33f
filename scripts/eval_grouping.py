"""Pairwise precision/recall/F1 of claim grouping on BASIL, per sentence encoder.

BASIL (``../shared/data/basil-dev``) tells each event three times, by the NYT, Fox News and
HuffPost. It has no claim alignment, so the script builds a silver one from the text: two
claims of different outlets in one triplet are the *same claim* when they quote the same words
(a shared run of at least ``--shingle`` words inside quotation marks), and *different* when both
quote something but share no such run. Only pairs of quoting claims are scored; the grouping
itself runs over all claims of the triplet, as it does in the pipeline.

Usage::

    .venv/bin/python scripts/eval_grouping.py [--data DIR] [--limit N]
        [--encoders use.v3,minilm.v1] [--thresholds 0.45,0.5,...]

Prints, per encoder and threshold, the pairwise P/R/F1 and the number of gold pairs, then the
best threshold of each encoder.
"""

from __future__ import annotations

import argparse
import itertools
import json
import pickle
import re
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from rashomon.config import PipelineConfig, StageConfig
from rashomon.extract.article.attributions import find_quotes
from rashomon.extract.event.claims import (
    GroupingWeights,
    claim_features,
    cluster_claims,
    extract_claims,
    group_claims,
    pair_scores,
)
from rashomon.model import Article, ArticleDoc, Claim, EventDoc, Span, content_id
from rashomon.nlp.encoders import Encoder, get_encoder
from rashomon.pipeline import BASE_LAYERS, Pipeline
from rashomon.registry import registry

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "basil-dev"
_WORD_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


@dataclass(frozen=True, slots=True)
class Triplet:
    """One BASIL event: its id and the three outlets' articles."""

    id: str
    articles: tuple[Article, ...]


def load_triplets(data: Path, limit: int | None = None) -> list[Triplet]:
    """Read BASIL articles as :class:`Article` objects, grouped by triplet.

    The text is the title and the body paragraphs, separated by blank lines (the sentences of a
    paragraph joined by spaces), so offsets index a text that reads like a scraped article.
    """
    by_triplet: dict[str, list[Article]] = {}
    for path in sorted(data.glob("articles/*/*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        paras = [" ".join(s.strip() for s in p) for p in raw.get("body-paragraphs", [])]
        text = "\n\n".join([raw.get("title", "").strip(), *(p for p in paras if p)])
        art = Article(id=Article.make_id(text), source=str(path), text=text,
                      outlet=raw["source"], title=raw.get("title"), published=raw.get("date"))
        by_triplet.setdefault(raw["triplet-uuid"], []).append(art)
    out = [Triplet(k, tuple(v)) for k, v in sorted(by_triplet.items()) if len(v) == 3]
    return out[:limit] if limit else out


def _runnable(names: Sequence[str], have: frozenset[str]) -> list[str]:
    """Keep stages in order whose required layers are produced by the kept stages before."""
    kept: list[str] = []
    layers = set(have)
    for name in names:
        info = registry.get(name)
        if info.requires <= layers:
            kept.append(name)
            layers |= info.produces
        else:
            print(f"  (skipping {name}: needs {sorted(info.requires - layers)})", file=sys.stderr)
    return kept


def build_events(triplets: Sequence[Triplet]) -> list[tuple[EventDoc, list[Claim]]]:
    """Run the registered article and pre-claim event stages, then extract claims."""
    default = [s.name for s in PipelineConfig.default().stages]
    names = _runnable([n for n in default if registry.get(n).kind == "article"], BASE_LAYERS)
    art_layers = set(BASE_LAYERS)
    for n in names:
        art_layers |= registry.get(n).produces
    pre = [n for n in default if registry.get(n).kind == "event"
           and n not in {"claims.v1", "groups.v1", "coverage.v1"}
           and not registry.get(n).requires & {"claims", "groups", "coverage"}]
    events = _runnable(pre, frozenset(art_layers))
    pipe = Pipeline.from_config(PipelineConfig(tuple(StageConfig(n) for n in names + events)))
    out: list[tuple[EventDoc, list[Claim]]] = []
    for t in triplets:
        docs = [ArticleDoc(article=a, layers=BASE_LAYERS) for a in t.articles]
        done = [d for d in pipe.map_articles(docs) if isinstance(d, ArticleDoc)]
        event = EventDoc(id=content_id(t.id), name=t.id, docs=tuple(done))
        event = pipe.reduce_event(event)
        claims = [c for d in event.docs for c in extract_claims(replace(d))]
        out.append((replace(event, claims=tuple(claims)), claims))
    return out


def _shingles(text: str, span: Span, quotes: Sequence[Span], n: int
              ) -> frozenset[tuple[str, ...]]:
    """Runs of ``n`` words quoted inside ``span`` (quotes found on the whole article text,
    since a claim span is trimmed of its edge quotation marks)."""
    grams: set[tuple[str, ...]] = set()
    for q in quotes:
        lo, hi = max(q.start, span.start), min(q.end, span.end)
        if lo >= hi:
            continue
        words = _WORD_RE.findall(text[lo:hi].lower())
        grams.update(tuple(words[i : i + n]) for i in range(len(words) - n + 1))
    return frozenset(grams)


def gold_pairs(event: EventDoc, claims: Sequence[Claim], n: int
               ) -> Iterator[tuple[int, int, bool]]:
    """Cross-outlet pairs of quoting claims and whether they quote the same words."""
    quotes = {d.id: find_quotes(d.text) for d in event.docs}
    texts = {d.id: d.text for d in event.docs}
    sh = [_shingles(texts[c.article_id], c.span, quotes[c.article_id], n) for c in claims]
    for i in range(len(claims)):
        if not sh[i]:
            continue
        for j in range(i + 1, len(claims)):
            if sh[j] and claims[i].article_id != claims[j].article_id:
                yield i, j, bool(sh[i] & sh[j])


def show_groups(events: Sequence[tuple[EventDoc, list[Claim]]], encoder: Encoder, n: int
                ) -> None:
    """Print up to ``n`` groups (library defaults) whose claims come from three outlets."""
    print(f"\ngroups spanning three outlets ({encoder.name}, library defaults):")
    shown = 0
    for event, claims in events:
        by_id = {c.id: c for c in claims}
        for g in group_claims(event, claims, encoder=encoder, min_outlets=3):
            print(f"\n  [{event.name[:8]}] {g.label}")
            for cid in g.claim_ids:
                c = by_id[cid]
                print(f"    {event.outlet_of(c.article_id):>4} {c.voice:<10} {c.text}")
            shown += 1
            if shown >= n:
                return


def main(argv: Sequence[str] | None = None) -> int:
    """Run the evaluation and print the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=None, help="first N triplets only")
    ap.add_argument("--encoders", default="use.v3,minilm.v1")
    ap.add_argument("--thresholds", default="0.45,0.5,0.55,0.6,0.65,0.7,0.75,0.8")
    ap.add_argument("--lexical", default="0.0,0.2,0.4",
                    help="comma-separated TF-IDF weights to try (GroupingWeights.lexical)")
    ap.add_argument("--quote", default="0.0",
                    help="comma-separated shared-quote bonuses to try (GroupingWeights.quote); "
                    "the silver pairs are defined by shared quotes, so only the precision of "
                    "a non-zero bonus means anything")
    ap.add_argument("--shingle", type=int, default=5, help="words in a shared quoted run")
    ap.add_argument("--cache", type=Path, default=None,
                    help="pickle of the analysed triplets: read if present, else written")
    ap.add_argument("--show", type=int, default=0,
                    help="print N groups spanning all three outlets (library defaults, first "
                    "encoder)")
    args = ap.parse_args(argv)
    thresholds = [float(x) for x in args.thresholds.split(",")]
    lexicals = [float(x) for x in args.lexical.split(",")]
    quotes = [float(x) for x in args.quote.split(",")]

    t0 = time.time()
    triplets = load_triplets(args.data, args.limit)
    if args.cache is not None and args.cache.exists():
        # Trusted local file written by this script (pickle keeps the frozen dataclasses).
        events = pickle.loads(args.cache.read_bytes())
    else:
        events = build_events(triplets)
        if args.cache is not None:
            args.cache.write_bytes(pickle.dumps(events))
    n_claims = sum(len(c) for _, c in events)
    golds = [list(gold_pairs(ev, cl, args.shingle)) for ev, cl in events]
    n_pos = sum(g for pairs in golds for *_, g in pairs)
    n_pairs = sum(len(p) for p in golds)
    print(f"BASIL: {len(triplets)} triplets, {n_claims} claims, {n_pairs} scored pairs "
          f"({n_pos} same-claim) [{time.time() - t0:.0f}s]")
    best: dict[str, tuple[float, float, float, float, float]] = {}
    for name in args.encoders.split(","):
        try:
            encoder = get_encoder(name)
        except RuntimeError as exc:
            print(f"{name}: not measured ({exc})")
            continue
        t1 = time.time()
        prepared = []
        vec_cache = None if args.cache is None else args.cache.with_suffix(f".{name}.npz")
        if vec_cache is not None and vec_cache.exists():
            stored = np.load(vec_cache)
            vectors = [stored[f"t{k}"] for k in range(len(events))]
        else:
            vectors = [encoder.encode([c.text for c in cl]) for _, cl in events]
            if vec_cache is not None:
                np.savez(vec_cache, **{f"t{k}": v for k, v in enumerate(vectors)})
        for (ev, cl), pairs, vec in zip(events, golds, vectors, strict=True):
            feats = claim_features(ev, cl)
            prepared.append((vec, feats, [c.article_id for c in cl], [c.text for c in cl],
                             pairs))
        enc_s = time.time() - t1
        print(f"\n{name} (encoded in {enc_s:.0f}s)")
        print(f"{'quote':>5} {'lexical':>7} {'threshold':>9} {'P':>6} {'R':>6} {'F1':>6}")
        for quote, lex, th in itertools.product(quotes, lexicals, thresholds):
            w = GroupingWeights(threshold=th, lexical=lex, quote=quote)
            tp = fp = fn = 0
            for vec, feats, arts, texts, pairs in prepared:
                scores = pair_scores(vec, feats, arts, weights=w, texts=texts)
                label = np.empty(len(arts), dtype=int)
                for k, members in enumerate(cluster_claims(scores, feats, th,
                                                           quote_link=quote > 0)):
                    label[members] = k
                for i, j, same in pairs:
                    pred = label[i] == label[j]
                    tp += pred and same
                    fp += pred and not same
                    fn += same and not pred
            p = tp / (tp + fp) if tp + fp else 0.0
            r = tp / (tp + fn) if tp + fn else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            print(f"{quote:>5.2f} {lex:>7.2f} {th:>9.2f} {p:>6.3f} {r:>6.3f} {f:>6.3f}")
            if not quote and (name not in best or f > best[name][4]):
                best[name] = (lex, th, p, r, f)
    if args.show:
        show_groups(events, get_encoder(args.encoders.split(",")[0]), args.show)
    print("\nbest per encoder (no quote bonus):")
    for name, (lex, th, p, r, f) in best.items():
        print(f"  {name}: lexical {lex:.2f} threshold {th:.2f}  P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
