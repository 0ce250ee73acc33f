"""`rashomon eval contradiction` and its helpers (evaluation/contradiction.py)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from rashomon.cli import cli
from rashomon.evaluation.contradiction import (
    binary_f1,
    combined_stance,
    evaluate_contradiction,
    read_nli,
)


@pytest.mark.parametrize(("gold", "pred", "expected"), [
    ([1, 1, 0, 0], [1, 0, 1, 0], (0.5, 0.5, 0.5)),
    ([1, 1, 0, 0], [1, 1, 0, 0], (1.0, 1.0, 1.0)),
    ([1, 0], [0, 0], (0.0, 0.0, 0.0)),
    ([0, 0], [1, 1], (0.0, 0.0, 0.0)),
])
def test_binary_f1(gold: list[int], pred: list[int], expected: tuple[float, ...]) -> None:
    assert binary_f1(gold, pred) == pytest.approx(expected)


def test_combined_stance_takes_disagree_from_the_scorer_only() -> None:
    # columns: agree, disagree, discuss, unrelated
    proba = np.array([[0.1, 0.6, 0.2, 0.1],   # stance says disagree, scorer says no
                      [0.7, 0.1, 0.1, 0.1],   # stance says agree, scorer says yes
                      [0.1, 0.1, 0.1, 0.7]])  # unrelated either way
    assert combined_stance(proba, np.array([0.1, 0.9, 0.2]), 0.5) == [
        "discuss", "disagree", "unrelated"]


def _nli(tmp_path: Path, rows: list[dict[str, str]]) -> Path:
    path = tmp_path / "nli.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_read_nli_names_the_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"premise": "a", "hypothesis": "b", "label": "neutral", "split": "dev"}\n'
                    '{"premise": "a"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="line 2"):
        read_nli(path)


ROWS = [
    {"premise": "Police said 12 people were killed.",
     "hypothesis": "Police said 31 people were killed.", "label": "contradiction",
     "split": "dev"},
    {"premise": "The minister confirmed the talks had collapsed.",
     "hypothesis": "The minister denied the talks had collapsed.", "label": "contradiction",
     "split": "dev"},
    {"premise": "The talks collapsed on Monday.",
     "hypothesis": "The talks broke down on Monday.", "label": "entailment", "split": "dev"},
    {"premise": "The bridge reopened.", "hypothesis": "Cars crossed the bridge again.",
     "label": "entailment", "split": "test"},
]


@pytest.mark.model
def test_evaluate_on_nli_pairs_we_wrote(tmp_path: Path) -> None:
    report = evaluate_contradiction(None, _nli(tmp_path, ROWS), splits=("dev", "test"))
    assert report.fnc_pairs == 0
    assert report.nli["dev"][0] == 3 and report.nli["test"][0] == 1
    precision, recall, f1 = report.nli["dev"][1]
    assert recall >= 0.5 and 0.0 < precision <= 1.0 and 0.0 < f1 <= 1.0


@pytest.mark.model
def test_cli_prints_the_figures(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", "contradiction", "--nli",
                                      str(_nli(tmp_path, ROWS)), "--split", "dev"])
    assert result.exit_code == 0, result.output
    assert "NLI dev: 3 pairs, contradiction" in result.output
    assert "threshold:" in result.output


def test_cli_needs_some_data() -> None:
    result = CliRunner().invoke(cli, ["eval", "contradiction"])
    assert result.exit_code != 0 and "--fnc" in result.output
