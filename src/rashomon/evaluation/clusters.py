"""Story-clustering evaluation on BASIL event triplets mixed with PolNeAR single stories.

The labelled set is built from ``<shared>/data`` at run time (nothing is copied):

* **BASIL** (``basil-dev/articles/<year>/<triplet>_{1,2,3}.json``): each triplet is one event
  told by the NYT, Fox News and HuffPost, so its three articles form one gold cluster. The text
  is the title and the body paragraphs (sentences of a paragraph joined by spaces, paragraphs
  by blank lines); ``published`` is the article's ``date``.
* **PolNeAR** (``polnear/data/{train,dev}/text/*.txt``, ``metadata.tsv``): US political news
  from seven outlets, Nov 2015 - Oct 2016, sampled as distinct stories, so each article is its
  own gold cluster, with one exception found by checking the set: articles whose word 6-gram
  shingles overlap by at least 30% of the smaller article's are versions of one story (a rerun
  the next day, a live-updated piece) and share a cluster. In train these are 8 pairs, e.g. the
  Washington Post's "As spotlight shines on Trump and GOP..." of 22 and 23 Dec 2015, and the
  NYT's "Republicans have stake in a deal" / "Polls suggest possibility of deal" (4-5 Mar
  2016); dev has none. Known label noise: two outlets covering the same debate or primary with
  different wording remain separate gold clusters, so precision on PolNeAR is a lower bound.

Splits (never tuned on ``dev``):

* ``train`` (tuning): BASIL 2010-2012 (30 triplets, 90 articles) + PolNeAR train (840).
* ``dev`` (report): BASIL 2013-2014 (20 triplets, 60 articles) + PolNeAR dev (84).

Articles are fed in date order (ties broken by a hash of the article id, so outlets
interleave deterministically), as a feed would deliver them. BASIL (2010-2014) and PolNeAR
(2015-2016) never share dates, and BASIL's events are weeks apart, so with dates the time
window alone separates most BASIL events; what it cannot separate is PolNeAR's few stories a
day, all US politics, which the content terms must tell apart. The report also gives scores
with dates removed (same parameters): what embeddings and entities separate on their own, the
harder case of a dense feed with hundreds of events a day. Threshold and entity weight are
tuned on ``train`` with dates on (the way the clusterer runs).

Scores: pairwise precision/recall/F1 over same-cluster article pairs, and B-cubed
precision/recall/F1 (per-article overlap of predicted and gold clusters, averaged).

Order and harder checks (all built from the same split, nothing copied):

* ``--shuffle SEED`` feeds the articles in a seeded random order instead of date order; the
  clusterer places a batch in a canonical order, so the scores must not change.
* ``--batch N`` feeds them in batches of N (the stream runner's batches) instead of one.
* ``check="lookalike"``: BASIL events only, paired by topic (greedily, most similar mean
  embedding first, e.g. two Benghazi hearings, two congressional primaries); the second event
  of each pair is moved to start five days after the first, and every article's day is
  jittered by up to two days either way (a hash of its id), so look-alike events of one kind
  overlap in time and only names, words and dates can tell them apart.
* ``check="undated"``: the split with every fourth article (by a hash of its id) undated, so
  undated articles must be placed by content, and must not join a look-alike story.
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import json
import random
import re
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path
from typing import Any, Literal

import numpy as np

from rashomon.nlp.encoders import DEFAULT_ENCODER, Encoder, get_encoder
from rashomon.streams.clustering import (
    ArticleFeatures,
    ClusterParams,
    StoryClusterer,
    features_many,
)

from ..errors import RashomonError
from ..model import Article

__all__ = [
    "CHECKS",
    "ClusterReport",
    "LabelledArticle",
    "build_check",
    "cluster_feed",
    "cluster_scores",
    "evaluate_clustering",
    "format_cluster_report",
    "load_cluster_set",
    "tune_clustering",
]

Split = Literal["train", "dev"]
Check = Literal["given", "lookalike", "undated"]
CHECKS: tuple[Check, ...] = ("given", "lookalike", "undated")
_BASIL_YEARS: dict[str, tuple[str, ...]] = {
    "train": ("2010", "2011", "2012"),
    "dev": ("2013", "2014"),
}
_SHINGLE = 6
_SAME_STORY_OVERLAP = 0.3
_LOOKALIKE_GAP_DAYS = 5
_JITTER_DAYS = 2
_UNDATED_EVERY = 4
_WORD_RE = re.compile(r"\w+")

# The shared development data beside a source checkout (``<repo>/../shared/data``).
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[4] / "shared" / "data"


@dataclass(frozen=True, slots=True)
class LabelledArticle:
    """An article with its gold cluster label and where it came from."""

    article: Article
    gold: str
    corpus: str  # "basil" or "polnear"


def _basil(data: Path, years: Sequence[str], limit: int | None) -> list[LabelledArticle]:
    out: list[LabelledArticle] = []
    triplets: dict[str, list[LabelledArticle]] = defaultdict(list)
    for year in years:
        for path in sorted((data / "basil-dev" / "articles" / year).glob("*.json")):
            raw = json.loads(path.read_text(encoding="utf-8"))
            paras = [" ".join(s.strip() for s in p) for p in raw.get("body-paragraphs", [])]
            title = str(raw.get("title", "")).strip()
            text = "\n\n".join([title, *(p for p in paras if p)])
            art = Article(
                id=Article.make_id(text), source=str(path), text=text, outlet=raw.get("source"),
                title=title or None, published=raw.get("date"),
            )  # fmt: skip
            trip = str(raw["triplet-uuid"])
            triplets[trip].append(LabelledArticle(art, f"basil:{trip}", "basil"))
    for trip in sorted(triplets)[:limit]:
        out.extend(triplets[trip])
    return out


def _shingles(text: str) -> set[str]:
    words = _WORD_RE.findall(text.casefold())
    return {" ".join(words[i : i + _SHINGLE]) for i in range(len(words) - _SHINGLE + 1)}


def _same_story_groups(arts: Sequence[Article]) -> dict[str, str]:
    """Map article id -> id of the first article of its same-story group (shingle overlap)."""
    sh = {a.id: _shingles(a.text) for a in arts}
    inverted: dict[str, list[str]] = defaultdict(list)
    for a in arts:
        for g in sh[a.id]:
            inverted[g].append(a.id)
    shared: Counter[tuple[str, str]] = Counter()
    for ids in inverted.values():
        if 1 < len(ids) <= 5:  # a shingle in many articles is a stock phrase, not a copy
            for x, y in itertools.combinations(sorted(set(ids)), 2):
                shared[(x, y)] += 1
    parent = {a.id: a.id for a in arts}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for (x, y), n in sorted(shared.items()):
        small = min(len(sh[x]), len(sh[y]))
        if small and n / small >= _SAME_STORY_OVERLAP:
            rx, ry = find(x), find(y)
            if rx != ry:
                parent[max(rx, ry)] = min(rx, ry)
    return {a.id: find(a.id) for a in arts}


def _polnear(data: Path, split: str, limit: int | None) -> list[LabelledArticle]:
    root = data / "polnear" / "data"
    meta: dict[str, dict[str, str]] = {}
    with (root / "metadata.tsv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            meta[row["filename"]] = row
    arts: list[Article] = []
    for path in sorted((root / split / "text").glob("*.txt"))[:limit]:
        text = path.read_text(encoding="utf-8")
        m = meta.get(path.stem, {})
        title = m.get("title") or None
        arts.append(
            Article(
                id=Article.make_id(text), source=str(path), text=text,
                outlet=m.get("publisher") or None, title=title,
                published=m.get("publication_date") or None,
            )
        )  # fmt: skip
    groups = _same_story_groups(arts)
    return [LabelledArticle(a, f"polnear:{groups[a.id]}", "polnear") for a in arts]


def load_cluster_set(
    shared_data_dir: Path,
    *,
    split: Split = "dev",
    basil_limit: int | None = None,
    polnear_limit: int | None = None,
) -> list[LabelledArticle]:
    """The labelled clustering set of one split, in feed (date) order.

    Args:
        shared_data_dir: the shared ``data`` folder (with ``basil-dev`` and ``polnear``).
        split: ``"train"`` (tuning) or ``"dev"`` (report).
        basil_limit: keep only the first N BASIL triplets (by id) of the split.
        polnear_limit: keep only the first N PolNeAR articles (by file name) of the split.

    Returns:
        Labelled articles sorted by date, ties by a hash of the article id.

    Raises:
        RashomonError: the data folders are missing.
    """
    if split not in _BASIL_YEARS:
        raise RashomonError(f"unknown split {split!r}; use 'train' or 'dev'")
    for sub in ("basil-dev/articles", "polnear/data"):
        if not (shared_data_dir / sub).is_dir():
            raise RashomonError(
                f"{shared_data_dir / sub} not found: pass the shared data folder "
                "(the one holding basil-dev/ and polnear/)"
            )
    items = _basil(shared_data_dir, _BASIL_YEARS[split], basil_limit)
    items += _polnear(shared_data_dir, split, polnear_limit)

    def key(x: LabelledArticle) -> tuple[str, str]:
        return (x.article.published or "", hashlib.sha256(x.article.id.encode()).hexdigest())

    return sorted(items, key=key)


# --------------------------------------------------------------------------------------------
# Scores


@dataclass(frozen=True, slots=True, kw_only=True)
class ClusterScores:
    """Pairwise and B-cubed precision/recall/F1 of a clustering against gold."""

    pair_precision: float
    pair_recall: float
    pair_f1: float
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    gold_clusters: int
    predicted_clusters: int


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def cluster_scores(gold: Mapping[str, str], predicted: Mapping[str, str]) -> ClusterScores:
    """Score a clustering.

    Args:
        gold: item -> gold cluster label.
        predicted: item -> predicted cluster label (same items).

    Returns:
        Pairwise and B-cubed scores. Pairwise precision is 1.0 when no pair is predicted.
    """
    items = sorted(gold)
    joint: Counter[tuple[str, str]] = Counter((gold[i], predicted[i]) for i in items)
    g_size = Counter(gold[i] for i in items)
    p_size = Counter(predicted[i] for i in items)

    def pairs(n: int) -> int:
        return n * (n - 1) // 2

    tp = sum(pairs(n) for n in joint.values())
    pred_pairs = sum(pairs(n) for n in p_size.values())
    gold_pairs = sum(pairs(n) for n in g_size.values())
    pp = tp / pred_pairs if pred_pairs else 1.0
    pr = tp / gold_pairs if gold_pairs else 1.0
    n = len(items) or 1
    bp = sum(c * c / p_size[pl] for (_, pl), c in joint.items()) / n
    br = sum(c * c / g_size[gl] for (gl, _), c in joint.items()) / n
    return ClusterScores(
        pair_precision=pp, pair_recall=pr, pair_f1=_f1(pp, pr),
        bcubed_precision=bp, bcubed_recall=br, bcubed_f1=_f1(bp, br),
        gold_clusters=len(g_size), predicted_clusters=len(p_size),
    )  # fmt: skip


# --------------------------------------------------------------------------------------------
# Harder checks built from a split


Labelled = tuple[LabelledArticle, ArticleFeatures]


def _hash(text: str, modulo: int) -> int:
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest(), 16) % modulo


def _topic_pairs(groups: Mapping[str, Sequence[Labelled]]) -> list[tuple[str, str]]:
    """Pair gold events greedily by the cosine of their mean embeddings, most similar first."""
    keys = sorted(groups)
    mean = {}
    for k in keys:
        v = np.mean([f.vector for _, f in groups[k]], axis=0)
        mean[k] = v / (np.linalg.norm(v) or 1.0)
    sims = sorted(
        ((float(mean[a] @ mean[b]), a, b) for a, b in itertools.combinations(keys, 2)),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    used: set[str] = set()
    pairs = []
    for _, a, b in sims:
        if a not in used and b not in used:
            used.update((a, b))
            pairs.append((a, b))
    return pairs


def _lookalike(items: Sequence[Labelled]) -> list[Labelled]:
    groups: dict[str, list[Labelled]] = defaultdict(list)
    for it, f in items:
        if it.corpus == "basil" and f.published is not None:
            groups[it.gold].append((it, f))
    out: list[Labelled] = []
    for a, b in _topic_pairs(groups):
        start = min(f.published for _, f in groups[a] if f.published)
        for key, to in ((a, start), (b, start + timedelta(days=_LOOKALIKE_GAP_DAYS))):
            base = min(f.published for _, f in groups[key] if f.published)
            for it, f in groups[key]:
                assert f.published is not None
                jitter = _hash(f.article_id + ":jitter", 2 * _JITTER_DAYS + 1) - _JITTER_DAYS
                day = f.published - base + to + timedelta(days=jitter)
                out.append((it, replace(f, published=day)))
    return out


def build_check(items: Sequence[Labelled], check: Check) -> list[Labelled]:
    """The labelled articles of one check (see the module docstring), in date order.

    Args:
        items: the split's articles with their features.
        check: ``"given"`` (as is), ``"lookalike"`` or ``"undated"``.

    Returns:
        The check's articles, dated ones by day, undated last, ties by a hash of the id.
    """
    if check == "lookalike":
        out = _lookalike(items)
    elif check == "undated":
        out = [
            (it, replace(f, published=None) if _hash(f.article_id, _UNDATED_EVERY) == 0 else f)
            for it, f in items
        ]
    else:
        out = list(items)

    def key(x: Labelled) -> tuple[str, str]:
        day = x[1].published.isoformat() if x[1].published is not None else "9999"
        return day, hashlib.sha256(x[1].article_id.encode()).hexdigest()

    return sorted(out, key=key)


# --------------------------------------------------------------------------------------------
# Evaluation


@dataclass(frozen=True, slots=True, kw_only=True)
class ClusterReport:
    """The result of :func:`evaluate_clustering`."""

    split: str
    encoder: str
    articles: int
    scores: ClusterScores
    scores_without_dates: ClusterScores
    params: ClusterParams
    feature_seconds: float
    cluster_seconds: float
    check: str = "given"
    order: str = "date order"
    batch: int | None = None
    split_events: tuple[tuple[str, ...], ...] = ()  # gold events split apart (titles)
    merged_stories: tuple[tuple[str, ...], ...] = ()  # predicted events mixing gold ones

    @property
    def articles_per_s(self) -> float:
        """End-to-end throughput: features (embedding) plus clustering, with dates."""
        total = self.feature_seconds + self.cluster_seconds
        return self.articles / total if total > 0 else float("inf")


def cluster_feed(
    feats: Sequence[ArticleFeatures], params: ClusterParams, *, batch: int | None = None
) -> dict[str, str]:
    """Cluster articles in the order given, in batches of ``batch`` (one batch when None).

    Returns:
        Article id -> event id, after the last batch (merges included).
    """
    clusterer = StoryClusterer(params)
    size = batch or max(len(feats), 1)
    for i in range(0, len(feats), size):
        clusterer.add_many(feats[i : i + size])
    return clusterer.assignments


def _errors(
    items: Sequence[Labelled], pred: Mapping[str, str], limit: int = 6
) -> tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]]:
    by_gold: dict[str, list[Labelled]] = defaultdict(list)
    by_pred: dict[str, list[Labelled]] = defaultdict(list)
    for it in items:
        by_gold[it[0].gold].append(it)
        by_pred[pred[it[1].article_id]].append(it)

    def label(x: Labelled) -> str:
        it, f = x
        return f"{it.article.outlet} {f.published}: {(it.article.title or '')[:70]}"

    split = [
        tuple(label(i) for i in g) for g in by_gold.values()
        if len({pred[i[1].article_id] for i in g}) > 1
    ]  # fmt: skip
    merged = [
        tuple(label(i) for i in p) for p in by_pred.values() if len({i[0].gold for i in p}) > 1
    ]
    return tuple(split[:limit]), tuple(merged[:limit])


def _feed(items: Sequence[Labelled], shuffle: int | None) -> list[Labelled]:
    out = list(items)
    if shuffle is not None:
        random.Random(shuffle).shuffle(out)
    return out


def evaluate_clustering(
    shared_data_dir: Path,
    *,
    split: Split = "dev",
    params: ClusterParams | None = None,
    encoder: Encoder | None = None,
    basil_limit: int | None = None,
    polnear_limit: int | None = None,
    check: Check = "given",
    shuffle: int | None = None,
    batch: int | None = None,
) -> ClusterReport:
    """Cluster one split of the labelled set and score it against gold.

    Args:
        shared_data_dir: the shared ``data`` folder.
        split: ``"dev"`` to report, ``"train"`` for the tuning part.
        params: clustering parameters; the tuned defaults when None.
        encoder: the sentence encoder; ``get_encoder("use.v3")`` when None.
        basil_limit: first N BASIL triplets only (for quick runs).
        polnear_limit: first N PolNeAR articles only.
        check: ``"given"``, ``"lookalike"`` or ``"undated"`` (see the module docstring).
        shuffle: feed in the random order of this seed instead of date order.
        batch: feed in batches of this many articles (one batch when None).

    Returns:
        Scores with and without dates, timings and a few errors.
    """
    labelled = load_cluster_set(
        shared_data_dir, split=split, basil_limit=basil_limit, polnear_limit=polnear_limit
    )
    enc = encoder or get_encoder(DEFAULT_ENCODER)
    params = params or ClusterParams()
    t0 = time.perf_counter()
    feats = features_many([it.article for it in labelled], encoder=enc)
    t1 = time.perf_counter()
    items = _feed(build_check(list(zip(labelled, feats, strict=True)), check), shuffle)
    fs = [f for _, f in items]
    t2 = time.perf_counter()
    pred = cluster_feed(fs, replace(params, use_dates=True), batch=batch)
    t3 = time.perf_counter()
    pred_nodate = cluster_feed(fs, replace(params, use_dates=False), batch=batch)
    gold = {f.article_id: it.gold for it, f in items}
    split_ev, merged = _errors(items, pred)
    return ClusterReport(
        split=split, encoder=enc.name, articles=len(items),
        scores=cluster_scores(gold, pred), scores_without_dates=cluster_scores(gold, pred_nodate),
        params=replace(params, use_dates=True), feature_seconds=t1 - t0, cluster_seconds=t3 - t2,
        check=check, order="date order" if shuffle is None else f"shuffled (seed {shuffle})",
        batch=batch, split_events=split_ev, merged_stories=merged,
    )  # fmt: skip


_GRID: dict[str, tuple[float, ...]] = {
    "threshold": (1.2, 1.3),
    "keyword_weight": (4.5, 5.5, 6.5),
    "merge_threshold": (1.05, 1.1, 1.15, 1.2),
}


def tune_clustering(
    shared_data_dir: Path,
    *,
    encoder: Encoder | None = None,
    grid: Mapping[str, Iterable[float]] | None = None,
    base: ClusterParams | None = None,
) -> list[tuple[float, ClusterParams, dict[str, ClusterScores]]]:
    """Grid-search the clusterer's cut-offs and weights on the ``train`` split only.

    The objective is the mean over the three checks (given, lookalike, undated; date order,
    one batch) of the mean of pairwise F1 and B-cubed F1.

    Args:
        shared_data_dir: the shared ``data`` folder.
        encoder: the sentence encoder; ``use.v3`` when None.
        grid: parameter name -> candidate values (default: threshold, keyword weight and
            merge threshold around the defaults).
        base: the parameters the grid varies (the defaults when None).

    Returns:
        ``(objective, params, scores per check)`` for every grid point, best first.
    """
    labelled = load_cluster_set(shared_data_dir, split="train")
    feats = features_many([it.article for it in labelled], encoder=encoder or get_encoder())
    checks = {c: build_check(list(zip(labelled, feats, strict=True)), c) for c in CHECKS}
    grid = grid or _GRID
    names = sorted(grid)
    out: list[tuple[float, ClusterParams, dict[str, ClusterScores]]] = []
    for values in itertools.product(*(tuple(grid[n]) for n in names)):
        changes: dict[str, Any] = dict(zip(names, values, strict=True))
        params = replace(base or ClusterParams(), **changes)
        scores: dict[str, ClusterScores] = {}
        for c, items in checks.items():
            gold = {f.article_id: it.gold for it, f in items}
            scores[c] = cluster_scores(gold, cluster_feed([f for _, f in items], params))
        obj = sum((s.pair_f1 + s.bcubed_f1) / 2 for s in scores.values()) / len(scores)
        out.append((obj, params, scores))
    out.sort(key=lambda t: (-t[0], repr(t[1])))
    return out


def _line(name: str, s: ClusterScores) -> str:
    return (
        f"  {name:<14} pairwise P {s.pair_precision:.3f} R {s.pair_recall:.3f} "
        f"F1 {s.pair_f1:.3f} | B-cubed P {s.bcubed_precision:.3f} R {s.bcubed_recall:.3f} "
        f"F1 {s.bcubed_f1:.3f} | clusters gold {s.gold_clusters} predicted "
        f"{s.predicted_clusters}"
    )


def format_cluster_report(report: ClusterReport, *, errors: int = 4) -> str:
    """Render a :class:`ClusterReport` as plain text.

    Args:
        report: the report.
        errors: how many split and merged clusters to list.

    Returns:
        The text, several lines.
    """
    p = report.params
    batches = "one batch" if report.batch is None else f"batches of {report.batch}"
    lines = [
        f"Story clustering, split {report.split}, check {report.check}: {report.articles} "
        f"articles, {report.order}, {batches}, encoder {report.encoder}",
        f"  params: threshold {p.threshold} entity_weight {p.entity_weight} keyword_weight "
        f"{p.keyword_weight} merge_threshold {p.merge_threshold} window_days {p.window_days} "
        f"day_penalty {p.day_penalty}",
        _line("with dates", report.scores),
        _line("without dates", report.scores_without_dates),
        f"  speed: {report.articles_per_s:.1f} articles/s end to end "
        f"(features {report.feature_seconds:.1f} s, clustering {report.cluster_seconds:.2f} s)",
    ]
    if errors and report.split_events:
        lines.append("  gold events split apart:")
        for ev in report.split_events[:errors]:
            lines.extend(f"    - {t}" for t in ev)
            lines.append("")
    if errors and report.merged_stories:
        lines.append("  predicted events mixing stories:")
        for ev in report.merged_stories[:errors]:
            lines.extend(f"    - {t}" for t in ev)
            lines.append("")
    return "\n".join(lines).rstrip()


if __name__ == "__main__":  # pragma: no cover - manual runs: python -m ...clusters [DATA] [--tune]
    import sys

    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    data = Path(args[0]) if args else DEFAULT_DATA_DIR
    if "--tune" in sys.argv:
        for obj, prm, sc in tune_clustering(data)[:10]:
            print(f"{obj:.3f} th={prm.threshold} kw={prm.keyword_weight} "
                  f"merge={prm.merge_threshold}")
            for c, scores in sc.items():
                print(_line(c, scores))
    else:
        splits: tuple[Split, ...] = ("train", "dev") if "--all" in sys.argv else ("dev",)
        for sp in splits:
            for c in CHECKS:
                print(format_cluster_report(evaluate_clustering(data, split=sp, check=c)))
