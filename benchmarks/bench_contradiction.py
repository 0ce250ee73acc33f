"""Benchmark the contradiction scorer on candidate sentence pairs of real three-outlet events.

For each BASIL triplet in ``../shared/data/basil-dev`` (NYT, Fox News, HuffPost on one story) the
candidate pairs are the ``--pairs`` cross-outlet sentence pairs with the most shared content
words (what a dispute stage would ask about). Printed per run:

* cold: a fresh scorer (empty embedding cache) per story: seconds per story (median, max) and
  pairs/s, encoding the pairs' sentences included;
* warm: the same pairs again (embeddings cached): pairs/s of features + networks alone;
* encoder: sentences/s of the encoder alone on the same sentences.

Run: ``.venv/bin/python benchmarks/bench_contradiction.py [--events 20] [--pairs 200]``
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import statistics
import time
from pathlib import Path

from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

from rashomon.extract.event.contradiction import ContradictionScorer
from rashomon.extract.event.stance import sentence_spans
from rashomon.nlp.encoders import get_encoder

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "basil-dev" / "articles"
_WORD = re.compile(r"[a-z]{4,}")


def load_triplets(limit: int) -> list[list[list[str]]]:
    """Up to ``limit`` triplets, each as three lists of body sentences."""
    by_triplet: dict[str, list[Path]] = {}
    for path in sorted(DATA.glob("*/*.json")):
        by_triplet.setdefault(path.name.rsplit("_", 1)[0], []).append(path)
    out = []
    for paths in list(by_triplet.values())[:limit]:
        docs = []
        for p in paths:
            raw = json.loads(p.read_text(encoding="utf-8"))["body-paragraphs"]
            paras = ast.literal_eval(raw) if isinstance(raw, str) else raw
            text = "\n\n".join(" ".join(par) for par in paras)
            docs.append([s.of(text) for s in sentence_spans(text)])
        out.append(docs)
    return out


def candidate_pairs(docs: list[list[str]], k: int) -> list[tuple[str, str]]:
    """The ``k`` cross-article sentence pairs sharing the most content words."""
    words = [[frozenset(_WORD.findall(s.lower())) for s in d] for d in docs]
    scored = []
    for i in range(len(docs)):
        for j in range(i + 1, len(docs)):
            for a, wa in zip(docs[i], words[i], strict=True):
                for b, wb in zip(docs[j], words[j], strict=True):
                    if wa and wb:
                        scored.append((len(wa & wb) / len(wa | wb), a, b))
    scored.sort(key=lambda t: -t[0])
    return [(a, b) for _, a, b in scored[:k]]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--events", type=int, default=20)
    ap.add_argument("--pairs", type=int, default=200, help="candidate pairs per story")
    args = ap.parse_args()
    # one BLAS thread, as the analysis sets for its process (nlp/pipelines.use_numpy_blas):
    # the matrices are small, and two threads on a busy 2-core machine ran ten times slower
    threadpool_limits(limits=1, user_api="blas")
    stories = [candidate_pairs(d, args.pairs) for d in load_triplets(args.events)]
    enc = get_encoder("use.v3")
    enc.encode(["warm up"])
    ContradictionScorer.load(encoder=enc).scores([("a b c.", "d e f.")])  # load, first call

    cold, warm = [], []
    n_pairs = n_sents = 0
    t_enc = 0.0
    for pairs in stories:
        scorer = ContradictionScorer.load(encoder=enc)
        t0 = time.perf_counter()
        scorer.scores(pairs)
        cold.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        scorer.scores(pairs)
        warm.append(time.perf_counter() - t0)
        sents = list(dict.fromkeys(s for p in pairs for s in p))
        t0 = time.perf_counter()
        enc.encode(sents)
        t_enc += time.perf_counter() - t0
        n_pairs += len(pairs)
        n_sents += len(sents)
    print(f"{len(stories)} stories, {n_pairs} pairs, {n_sents} distinct sentences; "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"cold (encoding included): {statistics.median(cold):.3f} s/story median, "
          f"{max(cold):.3f} max; {n_pairs / sum(cold):.0f} pairs/s")
    print(f"warm (embeddings cached): {statistics.median(warm):.3f} s/story median; "
          f"{n_pairs / sum(warm):.0f} pairs/s")
    print(f"encoder alone: {n_sents / t_enc:.0f} sentences/s")


if __name__ == "__main__":
    main()
