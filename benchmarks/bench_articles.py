"""Article-stage throughput on real articles, beside raw spaCy ``nlp.pipe`` on the same texts.

Usage::

    .venv/bin/python benchmarks/bench_articles.py [-n 500] [--shared ../shared]

Prints articles/second and peak resident memory for (a) raw ``nlp.pipe`` over the whole texts,
with stock spaCy and with the model on numpy's BLAS as rashomon loads it, and (b) rashomon's
default article stages (cleaning, metadata, spaCy on body text,
attributions, numbers, dates, hedges). Each part runs in its own process so that peak memory
is measured separately.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _texts(shared: Path, n: int) -> list[tuple[str, str]]:
    files = sorted((shared / "data" / "polnear" / "data" / "train" / "text").glob("*.txt"))
    if not files:
        sys.exit(f"no PolNeAR articles under {shared}/data/polnear/data/train/text")
    return [(str(f), f.read_text(encoding="utf-8")) for f in files[:n]]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _raw(texts: list[tuple[str, str]], queue: mp.Queue) -> None:  # type: ignore[type-arg]
    import spacy

    from rashomon.nlp.pipelines import DEFAULT_MODEL

    nlp = spacy.load(DEFAULT_MODEL)  # stock spaCy: thinc's own BLIS
    start = time.perf_counter()
    for _ in nlp.pipe((t for _, t in texts), batch_size=32):
        pass
    queue.put(("raw nlp.pipe, stock spaCy", len(texts), time.perf_counter() - start, _peak_mb()))


def _raw_numpy(texts: list[tuple[str, str]], queue: mp.Queue) -> None:  # type: ignore[type-arg]
    from rashomon.nlp.pipelines import load_pipeline

    nlp = load_pipeline()  # as rashomon loads it: numpy's BLAS, one thread
    start = time.perf_counter()
    for _ in nlp.pipe((t for _, t in texts), batch_size=32):
        pass
    label = "raw nlp.pipe, numpy BLAS (as rashomon loads it)"
    queue.put((label, len(texts), time.perf_counter() - start, _peak_mb()))


def _stages(texts: list[tuple[str, str]], queue: mp.Queue) -> None:  # type: ignore[type-arg]
    from rashomon.model import Article, ArticleDoc
    from rashomon.nlp.pipelines import load_pipeline
    from rashomon.pipeline import BASE_LAYERS, Pipeline

    load_pipeline()  # model load is not article throughput
    pipeline = Pipeline.from_config()
    docs = [
        ArticleDoc(article=Article(id=Article.make_id(t), source=s, text=t), layers=BASE_LAYERS)
        for s, t in texts
    ]
    start = time.perf_counter()
    done = sum(1 for _ in pipeline.map_articles(docs, on_error="record"))
    elapsed = time.perf_counter() - start
    label = "rashomon article stages (" + ", ".join(s.info.name for s in pipeline.article_stages)
    queue.put((label + ")", done, elapsed, _peak_mb()))


def main() -> None:
    """Run both measurements and print one line each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=500, help="number of articles")
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args()
    texts = _texts(args.shared, args.n)
    words = sum(len(t.split()) for _, t in texts) / len(texts)
    print(f"{len(texts)} PolNeAR articles, {words:.0f} words on average, 1 process")
    ctx = mp.get_context("spawn")
    for target in (_raw, _raw_numpy, _stages):
        queue = ctx.Queue()
        proc = ctx.Process(target=target, args=(texts, queue))
        proc.start()
        label, n, secs, peak = queue.get()
        proc.join()
        print(f"{label}: {n / secs:.2f} articles/s ({secs:.1f} s), peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
