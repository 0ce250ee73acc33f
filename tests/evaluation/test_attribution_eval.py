"""Quality gate: attribution spans on a fixed slice of PolNeAR dev must not regress.

Floors live in ``eval_baseline_attribution.json`` (a little under the measured scores); raise
them when the extractor improves. Full figures: ``rashomon eval attribution DIR``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rashomon.evaluation.attribution import (
    SPAN_TYPES,
    evaluate_attribution,
    format_attribution_report,
    match_spans,
    read_brat_attributions,
    trim_span,
)
from rashomon.model import Span

BASELINE = Path(__file__).with_name("eval_baseline_attribution.json")


def test_match_spans_is_one_to_one_and_greedy_by_overlap() -> None:
    gold = [Span(0, 10), Span(20, 30)]
    # The long prediction overlaps both golds but may match only one: the larger overlap.
    assert match_spans(gold, [Span(5, 25)]) == 1
    assert match_spans(gold, [Span(0, 10), Span(0, 10)]) == 1
    assert match_spans(gold, [Span(9, 21), Span(0, 3)]) == 2
    assert match_spans(gold, [Span(10, 20)]) == 0


@pytest.mark.parametrize(
    ("text", "span", "trimmed"),
    [
        ('He said, "yes." ', Span(3, 16), 'said, "yes."'),
        ("MAYOR: We will rebuild.", Span(5, 7), ":"),  # a colon cue keeps its colon
        ("Come home -- Ana", Span(9, 13), "--"),
        ("a , b", Span(1, 4), ","),
        ("word", Span(0, 4), "word"),
    ],
)
def test_trim_span_keeps_a_punctuation_only_span(text: str, span: Span, trimmed: str) -> None:
    assert trim_span(span, text).of(text) == trimmed


def test_read_brat_discontinuous_and_multiline(tmp_path: Path) -> None:
    ann = tmp_path / "a.ann"
    ann.write_text(
        "T1\tSource 0 5\tPeter\n"
        "T2\tCue 6 10\tsaid\n"
        "T3\tContent 12 20;25 30\tline one\nline two\n"
        "E1\tAttribution:T2 Source:T1 Content:T3\n"
        "T4\tDiscard 40 45\tjunk\n",
        encoding="utf-8",
    )
    spans = read_brat_attributions(ann)
    assert spans == {"source": [Span(0, 5)], "cue": [Span(6, 10)], "content": [Span(12, 30)]}


@pytest.mark.model
def test_polnear_dev_slice_meets_floors(shared_dir: Path) -> None:
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    split = shared_dir / "data" / "polnear" / "data" / baseline["split"]
    report = evaluate_attribution(split, limit=baseline["limit"])
    assert report.documents == baseline["limit"]
    text = format_attribution_report(report)
    for span_type in SPAN_TYPES:
        for mode in ("exact", "overlap"):
            scores = getattr(report, mode)[span_type]
            floor = baseline["f1_floor"][mode][span_type]
            assert scores.f1 >= floor, f"{span_type} {mode} F1 fell below {floor}\n{text}"
