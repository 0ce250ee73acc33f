"""Russian analysis against English translations of the same news: agreement and speed.

Usage::

    .venv/bin/python benchmarks/bench_russian.py [--data ../shared/data/wmt21-ru-en-dev]
        [--json out.json] [--detail]

The data set holds Russian news documents, each with two independent professional English
translations (A and B). The three versions state the same numbers, dates and people and quote
the same sources, so the analysis of the Russian original should agree with the analysis of
translation A about as well as translation B's does. For every document this runs rashomon's
default article stages on the three versions and compares:

* numbers: the set of quantity values found (``Quantity.value``); Jaccard per document;
* dates: the set of calendar dates found (``TimeMention.value``; the documents carry no
  publication date, so month-day dates take ``--year``, 2020 for this set); Jaccard per
  document;
* person names: the set of PERSON entities of the article, compared by surname as the
  entity merge compares them: after romanizing Cyrillic and folding spellings
  (``aliases.translit_key``) a pair counts when the folded surnames are at least 0.88 similar
  (the merge rule's threshold), or when one is a foreign name transcribed into Russian
  (``translit.transcribed``: Гитлер / Hitler); Jaccard per document;
* attributions: the number of attributions; count agreement ``sum(min) / sum(max)`` over the
  documents;
* stories: all 156 versions clustered online with the story clusterer (multilingual USE,
  no dates: the set gives none); B-cubed F1 against the documents.

Per-document Jaccard is averaged over the documents; a document where neither version finds
anything agrees (1.0). The ceiling is translation A against translation B; the target is 0.8
of it. Speed: articles/s of the article stages on the Russian originals and on translation A,
in the same process after both models are loaded.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
VERSIONS = ("ru", "en_A", "en_B")
_ROMAN = re.compile(r"[ivxlc]+|ks[ivxlc]*")  # folded: x -> ks
TARGET = 0.8


def _load(path: Path) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in (path / "input.jsonl").read_text("utf-8").splitlines()]
    if not rows:
        sys.exit(f"no documents in {path}/input.jsonl")
    return rows


def _analyse(
    rows: list[dict[str, Any]], year: int
) -> tuple[dict[tuple[str, str], Any], dict[str, float]]:
    from rashomon.config import PipelineConfig, StageConfig
    from rashomon.model import Article, ArticleDoc, Failure
    from rashomon.nlp.pipelines import load_pipeline
    from rashomon.pipeline import BASE_LAYERS, Pipeline

    load_pipeline()
    try:
        from rashomon.nlp.russian import load_russian
    except ImportError:  # a checkout from before the Russian pipeline: the "now" column
        pass
    else:
        load_russian()
    # No version carries a publication date; month-day dates take the documents' year.
    config = PipelineConfig(tuple(
        StageConfig(sc.name, {"fallback_year": year} if sc.name == "times.rules.v1" else {})
        for sc in PipelineConfig.default().stages
    ))
    pipeline = Pipeline.from_config(config, kinds=frozenset({"article"}))
    out: dict[tuple[str, str], Any] = {}
    rates: dict[str, float] = {}
    # Warm-up: lazy imports and caches of both languages are not article throughput.
    warm = [r for r in rows if r["version"] in ("ru", "en_A")][:2]
    list(pipeline.map_articles([_doc(r, Article, ArticleDoc, BASE_LAYERS) for r in warm]))
    for version in VERSIONS:
        chosen = [r for r in rows if r["version"] == version]
        docs = [_doc(r, Article, ArticleDoc, BASE_LAYERS) for r in chosen]
        start = time.perf_counter()
        results = list(pipeline.map_articles(docs, on_error="record"))
        rates[version] = len(docs) / (time.perf_counter() - start)
        by_source = {d.article.source: d for d in results if not isinstance(d, Failure)}
        for r in chosen:
            out[(r["doc"], version)] = by_source.get(r["doc"])
    return out, rates


def _doc(row: dict[str, Any], article: Any, article_doc: Any, layers: Any) -> Any:
    text = row["text"]
    art = article(
        id=article.make_id(text),
        source=row["doc"],
        text=text,
        title=row.get("title"),
        outlet=row.get("outlet"),
        language=row.get("language"),
        url=row.get("url"),
    )
    return article_doc(article=art, layers=layers)


def _numbers(doc: Any) -> set[float]:
    return {round(q.value, 4) for q in doc.quantities} if doc else set()


def _dates(doc: Any) -> set[str]:
    return {t.value for t in doc.times if t.value} if doc else set()


def _persons(doc: Any) -> list[tuple[str, str]]:
    """``(folded surname, surname as written)`` of each PERSON entity of an article."""
    from rashomon.extract.event.aliases import translit_key

    if doc is None:
        return []
    out: dict[str, str] = {}
    for e in doc.entities:
        # The surname: the last word that is not a regnal number (Louis XII, Людовик XII).
        words = [w for w in translit_key(e.name).split() if not _ROMAN.fullmatch(w)]
        written = [w for w in e.name.split() if not _ROMAN.fullmatch(translit_key(w))]
        if e.label == "PERSON" and words and written:
            out.setdefault(words[-1], written[-1])
    return sorted(out.items())


def _jaccard(a: set[Any], b: set[Any]) -> float:
    return 1.0 if not a and not b else len(a & b) / len(a | b)


def _soft_jaccard(a: list[tuple[str, str]], b: list[tuple[str, str]]) -> float:
    """Jaccard with a one-to-one matching of surnames as rashomon's entity merge compares them:
    folded spellings at least 0.88 alike, or one foreign name transcribed into Russian."""
    from rapidfuzz.distance import Indel

    try:
        from rashomon.extract.event.translit import transcribed
    except ImportError:  # before cross-script names: folded spellings only

        def transcribed(_a: str, _b: str) -> float | None:
            return None

    if not a and not b:
        return 1.0
    pairs = []
    for i, (x, xw) in enumerate(a):
        for j, (y, yw) in enumerate(b):
            score = Indel.normalized_similarity(x, y)
            if score < 0.88 and transcribed(xw, yw) is not None:
                score = 0.88
            pairs.append((score, i, j))
    used_a: set[int] = set()
    used_b: set[int] = set()
    for score, i, j in sorted(pairs, reverse=True):
        if score < 0.88:
            break
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
    matched = len(used_a)
    return matched / (len(a) + len(b) - matched)


def _measures(results: dict[tuple[str, str], Any], docs: list[str], left: str, right: str
              ) -> dict[str, float]:
    nums, dates, persons = [], [], []
    low = high = 0
    for d in docs:
        x, y = results[(d, left)], results[(d, right)]
        nums.append(_jaccard(_numbers(x), _numbers(y)))
        dates.append(_jaccard(_dates(x), _dates(y)))
        persons.append(_soft_jaccard(_persons(x), _persons(y)))
        cx = len(x.attributions) if x else 0
        cy = len(y.attributions) if y else 0
        low += min(cx, cy)
        high += max(cx, cy)
    n = len(docs)
    return {
        "numbers found (Jaccard)": sum(nums) / n,
        "dates found (Jaccard)": sum(dates) / n,
        "person names (Jaccard)": sum(persons) / n,
        "attributions (count agreement)": low / high if high else 1.0,
    }


def _stories(rows: list[dict[str, Any]]) -> tuple[float, int, int]:
    from rashomon.evaluation.clusters import cluster_scores
    from rashomon.model import Article
    from rashomon.nlp.encoders import get_encoder
    from rashomon.streams.clustering import ClusterParams, StoryClusterer, features_many

    arts = [
        Article(id=f"{r['doc']}/{r['version']}", source=r["doc"], text=r["text"],
                title=r.get("title"), language=r.get("language"))
        for r in rows
    ]
    feats = features_many(arts, encoder=get_encoder())
    clusterer = StoryClusterer(ClusterParams())
    pred = {f.article_id: clusterer.add(f) for f in feats}
    gold = {a.id: a.source for a in arts}
    together = defaultdict(set)
    for a in arts:
        together[a.source].add(pred[a.id])
    whole = sum(1 for events in together.values() if len(events) == 1)
    return cluster_scores(gold, pred).bcubed_f1, whole, len(together)


def _detail(results: dict[tuple[str, str], Any], docs: list[str]) -> None:
    for d in docs:
        ru, en = results[(d, "ru")], results[(d, "en_A")]
        print(f"--- {d}")
        print("  numbers ru", sorted(_numbers(ru)), "en", sorted(_numbers(en)))
        print("  dates   ru", sorted(_dates(ru)), "en", sorted(_dates(en)))
        print("  persons ru", _persons(ru), "en", _persons(en))
        print("  attrib  ru", len(ru.attributions) if ru else 0,
              "en", len(en.attributions) if en else 0)


def main() -> None:
    """Analyse the three versions of every document and print agreement and speed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" /
                        "wmt21-ru-en-dev")
    parser.add_argument("--year", type=int, default=2020,
                        help="year of month-day dates (the documents carry no dates)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--detail", action="store_true", help="per-document values")
    args = parser.parse_args()
    rows = _load(args.data)
    docs = sorted({r["doc"] for r in rows})
    results, rates = _analyse(rows, args.year)
    now = _measures(results, docs, "ru", "en_A")
    ceiling = _measures(results, docs, "en_A", "en_B")
    bcubed, whole, total = _stories(rows)
    print(f"{len(docs)} documents x {len(VERSIONS)} versions ({args.data})")
    print(f"{'measure (ru vs en_A; ceiling en_A vs en_B)':46} {'ru':>6} {'ceiling':>8} "
          f"{'target':>7}  met")
    figures: dict[str, Any] = {}
    for name, value in now.items():
        target = TARGET * ceiling[name]
        print(f"{name:46} {value:6.2f} {ceiling[name]:8.2f} {target:7.2f}  "
              f"{'yes' if value >= target else 'NO'}")
        figures[name] = {"ru": value, "ceiling": ceiling[name], "target": target}
    print(f"{'stories: three versions together (B-cubed F1)':46} {bcubed:6.2f} {1.0:8.2f} "
          f"{0.95:7.2f}  {'yes' if bcubed >= 0.95 else 'NO'}  ({whole}/{total} documents whole)")
    figures["stories (B-cubed F1)"] = {"ru": bcubed, "whole": whole, "documents": total}
    ratio = rates["ru"] / rates["en_A"]
    print(f"speed: Russian {rates['ru']:.2f} articles/s, English (translation A) "
          f"{rates['en_A']:.2f} articles/s, ratio {ratio:.2f} (target >= 0.5: "
          f"{'yes' if ratio >= 0.5 else 'NO'})")
    figures["speed"] = {"ru": rates["ru"], "en_A": rates["en_A"], "ratio": ratio}
    if args.detail:
        _detail(results, docs)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
