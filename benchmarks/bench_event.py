"""Event-stage cost against the number of claims, on real articles from BASIL.

Usage::

    .venv/bin/python benchmarks/bench_event.py [--claims 250,500,1000,2000] [--shared ../shared]

BASIL's development set tells each of its stories three times (New York Times, Fox News,
HuffPost). Whole triplets are taken in file order until the event holds at least the wanted
number of claims, and the default event stages (entity merging, claims, claim groups,
coverage, numbers, disputes, timeline, brief) run over them once; each stage is timed. Several
triplets pooled into one event are several stories, so this measures cost, not quality. The
article stages run first and are not timed. Printed per size: articles, claims, claim groups,
disputes, seconds per stage and in all, and peak memory (``ru_maxrss`` of this process); then
the growth exponent (least-squares slope of log seconds on log claims).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from bench_scale import exponent, peak_bytes

from rashomon.model import Article, ArticleDoc, EventDoc, content_id
from rashomon.pipeline import BASE_LAYERS, Pipeline

REPO = Path(__file__).resolve().parents[1]


def load_triplets(shared: Path) -> list[list[Article]]:
    """BASIL's stories in file order, each as the list of its (usually three) articles."""
    root = shared / "data" / "basil-dev" / "articles"
    stories: dict[str, list[Article]] = defaultdict(list)
    for path in sorted(root.glob("*/*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        paras = [" ".join(s.strip() for s in p) for p in raw.get("body-paragraphs", [])]
        title = str(raw.get("title", "")).strip()
        text = "\n\n".join([title, *(p for p in paras if p)])
        stories[path.stem.rsplit("_", 1)[0]].append(
            Article(
                id=Article.make_id(text), source=str(path), text=text, title=title or None,
                published=raw.get("date"), outlet=raw.get("source") or None,
            )
        )  # fmt: skip
    if not stories:
        sys.exit(f"no BASIL articles under {root}")
    return list(stories.values())


def main() -> None:
    """Analyse events of growing size and print the cost of each event stage."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--claims", default="250,500,1000,2000", help="comma-separated claim counts to reach"
    )
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args()  # fmt: skip
    targets = sorted(int(x) for x in args.claims.split(","))

    article_stages = Pipeline.from_config(kinds=frozenset({"article"}))
    event_stages = Pipeline.from_config(kinds=frozenset({"event"}))
    triplets = load_triplets(args.shared)
    # Body sentences are the claims' source: analyse triplets until the largest size is
    # surely covered (claims are at most one per sentence clause; sentences bound them).
    analysed: list[list[ArticleDoc]] = []
    sentences = 0
    started = time.perf_counter()
    for story in triplets:
        fresh = [ArticleDoc(article=a, layers=BASE_LAYERS) for a in story]
        done = [d for d in article_stages.map_articles(fresh, on_error="skip")
                if isinstance(d, ArticleDoc)]  # fmt: skip
        analysed.append(done)
        sentences += sum(len(d.sentences) for d in done)
        if sentences >= 1.3 * targets[-1]:
            break
    n_articles = sum(len(s) for s in analysed)
    print(f"article stages (not timed below): {n_articles} BASIL articles, "
          f"{sentences} sentences, {time.perf_counter() - started:.1f} s")  # fmt: skip

    # Warm the models the event stages load (sentence encoder, stance weights) outside the timing.
    warm = EventDoc(id="warm", name="warm", docs=tuple(analysed[0]))
    event_stages.reduce_event(warm, on_error="raise")

    sizes: list[int] = []
    totals: list[float] = []
    header = (
        f"{'claims':>7} {'articles':>8} {'groups':>6} {'disputes':>8} {'seconds':>8}  per stage"
    )
    print(header)
    for target in targets:
        docs: list[ArticleDoc] = []
        for story_docs in analysed:
            docs.extend(story_docs)
            if sum(len(d.sentences) for d in docs) >= target:
                break
        event = EventDoc(
            id=content_id(*sorted(d.id for d in docs)), name=f"{target} claims", docs=tuple(docs)
        )
        per_stage: list[tuple[str, float]] = []
        start = time.perf_counter()
        for built in event_stages.event_stages:
            t = time.perf_counter()
            event = built.stage(event)
            event = replace(event, layers=event.layers | built.info.produces)
            per_stage.append((built.info.name, time.perf_counter() - t))
        total = time.perf_counter() - start
        sizes.append(len(event.claims))
        totals.append(total)
        stages = ", ".join(f"{name} {secs:.2f}" for name, secs in per_stage)
        print(f"{len(event.claims):>7} {len(docs):>8} {len(event.groups):>6} "
              f"{len(event.disputes):>8} {total:>8.2f}  {stages}")  # fmt: skip
    if len(sizes) > 1:
        slope = exponent(sizes, totals)
        print(f"growth exponent (seconds vs claims): {slope:.2f}" if slope is not None else "")
    print(f"peak RSS {peak_bytes(resource.RUSAGE_SELF) / 2**20:.0f} MiB")


if __name__ == "__main__":
    main()
