"""Time against article length for long single lines (prose, and pathological runs) and for
pages of many short lines.

Usage::

    .venv/bin/python benchmarks/bench_long_lines.py [--sizes 10000,50000,100000,1000000]
        [--kinds prose,letters,quotes,words,lines] [--budget 30] [--stages article|all]

Each article is one line of ``size`` characters: ``prose`` (invented sentences), ``letters``
(one letter repeated), ``quotes`` (one quotation mark repeated), ``words`` ("Ab " repeated);
``lines`` is the same prose broken into lines of about 80 characters (a long scraped page: the
cleaner compares lines with each other).
It goes through the default article stages (``--stages all``: the event stages too, on an
event of that one article) with the per-article time budget the CLI uses, after a warm-up
article that loads the models. Printed per article: wall seconds, CPU seconds of this
process (on a busy machine the wall time is the larger), the slowest stage, and whether it was
analysed or refused (with the reason). Linear stages show time growing in step with size.
"""

from __future__ import annotations

import argparse
import textwrap
import time
from collections.abc import Callable
from dataclasses import replace

from rashomon.config import PipelineConfig
from rashomon.fuzz.corpus import one_line_prose
from rashomon.model import Article, ArticleDoc, EventDoc, Failure
from rashomon.pipeline import BASE_LAYERS, Pipeline


def prose(n: int) -> str:
    """Invented sentences on one line, ``n`` characters."""
    return one_line_prose(n, seed=n)


def lines(n: int) -> str:
    """The prose of :func:`prose` in lines of about 80 characters."""
    return textwrap.fill(prose(n), width=80)


KINDS: dict[str, Callable[[int], str]] = {
    "prose": prose,
    "lines": lines,
    "letters": lambda n: "A" * n,
    "quotes": lambda n: "\u201c" * n,
    "words": lambda n: ("Ab " * (n // 3 + 1))[:n],
}


def _doc(text: str, name: str) -> ArticleDoc:
    article = Article(id=Article.make_id(text), source=name, text=text, format="txt")
    return ArticleDoc(article=article, layers=BASE_LAYERS)


def _slowest(pipe: Pipeline, doc: ArticleDoc) -> tuple[str, float]:
    """The slowest article stage on ``doc`` and its seconds (a second, untimed-budget run)."""
    best = ("", 0.0)
    docs = [doc]
    for built in pipe.article_stages:
        start = time.perf_counter()
        docs = [replace(d, layers=d.layers | built.info.produces) for d in built.run_batch(docs)]
        took = time.perf_counter() - start
        best = max(best, (built.info.name, took), key=lambda x: x[1])
    return best


def run(sizes: list[int], kinds: list[str], budget: float | None, with_events: bool) -> None:
    """Print one row per (kind, size)."""
    pipe = Pipeline.from_config(PipelineConfig.default())
    pipe.warm_up()
    print(f"{'kind':<8} {'chars':>9} {'wall s':>7} {'cpu s':>7}  outcome")
    for kind in kinds:
        for size in sizes:
            doc = _doc("Headline\n\n" + KINDS[kind](size), f"{kind}-{size}")
            wall, cpu = time.perf_counter(), time.process_time()
            [out] = list(pipe.map_articles([doc], on_error="record", budget=budget))
            if isinstance(out, ArticleDoc) and with_events:
                event = EventDoc(id="bench", name="bench", docs=(out,))
                pipe.reduce_event(event, on_error="record", budget=budget)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            if isinstance(out, Failure):
                outcome = f"refused: {out.reason}"
            else:
                stage, took = _slowest(pipe, doc) if size <= 200_000 else ("", 0.0)
                outcome = "analysed" + (f" (slowest stage {stage} {took:.2f} s)" if stage else "")
            print(f"{kind:<8} {size:>9,} {wall:>7.2f} {cpu:>7.2f}  {outcome}", flush=True)


def main() -> None:
    """Parse arguments and run."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,50000,100000,1000000")
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--budget", type=float, default=30.0,
                    help="seconds per article, as --max-article-seconds (0: none)")
    ap.add_argument("--stages", choices=["article", "all"], default="article")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    kinds = [k for k in args.kinds.split(",") if k]
    for k in kinds:
        if k not in KINDS:
            ap.error(f"unknown kind {k!r}; choose from {', '.join(KINDS)}")
    run(sizes, kinds, args.budget or None, args.stages == "all")


if __name__ == "__main__":
    main()
