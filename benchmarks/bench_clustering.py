"""Benchmark online story clustering on 1,000 and 10,000 articles built from real news text.

The pool is every PolNeAR train+dev article (924) and every BASIL article (150) from
``../shared/data``: 1,074 real articles. Larger sets repeat the pool; copy ``k`` (k >= 1) of an
article is lightly perturbed so its embedding differs: the ``k``-th sentence (cyclically) of
its first body paragraph is dropped and `` (k)`` is appended to the title. Its date is either

* shifted by ``k`` x 400 days (``archive``: a ten-year archive, events spread over time), or
* kept (``dense``: every copy lands in the same days as its original, as syndicated and
  updated versions do, so each window holds ten times the events and copies should join
  their originals).

Features (title + lead, cheap entities, embedding) are computed once per size; both date modes
are clustered from them. Printed: seconds and articles/s for features and for clustering,
CPU seconds (the machine may be shared), events found, and peak memory
(``resource.getrusage`` max RSS).

Run: ``.venv/bin/python benchmarks/bench_clustering.py [-n 1000,10000] [--threads 1]``
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import resource
import sys
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from rashomon.model import Article
from rashomon.nlp.encoders import USEEncoder
from rashomon.streams.clustering import ArticleFeatures, StoryClusterer, features_many

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
_SENT_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def load_pool(data: Path) -> list[Article]:
    """Every PolNeAR train+dev article and every BASIL article, as :class:`Article` (title,
    date and outlet as the data declares them)."""
    root = data / "polnear" / "data"
    with (root / "metadata.tsv").open(encoding="utf-8", newline="") as fh:
        meta = {r["filename"]: r for r in csv.DictReader(fh, delimiter="\t")}
    out: list[Article] = []
    for split in ("train", "dev"):
        for path in sorted((root / split / "text").glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            m = meta.get(path.stem, {})
            out.append(
                Article(
                    id=Article.make_id(text), source=str(path), text=text,
                    title=m.get("title") or None, published=m.get("publication_date") or None,
                    outlet=m.get("publisher") or None,
                )
            )  # fmt: skip
    for path in sorted((data / "basil-dev" / "articles").glob("*/*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        paras = [" ".join(s.strip() for s in p) for p in raw.get("body-paragraphs", [])]
        title = str(raw.get("title", "")).strip()
        text = "\n\n".join([title, *(p for p in paras if p)])
        out.append(
            Article(
                id=Article.make_id(text), source=str(path), text=text, title=title or None,
                published=raw.get("date"), outlet=raw.get("source") or None,
            )
        )  # fmt: skip
    return out


def perturb(article: Article, k: int) -> Article:
    """Copy ``k`` of an article: one lead sentence dropped, the title marked (see module doc)."""
    if k == 0:
        return article
    paras = article.text.split("\n\n")
    # The first paragraph after the title with more than one sentence loses one sentence.
    for i, para in enumerate(paras[1:], start=1):
        sents = _SENT_RE.split(para)
        if len(sents) > 1:
            del sents[k % len(sents)]
            paras[i] = " ".join(sents)
            break
    title = f"{article.title or paras[0]} ({k})"
    paras[0] = title
    text = "\n\n".join(paras)
    return replace(article, id=Article.make_id(text), text=text, title=title)


def build(pool: list[Article], n: int) -> tuple[list[Article], list[int]]:
    """``n`` articles: the pool repeated with perturbed copies; also each article's copy index."""
    arts: list[Article] = []
    copies: list[int] = []
    k = 0
    while len(arts) < n:
        for a in pool:
            if len(arts) == n:
                break
            arts.append(perturb(a, k))
            copies.append(k)
        k += 1
    return arts, copies


def archive_day(day: date | None, k: int) -> date | None:
    """Archive mode: the date of copy ``k``, ``k`` x 400 days after the original's."""
    return day + timedelta(days=400 * k) if day else None


def shifted(feats: list[ArticleFeatures], copies: list[int]) -> list[ArticleFeatures]:
    """Archive mode: copy ``k`` moved ``k`` x 400 days later."""
    out = []
    for f, k in zip(feats, copies, strict=True):
        out.append(replace(f, published=archive_day(f.published, k)))
    return out


def feed_order(feats: list[ArticleFeatures]) -> list[ArticleFeatures]:
    """Date order, as a feed delivers articles (undated last, stable)."""
    return sorted(feats, key=lambda f: f.published or date.max)


def main() -> None:
    """Run the benchmark and print one block per size."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", default="1000,10000", help="comma-separated sizes")
    ap.add_argument("--threads", type=int, default=1, help="BLAS threads for the encoder")
    ap.add_argument("--data", type=Path, default=DATA)
    args = ap.parse_args()
    pool = load_pool(args.data)
    encoder = USEEncoder(threads=args.threads)
    encoder.encode(["warm up the encoder"])  # load weights outside the timed part
    print(f"pool: {len(pool)} real articles; encoder {encoder.name}, {args.threads} threads")
    for n in (int(x) for x in args.n.split(",")):
        arts, copies = build(pool, n)
        t0, c0 = time.perf_counter(), time.process_time()
        feats = features_many(arts, encoder=encoder)
        t1, c1 = time.perf_counter(), time.process_time()
        print(
            f"\n{n} articles ({max(copies)} perturbed repeats of the pool)\n"
            f"  features:   {t1 - t0:7.1f} s  {n / (t1 - t0):8.1f} articles/s  "
            f"(CPU {c1 - c0:.1f} s)"
        )
        for mode, fs in (("archive", shifted(feats, copies)), ("dense", feats)):
            ordered = feed_order(fs)
            clusterer = StoryClusterer()
            t2, c2 = time.perf_counter(), time.process_time()
            clusterer.add_many(ordered)
            t3, c3 = time.perf_counter(), time.process_time()
            print(
                f"  clustering ({mode:7}): {t3 - t2:6.2f} s  {n / (t3 - t2):8.0f} articles/s  "
                f"(CPU {c3 - c2:.2f} s), {len(clusterer)} events"
            )
        total = t1 - t0 + (t3 - t2)
        print(f"  end to end: {total:7.1f} s  {n / total:8.1f} articles/s")
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        scale = 1 if sys.platform == "darwin" else 1024  # Linux reports KiB, macOS bytes
        print(f"  peak memory (max RSS so far): {rss * scale / 2**20:.0f} MiB")


if __name__ == "__main__":
    main()
