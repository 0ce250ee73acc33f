"""Quality gate: TempEval-3 scores of the temporal tagger on a fixed slice must not regress."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rashomon.errors import RashomonError
from rashomon.evaluation.timex import evaluate_timex, format_timex_report, read_timeml

BASELINE = Path(__file__).with_name("eval_baseline_timex.json")


@pytest.fixture(scope="module")
def tempeval_dir(shared_dir: Path) -> Path:
    """The TempEval-3 training data (TimeBank + AQUAINT)."""
    path = shared_dir / json.loads(BASELINE.read_text())["data"]
    if not path.is_dir():
        pytest.skip(f"TempEval-3 data not found: {path}")
    return path


def test_timex_gate(tempeval_dir: Path) -> None:
    base = json.loads(BASELINE.read_text())
    report = evaluate_timex(tempeval_dir, limit=base["limit"])
    assert report.documents == base["limit"]
    assert report.strict.n_gold == base["gold_timexes"]  # the slice itself has not changed
    text = format_timex_report(report)
    for key, prf in (
        ("strict_f1", report.strict),
        ("relaxed_f1", report.relaxed),
        ("value_f1", report.value),
    ):
        assert prf.f1 >= base["floors"][key], f"{key} regressed below its floor\n{text}"


def test_read_timeml_offsets(tempeval_dir: Path) -> None:
    path = sorted(tempeval_dir.rglob("*.tml"))[0]
    doc = read_timeml(path)
    assert doc.gold
    for g in doc.gold:
        assert doc.text[g.start : g.end] == g.text and g.text.strip()


def test_report_format_and_errors(tempeval_dir: Path, tmp_path: Path) -> None:
    report = evaluate_timex(tempeval_dir, limit=2)
    text = format_timex_report(report)
    assert "strict extent" in text and "value" in text
    assert 0.0 <= report.value.f1 <= report.relaxed.f1 <= 1.0
    with pytest.raises(RashomonError):
        evaluate_timex(tmp_path)
