"""Tests for the event evaluation against gold files (evaluation/event.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rashomon.errors import RashomonError
from rashomon.evaluation.event import evaluate_event, format_event_report

TEXT_A = "At least 12 people died in the Orvik mill fire on Monday, the fire service said."
TEXT_B = "Owners denied the claim. Workers said the alarm was too general to act on."


def _write(tmp: Path, gold: dict[str, object], analysis: dict[str, object]) -> tuple[Path, Path]:
    (tmp / "out").mkdir()
    (tmp / "out" / "analysis.json").write_text(json.dumps(analysis), "utf-8")
    (tmp / "gold.json").write_text(json.dumps(gold), "utf-8")
    return tmp / "gold.json", tmp / "out"


def _span(text: str, part: str) -> dict[str, int]:
    start = text.index(part)
    return {"start": start, "end": start + len(part)}


def _analysis() -> dict[str, object]:
    return {
        "articles": [
            {"id": "a", "source": "ev/a.txt", "text": TEXT_A, "outlet": "Ledger",
             "published": "2031-01-07T10:00:00Z", "author": None, "duplicate_of": None},
            {"id": "b", "source": "ev/feed.jsonl:2", "text": TEXT_B, "outlet": "Times",
             "published": None, "author": None, "duplicate_of": None},
        ],
        "entities": [{"name": "Orvik Mill", "aliases": ["Orvik Mill", "the mill"]}],
        "attributions": [],
        "quantities": [{"id": "q1", "article": "a", "slot": "killed", "value": 12.0,
                        "qualifier": "at least", **_span(TEXT_A, "At least 12 people")},
                       {"id": "q2", "article": "a", "slot": "killed", "value": 3.0,
                        "qualifier": None, **_span(TEXT_A, "Monday")}],
        "times": [{"id": "t1", "article": "a", "date": "2031-01-05", "granularity": "day",
                   **_span(TEXT_A, "Monday")}],
        "hedges": [],
        "timeline": [{"date": "2031-01-05"}, {"date": "2031-01-06"}],
        "disputes": [{
            "question": "Was the alarm specific?",
            "sides": [
                {"position": "too general", "holders": ["Workers"], "outlets": ["Times"],
                 "evidence": [{"article": "b", **_span(TEXT_B, "too general to act on")}]},
                {"position": "denied", "holders": ["Owners"], "outlets": ["Times"],
                 "evidence": [{"article": "b", **_span(TEXT_B, "Owners denied the claim.")}]},
            ],
        }, {"question": "Unrelated?", "sides": []}],
    }


def _gold() -> dict[str, object]:
    return {
        "event": "Orvik mill fire",
        "articles": [{"file": "a.txt", "outlet": "Ledger", "published": "2031-01-07"},
                     {"file": "feed.jsonl", "line": 2, "outlet": "Times"}],
        "entities": [{"name": "Orvik Mill", "aliases": ["the mill", "Orvik"]}],
        "numbers": [{"file": "a.txt", "slot": "killed", "value": 12, "qualifier": "at least",
                     "text": "At least 12 people died"}],
        "times": [{"file": "a.txt", "text": "on Monday", "date": "2031-01-05"}],
        "disputes": [{
            "question": "Was the alarm too general?",
            "sides": [
                {"position": "yes", "holders": ["Workers"], "outlets": ["Times"],
                 "evidence": [{"file": "feed.jsonl", "line": 2, "snippet": "too general"}]},
                {"position": "no", "holders": ["Owners", "the mill"], "outlets": ["Times"],
                 "evidence": [{"file": "feed.jsonl", "line": 2, "snippet": "denied the claim"}]},
            ],
        }],
    }


def test_scores_are_computed_from_overlapping_spans(tmp_path: Path) -> None:
    report = evaluate_event(*_write(tmp_path, _gold(), _analysis()))
    meta = report.section("articles.meta")
    assert (meta.gold, meta.matched) == (3, 3)
    aliases = report.section("entities.aliases")
    assert (aliases.gold, aliases.matched) == (2, 1)  # "Orvik" alone was not merged
    numbers = report.section("numbers")
    assert (numbers.gold, numbers.matched, numbers.predicted, numbers.precision) == (1, 1, 2, 0.5)
    times = report.section("times")
    assert (times.matched, dict(times.extra)["date accuracy"]) == (1, 1.0)
    timeline = report.section("timeline.dates")
    assert (timeline.recall, timeline.precision) == (1.0, 0.5)
    disputes = report.section("disputes")
    assert (disputes.gold, disputes.matched, disputes.predicted) == (1, 1, 2)
    extra = dict(disputes.extra)
    assert extra["side recall"] == 1.0
    assert extra["holder recall"] == pytest.approx(2 / 3)  # "the mill" holds no side
    assert extra["evidence recall"] == 1.0
    text = format_event_report(report)
    assert "disputes" in text and "holder recall 0.667" in text


def test_a_dispute_needs_two_matched_sides(tmp_path: Path) -> None:
    analysis = _analysis()
    disputes = analysis["disputes"]
    assert isinstance(disputes, list)
    disputes[0]["sides"] = disputes[0]["sides"][:1]
    report = evaluate_event(*_write(tmp_path, _gold(), analysis))
    assert report.section("disputes").matched == 0
    assert any("not found" in m for m in report.section("disputes").misses)


def test_missing_analysis_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "gold.json").write_text("{}", "utf-8")
    with pytest.raises(RashomonError, match="analyze"):
        evaluate_event(tmp_path / "gold.json", tmp_path / "nowhere")


@pytest.fixture(scope="module")
def kresny_report(examples_dir: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from rashomon.api import build_event, write_json

    event = build_event([examples_dir / "kresny-dam-collapse"])
    out = tmp_path_factory.mktemp("kresny")
    write_json(event, out / "analysis.json")
    return evaluate_event(examples_dir / "gold" / "kresny-dam-collapse.json", out)


@pytest.mark.model
def test_bundled_example_disputes_and_numbers(kresny_report) -> None:  # type: ignore[no-untyped-def]
    disputes = kresny_report.section("disputes")
    assert (disputes.gold, disputes.matched, disputes.predicted) == (7, 7, 7), disputes.misses
    extra = dict(disputes.extra)
    assert extra["side recall"] == 1.0 and extra["outlet recall"] == 1.0
    assert extra["holder recall"] == 1.0 and extra["evidence recall"] >= 0.95
    matched = [m for m in disputes.misses if m.startswith("matched:")]
    assert any("killed" in m for m in matched) and any("injured" in m for m in matched)
    assert any("specific" in m for m in matched)
    numbers = kresny_report.section("numbers")
    assert dict(numbers.extra)["core slot accuracy"] == 1.0


@pytest.mark.model
def test_bundled_example_finds_every_gold_item(kresny_report) -> None:  # type: ignore[no-untyped-def]
    """The example's gold file is matched in full: every section's recall is 100%."""
    recalls = {s.name: s.recall for s in kresny_report.sections if s.recall is not None}
    assert len(recalls) >= 10
    assert {k: v for k, v in recalls.items() if v < 1.0} == {}
    assert dict(kresny_report.section("times").extra)["date accuracy"] == 1.0
    assert dict(kresny_report.section("quotes").extra)["speaker accuracy"] >= 0.98
