"""Online story clustering: invented stories, syndicated copies, state round trips, quality gate."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from rashomon.evaluation.clusters import (
    cluster_scores,
    evaluate_clustering,
    format_cluster_report,
    load_cluster_set,
)
from rashomon.model import Article
from rashomon.nlp.encoders import Encoder, get_encoder
from rashomon.streams.clustering import (
    ArticleFeatures,
    ClusterParams,
    StoryClusterer,
    article_lead,
    cheap_entities,
    features,
    features_many,
)


# Invented reports (our own text): three stories, one of them also syndicated word for word.
def _text(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


BRIDGE_1 = _text(
    "Marrowford footbridge collapses into the Tessel river",
    "By Ana Pirelli",
    "The Halden footbridge in Marrowford collapsed into the Tessel river early on Tuesday, "
    "injuring four cyclists, the Marrowford fire service said. Engineers had warned the town "
    "council last year that the steel cables of the Halden bridge were corroding.",
    "Mayor Ivo Brandt said the council would open an inquiry into the inspections.",
)
BRIDGE_2 = _text(
    "Four hurt as Halden bridge gives way in Marrowford",
    "Four cyclists were hurt when the Halden footbridge over the Tessel river in Marrowford gave "
    "way on Tuesday morning, according to the Marrowford fire service.",
    "Mayor Ivo Brandt promised an inquiry after reports that council engineers had flagged "
    "corroded cables on the bridge. Divers searched the river for a fifth person who was later "
    "found safe.",
)
BRIDGE_COPY = BRIDGE_1.replace("By Ana Pirelli", "Lakeside Wire - By Ana Pirelli")
BANK_1 = _text(
    "Veldonian central bank lifts rates to curb inflation",
    "The Bank of Veldonia raised its main interest rate by half a point to 6.5 percent on "
    "Tuesday, its third increase this year, as inflation in Veldonia climbed to 9 percent.",
    "Governor Mirela Kostic said further increases could not be ruled out while fuel prices "
    "keep rising. Exporters in Veldonia warned that dearer credit would hurt factories.",
)
BANK_2 = _text(
    "Bank of Veldonia raises rate again",
    "Veldonia's central bank increased borrowing costs for the third time this year on Tuesday, "
    "taking its benchmark rate to 6.5 percent, Governor Mirela Kostic told reporters.",
    "Inflation in Veldonia reached 9 percent last month, driven by fuel and food prices.",
)
CUP_1 = _text(
    "Ostrava Comets win the Northern Cup in extra time",
    "The Ostrava Comets beat the Riverside Harriers 3-2 after extra time to lift the Northern "
    "Cup on Tuesday night, with striker Paulo Nemec scoring twice.",
    "Coach Greta Sorensen said the win was the proudest moment of her career as thousands of "
    "fans filled the streets of Ostrava.",
)
CUP_2 = _text(
    "Nemec double gives Comets the Northern Cup",
    "Paulo Nemec scored twice as the Ostrava Comets came from behind to defeat the Riverside "
    "Harriers 3-2 in extra time in the Northern Cup final on Tuesday.",
    "Coach Greta Sorensen dedicated the trophy to the supporters of the Ostrava club.",
)

STORIES: dict[str, str] = {
    "bridge-1": BRIDGE_1,
    "bank-1": BANK_1,
    "cup-1": CUP_1,
    "bridge-2": BRIDGE_2,
    "bank-2": BANK_2,
    "bridge-copy": BRIDGE_COPY,
    "cup-2": CUP_2,
}


def _article(key: str, text: str, published: str | None = "2031-05-06") -> Article:
    return Article(id=key, source=f"{key}.txt", text=text, published=published)


@pytest.fixture(scope="module")
def encoder() -> Encoder:
    """The bundled USE encoder (weights ship with the package; nothing is downloaded)."""
    return get_encoder("use.v3")


@pytest.fixture(scope="module")
def story_feats(encoder: Encoder) -> list[ArticleFeatures]:
    """Features of the invented articles, in feed order."""
    return features_many([_article(k, t) for k, t in STORIES.items()], encoder=encoder)


def _partition(assign: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for aid, eid in assign.items():
        groups.setdefault(eid, set()).add(aid)
    return {frozenset(g) for g in groups.values()}


def test_three_stories_and_a_syndicated_copy(story_feats: list[ArticleFeatures]) -> None:
    clusterer = StoryClusterer()
    ids = clusterer.add_many(story_feats)
    assert _partition(dict(zip(STORIES, ids, strict=True))) == {
        frozenset({"bridge-1", "bridge-2", "bridge-copy"}),
        frozenset({"bank-1", "bank-2"}),
        frozenset({"cup-1", "cup-2"}),
    }
    bridge = clusterer.event(ids[0])
    assert bridge.label == "Marrowford footbridge collapses into the Tessel river"
    assert bridge.article_ids == ("bridge-1", "bridge-2", "bridge-copy")
    assert "marrowford" in bridge.top_entities
    assert str(bridge.first) == str(bridge.last) == "2031-05-06"
    assert [e.size for e in clusterer.events] == [3, 2, 2]


def test_copy_scores_higher_than_rewrite(story_feats: list[ArticleFeatures]) -> None:
    by_id = {f.article_id: f for f in story_feats}
    clusterer = StoryClusterer()
    event = clusterer.add(by_id["bridge-1"])
    assert clusterer.score(by_id["bridge-copy"], event) > clusterer.score(by_id["bridge-2"], event)
    assert clusterer.score(by_id["bridge-2"], event) > clusterer.score(by_id["bank-1"], event)


def test_deterministic_given_order(story_feats: list[ArticleFeatures]) -> None:
    first = StoryClusterer().add_many(story_feats)
    again = StoryClusterer().add_many(story_feats)
    assert first == again
    assert len(set(first)) == 3


def test_readding_an_article_changes_nothing(story_feats: list[ArticleFeatures]) -> None:
    clusterer = StoryClusterer()
    ids = clusterer.add_many(story_feats)
    before = clusterer.to_rows()
    assert clusterer.add(story_feats[3]) == ids[3]
    assert clusterer.to_rows() == before


def test_time_window_separates_same_story_a_month_apart(encoder: Encoder) -> None:
    early = features(_article("a", BRIDGE_1, "2031-05-06"), encoder=encoder)
    late = features(_article("b", BRIDGE_2, "2031-06-09"), encoder=encoder)
    undated = features(_article("c", BRIDGE_COPY, None), encoder=encoder)
    clusterer = StoryClusterer()
    first = clusterer.add(early)
    assert clusterer.add(late) != first  # 34 days later: outside the window
    assert clusterer.add(undated) == first  # no date: no window, content decides
    blind = StoryClusterer(ClusterParams(use_dates=False))
    assert blind.add(early) == blind.add(late)


def test_state_round_trips_through_rows_json_and_sqlite(story_feats: list[ArticleFeatures]) -> None:
    head, tail = story_feats[:4], story_feats[4:]
    original = StoryClusterer()
    original.add_many(head)
    rows = original.to_rows()

    # Through SQLite, as the lead would store it.
    db = sqlite3.connect(":memory:")
    db.row_factory = sqlite3.Row
    restored_rows: dict[str, list[dict[str, Any]]] = {}
    for table, table_rows in rows.items():
        cols = list(table_rows[0])
        db.execute(f"CREATE TABLE {table} ({', '.join(cols)})")
        db.executemany(
            f"INSERT INTO {table} VALUES ({', '.join('?' * len(cols))})",
            [tuple(r[c] for c in cols) for r in table_rows],
        )
        restored_rows[table] = [dict(r) for r in db.execute(f"SELECT * FROM {table}")]
    from_db = StoryClusterer.from_rows(restored_rows)
    from_json = StoryClusterer.from_json(original.to_json())

    for copy in (from_db, from_json):
        assert copy.to_rows() == rows
        assert copy.assignments == original.assignments
    expected = original.add_many(tail)
    assert from_db.add_many(tail) == expected
    assert from_json.add_many(tail) == expected
    assert from_db.to_rows() == original.to_rows()


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        (
            "Moreover Trump said the White House would act. Sen. Bob Etheridge's aide agreed.",
            {"trump", "white house", "bob etheridge", "etheridge"},
            {"moreover", "moreover trump", "sen"},
        ),
        (
            "The N.A.A.C.P. and the GOP met in Kansas City on Monday.",
            {"naacp", "gop", "kansas city", "city"},
            {"monday", "the"},
        ),
        ("Although it rained, nobody came.", set(), {"although"}),
    ],
)
def test_cheap_entities(text: str, expected: set[str], absent: set[str]) -> None:
    found = cheap_entities(text)
    assert expected <= found
    assert not absent & found


def test_lead_skips_title_and_byline() -> None:
    title, lead = article_lead(BRIDGE_1)
    assert title == "Marrowford footbridge collapses into the Tessel river"
    assert lead.startswith("The Halden footbridge in Marrowford collapsed")
    assert "Ana Pirelli" not in lead
    assert lead.endswith("were corroding.")  # two sentences
    assert BRIDGE_1[BRIDGE_1.index(lead) :].startswith(lead)  # the lead is verbatim text


def test_cluster_scores_by_hand() -> None:
    gold = {"a": "x", "b": "x", "c": "x", "d": "y"}
    pred = {"a": "1", "b": "1", "c": "2", "d": "2"}
    s = cluster_scores(gold, pred)
    # predicted pairs ab, cd; gold pairs ab, ac, bc.
    assert (s.pair_precision, s.pair_recall) == (0.5, pytest.approx(1 / 3))
    # B-cubed precision: a,b 1; c,d 1/2 -> 0.75; recall: a,b 2/3; c 1/3; d 1 -> 2/3.
    assert s.bcubed_precision == pytest.approx(0.75)
    assert s.bcubed_recall == pytest.approx(2 / 3)
    assert (s.gold_clusters, s.predicted_clusters) == (2, 2)


def test_cluster_set_construction(shared_dir: Path) -> None:
    items = load_cluster_set(shared_dir / "data", split="dev")
    basil = [i for i in items if i.corpus == "basil"]
    assert len(basil) == 60 and len({i.gold for i in basil}) == 20
    dates = [i.article.published or "" for i in items]
    assert dates == sorted(dates)
    train = load_cluster_set(shared_dir / "data", split="train", basil_limit=0)
    # Same-story PolNeAR versions share a gold cluster (8 pairs in train).
    assert len(train) - len({i.gold for i in train}) == 8


def test_eval_quality_gate(shared_dir: Path, encoder: Encoder) -> None:
    report = evaluate_clustering(
        shared_dir / "data", split="dev", encoder=encoder, basil_limit=10, polnear_limit=40
    )
    assert report.articles == 70
    s = report.scores
    # Floors pinned a little under the measured figures (see FLOORS).
    assert s.pair_precision >= FLOORS["pair_precision"]
    assert s.pair_recall >= FLOORS["pair_recall"]
    assert s.bcubed_f1 >= FLOORS["bcubed_f1"]
    text = format_cluster_report(report)
    assert "pairwise P" in text and "B-cubed" in text
    assert replace(report.params, use_dates=True) == report.params


# Measured on this slice (10 BASIL 2013-2014 triplets + 40 PolNeAR dev articles, use.v3):
# pairwise P 1.000 R 0.600, B-cubed F1 0.939.
FLOORS = {"pair_precision": 0.95, "pair_recall": 0.55, "bcubed_f1": 0.92}
